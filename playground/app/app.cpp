// draw_app(): the menu bar, the window layout on first use, and each open window.
#include "playground/app/app.hpp"

#include <imgui.h>

#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

void draw_app(AppState& app) {
    if (!app.started) {
        app.started = true;
        request_shell(app, app.startup);
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu(id("Workspace"))) {
            if (ImGui::MenuItem(id("Export to a file"))) request_workspace_action(app, "exportFile");
            if (ImGui::MenuItem(id("Import a file..."))) request_workspace_action(app, "importFile");
            if (ImGui::MenuItem(id("Copy share link"))) request_workspace_action(app, "shareLink");
            ImGui::Separator();
            if (ImGui::MenuItem(id("Reset to the example"))) request_workspace_action(app, "reset");
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(id("Windows"))) {
            ImGui::MenuItem(id("Shell"), nullptr, &app.show_shell);
            ImGui::MenuItem(id("SQL"), nullptr, &app.show_sql);
            ImGui::MenuItem(id("Results"), nullptr, &app.show_results);
            ImGui::MenuItem(id("Models"), nullptr, &app.show_models);
            ImGui::MenuItem(id("Schema"), nullptr, &app.show_schema);
            ImGui::MenuItem(id("Data"), nullptr, &app.show_data);
            ImGui::MenuItem(id("Deploy"), nullptr, &app.show_deploy);
            ImGui::MenuItem(id("Help"), nullptr, &app.show_help);
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(id("Shell"))) {
            ImGui::MenuItem(id("Query counts beside statements"), nullptr, &app.shell.show_query_counts);
            if (ImGui::MenuItem(id("Stop"), "Esc", false, app.shell.running)) request_stop();
            if (ImGui::MenuItem(id("Clear output"))) app.shell.entries.clear();
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(id("Language"))) {
            if (ImGui::MenuItem("English", nullptr, language() == Language::kEnglish)) set_language(Language::kEnglish);
            if (ImGui::MenuItem("한국어", nullptr, language() == Language::kKorean)) set_language(Language::kKorean);
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu(id("Help"))) {
            ImGui::MenuItem(id("ORM cheat sheet and tours"), nullptr, &app.show_help);
            ImGui::MenuItem(id("Keyboard shortcuts"), nullptr, &app.show_about);
            ImGui::EndMenu();
        }
        ImGui::TextDisabled("|  gramlab - Django 3.2 ORM 놀이터  |  %s", tr(app.status.c_str()));
        ImGui::EndMainMenuBar();
    }
    // First layout, below the menu bar: Shell on the left 50%; SQL above Results on the right.
    const float top = vp->Pos.y + ImGui::GetFrameHeight() + 6;
    const ImVec2 avail(vp->Size.x, vp->Size.y - (top - vp->Pos.y));
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 6, top), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.5f - 9, avail.y - 6), ImGuiCond_FirstUseEver);
    if (app.show_shell) draw_shell_window(app, &app.show_shell);
    const float right = vp->Pos.x + avail.x * 0.5f + 3, right_w = avail.x * 0.5f - 9;
    ImGui::SetNextWindowPos(ImVec2(right, top), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(right_w, avail.y * 0.42f - 6), ImGuiCond_FirstUseEver);
    if (app.show_sql) draw_sql_window(app, &app.show_sql);
    ImGui::SetNextWindowPos(ImVec2(right, top + avail.y * 0.42f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(right_w, avail.y * 0.58f - 6), ImGuiCond_FirstUseEver);
    if (app.show_results) draw_results_window(app, &app.show_results);
    // Models, Schema and Data open over the Shell (Windows menu).
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 40, top + 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.62f, avail.y - 50), ImGuiCond_FirstUseEver);
    if (app.show_models) draw_models_window(app, &app.show_models);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 70, top + 30), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.8f, avail.y - 70), ImGuiCond_FirstUseEver);
    if (app.show_schema) draw_schema_window(app, &app.show_schema);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 100, top + 40), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.75f, avail.y - 90), ImGuiCond_FirstUseEver);
    if (app.show_data) draw_data_window(app, &app.show_data);
    // Deploy and Help open on the right half.
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + avail.x * 0.2f, top + 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.78f, avail.y - 20), ImGuiCond_FirstUseEver);
    if (app.show_deploy) draw_deploy_window(app, &app.show_deploy);
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + avail.x * 0.45f, top + 30), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(avail.x * 0.53f, avail.y * 0.7f), ImGuiCond_FirstUseEver);
    if (app.show_help) draw_help_window(app, &app.show_help);
    if (app.show_about) {
        ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
        if (ImGui::Begin(id("Keyboard shortcuts"), &app.show_about)) {
            ImGui::BulletText("%s", tr("Ctrl+Enter: run the input"));
            ImGui::BulletText("%s", tr("Enter: new line (multi-line blocks)"));
            ImGui::BulletText("%s", tr("Up / Down on a one-line input: history"));
            ImGui::BulletText("%s", tr("Esc: stop the running statement"));
            ImGui::BulletText("%s", tr("Ctrl+C / Ctrl+X / Ctrl+V: copy, cut, paste (system clipboard)"));
            ImGui::BulletText("%s", tr("Ctrl+A: select all in a text field; Ctrl+Z / Ctrl+Y: undo, redo"));
        }
        ImGui::End();
    }
    if (app.shell.running && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) request_stop();
}

}  // namespace gramlab::playground

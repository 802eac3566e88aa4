// draw_app(): the menu bar, the window layout on first use, and each open window.
#include "playground/app/app.hpp"

#include <imgui.h>

#include "playground/app/core_bridge.hpp"

namespace gramlab::playground {

void draw_app(AppState& app) {
    if (!app.started) {
        app.started = true;
        request_shell(app, app.startup);
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    if (ImGui::BeginMainMenuBar()) {
        if (ImGui::BeginMenu("Windows")) {
            ImGui::MenuItem("Shell", nullptr, &app.show_shell);
            ImGui::MenuItem("SQL", nullptr, &app.show_sql);
            ImGui::MenuItem("Results", nullptr, &app.show_results);
            ImGui::MenuItem("Models", nullptr, &app.show_models);
            ImGui::MenuItem("Schema", nullptr, &app.show_schema);
            ImGui::MenuItem("Data", nullptr, &app.show_data);
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Shell")) {
            ImGui::MenuItem("Query counts beside statements", nullptr, &app.shell.show_query_counts);
            if (ImGui::MenuItem("Stop", "Esc", false, app.shell.running)) request_stop();
            if (ImGui::MenuItem("Clear output")) app.shell.entries.clear();
            ImGui::EndMenu();
        }
        if (ImGui::BeginMenu("Help")) {
            ImGui::MenuItem("Keyboard shortcuts", nullptr, &app.show_about);
            ImGui::EndMenu();
        }
        ImGui::TextDisabled("|  gramlab - Django 3.2 ORM 놀이터  |  %s", app.status.c_str());
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
    if (app.show_about) {
        ImGui::SetNextWindowSize(ImVec2(420, 0), ImGuiCond_FirstUseEver);
        if (ImGui::Begin("Keyboard shortcuts", &app.show_about)) {
            ImGui::BulletText("Ctrl+Enter: run the input");
            ImGui::BulletText("Enter: new line (multi-line blocks)");
            ImGui::BulletText("Up / Down on a one-line input: history");
            ImGui::BulletText("Esc: stop the running statement");
        }
        ImGui::End();
    }
    if (app.shell.running && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) request_stop();
}

}  // namespace gramlab::playground

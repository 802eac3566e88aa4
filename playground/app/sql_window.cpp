// The SQL window: every query of every shell statement (SQL as Django's connection.queries
// shows it, bound parameters, time), grouped per statement with its query count.
#include <string>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

void draw_sql_window(AppState& app, bool* p_open) {
    if (!ImGui::Begin(id("SQL"), p_open)) {
        ImGui::End();
        return;
    }
    const auto& entries = app.shell.entries;
    int total = 0;
    double total_ms = 0;
    for (const auto& e : entries) {
        total += static_cast<int>(e.queries.size());
        for (const auto& q : e.queries) total_ms += q.ms;
    }
    ImGui::Text("%d statements, %d queries, %.2f ms", static_cast<int>(entries.size()), total, total_ms);
    ImGui::Separator();
    if (ImGui::BeginChild("queries")) {
        for (size_t i = 0; i < entries.size(); ++i) {
            const ShellEntry& e = entries[i];
            ImGui::PushID(static_cast<int>(i));
            std::string first_line = e.statement.substr(0, e.statement.find('\n'));
            if (first_line.size() > 60) first_line = first_line.substr(0, 57) + "...";
            std::string header = "[" + std::to_string(i + 1) + "] " + first_line + "  -  " +
                                 std::to_string(e.queries.size()) + (e.queries.size() == 1 ? " query" : " queries");
            ImGuiTreeNodeFlags tf = i + 1 == entries.size() ? ImGuiTreeNodeFlags_DefaultOpen : 0;
            if (e.queries.empty()) tf |= ImGuiTreeNodeFlags_Leaf;
            if (ImGui::TreeNodeEx("stmt", tf, "%s", header.c_str())) {
                if (!e.queries.empty() &&
                    ImGui::BeginTable("q", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                                  ImGuiTableFlags_SizingStretchProp)) {
                    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
                    ImGui::TableSetupColumn("SQL", ImGuiTableColumnFlags_WidthStretch, 5);
                    ImGui::TableSetupColumn("params", ImGuiTableColumnFlags_WidthStretch, 1.5f);
                    ImGui::TableSetupColumn("ms", ImGuiTableColumnFlags_WidthFixed, 56);
                    ImGui::TableHeadersRow();
                    for (size_t k = 0; k < e.queries.size(); ++k) {
                        const QueryView& q = e.queries[k];
                        ImGui::TableNextRow();
                        ImGui::TableNextColumn();
                        ImGui::Text("%d", static_cast<int>(k + 1));
                        ImGui::TableNextColumn();
                        ImGui::TextWrapped("%s", q.sql.c_str());
                        ImGui::TableNextColumn();
                        ImGui::TextWrapped("%s", q.params.c_str());
                        ImGui::TableNextColumn();
                        ImGui::Text("%.3f", q.ms);
                    }
                    ImGui::EndTable();
                }
                ImGui::TreePop();
            }
            ImGui::PopID();
        }
        if (app.sql.seen != entries.size()) ImGui::SetScrollHereY(1.0f);
        app.sql.seen = entries.size();
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace gramlab::playground

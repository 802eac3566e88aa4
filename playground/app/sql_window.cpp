// The SQL window: every query of every shell statement (SQL as Django's connection.queries
// shows it, bound parameters, time), grouped per statement with its query count; N+1 patterns
// flagged as "13 queries → 1" with the select_related / prefetch_related rewrite offered (one
// click runs it); when each QuerySet was evaluated and when its result cache was reused; and
// EXPLAIN QUERY PLAN of any query on demand, in plain words with the index it used or could use.
#include <cctype>
#include <string>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

const ImVec4 kWarn(1.0f, 0.70f, 0.30f, 1.0f);
const ImVec4 kGood(0.40f, 0.85f, 0.50f, 1.0f);
const ImVec4 kDim(0.60f, 0.60f, 0.65f, 1.0f);

void remember(float* rect) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    rect[0] = a.x;
    rect[1] = a.y;
    rect[2] = b.x;
    rect[3] = b.y;
}

bool in(const std::vector<int>& v, int x) {
    for (int i : v)
        if (i == x) return true;
    return false;
}

}  // namespace

std::string rewrite_with_fix(const std::string& statement, const std::string& model_label, const std::string& fix) {
    const std::string model = model_label.substr(model_label.find('.') + 1);
    const std::string manager = model + ".objects";
    size_t at = statement.find(manager);
    while (at != std::string::npos && at > 0 &&
           (std::isalnum(static_cast<unsigned char>(statement[at - 1])) || statement[at - 1] == '_'))
        at = statement.find(manager, at + 1);
    if (at == std::string::npos || fix.empty()) return "";
    const size_t end = at + manager.size();
    return statement.substr(0, end) + "." + fix + statement.substr(end);
}

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
    std::string run_rewrite;
    for (float* r : {app.sql.explain_rect, app.sql.rewrite_rect}) r[0] = r[1] = r[2] = r[3] = 0;
    // A new statement scrolls the list to its header (its N+1 note and rewrite come first).
    const bool scroll_to_newest = app.sql.seen != entries.size();
    if (ImGui::BeginChild("queries")) {
        for (size_t i = 0; i < entries.size(); ++i) {
            const ShellEntry& e = entries[i];
            const bool newest = i + 1 == entries.size();
            if (newest && scroll_to_newest) ImGui::SetScrollHereY(0.0f);
            ImGui::PushID(static_cast<int>(i));
            std::string first_line = e.statement.substr(0, e.statement.find('\n'));
            if (first_line.size() > 60) first_line = first_line.substr(0, 57) + "...";
            std::string header = "[" + std::to_string(i + 1) + "] " + first_line + "  -  " +
                                 std::to_string(e.queries.size()) + (e.queries.size() == 1 ? " query" : " queries");
            if (!e.n_plus_one.empty()) header += "  (N+1)";
            ImGuiTreeNodeFlags tf = i + 1 == entries.size() ? ImGuiTreeNodeFlags_DefaultOpen : 0;
            if (e.queries.empty() && e.evaluations.empty()) tf |= ImGuiTreeNodeFlags_Leaf;
            if (!e.n_plus_one.empty()) ImGui::PushStyleColor(ImGuiCol_Text, kWarn);
            const bool open = ImGui::TreeNodeEx("stmt", tf, "%s", header.c_str());
            if (!e.n_plus_one.empty()) ImGui::PopStyleColor();
            if (open) {
                // N+1: what repeats, and the rewrite.
                for (size_t k = 0; k < e.n_plus_one.size(); ++k) {
                    const NPlusOneView& n = e.n_plus_one[k];
                    ImGui::PushID(static_cast<int>(k));
                    ImGui::TextColored(kWarn, "N+1: %s.%s loaded once per row: %d queries → %d with %s",
                                       n.model.c_str(), n.relation.c_str(), n.queries_before, n.queries_after, n.fix.c_str());
                    std::string rewrite = rewrite_with_fix(e.statement, n.model, n.fix);
                    if (!rewrite.empty()) {
                        ImGui::Indent();
                        ImGui::BeginDisabled(app.shell.running);
                        if (ImGui::SmallButton(id("Run the rewrite"))) run_rewrite = rewrite;
                        ImGui::EndDisabled();
                        if (newest && k == 0) remember(app.sql.rewrite_rect);
                        ImGui::SameLine();
                        ImGui::TextColored(kGood, "%s", rewrite.c_str());
                        ImGui::Unindent();
                    }
                    ImGui::PopID();
                }
                // When each QuerySet ran or reused its cache.
                for (const auto& ev : e.evaluations) {
                    if (ev.cache_reused)
                        ImGui::TextColored(kDim, "%s QuerySet: result cache reused (%s), no query", ev.model.c_str(),
                                           ev.reason.c_str());
                    else
                        ImGui::TextColored(kDim, "%s QuerySet evaluated (%s) → query %d", ev.model.c_str(),
                                           ev.reason.c_str(), ev.query + 1);
                }
                if (!e.queries.empty() &&
                    ImGui::BeginTable("q", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                                  ImGuiTableFlags_SizingStretchProp)) {
                    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 24);
                    ImGui::TableSetupColumn("SQL", ImGuiTableColumnFlags_WidthStretch, 5);
                    ImGui::TableSetupColumn("params", ImGuiTableColumnFlags_WidthStretch, 1.5f);
                    ImGui::TableSetupColumn("ms", ImGuiTableColumnFlags_WidthFixed, 56);
                    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 64);
                    ImGui::TableHeadersRow();
                    for (size_t k = 0; k < e.queries.size(); ++k) {
                        const QueryView& q = e.queries[k];
                        bool repeated = false;
                        for (const auto& n : e.n_plus_one) repeated |= in(n.queries, static_cast<int>(k));
                        ImGui::PushID(static_cast<int>(k));
                        ImGui::TableNextRow();
                        if (repeated)
                            ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(0.45f, 0.28f, 0.05f, 0.55f)));
                        ImGui::TableNextColumn();
                        ImGui::Text("%d", static_cast<int>(k + 1));
                        ImGui::TableNextColumn();
                        ImGui::TextWrapped("%s", q.sql.c_str());
                        auto ex = app.sql.explains.find({i, k});
                        if (ex != app.sql.explains.end()) {
                            const ExplainView& v = ex->second;
                            if (v.busy) ImGui::TextDisabled("EXPLAIN QUERY PLAN...");
                            if (!v.error.empty()) ImGui::TextColored(kWarn, "%s", v.error.c_str());
                            for (const auto& st : v.steps) {
                                ImGui::Indent(12.0f * static_cast<float>(st.depth + 1));
                                ImGui::TextColored(st.full_scan ? kWarn : kGood, "%s", st.detail.c_str());
                                ImGui::TextWrapped("%s", st.explanation.c_str());
                                ImGui::Unindent(12.0f * static_cast<float>(st.depth + 1));
                            }
                            for (const auto& sug : v.suggestions) ImGui::TextColored(kWarn, "→ %s", sug.c_str());
                        }
                        ImGui::TableNextColumn();
                        ImGui::TextWrapped("%s", q.params.c_str());
                        ImGui::TableNextColumn();
                        ImGui::Text("%.3f", q.ms);
                        ImGui::TableNextColumn();
                        if (ImGui::SmallButton(id("Explain"))) request_explain(app, i, k);
                        if (newest && k == 0) remember(app.sql.explain_rect);
                        ImGui::PopID();
                    }
                    ImGui::EndTable();
                }
                ImGui::TreePop();
            }
            ImGui::PopID();
        }
        app.sql.seen = entries.size();
    }
    ImGui::EndChild();
    ImGui::End();
    if (!run_rewrite.empty()) {
        app.shell.history.push_back(run_rewrite);
        request_shell(app, run_rewrite);
    }
}

}  // namespace gramlab::playground

// The Results window: the last QuerySet, values(), values_list() or list a shell statement
// echoed, as a table (one column per field, or the dict keys / tuple positions the core
// named). Click a header to sort (None first, then numbers, then text); rows are drawn through
// ImGuiListClipper, so only the visible ones cost anything and 100k rows scroll smoothly.
#include <algorithm>
#include <cstring>
#include <string>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

// Cells order None < numbers and booleans < text, as a stable sort on the row index.
int compare_cells(const ResultsState& r, size_t a, size_t b) {
    auto rank = [](ResultsState::Cell c) {
        return c == ResultsState::Cell::kNull ? 0 : c == ResultsState::Cell::kText ? 2 : 1;
    };
    int ra = rank(r.cell[a]), rb = rank(r.cell[b]);
    if (ra != rb) return ra < rb ? -1 : 1;
    if (ra == 1) return r.number[a] < r.number[b] ? -1 : r.number[a] > r.number[b] ? 1 : 0;
    if (ra == 0) return 0;
    size_t la = r.start[a + 1] - r.start[a], lb = r.start[b + 1] - r.start[b];
    int c = std::memcmp(r.text.data() + r.start[a], r.text.data() + r.start[b], std::min(la, lb));
    if (c != 0) return c;
    return la < lb ? -1 : la > lb ? 1 : 0;
}

void sort_rows(ResultsState& r) {
    r.order.resize(r.rows);
    for (size_t i = 0; i < r.rows; ++i) r.order[i] = static_cast<unsigned>(i);
    if (r.sort_column < 0 || r.columns.empty()) return;
    const size_t w = r.columns.size(), c = static_cast<size_t>(r.sort_column);
    const bool desc = r.sort_descending;
    std::stable_sort(r.order.begin(), r.order.end(), [&](unsigned x, unsigned y) {
        int cmp = compare_cells(r, x * w + c, y * w + c);
        return desc ? cmp > 0 : cmp < 0;
    });
}

// What a kind means to a learner, shown above the table.
const char* describe_kind(const std::string& kind) {
    if (kind == "queryset") return "QuerySet of model instances (one column per field)";
    if (kind == "values") return "values(): dicts";
    if (kind == "values_list") return "values_list(): tuples";
    if (kind == "object") return "one model instance";
    if (kind == "list") return "list";
    if (kind == "tuple") return "tuple";
    if (kind == "set") return "set";
    if (kind == "dict") return "dict";
    return kind.c_str();
}

}  // namespace

void draw_results_window(AppState& app, bool* p_open) {
    ResultsState& r = app.results;
    if (!ImGui::Begin(id("Results"), p_open)) {
        ImGui::End();
        return;
    }
    if (!r.has) {
        ImGui::TextDisabled("Echo a QuerySet in the Shell, e.g. Post.objects.all() or");
        ImGui::TextDisabled("User.objects.values_list('instagram_id', 'username'): its rows show here.");
        ImGui::End();
        return;
    }
    std::string first_line = r.statement.substr(0, r.statement.find('\n'));
    if (first_line.size() > 90) first_line = first_line.substr(0, 87) + "...";
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), ">>>");
    ImGui::SameLine();
    ImGui::TextUnformatted(first_line.c_str());
    ImGui::TextDisabled("%s%s%s  |  %zu %s%s", describe_kind(r.kind), r.model.empty() ? "" : "  |  ", r.model.c_str(),
                        r.rows, r.rows == 1 ? "row" : "rows", r.truncated ? " (only the first rows were sent)" : "");

    // ImGui tables hold at most 64 columns: "#" and the first 63 of the result.
    const int shown_cols = static_cast<int>(std::min<size_t>(r.columns.size(), 63));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate | ImGuiTableFlags_Hideable;
    // A new result gets a new table id: fresh scroll position and sort state.
    ImGui::PushID(r.generation);
    if (ImGui::BeginTable("rows", shown_cols + 1, flags)) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                                         ImGuiTableColumnFlags_NoHide, ImGui::CalcTextSize("100000").x);
        for (int c = 0; c < shown_cols; ++c)
            ImGui::TableSetupColumn(r.columns[static_cast<size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed,
                                    std::clamp(ImGui::CalcTextSize(r.columns[static_cast<size_t>(c)].c_str()).x + 40, 70.0f, 260.0f));
        // TableHeadersRow(), keeping where each header went.
        r.header_rects.assign(static_cast<size_t>(shown_cols + 1) * 4, 0.0f);
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (int c = 0; c <= shown_cols; ++c) {
            if (!ImGui::TableSetColumnIndex(c)) continue;
            ImGui::TableHeader(ImGui::TableGetColumnName(c));
            const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
            float* rect = &r.header_rects[static_cast<size_t>(c) * 4];
            rect[0] = a.x, rect[1] = a.y, rect[2] = b.x, rect[3] = b.y;
        }
        if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && (specs->SpecsDirty || r.resort)) {
            r.sort_column = -1;
            if (specs->SpecsCount > 0) {
                r.sort_column = specs->Specs[0].ColumnIndex - 1;
                r.sort_descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
            }
            sort_rows(r);
            specs->SpecsDirty = false;
            r.resort = false;
        }
        if (r.order.size() != r.rows) sort_rows(r);
        const size_t w = r.columns.size();
        const ImVec4 dim = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.rows));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const size_t row = r.order[static_cast<size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextDisabled("%d", i + 1);
                for (int c = 0; c < shown_cols; ++c) {
                    if (!ImGui::TableSetColumnIndex(c + 1)) continue;
                    const size_t k = row * w + static_cast<size_t>(c);
                    const char* b = r.text.data() + r.start[k];
                    const char* e = r.text.data() + r.start[k + 1];
                    if (r.cell[k] == ResultsState::Cell::kNull) {
                        ImGui::TextColored(dim, "None");
                    } else {
                        ImGui::TextUnformatted(b, e);
                    }
                }
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopID();
    ImGui::End();
}

}  // namespace gramlab::playground

// The Data window: browse every table of the learner's app and edit a cell. Rows come from a
// shell statement (`Post.objects.order_by('pk').values_list('id', 'post_author_id', ...)`,
// its "result" table, drawn through ImGuiListClipper); an edit is a generated ORM statement
// (`Post.objects.filter(pk=3).update(location='Seoul')`), so the database's constraints and
// the ORM's errors apply and are shown, and the learner sees the code that did it.
#include <algorithm>
#include <cstring>
#include <string>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

// Python's repr of a str, single-quoted (what the shell will parse back).
std::string py_str(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\\' || c == '\'') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else out += c;
    }
    return out + "'";
}

bool numeric_type(const std::string& type) {
    return type.find("Integer") != std::string::npos || type == "FloatField" || type == "AutoField" ||
           type == "BigAutoField" || type == "SmallAutoField" || type == "ForeignKey" || type == "OneToOneField";
}

bool looks_numeric(const std::string& s) {
    if (s.empty()) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    bool digit = false, dot = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digit = true;
        else if (s[i] == '.' && !dot) dot = true;
        else return false;
    }
    return digit;
}

// The Python literal for what the learner typed into a cell of `field`.
std::string literal(const SchemaField& field, const std::string& typed) {
    if (typed == "None") return "None";
    if (field.type == "BooleanField" || field.type == "NullBooleanField") {
        if (typed == "True" || typed == "true" || typed == "1") return "True";
        if (typed == "False" || typed == "false" || typed == "0") return "False";
    }
    if (numeric_type(field.type) && looks_numeric(typed)) return typed;
    return py_str(typed);  // DecimalField, dates, text: Django's to_python() reads the string
}

std::string attname(const SchemaField& f) {
    return f.relation == "foreign_key" || f.relation == "one_to_one" ? f.name + "_id" : f.name;
}

void load_table(AppState& app, int table) {
    DataState& d = app.data;
    const SchemaModel& m = app.schema.models[static_cast<size_t>(table)];
    d.table = table;
    d.attnames.clear();
    std::string cols;
    for (const auto& f : m.fields) {
        if (f.relation == "many_to_many") continue;
        d.attnames.push_back(attname(f));
        cols += (cols.empty() ? "" : ", ") + py_str(attname(f));
    }
    d.edit_row = d.edit_col = -1;
    request_data_rows(app, m.name + ".objects.order_by('pk').values_list(" + cols + ")");
}

const SchemaField* field_of(const SchemaModel& m, const std::string& attname_) {
    for (const auto& f : m.fields)
        if (attname(f) == attname_) return &f;
    return nullptr;
}

std::string cell_string(const ResultsState& r, size_t row, size_t col) {
    size_t k = row * r.columns.size() + col;
    if (r.cell[k] == ResultsState::Cell::kNull) return "None";
    return r.text.substr(r.start[k], r.start[k + 1] - r.start[k]);
}

// Enter in the cell editor: `Model.objects.filter(pk=<pk>).update(<attname>=<literal>)`.
void commit_edit(AppState& app) {
    DataState& d = app.data;
    const SchemaModel& m = app.schema.models[static_cast<size_t>(d.table)];
    const ResultsState& r = d.rows;
    size_t pk_col = 0;
    for (size_t c = 0; c < d.attnames.size(); ++c)
        if (const SchemaField* f = field_of(m, d.attnames[c]); f && f->primary_key) pk_col = c;
    const SchemaField* pkf = field_of(m, d.attnames[pk_col]);
    const SchemaField* f = field_of(m, d.attnames[static_cast<size_t>(d.edit_col)]);
    if (!f || !pkf) return;
    std::string pk = cell_string(r, static_cast<size_t>(d.edit_row), pk_col);
    std::string statement = m.name + ".objects.filter(pk=" + literal(*pkf, pk) + ").update(" +
                            d.attnames[static_cast<size_t>(d.edit_col)] + "=" + literal(*f, std::string(d.edit.data())) + ")";
    request_data_edit(app, statement);
}

}  // namespace

void draw_data_window(AppState& app, bool* p_open) {
    DataState& d = app.data;
    SchemaState& s = app.schema;
    if (!ImGui::Begin(id("Data"), p_open)) {
        ImGui::End();
        return;
    }
    if (!s.requested) request_schema(app);
    if (!s.loaded) {
        ImGui::TextDisabled("Loading the model registry...");
        ImGui::End();
        return;
    }
    // The tables of the learner's app.
    ImGui::BeginChild("tables", ImVec2(170, 0), true);
    d.table_item_rects.assign(s.models.size() * 4, 0.0f);
    for (size_t i = 0; i < s.models.size(); ++i) {
        if (s.models[i].other_app) continue;
        if (ImGui::Selectable(s.models[i].name.c_str(), d.table == static_cast<int>(i)) && !d.loading)
            load_table(app, static_cast<int>(i));
        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
        float* rect = &d.table_item_rects[i * 4];
        rect[0] = lo.x, rect[1] = lo.y, rect[2] = hi.x, rect[3] = hi.y;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.models[i].db_table.c_str());
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (d.table < 0 || d.table >= static_cast<int>(s.models.size())) {
        ImGui::TextDisabled("Pick a table. Click a cell twice to edit it: the edit runs as an ORM statement.");
        ImGui::EndGroup();
        ImGui::End();
        return;
    }
    const SchemaModel& m = s.models[static_cast<size_t>(d.table)];
    if (!d.rows.has && !d.loading) load_table(app, d.table);
    ImGui::Text("%s", m.label.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)  %zu rows%s", m.db_table.c_str(), d.rows.rows, d.rows.truncated ? " (first 100000)" : "");
    ImGui::SameLine();
    if (ImGui::SmallButton("Reload") && !d.loading) load_table(app, d.table);
    if (!d.last_statement.empty()) {
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), ">>>");
        ImGui::SameLine();
        ImGui::TextUnformatted(d.last_statement.c_str());
        if (!d.last_output.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(d.last_failed ? ImVec4(1.0f, 0.45f, 0.4f, 1.0f) : ImVec4(0.5f, 0.85f, 0.5f, 1.0f), "%s",
                               d.last_output.c_str());
        }
    }
    const ResultsState& r = d.rows;
    const int cols = static_cast<int>(std::min<size_t>(r.columns.size(), 63));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV | ImGuiTableFlags_Resizable;
    const ImVec2 tp = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    d.table_rect[0] = tp.x, d.table_rect[1] = tp.y, d.table_rect[2] = tp.x + avail.x, d.table_rect[3] = tp.y + avail.y;
    if (r.has && cols > 0 && ImGui::BeginTable("rows", cols, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (int c = 0; c < cols; ++c) {
            const SchemaField* f = field_of(m, r.columns[static_cast<size_t>(c)]);
            ImGui::TableSetupColumn(r.columns[static_cast<size_t>(c)].c_str(), ImGuiTableColumnFlags_WidthFixed,
                                    f && (f->type == "TextField" || f->type == "CharField") ? 220.0f : 110.0f);
        }
        ImGui::TableHeadersRow();
        d.row0_rects.assign(static_cast<size_t>(cols) * 4, 0.0f);
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(r.rows));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                ImGui::TableNextRow();
                for (int c = 0; c < cols; ++c) {
                    ImGui::TableSetColumnIndex(c);
                    ImGui::PushID(i * 64 + c);
                    if (d.edit_row == i && d.edit_col == c) {
                        ImGui::SetNextItemWidth(-1);
                        if (ImGui::IsWindowAppearing() || !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
                        if (ImGui::InputText("##edit", d.edit.data(), d.edit.size(), ImGuiInputTextFlags_EnterReturnsTrue))
                            commit_edit(app);
                        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) d.edit_row = d.edit_col = -1;
                    } else {
                        std::string text = cell_string(r, static_cast<size_t>(i), static_cast<size_t>(c));
                        const SchemaField* f = field_of(m, r.columns[static_cast<size_t>(c)]);
                        const bool editable = f && !f->primary_key;
                        // A click selects a cell; a click on the selected cell (or a double-click) edits it.
                        const bool selected = d.sel_row == i && d.sel_col == c;
                        if (ImGui::Selectable(text.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick) && !d.loading) {
                            const bool edit = editable && (selected || ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left));
                            d.sel_row = i;
                            d.sel_col = c;
                            if (edit) {
                                d.edit_row = i;
                                d.edit_col = c;
                                std::fill(d.edit.begin(), d.edit.end(), '\0');
                                std::copy_n(text.begin(), std::min(text.size(), d.edit.size() - 1), d.edit.begin());
                            }
                        }
                        if (ImGui::IsItemHovered() && f) ImGui::SetTooltip("%s (%s)%s", f->name.c_str(), f->type.c_str(),
                                                                           editable ? ": click twice to edit" : "");
                    }
                    if (i == 0) {
                        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
                        float* rect = &d.row0_rects[static_cast<size_t>(c) * 4];
                        rect[0] = lo.x, rect[1] = lo.y, rect[2] = hi.x, rect[3] = hi.y;
                    }
                    ImGui::PopID();
                }
            }
        }
        ImGui::EndTable();
    } else if (d.loading) {
        ImGui::TextDisabled("Loading...");
    }
    ImGui::EndGroup();
    ImGui::End();
}

}  // namespace gramlab::playground

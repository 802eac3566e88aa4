// The Schema window: an entity-relationship diagram of the model registry (gramlab.schema()):
// one box per model with its fields and column types, one edge per ForeignKey / OneToOneField
// / ManyToManyField with its cardinality at both ends (N..1, 1..1, N..M; 0..1 when null=True).
// Laid out in columns by dependency (a model right of the models it points to), pannable
// (drag) and zoomable (wheel); clicking a model shows its table's DDL as the database has it.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

constexpr float kPad = 8, kColumnGap = 90, kRowGap = 28;

float line_height() { return ImGui::GetFontSize() + 4; }

std::string field_line(const SchemaField& f) {
    std::string tag = f.primary_key ? "PK " : !f.relation.empty() ? (f.relation == "many_to_many" ? "M2M " : "FK ") : "";
    return tag + f.name;
}

std::string type_line(const SchemaField& f) {
    std::string t = f.db_type.empty() ? f.type : f.db_type;
    return f.null ? t + " NULL" : t;
}

// Sizes at zoom 1, then columns by dependency depth: depth(model) = 1 + the deepest model
// it points to (self references and cycles cut after n rounds).
void layout(SchemaState& s) {
    const float lh = line_height();
    const size_t n = s.models.size();
    for (auto& m : s.models) {
        float name_w = ImGui::CalcTextSize(m.name.c_str()).x, left = 0, right = 0;
        for (const auto& f : m.fields) {
            left = std::max(left, ImGui::CalcTextSize(field_line(f).c_str()).x);
            right = std::max(right, ImGui::CalcTextSize(type_line(f).c_str()).x);
        }
        m.w = std::max(name_w + 2 * kPad, left + right + 3 * kPad + 12);
        m.h = lh * static_cast<float>(m.fields.size() + 1) + kPad;
    }
    std::vector<int> depth(n, 0);
    for (size_t round = 0; round < n; ++round) {
        bool changed = false;
        for (const auto& e : s.edges) {
            if (e.from == e.to) continue;
            int d = depth[static_cast<size_t>(e.to)] + 1;
            if (d > depth[static_cast<size_t>(e.from)] && d < static_cast<int>(n)) {
                depth[static_cast<size_t>(e.from)] = d;
                changed = true;
            }
        }
        if (!changed) break;
    }
    const int columns = n ? *std::max_element(depth.begin(), depth.end()) + 1 : 0;
    float x = 0;
    for (int c = 0; c < columns; ++c) {
        float y = 0, widest = 0;
        for (size_t i = 0; i < n; ++i) {
            if (depth[i] != c) continue;
            s.models[i].x = x;
            s.models[i].y = y;
            y += s.models[i].h + kRowGap;
            widest = std::max(widest, s.models[i].w);
        }
        x += widest + kColumnGap;
    }
}

// Fits the whole diagram into a view of `size` (never above zoom 1).
void fit(SchemaState& s, ImVec2 size) {
    float w = 0, h = 0;
    for (const auto& m : s.models) {
        w = std::max(w, m.x + m.w);
        h = std::max(h, m.y + m.h);
    }
    if (w <= 0 || h <= 0) return;
    s.zoom = std::clamp(std::min((size.x - 40) / w, (size.y - 40) / h), 0.3f, 1.0f);
    s.pan_x = (size.x - w * s.zoom) / 2;
    s.pan_y = std::max(20.0f, (size.y - h * s.zoom) / 2);
}

// The two ends' labels of an edge: at the model with the field, and at the model it points to.
void cardinality(const SchemaEdge& e, const char** near_from, const char** near_to) {
    if (e.cardinality == "N:M") { *near_from = "N"; *near_to = "M"; return; }
    if (e.cardinality == "1:1") { *near_from = "1"; *near_to = e.null ? "0..1" : "1"; return; }
    *near_from = "N";
    *near_to = e.null ? "0..1" : "1";
}

void draw_diagram(SchemaState& s, ImVec2 size) {
    ImGui::BeginChild("diagram", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    s.canvas_rect[0] = p0.x, s.canvas_rect[1] = p0.y, s.canvas_rect[2] = p0.x + avail.x, s.canvas_rect[3] = p0.y + avail.y;
    if (s.fit) {
        layout(s);
        fit(s, avail);
        s.fit = false;
    }
    ImGui::InvisibleButton("canvas", ImVec2(std::max(avail.x, 1.0f), std::max(avail.y, 1.0f)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonMiddle);
    const bool hovered = ImGui::IsItemHovered();
    ImGuiIO& io = ImGui::GetIO();
    // Pan: drag with the left or middle button. Zoom: the wheel, around the mouse.
    if (ImGui::IsItemActive() && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle, 2))) {
        s.pan_x += io.MouseDelta.x;
        s.pan_y += io.MouseDelta.y;
    }
    if (hovered && io.MouseWheel != 0) {
        const float old = s.zoom;
        s.zoom = std::clamp(s.zoom * (io.MouseWheel > 0 ? 1.15f : 1 / 1.15f), 0.25f, 3.0f);
        const float mx = io.MousePos.x - p0.x, my = io.MousePos.y - p0.y;
        s.pan_x = mx - (mx - s.pan_x) * (s.zoom / old);
        s.pan_y = my - (my - s.pan_y) * (s.zoom / old);
    }
    const float z = s.zoom, lh = line_height() * z, fs = ImGui::GetFontSize() * z;
    auto at = [&](float x, float y) { return ImVec2(p0.x + s.pan_x + x * z, p0.y + s.pan_y + y * z); };
    // A click (no drag) on a model selects it.
    if (ImGui::IsItemDeactivated() && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        std::fabs(ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).x) < 3 &&
        std::fabs(ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0).y) < 3) {
        s.selected = -1;
        for (size_t i = 0; i < s.models.size(); ++i) {
            const SchemaModel& m = s.models[i];
            ImVec2 a = at(m.x, m.y), b = at(m.x + m.w, m.y + m.h);
            if (io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y && io.MousePos.y <= b.y)
                s.selected = static_cast<int>(i);
        }
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    dl->PushClipRect(p0, ImVec2(p0.x + avail.x, p0.y + avail.y), true);
    // Edges under the boxes: from the field's row to the target's header.
    const ImU32 edge_col = IM_COL32(140, 170, 220, 220), label_col = IM_COL32(250, 210, 120, 255);
    for (const auto& e : s.edges) {
        const SchemaModel& from = s.models[static_cast<size_t>(e.from)];
        const SchemaModel& to = s.models[static_cast<size_t>(e.to)];
        size_t row = 0;
        for (size_t k = 0; k < from.fields.size(); ++k)
            if (from.fields[k].name == e.field) row = k;
        const float fy = from.y + line_height() * (static_cast<float>(row) + 1.5f) + kPad / 2;
        const float ty = to.y + line_height() * 0.5f + kPad / 2;
        const bool leftward = to.x + to.w <= from.x;
        ImVec2 a = leftward ? at(from.x, fy) : at(from.x + from.w, fy);
        ImVec2 b = leftward ? at(to.x + to.w, ty) : at(to.x, ty);
        if (e.from == e.to) b = at(to.x + to.w, ty);
        const float bend = std::max(40.0f * z, std::fabs(b.x - a.x) * 0.4f) * (leftward ? -1.0f : 1.0f);
        const float bend_b = e.from == e.to ? -bend : bend;
        dl->AddBezierCubic(a, ImVec2(a.x + bend, a.y), ImVec2(b.x - bend_b, b.y), b, edge_col, e.kind == "many_to_many" ? 2.5f : 1.5f);
        const char *lf = nullptr, *lt = nullptr;
        cardinality(e, &lf, &lt);
        const float dir = leftward ? -1.0f : 1.0f;
        dl->AddText(font, fs * 0.9f, ImVec2(a.x + dir * 4 * z - (leftward ? ImGui::CalcTextSize(lf).x * z : 0), a.y - fs), label_col, lf);
        dl->AddText(font, fs * 0.9f, ImVec2(b.x - dir * 4 * z - (leftward ? 0 : ImGui::CalcTextSize(lt).x * z), b.y - fs), label_col, lt);
    }
    for (size_t i = 0; i < s.models.size(); ++i) {
        const SchemaModel& m = s.models[i];
        const bool sel = static_cast<int>(i) == s.selected;
        ImVec2 a = at(m.x, m.y), b = at(m.x + m.w, m.y + m.h);
        dl->AddRectFilled(a, b, IM_COL32(38, 41, 50, 255), 4 * z);
        dl->AddRectFilled(a, ImVec2(b.x, a.y + lh + kPad / 2 * z), m.other_app ? IM_COL32(80, 80, 90, 255) : IM_COL32(52, 88, 150, 255), 4 * z);
        dl->AddRect(a, b, sel ? IM_COL32(255, 200, 90, 255) : IM_COL32(90, 100, 120, 255), 4 * z, 0, sel ? 2.5f : 1.0f);
        dl->AddText(font, fs, ImVec2(a.x + kPad * z, a.y + kPad / 4 * z + 2 * z), IM_COL32(255, 255, 255, 255), m.name.c_str());
        float left = 0;
        for (const auto& f : m.fields) left = std::max(left, ImGui::CalcTextSize(field_line(f).c_str()).x);
        for (size_t k = 0; k < m.fields.size(); ++k) {
            const SchemaField& f = m.fields[k];
            const float y = a.y + lh * static_cast<float>(k + 1) + kPad / 2 * z + 2 * z;
            ImU32 col = f.primary_key ? IM_COL32(250, 210, 120, 255) : !f.relation.empty() ? IM_COL32(140, 190, 255, 255) : IM_COL32(225, 225, 225, 255);
            dl->AddText(font, fs, ImVec2(a.x + kPad * z, y), col, field_line(f).c_str());
            dl->AddText(font, fs, ImVec2(a.x + (2 * kPad + 12 + left) * z, y), IM_COL32(150, 155, 165, 255), type_line(f).c_str());
        }
    }
    dl->PopClipRect();
    ImGui::EndChild();
}

}  // namespace

void draw_schema_window(AppState& app, bool* p_open) {
    SchemaState& s = app.schema;
    if (!ImGui::Begin(id("Schema"), p_open)) {
        ImGui::End();
        return;
    }
    if (!s.requested) request_schema(app);
    if (ImGui::Button("Reload")) request_schema(app);
    ImGui::SameLine();
    if (ImGui::Button("Fit")) s.fit = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%d models, %d relations  |  drag: pan, wheel: zoom (%.0f%%), click a model: its DDL",
                        static_cast<int>(s.models.size()), static_cast<int>(s.edges.size()), s.zoom * 100);
    if (!s.loaded) {
        ImGui::TextDisabled("Loading the model registry...");
        ImGui::End();
        return;
    }
    if (!s.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "models.py does not import: %s", s.error.c_str());
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side = s.selected >= 0 ? std::max(260.0f, avail.x * 0.36f) : 0;
    draw_diagram(s, ImVec2(avail.x - side - (side > 0 ? ImGui::GetStyle().ItemSpacing.x : 0), avail.y));
    if (s.selected >= 0) {
        const SchemaModel& m = s.models[static_cast<size_t>(s.selected)];
        ImGui::SameLine();
        ImGui::BeginChild("ddl", ImVec2(side, avail.y), true, ImGuiWindowFlags_HorizontalScrollbar);
        ImGui::Text("%s", m.label.c_str());
        ImGui::TextDisabled("table %s", m.db_table.c_str());
        ImGui::Separator();
        if (m.ddl.empty()) ImGui::TextDisabled("Not in the database yet: make migrations and migrate.");
        else ImGui::TextWrapped("%s", m.ddl.c_str());
        ImGui::Separator();
        if (ImGui::BeginTable("fields", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
            ImGui::TableSetupColumn("field");
            ImGui::TableSetupColumn("class");
            ImGui::TableSetupColumn("to");
            ImGui::TableHeadersRow();
            for (const auto& f : m.fields) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(f.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(f.type.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(f.related_model.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::EndChild();
    }
    ImGui::End();
}

}  // namespace gramlab::playground

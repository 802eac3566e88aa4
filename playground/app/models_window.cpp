// The Models window: an editor for models.py (line numbers, Python colours, each system-check
// message or import error marked at its line) and the buttons Django's workflow has: Check,
// Make migrations (shows the new migration file) and Migrate (shows what was applied and its
// SQL). The commands run in the core (gramlab.setFile / check / makemigrations / migrate);
// this file only draws them.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"
#include "playground/app/python_colors.hpp"

namespace gramlab::playground {

namespace {

const ImVec4 kError(1.0f, 0.45f, 0.4f, 1.0f);
const ImVec4 kWarning(0.95f, 0.8f, 0.35f, 1.0f);
const ImVec4 kOk(0.5f, 0.85f, 0.5f, 1.0f);

int edited(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) static_cast<ModelsState*>(data->UserData)->dirty = true;
    return 0;
}

// The first message at each line of models.py (by level: errors win), for the gutter.
const CheckMessageView* message_at(const ModelsState& m, int line) {
    const CheckMessageView* found = nullptr;
    for (const auto& msg : m.messages)
        if (msg.line == line && (msg.file == "models.py" || msg.file.empty()))
            if (!found || (found->level != "ERROR" && found->level != "CRITICAL")) found = &msg;
    return found;
}

bool serious(const CheckMessageView& m) { return m.level == "ERROR" || m.level == "CRITICAL"; }

// models.py with line numbers and colours. The InputTextMultiline is as large as its text, so
// its parent child window does all the scrolling and every line sits at a known y: the
// colours, the error marks and the cursor are drawn over it (its own text is transparent).
void draw_editor(ModelsState& m, float height) {
    const char* text = m.text.data();
    const int lines = 1 + static_cast<int>(std::count(text, text + std::strlen(text), '\n'));
    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const float gutter = ImGui::CalcTextSize("9999").x + 16;
    float widest = 0;
    for (const char* l = text; *l;) {
        const char* nl = std::strchr(l, '\n');
        const char* e = nl ? nl : l + std::strlen(l);
        widest = std::max(widest, ImGui::CalcTextSize(l, e).x);
        if (!nl) break;
        l = nl + 1;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild("editor", ImVec2(0, height), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PopStyleColor();
    const ImVec2 wpos = ImGui::GetWindowPos();
    m.editor_rect[0] = wpos.x, m.editor_rect[1] = wpos.y;
    m.editor_rect[2] = wpos.x + ImGui::GetWindowWidth(), m.editor_rect[3] = wpos.y + ImGui::GetWindowHeight();
    if (m.goto_line > 0) {
        ImGui::SetScrollY(std::max(0.0f, (static_cast<float>(m.goto_line) - 4) * line_h));
        m.goto_line = 0;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 box(std::max(ImGui::GetContentRegionAvail().x - gutter, widest + 60),
                     static_cast<float>(lines + 2) * line_h + pad.y * 2);
    // The gutter: line numbers, marked where a message points.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float clip_top = ImGui::GetWindowPos().y - line_h, clip_bottom = clip_top + ImGui::GetWindowHeight() + 2 * line_h;
    for (int i = 1; i <= lines; ++i) {
        const float y = origin.y + pad.y + static_cast<float>(i - 1) * line_h;
        if (y < clip_top || y > clip_bottom) continue;
        char num[16];
        std::snprintf(num, sizeof num, "%d", i);
        const CheckMessageView* msg = message_at(m, i);
        ImU32 col = msg ? ImGui::GetColorU32(serious(*msg) ? kError : kWarning) : ImGui::GetColorU32(ImGuiCol_TextDisabled);
        dl->AddText(ImVec2(origin.x + gutter - 10 - ImGui::CalcTextSize(num).x, y), col, num);
        if (msg) {
            dl->AddRectFilled(ImVec2(origin.x + gutter, y), ImVec2(origin.x + gutter + box.x, y + line_h),
                              ImGui::GetColorU32(serious(*msg) ? ImVec4(1, 0.3f, 0.25f, 0.22f) : ImVec4(1, 0.8f, 0.2f, 0.16f)));
            if (ImGui::IsMouseHoveringRect(ImVec2(origin.x, y), ImVec2(origin.x + gutter, y + line_h)))
                ImGui::SetTooltip("%s %s: %s%s%s", msg->level.c_str(), msg->id.c_str(), msg->message.c_str(),
                                  msg->hint.empty() ? "" : "\nHINT: ", msg->hint.c_str());
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, ImVec4(0, 0, 0, 0));
    ImGui::InputTextMultiline("##models.py", m.text.data(), m.text.size(), box,
                              ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackEdit |
                                  ImGuiInputTextFlags_NoHorizontalScroll,
                              edited, &m);
    ImGui::PopStyleColor(2);
    const ImGuiID id = ImGui::GetItemID();
    // The text, coloured, where the input box lays it out.
    const ImVec2 tpos(origin.x + gutter + pad.x, origin.y + pad.y);
    PythonLineState st;
    ImFont* font = ImGui::GetFont();
    const float fs = ImGui::GetFontSize();
    const char* line = text;
    for (int i = 0; *line || i == 0; ++i) {
        const char* nl = std::strchr(line, '\n');
        const char* end = nl ? nl : line + std::strlen(line);
        const float y = tpos.y + static_cast<float>(i) * line_h;
        float x = tpos.x;
        const bool visible = y >= clip_top && y <= clip_bottom;
        colour_python_line(line, end, st, [&](const char* b, const char* e, ImU32 col) {
            if (visible) dl->AddText(font, fs, ImVec2(x, y), col, b, e);
            x += font->CalcTextSizeA(fs, FLT_MAX, 0.0f, b, e).x;
        });
        if (!nl) break;
        line = nl + 1;
    }
    // The cursor (the input box drew its own in the transparent text colour).
    if (ImGuiInputTextState* state = ImGui::GetInputTextState(id); state && ImGui::IsItemActive()) {
        const int cursor = std::min(state->Stb.cursor, state->CurLenW);
        int row = 0;
        int col_start = 0;
        for (int k = 0; k < cursor; ++k)
            if (state->TextW[k] == '\n') ++row, col_start = k + 1;
        // The UTF-8 bytes of the line up to the cursor.
        char prefix[2048];
        const int from = std::max(col_start, cursor - 400);
        ImTextStrToUtf8(prefix, sizeof prefix, state->TextW.Data + from, state->TextW.Data + cursor);
        const bool on = !ImGui::GetIO().ConfigInputTextCursorBlink || state->CursorAnim <= 0.0f ||
                        std::fmod(state->CursorAnim, 1.2f) <= 0.8f;
        if (on) {
            const float cx = tpos.x + ImGui::CalcTextSize(prefix).x, cy = tpos.y + static_cast<float>(row) * line_h;
            dl->AddLine(ImVec2(cx, cy), ImVec2(cx, cy + line_h - 1), ImGui::GetColorU32(ImGuiCol_Text));
        }
    }
    ImGui::EndChild();
}

void draw_messages(ModelsState& m) {
    if (m.check_exit < 0) {
        ImGui::TextDisabled("Not checked yet: press Check.");
        return;
    }
    if (m.messages.empty()) {
        ImGui::TextColored(kOk, "System check identified no issues.");
    }
    for (size_t i = 0; i < m.messages.size(); ++i) {
        const CheckMessageView& msg = m.messages[i];
        ImGui::PushID(static_cast<int>(i));
        std::string where = msg.line > 0 ? (msg.file.empty() ? "models.py" : msg.file) + ":" + std::to_string(msg.line) : "";
        std::string label = where + (where.empty() ? "" : "  ") + msg.level + " " + msg.id + "  " +
                            (msg.obj.empty() ? "" : msg.obj + ": ") + msg.message;
        ImGui::PushStyleColor(ImGuiCol_Text, serious(msg) ? kError : kWarning);
        if (ImGui::Selectable(label.c_str()) && msg.line > 0) m.goto_line = msg.line;
        ImGui::PopStyleColor();
        if (!msg.hint.empty()) ImGui::TextDisabled("    HINT: %s", msg.hint.c_str());
        ImGui::PopID();
    }
    if (!m.check_text.empty()) {
        ImGui::Separator();
        ImGui::TextDisabled("manage.py check:");
        ImGui::TextUnformatted(m.check_text.c_str());
    }
}

}  // namespace

void draw_models_window(AppState& app, bool* p_open) {
    ModelsState& m = app.models;
    if (!ImGui::Begin(id("Models"), p_open)) {
        ImGui::End();
        return;
    }
    if (!m.requested) request_models_text(app);
    if (!m.loaded) {
        ImGui::TextDisabled("Loading models.py...");
        ImGui::End();
        return;
    }
    ImGui::BeginDisabled(m.busy);
    static const char* const kButtons[] = {"Check", "Make migrations", "Migrate"};
    static const char* const kActions[] = {"check", "makemigrations", "migrate"};
    for (int b = 0; b < 3; ++b) {
        if (b) ImGui::SameLine();
        if (ImGui::Button(id(kButtons[b]))) request_models_command(app, kActions[b]);
        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
        float* r = &m.button_rects[b * 4];
        r[0] = lo.x, r[1] = lo.y, r[2] = hi.x, r[3] = hi.y;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (m.busy) ImGui::TextDisabled("%s...", m.action.c_str());
    else if (m.dirty) ImGui::TextDisabled("models.py edited (sent with the next command)");
    else if (m.check_exit > 0) ImGui::TextColored(kError, "%d issue(s)", static_cast<int>(m.messages.size()));
    else if (m.check_exit == 0) ImGui::TextColored(kOk, "no issues");

    const float avail = ImGui::GetContentRegionAvail().y;
    draw_editor(m, std::max(120.0f, avail * 0.58f));
    if (ImGui::BeginTabBar("out")) {
        std::string check_tab = "Check (" + std::to_string(m.messages.size()) + ")###check";
        auto select = [&](int tab) -> ImGuiTabItemFlags { return m.show_tab == tab ? ImGuiTabItemFlags_SetSelected : 0; };
        if (ImGui::BeginTabItem(check_tab.c_str(), nullptr, select(1))) {
            ImGui::BeginChild("messages", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
            draw_messages(m);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(id("Migration file"), nullptr, select(2))) {
            ImGui::BeginChild("migration", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
            if (m.makemigrations_out.empty()) ImGui::TextDisabled("Press Make migrations after changing a model.");
            else ImGui::TextUnformatted(m.makemigrations_out.c_str());
            for (const auto& [path, text] : m.migration_files) {
                ImGui::Separator();
                ImGui::TextColored(kOk, "%s", path.c_str());
                draw_python_text(text.c_str());
            }
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(id("Migrate"), nullptr, select(3))) {
            ImGui::BeginChild("migrate", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
            if (m.migrate_out.empty()) ImGui::TextDisabled("Press Migrate to apply the migrations to the database.");
            else ImGui::TextUnformatted(m.migrate_out.c_str());
            for (const auto& [name, sql] : m.migrate_sql) {
                ImGui::Separator();
                ImGui::TextColored(kOk, "sqlmigrate %s", name.c_str());
                ImGui::TextUnformatted(sql.c_str());
            }
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
        m.show_tab = 0;
    }
    ImGui::End();
}

}  // namespace gramlab::playground

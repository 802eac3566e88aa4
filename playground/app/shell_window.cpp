// The Shell window: a console like `python manage.py shell`. Output shows each statement
// with the console's prompts (">>> ", "... ") and exactly what the core printed; errors as the
// traceback's last line. Input: multi-line box, Ctrl+Enter runs, Up/Down browse history.
#include <cstring>
#include <string>

#include <imgui.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/i18n.hpp"

namespace gramlab::playground {

namespace {

void set_input(ImGuiInputTextCallbackData* data, const std::string& text) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, text.c_str());
}

// Up/Down browse the history while the input is one line (in a block they move the cursor).
int input_callback(ImGuiInputTextCallbackData* data) {
    auto* sh = static_cast<ShellState*>(data->UserData);
    if (std::memchr(data->Buf, '\n', static_cast<size_t>(data->BufTextLen)) != nullptr) return 0;
    bool up = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow));
    bool down = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow));
    if (!up && !down) return 0;
    int n = static_cast<int>(sh->history.size());
    if (n == 0) return 0;
    if (up) {
        if (sh->history_pos == -1) {
            sh->draft.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
            sh->history_pos = n - 1;
        } else if (sh->history_pos > 0) {
            --sh->history_pos;
        }
    } else if (sh->history_pos != -1) {
        if (++sh->history_pos >= n) sh->history_pos = -1;
    }
    if (up || down) {
        const std::string& text = sh->history_pos == -1 ? sh->draft : sh->history[static_cast<size_t>(sh->history_pos)];
        if (text.find('\n') == std::string::npos) set_input(data, text);
    }
    return 0;
}

// The statement with the console's prompts: ">>> " first, "... " after.
void draw_prompted(const std::string& statement) {
    size_t start = 0;
    bool first = true;
    while (start <= statement.size()) {
        size_t nl = statement.find('\n', start);
        std::string line = statement.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
        if (nl == std::string::npos && line.empty() && !first) break;
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "%s", first ? ">>>" : "...");
        ImGui::SameLine();
        ImGui::TextUnformatted(line.c_str());
        first = false;
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
}

void run_input(AppState& app) {
    ShellState& sh = app.shell;
    std::string text(sh.input.data());
    if (text.find_first_not_of(" \t\n") == std::string::npos || sh.running) return;
    if (sh.history.empty() || sh.history.back() != text) sh.history.push_back(text);
    sh.history_pos = -1;
    sh.draft.clear();
    std::memset(sh.input.data(), 0, sh.input.size());
    request_shell(app, text);
}

}  // namespace

void draw_shell_window(AppState& app, bool* p_open) {
    ShellState& sh = app.shell;
    if (!ImGui::Begin(id("Shell"), p_open)) {
        ImGui::End();
        return;
    }
    const float input_height = ImGui::GetTextLineHeightWithSpacing() * 5 + ImGui::GetFrameHeightWithSpacing();
    if (ImGui::BeginChild("output", ImVec2(0, -input_height), true, ImGuiWindowFlags_HorizontalScrollbar)) {
        for (size_t i = 0; i < sh.entries.size(); ++i) {
            const ShellEntry& e = sh.entries[i];
            ImGui::PushID(static_cast<int>(i));
            draw_prompted(e.statement);
            if (sh.show_query_counts && !e.queries.empty()) {
                ImGui::SameLine();
                ImGui::TextDisabled("  (%d %s)", static_cast<int>(e.queries.size()),
                                    e.queries.size() == 1 ? "query" : "queries");
            }
            if (!e.output.empty()) {
                std::string out = e.output;
                if (!out.empty() && out.back() == '\n') out.pop_back();
                ImGui::TextUnformatted(out.c_str());
            }
            if (!e.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "%s", e.error.c_str());
            ImGui::PopID();
        }
        if (sh.running) {
            draw_prompted(sh.pending);
            ImGui::TextDisabled("%s", tr("running... (Esc stops)"));
        }
        if (sh.scroll_to_bottom) ImGui::SetScrollHereY(1.0f);
        sh.scroll_to_bottom = false;
    }
    ImGui::EndChild();

    if (sh.refocus_input) {
        ImGui::SetKeyboardFocusHere();
        sh.refocus_input = false;
    }
    ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AllowTabInput |
                                ImGuiInputTextFlags_CallbackAlways;
    float button_w = ImGui::CalcTextSize("Run (Ctrl+Enter)").x + ImGui::GetStyle().FramePadding.x * 2;
    ImVec2 box(ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x,
               ImGui::GetTextLineHeightWithSpacing() * 5);
    bool run = ImGui::InputTextMultiline("##input", sh.input.data(), sh.input.size(), box, flags, input_callback, &sh);
    sh.input_rect[0] = ImGui::GetItemRectMin().x, sh.input_rect[1] = ImGui::GetItemRectMin().y;
    sh.input_rect[2] = ImGui::GetItemRectMax().x, sh.input_rect[3] = ImGui::GetItemRectMax().y;
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (sh.running) {
        if (ImGui::Button(id("Stop (Esc)"), ImVec2(button_w, 0))) request_stop();
    } else if (ImGui::Button(id("Run (Ctrl+Enter)"), ImVec2(button_w, 0))) {
        run = true;
    }
    ImGui::EndGroup();
    if (run) {
        run_input(app);
        sh.refocus_input = true;
    }
    ImGui::End();
}

}  // namespace gramlab::playground

// The hidden text field behind IME and inserted text (see text_input.hpp).
#include "playground/app/text_input.hpp"

#include <string>

#include <emscripten/emscripten.h>
#include <imgui.h>

#include "playground/app/input_queue.hpp"

namespace {

// Keys typed normally fire keypress (GLFW turns it into characters) and then an `input` event
// on the field: that text is already on its way and is dropped here. Text with no keypress
// before it (an IME's composition, Input.insertText) is handed over. The field is emptied after
// each event so it never grows.
EM_JS(void, js_install_text_input, (), {
    if (document.getElementById('gramlab-text-input')) return;
    const field = document.createElement('textarea');
    field.id = 'gramlab-text-input';
    field.setAttribute('autocomplete', 'off');
    field.setAttribute('autocorrect', 'off');
    field.setAttribute('autocapitalize', 'off');
    field.setAttribute('spellcheck', 'false');
    field.setAttribute('aria-label', 'text input');
    field.style.cssText = 'position:fixed;left:0;bottom:0;width:1px;height:1px;opacity:0;' +
                          'border:0;padding:0;resize:none;overflow:hidden;z-index:-1;';
    document.body.appendChild(field);
    let keypressed = false;
    window.addEventListener('keypress', () => { keypressed = true; }, true);
    const send = (text) => {
        if (text) Module.ccall('playground_text_input', null, ['string'], [text]);
    };
    const preedit = (text) => Module.ccall('playground_preedit', null, ['string'], [text || ""]);
    field.addEventListener('compositionstart', (e) => preedit(e.data));
    field.addEventListener('compositionupdate', (e) => preedit(e.data));
    field.addEventListener('compositionend', (e) => {
        preedit("");
        send(e.data);
        field.value = "";
    });
    field.addEventListener('input', (e) => {
        if (!e.isComposing && e.inputType !== 'insertCompositionText' && !keypressed &&
            (e.inputType === 'insertText' || e.inputType === 'insertReplacementText')) {
            send(e.data);
        }
        keypressed = false;
        if (!e.isComposing) field.value = "";
    });
    Module.gramlabTextField = field;
});

EM_JS(void, js_sync_text_input_focus, (int want_text), {
    const field = Module.gramlabTextField;
    if (!field) return;
    const canvas = Module.canvas || document.getElementById('canvas');
    if (want_text) {
        if (document.activeElement !== field) field.focus({ preventScroll: true });
    } else if (document.activeElement === field && canvas) {
        canvas.focus({ preventScroll: true });
    }
});

// The hidden field follows the text cursor (ImGui reports it in drawing-buffer pixels), so
// the system's IME candidate window opens beside what is being typed.
EM_JS(void, js_move_text_input, (int x, int y), {
    const field = Module.gramlabTextField;
    const canvas = Module.canvas || document.getElementById('canvas');
    if (!field || !canvas) return;
    const rect = canvas.getBoundingClientRect();
    const k = canvas.width / (rect.width || 1);
    field.style.left = Math.round(rect.left + x / k) + 'px';
    field.style.top = Math.round(rect.top + y / k) + 'px';
    field.style.bottom = "";
});

std::string g_preedit;
ImVec2 g_ime_pos(0, 0);

void set_ime_position(int x, int y) {
    if (static_cast<int>(g_ime_pos.x) == x && static_cast<int>(g_ime_pos.y) == y) return;
    g_ime_pos = ImVec2(static_cast<float>(x), static_cast<float>(y));
    js_move_text_input(x, y);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void playground_preedit(const char* utf8) { g_preedit = utf8 ? utf8 : ""; }

extern "C" EMSCRIPTEN_KEEPALIVE void playground_text_input(const char* utf8) {
    gramlab::playground::queue_text(utf8);
}

namespace gramlab::playground {

void install_text_input() {
    js_install_text_input();
    ImGui::GetIO().ImeSetInputScreenPosFn = set_ime_position;
}

const std::string& preedit_text() { return g_preedit; }

void draw_preedit() {
    if (g_preedit.empty() || !ImGui::GetIO().WantTextInput) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float fs = ImGui::GetFontSize();
    // ImGui reports the top-left of the cursor's line (x - 1): the syllable goes there.
    ImVec2 a(g_ime_pos.x + 1, g_ime_pos.y);
    ImVec2 size = ImGui::CalcTextSize(g_preedit.c_str());
    ImVec2 b(a.x + size.x + 4, a.y + fs + 2);
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBgActive));
    dl->AddText(ImVec2(a.x + 2, a.y), ImGui::GetColorU32(ImGuiCol_Text), g_preedit.c_str());
    dl->AddLine(ImVec2(a.x + 2, b.y - 1), ImVec2(b.x - 2, b.y - 1), ImGui::GetColorU32(ImGuiCol_Text), 1.0f);
}

void sync_text_input_focus(bool want_text) { js_sync_text_input_focus(want_text ? 1 : 0); }

}  // namespace gramlab::playground

// The system clipboard for Dear ImGui in the browser (see clipboard.hpp).
#include "playground/app/clipboard.hpp"

#include <string>

#include <emscripten/emscripten.h>
#include <imgui.h>

namespace {

std::string g_clipboard;  // the last text copied here or pasted from the system

EM_JS(void, js_install_paste_listener, (), {
    if (Module.gramlabPasteInstalled) return;
    Module.gramlabPasteInstalled = true;
    window.addEventListener('paste', (e) => {
        const text = e.clipboardData ? e.clipboardData.getData('text/plain') : "";
        Module.ccall('playground_clipboard_paste', null, ['string'], [text || ""]);
        e.preventDefault();  // the hidden field stays empty; ImGui inserts the text on Ctrl+V
    }, true);
});

EM_JS(void, js_write_clipboard, (const char* text), {
    const s = UTF8ToString(text);
    Module.gramlabClipboard = s;  // tests read what was copied without clipboard permissions
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(s).catch(() => {});
});

void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    js_write_clipboard(g_clipboard.c_str());
}

const char* get_clipboard(void*) { return g_clipboard.c_str(); }

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void playground_clipboard_paste(const char* text) {
    g_clipboard = text ? text : "";
}

namespace gramlab::playground {

void install_clipboard(ImGuiIO& io) {
    js_install_paste_listener();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.ClipboardUserData = nullptr;
}

void copy_to_clipboard(const char* text) { set_clipboard(nullptr, text); }

}  // namespace gramlab::playground

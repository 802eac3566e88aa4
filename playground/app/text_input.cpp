// The hidden text field behind IME and inserted text (see text_input.hpp).
#include "playground/app/text_input.hpp"

#include <emscripten/emscripten.h>

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
    field.addEventListener('compositionend', (e) => {
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

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void playground_text_input(const char* utf8) {
    gramlab::playground::queue_text(utf8);
}

namespace gramlab::playground {

void install_text_input() { js_install_text_input(); }

void sync_text_input_focus(bool want_text) { js_sync_text_input_focus(want_text ? 1 : 0); }

}  // namespace gramlab::playground

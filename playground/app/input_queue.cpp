// Keyboard events trickled into Dear ImGui one frame at a time (see input_queue.hpp).
#include "playground/app/input_queue.hpp"

#include <cstring>
#include <deque>
#include <set>

#include <GLFW/glfw3.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

namespace gramlab::playground {

namespace {

struct InputEvent {
    bool is_char = false;
    int key = 0, scancode = 0, action = 0, mods = 0;  // key events
    unsigned int codepoint = 0;                       // character events
};

std::deque<InputEvent> g_queue;
GLFWkeyfun g_imgui_key = nullptr;
GLFWcharfun g_imgui_char = nullptr;

bool is_modifier(int key) {
    switch (key) {
        case GLFW_KEY_LEFT_CONTROL: case GLFW_KEY_RIGHT_CONTROL:
        case GLFW_KEY_LEFT_SHIFT: case GLFW_KEY_RIGHT_SHIFT:
        case GLFW_KEY_LEFT_ALT: case GLFW_KEY_RIGHT_ALT:
        case GLFW_KEY_LEFT_SUPER: case GLFW_KEY_RIGHT_SUPER:
            return true;
        default:
            return false;
    }
}

// Letters and digits produce characters; ImGui reads them as keys only with Ctrl (shortcuts),
// so their own key events do not need to be ordered against the text.
bool is_text_key(int key) {
    return (key >= GLFW_KEY_A && key <= GLFW_KEY_Z) || (key >= GLFW_KEY_0 && key <= GLFW_KEY_9);
}

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_queue.push_back(InputEvent{false, key, scancode, action, mods, 0});
}

void on_char(GLFWwindow*, unsigned int codepoint) {
    g_queue.push_back(InputEvent{true, 0, 0, 0, 0, codepoint});
}

// The mouse wheel straight from the DOM event. Emscripten 3.1.6's GLFW passes the browser's
// deltaY as the scroll offset unchanged: the wrong sign (down scrolled up) and in pixels (one
// notch = 100 "lines"). One notch is 1.0 here, up positive, as GLFW on a desktop reports it.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
    const double notch = e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : e->deltaMode == DOM_DELTA_LINE ? 3.0 : 0.1;
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheel += static_cast<float>(-e->deltaY / notch);
    io.MouseWheelH += static_cast<float>(-e->deltaX / notch);
    return EM_FALSE;
}

}  // namespace

void queue_text(const char* utf8) {
    if (!utf8) return;
    const char* end = utf8 + std::strlen(utf8);
    while (utf8 < end) {
        unsigned int c = 0;
        int n = ImTextCharFromUtf8(&c, utf8, end);
        if (n <= 0) break;
        utf8 += n;
        if (c != 0) g_queue.push_back(InputEvent{true, 0, 0, 0, 0, c});
    }
}

void install_input_queue(GLFWwindow* window) {
    g_imgui_key = glfwSetKeyCallback(window, on_key);
    g_imgui_char = glfwSetCharCallback(window, on_char);
    glfwSetScrollCallback(window, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, true, on_wheel);
}

void dispatch_input_queue(GLFWwindow* window) {
    std::set<int> keys_changed;  // a key may change once per frame, or the frame misses a press
    bool editing_key_changed = false;  // Enter, Backspace, arrows...: ordered against text
    bool modifier_changed = false;
    bool text_sent = false;
    while (!g_queue.empty()) {
        const InputEvent& e = g_queue.front();
        if (e.is_char) {
            // Text read in a frame where Ctrl went down would be taken for a shortcut; text
            // after an editing key must land after that key's edit.
            if (modifier_changed || editing_key_changed) break;
            if (g_imgui_char) g_imgui_char(window, e.codepoint);
            text_sent = true;
        } else {
            if (keys_changed.count(e.key) != 0) break;
            bool modifier = is_modifier(e.key);
            if ((modifier || !is_text_key(e.key)) && text_sent) break;
            if (g_imgui_key) g_imgui_key(window, e.key, e.scancode, e.action, e.mods);
            keys_changed.insert(e.key);
            if (modifier) modifier_changed = true;
            else if (!is_text_key(e.key)) editing_key_changed = true;
        }
        g_queue.pop_front();
    }
}

}  // namespace gramlab::playground

// Keyboard events trickled into Dear ImGui one frame at a time. ImGui 1.86's GLFW backend
// keeps keys as state read at the start of a frame, so a key pressed and released between two
// frames (a fast typist, or slow frames under software WebGL) is never seen, and characters
// typed in the frame where Ctrl goes down are dropped as shortcuts. This queue holds the key and
// character events and hands them over in order, stopping a frame's batch where ImGui would
// lose one (the rule ImGui 1.87's input queue calls "trickle fast inputs").
#pragma once

struct GLFWwindow;

namespace gramlab::playground {

//! Takes over the key and character callbacks ImGui_ImplGlfw_InitForOpenGL(window, true)
//! installed, and feeds the mouse wheel to ImGui from the DOM (Emscripten's GLFW reports it
//! inverted and in pixels); call it right after that.
void install_input_queue(GLFWwindow* window);
//! Hands this frame's share of the queued events to ImGui; call before ImGui::NewFrame().
void dispatch_input_queue(GLFWwindow* window);
//! Queues text that arrived without key events (an IME's composed syllables, a paste into
//! the page's text field), as characters in order with the typed ones.
void queue_text(const char* utf8);

}  // namespace gramlab::playground

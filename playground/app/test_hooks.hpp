// What end-to-end tests and the frame-time benchmark use to steer and observe the app
// without pixel guessing: exported functions to show a window and to read a summary of the
// state as JSON, and the time each frame took on the main thread (tests/e2e/).
#pragma once

namespace gramlab::playground {

struct AppState;

//! The AppState the exported hooks read (set once by main, as bind_app_state()).
void bind_test_hooks(AppState* app);
//! Hands the CPU time of one frame (ms) to the page: appended to window.gramlabFrameTimes
//! when a test made it an array, else nothing.
void record_frame_time(double ms);

}  // namespace gramlab::playground

// The playground's entry point: GLFW window on the page's canvas, WebGL2 via ImGui's OpenGL3
// backend (GLSL ES 3.00), the Hangul font, and the frame loop. Only the loop lives here
// (Dear ImGui example shape); windows are in app.cpp and *_window.cpp.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "playground/app/app.hpp"
#include "playground/app/core_bridge.hpp"
#include "playground/app/input_queue.hpp"
#include "playground/app/clipboard.hpp"
#include "playground/app/i18n.hpp"
#include "playground/app/text_input.hpp"
#include "playground/app/test_hooks.hpp"

namespace {

GLFWwindow* g_window = nullptr;
gramlab::playground::AppState g_app;

// High-DPI: Emscripten 3.1.6's GLFW knows no content scale, so the app draws in device
// pixels itself: the drawing buffer is the CSS size times the device pixel ratio (read once
// at start), the font is rasterised at that scale and the style's sizes are scaled with it.
// GLFW reports the mouse in drawing-buffer pixels, so input needs no change.
double g_scale = 1.0;

// The canvas follows the page's size (CSS pixels × g_scale for the drawing buffer).
void fit_canvas() {
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    int cw = 0, ch = 0;
    glfwGetWindowSize(g_window, &cw, &ch);
    int iw = static_cast<int>(std::lround(w * g_scale)), ih = static_cast<int>(std::lround(h * g_scale));
    if (iw > 0 && ih > 0 && (iw != cw || ih != ch)) glfwSetWindowSize(g_window, iw, ih);
}

// The page hides its loading screen when the app has drawn its first frame.
EM_JS(void, js_first_frame_drawn, (), {
    window.gramlabFirstFrameMs = performance.now();
    if (typeof window.gramlabOnFirstFrame === "function") window.gramlabOnFirstFrame();
});

void frame() {
    const double t0 = emscripten_get_now();
    fit_canvas();
    glfwPollEvents();
    gramlab::playground::dispatch_input_queue(g_window);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    gramlab::playground::draw_app(g_app);
    gramlab::playground::draw_preedit();
    ImGui::Render();
    gramlab::playground::sync_text_input_focus(ImGui::GetIO().WantTextInput);
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(g_window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.118f, 0.122f, 0.141f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    gramlab::playground::record_frame_time(emscripten_get_now() - t0);
    static bool first = true;
    if (first) {
        first = false;
        js_first_frame_drawn();
    }
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "playground: glfwInit failed\n");
        return 1;
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    double w = 1280, h = 720;
    emscripten_get_element_css_size("#canvas", &w, &h);
    g_scale = std::clamp(emscripten_get_device_pixel_ratio(), 1.0, 3.0);
    g_window = glfwCreateWindow(static_cast<int>(std::lround(w * g_scale)), static_cast<int>(std::lround(h * g_scale)),
                                "gramlab", nullptr, nullptr);
    if (!g_window) {
        std::fprintf(stderr, "playground: cannot create a WebGL2 context\n");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsDark();
    // Opaque windows: overlapping windows must not show the text beneath them.
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 1.0f;
    ImGui::GetStyle().WindowRounding = 4.0f;
    ImGui::GetStyle().FrameRounding = 3.0f;
    // NanumGothic subset (scripts/setup_playground.sh): ASCII, Latin-1 and KS X 1001 Hangul.
    // Korean fonts draw U+005C as a won sign; code needs a backslash, so that one glyph comes
    // from ImGui's built-in font, merged in.
    // Plus the punctuation, arrows, box-drawing and shapes the subset keeps (the deploy
    // traces' "→", the timeline's ● ▶ ◀ ■, the file tree's ├ └ │ ─).
    static const ImWchar kHangulRanges[] = {0x0020, 0x005B, 0x005D, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193,
                                            0x2500, 0x2502, 0x251C, 0x251C, 0x2514, 0x2514, 0x25A0, 0x25A0,
                                            0x25B6, 0x25B6, 0x25C0, 0x25C0, 0x25CB, 0x25CB, 0x25CF, 0x25CF,
                                            0x3131, 0x318E, 0xAC00, 0xD7A3, 0};
    static const ImWchar kBackslash[] = {0x005C, 0x005C, 0};
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    const float font_px = static_cast<float>(16.0 * g_scale);
    ImGui::GetStyle().ScaleAllSizes(static_cast<float>(g_scale));
    if (io.Fonts->AddFontFromFileTTF("/fonts/hangul.ttf", font_px, &cfg, kHangulRanges)) {
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.SizePixels = font_px;
        merge.GlyphRanges = kBackslash;
        io.Fonts->AddFontDefault(&merge);
    } else {
        io.Fonts->AddFontDefault();
    }
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    gramlab::playground::install_input_queue(g_window);
    gramlab::playground::install_text_input();
    gramlab::playground::install_clipboard(io);
    gramlab::playground::load_language();
    ImGui_ImplOpenGL3_Init("#version 300 es");

    gramlab::playground::bind_app_state(&g_app);
    gramlab::playground::bind_test_hooks(&g_app);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}

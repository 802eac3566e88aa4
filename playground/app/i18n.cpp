// The Korean table and the language switch (i18n.hpp). The table holds the playground's
// menus, window titles, buttons and help lines; what the core prints is never translated.
#include "playground/app/i18n.hpp"

#include <string>
#include <unordered_map>

#include <emscripten/emscripten.h>

namespace gramlab::playground {

namespace {

Language g_language = Language::kEnglish;

// English → Korean.
const std::unordered_map<std::string, const char*>& korean() {
    static const std::unordered_map<std::string, const char*> table = {
        // Menus and window titles.
        {"Windows", "창"},
        {"Shell", "셸"},
        {"SQL", "SQL"},
        {"Results", "결과"},
        {"Models", "모델"},
        {"Schema", "스키마"},
        {"Data", "데이터"},
        {"Deploy", "배포"},
        {"Help", "도움말"},
        {"Workspace", "작업 공간"},
        {"Language", "언어"},
        {"Keyboard shortcuts", "단축키"},
        {"ORM cheat sheet and tours", "ORM 요약표와 둘러보기"},
        {"Query counts beside statements", "문장 옆에 쿼리 수 표시"},
        {"Stop", "중지"},
        {"Clear output", "출력 지우기"},
        {"Export to a file", "파일로 내보내기"},
        {"Import a file...", "파일 가져오기..."},
        {"Copy share link", "공유 링크 복사"},
        {"Reset to the example", "예제로 초기화"},
        {"ready", "준비됨"},
        {"running...", "실행 중..."},
        // Shell.
        {"Run (Ctrl+Enter)", "실행 (Ctrl+Enter)"},
        {"Stop (Esc)", "중지 (Esc)"},
        {"running... (Esc stops)", "실행 중... (Esc로 중지)"},
        // Models.
        {"Check", "검사"},
        {"Make migrations", "마이그레이션 만들기"},
        {"Migrate", "마이그레이트"},
        {"Migration file", "마이그레이션 파일"},
        // Deploy.
        {"■ Reset", "■ 처음으로"},
        {"◀ Back", "◀ 뒤로"},
        {"Step ▶", "한 단계 ▶"},
        {"▶ Play", "▶ 재생"},
        {"Pause", "일시정지"},
        {"To end", "끝까지"},
        {"To failure", "실패 지점까지"},
        {"Faults (what if...?)", "장애 실험 (만약에...?)"},
        {"Step", "단계"},
        {"World", "세계"},
        {"Response", "응답"},
        {"Terminal", "터미널"},
        {"Send request", "요청 보내기"},
        {"(nothing has happened yet)", "(아직 아무 일도 일어나지 않았습니다)"},
        {"deployed", "배포됨"},
        {"failed", "실패"},
        {"ok so far", "지금까지 정상"},
        {"recording the pipeline...", "파이프라인 기록 중..."},
        // Help.
        {"ORM cheat sheet", "ORM 요약표"},
        {"Guided tours", "둘러보기"},
        {"Run", "실행"},
        {"Try it", "직접 해 보기"},
        {"Next", "다음"},
        {"Previous", "이전"},
        {"All tours", "둘러보기 목록"},
        {"Copy", "복사"},
        {"Explain", "실행 계획"},
        {"Run the rewrite", "고친 문장 실행"},
        {"Ctrl+Enter: run the input", "Ctrl+Enter: 입력 실행"},
        {"Enter: new line (multi-line blocks)", "Enter: 줄 바꿈 (여러 줄 블록)"},
        {"Up / Down on a one-line input: history", "한 줄 입력에서 위/아래: 기록"},
        {"Esc: stop the running statement", "Esc: 실행 중인 문장 중지"},
        {"Ctrl+C / Ctrl+X / Ctrl+V: copy, cut, paste (system clipboard)", "Ctrl+C / Ctrl+X / Ctrl+V: 복사, 잘라내기, 붙여넣기 (시스템 클립보드)"},
        {"Ctrl+A: select all in a text field; Ctrl+Z / Ctrl+Y: undo, redo", "Ctrl+A: 입력란 전체 선택, Ctrl+Z / Ctrl+Y: 실행 취소, 다시 실행"},
        {"workspace opened", "작업 공간을 열었습니다"},
        {"share link copied", "공유 링크를 복사했습니다"},
        {"workspace saved to a file", "작업 공간을 파일로 저장했습니다"},
        {"Paste", "붙여넣기"},
    };
    return table;
}

EM_JS(int, js_saved_language, (), {
    let v = null;
    try { v = localStorage.getItem("gramlab.lang"); } catch (e) { v = null; }
    if (v === "ko") return 1;
    if (v === "en") return 0;
    return (navigator.language || "").toLowerCase().startsWith("ko") ? 1 : 0;
});

EM_JS(void, js_save_language, (int korean), {
    try { localStorage.setItem("gramlab.lang", korean ? "ko" : "en"); } catch (e) { }
    document.documentElement.lang = korean ? "ko" : "en";
});

}  // namespace

Language language() { return g_language; }

void set_language(Language lang) {
    g_language = lang;
    js_save_language(lang == Language::kKorean ? 1 : 0);
}

void load_language() { g_language = js_saved_language() ? Language::kKorean : Language::kEnglish; }

const char* tr(const char* english) {
    if (g_language == Language::kEnglish) return english;
    const auto& table = korean();
    auto it = table.find(english);
    return it == table.end() ? english : it->second;
}

const char* id(const char* english) {
    // One composed label per (language, string), kept for the program's life (a few dozen).
    static std::unordered_map<std::string, std::string> cache[2];
    auto& c = cache[g_language == Language::kKorean ? 1 : 0];
    auto it = c.find(english);
    if (it == c.end()) it = c.emplace(english, std::string(tr(english)) + "###" + english).first;
    return it->second.c_str();
}

int translation_count() { return static_cast<int>(korean().size()); }

}  // namespace gramlab::playground

// The UI language (English or Korean) and the translation of the playground's own strings.
// Strings are written in English in the code; tr() gives the Korean text when Korean is on
// and the table has it. id() keeps ImGui IDs stable across a switch ("실행###Run"), so
// windows keep their place and state when the language changes. Never used for what the core
// prints: Django's output stays as Django prints it.
#pragma once

namespace gramlab::playground {

enum class Language { kEnglish, kKorean };

Language language();
void set_language(Language lang);
//! The first language: the saved choice (localStorage "gramlab.lang"), else the browser's.
void load_language();

//! `english` in the current language (the English text itself when there is no translation).
const char* tr(const char* english);
//! tr(english) + "###" + english: a label whose ImGui ID does not change with the language.
const char* id(const char* english);
//! How many strings the Korean table has.
int translation_count();

}  // namespace gramlab::playground

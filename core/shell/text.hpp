// UTF-8 text helpers for the shell: Python's str counts code points, not bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gramlab::shell {

//! The string split into code points (each a UTF-8 sequence; invalid bytes stand alone).
std::vector<std::string> utf8_chars(const std::string& s);
size_t utf8_length(const std::string& s);
//! Decodes the code point at s[i] and advances i past it (an invalid byte stands for itself).
uint32_t utf8_decode(const std::string& s, size_t& i);
//! Appends code point `cp` as UTF-8.
void utf8_append(uint32_t cp, std::string& out);
//! Python's repr() of a str.
std::string repr_str(const std::string& s);
//! Python's str.upper()/lower() (ASCII and Latin-1/Greek/Cyrillic basics; Hangul unchanged).
std::string py_upper(const std::string& s);
std::string py_lower(const std::string& s);
//! Python's str.isspace() for one code point.
bool is_py_space(const std::string& ch);

}  // namespace gramlab::shell

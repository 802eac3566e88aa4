// Base64 encoding and strict decoding. The decoder follows CPython's binascii.a2b_base64 in
// strict mode step by step, so every malformed input fails with the same message as Python.
#include "core/common/base64.hpp"

#include <cstdint>

namespace gramlab {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kPad = '=';

// Value of a base64 character, or -1 for anything outside the alphabet.
int decode_char(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

Error binascii_error(std::string message) { return Error::make("binascii.Error", std::move(message)); }

}  // namespace

std::string base64_encode(std::string_view data) {
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3) {
        uint32_t v = (static_cast<uint32_t>(static_cast<uint8_t>(data[i])) << 16) |
                     (static_cast<uint32_t>(static_cast<uint8_t>(data[i + 1])) << 8) |
                     static_cast<uint32_t>(static_cast<uint8_t>(data[i + 2]));
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    size_t rest = data.size() - i;
    if (rest > 0) {
        uint32_t v = static_cast<uint32_t>(static_cast<uint8_t>(data[i])) << 16;
        if (rest == 2) v |= static_cast<uint32_t>(static_cast<uint8_t>(data[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : kPad;
        out += kPad;
    }
    return out;
}

Result<std::string> base64_decode(std::string_view text) {
    // quad_pos counts the data characters of the current 4-character group; a group of 2 or 3
    // data characters ends at the '=' that completes it, and nothing may follow that.
    if (!text.empty() && text[0] == kPad) return binascii_error("Leading padding not allowed");
    std::string out;
    out.reserve(text.size() / 4 * 3);
    int quad_pos = 0;
    int pads = 0;
    bool padding_started = false;
    uint32_t left = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == kPad) {
            padding_started = true;
            if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
                if (i + 1 < text.size()) return binascii_error("Excess data after padding");
                return out;
            }
            continue;
        }
        int v = decode_char(c);
        if (v < 0) return binascii_error("Only base64 data is allowed");
        if (padding_started) return binascii_error("Discontinuous padding not allowed");
        pads = 0;
        uint32_t bits = static_cast<uint32_t>(v);
        switch (quad_pos) {
            case 0:
                left = bits;
                quad_pos = 1;
                break;
            case 1:
                out += static_cast<char>(((left << 2) | (bits >> 4)) & 0xff);
                left = bits & 0x0f;
                quad_pos = 2;
                break;
            case 2:
                out += static_cast<char>(((left << 4) | (bits >> 2)) & 0xff);
                left = bits & 0x03;
                quad_pos = 3;
                break;
            default:
                out += static_cast<char>(((left << 6) | bits) & 0xff);
                left = 0;
                quad_pos = 0;
                break;
        }
    }
    if (quad_pos == 1) {
        return binascii_error("Invalid base64-encoded string: number of data characters (" +
                              std::to_string(out.size() / 3 * 4 + 1) + ") cannot be 1 more than a multiple of 4");
    }
    if (quad_pos != 0) return binascii_error("Incorrect padding");
    return out;
}

}  // namespace gramlab

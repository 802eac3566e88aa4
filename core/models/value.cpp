// Python repr of literal values and structural equality of Values.
#include "core/models/value.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace gramlab {

Value Value::of_float(double d) {
    Value v;
    v.kind = Kind::kFloat;
    v.number = d;
    v.text = py_repr_float(d);
    return v;
}

bool Value::truthy() const {
    switch (kind) {
        case Kind::kNone: return false;
        case Kind::kBool: return boolean;
        case Kind::kInt: return !(text == "0" || text == "-0");
        case Kind::kFloat: return number != 0.0;
        case Kind::kStr: case Kind::kBytes: return !text.empty();
        case Kind::kList: case Kind::kTuple: case Kind::kDict: case Kind::kSet: return !items.empty();
        case Kind::kSetting: return items.empty() ? true : items[0].truthy();
        default: return true;
    }
}

std::optional<int64_t> Value::as_int() const {
    if (kind == Kind::kBool) return boolean ? 1 : 0;
    if (kind != Kind::kInt || text.empty() || text.size() > 20) return std::nullopt;
    // The common case (what the database and to_string produce): [-]digits, parsed by hand
    // since strtoll's locale handling made it a visible cost per column of every row.
    // Accumulated unsigned so every 64-bit value, 19 digits and INT64_MIN included, is read
    // and anything wider is refused rather than wrapped.
    const bool negative = text[0] == '-';
    size_t i = negative ? 1 : 0;
    if (i == text.size()) return std::nullopt;
    // The overflow test compares with the limit's own tenth and last digit (constants), not
    // a division per digit: a 64-bit division costs tens of cycles, and every integer bound
    // to a query passes here.
    constexpr uint64_t kPositiveLimit = (uint64_t{1} << 63) - 1, kNegativeLimit = uint64_t{1} << 63;
    const uint64_t tenth = negative ? kNegativeLimit / 10 : kPositiveLimit / 10;
    const uint64_t last = negative ? kNegativeLimit % 10 : kPositiveLimit % 10;
    uint64_t n = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') break;
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (n > tenth || (n == tenth && digit > last)) return std::nullopt;
        n = n * 10 + digit;
    }
    if (i == text.size()) return negative ? static_cast<int64_t>(0 - n) : static_cast<int64_t>(n);
    char* end = nullptr;
    errno = 0;
    long long parsed = std::strtoll(text.c_str(), &end, 10);
    if (*end != '\0' || errno == ERANGE) return std::nullopt;
    return static_cast<int64_t>(parsed);
}

const Value* Value::kwarg(const std::string& name) const {
    for (const auto& kv : kwargs)
        if (kv.first == name) return &kv.second;
    return nullptr;
}

bool Value::operator==(const Value& o) const {
    // Python equality: 1 == 1.0 == True; we only need it for literals of one kind mostly.
    if (kind != o.kind) {
        auto a = as_int(), b = o.as_int();
        if (a && b && (kind == Kind::kBool || o.kind == Kind::kBool)) return *a == *b;
        if ((kind == Kind::kList && o.kind == Kind::kTuple) || (kind == Kind::kTuple && o.kind == Kind::kList))
            return false;
        return false;
    }
    if (kind == Kind::kBool) return boolean == o.boolean;
    if (kind == Kind::kFloat) return number == o.number;
    return text == o.text && items == o.items && kwargs == o.kwargs;
}

std::string py_repr_str(const std::string& s) {
    bool has_single = s.find('\'') != std::string::npos;
    bool has_double = s.find('"') != std::string::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out(1, quote);
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == static_cast<unsigned char>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += quote;
    return out;
}

std::string py_repr_float(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    // Shortest repr that round-trips, formatted as Python does.
    char buf[64];
    for (int prec = 1; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s = buf;
    // Python uses exponent notation when exp < -4 or exp >= 16.
    int exp10 = d == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(d))));
    size_t epos = s.find('e');
    if (epos == std::string::npos && exp10 >= 16) {
        std::snprintf(buf, sizeof buf, "%.16e", d);  // rare; fall back
        s = buf;
        epos = s.find('e');
    }
    if (epos != std::string::npos) {
        if (exp10 < 16 && exp10 >= -4) {
            std::snprintf(buf, sizeof buf, "%.17g", d);
            s = buf;
        } else {
            std::string mant = s.substr(0, epos), ex = s.substr(epos + 1);
            int e = std::atoi(ex.c_str());
            char eb[16];
            std::snprintf(eb, sizeof eb, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
            return mant + eb;
        }
    }
    if (s.find('.') == std::string::npos && s.find('e') == std::string::npos && s.find("inf") == std::string::npos)
        s += ".0";
    return s;
}

std::string py_repr(const Value& v) {
    switch (v.kind) {
        case Value::Kind::kNone: return "None";
        case Value::Kind::kBool: return v.boolean ? "True" : "False";
        case Value::Kind::kInt: return v.text;
        case Value::Kind::kFloat: return v.text;
        case Value::Kind::kStr: return py_repr_str(v.text);
        case Value::Kind::kBytes: return "b" + py_repr_str(v.text);
        case Value::Kind::kDecimal: return "Decimal('" + v.text + "')";
        case Value::Kind::kRef: return v.text;
        case Value::Kind::kModel: return "<class '" + v.text + "'>";
        case Value::Kind::kSetting: return v.items.empty() ? "None" : py_repr(v.items[0]);
        case Value::Kind::kList:
        case Value::Kind::kTuple:
        case Value::Kind::kSet: {
            if (v.kind == Value::Kind::kSet && v.items.empty()) return "set()";
            std::string out = v.kind == Value::Kind::kList ? "[" : v.kind == Value::Kind::kTuple ? "(" : "{";
            for (size_t i = 0; i < v.items.size(); ++i) {
                if (i) out += ", ";
                out += py_repr(v.items[i]);
            }
            if (v.kind == Value::Kind::kTuple && v.items.size() == 1) out += ",";
            out += v.kind == Value::Kind::kList ? "]" : v.kind == Value::Kind::kTuple ? ")" : "}";
            return out;
        }
        case Value::Kind::kDict: {
            std::string out = "{";
            for (size_t i = 0; i + 1 < v.items.size(); i += 2) {
                if (i) out += ", ";
                out += py_repr(v.items[i]) + ": " + py_repr(v.items[i + 1]);
            }
            return out + "}";
        }
        case Value::Kind::kCall: {
            std::string out = v.text + "(";
            bool first = true;
            for (const auto& a : v.items) {
                if (!first) out += ", ";
                first = false;
                out += py_repr(a);
            }
            for (const auto& kv : v.kwargs) {
                if (!first) out += ", ";
                first = false;
                out += kv.first + "=" + py_repr(kv.second);
            }
            return out + ")";
        }
    }
    return "";
}

}  // namespace gramlab

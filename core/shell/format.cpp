// String formatting: format(value, spec) for f-strings ({x:>10}, {n:,}, {f:.2f}) and the
// printf-style % operator, following Python's format-spec mini-language.
#include <cmath>
#include <cstdio>

#include "core/models/value.hpp"
#include "core/shell/builtins.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

struct Spec {
    std::string fill = " ";
    char align = 0;  // < > ^ =
    char sign = '-';
    bool alt = false;
    bool zero = false;
    int64_t width = -1;
    char grouping = 0;  // , or _
    int64_t precision = -1;
    char type = 0;
};

bool parse_spec(const std::string& s, Spec& sp) {
    auto chars = utf8_chars(s);
    size_t i = 0, n = chars.size();
    auto is_align = [](const std::string& c) { return c == "<" || c == ">" || c == "^" || c == "="; };
    if (n >= 2 && is_align(chars[1])) {
        sp.fill = chars[0];
        sp.align = chars[1][0];
        i = 2;
    } else if (n >= 1 && is_align(chars[0])) {
        sp.align = chars[0][0];
        i = 1;
    }
    if (i < n && (chars[i] == "+" || chars[i] == "-" || chars[i] == " ")) sp.sign = chars[i++][0];
    if (i < n && chars[i] == "#") { sp.alt = true; ++i; }
    if (i < n && chars[i] == "0") { sp.zero = true; ++i; }
    std::string w;
    while (i < n && chars[i].size() == 1 && std::isdigit(static_cast<unsigned char>(chars[i][0]))) w += chars[i++];
    if (!w.empty()) sp.width = std::atoll(w.c_str());
    if (i < n && (chars[i] == "," || chars[i] == "_")) sp.grouping = chars[i++][0];
    if (i < n && chars[i] == ".") {
        ++i;
        std::string p;
        while (i < n && chars[i].size() == 1 && std::isdigit(static_cast<unsigned char>(chars[i][0]))) p += chars[i++];
        if (p.empty()) return false;
        sp.precision = std::atoll(p.c_str());
    }
    if (i < n) sp.type = chars[i++][0];
    return i == n;
}

std::string group_digits(const std::string& digits, char sep) {
    std::string out;
    int count = 0;
    for (size_t i = digits.size(); i-- > 0;) {
        out.insert(out.begin(), digits[i]);
        if (++count % 3 == 0 && i > 0) out.insert(out.begin(), sep);
    }
    return out;
}

std::string pad(const std::string& body, const Spec& sp, char default_align, const std::string& sign_prefix = "") {
    int64_t len = static_cast<int64_t>(utf8_length(body) + utf8_length(sign_prefix));
    if (sp.width <= len) return sign_prefix + body;
    int64_t fill_n = sp.width - len;
    char align = sp.align ? sp.align : (sp.zero ? '=' : default_align);
    std::string fill = sp.align ? sp.fill : (sp.zero ? "0" : sp.fill);
    auto rep = [&](int64_t k) {
        std::string s;
        for (int64_t i = 0; i < k; ++i) s += fill;
        return s;
    };
    switch (align) {
        case '<': return sign_prefix + body + rep(fill_n);
        case '^': return rep(fill_n / 2) + sign_prefix + body + rep(fill_n - fill_n / 2);
        case '=': return sign_prefix + rep(fill_n) + body;
        default: return rep(fill_n) + sign_prefix + body;
    }
}

}  // namespace

bool format_value(Interp& in, const Ref& value, const std::string& spec_text, std::string& out) {
    if (spec_text.empty()) return in.str(value, out);
    // date, datetime and time format with their own __format__: the spec is a strftime format.
    if (value->kind == Kind::kDateTime || value->kind == Kind::kDate || value->kind == Kind::kTime) {
        Ref r = in.call_method(value, "__format__", {Interp::string(spec_text)});
        if (!r) return false;
        return in.str(r, out);
    }
    Spec sp;
    bool ok = parse_spec(spec_text, sp);
    auto invalid = [&]() {
        in.value_error("Invalid format specifier '" + spec_text + "' for object of type '" + value->type_name() + "'");
        return false;
    };
    if (!ok) return invalid();
    const Kind k = value->kind;
    if (k == Kind::kStr) {
        if (sp.type && sp.type != 's') {
            in.value_error(std::string("Unknown format code '") + sp.type + "' for object of type 'str'");
            return false;
        }
        std::string s = static_cast<StrObj*>(value.get())->value;
        if (sp.precision >= 0) {
            auto chars = utf8_chars(s);
            s.clear();
            for (int64_t i = 0; i < sp.precision && i < static_cast<int64_t>(chars.size()); ++i) s += chars[static_cast<size_t>(i)];
        }
        out = pad(s, sp, '<');
        return true;
    }
    bool is_int = k == Kind::kInt || k == Kind::kBool;
    if (is_int || k == Kind::kFloat) {
        double d = k == Kind::kFloat ? static_cast<FloatObj*>(value.get())->value : 0.0;
        int64_t iv = k == Kind::kInt ? static_cast<IntObj*>(value.get())->value : k == Kind::kBool ? static_cast<BoolObj*>(value.get())->value : 0;
        char type = sp.type;
        if (is_int && (type == 0 || type == 'd' || type == 'n')) {
            bool neg = iv < 0;
            std::string digits = std::to_string(neg ? -static_cast<uint64_t>(iv) : static_cast<uint64_t>(iv));
            if (neg) digits = std::to_string(static_cast<uint64_t>(-(iv + 1)) + 1);
            if (sp.grouping) digits = group_digits(digits, sp.grouping);
            std::string sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
            out = pad(digits, sp, '>', sign);
            return true;
        }
        if (is_int && (type == 'x' || type == 'X' || type == 'o' || type == 'b' || type == 'c')) {
            if (type == 'c') {
                Ref c = in.call(in.builtins["chr"], {value});
                if (!c) return false;
                out = pad(static_cast<StrObj*>(c.get())->value, sp, '<');
                return true;
            }
            bool neg = iv < 0;
            uint64_t u = neg ? static_cast<uint64_t>(-(iv + 1)) + 1 : static_cast<uint64_t>(iv);
            std::string digits;
            int base = type == 'o' ? 8 : type == 'b' ? 2 : 16;
            do {
                int dgt = static_cast<int>(u % static_cast<uint64_t>(base));
                digits.insert(digits.begin(), static_cast<char>(dgt < 10 ? '0' + dgt : (type == 'X' ? 'A' : 'a') + dgt - 10));
                u /= static_cast<uint64_t>(base);
            } while (u);
            std::string prefix = sp.alt ? (type == 'o' ? "0o" : type == 'b' ? "0b" : type == 'X' ? "0X" : "0x") : "";
            out = pad(digits, sp, '>', (neg ? "-" : sp.sign == '+' ? "+" : "") + prefix);
            return true;
        }
        if (is_int) d = static_cast<double>(iv);
        if (type == 0 && k == Kind::kFloat && sp.precision < 0) {
            std::string r = py_repr_float(d);
            std::string sign;
            if (r[0] == '-') { sign = "-"; r = r.substr(1); }
            else if (sp.sign == '+') sign = "+";
            if (sp.grouping) {
                size_t dot = r.find('.');
                r = group_digits(r.substr(0, dot), sp.grouping) + (dot == std::string::npos ? "" : r.substr(dot));
            }
            out = pad(r, sp, '>', sign);
            return true;
        }
        if (type == 0) type = 'g';
        if (type != 'f' && type != 'F' && type != 'e' && type != 'E' && type != 'g' && type != 'G' && type != '%') {
            in.value_error(std::string("Unknown format code '") + type + "' for object of type '" + value->type_name() + "'");
            return false;
        }
        int64_t prec = sp.precision < 0 ? 6 : sp.precision;
        double v = type == '%' ? d * 100 : d;
        char buf[512];
        char cfmt = type == '%' ? 'f' : type;
        char f[16];
        std::snprintf(f, sizeof f, "%%.%d%c", static_cast<int>(std::min<int64_t>(prec, 100)), cfmt);
        std::snprintf(buf, sizeof buf, f, std::fabs(v));
        std::string body = buf;
        if (type == '%') body += "%";
        if (sp.grouping && std::isfinite(v)) {
            size_t end = body.find_first_of(".eE%");
            body = group_digits(body.substr(0, end), sp.grouping) + (end == std::string::npos ? "" : body.substr(end));
        }
        std::string sign = std::signbit(v) && v != 0 ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";
        out = pad(body, sp, '>', sign);
        return true;
    }
    // Objects with their own __format__ (datetime.strftime codes).
    Ref fmt = value->getattr(in, "__format__");
    if (fmt) {
        Ref r = in.call(fmt, {Interp::string(spec_text)});
        if (!r) return false;
        return in.str(r, out);
    }
    in.exc = nullptr;
    in.type_error("unsupported format string passed to " + value->type_name() + ".__format__");
    return false;
}

Ref percent_format(Interp& in, const std::string& fmt, const Ref& args) {
    std::vector<Ref> items;
    bool is_tuple = args->kind == Kind::kTuple;
    if (is_tuple) items = static_cast<SeqObj*>(args.get())->items;
    else items.push_back(args);
    auto* mapping = as<DictObj>(args);
    size_t next = 0;
    std::string out;
    for (size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%') { out += fmt[i]; continue; }
        if (++i >= fmt.size()) return in.value_error("incomplete format");
        if (fmt[i] == '%') { out += '%'; continue; }
        Ref v;
        if (fmt[i] == '(') {
            size_t close = fmt.find(')', i);
            if (close == std::string::npos) return in.value_error("incomplete format key");
            if (!mapping) return in.type_error("format requires a mapping");
            v = mapping->getitem(in, Interp::string(fmt.substr(i + 1, close - i - 1)));
            if (!v) return nullptr;
            i = close + 1;
        }
        std::string spec;
        while (i < fmt.size() && std::string("-+ #0123456789.").find(fmt[i]) != std::string::npos) spec += fmt[i++];
        if (i >= fmt.size()) return in.value_error("incomplete format");
        char conv = fmt[i];
        if (!v) {
            if (next >= items.size()) return in.type_error("not enough arguments for format string");
            v = items[next++];
        }
        std::string piece;
        if (conv == 's' || conv == 'r' || conv == 'a') {
            if (!(conv == 's' ? in.str(v, piece) : in.repr(v, piece))) return nullptr;
            std::string width = spec;
            bool left = !width.empty() && width[0] == '-';
            if (left) width = width.substr(1);
            int64_t w = width.empty() ? 0 : std::atoll(width.c_str());
            while (static_cast<int64_t>(utf8_length(piece)) < w) piece = left ? piece + " " : " " + piece;
        } else if (conv == 'd' || conv == 'i' || conv == 'f' || conv == 'F' || conv == 'e' || conv == 'g' || conv == 'x' || conv == 'X' || conv == 'o') {
            if (v->kind == Kind::kDecimal) {
                // %d takes int(d) (%x/%o refuse it: not an integer), %f/%e/%g float(d).
                const bool integral = conv == 'd' || conv == 'i';
                if (conv == 'x' || conv == 'X' || conv == 'o')
                    return in.type_error(std::string("%") + conv + " format: an integer is required, not " + v->type_name());
                Ref m = v->getattr(in, integral ? "__int__" : "__float__");
                if (!m) return nullptr;
                v = in.call(m, std::vector<Ref>{});
                if (!v) return nullptr;
            }
            if (v->kind != Kind::kInt && v->kind != Kind::kBool && v->kind != Kind::kFloat)
                return in.type_error(std::string("%") + conv + " format: a real number is required, not " + v->type_name());
            std::string py_spec = spec;
            bool left = !py_spec.empty() && py_spec[0] == '-';
            if (left) py_spec = "<" + py_spec.substr(1);
            char t = conv == 'i' ? 'd' : conv;
            Ref num = v;
            if ((t == 'd' || t == 'x' || t == 'X' || t == 'o') && v->kind == Kind::kFloat)
                num = Interp::integer(static_cast<int64_t>(static_cast<FloatObj*>(v.get())->value));
            if (!format_value(in, num, py_spec + t, piece)) return nullptr;
        } else {
            return in.value_error(std::string("unsupported format character '") + conv + "' (0x" +
                                  [&] { char b[8]; std::snprintf(b, sizeof b, "%x", static_cast<unsigned char>(conv)); return std::string(b); }() +
                                  ") at index " + std::to_string(i));
        }
        out += piece;
    }
    if (!mapping && next < items.size()) return in.type_error("not all arguments converted during string formatting");
    return Interp::string(std::move(out));
}

}  // namespace gramlab::shell

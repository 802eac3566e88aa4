// Python's datetime module (datetime, date, time, timedelta, timezone.utc) and Django 3.2's
// django.utils.timezone for the shell, with CPython 3.11's reprs, arithmetic, argument
// parsing and error messages, glibc's strftime and _strptime's parsing rules.
// Times are UTC (the session's TIME_ZONE); only UTC tzinfos exist (pytz's <UTC> and
// datetime.timezone.utc). The clock is Interp::now, never the system clock.
#include "core/shell/datetime.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

#include "core/shell/builtins.hpp"
#include "core/shell/interp.hpp"
#include "core/shell/text.hpp"

namespace gramlab::shell {

namespace {

using i128 = __int128;

constexpr int64_t kUsPerMs = 1000;
constexpr int64_t kUsPerSecond = 1000000;
constexpr int64_t kUsPerMinute = 60 * kUsPerSecond;
constexpr int64_t kUsPerHour = 3600 * kUsPerSecond;
constexpr int64_t kUsPerDay = 86400 * kUsPerSecond;
constexpr int64_t kUsPerWeek = 7 * kUsPerDay;
constexpr int64_t kMaxDeltaDays = 999999999;

constexpr int64_t civil_days(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr int64_t kMinDay = civil_days(1, 1, 1);        // date.min
constexpr int64_t kMaxDay = civil_days(9999, 12, 31);   // date.max
constexpr int64_t kMinMicros = kMinDay * kUsPerDay;
constexpr int64_t kMaxMicros = (kMaxDay + 1) * kUsPerDay - 1;

int64_t fdiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
int64_t fmod64(int64_t a, int64_t b) { return a - fdiv(a, b) * b; }

i128 fdiv128(i128 a, i128 b) {
    i128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

//! Round-half-even a / b (b != 0), like CPython's divide_nearest.
i128 div_nearest(i128 a, i128 b) {
    if (b < 0) { a = -a; b = -b; }
    i128 q = fdiv128(a, b);
    i128 r = a - q * b;  // 0 <= r < b
    i128 twice = r * 2;
    if (twice > b || (twice == b && (q & 1))) ++q;
    return q;
}

bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int64_t y, int64_t m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y)) return 29;
    return kDays[m - 1];
}

struct Fields {
    int64_t year = 1970;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0;
};

Fields date_fields(int64_t days) {
    Fields f;
    unsigned m, d;
    civil_from_days(days, f.year, m, d);
    f.month = static_cast<int>(m);
    f.day = static_cast<int>(d);
    return f;
}

Fields fields_of(int64_t micros) {
    int64_t days = fdiv(micros, kUsPerDay);
    int64_t rem = micros - days * kUsPerDay;
    Fields f = date_fields(days);
    f.hour = static_cast<int>(rem / kUsPerHour);
    f.minute = static_cast<int>(rem / kUsPerMinute % 60);
    f.second = static_cast<int>(rem / kUsPerSecond % 60);
    f.micro = static_cast<int>(rem % kUsPerSecond);
    return f;
}

Fields time_fields(int64_t micros) {
    Fields f;
    f.year = 1900;
    f.hour = static_cast<int>(micros / kUsPerHour);
    f.minute = static_cast<int>(micros / kUsPerMinute % 60);
    f.second = static_cast<int>(micros / kUsPerSecond % 60);
    f.micro = static_cast<int>(micros % kUsPerSecond);
    return f;
}

int64_t day_of(const Fields& f) { return civil_days(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)); }

int64_t micros_of(const Fields& f) {
    return day_of(f) * kUsPerDay + f.hour * kUsPerHour + f.minute * kUsPerMinute + f.second * kUsPerSecond + f.micro;
}

//! Monday == 0, like date.weekday(); 1970-01-01 was a Thursday.
int weekday_of(int64_t days) { return static_cast<int>(fmod64(days + 3, 7)); }

int64_t iso_week1_monday(int64_t year) {
    int64_t jan4 = civil_days(year, 1, 4);
    return jan4 - weekday_of(jan4);
}

void iso_calendar(int64_t days, int64_t& iso_year, int& week, int& iso_wday) {
    int64_t y = date_fields(days).year;
    int64_t w1 = iso_week1_monday(y);
    if (days < w1) {
        --y;
        w1 = iso_week1_monday(y);
    } else {
        int64_t next = iso_week1_monday(y + 1);
        if (days >= next) { ++y; w1 = next; }
    }
    iso_year = y;
    week = static_cast<int>((days - w1) / 7 + 1);
    iso_wday = weekday_of(days) + 1;
}

int64_t to_ordinal(int64_t days) { return days - kMinDay + 1; }

std::string zpad(int64_t v, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
    return buf;
}

std::string iso_date(const Fields& f) { return zpad(f.year, 4) + "-" + zpad(f.month, 2) + "-" + zpad(f.day, 2); }

//! HH:MM:SS[.ffffff] by timespec; empty when the timespec is unknown.
std::string iso_time(const Fields& f, const std::string& timespec) {
    std::string hh = zpad(f.hour, 2), mm = zpad(f.minute, 2), ss = zpad(f.second, 2);
    if (timespec == "hours") return hh;
    if (timespec == "minutes") return hh + ":" + mm;
    if (timespec == "seconds") return hh + ":" + mm + ":" + ss;
    if (timespec == "milliseconds") return hh + ":" + mm + ":" + ss + "." + zpad(f.micro / 1000, 3);
    if (timespec == "microseconds") return hh + ":" + mm + ":" + ss + "." + zpad(f.micro, 6);
    if (timespec == "auto") return iso_time(f, f.micro ? "microseconds" : "seconds");
    return "";
}

// ------------------------------------------------------------------------- text scanning

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper_ascii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
std::string upper_str(std::string s) { for (char& c : s) c = upper_ascii(c); return s; }
std::string lower_str(std::string s) { for (char& c : s) c = lower_ascii(c); return s; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

//! Greedy \d{lo,hi} at `pos`; advances `pos` and sets `value`.
bool scan_digits(const std::string& s, size_t& pos, size_t lo, size_t hi, int64_t& value, size_t* count = nullptr) {
    size_t n = 0;
    int64_t v = 0;
    while (n < hi && pos + n < s.size() && is_digit(s[pos + n])) {
        v = v * 10 + (s[pos + n] - '0');
        ++n;
    }
    if (n < lo) return false;
    pos += n;
    value = v;
    if (count) *count = n;
    return true;
}

bool valid_time(int64_t h, int64_t m, int64_t s, int64_t us) {
    return h >= 0 && h <= 23 && m >= 0 && m <= 59 && s >= 0 && s <= 59 && us >= 0 && us <= 999999;
}

//! Django's "(?:[\.,](?P<microsecond>\d{1,6})\d{0,6})?" after the seconds.
void scan_fraction(const std::string& s, size_t& pos, int64_t& us) {
    us = 0;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        size_t p = pos + 1, n = 0;
        int64_t v;
        if (scan_digits(s, p, 1, 6, v, &n)) {
            for (size_t k = n; k < 6; ++k) v *= 10;
            us = v;
            int64_t ignored;
            scan_digits(s, p, 0, 6, ignored);
            pos = p;
        }
    }
}

//! Django's time_re: H:M[:S[.f]] (a prefix match, as in Django 3.2).
bool scan_django_time(const std::string& s, size_t& pos, int64_t& h, int64_t& m, int64_t& sec, int64_t& us) {
    if (!scan_digits(s, pos, 1, 2, h)) return false;
    if (pos >= s.size() || s[pos] != ':') return false;
    ++pos;
    if (!scan_digits(s, pos, 1, 2, m)) return false;
    sec = 0;
    us = 0;
    if (pos < s.size() && s[pos] == ':') {
        size_t p = pos + 1;
        if (scan_digits(s, p, 1, 2, sec)) {
            pos = p;
            scan_fraction(s, pos, us);
        } else {
            sec = 0;
        }
    }
    return true;
}

// "$" in Python's re: the end, or just before a final newline.
bool at_regex_end(const std::string& s, size_t pos) { return pos == s.size() || (pos + 1 == s.size() && s[pos] == '\n'); }

// ------------------------------------------------------------------------- strftime (glibc)

const char* const kDayAbbr[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kDayFull[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kMonAbbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kMonFull[] = {"January", "February", "March", "April", "May", "June", "July", "August",
                                "September", "October", "November", "December"};

struct TmInfo {
    Fields f;
    int64_t days = 0;  // the date, for weekday / ISO week / %s
    bool aware = false;
};

std::string pad_field(const std::string& s, char pad, int width) {
    if (width <= static_cast<int>(utf8_length(s))) return s;
    return std::string(static_cast<size_t>(width) - utf8_length(s), pad == '0' ? '0' : ' ') + s;
}

std::string num_field(int64_t v, int digits, char default_pad, char pad, int width) {
    bool neg = v < 0;
    std::string d = std::to_string(neg ? -static_cast<uint64_t>(v) : static_cast<uint64_t>(v));
    char p = pad ? pad : default_pad;
    if (p == '-') {
        if (neg) d = "-" + d;
        return pad_field(d, ' ', width);
    }
    int target = width >= 0 ? std::max(width, digits) : digits;
    int len = static_cast<int>(d.size()) + (neg ? 1 : 0);
    if (len >= target) return (neg ? "-" : "") + d;
    std::string fill(static_cast<size_t>(target - len), p == '_' ? ' ' : '0');
    return p == '_' ? fill + (neg ? "-" : "") + d : (neg ? "-" : "") + fill + d;
}

std::string glibc_strftime(const TmInfo& t, const std::string& fmt, bool python_codes);

std::string glibc_strftime(const TmInfo& t, const std::string& fmt, bool python_codes) {
    const Fields& f = t.f;
    const int wday = (weekday_of(t.days) + 1) % 7;  // Sunday == 0
    const int64_t yday = t.days - civil_days(f.year, 1, 1);
    const int h12 = f.hour % 12 == 0 ? 12 : f.hour % 12;
    std::string out;
    const size_t n = fmt.size();
    size_t i = 0;
    while (i < n) {
        char ch = fmt[i];
        if (ch != '%') {
            out += ch;
            ++i;
            continue;
        }
        // datetime.strftime replaces %z, %Z and %f itself before calling the C library.
        if (python_codes && i + 1 < n) {
            char nx = fmt[i + 1];
            if (nx == 'z' || nx == 'Z' || nx == 'f') {
                if (nx == 'z') out += t.aware ? "+0000" : "";
                else if (nx == 'Z') out += t.aware ? "UTC" : "";
                else out += zpad(f.micro, 6);
                i += 2;
                continue;
            }
        }
        size_t j = i + 1;
        char pad = 0;
        bool upcase = false, swapcase = false;
        while (j < n && std::strchr("_-0^#", fmt[j]) && fmt[j] != '\0') {
            if (fmt[j] == '^') upcase = true;
            else if (fmt[j] == '#') swapcase = true;
            else pad = fmt[j];
            ++j;
        }
        int width = -1;
        while (j < n && is_digit(fmt[j])) {
            if (width < 0) width = 0;
            if (width < 100000) width = width * 10 + (fmt[j] - '0');
            ++j;
        }
        char mod = 0;
        if (j < n && (fmt[j] == 'E' || fmt[j] == 'O')) mod = fmt[j++];
        if (j >= n) {  // '%' (with flags) at the end: copied as written
            out += pad_field(fmt.substr(i), pad, width);
            break;
        }
        const char c = fmt[j];
        auto bad = [&]() { out += pad_field(c == '%' ? std::string("%") : fmt.substr(i, j + 1 - i), pad, width); };
        auto name = [&](std::string s) {
            if (upcase || swapcase) s = upper_str(s);
            out += pad_field(s, pad, width);
        };
        auto num = [&](int64_t v, int digits, char dflt = '0') { out += num_field(v, digits, dflt, pad, width); };
        auto composite = [&](const char* sub) {
            std::string s = glibc_strftime(t, sub, false);
            if (upcase) s = upper_str(s);
            out += pad_field(s, pad, width);
        };
        const bool e_ok = std::strchr("cCxXyY", c) != nullptr;
        const bool o_ok = std::strchr("bBhdeHIklmMSuUVwWy", c) != nullptr;
        if ((mod == 'E' && !e_ok) || (mod == 'O' && !o_ok)) {
            if (c != 'z' && c != 'Z') {
                bad();
                i = j + 1;
                continue;
            }
        }
        switch (c) {
            case '%': out += pad_field("%", pad, width); break;
            case 'a': name(kDayAbbr[wday]); break;
            case 'A': name(kDayFull[wday]); break;
            case 'b':
            case 'h': name(kMonAbbr[f.month - 1]); break;
            case 'B': name(kMonFull[f.month - 1]); break;
            case 'c': composite("%a %b %e %H:%M:%S %Y"); break;
            case 'C': num(fdiv(f.year, 100), 1); break;
            case 'd': num(f.day, 2); break;
            case 'D': composite("%m/%d/%y"); break;
            case 'e': num(f.day, 2, '_'); break;
            case 'F': {
                std::string y = std::to_string(f.year);
                if (width > 6) y = pad_field(y, pad == '0' ? '0' : ' ', width - 6);
                out += y + "-" + zpad(f.month, 2) + "-" + zpad(f.day, 2);
                break;
            }
            case 'g':
            case 'G':
            case 'u':
            case 'V': {
                int64_t iy;
                int wk, iwd;
                iso_calendar(t.days, iy, wk, iwd);
                if (c == 'g') num(fmod64(iy, 100), 2);
                else if (c == 'G') num(iy, 1);
                else if (c == 'u') num(iwd, 1);
                else num(wk, 2);
                break;
            }
            case 'H': num(f.hour, 2); break;
            case 'I': num(h12, 2); break;
            case 'j': num(yday + 1, 3); break;
            case 'k': num(f.hour, 2, '_'); break;
            case 'l': num(h12, 2, '_'); break;
            case 'm': num(f.month, 2); break;
            case 'M': num(f.minute, 2); break;
            case 'n': out += pad_field("\n", pad, width); break;
            case 't': out += pad_field("\t", pad, width); break;
            case 'p': {
                std::string s = f.hour < 12 ? "AM" : "PM";
                if (swapcase) s = lower_str(s);
                out += pad_field(s, pad, width);
                break;
            }
            case 'P': out += pad_field(f.hour < 12 ? "am" : "pm", pad, width); break;
            case 'r': composite("%I:%M:%S %p"); break;
            case 'R': composite("%H:%M"); break;
            case 's': num(t.days * 86400 + f.hour * 3600 + f.minute * 60 + f.second, 1); break;
            case 'S': num(f.second, 2); break;
            case 'T': composite("%H:%M:%S"); break;
            case 'U': num((yday + 7 - wday) / 7, 2); break;
            case 'w': num(wday, 1); break;
            case 'W': num((yday + 7 - (wday + 6) % 7) / 7, 2); break;
            case 'x': composite("%m/%d/%y"); break;
            case 'X': composite("%H:%M:%S"); break;
            case 'y': num(fmod64(f.year, 100), 2); break;
            case 'Y': num(f.year, 1); break;
            case 'z': break;  // a flagged %z reaches the C library, which prints nothing for these datetimes
            case 'Z': out += pad_field("", pad, width); break;
            default: bad(); break;
        }
        i = j + 1;
    }
    return out;
}

TmInfo tm_of_datetime(int64_t micros, bool aware) {
    TmInfo t;
    t.f = fields_of(micros);
    t.days = fdiv(micros, kUsPerDay);
    t.aware = aware;
    return t;
}

TmInfo tm_of_date(int64_t days) {
    TmInfo t;
    t.f = date_fields(days);
    t.days = days;
    return t;
}

TmInfo tm_of_time(int64_t micros) {
    TmInfo t;
    t.f = time_fields(micros);
    t.days = civil_days(1900, 1, 1);
    return t;
}

}  // namespace

// ------------------------------------------------------------------------- public helpers

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) { return civil_days(y, m, d); }

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool valid_date(int64_t y, int64_t m, int64_t d) {
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

bool parse_datetime_text(const std::string& s, int64_t& micros, bool& has_offset) {
    // Django 3.2's datetime_re.
    size_t p = 0;
    int64_t y, mo, d, h, mi, sec = 0, us = 0;
    if (!scan_digits(s, p, 4, 4, y)) return false;
    if (p >= s.size() || s[p] != '-') return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, mo)) return false;
    if (p >= s.size() || s[p] != '-') return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, d)) return false;
    if (p >= s.size() || (s[p] != 'T' && s[p] != ' ')) return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, h)) return false;
    if (p >= s.size() || s[p] != ':') return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, mi)) return false;
    if (p < s.size() && s[p] == ':') {
        size_t q = p + 1;
        if (scan_digits(s, q, 1, 2, sec)) {
            p = q;
            scan_fraction(s, p, us);
        }
    }
    int64_t offset_minutes = 0;
    has_offset = false;
    if (p < s.size() && s[p] == 'Z') {
        has_offset = true;
        ++p;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        size_t q = p + 1;
        int64_t oh, om = 0;
        if (scan_digits(s, q, 2, 2, oh)) {
            size_t r = q;
            if (r < s.size() && s[r] == ':') ++r;
            int64_t v;
            if (scan_digits(s, r, 2, 2, v)) { om = v; q = r; }
            offset_minutes = (oh * 60 + om) * (s[p] == '-' ? -1 : 1);
            has_offset = true;
            p = q;
        }
    }
    if (!at_regex_end(s, p)) return false;
    if (!valid_date(y, mo, d) || !valid_time(h, mi, sec, us)) return false;
    micros = (civil_days(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 + h * 3600 + mi * 60 + sec) * kUsPerSecond +
             us - offset_minutes * kUsPerMinute;
    return true;
}

bool parse_date_text(const std::string& s, int64_t& days) {
    // Django 3.2's date_re.
    size_t p = 0;
    int64_t y, m, d;
    if (!scan_digits(s, p, 4, 4, y)) return false;
    if (p >= s.size() || s[p] != '-') return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, m)) return false;
    if (p >= s.size() || s[p] != '-') return false;
    ++p;
    if (!scan_digits(s, p, 1, 2, d)) return false;
    if (!at_regex_end(s, p)) return false;
    if (!valid_date(y, m, d)) return false;
    days = civil_days(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    return true;
}

bool parse_time_text(const std::string& s, int64_t& micros) {
    // Django 3.2's time_re, matched at the start like re.match.
    size_t p = 0;
    int64_t h, m, sec, us;
    if (!scan_django_time(s, p, h, m, sec, us)) return false;
    if (!valid_time(h, m, sec, us)) return false;
    micros = h * kUsPerHour + m * kUsPerMinute + sec * kUsPerSecond + us;
    return true;
}

std::string format_db_datetime(int64_t micros) {
    Fields f = fields_of(micros);
    std::string s = iso_date(f) + " " + iso_time(f, "seconds");
    if (f.micro) s += "." + zpad(f.micro, 6);
    return s;
}

std::string format_db_date(int64_t days) { return iso_date(date_fields(days)); }

std::string format_db_time(int64_t micros) {
    Fields f = time_fields(micros);
    return iso_time(f, "auto");
}

std::string strftime_text(int64_t micros, const std::string& fmt) { return glibc_strftime(tm_of_datetime(micros, false), fmt, true); }

// ------------------------------------------------------------------------- interpreter glue

namespace {

//! The classes and tzinfo singletons of one Interp, kept in the datetime module.
class Registry final : public Object {
public:
    Registry() : Object(Kind::kNative) {}
    ClassRef datetime, date, time, timedelta, timezone, tzinfo, pytz_utc_class, re_error;
    Ref std_utc, pytz_utc;
    std::string type_name() const override { return "registry"; }
};

const char* const kRegistryKey = "__gramlab_datetime__";

Registry* registry(Interp& in) {
    Ref saved = in.exc;
    Ref m = in.import_module("datetime");
    if (!m) {
        in.exc = saved;
        return nullptr;
    }
    auto* mod = as<ModuleObj>(m);
    if (!mod) return nullptr;
    auto it = mod->attrs.find(kRegistryKey);
    return it == mod->attrs.end() ? nullptr : as<Registry>(it->second);
}

Ref tz_ref(Interp& in, Tz tz) {
    if (tz == Tz::kNaive) return in.None;
    if (Registry* r = registry(in)) return tz == Tz::kPytzUtc ? r->pytz_utc : r->std_utc;
    return std::make_shared<TzObj>(tz);
}

//! CPython's tp_name (qualified for the datetime types), for error messages.
std::string tp_name(const Ref& r) {
    switch (r->kind) {
        case Kind::kDateTime: return "datetime.datetime";
        case Kind::kDate: return "datetime.date";
        case Kind::kTime: return "datetime.time";
        case Kind::kTimeDelta: return "datetime.timedelta";
        case Kind::kTimezone: return static_cast<TzObj*>(r.get())->tz == Tz::kPytzUtc ? "UTC" : "datetime.timezone";
        default: return r->type_name();
    }
}

std::nullptr_t no_attr(Interp& in, const std::string& type, const std::string& attr) {
    return in.raise(in.AttributeError, "'" + type + "' object has no attribute '" + attr + "'");
}

std::nullptr_t out_of_range(Interp& in) { return in.raise(in.OverflowError, "date value out of range"); }

bool is_int(const Ref& r) { return r->kind == Kind::kInt || r->kind == Kind::kBool; }
int64_t int_value(const Ref& r) {
    return r->kind == Kind::kBool ? static_cast<BoolObj*>(r.get())->value : static_cast<IntObj*>(r.get())->value;
}

//! PyArg "i": an int that fits a C int.
bool c_int(Interp& in, const Ref& r, int64_t& out) {
    if (!is_int(r)) {
        in.type_error("'" + tp_name(r) + "' object cannot be interpreted as an integer");
        return false;
    }
    out = int_value(r);
    if (out > INT_MAX) {
        in.raise(in.OverflowError, "signed integer is greater than maximum");
        return false;
    }
    if (out < INT_MIN) {
        in.raise(in.OverflowError, "signed integer is less than minimum");
        return false;
    }
    return true;
}

//! Binds arguments like CPython's PyArg_ParseTupleAndKeywords, with its messages. `fname`
//! empty means a constructor ("function ..."); `max_pos` < names.size() marks keyword-only
//! parameters after it; `convert` checks each supplied value in order.
bool parse_args(Interp& in, const Args& a, const std::vector<std::string>& names, size_t min, size_t max_pos,
          const std::string& fname, std::vector<Ref>& out, const std::function<bool(size_t, const Ref&)>& convert = nullptr) {
    const size_t len = names.size(), nargs = a.pos.size();
    const std::string fn = fname.empty() ? "function" : fname + "()";
    if (nargs + a.kw.size() > len) {
        in.type_error(fn + " takes at most " + std::to_string(len) + " " + (nargs == 0 ? "keyword " : "") + "argument" +
                      (len == 1 ? "" : "s") + " (" + std::to_string(nargs + a.kw.size()) + " given)");
        return false;
    }
    out.assign(len, nullptr);
    size_t kw_left = a.kw.size();
    for (size_t i = 0; i < len; ++i) {
        if (i == max_pos && nargs > max_pos) {
            if (max_pos == 0) in.type_error(fn + " takes no positional arguments");
            else
                in.type_error(fn + " takes " + (min < max_pos ? "at most" : "exactly") + " " + std::to_string(max_pos) +
                              " positional argument" + (max_pos == 1 ? "" : "s") + " (" + std::to_string(nargs) + " given)");
            return false;
        }
        Ref cur;
        if (i < nargs) {
            cur = a.pos[i];
        } else if (kw_left) {
            if (const Ref* k = a.find(names[i])) {
                cur = *k;
                --kw_left;
            }
        }
        if (cur) {
            out[i] = cur;
            if (convert && !convert(i, cur)) return false;
            continue;
        }
        if (i < min) {
            in.type_error(fn + " missing required argument '" + names[i] + "' (pos " + std::to_string(i + 1) + ")");
            return false;
        }
        if (!kw_left) return true;
    }
    if (kw_left) {
        for (size_t i = 0; i < nargs && i < len; ++i)
            if (a.find(names[i])) {
                in.type_error("argument for " + fn + " given by name ('" + names[i] + "') and position (" + std::to_string(i + 1) + ")");
                return false;
            }
        for (const auto& kv : a.kw)
            if (std::find(names.begin(), names.end(), kv.first) == names.end()) {
                in.type_error("'" + kv.first + "' is an invalid keyword argument for " + (fname.empty() ? "this function" : fname + "()"));
                return false;
            }
    }
    return true;
}

//! Binds C-int parameters (all but the ones listed in `objects`).
bool bind_ints(Interp& in, const Args& a, const std::vector<std::string>& names, size_t min, size_t max_pos,
               const std::string& fname, std::vector<Ref>& raw, std::vector<int64_t>& ints, const std::vector<std::string>& objects = {}) {
    ints.assign(names.size(), 0);
    return parse_args(in, a, names, min, max_pos, fname, raw, [&](size_t i, const Ref& r) {
        if (std::find(objects.begin(), objects.end(), names[i]) != objects.end()) return true;
        return c_int(in, r, ints[i]);
    });
}

bool no_args(Interp& in, const std::string& qual, const Args& a) {
    if (!a.kw.empty()) {
        in.type_error(qual + "() takes no keyword arguments");
        return false;
    }
    if (!a.pos.empty()) {
        in.type_error(qual + "() takes no arguments (" + std::to_string(a.pos.size()) + " given)");
        return false;
    }
    return true;
}

bool one_arg(Interp& in, const std::string& qual, const Args& a) {
    if (!a.kw.empty()) {
        in.type_error(qual + "() takes no keyword arguments");
        return false;
    }
    if (a.pos.size() != 1) {
        in.type_error(qual + "() takes exactly one argument (" + std::to_string(a.pos.size()) + " given)");
        return false;
    }
    return true;
}

//! A str argument ("strftime() argument 1 must be str, not int").
bool str_arg(Interp& in, const Ref& r, const std::string& fname, int index, std::string& out) {
    auto* s = as<StrObj>(r);
    if (!s) {
        in.type_error(fname + "() argument " + std::to_string(index) + " must be str, not " + tp_name(r));
        return false;
    }
    out = s->value;
    return true;
}

//! A tzinfo argument: None or one of our TzObjs.
bool tz_arg(Interp& in, const Ref& r, Tz& out) {
    if (!r || r->kind == Kind::kNone) {
        out = Tz::kNaive;
        return true;
    }
    if (auto* t = as<TzObj>(r)) {
        out = t->tz;
        return true;
    }
    if (auto* inst = as<InstanceObj>(r)) {
        Registry* reg = registry(in);
        if (reg && inst->cls->is_subclass_of(reg->tzinfo.get())) {
            in.not_supported("a tzinfo subclass other than UTC");
            return false;
        }
    }
    in.type_error("tzinfo argument must be None or of a tzinfo subclass, not type '" + tp_name(r) + "'");
    return false;
}

bool check_date_fields(Interp& in, int64_t y, int64_t m, int64_t d) {
    if (y < 1 || y > 9999) {
        in.value_error("year " + std::to_string(y) + " is out of range");
        return false;
    }
    if (m < 1 || m > 12) {
        in.value_error("month must be in 1..12");
        return false;
    }
    if (d < 1 || d > days_in_month(y, m)) {
        in.value_error("day is out of range for month");
        return false;
    }
    return true;
}

bool check_time_fields(Interp& in, int64_t h, int64_t mi, int64_t s, int64_t us, int64_t fold) {
    const char* msg = nullptr;
    if (h < 0 || h > 23) msg = "hour must be in 0..23";
    else if (mi < 0 || mi > 59) msg = "minute must be in 0..59";
    else if (s < 0 || s > 59) msg = "second must be in 0..59";
    else if (us < 0 || us > 999999) msg = "microsecond must be in 0..999999";
    else if (fold != 0 && fold != 1) msg = "fold must be either 0 or 1";
    if (msg) {
        in.value_error(msg);
        return false;
    }
    if (fold == 1) {
        in.not_supported("fold=1");
        return false;
    }
    return true;
}

Ref new_datetime(Interp& in, int64_t micros, Tz tz) {
    if (micros < kMinMicros || micros > kMaxMicros) return out_of_range(in);
    return std::make_shared<DateTimeObj>(micros, tz);
}

Ref new_date(Interp& in, int64_t days) {
    if (days < kMinDay || days > kMaxDay) return out_of_range(in);
    return std::make_shared<DateObj>(days);
}

//! A timedelta from microseconds, with CPython's range errors.
Ref new_delta(Interp& in, i128 us) {
    i128 days = fdiv128(us, kUsPerDay);
    if (days > kMaxDeltaDays || days < -kMaxDeltaDays) {
        if (days > INT_MAX || days < INT_MIN) return in.raise(in.OverflowError, "Python int too large to convert to C int");
        return in.raise(in.OverflowError, "days=" + std::to_string(static_cast<int64_t>(days)) + "; must have magnitude <= 999999999");
    }
    if (us > INT64_MAX || us < INT64_MIN) return in.not_supported("a timedelta of more than 106751991 days");
    return std::make_shared<TimeDeltaObj>(static_cast<int64_t>(us));
}

//! float.as_integer_ratio() as mantissa * 2**exp (false + exception for nan/inf).
bool float_ratio(Interp& in, double d, int64_t& mant, int& exp) {
    if (std::isnan(d)) {
        in.value_error("cannot convert NaN to integer ratio");
        return false;
    }
    if (std::isinf(d)) {
        in.raise(in.OverflowError, "cannot convert Infinity to integer ratio");
        return false;
    }
    if (d == 0) {
        mant = 0;
        exp = 0;
        return true;
    }
    int e;
    double fr = std::frexp(d, &e);
    mant = static_cast<int64_t>(std::ldexp(fr, 53));
    exp = e - 53;
    while (mant % 2 == 0) {
        mant /= 2;
        ++exp;
    }
    return true;
}

int bit_length(i128 v) {
    if (v < 0) v = -v;
    int n = 0;
    while (v) { v >>= 1; ++n; }
    return n;
}

Ref delta_times_float(Interp& in, int64_t us, double d) {
    int64_t mant;
    int exp;
    if (!float_ratio(in, d, mant, exp)) return nullptr;
    i128 prod = static_cast<i128>(us) * mant;
    if (exp >= 0) {
        if (prod != 0 && bit_length(prod) + exp > 120) return new_delta(in, static_cast<i128>(INT64_MAX) * 1000000000);
        return new_delta(in, prod * (static_cast<i128>(1) << exp));
    }
    if (-exp > 124) return new_delta(in, 0);
    return new_delta(in, div_nearest(prod, static_cast<i128>(1) << -exp));
}

Ref delta_div_float(Interp& in, int64_t us, double d) {
    int64_t mant;
    int exp;
    if (!float_ratio(in, d, mant, exp)) return nullptr;
    if (mant == 0) return in.raise(in.ZeroDivisionError, "integer division or modulo by zero");
    if (exp >= 0) {
        if (bit_length(mant) + exp > 124) return new_delta(in, 0);
        return new_delta(in, div_nearest(us, static_cast<i128>(mant) * (static_cast<i128>(1) << exp)));
    }
    if (us != 0 && bit_length(us) - exp > 124) return new_delta(in, static_cast<i128>(INT64_MAX) * 1000000000);
    return new_delta(in, div_nearest(static_cast<i128>(us) * (static_cast<i128>(1) << -exp), mant));
}

//! int / int as a correctly rounded float (Python's true division).
double true_div(int64_t a, int64_t b) {
    if (a > -(1LL << 53) && a < (1LL << 53) && b > -(1LL << 53) && b < (1LL << 53))
        return static_cast<double>(a) / static_cast<double>(b);
    return static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b));
}

int cmp64(int64_t a, int64_t b) { return a < b ? -1 : a > b ? 1 : 0; }

//! The session clock in microseconds (UTC wall time).
int64_t clock_micros(Interp& in) {
    int64_t us;
    bool off;
    if (parse_datetime_text(in.now, us, off)) return us;
    int64_t days;
    if (parse_date_text(in.now, days)) return days * kUsPerDay;
    return civil_days(2024, 1, 15) * kUsPerDay + 12 * kUsPerHour;
}

// --- reprs

std::string tz_repr(Tz tz) { return tz == Tz::kPytzUtc ? "<UTC>" : "datetime.timezone.utc"; }

std::string datetime_repr(int64_t micros, Tz tz) {
    Fields f = fields_of(micros);
    std::string s = "datetime.datetime(" + std::to_string(f.year) + ", " + std::to_string(f.month) + ", " + std::to_string(f.day) +
                    ", " + std::to_string(f.hour) + ", " + std::to_string(f.minute);
    if (f.second || f.micro) s += ", " + std::to_string(f.second);
    if (f.micro) s += ", " + std::to_string(f.micro);
    if (tz != Tz::kNaive) s += ", tzinfo=" + tz_repr(tz);
    return s + ")";
}

std::string datetime_iso(int64_t micros, Tz tz, const std::string& sep, const std::string& timespec) {
    Fields f = fields_of(micros);
    std::string s = iso_date(f) + sep + iso_time(f, timespec);
    if (tz != Tz::kNaive) s += "+00:00";
    return s;
}

std::string delta_repr(int64_t us) {
    int64_t days = fdiv(us, kUsPerDay);
    int64_t rem = us - days * kUsPerDay;
    int64_t secs = rem / kUsPerSecond, micro = rem % kUsPerSecond;
    std::vector<std::string> parts;
    if (days) parts.push_back("days=" + std::to_string(days));
    if (secs) parts.push_back("seconds=" + std::to_string(secs));
    if (micro) parts.push_back("microseconds=" + std::to_string(micro));
    if (parts.empty()) return "datetime.timedelta(0)";
    std::string s = "datetime.timedelta(";
    for (size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
    return s + ")";
}

std::string delta_str(int64_t us) {
    int64_t days = fdiv(us, kUsPerDay);
    int64_t rem = us - days * kUsPerDay;
    int64_t secs = rem / kUsPerSecond, micro = rem % kUsPerSecond;
    std::string s;
    if (days) s = std::to_string(days) + " day" + (days == 1 || days == -1 ? "" : "s") + ", ";
    s += std::to_string(secs / 3600) + ":" + zpad(secs / 60 % 60, 2) + ":" + zpad(secs % 60, 2);
    if (micro) s += "." + zpad(micro, 6);
    return s;
}

std::string time_repr(int64_t micros) {
    Fields f = time_fields(micros);
    std::string s = "datetime.time(" + std::to_string(f.hour) + ", " + std::to_string(f.minute);
    if (f.second || f.micro) s += ", " + std::to_string(f.second);
    if (f.micro) s += ", " + std::to_string(f.micro);
    return s + ")";
}

// --- methods

using Fn = std::function<Ref(Interp&, Ref&, Args&)>;

Ref bound(const std::string& type, const std::string& name, Ref self, Fn fn) {
    Ref m = method(name, std::move(self), std::move(fn));
    static_cast<BuiltinObj*>(m.get())->repr_text = "<built-in method " + name + " of " + type + " object at 0x7f0000000000>";
    return m;
}

Ref class_method(const std::string& name, BuiltinObj::Fn fn) {
    auto b = std::make_shared<BuiltinObj>(name, std::move(fn));
    b->repr_text = "<built-in method " + name + " of type object at 0x7f0000000000>";
    return b;
}

DateTimeObj* dt_of(const Ref& r) { return static_cast<DateTimeObj*>(r.get()); }
DateObj* date_of(const Ref& r) { return static_cast<DateObj*>(r.get()); }
TimeObj* time_of(const Ref& r) { return static_cast<TimeObj*>(r.get()); }

Ref strftime_method(Interp& in, const TmInfo& t, Args& a) {
    std::vector<Ref> v;
    std::string fmt;
    if (!parse_args(in, a, {"format"}, 1, 1, "strftime", v, [&](size_t, const Ref& r) { return str_arg(in, r, "strftime", 1, fmt); }))
        return nullptr;
    return Interp::string(glibc_strftime(t, fmt, true));
}

Ref format_method(Interp& in, const TmInfo& t, const Ref& self, Args& a) {
    if (!a.kw.empty()) return in.type_error("__format__() takes no keyword arguments");
    if (a.pos.size() != 1)
        return in.type_error("__format__() takes exactly 1 argument (" + std::to_string(a.pos.size()) + " given)");
    std::string spec;
    if (!str_arg(in, a.pos[0], "__format__", 1, spec)) return nullptr;
    if (spec.empty()) {
        std::string s;
        if (!in.str(self, s)) return nullptr;
        return Interp::string(s);
    }
    return Interp::string(glibc_strftime(t, spec, true));
}

Ref isocalendar_value(int64_t days) {
    int64_t y;
    int w, d;
    iso_calendar(days, y, w, d);
    auto t = std::make_shared<SeqObj>(Kind::kTuple, std::vector<Ref>{Interp::integer(y), Interp::integer(w), Interp::integer(d)});
    t->row_name = "datetime.IsoCalendarDate";
    t->row_fields = {"year", "week", "weekday"};
    return t;
}

Ref timetuple_value(const TmInfo& t, int isdst) {
    const Fields& f = t.f;
    int64_t yday = t.days - civil_days(f.year, 1, 1) + 1;
    auto s = std::make_shared<SeqObj>(
        Kind::kTuple, std::vector<Ref>{Interp::integer(f.year), Interp::integer(f.month), Interp::integer(f.day),
                                       Interp::integer(f.hour), Interp::integer(f.minute), Interp::integer(f.second),
                                       Interp::integer(weekday_of(t.days)), Interp::integer(yday), Interp::integer(isdst)});
    s->row_name = "time.struct_time";
    s->row_fields = {"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"};
    return s;
}

std::string ctime_text(const TmInfo& t) { return glibc_strftime(t, "%a %b %e %H:%M:%S %Y", false); }

//! Methods date and datetime share (defined on date in CPython).
Ref date_common_method(Interp& in, const std::string& type, const Ref& self, const std::string& name, int64_t days,
                       const TmInfo& t) {
    if (name == "weekday" || name == "isoweekday" || name == "toordinal" || name == "isocalendar") {
        return bound(type, name, self, [name, days](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "date." + name, a)) return nullptr;
            if (name == "weekday") return Interp::integer(weekday_of(days));
            if (name == "isoweekday") return Interp::integer(weekday_of(days) + 1);
            if (name == "toordinal") return Interp::integer(to_ordinal(days));
            return isocalendar_value(days);
        });
    }
    if (name == "strftime") return bound(type, name, self, [t](Interp& in, Ref&, Args& a) { return strftime_method(in, t, a); });
    if (name == "__format__")
        return bound(type, name, self, [t](Interp& in, Ref& me, Args& a) { return format_method(in, t, me, a); });
    return nullptr;
}

Ref str_repr_method(const std::string& type, const Ref& self, const std::string& name) {
    if (name != "__str__" && name != "__repr__") return nullptr;
    bool is_repr = name == "__repr__";
    Ref m = bound(type, name, self, [is_repr](Interp& in, Ref& me, Args& a) -> Ref {
        if (!a.kw.empty() || !a.pos.empty()) {
            if (a.kw.empty()) return in.type_error("expected 0 arguments, got " + std::to_string(a.pos.size()));
            return in.type_error("wrapper takes no keyword arguments");
        }
        std::string s;
        if (!(is_repr ? in.repr(me, s) : in.str(me, s))) return nullptr;
        return Interp::string(s);
    });
    static_cast<BuiltinObj*>(m.get())->repr_text = "<method-wrapper '" + name + "' of " + type + " object at 0x7f0000000000>";
    return m;
}

//! Class attributes (classmethods, min/max/resolution) reachable from instances.
Ref class_attr(Interp& in, const ClassRef& cls, const std::string& name) {
    if (!cls || name.rfind("__", 0) == 0) return nullptr;
    Ref r = cls->lookup(name);
    if (!r) return nullptr;
    if (auto* b = as<BuiltinObj>(r); b && b->repr_text.rfind("<method ", 0) == 0) return nullptr;  // unbound methods
    return r;
}

// ------------------------------------------------------------------------- ISO parsing (CPython 3.11)

const char* parse_fixed_digits(const char* p, const char* end, int& var, size_t n) {
    var = 0;
    for (size_t i = 0; i < n; ++i) {
        if (p >= end || !is_digit(*p)) return nullptr;
        var = var * 10 + (*p - '0');
        ++p;
    }
    return p;
}

//! _find_isoformat_datetime_separator
size_t find_iso_separator(const std::string& s) {
    const size_t len = s.size();
    auto at = [&](size_t i) { return i < len ? s[i] : '\0'; };
    if (len == 7) return 7;
    if (at(4) == '-') {
        if (at(5) == 'W') {
            if (len < 8) return std::string::npos;
            if (len > 8 && at(8) == '-') {
                if (len == 9) return std::string::npos;
                if (len > 10 && is_digit(at(10))) return 8;
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if (at(4) == 'W') {
        size_t idx = 7;
        for (; idx < len; ++idx)
            if (!is_digit(s[idx])) break;
        if (idx < 9) return idx;
        return idx % 2 == 0 ? 7 : 8;
    }
    return 8;
}

bool iso_to_ymd(int iso_year, int iso_week, int iso_day, int& y, int& m, int& d) {
    if (iso_week <= 0 || iso_week >= 53) {
        bool out = true;
        if (iso_week == 53) {
            int first = weekday_of(civil_days(iso_year, 1, 1));
            if (first == 3 || (first == 2 && is_leap(iso_year))) out = false;
        }
        if (out) return false;
    }
    if (iso_day <= 0 || iso_day >= 8) return false;
    if (iso_year < 1 || iso_year > 9999) return false;
    int64_t day = iso_week1_monday(iso_year) + (iso_week - 1) * 7 + iso_day - 1;
    Fields f = date_fields(day);
    y = static_cast<int>(f.year);
    m = f.month;
    d = f.day;
    return true;
}

//! parse_isoformat_date over s[0, len); false when malformed.
bool parse_iso_date(const std::string& s, size_t len, int& y, int& m, int& d) {
    const char* p = s.data();
    const char* end = s.data() + s.size();
    p = parse_fixed_digits(p, end, y, 4);
    if (!p) return false;
    bool sep = p < end && *p == '-';
    if (sep) ++p;
    if (p < end && *p == 'W') {
        ++p;
        int week = 0, day = 0;
        p = parse_fixed_digits(p, end, week, 2);
        if (!p) return false;
        if (static_cast<size_t>(p - s.data()) < len) {
            if (sep && (p >= end || *(p++) != '-')) return false;
            p = parse_fixed_digits(p, end, day, 1);
            if (!p) return false;
        } else {
            day = 1;
        }
        return iso_to_ymd(y, week, day, y, m, d);
    }
    p = parse_fixed_digits(p, end, m, 2);
    if (!p) return false;
    if (sep && (p >= end || *(p++) != '-')) return false;
    p = parse_fixed_digits(p, end, d, 2);
    return p != nullptr;
}

//! parse_hh_mm_ss_ff over [p, end): <0 error, 0 ok at end, 1 ok with trailing text.
int parse_hh_mm_ss_ff(const char* p, const char* end, const char* str_end, int& h, int& m, int& s, int& us) {
    h = m = s = us = 0;
    int* vals[3] = {&h, &m, &s};
    bool has_sep = true;
    auto char_at = [&](const char* q) { return q < str_end ? *q : '\0'; };
    for (int i = 0; i < 3; ++i) {
        p = parse_fixed_digits(p, str_end, *vals[i], 2);
        if (!p) return -3;
        char c = char_at(p);
        ++p;
        if (i == 0) has_sep = c == ':';
        if (p >= end) return c != '\0';
        if (has_sep && c == ':') continue;
        if (c == '.' || c == ',') break;
        if (!has_sep) {
            --p;
        } else {
            return -4;
        }
    }
    size_t remains = p < end ? static_cast<size_t>(end - p) : 0;
    size_t to_parse = std::min<size_t>(remains, 6);
    if (to_parse == 0) return -3;
    p = parse_fixed_digits(p, str_end, us, to_parse);
    if (!p) return -3;
    static const int kCorrection[] = {100000, 10000, 1000, 100, 10};
    if (to_parse < 6) us *= kCorrection[to_parse - 1];
    while (p < str_end && is_digit(*p)) ++p;
    return char_at(p) != '\0';
}

//! parse_isoformat_time: <0 error, 0 naive, 1 with a UTC offset (in `offset` seconds).
int parse_iso_time(const std::string& s, size_t start, int& h, int& m, int& sec, int& us, int& offset) {
    const char* base = s.data() + start;
    const char* end = s.data() + s.size();
    const char* tz = base;
    if (tz >= end) return -3;
    do {
        if (*tz == 'Z' || *tz == '+' || *tz == '-') break;
    } while (++tz < end);
    int rv = parse_hh_mm_ss_ff(base, tz, end, h, m, sec, us);
    if (rv < 0) return rv;
    if (tz == end) return rv == 1 ? -5 : 0;
    if (*tz == 'Z') {
        offset = 0;
        return tz + 1 < end ? -5 : 1;
    }
    int sign = *tz == '-' ? -1 : 1;
    ++tz;
    int th, tm, ts, tus;
    rv = parse_hh_mm_ss_ff(tz, end, end, th, tm, ts, tus);
    offset = sign * (th * 3600 + tm * 60 + ts);
    return rv ? -5 : 1;
}

Ref invalid_iso(Interp& in, const std::string& s) { return in.value_error("Invalid isoformat string: " + repr_str(s)); }

Ref datetime_fromisoformat(Interp& in, Args& a) {
    if (!one_arg(in, "datetime.fromisoformat", a)) return nullptr;
    auto* so = as<StrObj>(a.pos[0]);
    if (!so) return in.type_error("fromisoformat: argument must be str");
    const std::string& s = so->value;
    if (s.size() < 7) return invalid_iso(in, s);
    size_t sep = find_iso_separator(s);
    if (sep == std::string::npos) return invalid_iso(in, s);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, us = 0, offset = 0;
    int rv = parse_iso_date(s, sep, y, mo, d) ? 0 : -1;
    if (rv == 0 && s.size() > sep) {
        size_t t = sep;
        unsigned char c = static_cast<unsigned char>(s[t]);
        t += c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : 4;
        rv = t > s.size() ? -1 : parse_iso_time(s, t, h, mi, sec, us, offset);
    }
    if (rv < 0) return invalid_iso(in, s);
    if (rv == 1 && offset != 0) return in.not_supported("a UTC offset other than +00:00");
    if (!check_date_fields(in, y, mo, d) || !check_time_fields(in, h, mi, sec, us, 0)) return nullptr;
    Fields f{y, mo, d, h, mi, sec, us};
    return new_datetime(in, micros_of(f), rv == 1 ? Tz::kStdUtc : Tz::kNaive);
}

Ref date_fromisoformat(Interp& in, Args& a) {
    if (!one_arg(in, "date.fromisoformat", a)) return nullptr;
    auto* so = as<StrObj>(a.pos[0]);
    if (!so) return in.type_error("fromisoformat: argument must be str");
    const std::string& s = so->value;
    int y = 0, m = 0, d = 0;
    if (!((s.size() == 7 || s.size() == 8 || s.size() == 10) && parse_iso_date(s, s.size(), y, m, d))) return invalid_iso(in, s);
    if (!check_date_fields(in, y, m, d)) return nullptr;
    return new_date(in, civil_days(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

Ref time_fromisoformat(Interp& in, Args& a) {
    if (!one_arg(in, "time.fromisoformat", a)) return nullptr;
    auto* so = as<StrObj>(a.pos[0]);
    if (!so) return in.type_error("fromisoformat: argument must be str");
    const std::string& s = so->value;
    size_t start = !s.empty() && s[0] == 'T' ? 1 : 0;
    int h = 0, m = 0, sec = 0, us = 0, offset = 0;
    int rv = s.size() - start < 2 ? -1 : parse_iso_time(s, start, h, m, sec, us, offset);
    if (rv < 0) return invalid_iso(in, s);
    if (!check_time_fields(in, h, m, sec, us, 0)) return nullptr;
    if (rv == 1) return in.not_supported("time objects with a tzinfo");
    return std::make_shared<TimeObj>(h * kUsPerHour + m * kUsPerMinute + sec * kUsPerSecond + us);
}

// ------------------------------------------------------------------------- strptime (_strptime.py)

struct PItem {
    enum Kind { kLit, kSpace, kDir } kind;
    char c;
};

const std::vector<std::string>& name_list(char d) {
    static const std::vector<std::string> full_days = {"wednesday", "thursday", "saturday", "tuesday", "monday", "friday", "sunday"};
    static const std::vector<std::string> abbr_days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    static const std::vector<std::string> full_months = {"september", "february", "november", "december", "january", "october",
                                                         "august", "march", "april", "june", "july", "may"};
    static const std::vector<std::string> abbr_months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    static const std::vector<std::string> am_pm = {"am", "pm"};
    static const std::vector<std::string> zones = {"utc", "gmt"};
    switch (d) {
        case 'A': return full_days;
        case 'a': return abbr_days;
        case 'B': return full_months;
        case 'b': return abbr_months;
        case 'p': return am_pm;
        default: return zones;
    }
}

const std::vector<std::string>* numeric_alts(char d) {
    static const std::vector<std::string> kd = {"3[0-1]", "[1-2]\\d", "0[1-9]", "[1-9]", " [1-9]"};
    static const std::vector<std::string> kH = {"2[0-3]", "[0-1]\\d", "\\d"};
    static const std::vector<std::string> kI = {"1[0-2]", "0[1-9]", "[1-9]"};
    static const std::vector<std::string> k4 = {"\\d\\d\\d\\d"};
    static const std::vector<std::string> kj = {"36[0-6]", "3[0-5]\\d", "[1-2]\\d\\d", "0[1-9]\\d", "00[1-9]", "[1-9]\\d", "0[1-9]", "[1-9]"};
    static const std::vector<std::string> kM = {"[0-5]\\d", "\\d"};
    static const std::vector<std::string> kS = {"6[0-1]", "[0-5]\\d", "\\d"};
    static const std::vector<std::string> kU = {"5[0-3]", "[0-4]\\d", "\\d"};
    static const std::vector<std::string> kw = {"[0-6]"};
    static const std::vector<std::string> ku = {"[1-7]"};
    static const std::vector<std::string> kV = {"5[0-3]", "0[1-9]", "[1-4]\\d", "\\d"};
    static const std::vector<std::string> ky = {"\\d\\d"};
    switch (d) {
        case 'd': return &kd;
        case 'H': return &kH;
        case 'I': return &kI;
        case 'm': return &kI;
        case 'G':
        case 'Y': return &k4;
        case 'j': return &kj;
        case 'M': return &kM;
        case 'S': return &kS;
        case 'U':
        case 'W': return &kU;
        case 'w': return &kw;
        case 'u': return &ku;
        case 'V': return &kV;
        case 'y': return &ky;
        default: return nullptr;
    }
}

//! Matches one fixed-length alternative ("\d", "[a-b]", literal) at `pos`; its length or -1.
int match_alt(const std::string& pat, const std::string& s, size_t pos) {
    size_t i = 0, p = pos;
    while (i < pat.size()) {
        if (p >= s.size()) return -1;
        char c = s[p];
        if (pat[i] == '\\') {
            if (!is_digit(c)) return -1;
            i += 2;
        } else if (pat[i] == '[') {
            if (c < pat[i + 1] || c > pat[i + 3]) return -1;
            i += 5;
        } else {
            if (c != pat[i]) return -1;
            ++i;
        }
        ++p;
    }
    return static_cast<int>(p - pos);
}

//! Candidate end positions for a directive at `pos`, in the regex's order of preference.
std::vector<size_t> directive_ends(char d, const std::string& s, size_t pos) {
    std::vector<size_t> ends;
    if (const auto* alts = numeric_alts(d)) {
        for (const auto& alt : *alts) {
            int n = match_alt(alt, s, pos);
            if (n >= 0) ends.push_back(pos + static_cast<size_t>(n));
        }
        return ends;
    }
    switch (d) {
        case 'f': {
            size_t n = 0;
            while (n < 6 && pos + n < s.size() && is_digit(s[pos + n])) ++n;
            for (size_t k = n; k >= 1; --k) ends.push_back(pos + k);
            return ends;
        }
        case '%':
            if (pos < s.size() && s[pos] == '%') ends.push_back(pos + 1);
            return ends;
        case 'z': {
            // [+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z)
            auto two = [&](size_t p, bool sixty) {
                return p + 1 < s.size() && is_digit(s[p]) && is_digit(s[p + 1]) && (!sixty || s[p] <= '5');
            };
            if (pos < s.size() && (s[pos] == '+' || s[pos] == '-') && two(pos + 1, false)) {
                size_t p = pos + 3;
                std::vector<size_t> colon1;
                if (p < s.size() && s[p] == ':') colon1.push_back(p + 1);
                colon1.push_back(p);
                for (size_t q : colon1) {
                    if (!two(q, true)) continue;
                    size_t q2 = q + 2;
                    std::vector<size_t> colon2;
                    if (q2 < s.size() && s[q2] == ':') colon2.push_back(q2 + 1);
                    colon2.push_back(q2);
                    for (size_t r : colon2) {
                        if (!two(r, true)) continue;
                        size_t r2 = r + 2;
                        if (r2 < s.size() && s[r2] == '.') {
                            size_t n = 0;
                            while (n < 6 && r2 + 1 + n < s.size() && is_digit(s[r2 + 1 + n])) ++n;
                            for (size_t k = n; k >= 1; --k) ends.push_back(r2 + 1 + k);
                        }
                        ends.push_back(r2);
                    }
                    ends.push_back(q2);
                }
            } else if (pos < s.size() && s[pos] == 'Z') {
                ends.push_back(pos + 1);
            }
            return ends;
        }
        default: {
            for (const auto& name : name_list(d)) {
                if (pos + name.size() > s.size()) continue;
                bool ok = true;
                for (size_t k = 0; k < name.size() && ok; ++k) ok = lower_ascii(s[pos + k]) == name[k];
                if (ok) ends.push_back(pos + name.size());
            }
            return ends;
        }
    }
}

struct Matcher {
    const std::vector<PItem>& items;
    const std::string& s;
    std::vector<std::pair<size_t, size_t>> spans;  // per item
    size_t end = 0;

    bool run(size_t k, size_t pos) {
        if (k == items.size()) {
            end = pos;
            return true;
        }
        const PItem& it = items[k];
        if (it.kind == PItem::kLit) {
            if (pos < s.size() && lower_ascii(s[pos]) == lower_ascii(it.c)) {
                spans[k] = {pos, pos + 1};
                return run(k + 1, pos + 1);
            }
            return false;
        }
        if (it.kind == PItem::kSpace) {
            size_t n = 0;
            while (pos + n < s.size() && is_space(s[pos + n])) ++n;
            for (size_t m = n; m >= 1; --m) {
                spans[k] = {pos, pos + m};
                if (run(k + 1, pos + m)) return true;
            }
            return false;
        }
        for (size_t e : directive_ends(it.c, s, pos)) {
            spans[k] = {pos, e};
            if (run(k + 1, e)) return true;
        }
        return false;
    }
};

//! The regex _strptime builds for one directive (its length places re.error positions).
const char* directive_regex(char d) {
    switch (d) {
        case 'd': return "(?P<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])";
        case 'f': return "(?P<f>[0-9]{1,6})";
        case 'H': return "(?P<H>2[0-3]|[0-1]\\d|\\d)";
        case 'I': return "(?P<I>1[0-2]|0[1-9]|[1-9])";
        case 'G': return "(?P<G>\\d\\d\\d\\d)";
        case 'j': return "(?P<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])";
        case 'm': return "(?P<m>1[0-2]|0[1-9]|[1-9])";
        case 'M': return "(?P<M>[0-5]\\d|\\d)";
        case 'S': return "(?P<S>6[0-1]|[0-5]\\d|\\d)";
        case 'U': return "(?P<U>5[0-3]|[0-4]\\d|\\d)";
        case 'W': return "(?P<W>5[0-3]|[0-4]\\d|\\d)";
        case 'w': return "(?P<w>[0-6])";
        case 'u': return "(?P<u>[1-7])";
        case 'V': return "(?P<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)";
        case 'y': return "(?P<y>\\d\\d)";
        case 'Y': return "(?P<Y>\\d\\d\\d\\d)";
        case 'z': return "(?P<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|(?-i:Z))";
        case 'A': return "(?P<A>wednesday|thursday|saturday|tuesday|monday|friday|sunday)";
        case 'a': return "(?P<a>mon|tue|wed|thu|fri|sat|sun)";
        case 'B': return "(?P<B>september|february|november|december|january|october|august|march|april|june|july|may)";
        case 'b': return "(?P<b>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
        case 'p': return "(?P<p>am|pm)";
        case 'Z': return "(?P<Z>gmt|utc)";
        default: return "%";
    }
}

//! The compiled pattern's bookkeeping: its length so far and its groups (a group name used
//! twice is re.error, as in CPython where each directive is a named group).
struct RegexInfo {
    size_t len = 0;
    int groups = 0;
    std::map<char, int> seen;
    std::string error;  // first redefinition, in re's words
};

//! Compiles a strptime format into items; false + ValueError for bad directives.
bool compile_strptime(Interp& in, const std::string& fmt, const std::string& text, std::vector<PItem>& items, RegexInfo& rx) {
    static const std::string kDirectives = "dfHIGjmMSUwuVyYzAaBbpZWcxX%";
    static const std::string kRegexChars = "\\.^$*+?(){}[]|";
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (is_space(c)) {
            while (i + 1 < text.size() && is_space(text[i + 1])) ++i;
            items.push_back({PItem::kSpace, ' '});
            rx.len += 3;  // \s+
            continue;
        }
        if (c != '%') {
            items.push_back({PItem::kLit, c});
            if (kRegexChars.find(c) != std::string::npos) rx.len += 2;
            else if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) rx.len += 1;  // code points, not bytes
            continue;
        }
        if (i + 1 >= text.size()) {
            in.value_error("stray % in format '" + fmt + "'");
            return false;
        }
        char d = text[++i];
        if (is_space(d) || kRegexChars.find(d) != std::string::npos) {
            in.value_error("'%' is a bad directive in format '" + fmt + "'");
            return false;
        }
        if (kDirectives.find(d) == std::string::npos) {
            std::string shown(1, d);
            if ((static_cast<unsigned char>(d) & 0x80) != 0) {
                size_t j = i + 1;
                while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xc0) == 0x80) ++j;
                shown = text.substr(i, j - i);
            }
            in.value_error("'" + shown + "' is a bad directive in format '" + fmt + "'");
            return false;
        }
        if (d == 'c' || d == 'x' || d == 'X') {
            const char* sub = d == 'c' ? "%a %b %d %H:%M:%S %Y" : d == 'x' ? "%m/%d/%y" : "%H:%M:%S";
            if (!compile_strptime(in, fmt, sub, items, rx)) return false;
            continue;
        }
        items.push_back({PItem::kDir, d});
        if (d != '%') {
            ++rx.groups;
            auto it = rx.seen.find(d);
            if (it != rx.seen.end()) {
                if (rx.error.empty())
                    rx.error = std::string("redefinition of group name '") + d + "' as group " + std::to_string(rx.groups) +
                               "; was group " + std::to_string(it->second) + " at position " + std::to_string(rx.len + 4);
            } else {
                rx.seen[d] = rx.groups;
            }
            if (d == 'z') rx.groups += 2;  // (:?...(\....)?) are capturing too
        }
        rx.len += std::strlen(directive_regex(d));
    }
    return true;
}

int64_t ordinal_of(int64_t y, int m, int d) { return to_ordinal(civil_days(y, static_cast<unsigned>(m), static_cast<unsigned>(d))); }

Ref datetime_strptime(Interp& in, Args& a) {
    if (!a.kw.empty()) return in.type_error("strptime() takes no keyword arguments");
    if (a.pos.size() != 2) return in.type_error("strptime() takes exactly 2 arguments (" + std::to_string(a.pos.size()) + " given)");
    std::string data, fmt;
    if (!str_arg(in, a.pos[0], "strptime", 1, data) || !str_arg(in, a.pos[1], "strptime", 2, fmt)) return nullptr;
    std::vector<PItem> items;
    RegexInfo rx;
    if (!compile_strptime(in, fmt, fmt, items, rx)) return nullptr;
    if (!rx.error.empty()) {
        Registry* reg = registry(in);
        return in.raise(reg && reg->re_error ? reg->re_error : in.Exception, rx.error);
    }
    Matcher m{items, data, std::vector<std::pair<size_t, size_t>>(items.size()), 0};
    if (!m.run(0, 0)) return in.value_error("time data " + repr_str(data) + " does not match format " + repr_str(fmt));
    if (m.end != data.size()) return in.value_error("unconverted data remains: " + data.substr(m.end));

    bool has_year = false, has_iso_year = false;
    int64_t year = 0, iso_year = 0;
    int64_t month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
    bool has_gmtoff = false;
    int64_t gmtoff = 0, gmtoff_fraction = 0;
    bool has_iso_week = false, has_week = false, has_weekday = false, has_julian = false;
    int64_t iso_week = 0, week_of_year = 0, weekday = 0, julian = 0;
    bool week_starts_mon = false;
    std::string ampm, tzname;
    bool has_tzname = false;
    for (size_t k = 0; k < items.size(); ++k)
        if (items[k].kind == PItem::kDir && items[k].c == 'p') ampm = lower_str(data.substr(m.spans[k].first, m.spans[k].second - m.spans[k].first));
    auto to_int = [](const std::string& t) {
        int64_t v = 0;
        for (char c : t)
            if (is_digit(c)) v = v * 10 + (c - '0');
        return v;
    };
    for (size_t k = 0; k < items.size(); ++k) {
        if (items[k].kind != PItem::kDir) continue;
        const std::string v = data.substr(m.spans[k].first, m.spans[k].second - m.spans[k].first);
        const std::string lv = lower_str(v);
        auto index_in = [&](const std::vector<std::string>& names) {
            return static_cast<int64_t>(std::find(names.begin(), names.end(), lv) - names.begin());
        };
        static const std::vector<std::string> kFullDays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
        static const std::vector<std::string> kAbbrDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
        static const std::vector<std::string> kFullMonths = {"", "january", "february", "march", "april", "may", "june",
                                                             "july", "august", "september", "october", "november", "december"};
        static const std::vector<std::string> kAbbrMonths = {"", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
        switch (items[k].c) {
            case 'y':
                year = to_int(v);
                year += year <= 68 ? 2000 : 1900;
                has_year = true;
                break;
            case 'Y': year = to_int(v); has_year = true; break;
            case 'G': iso_year = to_int(v); has_iso_year = true; break;
            case 'm': month = to_int(v); break;
            case 'B': month = index_in(kFullMonths); break;
            case 'b': month = index_in(kAbbrMonths); break;
            case 'd': day = to_int(v); break;
            case 'H': hour = to_int(v); break;
            case 'I':
                hour = to_int(v);
                if (ampm.empty() || ampm == "am") {
                    if (hour == 12) hour = 0;
                } else if (ampm == "pm") {
                    if (hour != 12) hour += 12;
                }
                break;
            case 'M': minute = to_int(v); break;
            case 'S': second = to_int(v); break;
            case 'f': {
                std::string t = v;
                while (t.size() < 6) t += '0';
                fraction = to_int(t);
                break;
            }
            case 'A': weekday = index_in(kFullDays); has_weekday = true; break;
            case 'a': weekday = index_in(kAbbrDays); has_weekday = true; break;
            case 'w':
                weekday = to_int(v);
                weekday = weekday == 0 ? 6 : weekday - 1;
                has_weekday = true;
                break;
            case 'u': weekday = to_int(v) - 1; has_weekday = true; break;
            case 'j': julian = to_int(v); has_julian = true; break;
            case 'U':
            case 'W':
                week_of_year = to_int(v);
                week_starts_mon = items[k].c == 'W';
                has_week = true;
                break;
            case 'V': iso_week = to_int(v); has_iso_week = true; break;
            case 'z': {
                has_gmtoff = true;
                if (v == "Z") {
                    gmtoff = 0;
                    break;
                }
                std::string z = v;
                if (z[3] == ':') {
                    z = z.substr(0, 3) + z.substr(4);
                    if (z.size() > 5) {
                        if (z[5] != ':') return in.value_error("Inconsistent use of : in " + v);
                        z = z.substr(0, 5) + z.substr(6);
                    }
                }
                std::string secs = z.size() > 5 ? z.substr(5, 2) : "";
                for (char c : secs)
                    if (!is_digit(c)) return in.value_error("invalid literal for int() with base 10: " + repr_str(secs));
                gmtoff = to_int(z.substr(1, 2)) * 3600 + to_int(z.substr(3, 2)) * 60 + to_int(secs);
                std::string rem = z.size() > 8 ? z.substr(8) : "";
                while (rem.size() < 6) rem += '0';
                gmtoff_fraction = to_int(rem);
                if (z[0] == '-') {
                    gmtoff = -gmtoff;
                    gmtoff_fraction = -gmtoff_fraction;
                }
                break;
            }
            case 'Z': tzname = v; has_tzname = true; break;
            default: break;
        }
    }
    if (!has_year && has_iso_year) {
        if (!has_iso_week || !has_weekday)
            return in.value_error("ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive "
                                  "('%A', '%a', '%w', or '%u').");
        if (has_julian)
            return in.value_error("Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.");
    } else if (!has_week && has_iso_week) {
        if (!has_weekday)
            return in.value_error("ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive "
                                  "('%A', '%a', '%w', or '%u').");
        return in.value_error("ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.");
    }
    bool leap_year_fix = false;
    if (!has_year && month == 2 && day == 29) {
        year = 1904;
        leap_year_fix = true;
    } else if (!has_year) {
        year = 1900;
    }
    if (!has_julian && has_weekday) {
        if (has_week) {
            if (!check_date_fields(in, year, 1, 1)) return nullptr;
            int64_t first = weekday_of(civil_days(year, 1, 1));
            int64_t dow = weekday;
            if (!week_starts_mon) {
                first = (first + 1) % 7;
                dow = (dow + 1) % 7;
            }
            int64_t week0 = (7 - first) % 7;
            julian = week_of_year == 0 ? 1 + dow - first : 1 + week0 + 7 * (week_of_year - 1) + dow;
            has_julian = true;
        } else if (has_iso_year && has_iso_week) {
            if (!check_date_fields(in, iso_year, 1, 4)) return nullptr;
            int64_t correction = weekday_of(civil_days(iso_year, 1, 4)) + 1 + 3;
            int64_t ordinal = iso_week * 7 + weekday + 1 - correction;
            if (ordinal < 1) {
                if (!check_date_fields(in, iso_year - 1, 1, 1)) return nullptr;
                ordinal += ordinal_of(iso_year, 1, 1);
                iso_year -= 1;
                ordinal -= ordinal_of(iso_year, 1, 1);
            }
            year = iso_year;
            julian = ordinal;
            has_julian = true;
        }
        if (has_julian && julian <= 0) {
            year -= 1;
            julian += is_leap(year) ? 366 : 365;
        }
    }
    if (!has_julian) {
        if (!check_date_fields(in, year, month, day)) return nullptr;
    } else {
        if (!check_date_fields(in, year, 1, 1)) return nullptr;
        int64_t days = civil_days(year, 1, 1) + julian - 1;
        if (days < kMinDay || days > kMaxDay) return in.value_error("ordinal must be >= 1");
        Fields f = date_fields(days);
        year = f.year;
        month = f.month;
        day = f.day;
    }
    if (leap_year_fix) year = 1900;
    if (!check_date_fields(in, year, month, day) || !check_time_fields(in, hour, minute, second, fraction, 0)) return nullptr;
    Tz tz = Tz::kNaive;
    if (has_gmtoff) {
        if (gmtoff != 0 || gmtoff_fraction != 0) return in.not_supported("a UTC offset other than +00:00");
        if (has_tzname && !tzname.empty()) return in.not_supported("a named timezone from strptime");
        tz = Tz::kStdUtc;
    }
    Fields f{year, static_cast<int>(month), static_cast<int>(day), static_cast<int>(hour), static_cast<int>(minute),
             static_cast<int>(second), static_cast<int>(fraction)};
    return new_datetime(in, micros_of(f), tz);
}

// ------------------------------------------------------------------------- constructors and class methods

Ref construct_datetime(Interp& in, Args& a) {
    std::vector<Ref> raw;
    std::vector<int64_t> v;
    if (!bind_ints(in, a, {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 3, 8, "", raw, v,
                   {"tzinfo"}))
        return nullptr;
    if (!check_date_fields(in, v[0], v[1], v[2]) || !check_time_fields(in, v[3], v[4], v[5], v[6], v[8])) return nullptr;
    Tz tz;
    if (!tz_arg(in, raw[7], tz)) return nullptr;
    Fields f{v[0], static_cast<int>(v[1]), static_cast<int>(v[2]), static_cast<int>(v[3]), static_cast<int>(v[4]),
             static_cast<int>(v[5]), static_cast<int>(v[6])};
    return new_datetime(in, micros_of(f), tz);
}

Ref construct_date(Interp& in, Args& a) {
    std::vector<Ref> raw;
    std::vector<int64_t> v;
    if (!bind_ints(in, a, {"year", "month", "day"}, 3, 3, "", raw, v)) return nullptr;
    if (!check_date_fields(in, v[0], v[1], v[2])) return nullptr;
    return new_date(in, civil_days(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2])));
}

Ref construct_time(Interp& in, Args& a) {
    std::vector<Ref> raw;
    std::vector<int64_t> v;
    if (!bind_ints(in, a, {"hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0, 5, "", raw, v, {"tzinfo"})) return nullptr;
    if (!check_time_fields(in, v[0], v[1], v[2], v[3], v[5])) return nullptr;
    Tz tz;
    if (!tz_arg(in, raw[4], tz)) return nullptr;
    if (tz != Tz::kNaive) return in.not_supported("time objects with a tzinfo");
    return std::make_shared<TimeObj>(v[0] * kUsPerHour + v[1] * kUsPerMinute + v[2] * kUsPerSecond + v[3]);
}

Ref construct_timedelta(Interp& in, Args& a) {
    static const std::vector<std::string> names = {"days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"};
    std::vector<Ref> raw;
    if (!parse_args(in, a, names, 0, 7, "__new__", raw)) return nullptr;
    // CPython's delta_new: accumulate in this order, floats' fractions apart.
    static const int order[] = {2, 3, 1, 4, 5, 0, 6};
    static const int64_t factor[] = {kUsPerDay, kUsPerSecond, 1, kUsPerMs, kUsPerMinute, kUsPerHour, kUsPerWeek};
    const i128 limit = static_cast<i128>(1) << 120;
    i128 sum = 0;
    double leftover = 0;
    auto too_big = [&]() { return in.raise(in.OverflowError, "Python int too large to convert to C int"); };
    for (int idx : order) {
        const Ref& r = raw[static_cast<size_t>(idx)];
        if (!r) continue;
        if (is_int(r)) {
            sum += static_cast<i128>(int_value(r)) * factor[idx];
        } else if (r->kind == Kind::kFloat) {
            double d = static_cast<FloatObj*>(r.get())->value;
            if (std::isnan(d)) return in.value_error("cannot convert float NaN to integer");
            if (std::isinf(d)) return in.raise(in.OverflowError, "cannot convert float infinity to integer");
            double ip;
            double fp = std::modf(d, &ip);
            if (std::fabs(ip) > 1e30) return too_big();
            sum += static_cast<i128>(ip) * factor[idx];
            if (fp != 0.0) {
                double dn = static_cast<double>(factor[idx]) * fp;
                fp = std::modf(dn, &ip);
                sum += static_cast<i128>(ip);
                leftover += fp;
            }
        } else {
            return in.type_error("unsupported type for timedelta " + names[static_cast<size_t>(idx)] + " component: " + tp_name(r));
        }
        if (sum > limit || sum < -limit) return too_big();
    }
    if (leftover != 0.0) {
        double whole = std::round(leftover);
        if (std::fabs(whole - leftover) == 0.5) {
            int odd = static_cast<int>(sum & 1);
            whole = 2.0 * std::round((leftover + odd) * 0.5) - odd;
        }
        sum += static_cast<i128>(whole);
    }
    return new_delta(in, sum);
}

Ref construct_timezone(Interp& in, Args& a) {
    std::vector<Ref> raw;
    if (!parse_args(in, a, {"offset", "name"}, 1, 2, "timezone", raw)) return nullptr;
    auto* td = as<TimeDeltaObj>(raw[0]);
    if (!td) return in.type_error("timezone() argument 1 must be datetime.timedelta, not " + tp_name(raw[0]));
    if (raw[1] && raw[1]->kind != Kind::kStr)
        return in.type_error("timezone() argument 2 must be str, not " + tp_name(raw[1]));
    if (td->micros != 0 || raw[1]) return in.not_supported("a timezone other than timezone.utc");
    return tz_ref(in, Tz::kStdUtc);
}

Ref dt_now(Interp& in, Args& a) {
    std::vector<Ref> raw;
    if (!parse_args(in, a, {"tz"}, 0, 1, "now", raw)) return nullptr;
    Tz tz;
    if (!tz_arg(in, raw[0], tz)) return nullptr;
    return new_datetime(in, clock_micros(in), tz);
}

//! A timestamp argument split into whole seconds and microseconds (round-half-even).
bool timestamp_arg(Interp& in, const Ref& r, int64_t& secs, int64_t& us) {
    if (is_int(r)) {
        secs = int_value(r);
        us = 0;
        return true;
    }
    if (r->kind != Kind::kFloat) {
        in.type_error("'" + tp_name(r) + "' object cannot be interpreted as an integer");
        return false;
    }
    double d = static_cast<FloatObj*>(r.get())->value;
    if (std::isnan(d)) {
        in.value_error("Invalid value NaN (not a number)");
        return false;
    }
    double ip;
    double fp = std::modf(d, &ip);
    fp = std::nearbyint(fp * 1e6);
    if (fp >= 1e6) { fp -= 1e6; ip += 1.0; }
    else if (fp < 0) { fp += 1e6; ip -= 1.0; }
    if (!(ip > -9.2e18 && ip < 9.2e18)) {
        in.raise(in.OverflowError, "timestamp out of range for platform time_t");
        return false;
    }
    secs = static_cast<int64_t>(ip);
    us = static_cast<int64_t>(fp);
    return true;
}

bool timestamp_micros(Interp& in, const Ref& r, int64_t& micros) {
    int64_t secs, us;
    if (!timestamp_arg(in, r, secs, us)) return false;
    int64_t days = fdiv(secs, 86400);
    if (days < kMinDay || days > kMaxDay) {
        if (secs > 1e14 || secs < -1e14) in.raise(in.OverflowError, "timestamp out of range for platform time_t");
        else in.value_error("year " + std::to_string(date_fields(days).year) + " is out of range");
        return false;
    }
    micros = secs * kUsPerSecond + us;
    return true;
}

Ref dt_fromtimestamp(Interp& in, Args& a) {
    std::vector<Ref> raw;
    if (!parse_args(in, a, {"timestamp", "tz"}, 1, 2, "fromtimestamp", raw)) return nullptr;
    Tz tz;
    int64_t micros;
    if (!timestamp_micros(in, raw[0], micros)) return nullptr;
    if (!tz_arg(in, raw[1], tz)) return nullptr;
    return new_datetime(in, micros, tz);
}

Ref dt_utcfromtimestamp(Interp& in, Args& a) {
    std::vector<Ref> raw;
    if (!parse_args(in, a, {"timestamp"}, 1, 1, "utcfromtimestamp", raw)) return nullptr;
    int64_t micros;
    if (!timestamp_micros(in, raw[0], micros)) return nullptr;
    return new_datetime(in, micros, Tz::kNaive);
}

bool ordinal_arg(Interp& in, Args& a, int64_t& days) {
    std::vector<Ref> raw;
    std::vector<int64_t> v;
    if (!bind_ints(in, a, {"ordinal"}, 1, 1, "fromordinal", raw, v)) return false;
    if (v[0] < 1) {
        in.value_error("ordinal must be >= 1");
        return false;
    }
    days = v[0] - 1 + kMinDay;
    if (days > kMaxDay) {
        in.value_error("year 10000 is out of range");
        return false;
    }
    return true;
}

Ref dt_combine(Interp& in, Args& a) {
    std::vector<Ref> raw;
    if (!parse_args(in, a, {"date", "time", "tzinfo"}, 2, 3, "combine", raw, [&](size_t i, const Ref& r) {
            if (i == 0 && r->kind != Kind::kDate && r->kind != Kind::kDateTime) {
                in.type_error("combine() argument 1 must be datetime.date, not " + tp_name(r));
                return false;
            }
            if (i == 1 && r->kind != Kind::kTime) {
                in.type_error("combine() argument 2 must be datetime.time, not " + tp_name(r));
                return false;
            }
            return true;
        }))
        return nullptr;
    int64_t days = raw[0]->kind == Kind::kDate ? date_of(raw[0])->days : fdiv(dt_of(raw[0])->micros, kUsPerDay);
    Tz tz = Tz::kNaive;
    if (raw[2] && !tz_arg(in, raw[2], tz)) return nullptr;
    return new_datetime(in, days * kUsPerDay + time_of(raw[1])->micros, tz);
}

// --- unbound methods: datetime.datetime.date(dt)

Ref unbound_method(const std::string& cls_qual, const std::string& name, Kind self_kind) {
    auto b = std::make_shared<BuiltinObj>(name, [cls_qual, name, self_kind](Interp& in, Args& a) -> Ref {
        if (a.pos.empty()) return in.type_error("unbound method " + cls_qual.substr(cls_qual.find('.') + 1) + "." + name + "() needs an argument");
        Ref self = a.pos[0];
        bool ok = self->kind == self_kind || (self_kind == Kind::kDate && self->kind == Kind::kDateTime);
        if (!ok)
            return in.type_error("descriptor '" + name + "' for '" + cls_qual + "' objects doesn't apply to a '" + tp_name(self) + "' object");
        if (self_kind == Kind::kDate && self->kind == Kind::kDateTime && name != "strftime" && name != "__format__")
            self = std::make_shared<DateObj>(fdiv(dt_of(self)->micros, kUsPerDay));
        Ref m = in.getattr(self, name);
        if (!m) return nullptr;
        Args rest;
        rest.pos.assign(a.pos.begin() + 1, a.pos.end());
        rest.kw = a.kw;
        return in.call(m, rest);
    });
    b->repr_text = "<method '" + name + "' of '" + cls_qual + "' objects>";
    return b;
}

void add_unbound(const ClassRef& cls, const std::string& qual, Kind kind, std::initializer_list<const char*> names) {
    for (const char* n : names) cls->dict[n] = unbound_method(qual, n, kind);
}

ClassRef make_class(const std::string& name, const std::string& module, std::vector<ClassRef> bases,
                    std::function<Ref(Interp&, Args&)> ctor) {
    auto c = std::make_shared<ClassObj>(name, module, std::move(bases));
    c->construct = std::move(ctor);
    return c;
}

// ------------------------------------------------------------------------- django.utils.timezone

Ref django_function(const std::string& name, BuiltinObj::Fn fn) {
    auto b = std::make_shared<BuiltinObj>(name, std::move(fn));
    b->repr_text = "<function " + name + " at 0x7f0000000000>";
    return b;
}

//! CPython's binding of a function's parameters (shell::bind_params).
bool py_params(Interp& in, const std::string& fname, const Args& a, const std::vector<std::string>& names, size_t required,
               std::vector<Ref>& out) {
    return bind_params(in, fname, a, names, required, out);
}

//! value.utcoffset() is None: 1 naive, 0 aware, -1 raised.
int naive_check(Interp& in, const Ref& value) {
    Ref off = in.call_method(value, "utcoffset");
    if (!off) return -1;
    return off->kind == Kind::kNone ? 1 : 0;
}

Ref current_timezone(Interp& in) { return tz_ref(in, Tz::kPytzUtc); }

Ref build_django_timezone(Interp& in) {
    auto m = std::make_shared<ModuleObj>("django.utils.timezone");
    Ref dtmod = in.import_module("datetime");
    if (!dtmod) return nullptr;
    auto* dm = as<ModuleObj>(dtmod);
    for (const char* n : {"datetime", "timedelta", "timezone", "tzinfo"}) m->attrs[n] = dm->attrs[n];
    if (Ref p = in.import_module("pytz")) m->attrs["pytz"] = p;
    else in.exc = nullptr;
    m->attrs["utc"] = tz_ref(in, Tz::kPytzUtc);
    m->attrs["now"] = django_function("now", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "now", a, {}, 0, v)) return nullptr;
        return now_aware(in);
    });
    for (const char* n : {"is_aware", "is_naive"}) {
        bool want_naive = std::string(n) == "is_naive";
        m->attrs[n] = django_function(n, [n, want_naive](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!py_params(in, n, a, {"value"}, 1, v)) return nullptr;
            int naive = naive_check(in, v[0]);
            if (naive < 0) return nullptr;
            return in.boolean(want_naive ? naive == 1 : naive == 0);
        });
    }
    m->attrs["make_aware"] = django_function("make_aware", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "make_aware", a, {"value", "timezone", "is_dst"}, 1, v)) return nullptr;
        Ref tz = v[1] && v[1]->kind != Kind::kNone ? v[1] : current_timezone(in);
        auto* t = as<TzObj>(tz);
        if (t && t->tz == Tz::kPytzUtc) return in.call_method(tz, "localize", {v[0]});
        int naive = naive_check(in, v[0]);
        if (naive < 0) return nullptr;
        if (!naive) {
            std::string s;
            if (!in.str(v[0], s)) return nullptr;
            return in.value_error("make_aware expects a naive datetime, got " + s);
        }
        return in.call_method(v[0], "replace", {}, {{"tzinfo", tz}});
    });
    m->attrs["make_naive"] = django_function("make_naive", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "make_naive", a, {"value", "timezone"}, 1, v)) return nullptr;
        Ref tz = v[1] && v[1]->kind != Kind::kNone ? v[1] : current_timezone(in);
        int naive = naive_check(in, v[0]);
        if (naive < 0) return nullptr;
        if (naive) return in.value_error("make_naive() cannot be applied to a naive datetime");
        Ref conv = in.call_method(v[0], "astimezone", {tz});
        if (!conv) return nullptr;
        return in.call_method(conv, "replace", {}, {{"tzinfo", in.None}});
    });
    auto localtime = [](Interp& in, Ref value, Ref tz) -> Ref {
        if (!value || value->kind == Kind::kNone) value = now_aware(in);
        if (!tz || tz->kind == Kind::kNone) tz = current_timezone(in);
        int naive = naive_check(in, value);
        if (naive < 0) return nullptr;
        if (naive) return in.value_error("localtime() cannot be applied to a naive datetime");
        return in.call_method(value, "astimezone", {tz});
    };
    m->attrs["localtime"] = django_function("localtime", [localtime](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "localtime", a, {"value", "timezone"}, 0, v)) return nullptr;
        return localtime(in, v[0], v[1]);
    });
    m->attrs["localdate"] = django_function("localdate", [localtime](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "localdate", a, {"value", "timezone"}, 0, v)) return nullptr;
        Ref lt = localtime(in, v[0], v[1]);
        if (!lt) return nullptr;
        return in.call_method(lt, "date");
    });
    for (const char* n : {"get_current_timezone", "get_default_timezone"}) {
        m->attrs[n] = django_function(n, [n](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!py_params(in, n, a, {}, 0, v)) return nullptr;
            return current_timezone(in);
        });
    }
    for (const char* n : {"get_current_timezone_name", "get_default_timezone_name"}) {
        m->attrs[n] = django_function(n, [n](Interp& in, Args& a) -> Ref {
            std::vector<Ref> v;
            if (!py_params(in, n, a, {}, 0, v)) return nullptr;
            return Interp::string("UTC");
        });
    }
    m->attrs["activate"] = django_function("activate", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "activate", a, {"timezone"}, 1, v)) return nullptr;
        if (auto* t = as<TzObj>(v[0]); t && t->tz == Tz::kPytzUtc) return in.None;
        if (auto* s = as<StrObj>(v[0])) {
            if (s->value == "UTC") return in.None;
            return in.not_supported("time zones other than UTC (" + repr_str(s->value) + ")");
        }
        if (v[0]->kind == Kind::kTimezone || v[0]->kind == Kind::kInstance) return in.not_supported("time zones other than pytz's UTC");
        std::string r;
        if (!in.repr(v[0], r)) return nullptr;
        return in.value_error("Invalid timezone: " + r);
    });
    m->attrs["deactivate"] = django_function("deactivate", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "deactivate", a, {}, 0, v)) return nullptr;
        return in.None;
    });
    m->attrs["get_fixed_timezone"] = django_function("get_fixed_timezone", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "get_fixed_timezone", a, {"offset"}, 1, v)) return nullptr;
        return in.not_supported("get_fixed_timezone()");
    });
    return m;
}

Ref build_pytz(Interp& in) {
    auto m = std::make_shared<ModuleObj>("pytz");
    Ref utc = tz_ref(in, Tz::kPytzUtc);
    m->attrs["utc"] = utc;
    m->attrs["UTC"] = utc;
    m->attrs["timezone"] = django_function("timezone", [](Interp& in, Args& a) -> Ref {
        std::vector<Ref> v;
        if (!py_params(in, "timezone", a, {"zone"}, 1, v)) return nullptr;
        auto* s = as<StrObj>(v[0]);
        if (!s) return no_attr(in, tp_name(v[0]), "upper");
        if (upper_str(s->value) == "UTC") return tz_ref(in, Tz::kPytzUtc);
        return in.not_supported("time zones other than UTC (" + repr_str(s->value) + ")");
    });
    return m;
}

Ref build_datetime_module(Interp& in) {
    auto m = std::make_shared<ModuleObj>("datetime");
    auto reg = std::make_shared<Registry>();
    m->attrs[kRegistryKey] = reg;

    reg->tzinfo = make_class("tzinfo", "datetime", {}, nullptr);
    reg->date = make_class("date", "datetime", {}, construct_date);
    reg->datetime = make_class("datetime", "datetime", {reg->date}, construct_datetime);
    reg->time = make_class("time", "datetime", {}, construct_time);
    reg->timedelta = make_class("timedelta", "datetime", {}, construct_timedelta);
    reg->timezone = make_class("timezone", "datetime", {reg->tzinfo}, construct_timezone);
    reg->pytz_utc_class = make_class("UTC", "pytz", {reg->tzinfo}, [](Interp& in, Args& a) -> Ref {
        if (!a.pos.empty() || !a.kw.empty()) return in.type_error("UTC() takes no arguments");
        return tz_ref(in, Tz::kPytzUtc);
    });
    reg->re_error = std::make_shared<ClassObj>("error", "re", std::vector<ClassRef>{in.Exception});
    reg->re_error->is_exception = true;
    reg->std_utc = std::make_shared<TzObj>(Tz::kStdUtc);
    reg->pytz_utc = std::make_shared<TzObj>(Tz::kPytzUtc);

    // datetime.datetime
    auto& dtd = reg->datetime->dict;
    dtd["now"] = class_method("now", dt_now);
    dtd["utcnow"] = class_method("utcnow", [](Interp& in, Args& a) -> Ref {
        if (!no_args(in, "datetime.utcnow", a)) return nullptr;
        return new_datetime(in, clock_micros(in), Tz::kNaive);
    });
    dtd["today"] = class_method("today", [](Interp& in, Args& a) -> Ref {
        if (!no_args(in, "datetime.today", a)) return nullptr;
        return new_datetime(in, clock_micros(in), Tz::kNaive);
    });
    dtd["fromisoformat"] = class_method("fromisoformat", datetime_fromisoformat);
    dtd["combine"] = class_method("combine", dt_combine);
    dtd["strptime"] = class_method("strptime", datetime_strptime);
    dtd["fromtimestamp"] = class_method("fromtimestamp", dt_fromtimestamp);
    dtd["utcfromtimestamp"] = class_method("utcfromtimestamp", dt_utcfromtimestamp);
    dtd["fromordinal"] = class_method("fromordinal", [](Interp& in, Args& a) -> Ref {
        int64_t days;
        if (!ordinal_arg(in, a, days)) return nullptr;
        return new_datetime(in, days * kUsPerDay, Tz::kNaive);
    });
    dtd["min"] = std::make_shared<DateTimeObj>(kMinMicros, Tz::kNaive);
    dtd["max"] = std::make_shared<DateTimeObj>(kMaxMicros, Tz::kNaive);
    dtd["resolution"] = std::make_shared<TimeDeltaObj>(1);
    add_unbound(reg->datetime, "datetime.datetime", Kind::kDateTime,
                {"date", "time", "timetz", "isoformat", "timestamp", "replace", "astimezone", "utcoffset", "tzname", "dst",
                 "ctime", "timetuple"});  // the rest are date's (found through the base class)

    // datetime.date
    auto& dd = reg->date->dict;
    dd["today"] = class_method("today", [](Interp& in, Args& a) -> Ref {
        if (!no_args(in, "date.today", a)) return nullptr;
        return new_date(in, fdiv(clock_micros(in), kUsPerDay));
    });
    dd["fromisoformat"] = class_method("fromisoformat", date_fromisoformat);
    dd["fromtimestamp"] = class_method("fromtimestamp", [](Interp& in, Args& a) -> Ref {
        if (!one_arg(in, "date.fromtimestamp", a)) return nullptr;
        int64_t micros;
        if (!timestamp_micros(in, a.pos[0], micros)) return nullptr;
        return new_date(in, fdiv(micros, kUsPerDay));
    });
    dd["fromordinal"] = class_method("fromordinal", [](Interp& in, Args& a) -> Ref {
        int64_t days;
        if (!ordinal_arg(in, a, days)) return nullptr;
        return new_date(in, days);
    });
    dd["min"] = std::make_shared<DateObj>(kMinDay);
    dd["max"] = std::make_shared<DateObj>(kMaxDay);
    dd["resolution"] = std::make_shared<TimeDeltaObj>(kUsPerDay);
    add_unbound(reg->date, "datetime.date", Kind::kDate,
                {"isoformat", "strftime", "__format__", "weekday", "isoweekday", "isocalendar", "replace", "ctime", "toordinal",
                 "timetuple"});

    // datetime.time
    auto& td = reg->time->dict;
    td["fromisoformat"] = class_method("fromisoformat", time_fromisoformat);
    td["min"] = std::make_shared<TimeObj>(0);
    td["max"] = std::make_shared<TimeObj>(kUsPerDay - 1);
    td["resolution"] = std::make_shared<TimeDeltaObj>(1);
    add_unbound(reg->time, "datetime.time", Kind::kTime, {"isoformat", "strftime", "__format__", "replace", "utcoffset", "tzname", "dst"});

    // datetime.timedelta
    reg->timedelta->dict["resolution"] = std::make_shared<TimeDeltaObj>(1);
    add_unbound(reg->timedelta, "datetime.timedelta", Kind::kTimeDelta, {"total_seconds"});

    // datetime.timezone
    reg->timezone->dict["utc"] = reg->std_utc;

    m->attrs["datetime"] = reg->datetime;
    m->attrs["date"] = reg->date;
    m->attrs["time"] = reg->time;
    m->attrs["timedelta"] = reg->timedelta;
    m->attrs["timezone"] = reg->timezone;
    m->attrs["tzinfo"] = reg->tzinfo;
    m->attrs["UTC"] = reg->std_utc;
    m->attrs["MINYEAR"] = Interp::integer(1);
    m->attrs["MAXYEAR"] = Interp::integer(9999);
    return m;
}

ClassRef class_of(Interp& in, Kind k, Tz tz = Tz::kNaive) {
    Registry* r = registry(in);
    if (!r) return in.cls_object;
    switch (k) {
        case Kind::kDateTime: return r->datetime;
        case Kind::kDate: return r->date;
        case Kind::kTime: return r->time;
        case Kind::kTimeDelta: return r->timedelta;
        case Kind::kTimezone: return tz == Tz::kPytzUtc ? r->pytz_utc_class : r->timezone;
        default: return in.cls_object;
    }
}

ClassRef class_if_loaded(Interp& in, Kind k) {
    Registry* r = registry(in);
    if (!r) return nullptr;
    return class_of(in, k);
}

}  // namespace

Ref now_aware(Interp& in) { return std::make_shared<DateTimeObj>(clock_micros(in), Tz::kPytzUtc); }

void install_datetime_modules(Interp& in) {
    in.module_factories["datetime"] = build_datetime_module;
    in.module_factories["django.utils.timezone"] = build_django_timezone;
    if (!in.module_factories.count("pytz")) in.module_factories["pytz"] = build_pytz;
    if (!in.module_factories.count("django.utils")) {
        in.module_factories["django.utils"] = [](Interp& in) -> Ref {
            auto m = std::make_shared<ModuleObj>("django.utils");
            Ref tz = in.import_module("django.utils.timezone");
            if (!tz) return nullptr;
            m->attrs["timezone"] = tz;
            return m;
        };
    }
}

// ------------------------------------------------------------------------- DateTimeObj

bool DateTimeObj::repr(Interp&, std::string& out) {
    out = datetime_repr(micros, tz);
    return true;
}

bool DateTimeObj::str(Interp&, std::string& out) {
    out = datetime_iso(micros, tz, " ", "auto");
    return true;
}

Ref DateTimeObj::getattr(Interp& in, const std::string& name) {
    static const std::string T = "datetime.datetime";
    const Fields f = fields_of(micros);
    if (name == "year") return Interp::integer(f.year);
    if (name == "month") return Interp::integer(f.month);
    if (name == "day") return Interp::integer(f.day);
    if (name == "hour") return Interp::integer(f.hour);
    if (name == "minute") return Interp::integer(f.minute);
    if (name == "second") return Interp::integer(f.second);
    if (name == "microsecond") return Interp::integer(f.micro);
    if (name == "tzinfo") return tz_ref(in, tz);
    if (name == "fold") return Interp::integer(0);
    if (name == "__class__") return class_of(in, Kind::kDateTime);
    Ref self = shared_from_this();
    const int64_t days = fdiv(micros, kUsPerDay);
    const TmInfo t = tm_of_datetime(micros, tz != Tz::kNaive);
    const int64_t us = micros;
    const Tz z = tz;
    if (Ref m = date_common_method(in, T, self, name, days, t)) return m;
    if (Ref m = str_repr_method(T, self, name)) return m;
    if (name == "date")
        return bound(T, name, self, [days](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime.date", a)) return nullptr;
            return std::make_shared<DateObj>(days);
        });
    if (name == "time" || name == "timetz")
        return bound(T, name, self, [name, us, days, z](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime." + name, a)) return nullptr;
            if (name == "timetz" && z != Tz::kNaive) return in.not_supported("time objects with a tzinfo");
            return std::make_shared<TimeObj>(us - days * kUsPerDay);
        });
    if (name == "isoformat")
        return bound(T, name, self, [us, z](Interp& in, Ref&, Args& a) -> Ref {
            std::vector<Ref> raw;
            std::string sep = "T", spec = "auto";
            if (!parse_args(in, a, {"sep", "timespec"}, 0, 2, "isoformat", raw, [&](size_t i, const Ref& r) {
                    if (i == 0) {
                        auto* s = as<StrObj>(r);
                        if (!s || utf8_length(s->value) != 1) {
                            in.type_error("isoformat() argument 1 must be a unicode character, not " + tp_name(r));
                            return false;
                        }
                        sep = s->value;
                        return true;
                    }
                    return str_arg(in, r, "isoformat", 2, spec);
                }))
                return nullptr;
            if (iso_time(fields_of(us), spec).empty()) return in.value_error("Unknown timespec value");
            return Interp::string(datetime_iso(us, z, sep, spec));
        });
    if (name == "timestamp")
        return bound(T, name, self, [us, z](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime.timestamp", a)) return nullptr;
            if (z == Tz::kNaive) {
                // Local time (UTC) goes through mktime, which needs the day before to exist.
                if (us < kMinMicros + kUsPerDay) return in.value_error("year 0 is out of range");
                int64_t secs = fdiv(us, kUsPerSecond);
                return Interp::floating(static_cast<double>(secs) + static_cast<double>(us - secs * kUsPerSecond) / 1e6);
            }
            return Interp::floating(true_div(us, kUsPerSecond));
        });
    if (name == "replace")
        return bound(T, name, self, [f, z](Interp& in, Ref&, Args& a) -> Ref {
            std::vector<Ref> raw;
            std::vector<int64_t> v;
            if (!bind_ints(in, a, {"year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0, 8,
                           "replace", raw, v, {"tzinfo"}))
                return nullptr;
            int64_t dflt[] = {f.year, f.month, f.day, f.hour, f.minute, f.second, f.micro, 0, 0};
            for (size_t i = 0; i < 9; ++i)
                if (!raw[i] && i != 7) v[i] = dflt[i];
            if (!check_date_fields(in, v[0], v[1], v[2]) || !check_time_fields(in, v[3], v[4], v[5], v[6], v[8])) return nullptr;
            Tz nz = z;
            if (raw[7] && !tz_arg(in, raw[7], nz)) return nullptr;
            Fields g{v[0], static_cast<int>(v[1]), static_cast<int>(v[2]), static_cast<int>(v[3]), static_cast<int>(v[4]),
                     static_cast<int>(v[5]), static_cast<int>(v[6])};
            return new_datetime(in, micros_of(g), nz);
        });
    if (name == "astimezone")
        return bound(T, name, self, [us, z](Interp& in, Ref& me, Args& a) -> Ref {
            std::vector<Ref> raw;
            if (!parse_args(in, a, {"tz"}, 0, 1, "astimezone", raw)) return nullptr;
            Tz target = Tz::kStdUtc;  // local time is UTC here
            if (raw[0] && raw[0]->kind != Kind::kNone) {
                if (!tz_arg(in, raw[0], target)) return nullptr;
                if (target == z) return me;
            }
            return new_datetime(in, us, target);
        });
    if (name == "utcoffset" || name == "dst" || name == "tzname")
        return bound(T, name, self, [name, z](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime." + name, a)) return nullptr;
            if (z == Tz::kNaive) return in.None;
            if (name == "tzname") return Interp::string("UTC");
            if (name == "dst" && z == Tz::kStdUtc) return in.None;
            return std::make_shared<TimeDeltaObj>(0);
        });
    if (name == "ctime")
        return bound(T, name, self, [t](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime.ctime", a)) return nullptr;
            return Interp::string(ctime_text(t));
        });
    if (name == "timetuple")
        return bound(T, name, self, [t, z](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "datetime.timetuple", a)) return nullptr;
            return timetuple_value(t, z == Tz::kPytzUtc ? 0 : -1);
        });
    if (Ref r = class_attr(in, class_if_loaded(in, Kind::kDateTime), name)) return r;
    return no_attr(in, T, name);
}

int DateTimeObj::eq(Interp&, const Ref& other) {
    if (auto* o = as<DateTimeObj>(other)) {
        if ((tz == Tz::kNaive) != (o->tz == Tz::kNaive)) return 0;
        return micros == o->micros;
    }
    if (other->kind == Kind::kDate) return 0;
    return -2;
}

bool DateTimeObj::order(Interp& in, const Ref& other, int& result) {
    if (auto* o = as<DateTimeObj>(other)) {
        if ((tz == Tz::kNaive) != (o->tz == Tz::kNaive)) {
            in.type_error("can't compare offset-naive and offset-aware datetimes");
            return false;
        }
        result = cmp64(micros, o->micros);
        return true;
    }
    if (other->kind == Kind::kDate) {
        in.type_error("can't compare datetime.datetime to datetime.date");
        return false;
    }
    return false;
}

Ref DateTimeObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    const auto k = static_cast<py::BinOpKind>(op);
    if (k == py::BinOpKind::kAdd) {
        if (auto* d = as<TimeDeltaObj>(other)) {
            int64_t r;
            if (__builtin_add_overflow(micros, d->micros, &r)) return out_of_range(in);
            return new_datetime(in, r, tz);
        }
        return nullptr;
    }
    if (k == py::BinOpKind::kSub && !reflected) {
        if (auto* d = as<TimeDeltaObj>(other)) {
            int64_t r;
            if (__builtin_sub_overflow(micros, d->micros, &r)) return out_of_range(in);
            return new_datetime(in, r, tz);
        }
        if (auto* o = as<DateTimeObj>(other)) {
            if ((tz == Tz::kNaive) != (o->tz == Tz::kNaive)) return in.type_error("can't subtract offset-naive and offset-aware datetimes");
            return new_delta(in, static_cast<i128>(micros) - o->micros);
        }
    }
    return nullptr;
}

// ------------------------------------------------------------------------- DateObj

bool DateObj::repr(Interp&, std::string& out) {
    Fields f = date_fields(days);
    out = "datetime.date(" + std::to_string(f.year) + ", " + std::to_string(f.month) + ", " + std::to_string(f.day) + ")";
    return true;
}

bool DateObj::str(Interp&, std::string& out) {
    out = iso_date(date_fields(days));
    return true;
}

Ref DateObj::getattr(Interp& in, const std::string& name) {
    static const std::string T = "datetime.date";
    const Fields f = date_fields(days);
    if (name == "year") return Interp::integer(f.year);
    if (name == "month") return Interp::integer(f.month);
    if (name == "day") return Interp::integer(f.day);
    if (name == "__class__") return class_of(in, Kind::kDate);
    Ref self = shared_from_this();
    const TmInfo t = tm_of_date(days);
    if (Ref m = date_common_method(in, T, self, name, days, t)) return m;
    if (Ref m = str_repr_method(T, self, name)) return m;
    if (name == "isoformat")
        return bound(T, name, self, [f](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "date.isoformat", a)) return nullptr;
            return Interp::string(iso_date(f));
        });
    if (name == "replace")
        return bound(T, name, self, [f](Interp& in, Ref&, Args& a) -> Ref {
            std::vector<Ref> raw;
            std::vector<int64_t> v;
            if (!bind_ints(in, a, {"year", "month", "day"}, 0, 3, "replace", raw, v)) return nullptr;
            int64_t dflt[] = {f.year, f.month, f.day};
            for (size_t i = 0; i < 3; ++i)
                if (!raw[i]) v[i] = dflt[i];
            if (!check_date_fields(in, v[0], v[1], v[2])) return nullptr;
            return new_date(in, civil_days(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2])));
        });
    if (name == "ctime")
        return bound(T, name, self, [t](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "date.ctime", a)) return nullptr;
            return Interp::string(ctime_text(t));
        });
    if (name == "timetuple")
        return bound(T, name, self, [t](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "date.timetuple", a)) return nullptr;
            return timetuple_value(t, -1);
        });
    if (Ref r = class_attr(in, class_if_loaded(in, Kind::kDate), name)) return r;
    return no_attr(in, T, name);
}

int DateObj::eq(Interp&, const Ref& other) {
    if (auto* o = as<DateObj>(other)) return days == o->days;
    if (other->kind == Kind::kDateTime) return 0;
    return -2;
}

bool DateObj::order(Interp& in, const Ref& other, int& result) {
    if (auto* o = as<DateObj>(other)) {
        result = cmp64(days, o->days);
        return true;
    }
    if (other->kind == Kind::kDateTime) in.type_error("can't compare datetime.datetime to datetime.date");
    return false;
}

Ref DateObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    const auto k = static_cast<py::BinOpKind>(op);
    if (auto* d = as<TimeDeltaObj>(other)) {
        int64_t delta_days = fdiv(d->micros, kUsPerDay);
        if (k == py::BinOpKind::kAdd) return new_date(in, days + delta_days);
        if (k == py::BinOpKind::kSub && !reflected) return new_date(in, days - delta_days);
        return nullptr;
    }
    if (k == py::BinOpKind::kSub && !reflected && other->kind == Kind::kDate)
        return new_delta(in, static_cast<i128>(days - date_of(other)->days) * kUsPerDay);
    return nullptr;
}

// ------------------------------------------------------------------------- TimeObj

bool TimeObj::repr(Interp&, std::string& out) {
    out = time_repr(micros);
    return true;
}

bool TimeObj::str(Interp&, std::string& out) {
    out = iso_time(time_fields(micros), "auto");
    return true;
}

Ref TimeObj::getattr(Interp& in, const std::string& name) {
    static const std::string T = "datetime.time";
    const Fields f = time_fields(micros);
    if (name == "hour") return Interp::integer(f.hour);
    if (name == "minute") return Interp::integer(f.minute);
    if (name == "second") return Interp::integer(f.second);
    if (name == "microsecond") return Interp::integer(f.micro);
    if (name == "tzinfo") return in.None;
    if (name == "fold") return Interp::integer(0);
    if (name == "__class__") return class_of(in, Kind::kTime);
    Ref self = shared_from_this();
    const TmInfo t = tm_of_time(micros);
    if (Ref m = str_repr_method(T, self, name)) return m;
    if (name == "strftime") return bound(T, name, self, [t](Interp& in, Ref&, Args& a) { return strftime_method(in, t, a); });
    if (name == "__format__")
        return bound(T, name, self, [t](Interp& in, Ref& me, Args& a) { return format_method(in, t, me, a); });
    if (name == "isoformat")
        return bound(T, name, self, [f](Interp& in, Ref&, Args& a) -> Ref {
            std::vector<Ref> raw;
            std::string spec = "auto";
            if (!parse_args(in, a, {"timespec"}, 0, 1, "isoformat", raw, [&](size_t, const Ref& r) { return str_arg(in, r, "isoformat", 1, spec); }))
                return nullptr;
            std::string s = iso_time(f, spec);
            if (s.empty()) return in.value_error("Unknown timespec value");
            return Interp::string(s);
        });
    if (name == "replace")
        return bound(T, name, self, [f](Interp& in, Ref&, Args& a) -> Ref {
            std::vector<Ref> raw;
            std::vector<int64_t> v;
            if (!bind_ints(in, a, {"hour", "minute", "second", "microsecond", "tzinfo", "fold"}, 0, 5, "replace", raw, v, {"tzinfo"}))
                return nullptr;
            int64_t dflt[] = {f.hour, f.minute, f.second, f.micro, 0, 0};
            for (size_t i = 0; i < 6; ++i)
                if (!raw[i] && i != 4) v[i] = dflt[i];
            if (!check_time_fields(in, v[0], v[1], v[2], v[3], v[5])) return nullptr;
            Tz tz = Tz::kNaive;
            if (raw[4] && !tz_arg(in, raw[4], tz)) return nullptr;
            if (tz != Tz::kNaive) return in.not_supported("time objects with a tzinfo");
            return std::make_shared<TimeObj>(v[0] * kUsPerHour + v[1] * kUsPerMinute + v[2] * kUsPerSecond + v[3]);
        });
    if (name == "utcoffset" || name == "dst" || name == "tzname")
        return bound(T, name, self, [name](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "time." + name, a)) return nullptr;
            return in.None;
        });
    if (Ref r = class_attr(in, class_if_loaded(in, Kind::kTime), name)) return r;
    return no_attr(in, T, name);
}

int TimeObj::eq(Interp&, const Ref& other) {
    if (auto* o = as<TimeObj>(other)) return micros == o->micros;
    return -2;
}

bool TimeObj::order(Interp&, const Ref& other, int& result) {
    if (auto* o = as<TimeObj>(other)) {
        result = cmp64(micros, o->micros);
        return true;
    }
    return false;
}

// ------------------------------------------------------------------------- TimeDeltaObj

bool TimeDeltaObj::repr(Interp&, std::string& out) {
    out = delta_repr(micros);
    return true;
}

bool TimeDeltaObj::str(Interp&, std::string& out) {
    out = delta_str(micros);
    return true;
}

Ref TimeDeltaObj::getattr(Interp& in, const std::string& name) {
    static const std::string T = "datetime.timedelta";
    const int64_t days = fdiv(micros, kUsPerDay);
    const int64_t rem = micros - days * kUsPerDay;
    if (name == "days") return Interp::integer(days);
    if (name == "seconds") return Interp::integer(rem / kUsPerSecond);
    if (name == "microseconds") return Interp::integer(rem % kUsPerSecond);
    if (name == "__class__") return class_of(in, Kind::kTimeDelta);
    Ref self = shared_from_this();
    const int64_t us = micros;
    if (Ref m = str_repr_method(T, self, name)) return m;
    if (name == "total_seconds")
        return bound(T, name, self, [us](Interp& in, Ref&, Args& a) -> Ref {
            if (!no_args(in, "timedelta.total_seconds", a)) return nullptr;
            return Interp::floating(true_div(us, kUsPerSecond));
        });
    if (name == "__format__")
        return bound(T, name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
            if (!a.kw.empty()) return in.type_error("__format__() takes no keyword arguments");
            if (a.pos.size() != 1)
                return in.type_error("object.__format__() takes exactly one argument (" + std::to_string(a.pos.size()) + " given)");
            auto* so = as<StrObj>(a.pos[0]);
            if (!so) return in.type_error("__format__() argument must be str, not " + tp_name(a.pos[0]));
            const std::string& spec = so->value;
            if (!spec.empty()) return in.type_error("unsupported format string passed to datetime.timedelta.__format__");
            std::string s;
            if (!in.str(me, s)) return nullptr;
            return Interp::string(s);
        });
    if (Ref r = class_attr(in, class_if_loaded(in, Kind::kTimeDelta), name)) return r;
    return no_attr(in, T, name);
}

int TimeDeltaObj::eq(Interp&, const Ref& other) {
    if (auto* o = as<TimeDeltaObj>(other)) return micros == o->micros;
    return -2;
}

bool TimeDeltaObj::order(Interp&, const Ref& other, int& result) {
    if (auto* o = as<TimeDeltaObj>(other)) {
        result = cmp64(micros, o->micros);
        return true;
    }
    return false;
}

Ref TimeDeltaObj::binop(Interp& in, int op, const Ref& other, bool reflected) {
    using B = py::BinOpKind;
    const auto k = static_cast<B>(op);
    auto* o = as<TimeDeltaObj>(other);
    switch (k) {
        case B::kAdd:
            if (o) return new_delta(in, static_cast<i128>(micros) + o->micros);
            if (other->kind == Kind::kDateTime || other->kind == Kind::kDate) return other->binop(in, op, shared_from_this(), true);
            return nullptr;
        case B::kSub:
            if (o) return new_delta(in, reflected ? static_cast<i128>(o->micros) - micros : static_cast<i128>(micros) - o->micros);
            if (reflected && (other->kind == Kind::kDateTime || other->kind == Kind::kDate))
                return other->binop(in, op, shared_from_this(), false);
            return nullptr;
        case B::kMult:
            if (is_int(other)) return new_delta(in, static_cast<i128>(micros) * int_value(other));
            if (other->kind == Kind::kFloat) return delta_times_float(in, micros, static_cast<FloatObj*>(other.get())->value);
            return nullptr;
        case B::kDiv:
            if (reflected) return nullptr;
            if (o) {
                if (o->micros == 0) return in.raise(in.ZeroDivisionError, "division by zero");
                return Interp::floating(true_div(micros, o->micros));
            }
            if (is_int(other)) {
                int64_t d = int_value(other);
                if (d == 0) return in.raise(in.ZeroDivisionError, "integer division or modulo by zero");
                return new_delta(in, div_nearest(micros, d));
            }
            if (other->kind == Kind::kFloat) return delta_div_float(in, micros, static_cast<FloatObj*>(other.get())->value);
            return nullptr;
        case B::kFloorDiv:
            if (reflected) return nullptr;
            if (o) {
                if (o->micros == 0) return in.raise(in.ZeroDivisionError, "integer division or modulo by zero");
                return Interp::integer(fdiv(micros, o->micros));
            }
            if (is_int(other)) {
                int64_t d = int_value(other);
                if (d == 0) return in.raise(in.ZeroDivisionError, "integer division or modulo by zero");
                return new_delta(in, fdiv128(micros, d));
            }
            return nullptr;
        case B::kMod:
            if (reflected || !o) return nullptr;
            if (o->micros == 0) return in.raise(in.ZeroDivisionError, "integer modulo by zero");
            return new_delta(in, fmod64(micros, o->micros));
        default: return nullptr;
    }
}

Ref TimeDeltaObj::unary(Interp& in, int op) {
    if (op == static_cast<int>(py::UnaryOpKind::kUSub)) return new_delta(in, -static_cast<i128>(micros));
    if (op == static_cast<int>(py::UnaryOpKind::kUAdd)) return std::make_shared<TimeDeltaObj>(micros);
    if (op == 100) return new_delta(in, micros < 0 ? -static_cast<i128>(micros) : static_cast<i128>(micros));
    return nullptr;
}

// ------------------------------------------------------------------------- TzObj

Ref TzObj::getattr(Interp& in, const std::string& name) {
    Ref self = shared_from_this();
    const std::string T = tp_name(self);
    if (name == "__class__") return class_of(in, Kind::kTimezone, tz);
    if (Ref m = str_repr_method(T, self, name)) return m;
    if (tz == Tz::kPytzUtc) {
        if (name == "zone") return Interp::string("UTC");
        if (name == "utcoffset" || name == "dst" || name == "tzname") {
            auto b = std::make_shared<BuiltinObj>(name, [name](Interp& in, Args& a) -> Ref {
                std::vector<Ref> v;
                if (!py_params(in, "UTC." + name, a, {"dt"}, 1, v)) return nullptr;
                if (name == "tzname") return Interp::string("UTC");
                return std::make_shared<TimeDeltaObj>(0);
            });
            b->repr_text = "<bound method UTC." + name + " of <UTC>>";
            return b;
        }
        if (name == "localize" || name == "normalize" || name == "fromutc") {
            auto b = std::make_shared<BuiltinObj>(name, [name, self](Interp& in, Args& a) -> Ref {
                std::vector<Ref> v;
                if (name == "fromutc" ? !py_params(in, "UTC.fromutc", a, {"dt"}, 1, v)
                                      : !py_params(in, "UTC." + name, a, {"dt", "is_dst"}, 1, v))
                    return nullptr;
                const Ref& dt = v[0];
                if (name == "normalize") {
                    Ref cur = in.getattr(dt, "tzinfo");
                    if (!cur) return nullptr;
                    if (cur.get() == self.get()) return dt;
                    if (cur->kind == Kind::kNone) return in.value_error("Naive time - no tzinfo set");
                    return in.call_method(dt, "astimezone", {self});
                }
                if (name == "fromutc") {
                    Ref cur = in.getattr(dt, "tzinfo");
                    if (!cur) return nullptr;
                    if (cur->kind != Kind::kNone && !as<DateTimeObj>(dt)) return in.type_error("fromutc: argument must be a datetime");
                    return in.call_method(dt, "replace", {}, {{"tzinfo", self}});
                }
                Ref cur = in.getattr(dt, "tzinfo");
                if (!cur) return nullptr;
                if (cur->kind != Kind::kNone) return in.value_error("Not naive datetime (tzinfo is already set)");
                return in.call_method(dt, "replace", {}, {{"tzinfo", self}});
            });
            b->repr_text = "<bound method UTC." + name + " of <UTC>>";
            return b;
        }
    } else {
        if (name == "utc") return self;
        if (name == "utcoffset" || name == "dst" || name == "tzname") {
            return bound(T, name, self, [name](Interp& in, Ref&, Args& a) -> Ref {
                if (!one_arg(in, "timezone." + name, a)) return nullptr;
                const Ref& dt = a.pos[0];
                if (dt->kind != Kind::kNone && dt->kind != Kind::kDateTime)
                    return in.type_error(name + "(dt) argument must be a datetime instance or None, not " + tp_name(dt));
                if (name == "tzname") return Interp::string("UTC");
                if (name == "dst") return in.None;
                return std::make_shared<TimeDeltaObj>(0);
            });
        }
        if (name == "fromutc") {
            return bound(T, name, self, [](Interp& in, Ref& me, Args& a) -> Ref {
                if (!one_arg(in, "timezone.fromutc", a)) return nullptr;
                auto* dt = as<DateTimeObj>(a.pos[0]);
                if (!dt) return in.type_error("fromutc: argument must be a datetime");
                if (tz_ref(in, dt->tz).get() != me.get()) return in.value_error("fromutc: dt.tzinfo is not self");
                return a.pos[0];
            });
        }
    }
    return no_attr(in, T, name);
}

}  // namespace gramlab::shell

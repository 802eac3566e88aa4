// Django's SQLite user functions, implemented over SQLite's C API.
#include "core/backends/sqlite/functions.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <regex>
#include <string>

#include "core/backends/sqlite/python_regex.hpp"
#include "sqlite3.h"

namespace gramlab::backends::sqlite {

namespace {

struct Parsed {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, us = 0;
    bool has_time = false;
};

// typecast_timestamp / typecast_date: "YYYY-MM-DD[ HH:MM:SS[.ffffff]]".
bool parse(const unsigned char* text, Parsed& p) {
    if (!text) return false;
    std::string t(reinterpret_cast<const char*>(text));
    if (std::sscanf(t.c_str(), "%d-%d-%d", &p.y, &p.mo, &p.d) != 3) return false;
    size_t sep = t.find_first_of(" T");
    if (sep == std::string::npos) return true;
    p.has_time = true;
    std::string time = t.substr(sep + 1);
    std::sscanf(time.c_str(), "%d:%d:%d", &p.h, &p.mi, &p.s);
    size_t dot = time.find('.');
    if (dot != std::string::npos) {
        std::string frac = time.substr(dot + 1, 6);
        while (frac.size() < 6) frac += '0';
        p.us = std::atoi(frac.c_str());
    }
    return true;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int isoweekday(const Parsed& p) {
    int64_t days = days_from_civil(p.y, static_cast<unsigned>(p.mo), static_cast<unsigned>(p.d));
    int wd = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday (3 with Monday = 0)
    return wd + 1;
}

void iso_calendar(const Parsed& p, int& iso_year, int& week) {
    int64_t days = days_from_civil(p.y, static_cast<unsigned>(p.mo), static_cast<unsigned>(p.d));
    int wd = isoweekday(p);
    int64_t thursday = days - (wd - 1) + 3;
    // The ISO year is the year of that week's Thursday.
    int64_t z = thursday + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    iso_year = static_cast<int>(y);
    int64_t jan1 = days_from_civil(y, 1, 1);
    week = static_cast<int>((thursday - jan1) / 7 + 1);
}

// The date `days` days after 1970-01-01 (the inverse of days_from_civil).
void civil_from_days(int64_t days, int& y, int& m, int& d) {
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

// Django's 'week' truncation: back to that week's Monday (dt - timedelta(days=dt.weekday())).
void monday_of(const Parsed& p, int& y, int& m, int& d) {
    const int64_t days = days_from_civil(p.y, static_cast<unsigned>(p.mo), static_cast<unsigned>(p.d));
    civil_from_days(days - (isoweekday(p) - 1), y, m, d);
}

void extract(sqlite3_context* ctx, const char* kind, const Parsed& p) {
    std::string k = kind ? kind : "";
    int v = 0;
    if (k == "year") v = p.y;
    else if (k == "month") v = p.mo;
    else if (k == "day") v = p.d;
    else if (k == "hour") v = p.h;
    else if (k == "minute") v = p.mi;
    else if (k == "second") v = p.s;
    else if (k == "microsecond") v = p.us;
    else if (k == "fold") v = 0;
    else if (k == "week_day") v = (isoweekday(p) % 7) + 1;
    else if (k == "iso_week_day") v = isoweekday(p);
    else if (k == "quarter") v = (p.mo + 2) / 3;
    else if (k == "week" || k == "iso_year") {
        int iy, w;
        iso_calendar(p, iy, w);
        v = k == "week" ? w : iy;
    } else {
        // getattr(dt, lookup_type): no such attribute (or not an int) raises inside the function.
        sqlite3_result_error(ctx, "user-defined function raised exception", -1);
        return;
    }
    sqlite3_result_int(ctx, v);
}

void datetime_extract(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    Parsed p;
    if (argc < 2 || !parse(sqlite3_value_text(argv[1]), p)) return sqlite3_result_null(ctx);
    extract(ctx, reinterpret_cast<const char*>(sqlite3_value_text(argv[0])), p);
}

void datetime_cast_date(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    Parsed p;
    if (argc < 1 || !parse(sqlite3_value_text(argv[0]), p)) return sqlite3_result_null(ctx);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.y, p.mo, p.d);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

void datetime_cast_time(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    Parsed p;
    if (argc < 1 || !parse(sqlite3_value_text(argv[0]), p)) return sqlite3_result_null(ctx);
    char buf[32];
    if (p.us) std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%06d", p.h, p.mi, p.s, p.us);
    else std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", p.h, p.mi, p.s);
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

void datetime_trunc(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    Parsed p;
    if (argc < 2 || !parse(sqlite3_value_text(argv[1]), p)) return sqlite3_result_null(ctx);
    std::string k = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]) ? sqlite3_value_text(argv[0]) : reinterpret_cast<const unsigned char*>(""));
    char buf[40];
    if (k == "year") std::snprintf(buf, sizeof buf, "%04d-01-01 00:00:00", p.y);
    else if (k == "quarter") std::snprintf(buf, sizeof buf, "%04d-%02d-01 00:00:00", p.y, ((p.mo - 1) / 3) * 3 + 1);
    else if (k == "month") std::snprintf(buf, sizeof buf, "%04d-%02d-01 00:00:00", p.y, p.mo);
    else if (k == "week") {
        int y, m, d;
        monday_of(p, y, m, d);
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d 00:00:00", y, m, d);
    } else if (k == "day") std::snprintf(buf, sizeof buf, "%04d-%02d-%02d 00:00:00", p.y, p.mo, p.d);
    else if (k == "hour") std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:00:00", p.y, p.mo, p.d, p.h);
    else if (k == "minute") std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:00", p.y, p.mo, p.d, p.h, p.mi);
    else if (k == "second") std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", p.y, p.mo, p.d, p.h, p.mi, p.s);
    else return sqlite3_result_null(ctx);  // _sqlite_datetime_trunc returns None for other kinds
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

void date_trunc(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    Parsed p;
    if (argc < 2 || !parse(sqlite3_value_text(argv[1]), p)) return sqlite3_result_null(ctx);
    std::string k = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]) ? sqlite3_value_text(argv[0]) : reinterpret_cast<const unsigned char*>(""));
    char buf[32];
    if (k == "year") std::snprintf(buf, sizeof buf, "%04d-01-01", p.y);
    else if (k == "quarter") std::snprintf(buf, sizeof buf, "%04d-%02d-01", p.y, ((p.mo - 1) / 3) * 3 + 1);
    else if (k == "month") std::snprintf(buf, sizeof buf, "%04d-%02d-01", p.y, p.mo);
    else if (k == "week") {
        int y, m, d;
        monday_of(p, y, m, d);
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    } else if (k == "day") std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", p.y, p.mo, p.d);
    else return sqlite3_result_null(ctx);  // _sqlite_date_trunc returns None for other kinds
    sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

// A pattern compiled once per statement (SQLite keeps it as the first argument's auxiliary
// data while that argument stays the same), not once per row.
struct CompiledRegex {
    std::wregex re;
    bool backtracking = false;  // matched by a matcher that recurses once per character
    std::string error;          // set: every row fails with it
};

// std::regex compiles and (libstdc++'s backtracking matcher) matches by recursion: a 100,000-
// character pattern or a 50,000-character value overflowed the stack. Beyond these the lookup
// says it is not supported instead.
constexpr size_t kMaxPatternChars = 10000;
// Python's re.error inside Django's user function reaches the shell as this.
constexpr const char* kReError = "user-defined function raised exception";
constexpr size_t kMaxBacktrackingValueChars = 5000;

void free_compiled_regex(void* p) { delete static_cast<CompiledRegex*>(p); }

// An argument's text with every byte, NULs included (sqlite3_value_text alone stops at one).
std::string arg_text(sqlite3_value* v) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(v));
    return p ? std::string(p, static_cast<size_t>(sqlite3_value_bytes(v))) : std::string();
}

bool has_backreference(const std::wstring& pattern) {
    for (size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] != L'\\') continue;
        if (pattern[i + 1] >= L'1' && pattern[i + 1] <= L'9') return true;
        ++i;  // the escaped character
    }
    return false;
}

std::unique_ptr<CompiledRegex> compile_regex(const std::string& pattern) {
    auto c = std::make_unique<CompiledRegex>();
    TranslatedRegex t = translate_python_regex(pattern);
    if (t.invalid) {
        c->error = kReError;
        return c;
    }
    if (!t.unsupported.empty()) {
        c->error = t.unsupported + " in a regex lookup are not supported in gramlab";
        return c;
    }
    if (t.pattern.size() > kMaxPatternChars) {
        c->error = "patterns longer than " + std::to_string(kMaxPatternChars) + " characters in a regex lookup are not supported in gramlab";
        return c;
    }
    auto flags = std::regex::ECMAScript;
    if (t.icase) flags |= std::regex::icase;
    // Refused the same way in every build (libc++'s matcher, in WASM, would not overflow).
    c->backtracking = has_backreference(t.pattern);
#if defined(__GLIBCXX__)
    // libstdc++'s polynomial (breadth-first) matcher does not recurse per character of the
    // value; it takes every pattern without backreferences.
    if (!c->backtracking) flags |= std::regex_constants::__polynomial;
#endif
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
    try {
        c->re = std::wregex(t.pattern, flags);
    } catch (const std::regex_error&) {
        c->error = kReError;
    }
#else
    c->re = std::wregex(t.pattern, flags);
#endif
    return c;
}

// _sqlite_regexp(re_pattern, re_string): re.search(pattern, str(value)); NULL gives false.
void regexp(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 2 || sqlite3_value_type(argv[1]) == SQLITE_NULL || sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return sqlite3_result_int(ctx, 0);
    std::unique_ptr<CompiledRegex> unshared;
    auto* compiled = static_cast<CompiledRegex*>(sqlite3_get_auxdata(ctx, 0));
    if (!compiled) {
        sqlite3_set_auxdata(ctx, 0, compile_regex(arg_text(argv[0])).release(), free_compiled_regex);
        compiled = static_cast<CompiledRegex*>(sqlite3_get_auxdata(ctx, 0));
        // SQLite frees it at once when the pattern is not a constant of the statement.
        if (!compiled) {
            unshared = compile_regex(arg_text(argv[0]));
            compiled = unshared.get();
        }
    }
    if (!compiled->error.empty()) return sqlite3_result_error(ctx, compiled->error.c_str(), -1);
    std::wstring value = utf8_to_wide(arg_text(argv[1]));
    if (compiled->backtracking && value.size() > kMaxBacktrackingValueChars) {
        std::string msg = "values longer than " + std::to_string(kMaxBacktrackingValueChars) +
                          " characters matched by a pattern with a backreference are not supported in gramlab";
        return sqlite3_result_error(ctx, msg.c_str(), -1);
    }
    sqlite3_result_int(ctx, std::regex_search(value, compiled->re) ? 1 : 0);
}

// ------------------------------------------------------------ duration arithmetic

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;

//! typecast_timestamp: a date ("YYYY-MM-DD") or a naive datetime, as microseconds since
//! 1970-01-01 (days for a date). False for text it cannot read (Python's ValueError).
struct Temporal {
    bool is_date = false;
    int64_t micros = 0;  // datetime: since the epoch; date: days * kMicrosPerDay
};

bool typecast(sqlite3_value* v, Temporal& t) {
    if (sqlite3_value_type(v) != SQLITE_TEXT) return false;
    Parsed p;
    if (!parse(sqlite3_value_text(v), p) || p.mo < 1 || p.mo > 12 || p.d < 1 || p.d > 31) return false;
    t.is_date = !p.has_time;
    const int64_t days = days_from_civil(p.y, static_cast<unsigned>(p.mo), static_cast<unsigned>(p.d));
    t.micros = days * kMicrosPerDay + ((p.h * 60LL + p.mi) * 60 + p.s) * 1000000 + p.us;
    return true;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

//! str() of a date / datetime / timedelta as Python prints them.
std::string date_text(int64_t days) {
    int y, m, d;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

//! A length of time as whole days and the microseconds into the last day, [0, kMicrosPerDay):
//! how Python's timedelta holds it, and wide enough that sums of two 64-bit microsecond counts
//! never overflow (Python's ints do not).
struct DaysMicros {
    int64_t days = 0, micros = 0;
    static DaysMicros of(int64_t us) {
        const int64_t d = floor_div(us, kMicrosPerDay);
        return {d, us - d * kMicrosPerDay};
    }
    DaysMicros operator+(const DaysMicros& o) const { return normalized(days + o.days, micros + o.micros); }
    DaysMicros operator-(const DaysMicros& o) const { return normalized(days - o.days, micros - o.micros); }
    static DaysMicros normalized(int64_t d, int64_t us) {
        if (us >= kMicrosPerDay) return {d + 1, us - kMicrosPerDay};
        if (us < 0) return {d - 1, us + kMicrosPerDay};
        return {d, us};
    }
};

//! The clock part Python prints for a datetime ("%02d:...") and a timedelta ("%d:..."), with
//! ".ffffff" only when there are microseconds.
std::string clock_text(int64_t micros_in_day, const char* hour_format) {
    const int us = static_cast<int>(micros_in_day % 1000000);
    const int64_t secs = micros_in_day / 1000000;
    char buf[48];
    std::snprintf(buf, sizeof buf, hour_format, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
    std::string out = buf;
    if (us) {
        std::snprintf(buf, sizeof buf, ".%06d", us);
        out += buf;
    }
    return out;
}

std::string datetime_text(DaysMicros t) { return date_text(t.days) + clock_text(t.micros, " %02d:%02d:%02d"); }

std::string timedelta_text(DaysMicros t) {
    std::string out = clock_text(t.micros, "%d:%02d:%02d");
    if (t.days) out = std::to_string(t.days) + (t.days == 1 || t.days == -1 ? " day, " : " days, ") + out;
    return out;
}

bool in_year_range(int64_t days) {
    return days >= days_from_civil(1, 1, 1) && days <= days_from_civil(9999, 12, 31);
}

// _sqlite_format_dtdelta(conn, lhs, rhs): each side an integer of microseconds (a duration) or a
// date/datetime text; the result's str(), or NULL when a side cannot be read.
void format_dtdelta(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 3) return sqlite3_result_null(ctx);
    const unsigned char* conn_text = sqlite3_value_text(argv[0]);
    std::string conn = conn_text ? reinterpret_cast<const char*>(conn_text) : "";
    conn.erase(0, conn.find_first_not_of(" \t\n\r"));
    conn.erase(conn.find_last_not_of(" \t\n\r") + 1);
    const bool add = conn == "+";
    struct Side { bool duration = false; Temporal t; };
    Side sides[2];
    for (int i = 0; i < 2; ++i) {
        sqlite3_value* v = argv[i + 1];
        if (sqlite3_value_type(v) == SQLITE_INTEGER) {
            sides[i].duration = true;
            sides[i].t.micros = sqlite3_value_int64(v);
        } else if (!typecast(v, sides[i].t)) {
            return sqlite3_result_null(ctx);  // ValueError / TypeError: None
        }
    }
    const Side& l = sides[0];
    const Side& r = sides[1];
    const DaysMicros lt = DaysMicros::of(l.t.micros), rt = DaysMicros::of(r.t.micros);
    std::string out;
    if (l.duration && r.duration) {
        out = timedelta_text(add ? lt + rt : lt - rt);
    } else if (!l.duration && !r.duration) {
        // datetime - datetime (date - date) is a timedelta; adding two of them is a TypeError.
        if (add || l.t.is_date != r.t.is_date) return sqlite3_result_null(ctx);
        out = timedelta_text(lt - rt);
    } else {
        if (l.duration && !add) return sqlite3_result_null(ctx);  // timedelta - datetime: TypeError
        const bool point_left = !l.duration;
        const DaysMicros point = point_left ? lt : rt, delta = point_left ? rt : lt;
        // date + timedelta uses the delta's whole days (floored); datetime + timedelta all of it.
        // Out of years 1..9999 is Python's OverflowError, which sqlite3 reports as SQLITE_TOOBIG
        // (Django's DataError: string or blob too big).
        const bool is_date = (point_left ? l : r).t.is_date;
        DaysMicros sum = add ? point + delta : point - delta;
        // CPython's date + td and date - td both use td.days alone (floored): date - 1 hour
        // is the same date, date + (-1 hour) the day before.
        if (is_date) sum = DaysMicros{add ? point.days + delta.days : point.days - delta.days, 0};
        if (!in_year_range(sum.days)) return sqlite3_result_error_toobig(ctx);
        out = is_date ? date_text(sum.days) : datetime_text(sum);
    }
    sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// _sqlite_timestamp_diff(lhs, rhs): duration_microseconds(typecast(lhs) - typecast(rhs)).
void timestamp_diff(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 2 || sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(ctx);
    Temporal l, r;
    // typecast_timestamp raises for text it cannot read; a date and a datetime do not subtract.
    if (!typecast(argv[0], l) || !typecast(argv[1], r) || l.is_date != r.is_date)
        return sqlite3_result_error(ctx, "user-defined function raised exception", -1);
    sqlite3_result_int64(ctx, l.micros - r.micros);
}

// _sqlite_time_diff(lhs, rhs): the difference of two times of day, in microseconds.
void time_diff(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 2 || sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return sqlite3_result_null(ctx);
    auto micros = [](sqlite3_value* v, int64_t& out) {
        if (sqlite3_value_type(v) != SQLITE_TEXT) return false;
        int h = 0, m = 0, s = 0;
        const char* t = reinterpret_cast<const char*>(sqlite3_value_text(v));
        if (std::sscanf(t, "%d:%d:%d", &h, &m, &s) != 3) return false;
        int us = 0;
        if (const char* dot = std::strchr(t, '.')) {
            std::string frac(dot + 1);
            frac = frac.substr(0, 6);
            while (frac.size() < 6) frac += '0';
            us = std::atoi(frac.c_str());
        }
        out = ((h * 60LL + m) * 60 + s) * 1000000 + us;
        return true;
    };
    int64_t l = 0, r = 0;
    if (!micros(argv[0], l) || !micros(argv[1], r)) return sqlite3_result_error(ctx, "user-defined function raised exception", -1);
    sqlite3_result_int64(ctx, l - r);
}

}  // namespace

void register_functions(sqlite3* db) {
    const int det = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    sqlite3_create_function(db, "django_date_extract", 2, det, nullptr, datetime_extract, nullptr, nullptr);
    sqlite3_create_function(db, "django_datetime_extract", 4, det, nullptr, datetime_extract, nullptr, nullptr);
    sqlite3_create_function(db, "django_datetime_cast_date", 3, det, nullptr, datetime_cast_date, nullptr, nullptr);
    sqlite3_create_function(db, "django_datetime_cast_time", 3, det, nullptr, datetime_cast_time, nullptr, nullptr);
    sqlite3_create_function(db, "django_datetime_trunc", 4, det, nullptr, datetime_trunc, nullptr, nullptr);
    sqlite3_create_function(db, "django_date_trunc", 4, det, nullptr, date_trunc, nullptr, nullptr);
    sqlite3_create_function(db, "regexp", 2, det, nullptr, regexp, nullptr, nullptr);
    sqlite3_create_function(db, "django_format_dtdelta", 3, det, nullptr, format_dtdelta, nullptr, nullptr);
    sqlite3_create_function(db, "django_timestamp_diff", 2, det, nullptr, timestamp_diff, nullptr, nullptr);
    sqlite3_create_function(db, "django_time_diff", 2, det, nullptr, time_diff, nullptr, nullptr);
    register_python_functions(db);
}

}  // namespace gramlab::backends::sqlite

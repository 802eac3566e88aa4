// Python's datetime module as the shell needs it (datetime, date, time, timedelta,
// timezone.utc) plus Django's django.utils.timezone (now, utc, make_aware, ...), with the
// reprs Django 3.2 prints under USE_TZ=True: datetime.datetime(2024, 1, 15, 12, 0, tzinfo=<UTC>).
// The clock is the session's pinned `now`; nothing here reads the system clock.
#pragma once

#include <cstdint>
#include <string>

#include "core/shell/object.hpp"

namespace gramlab::shell {

//! Which tzinfo an aware datetime carries (only UTC exists in gramlab's world).
enum class Tz { kNaive, kPytzUtc, kStdUtc };

class DateTimeObj final : public Object {
public:
    DateTimeObj(int64_t us, Tz tz) : Object(Kind::kDateTime), micros(us), tz(tz) {}
    const int64_t micros;  // microseconds since 1970-01-01 00:00:00 (wall time; UTC when aware)
    const Tz tz;
    std::string type_name() const override { return "datetime"; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    int eq(Interp& in, const Ref& other) override;
    bool order(Interp& in, const Ref& other, int& result) override;
    Ref binop(Interp& in, int op, const Ref& other, bool reflected) override;
    bool hash(Interp&, uint64_t& out) override { out = static_cast<uint64_t>(micros); return true; }
};

class DateObj final : public Object {
public:
    explicit DateObj(int64_t d) : Object(Kind::kDate), days(d) {}
    const int64_t days;  // days since 1970-01-01
    std::string type_name() const override { return "date"; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    int eq(Interp& in, const Ref& other) override;
    bool order(Interp& in, const Ref& other, int& result) override;
    Ref binop(Interp& in, int op, const Ref& other, bool reflected) override;
    bool hash(Interp&, uint64_t& out) override { out = static_cast<uint64_t>(days) * 7919; return true; }
};

class TimeObj final : public Object {
public:
    explicit TimeObj(int64_t us) : Object(Kind::kTime), micros(us) {}
    const int64_t micros;  // since midnight
    std::string type_name() const override { return "time"; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    int eq(Interp& in, const Ref& other) override;
    bool order(Interp& in, const Ref& other, int& result) override;
};

class TimeDeltaObj final : public Object {
public:
    explicit TimeDeltaObj(int64_t us) : Object(Kind::kTimeDelta), micros(us) {}
    const int64_t micros;
    std::string type_name() const override { return "timedelta"; }
    bool repr(Interp& in, std::string& out) override;
    bool str(Interp& in, std::string& out) override;
    Ref getattr(Interp& in, const std::string& name) override;
    int eq(Interp& in, const Ref& other) override;
    bool order(Interp& in, const Ref& other, int& result) override;
    Ref binop(Interp& in, int op, const Ref& other, bool reflected) override;
    Ref unary(Interp& in, int op) override;
    int truthy(Interp&) override { return micros != 0; }
};

//! A tzinfo: pytz's UTC (<UTC>) or datetime.timezone.utc.
class TzObj final : public Object {
public:
    explicit TzObj(Tz t) : Object(Kind::kTimezone), tz(t) {}
    const Tz tz;
    std::string type_name() const override { return tz == Tz::kPytzUtc ? "UTC" : "timezone"; }
    bool repr(Interp&, std::string& out) override { out = tz == Tz::kPytzUtc ? "<UTC>" : "datetime.timezone.utc"; return true; }
    bool str(Interp&, std::string& out) override { out = "UTC"; return true; }
    Ref getattr(Interp& in, const std::string& name) override;
};

// Calendar helpers (proleptic Gregorian, like Python's datetime).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d);
bool valid_date(int64_t y, int64_t m, int64_t d);

//! Parses "YYYY-MM-DD HH:MM:SS[.ffffff][+00:00]" (or with 'T'); false on bad text.
bool parse_datetime_text(const std::string& s, int64_t& micros, bool& has_offset);
bool parse_date_text(const std::string& s, int64_t& days);
bool parse_time_text(const std::string& s, int64_t& micros);
//! "YYYY-MM-DD HH:MM:SS[.ffffff]": how Django's SQLite backend stores a datetime.
std::string format_db_datetime(int64_t micros);
std::string format_db_date(int64_t days);
std::string format_db_time(int64_t micros);
//! strftime with the common codes (%Y %m %d %H %M %S %f %y %b %B %a %A %j %p %I %%).
std::string strftime_text(int64_t micros, const std::string& fmt);

//! The session clock as an aware datetime (timezone.now()).
Ref now_aware(Interp& in);

//! Registers the `datetime` and `django.utils.timezone` modules.
void install_datetime_modules(Interp& in);

}  // namespace gramlab::shell

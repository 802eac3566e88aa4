// Tests for the shell's datetime helpers (core/shell/datetime.cpp) that need no Interp: the
// proleptic Gregorian calendar, Django 3.2's parse_datetime/parse_date/parse_time rules, the
// SQLite storage forms, and strftime as CPython 3.11 on glibc prints it. Every expected value
// was produced by /usr/bin/python3 (Django 3.2.25); the Interp-facing behaviour is covered by
// the differential shell tests.
#include <gtest/gtest.h>

#include <string>

#include "core/shell/datetime.hpp"

using namespace gramlab::shell;

namespace {

constexpr int64_t kUsPerDay = 86400LL * 1000000;

struct Ymd {
    int64_t y;
    unsigned m, d;
};

Ymd civil(int64_t days) {
    Ymd r{};
    civil_from_days(days, r.y, r.m, r.d);
    return r;
}

// ------------------------------------------------------------------------- calendar

TEST(ShellDatetimeCalendar, KnownDays) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(1970, 1, 2), 1);
    EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
    EXPECT_EQ(days_from_civil(2024, 1, 15), 19737);  // (date(2024,1,15) - date(1970,1,1)).days
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    EXPECT_EQ(days_from_civil(1, 1, 1), -719162);  // date.min
    EXPECT_EQ(days_from_civil(9999, 12, 31), 2932896);  // date.max
    // toordinal() is days since 0001-01-01 plus one.
    EXPECT_EQ(days_from_civil(2024, 1, 15) - days_from_civil(1, 1, 1) + 1, 738900);
}

TEST(ShellDatetimeCalendar, CivilFromDaysKnown) {
    Ymd a = civil(0);
    EXPECT_EQ(a.y, 1970);
    EXPECT_EQ(a.m, 1u);
    EXPECT_EQ(a.d, 1u);
    Ymd b = civil(-1);
    EXPECT_EQ(b.y, 1969);
    EXPECT_EQ(b.m, 12u);
    EXPECT_EQ(b.d, 31u);
    Ymd c = civil(-719162);
    EXPECT_EQ(c.y, 1);
    EXPECT_EQ(c.m, 1u);
    EXPECT_EQ(c.d, 1u);
    Ymd e = civil(days_from_civil(2024, 2, 28) + 1);
    EXPECT_EQ(e.m, 2u);
    EXPECT_EQ(e.d, 29u);
    Ymd f = civil(days_from_civil(2023, 2, 28) + 1);
    EXPECT_EQ(f.m, 3u);
    EXPECT_EQ(f.d, 1u);
    Ymd g = civil(days_from_civil(1900, 2, 28) + 1);  // 1900 is not a leap year
    EXPECT_EQ(g.m, 3u);
    Ymd h = civil(days_from_civil(2000, 2, 28) + 1);  // 2000 is
    EXPECT_EQ(h.m, 2u);
    EXPECT_EQ(h.d, 29u);
}

TEST(ShellDatetimeCalendar, RoundTripEveryDayInRange) {
    // Every day from 0001-01-01 to 9999-12-31 (and a little beyond, including negative
    // years), consecutive and invertible.
    int64_t prev_y = 0;
    unsigned prev_m = 12, prev_d = 31;
    for (int64_t z = days_from_civil(0, 1, 1) - 400; z <= days_from_civil(10000, 12, 31); ++z) {
        int64_t y;
        unsigned m, d;
        civil_from_days(z, y, m, d);
        ASSERT_EQ(days_from_civil(y, m, d), z) << z;
        ASSERT_GE(m, 1u);
        ASSERT_LE(m, 12u);
        ASSERT_GE(d, 1u);
        if (z > days_from_civil(0, 1, 1) - 400) {
            bool next_day = y == prev_y && m == prev_m && d == prev_d + 1;
            bool next_month = y == prev_y && m == prev_m + 1 && d == 1;
            bool next_year = y == prev_y + 1 && m == 1 && d == 1 && prev_m == 12 && prev_d == 31;
            ASSERT_TRUE(next_day || next_month || next_year) << y << "-" << m << "-" << d;
        }
        prev_y = y;
        prev_m = m;
        prev_d = d;
    }
}

TEST(ShellDatetimeCalendar, LeapYears) {
    auto feb_days = [](int64_t y) { return days_from_civil(y, 3, 1) - days_from_civil(y, 2, 1); };
    EXPECT_EQ(feb_days(2024), 29);
    EXPECT_EQ(feb_days(2023), 28);
    EXPECT_EQ(feb_days(2000), 29);
    EXPECT_EQ(feb_days(1900), 28);
    EXPECT_EQ(feb_days(2100), 28);
    EXPECT_EQ(feb_days(1600), 29);
    EXPECT_EQ(feb_days(4), 29);
    EXPECT_EQ(feb_days(0), 29);     // proleptic year 0 is a leap year
    EXPECT_EQ(feb_days(-4), 29);
    EXPECT_EQ(feb_days(-100), 28);
    EXPECT_EQ(days_from_civil(2025, 1, 1) - days_from_civil(2024, 1, 1), 366);
    EXPECT_EQ(days_from_civil(2024, 1, 1) - days_from_civil(2023, 1, 1), 365);
}

TEST(ShellDatetimeCalendar, ValidDate) {
    EXPECT_TRUE(valid_date(2024, 1, 15));
    EXPECT_TRUE(valid_date(2024, 2, 29));
    EXPECT_FALSE(valid_date(2023, 2, 29));
    EXPECT_FALSE(valid_date(2024, 2, 30));
    EXPECT_FALSE(valid_date(2024, 4, 31));
    EXPECT_TRUE(valid_date(2024, 12, 31));
    EXPECT_FALSE(valid_date(2024, 13, 1));
    EXPECT_FALSE(valid_date(2024, 0, 1));
    EXPECT_FALSE(valid_date(2024, 1, 0));
    EXPECT_FALSE(valid_date(0, 1, 1));  // MINYEAR is 1
    EXPECT_TRUE(valid_date(1, 1, 1));
    EXPECT_TRUE(valid_date(9999, 12, 31));
    EXPECT_FALSE(valid_date(10000, 1, 1));
}

// ------------------------------------------------------------------------- parsing (Django 3.2)

struct DtCase {
    const char* text;
    bool ok;
    int64_t micros;
    bool aware;
};

TEST(ShellDatetimeParse, DatetimeLikeDjango) {
    const DtCase cases[] = {
        {"2024-01-15 12:00:00", true, 1705320000000000LL, false},
        {"2024-01-15T12:00", true, 1705320000000000LL, false},
        {"2024-1-5 3:4:5", true, 1704423845000000LL, false},
        {"2024-01-15 12:00:00.5", true, 1705320000500000LL, false},
        {"2024-01-15 12:00:00,123456789", true, 1705320000123456LL, false},
        {"2024-01-15 12:00:00Z", true, 1705320000000000LL, true},
        {"2024-01-15 12:00:00+00:00", true, 1705320000000000LL, true},
        {"2024-01-15 12:00:00+0530", true, 1705300200000000LL, true},  // converted to UTC
        {"2024-01-15 12:00:00-02", true, 1705327200000000LL, true},
        {"2024-01-15 12:00:00\n", true, 1705320000000000LL, false},  // `$` allows a final newline
        {"2024-01-15 12:00:00 +00:00", false, 0, false},
        {"2024-01-15", false, 0, false},
        {"2024-02-30 12:00", false, 0, false},  // Django raises ValueError
        {"2024-01-15 24:00", false, 0, false},
        {"2024-01-15 12:00:00x", false, 0, false},
        {"2024-01-15 12:00:", false, 0, false},
        {"2024-01-15 12:00:00.", false, 0, false},
        {"24-01-15 12:00", false, 0, false},
        {"2024-01-15  12:00", false, 0, false},
        {"", false, 0, false},
    };
    for (const auto& c : cases) {
        int64_t us = -1;
        bool aware = false;
        bool ok = parse_datetime_text(c.text, us, aware);
        EXPECT_EQ(ok, c.ok) << c.text;
        if (ok && c.ok) {
            EXPECT_EQ(us, c.micros) << c.text;
            EXPECT_EQ(aware, c.aware) << c.text;
        }
    }
}

TEST(ShellDatetimeParse, DateLikeDjango) {
    int64_t days = 0;
    EXPECT_TRUE(parse_date_text("2024-01-15", days));
    EXPECT_EQ(days, 19737);
    EXPECT_TRUE(parse_date_text("2024-1-5", days));
    EXPECT_EQ(days, 19727);
    EXPECT_TRUE(parse_date_text("2024-01-15\n", days));
    EXPECT_EQ(days, 19737);
    EXPECT_TRUE(parse_date_text("0001-01-01", days));
    EXPECT_EQ(days, -719162);
    EXPECT_FALSE(parse_date_text("2024-02-30", days));
    EXPECT_FALSE(parse_date_text("2024-01-15 ", days));
    EXPECT_FALSE(parse_date_text("24-01-15", days));
    EXPECT_FALSE(parse_date_text("2024-01-155", days));
    EXPECT_FALSE(parse_date_text("0000-01-01", days));
    EXPECT_FALSE(parse_date_text("", days));
}

TEST(ShellDatetimeParse, TimeLikeDjango) {
    int64_t us = 0;
    EXPECT_TRUE(parse_time_text("12:30", us));
    EXPECT_EQ(us, 45000000000LL);
    EXPECT_TRUE(parse_time_text("12:30:05", us));
    EXPECT_EQ(us, 45005000000LL);
    EXPECT_TRUE(parse_time_text("1:2:3.5", us));
    EXPECT_EQ(us, 3723500000LL);
    EXPECT_TRUE(parse_time_text("12:30:05.1234567", us));
    EXPECT_EQ(us, 45005123456LL);
    // Django 3.2's time_re has no `$`: trailing text (an offset) is ignored.
    EXPECT_TRUE(parse_time_text("12:30:05+05:00", us));
    EXPECT_EQ(us, 45005000000LL);
    EXPECT_TRUE(parse_time_text("12:30:xx", us));
    EXPECT_EQ(us, 45000000000LL);
    EXPECT_TRUE(parse_time_text("12:30:5.", us));
    EXPECT_EQ(us, 45005000000LL);
    EXPECT_FALSE(parse_time_text("25:00", us));
    EXPECT_FALSE(parse_time_text("12", us));
    EXPECT_FALSE(parse_time_text("", us));
}

// ------------------------------------------------------------------------- storage forms

TEST(ShellDatetimeFormat, DbForms) {
    EXPECT_EQ(format_db_datetime(1705320000000000LL), "2024-01-15 12:00:00");
    EXPECT_EQ(format_db_datetime(1705320000000001LL), "2024-01-15 12:00:00.000001");
    EXPECT_EQ(format_db_datetime(1705320000500000LL), "2024-01-15 12:00:00.500000");
    EXPECT_EQ(format_db_datetime(-1), "1969-12-31 23:59:59.999999");
    EXPECT_EQ(format_db_datetime(days_from_civil(5, 1, 5) * kUsPerDay), "0005-01-05 00:00:00");
    EXPECT_EQ(format_db_date(19737), "2024-01-15");
    EXPECT_EQ(format_db_date(-719162), "0001-01-01");
    EXPECT_EQ(format_db_time(0), "00:00:00");
    EXPECT_EQ(format_db_time(45005000000LL), "12:30:05");
    EXPECT_EQ(format_db_time(45005000007LL), "12:30:05.000007");
}

TEST(ShellDatetimeFormat, ParseFormatRoundTrip) {
    const int64_t samples[] = {0, 1, -1, 1705320000000000LL, 1705320000123456LL, 951782400000000LL,
                               days_from_civil(1, 1, 1) * kUsPerDay, days_from_civil(9999, 12, 31) * kUsPerDay + kUsPerDay - 1};
    for (int64_t us : samples) {
        int64_t back = 0;
        bool aware = true;
        std::string text = format_db_datetime(us);
        ASSERT_TRUE(parse_datetime_text(text, back, aware)) << text;
        EXPECT_EQ(back, us) << text;
        EXPECT_FALSE(aware);
        int64_t day = us / kUsPerDay - (us % kUsPerDay < 0 ? 1 : 0);
        int64_t back_day = 0;
        ASSERT_TRUE(parse_date_text(format_db_date(day), back_day));
        EXPECT_EQ(back_day, day);
        int64_t tod = us - day * kUsPerDay, back_tod = 0;
        ASSERT_TRUE(parse_time_text(format_db_time(tod), back_tod));
        EXPECT_EQ(back_tod, tod);
    }
}

// ------------------------------------------------------------------------- strftime

struct StrftimeCase {
    int64_t micros;
    const char* fmt;
    const char* expected;
};

TEST(ShellDatetimeStrftime, MatchesCPythonOnGlibc) {
    // datetime.strftime on naive datetimes, CPython 3.11 / glibc.
    const StrftimeCase cases[] = {
        {1705320000000000LL, "%Y-%m-%d %H:%M:%S", "2024-01-15 12:00:00"},
        {1705320000000000LL, "%a %A %b %B %h", "Mon Monday Jan January Jan"},
        {1705320000000000LL, "%c", "Mon Jan 15 12:00:00 2024"},
        {1705320000000000LL, "%x %X", "01/15/24 12:00:00"},
        {1705320000000000LL, "%D %F %T %R %r", "01/15/24 2024-01-15 12:00:00 12:00 12:00:00 PM"},
        {1705320000000000LL, "%j %U %W %V %G %g %u %w", "015 02 03 03 2024 24 1 1"},
        {1705320000000000LL, "%I %l %p %P %k %e", "12 12 PM pm 12 15"},
        {1705320000000000LL, "%s", "1705320000"},
        {1705320000000000LL, "%f %z %Z", "000000  "},
        {1705320000000000LL, "%%", "%"},
        {1705320000000000LL, "%-d %-m %-H %_d %05d %^a %#B %10A", "15 1 12 15 00015 MON JANUARY     Monday"},
        {1705320000000000LL, "%C %y", "20 24"},
        {1705320000000000LL, "%Q %5Q %", "%Q   %5Q %"},
        {1705320000000000LL, "%Ey %Od %Ea", "24 15 %Ea"},
        {1704423845000006LL, "%c", "Fri Jan  5 03:04:05 2024"},
        {1704423845000006LL, "%j %U %W %V %G %g %u %w", "005 00 01 01 2024 24 5 5"},
        {1704423845000006LL, "%I %l %p %P %k %e", "03  3 AM am  3  5"},
        {1704423845000006LL, "%f", "000006"},
        {1704423845000006LL, "%-d %-m %-H %_d %05d %^a %#B %10A", "5 1 3  5 00005 FRI JANUARY     Friday"},
        {-62008973755000000LL, "%Y-%m-%d %H:%M:%S", "5-01-05 13:04:05"},
        {-62008973755000000LL, "%c", "Wed Jan  5 13:04:05 5"},
        {-62008973755000000LL, "%D %F %T %R %r", "01/05/05 5-01-05 13:04:05 13:04 01:04:05 PM"},
        {-62008973755000000LL, "%j %U %W %V %G %g %u %w", "005 01 01 01 5 05 3 3"},
        {-62008973755000000LL, "%s", "-62008973755"},
        {-62008973755000000LL, "%C %y", "0 05"},
        {-1LL, "%Y-%m-%d %H:%M:%S", "1969-12-31 23:59:59"},
        {-1LL, "%j %U %W %V %G %g %u %w", "365 52 52 01 1970 70 3 3"},
        {-1LL, "%s %f", "-1 999999"},
        {1609372800000000LL, "%j %U %W %V %G %g %u %w", "366 52 52 53 2020 20 4 4"},
        {1609372800000000LL, "%I %l %p %P %k %e", "12 12 AM am  0 31"},
        {1609698600000000LL, "%j %U %W %V %G %g %u %w", "003 01 00 53 2020 20 7 0"},
        {1609698600000000LL, "%I %l %p %P %k %e", "06  6 PM pm 18  3"},
    };
    for (const auto& c : cases) EXPECT_EQ(strftime_text(c.micros, c.fmt), c.expected) << c.fmt << " @ " << c.micros;
}

TEST(ShellDatetimeStrftime, GlibcFlagsAndWidths) {
    const int64_t t = 1704423845000000LL;  // 2024-01-05 03:04:05 (a Friday)
    const StrftimeCase cases[] = {
        {t, "%-5d|%_d|%5a|%05a|%-5a|%_5a", "    5| 5|  Fri|00Fri|  Fri|  Fri"},
        {t, "%10F|%3j|%-j|%_j|%_3d|%^B|%#B|%#p|%^p", "2024-01-05|005|5|  5|  5|JANUARY|JANUARY|am|AM"},
        {t, "%-Q|%5Q|%1d|%-1d|%0e|%^c", "%-Q|  %5Q|05|5|05|FRI JAN  5 03:04:05 2024"},
        {t, "%5%|%-%|%Ey|%EY|%Od|%10Z|%3f|%-f", "    %|%|24|2024|05|          |%3f|%-f"},
        {t, "%+5Y|%5n|%5t|%12c|%5u|%%d|%E%|%EQ|a%E", "%+5Y|    \n|    \t|Fri Jan  5 03:04:05 2024|00005|%d|%|%EQ|a%E"},
        {t, "%^", "%^"},
        {t, "%5", "   %5"},
        {t, "abc%", "abc%"},
        {t, "%012F|%026c|%05%|%05Q|%_5Q|%5EY|%-EY|%Ed", "002024-01-05|00Fri Jan  5 03:04:05 2024|0000%|0%05Q| %_5Q|02024|2024|%Ed"},
    };
    for (const auto& c : cases) EXPECT_EQ(strftime_text(c.micros, c.fmt), c.expected) << c.fmt;
    const int64_t y5 = -62008973755000000LL;  // 0005-01-05 13:04:05
    EXPECT_EQ(strftime_text(y5, "%0Y|%_Y|%-Y|%04Y|%6Y|%_6Y|%3C|%_y|%3y"), "5|5|5|0005|000005|     5|000| 5|005");
    EXPECT_EQ(strftime_text(y5, "%010F|%_10F|%-10F|%3F|%10D|%5R"), "0005-01-05|   5-01-05|   5-01-05|5-01-05|  01/05/05|13:04");
}

TEST(ShellDatetimeStrftime, Utf8AndLiteralText) {
    EXPECT_EQ(strftime_text(1705320000000000LL, "%Y년 %m월 %d일"), "2024년 01월 15일");
    EXPECT_EQ(strftime_text(1705320000000000LL, ""), "");
    EXPECT_EQ(strftime_text(1705320000000000LL, "no codes"), "no codes");
}

}  // namespace

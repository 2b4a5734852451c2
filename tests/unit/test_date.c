/* Dates at three precisions: what a data file may say, and how a briefing
 * prints and orders it. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "date.h"
#include "test_util.h"

static briefing_date D(int y, int m, int d)
{
    briefing_date date = { y, m, d };
    return date;
}

static briefing_date parsed(const char *text)
{
    briefing_date d;
    ck_assert_msg(date_parse(text, &d), "\"%s\" should be a date", text);
    return d;
}

START_TEST(parse_three_precisions)
{
    briefing_date d = parsed("2018-01-19");
    ck_assert_int_eq(d.year, 2018);
    ck_assert_int_eq(d.month, 1);
    ck_assert_int_eq(d.day, 19);
    d = parsed("2016-07");
    ck_assert_int_eq(d.year, 2016);
    ck_assert_int_eq(d.month, 7);
    ck_assert_int_eq(d.day, 0);
    d = parsed("2013");
    ck_assert_int_eq(d.year, 2013);
    ck_assert_int_eq(d.month, 0);
    ck_assert_int_eq(d.day, 0);
}
END_TEST

START_TEST(parse_leap_days)
{
    parsed("2020-02-29");
    parsed("2000-02-29");
    parsed("2019-02-28");
    parsed("2018-12-31");
    parsed("1000-01-01");
    parsed("9999-12-31");
}
END_TEST

static const char *const not_dates[] = {
    "2019-02-29", /* not a leap year */
    "1900-02-29", /* a century that is not a leap year */
    "2018-04-31",
    "2018-1-5",
    "2018-01-5",
    "31/01/2018",
    " 2018",
    "2018 ",
    "2018-01-19x",
    "",
    "0999",
    "0999-12-31",
    "2018-00",
    "2018-13",
    "2018-01-00",
    "2018-01-32",
    "2018/01/19",
    "20180119",
    "+2018",
    "2018-01-",
    "abcd",
    "10000",
};

START_TEST(parse_refuses)
{
    briefing_date d = { 7, 7, 7 };
    const char *text = not_dates[_i];

    ck_assert_msg(!date_parse(text, &d), "\"%s\" should not be a date", text);
    /* A refused date leaves the output absent, not half filled. */
    ck_assert_int_eq(d.year, 0);
    ck_assert_int_eq(d.month, 0);
    ck_assert_int_eq(d.day, 0);
}
END_TEST

START_TEST(parse_null)
{
    briefing_date d;
    ck_assert(!date_parse(NULL, &d));
    ck_assert(date_is_absent(d));
}
END_TEST

START_TEST(format_each_precision)
{
    char buf[64];

    ck_assert_str_eq(date_format(D(2018, 1, 19), buf, sizeof buf), "19 January 2018");
    ck_assert_str_eq(date_format(D(2018, 1, 5), buf, sizeof buf), "5 January 2018");
    ck_assert_str_eq(date_format(D(2016, 7, 0), buf, sizeof buf), "July 2016");
    ck_assert_str_eq(date_format(D(2013, 0, 0), buf, sizeof buf), "2013");
    ck_assert_str_eq(date_format(D(2019, 12, 31), buf, sizeof buf), "31 December 2019");
    ck_assert_str_eq(date_format(D(0, 0, 0), buf, sizeof buf), "");
    /* A small buffer is cut, never overrun. */
    ck_assert_str_eq(date_format(D(2018, 1, 19), buf, 5), "19 J");
}
END_TEST

/* A plugin may hand in a date it filled itself: out-of-range fields give
 * nothing, never a read past a table. */
START_TEST(out_of_range_fields)
{
    char buf[64];

    ck_assert_str_eq(date_format(D(2018, 13, 1), buf, sizeof buf), "");
    ck_assert_str_eq(date_format(D(2018, -1, 0), buf, sizeof buf), "");
    ck_assert_str_eq(date_format(D(2018, 2, 30), buf, sizeof buf), "");
    ck_assert_str_eq(date_format(D(2018, 0, 5), buf, sizeof buf), "");
    ck_assert_str_eq(date_iso(D(2018, 13, 0), buf, sizeof buf), "");
    ck_assert_int_eq(date_last_day(D(2018, 13, 0)).month, 13);
    ck_assert_double_eq(date_to_years(D(2018, 99, 0)), 0);
    ck_assert_int_eq(date_months_between(D(2018, 99, 0), D(2019, 1, 1)), 0);
}
END_TEST

START_TEST(iso_round_trip)
{
    static const char *const texts[] = { "2018-01-19", "2016-07", "2013", "1000-02-03" };
    char buf[16];

    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        ck_assert_str_eq(date_iso(parsed(texts[i]), buf, sizeof buf), texts[i]);
    ck_assert_str_eq(date_iso(D(0, 0, 0), buf, sizeof buf), "");
}
END_TEST

START_TEST(compare_orders_precisions)
{
    /* Lower precision first, before the full dates it contains. */
    ck_assert_int_lt(date_compare(parsed("2016"), parsed("2016-01")), 0);
    ck_assert_int_lt(date_compare(parsed("2016-07"), parsed("2016-07-01")), 0);
    ck_assert_int_lt(date_compare(parsed("2016-07"), parsed("2016-07-31")), 0);
    ck_assert_int_gt(date_compare(parsed("2016-07"), parsed("2016-06-30")), 0);
    ck_assert_int_lt(date_compare(parsed("2016-12-31"), parsed("2017")), 0);
    ck_assert_int_eq(date_compare(parsed("2016-07-04"), parsed("2016-07-04")), 0);
    /* Absent before everything. */
    ck_assert_int_lt(date_compare(D(0, 0, 0), parsed("1000")), 0);
    ck_assert_int_eq(date_compare(D(0, 0, 0), D(0, 0, 0)), 0);
}
END_TEST

START_TEST(first_and_last_day)
{
    char buf[16];

    ck_assert_str_eq(date_iso(date_first_day(parsed("2016-07")), buf, sizeof buf), "2016-07-01");
    ck_assert_str_eq(date_iso(date_last_day(parsed("2016-07")), buf, sizeof buf), "2016-07-31");
    ck_assert_str_eq(date_iso(date_last_day(parsed("2016-02")), buf, sizeof buf), "2016-02-29");
    ck_assert_str_eq(date_iso(date_last_day(parsed("2019-02")), buf, sizeof buf), "2019-02-28");
    ck_assert_str_eq(date_iso(date_first_day(parsed("2013")), buf, sizeof buf), "2013-01-01");
    ck_assert_str_eq(date_iso(date_last_day(parsed("2013")), buf, sizeof buf), "2013-12-31");
    ck_assert_str_eq(date_iso(date_last_day(parsed("2013-04-05")), buf, sizeof buf), "2013-04-05");
    ck_assert(date_is_absent(date_last_day(D(0, 0, 0))));
}
END_TEST

START_TEST(to_years)
{
    ck_assert_double_eq_tol(date_to_years(parsed("2016")), 2016.0, 1e-9);
    ck_assert_double_eq_tol(date_to_years(parsed("2016-07")), 2016.5, 0.01);
    ck_assert_double_eq_tol(date_to_years(parsed("2017-01-01")), 2017.0, 1e-9);
    ck_assert_double_eq_tol(date_to_years(parsed("2017-12-31")), 2017.0 + 364.0 / 365, 1e-9);
    ck_assert(date_to_years(parsed("2016-07-02")) > date_to_years(parsed("2016-07")));
    ck_assert_double_eq(date_to_years(D(0, 0, 0)), 0);
}
END_TEST

START_TEST(months_between)
{
    ck_assert_int_eq(date_months_between(parsed("2016-01-15"), parsed("2016-03-15")), 2);
    ck_assert_int_eq(date_months_between(parsed("2016-01-31"), parsed("2016-02-28")), 0);
    ck_assert_int_eq(date_months_between(parsed("2016-03-15"), parsed("2016-01-15")), -2);
    ck_assert_int_eq(date_months_between(parsed("2016-07"), parsed("2018-07-01")), 24);
    ck_assert_int_eq(date_months_between(parsed("2013"), parsed("2014")), 12);
    ck_assert_int_eq(date_months_between(parsed("2016-05-10"), parsed("2016-05-10")), 0);
    ck_assert_int_eq(date_months_between(D(0, 0, 0), parsed("2014")), 0);
}
END_TEST

START_TEST(from_epoch)
{
    char buf[16];

    ck_assert_str_eq(date_iso(date_from_epoch(0), buf, sizeof buf), "1970-01-01");
    ck_assert_str_eq(date_iso(date_from_epoch(1516320000LL), buf, sizeof buf), "2018-01-19");
    ck_assert_str_eq(date_iso(date_from_epoch(1516406399LL), buf, sizeof buf), "2018-01-19");
    ck_assert_str_eq(date_iso(date_from_epoch(951782400LL), buf, sizeof buf), "2000-02-29");
    ck_assert_str_eq(date_iso(date_from_epoch(-1), buf, sizeof buf), "1969-12-31");
    ck_assert_str_eq(date_iso(date_from_epoch(253402300799LL), buf, sizeof buf), "9999-12-31");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("date");

    tcase_add_test(tc, parse_three_precisions);
    tcase_add_test(tc, parse_leap_days);
    tcase_add_loop_test(tc, parse_refuses, 0, (int)(sizeof not_dates / sizeof not_dates[0]));
    tcase_add_test(tc, parse_null);
    tcase_add_test(tc, format_each_precision);
    tcase_add_test(tc, out_of_range_fields);
    tcase_add_test(tc, iso_round_trip);
    tcase_add_test(tc, compare_orders_precisions);
    tcase_add_test(tc, first_and_last_day);
    tcase_add_test(tc, to_years);
    tcase_add_test(tc, months_between);
    tcase_add_test(tc, from_epoch);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

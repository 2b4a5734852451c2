#include "date.h"

#include <stdio.h>
#include <string.h>

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    if (month == 2 && is_leap(year))
        return 29;
    return days[month - 1];
}

/* A present date whose fields a caller could have filled by hand (plugins
 * get date_format through the host) is only used when they are in range, so
 * that no table is read out of bounds. */
static int is_sane(briefing_date d)
{
    if (d.year <= 0 || d.month < 0 || d.month > 12 || d.day < 0)
        return 0;
    if (d.month == 0)
        return d.day == 0;
    return d.day <= days_in_month(d.year, d.month);
}

/* Reads exactly n ASCII digits at s; -1 when one of them is not a digit. */
static int read_digits(const char *s, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int date_parse(const char *text, briefing_date *out)
{
    briefing_date d = { 0, 0, 0 };
    size_t len;

    *out = d;
    if (text == NULL)
        return 0;
    /* Only three shapes are dates: 4, 7 or 10 characters, so a leading
     * space, a trailing letter or a one-digit month all fail here or on the
     * digit checks below. */
    len = strlen(text);
    if (len != 4 && len != 7 && len != 10)
        return 0;
    d.year = read_digits(text, 4);
    if (d.year < 1000)
        return 0;
    if (len >= 7) {
        if (text[4] != '-')
            return 0;
        d.month = read_digits(text + 5, 2);
        if (d.month < 1 || d.month > 12)
            return 0;
    }
    if (len == 10) {
        if (text[7] != '-')
            return 0;
        d.day = read_digits(text + 8, 2);
        if (d.day < 1 || d.day > days_in_month(d.year, d.month))
            return 0;
    }
    *out = d;
    return 1;
}

const char *date_format(briefing_date d, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (!is_sane(d))
        buf[0] = '\0';
    else if (d.month == 0)
        snprintf(buf, size, "%d", d.year);
    else if (d.day == 0)
        snprintf(buf, size, "%s %d", month_names[d.month - 1], d.year);
    else
        snprintf(buf, size, "%d %s %d", d.day, month_names[d.month - 1], d.year);
    return buf;
}

const char *date_iso(briefing_date d, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    if (!is_sane(d))
        buf[0] = '\0';
    else if (d.month == 0)
        snprintf(buf, size, "%04d", d.year);
    else if (d.day == 0)
        snprintf(buf, size, "%04d-%02d", d.year, d.month);
    else
        snprintf(buf, size, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

/* Comparing field by field puts the 0 of a missing month or day first, which
 * is exactly "lower precision before the full dates it contains"; an absent
 * date (year 0) comes before everything. */
int date_compare(briefing_date a, briefing_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

int date_is_absent(briefing_date d)
{
    return d.year == 0;
}

briefing_date date_first_day(briefing_date d)
{
    if (!is_sane(d))
        return d;
    if (d.month == 0)
        d.month = 1;
    if (d.day == 0)
        d.day = 1;
    return d;
}

briefing_date date_last_day(briefing_date d)
{
    if (!is_sane(d))
        return d;
    if (d.month == 0)
        d.month = 12;
    if (d.day == 0)
        d.day = days_in_month(d.year, d.month);
    return d;
}

double date_to_years(briefing_date d)
{
    int day_of_year = 0;

    if (!is_sane(d))
        return 0;
    d = date_first_day(d);
    for (int m = 1; m < d.month; m++)
        day_of_year += days_in_month(d.year, m);
    day_of_year += d.day - 1;
    return d.year + (double)day_of_year / (is_leap(d.year) ? 366 : 365);
}

briefing_date date_add_months(briefing_date d, int months)
{
    long m;

    if (!is_sane(d))
        return (briefing_date){0, 0, 0};
    m = (long)d.year * 12 + (d.month ? d.month - 1 : 0) + (d.month ? months : months / 12 * 12);
    if (m < 12 || m > 9999L * 12 + 11)
        return (briefing_date){0, 0, 0};
    if (d.month == 0)
        return (briefing_date){(int)(m / 12), 0, 0};
    d.year = (int)(m / 12);
    d.month = (int)(m % 12) + 1;
    if (d.day > days_in_month(d.year, d.month))
        d.day = days_in_month(d.year, d.month);
    return d;
}

int date_months_between(briefing_date a, briefing_date b)
{
    int months;

    if (!is_sane(a) || !is_sane(b))
        return 0;
    if (date_compare(date_first_day(b), date_first_day(a)) < 0)
        return -date_months_between(b, a);
    a = date_first_day(a);
    b = date_first_day(b);
    months = (b.year - a.year) * 12 + (b.month - a.month);
    /* 31 January to 28 February is not yet a whole month. */
    if (b.day < a.day)
        months--;
    return months;
}

/* Days since 1970-01-01 to a civil date: Howard Hinnant's civil_from_days,
 * which works for negative days too. */
briefing_date date_from_epoch(long long seconds)
{
    long long days = seconds / 86400 - (seconds % 86400 < 0 ? 1 : 0);
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    briefing_date d;

    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
    return d;
}

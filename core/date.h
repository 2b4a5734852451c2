/*
 * date: the dataset's dates at three precisions (YYYY-MM-DD, YYYY-MM, YYYY).
 */
#ifndef BRIEFING_DATE_H
#define BRIEFING_DATE_H

#include <stddef.h>
#include <briefing/dataset.h>

/* Parses text strictly: four-digit year 1000-9999, month 01-12, day valid for
 * the month (leap years included), nothing before or after.  Returns 1 and
 * fills out, or 0 and leaves out zeroed. */
int date_parse(const char *text, briefing_date *out);

/* Writes "19 January 2018", "July 2016" or "2013" (or "" for an absent date,
 * or one whose month or day is out of range) into buf and returns buf. */
const char *date_format(briefing_date d, char *buf, size_t size);

/* Writes the ISO form ("2018-01-19", "2016-07", "2013") and returns buf. */
const char *date_iso(briefing_date d, char *buf, size_t size);

/* <0, 0, >0 as a sorts before, with, after b.  A date of lower precision
 * sorts before the full dates it contains ("2016-07" before "2016-07-01");
 * an absent date sorts before every present one. */
int date_compare(briefing_date a, briefing_date b);

/* The date as a decimal year for drawing on a time axis: the start of the
 * period it names (2016-07 is 2016.5 roughly), 0 when absent. */
double date_to_years(briefing_date d);

/* The earliest and the latest day a date may stand for: "2016-07" spans
 * 2016-07-01 to 2016-07-31. */
briefing_date date_first_day(briefing_date d);
briefing_date date_last_day(briefing_date d);

/* Whole months from a to b (negative when b is earlier), taking each at its
 * first day. */
int date_months_between(briefing_date a, briefing_date b);

/* d moved by `months` (negative: back), at d's own precision; a day past
 * the new month's end becomes its last day (31 January + 1 month is 29
 * February in a leap year).  A year-only date moves by whole years
 * (months / 12).  Absent or out of range (before year 1 or past 9999):
 * the absent date. */
briefing_date date_add_months(briefing_date d, int months);

/* The calendar date of a Unix time, in UTC. */
briefing_date date_from_epoch(long long seconds);

/* 1 when the date is absent (year 0). */
int date_is_absent(briefing_date d);

#endif

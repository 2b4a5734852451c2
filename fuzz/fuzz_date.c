/*
 * fuzz_date: the dataset's dates (core/date.h).
 *
 * The input is taken as a date's text.  A text date_parse accepts must come
 * back unchanged from date_iso, format without overflowing, and sit inside
 * its own first and last day; one it refuses must leave the date zeroed.
 * The first eight bytes also go to date_from_epoch, which must give a date
 * date_iso can write for any time at all.
 */
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "fuzz_util.h"

static void check_date(briefing_date d)
{
    char iso[32], text[64], small[6];
    briefing_date again, first, last;

    date_iso(d, iso, sizeof iso);
    FUZZ_REQUIRE(date_parse(iso, &again) == 1);
    FUZZ_REQUIRE(date_compare(d, again) == 0);
    date_format(d, text, sizeof text);
    FUZZ_REQUIRE(strlen(text) > 0 && strlen(text) < sizeof text);
    date_format(d, small, sizeof small); /* must cut, not overflow */
    FUZZ_REQUIRE(strlen(small) < sizeof small);
    first = date_first_day(d);
    last = date_last_day(d);
    FUZZ_REQUIRE(date_compare(first, last) <= 0);
    FUZZ_REQUIRE(date_months_between(first, last) == 0 || d.month == 0);
    FUZZ_REQUIRE(date_months_between(d, d) == 0);
    FUZZ_REQUIRE(date_to_years(d) >= 1000.0 && date_to_years(d) < 10000.0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    briefing_date d;

    if (date_parse(text, &d)) {
        char iso[32];

        check_date(d);
        date_iso(d, iso, sizeof iso);
        FUZZ_REQUIRE(strcmp(iso, text) == 0);
    } else {
        FUZZ_REQUIRE(d.year == 0 && d.month == 0 && d.day == 0);
    }
    if (size >= 8) {
        long long seconds;
        briefing_date e;
        char iso[64];

        memcpy(&seconds, data, sizeof seconds);
        e = date_from_epoch(seconds);
        date_iso(e, iso, sizeof iso);
        FUZZ_REQUIRE(strlen(iso) < sizeof iso);
        if (!date_is_absent(e) && e.year >= 1000 && e.year <= 9999)
            check_date(e);
    }
    free(text);
    return 0;
}

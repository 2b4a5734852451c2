/*
 * format: numbers and citation marks as the briefing prints them.
 */
#ifndef BRIEFING_FORMAT_H
#define BRIEFING_FORMAT_H

#include <stddef.h>
#include <briefing/dataset.h>

/* Writes v with `decimals` digits after the point and commas between
 * thousands ("1,151", "68.5", "-1,200.25"); "" for a value that is not
 * finite.  Returns buf. */
const char *format_number(double v, int decimals, char *buf, size_t size);

/* Writes the citation mark for cites: "[2]", "[1, 3]" (numbers sorted, each
 * once) from the sources' reference numbers; "" when there is nothing to
 * cite.  An id that names no source is skipped.  Returns buf. */
const char *format_cite(const briefing_dataset *ds, briefing_cites cites, char *buf, size_t size);

#endif

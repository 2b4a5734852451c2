/*
 * naming: the file names batch gives its briefings.
 *
 * A name pattern such as "{code}-{name}-{as_of:%Y-%m}.pdf" is expanded for
 * one council, then made safe for a file system: the result is one file name
 * (never a path), valid UTF-8, with no control character, no leading dot or
 * dash, no blank at either end, at most NAMING_MAX bytes, ending in ".pdf".
 * Names that came out the same for two councils are told apart by a
 * naming_set, which adds the council's code.
 *
 * Fields: {code}, {name}, {la_number}, {as_of}, {today}; the two dates take
 * an optional format, {as_of:%Y-%m}, from the conversions %Y %y %m %d %e %B
 * %b %j %F and %%.  "{{" and "}}" stand for literal braces.
 */
#ifndef BRIEFING_NAMING_H
#define BRIEFING_NAMING_H

#include <stddef.h>
#include <briefing/dataset.h>

#include "diag.h"

/* The pattern batch uses without --name. */
#define NAMING_DEFAULT_PATTERN "{code}-{name}-{as_of:%Y-%m}.pdf"

/* The longest name made, in bytes, ".pdf" included.  Below NAME_MAX (255)
 * with room for the ".NAME.XXXXXX" temporary that output.c writes first. */
#define NAMING_MAX 240

/* The values a pattern's fields take for one council.  Strings may be NULL
 * (the field is then empty). */
typedef struct naming_vars {
    const char *code;
    const char *name;
    const char *la_number;
    briefing_date as_of;
    briefing_date today;
} naming_vars;

/* Checks a pattern's syntax without a council: BRIEFING_ERR_USAGE naming the
 * field and what was expected ("--name: {nme}: unknown field; use ..."). */
int naming_check(const char *pattern, diag *d);

/* Expands pattern for v and makes the result a safe file name into out
 * (size at least NAMING_MAX + 1).  When nothing usable is left (a blank
 * name), the council's code is used instead.  BRIEFING_ERR_USAGE for a bad
 * pattern, as naming_check. */
int naming_expand(const char *pattern, const naming_vars *v, char *out, size_t size, diag *d);

/* Makes text one safe file name component (no extension added) into out:
 * separators and characters Windows refuses (/ \ : * ? " < > |) become '-',
 * blanks and control characters one space, bytes that are not UTF-8 '_';
 * leading dots, dashes and blanks and trailing dots and blanks go; the result
 * is cut to fit size (at a character boundary).  Returns the length, 0 when
 * nothing is left. */
size_t naming_safe(const char *text, char *out, size_t size);

/* The names already given in one run, so that no two councils share one.
 * Names are compared without regard to ASCII case, as a case-insensitive
 * file system (a Windows share, macOS) would. */
typedef struct naming_set {
    char **names; /* owned */
    size_t count;
    size_t cap;
} naming_set;

void naming_set_init(naming_set *set);

/* Claims name (a result of naming_expand, in a buffer of size at least
 * NAMING_MAX + 1) for the council of that code.  When it is taken, name is
 * changed in place to "STEM-CODE.pdf", then "STEM-CODE-2.pdf" and so on.
 * Returns 1 when the name was changed, 0 when not, -1 when memory ran out. */
int naming_set_claim(naming_set *set, char *name, size_t size, const char *code);

void naming_set_free(naming_set *set);

#endif

/*
 * councils: the register of English councils past and present (see
 * docs/internals/councils.md and briefing/councils.h).
 *
 * The table and three sorted indexes (codes, DfE numbers, folded names) are
 * constant data generated once by tools/gen-councils.py into
 * councils_data.c; lookups are binary searches, so the module keeps no state
 * and resolving a row costs O(log n).
 */
#ifndef BRIEFING_COUNCILS_INTERNAL_H
#define BRIEFING_COUNCILS_INTERNAL_H

#include <stddef.h>
#include <briefing/councils.h>

#include "buf.h"

/* One index entry: a key and the table position it leads to. */
typedef struct councils_key {
    const char *key;
    unsigned entry;
} councils_key;

/* Generated in councils_data.c.  The indexes are sorted by strcmp of key;
 * a key may repeat (then every entry it names is a match). */
extern const briefing_council_info councils_table[];
extern const size_t councils_table_len;
extern const councils_key councils_code_index[];
extern const size_t councils_code_index_len;
extern const councils_key councils_la_index[];
extern const size_t councils_la_index_len;
extern const councils_key councils_name_index[];
extern const size_t councils_name_index_len;

/* Appends the folded form of a council's name to out: lower case, "&" as
 * "and", no full stops or apostrophes, commas and hyphens as spaces, white
 * space runs as one space, none at the ends.  Must equal fold() in
 * tools/gen-councils.py.  Returns 0, or -1 when out is full. */
int councils_fold(const char *name, buf *out);

/* See briefing_councils_api.resolve. */
size_t councils_resolve(const char *text, const briefing_council_info **out, size_t max);

/* The entry whose current or former code is `code` (exact, upper case), or
 * NULL. */
const briefing_council_info *councils_by_code(const char *code);

/* The code the register files a council under now, when `code` (any case)
 * is an older code of the same council (Barnsley's E08000016 is
 * E08000038), else NULL: a current code, a name, a DfE number or an
 * unknown text all give NULL. */
const char *councils_current_code(const char *code);

size_t councils_count(void);
const briefing_council_info *councils_at(size_t i);
size_t councils_successors(const briefing_council_info *c, const briefing_council_info **out,
                           size_t max);

/* The host table for plugins (briefing/councils.h). */
const struct briefing_councils_api *councils_api(void);

#endif

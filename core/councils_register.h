/*
 * councils: the register of English councils past and present (see
 * docs/internals/councils.md and briefing/councils.h).
 *
 * The table and three sorted indexes (codes, DfE numbers, folded names) are
 * constant data generated once by tools/gen-councils.py into
 * councils_data.c; lookups are binary searches, so the module keeps no state
 * and resolving a row costs O(log n).  Because it knows the spellings, it
 * also words what `-c` says when the data does not answer it (below).
 */
#ifndef BRIEFING_COUNCILS_INTERNAL_H
#define BRIEFING_COUNCILS_INTERNAL_H

#include <stddef.h>
#include <briefing/councils.h>

#include <briefing/dataset.h>

#include "buf.h"
#include "diag.h"

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

/* ---- a -c that the data does not answer ----------------------------------
 * What `briefing -c QUERY` says when the data holds no council, or several,
 * that QUERY names: the register knows the councils and their spellings, so
 * the words that help the user pick one are written here; the session only
 * decides that the query failed (session_council). */

/* Whether QUERY names council c of the data the way -c is matched first:
 * its GSS code, DfE number or name, ignoring case. */
int councils_matches(const briefing_council *c, const char *query);

/* Edit distance between a and b, ignoring ASCII case; 99 when either is 63
 * bytes or longer. */
unsigned councils_distance(const char *a, const char *b);

/* BRIEFING_ERR_USAGE for a QUERY that names no council of ds (which holds at
 * least one), with what helps: the council the register knows by QUERY but
 * ds does not hold, else "did you mean" the council of ds whose name is a
 * slip of one or two letters away (at most a quarter of the name), else
 * one council ds does hold. */
int councils_not_in_data(const char *query, const briefing_dataset *ds, diag *d);

/* BRIEFING_ERR_USAGE for a QUERY that several councils of ds match (a DfE
 * number or a name two entries share): each one by name, GSS code and DfE
 * number, so that the user can name one by its code. */
int councils_ambiguous(const char *query, const briefing_dataset *ds, diag *d);

/* The host table for plugins (briefing/councils.h). */
const struct briefing_councils_api *councils_api(void);

#endif

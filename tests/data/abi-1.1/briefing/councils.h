/*
 * briefing/councils.h: the register of English councils, h->councils.
 *
 * The program ships a register of every English council with children's
 * services, past and present: its ONS/GSS code (the dataset's key), DfE LA
 * number, name and the other spellings files use, region and kind, and for a
 * council that no longer exists, the councils that replaced it.  Sources use
 * it to name councils the same way whatever a file calls them ("Bristol",
 * "Bristol, City of", "801" and "E06000023" are one council), and `-c` uses
 * it to take a name, a code or a DfE number.
 *
 * Entries are static: pointers stay valid for the life of the program and
 * are never freed.  Never copy a briefing_council_info by value (the struct
 * may grow at its end); read it through the pointer.
 */
#ifndef BRIEFING_COUNCILS_H
#define BRIEFING_COUNCILS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct briefing_council_info {
    const char *code;      /* GSS code, e.g. "E10000020": the dataset's key */
    const char *la_number; /* DfE number, e.g. "926" */
    const char *name;      /* e.g. "Norfolk", as a briefing prints it */
    const char *region;    /* e.g. "East of England" (ONS region) */
    const char *kind;      /* "county", "metropolitan", "unitary", "london_borough" */
    int former;            /* 1 when the council no longer exists */
    /* GSS codes of the councils that replaced a former one (NULL-ended);
     * NULL and 0 for a council that exists. */
    const char *const *successors;
    size_t n_successors;
    /* Earlier GSS codes of this same council, which older files still use
     * (Barnsley's E08000016); NULL-ended, or NULL and 0. */
    const char *const *former_codes;
    size_t n_former_codes;
    /* Other spellings that files use ("Bristol, City of"); NULL-ended, or
     * NULL and 0. */
    const char *const *variants;
    size_t n_variants;
    const char *abolished; /* "YYYY-MM-DD" for a former council, else NULL */
} briefing_council_info;

typedef struct briefing_councils_api {
    size_t size; /* sizeof(struct briefing_councils_api) as the host built it */

    /* Finds the councils that `text` names: a GSS code (current or former,
     * any case), a DfE LA number, or a name or known spelling, compared
     * without regard to case, white space, "&"/"and", full stops, commas and
     * hyphens, and then without a trailing "Council", "County Council",
     * "City Council" and the like.  Fills out[0..max) and returns how many
     * councils match: 0 (unknown), 1 (found), or more (ambiguous: never pick
     * one; name them all in the error). */
    size_t (*resolve)(const char *text, const briefing_council_info **out, size_t max);

    /* Every entry, in order of name: at(i) for i < count(); NULL past it. */
    size_t (*count)(void);
    const briefing_council_info *(*at)(size_t i);

    /* The entries of a former council's successors, up to max; returns how
     * many it has (0 for a council that exists). */
    size_t (*successors)(const briefing_council_info *c, const briefing_council_info **out,
                         size_t max);
} briefing_councils_api;

#ifdef __cplusplus
}
#endif

#endif

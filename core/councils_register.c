/*
 * councils: lookups in the generated register.  See councils_register.h.
 */
#include "councils_register.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <briefing/status.h>

#include "csv_reader.h"

/* Names longer than this are not council names; they are refused unread. */
#define COUNCILS_MAX_NAME 256

/* Words a user may put around a name that the register does not store:
 * tried, longest first, only when the name as given matches nothing. */
static const char *const SUFFIXES[] = {
    " metropolitan borough council", " metropolitan district council", " county borough council",
    " borough council", " county council", " city council", " district council", " council",
    NULL};
static const char *const PREFIXES[] = {"london borough of ", "royal borough of ", "the ", NULL};

int councils_fold(const char *name, buf *out)
{
    int pending_space = 0;
    size_t start = out->len;
    for (const char *p = name; *p;) {
        size_t n = csv_space_len(p);
        unsigned char c = (unsigned char)*p;
        if (n == 0 && (c == ',' || c == '-'))
            n = 1;
        if (n) {
            pending_space = 1;
            p += n;
            continue;
        }
        /* Full stops and apostrophes (' and U+2019) vanish: "St. Helens". */
        if (c == '.' || c == '\'') {
            p++;
            continue;
        }
        if (c == 0xE2 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x99) {
            p += 3;
            continue;
        }
        const char *add = c == '&' ? "and" : NULL;
        if (c == '&')
            pending_space = 1;
        if (pending_space && out->len > start && buf_addc(out, ' ') != 0)
            return -1;
        pending_space = c == '&';
        if (add ? buf_adds(out, add) != 0
                : buf_addc(out, (char)((c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c)) != 0)
            return -1;
        p++;
    }
    return buf_add(out, "", 0);
}

/* The first position in index[0..len) whose key is not less than key. */
static size_t lower_bound(const councils_key *index, size_t len, const char *key)
{
    size_t lo = 0, hi = len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(index[mid].key, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Fills out with every entry that key leads to in index; returns the count
 * (which may exceed max). */
static size_t lookup(const councils_key *index, size_t len, const char *key,
                     const briefing_council_info **out, size_t max)
{
    size_t n = 0;
    for (size_t i = lower_bound(index, len, key); i < len && strcmp(index[i].key, key) == 0; i++) {
        if (n < max)
            out[n] = &councils_table[index[i].entry];
        n++;
    }
    return n;
}

const briefing_council_info *councils_by_code(const char *code)
{
    const briefing_council_info *c = NULL;
    return lookup(councils_code_index, councils_code_index_len, code, &c, 1) ? c : NULL;
}

/* Copies text trimmed and upper-cased into out (size bytes); 0 when it does
 * not fit. */
static int upper_trimmed(const char *text, char *out, size_t size)
{
    while (csv_space_len(text))
        text += csv_space_len(text);
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == ' ' || (text[n - 1] >= '\t' && text[n - 1] <= '\r')))
        n--;
    if (n >= size)
        return 0;
    for (size_t i = 0; i < n; i++)
        out[i] = (text[i] >= 'a' && text[i] <= 'z') ? (char)(text[i] - ('a' - 'A')) : text[i];
    out[n] = '\0';
    return 1;
}

/* Resolves a folded name, then the same without the words users add. */
static size_t resolve_name(char *key, const briefing_council_info **out, size_t max)
{
    size_t n = lookup(councils_name_index, councils_name_index_len, key, out, max);
    for (const char *const *p = PREFIXES; n == 0 && *p; p++) {
        size_t pl = strlen(*p);
        if (strncmp(key, *p, pl) == 0 && key[pl])
            return resolve_name(key + pl, out, max);
    }
    size_t len = strlen(key);
    for (const char *const *s = SUFFIXES; n == 0 && *s; s++) {
        size_t sl = strlen(*s);
        if (len > sl && strcmp(key + len - sl, *s) == 0) {
            key[len - sl] = '\0';
            n = resolve_name(key, out, max);
            key[len - sl] = (*s)[0];
        }
    }
    return n;
}

/* Texts resolved lately and what they gave, in a small table indexed by a
 * hash of the text (a newer text takes its slot): a source's rows name the
 * same councils over and over (each of 152 a few hundred times in the
 * official files), and each lookup folds the text and searches up to three
 * indexes.  The register never changes, so the answer for one text is
 * always the same. */
#define RESOLVE_CACHE_MAX 8   /* results kept for one text */
#define RESOLVE_CACHE_SLOTS 256 /* a power of two */
#define RESOLVE_CACHE_TEXT 64 /* longer texts are not kept */

typedef struct resolved {
    char text[RESOLVE_CACHE_TEXT]; /* "" in an empty slot */
    size_t n; /* what councils_resolve returned: at most RESOLVE_CACHE_MAX */
    const briefing_council_info *out[RESOLVE_CACHE_MAX];
} resolved;

static resolved resolve_cache[RESOLVE_CACHE_SLOTS];

static size_t resolve_uncached(const char *text, const briefing_council_info **out, size_t max);

size_t councils_resolve(const char *text, const briefing_council_info **out, size_t max)
{
    const briefing_council_info *all[RESOLVE_CACHE_MAX];
    uint32_t h = 2166136261u;
    size_t len = 0, n;
    resolved *slot;

    if (!text)
        return 0;
    for (; text[len] && len < RESOLVE_CACHE_TEXT; len++) {
        h ^= (unsigned char)text[len];
        h *= 16777619u;
    }
    if (len == 0 || len >= RESOLVE_CACHE_TEXT)
        return resolve_uncached(text, out, max);
    slot = &resolve_cache[h & (RESOLVE_CACHE_SLOTS - 1)];
    if (memcmp(slot->text, text, len + 1) == 0) {
        for (size_t i = 0; i < slot->n && i < max; i++)
            out[i] = slot->out[i];
        return slot->n;
    }
    n = resolve_uncached(text, all, RESOLVE_CACHE_MAX);
    if (n > RESOLVE_CACHE_MAX)
        return resolve_uncached(text, out, max);
    memcpy(slot->text, text, len + 1);
    memcpy(slot->out, all, n * sizeof *all);
    slot->n = n;
    for (size_t i = 0; i < n && i < max; i++)
        out[i] = all[i];
    return n;
}

/* councils_resolve without the cache. */
static size_t resolve_uncached(const char *text, const briefing_council_info **out, size_t max)
{
    char word[COUNCILS_MAX_NAME];
    if (!text || !upper_trimmed(text, word, sizeof word) || !word[0])
        return 0;
    size_t n = lookup(councils_code_index, councils_code_index_len, word, out, max);
    if (n)
        return n;
    n = lookup(councils_la_index, councils_la_index_len, word, out, max);
    if (n)
        return n;
    buf key;
    buf_init(&key, COUNCILS_MAX_NAME * 2);
    if (councils_fold(text, &key) == 0 && key.data)
        n = resolve_name(key.data, out, max);
    buf_free(&key);
    return n;
}

/* See councils_register.h.  Only a code the register lists as the entry's
 * former code counts, never a name or a DfE number that happened to
 * resolve to one entry. */
const char *councils_current_code(const char *code)
{
    const briefing_council_info *found[2];

    if (councils_resolve(code, found, 2) != 1 || strcmp(found[0]->code, code) == 0)
        return NULL;
    for (size_t i = 0; i < found[0]->n_former_codes; i++)
        if (strcasecmp(found[0]->former_codes[i], code) == 0)
            return found[0]->code;
    return NULL;
}

size_t councils_count(void) { return councils_table_len; }

const briefing_council_info *councils_at(size_t i)
{
    return i < councils_table_len ? &councils_table[i] : NULL;
}

size_t councils_successors(const briefing_council_info *c, const briefing_council_info **out,
                           size_t max)
{
    size_t n = 0;
    for (size_t i = 0; c && i < c->n_successors; i++) {
        const briefing_council_info *s = councils_by_code(c->successors[i]);
        if (s && n < max)
            out[n] = s;
        n += s != NULL;
    }
    return n;
}

/* ---- a -c that the data does not answer -------------------------------- */

int councils_matches(const briefing_council *c, const char *query)
{
    return (c->code && strcasecmp(c->code, query) == 0)
           || (c->la_number && strcasecmp(c->la_number, query) == 0)
           || (c->name && strcasecmp(c->name, query) == 0);
}

/* Capped at 99: names are short, and a long text is never a near miss. */
unsigned councils_distance(const char *a, const char *b)
{
    unsigned row[64], i, j;
    size_t la = strlen(a), lb = strlen(b);

    if (la >= 63 || lb >= 63)
        return 99;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        unsigned diag = row[0];

        row[0] = i;
        for (j = 1; j <= lb; j++) {
            unsigned up = row[j], cost = tolower((unsigned char)a[i - 1]) !=
                                         tolower((unsigned char)b[j - 1]);
            unsigned best = diag + cost;

            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

int councils_not_in_data(const char *query, const briefing_dataset *ds, diag *d)
{
    const briefing_council_info *known[2];
    const briefing_council *near = NULL;
    unsigned best = 99;
    size_t i;

    if (councils_resolve(query, known, 2) == 1)
        return diag_set(d, BRIEFING_ERR_USAGE, "-c %s: %s (%s) is a council, but the data holds "
                        "nothing about it (it holds %zu council%s%s %s %s)", query, known[0]->name,
                        known[0]->code, ds->n_councils, ds->n_councils == 1 ? "" : "s",
                        ds->n_councils == 1 ? ":" : ", e.g.", ds->councils[0]->code,
                        ds->councils[0]->name);
    for (i = 0; i < ds->n_councils; i++) {
        const char *name = ds->councils[i]->name;
        unsigned dist = name ? councils_distance(query, name) : 99;

        if (dist < best) {
            best = dist;
            near = ds->councils[i];
        }
    }
    /* A near miss: a slip of a letter or two, not another name. */
    if (near && best <= 2 && best * 4 <= strlen(near->name))
        return diag_set(d, BRIEFING_ERR_USAGE, "-c %s: no such council in the data; did you mean "
                        "%s (%s)?", query, near->name, near->code);
    return diag_set(d, BRIEFING_ERR_USAGE, "-c %s: no such council in the data (it holds %zu, "
                    "e.g. %s %s)", query, ds->n_councils, ds->councils[0]->code,
                    ds->councils[0]->name);
}

int councils_ambiguous(const char *query, const briefing_dataset *ds, diag *d)
{
    char list[DIAG_TEXT_MAX];
    size_t i, n = 0, used = 0;

    list[0] = '\0';
    for (i = 0; i < ds->n_councils; i++) {
        const briefing_council *c = ds->councils[i];
        int w;

        if (!councils_matches(c, query))
            continue;
        n++;
        if (used >= sizeof list - 1)
            continue;
        w = snprintf(list + used, sizeof list - used, "%s%s (GSS code %s, DfE number %s)",
                     n > 1 ? "; " : "", c->name ? c->name : "unnamed", c->code,
                     c->la_number ? c->la_number : "not recorded");
        used += w > 0 ? (size_t)w : 0;
    }
    return diag_set(d, BRIEFING_ERR_USAGE, "-c \"%s\" matches %zu councils of the data: %s; name "
                    "one by its GSS code", query, n, list);
}

static const briefing_councils_api the_api = {
    .size = sizeof(briefing_councils_api),
    .resolve = councils_resolve,
    .count = councils_count,
    .at = councils_at,
    .successors = councils_successors,
};

const struct briefing_councils_api *councils_api(void) { return &the_api; }

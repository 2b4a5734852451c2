/*
 * srcutil.h: what the CSV source plugins of this project do the same way
 * and a third party would not: read numbers (with publishers' suppression
 * codes) and dates, cite the file, require a column naming the file's
 * closest header when it is missing (src_require), and file a row under the
 * council that existed on its date (src_council_then).
 *
 * What any source needs is served by the host instead (ABI 1.2), never
 * copied here: the folded header line and header_has for recognise,
 * council_entry (find or add a council in the dataset), ofsted_grade and
 * ofsted_inspection_type, add_months.  src_check_host says when the host
 * is too old to serve them.
 *
 * Header-only (static functions), because a plugin is one shared object built
 * from one folder and sees nothing of the program: each source includes it
 * and gets its own copy.  Everything goes through the host table.
 */
#ifndef BRIEFING_SRCUTIL_H
#define BRIEFING_SRCUTIL_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/councils.h>
#include <briefing/csv.h>
#include <briefing/plugin.h>

#define SRC_UNUSED __attribute__((unused))

/* ---- text ------------------------------------------------------------------ */

/* ASCII lower case of c. */
static inline int src_lower(int c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }

/* 1 when a equals b ignoring ASCII case and white space at either end of a. */
static SRC_UNUSED int src_is(const char *a, const char *b)
{
    while (*a == ' ' || *a == '\t')
        a++;
    for (; *b; a++, b++) /* a's NUL differs from any byte of b */
        if (src_lower((unsigned char)*a) != src_lower((unsigned char)*b))
            return 0;
    for (; *a; a++)
        if (*a != ' ' && *a != '\t' && *a != '\r' && *a != '\n')
            return 0;
    return 1;
}

/* 1 when needle (lower case) occurs in s ignoring ASCII case. */
static SRC_UNUSED int src_contains(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; *s; s++) {
        size_t i = 0;
        while (i < n && src_lower((unsigned char)s[i]) == needle[i])
            i++;
        if (i == n)
            return 1;
    }
    return 0;
}

/* BRIEFING_OK when the host serves what these sources call (ABI 1.2's
 * helpers at the end of the host table), else an error saying so. */
#define SRC_SERVED(h) ((h)->size >= offsetof(briefing_host, add_months) + sizeof (h)->add_months)
static SRC_UNUSED int src_check_host(const briefing_host *h, briefing_ctx *ctx)
{
    if (!SRC_SERVED(h))
        return h->error(ctx, BRIEFING_ERR_INTERNAL,
                        "the program is older than this plugin: it lacks the helpers of ABI 1.2");
    return BRIEFING_OK;
}

/* ---- columns --------------------------------------------------------------- */

/* Folds a header for likeness: lower case, no spaces, underscores, hyphens
 * or slashes ("Children_Count " and "children count" are one), cut to
 * size - 1 bytes. */
static SRC_UNUSED void src_fold_header(const char *s, char *out, size_t size)
{
    size_t o = 0;
    for (; *s && o + 1 < size; s++)
        if (!strchr(" \t\r\n_-/", *s))
            out[o++] = (char)src_lower((unsigned char)*s);
    out[o] = '\0';
}

/* The edit distance (insertions, deletions, substitutions) between a and b,
 * each at most 127 bytes. */
static SRC_UNUSED size_t src_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), row[128];
    if (la > 127)
        la = 127;
    if (lb > 127)
        lb = 127;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

/* As h->csv->require, but a missing column's error also names the header
 * of the file most like one of the names accepted (edit distance after
 * folding case, spaces and underscores), so that a column DfE renamed in a
 * new release shows what to add to the list:
 *   FILE: no column "number" (nor "children_count"); the closest is
 *   "children_counts" */
static SRC_UNUSED int src_require(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r,
                                  const char *const *names, int *col)
{
    char msg[1024], fa[64], fb[64];
    size_t o = 0, best = (size_t)-1;
    int closest = -1;
    if ((*col = h->csv->column(r, names)) >= 0)
        return BRIEFING_OK;
    /* Bounded for a hostile header: the first 512 cells, each cut to 63
     * bytes folded, cost at most some 15 million steps. */
    for (size_t c = 0; c < h->csv->columns(r) && c < 512; c++) {
        src_fold_header(h->csv->header(r, (int)c), fa, sizeof fa);
        for (const char *const *n = names; *n; n++) {
            src_fold_header(*n, fb, sizeof fb);
            size_t d = src_distance(fa, fb);
            if (d < best) {
                best = d;
                closest = (int)c;
            }
        }
    }
    o = (size_t)snprintf(msg, sizeof msg, "no column");
    for (const char *const *n = names; *n && o + 80 < sizeof msg; n++) {
        int k = snprintf(msg + o, sizeof msg - o, "%s\"%.60s\"",
                         n == names ? " " : n == names + 1 ? " (nor " : ", ", *n);
        o += k > 0 ? (size_t)k : 0;
    }
    if (names[0] && names[1] && o + 2 < sizeof msg) {
        msg[o++] = ')';
        msg[o] = '\0';
    }
    if (closest >= 0)
        snprintf(msg + o, sizeof msg - o, "; the closest is \"%.80s\"", h->csv->header(r, closest));
    else
        snprintf(msg + o, sizeof msg - o, "; the file has no header cells");
    return h->error(ctx, BRIEFING_ERR_DATA, "%s: %s", h->csv->path(r), msg);
}

/* ---- values ---------------------------------------------------------------- */

/* Reads a published figure.  Returns 1 with *out set, 0 when the cell is
 * empty or holds a suppression code (c, x, z, u, low, .., :, ~), or -1 when
 * it is neither.  Thousands separators ("1,152") are accepted. */
static SRC_UNUSED int src_value(const char *text, double *out)
{
    static const char *const SUPPRESSED[] = {"", "c", "x", "z", "u", "low", "..", ":", "~", "-", NULL};
    const char *first = text;
    while (*first == ' ' || *first == '\t')
        first++;
    /* No code starts with a digit: a figure skips the ten comparisons (they
     * ran for every value of every row). */
    if (!(*first >= '0' && *first <= '9'))
        for (const char *const *s = SUPPRESSED; *s; s++)
            if (src_is(text, *s))
                return 0;
    char digits[64];
    size_t o = 0;
    const char *p = text;
    while (*p == ' ')
        p++;
    for (; *p && *p != ' ' && o + 1 < sizeof digits; p++)
        if (*p != ',')
            digits[o++] = *p;
    while (*p == ' ')
        p++;
    if (*p || o == 0 || o + 1 >= sizeof digits)
        return -1;
    digits[o] = '\0';
    for (size_t i = 0; i < o; i++) /* no hex, inf, nan: digits, sign, point, exponent */
        if (!strchr("0123456789+-.eE", digits[i]))
            return -1;
    char *end = NULL;
    double v = strtod(digits, &end);
    if (*end || !isfinite(v))
        return -1;
    *out = v;
    return 1;
}

/* Reads a date as "YYYY-MM-DD" (a spreadsheet's " 00:00:00" after it is
 * dropped) or "DD/MM/YYYY" into iso (11 bytes).  Returns 1, 0 when empty, -1
 * when it is not a date. */
static SRC_UNUSED int src_date(const briefing_host *h, const char *text, char iso[11])
{
    int d, m, y;
    char tail[2];
    while (*text == ' ')
        text++;
    if (!*text)
        return 0;
    /* sscanf only for a text with a slash: it was the most of reading a date
     * in ISO form, which it never matches. */
    if (strchr(text, '/') && sscanf(text, "%2d/%2d/%4d%1s", &d, &m, &y, tail) == 3 && strlen(text) == 10) {
        char tmp[40];
        if (d < 1 || m < 1 || y < 1000)
            return -1;
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
        memcpy(iso, tmp, 11);
        iso[10] = '\0';
    } else if (strlen(text) >= 10 && (text[10] == '\0' || strcmp(text + 10, " 00:00:00") == 0 ||
                                     strcmp(text + 10, "T00:00:00") == 0)) {
        memcpy(iso, text, 10); /* what snprintf "%.10s" gave */
        iso[10] = '\0';
    } else
        return -1;
    briefing_date date;
    return h->parse_date(iso, &date) && date.day != 0 ? 1 : -1;
}

/* ---- councils -------------------------------------------------------------- */

/* The array `key` of obj, added when absent; NULL when memory ran out. */
static SRC_UNUSED briefing_json *src_array(const briefing_host *h, briefing_json *obj, const char *key)
{
    briefing_json *a = h->json->get_mut(obj, key);
    return a ? a : h->json->add_array(obj, key);
}

/* 1 when a cell names two councils at once ("940 / 941", "Kingston upon
 * Thames / Richmond upon Thames"): a shared service's combined return. */
static SRC_UNUSED int src_combined(const char *text) { return strstr(text, " / ") != NULL; }

/* Resolves through the register the council a row names, trying the code,
 * then the DfE number, then the name column (-1 for a column the file lacks).
 * Returns BRIEFING_OK with *out set; BRIEFING_OK with *out NULL for a row
 * that names two councils at once (the caller skips it); or an error naming
 * the file, line and what the row gave. */
static SRC_UNUSED int src_row_council(const briefing_host *h, briefing_csv *r, int code_col,
                                      int la_col, int name_col, const briefing_council_info **out)
{
    const int cols[3] = {code_col, la_col, name_col};
    const briefing_council_info *found[4];
    *out = NULL;
    for (int i = 0; i < 3; i++) {
        const char *v = h->csv->field(r, cols[i]);
        if (cols[i] < 0 || !*v)
            continue;
        if (src_combined(v))
            return BRIEFING_OK;
        size_t n = h->councils->resolve(v, found, 4);
        if (n == 1) {
            *out = found[0];
            return BRIEFING_OK;
        }
        if (n > 1)
            return h->csv->error(r, cols[i], "\"%s\" could be %s (%s) or %s (%s): give the council's code",
                                 v, found[0]->name, found[0]->code, found[1]->name, found[1]->code);
    }
    int shown = name_col >= 0 && *h->csv->field(r, name_col) ? name_col
                : code_col >= 0 && *h->csv->field(r, code_col) ? code_col
                                                              : la_col;
    if (shown < 0 || !*h->csv->field(r, shown))
        return h->csv->error(r, -1, "the row names no council");
    return h->csv->error(r, shown, "no council \"%s\" in the register of councils (give its GSS code, "
                                   "e.g. E10000020, or its DfE number)",
                         h->csv->field(r, shown));
}

/* The council that held `info`'s area on `date` (YYYY-MM-DD): info itself,
 * or, for a date before info existed, the one former council it replaced
 * (a row "Dorset" of 2011 is Dorset County Council, E10000009, not the
 * unitary Dorset of 2019).  NULL when several former councils it replaced
 * existed then (Bournemouth, Christchurch and Poole before 2019): the row
 * cannot say which.  A council is taken to exist from the day the councils
 * it replaced were abolished (the register's `abolished`). */
static SRC_UNUSED const briefing_council_info *src_council_then(const briefing_host *h,
                                                               const briefing_council_info *info,
                                                               const char *date)
{
    const briefing_council_info *then = info;
    size_t found = 0;
    if (info->former || !date || !*date)
        return info;
    for (size_t i = 0; i < h->councils->count(); i++) {
        const briefing_council_info *c = h->councils->at(i);
        if (!c || !c->former || !c->abolished || strcmp(date, c->abolished) >= 0)
            continue;
        for (size_t s = 0; s < c->n_successors; s++)
            if (c->successors[s] && strcmp(c->successors[s], info->code) == 0) {
                then = c;
                found++;
                break;
            }
    }
    return found > 1 ? NULL : then;
}

/* ---- sources --------------------------------------------------------------- */

/* Adds the file's entry to the dataset's sources, once: a second table of
 * the same kind (another sheet of one workbook) cites the same entry. */
static SRC_UNUSED int src_add_source(const briefing_host *h, briefing_json *dataset, const char *id,
                                     const char *title, const char *publisher, const char *url)
{
    briefing_json *sources = src_array(h, dataset, "sources");
    for (size_t i = 0; sources && i < h->json->count(sources); i++) {
        const char *have = h->json->string(h->json->get(h->json->at(sources, i), "id"));
        if (have && strcmp(have, id) == 0)
            return BRIEFING_OK;
    }
    briefing_json *s = sources ? h->json->add_object(sources, NULL) : NULL;
    if (!s || !h->json->add_string(s, "id", id) || !h->json->add_string(s, "title", title) ||
        (publisher && !h->json->add_string(s, "publisher", publisher)) ||
        (url && !h->json->add_string(s, "url", url)))
        return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

/* Sets obj's "cites" to [id]. */
static SRC_UNUSED int src_cite(const briefing_host *h, briefing_json *obj, const char *id)
{
    briefing_json *cites = h->json->add_array(obj, "cites");
    return cites && h->json->add_string(cites, NULL, id) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
}

/* ---- workbooks ------------------------------------------------------------- */

/* The sheets of an ODS workbook, listed through h->csv->sheets (ABI 1.2). */
typedef struct src_sheets {
    char **name;
    size_t n, cap;
} src_sheets;

static SRC_UNUSED int src_sheets_add(void *arg, const char *name)
{
    src_sheets *s = arg;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        char **n = realloc(s->name, cap * sizeof *n);
        if (!n)
            return BRIEFING_ERR_NOMEM;
        s->name = n;
        s->cap = cap;
    }
    if (!(s->name[s->n] = strdup(name)))
        return BRIEFING_ERR_NOMEM;
    s->n++;
    return 0;
}

static SRC_UNUSED void src_sheets_free(src_sheets *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->name[i]);
    free(s->name);
    s->name = NULL;
    s->n = s->cap = 0;
}

/* 1 when the host can read workbooks and the first bytes are one's. */
static SRC_UNUSED int src_is_workbook(const briefing_host *h, const unsigned char *head, size_t len)
{
    return h->csv->size >= BRIEFING_CSV_API_1_2 && h->csv->is_workbook(head, len);
}

/* 1 when the file at path is a workbook, from its first bytes: for a
 * source's read, which is not handed them as recognise is. */
static SRC_UNUSED int src_path_is_workbook(const briefing_host *h, const char *path)
{
    unsigned char head[128];
    size_t len = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        len = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    return src_is_workbook(h, head, len);
}

/* Lists the sheets of the workbook at path into s (errors recorded on ctx). */
static SRC_UNUSED int src_list_sheets(const briefing_host *h, briefing_ctx *ctx, const char *path,
                                      src_sheets *s)
{
    int rc = h->csv->sheets(ctx, path, src_sheets_add, s);
    if (rc == BRIEFING_ERR_NOMEM)
        return h->error(ctx, rc, "%s: out of memory", path);
    return rc;
}

/* Writes the sheets' names as "A", "B", "C" into out (size bytes), cut
 * with "..." when they do not fit. */
static SRC_UNUSED void src_sheet_list(const src_sheets *s, char *out, size_t size)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < s->n; i++) {
        int n = snprintf(out + o, size - o, "%s\"%s\"", i ? ", " : "", s->name[i]);
        if (n < 0 || (size_t)n >= size - o) {
            if (size > 4)
                memcpy(out + size - 4, "...", 4);
            return;
        }
        o += (size_t)n;
    }
    if (s->n == 0)
        snprintf(out, size, "none");
}

/* Joins NULL-terminated name lists into out (cap entries, NULL-ended):
 * the key names by which a sheet's header row is found. */
static SRC_UNUSED void src_join_names(const char **out, size_t cap, const char *const *const *lists,
                                      size_t n_lists)
{
    size_t o = 0;
    for (size_t l = 0; l < n_lists; l++)
        for (const char *const *p = lists[l]; *p && o + 1 < cap; p++)
            out[o++] = *p;
    out[o] = NULL;
}

#endif

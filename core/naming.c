#include "naming.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <briefing/status.h>

#include "utf8.h"

/* The raw expansion is cut here: a name is at most NAMING_MAX bytes, so what
 * lies further never reaches it. */
#define NAMING_RAW_MAX 1024

/* ---- making a name safe ---------------------------------------------------- */

/* What becomes of one code point in a file name. */
typedef enum naming_class {
    NAMING_KEEP = 0,
    NAMING_BLANK,   /* white space and controls: one space */
    NAMING_DROP,    /* invisible format characters (bidi overrides, ZWSP) */
    NAMING_DASH,    /* separators and what Windows refuses */
    NAMING_INVALID  /* a byte that is not UTF-8 */
} naming_class;

static naming_class naming_classify(uint32_t cp)
{
    if (cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
        return NAMING_BLANK;
    if (cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028
        || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000)
        return NAMING_BLANK;
    /* A right-to-left override can make "fdp.exe" look like "exe.pdf". */
    if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)
        || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
        return NAMING_DROP;
    if (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp))
        return NAMING_DASH;
    return NAMING_KEEP;
}

/* Drops trailing dots and blanks, which Windows strips and which read as an
 * unfinished name. */
static size_t naming_trim_end(char *out, size_t len)
{
    while (len > 0 && (out[len - 1] == '.' || out[len - 1] == ' '))
        len--;
    out[len] = '\0';
    return len;
}

size_t naming_safe(const char *text, char *out, size_t size)
{
    size_t len = 0, in_len = text ? strlen(text) : 0, i = 0;
    int blank = 0;

    if (size == 0)
        return 0;
    while (i < in_len) {
        char enc[4];
        const char *bytes = text + i;
        uint32_t cp;
        size_t n = utf8_decode(text + i, in_len - i, &cp), add;

        i += n;
        switch (cp == 0xfffd && n == 1 ? NAMING_INVALID : naming_classify(cp)) {
        case NAMING_BLANK:
            blank = 1;
            continue;
        case NAMING_DROP:
            continue;
        case NAMING_DASH:
            enc[0] = '-', bytes = enc, n = 1;
            break;
        case NAMING_INVALID:
            enc[0] = '_', bytes = enc, n = 1;
            break;
        case NAMING_KEEP:
            break;
        }
        /* Nothing may start the name that hides it (.) or reads as an
         * option (-); blanks only ever stand singly between words. */
        if (len == 0 && (bytes[0] == '.' || bytes[0] == '-'))
            continue;
        add = n + (blank && len > 0);
        if (len + add >= size)
            break;
        if (blank && len > 0)
            out[len++] = ' ';
        blank = 0;
        memcpy(out + len, bytes, n);
        len += n;
    }
    out[len] = '\0';
    return naming_trim_end(out, len);
}

/* ---- expanding a pattern -------------------------------------------------- */

typedef struct naming_text {
    char data[NAMING_RAW_MAX];
    size_t len;
} naming_text;

/* Appends n bytes, silently cut at NAMING_RAW_MAX (see above). */
static void naming_add(naming_text *t, const char *s, size_t n)
{
    if (n > sizeof t->data - 1 - t->len)
        n = sizeof t->data - 1 - t->len;
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

/* Checks a date format: only the conversions that mean something for a
 * date, so that the result never depends on the time of day or the locale
 * beyond month names. */
static int naming_check_format(const char *fmt, size_t n, diag *d)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (fmt[i] != '%')
            continue;
        if (i + 1 >= n || !strchr("YymdeBbF%", fmt[i + 1]))
            return diag_set(d, BRIEFING_ERR_USAGE, "--name: \"%.*s\": %%%.1s is not a date "
                            "conversion; use %%Y %%y %%m %%d %%e %%B %%b %%F or %%%%",
                            (int)n, fmt, i + 1 < n ? fmt + i + 1 : "");
        i++;
    }
    return BRIEFING_OK;
}

/* Formats date with a checked strftime format (the C locale's month names). */
static void naming_add_date(naming_text *t, briefing_date date, const char *fmt, size_t n)
{
    char format[128], text[256];
    struct tm tm;
    size_t len;

    memset(&tm, 0, sizeof tm);
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month > 0 ? date.month - 1 : 0;
    tm.tm_mday = date.day > 0 ? date.day : 1;
    if (n == 0)
        fmt = "%F", n = 2;
    if (n >= sizeof format)
        n = sizeof format - 1;
    memcpy(format, fmt, n);
    format[n] = '\0';
    len = strftime(text, sizeof text, format, &tm);
    naming_add(t, text, len);
}

/* Expands one "{field[:format]}" (field and format without the braces). */
static int naming_field(naming_text *t, const char *spec, size_t n, const naming_vars *v,
                        diag *d)
{
    static const char *const names[] = {"code", "name", "la_number", "as_of", "today"};
    const char *colon = memchr(spec, ':', n);
    size_t name_len = colon ? (size_t)(colon - spec) : n, i;
    const char *fmt = colon ? colon + 1 : NULL;
    size_t fmt_len = colon ? n - name_len - 1 : 0;
    int rc;

    for (i = 0; i < 5; i++)
        if (strlen(names[i]) == name_len && strncmp(names[i], spec, name_len) == 0)
            break;
    if (i == 5)
        return diag_set(d, BRIEFING_ERR_USAGE, "--name: {%.*s}: unknown field; use {code}, "
                        "{name}, {la_number}, {as_of} or {today}", (int)n, spec);
    if (colon && i < 3)
        return diag_set(d, BRIEFING_ERR_USAGE, "--name: {%.*s}: only {as_of} and {today} "
                        "take a format", (int)n, spec);
    if (colon && (rc = naming_check_format(fmt, fmt_len, d)))
        return rc;
    if (v == NULL)
        return BRIEFING_OK;
    if (i < 3) {
        const char *s = i == 0 ? v->code : i == 1 ? v->name : v->la_number;

        naming_add(t, s ? s : "", s ? strlen(s) : 0);
    } else {
        naming_add_date(t, i == 3 ? v->as_of : v->today, fmt, fmt_len);
    }
    return BRIEFING_OK;
}

/* Expands pattern into t; with v NULL it only checks the syntax. */
static int naming_run(const char *pattern, const naming_vars *v, naming_text *t, diag *d)
{
    const char *p = pattern;
    int rc;

    t->len = 0;
    t->data[0] = '\0';
    if (p == NULL || *p == '\0')
        return diag_set(d, BRIEFING_ERR_USAGE, "--name: the pattern is empty");
    while (*p) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            naming_add(t, p, 1);
            p += 2;
        } else if (*p == '{') {
            const char *end = strchr(p, '}');

            if (end == NULL)
                return diag_set(d, BRIEFING_ERR_USAGE, "--name: \"%s\": a { is not closed "
                                "(write {{ for a brace)", pattern);
            if ((rc = naming_field(t, p + 1, (size_t)(end - p - 1), v, d)))
                return rc;
            p = end + 1;
        } else if (*p == '}') {
            return diag_set(d, BRIEFING_ERR_USAGE, "--name: \"%s\": a } without its { "
                            "(write }} for a brace)", pattern);
        } else {
            naming_add(t, p++, 1);
        }
    }
    return BRIEFING_OK;
}

int naming_check(const char *pattern, diag *d)
{
    naming_text t;

    return naming_run(pattern, NULL, &t, d);
}

int naming_expand(const char *pattern, const naming_vars *v, char *out, size_t size, diag *d)
{
    static const char ext[] = ".pdf";
    naming_text t;
    size_t len, room;
    int rc;

    if (size < sizeof ext + 1)
        return diag_set(d, BRIEFING_ERR_INTERNAL, "naming: buffer too small");
    if ((rc = naming_run(pattern, v, &t, d)))
        return rc;
    /* The extension is put back after the stem is made safe, so that a
     * blank stem falls back to the code rather than leaving ".pdf". */
    if (t.len >= 4 && strcasecmp(t.data + t.len - 4, ext) == 0)
        t.data[t.len -= 4] = '\0';
    room = (size > NAMING_MAX + 1 ? NAMING_MAX + 1 : size) - (sizeof ext - 1);
    len = naming_safe(t.data, out, room);
    if (len == 0)
        len = naming_safe(v->code, out, room);
    if (len == 0)
        len = (size_t)snprintf(out, room, "council");
    memcpy(out + len, ext, sizeof ext);
    return BRIEFING_OK;
}

/* ---- telling names apart --------------------------------------------------- */

void naming_set_init(naming_set *set)
{
    memset(set, 0, sizeof *set);
}

static int naming_set_has(const naming_set *set, const char *name)
{
    size_t i;

    for (i = 0; i < set->count; i++)
        if (strcasecmp(set->names[i], name) == 0)
            return 1;
    return 0;
}

static int naming_set_add(naming_set *set, const char *name)
{
    char *copy;

    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **grown = realloc(set->names, cap * sizeof *grown);

        if (grown == NULL)
            return -1;
        set->names = grown;
        set->cap = cap;
    }
    if ((copy = strdup(name)) == NULL)
        return -1;
    set->names[set->count++] = copy;
    return 0;
}

int naming_set_claim(naming_set *set, char *name, size_t size, const char *code)
{
    char stem[NAMING_MAX + 1], tag[41], candidate[NAMING_MAX + 128];
    size_t len = strlen(name), limit;
    unsigned n;

    if (!naming_set_has(set, name))
        return naming_set_add(set, name) == 0 ? 0 : -1;
    if (naming_safe(code, tag, sizeof tag) == 0)
        snprintf(tag, sizeof tag, "council");
    /* name ends in ".pdf" (naming_expand); leave room for "-TAG-NNNN". */
    snprintf(candidate, sizeof candidate, "%.*s", (int)(len >= 4 ? len - 4 : len), name);
    limit = NAMING_MAX - 4 - 1 - strlen(tag) - 6;
    naming_safe(candidate, stem, limit + 1);
    for (n = 1; n < 100000; n++) {
        if (n == 1)
            snprintf(candidate, sizeof candidate, "%s-%s.pdf", stem, tag);
        else
            snprintf(candidate, sizeof candidate, "%s-%s-%u.pdf", stem, tag, n);
        if (!naming_set_has(set, candidate))
            break;
    }
    if (naming_set_add(set, candidate) != 0)
        return -1;
    snprintf(name, size, "%s", candidate);
    return 1;
}

void naming_set_free(naming_set *set)
{
    size_t i;

    for (i = 0; i < set->count; i++)
        free(set->names[i]);
    free(set->names);
    memset(set, 0, sizeof *set);
}

/*
 * dataset_syntax: where and why a text is not JSON.
 *
 * cJSON says only that a parse failed and roughly where, sometimes a
 * character off.  When it fails, this scanner walks the text again the way
 * cJSON reads it (including what cJSON tolerates: any byte up to 32 counts
 * as space, control characters inside strings, numbers as strtod reads
 * them) and stops at the first byte that breaks the grammar, saying what it
 * expected there.  It runs only on failure, so it costs nothing on good
 * files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset_private.h"

/* cJSON's own limit on arrays and objects inside each other. */
#define SYNTAX_MAX_DEPTH CJSON_NESTING_LIMIT

typedef struct scan {
    const char *s;
    size_t len;
    size_t at;
    int depth;
    const char *what; /* set on failure */
} scan;

static int at_end(const scan *sc)
{
    return sc->at >= sc->len;
}

static char peek(const scan *sc)
{
    return at_end(sc) ? '\0' : sc->s[sc->at];
}

static void skip_space(scan *sc)
{
    while (!at_end(sc) && (unsigned char)sc->s[sc->at] <= 32)
        sc->at++;
}

/* Fails with `what`, or with "ends too early" when the text ran out. */
static int fail(scan *sc, const char *what)
{
    sc->what = at_end(sc) ? "the text ends before the document does" : what;
    return 0;
}

static int hex4(const scan *sc, size_t at, unsigned *out)
{
    unsigned v = 0;

    if (sc->len - at < 4)
        return 0;
    for (int i = 0; i < 4; i++) {
        char c = sc->s[at + (size_t)i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* A \u escape at sc->at (on the backslash), with its surrogate pair. */
static int scan_unicode_escape(scan *sc)
{
    unsigned first, second;

    if (!hex4(sc, sc->at + 2, &first))
        return fail(sc, "\\u needs four hex digits");
    if (first >= 0xDC00 && first <= 0xDFFF)
        return fail(sc, "a \\u escape is the second half of a surrogate pair without the first");
    if (first >= 0xD800 && first <= 0xDBFF) {
        if (sc->len - sc->at < 12 || sc->s[sc->at + 6] != '\\' || sc->s[sc->at + 7] != 'u'
            || !hex4(sc, sc->at + 8, &second) || second < 0xDC00 || second > 0xDFFF)
            return fail(sc, "a \\u escape is the first half of a surrogate pair without the second");
        sc->at += 12;
        return 1;
    }
    sc->at += 6;
    return 1;
}

static int scan_string(scan *sc)
{
    size_t start = sc->at;

    sc->at++; /* the opening quote */
    while (!at_end(sc) && peek(sc) != '"') {
        if (peek(sc) != '\\') {
            sc->at++;
            continue;
        }
        if (sc->at + 1 >= sc->len)
            break;
        switch (sc->s[sc->at + 1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            sc->at += 2;
            break;
        case 'u':
            if (!scan_unicode_escape(sc))
                return 0;
            break;
        default:
            return fail(sc, "not a valid escape (use \\n, \\t, \\\", \\\\, \\/, \\b, \\f, \\r "
                            "or \\uXXXX)");
        }
    }
    if (at_end(sc)) {
        sc->at = start;
        sc->what = "a string that is never closed with \"";
        return 0;
    }
    sc->at++;
    return 1;
}

/* As cJSON reads numbers: the longest run of number characters (63 at
 * most) given to strtod, which must take at least one of them. */
static int scan_number(scan *sc)
{
    char run[64], *end;
    size_t n = 0;

    while (n < sizeof run - 1 && sc->at + n < sc->len
           && strchr("0123456789+-eE.", sc->s[sc->at + n]) != NULL && sc->s[sc->at + n] != '\0')
        run[n] = sc->s[sc->at + n], n++;
    run[n] = '\0';
    strtod(run, &end);
    if (end == run)
        return fail(sc, "not a number");
    sc->at += (size_t)(end - run);
    return 1;
}

static int scan_literal(scan *sc, const char *word)
{
    size_t n = strlen(word);

    if (sc->len - sc->at < n || memcmp(sc->s + sc->at, word, n) != 0)
        return fail(sc, "expected a value (an object, array, string, number, true, false or null)");
    sc->at += n;
    return 1;
}

static int scan_value(scan *sc);

/* An array or object: `close` ends it, members have names when `named`. */
static int scan_container(scan *sc, char close, int named)
{
    if (sc->depth >= SYNTAX_MAX_DEPTH)
        return fail(sc, "arrays and objects nested more than 1000 deep");
    sc->depth++;
    sc->at++;
    skip_space(sc);
    if (peek(sc) == close) {
        sc->at++;
        sc->depth--;
        return 1;
    }
    for (;;) {
        skip_space(sc);
        if (named) {
            if (peek(sc) != '"')
                return fail(sc, "expected a member name in double quotes");
            if (!scan_string(sc))
                return 0;
            skip_space(sc);
            if (peek(sc) != ':')
                return fail(sc, "expected \":\" after the member name");
            sc->at++;
            skip_space(sc);
        }
        if (!scan_value(sc))
            return 0;
        skip_space(sc);
        if (peek(sc) == ',') {
            sc->at++;
            continue;
        }
        if (peek(sc) == close) {
            sc->at++;
            sc->depth--;
            return 1;
        }
        return fail(sc, named ? "expected \",\" or \"}\" after a member"
                              : "expected \",\" or \"]\" after an element");
    }
}

static int scan_value(scan *sc)
{
    char c = peek(sc);

    if (c == '{')
        return scan_container(sc, '}', 1);
    if (c == '[')
        return scan_container(sc, ']', 0);
    if (c == '"')
        return scan_string(sc);
    if (c == '-' || (c >= '0' && c <= '9'))
        return scan_number(sc);
    if (c == 't')
        return scan_literal(sc, "true");
    if (c == 'f')
        return scan_literal(sc, "false");
    return scan_literal(sc, "null");
}

int dataset_syntax_error(const char *text, size_t len, size_t *at, const char **what)
{
    scan sc = { text, len, 0, 0, NULL };

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        sc.at = 3;
    skip_space(&sc);
    if (scan_value(&sc)) {
        skip_space(&sc);
        if (at_end(&sc))
            return 0;
        sc.what = "text after the end of the document";
    }
    *at = sc.at;
    *what = sc.what;
    return 1;
}

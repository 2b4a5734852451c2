/*
 * fuzz_bidi: right-to-left text (core/layout_bidi.c) on positions alone.
 *
 * The input is a text (valid UTF-8, as every text reaching the layout is).
 * layout_bidi_prepare must leave the text alone or give every character a
 * drawing code point and a level; layout_bidi_order, for the whole text and
 * for the pieces between line feeds, must give back each character of the
 * piece exactly once, at the offset where it starts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "layout_impl.h"
#include "utf8.h"

/* Checks the drawing order of r[start, end). */
static void check_order(const layout_rich *r, size_t start, size_t end, size_t *pos,
                        unsigned char *lev, unsigned char *seen)
{
    size_t n = layout_bidi_order(r, start, end, pos, lev), i, p, chars = 0;

    if (n == 0)
        return;
    for (p = start; p < end; chars++) {
        uint32_t cp;

        p += utf8_decode(r->text + p, end - p, &cp);
    }
    FUZZ_REQUIRE(n == chars);
    memset(seen + start, 0, end - start);
    for (i = 0; i < n; i++) {
        FUZZ_REQUIRE(pos[i] >= start && pos[i] < end);
        FUZZ_REQUIRE(!seen[pos[i]]);
        FUZZ_REQUIRE(((unsigned char)r->text[pos[i]] & 0xc0) != 0x80); /* a character's start */
        seen[pos[i]] = 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    layout_rich r;
    size_t *pos, start, i;
    unsigned char *lev, *seen;

    if (size == 0 || size > 4096 || !utf8_valid((const char *)data, size, NULL) ||
        memchr(data, '\0', size))
        return 0;
    memset(&r, 0, sizeof r);
    r.text = malloc(size + 1);
    r.runs = calloc(1, sizeof *r.runs);
    pos = malloc(size * sizeof *pos);
    lev = malloc(size);
    seen = malloc(size);
    FUZZ_REQUIRE(r.text && r.runs && pos && lev && seen);
    memcpy(r.text, data, size);
    r.text[size] = '\0';
    r.len = size;
    r.n_runs = 1;
    layout_bidi_prepare(&r);
    FUZZ_REQUIRE((r.shaped == NULL) == (r.levels == NULL));
    check_order(&r, 0, r.len, pos, lev, seen);
    for (start = 0, i = 0; i <= r.len; i++)
        if (i == r.len || r.text[i] == '\n') {
            check_order(&r, start, i, pos, lev, seen);
            start = i + 1;
        }
    layout_rich_free(&r);
    free(pos);
    free(lev);
    free(seen);
    return 0;
}

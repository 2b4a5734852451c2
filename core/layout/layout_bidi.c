/*
 * layout_bidi.c: right-to-left text (Hebrew, Arabic) in a left-to-right
 * document, with GNU FriBidi.
 *
 * A text holding no right-to-left letter is left alone (the common case:
 * one scan, nothing allocated).  Otherwise, once a text:
 *   - the Unicode bidirectional algorithm gives each character its
 *     embedding level, in a paragraph that runs left to right (the
 *     briefing's own direction, so "(interim)" after an Arabic name stays
 *     after it);
 *   - Arabic letters take their joined forms (Arabic Presentation Forms-B,
 *     which the fallback face DejaVu Sans has) and lam-alef becomes its
 *     ligature; brackets in right-to-left runs are mirrored.
 * Lines are still broken in logical order (UAX #14 and the widths of the
 * shaped forms); each line is then drawn in visual order (layout_bidi_order,
 * rule L2 of the algorithm).  libharu cannot shape text itself.
 */
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "layout_impl.h"
#include "utf8.h"

/* 1 for a code point of a right-to-left script: Hebrew, Arabic, Syriac,
 * Thaana, NKo, Samaritan, Mandaic and their presentation forms. */
static int layout_bidi_rtl_cp(uint32_t cp)
{
    return (cp >= 0x0590 && cp <= 0x08ff) || (cp >= 0xfb1d && cp <= 0xfdff) ||
           (cp >= 0xfe70 && cp <= 0xfefc);
}

/* 1 when the text has a right-to-left letter. */
static int layout_bidi_needed(const layout_rich *r)
{
    size_t pos = 0;

    while (pos < r->len) {
        uint32_t cp;
        unsigned char c = (unsigned char)r->text[pos];

        if (c < 0x80) { /* ASCII: nothing right to left */
            pos++;
            continue;
        }
        pos += utf8_decode(r->text + pos, r->len - pos, &cp);
        if (layout_bidi_rtl_cp(cp))
            return 1;
    }
    return 0;
}

/* The text's characters as code points, with the byte offset of each. */
static size_t layout_bidi_decode(const layout_rich *r, FriBidiChar *str, size_t *at)
{
    size_t n = 0, pos = 0;

    while (pos < r->len) {
        uint32_t cp;

        at[n] = pos;
        pos += utf8_decode(r->text + pos, r->len - pos, &cp);
        str[n++] = cp;
    }
    return n;
}

/* Levels and shapes for the n characters of str (changed in place). */
static int layout_bidi_run(FriBidiChar *str, size_t n, FriBidiLevel *levels)
{
    FriBidiCharType *types = malloc(n * sizeof *types);
    FriBidiBracketType *brackets = malloc(n * sizeof *brackets);
    FriBidiArabicProp *props = malloc(n * sizeof *props);
    FriBidiParType base = FRIBIDI_PAR_LTR;
    int ok = 0;

    if (types && brackets && props) {
        fribidi_get_bidi_types(str, (FriBidiStrIndex)n, types);
        fribidi_get_bracket_types(str, (FriBidiStrIndex)n, types, brackets);
        if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base,
                                                levels) != 0) {
            fribidi_get_joining_types(str, (FriBidiStrIndex)n, props);
            fribidi_join_arabic(types, (FriBidiStrIndex)n, levels, props);
            fribidi_shape(FRIBIDI_FLAG_SHAPE_MIRRORING | FRIBIDI_FLAG_SHAPE_ARAB_PRES |
                              FRIBIDI_FLAG_SHAPE_ARAB_LIGA,
                          levels, (FriBidiStrIndex)n, props, str);
            ok = 1;
        }
    }
    free(types);
    free(brackets);
    free(props);
    return ok;
}

void layout_bidi_prepare(const layout_rich *cr)
{
    layout_rich *r = (layout_rich *)cr; /* a cache, like the break opportunities */
    FriBidiChar *str = NULL;
    FriBidiLevel *levels = NULL;
    size_t *at = NULL, n, i;

    if (r->bidi_done)
        return;
    r->bidi_done = 1;
    if (r->len == 0 || r->len > LAYOUT_MAX_TEXT || !layout_bidi_needed(r))
        return;
    str = malloc(r->len * sizeof *str);
    levels = malloc(r->len * sizeof *levels);
    at = malloc(r->len * sizeof *at);
    r->shaped = calloc(r->len, sizeof *r->shaped);
    r->levels = calloc(r->len, 1);
    if (str && levels && at && r->shaped && r->levels) {
        n = layout_bidi_decode(r, str, at);
        if (layout_bidi_run(str, n, levels)) {
            for (i = 0; i < n; i++) {
                /* The second half of a ligature is a fill: nothing drawn. */
                r->shaped[at[i]] = str[i] == FRIBIDI_CHAR_FILL ? 0 : str[i];
                r->levels[at[i]] = (unsigned char)levels[i];
            }
            goto out;
        }
    }
    layout_bidi_free(r); /* out of memory: drawn in logical order, unshaped */
    r->bidi_done = 1;
out:
    free(str);
    free(levels);
    free(at);
}

void layout_bidi_free(layout_rich *r)
{
    free(r->shaped);
    free(r->levels);
    r->shaped = NULL;
    r->levels = NULL;
    r->bidi_done = 0;
}

/* Reverses pos[a, b) and lev[a, b); a < b. */
static void layout_bidi_reverse(size_t *pos, unsigned char *lev, size_t a, size_t b)
{
    for (b--; a < b; a++, b--) {
        size_t p = pos[a];
        unsigned char l = lev[a];

        pos[a] = pos[b];
        lev[a] = lev[b];
        pos[b] = p;
        lev[b] = l;
    }
}

size_t layout_bidi_order(const layout_rich *r, size_t start, size_t end, size_t *pos,
                         unsigned char *lev)
{
    unsigned char high = 0, low_odd = 0xff;
    size_t n = 0, p = start, i;
    int level;

    if (r->levels == NULL)
        return 0;
    while (p < end) {
        uint32_t cp;
        size_t len = utf8_decode(r->text + p, end - p, &cp);

        pos[n] = p;
        lev[n] = r->levels[p];
        if (lev[n] > high)
            high = lev[n];
        if ((lev[n] & 1) && lev[n] < low_odd)
            low_odd = lev[n];
        n++;
        p += len;
    }
    if (low_odd == 0xff)
        return 0; /* nothing right to left on this line */
    /* L2: from the highest level down to the lowest odd one, reverse every
     * run of characters at that level or higher. */
    for (level = high; level >= low_odd; level--)
        for (i = 0; i < n;) {
            size_t j = i;

            while (j < n && lev[j] >= level)
                j++;
            if (j > i) {
                layout_bidi_reverse(pos, lev, i, j);
                i = j;
            } else {
                i++;
            }
        }
    return n;
}

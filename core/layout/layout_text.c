/*
 * layout_text.c: from characters to glyphs.  Which face draws a character
 * (the main family, else the fallback, else a visible replacement, warned
 * about once), which encoding a face is loaded with, how wide text is, where
 * lines break, and how a line is drawn.
 */
#include "layout_impl.h"

#include <linebreak.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#include "sfnt.h"
#include "utf8.h"

/* The byte CP1252 gives one of the 32 code points it puts at 0x80-0x9f;
 * 0 for any other code point. */
static unsigned char layout_cp1252_special(uint32_t cp)
{
    unsigned byte;

    for (byte = 0x80; cp != 0 && byte < 0xa0; byte++)
        if (sfnt_cp1252_char(byte) == cp)
            return (unsigned char)byte;
    return 0;
}

/* layout_cp1252 inline, for the loops over every character here: most are
 * printable ASCII or Latin-1, which are their own byte. */
static inline unsigned char layout_cp1252_byte(uint32_t cp)
{
    if ((cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xff))
        return (unsigned char)cp;
    return layout_cp1252_special(cp);
}

unsigned char layout_cp1252(uint32_t cp)
{
    return layout_cp1252_byte(cp);
}

/* Tells the caller, once per character, that it could not be drawn. */
static void layout_warn_char(briefing_doc *doc, uint32_t cp, const char *instead)
{
    char msg[512], utf[5] = {0};
    size_t i;

    for (i = 0; i < doc->n_warned; i++)
        if (doc->warned[i] == cp)
            return;
    if (doc->n_warned == LAYOUT_MAX_WARNED)
        return;
    doc->warned[doc->n_warned++] = cp;
    if (doc->cfg.warn == NULL)
        return;
    if (doc->n_warned == LAYOUT_MAX_WARNED) {
        doc->cfg.warn(doc->cfg.warn_arg,
                      "more characters are missing from the fonts; no further warnings");
        return;
    }
    utf8_encode(cp, utf);
    if (cp > 0xffff)
        snprintf(msg, sizeof msg,
                 "character U+%04X (%s) is outside the Basic Multilingual Plane, which the PDF "
                 "library cannot draw: drawn as %s", (unsigned)cp, utf, instead);
    else
        snprintf(msg, sizeof msg,
                 "character U+%04X (%s) is in neither \"%s\" nor \"%s\": drawn as %s",
                 (unsigned)cp, utf, doc->cfg.font_family,
                 doc->cfg.fallback_family ? doc->cfg.fallback_family : doc->cfg.font_family,
                 instead);
    doc->cfg.warn(doc->cfg.warn_arg, msg);
}

int layout_face_find(briefing_doc *doc, int i, diag *d)
{
    layout_face *f = &doc->faces[i];
    const char *family = i < LAYOUT_FALLBACK ? doc->cfg.font_family : doc->cfg.fallback_family;
    int style = i % LAYOUT_FALLBACK, st;

    if (f->fc != NULL)
        return BRIEFING_OK;
    st = fonts_find(family, style & LAYOUT_BOLD, style & LAYOUT_ITALIC, &f->fc, d);
    f->missing = st != BRIEFING_OK;
    if (st == BRIEFING_ERR_NOMEM)
        doc->nomem = 1; /* not a missing face: another would stand in for it */
    return st;
}

const fonts_face *layout_face_fc(briefing_doc *doc, int i)
{
    if (doc->faces[i].fc == NULL && !doc->faces[i].missing)
        layout_face_find(doc, i, NULL);
    return doc->faces[i].fc;
}

/* 1 when face i has a glyph for cp (only the BMP: libharu draws no more). */
static int layout_face_has(briefing_doc *doc, int i, uint32_t cp)
{
    return cp <= 0xffff && fonts_has(layout_face_fc(doc, i), cp);
}

layout_glyph layout_resolve(briefing_doc *doc, int style, uint32_t cp)
{
    layout_glyph g = {style, cp};

    if (cp < 0x80 || layout_face_has(doc, style, cp))
        return g;
    if (layout_face_has(doc, LAYOUT_FALLBACK + style, cp)) {
        g.face = LAYOUT_FALLBACK + style;
        return g;
    }
    /* The fallback's other styles may lack scripts its regular face has
     * (DejaVu Sans Oblique has no Arabic): upright beats a replacement. */
    if (layout_face_has(doc, LAYOUT_FALLBACK + (style & LAYOUT_BOLD), cp)) {
        g.face = LAYOUT_FALLBACK + (style & LAYOUT_BOLD);
        return g;
    }
    if (layout_face_has(doc, LAYOUT_FALLBACK, cp)) {
        g.face = LAYOUT_FALLBACK;
        return g;
    }
    if (layout_face_has(doc, LAYOUT_FALLBACK + style, 0xfffd)) {
        g.face = LAYOUT_FALLBACK + style;
        g.cp = 0xfffd;
        layout_warn_char(doc, cp, "U+FFFD");
    } else {
        g.cp = '?';
        layout_warn_char(doc, cp, "\"?\"");
    }
    return g;
}

/* The run that holds byte pos. */
static size_t layout_run_at(const layout_rich *r, size_t pos)
{
    size_t lo = 0, hi = r->n_runs;

    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;

        if (r->runs[mid].start <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* layout_resolve with its common case inline: an ASCII character is in
 * every face, so it is drawn in its own style's main face as itself. */
static inline layout_glyph layout_glyph_of(briefing_doc *doc, int style, uint32_t cp)
{
    layout_glyph g = {style, cp};

    return cp < 0x80 ? g : layout_resolve(doc, style, cp);
}

/* Where the stretch of r from pos that stays in one run ends (at most at
 * end), with *run moved on to that run: the loops below take a run's style
 * once, not once a character. */
static size_t layout_run_stretch(const layout_rich *r, size_t pos, size_t end, size_t *run)
{
    while (*run + 1 < r->n_runs && r->runs[*run + 1].start <= pos)
        (*run)++;
    if (*run + 1 < r->n_runs && r->runs[*run + 1].start < end)
        return r->runs[*run + 1].start;
    return end;
}

/* Walks the characters of r[pos, end) with their style and run, in the
 * order stored, or in the order of order[] (byte offsets, n_order of them)
 * when it is set.  The code point given is the one that draws the
 * character: its joined form for Arabic (layout_bidi.c); the second half of
 * a ligature is skipped. */
typedef struct layout_iter {
    const layout_rich *r;
    size_t pos, end, run;
    const size_t *order;
    size_t n_order, k;
} layout_iter;

static void layout_iter_start(layout_iter *it, const layout_rich *r, size_t start, size_t end)
{
    if (!r->bidi_done)
        layout_bidi_prepare(r);
    it->r = r;
    it->pos = start;
    it->end = end;
    it->run = r->n_runs ? layout_run_at(r, start) : 0;
    it->order = NULL;
    it->n_order = it->k = 0;
}

/* The next character of a text with right-to-left letters (r->shaped
 * set), in the order stored or in it->order; 0 at the end. */
static int layout_iter_next_bidi(layout_iter *it, uint32_t *cp, int *style, size_t *run)
{
    const layout_rich *r = it->r;
    size_t at;

    for (;;) {
        if (it->order) {
            if (it->k >= it->n_order)
                return 0;
            at = it->order[it->k++];
            it->run = layout_run_at(r, at);
        } else {
            if (it->pos >= it->end)
                return 0;
            while (it->run + 1 < r->n_runs && r->runs[it->run + 1].start <= it->pos)
                it->run++;
            at = it->pos;
            it->pos += utf8_decode(r->text + it->pos, it->end - it->pos, cp);
        }
        if ((*cp = r->shaped[at]) != 0)
            break; /* else the second half of a ligature: nothing */
    }
    *style = r->runs[it->run].style;
    *run = it->run;
    return 1;
}

/* Next character: returns 0 at the end; else fills cp, style and run.
 * The common case (no right-to-left text) stays small enough to inline:
 * it runs for every character measured or drawn. */
static inline int layout_iter_next(layout_iter *it, uint32_t *cp, int *style, size_t *run)
{
    const layout_rich *r = it->r;

    if (r->shaped)
        return layout_iter_next_bidi(it, cp, style, run);
    if (it->pos >= it->end)
        return 0;
    while (it->run + 1 < r->n_runs && r->runs[it->run + 1].start <= it->pos)
        it->run++;
    *style = r->runs[it->run].style;
    *run = it->run;
    if ((unsigned char)r->text[it->pos] < 0x80)
        *cp = (unsigned char)r->text[it->pos++]; /* ASCII: no call to decode */
    else
        it->pos += utf8_decode(r->text + it->pos, it->end - it->pos, cp);
    return 1;
}

/* Notes that g is drawn: its face is used, and needs UTF-8 when CP1252
 * lacks the character. */
static inline void layout_mark_used(briefing_doc *doc, layout_glyph g)
{
    doc->faces[g.face].used = 1;
    if (layout_cp1252_byte(g.cp) == 0)
        doc->faces[g.face].utf8 = 1;
}

/* layout_scan_rich for a text with no right-to-left letter: run by run,
 * an ASCII byte without decoding. */
static void layout_scan_ltr(briefing_doc *doc, const layout_rich *r)
{
    size_t pos = 0, run = 0;

    while (pos < r->len) {
        size_t stop = layout_run_stretch(r, pos, r->len, &run);
        int style = r->runs[run].style;

        while (pos < stop) {
            uint32_t cp = (unsigned char)r->text[pos];

            if (cp < 0x80)
                pos++;
            else
                pos += utf8_decode(r->text + pos, r->len - pos, &cp);
            if (cp != '\n')
                layout_mark_used(doc, layout_glyph_of(doc, style, cp));
        }
    }
}

void layout_scan_rich(briefing_doc *doc, const layout_rich *r)
{
    layout_iter it;
    uint32_t cp;
    int style;
    size_t run;

    layout_iter_start(&it, r, 0, r->len);
    if (r->shaped == NULL) {
        layout_scan_ltr(doc, r);
        return;
    }
    while (layout_iter_next(&it, &cp, &style, &run))
        if (cp != '\n')
            layout_mark_used(doc, layout_resolve(doc, style, cp));
}

/* The advance width of cp in face i by the metrics, in thousandths of the
 * size. */
static int layout_font_width(const briefing_doc *doc, int i, uint32_t cp)
{
    int w = doc->metrics.advance(doc->metrics.arg, i, cp);

    return w < 0 ? 0 : w;
}

void layout_widths_free(layout_face *f)
{
    size_t i;

    for (i = 0; i < 256; i++) {
        free(f->widths[i]);
        f->widths[i] = NULL;
    }
}

/* Measures a glyph and keeps its width for layout_glyph_width. */
static int layout_glyph_measure(briefing_doc *doc, layout_glyph g)
{
    layout_face *f = &doc->faces[g.face];
    unsigned hi = (g.cp >> 8) & 0xff;
    int16_t *block = f->widths[hi];

    if (!f->loaded || doc->metrics.advance == NULL)
        return 500; /* not loaded: only when a face was not scanned (a bug) */
    /* A block of 256 code points at a time: a text in one script touches
     * one or two, where one array for the whole BMP (128 KB a face) cost
     * more in page faults and clearing than all the lookups. */
    if (block == NULL) {
        block = f->widths[hi] = malloc(256 * sizeof *block);
        if (block == NULL)
            return layout_font_width(doc, g.face, g.cp);
        memset(block, 0xff, 256 * sizeof *block);
    }
    if (block[g.cp & 0xff] < 0)
        block[g.cp & 0xff] = (int16_t)layout_font_width(doc, g.face, g.cp);
    return block[g.cp & 0xff];
}

/* Advance width of a glyph in thousandths of the size.  The glyph measured
 * before (nearly every one) is a look-up inline; only a first one goes to
 * libharu, which also marks it for embedding, so none is measured ahead. */
static inline int layout_glyph_width(briefing_doc *doc, layout_glyph g)
{
    const int16_t *block = doc->faces[g.face].widths[(g.cp >> 8) & 0xff];

    if (block != NULL && block[g.cp & 0xff] >= 0)
        return block[g.cp & 0xff];
    return layout_glyph_measure(doc, g);
}

/* layout_rich_width's sum, in thousandths of the size, of a text with no
 * right-to-left letter (as stored, no shaping): run by run, an ASCII byte
 * without decoding.  With prefix set (room for end + 1), prefix[i] is also
 * the sum over [start, i) for each byte i of [start, end].  Always inline
 * (GCC would make one shared copy), so that layout_rich_width's copy, with
 * prefix NULL, has no trace of it: that is 0.35 M instructions of the
 * Norfolk pack. */
static inline __attribute__((always_inline)) long
layout_units_ltr(briefing_doc *doc, const layout_rich *r, size_t start, size_t end, long *prefix)
{
    size_t pos = start, run = layout_run_at(r, start);
    long total = 0;

    while (pos < end) {
        size_t stop = layout_run_stretch(r, pos, end, &run);
        int style = r->runs[run].style;

        while (pos < stop) {
            uint32_t cp = (unsigned char)r->text[pos];
            size_t n = 1;

            if (cp >= 0x80)
                n = utf8_decode(r->text + pos, end - pos, &cp);
            if (prefix)
                for (size_t k = 0; k < n; k++)
                    prefix[pos + k] = total;
            pos += n;
            if (cp != '\n')
                total += layout_glyph_width(doc, layout_glyph_of(doc, style, cp));
        }
    }
    if (prefix)
        prefix[end] = total;
    return total;
}

double layout_rich_width(briefing_doc *doc, const layout_rich *r, size_t start, size_t end,
                         double size)
{
    layout_iter it;
    uint32_t cp;
    int style;
    size_t run;
    long total = 0;

    if (start >= end)
        return 0;
    layout_iter_start(&it, r, start, end);
    if (r->shaped == NULL)
        return layout_units_ltr(doc, r, start, end, NULL) * size / 1000.0;
    while (layout_iter_next(&it, &cp, &style, &run))
        if (cp != '\n')
            total += layout_glyph_width(doc, layout_glyph_of(doc, style, cp));
    return total * size / 1000.0;
}

double layout_width(briefing_doc *doc, const layout_rich *r, double size)
{
    return layout_rich_width(doc, r, 0, r->len, size);
}

/* Where a line ending at end really ends: without trailing spaces and
 * line feeds. */
static size_t layout_trim(const char *text, size_t start, size_t end)
{
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n'))
        end--;
    return end;
}

static int layout_push_line(layout_line **lines, size_t *n, size_t *cap, size_t start, size_t end)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        layout_line *p = realloc(*lines, c * sizeof *p);

        if (p == NULL)
            return -1;
        *lines = p;
        *cap = c;
    }
    (*lines)[*n].start = start;
    (*lines)[*n].end = end;
    (*n)++;
    return 0;
}


/* libunibreak 1.1 wants its index built once before use; building it costs
 * as much as breaking a paragraph, so it is done once a process (the program
 * is single-threaded; batch workers are processes that inherit it). */
static void layout_linebreak_init(void)
{
    static int ready;

    if (!ready) {
        init_linebreak();
        ready = 1;
    }
}

/* Cuts a word wider than the line at character boundaries: returns where the
 * first piece that fits ends (at least one character). */
static size_t layout_cut_word(const char *text, size_t pos, size_t end, double width,
                              layout_width_fn fn, void *arg)
{
    size_t at = pos;
    double w = 0;

    while (at < end) {
        uint32_t cp;
        size_t n = utf8_decode(text + at, end - at, &cp);
        double cw = fn(arg, at, at + n);

        if (at > pos && w + cw > width)
            break;
        w += cw;
        at += n;
    }
    return at;
}

/* The break opportunities of text (len > 0 bytes), with a mandatory
 * break at its end; malloc'd, NULL when memory ran out. */
/* Where the next character libunibreak 1.1 cannot take starts in
 * text[from, len) (len when there is none): U+FFFF (EF BF BF), which it
 * reads as the end of the text, or a regional indicator, U+1F1E6 to
 * U+1F1FF (F0 9F 87 A6 to BF: two make a flag), whose class its pair table
 * lacks.  Either makes it fail an assertion, and the program abort.  The
 * text is valid UTF-8, so those bytes are those characters. */
static size_t layout_find_unbreakable(const char *text, size_t from, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;

    for (size_t i = from; i + 2 < len; i++) {
        if (t[i] == 0xef && t[i + 1] == 0xbf && t[i + 2] == 0xbf)
            return i;
        if (t[i] == 0xf0 && i + 3 < len && t[i + 1] == 0x9f && t[i + 2] == 0x87 && t[i + 3] >= 0xa6 &&
            t[i + 3] <= 0xbf)
            return i;
    }
    return len;
}

/* Puts, over the character at copy[at] that libunibreak cannot take, one
 * of the same length that breaks alike: U+FFFD for U+FFFF, the letter
 * U+1D400 for a regional indicator (a flag's two stay together, as two
 * letters do).  Returns that length. */
static size_t layout_stand_in(char *copy, size_t at)
{
    if ((unsigned char)copy[at] == 0xef) {
        copy[at + 2] = (char)0xbd;
        return 3;
    }
    memcpy(copy + at, "\xf0\x9d\x90\x80", 4);
    return 4;
}

static char *layout_breaks(const char *text, size_t len)
{
    char *brks = malloc(len), *copy = NULL;
    size_t at;

    if (brks == NULL)
        return NULL;
    /* Characters libunibreak cannot take (any input file may hold them):
     * the breaks are found in a copy with stand-ins of the same length in
     * their place, so every offset stays where it was. */
    if ((at = layout_find_unbreakable(text, 0, len)) < len) {
        if ((copy = malloc(len)) == NULL) {
            free(brks);
            return NULL;
        }
        memcpy(copy, text, len);
        for (; at < len; at = layout_find_unbreakable(copy, at, len))
            at += layout_stand_in(copy, at);
        text = copy;
    }
    layout_linebreak_init();
    set_linebreaks_utf8((const utf8_t *)text, len, "en", brks);
    brks[len - 1] = LINEBREAK_MUSTBREAK;
    free(copy);
    return brks;
}

/* The break opportunities of r (not empty), found once and kept on it: a
 * table cell is measured for its narrowest width and then broken, a chart
 * label is measured and then drawn, and finding them costs more than the
 * rest of breaking.  A cache, so r is const to the caller; NULL when
 * memory ran out. */
static const char *layout_rich_breaks(const layout_rich *r)
{
    if (r->brks == NULL)
        ((layout_rich *)r)->brks = layout_breaks(r->text, r->len);
    return r->brks;
}

/* layout_break with the break opportunities found already. */
static int layout_break_at(const char *text, size_t len, const char *brks, double width,
                           layout_width_fn fn, void *arg, layout_line **lines, size_t *n_lines,
                           diag *d)
{
    size_t n = 0, cap = 0, s = 0, pos = 0;
    double wline = 0;

    *lines = NULL;
    *n_lines = 0;
    if (len == 0)
        return BRIEFING_OK;
    if (brks == NULL)
        goto nomem;
    while (s < len) {
        size_t q = pos, p, t;
        double wtrim;

        while (q < len && brks[q] != LINEBREAK_MUSTBREAK && brks[q] != LINEBREAK_ALLOWBREAK)
            q++;
        p = q < len ? q + 1 : len;
        t = layout_trim(text, pos, p);
        wtrim = fn(arg, pos, t);
        if (pos == s && wtrim > width) {
            /* A word longer than the line: cut it where the line is full. */
            size_t cut = layout_cut_word(text, pos, t, width, fn, arg);

            if (cut < t) {
                /* Cut the rest again until it fits, without measuring all
                 * of it after every cut: that made a paragraph of 60 KB
                 * words take tens of seconds. */
                while (cut < t) {
                    if (layout_push_line(lines, &n, &cap, s, cut) != 0)
                        goto nomem;
                    s = pos = cut;
                    cut = layout_cut_word(text, pos, t, width, fn, arg);
                }
                wline = 0;
                continue;
            }
        } else if (pos > s && wline + wtrim > width) {
            if (layout_push_line(lines, &n, &cap, s, layout_trim(text, s, pos)) != 0)
                goto nomem;
            s = pos;
            wline = 0;
            continue;
        }
        /* The word was measured without its trailing spaces: add theirs
         * rather than measure it all again (widths are sums of advances). */
        wline += wtrim + (t < p ? fn(arg, t, p) : 0);
        pos = p;
        if (brks[p - 1] == LINEBREAK_MUSTBREAK) {
            if (layout_push_line(lines, &n, &cap, s, layout_trim(text, s, p)) != 0)
                goto nomem;
            s = pos;
            wline = 0;
        }
    }
    *n_lines = n;
    return BRIEFING_OK;
nomem:
    free(*lines);
    *lines = NULL;
    return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory breaking lines");
}

int layout_break(const char *text, size_t len, double width, layout_width_fn fn, void *arg,
                 layout_line **lines, size_t *n_lines, diag *d)
{
    char *brks = len ? layout_breaks(text, len) : NULL;
    int status = layout_break_at(text, len, brks, width, fn, arg, lines, n_lines, d);

    free(brks);
    return status;
}

/* The width callback of layout_break_rich: from the sums of advances up to
 * each byte when it has them (the same numbers layout_rich_width adds up
 * again for each word), else from the text. */
typedef struct layout_measure {
    briefing_doc *doc;
    const layout_rich *r;
    double size;
    long *prefix; /* NULL, or layout_units_ltr's prefix over all of r */
} layout_measure;

static double layout_measure_cb(void *arg, size_t start, size_t end)
{
    layout_measure *m = arg;

    if (m->prefix)
        return (m->prefix[end] - m->prefix[start]) * m->size / 1000.0;
    return layout_rich_width(m->doc, m->r, start, end, m->size);
}

/* The sums of advances over r[0, i) for each byte i of r, malloc'd; NULL
 * for a text with right-to-left letters (drawn in other forms) or when
 * memory ran out, and the callback measures each piece instead.  The
 * breaker asks only at character boundaries. */
static long *layout_prefix_units(briefing_doc *doc, const layout_rich *r)
{
    long *prefix;

    layout_bidi_prepare(r);
    if (r->shaped || (prefix = malloc((r->len + 1) * sizeof *prefix)) == NULL)
        return NULL;
    layout_units_ltr(doc, r, 0, r->len, prefix);
    return prefix;
}

/* 1 when text holds a character UAX #14 must break after: LF, VT, FF, CR,
 * NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR (libunibreak gives a
 * mandatory break after these and nowhere else but the end). */
static int layout_has_hard_break(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] >= 0x0a && s[i] <= 0x0d)
            return 1;
        if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x85)
            return 1;
        if (s[i] == 0xe2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
            return 1;
    }
    return 0;
}

/* 1 when r is sure to come out of layout_break_at as one line: no break it
 * must take, and all of it (whole points wide) narrower than width with
 * room to spare.  The breaker adds its words' widths one by one, which may
 * come out a few units in the last place above the whole's; 1e-9 of the
 * width covers a million words.  Most short texts (cells, labels,
 * headings, the running header) are this, and finding their break
 * opportunities costs several times more than measuring them. */
static int layout_fits_one_line(const layout_rich *r, double whole, double width)
{
    return !layout_has_hard_break(r->text, r->len) && whole * (1 + 1e-9) <= width;
}

int layout_break_rich(briefing_doc *doc, const layout_rich *r, double width, double size,
                      layout_line **lines, size_t *n_lines, diag *d)
{
    layout_measure m = {doc, r, size, NULL};
    double whole;
    int st;

    if (r->len == 0)
        return layout_break_at(r->text, 0, NULL, width, layout_measure_cb, &m, lines, n_lines, d);
    m.prefix = layout_prefix_units(doc, r);
    whole = layout_measure_cb(&m, 0, r->len);
    if (layout_fits_one_line(r, whole, width)) {
        /* What layout_break_at gives then: the whole, trailing spaces
         * left out. */
        size_t cap = 0;

        free(m.prefix);
        *lines = NULL;
        *n_lines = 0;
        if (layout_push_line(lines, n_lines, &cap, 0, layout_trim(r->text, 0, r->len)) != 0) {
            doc->nomem = 1;
            return diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory breaking lines");
        }
        return BRIEFING_OK;
    }
    st = layout_break_at(r->text, r->len, layout_rich_breaks(r), width, layout_measure_cb, &m,
                         lines, n_lines, d);
    free(m.prefix);
    if (st == BRIEFING_ERR_NOMEM)
        doc->nomem = 1; /* some callers (a chart's labels) go on without the lines */
    return st;
}

double layout_min_width(briefing_doc *doc, const layout_rich *r, double size, diag *d)
{
    const char *brks;
    size_t s = 0, i;
    double w = 0;

    if (r->len == 0)
        return 0;
    if ((brks = layout_rich_breaks(r)) == NULL) {
        doc->nomem = 1;
        diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory measuring text");
        return 0;
    }
    /* The widest piece between two break opportunities. */
    for (i = 0; i < r->len; i++) {
        if (brks[i] == LINEBREAK_MUSTBREAK || brks[i] == LINEBREAK_ALLOWBREAK) {
            double sw = layout_rich_width(doc, r, s, layout_trim(r->text, s, i + 1), size);

            if (sw > w)
                w = sw;
            s = i + 1;
        }
    }
    return w;
}

/* Writes the bytes that draw cp in face f's encoding at out (room for 4);
 * returns how many. */
static size_t layout_encode(const layout_face *f, uint32_t cp, char *out)
{
    unsigned char byte;

    if (f->utf8)
        return utf8_encode(cp, out);
    byte = layout_cp1252_byte(cp);
    out[0] = (char)(byte ? byte : '?');
    return 1;
}

/* Draws one span (one face, one run) in colour c and returns its width.
 * The colour is set only when it changes: most spans are drawn in the
 * colour of the one before. */
static double layout_draw_span(briefing_doc *doc, pdf_canvas *cv, int face, const char *bytes,
                               double x, double y, double size, double width, layout_rgb c)
{
    /* Once libharu has failed (out of memory), a page may be half built;
     * draw nothing more.  layout_write reports the failure. */
    if (pdf_canvas_error(cv))
        return width;
    layout_set_fill(cv, c);
    pdf_canvas_text(cv, face, size, x, y, bytes);
    (void)doc;
    return width;
}

/* Underlines a link and makes it clickable. */
static void layout_link(pdf_canvas *cv, const char *url, double x, double y, double w,
                        double size)
{
    layout_set_line_width(cv, 0.5);
    pdf_canvas_line(cv, x, y - size * 0.12, x + w, y - size * 0.12);
    pdf_canvas_uri_link(cv, x, y - size * 0.25, x + w, y + size * 0.85, url);
}

void layout_draw_text(briefing_doc *doc, pdf_canvas *cv, const layout_rich *r, size_t start,
                      size_t end, double x, double y, double size, layout_rgb colour)
{
    layout_iter it;
    uint32_t cp;
    int style, face = -1, in_link = 0;
    size_t run, span_run = 0, n = 0, *order = NULL;
    unsigned char *levels = NULL;
    long span_w = 0;
    double link_x = x;
    char *bytes;

    if (start >= end)
        return;
    /* The span's bytes: a character takes at most 4 (a line is at most a
     * text, 1 MiB), so this never fills. */
    if ((bytes = malloc(4 * (end - start) + 2)) == NULL) { /* and a space, a NUL */
        doc->nomem = 1;
        return;
    }
    layout_iter_start(&it, r, start, end);
    /* A line with right-to-left text is drawn in visual order; out of
     * memory, it is drawn as stored. */
    if (r->levels && (order = malloc((end - start) * sizeof *order)) != NULL &&
        (levels = malloc(end - start)) != NULL)
        it.n_order = layout_bidi_order(r, start, end, order, levels);
    if (it.n_order)
        it.order = order;
    for (;;) {
        int more = layout_iter_next(&it, &cp, &style, &run);
        layout_glyph g = {0, 0};

        if (more)
            g = layout_glyph_of(doc, style, cp);
        if (face >= 0 && (!more || g.face != face || run != span_run)) {
            const char *url = r->runs[span_run].url;
            layout_rgb c = url ? doc->cfg.colours.accent : colour;
            double w = span_w * size / 1000.0;

            /* A tagged line ends with a space (the one its break took, or
             * one after a text's last line), drawn (invisible, past the
             * line) but not measured: the text read out of the structure
             * has its words apart, a chart's labels too (PDF 1.7,
             * 14.8.2.5). */
            if (!more && doc->cfg.tagged && order == NULL && (end == r->len || r->text[end] == ' '))
                bytes[n++] = ' ';
            bytes[n] = '\0';
            if (url && !in_link) {
                pdf_tag tag = {0};

                tag.url = url;
                tag.page = -1;
                tag.key = url; /* a link broken over lines stays one Link */
                pdf_canvas_begin(cv, PDF_ROLE_LINK, &tag);
                in_link = 1;
            }
            x += layout_draw_span(doc, cv, face, bytes, x, y, size, w, c);
            if (url && (!more || run != span_run)) {
                layout_set_stroke(cv, c);
                layout_link(cv, url, link_x, y, x - link_x, size);
                pdf_canvas_end(cv);
                in_link = 0;
            }
            if (run != span_run || !more)
                link_x = x;
            n = 0;
            span_w = 0;
        }
        if (!more)
            break;
        face = g.face;
        span_run = run;
        n += layout_encode(&doc->faces[face], g.cp, bytes + n);
        span_w += layout_glyph_width(doc, g);
    }
    free(bytes);
    free(order);
    free(levels);
}

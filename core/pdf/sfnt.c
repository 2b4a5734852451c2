#include "sfnt.h"

#include <stdlib.h>
#include <string.h>

#define SFNT_MAX_GLYPHS 65536

/* The characters of CP1252's bytes 0x80-0x9f (0: the byte is unused). */
static const uint16_t sfnt_cp1252_high[32] = {
    0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
    0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};

int sfnt_u16(const sfnt *s, size_t at, unsigned *v)
{
    if (at > s->n || s->n - at < 2)
        return -1;
    *v = (unsigned)s->p[at] << 8 | s->p[at + 1];
    return 0;
}

int sfnt_u32(const sfnt *s, size_t at, uint32_t *v)
{
    unsigned hi, lo;

    if (sfnt_u16(s, at, &hi) || sfnt_u16(s, at + 2, &lo))
        return -1;
    *v = (uint32_t)hi << 16 | lo;
    return 0;
}

int sfnt_table_find(const sfnt *s, const char *tag, sfnt_table *t)
{
    unsigned n, i;
    uint32_t off, len;

    if (sfnt_u16(s, 4, &n))
        return -1;
    for (i = 0; i < n; i++) {
        size_t entry = 12 + 16 * (size_t)i;

        if (entry + 16 > s->n)
            return -1;
        if (memcmp(s->p + entry, tag, 4) != 0)
            continue;
        if (sfnt_u32(s, entry + 8, &off) || sfnt_u32(s, entry + 12, &len) || off > s->n ||
            s->n - off < len)
            return -1;
        t->off = off;
        t->len = len;
        t->entry = entry;
        return 0;
    }
    return -1;
}

static void sfnt_put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void sfnt_put32(unsigned char *p, uint32_t v)
{
    sfnt_put16(p, (unsigned)(v >> 16));
    sfnt_put16(p + 2, (unsigned)(v & 0xffff));
}

static unsigned sfnt_get16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

unsigned sfnt_cp1252_char(unsigned byte)
{
    if (byte < 0x20 || byte == 0x7f || byte > 0xff)
        return 0;
    return byte >= 0x80 && byte < 0xa0 ? sfnt_cp1252_high[byte - 0x80] : byte;
}

/* ---- reading -------------------------------------------------------------- */

/* The tables the compact copy is made from, found and checked once. */
typedef struct sfnt_font {
    const sfnt *s;
    sfnt_table head, maxp, hhea, hmtx, loca, glyf, post;
    size_t cmap4;        /* the Windows Unicode format-4 subtable */
    unsigned n_glyphs;   /* maxp.numGlyphs */
    unsigned n_metrics;  /* hhea.numberOfHMetrics */
    int long_loca;       /* head.indexToLocFormat */
    int has_post;
} sfnt_font;

/* The format-4 subtable of the Windows Unicode BMP cmap, the one libharu
 * reads; 0 when absent. */
static size_t sfnt_cmap4(const sfnt *s)
{
    sfnt_table cmap;
    unsigned n, i, platform, encoding, format;
    uint32_t off;

    if (sfnt_table_find(s, "cmap", &cmap) || sfnt_u16(s, cmap.off + 2, &n))
        return 0;
    for (i = 0; i < n; i++) {
        size_t rec = cmap.off + 4 + 8 * (size_t)i;

        if (sfnt_u16(s, rec, &platform) || sfnt_u16(s, rec + 2, &encoding) ||
            sfnt_u32(s, rec + 4, &off))
            return 0;
        if (platform == 3 && encoding == 1 && off < cmap.len &&
            sfnt_u16(s, cmap.off + off, &format) == 0 && format == 4)
            return cmap.off + off;
    }
    return 0;
}

/* The glyph of code point cp by the format-4 subtable at sub; 0 when none. */
static unsigned sfnt_glyph(const sfnt *s, size_t sub, unsigned cp)
{
    unsigned segx2, k, end, start, delta, range, g;
    size_t ends = sub + 14, starts, deltas, ranges;

    if (sfnt_u16(s, sub + 6, &segx2))
        return 0;
    starts = ends + segx2 + 2;
    deltas = starts + segx2;
    ranges = deltas + segx2;
    for (k = 0; k < segx2 / 2; k++) {
        if (sfnt_u16(s, ends + 2 * k, &end) || sfnt_u16(s, starts + 2 * k, &start))
            return 0;
        if (cp < start || cp > end)
            continue;
        if (sfnt_u16(s, deltas + 2 * k, &delta) || sfnt_u16(s, ranges + 2 * k, &range))
            return 0;
        if (range == 0)
            return (cp + delta) & 0xffff;
        if (sfnt_u16(s, ranges + 2 * k + range + 2 * (cp - start), &g) || g == 0)
            return 0;
        return (g + delta) & 0xffff;
    }
    return 0;
}

unsigned sfnt_cmap_glyph(const sfnt *s, unsigned cp)
{
    size_t sub = sfnt_cmap4(s);

    return sub ? sfnt_glyph(s, sub, cp) : 0;
}

/* Finds and checks the tables; 0, or -1 when s is not a TrueType font
 * whose glyph tables add up. */
static int sfnt_font_open(const sfnt *s, sfnt_font *f)
{
    uint32_t version;
    unsigned long_loca;

    memset(f, 0, sizeof *f);
    f->s = s;
    if (sfnt_u32(s, 0, &version) || (version != 0x00010000 && version != 0x74727565) ||
        sfnt_table_find(s, "head", &f->head) || f->head.len < 54 ||
        sfnt_table_find(s, "maxp", &f->maxp) || f->maxp.len < 6 ||
        sfnt_table_find(s, "hhea", &f->hhea) || f->hhea.len < 36 ||
        sfnt_table_find(s, "hmtx", &f->hmtx) || sfnt_table_find(s, "loca", &f->loca) ||
        sfnt_table_find(s, "glyf", &f->glyf) ||
        sfnt_u16(s, f->maxp.off + 4, &f->n_glyphs) || sfnt_u16(s, f->hhea.off + 34, &f->n_metrics) ||
        sfnt_u16(s, f->head.off + 50, &long_loca) || (f->cmap4 = sfnt_cmap4(s)) == 0)
        return -1;
    f->long_loca = long_loca != 0;
    f->has_post = sfnt_table_find(s, "post", &f->post) == 0 && f->post.len >= 32;
    if (f->n_glyphs == 0 || f->n_metrics == 0 || f->n_metrics > f->n_glyphs ||
        f->hmtx.len < 4 * (size_t)f->n_metrics + 2 * (size_t)(f->n_glyphs - f->n_metrics) ||
        f->loca.len < (f->long_loca ? 4 : 2) * ((size_t)f->n_glyphs + 1))
        return -1;
    return 0;
}

/* Where glyph g's outline lies in glyf: [*start, *end); 0, or -1 when the
 * loca entries point outside the table.  An empty glyph has start == end. */
static int sfnt_glyph_span(const sfnt_font *f, unsigned g, uint32_t *start, uint32_t *end)
{
    const sfnt *s = f->s;
    unsigned v;

    if (f->long_loca) {
        if (sfnt_u32(s, f->loca.off + 4 * (size_t)g, start) ||
            sfnt_u32(s, f->loca.off + 4 * (size_t)g + 4, end))
            return -1;
    } else {
        if (sfnt_u16(s, f->loca.off + 2 * (size_t)g, &v))
            return -1;
        *start = 2 * (uint32_t)v;
        if (sfnt_u16(s, f->loca.off + 2 * (size_t)g + 2, &v))
            return -1;
        *end = 2 * (uint32_t)v;
    }
    if (*end < *start || *end > f->glyf.len)
        return -1;
    return 0;
}

/* Walks the component records of a composite glyph's data d[0, len). */
typedef struct sfnt_walk {
    const unsigned char *d;
    size_t len, at;
    int more;
} sfnt_walk;

/* Starts a walk; 1 when the glyph is composite, 0 when it is simple or
 * empty, -1 when it is too short to be a glyph. */
static int sfnt_walk_start(sfnt_walk *w, const unsigned char *d, size_t len)
{
    w->d = d;
    w->len = len;
    w->at = 10; /* numberOfContours and the bounding box */
    w->more = 1;
    if (len == 0)
        return 0;
    if (len < 10)
        return -1;
    return sfnt_get16(d) >= 0x8000; /* numberOfContours < 0 */
}

/* The next record: sets *index_at to the offset of its glyph index in d.
 * Returns 1, 0 after the last record, -1 when a record runs past the
 * glyph's end. */
static int sfnt_walk_next(sfnt_walk *w, size_t *index_at)
{
    unsigned flags;

    if (!w->more)
        return 0;
    if (w->at > w->len || w->len - w->at < 4)
        return -1;
    flags = sfnt_get16(w->d + w->at);
    *index_at = w->at + 2;
    w->at += 4 + (flags & 0x0001 ? 4 : 2)   /* ARG_1_AND_2_ARE_WORDS */
             + (flags & 0x0008 ? 2 : 0)     /* WE_HAVE_A_SCALE */
             + (flags & 0x0040 ? 4 : 0)     /* WE_HAVE_AN_X_AND_Y_SCALE */
             + (flags & 0x0080 ? 8 : 0);    /* WE_HAVE_A_TWO_BY_TWO */
    w->more = (flags & 0x0020) != 0;        /* MORE_COMPONENTS */
    return 1;
}

#define SFNT_USED(used, g) ((used)[(g) / 8] & (1u << ((g) % 8)))
#define SFNT_MARK(used, g) ((used)[(g) / 8] |= (unsigned char)(1u << ((g) % 8)))

/* Marks the components of glyph g; 1 when one was new, 0 when none was,
 * -1 on a damaged glyph. */
static int sfnt_mark_components(const sfnt_font *f, unsigned g, unsigned char *used)
{
    const unsigned char *glyf = f->s->p + f->glyf.off;
    uint32_t start, end;
    sfnt_walk w;
    size_t at;
    int r, marked = 0;

    if (sfnt_glyph_span(f, g, &start, &end))
        return -1;
    if ((r = sfnt_walk_start(&w, glyf + start, end - start)) <= 0)
        return r;
    while ((r = sfnt_walk_next(&w, &at)) == 1) {
        unsigned comp = sfnt_get16(w.d + at);

        if (comp >= f->n_glyphs)
            return -1;
        if (!SFNT_USED(used, comp)) {
            SFNT_MARK(used, comp);
            marked = 1;
        }
    }
    return r < 0 ? -1 : marked;
}

/* Marks in used (SFNT_MAX_GLYPHS bits) the glyphs a CP1252 font draws:
 * glyph 0, each CP1252 character's glyph and, through composite glyphs,
 * the glyphs those are built from.  0, or -1 on a damaged font. */
static int sfnt_cp1252_glyphs(const sfnt_font *f, unsigned char *used)
{
    unsigned c, g, pass;
    int changed;

    memset(used, 0, SFNT_MAX_GLYPHS / 8);
    SFNT_MARK(used, 0);
    for (c = 0x20; c <= 0xff; c++) {
        unsigned cp = sfnt_cp1252_char(c);

        if (cp != 0 && (g = sfnt_glyph(f->s, f->cmap4, cp)) < f->n_glyphs)
            SFNT_MARK(used, g);
    }
    /* Components may be composite themselves: again until nothing is new
     * (a few passes; bounded in case a damaged font loops). */
    for (pass = 0, changed = 1; changed && pass < 16; pass++) {
        changed = 0;
        for (g = 0; g < f->n_glyphs; g++) {
            int r;

            if (!SFNT_USED(used, g))
                continue;
            if ((r = sfnt_mark_components(f, g, used)) < 0)
                return -1;
            changed |= r;
        }
    }
    return changed ? -1 : 0;
}

/* ---- writing -------------------------------------------------------------- */

/* One run of consecutive characters drawn by consecutive glyphs: a
 * segment of the format-4 cmap. */
typedef struct sfnt_segment {
    unsigned start, end, delta;
} sfnt_segment;

/* Everything the compact copy is made of. */
typedef struct sfnt_compact {
    sfnt_font f;
    unsigned char used[SFNT_MAX_GLYPHS / 8];
    uint16_t *new_id;   /* by old glyph: its new number (only for used glyphs) */
    unsigned *old_id;   /* by new glyph: its old number */
    unsigned n;         /* glyphs kept */
    sfnt_segment seg[224 + 1];
    unsigned n_seg;
    size_t glyf_len;    /* the new glyf table, each glyph padded to 4 bytes */
} sfnt_compact;

static size_t sfnt_pad4(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* Numbers the glyphs kept and sizes the new glyf table. */
static int sfnt_number(sfnt_compact *c)
{
    unsigned g;
    uint32_t start, end;

    c->new_id = calloc(c->f.n_glyphs, sizeof *c->new_id);
    c->old_id = calloc(c->f.n_glyphs, sizeof *c->old_id);
    if (c->new_id == NULL || c->old_id == NULL)
        return -1;
    for (g = 0; g < c->f.n_glyphs; g++) {
        if (!SFNT_USED(c->used, g))
            continue;
        if (sfnt_glyph_span(&c->f, g, &start, &end))
            return -1;
        c->new_id[g] = (uint16_t)c->n;
        c->old_id[c->n++] = g;
        c->glyf_len += sfnt_pad4(end - start);
    }
    return 0;
}

/* The cmap's segments: the CP1252 characters in code point order, runs of
 * consecutive characters with consecutive glyphs merged, and the closing
 * 0xFFFF segment the format requires. */
static void sfnt_segments(sfnt_compact *c)
{
    unsigned cps[224], n = 0, i, j;

    for (i = 0x20; i <= 0xff; i++) {
        unsigned cp = sfnt_cp1252_char(i), g;

        if (cp != 0 && (g = sfnt_glyph(c->f.s, c->f.cmap4, cp)) != 0 && g < c->f.n_glyphs)
            cps[n++] = cp;
    }
    for (i = 1; i < n; i++) /* insertion sort: 224 at most, nearly sorted */
        for (j = i; j > 0 && cps[j - 1] > cps[j]; j--) {
            unsigned t = cps[j];

            cps[j] = cps[j - 1];
            cps[j - 1] = t;
        }
    c->n_seg = 0;
    for (i = 0; i < n; i++) {
        unsigned id = c->new_id[sfnt_glyph(c->f.s, c->f.cmap4, cps[i])];
        sfnt_segment *last = c->n_seg ? &c->seg[c->n_seg - 1] : NULL;

        if (last && cps[i] == last->end + 1 && ((cps[i] + last->delta) & 0xffff) == id) {
            last->end = cps[i];
            continue;
        }
        c->seg[c->n_seg].start = c->seg[c->n_seg].end = cps[i];
        c->seg[c->n_seg].delta = (id - cps[i]) & 0xffff;
        c->n_seg++;
    }
    c->seg[c->n_seg].start = c->seg[c->n_seg].end = 0xffff;
    c->seg[c->n_seg].delta = 1;
    c->n_seg++;
}

/* floor(log2(n)) for n >= 1. */
static unsigned sfnt_log2(unsigned n)
{
    unsigned k = 0;

    while (n >>= 1)
        k++;
    return k;
}

static size_t sfnt_cmap_len(const sfnt_compact *c)
{
    return 12 + 16 + 8 * (size_t)c->n_seg;
}

static void sfnt_write_cmap(const sfnt_compact *c, unsigned char *p)
{
    unsigned i, segx2 = 2 * c->n_seg, range = 2u << sfnt_log2(c->n_seg);
    unsigned char *sub = p + 12;

    sfnt_put16(p, 0);      /* version */
    sfnt_put16(p + 2, 1);  /* one subtable */
    sfnt_put16(p + 4, 3);  /* Windows */
    sfnt_put16(p + 6, 1);  /* Unicode BMP */
    sfnt_put32(p + 8, 12);
    sfnt_put16(sub, 4);
    sfnt_put16(sub + 2, (unsigned)(sfnt_cmap_len(c) - 12));
    sfnt_put16(sub + 4, 0);
    sfnt_put16(sub + 6, segx2);
    sfnt_put16(sub + 8, range);
    sfnt_put16(sub + 10, sfnt_log2(range / 2));
    sfnt_put16(sub + 12, segx2 - range);
    for (i = 0; i < c->n_seg; i++) {
        sfnt_put16(sub + 14 + 2 * i, c->seg[i].end);
        sfnt_put16(sub + 16 + segx2 + 2 * i, c->seg[i].start);
        sfnt_put16(sub + 16 + 2 * segx2 + 2 * i, c->seg[i].delta);
        sfnt_put16(sub + 16 + 3 * segx2 + 2 * i, 0);
    }
    sfnt_put16(sub + 14 + segx2, 0); /* reservedPad */
}

/* Writes the kept glyphs to glyf (their component numbers renumbered) and
 * their offsets to loca (long format).  -1 on a damaged composite. */
static int sfnt_write_glyphs(const sfnt_compact *c, unsigned char *glyf, unsigned char *loca)
{
    const unsigned char *src = c->f.s->p + c->f.glyf.off;
    size_t at = 0, index_at;
    unsigned i;

    for (i = 0; i < c->n; i++) {
        uint32_t start, end;
        sfnt_walk w;
        int r;

        sfnt_put32(loca + 4 * (size_t)i, (uint32_t)at);
        if (sfnt_glyph_span(&c->f, c->old_id[i], &start, &end))
            return -1;
        memcpy(glyf + at, src + start, end - start);
        memset(glyf + at + (end - start), 0, sfnt_pad4(end - start) - (end - start));
        if ((r = sfnt_walk_start(&w, glyf + at, end - start)) < 0)
            return -1;
        while (r == 1 && (r = sfnt_walk_next(&w, &index_at)) == 1) {
            unsigned old = sfnt_get16(glyf + at + index_at);

            if (old >= c->f.n_glyphs || !SFNT_USED(c->used, old))
                return -1;
            sfnt_put16(glyf + at + index_at, c->new_id[old]);
        }
        if (r < 0)
            return -1;
        at += sfnt_pad4(end - start);
    }
    sfnt_put32(loca + 4 * (size_t)c->n, (uint32_t)at);
    return 0;
}

/* Every kept glyph's advance and left side bearing. */
static void sfnt_write_hmtx(const sfnt_compact *c, unsigned char *p)
{
    const unsigned char *m = c->f.s->p + c->f.hmtx.off;
    unsigned i, last = c->f.n_metrics - 1;

    for (i = 0; i < c->n; i++) {
        unsigned g = c->old_id[i];

        sfnt_put16(p + 4 * i, sfnt_get16(m + 4 * (g < last ? g : last)));
        sfnt_put16(p + 4 * i + 2, g < c->f.n_metrics
                                      ? sfnt_get16(m + 4 * g + 2)
                                      : sfnt_get16(m + 4 * c->f.n_metrics + 2 * (g - c->f.n_metrics)));
    }
}

/* A table of the copy: its tag, where its bytes come from, and where it
 * goes. */
typedef struct sfnt_out {
    char tag[5];
    const unsigned char *src; /* copied from the font; NULL: written here */
    size_t len, off;
} sfnt_out;

/* The tables of the copy, in tag order as the directory wants them;
 * returns how many, 0 when a table that must be there is not. */
static size_t sfnt_plan(const sfnt_compact *c, sfnt_out *t)
{
    static const char *const tags[] = {"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head",
                                       "hhea", "hmtx", "loca", "maxp", "name", "post", "prep"};
    const sfnt *s = c->f.s;
    size_t i, n = 0;

    for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        const char *tag = tags[i];
        sfnt_table found;

        memcpy(t[n].tag, tag, 5);
        t[n].src = NULL;
        if (strcmp(tag, "cmap") == 0)
            t[n].len = sfnt_cmap_len(c);
        else if (strcmp(tag, "glyf") == 0)
            t[n].len = c->glyf_len;
        else if (strcmp(tag, "hmtx") == 0)
            t[n].len = 4 * (size_t)c->n;
        else if (strcmp(tag, "loca") == 0)
            t[n].len = 4 * ((size_t)c->n + 1);
        else if (strcmp(tag, "post") == 0)
            t[n].len = 32;
        else if (sfnt_table_find(s, tag, &found) == 0) {
            t[n].src = s->p + found.off;
            t[n].len = found.len;
        } else if (strcmp(tag, "OS/2") == 0 || strcmp(tag, "name") == 0) {
            return 0; /* libharu needs both */
        } else {
            continue; /* hinting tables and gasp are optional */
        }
        n++;
    }
    return n;
}

/* The sum of the big-endian words of p[0, len), the last one padded
 * with zeros: a table's checksum. */
static uint32_t sfnt_checksum(const unsigned char *p, size_t len)
{
    uint32_t sum = 0;
    size_t i;

    for (i = 0; i + 4 <= len; i += 4)
        sum += (uint32_t)p[i] << 24 | (uint32_t)p[i + 1] << 16 | (uint32_t)p[i + 2] << 8 | p[i + 3];
    if (i < len) {
        unsigned char w[4] = {0, 0, 0, 0};

        memcpy(w, p + i, len - i);
        sum += (uint32_t)w[0] << 24 | (uint32_t)w[1] << 16 | (uint32_t)w[2] << 8 | w[3];
    }
    return sum;
}

/* Fills one table of the copy at p. */
static int sfnt_write_table(const sfnt_compact *c, const sfnt_out *t, unsigned char *p,
                            unsigned char *loca)
{
    const sfnt_font *f = &c->f;

    if (t->src) {
        memcpy(p, t->src, t->len);
        if (strcmp(t->tag, "head") == 0) {
            sfnt_put32(p + 8, 0);  /* checkSumAdjustment: set at the end */
            sfnt_put16(p + 50, 1); /* long loca */
        } else if (strcmp(t->tag, "hhea") == 0) {
            sfnt_put16(p + 34, c->n);
        } else if (strcmp(t->tag, "maxp") == 0) {
            sfnt_put16(p + 4, c->n);
        }
        return 0;
    }
    if (strcmp(t->tag, "cmap") == 0)
        sfnt_write_cmap(c, p);
    else if (strcmp(t->tag, "glyf") == 0)
        return sfnt_write_glyphs(c, p, loca);
    else if (strcmp(t->tag, "hmtx") == 0)
        sfnt_write_hmtx(c, p);
    else if (strcmp(t->tag, "post") == 0) {
        /* Format 3: the header (italic angle, underline, fixed pitch)
         * without glyph names, which nothing reads in a PDF. */
        if (f->has_post)
            memcpy(p, f->s->p + f->post.off, 32);
        else
            memset(p, 0, 32);
        sfnt_put32(p, 0x00030000);
    }
    return 0; /* loca is written with glyf */
}

/* Lays the tables out after the directory and writes the whole copy. */
static int sfnt_assemble(const sfnt_compact *c, unsigned char **out, size_t *out_len)
{
    sfnt_out t[14];
    size_t n = sfnt_plan(c, t), i, total, head = 0, loca = 0;
    unsigned char *p;
    unsigned range;

    if (n == 0)
        return -1;
    total = 12 + 16 * n;
    for (i = 0; i < n; i++) {
        t[i].off = total;
        total += sfnt_pad4(t[i].len);
        if (strcmp(t[i].tag, "head") == 0)
            head = t[i].off;
        if (strcmp(t[i].tag, "loca") == 0)
            loca = t[i].off;
    }
    if ((p = calloc(1, total)) == NULL)
        return -1;
    range = 16u << sfnt_log2((unsigned)n);
    sfnt_put32(p, 0x00010000);
    sfnt_put16(p + 4, (unsigned)n);
    sfnt_put16(p + 6, range);
    sfnt_put16(p + 8, sfnt_log2((unsigned)n));
    sfnt_put16(p + 10, 16 * (unsigned)n - range);
    for (i = 0; i < n; i++)
        if (sfnt_write_table(c, &t[i], p + t[i].off, p + loca)) {
            free(p);
            return -1;
        }
    for (i = 0; i < n; i++) {
        unsigned char *e = p + 12 + 16 * i;

        memcpy(e, t[i].tag, 4);
        sfnt_put32(e + 4, sfnt_checksum(p + t[i].off, t[i].len));
        sfnt_put32(e + 8, (uint32_t)t[i].off);
        sfnt_put32(e + 12, (uint32_t)t[i].len);
    }
    sfnt_put32(p + head + 8, 0xb1b0afbau - sfnt_checksum(p, total));
    *out = p;
    *out_len = total;
    return 0;
}

int sfnt_compact_cp1252(const sfnt *s, unsigned char **out, size_t *out_len)
{
    sfnt_compact *c = calloc(1, sizeof *c);
    int rc = -1;

    *out = NULL;
    *out_len = 0;
    if (c == NULL)
        return -1;
    if (sfnt_font_open(s, &c->f) == 0 && sfnt_cp1252_glyphs(&c->f, c->used) == 0 &&
        sfnt_number(c) == 0) {
        sfnt_segments(c);
        rc = sfnt_assemble(c, out, out_len);
    }
    free(c->new_id);
    free(c->old_id);
    free(c);
    return rc;
}

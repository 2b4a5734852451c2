#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memfd_create */
#endif
#include "fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>

struct fonts_face {
    char *file;
    FcCharSet *charset; /* our own reference */
};

/* One face found, under the family and style it was asked for. */
typedef struct fonts_entry {
    char *family;
    int bold, italic;
    fonts_face face;
    struct fonts_entry *next;
} fonts_entry;

/* The faces found in this process.  Global because fontconfig's own state
 * is: its configuration is parsed once a process (FcInit, about 27 million
 * instructions) and a match costs about 2 million more, so a face is
 * looked up once a process rather than once a document.  The program is
 * single-threaded; batch workers are processes that inherit the cache. */
static fonts_entry *fonts_cache;

/* The slimmed copies made in this process (see fonts_embed_open), one per
 * file and encoding; global and kept for the same reason as the faces: a
 * batch worker embeds the same faces in every briefing. */
typedef struct fonts_copy_entry {
    char *file;
    int cp1252;
    int fd; /* the memfd; -1: no copy could be made, embed the file */
    struct fonts_copy_entry *next;
} fonts_copy_entry;

static fonts_copy_entry *fonts_copies;

/* 1 when one of the match's family names is family (fontconfig falls back
 * to any font at all rather than fail, so the match must be checked). */
static int fonts_family_is(FcPattern *match, const char *family)
{
    FcChar8 *name;
    int i;

    for (i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0)
            return 1;
    return 0;
}

static int fonts_is_ttf(const char *file)
{
    size_t n = strlen(file);

    return n > 4 && strcasecmp(file + n - 4, ".ttf") == 0;
}

/* Starts fontconfig once a process; 1 when it is ready.  FcInit parses the
 * configuration and then, only so that fc-conflist can list their
 * descriptions, every file in the folder of configurations available but
 * not enabled (Debian: 54 files besides the 46 in use).  That second parse
 * was half of FcInit's cost and none of its effect, so the configuration
 * is loaded here as FcInit loads it, without it: the same files, the same
 * FONTCONFIG_FILE and FONTCONFIG_PATH, the same font caches.  When that
 * fails (no fonts.conf, say), FcInit does it all, with its fallback
 * configuration and its warnings. */
static int fonts_start(void)
{
    static int started;
    FcConfig *config;

    if (started)
        return 1;
    config = FcConfigCreate();
    if (config && FcConfigParseAndLoad(config, NULL, FcTrue) && FcConfigBuildFonts(config)
        && FcConfigSetCurrent(config)) {
        /* The current configuration lives as long as the process, as
         * FcInit's does; fontconfig holds it (and, since 2.13, a reference). */
        started = 1;
        return 1;
    }
    if (config)
        FcConfigDestroy(config);
    started = FcInit() ? 1 : 0;
    return started;
}

/* Asks fontconfig for the face and fills e->face. */
static int fonts_match(const char *family, int bold, int italic, fonts_entry *e, diag *d)
{
    FcPattern *pat = NULL, *match = NULL;
    FcResult res;
    FcChar8 *file;
    FcCharSet *cs;
    const char *style = bold ? (italic ? "bold italic" : "bold") : (italic ? "italic" : "regular");
    int status = BRIEFING_OK;

    if (!fonts_start())
        return diag_set(d, BRIEFING_ERR_CONFIG, "font \"%s\": fontconfig cannot start", family);
    pat = FcPatternCreate();
    if (pat == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "font \"%s\": out of memory", family);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &res);
    if (match == NULL || !fonts_family_is(match, family)) {
        status = diag_set(d, BRIEFING_ERR_CONFIG,
                          "font \"%s\" (%s): not installed (fontconfig finds no such family)",
                          family, style);
        goto out;
    }
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch ||
        !fonts_is_ttf((const char *)file)) {
        status = diag_set(d, BRIEFING_ERR_CONFIG,
                          "font \"%s\" (%s): expected a TrueType .ttf file, found %s", family,
                          style, FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch
                                     ? (const char *)file : "none");
        goto out;
    }
    if ((e->face.file = strdup((const char *)file)) == NULL)
        goto nomem;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch &&
        (e->face.charset = FcCharSetCopy(cs)) == NULL)
        goto nomem;
    goto out;
nomem:
    status = diag_set(d, BRIEFING_ERR_NOMEM, "font \"%s\": out of memory", family);
out:
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return status;
}

static void fonts_entry_free(fonts_entry *e)
{
    if (e->face.charset)
        FcCharSetDestroy(e->face.charset);
    free(e->face.file);
    free(e->family);
    free(e);
}

int fonts_find(const char *family, int bold, int italic, const fonts_face **out, diag *d)
{
    fonts_entry *e;
    int status;

    *out = NULL;
    if (family == NULL || family[0] == '\0')
        return diag_set(d, BRIEFING_ERR_CONFIG, "font family: expected a name, got nothing");
    bold = bold != 0;
    italic = italic != 0;
    for (e = fonts_cache; e; e = e->next)
        if (e->bold == bold && e->italic == italic && strcmp(e->family, family) == 0) {
            *out = &e->face;
            return BRIEFING_OK;
        }
    if ((e = calloc(1, sizeof *e)) == NULL || (e->family = strdup(family)) == NULL) {
        free(e);
        return diag_set(d, BRIEFING_ERR_NOMEM, "font \"%s\": out of memory", family);
    }
    e->bold = bold;
    e->italic = italic;
    if ((status = fonts_match(family, bold, italic, e, d)) != BRIEFING_OK) {
        fonts_entry_free(e);
        return status;
    }
    e->next = fonts_cache;
    fonts_cache = e;
    *out = &e->face;
    return BRIEFING_OK;
}

const char *fonts_file(const fonts_face *f)
{
    return f->file;
}

int fonts_has(const fonts_face *f, uint32_t cp)
{
    return f != NULL && f->charset != NULL && FcCharSetHasChar(f->charset, cp);
}

void fonts_cache_clear(void)
{
    while (fonts_cache) {
        fonts_entry *e = fonts_cache;

        fonts_cache = e->next;
        fonts_entry_free(e);
    }
    while (fonts_copies) {
        fonts_copy_entry *c = fonts_copies;

        fonts_copies = c->next;
        if (c->fd >= 0)
            close(c->fd);
        free(c->file);
        free(c);
    }
}

/* ---- the copy for embedding ------------------------------------------------ */

/* A TrueType file mapped into memory; every read is checked against its
 * size, so a damaged font makes the copy fail, never the program. */
typedef struct fonts_sfnt {
    const unsigned char *p;
    size_t n;
} fonts_sfnt;

/* A table: where it is and how long, and its entry in the directory. */
typedef struct fonts_table {
    size_t off, len, entry;
} fonts_table;

#define FONTS_MAX_FILE (64u << 20)
#define FONTS_MAX_GLYPHS 65536

static int fonts_u16(const fonts_sfnt *s, size_t at, unsigned *v)
{
    if (at > s->n || s->n - at < 2)
        return -1;
    *v = (unsigned)s->p[at] << 8 | s->p[at + 1];
    return 0;
}

static int fonts_u32(const fonts_sfnt *s, size_t at, uint32_t *v)
{
    unsigned hi, lo;

    if (fonts_u16(s, at, &hi) || fonts_u16(s, at + 2, &lo))
        return -1;
    *v = (uint32_t)hi << 16 | lo;
    return 0;
}

/* Finds a table by tag; -1 when it is missing or runs past the file. */
static int fonts_table_find(const fonts_sfnt *s, const char *tag, fonts_table *t)
{
    unsigned n, i;
    uint32_t off, len;

    if (fonts_u16(s, 4, &n))
        return -1;
    for (i = 0; i < n; i++) {
        size_t entry = 12 + 16 * (size_t)i;

        if (entry + 16 > s->n)
            return -1;
        if (memcmp(s->p + entry, tag, 4) != 0)
            continue;
        if (fonts_u32(s, entry + 8, &off) || fonts_u32(s, entry + 12, &len) || off > s->n ||
            s->n - off < len)
            return -1;
        t->off = off;
        t->len = len;
        t->entry = entry;
        return 0;
    }
    return -1;
}

/* The glyph of code point cp by the Windows Unicode BMP cmap (platform 3,
 * encoding 1, format 4), the one libharu reads; 0 when there is none. */
static unsigned fonts_glyph(const fonts_sfnt *s, size_t sub, unsigned cp)
{
    unsigned segx2, k, end, start, delta, range, g;
    size_t ends = sub + 14, starts, deltas, ranges;

    if (fonts_u16(s, sub + 6, &segx2))
        return 0;
    starts = ends + segx2 + 2;
    deltas = starts + segx2;
    ranges = deltas + segx2;
    for (k = 0; k < segx2 / 2; k++) {
        if (fonts_u16(s, ends + 2 * k, &end) || fonts_u16(s, starts + 2 * k, &start))
            return 0;
        if (cp < start || cp > end)
            continue;
        if (fonts_u16(s, deltas + 2 * k, &delta) || fonts_u16(s, ranges + 2 * k, &range))
            return 0;
        if (range == 0)
            return (cp + delta) & 0xffff;
        if (fonts_u16(s, ranges + 2 * k + range + 2 * (cp - start), &g) || g == 0)
            return 0;
        return (g + delta) & 0xffff;
    }
    return 0;
}

/* The format-4 subtable of the Windows Unicode BMP cmap; 0 when absent. */
static size_t fonts_cmap4(const fonts_sfnt *s)
{
    fonts_table cmap;
    unsigned n, i, platform, encoding, format;
    uint32_t off;

    if (fonts_table_find(s, "cmap", &cmap) || fonts_u16(s, cmap.off + 2, &n))
        return 0;
    for (i = 0; i < n; i++) {
        size_t rec = cmap.off + 4 + 8 * (size_t)i;

        if (fonts_u16(s, rec, &platform) || fonts_u16(s, rec + 2, &encoding) ||
            fonts_u32(s, rec + 4, &off))
            return 0;
        if (platform == 3 && encoding == 1 && off < cmap.len &&
            fonts_u16(s, cmap.off + off, &format) == 0 && format == 4)
            return cmap.off + off;
    }
    return 0;
}

/* Marks the components of composite glyph g in used.  Returns 1 when it
 * marked a glyph not marked before, 0 when not, -1 on a damaged glyph. */
static int fonts_components(const fonts_sfnt *s, const fonts_table *glyf, const fonts_table *loca,
                            int long_loca, unsigned g, unsigned n_glyphs, unsigned char *used)
{
    uint32_t start, end;
    unsigned v, flags, comp;
    size_t at;
    int marked = 0;

    if (long_loca) {
        if (fonts_u32(s, loca->off + 4 * (size_t)g, &start) ||
            fonts_u32(s, loca->off + 4 * (size_t)g + 4, &end))
            return -1;
    } else {
        if (fonts_u16(s, loca->off + 2 * (size_t)g, &v))
            return -1;
        start = 2 * v;
        if (fonts_u16(s, loca->off + 2 * (size_t)g + 2, &v))
            return -1;
        end = 2 * v;
    }
    if (end <= start)
        return 0; /* no outline */
    if (end > glyf->len || end - start < 10 || fonts_u16(s, glyf->off + start, &v))
        return -1;
    if (v < 0x8000)
        return 0; /* numberOfContours >= 0: a simple glyph */
    at = glyf->off + start + 10;
    do {
        if (at + 4 > glyf->off + end || fonts_u16(s, at, &flags) || fonts_u16(s, at + 2, &comp))
            return -1;
        if (comp >= n_glyphs)
            return -1;
        if (!(used[comp / 8] & (1u << (comp % 8)))) {
            used[comp / 8] |= (unsigned char)(1u << (comp % 8));
            marked = 1;
        }
        at += 4 + (flags & 0x0001 ? 4 : 2)             /* ARG_1_AND_2_ARE_WORDS */
              + (flags & 0x0008 ? 2 : 0)               /* WE_HAVE_A_SCALE */
              + (flags & 0x0040 ? 4 : 0)               /* WE_HAVE_AN_X_AND_Y_SCALE */
              + (flags & 0x0080 ? 8 : 0);              /* WE_HAVE_A_TWO_BY_TWO */
    } while (flags & 0x0020);                          /* MORE_COMPONENTS */
    return marked;
}

/* The glyphs a CP1252 font can draw: glyph 0, each CP1252 character's and,
 * through composite glyphs, the glyphs theirs are built from.  Returns the
 * number of glyphs, or 0 when the font is not one this understands. */
static unsigned fonts_cp1252_glyphs(const fonts_sfnt *s, unsigned char *used)
{
    static const uint16_t high[32] = {
        0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
        0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
        0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178};
    fonts_table glyf, loca;
    unsigned n_glyphs, long_loca, c, g, pass;
    size_t sub = fonts_cmap4(s);
    fonts_table maxp, head;
    int changed;

    if (sub == 0 || fonts_table_find(s, "maxp", &maxp) || fonts_u16(s, maxp.off + 4, &n_glyphs) ||
        fonts_table_find(s, "head", &head) || fonts_u16(s, head.off + 50, &long_loca) ||
        fonts_table_find(s, "glyf", &glyf) || fonts_table_find(s, "loca", &loca) || n_glyphs == 0)
        return 0;
    memset(used, 0, FONTS_MAX_GLYPHS / 8);
    used[0] = 1;
    for (c = 0x20; c <= 0xff; c++) {
        unsigned cp = c >= 0x80 && c < 0xa0 ? high[c - 0x80] : c;

        if (cp != 0 && c != 0x7f && (g = fonts_glyph(s, sub, cp)) < n_glyphs)
            used[g / 8] |= (unsigned char)(1u << (g % 8));
    }
    /* Components may be composite themselves: again until nothing is new
     * (a few passes; bounded in case a damaged font loops). */
    for (pass = 0, changed = 1; changed && pass < 16; pass++) {
        changed = 0;
        for (g = 0; g < n_glyphs; g++) {
            int r;

            if (!(used[g / 8] & (1u << (g % 8))))
                continue;
            if ((r = fonts_components(s, &glyf, &loca, long_loca != 0, g, n_glyphs, used)) < 0)
                return 0;
            changed |= r;
        }
    }
    return changed ? 0 : n_glyphs;
}

/* Writes buf[0, n) at offset at of fd; -1 on failure. */
static int fonts_pwrite(int fd, const void *buf, size_t n, off_t at)
{
    const unsigned char *p = buf;

    while (n > 0) {
        ssize_t w = pwrite(fd, p, n, at);

        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
        at += w;
    }
    return 0;
}

/* Zeroes, in the copy, the metrics of the glyphs not in used: advance and
 * left side bearing for the first numberOfHMetrics glyphs, the bearing
 * alone for the rest.  Returns -1 when the copy could not be written; a
 * font whose tables do not add up is left as it is. */
static int fonts_slim_hmtx(const fonts_sfnt *s, int fd)
{
    unsigned char used[FONTS_MAX_GLYPHS / 8];
    fonts_table hhea, hmtx;
    unsigned n_glyphs, n_metrics, g;
    unsigned char *copy;
    size_t size;
    int rc;

    if ((n_glyphs = fonts_cp1252_glyphs(s, used)) == 0 || fonts_table_find(s, "hhea", &hhea) ||
        fonts_u16(s, hhea.off + 34, &n_metrics) || fonts_table_find(s, "hmtx", &hmtx) ||
        n_metrics == 0 || n_metrics > n_glyphs)
        return 0;
    size = 4 * (size_t)n_metrics + 2 * (size_t)(n_glyphs - n_metrics);
    if (hmtx.len < size || (copy = malloc(size)) == NULL)
        return 0;
    memcpy(copy, s->p + hmtx.off, size);
    for (g = 0; g < n_glyphs; g++) {
        if (used[g / 8] & (1u << (g % 8)))
            continue;
        if (g < n_metrics)
            memset(copy + 4 * (size_t)g, 0, 4);
        else
            memset(copy + 4 * (size_t)n_metrics + 2 * (size_t)(g - n_metrics), 0, 2);
    }
    rc = fonts_pwrite(fd, copy, size, (off_t)hmtx.off);
    free(copy);
    return rc;
}

/* Writes the slimmed copy of the mapped font s into fd.  Returns 0 when
 * the copy is ready, -1 when it cannot be made. */
static int fonts_slim(const fonts_sfnt *s, int fd, int cp1252)
{
    static const unsigned char format3[4] = {0, 3, 0, 0}, len32[4] = {0, 0, 0, 32};
    fonts_table post;
    uint32_t version;

    if (fonts_u32(s, 0, &version) || (version != 0x00010000 && version != 0x74727565) ||
        fonts_table_find(s, "post", &post) || post.len < 32)
        return -1;
    /* Format 3: the header (italic angle, underline, fixed pitch) without
     * the glyph names, which nothing reads once the font is in a PDF (a
     * viewer finds glyphs through the cmap). */
    if (fonts_pwrite(fd, format3, 4, (off_t)post.off) != 0 ||
        fonts_pwrite(fd, len32, 4, (off_t)post.entry + 12) != 0)
        return -1;
    return cp1252 ? fonts_slim_hmtx(s, fd) : 0;
}

/* Copies the n bytes of file src to fd, in the kernel (sendfile): four
 * times as fast as writing them from a mapping, which faults every page
 * in. */
static int fonts_copy(int src, int fd, size_t n)
{
    off_t at = 0;

    while ((size_t)at < n) {
        ssize_t w = sendfile(fd, src, &at, n - (size_t)at);

        if (w <= 0)
            return -1;
    }
    return 0;
}

/* Writes the slimmed copy of file into a new memfd; returns its
 * descriptor, or -1 when no copy can be made. */
static int fonts_make_copy(const char *file, int cp1252)
{
#ifdef MFD_CLOEXEC
    struct stat st;
    fonts_sfnt s = {NULL, 0};
    void *map = MAP_FAILED;
    char path[40];
    int src, fd = -1, ok = 0;

    if ((src = open(file, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    if (fstat(src, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 12 &&
        (uintmax_t)st.st_size <= FONTS_MAX_FILE &&
        (map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, src, 0)) != MAP_FAILED &&
        (fd = memfd_create("briefing-font", MFD_CLOEXEC)) >= 0) {
        s.p = map;
        s.n = (size_t)st.st_size;
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        ok = fonts_copy(src, fd, s.n) == 0 && fonts_slim(&s, fd, cp1252) == 0 &&
             access(path, R_OK) == 0;
    }
    if (map != MAP_FAILED)
        munmap(map, (size_t)st.st_size);
    close(src);
    if (!ok && fd >= 0) {
        close(fd);
        fd = -1;
    }
    return fd;
#else
    (void)file;
    (void)cp1252;
    return -1;
#endif
}

const char *fonts_embed_open(const char *file, int cp1252, fonts_embed *e)
{
    fonts_copy_entry *c;
    int fd;

    e->fd = -1;
    e->path[0] = '\0';
    cp1252 = cp1252 != 0;
    for (c = fonts_copies; c; c = c->next)
        if (c->cp1252 == cp1252 && strcmp(c->file, file) == 0)
            break;
    if (c == NULL && (c = calloc(1, sizeof *c)) != NULL) {
        if ((c->file = strdup(file)) == NULL) {
            free(c);
            c = NULL;
        } else {
            c->cp1252 = cp1252;
            c->fd = fonts_make_copy(file, cp1252);
            c->next = fonts_copies;
            fonts_copies = c;
        }
    }
    /* Out of memory for the list: a copy for this document alone. */
    fd = c ? c->fd : (e->fd = fonts_make_copy(file, cp1252));
    if (fd < 0)
        return file;
    snprintf(e->path, sizeof e->path, "/proc/self/fd/%d", fd);
    return e->path;
}

void fonts_embed_close(fonts_embed *e)
{
    if (e->fd >= 0)
        close(e->fd);
    e->fd = -1;
    e->path[0] = '\0';
}

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

#include <briefing/status.h>

#include "fontcache.h"
#include "sfnt.h"

/* A face is what fontconfig said of it: its file and its characters, the
 * same whether fontconfig was asked in this run or in an earlier one. */
struct fonts_face {
    fontcache_answer a;
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

/* The characters of cs as spans into a (which has none yet), walking
 * fontconfig's pages of 256 characters bit by bit; -1 when memory ran
 * out. */
static int fonts_spans(const FcCharSet *cs, fontcache_answer *a)
{
    FcChar32 map[FC_CHARSET_MAP_SIZE], next, base;
    size_t cap = 0;
    int i, bit;

    for (base = FcCharSetFirstPage(cs, map, &next); base != FC_CHARSET_DONE;
         base = FcCharSetNextPage(cs, map, &next))
        for (i = 0; i < FC_CHARSET_MAP_SIZE; i++)
            for (bit = 0; bit < 32 && map[i] >> bit; bit++) {
                uint32_t cp = base + (uint32_t)i * 32 + (uint32_t)bit;

                if ((map[i] >> bit & 1) && fontcache_add(a, cp, cp, &cap) != 0)
                    return -1;
            }
    return 0;
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
    if ((e->face.a.file = strdup((const char *)file)) == NULL)
        goto nomem;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch &&
        fonts_spans(cs, &e->face.a) != 0)
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

/* An earlier run's answer from the cache file, into a: 1, or 0 with a
 * empty.  Its file is checked as fontconfig's would be. */
static int fonts_cached(const char *family, int bold, int italic, fontcache_answer *a)
{
    if (!fontcache_get(family, bold, italic, a))
        return 0;
    if (fonts_is_ttf(a->file))
        return 1;
    fontcache_answer_free(a);
    return 0;
}

static void fonts_entry_free(fonts_entry *e)
{
    fontcache_answer_free(&e->face.a);
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
    /* An earlier run's answer when nothing it depends on changed, else
     * fontconfig's, kept for the runs after. */
    if (fonts_cached(family, bold, italic, &e->face.a)) {
        status = BRIEFING_OK;
    } else if ((status = fonts_match(family, bold, italic, e, d)) == BRIEFING_OK) {
        fontcache_put(family, bold, italic, &e->face.a);
    }
    if (status != BRIEFING_OK) {
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
    return f->a.file;
}

int fonts_has(const fonts_face *f, uint32_t cp)
{
    size_t lo = 0, hi;

    if (f == NULL)
        return 0;
    /* Binary search for the span holding cp: the first span not wholly
     * below it. */
    for (hi = f->a.n_spans; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;

        if (f->a.spans[mid].last < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->a.n_spans && f->a.spans[lo].first <= cp;
}

void fonts_cache_clear(void)
{
    fontcache_clear();
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

#define FONTS_MAX_FILE (64u << 20)

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

/* Rewrites, in fd (a copy of the mapped font s), the "post" table as
 * format 3: its 32-byte header (italic angle, underline, fixed pitch)
 * without the glyph names, which nothing reads once the font is in a PDF
 * (a viewer finds glyphs through the cmap).  0, or -1 when the copy
 * cannot be made so. */
static int fonts_slim_post(const sfnt *s, int fd)
{
    static const unsigned char format3[4] = {0, 3, 0, 0}, len32[4] = {0, 0, 0, 32};
    sfnt_table post;
    uint32_t version;

    if (sfnt_u32(s, 0, &version) || (version != 0x00010000 && version != 0x74727565) ||
        sfnt_table_find(s, "post", &post) || post.len < 32)
        return -1;
    if (fonts_pwrite(fd, format3, 4, (off_t)post.off) != 0 ||
        fonts_pwrite(fd, len32, 4, (off_t)post.entry + 12) != 0)
        return -1;
    return 0;
}

/* Fills fd with the copy of the mapped font s (read from src): for a
 * CP1252 face the compact copy (sfnt_compact_cp1252), else, or when that
 * cannot be made, the whole file with its glyph names left out.  0, or -1
 * when no copy can be made. */
static int fonts_fill(const sfnt *s, int src, int fd, int cp1252)
{
    unsigned char *compact;
    size_t len;
    int rc;

    if (cp1252 && sfnt_compact_cp1252(s, &compact, &len) == 0) {
        rc = fonts_pwrite(fd, compact, len, 0);
        free(compact);
        return rc;
    }
    return fonts_copy(src, fd, s->n) == 0 && fonts_slim_post(s, fd) == 0 ? 0 : -1;
}

/* Writes the slimmed copy of file into a new memfd; returns its
 * descriptor, or -1 when no copy can be made. */
static int fonts_make_copy(const char *file, int cp1252)
{
#ifdef MFD_CLOEXEC
    struct stat st;
    sfnt s = {NULL, 0};
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
        ok = fonts_fill(&s, src, fd, cp1252) == 0 && access(path, R_OK) == 0;
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

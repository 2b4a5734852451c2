#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* program_invocation_short_name */
#endif
#include "fontcache.h"

#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/status.h>

#include "buf.h"
#include "diag.h"
#include "log.h"
#include "output.h"
#include "paths.h"

/* A cache file larger than this was not written by us. */
#define FONTCACHE_MAX (4u << 20)
#define FONTCACHE_LINE_MAX 8192

/* The environment variables fontconfig's answers depend on: where its
 * configuration lives (FONTCONFIG_*, HOME, XDG_*) and the languages it
 * prefers faces for (FC_LANG, else the locale's). */
static const char *const fontcache_env[] = {
    "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME",
    "XDG_CONFIG_HOME", "XDG_DATA_HOME",   "XDG_CACHE_HOME",     "FC_LANG",
    "LC_ALL",          "LC_CTYPE",        "LANG",
};

typedef struct fontcache_entry {
    char *family;
    int bold, italic;
    fontcache_answer a;
    struct fontcache_entry *next;
} fontcache_entry;

/* The answers this process may use: read from the file (when it was still
 * right) and given by fontconfig since.  Process-wide, as fontconfig's own
 * state is; batch workers are forked and inherit it. */
static int fontcache_was_read;
static fontcache_entry *fontcache_entries;

/* A list of paths, each malloc'd. */
typedef struct fontcache_paths {
    char **v;
    size_t n, cap;
} fontcache_paths;

/* ---- small pieces ---------------------------------------------------------- */

void fontcache_answer_free(fontcache_answer *a)
{
    free(a->file);
    free(a->spans);
    memset(a, 0, sizeof *a);
}

static void fontcache_entry_free(fontcache_entry *e)
{
    free(e->family);
    fontcache_answer_free(&e->a);
    free(e);
}

static void fontcache_free_all(fontcache_entry *e)
{
    while (e) {
        fontcache_entry *next = e->next;

        fontcache_entry_free(e);
        e = next;
    }
}

/* Copies src into *dst (file and spans malloc'd); -1 when memory ran out,
 * *dst untouched then. */
static int fontcache_copy(fontcache_answer *dst, const fontcache_answer *src)
{
    size_t bytes = src->n_spans * sizeof *src->spans;
    char *file = strdup(src->file);
    fontcache_span *spans = malloc(bytes ? bytes : 1);

    if (file == NULL || spans == NULL) {
        free(file);
        free(spans);
        return -1;
    }
    dst->file = file;
    dst->spans = spans;
    dst->n_spans = src->n_spans;
    if (bytes > 0) /* a face with no characters has no spans at all */
        memcpy(dst->spans, src->spans, bytes);
    return 0;
}

/* The cache file's path, into b.  *dflt is 1 for the default place, whose
 * folders fontcache_write may create.  -1: no cache (off, no usable HOME,
 * or memory). */
static int fontcache_path(buf *b, int *dflt)
{
    const char *e = getenv("BRIEFING_FONT_CACHE"), *x;

    *dflt = 0;
    if (e && *e)
        return strcmp(e, "off") == 0 ? -1 : buf_adds(b, e);
    *dflt = 1;
    if ((x = getenv("XDG_CACHE_HOME")) && x[0] == '/')
        return buf_printf(b, "%s/briefing/fonts", x);
    if ((x = getenv("HOME")) && x[0] == '/')
        return buf_printf(b, "%s/.cache/briefing/fonts", x);
    return -1;
}

/* The lines a cache file starts with: what every answer depends on besides
 * the files it stamps.  -1 when that cannot be said in lines (a value
 * holding a newline) or memory ran out. */
static int fontcache_key(buf *b)
{
    size_t i;

    if (buf_printf(b, "briefing font cache 1\nfontconfig %d\nprogram %s\n", FcGetVersion(),
                   program_invocation_short_name) != 0)
        return -1;
    for (i = 0; i < sizeof fontcache_env / sizeof *fontcache_env; i++) {
        const char *v = getenv(fontcache_env[i]);

        if (v && strchr(v, '\n'))
            return -1;
        if ((v ? buf_printf(b, "env %s=%s\n", fontcache_env[i], v)
               : buf_printf(b, "env %s\n", fontcache_env[i])) != 0)
            return -1;
    }
    return 0;
}

/* One line saying what is at path now: "stamp DEV INO MODE SIZE MTIME CTIME
 * PATH" (times to the nanosecond: an edit, a rename into a folder, a chmod
 * each move one), or "absent ERRNO PATH".  -1 for a path that cannot be a
 * line, or memory. */
static int fontcache_stamp(buf *b, const char *path)
{
    struct stat st;

    if (strchr(path, '\n') || strlen(path) > FONTCACHE_LINE_MAX / 2)
        return -1;
    if (stat(path, &st) != 0)
        return buf_printf(b, "absent %d %s\n", errno, path);
    return buf_printf(b, "stamp %ju %ju %o %jd %jd.%09ld %jd.%09ld %s\n", (uintmax_t)st.st_dev,
                      (uintmax_t)st.st_ino, (unsigned)st.st_mode, (intmax_t)st.st_size,
                      (intmax_t)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                      (intmax_t)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec, path);
}

/* The path a stamp line names (after its fields), or NULL when line is no
 * stamp. */
static const char *fontcache_stamp_path(const char *line)
{
    int fields;

    if (strncmp(line, "stamp ", 6) == 0)
        fields = 8;
    else if (strncmp(line, "absent ", 7) == 0)
        fields = 3;
    else
        return NULL;
    while (--fields > 0)
        if ((line = strchr(line, ' ')) == NULL || *++line == '\0')
            return NULL;
    return line;
}

/* 1 when line (a stamp line, without its newline) says what is at its path
 * now; *path set to that path. */
static int fontcache_stamp_holds(const char *line, buf *scratch, const char **path)
{
    size_t n = strlen(line);

    if ((*path = fontcache_stamp_path(line)) == NULL)
        return 0;
    buf_reset(scratch);
    return fontcache_stamp(scratch, *path) == 0 && scratch->len == n + 1 &&
           memcmp(scratch->data, line, n) == 0;
}

/* Reads a hexadecimal number of 1 to 6 digits at *s, then the character
 * after (a space, or the line's end: NUL); -1 when they are not there. */
static int fontcache_hex(const char **s, char after, uint32_t *v)
{
    const char *p = *s;
    int digits = 0;

    *v = 0;
    for (; digits < 7; p++, digits++) {
        int c = (unsigned char)*p, d;

        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else
            break;
        *v = *v * 16 + (uint32_t)d;
    }
    if (digits == 0 || digits > 6 || *p != after)
        return -1;
    *s = p + 1;
    return 0;
}

int fontcache_add(fontcache_answer *a, uint32_t first, uint32_t last, size_t *cap)
{
    fontcache_span *top = a->n_spans ? &a->spans[a->n_spans - 1] : NULL;

    if (first > last || last > 0x10ffff || (top && first <= top->last))
        return -1;
    if (top && top->last + 1 == first) {
        top->last = last;
        return 0;
    }
    if (a->n_spans == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        fontcache_span *v = realloc(a->spans, c * sizeof *v);

        if (v == NULL)
            return -1;
        a->spans = v;
        *cap = c;
    }
    a->spans[a->n_spans].first = first;
    a->spans[a->n_spans].last = last;
    a->n_spans++;
    return 0;
}

/* Adds the line "span FIRST LAST" to e's answer; -1 when the line is not
 * one, breaks the order, or memory ran out. */
static int fontcache_add_span(fontcache_entry *e, const char *line, size_t *cap)
{
    const char *p = line + 5;
    uint32_t first, last;

    if (fontcache_hex(&p, ' ', &first) || fontcache_hex(&p, '\0', &last))
        return -1;
    return fontcache_add(&e->a, first, last, cap);
}

/* A new entry for a line "face BOLD ITALIC FAMILY"; NULL when the line is
 * not one, or memory ran out. */
static fontcache_entry *fontcache_face_line(const char *line)
{
    fontcache_entry *e;

    if ((line[5] != '0' && line[5] != '1') || line[6] != ' ' ||
        (line[7] != '0' && line[7] != '1') || line[8] != ' ' || line[9] == '\0')
        return NULL;
    if ((e = calloc(1, sizeof *e)) == NULL)
        return NULL;
    e->bold = line[5] == '1';
    e->italic = line[7] == '1';
    if ((e->family = strdup(line + 9)) == NULL) {
        free(e);
        return NULL;
    }
    return e;
}

/* ---- reading --------------------------------------------------------------- */

/* Reads the cache file at path into text when it can be trusted: a plain
 * file (not a link), ours, that nobody else may write, of a sane size.
 * NULL, or why not (a constant). */
static const char *fontcache_slurp(const char *path, buf *text)
{
    struct stat st;
    const char *why = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);

    if (fd < 0)
        return errno == ENOENT ? "none yet" : "cannot be opened";
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        why = "not a plain file";
    else if (st.st_uid != geteuid() || (st.st_mode & 022) != 0)
        why = "another user owns it or may write it";
    else if ((uintmax_t)st.st_size > FONTCACHE_MAX)
        why = "too large";
    while (why == NULL) {
        char chunk[16384];
        ssize_t r = read(fd, chunk, sizeof chunk);

        if (r == 0)
            break;
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || buf_add(text, chunk, (size_t)r) != 0)
            why = "cannot be read";
    }
    close(fd);
    return why;
}

/* Parses the lines after the key: stamps, each checked against what is at
 * its path now, then the faces, each a "face" line, the stamp of its file
 * and its spans, then "end".  Fills *out; NULL, or why the file cannot be
 * used (a constant; *out empty then). */
static const char *fontcache_parse(char *p, const char *end, fontcache_entry **out)
{
    fontcache_entry *e = NULL, **tail = out;
    size_t cap = 0;
    buf scratch;
    const char *why = "damaged (no end)", *path;

    *out = NULL;
    buf_init(&scratch, FONTCACHE_LINE_MAX);
    while (p < end) {
        char *line = p, *nl = memchr(p, '\n', (size_t)(end - p));

        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
        if (strcmp(line, "end") == 0) {
            why = p == end && (e == NULL || e->a.file) ? NULL : "damaged (after its end)";
            break;
        }
        if (strncmp(line, "face ", 5) == 0) {
            if ((e && e->a.file == NULL) || (e = fontcache_face_line(line)) == NULL) {
                why = "damaged (a face)";
                break;
            }
            *tail = e;
            tail = &e->next;
            cap = 0;
        } else if (strncmp(line, "span ", 5) == 0) {
            if (e == NULL || e->a.file == NULL || fontcache_add_span(e, line, &cap) != 0) {
                why = "damaged (a span)";
                break;
            }
        } else if (!fontcache_stamp_holds(line, &scratch, &path)) {
            why = fontcache_stamp_path(line) ? "out of date (fonts or configuration changed)"
                                             : "damaged (a line)";
            break;
        } else if (e && e->a.file == NULL) {
            /* The stamp after a face line is its file's. */
            if (strncmp(line, "stamp ", 6) != 0 || (e->a.file = strdup(path)) == NULL) {
                why = "damaged (a face's file)";
                break;
            }
        } else if (e) {
            why = "damaged (a stamp after the faces)";
            break;
        }
    }
    buf_free(&scratch);
    if (why) {
        fontcache_free_all(*out);
        *out = NULL;
    }
    return why;
}

/* Reads the cache file, once a process, into fontcache_entries when
 * everything its answers depend on is as it was. */
static void fontcache_read(void)
{
    buf path, key, text;
    const char *why = NULL;
    int dflt;

    fontcache_was_read = 1;
    buf_init(&path, 4096);
    buf_init(&key, 65536);
    buf_init(&text, FONTCACHE_MAX);
    if (fontcache_path(&path, &dflt) != 0)
        goto out;
    if (fontcache_key(&key) != 0)
        why = "unusable environment";
    else if ((why = fontcache_slurp(path.data, &text)) != NULL)
        ;
    else if (text.len < key.len || memcmp(text.data, key.data, key.len) != 0)
        why = "made under another environment or fontconfig";
    else
        why = fontcache_parse(text.data + key.len, text.data + text.len, &fontcache_entries);
    log_msg(LOG_DEBUG, NULL, "font cache %s: %s", path.data, why ? why : "up to date");
out:
    buf_free(&path);
    buf_free(&key);
    buf_free(&text);
}

int fontcache_get(const char *family, int bold, int italic, fontcache_answer *a)
{
    fontcache_entry *e;

    if (!fontcache_was_read)
        fontcache_read();
    for (e = fontcache_entries; e; e = e->next)
        if (e->bold == (bold != 0) && e->italic == (italic != 0) && strcmp(e->family, family) == 0)
            return fontcache_copy(a, &e->a) == 0;
    return 0;
}

/* ---- writing --------------------------------------------------------------- */

static int fontcache_paths_add(fontcache_paths *l, const char *path, size_t len)
{
    char *s;

    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, c * sizeof *v);

        if (v == NULL)
            return -1;
        l->v = v;
        l->cap = c;
    }
    if ((s = strndup(path, len)) == NULL)
        return -1;
    l->v[l->n++] = s;
    return 0;
}

/* Adds path and, when parent is 1, the folder holding it (a new file beside
 * a configuration file may be one it includes). */
static int fontcache_paths_add2(fontcache_paths *l, const char *path, int parent)
{
    char dir[FONTCACHE_LINE_MAX];

    if (fontcache_paths_add(l, path, strlen(path)) != 0)
        return -1;
    if (parent && strchr(path, '/')) {
        paths_dirname(path, dir, sizeof dir);
        return fontcache_paths_add(l, dir, strlen(dir));
    }
    return 0;
}

static int fontcache_paths_list(fontcache_paths *l, FcStrList *sl, int parent)
{
    FcChar8 *s;
    int rc = sl ? 0 : -1;

    while (rc == 0 && sl && (s = FcStrListNext(sl)) != NULL)
        rc = fontcache_paths_add2(l, (const char *)s, parent);
    if (sl)
        FcStrListDone(sl);
    return rc;
}

/* The user's configuration files fontconfig reads when they exist (Debian's
 * 50-user.conf): their absence is part of every answer too. */
static int fontcache_paths_user(fontcache_paths *l)
{
    static const char *const xdg[] = {"/fontconfig", "/fontconfig/fonts.conf",
                                      "/fontconfig/conf.d"};
    static const char *const home[] = {"/.fonts.conf", "/.fonts.conf.d"};
    const char *h = getenv("HOME"), *x = getenv("XDG_CONFIG_HOME");
    buf b;
    size_t i;
    int rc = 0;

    buf_init(&b, 8192);
    for (i = 0; rc == 0 && i < 3; i++) {
        buf_reset(&b);
        if (x && x[0] == '/')
            rc = buf_printf(&b, "%s%s", x, xdg[i]);
        else if (h && h[0] == '/')
            rc = buf_printf(&b, "%s/.config%s", h, xdg[i]);
        else
            break;
        rc = rc ? rc : fontcache_paths_add(l, b.data, b.len);
    }
    for (i = 0; rc == 0 && h && h[0] == '/' && i < 2; i++) {
        buf_reset(&b);
        rc = buf_printf(&b, "%s%s", h, home[i]);
        rc = rc ? rc : fontcache_paths_add(l, b.data, b.len);
    }
    buf_free(&b);
    return rc;
}

static int fontcache_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The stamps of every path the current configuration's answers depend on,
 * sorted and once each, into b.  1 when one of those paths is the folder
 * own (the cache file's): writing the file there would change what it
 * stamps, so it is not kept. */
static int fontcache_stamps(buf *b, const char *own)
{
    FcConfig *config = FcConfigGetCurrent();
    fontcache_paths l = {NULL, 0, 0};
    size_t i;
    int rc = -1;

    if (config && fontcache_paths_list(&l, FcConfigGetConfigFiles(config), 1) == 0 &&
        fontcache_paths_list(&l, FcConfigGetConfigDirs(config), 0) == 0 &&
        fontcache_paths_list(&l, FcConfigGetFontDirs(config), 0) == 0 &&
        fontcache_paths_user(&l) == 0) {
        qsort(l.v, l.n, sizeof *l.v, fontcache_cmp);
        for (rc = 0, i = 0; rc == 0 && i < l.n; i++)
            if (strcmp(l.v[i], own) == 0)
                rc = 1;
            else if (i == 0 || strcmp(l.v[i], l.v[i - 1]) != 0)
                rc = fontcache_stamp(b, l.v[i]);
    }
    for (i = 0; i < l.n; i++)
        free(l.v[i]);
    free(l.v);
    return rc;
}

/* Every answer of the process, each as a face line, its file's stamp and
 * its spans. */
static int fontcache_faces(buf *b)
{
    const fontcache_entry *e;
    size_t i;

    for (e = fontcache_entries; e; e = e->next) {
        if (strchr(e->family, '\n') || strlen(e->family) > FONTCACHE_LINE_MAX / 2 ||
            buf_printf(b, "face %d %d %s\n", e->bold, e->italic, e->family) != 0 ||
            fontcache_stamp(b, e->a.file) != 0)
            return -1;
        for (i = 0; i < e->a.n_spans; i++)
            if (buf_printf(b, "span %x %x\n", (unsigned)e->a.spans[i].first,
                           (unsigned)e->a.spans[i].last) != 0)
                return -1;
    }
    return buf_adds(b, "end\n");
}

/* Creates the two folders above the default cache file (~/.cache and
 * ~/.cache/briefing), private as the XDG rules ask, when missing. */
static void fontcache_mkdirs(const char *path)
{
    char *dir = strdup(path), *slash;
    int i;

    for (i = 0; dir && i < 2; i++) {
        if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
            break;
        *slash = '\0';
    }
    /* dir is now the base: create it, then the folder inside it. */
    if (dir && i == 2) {
        mkdir(dir, 0700);
        *slash = '/';
        mkdir(dir, 0700);
    }
    free(dir);
}

/* Writes text to path as output.c writes every file (a temporary file
 * beside it, renamed over it when whole, removed if the program is
 * interrupted), private to the user, which fontcache_slurp asks of it.
 * NULL, or why not. */
static const char *fontcache_save(const char *path, const buf *text)
{
    output o;
    diag d = {0};
    FILE *f;

    if (output_begin(&o, path, &d) != BRIEFING_OK)
        return "cannot be created";
    if (o.direct) { /* a device or a pipe: never a cache */
        output_abort(&o);
        return "not a plain file";
    }
    if (chmod(o.tmp_path, 0600) != 0 || (f = fopen(o.tmp_path, "wb")) == NULL) {
        output_abort(&o);
        return "cannot be created";
    }
    if (fwrite(text->data, 1, text->len, f) != text->len) {
        fclose(f);
        output_abort(&o);
        return "cannot be written";
    }
    if (fclose(f) != 0) {
        output_abort(&o);
        return "cannot be written";
    }
    return output_commit(&o, &d) == BRIEFING_OK ? NULL : "cannot be written";
}

/* Writes the cache file anew with every answer of the process. */
static void fontcache_write(void)
{
    buf path, text;
    const char *why;
    char own[FONTCACHE_LINE_MAX];
    int dflt, rc;

    buf_init(&path, 4096);
    buf_init(&text, FONTCACHE_MAX);
    if (fontcache_path(&path, &dflt) != 0)
        goto out;
    paths_dirname(path.data, own, sizeof own);
    if (fontcache_key(&text) != 0 || (rc = fontcache_stamps(&text, own)) < 0 ||
        fontcache_faces(&text) != 0)
        why = "cannot be written (out of memory, or a path holds a newline)";
    else if (rc == 1)
        why = "not kept: its folder is one that fontconfig's answers depend on";
    else {
        if (dflt)
            fontcache_mkdirs(path.data);
        why = fontcache_save(path.data, &text);
    }
    log_msg(LOG_DEBUG, NULL, "font cache %s: %s", path.data, why ? why : "written");
out:
    buf_free(&path);
    buf_free(&text);
}

void fontcache_put(const char *family, int bold, int italic, const fontcache_answer *a)
{
    fontcache_entry *e, **at;

    if (!fontcache_was_read)
        fontcache_read();
    if ((e = calloc(1, sizeof *e)) == NULL || (e->family = strdup(family)) == NULL ||
        fontcache_copy(&e->a, a) != 0) {
        if (e)
            free(e->family);
        free(e);
        return;
    }
    e->bold = bold != 0;
    e->italic = italic != 0;
    /* In place of an answer to the same question, else at the end. */
    for (at = &fontcache_entries; *at; at = &(*at)->next)
        if ((*at)->bold == e->bold && (*at)->italic == e->italic &&
            strcmp((*at)->family, family) == 0) {
            e->next = (*at)->next;
            fontcache_entry_free(*at);
            break;
        }
    *at = e;
    fontcache_write();
}

void fontcache_clear(void)
{
    fontcache_free_all(fontcache_entries);
    fontcache_entries = NULL;
    fontcache_was_read = 0;
}

/*
 * test_fonts: finding faces by family through fontconfig, and the smaller
 * copy of a face that is embedded.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "fonts.h"
#include "test_util.h"

#define LIBERATION "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
/* In fonts-dejavu-extra, which the program does not need. */
#define DEJAVU_OBLIQUE "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"

/* fontconfig leaks a little while parsing its own configuration (inside
 * libfontconfig and expat, nothing we hold); keep LeakSanitizer quiet
 * about that one library under the sanitizer builds. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

START_TEST(test_finds_styles)
{
    const fonts_face *f;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "LiberationSans-Regular.ttf"));
    ck_assert(fonts_has(f, 'A'));
    ck_assert(fonts_has(f, 0xa3));   /* £ */
    ck_assert(fonts_has(f, 0x2019)); /* ’ */
    ck_assert(!fonts_has(f, 0x4e2d)); /* 中 */
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 1, &f, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(f), "LiberationSans-BoldItalic.ttf"));
    /* DejaVu Sans has no italic. The user install (fonts-dejavu-core) has
     * only its upright face, and asking for italic gets that; with
     * fonts-dejavu-extra there is an oblique, and that is what we get. The
     * suite tests the fonts a user has, not a package only it would need. */
    ck_assert_int_eq(fonts_find("dejavu sans", 0, 1, &f, &d), BRIEFING_OK);
    const char *want = access(DEJAVU_OBLIQUE, R_OK) == 0 ? "/DejaVuSans-Oblique.ttf" : "/DejaVuSans.ttf";
    ck_assert_msg(strstr(fonts_file(f), want), "%s, want %s", fonts_file(f), want);
    ck_assert_int_eq(fonts_find("DejaVu Sans", 0, 0, &f, &d), BRIEFING_OK);
    ck_assert(fonts_has(f, 0x0627)); /* Arabic alef */
    ck_assert(!fonts_has(NULL, 'A'));
    fonts_cache_clear();
}
END_TEST

START_TEST(test_cached)
{
    const fonts_face *a, *b, *c;
    diag d = {0};

    /* The same question gets the same face without asking fontconfig; a
     * different style is a different face. */
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 0, &a, &d), BRIEFING_OK);
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 0, &b, &d), BRIEFING_OK);
    ck_assert_ptr_eq(a, b);
    ck_assert_int_eq(fonts_find("Liberation Sans", 0, 0, &c, &d), BRIEFING_OK);
    ck_assert_ptr_ne(a, c);
    ck_assert_ptr_nonnull(strstr(fonts_file(a), "LiberationSans-Bold.ttf"));
    ck_assert_ptr_nonnull(strstr(fonts_file(c), "LiberationSans-Regular.ttf"));
    fonts_cache_clear();
    /* After clearing, a face is found again. */
    ck_assert_int_eq(fonts_find("Liberation Sans", 1, 0, &a, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(strstr(fonts_file(a), "LiberationSans-Bold.ttf"));
    fonts_cache_clear();
}
END_TEST

START_TEST(test_missing_family)
{
    const fonts_face *f = (const fonts_face *)1;
    diag d = {0};

    ck_assert_int_eq(fonts_find("Comic Nonesuch", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
    ck_assert_ptr_null(f);
    ck_assert_ptr_nonnull(strstr(d.text, "Comic Nonesuch"));
    /* Not remembered as found: asked again, it fails again. */
    diag_clear(&d);
    ck_assert_int_eq(fonts_find("Comic Nonesuch", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
    diag_clear(&d);
    ck_assert_int_eq(fonts_find("", 0, 0, &f, &d), BRIEFING_ERR_CONFIG);
    fonts_cache_clear();
}
END_TEST

START_TEST(test_not_truetype)
{
    const fonts_face *f;
    diag d = {0};

    /* Nimbus Sans comes as OpenType CFF (.otf), which libharu cannot embed. */
    if (fonts_find("Nimbus Sans", 0, 0, &f, &d) == BRIEFING_OK) {
        fonts_cache_clear(); /* installed as .ttf here: nothing to test */
        return;
    }
    ck_assert_int_eq(d.status, BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "TrueType") || strstr(d.text, "not installed"), "%s", d.text);
}
END_TEST

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Offset and length of a table of font p. */
static void table(const unsigned char *p, const char *tag, uint32_t *off, uint32_t *len)
{
    unsigned i, n = (unsigned)p[4] << 8 | p[5];

    for (i = 0; i < n; i++)
        if (memcmp(p + 12 + 16 * i, tag, 4) == 0) {
            *off = be32(p + 12 + 16 * i + 8);
            *len = be32(p + 12 + 16 * i + 12);
            return;
        }
    ck_abort_msg("no %s table", tag);
}

/* A glyph of Liberation Sans Regular (by its cmap) that no CP1252
 * character reaches: Cyrillic Zhe. */
#define GLYPH_ZHE 967

START_TEST(test_embed_copy)
{
    fonts_embed e;
    const char *path;
    unsigned char *orig, *copy;
    size_t n_orig, n_copy;
    uint32_t post, post_len, hmtx, hmtx_len, o, l;

    orig = test_slurp(LIBERATION, &n_orig);
    table(orig, "post", &post, &post_len);
    table(orig, "hmtx", &hmtx, &hmtx_len);
    ck_assert_uint_gt(post_len, 20000); /* the glyph names */

    /* A face drawn as UTF-8: the whole file, without the glyph names. */
    path = fonts_embed_open(LIBERATION, 0, &e);
    ck_assert_str_eq(path, e.path);
    ck_assert_ptr_nonnull(strstr(path, "/proc/self/fd/"));
    ck_assert_int_eq(e.fd, -1); /* the copy is kept for the process */
    copy = test_slurp(path, &n_copy);
    fonts_embed_close(&e);
    ck_assert_uint_eq(n_copy, n_orig);
    /* post: format 3, its header only, the underline kept. */
    table(copy, "post", &o, &l);
    ck_assert_uint_eq(o, post);
    ck_assert_uint_eq(l, 32);
    ck_assert_uint_eq(be32(copy + post), 0x00030000);
    ck_assert_int_eq(memcmp(copy + post + 4, orig + post + 4, 28), 0);
    /* Every glyph's metrics and outline are untouched. */
    ck_assert_int_eq(memcmp(copy + hmtx, orig + hmtx, hmtx_len), 0);
    ck_assert_uint_ne(be32(orig + hmtx + 4 * GLYPH_ZHE), 0);
    table(copy, "glyf", &o, &l);
    ck_assert_int_eq(memcmp(copy + o, orig + o, l), 0);
    free(copy);

    /* A face drawn as CP1252: the compact copy (test_sfnt checks it
     * glyph by glyph), a tenth of the file. */
    path = fonts_embed_open(LIBERATION, 1, &e);
    ck_assert_ptr_nonnull(strstr(path, "/proc/self/fd/"));
    copy = test_slurp(path, &n_copy);
    fonts_embed_close(&e);
    ck_assert_uint_lt(n_copy, n_orig / 5);
    table(copy, "post", &o, &l);
    ck_assert_uint_eq(l, 32);
    table(copy, "hmtx", &o, &l);
    ck_assert_uint_lt(l, hmtx_len / 5);
    free(copy);
    free(orig);
    fonts_embed_close(&e); /* twice is harmless */
    fonts_cache_clear();
}
END_TEST

START_TEST(test_embed_kept)
{
    fonts_embed a, b, c;
    char first[sizeof a.path], second[sizeof a.path];
    unsigned char *copy;
    size_t n;
    uint32_t post, len;

    /* One copy a process for each file and encoding: the next document
     * gets the same one, the other encoding another. */
    snprintf(first, sizeof first, "%s", fonts_embed_open(LIBERATION, 1, &a));
    snprintf(second, sizeof second, "%s", fonts_embed_open(LIBERATION, 1, &b));
    ck_assert_str_eq(first, second);
    ck_assert_str_ne(fonts_embed_open(LIBERATION, 0, &c), first);
    fonts_embed_close(&a);
    fonts_embed_close(&b);
    fonts_embed_close(&c);
    /* Still readable after the callers closed theirs. */
    copy = test_slurp(first, &n);
    table(copy, "post", &post, &len);
    ck_assert_uint_eq(len, 32);
    free(copy);
    /* Clearing the cache closes it. */
    fonts_cache_clear();
    ck_assert_int_ne(access(first, R_OK), 0);
}
END_TEST

START_TEST(test_embed_fallback)
{
    char tmpl[] = "/tmp/test_fonts_XXXXXX";
    fonts_embed e;
    int fd = mkstemp(tmpl);
    unsigned char *orig;
    size_t n;
    FILE *fp;

    /* A file cut short, or no font at all: the file itself is used. */
    ck_assert_int_ge(fd, 0);
    fp = fdopen(fd, "wb");
    ck_assert_ptr_nonnull(fp);
    orig = test_slurp(LIBERATION, &n);
    ck_assert_uint_eq(fwrite(orig, 1, 300, fp), 300);
    fclose(fp);
    ck_assert_str_eq(fonts_embed_open(tmpl, 1, &e), tmpl);
    ck_assert_int_eq(e.fd, -1);
    ck_assert_str_eq(fonts_embed_open("/nonexistent/font.ttf", 1, &e), "/nonexistent/font.ttf");
    ck_assert_str_eq(fonts_embed_open("/dev/null", 1, &e), "/dev/null");
    ck_assert_int_eq(e.fd, -1);
    unlink(tmpl);
    free(orig);
    fonts_cache_clear();
}
END_TEST

int main(void)
{
    Suite *s = suite_create("fonts");
    TCase *tc = tcase_create("fontconfig");

    tcase_add_test(tc, test_finds_styles);
    tcase_add_test(tc, test_cached);
    tcase_add_test(tc, test_missing_family);
    tcase_add_test(tc, test_not_truetype);
    tcase_add_test(tc, test_embed_copy);
    tcase_add_test(tc, test_embed_kept);
    tcase_add_test(tc, test_embed_fallback);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

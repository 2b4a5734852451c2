/*
 * test_sfnt: the compact copy of a TrueType face that a CP1252 PDF font
 * embeds: every CP1252 character still finds a glyph that draws exactly as
 * before, and a damaged font is refused, never followed.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfnt.h"
#include "test_util.h"

#define FONT_DIR "/usr/share/fonts/truetype/liberation2/"

static unsigned u16(const sfnt *s, size_t at)
{
    unsigned v = 0;

    ck_assert_int_eq(sfnt_u16(s, at, &v), 0);
    return v;
}

static sfnt_table table(const sfnt *s, const char *tag)
{
    sfnt_table t;

    ck_assert_msg(sfnt_table_find(s, tag, &t) == 0, "no %s table", tag);
    return t;
}

/* The bytes of glyph g's outline. */
static const unsigned char *outline(const sfnt *s, unsigned g, size_t *len)
{
    sfnt_table head = table(s, "head"), loca = table(s, "loca"), glyf = table(s, "glyf");
    uint32_t a, b;

    if (u16(s, head.off + 50)) {
        ck_assert_int_eq(sfnt_u32(s, loca.off + 4 * g, &a), 0);
        ck_assert_int_eq(sfnt_u32(s, loca.off + 4 * g + 4, &b), 0);
    } else {
        a = 2 * u16(s, loca.off + 2 * g);
        b = 2 * u16(s, loca.off + 2 * g + 2);
    }
    ck_assert_uint_le(a, b);
    ck_assert_uint_le(b, glyf.len);
    *len = b - a;
    return s->p + glyf.off + a;
}

/* Advance width of glyph g. */
static unsigned advance(const sfnt *s, unsigned g)
{
    unsigned n = u16(s, table(s, "hhea").off + 34);

    return u16(s, table(s, "hmtx").off + 4 * (g < n ? g : n - 1));
}

/* Every CP1252 character of the copy draws with the same outline bytes
 * (for composites: the same components, renumbered) and advance. */
static void check_copy(const char *file)
{
    static const unsigned chars[] = {'A', 'g', ' ', '0', 0xa3, 0xe9, 0xc5, 0x20ac, 0x2019,
                                     0x201c, 0x2013, 0x2014, 0x2026, 0x0160, 0x017e, 0x0178,
                                     0x0152, 0x2122, 0xfc, 0xf1};
    size_t n_orig, n_copy, i;
    unsigned char *orig = test_slurp(file, &n_orig), *copy = NULL;
    sfnt o = {orig, n_orig}, c;

    ck_assert_int_eq(sfnt_compact_cp1252(&o, &copy, &n_copy), 0);
    c.p = copy;
    c.n = n_copy;
    /* A tenth of the file, a few hundred glyphs, no glyph names. */
    ck_assert_uint_lt(n_copy, n_orig / 5);
    ck_assert_uint_lt(u16(&c, table(&c, "maxp").off + 4), 400);
    ck_assert_uint_eq(u16(&c, table(&c, "hhea").off + 34), u16(&c, table(&c, "maxp").off + 4));
    ck_assert_uint_eq(table(&c, "post").len, 32);
    ck_assert_uint_eq(u16(&c, table(&c, "post").off), 3);
    ck_assert_int_ne(sfnt_table_find(&c, "GSUB", &(sfnt_table){0}), 0);
    for (i = 0; i < sizeof chars / sizeof chars[0]; i++) {
        unsigned go = sfnt_cmap_glyph(&o, chars[i]), gc = sfnt_cmap_glyph(&c, chars[i]);
        size_t lo, lc;
        const unsigned char *po = outline(&o, go, &lo), *pc = outline(&c, gc, &lc);

        ck_assert_msg(go != 0 && gc != 0, "U+%04X has no glyph", chars[i]);
        ck_assert_uint_eq(advance(&o, go), advance(&c, gc));
        ck_assert_uint_eq(lo, lc);
        if (lo >= 10 && po[0] < 0x80) /* a simple glyph: the very same bytes */
            ck_assert_msg(memcmp(po, pc, lo) == 0, "U+%04X's outline changed", chars[i]);
        else if (lo >= 10) /* composite: the same header, components renumbered */
            ck_assert_int_eq(memcmp(po, pc, 10), 0);
    }
    /* A character CP1252 does not have is gone. */
    ck_assert_uint_ne(sfnt_cmap_glyph(&o, 0x0416), 0);
    ck_assert_uint_eq(sfnt_cmap_glyph(&c, 0x0416), 0);
    free(copy);
    free(orig);
}

START_TEST(test_compact_regular)
{
    check_copy(FONT_DIR "LiberationSans-Regular.ttf");
}
END_TEST

START_TEST(test_compact_bold_italic)
{
    check_copy(FONT_DIR "LiberationSans-BoldItalic.ttf");
    check_copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
}
END_TEST

/* The composite glyph of 'é' points at components that exist in the copy
 * and draw the same outlines as the original's. */
START_TEST(test_compact_components)
{
    size_t n_orig, n_copy, lo, lc, at = 10;
    unsigned char *orig = test_slurp(FONT_DIR "LiberationSans-Regular.ttf", &n_orig), *copy = NULL;
    sfnt o = {orig, n_orig}, c;
    const unsigned char *po, *pc;
    int more = 1, seen = 0;

    ck_assert_int_eq(sfnt_compact_cp1252(&o, &copy, &n_copy), 0);
    c.p = copy;
    c.n = n_copy;
    po = outline(&o, sfnt_cmap_glyph(&o, 0xe9), &lo);
    pc = outline(&c, sfnt_cmap_glyph(&c, 0xe9), &lc);
    ck_assert_uint_ge(po[0], 0x80); /* composite in Liberation Sans */
    while (more) {
        unsigned flags = (unsigned)pc[at] << 8 | pc[at + 1];
        unsigned go = (unsigned)po[at + 2] << 8 | po[at + 3];
        unsigned gc = (unsigned)pc[at + 2] << 8 | pc[at + 3];
        size_t a, b;
        const unsigned char *x = outline(&o, go, &a), *y = outline(&c, gc, &b);

        ck_assert_uint_eq(a, b);
        ck_assert_int_eq(memcmp(x, y, a), 0);
        ck_assert_uint_eq(advance(&o, go), advance(&c, gc));
        seen++;
        more = (flags & 0x20) != 0;
        at += 4 + (flags & 1 ? 4 : 2) + (flags & 8 ? 2 : 0) + (flags & 0x40 ? 4 : 0) +
              (flags & 0x80 ? 8 : 0);
    }
    ck_assert_int_ge(seen, 2);
    free(copy);
    free(orig);
}
END_TEST

/* Cut short anywhere, or with bytes overwritten, the font is refused or
 * copied: never read out of bounds (the sanitizer build checks). */
START_TEST(test_damaged)
{
    size_t n, cut, i;
    unsigned char *orig = test_slurp(FONT_DIR "LiberationSans-Regular.ttf", &n), *copy;
    size_t len;
    unsigned seed = 12345;

    for (cut = 0; cut < n; cut += cut < 2048 ? 7 : 4093) {
        sfnt s = {orig, cut};

        if (sfnt_compact_cp1252(&s, &copy, &len) == 0)
            free(copy);
        else
            ck_assert_ptr_null(copy);
    }
    for (i = 0; i < 300; i++) {
        unsigned char *bad = malloc(n);
        sfnt s = {bad, n};
        int k;

        memcpy(bad, orig, n);
        for (k = 0; k < 8; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly the directory and small tables, where damage matters. */
            bad[(seed >> 8) % (k < 4 ? 1024 : n)] = (unsigned char)(seed >> 3);
        }
        if (sfnt_compact_cp1252(&s, &copy, &len) == 0)
            free(copy);
        free(bad);
    }
    free(orig);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sfnt");
    TCase *tc = tcase_create("compact");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_compact_regular);
    tcase_add_test(tc, test_compact_bold_italic);
    tcase_add_test(tc, test_compact_components);
    tcase_add_test(tc, test_damaged);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

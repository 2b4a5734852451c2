/*
 * test_layout_bidi: right-to-left text in a left-to-right briefing
 * (core/layout_bidi.c): the order a line is drawn in, Arabic letters joined
 * and mirrored brackets, on positions alone (no PDF).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "layout_impl.h"
#include "test_util.h"

/* A one-run rich text holding s (freed by layout_rich_free). */
static layout_rich rich(const char *s)
{
    layout_rich r;

    memset(&r, 0, sizeof r);
    r.text = strdup(s);
    r.len = strlen(s);
    r.runs = calloc(1, sizeof *r.runs);
    r.n_runs = 1;
    ck_assert_ptr_nonnull(r.text);
    ck_assert_ptr_nonnull(r.runs);
    return r;
}

/* The byte offsets of the line r[0, len) in drawing order. */
static size_t order(const layout_rich *r, size_t *pos)
{
    unsigned char lev[256];

    ck_assert_uint_lt(r->len, 256);
    return layout_bidi_order(r, 0, r->len, pos, lev);
}

START_TEST(test_latin_left_alone)
{
    layout_rich r = rich("Plain text, caf\xc3\xa9 \xe2\x80\x94 \xd0\x96");
    size_t pos[256];

    layout_bidi_prepare(&r);
    ck_assert_ptr_null(r.shaped);
    ck_assert_ptr_null(r.levels);
    ck_assert_uint_eq(order(&r, pos), 0); /* drawn as stored */
    layout_rich_free(&r);
}
END_TEST

/* "ab אבג cd": the Hebrew word is drawn right to left inside the line. */
START_TEST(test_hebrew_reversed)
{
    layout_rich r = rich("ab \xd7\x90\xd7\x91\xd7\x92 cd");
    size_t pos[256], want[] = {0, 1, 2, 7, 5, 3, 9, 10, 11};
    size_t n, i;

    layout_bidi_prepare(&r);
    ck_assert_ptr_nonnull(r.levels);
    n = order(&r, pos);
    ck_assert_uint_eq(n, sizeof want / sizeof want[0]);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(pos[i], want[i]);
    ck_assert_uint_eq(r.levels[3] & 1, 1); /* alef: right to left */
    ck_assert_uint_eq(r.levels[0], 0);
    layout_rich_free(&r);
}
END_TEST

/* "سلام": seen initial, lam-alef ligature (final: FriBidi puts it at the
 * alef and leaves a fill at the lam, drawn as nothing), meem isolated;
 * drawn meem first (leftmost). */
START_TEST(test_arabic_joined)
{
    layout_rich r = rich("\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85");
    size_t pos[256], n;

    layout_bidi_prepare(&r);
    ck_assert_ptr_nonnull(r.shaped);
    ck_assert_uint_eq(r.shaped[0], 0xfeb3);
    ck_assert_uint_eq(r.shaped[2], 0);
    ck_assert_uint_eq(r.shaped[4], 0xfefc);
    ck_assert_uint_eq(r.shaped[6], 0xfee1);
    n = order(&r, pos);
    ck_assert_uint_eq(n, 4); /* the fill is ordered too; the iterator skips it */
    ck_assert_uint_eq(pos[0], 6);
    ck_assert_uint_eq(pos[3], 0);
    layout_rich_free(&r);
}
END_TEST

/* A bracket inside right-to-left text is mirrored; one in the English
 * around it is not.  A number keeps its digits in order. */
START_TEST(test_mirrored_and_numbers)
{
    layout_rich r = rich("x \xd7\x90(\xd7\x91) 12 \xd7\x92 (y)");
    size_t pos[256], n, i, at12 = 0;

    layout_bidi_prepare(&r);
    ck_assert_ptr_nonnull(r.shaped);
    ck_assert_uint_eq(r.shaped[4], ')');
    ck_assert_uint_eq(r.shaped[7], '(');
    ck_assert_uint_eq(r.shaped[r.len - 3], '(');
    n = order(&r, pos);
    for (i = 0; i + 1 < n; i++)
        if (r.text[pos[i]] == '1')
            at12 = i;
    ck_assert_int_eq(r.text[pos[at12 + 1]], '2');
    layout_rich_free(&r);
}
END_TEST

/* Changing the text forgets what was worked out for it. */
START_TEST(test_freed_on_change)
{
    layout_rich r = rich("\xd7\x90");

    layout_bidi_prepare(&r);
    ck_assert_ptr_nonnull(r.levels);
    layout_bidi_free(&r);
    ck_assert_ptr_null(r.levels);
    ck_assert_uint_eq(r.bidi_done, 0);
    layout_rich_free(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("layout_bidi");
    TCase *tc = tcase_create("bidi");

    tcase_add_test(tc, test_latin_left_alone);
    tcase_add_test(tc, test_hebrew_reversed);
    tcase_add_test(tc, test_arabic_joined);
    tcase_add_test(tc, test_mirrored_and_numbers);
    tcase_add_test(tc, test_freed_on_change);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

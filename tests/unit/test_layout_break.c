/*
 * test_layout_break: the line breaker and the table splitting plan, on
 * positions alone (no PDF): every character one unit wide, so a line of
 * width 10 holds ten characters.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "layout_impl.h"
#include "utf8.h"
#include "test_util.h"

static const char *text_of; /* the text being broken, for the callback */

/* Width of text_of[start, end): one per character. */
static double char_count(void *arg, size_t start, size_t end)
{
    size_t n = 0, i = start;

    (void)arg;
    while (i < end) {
        uint32_t cp;

        i += utf8_decode(text_of + i, end - i, &cp);
        if (cp != '\n')
            n++;
    }
    return (double)n;
}

/* Breaks text at width and returns the lines joined with '|'. */
static char *break_to(const char *text, double width)
{
    layout_line *lines;
    size_t n, i, len = strlen(text);
    diag d = {0};
    char *out = calloc(1, len * 2 + 2);

    text_of = text;
    ck_assert_int_eq(layout_break(text, len, width, char_count, NULL, &lines, &n, &d), BRIEFING_OK);
    for (i = 0; i < n; i++) {
        if (i)
            strcat(out, "|");
        strncat(out, text + lines[i].start, lines[i].end - lines[i].start);
        ck_assert_msg(char_count(NULL, lines[i].start, lines[i].end) <= width,
                      "line %zu is wider than %g: %s", i, width, out);
    }
    free(lines);
    return out;
}

#define ASSERT_BREAKS(text, width, want)                                                       \
    do {                                                                                       \
        char *got_ = break_to(text, width);                                                    \
        ck_assert_str_eq(got_, want);                                                          \
        free(got_);                                                                            \
    } while (0)

START_TEST(test_breaks_at_spaces)
{
    ASSERT_BREAKS("the quick brown fox jumps", 10, "the quick|brown fox|jumps");
    ASSERT_BREAKS("the quick brown fox jumps", 100, "the quick brown fox jumps");
    /* Spaces at a break belong to neither line. */
    ASSERT_BREAKS("aaaa    bbbb", 5, "aaaa|bbbb");
    ASSERT_BREAKS("", 10, "");
}
END_TEST

/* U+FFFF is libunibreak's end-of-text mark: a text holding it made the
 * library fail an assertion and the program abort.  It is broken like any
 * other character now, and the text after it is kept. */
START_TEST(test_noncharacter_ffff)
{
    ASSERT_BREAKS("_\xef\xbf\xbf", 13, "_\xef\xbf\xbf");
    ASSERT_BREAKS("ab \xef\xbf\xbf cd \xef\xbf\xbe\xef\xbf\xbf ef", 6,
                  "ab \xef\xbf\xbf|cd \xef\xbf\xbe\xef\xbf\xbf|ef");
}
END_TEST

/* Regional indicators (two make a flag) are a class libunibreak 1.1's pair
 * table lacks: a text holding one aborted the program the same way.  A
 * flag's two stay together, as two letters would. */
START_TEST(test_regional_indicators)
{
    ASSERT_BREAKS("\xf0\x9f\x87\xac\xf0\x9f\x87\xa7", 13, "\xf0\x9f\x87\xac\xf0\x9f\x87\xa7");
    ASSERT_BREAKS("flag \xf0\x9f\x87\xac\xf0\x9f\x87\xa7 here \xf0\x9f\x87\xa6", 6,
                  "flag|\xf0\x9f\x87\xac\xf0\x9f\x87\xa7|here \xf0\x9f\x87\xa6");
    /* U+1F1E5 and U+1F200, beside them, are no indicators and were never
     * refused. */
    ASSERT_BREAKS("a \xf0\x9f\x87\xa5 \xf0\x9f\x88\x80", 100, "a \xf0\x9f\x87\xa5 \xf0\x9f\x88\x80");
}
END_TEST

START_TEST(test_breaks_after_hyphens)
{
    ASSERT_BREAKS("well-known looked-after children", 11, "well-known|looked-|after|children");
}
END_TEST

START_TEST(test_long_word_cut_at_characters)
{
    char url[3100], *got, *p;
    size_t i;

    /* A word longer than the line is cut where the line is full. */
    ASSERT_BREAKS("abcdefghijklmnopqrstuvwxyz", 10, "abcdefghij|klmnopqrst|uvwxyz");
    /* A 3,000-character URL: every line within the width, nothing lost. */
    strcpy(url, "https://example.org/");
    for (i = strlen(url); i < 3000; i++)
        url[i] = (char)('a' + i % 26);
    url[3000] = '\0';
    got = break_to(url, 40);
    for (p = got; (p = strchr(p, '|')) != NULL;)
        memmove(p, p + 1, strlen(p));
    ck_assert_str_eq(got, url);
    free(got);
    /* Multi-byte characters are never split. */
    ASSERT_BREAKS("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 2,
                  "\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9|\xc3\xa9");
}
END_TEST

START_TEST(test_cjk_breaks_anywhere)
{
    /* 中文字符测试: ideographs may break between any two. */
    ASSERT_BREAKS("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe6\xb5\x8b\xe8\xaf\x95", 4,
                  "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6|\xe6\xb5\x8b\xe8\xaf\x95");
}
END_TEST

START_TEST(test_mandatory_breaks)
{
    ASSERT_BREAKS("one\ntwo", 100, "one|two");
    ASSERT_BREAKS("one\n\nthree", 100, "one||three");
    ASSERT_BREAKS("one two\nthree four five", 10, "one two|three four|five");
    ASSERT_BREAKS("trailing\n", 100, "trailing");
}
END_TEST

START_TEST(test_no_break_before_punctuation)
{
    /* UAX #14 keeps closing punctuation with its word. */
    ASSERT_BREAKS("abc def), ghi", 8, "abc|def),|ghi");
}
END_TEST

/* ---- table plan ---- */

static size_t plan(const size_t *lines, size_t n, double head, double cont, double first,
                   double page, layout_table_piece **pieces)
{
    return layout_table_plan(lines, n, 10, 0, head, cont, first, page, pieces);
}

/* A rich text's break opportunities are found once and kept on it, and
 * found again when text is appended.  No font is loaded here, so every
 * glyph is 500/1000 of the size wide: 5 points at 10 points. */
START_TEST(test_rich_breaks_kept_and_renewed)
{
    layout_config cfg;
    layout_rich r = {0};
    layout_line *lines;
    size_t n;
    diag d = {0};
    briefing_doc *doc;

    layout_config_defaults(&cfg);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(layout_rich_set(doc, &r, "aaaa bbbb", LAYOUT_REGULAR, "t"), BRIEFING_OK);
    ck_assert_int_eq(layout_break_rich(doc, &r, 25, 10, &lines, &n, &d), BRIEFING_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_ptr_nonnull(r.brks);
    free(lines);
    ck_assert_int_eq(layout_break_rich(doc, &r, 25, 10, &lines, &n, &d), BRIEFING_OK);
    ck_assert_uint_eq(n, 2);
    free(lines);
    ck_assert(layout_min_width(doc, &r, 10, &d) == 20);
    /* Appended text: "aaaa bbbb ccccccc" breaks in three, its widest
     * piece the new word. */
    ck_assert_int_eq(layout_rich_set(doc, &r, " ccccccc", LAYOUT_BOLD, "t"), BRIEFING_OK);
    ck_assert_ptr_null(r.brks);
    ck_assert(layout_min_width(doc, &r, 10, &d) == 35);
    ck_assert_int_eq(layout_break_rich(doc, &r, 35, 10, &lines, &n, &d), BRIEFING_OK);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(lines[2].start, 10);
    ck_assert_uint_eq(lines[2].end, 17);
    free(lines);
    layout_rich_free(&r);
    ck_assert_ptr_null(r.brks);
    layout_doc_free(doc);
}
END_TEST

/* A text that fits on one line comes back as that line (trailing spaces
 * left out) without its break opportunities being looked for; one with a
 * mandatory break, or as wide as the line exactly, takes the long way.
 * Either way the lines are the plain breaker's.  At 2 points with no font
 * loaded a character is 1 point wide, as in char_count. */
START_TEST(test_rich_one_line_shortcut)
{
    static const struct {
        const char *text;
        double width;
        int shortcut;
    } cases[] = {
        {"fits on a line  ", 40, 1}, {"  ", 10, 1},           {"caf\xc3\xa9 \xe2\x80\x94 ok", 12, 1},
        {"exactly ten", 11, 0},      {"two words", 5, 0},     {"one\ntwo", 40, 0},
        {"a\xe2\x80\xa8" "b", 40, 0}, {"a\xe2\x80\xa9" "b", 40, 0},
    };
    layout_config cfg;
    diag d = {0};
    briefing_doc *doc;
    size_t k;

    layout_config_defaults(&cfg);
    doc = layout_doc_new(&cfg, &d);
    ck_assert_ptr_nonnull(doc);
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        layout_rich r = {0};
        layout_line *lines, *want;
        size_t n, n_want, i;

        ck_assert_int_eq(layout_rich_set(doc, &r, cases[k].text, LAYOUT_REGULAR, "t"), BRIEFING_OK);
        ck_assert_int_eq(layout_break_rich(doc, &r, cases[k].width, 2, &lines, &n, &d), BRIEFING_OK);
        ck_assert_msg((r.brks == NULL) == cases[k].shortcut, "case %zu", k);
        text_of = r.text;
        ck_assert_int_eq(layout_break(r.text, r.len, cases[k].width, char_count, NULL, &want,
                                      &n_want, &d), BRIEFING_OK);
        ck_assert_uint_eq(n, n_want);
        for (i = 0; i < n; i++) {
            ck_assert_uint_eq(lines[i].start, want[i].start);
            ck_assert_uint_eq(lines[i].end, want[i].end);
        }
        free(lines);
        free(want);
        layout_rich_free(&r);
    }
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_table_rows_per_page)
{
    size_t lines[20], n, i;
    layout_table_piece *p;

    for (i = 0; i < 20; i++)
        lines[i] = 1;
    /* A page of 100 holds the head (20) and 8 rows; the rest go on, with
     * the continued head (25), 7 rows to a page. */
    n = plan(lines, 20, 20, 25, 100, 100, &p);
    ck_assert_uint_eq(n, 3);
    ck_assert_int_eq(p[0].new_page, 0);
    ck_assert_uint_eq(p[0].row_from, 0);
    ck_assert_uint_eq(p[0].row_to, 8);
    ck_assert_int_eq(p[1].new_page, 1);
    ck_assert_uint_eq(p[1].row_from, 8);
    ck_assert_uint_eq(p[1].row_to, 15);
    ck_assert_uint_eq(p[2].row_from, 15);
    ck_assert_uint_eq(p[2].row_to, 20);
    for (i = 0; i < n; i++)
        ck_assert_uint_eq(p[i].line_to, 0);
    free(p);
}
END_TEST

START_TEST(test_table_starts_on_next_page_when_head_and_row_do_not_fit)
{
    size_t lines[3] = {2, 1, 1}, n;
    layout_table_piece *p;

    /* 35 free: the head (20) fits but not the first row (20). */
    n = plan(lines, 3, 20, 25, 35, 100, &p);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(p[0].new_page, 1);
    ck_assert_uint_eq(p[0].row_from, 0);
    ck_assert_uint_eq(p[0].row_to, 3);
    free(p);
}
END_TEST

START_TEST(test_rows_kept_whole)
{
    size_t lines[4] = {1, 3, 5, 1}, n;
    layout_table_piece *p;

    /* 20 + 10 + 30 fill 60, the 50-high third row does not fit: it moves. */
    n = plan(lines, 4, 20, 20, 60, 100, &p);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(p[0].row_to, 2);
    ck_assert_uint_eq(p[1].row_from, 2);
    ck_assert_uint_eq(p[1].line_from, 0);
    ck_assert_uint_eq(p[1].row_to, 4);
    free(p);
}
END_TEST

START_TEST(test_first_row_not_left_alone)
{
    size_t lines[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, n;
    layout_table_piece *p;

    /* 35 free holds the head (20) and one row: the table waits for the
     * next page rather than strand that row under its head. */
    n = plan(lines, 10, 20, 25, 35, 200, &p);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(p[0].new_page, 1);
    ck_assert_uint_eq(p[0].row_to, 10);
    free(p);
}
END_TEST

START_TEST(test_last_row_not_left_alone)
{
    size_t lines[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1}, n;
    layout_table_piece *p;

    /* 100 holds the head and 8 rows; the ninth would go on alone under
     * "(continued)", so the eighth goes with it. */
    n = plan(lines, 9, 20, 25, 100, 100, &p);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(p[0].row_to, 7);
    ck_assert_uint_eq(p[1].row_from, 7);
    ck_assert_uint_eq(p[1].row_to, 9);
    free(p);
}
END_TEST

START_TEST(test_row_taller_than_page_is_cut)
{
    size_t lines[2] = {30, 1}, n, i, total = 0;
    layout_table_piece *p;

    /* A row of 300 on pages of 100 with a head of 20: 8 lines a page. */
    n = plan(lines, 2, 20, 20, 100, 100, &p);
    ck_assert_uint_eq(n, 4);
    for (i = 0; i < 3; i++) {
        ck_assert_uint_eq(p[i].row_from, 0);
        ck_assert_uint_eq(p[i].row_to, 1);
        ck_assert_uint_eq(p[i].line_from, i * 8);
        ck_assert_uint_eq(p[i].line_to, (i + 1) * 8);
        total += p[i].line_to - p[i].line_from;
    }
    /* The last piece ends the row (6 lines) and holds the next. */
    ck_assert_uint_eq(p[3].line_from, 24);
    ck_assert_uint_eq(p[3].row_to, 2);
    ck_assert_uint_eq(p[3].line_to, 0);
    ck_assert_uint_eq(total + 6, 30);
    free(p);
}
END_TEST

START_TEST(test_table_plan_never_loops)
{
    size_t lines[1] = {5}, n;
    layout_table_piece *p;

    /* A page smaller than the head: each piece still takes a line. */
    n = plan(lines, 1, 50, 50, 10, 40, &p);
    ck_assert_uint_eq(n, 5);
    free(p);
    n = plan(lines, 0, 50, 50, 10, 40, &p);
    ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_400_rows)
{
    size_t lines[400], n, i, rows = 0;
    layout_table_piece *p;

    for (i = 0; i < 400; i++)
        lines[i] = 1 + i % 3;
    n = plan(lines, 400, 30, 40, 200, 700, &p);
    ck_assert_uint_gt(n, 10);
    for (i = 0; i < n; i++) {
        if (i > 0)
            ck_assert_uint_eq(p[i].row_from, p[i - 1].row_to);
        rows += p[i].row_to - p[i].row_from;
    }
    ck_assert_uint_eq(rows, 400);
    free(p);
}
END_TEST

START_TEST(test_cp1252)
{
    ck_assert_uint_eq(layout_cp1252('A'), 'A');
    ck_assert_uint_eq(layout_cp1252(0xa3), 0xa3);   /* £ */
    ck_assert_uint_eq(layout_cp1252(0x2019), 0x92); /* ’ */
    ck_assert_uint_eq(layout_cp1252(0x2014), 0x97); /* — */
    ck_assert_uint_eq(layout_cp1252(0x20ac), 0x80); /* € */
    ck_assert_uint_eq(layout_cp1252(0x4e2d), 0);
    ck_assert_uint_eq(layout_cp1252(0x81), 0);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("layout_break");
    TCase *tc = tcase_create("breaking");

    tcase_add_test(tc, test_breaks_at_spaces);
    tcase_add_test(tc, test_breaks_after_hyphens);
    tcase_add_test(tc, test_noncharacter_ffff);
    tcase_add_test(tc, test_regional_indicators);
    tcase_add_test(tc, test_long_word_cut_at_characters);
    tcase_add_test(tc, test_cjk_breaks_anywhere);
    tcase_add_test(tc, test_mandatory_breaks);
    tcase_add_test(tc, test_no_break_before_punctuation);
    tcase_add_test(tc, test_cp1252);
    tcase_add_test(tc, test_rich_breaks_kept_and_renewed);
    tcase_add_test(tc, test_rich_one_line_shortcut);
    suite_add_tcase(s, tc);
    tc = tcase_create("table plan");
    tcase_add_test(tc, test_table_rows_per_page);
    tcase_add_test(tc, test_table_starts_on_next_page_when_head_and_row_do_not_fit);
    tcase_add_test(tc, test_rows_kept_whole);
    tcase_add_test(tc, test_first_row_not_left_alone);
    tcase_add_test(tc, test_last_row_not_left_alone);
    tcase_add_test(tc, test_row_taller_than_page_is_cut);
    tcase_add_test(tc, test_table_plan_never_loops);
    tcase_add_test(tc, test_400_rows);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(suite(), CK_FORK);
}

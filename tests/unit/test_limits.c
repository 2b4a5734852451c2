/*
 * test_limits: inputs at the size limits take time and memory in proportion
 * to their size, not more (docs/limits.md).  Counted, not timed, so the
 * tests do not depend on the machine.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "layout_impl.h"
#include "test_util.h"

static size_t measured; /* bytes the width callback was asked about */

static double one_per_byte(void *arg, size_t start, size_t end)
{
    (void)arg;
    measured += end - start;
    return (double)(end - start);
}

/* A word as long as the longest string a dataset may hold, broken into
 * lines of 100: the line breaker measured the whole rest of the word after
 * every cut, 18 million bytes for this one word. */
START_TEST(test_long_word_is_measured_in_linear_time)
{
    size_t len = 64 * 1024, n = 0;
    char *word = malloc(len + 1);
    layout_line *lines = NULL;
    diag d = {0};

    ck_assert_ptr_nonnull(word);
    memset(word, 'x', len);
    word[len] = '\0';
    measured = 0;
    ck_assert_int_eq(layout_break(word, len, 100, one_per_byte, NULL, &lines, &n, &d),
                     BRIEFING_OK);
    ck_assert_uint_eq(n, (len + 99) / 100);
    ck_assert_msg(measured < 8 * len, "measured %zu bytes to break %zu", measured, len);
    free(lines);
    free(word);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("time");

    tcase_add_test(tc, test_long_word_is_measured_in_linear_time);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

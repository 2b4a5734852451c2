/*
 * Batch output names: what an administrator finds in the output folder, and
 * what a hostile council name in the data must never do (escape the folder,
 * hide a file, break a shell script).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <briefing/plugin.h>

#include "naming.h"
#include "utf8.h"
#include "test_util.h"

static naming_vars vars(const char *code, const char *name)
{
    naming_vars v;

    memset(&v, 0, sizeof v);
    v.code = code;
    v.name = name;
    v.la_number = "926";
    v.as_of.year = 2024, v.as_of.month = 6, v.as_of.day = 1;
    v.today.year = 2024, v.today.month = 6, v.today.day = 3;
    return v;
}

/* Expands pattern for a council called name, failing the test on error. */
static const char *expand(const char *pattern, const char *name)
{
    static char out[NAMING_MAX + 1];
    naming_vars v = vars("E10000020", name);
    diag d;

    diag_clear(&d);
    ck_assert_msg(naming_expand(pattern, &v, out, sizeof out, &d) == BRIEFING_OK, "%s: %s",
                  pattern, d.text);
    return out;
}

/* Every name made must be one safe file name. */
static void assert_safe(const char *name)
{
    size_t i;

    ck_assert_msg(strchr(name, '/') == NULL, "separator in \"%s\"", name);
    ck_assert_msg(name[0] != '.' && name[0] != '-' && name[0] != ' ', "bad start: \"%s\"", name);
    ck_assert_msg(strlen(name) <= NAMING_MAX, "too long: %zu", strlen(name));
    ck_assert_msg(utf8_valid(name, strlen(name), NULL), "not UTF-8: \"%s\"", name);
    for (i = 0; name[i]; i++)
        ck_assert_msg((unsigned char)name[i] >= 0x20 && name[i] != 0x7f, "control in \"%s\"", name);
    ck_assert_msg(strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".pdf") == 0,
                  "no .pdf: \"%s\"", name);
}

START_TEST(default_pattern_reads_well)
{
    ck_assert_str_eq(expand(NAMING_DEFAULT_PATTERN, "Norfolk"), "E10000020-Norfolk-2024-06.pdf");
    ck_assert_str_eq(expand("{la_number} {name}.pdf", "Isle of Wight"), "926 Isle of Wight.pdf");
    ck_assert_str_eq(expand("{name} {today:%d %B %Y}.pdf", "Dudley"), "Dudley 03 June 2024.pdf");
    ck_assert_str_eq(expand("{as_of}.pdf", "Dudley"), "2024-06-01.pdf");
    ck_assert_str_eq(expand("{as_of:%b %y}", "Dudley"), "Jun 24.pdf");
    ck_assert_str_eq(expand("{{{code}}}.pdf", "Dudley"), "{E10000020}.pdf");
}
END_TEST

START_TEST(extension_is_always_pdf)
{
    ck_assert_str_eq(expand("{code}", "x"), "E10000020.pdf");
    ck_assert_str_eq(expand("{code}.PDF", "x"), "E10000020.pdf");
    /* A blank stem is never left as a hidden ".pdf". */
    ck_assert_str_eq(expand(".pdf", "x"), "E10000020.pdf");
}
END_TEST

START_TEST(hostile_names_stay_in_the_folder)
{
    static const char *const hostile[] = {
        "../../x", "a/b", "/etc/passwd", "..", ".", "...", "-rf", "--help", ".hidden",
        "a\\b", "C:\\x", "\x01\x02", "a\nb", "tab\there", "\xff\xfe", "\xe2\x80\xae" "fdp.exe",
        "   ", "", "trailing.", "a  \t  b",
    };
    size_t i;

    for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        assert_safe(expand("{name}.pdf", hostile[i]));
    ck_assert_str_eq(expand("{name}.pdf", "../../x"), "x.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "a/b"), "a-b.pdf");
    ck_assert_str_eq(expand("{name}.pdf", ".hidden"), "hidden.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "-rf"), "rf.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "a\nb"), "a b.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "a  \t  b"), "a b.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "\xff" "x"), "_x.pdf");
    /* The right-to-left override that makes "fdp.exe" read "exe.pdf" goes. */
    ck_assert_str_eq(expand("{name}.pdf", "\xe2\x80\xae" "fdp.exe"), "fdp.exe.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "What? <Yes>: \"no\" | *"), "What- -Yes-- -no- - -.pdf");
    /* Nothing left: the council's code stands in. */
    ck_assert_str_eq(expand("{name}.pdf", "   "), "E10000020.pdf");
    ck_assert_str_eq(expand("{name}.pdf", ""), "E10000020.pdf");
    ck_assert_str_eq(expand("{name}.pdf", "../.."), "E10000020.pdf");
    /* A separator in the pattern itself does not make a subfolder either. */
    ck_assert_str_eq(expand("../{code}/{name}.pdf", "Norfolk"), "E10000020-Norfolk.pdf");
}
END_TEST

START_TEST(long_names_are_cut_at_a_character)
{
    char name[2000] = "";
    const char *out;
    int i;

    for (i = 0; i < 600; i++)
        strcat(name, "\xc3\xa9"); /* é: two bytes */
    out = expand("x{name}.pdf", name);
    assert_safe(out);
    ck_assert_uint_ge(strlen(out), NAMING_MAX - 2);
}
END_TEST

START_TEST(bad_patterns_are_usage_errors)
{
    static const char *const bad[][2] = {
        {"{nme}.pdf", "{nme}: unknown field"},
        {"{code.pdf", "is not closed"},
        {"x}.pdf", "without its {"},
        {"{code:%Y}.pdf", "only {as_of} and {today} take a format"},
        {"{as_of:%H}.pdf", "%H is not a date conversion"},
        {"{as_of:%}.pdf", "is not a date conversion"},
        {"", "empty"},
    };
    size_t i;

    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        diag d;

        diag_clear(&d);
        ck_assert_int_eq(naming_check(bad[i][0], &d), BRIEFING_ERR_USAGE);
        ck_assert_msg(strstr(d.text, bad[i][1]) != NULL, "\"%s\": got \"%s\"", bad[i][0], d.text);
        ck_assert_msg(strncmp(d.text, "--name", 6) == 0, "\"%s\" does not name the option", d.text);
    }
    ck_assert_int_eq(naming_check(NAMING_DEFAULT_PATTERN, NULL), BRIEFING_OK);
}
END_TEST

START_TEST(collisions_get_the_code)
{
    naming_set set;
    char a[NAMING_MAX + 1] = "Shire.pdf", b[NAMING_MAX + 1] = "SHIRE.pdf";
    char c[NAMING_MAX + 1] = "Shire.pdf", e[NAMING_MAX + 1] = "Shire-E2.pdf";

    naming_set_init(&set);
    ck_assert_int_eq(naming_set_claim(&set, a, sizeof a, "E1"), 0);
    ck_assert_str_eq(a, "Shire.pdf");
    /* A case-insensitive file system would put these on top of each other. */
    ck_assert_int_eq(naming_set_claim(&set, b, sizeof b, "E2"), 1);
    ck_assert_str_eq(b, "SHIRE-E2.pdf");
    ck_assert_int_eq(naming_set_claim(&set, c, sizeof c, "E2"), 1);
    ck_assert_str_eq(c, "Shire-E2-2.pdf");
    ck_assert_int_eq(naming_set_claim(&set, e, sizeof e, "E3"), 1);
    ck_assert_str_eq(e, "Shire-E2-E3.pdf");
    naming_set_free(&set);
}
END_TEST

START_TEST(collision_of_long_names_stays_short)
{
    naming_set set;
    char a[NAMING_MAX + 1], b[NAMING_MAX + 1];

    memset(a, 'x', NAMING_MAX - 4);
    strcpy(a + NAMING_MAX - 4, ".pdf");
    strcpy(b, a);
    naming_set_init(&set);
    ck_assert_int_eq(naming_set_claim(&set, a, sizeof a, "E1"), 0);
    ck_assert_int_eq(naming_set_claim(&set, b, sizeof b, "../E2"), 1);
    assert_safe(b);
    ck_assert_msg(strstr(b, "-E2.pdf") != NULL, "%s", b);
    ck_assert_str_ne(a, b);
    naming_set_free(&set);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("naming");
    TCase *tc = tcase_create("naming");

    tcase_add_test(tc, default_pattern_reads_well);
    tcase_add_test(tc, extension_is_always_pdf);
    tcase_add_test(tc, hostile_names_stay_in_the_folder);
    tcase_add_test(tc, long_names_are_cut_at_a_character);
    tcase_add_test(tc, bad_patterns_are_usage_errors);
    tcase_add_test(tc, collisions_get_the_code);
    tcase_add_test(tc, collision_of_long_names_stays_short);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

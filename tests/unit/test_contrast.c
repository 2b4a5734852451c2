/* Contrast (issue 18 point 4): WCAG's ratios, every pair the layout draws
 * with each shipped template's colours, and the warning a template's own
 * failing colours get. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contrast.h"
#include "template.h"
#include "test_util.h"

static layout_rgb hex(unsigned v)
{
    layout_rgb c = {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
    return c;
}

START_TEST(wcag_reference_values)
{
    /* WCAG 2.2's own examples: black on white 21:1; #767676 is the lightest
     * grey with 4.5:1 on white. */
    ck_assert_double_eq_tol(contrast_ratio(hex(0x000000), hex(0xffffff)), 21.0, 1e-9);
    ck_assert_double_eq_tol(contrast_ratio(hex(0xffffff), hex(0x000000)), 21.0, 1e-9);
    ck_assert_double_eq_tol(contrast_ratio(hex(0x767676), hex(0xffffff)), 4.54, 0.005);
    ck_assert_double_eq_tol(contrast_ratio(hex(0x1d70b8), hex(0x1d70b8)), 1.0, 1e-9);
    /* visual.md's figures for the fills as marks on white. */
    ck_assert_double_eq_tol(contrast_ratio(hex(0xf47738), hex(0xffffff)), 2.8, 0.05);
    ck_assert_double_eq_tol(contrast_ratio(hex(0xb1b4b6), hex(0xffffff)), 2.1, 0.05);
    ck_assert_double_eq_tol(contrast_ratio(hex(0x85994b), hex(0xf47738)), 1.1, 0.05);
}
END_TEST

START_TEST(darken_reaches_the_ratio)
{
    layout_rgb white = hex(0xffffff), panel = hex(0xf3f2f1);
    unsigned fills[] = {0xf47738, 0xb1b4b6, 0x85994b, 0xffdd00, 0xffffff};
    size_t i;

    for (i = 0; i < sizeof fills / sizeof fills[0]; i++) {
        layout_rgb m = contrast_darken(hex(fills[i]), white, panel, CONTRAST_MARK);

        ck_assert_msg(contrast_ratio(m, white) >= 3 && contrast_ratio(m, panel) >= 3,
                      "#%06x darkened to %.2f:1", fills[i], contrast_ratio(m, panel));
    }
}
END_TEST

/* Every pair the layout draws, with the colours of each shipped template. */
START_TEST(shipped_templates_pass)
{
    const char *names[] = {"councillor-pack", "improvement-board", "one-page"};
    const char *src = getenv("BRIEFING_SOURCE_DIR");
    size_t i, j, n;

    ck_assert_ptr_nonnull(src);
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        template *t = NULL;
        layout_config cfg;
        contrast_pair pairs[64];
        diag d;

        snprintf(path, sizeof path, "%s/templates/%s.json", src, names[i]);
        diag_clear(&d);
        ck_assert_msg(template_load(path, &t, &d) == 0, "%s", d.text);
        ck_assert_int_eq(template_layout_config(t, &cfg, &d), 0);
        n = contrast_pairs(&cfg.colours, pairs, 64);
        ck_assert_uint_ge(n, 25);
        ck_assert_uint_le(n, 64);
        for (j = 0; j < n; j++)
            ck_assert_msg(floor(pairs[j].ratio * 100) / 100 >= pairs[j].need,
                          "%s: %s on %s (%s) is %.2f:1, needs %.1f:1", names[i], pairs[j].fg,
                          pairs[j].bg, pairs[j].what, pairs[j].ratio, pairs[j].need);
        ck_assert_int_eq(contrast_check(&cfg.colours, path, NULL, NULL), 0);
        template_free(t);
    }
    /* The house defaults too (a template without "colours"). */
    {
        layout_config cfg;

        layout_config_defaults(&cfg);
        ck_assert_int_eq(contrast_check(&cfg.colours, "defaults", NULL, NULL), 0);
    }
}
END_TEST

static char said[8][320];
static int n_said;

static void keep(void *arg, const char *message)
{
    (void)arg;
    if (n_said < 8)
        snprintf(said[n_said++], sizeof said[0], "%s", message);
}

/* The palette before mending: fills used as marks. */
START_TEST(unmended_palette_is_named)
{
    layout_config cfg;
    int failed, i, found = 0;

    layout_config_defaults(&cfg);
    cfg.colours.good_mark = cfg.colours.good;
    cfg.colours.requires_improvement_mark = cfg.colours.requires_improvement;
    cfg.colours.no_judgement_mark = cfg.colours.no_judgement;
    n_said = 0;
    failed = contrast_check(&cfg.colours, "t.json", keep, NULL);
    ck_assert_int_eq(failed, 5); /* good on the panel; RI and visits on both */
    for (i = 0; i < n_said; i++)
        if (strcmp(said[i], "t.json: colours.requires_improvement_mark (#f47738) on the page (#ffffff) "
                            "is 2.78:1; a judgement dot, or a badge's edge needs 3.0:1 (WCAG 2.2 AA)") == 0)
            found = 1;
    ck_assert_msg(found, "no warning names the orange on white: %s", said[0]);
}
END_TEST

/* A light text colour fails as text, and says which text. */
START_TEST(light_text_is_named)
{
    layout_config cfg;

    layout_config_defaults(&cfg);
    cfg.colours.secondary = hex(0x999999);
    n_said = 0;
    ck_assert_int_eq(contrast_check(&cfg.colours, NULL, keep, NULL), 2);
    ck_assert_str_eq(said[0], "colours.secondary (#999999) on the page (#ffffff) is 2.85:1; notes, "
                              "sources and axis labels needs 4.5:1 (WCAG 2.2 AA)");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("contrast");
    TCase *tc = tcase_create("contrast");

    tcase_add_test(tc, wcag_reference_values);
    tcase_add_test(tc, darken_reaches_the_ratio);
    tcase_add_test(tc, shipped_templates_pass);
    tcase_add_test(tc, unmended_palette_is_named);
    tcase_add_test(tc, light_text_is_named);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

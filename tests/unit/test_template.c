/* Templates: finding, shape checks, plugin and option checks, layout config,
 * and the options a plugin then sees through the host. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host.h"
#include "template.h"
#include "test_util.h"

static char test_plugins[4096];
static char tmpdir[] = "/tmp/briefing-template-XXXXXX";

static void setup(void)
{
    snprintf(test_plugins, sizeof test_plugins, "%s/tests/plugins", getenv("BRIEFING_BUILD_DIR"));
    unsetenv("BRIEFING_PLUGIN_PATH");
    strcpy(tmpdir, "/tmp/briefing-template-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
    char cmd[256];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    ck_assert_int_eq(system(cmd), 0);
}

/* Writes text to a template file and loads it; returns the status. */
static int load_text(const char *text, template **t, diag *d)
{
    char path[4200];
    FILE *f;

    snprintf(path, sizeof path, "%s/t.json", tmpdir);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
    diag_clear(d);
    return template_load(path, t, d);
}

static void plugins(plugin_set *set)
{
    const char *dirs[] = {test_plugins};
    diag d;

    memset(set, 0, sizeof *set);
    diag_clear(&d);
    ck_assert_int_eq(plugin_load_all(set, dirs, 1, NULL, &d), 0);
}

START_TEST(good_template)
{
    template *t = NULL;
    layout_config cfg;
    diag d;

    ck_assert_int_eq(load_text("{\"title\": \"Pack\", \"marking\": \"OFFICIAL\", \"toc\": true,"
                               "\"page\": {\"size\": \"A4\", \"margins_mm\": {\"top\": 25}},"
                               "\"colours\": {\"accent\": \"#ff0000\"},"
                               "\"footer\": {\"right\": \"{page}/{pages}\"},"
                               "\"sections\": [{\"plugin\": \"hello\", \"new_page\": true,"
                               " \"options\": {\"greeting\": \"Hi\"}}]}", &t, &d), 0);
    ck_assert_uint_eq(t->n_sections, 1);
    ck_assert_str_eq(t->sections[0].plugin, "hello");
    ck_assert_int_eq(t->sections[0].new_page, 1);
    ck_assert_int_eq(template_layout_config(t, &cfg, &d), 0);
    ck_assert_double_eq(cfg.margin_top_mm, 25);
    ck_assert_double_eq(cfg.margin_left_mm, 20);
    ck_assert_double_eq(cfg.colours.accent.r, 1.0);
    ck_assert_double_eq(cfg.colours.accent.b, 0.0);
    ck_assert_str_eq(cfg.footer_right, "{page}/{pages}");
    ck_assert_str_eq(cfg.footer_left, ""); /* footer given: unnamed parts are empty */
    ck_assert_str_eq(cfg.header_left, "{council}");
    ck_assert_int_eq(cfg.toc, 1);
    template_free(t);
}
END_TEST

START_TEST(logo_relative_to_template)
{
    char want[4200];
    template *t = NULL;
    diag d;

    ck_assert_int_eq(load_text("{\"logo\": \"img/crest.png\", \"sections\": [{\"plugin\": \"a\"}]}",
                               &t, &d), 0);
    snprintf(want, sizeof want, "%s/img/crest.png", tmpdir);
    ck_assert_str_eq(template_string(t, "logo"), want);
    template_free(t);
    ck_assert_int_eq(load_text("{\"logo\": \"/abs/crest.png\", \"sections\": [{\"plugin\": \"a\"}]}",
                               &t, &d), 0);
    ck_assert_str_eq(template_string(t, "logo"), "/abs/crest.png");
    template_free(t);
}
END_TEST

/* Each bad template: the status and a piece of the message it must carry. */
static const struct {
    const char *text;
    int status;
    const char *message;
} bad[] = {
    {"", BRIEFING_ERR_CONFIG, "empty"},
    {"{\"sections\": [", BRIEFING_ERR_CONFIG, "t.json:1:"},
    {"[1]", BRIEFING_ERR_CONFIG, "expected a JSON object"},
    {"{}", BRIEFING_ERR_CONFIG, "sections: expected a non-empty array"},
    {"{\"sections\": []}", BRIEFING_ERR_CONFIG, "sections: expected a non-empty array"},
    {"{\"section\": [{\"plugin\": \"x\"}]}", BRIEFING_ERR_CONFIG, "\"section\" is not a template field"},
    {"{\"sections\": [{\"plugin\": 3}]}", BRIEFING_ERR_CONFIG, "sections[0].plugin: expected a plugin name"},
    {"{\"sections\": [{\"plugin\": \"a\", \"options\": 1}]}", BRIEFING_ERR_CONFIG, "sections[0]: expected \"options\" to be an object"},
    {"{\"sections\": [{\"plugin\": \"a\", \"data\": []}]}", BRIEFING_ERR_CONFIG, "only sources take data"},
    {"{\"sections\": [{\"plugin\": \"a\", \"colour\": 1}]}", BRIEFING_ERR_CONFIG, "sections[0].\"colour\" is not a template field"},
    {"{\"toc\": 1, \"sections\": [{\"plugin\": \"a\"}]}", BRIEFING_ERR_CONFIG, "toc: expected true or false"},
    {"{\"page\": 1, \"sections\": [{\"plugin\": \"a\"}]}", BRIEFING_ERR_CONFIG, "page: expected an object"},
    {"{\"page\": {\"paper\": 1}, \"sections\": [{\"plugin\": \"a\"}]}", BRIEFING_ERR_CONFIG, "page.\"paper\""},
    {"{\"sources\": [{\"plugin\": \"json\", \"data\": [1]}], \"sections\": [{\"plugin\": \"a\"}]}", BRIEFING_ERR_CONFIG, "sources[0]: expected \"data\" to be an array of file paths"},
};

START_TEST(bad_templates)
{
    template *t = NULL;
    diag d;
    int rc = load_text(bad[_i].text, &t, &d);

    ck_assert_msg(rc == bad[_i].status, "%s: status %d, want %d (%s)", bad[_i].text, rc,
                  bad[_i].status, d.text);
    ck_assert_msg(strstr(d.text, bad[_i].message) != NULL, "%s: message \"%s\" lacks \"%s\"",
                  bad[_i].text, d.text, bad[_i].message);
    ck_assert_msg(strstr(d.text, "t.json") != NULL, "message names no file: %s", d.text);
    ck_assert_ptr_null(t);
}
END_TEST

START_TEST(bad_layout_values)
{
    template *t = NULL;
    layout_config cfg;
    diag d;

    ck_assert_int_eq(load_text("{\"colours\": {\"accent\": \"blue\"}, \"sections\": [{\"plugin\": \"a\"}]}",
                               &t, &d), 0);
    ck_assert_int_eq(template_layout_config(t, &cfg, &d), BRIEFING_ERR_CONFIG);
    ck_assert_ptr_nonnull(strstr(d.text, "colours.accent: expected a colour"));
    template_free(t);
    ck_assert_int_eq(load_text("{\"page\": {\"size\": \"B5\"}, \"sections\": [{\"plugin\": \"a\"}]}",
                               &t, &d), 0);
    ck_assert_int_eq(template_layout_config(t, &cfg, &d), BRIEFING_ERR_CONFIG);
    ck_assert_ptr_nonnull(strstr(d.text, "page.size"));
    template_free(t);
}
END_TEST

START_TEST(missing_template)
{
    template *t = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(template_load("/nonexistent/x.json", &t, &d), BRIEFING_ERR_NOINPUT);
    ck_assert_ptr_nonnull(strstr(d.text, "/nonexistent/x.json"));
    diag_clear(&d);
    ck_assert_int_eq(template_load("no-such-template-name", &t, &d), BRIEFING_ERR_NOINPUT);
    ck_assert_ptr_nonnull(strstr(d.text, "template \"no-such-template-name\" not found"));
}
END_TEST

START_TEST(plugin_and_option_checks)
{
    plugin_set set;
    template *t = NULL;
    diag d;

    plugins(&set);
    ck_assert_int_eq(load_text("{\"sections\": [{\"plugin\": \"hello\", \"options\": {\"greting\": \"x\"}}]}",
                               &t, &d), 0);
    ck_assert_int_eq(template_check_plugins(t, &set, &d), BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "plugin \"hello\" has no option \"greting\""), "%s", d.text);
    template_free(t);

    ck_assert_int_eq(load_text("{\"sections\": [{\"plugin\": \"hello\", \"options\": {\"times\": \"2\"}}]}",
                               &t, &d), 0);
    ck_assert_int_eq(template_check_plugins(t, &set, &d), BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "sections[0].options.times: plugin \"hello\" expects a number"),
                  "%s", d.text);
    template_free(t);

    ck_assert_int_eq(load_text("{\"sections\": [{\"plugin\": \"nosuch\"}]}", &t, &d), 0);
    ck_assert_int_eq(template_check_plugins(t, &set, &d), BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "no plugin named \"nosuch\""), "%s", d.text);
    template_free(t);

    ck_assert_int_eq(load_text("{\"sections\": [{\"plugin\": \"badsource\"}]}", &t, &d), 0);
    ck_assert_int_eq(template_check_plugins(t, &set, &d), BRIEFING_ERR_CONFIG);
    ck_assert_msg(strstr(d.text, "\"badsource\" is a source plugin, not a section"), "%s", d.text);
    template_free(t);
    plugin_set_free(&set);
}
END_TEST

START_TEST(options_through_the_host)
{
    const briefing_host *h = host_table();
    plugin_set set;
    template *t = NULL;
    briefing_ctx ctx;
    diag d;

    plugins(&set);
    ck_assert_int_eq(load_text("{\"title\": \"T\", \"sections\": [{\"plugin\": \"hello\","
                               " \"options\": {\"times\": 3, \"extra\": [\"x\"]}}]}", &t, &d), 0);
    ck_assert_int_eq(host_ctx_init(&ctx, plugin_find(&set, "hello", 0)->desc,
                                   t->sections[0].options, t->root, &d), 0);
    ck_assert_str_eq(h->option_string(&ctx, "greeting"), "Hello"); /* the default */
    ck_assert_double_eq(h->option_number(&ctx, "times"), 3);        /* the template's */
    ck_assert_int_eq(h->option_bool(&ctx, "loud"), 0);
    ck_assert_uint_eq(h->option_count(&ctx, "extra"), 1);
    ck_assert_str_eq(h->option_item(&ctx, "extra", 0), "x");
    ck_assert_ptr_null(h->option_item(&ctx, "extra", 1));
    ck_assert_ptr_null(h->option_string(&ctx, "undeclared"));
    ck_assert_str_eq(h->json->string(h->template_value(&ctx, "title")), "T");
    ck_assert_int_eq(h->error(&ctx, BRIEFING_ERR_DATA, "bad %s", "thing"), BRIEFING_ERR_DATA);
    ck_assert_str_eq(host_ctx_diag(&ctx)->text, "bad thing");
    host_ctx_free(&ctx);

    /* Without template options every default applies, lists split on commas. */
    ck_assert_int_eq(host_ctx_init(&ctx, plugin_find(&set, "hello", 0)->desc, NULL, NULL, &d), 0);
    ck_assert_double_eq(h->option_number(&ctx, "times"), 1);
    ck_assert_uint_eq(h->option_count(&ctx, "extra"), 2);
    ck_assert_str_eq(h->option_item(&ctx, "extra", 1), "b");
    ck_assert_ptr_null(host_ctx_diag(&ctx));
    host_ctx_free(&ctx);
    template_free(t);
    plugin_set_free(&set);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("template");
    TCase *tc = tcase_create("template");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, good_template);
    tcase_add_test(tc, logo_relative_to_template);
    tcase_add_loop_test(tc, bad_templates, 0, sizeof bad / sizeof bad[0]);
    tcase_add_test(tc, bad_layout_values);
    tcase_add_test(tc, missing_template);
    tcase_add_test(tc, plugin_and_option_checks);
    tcase_add_test(tc, options_through_the_host);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * test_abi: plugin structs read by their size (core/abi.c).  The array
 * rule of version.h (the first element's size is the step; fields past it
 * default), the refusals that name the element, table_row_n, and the
 * table of ABI 1.1 that converts the old structs.
 */
#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "abi.h"
#include "host.h"
#include "layout.h"
#include "test_util.h"

const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static briefing_doc *new_doc(void)
{
    layout_config cfg;
    diag d = {0};
    briefing_doc *doc;

    layout_config_defaults(&cfg);
    cfg.source_date_epoch = 1717200000;
    cfg.as_of = (briefing_date){2024, 6, 1};
    cfg.time_from = (briefing_date){2010, 1, 1};
    cfg.time_to = (briefing_date){2024, 12, 31};
    doc = layout_doc_new(&cfg, &d);
    ck_assert_msg(doc != NULL, "layout_doc_new: %s", d.text);
    return doc;
}

/* The text of doc's PDF, folded to one line (free it). */
static char *doc_text(briefing_doc *doc)
{
    char path[] = "/tmp/test_abi.XXXXXX", cmd[256];
    static char text[65536];
    diag d = {0};
    FILE *p;
    size_t n;
    int fd = mkstemp(path);

    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(layout_write(doc, path, &d), BRIEFING_OK);
    snprintf(cmd, sizeof cmd, "pdftotext '%s' - | tr -s ' \\n' '  '", path);
    ck_assert_ptr_nonnull(p = popen(cmd, "r"));
    n = fread(text, 1, sizeof text - 1, p);
    text[n] = '\0';
    pclose(p);
    unlink(path);
    return strdup(text);
}

/* A fact as a later minor version might declare it: the same members and
 * one more at the end, which this host must step over and not read. */
typedef struct future_fact {
    briefing_fact f;
    double added_later;
    const char *more;
} future_fact;

START_TEST(test_array_step_is_first_size)
{
    briefing_doc *doc = new_doc();
    const briefing_layout_api *api = abi_layout();
    future_fact facts[2];
    char *text;
    int i;

    memset(facts, 0xA5, sizeof facts); /* what the host must not read */
    for (i = 0; i < 2; i++) {
        facts[i].f = (briefing_fact){.size = sizeof facts[i], .label = i ? "Second label" : "First label",
                                     .value = i ? "Two" : "One", .badge = BRIEFING_JUDGEMENT_NONE};
    }
    ck_assert_int_eq(api->facts(doc, &facts[0].f, 2), BRIEFING_OK);
    text = doc_text(doc);
    ck_assert_msg(strstr(text, "Second label") && strstr(text, "Two"), "text: %s", text);
    free(text);
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_short_struct_defaults_the_rest)
{
    briefing_doc *doc = new_doc();
    const briefing_layout_api *api = abi_layout();
    /* A fact whose size stops before badge and detail: garbage after it. */
    briefing_fact facts[2];
    char *text;

    memset(facts, 0x5A, sizeof facts);
    facts[0].size = facts[1].size = offsetof(briefing_fact, detail);
    facts[0].label = "Kept label";
    facts[0].value = "Kept value";
    /* elements stepped by the short size: the second starts inside facts[0] */
    {
        unsigned char *second = (unsigned char *)facts + offsetof(briefing_fact, detail);
        briefing_fact head = {.size = offsetof(briefing_fact, detail), .label = "Next label",
                              .value = "Next value"};

        memcpy(second, &head, offsetof(briefing_fact, detail));
    }
    ck_assert_int_eq(api->facts(doc, facts, 2), BRIEFING_OK);
    text = doc_text(doc);
    ck_assert_msg(strstr(text, "Kept value") && strstr(text, "Next value"), "text: %s", text);
    free(text);
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_bad_sizes_named)
{
    briefing_doc *doc = new_doc();
    const briefing_layout_api *api = abi_layout();
    briefing_run runs[2] = {{.size = sizeof runs[0], .text = "a"}, {.size = 8, .text = "b"}};
    briefing_cover cover = {.title = "no size"};

    ck_assert_int_eq(api->paragraph_runs(doc, runs, 2), BRIEFING_ERR_INTERNAL);
    ck_assert_ptr_nonnull(strstr(layout_error(doc)->text, "paragraph: element 2 has size 8"));
    layout_doc_free(doc); /* the first error stays: a new document */
    doc = new_doc();
    ck_assert_int_eq(api->cover(doc, &cover), BRIEFING_ERR_INTERNAL);
    ck_assert_ptr_nonnull(strstr(layout_error(doc)->text, "cover: element 1 has size 0"));
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_table_row_n)
{
    briefing_doc *doc = new_doc();
    const briefing_layout_api *api = abi_layout();
    briefing_column cols[3] = {{.size = sizeof cols[0], .title = "A"}, {.size = sizeof cols[0], .title = "B"},
                               {.size = sizeof cols[0], .title = "C"}};
    const char *row[3] = {"1", "2", "3"};
    briefing_table *t;

    ck_assert_uint_ge(api->size, offsetof(briefing_layout_api, table_row_n) + sizeof api->table_row_n);
    ck_assert_ptr_nonnull(t = api->table_begin(doc, NULL, cols, 3));
    ck_assert_int_eq(api->table_row_n(t, row, 3), BRIEFING_OK);
    ck_assert_int_eq(api->table_row_n(t, row, 2), BRIEFING_ERR_INTERNAL);
    ck_assert_str_eq(layout_error(doc)->text, "table_row_n: a row of 2 cells in a table of 3 columns");
    ck_assert(layout_table_open(doc));
    ck_assert_int_eq(api->table_end(t), BRIEFING_OK);
    ck_assert(!layout_table_open(doc));
    layout_doc_free(doc);
}
END_TEST

/* The 1.1 structs, as tests/data/abi-1.1/briefing/layout.h has them. */
typedef struct old_fact {
    const char *label, *value, *detail;
    briefing_judgement badge;
} old_fact;

typedef struct old_cell {
    const char *text;
    briefing_judgement badge;
    int bold;
} old_cell;

START_TEST(test_abi_1_1_converted)
{
    briefing_doc *doc = new_doc();
    const briefing_host *h = abi_host(1);
    old_fact facts[2] = {{"Old label", "Old value", NULL, BRIEFING_JUDGEMENT_NONE},
                         {"Graded", NULL, "in 2023", BRIEFING_JUDGEMENT_GOOD}};
    old_cell cells[2] = {{"Cell text", BRIEFING_JUDGEMENT_NONE, 1}, {NULL, BRIEFING_JUDGEMENT_INADEQUATE, 0}};
    struct { const char *title; double width_mm; briefing_align align; } cols[2] = {
        {"Left", 0, BRIEFING_ALIGN_LEFT}, {"Right", 0, BRIEFING_ALIGN_RIGHT}};
    briefing_table *t;
    char *text;

    ck_assert_ptr_eq(abi_host(2), host_table());
    ck_assert_ptr_eq(h->layout, abi_layout_1_1());
    ck_assert_ptr_eq(host_table()->layout, abi_layout());
    ck_assert_int_eq(h->layout->facts(doc, (const briefing_fact *)(const void *)facts, 2), BRIEFING_OK);
    ck_assert_ptr_nonnull(t = h->layout->table_begin(doc, NULL, (const void *)cols, 2));
    ck_assert_int_eq(h->layout->table_row_cells(t, (const void *)cells), BRIEFING_OK);
    ck_assert_int_eq(h->layout->table_end(t), BRIEFING_OK);
    text = doc_text(doc);
    ck_assert_msg(strstr(text, "Old value") && strstr(text, "Good") && strstr(text, "Cell text") &&
                      strstr(text, "Inadequate") && strstr(text, "Right"),
                  "text: %s", text);
    free(text);
    layout_doc_free(doc);
}
END_TEST

START_TEST(test_options_by_abi)
{
    static const briefing_option now[] = {
        {.size = sizeof(briefing_option), .name = "a", .type = BRIEFING_OPTION_BOOL},
        {.size = sizeof(briefing_option), .name = "b", .type = BRIEFING_OPTION_LIST, .default_value = "x,y"},
        {0},
    };
    static const struct { const char *name; briefing_option_type type; const char *def, *help; } old[] = {
        {"c", BRIEFING_OPTION_NUMBER, "5", "help"}, {NULL, 0, NULL, NULL}};
    static const briefing_option unsized[] = {{.name = "d", .type = BRIEFING_OPTION_STRING}, {0}};
    briefing_plugin desc = {BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION), .options = now};
    briefing_option *o;
    char why[256] = "";
    int st;

    ck_assert_ptr_nonnull(o = abi_options(&desc, &st, why, sizeof why));
    ck_assert_str_eq(o[1].name, "b");
    ck_assert_str_eq(o[1].default_value, "x,y");
    ck_assert_ptr_null(o[2].name);
    free(o);
    desc.abi_minor = 1;
    desc.options = (const void *)old;
    ck_assert_ptr_nonnull(o = abi_options(&desc, &st, why, sizeof why));
    ck_assert_str_eq(o[0].name, "c");
    ck_assert_str_eq(o[0].help, "help");
    ck_assert_int_eq(o[0].type, BRIEFING_OPTION_NUMBER);
    ck_assert_ptr_null(o[1].name);
    free(o);
    desc.abi_minor = 2;
    desc.options = unsized;
    ck_assert_ptr_null(abi_options(&desc, &st, why, sizeof why));
    ck_assert_int_eq(st, BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(why, "option 1 has size 0"));
}
END_TEST

static Suite *abi_suite(void)
{
    Suite *s = suite_create("abi");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, test_array_step_is_first_size);
    tcase_add_test(tc, test_short_struct_defaults_the_rest);
    tcase_add_test(tc, test_bad_sizes_named);
    tcase_add_test(tc, test_table_row_n);
    tcase_add_test(tc, test_abi_1_1_converted);
    tcase_add_test(tc, test_options_by_abi);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(abi_suite(), CK_FORK);
}

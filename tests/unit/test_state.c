/*
 * What batch --state-dir remembers between monthly runs: one file per
 * council and template, read back exactly, and refused (with the file named)
 * when it is not what it should be.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <briefing/plugin.h>

#include "host.h"
#include "state.h"
#include "test_util.h"

static char root[] = "/tmp/test_state.XXXXXX";
static char dir[600];

static void setup(void)
{
    strcpy(root, "/tmp/test_state.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(root));
    snprintf(dir, sizeof dir, "%s/state", root);
}

static void teardown(void)
{
    char cmd[700];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    ck_assert_int_eq(system(cmd), 0);
}

static briefing_date date(int y, int m, int d)
{
    briefing_date out = {y, m, d};
    return out;
}

/* A council as the dataset would hand it: the code and the merged entry. */
static briefing_council *council(const char *code, const char *json)
{
    static briefing_council c;
    static cJSON *raw;

    cJSON_Delete(raw);
    raw = cJSON_Parse(json);
    ck_assert_ptr_nonnull(raw);
    memset(&c, 0, sizeof c);
    c.code = code;
    c.name = "Norfolk";
    c.raw = (const briefing_json *)raw;
    return &c;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* How many entries (hidden ones included) folder holds. */
static int entries(const char *folder)
{
    DIR *d = opendir(folder);
    struct dirent *e;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

START_TEST(first_run_has_no_state)
{
    state_store st;
    cJSON *doc = (cJSON *)1;
    diag d;
    struct stat sb;

    diag_clear(&d);
    ck_assert_int_eq(state_open(&st, dir, "/somewhere/templates/councillor-pack.json", &d),
                     BRIEFING_OK);
    ck_assert_str_eq(st.key, "councillor-pack");
    /* The folders are made on the first run. */
    ck_assert_int_eq(stat(st.dir, &sb), 0);
    ck_assert(S_ISDIR(sb.st_mode));
    ck_assert_int_eq(state_load(&st, "E10000020", &doc, &d), BRIEFING_OK);
    ck_assert_ptr_null(doc);
}
END_TEST

START_TEST(saved_state_reads_back)
{
    state_store st;
    cJSON *doc = NULL;
    const cJSON *c;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(state_open(&st, dir, "pack.json", &d), BRIEFING_OK);
    ck_assert_int_eq(state_save(&st, council("E10000020", "{\"code\":\"E10000020\",\"name\":"
                                             "\"Norfolk\",\"inspections\":[{\"date\":\"2018-01-19\"}]}"),
                                date(2024, 6, 1), date(2024, 6, 3), &d), BRIEFING_OK);
    /* One file, no temporary left beside it. */
    ck_assert_int_eq(entries(st.dir), 1);
    ck_assert_int_eq(state_load(&st, "E10000020", &doc, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(cJSON_GetObjectItem(doc, "as_of")->valuestring, "2024-06-01");
    ck_assert_str_eq(cJSON_GetObjectItem(doc, "briefed")->valuestring, "2024-06-03");
    c = cJSON_GetObjectItem(doc, "council");
    ck_assert_str_eq(cJSON_GetObjectItem(c, "name")->valuestring, "Norfolk");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(c, "inspections")), 1);
    cJSON_Delete(doc);
    /* Another template keeps its own. */
    ck_assert_int_eq(state_open(&st, dir, "one-page.json", &d), BRIEFING_OK);
    ck_assert_int_eq(state_load(&st, "E10000020", &doc, &d), BRIEFING_OK);
    ck_assert_ptr_null(doc);
    council("E1", "{}"); /* frees the last one */
}
END_TEST

START_TEST(bad_state_files_are_named)
{
    static const char *const bad[][2] = {
        {"not json", "not valid JSON"},
        {"[]", "not a JSON object"},
        {"{\"schema\":\"other/1\"}", "schema"},
        {"{\"schema\":\"briefing-state/1\",\"template\":\"pack\",\"code\":\"E2\"}", "code"},
        {"{\"schema\":\"briefing-state/1\",\"template\":\"other\",\"code\":\"E1\"}", "template"},
        {"{\"schema\":\"briefing-state/1\",\"template\":\"pack\",\"code\":\"E1\","
         "\"as_of\":\"June\"}", "as_of"},
        {"{\"schema\":\"briefing-state/1\",\"template\":\"pack\",\"code\":\"E1\","
         "\"as_of\":\"2024-06-01\",\"briefed\":\"2024-06-01\",\"council\":[]}", "council"},
    };
    char path[PATH_MAX + 16];
    state_store st;
    size_t i;

    ck_assert_int_eq(state_open(&st, dir, "pack", NULL), BRIEFING_OK);
    snprintf(path, sizeof path, "%s/E1.json", st.dir);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *doc = NULL;
        diag d;

        write_file(path, bad[i][0]);
        diag_clear(&d);
        ck_assert_int_eq(state_load(&st, "E1", &doc, &d), BRIEFING_ERR_DATA);
        ck_assert_ptr_null(doc);
        ck_assert_msg(strstr(d.text, path) && strstr(d.text, bad[i][1]), "%s: got \"%s\"",
                      bad[i][0], d.text);
    }
}
END_TEST

START_TEST(hostile_code_stays_in_the_folder)
{
    state_store st;
    char escaped[800];

    ck_assert_int_eq(state_open(&st, dir, "../../pack.json", NULL), BRIEFING_OK);
    ck_assert_str_eq(st.key, "pack");
    ck_assert_int_eq(state_save(&st, council("../../evil", "{\"code\":\"x\"}"), date(2024, 1, 1),
                                date(2024, 1, 1), NULL), BRIEFING_OK);
    snprintf(escaped, sizeof escaped, "%s/evil.json", root);
    ck_assert_int_eq(access(escaped, F_OK), -1);
    ck_assert_int_eq(entries(st.dir), 1);
    council("E1", "{}");
}
END_TEST

START_TEST(state_folder_in_the_way)
{
    diag d;
    state_store st;

    write_file(dir, "a file, not a folder");
    diag_clear(&d);
    ck_assert_int_eq(state_open(&st, dir, "pack.json", &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_msg(strstr(d.text, dir) != NULL, "%s", d.text);
}
END_TEST

START_TEST(previous_is_what_the_context_carries)
{
    briefing_ctx ctx;
    cJSON *state = cJSON_CreateObject();

    ck_assert_int_eq(host_ctx_init(&ctx, NULL, NULL, NULL, NULL), BRIEFING_OK);
    ck_assert_ptr_null(host_table()->previous(&ctx));
    ctx.previous = state;
    ck_assert_ptr_eq(host_table()->previous(&ctx), (const briefing_json *)state);
    host_ctx_free(&ctx);
    cJSON_Delete(state);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("state");
    TCase *tc = tcase_create("state");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, first_run_has_no_state);
    tcase_add_test(tc, saved_state_reads_back);
    tcase_add_test(tc, bad_state_files_are_named);
    tcase_add_test(tc, hostile_code_stays_in_the_folder);
    tcase_add_test(tc, state_folder_in_the_way);
    tcase_add_test(tc, previous_is_what_the_context_carries);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

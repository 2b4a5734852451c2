/* Atomic output, number and citation formatting, the host's JSON functions. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/plugin.h>

#include "format.h"
#include "json_api.h"
#include "output.h"
#include "test_util.h"

static char dir[64];

static void setup(void)
{
    strcpy(dir, "/tmp/briefing-output-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static int entries(const char *folder)
{
    char cmd[256];
    FILE *p;
    int n = -1;

    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", folder);
    p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

START_TEST(commit_replaces_whole)
{
    char final[128], text[64] = "";
    output o;
    diag d;
    FILE *f;

    diag_clear(&d);
    snprintf(final, sizeof final, "%s/pack.pdf", dir);
    write_file(final, "old");
    ck_assert_int_eq(output_begin(&o, final, &d), 0);
    ck_assert_ptr_nonnull(strstr(o.tmp_path, "/.pack.pdf."));
    write_file(o.tmp_path, "new");
    /* Until the commit, the old file is what a reader sees. */
    f = fopen(final, "r");
    ck_assert_ptr_nonnull(fgets(text, sizeof text, f));
    fclose(f);
    ck_assert_str_eq(text, "old");
    ck_assert_int_eq(output_commit(&o, &d), 0);
    f = fopen(final, "r");
    ck_assert_ptr_nonnull(fgets(text, sizeof text, f));
    fclose(f);
    ck_assert_str_eq(text, "new");
    ck_assert_int_eq(entries(dir), 1);
}
END_TEST

START_TEST(abort_leaves_old)
{
    char final[128], text[64] = "";
    output o;
    diag d;
    FILE *f;

    diag_clear(&d);
    snprintf(final, sizeof final, "%s/pack.pdf", dir);
    write_file(final, "old");
    ck_assert_int_eq(output_begin(&o, final, &d), 0);
    write_file(o.tmp_path, "half");
    output_abort(&o);
    f = fopen(final, "r");
    ck_assert_ptr_nonnull(fgets(text, sizeof text, f));
    fclose(f);
    ck_assert_str_eq(text, "old");
    ck_assert_int_eq(entries(dir), 1);
}
END_TEST

START_TEST(cannot_create)
{
    char final[128];
    output o;
    diag d;

    diag_clear(&d);
    snprintf(final, sizeof final, "%s/missing/pack.pdf", dir);
    ck_assert_int_eq(output_begin(&o, final, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_ptr_nonnull(strstr(d.text, "missing"));
    diag_clear(&d);
    ck_assert_int_eq(output_begin(&o, dir, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_ptr_nonnull(strstr(d.text, "is a folder"));
}
END_TEST

START_TEST(devices_written_directly)
{
    output o;
    diag d;
    struct stat st;

    diag_clear(&d);
    ck_assert_int_eq(output_begin_stream(&o, "/dev/null", &d), 0);
    ck_assert_int_eq(o.direct, 1);
    ck_assert_ptr_nonnull(strstr(o.tmp_path, "briefing-spool."));
    write_file(o.tmp_path, "a whole PDF");
    ck_assert_int_eq(output_commit(&o, &d), 0);
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(S_ISCHR(st.st_mode)); /* still the device, not a renamed file */
    /* A write error is one. */
    ck_assert_int_eq(output_begin_stream(&o, "/dev/full", &d), 0);
    write_file(o.tmp_path, "a whole PDF");
    ck_assert_int_eq(output_commit(&o, &d), BRIEFING_ERR_IO);
    ck_assert_ptr_nonnull(strstr(d.text, "/dev/full: writing failed"));
    /* Where only a file will do (a database, a state file): refused. */
    diag_clear(&d);
    ck_assert_int_eq(output_begin(&o, "/dev/null", &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_ptr_nonnull(strstr(d.text, "not a regular file"));
    diag_clear(&d);
    ck_assert_int_eq(output_begin(&o, "", &d), BRIEFING_ERR_USAGE);
    ck_assert_ptr_nonnull(strstr(d.text, "empty"));
}
END_TEST

/* A regenerated file keeps the old one's mode. */
START_TEST(mode_kept)
{
    char final[128];
    struct stat st;
    output o;
    diag d;

    diag_clear(&d);
    snprintf(final, sizeof final, "%s/pack.pdf", dir);
    write_file(final, "old");
    ck_assert_int_eq(chmod(final, 0640), 0);
    ck_assert_int_eq(output_begin(&o, final, &d), 0);
    write_file(o.tmp_path, "new");
    ck_assert_int_eq(output_commit(&o, &d), 0);
    ck_assert_int_eq(stat(final, &st), 0);
    ck_assert_int_eq(st.st_mode & 0777, 0640);
}
END_TEST

/* A sweep removes a temporary file no one holds, not one being written. */
START_TEST(sweep_spares_live)
{
    char final[128], stale[160];
    output o;
    diag d;

    diag_clear(&d);
    snprintf(final, sizeof final, "%s/pack.pdf", dir);
    snprintf(stale, sizeof stale, "%s/.pack.pdf.Stale1", dir);
    write_file(stale, "half");
    ck_assert_int_eq(output_begin(&o, final, &d), 0); /* sweeps the stale one */
    ck_assert_int_eq(access(stale, F_OK), -1);
    write_file(o.tmp_path, "being written");
    ck_assert_int_eq(output_sweep(final), 0);
    ck_assert_int_eq(access(o.tmp_path, F_OK), 0);
    output_abort(&o);
    ck_assert_int_eq(entries(dir), 0);
}
END_TEST

START_TEST(numbers)
{
    char b[64];

    ck_assert_str_eq(format_number(1151, 0, b, sizeof b), "1,151");
    ck_assert_str_eq(format_number(1234567.891, 2, b, sizeof b), "1,234,567.89");
    ck_assert_str_eq(format_number(68, 0, b, sizeof b), "68");
    ck_assert_str_eq(format_number(-1200.5, 1, b, sizeof b), "-1,200.5");
    ck_assert_str_eq(format_number(-0.04, 1, b, sizeof b), "0.0");
    ck_assert_str_eq(format_number(999.96, 1, b, sizeof b), "1,000.0");
    ck_assert_str_eq(format_number(NAN, 0, b, sizeof b), "");
    ck_assert_str_eq(format_number(INFINITY, 0, b, sizeof b), "");
    ck_assert_str_eq(format_number(100000, 0, b, 4), "100"); /* truncated, terminated */
}
END_TEST

START_TEST(citations)
{
    briefing_source s1 = {.id = "a", .number = 1}, s2 = {.id = "b", .number = 2},
                    s3 = {.id = "c", .number = 3};
    const briefing_source *sources[] = {&s1, &s2, &s3};
    briefing_dataset ds = {.sources = sources, .n_sources = 3};
    const char *ids[] = {"c", "a", "c", "nope"};
    briefing_cites cites = {ids, 4};
    briefing_cites none = {NULL, 0};
    char b[64];

    ck_assert_str_eq(format_cite(&ds, cites, b, sizeof b), "[1, 3]");
    ck_assert_str_eq(format_cite(&ds, none, b, sizeof b), "");
    cites.count = 1;
    ck_assert_str_eq(format_cite(&ds, cites, b, sizeof b), "[3]");
    ck_assert_str_eq(format_cite(&ds, cites, b, 2), "[");
}
END_TEST

START_TEST(json_functions)
{
    const briefing_json_api *j = json_api();
    cJSON *root = cJSON_CreateObject();
    briefing_json *r = json_wrap(root), *arr, *o;
    double n = 0;

    arr = j->add_array(r, "councils");
    o = j->add_object(arr, NULL);
    ck_assert_ptr_nonnull(j->add_string(o, "code", "E10000020"));
    ck_assert_ptr_nonnull(j->add_number(o, "n", 3));
    ck_assert_ptr_nonnull(j->add_string(o, "code", "E10000021")); /* replaces */
    ck_assert_ptr_null(j->add_string(arr, "key on an array", "x"));
    ck_assert_ptr_null(j->add_string(o, NULL, "no key on an object"));
    ck_assert_uint_eq(j->count(j->get(r, "councils")), 1);
    ck_assert_str_eq(j->string(j->get(j->at(j->get(r, "councils"), 0), "code")), "E10000021");
    ck_assert_int_eq(j->number(j->get(o, "n"), &n), 1);
    ck_assert_double_eq(n, 3);
    ck_assert_int_eq(j->type(j->get(o, "missing")), BRIEFING_JSON_INVALID);
    ck_assert_ptr_null(j->string(NULL));
    ck_assert_ptr_null(j->at(arr, 5));
    ck_assert_int_eq(j->type(o), BRIEFING_JSON_OBJECT);
    cJSON_Delete(root);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("output");
    TCase *fmt = tcase_create("format");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, commit_replaces_whole);
    tcase_add_test(tc, abort_leaves_old);
    tcase_add_test(tc, cannot_create);
    tcase_add_test(tc, devices_written_directly);
    tcase_add_test(tc, mode_kept);
    tcase_add_test(tc, sweep_spares_live);
    tcase_add_test(fmt, numbers);
    tcase_add_test(fmt, citations);
    tcase_add_test(fmt, json_functions);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, fmt);
    return test_run(s, CK_FORK);
}

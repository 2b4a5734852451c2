/* Records databases: what `briefing convert -o records.db` writes comes back
 * whole through the sqlite source plugin (the built plugin, loaded as the
 * program loads it), updates merge as data-model.md merges files, and a
 * failure leaves the file as it was. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "dataset_private.h"
#include "host.h"
#include "json_api.h"
#include "plugin_loader.h"
#include "sqlite_store.h"
#include "test_dataset.h"
#include "test_util.h"

static char dir[64];
static char db_path[128];
static plugin_set plugins;
static const plugin *source;

static void setup(void)
{
    const char *build = getenv("BRIEFING_BUILD_DIR");
    char plugin_dir[4096];
    const char *dirs[] = {plugin_dir};
    diag d;

    ck_assert_msg(build != NULL, "BRIEFING_BUILD_DIR is not set (run through ctest)");
    snprintf(plugin_dir, sizeof plugin_dir, "%s/%s", build, BRIEFING_PLUGINDIR_REL);
    unsetenv("BRIEFING_PLUGIN_PATH");
    diag_clear(&d);
    memset(&plugins, 0, sizeof plugins);
    ck_assert_int_eq(plugin_load_all(&plugins, dirs, 1, NULL, &d), BRIEFING_OK);
    source = plugin_find(&plugins, "sqlite", BRIEFING_PLUGIN_SOURCE);
    ck_assert_msg(source != NULL, "no sqlite plugin in %s", plugin_dir);
    snprintf(dir, sizeof dir, "/tmp/test_sqlite_store.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(db_path, sizeof db_path, "%s/records.db", dir);
}

static void teardown(void)
{
    DIR *folder = opendir(dir);
    struct dirent *e;
    char path[512];

    while (folder && (e = readdir(folder)) != NULL) {
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlink(path);
    }
    if (folder)
        closedir(folder);
    rmdir(dir);
    plugin_set_free(&plugins);
}

/* How many files the test folder holds: a temporary file left behind shows. */
static int files_in_dir(void)
{
    DIR *folder = opendir(dir);
    struct dirent *e;
    int n = 0;

    while (folder && (e = readdir(folder)) != NULL)
        n += e->d_name[0] != '.' || (e->d_name[1] && e->d_name[1] != '.');
    if (folder)
        closedir(folder);
    return n;
}

/* Reads path through the plugin and validates the result as the host does.
 * Returns the status; *out is the document (NULL on failure), message the
 * error. */
static int read_back(const char *path, cJSON **out, char *message, size_t size)
{
    briefing_ctx ctx;
    cJSON *doc = dataset_new_document();
    diag d;
    int rc;

    diag_clear(&d);
    message[0] = '\0';
    ck_assert_int_eq(host_ctx_init(&ctx, source->desc, NULL, NULL, &d), BRIEFING_OK);
    rc = source->desc->read(host_table(), &ctx, path, json_wrap(doc));
    if (rc != BRIEFING_OK)
        snprintf(message, size, "%s", host_ctx_diag(&ctx) ? host_ctx_diag(&ctx)->text : "?");
    else if ((rc = dataset_validate(doc, path, &d)) != BRIEFING_OK)
        snprintf(message, size, "%s", d.text);
    host_ctx_free(&ctx);
    if (rc != BRIEFING_OK) {
        cJSON_Delete(doc);
        doc = NULL;
    }
    *out = doc;
    return rc;
}

static void write_ok(const cJSON *doc)
{
    diag d;

    diag_clear(&d);
    ck_assert_msg(sqlite_store_write(doc, db_path, &d) == BRIEFING_OK, "%s", d.text);
}

static void assert_same(const cJSON *want, const cJSON *got)
{
    char *a = cJSON_Print(want), *b = cJSON_Print(got);

    ck_assert_msg(cJSON_Compare(want, got, 1), "wrote\n%s\nread back\n%s", a, b);
    free(a);
    free(b);
}

/* Every field of the data model, unknown fields at each level, and the
 * nulls that mean something. */
static const char *FULL =
    "{'schema': 'briefing-dataset/1', 'as_of': '2024-06', 'editor': {'name': 'Ann', 'n': 2},"
    " 'councils': [{'code': 'E10000020', 'la_number': '926', 'name': 'Norfolk', 'kind': 'county',"
    "  'region': 'East of England', 'ward_count': 84,"
    "  'comparators': {'statistical_neighbours': ['E10000029', 'E06000052'], 'custom': ['E1']},"
    "  'inspections': ["
    "   {'date': '2018-01-19', 'inspected_from': '2017-11-27', 'inspected_to': '2017-12-08',"
    "    'framework': 'ilacs', 'type': 'full', 'judgement': 'requires_improvement',"
    "    'sub_judgements': {'leadership': 'good', 'help_and_protection': null, 'odd_name': 'good'},"
    "    'summary': 'Caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80 text', 'url': 'https://example.org/r',"
    "    'cites': ['s1', 's2'], 'lead_inspector': 'X'},"
    "   {'date': '2019-03', 'type': 'monitoring_visit', 'judgement': null}],"
    "  'leaders': ["
    "   {'role': 'dcs', 'name': 'Sara Tough', 'start': '2017-10', 'end': null, 'interim': false,"
    "    'note': 'n', 'cites': ['s1']},"
    "   {'role': 'council_leader', 'name': 'B', 'in_post_on': '2016', 'end': '2019-05-01',"
    "    'interim': true}],"
    "  'interventions': [{'kind': 'commissioner', 'start': '2015-12', 'end': '2016',"
    "   'by': 'Department for Education', 'partner': 'P', 'summary': 'S', 'outcome': 'O',"
    "   'cites': ['s2']}],"
    "  'metrics': [{'name': 'looked_after_rate', 'period': '2024-03-31', 'value': 68.25,"
    "   'unit': 'rate_per_10k', 'england': 70, 'region': -1.5e-3, 'comparator': 1e300,"
    "   'cites': ['s1']},"
    "   {'name': 'custom_measure', 'period': '2023', 'value': 0}],"
    "  'events': [{'date': '2016-07-04', 'headline': 'H', 'summary': 'S', 'cites': ['s1'],"
    "   'tags': ['a', {'b': [null, true, 1.5, 'c']}]},"
    "   {'date': '2016-07-04', 'headline': 'H2'}]},"
    "  {'code': 'E08000027', 'name': 'Dudley'}],"
    " 'sources': [{'id': 's1', 'title': 'T1', 'publisher': 'Ofsted', 'date': '2018-01-19',"
    "   'url': 'https://example.org/1', 'licence': 'OGL'},"
    "  {'id': 's2', 'title': 'T2'}]}";

START_TEST(round_trip_keeps_everything)
{
    cJSON *doc = doc_of(FULL), *back, *mark;
    char message[1024];
    diag d;

    diag_clear(&d);
    ck_assert_msg(dataset_validate(doc, "full.json", &d) == BRIEFING_OK, "%s", d.text);
    /* The merge's bookkeeping is not data: it must not reach the file. */
    mark = cJSON_Duplicate(doc, 1);
    cJSON_AddStringToObject(cJSON_GetArrayItem(cJSON_GetObjectItem(mark, "councils"), 0),
                            DATASET_MARK_FROM, "a.json");
    cJSON_AddStringToObject(mark, DATASET_MARK_FROM, "a.json");
    write_ok(mark);
    ck_assert_msg(read_back(db_path, &back, message, sizeof message) == BRIEFING_OK, "%s", message);
    assert_same(doc, back);
    /* Writing the same again changes nothing: every entry matches itself. */
    write_ok(doc);
    cJSON_Delete(back);
    ck_assert_int_eq(read_back(db_path, &back, message, sizeof message), BRIEFING_OK);
    assert_same(doc, back);
    ck_assert_int_eq(files_in_dir(), 1);
    cJSON_Delete(back);
    cJSON_Delete(mark);
    cJSON_Delete(doc);
}
END_TEST

/* The oracle for an update: what dataset_merge makes of the two files. */
static void check_update(const char *first, const char *second)
{
    cJSON *a = doc_of(first), *b = doc_of(second), *want = doc_of(first), *from = doc_of(second);
    cJSON *back;
    char message[1024];
    diag d;

    diag_clear(&d);
    ck_assert_msg(dataset_validate(a, "a.json", &d) == BRIEFING_OK, "%s", d.text);
    ck_assert_msg(dataset_validate(b, "b.json", &d) == BRIEFING_OK, "%s", d.text);
    ck_assert_int_eq(dataset_merge(want, from, "b.json", NULL, NULL, &d), BRIEFING_OK);
    dataset_strip_marks(want);
    write_ok(a);
    write_ok(b);
    ck_assert_msg(read_back(db_path, &back, message, sizeof message) == BRIEFING_OK, "%s", message);
    assert_same(want, back);
    cJSON_Delete(back);
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(want);
    cJSON_Delete(from);
}

START_TEST(update_merges_like_files)
{
    check_update(
        "{'schema': 'briefing-dataset/1', 'as_of': '2020-01-01', 'extra_top': 1,"
        " 'councils': [{'code': 'E10000020', 'name': 'Norfolk', 'region': 'East',"
        "  'comparators': {'statistical_neighbours': ['E1', 'E2']},"
        "  'inspections': [{'date': '2018-01-19', 'judgement': 'requires_improvement',"
        "    'sub_judgements': {'leadership': 'good'}, 'cites': ['s1'], 'note': 'old'},"
        "   {'date': '2019-05-01', 'type': 'focused_visit', 'judgement': 'good'},"
        "   {'date': '2019-05-01', 'type': 'full', 'judgement': 'good'}],"
        "  'leaders': [{'role': 'dcs', 'name': 'A', 'start': '2017', 'interim': true},"
        "   {'role': 'dcs', 'name': 'B', 'in_post_on': '2019'}],"
        "  'interventions': [{'kind': 'trust', 'start': '2016', 'summary': 'S'}],"
        "  'metrics': [{'name': 'm', 'period': '2020', 'value': 1, 'cites': ['s1']}],"
        "  'events': [{'date': '2016', 'headline': 'H', 'summary': 'old'}]}],"
        " 'sources': [{'id': 's1', 'title': 'T1'}]}",
        "{'schema': 'briefing-dataset/1', 'as_of': '2019', 'extra_top': 2,"
        " 'councils': [{'code': 'E10000020', 'name': 'Norfolk', 'region': 'East of England',"
        "  'comparators': {'statistical_neighbours': ['E2', 'E3']},"
        "  'inspections': [{'date': '2018-01-19', 'type': 'full', 'judgement': 'good',"
        "    'sub_judgements': {'leadership': null, 'adoption': 'good'}, 'cites': ['s2', 's1'],"
        "    'note': null},"
        "   {'date': '2019-05-01', 'type': 'focused_visit', 'judgement': null}],"
        "  'leaders': [{'role': 'dcs', 'name': 'A', 'start': '2017', 'end': '2019',"
        "    'interim': false},"
        "   {'role': 'dcs', 'name': 'B', 'in_post_on': '2019', 'end': null},"
        "   {'role': 'dcs', 'name': 'B', 'in_post_on': '2019', 'note': 'twice in one file'}],"
        "  'interventions': [{'kind': 'trust', 'start': '2016', 'summary': 'S2', 'end': '2018'}],"
        "  'metrics': [{'name': 'm', 'period': '2021', 'value': 2}],"
        "  'events': [{'date': '2016', 'headline': 'H', 'summary': 'new'},"
        "   {'date': '2020', 'headline': 'Twice'}, {'date': '2020', 'headline': 'Twice'}]},"
        "  {'code': 'E08000027', 'name': 'Dudley'}],"
        " 'sources': [{'id': 's2', 'title': 'T2'}, {'id': 's1', 'title': 'T1'}]}");
}
END_TEST

/* An update the schema cannot take (a cite naming no source: only an
 * unvalidated document can say that) fails whole: the file keeps every
 * byte, and no temporary file is left. */
START_TEST(failed_update_leaves_the_file)
{
    cJSON *a = doc_of("{'schema': 'briefing-dataset/1', 'councils': [{'code': 'E1', 'name': 'A',"
                      " 'events': [{'date': '2016', 'headline': 'H'}]}]}");
    cJSON *b = doc_of("{'schema': 'briefing-dataset/1', 'councils': [{'code': 'E1', 'name': 'A',"
                      " 'events': [{'date': '2017', 'headline': 'New', 'cites': ['nowhere']}]}]}");
    buf before, after;
    diag d;

    write_ok(a);
    buf_init(&before, 1 << 24);
    buf_init(&after, 1 << 24);
    ck_assert_int_eq(buf_read_file(&before, db_path), 0);
    diag_clear(&d);
    ck_assert_int_eq(sqlite_store_write(b, db_path, &d), BRIEFING_ERR_DATA);
    ck_assert_msg(strstr(d.text, db_path) && strstr(d.text, "councils[0].events[0]")
                      && strstr(d.text, "FOREIGN KEY"),
                  "%s", d.text);
    ck_assert_int_eq(buf_read_file(&after, db_path), 0);
    ck_assert_int_eq(before.len, after.len);
    ck_assert(memcmp(before.data, after.data, before.len) == 0);
    ck_assert_int_eq(files_in_dir(), 1);
    buf_free(&before);
    buf_free(&after);
    cJSON_Delete(a);
    cJSON_Delete(b);
}
END_TEST

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");

    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void sql(const char *path, const char *statements)
{
    sqlite3 *db = NULL;
    char *error = NULL;

    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    ck_assert_msg(sqlite3_exec(db, statements, NULL, NULL, &error) == SQLITE_OK, "%s", error);
    sqlite3_close(db);
}

/* A file in the way that is not a records database is never replaced. */
START_TEST(refuses_to_replace_other_files)
{
    cJSON *a = doc_of("{'schema': 'briefing-dataset/1', 'councils': [{'code': 'E1', 'name': 'A'}]}");
    char other[160];
    buf content;
    diag d;

    write_file(db_path, "my notes\n");
    diag_clear(&d);
    ck_assert_int_eq(sqlite_store_write(a, db_path, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_msg(strstr(d.text, "not a SQLite database"), "%s", d.text);
    buf_init(&content, 1024);
    ck_assert_int_eq(buf_read_file(&content, db_path), 0);
    ck_assert_str_eq(content.data, "my notes\n");
    buf_free(&content);

    snprintf(other, sizeof other, "%s/other.db", dir);
    sql(other, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)");
    diag_clear(&d);
    ck_assert_int_eq(sqlite_store_write(a, other, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_msg(strstr(d.text, "not briefing records"), "%s", d.text);
    sql(other, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
               "INSERT INTO meta VALUES ('schema', 'briefing-records/9')");
    diag_clear(&d);
    ck_assert_int_eq(sqlite_store_write(a, other, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_msg(strstr(d.text, "briefing-records/9"), "%s", d.text);
    ck_assert_int_eq(files_in_dir(), 2);
    cJSON_Delete(a);
}
END_TEST

/* A private database stays private after an update; the user's own tables
 * and rows are kept. */
START_TEST(update_keeps_mode_and_own_tables)
{
    cJSON *a = doc_of("{'schema': 'briefing-dataset/1', 'councils': [{'code': 'E1', 'name': 'A'}]}");
    sqlite3 *db;
    sqlite3_stmt *st;
    struct stat st_after;

    write_ok(a);
    sql(db_path, "CREATE TABLE my_notes (council_code TEXT REFERENCES councils (code), note TEXT);"
                 "INSERT INTO my_notes VALUES ('E1', 'call the DCS')");
    ck_assert_int_eq(chmod(db_path, 0600), 0);
    write_ok(a);
    ck_assert_int_eq(stat(db_path, &st_after), 0);
    ck_assert_int_eq(st_after.st_mode & 0777, 0600);
    ck_assert_int_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT note FROM my_notes", -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "call the DCS");
    sqlite3_finalize(st);
    sqlite3_close(db);
    cJSON_Delete(a);
}
END_TEST

/* The reader names the file, table, row and column of a bad value. */
static void check_read_error(const char *statements, const char *want)
{
    cJSON *doc = doc_of(FULL), *back;
    char message[1024];

    write_ok(doc);
    sql(db_path, statements);
    ck_assert_int_eq(read_back(db_path, &back, message, sizeof message), BRIEFING_ERR_DATA);
    ck_assert_ptr_null(back);
    ck_assert_msg(strstr(message, db_path) && strstr(message, want), "%s\nlacks: %s", message, want);
    cJSON_Delete(doc);
    unlink(db_path);
}

START_TEST(read_errors_name_table_row_column)
{
    check_read_error("UPDATE inspections SET judgement = 'very good' WHERE id = 2",
                     "table inspections, row 2, column judgement: \"very good\" is not one of "
                     "outstanding, good");
    check_read_error("UPDATE sub_judgements SET judgement = 'fine' WHERE name = 'odd_name'",
                     "table sub_judgements, row 3, column judgement: \"fine\" is not one of");
    check_read_error("UPDATE leaders SET start = '31/01/2018' WHERE id = 1",
                     "table leaders, row 1, column start: \"31/01/2018\" is not a date");
    check_read_error("UPDATE leaders SET \"end\" = '2001' WHERE id = 2",
                     "table leaders, row 2, column end: \"2001\" is before in_post_on \"2016\"");
    check_read_error("UPDATE metrics SET value = 'lots' WHERE id = 1",
                     "table metrics, row 1, column value: expected a number, found text");
    check_read_error("UPDATE leaders SET interim = 2 WHERE id = 1",
                     "table leaders, row 1, column interim: expected 0 or 1");
    check_read_error("UPDATE councils SET kind = 'shire' WHERE code = 'E10000020'",
                     "table councils, row 1, column kind: \"shire\" is not one of county");
    check_read_error("UPDATE events SET extra = '{\"a\": ' WHERE id = 1",
                     "table events, row 1, column extra: not JSON");
    check_read_error("UPDATE events SET extra = '[1]' WHERE id = 1",
                     "table events, row 1, column extra: expected a JSON object, found an array");
    check_read_error("UPDATE councils SET name = CAST(x'4eff' AS TEXT) WHERE code = 'E08000027'",
                     "table councils, row 2, column name: the text is not valid UTF-8");
    check_read_error("PRAGMA foreign_keys = OFF; INSERT INTO metric_cites VALUES (1, 'nowhere', 9)",
                     "table metric_cites, row 2, column source_id: names no row of table sources");
    check_read_error("PRAGMA foreign_keys = OFF; UPDATE events SET council_code = 'E9' WHERE id = 2",
                     "table events, row 2, column council_code: names no row of table councils");
    check_read_error("UPDATE meta SET value = 'briefing-records/2' WHERE key = 'schema'",
                     "of schema \"briefing-records/2\", not briefing-records/1");
    check_read_error("DROP TABLE meta", "not briefing records");
    check_read_error("ALTER TABLE events DROP COLUMN summary", "table events: no such column: summary");
    /* Views are not run: one could be made never to end. */
    check_read_error("DROP TABLE meta; CREATE VIEW meta AS SELECT 'schema' AS key, "
                     "'briefing-records/1' AS value",
                     "table meta: access to view \"meta\" prohibited");
    check_read_error("DROP TABLE meta; CREATE VIEW meta AS WITH RECURSIVE n(i) AS (SELECT 1 "
                     "UNION ALL SELECT i + 1 FROM n) SELECT 'schema' AS key, i AS value FROM n",
                     "table meta: ");
}
END_TEST

/* A damaged file is refused, named, and nothing of it is loaded. */
START_TEST(damaged_file_is_refused)
{
    cJSON *doc = doc_of(FULL), *back;
    char message[1024];

    write_ok(doc);
    ck_assert_int_eq(truncate(db_path, 5000), 0);
    ck_assert_int_eq(read_back(db_path, &back, message, sizeof message), BRIEFING_ERR_DATA);
    ck_assert_ptr_null(back);
    ck_assert_msg(strstr(message, db_path) && strstr(message, "damaged"), "%s", message);
    cJSON_Delete(doc);
}
END_TEST

/* The plugin claims SQLite files by their first bytes, and nothing else. */
START_TEST(recognises_sqlite_files)
{
    const unsigned char sqlite_head[] = "SQLite format 3\0\x10\0";
    const unsigned char json_head[] = "{\"schema\": \"briefing-dataset/1\"}";
    briefing_ctx ctx;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(host_ctx_init(&ctx, source->desc, NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(source->desc->recognise(host_table(), &ctx, "r.db", sqlite_head, 18), 90);
    ck_assert_int_eq(source->desc->recognise(host_table(), &ctx, "r.db", sqlite_head, 15), 0);
    ck_assert_int_eq(source->desc->recognise(host_table(), &ctx, "r.json", json_head,
                                             sizeof json_head - 1),
                     0);
    host_ctx_free(&ctx);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sqlite_store");
    TCase *tc = tcase_create("records");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, round_trip_keeps_everything);
    tcase_add_test(tc, update_merges_like_files);
    tcase_add_test(tc, failed_update_leaves_the_file);
    tcase_add_test(tc, refuses_to_replace_other_files);
    tcase_add_test(tc, update_keeps_mode_and_own_tables);
    tcase_add_test(tc, read_errors_name_table_row_column);
    tcase_add_test(tc, damaged_file_is_refused);
    tcase_add_test(tc, recognises_sqlite_files);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

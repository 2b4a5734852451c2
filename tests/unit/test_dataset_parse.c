/* Reading data files: what a user sees when a file is missing, empty, not
 * UTF-8, not JSON or too large. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_dataset.h"
#include "test_util.h"

static char fixture[4096];

/* The path of tests/data/dataset/NAME in the source tree. */
static const char *fixture_path(const char *name)
{
    const char *root = getenv("BRIEFING_SOURCE_DIR");

    snprintf(fixture, sizeof fixture, "%s/tests/data/dataset/%s", root ? root : ".", name);
    return fixture;
}

/* Parses test text (exact bytes, no quote swapping) and returns the message. */
static const char *parse_error(const char *text, size_t len, int want_status)
{
    static diag d;
    cJSON *doc = NULL;
    int rc;

    diag_clear(&d);
    rc = dataset_parse_text("t.json", text, len, &doc, &d);
    ck_assert_int_eq(rc, want_status);
    ck_assert_ptr_null(doc);
    return d.text;
}

START_TEST(file_valid)
{
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(dataset_parse_file(fixture_path("valid.json"), &doc, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(dataset_validate(doc, "valid.json", &d), BRIEFING_OK);
    ck_assert_str_eq(cJSON_GetObjectItem(doc, "as_of")->valuestring, "2018-03-01");
    cJSON_Delete(doc);
}
END_TEST

/* Reads fixture NAME, which must fail with status; checks the message is
 * "PATH<rest>" with PATH the fixture's path. */
static void check_file_error(const char *name, int status, const char *rest)
{
    char want[8192];
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(dataset_parse_file(fixture_path(name), &doc, &d), status);
    ck_assert_ptr_null(doc);
    snprintf(want, sizeof want, "%s%s", fixture, rest);
    ck_assert_str_eq(d.text, want);
}

START_TEST(file_missing)
{
    char rest[256];

    snprintf(rest, sizeof rest, ": cannot read: %s", strerror(ENOENT));
    check_file_error("no-such.json", BRIEFING_ERR_NOINPUT, rest);
}
END_TEST

START_TEST(file_is_folder)
{
    check_file_error("", BRIEFING_ERR_NOINPUT, ": is a folder, expected a data file");
}
END_TEST

START_TEST(file_empty)
{
    check_file_error("empty.json", BRIEFING_ERR_DATA,
                     ": empty file, expected a briefing dataset (JSON)");
}
END_TEST

START_TEST(file_bad_utf8)
{
    check_file_error("bad-utf8.json", BRIEFING_ERR_DATA,
                     ":3:45: not valid UTF-8 (byte 0xE9); save the file as UTF-8");
}
END_TEST

START_TEST(file_not_json)
{
    check_file_error("not-json.json", BRIEFING_ERR_DATA,
                     ":4:20: not valid JSON (expected \",\" or \"}\" after a member)");
}
END_TEST

START_TEST(file_with_bom)
{
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(dataset_parse_file(fixture_path("bom.json"), &doc, &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_validate(doc, "bom.json", &d), BRIEFING_OK);
    cJSON_Delete(doc);
}
END_TEST

/* A file past the limit is refused before it is read: a sparse file costs
 * no disk. */
START_TEST(file_too_large)
{
    char path[] = "/tmp/briefing-test-large-XXXXXX";
    int fd = mkstemp(path);
    cJSON *doc = NULL;
    char want[256];
    diag d;

    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, (off_t)DATASET_MAX_FILE_BYTES + 1), 0);
    close(fd);
    diag_clear(&d);
    ck_assert_int_eq(dataset_parse_file(path, &doc, &d), BRIEFING_ERR_DATA);
    snprintf(want, sizeof want, "%s: the file is larger than the limit of 64 MiB for a data file",
             path);
    ck_assert_str_eq(d.text, want);
    unlink(path);
}
END_TEST

START_TEST(text_empty_or_blank)
{
    ck_assert_str_eq(parse_error("", 0, BRIEFING_ERR_DATA),
                     "t.json: empty file, expected a briefing dataset (JSON)");
    ck_assert_str_eq(parse_error(" \n\t\r\n", 5, BRIEFING_ERR_DATA),
                     "t.json: empty file, expected a briefing dataset (JSON)");
    ck_assert_str_eq(parse_error("\xEF\xBB\xBF\n", 4, BRIEFING_ERR_DATA),
                     "t.json: empty file, expected a briefing dataset (JSON)");
}
END_TEST

START_TEST(text_truncated)
{
    const char *text = "{\n  \"schema\": \"briefing-dataset/1\",\n  \"councils\": [";

    ck_assert_str_eq(parse_error(text, strlen(text), BRIEFING_ERR_DATA),
                     "t.json:3:16: not valid JSON (the text ends before the document does)");
}
END_TEST

START_TEST(text_after_document)
{
    const char *text = "{\"schema\": \"briefing-dataset/1\"}\n\n  x";

    ck_assert_str_eq(parse_error(text, strlen(text), BRIEFING_ERR_DATA),
                     "t.json:3:3: not valid JSON (text after the end of the document)");
}
END_TEST

/* Columns count characters, as an editor shows them, not bytes. */
START_TEST(text_column_counts_characters)
{
    const char *text = "{\"name\": \"Café\", x}";

    ck_assert_str_eq(parse_error(text, strlen(text), BRIEFING_ERR_DATA),
                     "t.json:1:18: not valid JSON (expected a member name in double quotes)");
}
END_TEST

/* Each syntax error says where and what was expected there. */
static const struct {
    const char *text;
    const char *message;
} syntax_errors[] = {
    { "{\"a\": [1, 2,]}", "t.json:1:13: not valid JSON (expected a value (an object, array, "
                          "string, number, true, false or null))" },
    { "{\"a\": 1,}", "t.json:1:9: not valid JSON (expected a member name in double quotes)" },
    { "{\"a\" 1}", "t.json:1:6: not valid JSON (expected \":\" after the member name)" },
    { "[1 2]", "t.json:1:4: not valid JSON (expected \",\" or \"]\" after an element)" },
    { "{\"a\": tru}", "t.json:1:7: not valid JSON (expected a value (an object, array, string, "
                      "number, true, false or null))" },
    { "{\"a\": \"b}\n", "t.json:1:7: not valid JSON (a string that is never closed with \")" },
    { "[\"a\\qb\"]", "t.json:1:4: not valid JSON (not a valid escape (use \\n, \\t, \\\", "
                     "\\\\, \\/, \\b, \\f, \\r or \\uXXXX))" },
    { "[\"\\u12\"]", "t.json:1:3: not valid JSON (\\u needs four hex digits)" },
    { "[\"\\ud800x\"]", "t.json:1:3: not valid JSON (a \\u escape is the first half of a "
                        "surrogate pair without the second)" },
    { "[-]", "t.json:1:2: not valid JSON (not a number)" },
    { "{\"a\": 1} {}", "t.json:1:10: not valid JSON (text after the end of the document)" },
    { "{'a': 1}", "t.json:1:2: not valid JSON (expected a member name in double quotes)" },
};

START_TEST(text_syntax_errors)
{
    const char *text = syntax_errors[_i].text;

    ck_assert_str_eq(parse_error(text, strlen(text), BRIEFING_ERR_DATA),
                     syntax_errors[_i].message);
}
END_TEST

START_TEST(text_nested_too_deep)
{
    char text[2100];

    memset(text, '[', 1001);
    memset(text + 1001, ']', 1001);
    ck_assert_str_eq(parse_error(text, 2002, BRIEFING_ERR_DATA),
                     "t.json:1:1001: not valid JSON (arrays and objects nested more than 1000 "
                     "deep)");
}
END_TEST

START_TEST(text_nul_byte)
{
    const char text[] = "{\"a\":\n \"b\0c\"}";

    ck_assert_str_eq(parse_error(text, sizeof text - 1, BRIEFING_ERR_DATA),
                     "t.json:2:4: a NUL byte; a data file must be UTF-8 text");
}
END_TEST

START_TEST(text_bad_utf8_kinds)
{
    /* An overlong encoding, a surrogate and a cut-off sequence. */
    ck_assert_str_eq(parse_error("[\"\xC0\xAF\"]", 5, BRIEFING_ERR_DATA),
                     "t.json:1:3: not valid UTF-8 (byte 0xC0); save the file as UTF-8");
    ck_assert_str_eq(parse_error("[\"\xED\xA0\x80\"]", 6, BRIEFING_ERR_DATA),
                     "t.json:1:3: not valid UTF-8 (byte 0xED); save the file as UTF-8");
    ck_assert_str_eq(parse_error("\n\n[\"\xE2\x82", 6, BRIEFING_ERR_DATA),
                     "t.json:3:3: not valid UTF-8 (byte 0xE2); save the file as UTF-8");
}
END_TEST

/* The text need not end with a NUL: only len bytes are read. */
START_TEST(text_not_terminated)
{
    const char text[] = "{\"schema\":\"briefing-dataset/1\",\"councils\":[]}GARBAGE";
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(dataset_parse_text("t.json", text, sizeof text - 1 - 7, &doc, &d),
                     BRIEFING_OK);
    ck_assert_int_eq(dataset_validate(doc, "t.json", &d), BRIEFING_OK);
    cJSON_Delete(doc);
}
END_TEST

START_TEST(new_document_is_valid)
{
    cJSON *doc = dataset_new_document();
    diag d;

    ck_assert_ptr_nonnull(doc);
    diag_clear(&d);
    ck_assert_int_eq(dataset_validate(doc, "new", &d), BRIEFING_OK);
    ck_assert_str_eq(cJSON_GetObjectItem(doc, "schema")->valuestring, "briefing-dataset/1");
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "councils")), 0);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(doc, "sources")), 0);
    cJSON_Delete(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dataset_parse");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, file_valid);
    tcase_add_test(tc, file_missing);
    tcase_add_test(tc, file_is_folder);
    tcase_add_test(tc, file_empty);
    tcase_add_test(tc, file_bad_utf8);
    tcase_add_test(tc, file_not_json);
    tcase_add_test(tc, file_with_bom);
    tcase_add_test(tc, file_too_large);
    tcase_add_test(tc, text_empty_or_blank);
    tcase_add_test(tc, text_truncated);
    tcase_add_test(tc, text_after_document);
    tcase_add_test(tc, text_column_counts_characters);
    tcase_add_loop_test(tc, text_syntax_errors, 0,
                        (int)(sizeof syntax_errors / sizeof syntax_errors[0]));
    tcase_add_test(tc, text_nested_too_deep);
    tcase_add_test(tc, text_nul_byte);
    tcase_add_test(tc, text_bad_utf8_kinds);
    tcase_add_test(tc, text_not_terminated);
    tcase_add_test(tc, new_document_is_valid);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

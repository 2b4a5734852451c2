/*
 * The CSV reader: what a user meets when a spreadsheet export is odd.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <briefing/plugin.h>

#include "csv_reader.h"
#include "test_util.h"

/* Opens text as "t.csv", failing the test if it does not open. */
static csv_reader *open_ok(const char *text)
{
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    int rc = csv_open_memory("t.csv", text, strlen(text), &r, &d);
    ck_assert_msg(rc == BRIEFING_OK, "open failed: %s", d.text);
    return r;
}

/* Reads every record of text; returns the status of the last csv_next and
 * leaves the message in d. */
static int read_all(const char *text, diag *d, size_t *rows)
{
    csv_reader *r = NULL;
    diag_clear(d);
    *rows = 0;
    int rc = csv_open_memory("t.csv", text, strlen(text), &r, d);
    if (rc)
        return rc;
    while ((rc = csv_next(r, d)) == 1)
        (*rows)++;
    csv_close(r);
    return rc;
}

START_TEST(fields_by_header_name)
{
    csv_reader *r = open_ok("name,code\nNorfolk,E10000020\nDudley,E08000027\n");
    diag d;
    diag_clear(&d);
    static const char *const CODE[] = {"la_code", "CODE", NULL};
    static const char *const NAME[] = {"name", NULL};
    ck_assert_int_eq(csv_columns(r), 2);
    int code = csv_column(r, CODE), name = csv_column(r, NAME);
    ck_assert_int_eq(code, 1);
    ck_assert_int_eq(name, 0);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, name), "Norfolk");
    ck_assert_str_eq(csv_field(r, code), "E10000020");
    ck_assert_uint_eq(csv_line(r), 2);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, code), "E08000027");
    ck_assert_uint_eq(csv_line(r), 3);
    ck_assert_int_eq(csv_next(r, &d), 0);
    ck_assert_str_eq(csv_field(r, -1), "");
    ck_assert_str_eq(csv_field(r, 7), "");
    csv_close(r);
}
END_TEST

START_TEST(quoting_rfc4180)
{
    csv_reader *r = open_ok("a,b,c\r\n\"Bristol, City of\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nx,,\"\"\r\n");
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 0), "Bristol, City of");
    ck_assert_str_eq(csv_field(r, 1), "say \"hi\"");
    ck_assert_str_eq(csv_field(r, 2), "two\nlines");
    ck_assert_uint_eq(csv_line(r), 2);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_uint_eq(csv_line(r), 4); /* the quoted line break counts */
    ck_assert_str_eq(csv_field(r, 0), "x");
    ck_assert_str_eq(csv_field(r, 1), "");
    ck_assert_str_eq(csv_field(r, 2), "");
    ck_assert_int_eq(csv_next(r, &d), 0);
    csv_close(r);
}
END_TEST

/* Records are read in place: the header and the fields of the current
 * record stay as they were while the reader moves on, whatever the quoting
 * and line ends around them. */
START_TEST(fields_stay_whole_across_records)
{
    csv_reader *r = open_ok("name,\"note\"\r\n\"a \"\"b\"\"\",x\r\n\"\",\"line\r\nbreak\"\n"
                            "last,\"\"\"\"");
    diag d;
    diag_clear(&d);
    static const char *const NOTE[] = {"note", NULL};
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 0), "a \"b\"");
    ck_assert_str_eq(csv_field(r, 1), "x");
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 0), "");
    ck_assert_str_eq(csv_field(r, 1), "line\nbreak");
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 0), "last");
    ck_assert_str_eq(csv_field(r, 1), "\"");
    ck_assert_uint_eq(csv_line(r), 5);
    ck_assert_int_eq(csv_next(r, &d), 0);
    ck_assert_str_eq(csv_header(r, 0), "name");
    ck_assert_int_eq(csv_column(r, NOTE), 1);
    csv_close(r);
}
END_TEST

/* The UTF-8 check passes over ASCII in words: a bad byte after long ASCII
 * runs, or inside a run of other bytes, is still found on its line. */
START_TEST(utf8_checked_past_long_ascii)
{
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    const char ok[] = "name,note\nSt Helens and a long run of ASCII,caf\xc3\xa9 \xe2\x80\x99s\n";
    ck_assert_int_eq(csv_open_memory("t.csv", ok, sizeof ok - 1, &r, &d), BRIEFING_OK);
    csv_close(r);
    const char bad[] = "name,note\nabcdefghijklmnopqrstuvwxyz,1\nabcdefgh\xc3\xa9\xe2\x80,2\n";
    ck_assert_int_eq(csv_open_memory("t.csv", bad, sizeof bad - 1, &r, &d), BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv:3: the text is not UTF-8 (save the sheet as \"CSV UTF-8\")");
    diag_clear(&d);
    const char cut[] = "name,note\nabcdefghijklmnop,\xc3";
    ck_assert_int_eq(csv_open_memory("t.csv", cut, sizeof cut - 1, &r, &d), BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv:2: the text is not UTF-8 (save the sheet as \"CSV UTF-8\")");
}
END_TEST

START_TEST(bom_crlf_cr_and_no_final_newline)
{
    csv_reader *r = open_ok("\xEF\xBB\xBFtime_period,number\r\n2024,1152\r2023,1215");
    diag d;
    diag_clear(&d);
    static const char *const TP[] = {"time_period", NULL};
    ck_assert_int_eq(csv_column(r, TP), 0); /* the BOM is not part of the name */
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 1), "1152");
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 1), "1215");
    ck_assert_uint_eq(csv_line(r), 3);
    ck_assert_int_eq(csv_next(r, &d), 0);
    csv_close(r);
}
END_TEST

START_TEST(wrapped_headers_fold)
{
    csv_reader *r = open_ok("\"Publication\r\n  date\",\"Overall\xC2\xA0 EFFECTIVENESS \"\nx,y\n");
    static const char *const PD[] = {"publication date", NULL};
    static const char *const OE[] = {"Overall effectiveness", NULL};
    static const char *const NO[] = {"publicationdate", NULL};
    ck_assert_int_eq(csv_column(r, PD), 0);
    ck_assert_int_eq(csv_column(r, OE), 1);
    ck_assert_int_eq(csv_column(r, NO), -1);
    ck_assert(csv_header_equal("  a\t\tb ", "A B"));
    ck_assert(!csv_header_equal("a b", "a b c"));
    ck_assert(!csv_header_equal("ab", "a b"));
    csv_close(r);
}
END_TEST

START_TEST(blank_and_empty_rows_skipped)
{
    diag d;
    size_t rows;
    ck_assert_int_eq(read_all("\n\na,b\n\n1,2\n,\n\r\n3,4\n,,,\n", &d, &rows), 0);
    ck_assert_uint_eq(rows, 2);
}
END_TEST

START_TEST(ragged_row_names_its_line)
{
    diag d;
    size_t rows;
    ck_assert_int_eq(read_all("a,b,c\n1,2,3\n4,5\n", &d, &rows), BRIEFING_ERR_DATA);
    ck_assert_uint_eq(rows, 1);
    ck_assert_str_eq(d.text, "t.csv:3: 2 fields where the header has 3");
    ck_assert_int_eq(read_all("a\n1,2\n", &d, &rows), BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv:2: 2 fields where the header has 1");
}
END_TEST

START_TEST(bad_quoting)
{
    diag d;
    size_t rows;
    ck_assert_int_eq(read_all("a,b\n1,\"open\n\n\n", &d, &rows), BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv:2: field 2: the quoted field opened on line 2 is never closed");
    ck_assert_int_eq(read_all("a,b\n1,2\n\"x\"y,2\n", &d, &rows), BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(d.text, "t.csv:3: field 1: text after the closing quote"));
    /* A quote inside an unquoted field is kept as written. */
    csv_reader *r = open_ok("a\n5\" screen\n");
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 0), "5\" screen");
    csv_close(r);
}
END_TEST

START_TEST(error_is_sticky)
{
    csv_reader *r = open_ok("a,b\n1\n1,2\n");
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(csv_next(r, &d), BRIEFING_ERR_DATA);
    diag_clear(&d);
    ck_assert_int_eq(csv_next(r, &d), BRIEFING_ERR_DATA);
    csv_close(r);
}
END_TEST

START_TEST(not_text)
{
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(csv_open_memory("t.csv", "a\nb\n\xff\n", 6, &r, &d), BRIEFING_ERR_DATA);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(d.text, "t.csv:3: the text is not UTF-8 (save the sheet as \"CSV UTF-8\")");
    diag_clear(&d);
    ck_assert_int_eq(csv_open_memory("t.csv", "a\r\nb\0c\n", 7, &r, &d), BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(d.text, "t.csv:2: the file holds a NUL byte"));
    diag_clear(&d);
    ck_assert_int_eq(csv_open_memory("t.csv", "", 0, &r, &d), BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv: the file is empty: expected a header row");
    diag_clear(&d);
    ck_assert_int_eq(csv_open_memory("t.csv", "\xEF\xBB\xBF\r\n\r\n", 7, &r, &d), BRIEFING_ERR_DATA);
    diag_clear(&d);
    ck_assert_int_eq(csv_open_file("/nonexistent/x.csv", &r, &d), BRIEFING_ERR_NOINPUT);
    ck_assert_ptr_nonnull(strstr(d.text, "/nonexistent/x.csv: cannot read"));
}
END_TEST

START_TEST(require_and_field_error_messages)
{
    csv_reader *r = open_ok("\"Publication\ndate\",b\n31/01/2018,2\n");
    diag d;
    int col = 5;
    diag_clear(&d);
    static const char *const MISSING[] = {"number", "value", "count", NULL};
    ck_assert_int_eq(csv_require(r, MISSING, &col, &d), BRIEFING_ERR_DATA);
    ck_assert_int_eq(col, -1);
    ck_assert_str_eq(d.text, "t.csv: no column \"number\" (nor \"value\", \"count\") in the header");
    diag_clear(&d);
    static const char *const PD[] = {"publication date", NULL};
    ck_assert_int_eq(csv_require(r, PD, &col, &d), BRIEFING_OK);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_int_eq(csv_field_error(r, col, &d, "\"%s\" is not a date", csv_field(r, col)),
                     BRIEFING_ERR_DATA);
    ck_assert_str_eq(d.text, "t.csv:3: column \"publication date\": \"31/01/2018\" is not a date");
    diag_clear(&d);
    csv_field_error(r, -1, &d, "no council");
    ck_assert_str_eq(d.text, "t.csv:3: no council"); /* the header took two lines */
    csv_close(r);
}
END_TEST

START_TEST(too_many_columns)
{
    size_t n = CSV_MAX_COLUMNS + 1;
    char *text = malloc(2 * n + 1);
    for (size_t i = 0; i < n; i++) {
        text[2 * i] = 'a';
        text[2 * i + 1] = i + 1 < n ? ',' : '\n';
    }
    text[2 * n] = '\0';
    diag d;
    size_t rows;
    ck_assert_int_eq(read_all(text, &d, &rows), BRIEFING_ERR_DATA);
    ck_assert_ptr_nonnull(strstr(d.text, "t.csv:1: more than"));
    free(text);
}
END_TEST

/* The real DfE download: BOM, CRLF, quoted names with commas. */
START_TEST(official_cla_file)
{
    const char *src = getenv("BRIEFING_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/examples/official/dfe_cla_number_and_rate_per_10k_children_2020_2024.csv",
             src ? src : ".");
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    ck_assert_msg(csv_open_file(path, &r, &d) == BRIEFING_OK, "%s", d.text);
    static const char *const NAME[] = {"la_name", NULL};
    static const char *const NUM[] = {"number", NULL};
    static const char *const TP[] = {"time_period", NULL};
    static const char *const MEASURE[] = {"population_count", NULL};
    int name = csv_column(r, NAME), num = csv_column(r, NUM), tp = csv_column(r, TP),
        measure = csv_column(r, MEASURE);
    ck_assert_int_ge(name, 0);
    size_t rows = 0, found = 0, bcp = 0;
    int rc;
    while ((rc = csv_next(r, &d)) == 1) {
        rows++;
        if (strcmp(csv_field(r, name), "Norfolk") == 0 && strcmp(csv_field(r, tp), "2024") == 0 &&
            strcmp(csv_field(r, measure), "Children looked after at 31 March each year") == 0) {
            ck_assert_str_eq(csv_field(r, num), "1152");
            found++;
        }
        if (strcmp(csv_field(r, name), "Bournemouth, Christchurch and Poole") == 0)
            bcp++;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(rows, 2505);
    ck_assert_uint_eq(found, 1);
    ck_assert_uint_eq(bcp, 15);
    csv_close(r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("reader");
    tcase_add_test(tc, fields_by_header_name);
    tcase_add_test(tc, quoting_rfc4180);
    tcase_add_test(tc, bom_crlf_cr_and_no_final_newline);
    tcase_add_test(tc, wrapped_headers_fold);
    tcase_add_test(tc, blank_and_empty_rows_skipped);
    tcase_add_test(tc, ragged_row_names_its_line);
    tcase_add_test(tc, bad_quoting);
    tcase_add_test(tc, error_is_sticky);
    tcase_add_test(tc, not_text);
    tcase_add_test(tc, fields_stay_whole_across_records);
    tcase_add_test(tc, utf8_checked_past_long_ascii);
    tcase_add_test(tc, require_and_field_error_messages);
    tcase_add_test(tc, too_many_columns);
    tcase_add_test(tc, official_cla_file);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

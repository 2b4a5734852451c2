/*
 * The ODS reader (core/ods.c) and the sheet reader built on it (csv_reader.c):
 * what a user meets in a workbook as published, and what a hostile archive
 * must not get past.  Workbooks from tests/data/ods (make_fixtures.py).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <briefing/plugin.h>

#include "csv_reader.h"
#include "ods.h"
#include "test_util.h"

static char path_buf[4096];

/* The path of tests/data/ods/NAME in the source tree. */
static const char *ods_path(const char *name)
{
    const char *root = getenv("BRIEFING_SOURCE_DIR");
    snprintf(path_buf, sizeof path_buf, "%s/tests/data/ods/%s", root ? root : ".", name);
    return path_buf;
}

/* Opens a sheet, failing the test if it does not open. */
static ods_sheet *open_ok(const char *file, const char *sheet)
{
    ods_sheet *s = NULL;
    diag d;
    diag_clear(&d);
    int rc = ods_open(ods_path(file), sheet, &s, &d);
    ck_assert_msg(rc == BRIEFING_OK, "open failed: %s", d.text);
    return s;
}

/* The status of opening and reading every row of a sheet; the message in d. */
static int read_all(const char *file, const char *sheet, diag *d, size_t *rows)
{
    ods_sheet *s = NULL;
    diag_clear(d);
    *rows = 0;
    int rc = ods_open(ods_path(file), sheet, &s, d);
    if (rc == BRIEFING_OK)
        while ((rc = ods_next(s, d)) == 1)
            (*rows)++;
    ods_close(s);
    return rc;
}

static int collect(void *arg, const char *name)
{
    char *out = arg;
    strcat(out, name);
    strcat(out, ";");
    return 0;
}

START_TEST(sheets_listed_in_order)
{
    char names[256] = "";
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(ods_sheet_names(ods_path("LA_Inspection_Outcomes_as_at_31_March_2025.ods"), collect,
                                     names, &d), BRIEFING_OK);
    ck_assert_str_eq(names, "Cover;Contents;Notes;Inspections_as_at_31_March;In-year_inspections;"
                            "ILACS_inspection_history;");
    ods_sheet *s = NULL;
    ck_assert_int_eq(ods_open(ods_path("features.ods"), "Missing", &s, &d), BRIEFING_ERR_DATA);
    ck_assert_ptr_null(s);
    ck_assert_msg(strstr(d.text, "features.ods: no sheet \"Missing\"; its sheets are \"Data\", \"Other\""),
                  "%s", d.text);
}
END_TEST

START_TEST(cells_typed_repeated_covered)
{
    ods_sheet *s = open_ok("features.ods", "Data");
    diag d;
    diag_clear(&d);
    /* Row 1: a merged title, its covered cell empty, the next cell after it. */
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_uint_eq(ods_row(s), 1);
    ck_assert_str_eq(ods_cell(s, 0), "A title over two columns");
    ck_assert_str_eq(ods_cell(s, 1), "");
    ck_assert_str_eq(ods_cell(s, 2), "after covered");
    ck_assert_int_eq(ods_next(s, &d), 1); /* the notes line */
    /* Three blank rows are skipped but counted: the header is row 6. */
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_uint_eq(ods_row(s), 6);
    ck_assert_str_eq(ods_cell(s, 0), "Code");
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_uint_eq(ods_row(s), 7);
    ck_assert_str_eq(ods_cell(s, 1), "One   two\tthree\nfour\nsecond paragraph");
    ck_assert_str_eq(ods_cell(s, 2), "1234.5");     /* shown "1,235" */
    ck_assert_str_eq(ods_cell(s, 3), "12.3");       /* shown "12.3%" */
    ck_assert_str_eq(ods_cell(s, 4), "2024-07-23"); /* shown "23/07/2024" */
    ck_assert_str_eq(ods_cell(s, 5), "true");
    ck_assert_str_eq(ods_cell(s, 6), "[x]");        /* the comment is not the cell */
    ck_assert_int_eq(ods_hidden(s), 0);
    /* A row repeated twice, a cell repeated three times, two empty ones. */
    for (size_t row = 8; row <= 9; row++) {
        ck_assert_int_eq(ods_next(s, &d), 1);
        ck_assert_uint_eq(ods_row(s), row);
        ck_assert_uint_eq(ods_cells(s), 6);
        ck_assert_str_eq(ods_cell(s, 2), "rep");
        ck_assert_str_eq(ods_cell(s, 4), "");
        ck_assert_str_eq(ods_cell(s, 5), "-975");
    }
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_uint_eq(ods_row(s), 10);
    ck_assert_int_eq(ods_hidden(s), 1);
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_uint_eq(ods_row(s), 13);
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_str_eq(ods_cell(s, 1), "298128.33047"); /* 298128.33046999999, 15 digits */
    ck_assert_str_eq(ods_cell(s, 99), "");
    ck_assert_int_eq(ods_next(s, &d), 0); /* the end of the sheet, not of the file */
    ck_assert_int_eq(ods_next(s, &d), 0);
    ods_close(s);
    s = open_ok("features.ods", "Other");
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_str_eq(ods_cell(s, 0), "only sheet two");
    ck_assert_int_eq(ods_next(s, &d), 0);
    ods_close(s);
}
END_TEST

START_TEST(sheet_reader_two_tables)
{
    static const char *const KEY[] = {"code", NULL};
    static const char *const TOTAL[] = {"Total", NULL};
    static const char *const AMOUNT[] = {"amount", NULL};
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(csv_open_sheet(ods_path("features.ods"), "Data", KEY, &r, &d), BRIEFING_OK);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(csv_line(r), 6); /* the header, below the title and notes */
    ck_assert_str_eq(csv_sheet(r), "Data");
    int amount = csv_column(r, AMOUNT);
    ck_assert_int_eq(amount, 2);
    ck_assert_int_eq(csv_column(r, TOTAL), -1);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, amount), "1234.5");
    ck_assert_int_eq(csv_field_error(r, amount, &d, "not a figure"), BRIEFING_ERR_DATA);
    ck_assert_msg(strstr(d.text, "features.ods: sheet \"Data\", row 7, column C (\"amount\"): not a figure"),
                  "%s", d.text);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_int_eq(csv_hidden(r), 1);
    ck_assert_uint_eq(csv_line(r), 10);
    /* The second table's header stops the first table. */
    ck_assert_int_eq(csv_next(r, &d), 0);
    ck_assert_int_eq(csv_next_table(r, &d), 1);
    ck_assert_uint_eq(csv_line(r), 13);
    int total = csv_column(r, TOTAL);
    ck_assert_int_eq(total, 1);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, total), "298128.33047");
    ck_assert_int_eq(csv_next(r, &d), 0);
    ck_assert_int_eq(csv_next_table(r, &d), 0);
    diag_clear(&d);
    ck_assert_int_eq(csv_require(r, AMOUNT, &amount, &d), BRIEFING_ERR_DATA);
    ck_assert_msg(strstr(d.text, "sheet \"Data\": no column \"amount\" in the header row (row 13)"), "%s",
                  d.text);
    csv_close(r);
    /* A sheet without such a header: no reader, nothing said. */
    diag_clear(&d);
    ck_assert_int_eq(csv_open_sheet(ods_path("features.ods"), "Other", KEY, &r, &d), BRIEFING_OK);
    ck_assert_ptr_null(r);
    ck_assert_str_eq(d.text, "");
}
END_TEST

START_TEST(real_workbooks)
{
    /* The outturn workbook (trimmed): notes, a header, the first table, the
     * second under its own header, then the hidden code row. */
    static const char *const KEY[] = {"E-code", NULL};
    static const char *const CODES[] = {"RO3-csctot-tot-exp", NULL};
    static const char *const TOTAL[] = {"TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)", NULL};
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    const char *ro3 = ods_path("RO3_LA_Data_2024-25_data_by_LA.ods");
    ck_assert_int_eq(csv_open_sheet(ro3, "RO3_LA_Data_202425", KEY, &r, &d), BRIEFING_OK);
    ck_assert_uint_eq(csv_line(r), 7);
    int total = csv_column(r, TOTAL), rows = 0, norfolk = 0;
    ck_assert_int_eq(total, 93);
    int rc;
    while ((rc = csv_next(r, &d)) == 1) {
        rows++;
        if (strcmp(csv_field(r, 1), "E10000020") == 0)
            norfolk = strcmp(csv_field(r, total), "246274") == 0;
    }
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(rows, 17);
    ck_assert_int_eq(norfolk, 1);
    ck_assert_int_eq(csv_next_table(r, &d), 1);
    rows = 0;
    int hidden = 0;
    while ((rc = csv_next(r, &d)) == 1) {
        rows++;
        hidden += csv_hidden(r);
    }
    ck_assert_int_eq(rows, 11); /* ten classes and the hidden code row */
    ck_assert_int_eq(hidden, 1);
    csv_close(r);
    /* The code row as a header gives the same column. */
    ck_assert_int_eq(csv_open_sheet(ro3, "RO3_LA_Data_202425", CODES, &r, &d), BRIEFING_OK);
    ck_assert_int_eq(csv_column(r, CODES), 93);
    csv_close(r);
    /* Ofsted's outcomes workbook: the in-year sheet's header is row 3. */
    static const char *const CODE[] = {"Local authority area code", NULL};
    ck_assert_int_eq(csv_open_sheet(ods_path("LA_Inspection_Outcomes_as_at_31_March_2025.ods"),
                                    "In-year_inspections", CODE, &r, &d), BRIEFING_OK);
    ck_assert_uint_eq(csv_line(r), 3);
    ck_assert_int_eq(csv_next(r, &d), 1);
    ck_assert_str_eq(csv_field(r, 4), "2025-03-26");
    csv_close(r);
}
END_TEST

START_TEST(refused_with_reasons)
{
    static const struct {
        const char *file, *sheet, *message;
    } CASES[] = {
        {"bad_mimetype.ods", "Data", "bad_mimetype.ods: the mimetype is \"application/vnd.oasis.opendocument.text\""},
        {"no_mimetype.ods", "Data", "no_mimetype.ods: no mimetype entry"},
        {"truncated.ods", "Data", "truncated.ods: not an ODS workbook"},
        {"not_zip.ods", "Data", "not_zip.ods: not an ODS workbook: not a zip archive"},
        {"bomb.ods", "Data", "content.xml would expand 1028 times (314573101 bytes from 305928), more than 200"},
        {"deep.ods", "Data", "deep.ods: sheet \"Data\", row 2: elements nested deeper than 64"},
        {"doctype.ods", "Data", "doctype.ods: content.xml: a DOCTYPE declaration"},
        {"huge_repeats.ods", "Wide", "sheet \"Wide\", row 2: more than 16384 columns"},
        {"huge_repeats.ods", "Gap", "sheet \"Gap\", row 2: more than 16384 columns"},
        {"huge_repeats.ods", "Tall", "sheet \"Tall\", row 1048577: a value below row 1048576"},
        {"missing.ods", "Data", "missing.ods: cannot read"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        diag d;
        size_t rows;
        clock_t t0 = clock();
        int rc = read_all(CASES[i].file, CASES[i].sheet, &d, &rows);
        double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
        ck_assert_msg(rc > 1, "%s: read whole (%zu rows)", CASES[i].file, rows);
        ck_assert_msg(strstr(d.text, CASES[i].message), "%s: got \"%s\"", CASES[i].file, d.text);
        ck_assert_msg(secs < 20, "%s: %.1f s", CASES[i].file, secs);
    }
}
END_TEST

START_TEST(huge_empty_repeats_cost_nothing)
{
    /* 4,000,000,000 empty rows of 99,999,999,999 empty cells, then a value:
     * counted, never materialised; the value is below the last row. */
    diag d;
    size_t rows;
    clock_t t0 = clock();
    int rc = read_all("huge_repeats.ods", "Empty", &d, &rows);
    ck_assert_int_eq(rc, BRIEFING_ERR_DATA);
    ck_assert_uint_eq(rows, 1);
    ck_assert_msg(strstr(d.text, "a value below row 1048576"), "%s", d.text);
    ck_assert((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    /* Every real sheet ends with such repeats: the outcomes workbook's six
     * sheets read in full. */
    const char *sheets[] = {"Cover", "Contents", "Notes", "Inspections_as_at_31_March", "In-year_inspections",
                            "ILACS_inspection_history"};
    size_t want[] = {12, 6, 0, 155, 115, 274};
    for (size_t i = 0; i < 6; i++) {
        ck_assert_int_eq(read_all("LA_Inspection_Outcomes_as_at_31_March_2025.ods", sheets[i], &d, &rows), 0);
        if (want[i])
            ck_assert_msg(rows >= want[i], "%s: %zu rows", sheets[i], rows);
    }
}
END_TEST

START_TEST(memory_workbook_and_errors_sticky)
{
    size_t n = 0;
    FILE *f = fopen(ods_path("features.ods"), "rb");
    ck_assert_ptr_nonnull(f);
    static char data[1 << 16];
    n = fread(data, 1, sizeof data, f);
    fclose(f);
    ods_sheet *s = NULL;
    diag d;
    diag_clear(&d);
    ck_assert_int_eq(ods_open_memory("mem.ods", data, n, NULL, &s, &d), BRIEFING_OK);
    ck_assert_str_eq(ods_sheet_name(s), "Data");
    ck_assert_int_eq(ods_next(s, &d), 1);
    ods_close(s);
    /* Cut short: refused, and every later call says so again. */
    ck_assert_int_ne(ods_open_memory("mem.ods", data, n / 2, NULL, &s, &d), BRIEFING_OK);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(ods_open(ods_path("huge_repeats.ods"), "Wide", &s, &d), BRIEFING_OK);
    ck_assert_int_eq(ods_next(s, &d), 1);
    ck_assert_int_eq(ods_next(s, &d), BRIEFING_ERR_DATA);
    ck_assert_int_eq(ods_next(s, &d), BRIEFING_ERR_DATA);
    ods_close(s);
    char letters[8];
    ods_column_letters(0, letters);
    ck_assert_str_eq(letters, "A");
    ods_column_letters(26, letters);
    ck_assert_str_eq(letters, "AA");
    ods_column_letters(16383, letters);
    ck_assert_str_eq(letters, "XFD");
    static const unsigned char head[] = "PK\3\4xxxxxxxxxxxxxxxxxxxxxxxxxxmimetypeapplication/vnd.oasis.opendocument.spreadsheet";
    ck_assert_int_eq(ods_is_workbook(head, sizeof head - 1), 1);
    ck_assert_int_eq(ods_is_workbook(head, 40), 0);
}
END_TEST

/* Copies tests/data/ods/NAME to path. */
static void copy_to(const char *name, const char *path)
{
    FILE *in = fopen(ods_path(name), "rb"), *out = fopen(path, "wb");
    char b[4096];
    size_t n;
    ck_assert(in && out);
    while ((n = fread(b, 1, sizeof b, in)) > 0)
        ck_assert_uint_eq(fwrite(b, 1, n, out), n);
    fclose(in);
    fclose(out);
}

START_TEST(sheet_list_kept_while_file_unchanged)
{
    char path[] = "/tmp/briefing-test-ods-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    diag d;
    diag_clear(&d);
    char names[512] = "";
    copy_to("features.ods", path);
    ck_assert_int_eq(csv_sheets(path, collect, names, &d), 0);
    ck_assert_int_eq(csv_sheets(path, collect, names, &d), 0); /* from the kept list */
    ck_assert_str_eq(names, "Data;Other;Data;Other;");
    copy_to("la_inspections_2009_2023.ods", path); /* another workbook, same name */
    names[0] = '\0';
    ck_assert_int_eq(csv_sheets(path, collect, names, &d), 0);
    ck_assert_str_eq(names, "Cover;Notes;LA_inspections_2009-2023;");
    unlink(path);
    ck_assert_int_ne(csv_sheets(path, collect, names, &d), 0);
    csv_sheets_forget();
}
END_TEST


/* Every row of sheet `sheet` of path as text ("row hidden: a|b|c" a line),
 * or the message that refused it; the caller frees it. */
static char *dump_sheet(const char *path, const char *sheet)
{
    buf out;
    buf_init(&out, 64u * 1024u * 1024u);
    ods_sheet *s = NULL;
    diag d;
    diag_clear(&d);
    int rc = ods_open(path, sheet, &s, &d);
    if (rc == BRIEFING_OK) {
        buf_printf(&out, "sheet %s\n", ods_sheet_name(s));
        while ((rc = ods_next(s, &d)) == 1) {
            buf_printf(&out, "%zu %d:", ods_row(s), ods_hidden(s));
            for (size_t i = 0; i < ods_cells(s); i++)
                buf_printf(&out, "%s|", ods_cell(s, i));
            buf_adds(&out, "\n");
        }
        buf_printf(&out, "end %d %zu %zu %s\n", ods_next(s, &d), ods_cells(s), ods_row(s), ods_cell(s, 0));
    }
    if (rc)
        buf_printf(&out, "status %d: %s\n", rc, d.text);
    ods_close(s);
    return out.data ? out.data : strdup("");
}

/* The same rows, cells and messages from a kept parse as from streaming. */
static void same_both_ways(const char *path, const char *sheet)
{
    size_t old = ods_cache_limit(0);
    char *streamed = dump_sheet(path, sheet);
    ods_cache_limit(old);
    char *kept = dump_sheet(path, sheet);
    ck_assert_str_eq(kept, streamed);
    free(kept);
    free(streamed);
}

START_TEST(workbook_parsed_once_a_run)
{
    char path[] = "/tmp/briefing-test-ods-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    copy_to("LA_Inspection_Outcomes_as_at_31_March_2025.ods", path);
    diag d;
    diag_clear(&d);
    char names[512] = "";

    /* the first open parses it, listing and opening its sheets again do not */
    unsigned long n = ods_parse_count();
    ods_sheet *s = NULL;
    ck_assert_int_eq(ods_open(path, "Inspections_as_at_31_March", &s, &d), BRIEFING_OK);
    ods_close(s);
    ck_assert_uint_eq(ods_parse_count(), n + 1);
    ck_assert_int_eq(ods_sheet_names(path, collect, names, &d), BRIEFING_OK);
    ck_assert_str_eq(names, "Cover;Contents;Notes;Inspections_as_at_31_March;In-year_inspections;"
                            "ILACS_inspection_history;");
    ck_assert_int_eq(ods_open(path, "ILACS_inspection_history", &s, &d), BRIEFING_OK);
    ck_assert_int_eq(ods_next(s, &d), 1);
    ods_close(s);
    ck_assert_uint_eq(ods_parse_count(), n + 1);

    /* a modified file is parsed again, once; a sheet open from the old
     * parse still reads, and forgetting the parses leaves it whole */
    ods_sheet *old_sheet = NULL;
    ck_assert_int_eq(ods_open(path, "Inspections_as_at_31_March", &old_sheet, &d), BRIEFING_OK);
    struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
    ck_assert_int_eq(ods_open(path, NULL, &s, &d), BRIEFING_OK);
    ck_assert_str_eq(ods_sheet_name(s), "Cover");
    ods_close(s);
    ck_assert_int_eq(ods_sheet_names(path, collect, names, &d), BRIEFING_OK);
    ck_assert_uint_eq(ods_parse_count(), n + 2);
    ods_forget();
    ck_assert_int_eq(ods_next(old_sheet, &d), 1);
    ck_assert_str_ne(ods_cell(old_sheet, 0), "");
    ods_close(old_sheet);

    /* what is served is what streaming hands out: rows, numbers, hidden
     * flags, repeated rows and cells, the end, and the refusals */
    same_both_ways(path, "Inspections_as_at_31_March");
    same_both_ways(path, "ILACS_inspection_history");
    same_both_ways(path, "Missing");
    same_both_ways(path, NULL);
    same_both_ways(ods_path("features.ods"), "Data");
    same_both_ways(ods_path("features.ods"), "Other");
    same_both_ways(ods_path("huge_repeats.ods"), "Wide");
    same_both_ways(ods_path("huge_repeats.ods"), "Tall");
    same_both_ways(ods_path("huge_repeats.ods"), "Gap");
    same_both_ways(ods_path("huge_repeats.ods"), "Empty");
    same_both_ways(ods_path("deep.ods"), NULL);
    same_both_ways(ods_path("doctype.ods"), NULL);
    same_both_ways(ods_path("truncated.ods"), NULL);

    /* past the limit nothing is kept: every open streams the file */
    ods_forget();
    size_t old = ods_cache_limit(4096);
    n = ods_parse_count();
    ck_assert_int_eq(ods_open(path, "Notes", &s, &d), BRIEFING_OK);
    ods_close(s);
    unsigned long first = ods_parse_count() - n; /* a parse given up, then the stream */
    ck_assert_int_eq(ods_open(path, "Notes", &s, &d), BRIEFING_OK);
    ods_close(s);
    ck_assert_uint_eq(ods_parse_count() - n, first + 1);
    ods_cache_limit(old);
    ods_forget();
    unlink(path);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ods");
    TCase *tc = tcase_create("reader");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, sheets_listed_in_order);
    tcase_add_test(tc, cells_typed_repeated_covered);
    tcase_add_test(tc, sheet_reader_two_tables);
    tcase_add_test(tc, real_workbooks);
    tcase_add_test(tc, refused_with_reasons);
    tcase_add_test(tc, huge_empty_repeats_cost_nothing);
    tcase_add_test(tc, memory_workbook_and_errors_sticky);
    tcase_add_test(tc, sheet_list_kept_while_file_unchanged);
    tcase_add_test(tc, workbook_parsed_once_a_run);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * briefing/csv.h: the host's CSV reader, h->csv, for source plugins.
 *
 * One reader serves every CSV source, so that every CSV file gets the same
 * treatment: RFC 4180 quoting (commas, doubled quotes and line breaks inside
 * quoted fields), a UTF-8 byte-order mark, LF, CRLF or CR line ends, UTF-8
 * checked, and rows whose field count differs from the header's refused with
 * their line number.  Lines that are blank, or whose fields are all empty,
 * are skipped.
 *
 * Columns are found by header name, never by position: `column` folds case
 * and white space (line breaks, tabs, runs of spaces, no-break spaces) on
 * both sides before comparing, so a wrapped spreadsheet heading such as
 * "Publication\r\n  date" matches "publication date".
 *
 * Errors are recorded on the plugin's context (as h->error does), already
 * naming the file and the line, so a plugin only returns the status:
 *
 *     static const char *const K_CODE[] = {"new_la_code", "la_code", NULL};
 *     briefing_csv *r = NULL;
 *     int col, rc = h->csv->open(ctx, path, &r);
 *     if (rc == BRIEFING_OK)
 *         rc = h->csv->require(r, K_CODE, &col);
 *     while (rc == BRIEFING_OK && (rc = h->csv->next(r)) == 1) {
 *         const char *code = h->csv->field(r, col);
 *         if (!*code)
 *             rc = h->csv->error(r, col, "no council code");
 *         else
 *             rc = BRIEFING_OK;
 *     }
 *     h->csv->close(r);
 *     return rc;  (0 at the end of the file is BRIEFING_OK)
 *
 * Workbooks (ABI 1.2).  A sheet of an OpenDocument spreadsheet (.ods, as
 * Ofsted and DfE publish them) is read through the same reader, so that
 * one plugin's row code serves a CSV file and a sheet alike.  `sheets`
 * lists a workbook's sheets; `open_sheet` opens one positioned on its
 * header row, found by name below any title and notes; `next` then returns
 * 0 at the end of the sheet or at the header row of a later table on the
 * same sheet, and `next_table` moves onto that table:
 *
 *     if (h->csv->size < BRIEFING_CSV_API_1_2)   (an older host)
 *         return h->error(ctx, BRIEFING_ERR_DATA, "%s: a workbook", path);
 *     rc = h->csv->open_sheet(ctx, path, "Sheet1", K_CODE, &r);
 *     if (rc == BRIEFING_OK && !r)  (no row with a "new_la_code" cell)
 *         ...the sheet is not one this plugin reads...
 *     do {
 *         find the columns (require, column): each table has its own;
 *         while ((rc = h->csv->next(r)) == 1)
 *             ...the row, as for a CSV file...
 *     } while (rc == 0 && (rc = h->csv->next_table(r)) == 1);
 *     h->csv->close(r);
 *
 * A sheet's cells are text as in a CSV file, taken from the cell's typed
 * value rather than the text it displays: a number as written in the file
 * with up to 15 significant digits and no thousands separator ("37267.94",
 * shown "37,268"), a percentage as a percentage ("12.3" for 12.3%), a date
 * as YYYY-MM-DD ("2024-07-23", shown "23/07/2024"), anything else as its
 * text (paragraphs joined with "\n").  Merged-over (covered) cells are
 * empty; rows whose cells are all empty are skipped.  A column's index is
 * its position in the sheet (0 for column A), the same in every table and
 * row of the sheet.  `line` is the row number in the sheet; `error`
 * records "FILE: sheet "S", row N, column C ("HEADER"): MESSAGE".
 * Suppression codes such as "[x]" are handed out as written.
 */
#ifndef BRIEFING_CSV_H
#define BRIEFING_CSV_H

#include <stddef.h> /* size_t, offsetof */

#ifdef __cplusplus
extern "C" {
#endif

struct briefing_ctx;

/* An open CSV file positioned on a row.  Opaque; owned by the host until
 * `close`. */
typedef struct briefing_csv briefing_csv;

typedef struct briefing_csv_api {
    size_t size; /* sizeof(struct briefing_csv_api) as the host built it */

    /* Reads the file at path whole (at most 64 MiB), checks it is UTF-8,
     * and reads its header row.  Returns BRIEFING_OK with *out open, or
     * BRIEFING_ERR_NOINPUT (cannot be read), BRIEFING_ERR_DATA (empty, not
     * UTF-8, a NUL byte, bad quoting in the header) or BRIEFING_ERR_NOMEM,
     * with the error recorded on ctx and *out NULL.  Errors met later on
     * this reader are recorded on the same ctx, which must outlive it. */
    int (*open)(struct briefing_ctx *ctx, const char *path, briefing_csv **out);

    /* Moves to the next row.  Returns 1 when there is one, 0 at the end of
     * the file, or a BRIEFING_ERR_* status (always greater than 1) after
     * recording an error that names the file and line (bad quoting, a row
     * with more or fewer fields than the header). */
    int (*next)(briefing_csv *r);

    /* The index of the first column whose header matches any of `names`
     * (a NULL-terminated list), after folding case and white space; -1 when
     * none does. */
    int (*column)(const briefing_csv *r, const char *const *names);

    /* As column, but a missing column is an error: records "FILE: no column
     * "a" (nor "b")" on ctx and returns BRIEFING_ERR_DATA.  On success sets
     * *col and returns BRIEFING_OK. */
    int (*require)(briefing_csv *r, const char *const *names, int *col);

    /* The current row's field in column col, without its quotes; "" when
     * col is out of range (e.g. -1 for a column the file lacks) or before
     * the first `next`.  Valid until the next call to next or close. */
    const char *(*field)(const briefing_csv *r, int col);

    /* The header cell of column col as written in the file ("" when out of
     * range). */
    const char *(*header)(const briefing_csv *r, int col);

    /* The line on which the current row starts (1 is the header). */
    size_t (*line)(const briefing_csv *r);

    /* How many columns the header has. */
    size_t (*columns)(const briefing_csv *r);

    /* The path the reader was opened with. */
    const char *(*path)(const briefing_csv *r);

    /* Records "FILE:LINE: column "HEADER": MESSAGE" on ctx (without the
     * column part when col is out of range) and returns BRIEFING_ERR_DATA. */
    int (*error)(briefing_csv *r, int col, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

    /* Frees the reader; NULL is allowed. */
    void (*close)(briefing_csv *r);

    /* ---- Added in ABI 1.2: workbooks.  Check
     *      size >= BRIEFING_CSV_API_1_2 before calling these. ---- */

    /* Calls each(arg, name) for every sheet of the ODS workbook at path, in
     * order.  BRIEFING_OK; what each returned when it returned non-zero
     * (stopping the listing); or an error recorded on ctx (not a workbook,
     * a damaged or hostile one: docs/limits.md). */
    int (*sheets)(struct briefing_ctx *ctx, const char *path,
                  int (*each)(void *arg, const char *sheet), void *arg);

    /* Opens sheet `sheet` of the ODS workbook at path on its header row:
     * the first row with a cell matching (as `column` does) one of `names`
     * (NULL-terminated).  BRIEFING_OK with *out open; BRIEFING_OK with *out
     * NULL and nothing recorded when no row of the sheet has such a cell
     * (the sheet is not of this layout); or an error recorded on ctx (the
     * workbook has no such sheet, naming those it has; damaged; hostile).
     * `names` is copied. */
    int (*open_sheet)(struct briefing_ctx *ctx, const char *path, const char *sheet,
                      const char *const *names, briefing_csv **out);

    /* After `next` returned 0 on a sheet: 1 when it stopped at a later
     * table's header row (a row with a cell matching one of the names given
     * to open_sheet), which is now the header (find the columns again); 0
     * at the end of the sheet, and always for a CSV file; or an error. */
    int (*next_table)(briefing_csv *r);

    /* 1 when the current row of a sheet is hidden in the workbook
     * (table:visibility "collapse" or "filter"); 0 for a CSV file. */
    int (*hidden)(const briefing_csv *r);

    /* The sheet's name; "" for a CSV file. */
    const char *(*sheet)(const briefing_csv *r);

    /* 1 when the first bytes of a file (as recognise is given them) are an
     * ODS workbook's: a zip archive whose first entry is "mimetype" holding
     * "application/vnd.oasis.opendocument.spreadsheet". */
    int (*is_workbook)(const unsigned char *head, size_t len);
} briefing_csv_api;

/* The size of the table in ABI 1.2, which added sheets to is_workbook. */
#define BRIEFING_CSV_API_1_2 (offsetof(briefing_csv_api, is_workbook) + sizeof(void (*)(void)))

#ifdef __cplusplus
}
#endif

#endif

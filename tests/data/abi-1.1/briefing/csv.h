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
 */
#ifndef BRIEFING_CSV_H
#define BRIEFING_CSV_H

#include <stddef.h>

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
} briefing_csv_api;

#ifdef __cplusplus
}
#endif

#endif

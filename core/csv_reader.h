/*
 * csv: the one CSV reader behind every CSV source (see docs/internals/csv.md).
 *
 * The reader holds the whole text in memory (at most CSV_MAX_FILE_BYTES),
 * checks that it is UTF-8 with no NUL byte, skips a byte-order mark, and
 * parses one record at a time by RFC 4180: fields separated by commas,
 * records by LF, CRLF or CR, a field in double quotes may hold commas, line
 * breaks (handed out as "\n") and doubled quotes.  The first record is the
 * header; every later record must have as many fields.  Blank records and
 * records whose fields are all empty are skipped.
 *
 * This layer reports into a diag and needs no plugin context, so unit tests
 * and fuzzers drive it directly; csv_api() wraps it for plugins
 * (briefing/csv.h), recording errors on the plugin's briefing_ctx.
 *
 * Messages name the file (the `name` given at open) and the line:
 * "FILE:LINE: ...".
 */
#ifndef BRIEFING_CSV_INTERNAL_H
#define BRIEFING_CSV_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <briefing/csv.h>

#include "buf.h"
#include "diag.h"

#define CSV_MAX_FILE_BYTES (64u * 1024u * 1024u)
#define CSV_MAX_COLUMNS 4096u

/* The reader is the public opaque type, so that csv_api() hands it out as
 * is. */
typedef struct briefing_csv csv_reader;

/* Reads the file at path and its header row.  Returns BRIEFING_OK with *out
 * the caller's (csv_close), or BRIEFING_ERR_NOINPUT / DATA / NOMEM with d
 * set and *out NULL. */
int csv_open_file(const char *path, csv_reader **out, diag *d);

/* As csv_open_file for len bytes already in memory (copied); `name` stands
 * for the file in messages. */
int csv_open_memory(const char *name, const char *text, size_t len, csv_reader **out, diag *d);

/* Moves to the next record.  Returns 1 for a record, 0 at the end, or
 * BRIEFING_ERR_DATA / NOMEM with d set "FILE:LINE: ..."; after an error
 * every later call returns the same status. */
int csv_next(csv_reader *r, diag *d);

/* The first column whose folded header equals any folded name in `names`
 * (NULL-terminated); -1 when none. */
int csv_column(const csv_reader *r, const char *const *names);

/* As csv_column, but a missing column sets d to "FILE: no column "a" (nor
 * "b")" and returns BRIEFING_ERR_DATA. */
int csv_require(const csv_reader *r, const char *const *names, int *col, diag *d);

/* The current record's field col, or "" when col is out of range or no
 * record has been read.  Valid until the next csv_next or csv_close. */
const char *csv_field(const csv_reader *r, int col);

/* Header cell col as written; "" when out of range. */
const char *csv_header(const csv_reader *r, int col);

/* The line the current record starts on (the header is line 1). */
size_t csv_line(const csv_reader *r);

/* Number of header columns. */
size_t csv_columns(const csv_reader *r);

/* The name given at open. */
const char *csv_name(const csv_reader *r);

/* Sets d to "FILE:LINE: column "HEADER": MESSAGE" (no column part when col
 * is out of range) and returns BRIEFING_ERR_DATA. */
int csv_field_error(const csv_reader *r, int col, diag *d, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int csv_field_verror(const csv_reader *r, int col, diag *d, const char *fmt, va_list ap);

/* Frees r; NULL is allowed. */
void csv_close(csv_reader *r);

/* ---- sheets of an ODS workbook (core/ods.c underneath) ----
 * A sheet is read through the same reader: column, require, field, header
 * and columns as for a CSV file (a column's index is its position in the
 * sheet, 0 for A), line is the row number in the sheet, and errors read
 * "FILE: sheet "S", row N, column C ("HEADER"): ...". */

/* Calls each(arg, name) for every sheet of the workbook, in order.  The
 * last workbook's list is kept while the file is unchanged (each source's
 * recognise lists it, then the reader again); csv_sheets_forget frees it,
 * and the parsed workbooks ods.c keeps (ods_forget). */
int csv_sheets(const char *path, int (*each)(void *arg, const char *sheet), void *arg, diag *d);
void csv_sheets_forget(void);

/* Opens sheet `sheet` and positions it on its header row: the first row
 * with a cell matching (folded) one of names; the rows above (titles,
 * notes) are passed over.  BRIEFING_OK with *out NULL when no row has
 * one, nothing set in d. */
int csv_open_sheet(const char *path, const char *sheet, const char *const *names, csv_reader **out,
                   diag *d);

/* After csv_next returned 0 at a later table's header row (another row
 * with a cell matching one of the names): makes it the header and returns
 * 1; 0 when the sheet has ended (and always for a CSV file). */
int csv_next_table(csv_reader *r, diag *d);

/* 1 when the current row of a sheet is hidden; the sheet's name ("" for a
 * CSV file). */
int csv_hidden(const csv_reader *r);
const char *csv_sheet(const csv_reader *r);

/* Appends s folded for header matching to out: ASCII letters lowered, every
 * run of white space (space, tab, CR, LF, no-break space) made one space,
 * none at either end.  Returns 0, or -1 when out is full. */
int csv_fold(const char *s, buf *out);

/* Bytes of white space at s as folding sees it: ASCII space, tab, CR, LF,
 * VT, FF (1), or U+00A0 (2); 0 for anything else. */
size_t csv_space_len(const char *s);

/* 1 when a and b are equal once folded. */
int csv_header_equal(const char *a, const char *b);

/* The host table for plugins (briefing/csv.h). */
const struct briefing_csv_api *csv_api(void);

#endif

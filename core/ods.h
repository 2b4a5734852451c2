/*
 * ods: reads the sheets of an OpenDocument spreadsheet (.ods) one row at a
 * time (see docs/internals/ods.md).
 *
 * The container is opened with libzip and content.xml is streamed through
 * expat: a row is handed out as soon as its end tag is parsed, and nothing
 * but the current row is held, so a 26 MB content.xml costs one row of
 * memory.  Everything a hostile archive can inflate is bounded (ODS_MAX_*
 * below, docs/limits.md): the archive's entries and their sizes, how much
 * content.xml expands, the element depth, the cells and bytes of a row, the
 * rows of a sheet, the length of a cell's text.  Repeats of empty cells or
 * rows (table:number-columns-repeated="16384" is how every sheet ends) cost
 * a counter, nothing else.
 *
 * Cells are handed out as text, typed values first: a number, percentage
 * or currency from office:value (printed with up to 15 significant digits;
 * a percentage as a percentage, 0.123 -> "12.3"), a date from
 * office:date-value as YYYY-MM-DD (the time kept only when it is not
 * midnight), a boolean as "true"/"false", anything else from its text:
 * several <text:p> joined with "\n", <text:s text:c="N"/> as N spaces,
 * <text:tab/> as a tab, <text:line-break/> as "\n"; comments
 * (office:annotation) are not part of the cell.  A covered cell (under a
 * merged one) is empty.  Rows whose cells are all empty are skipped, but
 * counted: ods_row is the row number a spreadsheet program shows.
 *
 * This layer reports into a diag, naming the file and sheet ("FILE: sheet
 * "S", row N: ..."); csv_reader.c builds the plugin's sheet reader on it.
 *
 * Each workbook is parsed once a run: the first ods_sheet_names or ods_open
 * of a file parses all of content.xml and keeps every sheet's rows (up to
 * ODS_CACHE_MAX_BYTES for all workbooks); later calls serve from them while
 * the file is unchanged (stat at every call: device, inode, size,
 * modification time).  A workbook that does not parse cleanly, or does not
 * fit, is read by streaming as before, so every message is the same.
 * ods_forget frees what is kept.
 */
#ifndef BRIEFING_ODS_H
#define BRIEFING_ODS_H

#include <stddef.h>

#include "diag.h"

#define ODS_MAX_ENTRIES 1000u                           /* files in the archive */
#define ODS_MAX_TOTAL_BYTES (1024u * 1024u * 1024u)     /* all entries, uncompressed */
#define ODS_MAX_CONTENT_BYTES (512u * 1024u * 1024u)    /* content.xml, uncompressed */
#define ODS_MAX_RATIO 200u      /* content.xml's expansion (real workbooks: about 30) */
#define ODS_RATIO_FROM (1024u * 1024u) /* ... checked above this size */
#define ODS_MAX_DEPTH 64u                               /* XML element nesting */
#define ODS_MAX_COLUMNS 16384u                          /* cells of a row */
#define ODS_MAX_ROWS 1048576u                           /* the last row with a value */
#define ODS_MAX_CELL_BYTES (256u * 1024u)               /* a cell's text */
#define ODS_MAX_ROW_BYTES (16u * 1024u * 1024u)         /* a row's text */
#define ODS_MAX_NAME_BYTES 1024u                        /* a sheet's name */
#define ODS_CACHE_MAX_BYTES (64u * 1024u * 1024u)      /* parsed workbooks kept */

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"

typedef struct ods_sheet ods_sheet;

/* 1 when the first bytes of a file are those of an ODS workbook: a zip
 * local header whose first entry is "mimetype" holding ODS_MIMETYPE (how
 * OpenDocument requires a package to start). */
int ods_is_workbook(const unsigned char *head, size_t len);

/* Calls each(arg, name) for every sheet of the workbook at path, in order;
 * a non-zero return from each stops and is returned.  BRIEFING_OK, or
 * NOINPUT / DATA / NOMEM with d set. */
int ods_sheet_names(const char *path, int (*each)(void *arg, const char *name), void *arg, diag *d);

/* Opens sheet `sheet` of the workbook at path, before its first row.  A
 * workbook without that sheet is BRIEFING_ERR_DATA naming the sheets it has.
 * On success *out is the caller's (ods_close). */
int ods_open(const char *path, const char *sheet, ods_sheet **out, diag *d);

/* As ods_open for len bytes in memory (not copied: they must outlive the
 * sheet); `name` stands for the file in messages.  sheet NULL opens the
 * first sheet. */
int ods_open_memory(const char *name, const void *data, size_t len, const char *sheet, ods_sheet **out,
                    diag *d);

/* Moves to the next row holding a value.  1 for a row, 0 at the end of the
 * sheet, or BRIEFING_ERR_DATA / NOMEM with d set; after an error every later
 * call returns the same status. */
int ods_next(ods_sheet *s, diag *d);

/* How many cells the current row has (up to its last non-empty one). */
size_t ods_cells(const ods_sheet *s);

/* The current row's cell in column col (0 is column A); "" when empty or
 * out of range.  Valid until the next ods_next or ods_close. */
const char *ods_cell(const ods_sheet *s, size_t col);

/* The current row's number in the sheet (1 is the first row). */
size_t ods_row(const ods_sheet *s);

/* 1 when the current row is hidden (table:visibility collapse or filter). */
int ods_hidden(const ods_sheet *s);

/* The file's name as messages give it, and the sheet's. */
const char *ods_file(const ods_sheet *s);
const char *ods_sheet_name(const ods_sheet *s);

/* Writes a column's letters ("A", "Z", "AA", ..., "XFD") into out. */
void ods_column_letters(size_t col, char out[8]);

/* Frees s; NULL is allowed. */
void ods_close(ods_sheet *s);

/* Frees the parsed workbooks kept (one a sheet is still open from goes
 * when that sheet is closed).  The session calls it when the data is
 * loaded and at its close. */
void ods_forget(void);

/* For tests and measurement: sets the bytes kept for parsed workbooks (0:
 * none, every call streams the file) and returns the previous limit; the
 * number of passes over a content.xml begun by this process. */
size_t ods_cache_limit(size_t bytes);
unsigned long ods_parse_count(void);

#endif

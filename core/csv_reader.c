/*
 * csv: RFC 4180 reader over a whole file held in memory.  See csv_reader.h.
 */
#include "csv_reader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <briefing/status.h>

#include "host.h"
#include "ods.h"
#include "utf8.h"

/* Records are parsed in place: each field's text is left where it is in
 * `text` (a quoted field moved down over its quotes) and ended with a NUL
 * written over the comma or line end after it, or inside the quotes.  The
 * bytes before pos are never read again as CSV, and a copy of every field
 * into a buffer, byte by byte for the NULs and quotes, was most of the
 * reader's cost. */
struct briefing_csv {
    char *name;          /* the file, as messages name it */
    char *text;          /* the whole input, NUL-terminated, BOM skipped */
    size_t len;
    size_t pos;          /* next byte to parse */
    size_t next_line;    /* physical line of text[pos] */

    size_t *header_off;  /* offsets of the header cells in text */
    size_t n_header;

    size_t *row_off;     /* offsets of the current record's fields in text;
                            CSV_MAX_COLUMNS entries */
    size_t n_row;        /* 0 before the first record */
    size_t line;         /* line the current record starts on */

    int failed;          /* the status of an earlier error, or 0 */
    briefing_ctx *ctx;   /* set by the plugin API; NULL in the core API */

    /* A sheet of a workbook instead of a CSV text (csv_open_sheet): text is
     * NULL, the header's cells are copied into htext, and the row's are
     * the ods reader's. */
    ods_sheet *sheet;
    char *htext;
    char **names;        /* the header's key names, to know a later table */
    int next_header;     /* next stopped at a later table's header row */
    size_t header_row;   /* the header's row in the sheet */
    int after_gap;       /* blank rows since the last row handed out: a
                            row of one value here is a title, passed over */
};

/* Where the header's cells are. */
static const char *hbase(const csv_reader *r) { return r->sheet ? r->htext : r->text; }

/* ---- folding ------------------------------------------------------------ */

size_t csv_space_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

typedef struct folder {
    const char *p;
    int started; /* a non-space byte has been handed out */
} folder;

/* The next byte of the folded form of the string, or 0 at its end. */
static int fold_next(folder *f)
{
    size_t n;
    int saw_space = 0;
    while ((n = csv_space_len(f->p)) > 0) {
        f->p += n;
        saw_space = 1;
    }
    if (*f->p == '\0')
        return 0;
    if (saw_space && f->started)
        return ' '; /* f->p stays on the next word, returned next call */
    f->started = 1;
    unsigned char c = (unsigned char)*f->p++;
    return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

int csv_fold(const char *s, buf *out)
{
    folder f = {s, 0};
    int c;
    while ((c = fold_next(&f)) != 0)
        if (buf_addc(out, (char)c) != 0)
            return -1;
    return buf_add(out, "", 0);
}

int csv_header_equal(const char *a, const char *b)
{
    folder fa = {a, 0}, fb = {b, 0};
    int ca, cb;
    do {
        ca = fold_next(&fa);
        cb = fold_next(&fb);
        if (ca != cb)
            return 0;
    } while (ca != 0);
    return 1;
}

/* ---- opening ------------------------------------------------------------ */

/* The 1-based line holding byte offset off of text. */
static size_t line_of(const char *text, size_t off)
{
    size_t line = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n')
            line++;
        else if (text[i] == '\r' && text[i + 1] != '\n')
            line++;
    }
    return line;
}

/* utf8_valid on s[0..len), with runs of ASCII passed over eight bytes at a
 * time and only the runs of other bytes decoded (a UTF-8 sequence holds no
 * ASCII byte, so the text is UTF-8 exactly when each such run is): most of
 * a CSV file is ASCII.  *bad as utf8_valid sets it. */
static int text_utf8(const char *s, size_t len, size_t *bad)
{
    size_t i = 0;
    while (i < len) {
        uint64_t w;
        if (i + 8 <= len) {
            memcpy(&w, s + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        if (!((unsigned char)s[i] & 0x80)) {
            i++;
            continue;
        }
        size_t start = i, at = 0;
        while (i < len && ((unsigned char)s[i] & 0x80))
            i++;
        if (!utf8_valid(s + start, i - start, &at)) {
            *bad = start + at;
            return 0;
        }
    }
    return 1;
}

/* Checks the text is UTF-8 without NUL bytes. */
static int check_text(const csv_reader *r, diag *d)
{
    const char *nul = memchr(r->text, '\0', r->len);
    if (nul)
        return diag_set(d, BRIEFING_ERR_DATA, "%s:%zu: the file holds a NUL byte: it is not a text CSV file",
                        r->name, line_of(r->text, (size_t)(nul - r->text)));
    size_t bad = 0;
    if (!text_utf8(r->text, r->len, &bad))
        return diag_set(d, BRIEFING_ERR_DATA,
                        "%s:%zu: the text is not UTF-8 (save the sheet as \"CSV UTF-8\")", r->name,
                        line_of(r->text, bad));
    return BRIEFING_OK;
}

/* Takes ownership of text (len bytes plus a NUL) and reads the header. */
static int open_text(const char *name, char *text, size_t len, csv_reader **out, diag *d)
{
    int rc = BRIEFING_ERR_NOMEM;
    csv_reader *r = calloc(1, sizeof *r);
    if (!r) {
        free(text);
        return diag_set(d, rc, "%s: out of memory", name);
    }
    r->text = text;
    r->len = len;
    r->next_line = 1;
    r->name = strdup(name);
    r->row_off = calloc(CSV_MAX_COLUMNS, sizeof *r->row_off);
    if (!r->name || !r->row_off) {
        diag_set(d, rc, "%s: out of memory", name);
        goto out;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
    rc = check_text(r, d);
    if (rc)
        goto out;
    rc = csv_next(r, d);
    if (rc == 0) {
        rc = diag_set(d, BRIEFING_ERR_DATA, "%s: the file is empty: expected a header row", name);
        goto out;
    }
    if (rc != 1)
        goto out;
    /* The first record becomes the header (its cells stay in text). */
    r->n_header = r->n_row;
    r->header_off = malloc(r->n_header * sizeof *r->header_off);
    if (!r->header_off) {
        rc = diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", name);
        goto out;
    }
    memcpy(r->header_off, r->row_off, r->n_header * sizeof *r->header_off);
    r->n_row = 0;
    rc = BRIEFING_OK;
out:
    if (rc != BRIEFING_OK) {
        csv_close(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

int csv_open_memory(const char *name, const char *text, size_t len, csv_reader **out, diag *d)
{
    *out = NULL;
    if (len > CSV_MAX_FILE_BYTES)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: the file is larger than %u MiB", name,
                        CSV_MAX_FILE_BYTES / (1024u * 1024u));
    char *copy = malloc(len + 1);
    if (!copy)
        return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", name);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return open_text(name, copy, len, out, d);
}

int csv_open_file(const char *path, csv_reader **out, diag *d)
{
    buf b;
    *out = NULL;
    buf_init(&b, CSV_MAX_FILE_BYTES);
    if (buf_read_file(&b, path) != 0) {
        int err = errno;
        buf_free(&b);
        if (err == EFBIG)
            return diag_set(d, BRIEFING_ERR_DATA, "%s: the file is larger than %u MiB", path,
                            CSV_MAX_FILE_BYTES / (1024u * 1024u));
        if (err == ENOMEM)
            return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
        return diag_set(d, BRIEFING_ERR_NOINPUT, "%s: cannot read: %s", path, strerror(err));
    }
    size_t len = b.len;
    char *text = buf_take(&b); /* "" (allocated) when the file is empty */
    if (!text)
        return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
    return open_text(path, text, len, out, d);
}

/* ---- records ------------------------------------------------------------ */

/* Consumes one line end at pos (LF, CRLF or CR), if there is one. */
static int eat_line_end(csv_reader *r)
{
    if (r->text[r->pos] == '\r') {
        r->pos += r->text[r->pos + 1] == '\n' ? 2 : 1;
    } else if (r->text[r->pos] == '\n') {
        r->pos++;
    } else {
        return 0;
    }
    r->next_line++;
    return 1;
}

/* Parses a quoted field starting at the opening quote, in place: its
 * content is moved down to where the quote was (a doubled quote becomes one,
 * a line break "\n") and ended with a NUL, all before pos. */
static int parse_quoted(csv_reader *r, size_t field, diag *d)
{
    size_t start_line = r->next_line;
    char *out = r->text + r->pos; /* writing never passes reading */
    r->pos++; /* the opening quote */
    for (;;) {
        size_t span = strcspn(r->text + r->pos, "\"\r\n");
        memmove(out, r->text + r->pos, span);
        out += span;
        r->pos += span;
        char c = r->text[r->pos];
        if (c == '\0')
            return diag_set(d, BRIEFING_ERR_DATA,
                            "%s:%zu: field %zu: the quoted field opened on line %zu is never closed",
                            r->name, r->line, field + 1, start_line);
        if (c == '"' && r->text[r->pos + 1] == '"') {
            *out++ = '"';
            r->pos += 2;
        } else if (c == '"') {
            r->pos++;
            break;
        } else {
            eat_line_end(r); /* a line break inside the field is kept as "\n" */
            *out++ = '\n';
        }
    }
    *out = '\0';
    char c = r->text[r->pos];
    if (c != ',' && c != '\r' && c != '\n' && c != '\0')
        return diag_set(d, BRIEFING_ERR_DATA,
                        "%s:%zu: field %zu: text after the closing quote (a quote inside a quoted "
                        "field must be doubled: \"\")",
                        r->name, r->next_line, field + 1);
    return BRIEFING_OK;
}

/* Parses one record at pos (not at a blank line, not at the end), in place. */
static int parse_record(csv_reader *r, diag *d)
{
    r->n_row = 0;
    r->line = r->next_line;
    for (;;) {
        char end;
        if (r->n_row == CSV_MAX_COLUMNS)
            return diag_set(d, BRIEFING_ERR_DATA, "%s:%zu: more than %u fields", r->name, r->line,
                            CSV_MAX_COLUMNS);
        r->row_off[r->n_row] = r->pos;
        if (r->text[r->pos] == '"') {
            int rc = parse_quoted(r, r->n_row, d);
            if (rc)
                return rc;
            end = r->text[r->pos];
        } else {
            r->pos += strcspn(r->text + r->pos, ",\r\n");
            end = r->text[r->pos];
            r->text[r->pos] = '\0'; /* the field's end, over its comma or line end */
        }
        r->n_row++;
        if (end == ',') {
            r->pos++;
            continue;
        }
        /* The line end, read from `end`: its first byte may be a NUL now. */
        if (end == '\r') {
            r->pos += r->text[r->pos + 1] == '\n' ? 2 : 1;
            r->next_line++;
        } else if (end == '\n') {
            r->pos++;
            r->next_line++;
        }
        return BRIEFING_OK;
    }
}

/* 1 when every field of the current record is empty. */
static int row_is_empty(const csv_reader *r)
{
    for (size_t i = 0; i < r->n_row; i++)
        if (r->text[r->row_off[i]] != '\0')
            return 0;
    return 1;
}

static int sheet_next(csv_reader *r, diag *d);

int csv_next(csv_reader *r, diag *d)
{
    if (r->sheet)
        return sheet_next(r, d);
    if (r->failed)
        return diag_set(d, r->failed, "%s:%zu: reading stopped at an earlier error", r->name, r->line);
    for (;;) {
        while (eat_line_end(r)) /* blank lines */
            ;
        if (r->pos >= r->len) {
            r->n_row = 0;
            return 0;
        }
        int rc = parse_record(r, d);
        if (rc) {
            r->failed = rc;
            r->n_row = 0;
            return rc;
        }
        if (row_is_empty(r))
            continue;
        if (r->header_off && r->n_row != r->n_header) {
            r->failed = BRIEFING_ERR_DATA;
            size_t n = r->n_row;
            r->n_row = 0;
            return diag_set(d, BRIEFING_ERR_DATA, "%s:%zu: %zu field%s where the header has %zu",
                            r->name, r->line, n, n == 1 ? "" : "s", r->n_header);
        }
        return 1;
    }
}

/* ---- access ------------------------------------------------------------- */

int csv_column(const csv_reader *r, const char *const *names)
{
    for (size_t i = 0; i < r->n_header; i++)
        for (const char *const *n = names; *n; n++)
            if (csv_header_equal(hbase(r) + r->header_off[i], *n))
                return (int)i;
    return -1;
}

int csv_require(const csv_reader *r, const char *const *names, int *col, diag *d)
{
    *col = csv_column(r, names);
    if (*col >= 0)
        return BRIEFING_OK;
    buf msg;
    buf_init(&msg, 2048);
    for (const char *const *n = names; *n; n++)
        buf_printf(&msg, "%s\"%s\"", n == names ? "" : n == names + 1 ? " (nor " : ", ", *n);
    if (names[0] && names[1])
        buf_addc(&msg, ')');
    int rc;
    if (r->sheet)
        rc = diag_set(d, BRIEFING_ERR_DATA, "%s: sheet \"%s\": no column %s in the header row (row %zu)",
                      r->name, ods_sheet_name(r->sheet), msg.data ? msg.data : "", r->header_row);
    else
        rc = diag_set(d, BRIEFING_ERR_DATA, "%s: no column %s in the header", r->name,
                      msg.data ? msg.data : "");
    buf_free(&msg);
    return rc;
}

const char *csv_field(const csv_reader *r, int col)
{
    if (col < 0 || r->n_row == 0)
        return "";
    if (r->sheet)
        return ods_cell(r->sheet, (size_t)col);
    if ((size_t)col >= r->n_row)
        return "";
    return r->text + r->row_off[col];
}

const char *csv_header(const csv_reader *r, int col)
{
    if (col < 0 || (size_t)col >= r->n_header)
        return "";
    return hbase(r) + r->header_off[col];
}

size_t csv_line(const csv_reader *r) { return r->line; }
size_t csv_columns(const csv_reader *r) { return r->n_header; }
const char *csv_name(const csv_reader *r) { return r->name; }

static int sheet_error(const csv_reader *r, int col, diag *d, const char *msg);

int csv_field_verror(const csv_reader *r, int col, diag *d, const char *fmt, va_list ap)
{
    char msg[DIAG_TEXT_MAX];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (r->sheet)
        return sheet_error(r, col, d, msg);
    if (col < 0 || (size_t)col >= r->n_header)
        return diag_set(d, BRIEFING_ERR_DATA, "%s:%zu: %s", r->name, r->line, msg);
    /* A wrapped heading is shown folded, on one line. */
    buf h;
    buf_init(&h, 512);
    csv_fold(csv_header(r, col), &h);
    int rc = diag_set(d, BRIEFING_ERR_DATA, "%s:%zu: column \"%s\": %s", r->name, r->line,
                      h.data ? h.data : "", msg);
    buf_free(&h);
    return rc;
}

int csv_field_error(const csv_reader *r, int col, diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = csv_field_verror(r, col, d, fmt, ap);
    va_end(ap);
    return rc;
}

void csv_close(csv_reader *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->text);
    free(r->header_off);
    free(r->row_off);
    ods_close(r->sheet);
    free(r->htext);
    for (char **n = r->names; n && *n; n++)
        free(*n);
    free(r->names);
    free(r);
}

/* ---- sheets of a workbook ----------------------------------------------- */

/* 1 when a cell of the sheet's current row matches one of names. */
static int row_has(const ods_sheet *s, const char *const *names)
{
    for (size_t i = 0; i < ods_cells(s); i++) {
        const char *c = ods_cell(s, i);
        if (*c)
            for (const char *const *n = names; *n; n++)
                if (csv_header_equal(c, *n))
                    return 1;
    }
    return 0;
}

/* How many cells of the sheet's current row hold a value. */
static size_t values(const ods_sheet *s)
{
    size_t n = 0;
    for (size_t i = 0; i < ods_cells(s); i++)
        n += *ods_cell(s, i) != '\0';
    return n;
}

/* Makes the sheet's current row the header: its cells are copied. */
static int adopt_header(csv_reader *r, diag *d)
{
    size_t n = ods_cells(r->sheet), len = 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(ods_cell(r->sheet, i)) + 1;
    char *t = malloc(len ? len : 1);
    size_t *off = malloc((n ? n : 1) * sizeof *off);
    if (!t || !off) {
        free(t);
        free(off);
        return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", r->name);
    }
    len = 0;
    for (size_t i = 0; i < n; i++) {
        const char *c = ods_cell(r->sheet, i);
        size_t l = strlen(c) + 1;
        memcpy(t + len, c, l);
        off[i] = len;
        len += l;
    }
    free(r->htext);
    free(r->header_off);
    r->htext = t;
    r->header_off = off;
    r->n_header = n;
    r->n_row = 0;
    r->line = r->header_row = ods_row(r->sheet);
    r->next_header = 0;
    r->after_gap = 0;
    return BRIEFING_OK;
}

static int sheet_next(csv_reader *r, diag *d)
{
    if (r->failed)
        return diag_set(d, r->failed, "%s: sheet \"%s\", row %zu: reading stopped at an earlier error",
                        r->name, ods_sheet_name(r->sheet), r->line);
    if (r->next_header)
        return 0;
    int rc;
    r->n_row = 0;
    while ((rc = ods_next(r->sheet, d)) == 1) {
        size_t row = ods_row(r->sheet);
        if (row > r->line + 1)
            r->after_gap = 1; /* blank rows above this one */
        r->line = row;
        if (row_has(r->sheet, (const char *const *)r->names)) {
            r->next_header = 1; /* a later table starts here */
            return 0;
        }
        if (r->after_gap && values(r->sheet) == 1)
            continue; /* a title or note line above a later table */
        r->after_gap = 0;
        r->n_row = 1;
        return 1;
    }
    if (rc > 1)
        r->failed = rc;
    return rc;
}

int csv_next_table(csv_reader *r, diag *d)
{
    if (!r->sheet || !r->next_header)
        return 0;
    int rc = adopt_header(r, d);
    return rc ? rc : 1;
}

int csv_hidden(const csv_reader *r) { return r->sheet && r->n_row && ods_hidden(r->sheet); }
const char *csv_sheet(const csv_reader *r) { return r->sheet ? ods_sheet_name(r->sheet) : ""; }

static int sheet_error(const csv_reader *r, int col, diag *d, const char *msg)
{
    const char *sheet = ods_sheet_name(r->sheet);
    if (col < 0)
        return diag_set(d, BRIEFING_ERR_DATA, "%s: sheet \"%s\", row %zu: %s", r->name, sheet, r->line, msg);
    char letters[8];
    ods_column_letters((size_t)col, letters);
    buf h;
    buf_init(&h, 512);
    csv_fold(csv_header(r, col), &h);
    int rc = diag_set(d, BRIEFING_ERR_DATA, "%s: sheet \"%s\", row %zu, column %s (\"%s\"): %s", r->name,
                      sheet, r->line, letters, h.data ? h.data : "", msg);
    buf_free(&h);
    return rc;
}

/* A copy of the NULL-terminated names. */
static char **copy_names(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    char **c = calloc(n + 1, sizeof *c);
    for (size_t i = 0; c && i < n; i++)
        if (!(c[i] = strdup(names[i]))) {
            for (size_t j = 0; j < i; j++)
                free(c[j]);
            free(c);
            return NULL;
        }
    return c;
}

int csv_open_sheet(const char *path, const char *sheet, const char *const *names, csv_reader **out,
                   diag *d)
{
    *out = NULL;
    csv_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->name = strdup(path)) || !(r->names = copy_names(names))) {
        csv_close(r);
        return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
    }
    int rc = ods_open(path, sheet, &r->sheet, d);
    if (rc == BRIEFING_OK)
        while ((rc = ods_next(r->sheet, d)) == 1)
            if (row_has(r->sheet, names)) {
                rc = adopt_header(r, d);
                if (rc == BRIEFING_OK)
                    *out = r;
                break;
            }
    if (!*out)
        csv_close(r); /* rc 0: no header row, nothing recorded */
    return rc;
}

/* The sheets of the workbook listed last, kept while the file is the same
 * (device, inode, size, modification time): a workbook is listed by each
 * source's recognise and again by the source that reads it, and each
 * listing is a pass over the whole content.xml (0.35 s of CPU for the
 * outturn workbook). */
static struct {
    char *path;
    struct stat st;
    buf names; /* each name NUL-ended */
    size_t n;
} listed;

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

static int keep_name(void *arg, const char *name)
{
    (void)arg;
    if (buf_add(&listed.names, name, strlen(name) + 1) != 0)
        return BRIEFING_ERR_NOMEM;
    listed.n++;
    return 0;
}

int csv_sheets(const char *path, int (*each)(void *arg, const char *sheet), void *arg, diag *d)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return ods_sheet_names(path, each, arg, d); /* says why */
    if (!listed.path || strcmp(listed.path, path) != 0 || !same_file(&st, &listed.st)) {
        free(listed.path);
        buf_free(&listed.names);
        listed.path = NULL;
        listed.n = 0;
        buf_init(&listed.names, 16u * 1024u * 1024u);
        int rc = ods_sheet_names(path, keep_name, NULL, d);
        if (rc == BRIEFING_ERR_NOMEM && !d->text[0])
            diag_set(d, rc, "%s: out of memory", path);
        if (rc != 0 || !(listed.path = strdup(path))) {
            buf_free(&listed.names);
            listed.n = 0;
            return rc ? rc : diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
        }
        listed.st = st;
    }
    const char *name = listed.names.data;
    for (size_t i = 0; i < listed.n; i++, name += strlen(name) + 1) {
        int rc = each(arg, name);
        if (rc)
            return rc;
    }
    return BRIEFING_OK;
}

void csv_sheets_forget(void)
{
    ods_forget(); /* the workbooks' parses, kept by ods.c */
    free(listed.path);
    buf_free(&listed.names);
    listed.path = NULL;
    listed.n = 0;
}

/* ---- the plugin API ----------------------------------------------------- */

/* Hands a core error to the plugin's context and returns its status. */
static int to_ctx(briefing_ctx *ctx, int rc, const diag *d)
{
    return host_ctx_error(ctx, rc, "%s", d->text);
}

static int api_open(briefing_ctx *ctx, const char *path, briefing_csv **out)
{
    diag d;
    diag_clear(&d);
    int rc = csv_open_file(path, out, &d);
    if (rc)
        return to_ctx(ctx, rc, &d);
    (*out)->ctx = ctx;
    return BRIEFING_OK;
}

static int api_next(briefing_csv *r)
{
    diag d;
    diag_clear(&d);
    int rc = csv_next(r, &d);
    return rc > 1 ? to_ctx(r->ctx, rc, &d) : rc;
}

static int api_require(briefing_csv *r, const char *const *names, int *col)
{
    diag d;
    diag_clear(&d);
    int rc = csv_require(r, names, col, &d);
    return rc ? to_ctx(r->ctx, rc, &d) : rc;
}

static int api_error(briefing_csv *r, int col, const char *fmt, ...)
{
    diag d;
    va_list ap;
    diag_clear(&d);
    va_start(ap, fmt);
    int rc = csv_field_verror(r, col, &d, fmt, ap);
    va_end(ap);
    return to_ctx(r->ctx, rc, &d);
}

static int api_sheets(briefing_ctx *ctx, const char *path, int (*each)(void *arg, const char *sheet),
                      void *arg)
{
    diag d;
    diag_clear(&d);
    int rc = csv_sheets(path, each, arg, &d);
    return rc > 1 && d.text[0] ? to_ctx(ctx, rc, &d) : rc;
}

static int api_open_sheet(briefing_ctx *ctx, const char *path, const char *sheet, const char *const *names,
                          briefing_csv **out)
{
    diag d;
    diag_clear(&d);
    int rc = csv_open_sheet(path, sheet, names, out, &d);
    if (rc)
        return to_ctx(ctx, rc, &d);
    if (*out)
        (*out)->ctx = ctx;
    return BRIEFING_OK;
}

static int api_next_table(briefing_csv *r)
{
    diag d;
    diag_clear(&d);
    int rc = csv_next_table(r, &d);
    return rc > 1 ? to_ctx(r->ctx, rc, &d) : rc;
}

static const briefing_csv_api the_api = {
    .size = sizeof(briefing_csv_api),
    .open = api_open,
    .next = api_next,
    .column = csv_column,
    .require = api_require,
    .field = csv_field,
    .header = csv_header,
    .line = csv_line,
    .columns = csv_columns,
    .path = csv_name,
    .error = api_error,
    .close = csv_close,
    .sheets = api_sheets,
    .open_sheet = api_open_sheet,
    .next_table = api_next_table,
    .hidden = csv_hidden,
    .sheet = csv_sheet,
    .is_workbook = ods_is_workbook,
};

const struct briefing_csv_api *csv_api(void) { return &the_api; }

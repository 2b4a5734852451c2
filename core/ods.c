/*
 * ods: an ODS sheet read row by row: libzip for the archive, expat for
 * content.xml, streamed.  See ods.h.
 *
 * expat pushes; we pull.  ods_next feeds content.xml to expat a chunk at a
 * time until the handler that sees a row's end tag has a row with a value:
 * it then suspends the parser (XML_StopParser, resumable), and the next
 * ods_next resumes it where it stopped.  The handlers never allocate more
 * than the row being built.
 */
#include "ods.h"

#include <errno.h>
#include <expat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>
#include <briefing/status.h>

#include "buf.h"

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0|"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0|"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0|"
#define CHUNK (64u * 1024u)

enum mode { M_LIST, M_READ, M_ALL }; /* M_ALL: every sheet's rows into a book */

/* ---- the parsed workbooks kept for the run ------------------------------------
 * A workbook is parsed whole once (M_ALL) and its rows kept in a book:
 * ods_sheet_names and ods_open serve from it while the file's identity
 * (device, inode, size, modification time, taken by stat at every call)
 * is the same.  A book that failed (any error, a table nested in a sheet,
 * more than the limit) is kept as "streamed": the file is then read as
 * before, by the streaming path, so every message is the one that path
 * gives.  ods.c owns the books; ods_forget frees them. */
typedef struct book_row {
    size_t row, repeat;  /* the row's number; its copies (number-rows-repeated) */
    size_t text, cells;  /* where its text and cell offsets start in the book */
    size_t n_cells;
    int hidden;
} book_row;

typedef struct book_sheet {
    size_t name;         /* offset of the name in names */
    size_t first, n;     /* its rows in rows[] */
} book_sheet;

typedef struct ods_book {
    struct ods_book *next;
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    int whole;           /* 1: every sheet's rows are here; 0: streamed */
    char *names;         /* the sheets' names, each NUL-ended */
    size_t names_len, names_cap;
    char *text;          /* the rows' text, as the streaming row holds it */
    size_t text_len, text_cap;
    size_t *cells;       /* offsets into each row's text */
    size_t n_cells, cells_cap;
    book_row *rows;
    size_t n_rows, rows_cap;
    book_sheet *sheets;
    size_t n_sheets, sheets_cap;
    size_t bytes;        /* what it costs, counted against the limit */
    unsigned users;      /* sheets open from it */
    int dropped;         /* off the list: freed when the last user closes */
} ods_book;

static void book_free(ods_book *b);

static ods_book *books;
static size_t books_bytes;                 /* all books' bytes */
static size_t books_limit = ODS_CACHE_MAX_BYTES;
static unsigned long parses;               /* passes over a content.xml begun */

struct ods_sheet {
    char *file;            /* as messages name it */
    char *want;            /* the sheet to read; NULL: the first */
    char *sheet;           /* the sheet being read */
    enum mode mode;
    int (*each)(void *, const char *); /* M_LIST */
    void *each_arg;
    int each_rc;

    zip_t *zip;
    zip_file_t *content;
    uint64_t content_size, read_bytes;
    XML_Parser xml;
    int suspended, eof, finished; /* parser state; finished: no more rows */

    /* Where the parse is. */
    unsigned depth;
    int in_sheet;           /* inside the table:table being read */
    unsigned nested;        /* tables inside a cell of it */
    int in_row, in_cell;
    unsigned in_p, in_note; /* text:p depth; office:annotation depth */
    int skip_text;          /* the cell's value came from an attribute */
    unsigned n_p;           /* paragraphs met in the cell */
    size_t cell_start;      /* where the cell's text starts in text */
    size_t cell_repeat;

    /* The row being built, then handed out. */
    char *text;              /* the cells' text, each NUL-ended; text[0] = "" */
    size_t text_len, text_cap;
    size_t *cells;           /* offsets into text */
    size_t n_cells, cells_cap;
    size_t pending_empty;    /* empty cells not yet written (saturating) */
    size_t row_repeat;
    int row_hidden, hidden;
    int ready;               /* a row with a value is complete */
    size_t next_row;         /* the number of the next row element (saturating) */
    size_t row;              /* the current row's number */
    size_t repeats_left;     /* further copies of the current row to hand out */

    buf sheets_seen;         /* every sheet's name, for "its sheets are ..." */
    size_t n_sheets_seen;
    int failed;
    diag err;

    /* M_ALL: the book being filled; a sheet served from a book: the book
     * and the next of its rows to hand out, up to end. */
    ods_book *book;
    ods_book *from;
    size_t from_next, from_end;
    const char *from_text;   /* the current row's text and cells */
    const size_t *from_cells;
};

/* ---- small things ------------------------------------------------------------ */

void ods_column_letters(size_t col, char out[8])
{
    char tmp[8];
    size_t n = 0;
    col++;
    while (col > 0 && n < 7) {
        size_t r = (col - 1) % 26;
        tmp[n++] = (char)('A' + r);
        col = (col - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

int ods_is_workbook(const unsigned char *head, size_t len)
{
    static const char mt[] = "mimetype" ODS_MIMETYPE;
    return len >= 30 + sizeof mt - 1 && memcmp(head, "PK\3\4", 4) == 0 &&
           memcmp(head + 30, mt, sizeof mt - 1) == 0;
}

static size_t add_sat(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

/* The attribute `name` (namespace|local) of a start tag, or NULL. */
static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

/* A repeat count: 1 when absent or not a positive number. */
static size_t repeat_of(const char *v)
{
    if (!v || *v < '0' || *v > '9')
        return 1;
    size_t n = 0;
    for (; *v >= '0' && *v <= '9'; v++)
        n = n > (SIZE_MAX - 9) / 10 ? SIZE_MAX : n * 10 + (size_t)(*v - '0');
    return n ? n : 1;
}

/* Records the first error and stops the parser for good. */
static void fail(ods_sheet *s, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(ods_sheet *s, int status, const char *fmt, ...)
{
    if (!s->failed) {
        char msg[DIAG_TEXT_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        if (s->sheet)
            diag_set(&s->err, status, "%s: sheet \"%s\", row %zu: %s", s->file, s->sheet,
                     s->next_row, msg);
        else
            diag_set(&s->err, status, "%s: %s", s->file, msg);
        s->failed = status;
    }
    if (s->xml)
        XML_StopParser(s->xml, XML_FALSE);
}

/* ---- the row being built -------------------------------------------------------- */

static int text_add(ods_sheet *s, const char *p, size_t n)
{
    if (s->text_len - s->cell_start + n > ODS_MAX_CELL_BYTES) {
        char col[8];
        ods_column_letters(s->n_cells + s->pending_empty, col);
        fail(s, BRIEFING_ERR_DATA, "column %s: a cell longer than %u bytes", col, ODS_MAX_CELL_BYTES);
        return -1;
    }
    if (s->text_len + n + 1 > ODS_MAX_ROW_BYTES) {
        fail(s, BRIEFING_ERR_DATA, "a row longer than %u bytes", ODS_MAX_ROW_BYTES);
        return -1;
    }
    if (s->text_len + n + 1 > s->text_cap) {
        size_t cap = s->text_cap ? s->text_cap : 4096;
        while (cap < s->text_len + n + 1)
            cap *= 2;
        char *t = realloc(s->text, cap);
        if (!t) {
            fail(s, BRIEFING_ERR_NOMEM, "out of memory");
            return -1;
        }
        s->text = t;
        s->text_cap = cap;
    }
    memcpy(s->text + s->text_len, p, n);
    s->text_len += n;
    return 0;
}

/* Appends `count` cells at offset off (copies share the text). */
static int cells_add(ods_sheet *s, size_t off, size_t count)
{
    if (count > ODS_MAX_COLUMNS - s->n_cells) {
        fail(s, BRIEFING_ERR_DATA, "more than %u columns", ODS_MAX_COLUMNS);
        return -1;
    }
    if (s->n_cells + count > s->cells_cap) {
        size_t cap = s->cells_cap ? s->cells_cap : 64;
        while (cap < s->n_cells + count)
            cap *= 2;
        size_t *c = realloc(s->cells, cap * sizeof *c);
        if (!c) {
            fail(s, BRIEFING_ERR_NOMEM, "out of memory");
            return -1;
        }
        s->cells = c;
        s->cells_cap = cap;
    }
    for (size_t i = 0; i < count; i++)
        s->cells[s->n_cells++] = off;
    return 0;
}

/* ---- filling a book (M_ALL) ------------------------------------------------------ */

/* Makes room for `need` items of `size` bytes in *p, charging what it
 * allocates to the book and the limit.  -1 past the limit or out of memory
 * (the status in s). */
static int book_room(ods_sheet *s, void **p, size_t *cap, size_t need, size_t size)
{
    ods_book *b = s->book;
    if (need <= *cap)
        return 0;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n = n > SIZE_MAX / 2 ? SIZE_MAX : n * 2;
    if (n > (SIZE_MAX - books_bytes) / size || books_bytes + n * size - *cap * size > books_limit) {
        fail(s, BRIEFING_ERR_DATA, "more than the %zu bytes kept for parsed workbooks", books_limit);
        return -1;
    }
    void *q = realloc(*p, n * size);
    if (!q) {
        fail(s, BRIEFING_ERR_NOMEM, "out of memory");
        return -1;
    }
    books_bytes += (n - *cap) * size;
    b->bytes += (n - *cap) * size;
    *p = q;
    *cap = n;
    return 0;
}

static void book_add_sheet(ods_sheet *s, const char *name)
{
    ods_book *b = s->book;
    size_t n = strlen(name) + 1;
    if (book_room(s, (void **)&b->names, &b->names_cap, b->names_len + n, 1) != 0 ||
        book_room(s, (void **)&b->sheets, &b->sheets_cap, b->n_sheets + 1, sizeof *b->sheets) != 0)
        return;
    memcpy(b->names + b->names_len, name, n);
    b->sheets[b->n_sheets++] = (book_sheet){b->names_len, b->n_rows, 0};
    b->names_len += n;
}

/* Keeps the row just ended, as row_end would hand it out. */
static void book_add_row(ods_sheet *s)
{
    ods_book *b = s->book;
    if (book_room(s, (void **)&b->text, &b->text_cap, b->text_len + s->text_len, 1) != 0 ||
        book_room(s, (void **)&b->cells, &b->cells_cap, b->n_cells + s->n_cells, sizeof *b->cells) != 0 ||
        book_room(s, (void **)&b->rows, &b->rows_cap, b->n_rows + 1, sizeof *b->rows) != 0)
        return;
    memcpy(b->text + b->text_len, s->text, s->text_len);
    memcpy(b->cells + b->n_cells, s->cells, s->n_cells * sizeof *s->cells);
    b->rows[b->n_rows++] = (book_row){s->row, s->repeats_left + 1, b->text_len, b->n_cells, s->n_cells,
                                      s->hidden};
    b->text_len += s->text_len;
    b->n_cells += s->n_cells;
    b->sheets[b->n_sheets - 1].n++;
}

static void row_start(ods_sheet *s, const XML_Char **atts)
{
    const char *vis = attr(atts, NS_TABLE "visibility");
    s->in_row = 1;
    s->row_repeat = repeat_of(attr(atts, NS_TABLE "number-rows-repeated"));
    s->row_hidden = vis && (strcmp(vis, "collapse") == 0 || strcmp(vis, "filter") == 0);
    s->n_cells = 0;
    s->pending_empty = 0;
    s->text_len = 0;
    s->cell_start = 0;
    text_add(s, "", 1); /* text[0] is every empty cell */
}

static void row_end(ods_sheet *s)
{
    s->in_row = 0;
    if (s->n_cells == 0) { /* no value: counted, not handed out */
        s->next_row = add_sat(s->next_row, s->row_repeat);
        return;
    }
    if (s->next_row > ODS_MAX_ROWS) {
        fail(s, BRIEFING_ERR_DATA, "a value below row %u", ODS_MAX_ROWS);
        return;
    }
    s->row = s->next_row;
    s->hidden = s->row_hidden;
    s->repeats_left = s->row_repeat - 1;
    s->next_row = add_sat(s->next_row, s->row_repeat);
    if (s->mode == M_ALL) { /* kept, and on to the next row */
        book_add_row(s);
        return;
    }
    s->ready = 1;
    XML_StopParser(s->xml, XML_TRUE);
}

/* A typed value as text: numbers with up to 15 significant digits, a
 * percentage times 100, a date without a midnight time. */
static int typed_value(ods_sheet *s, const XML_Char **atts)
{
    const char *type = attr(atts, NS_OFFICE "value-type");
    char out[64];
    const char *v;
    if (!type)
        return 0;
    if (strcmp(type, "float") == 0 || strcmp(type, "currency") == 0 || strcmp(type, "percentage") == 0) {
        if (!(v = attr(atts, NS_OFFICE "value")))
            return 0;
        char *end;
        errno = 0;
        double d = strtod(v, &end);
        if (end == v || *end || errno == ERANGE) /* not a number: kept as written */
            return text_add(s, v, strlen(v)) == 0 ? 1 : -1;
        if (type[0] == 'p')
            d *= 100;
        snprintf(out, sizeof out, "%.15g", d);
        return text_add(s, out, strlen(out)) == 0 ? 1 : -1;
    }
    if (strcmp(type, "date") == 0) {
        if (!(v = attr(atts, NS_OFFICE "date-value")))
            return 0;
        size_t n = strlen(v);
        if (n > 10 && v[10] == 'T' && strspn(v + 11, "0:.") == n - 11)
            n = 10; /* midnight */
        return text_add(s, v, n) == 0 ? 1 : -1;
    }
    if (strcmp(type, "boolean") == 0) {
        if (!(v = attr(atts, NS_OFFICE "boolean-value")))
            return 0;
        return text_add(s, v, strlen(v)) == 0 ? 1 : -1;
    }
    if (strcmp(type, "string") == 0 && (v = attr(atts, NS_OFFICE "string-value")))
        return text_add(s, v, strlen(v)) == 0 ? 1 : -1;
    return 0; /* time, string, void: the text */
}

static void cell_start(ods_sheet *s, const XML_Char **atts)
{
    s->in_cell = 1;
    s->n_p = 0;
    s->cell_start = s->text_len;
    s->cell_repeat = repeat_of(attr(atts, NS_TABLE "number-columns-repeated"));
    int t = typed_value(s, atts);
    s->skip_text = t != 0;
}

static void cell_end(ods_sheet *s)
{
    s->in_cell = 0;
    if (s->failed)
        return;
    if (s->text_len == s->cell_start) { /* empty: only counted */
        s->pending_empty = add_sat(s->pending_empty, s->cell_repeat);
        return;
    }
    if (text_add(s, "", 1) != 0) /* the NUL */
        return;
    if (s->pending_empty) {
        if (s->pending_empty > ODS_MAX_COLUMNS) {
            fail(s, BRIEFING_ERR_DATA, "more than %u columns", ODS_MAX_COLUMNS);
            return;
        }
        if (cells_add(s, 0, s->pending_empty) != 0)
            return;
        s->pending_empty = 0;
    }
    if (s->cell_repeat > ODS_MAX_COLUMNS) {
        fail(s, BRIEFING_ERR_DATA, "more than %u columns", ODS_MAX_COLUMNS);
        return;
    }
    cells_add(s, s->cell_start, s->cell_repeat);
}

/* 1 when the cell's text is being collected. */
static int collecting(const ods_sheet *s)
{
    return s->in_cell && !s->skip_text && !s->nested && !s->in_note && s->in_p > 0;
}

/* ---- expat's handlers -------------------------------------------------------- */

static void sheet_start(ods_sheet *s, const XML_Char **atts)
{
    const char *name = attr(atts, NS_TABLE "name");
    if (!name)
        name = "";
    if (strlen(name) > ODS_MAX_NAME_BYTES) {
        fail(s, BRIEFING_ERR_DATA, "a sheet name longer than %u bytes", ODS_MAX_NAME_BYTES);
        return;
    }
    buf_printf(&s->sheets_seen, "%s\"%s\"", s->n_sheets_seen ? ", " : "", name);
    s->n_sheets_seen++;
    if (s->mode == M_ALL) { /* every sheet, read through */
        book_add_sheet(s, name);
        s->in_sheet = 1;
        s->next_row = 1;
        return;
    }
    if (s->mode == M_LIST) {
        if ((s->each_rc = s->each(s->each_arg, name)) != 0) {
            s->finished = 1;
            XML_StopParser(s->xml, XML_FALSE);
        }
        return;
    }
    if (s->want && strcmp(name, s->want) != 0)
        return;
    if (!(s->sheet = strdup(name))) {
        fail(s, BRIEFING_ERR_NOMEM, "out of memory");
        return;
    }
    s->in_sheet = 1;
    s->next_row = 1;
    XML_StopParser(s->xml, XML_TRUE); /* find_sheet stops here */
}

static void XMLCALL on_start(void *arg, const XML_Char *el, const XML_Char **atts)
{
    ods_sheet *s = arg;
    if (++s->depth > ODS_MAX_DEPTH) {
        fail(s, BRIEFING_ERR_DATA, "elements nested deeper than %u", ODS_MAX_DEPTH);
        return;
    }
    if (strncmp(el, NS_TABLE, sizeof NS_TABLE - 1) == 0) {
        const char *n = el + sizeof NS_TABLE - 1;
        if (strcmp(n, "table") == 0) {
            if (s->in_cell || s->in_sheet) {
                s->nested++;
                if (s->mode == M_ALL) /* the other modes may see it as a sheet: streamed */
                    fail(s, BRIEFING_ERR_DATA, "a table inside a sheet");
            } else if (!s->sheet) {
                sheet_start(s, atts);
            }
            return;
        }
        if (!s->in_sheet || s->nested)
            return;
        if (strcmp(n, "table-row") == 0 && !s->in_row)
            row_start(s, atts);
        else if (s->in_row && !s->in_cell &&
                 (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0))
            cell_start(s, atts);
        return;
    }
    if (!s->in_cell || s->nested)
        return;
    if (strcmp(el, NS_OFFICE "annotation") == 0) {
        s->in_note++;
    } else if (s->in_note || s->skip_text) {
        return;
    } else if (strcmp(el, NS_TEXT "p") == 0 || strcmp(el, NS_TEXT "h") == 0) {
        if (s->n_p++ > 0)
            text_add(s, "\n", 1);
        s->in_p++;
    } else if (s->in_p && strcmp(el, NS_TEXT "s") == 0) {
        size_t n = repeat_of(attr(atts, NS_TEXT "c"));
        if (n > ODS_MAX_CELL_BYTES)
            n = ODS_MAX_CELL_BYTES + 1; /* text_add refuses it */
        char sp[64];
        memset(sp, ' ', sizeof sp);
        for (size_t done = 0; done < n && !s->failed; done += sizeof sp)
            text_add(s, sp, n - done < sizeof sp ? n - done : sizeof sp);
    } else if (s->in_p && strcmp(el, NS_TEXT "tab") == 0) {
        text_add(s, "\t", 1);
    } else if (s->in_p && strcmp(el, NS_TEXT "line-break") == 0) {
        text_add(s, "\n", 1);
    }
}

static void XMLCALL on_end(void *arg, const XML_Char *el)
{
    ods_sheet *s = arg;
    s->depth--;
    if (strncmp(el, NS_TABLE, sizeof NS_TABLE - 1) == 0) {
        const char *n = el + sizeof NS_TABLE - 1;
        if (strcmp(n, "table") == 0) {
            if (s->nested) {
                s->nested--;
            } else if (s->in_sheet) { /* the end of the sheet */
                s->in_sheet = 0;
                if (s->mode == M_ALL)
                    return; /* on to the next */
                s->finished = 1;
                XML_StopParser(s->xml, XML_FALSE);
            }
            return;
        }
        if (!s->in_sheet || s->nested)
            return;
        if (s->in_cell && (strcmp(n, "table-cell") == 0 || strcmp(n, "covered-table-cell") == 0))
            cell_end(s);
        else if (s->in_row && !s->in_cell && strcmp(n, "table-row") == 0)
            row_end(s);
        return;
    }
    if (!s->in_cell || s->nested)
        return;
    if (strcmp(el, NS_OFFICE "annotation") == 0) {
        if (s->in_note)
            s->in_note--;
    } else if (!s->in_note && s->in_p && (strcmp(el, NS_TEXT "p") == 0 || strcmp(el, NS_TEXT "h") == 0)) {
        s->in_p--;
    }
}

static void XMLCALL on_text(void *arg, const XML_Char *t, int len)
{
    ods_sheet *s = arg;
    if (collecting(s) && len > 0)
        text_add(s, t, (size_t)len);
}

/* A DOCTYPE (and with it any entity) has no place in an ODS file: it is
 * refused before an entity can be expanded. */
static void XMLCALL on_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    fail(arg, BRIEFING_ERR_DATA, "content.xml: a DOCTYPE declaration (an ODS file has none)");
}

/* ---- the archive -------------------------------------------------------------- */

static int zip_status(int ze)
{
    if (ze == ZIP_ER_MEMORY)
        return BRIEFING_ERR_NOMEM;
    if (ze == ZIP_ER_OPEN || ze == ZIP_ER_NOENT || ze == ZIP_ER_READ)
        return BRIEFING_ERR_NOINPUT;
    return BRIEFING_ERR_DATA;
}

static int zip_failed(ods_sheet *s, int ze, const char *what)
{
    zip_error_t e;
    zip_error_init_with_code(&e, ze);
    int status = zip_status(ze);
    if (status == BRIEFING_ERR_DATA)
        fail(s, status, "%s: %s (an ODS workbook is a zip archive)", what, zip_error_strerror(&e));
    else
        fail(s, status, "%s: %s", what, zip_error_strerror(&e));
    zip_error_fini(&e);
    return status;
}

/* Checks the archive's entries, its mimetype and content.xml's size, and
 * opens content.xml. */
static int open_content(ods_sheet *s)
{
    zip_int64_t n = zip_get_num_entries(s->zip, 0);
    uint64_t total = 0;
    zip_stat_t st;
    if (n < 0 || (uint64_t)n > ODS_MAX_ENTRIES) {
        fail(s, BRIEFING_ERR_DATA, "the archive has more than %u entries: not a workbook", ODS_MAX_ENTRIES);
        return s->failed;
    }
    for (zip_int64_t i = 0; i < n; i++) {
        if (zip_stat_index(s->zip, (zip_uint64_t)i, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
            return zip_failed(s, zip_error_code_zip(zip_get_error(s->zip)), "reading the archive");
        total = st.size > UINT64_MAX - total ? UINT64_MAX : total + st.size;
    }
    if (total > ODS_MAX_TOTAL_BYTES) {
        fail(s, BRIEFING_ERR_DATA, "the archive would expand to more than %u MiB: refused",
             ODS_MAX_TOTAL_BYTES / (1024u * 1024u));
        return s->failed;
    }
    /* The mimetype entry. */
    char mt[128];
    zip_int64_t got = -1;
    zip_file_t *f = zip_fopen(s->zip, "mimetype", 0);
    if (f) {
        got = zip_fread(f, mt, sizeof mt - 1);
        zip_fclose(f);
    }
    if (got < 0) {
        fail(s, BRIEFING_ERR_DATA, "no mimetype entry: not an OpenDocument spreadsheet (an .xlsx "
             "workbook? save it as .ods or its sheets as CSV)");
        return s->failed;
    }
    mt[got] = '\0';
    if (strcmp(mt, ODS_MIMETYPE) != 0) {
        fail(s, BRIEFING_ERR_DATA, "the mimetype is \"%.80s\", not \"%s\": not an ODS spreadsheet", mt,
             ODS_MIMETYPE);
        return s->failed;
    }
    /* content.xml, whose expansion is bounded before a byte is read. */
    if (zip_stat(s->zip, "content.xml", 0, &st) != 0) {
        fail(s, BRIEFING_ERR_DATA, "no content.xml in the archive");
        return s->failed;
    }
    if (st.size > ODS_MAX_CONTENT_BYTES) {
        fail(s, BRIEFING_ERR_DATA, "content.xml would expand to %llu bytes, more than %u MiB: refused",
             (unsigned long long)st.size, ODS_MAX_CONTENT_BYTES / (1024u * 1024u));
        return s->failed;
    }
    if (st.size > ODS_RATIO_FROM && (st.comp_size == 0 || st.size / st.comp_size > ODS_MAX_RATIO)) {
        fail(s, BRIEFING_ERR_DATA, "content.xml would expand %llu times (%llu bytes from %llu), more than "
             "%u: refused as a zip bomb",
             (unsigned long long)(st.comp_size ? st.size / st.comp_size : st.size),
             (unsigned long long)st.size, (unsigned long long)st.comp_size, ODS_MAX_RATIO);
        return s->failed;
    }
    s->content_size = st.size;
    if (!(s->content = zip_fopen(s->zip, "content.xml", 0)))
        return zip_failed(s, zip_error_code_zip(zip_get_error(s->zip)), "content.xml");
    return BRIEFING_OK;
}

static int start(ods_sheet *s, zip_source_t *src, const char *path)
{
    int ze = 0;
    zip_error_t e;
    zip_error_init(&e);
    if (src) {
        s->zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &e);
        ze = zip_error_code_zip(&e);
        if (!s->zip)
            zip_source_free(src);
    } else {
        s->zip = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    }
    zip_error_fini(&e);
    if (!s->zip) {
        if (ze == ZIP_ER_NOZIP || ze == ZIP_ER_INCONS)
            fail(s, BRIEFING_ERR_DATA, "not an ODS workbook: %s", ze == ZIP_ER_NOZIP ?
                 "not a zip archive, or a truncated one" : "a damaged zip archive");
        else if (zip_status(ze) == BRIEFING_ERR_DATA)
            zip_failed(s, ze, "not a readable workbook");
        else
            zip_failed(s, ze, "cannot read");
        return s->failed;
    }
    int rc = open_content(s);
    if (rc)
        return rc;
    parses++;
    s->xml = XML_ParserCreateNS(NULL, '|');
    if (!s->xml) {
        fail(s, BRIEFING_ERR_NOMEM, "out of memory");
        return s->failed;
    }
    XML_SetUserData(s->xml, s);
    XML_SetElementHandler(s->xml, on_start, on_end);
    XML_SetCharacterDataHandler(s->xml, on_text);
    XML_SetStartDoctypeDeclHandler(s->xml, on_doctype);
    XML_SetParamEntityParsing(s->xml, XML_PARAM_ENTITY_PARSING_NEVER);
    return BRIEFING_OK;
}

/* Feeds content.xml to expat for one step: the rest of a suspended parse,
 * or one more chunk.  Sets finished at the end of the file. */
static void step(ods_sheet *s)
{
    enum XML_Status st;
    if (s->suspended) {
        s->suspended = 0;
        st = XML_ResumeParser(s->xml);
    } else if (s->eof) {
        s->finished = 1;
        return;
    } else {
        void *b = XML_GetBuffer(s->xml, CHUNK);
        if (!b) {
            fail(s, BRIEFING_ERR_NOMEM, "out of memory");
            return;
        }
        zip_int64_t n = zip_fread(s->content, b, CHUNK);
        if (n < 0) {
            zip_failed(s, zip_error_code_zip(zip_file_get_error(s->content)), "reading content.xml");
            return;
        }
        s->read_bytes += (uint64_t)n;
        if (s->read_bytes > s->content_size || s->read_bytes > ODS_MAX_CONTENT_BYTES) {
            fail(s, BRIEFING_ERR_DATA, "content.xml is longer than the archive says: refused");
            return;
        }
        s->eof = n == 0;
        st = XML_ParseBuffer(s->xml, (int)n, s->eof);
    }
    if (st == XML_STATUS_SUSPENDED)
        s->suspended = 1;
    else if (st == XML_STATUS_ERROR && !s->failed && !s->finished)
        fail(s, BRIEFING_ERR_DATA, "content.xml, line %lu: %s (a damaged workbook?)",
             (unsigned long)XML_GetCurrentLineNumber(s->xml), XML_ErrorString(XML_GetErrorCode(s->xml)));
}

static ods_sheet *sheet_new(const char *file, const char *want, diag *d)
{
    ods_sheet *s = calloc(1, sizeof *s);
    if (s && (s->file = strdup(file)) && (!want || (s->want = strdup(want)))) {
        buf_init(&s->sheets_seen, 64 * 1024);
        diag_clear(&s->err);
        return s;
    }
    if (s) {
        free(s->file);
        free(s);
    }
    diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", file);
    return NULL;
}

void ods_close(ods_sheet *s)
{
    if (!s)
        return;
    if (s->from && --s->from->users == 0 && s->from->dropped)
        book_free(s->from); /* forgotten while this sheet was open */
    if (s->xml)
        XML_ParserFree(s->xml);
    if (s->content)
        zip_fclose(s->content);
    if (s->zip)
        zip_discard(s->zip);
    buf_free(&s->sheets_seen);
    free(s->file);
    free(s->want);
    free(s->sheet);
    free(s->text);
    free(s->cells);
    free(s);
}

/* Parses up to the start of the wanted sheet (whose start tag suspends
 * the parser). */
static int find_sheet(ods_sheet *s, diag *d)
{
    while (!s->failed && !s->finished && !s->sheet)
        step(s);
    if (!s->failed && !s->sheet)
        fail(s, BRIEFING_ERR_DATA, "no sheet \"%s\"; its sheets are %s", s->want ? s->want : "",
             s->n_sheets_seen ? s->sheets_seen.data : "none");
    if (s->failed)
        return diag_set(d, s->failed, "%s", s->err.text);
    return BRIEFING_OK;
}

/* ---- the books: parse once, serve many ------------------------------------------ */

static void book_free(ods_book *b)
{
    books_bytes -= b->bytes;
    free(b->path);
    free(b->names);
    free(b->text);
    free(b->cells);
    free(b->rows);
    free(b->sheets);
    free(b);
}

/* Drops b's rows (the file will be streamed). */
static void book_empty(ods_book *b)
{
    free(b->names);
    free(b->text);
    free(b->cells);
    free(b->rows);
    free(b->sheets);
    books_bytes -= b->bytes;
    b->bytes = 0;
    b->names = b->text = NULL;
    b->cells = NULL;
    b->rows = NULL;
    b->sheets = NULL;
    b->names_len = b->names_cap = b->text_len = b->text_cap = b->n_cells = b->cells_cap = 0;
    b->n_rows = b->rows_cap = b->n_sheets = b->sheets_cap = 0;
    b->whole = 0;
}

/* Takes b off the list; it is freed now, or when its last sheet closes. */
static void book_drop(ods_book *b)
{
    b->dropped = 1;
    b->next = NULL;
    if (b->users == 0)
        book_free(b);
}

void ods_forget(void)
{
    while (books) {
        ods_book *b = books;
        books = b->next;
        book_drop(b);
    }
}

size_t ods_cache_limit(size_t bytes)
{
    size_t old = books_limit;
    books_limit = bytes;
    return old;
}

unsigned long ods_parse_count(void) { return parses; }

static int book_is(const ods_book *b, const struct stat *st)
{
    return b->dev == st->st_dev && b->ino == st->st_ino && b->size == st->st_size &&
           b->mtime.tv_sec == st->st_mtim.tv_sec && b->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Parses the workbook at path whole into b; b->whole says whether it went
 * through (no error, within the limit, the file unchanged meanwhile). */
static void book_parse(ods_book *b, const char *path)
{
    ods_sheet *s = calloc(1, sizeof *s);
    if (!s || !(s->file = strdup(path))) {
        free(s);
        return;
    }
    buf_init(&s->sheets_seen, 64 * 1024);
    diag_clear(&s->err);
    s->mode = M_ALL;
    s->book = b;
    int rc = start(s, NULL, path);
    while (rc == BRIEFING_OK && !s->failed && !s->finished)
        step(s);
    struct stat st;
    b->whole = rc == BRIEFING_OK && !s->failed && stat(path, &st) == 0 && book_is(b, &st);
    ods_close(s);
    if (!b->whole)
        book_empty(b);
}

/* The book of the workbook at path, parsed now if the file is new or has
 * changed; NULL when it cannot be kept (the caller streams the file, which
 * says why when it cannot be read). */
static ods_book *book_for(const char *path)
{
    struct stat st;
    if (books_limit == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    for (ods_book **p = &books; *p;) {
        ods_book *b = *p;
        if (book_is(b, &st))
            return b->whole ? b : NULL;
        if (strcmp(b->path, path) == 0) { /* the file changed: its old book goes */
            *p = b->next;
            book_drop(b);
        } else {
            p = &b->next;
        }
    }
    ods_book *b = calloc(1, sizeof *b);
    if (!b || !(b->path = strdup(path))) {
        free(b);
        return NULL;
    }
    b->dev = st.st_dev;
    b->ino = st.st_ino;
    b->size = st.st_size;
    b->mtime = st.st_mtim;
    book_parse(b, path);
    b->next = books;
    books = b;
    return b->whole ? b : NULL;
}

/* Opens sheet `want` (NULL: the first) of book b, before its first row, as
 * find_sheet would. */
static int book_open(ods_book *b, const char *path, const char *want, ods_sheet **out, diag *d)
{
    ods_sheet *s = sheet_new(path, want, d);
    if (!s)
        return BRIEFING_ERR_NOMEM;
    s->mode = M_READ;
    s->from = b;
    b->users++;
    for (size_t i = 0; i < b->n_sheets; i++) {
        const char *name = b->names + b->sheets[i].name;
        buf_printf(&s->sheets_seen, "%s\"%s\"", s->n_sheets_seen ? ", " : "", name);
        s->n_sheets_seen++;
        if (!want || strcmp(name, want) == 0) {
            if (!(s->sheet = strdup(name))) {
                ods_close(s);
                return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
            }
            s->next_row = 1;
            s->from_next = b->sheets[i].first;
            s->from_end = b->sheets[i].first + b->sheets[i].n;
            *out = s;
            return BRIEFING_OK;
        }
    }
    fail(s, BRIEFING_ERR_DATA, "no sheet \"%s\"; its sheets are %s", want ? want : "",
         s->n_sheets_seen ? s->sheets_seen.data : "none");
    int rc = diag_set(d, s->failed, "%s", s->err.text);
    ods_close(s);
    return rc;
}

/* ods_next's step for a sheet served from its book: the next kept row. */
static int book_next(ods_sheet *s)
{
    if (s->from_next >= s->from_end) {
        s->finished = 1;
        return 0;
    }
    const book_row *r = &s->from->rows[s->from_next++];
    s->row = r->row;
    s->hidden = r->hidden;
    s->repeats_left = r->repeat - 1;
    s->n_cells = r->n_cells;
    s->from_text = s->from->text + r->text;
    s->from_cells = s->from->cells + r->cells;
    s->ready = 1;
    return 1;
}

static int open_any(const char *name, const void *data, size_t len, const char *sheet, ods_sheet **out,
                    diag *d)
{
    *out = NULL;
    ods_sheet *s = sheet_new(name, sheet, d);
    if (!s)
        return BRIEFING_ERR_NOMEM;
    s->mode = M_READ;
    zip_source_t *src = NULL;
    if (data) {
        zip_error_t e;
        zip_error_init(&e);
        src = zip_source_buffer_create(data, len, 0, &e);
        zip_error_fini(&e);
        if (!src) {
            ods_close(s);
            return diag_set(d, BRIEFING_ERR_NOMEM, "%s: out of memory", name);
        }
    }
    int rc = start(s, src, name);
    if (rc == BRIEFING_OK)
        rc = find_sheet(s, d);
    else
        diag_set(d, rc, "%s", s->err.text);
    if (rc) {
        ods_close(s);
        return rc;
    }
    *out = s;
    return BRIEFING_OK;
}

int ods_open(const char *path, const char *sheet, ods_sheet **out, diag *d)
{
    ods_book *b = book_for(path);
    if (b) {
        *out = NULL;
        return book_open(b, path, sheet, out, d);
    }
    return open_any(path, NULL, 0, sheet, out, d);
}

int ods_open_memory(const char *name, const void *data, size_t len, const char *sheet, ods_sheet **out,
                    diag *d)
{
    return open_any(name, data ? data : "", len, sheet, out, d);
}

int ods_sheet_names(const char *path, int (*each)(void *arg, const char *name), void *arg, diag *d)
{
    const ods_book *b = book_for(path);
    if (b) {
        const char *name = b->names;
        for (size_t i = 0; i < b->n_sheets; i++, name += strlen(name) + 1) {
            int rc = each(arg, name);
            if (rc)
                return rc;
        }
        return BRIEFING_OK;
    }
    ods_sheet *s = sheet_new(path, NULL, d);
    if (!s)
        return BRIEFING_ERR_NOMEM;
    s->mode = M_LIST;
    s->each = each;
    s->each_arg = arg;
    int rc = start(s, NULL, path);
    while (rc == BRIEFING_OK && !s->failed && !s->finished)
        step(s);
    if (s->failed)
        rc = diag_set(d, s->failed, "%s", s->err.text);
    else
        rc = s->each_rc;
    ods_close(s);
    return rc;
}

int ods_next(ods_sheet *s, diag *d)
{
    if (s->failed)
        return diag_set(d, s->failed, "%s", s->err.text);
    if (s->repeats_left > 0) { /* the same row again, one further down */
        s->repeats_left--;
        if (++s->row > ODS_MAX_ROWS) {
            s->next_row = s->row;
            fail(s, BRIEFING_ERR_DATA, "a value below row %u", ODS_MAX_ROWS);
            return diag_set(d, s->failed, "%s", s->err.text);
        }
        return 1;
    }
    s->ready = 0;
    s->n_cells = 0;
    if (s->from)
        return book_next(s);
    while (!s->failed && !s->finished && !s->ready)
        step(s);
    if (s->failed)
        return diag_set(d, s->failed, "%s", s->err.text);
    return s->ready;
}

size_t ods_cells(const ods_sheet *s) { return s->ready ? s->n_cells : 0; }

const char *ods_cell(const ods_sheet *s, size_t col)
{
    if (!s->ready || col >= s->n_cells)
        return "";
    if (s->from)
        return s->from_text + s->from_cells[col];
    return s->text + s->cells[col];
}

size_t ods_row(const ods_sheet *s) { return s->row; }
int ods_hidden(const ods_sheet *s) { return s->ready && s->hidden; }
const char *ods_file(const ods_sheet *s) { return s->file; }
const char *ods_sheet_name(const ods_sheet *s) { return s->sheet ? s->sheet : ""; }

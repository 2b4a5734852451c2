/*
 * layout.c: the document model.  Every briefing_layout_api function copies
 * what it is given into a block at the end of the document; nothing is
 * measured or placed until layout_write (layout_flow.c).
 */
#include "layout_impl.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/status.h>

#include "date.h"
#include "labels.h"
#include "utf8.h"

static layout_rgb layout_hex(unsigned v)
{
    layout_rgb c = {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
    return c;
}

void layout_config_defaults(layout_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->page_width_mm = 210;
    cfg->page_height_mm = 297;
    cfg->margin_top_mm = cfg->margin_right_mm = cfg->margin_bottom_mm = cfg->margin_left_mm = 20;
    cfg->font_family = "Liberation Sans";
    cfg->fallback_family = "DejaVu Sans";
    cfg->body_size_pt = 10;
    cfg->tagged = 1;
    cfg->colours.text = layout_hex(0x0b0c0c);
    cfg->colours.secondary = layout_hex(0x505a5f);
    cfg->colours.panel = layout_hex(0xf3f2f1);
    cfg->colours.accent = layout_hex(0x1d70b8);
    cfg->colours.rule = layout_hex(0x505a5f);
    cfg->colours.outstanding = layout_hex(0x00703c);
    cfg->colours.good = layout_hex(0x85994b);
    cfg->colours.requires_improvement = layout_hex(0xf47738);
    cfg->colours.inadequate = layout_hex(0xd4351c);
    cfg->colours.no_judgement = layout_hex(0xb1b4b6);
    cfg->colours.england = layout_hex(0x0b0c0c);
    cfg->colours.comparator = layout_hex(0x505a5f);
    cfg->colours.council = layout_hex(0x1d70b8);
    /* Marks 4:1 or more against the page and the panels (contrast.c):
     * the fills of Good, Requires improvement and no judgement are not. */
    cfg->colours.outstanding_mark = layout_hex(0x00703c);
    cfg->colours.good_mark = layout_hex(0x6b7a3c);
    cfg->colours.requires_improvement_mark = layout_hex(0xb85a1e);
    cfg->colours.inadequate_mark = layout_hex(0xd4351c);
    cfg->colours.no_judgement_mark = layout_hex(0x6f777b);
    cfg->source_date_epoch = -1;
}

int layout_parse_colour(const char *text, layout_rgb *c)
{
    unsigned v = 0;
    int i;

    if (text == NULL || text[0] != '#' || strlen(text) != 7)
        return 0;
    for (i = 1; i < 7; i++) {
        if (!isxdigit((unsigned char)text[i]))
            return 0;
        v = v * 16 + (unsigned)(isdigit((unsigned char)text[i]) ? text[i] - '0'
                                                                 : tolower((unsigned char)text[i]) - 'a' + 10);
    }
    *c = layout_hex(v);
    return 1;
}

/* Records an API error on the document and returns its status. */
static int layout_fail(briefing_doc *doc, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int layout_fail(briefing_doc *doc, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vset(&doc->err, status, fmt, ap);
    va_end(ap);
    /* Whoever ignores this failure, the document is not saved with a
     * piece missing. */
    if (status == BRIEFING_ERR_NOMEM)
        doc->nomem = 1;
    return status;
}

briefing_doc *layout_doc_new(const layout_config *cfg, diag *d)
{
    briefing_doc *doc = calloc(1, sizeof *doc);

    if (doc == NULL) {
        diag_set(d, BRIEFING_ERR_NOMEM, "layout: out of memory");
        return NULL;
    }
    doc->cfg = *cfg;
    if (doc->cfg.font_family == NULL || doc->cfg.font_family[0] == '\0')
        doc->cfg.font_family = "Liberation Sans";
    if (doc->cfg.fallback_family == NULL || doc->cfg.fallback_family[0] == '\0')
        doc->cfg.fallback_family = doc->cfg.font_family;
    if (doc->cfg.body_size_pt < 6 || doc->cfg.body_size_pt > 16)
        doc->cfg.body_size_pt = 10;
    if (doc->cfg.page_width_mm < 100 || doc->cfg.page_height_mm < 100 ||
        doc->cfg.margin_left_mm < 0 || doc->cfg.margin_right_mm < 0 ||
        doc->cfg.margin_top_mm < 0 || doc->cfg.margin_bottom_mm < 0 ||
        doc->cfg.page_width_mm - doc->cfg.margin_left_mm - doc->cfg.margin_right_mm < 60 ||
        doc->cfg.page_height_mm - doc->cfg.margin_top_mm - doc->cfg.margin_bottom_mm < 80) {
        diag_set(d, BRIEFING_ERR_CONFIG,
                 "page: %g x %g mm with margins %g/%g/%g/%g mm leaves too little room "
                 "(expected a text area of at least 60 x 80 mm)",
                 cfg->page_width_mm, cfg->page_height_mm, cfg->margin_top_mm,
                 cfg->margin_right_mm, cfg->margin_bottom_mm, cfg->margin_left_mm);
        free(doc);
        return NULL;
    }
    /* The regular faces of both families now, so that a family that is not
     * installed is an error whatever the text; the other styles when a
     * text first uses them (layout_face_fc). */
    if (fonts_find(doc->cfg.font_family, 0, 0, &doc->faces[LAYOUT_REGULAR].fc, d) != BRIEFING_OK ||
        fonts_find(doc->cfg.fallback_family, 0, 0, &doc->faces[LAYOUT_FALLBACK].fc, d) !=
            BRIEFING_OK) {
        layout_doc_free(doc);
        return NULL;
    }
    return doc;
}

const diag *layout_error(const briefing_doc *doc)
{
    return &doc->err;
}

int layout_page_count(const briefing_doc *doc)
{
    return doc->pages;
}

void layout_rich_free(layout_rich *r)
{
    size_t i;

    for (i = 0; i < r->n_runs; i++)
        free(r->runs[i].url);
    free(r->runs);
    free(r->text);
    free(r->brks);
    layout_bidi_free(r);
    memset(r, 0, sizeof *r);
}

/* Copies s, checked and tidied, to the end of r: line ends become "\n",
 * tabs and other control characters a space, so the breaker and the fonts
 * see only printable text and line feeds. */
static int layout_rich_append(briefing_doc *doc, layout_rich *r, const char *s, int style,
                              const char *url, const char *what)
{
    size_t len = s ? strlen(s) : 0, bad, i, o, ulen = url ? strlen(url) : 0;
    layout_run *runs;
    char *text;

    if (len == 0)
        return BRIEFING_OK;
    if (!utf8_valid(s, len, &bad))
        return layout_fail(doc, BRIEFING_ERR_DATA, "%s: text is not valid UTF-8 (byte %zu)",
                           what, bad);
    if (url && !utf8_valid(url, ulen, &bad))
        return layout_fail(doc, BRIEFING_ERR_DATA, "%s: link is not valid UTF-8 (byte %zu)",
                           what, bad);
    if (r->len + len > LAYOUT_MAX_TEXT)
        return layout_fail(doc, BRIEFING_ERR_DATA,
                           "%s: text of %zu bytes is longer than the %u bytes a paragraph may hold",
                           what, r->len + len, LAYOUT_MAX_TEXT);
    if (doc->bytes + len + ulen > LAYOUT_MAX_DOC_BYTES)
        return layout_fail(doc, BRIEFING_ERR_DATA,
                           "%s: the document would hold more than %u bytes of text", what,
                           LAYOUT_MAX_DOC_BYTES);
    if (r->n_runs >= LAYOUT_MAX_RUNS)
        return layout_fail(doc, BRIEFING_ERR_DATA, "%s: more than %d runs in one paragraph",
                           what, LAYOUT_MAX_RUNS);
    free(r->brks); /* the text changes */
    r->brks = NULL;
    if (r->bidi_done)
        layout_bidi_free(r);
    text = realloc(r->text, r->len + len + 1);
    if (text == NULL)
        return layout_fail(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
    r->text = text;
    runs = realloc(r->runs, (r->n_runs + 1) * sizeof *runs);
    if (runs == NULL)
        return layout_fail(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
    r->runs = runs;
    runs[r->n_runs].start = r->len;
    runs[r->n_runs].style = style;
    runs[r->n_runs].url = NULL;
    if (url && (runs[r->n_runs].url = strdup(url)) == NULL)
        return layout_fail(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
    r->n_runs++;
    for (i = 0, o = r->len; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\r') {
            text[o++] = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else if (c == '\n') {
            text[o++] = '\n';
        } else if (c < 0x20 || c == 0x7f) {
            text[o++] = ' ';
        } else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9f) {
            text[o++] = ' '; /* a C1 control character */
            i++;
        } else {
            text[o++] = (char)c;
        }
    }
    text[o] = '\0';
    doc->bytes += (o - r->len) + ulen;
    r->len = o;
    return BRIEFING_OK;
}

int layout_rich_set(briefing_doc *doc, layout_rich *r, const char *s, int style, const char *what)
{
    return layout_rich_append(doc, r, s, style, NULL, what);
}

/* The next block, zeroed; NULL with doc->err set past the limit. */
static layout_block *layout_add(briefing_doc *doc, layout_kind kind, const char *what)
{
    layout_block *b;

    if (doc->open_table != NULL) {
        layout_fail(doc, BRIEFING_ERR_INTERNAL, "%s: a table is still open (call table_end first)",
                    what);
        return NULL;
    }
    if (doc->n_blocks >= LAYOUT_MAX_BLOCKS) {
        layout_fail(doc, BRIEFING_ERR_DATA, "%s: the document would hold more than %d blocks", what,
                    LAYOUT_MAX_BLOCKS);
        return NULL;
    }
    if (doc->n_blocks == doc->cap_blocks) {
        size_t cap = doc->cap_blocks ? doc->cap_blocks * 2 : 64;
        layout_block *p = realloc(doc->blocks, cap * sizeof *p);

        if (p == NULL) {
            layout_fail(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what);
            return NULL;
        }
        doc->blocks = p;
        doc->cap_blocks = cap;
    }
    b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

/* Drops the last block after a failed append. */
static int layout_drop(briefing_doc *doc, int status);

static int layout_check_judgement(briefing_doc *doc, briefing_judgement j, const char *what)
{
    if ((int)j < BRIEFING_JUDGEMENT_NONE || j > BRIEFING_JUDGEMENT_INADEQUATE)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "%s: unknown judgement %d", what, (int)j);
    return BRIEFING_OK;
}

static int layout_api_cover(briefing_doc *doc, const briefing_cover *cover)
{
    layout_block *b;
    layout_cover *c;
    int st;

    if (cover == NULL)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "cover: no cover given");
    if ((b = layout_add(doc, LAYOUT_COVER, "cover")) == NULL)
        return doc->err.status;
    if ((c = b->cover = calloc(1, sizeof *c)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "cover: out of memory"));
    if ((st = layout_rich_set(doc, &c->title, cover->title, LAYOUT_BOLD, "cover: title")) ||
        (st = layout_rich_set(doc, &c->subtitle, cover->subtitle, LAYOUT_REGULAR, "cover: subtitle")) ||
        (st = layout_rich_set(doc, &c->council, cover->council, LAYOUT_BOLD, "cover: council")) ||
        (st = layout_rich_set(doc, &c->as_of, cover->as_of, LAYOUT_REGULAR, "cover: as of")) ||
        (st = layout_rich_set(doc, &c->marking, cover->marking, LAYOUT_BOLD, "cover: marking")) ||
        (st = layout_rich_set(doc, &c->note, cover->note, LAYOUT_REGULAR, "cover: note")))
        return layout_drop(doc, st);
    if (cover->logo && (c->logo = strdup(cover->logo)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "cover: out of memory"));
    return BRIEFING_OK;
}

static int layout_api_heading(briefing_doc *doc, int level, const char *text)
{
    layout_block *b;
    int st;

    if (level < 1 || level > 3)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "heading: level %d (expected 1, 2 or 3)",
                           level);
    if ((b = layout_add(doc, LAYOUT_HEADING, "heading")) == NULL)
        return doc->err.status;
    b->level = level;
    if ((st = layout_rich_set(doc, &b->text, text, LAYOUT_BOLD, "heading")) != BRIEFING_OK)
        return layout_drop(doc, st);
    return BRIEFING_OK;
}

/* A block of rich text made of runs. */
static int layout_add_runs(briefing_doc *doc, layout_kind kind, const briefing_run *runs,
                           size_t n, const char *what)
{
    layout_block *b;
    size_t i;
    int st;

    if (runs == NULL && n > 0)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "%s: no runs given", what);
    if (n > LAYOUT_MAX_RUNS)
        return layout_fail(doc, BRIEFING_ERR_DATA, "%s: %zu runs (at most %d)", what, n,
                           LAYOUT_MAX_RUNS);
    if ((b = layout_add(doc, kind, what)) == NULL)
        return doc->err.status;
    for (i = 0; i < n; i++) {
        int style = (runs[i].bold ? LAYOUT_BOLD : 0) | (runs[i].italic ? LAYOUT_ITALIC : 0);

        st = layout_rich_append(doc, &b->text, runs[i].text, style,
                                runs[i].url && runs[i].url[0] ? runs[i].url : NULL, what);
        if (st != BRIEFING_OK)
            return layout_drop(doc, st);
    }
    return BRIEFING_OK;
}

static int layout_add_text(briefing_doc *doc, layout_kind kind, const char *text, const char *what)
{
    briefing_run run = {.size = sizeof run, .text = text};

    return layout_add_runs(doc, kind, &run, 1, what);
}

static int layout_api_paragraph(briefing_doc *doc, const char *text)
{
    return layout_add_text(doc, LAYOUT_PARAGRAPH, text, "paragraph");
}

static int layout_api_paragraph_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return layout_add_runs(doc, LAYOUT_PARAGRAPH, runs, n, "paragraph");
}

static int layout_api_reference_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    int st = layout_add_runs(doc, LAYOUT_PARAGRAPH, runs, n, "reference");

    if (st == BRIEFING_OK)
        doc->blocks[doc->n_blocks - 1].reference = 1;
    return st;
}

static int layout_api_note(briefing_doc *doc, const char *text)
{
    return layout_add_text(doc, LAYOUT_NOTE, text, "note");
}

static int layout_api_bullet(briefing_doc *doc, const char *text)
{
    return layout_add_text(doc, LAYOUT_BULLET, text, "bullet");
}

static int layout_api_bullet_runs(briefing_doc *doc, const briefing_run *runs, size_t n)
{
    return layout_add_runs(doc, LAYOUT_BULLET, runs, n, "bullet");
}

static int layout_api_facts(briefing_doc *doc, const briefing_fact *facts, size_t n)
{
    layout_block *b;
    size_t i;
    int st;

    if (facts == NULL || n == 0 || n > LAYOUT_MAX_FACTS)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "facts: %zu facts (expected 1 to %d)", n,
                           LAYOUT_MAX_FACTS);
    for (i = 0; i < n; i++)
        if ((st = layout_check_judgement(doc, facts[i].badge, "facts")) != BRIEFING_OK)
            return st;
    if ((b = layout_add(doc, LAYOUT_FACTS, "facts")) == NULL)
        return doc->err.status;
    if ((b->facts = calloc(n, sizeof *b->facts)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "facts: out of memory"));
    b->n_facts = n;
    for (i = 0; i < n; i++) {
        layout_fact *f = &b->facts[i];

        f->badge = facts[i].badge;
        if ((st = layout_rich_set(doc, &f->label, facts[i].label, LAYOUT_REGULAR, "facts: label")) ||
            (st = layout_rich_set(doc, &f->value,
                                  facts[i].value ? facts[i].value
                                  : f->badge ? labels_judgement(f->badge) : NULL,
                                  LAYOUT_BOLD, "facts: value")) ||
            (st = layout_rich_set(doc, &f->detail, facts[i].detail, LAYOUT_REGULAR,
                                  "facts: detail")))
            return layout_drop(doc, st);
    }
    return BRIEFING_OK;
}

static int layout_api_badge(briefing_doc *doc, briefing_judgement j, const char *text)
{
    layout_block *b;
    int st;

    if ((st = layout_check_judgement(doc, j, "badge")) != BRIEFING_OK)
        return st;
    if ((b = layout_add(doc, LAYOUT_BADGE, "badge")) == NULL)
        return doc->err.status;
    b->badge = j;
    if ((st = layout_rich_set(doc, &b->text, text, LAYOUT_REGULAR, "badge")) != BRIEFING_OK)
        return layout_drop(doc, st);
    return BRIEFING_OK;
}

static void layout_table_free(briefing_table *t)
{
    size_t i;

    if (t == NULL)
        return;
    layout_rich_free(&t->caption);
    for (i = 0; i < t->n_cols; i++) {
        layout_rich_free(&t->cols[i].title);
        free(t->cols[i].lines);
    }
    for (i = 0; i < t->n_rows * t->n_cols; i++) {
        layout_rich_free(&t->cells[i].text);
        free(t->cells[i].lines);
    }
    free(t->cols);
    free(t->cells);
    free(t->row_lines);
    free(t->cap_lines);
    layout_rich_free(&t->cont);
    free(t->cont_lines);
    free(t);
}

static briefing_table *layout_api_table_begin(briefing_doc *doc, const char *caption,
                                              const briefing_column *cols, size_t n_cols)
{
    layout_block *b;
    briefing_table *t;
    size_t i;

    if (cols == NULL || n_cols == 0 || n_cols > LAYOUT_MAX_COLS) {
        layout_fail(doc, BRIEFING_ERR_INTERNAL, "table: %zu columns (expected 1 to %d)", n_cols,
                    LAYOUT_MAX_COLS);
        return NULL;
    }
    for (i = 0; i < n_cols; i++)
        if (!(cols[i].width_mm >= 0 && cols[i].width_mm <= 1000) ||
            (int)cols[i].align < BRIEFING_ALIGN_LEFT || cols[i].align > BRIEFING_ALIGN_CENTRE) {
            layout_fail(doc, BRIEFING_ERR_INTERNAL,
                        "table: column %zu: width %g mm or alignment %d out of range", i + 1,
                        cols[i].width_mm, (int)cols[i].align);
            return NULL;
        }
    if ((b = layout_add(doc, LAYOUT_TABLE, "table")) == NULL)
        return NULL;
    t = calloc(1, sizeof *t);
    if (t == NULL || (t->cols = calloc(n_cols, sizeof *t->cols)) == NULL) {
        free(t);
        layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "table: out of memory"));
        return NULL;
    }
    b->table = t;
    t->doc = doc;
    t->block = doc->n_blocks - 1;
    t->n_cols = n_cols;
    if (layout_rich_set(doc, &t->caption, caption, LAYOUT_BOLD, "table: caption") != BRIEFING_OK) {
        layout_drop(doc, doc->err.status);
        return NULL;
    }
    for (i = 0; i < n_cols; i++) {
        t->cols[i].width_mm = cols[i].width_mm;
        t->cols[i].align = cols[i].align;
        t->cols[i].row_header = cols[i].row_header != 0;
        if (layout_rich_set(doc, &t->cols[i].title, cols[i].title, LAYOUT_BOLD,
                            "table: column title") != BRIEFING_OK) {
            layout_drop(doc, doc->err.status);
            return NULL;
        }
    }
    doc->open_table = t;
    return t;
}

/* Appends one row; texts[i] / badges[i] / bold[i] describe cell i. */
static int layout_table_add_row(briefing_table *t, const char *const *texts,
                                const briefing_cell *cells)
{
    briefing_doc *doc;
    layout_cell *row;
    size_t i;
    int st;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    doc = t->doc;
    if (t->ended || doc->open_table != t)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "table_row: the table has ended");
    if (texts == NULL && cells == NULL)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "table_row: no cells given");
    if (t->n_rows >= LAYOUT_MAX_ROWS)
        return layout_fail(doc, BRIEFING_ERR_DATA, "table_row: more than %d rows in one table",
                           LAYOUT_MAX_ROWS);
    if (cells)
        for (i = 0; i < t->n_cols; i++)
            if ((st = layout_check_judgement(doc, cells[i].badge, "table_row_cells")) != BRIEFING_OK)
                return st;
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        layout_cell *p = realloc(t->cells, cap * t->n_cols * sizeof *p);

        if (p == NULL)
            return layout_fail(doc, BRIEFING_ERR_NOMEM, "table_row: out of memory");
        t->cells = p;
        t->cap_rows = cap;
    }
    row = &t->cells[t->n_rows * t->n_cols];
    memset(row, 0, t->n_cols * sizeof *row);
    t->n_rows++;
    for (i = 0; i < t->n_cols; i++) {
        const char *text = texts ? texts[i] : cells[i].text;

        row[i].badge = cells ? cells[i].badge : BRIEFING_JUDGEMENT_NONE;
        if (row[i].badge != BRIEFING_JUDGEMENT_NONE && (text == NULL || text[0] == '\0'))
            text = labels_judgement(row[i].badge);
        st = layout_rich_set(doc, &row[i].text, text,
                             cells && cells[i].bold ? LAYOUT_BOLD : LAYOUT_REGULAR, "table_row");
        if (st != BRIEFING_OK) {
            for (i = 0; i < t->n_cols; i++)
                layout_rich_free(&row[i].text);
            t->n_rows--;
            return st;
        }
    }
    return BRIEFING_OK;
}

static int layout_api_table_row(briefing_table *t, const char *const *cells)
{
    return layout_table_add_row(t, cells, NULL);
}

static int layout_api_table_row_cells(briefing_table *t, const briefing_cell *cells)
{
    return layout_table_add_row(t, NULL, cells);
}

static int layout_api_table_row_sparks(briefing_table *t, const char *const *cells,
                                       const briefing_spark *sparks)
{
    layout_cell *row;
    size_t i, k;
    int st;

    if (t != NULL && sparks == NULL)
        return layout_fail(t->doc, BRIEFING_ERR_INTERNAL, "table_row_sparks: no sparks given");
    for (i = 0; t != NULL && i < t->n_cols; i++)
        if (sparks[i].n > 0 && sparks[i].y == NULL)
            return layout_fail(t->doc, BRIEFING_ERR_INTERNAL, "table_row_sparks: cell %zu has no values",
                               i + 1);
    if ((st = layout_table_add_row(t, cells, NULL)) != BRIEFING_OK)
        return st;
    row = &t->cells[(t->n_rows - 1) * t->n_cols];
    for (i = 0; i < t->n_cols; i++) {
        size_t n = sparks[i].n, skip = n > LAYOUT_SPARK_MAX ? n - LAYOUT_SPARK_MAX : 0;

        if (n < 2)
            continue;
        for (k = skip; k < n; k++)
            row[i].spark[k - skip] = sparks[i].y[k];
        row[i].n_spark = n - skip;
    }
    return BRIEFING_OK;
}

static int layout_api_table_end(briefing_table *t)
{
    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    if (t->ended || t->doc->open_table != t)
        return layout_fail(t->doc, BRIEFING_ERR_INTERNAL, "table_end: the table has ended");
    t->ended = 1;
    t->doc->open_table = NULL;
    return BRIEFING_OK;
}

static layout_block *layout_add_chart(briefing_doc *doc, layout_kind kind, const char *title,
                                      const char *note, const char *alt, const char *what)
{
    layout_block *b = layout_add(doc, kind, what);

    if (b == NULL)
        return NULL;
    if ((b->chart = calloc(1, sizeof *b->chart)) == NULL) {
        layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "%s: out of memory", what));
        return NULL;
    }
    if (layout_rich_set(doc, &b->chart->title, title, LAYOUT_BOLD, what) != BRIEFING_OK ||
        layout_rich_set(doc, &b->chart->source_note, note, LAYOUT_REGULAR, what) != BRIEFING_OK ||
        layout_rich_set(doc, &b->chart->alt, alt, LAYOUT_REGULAR, what) != BRIEFING_OK) {
        layout_drop(doc, doc->err.status);
        return NULL;
    }
    return b;
}

static int layout_api_line_chart(briefing_doc *doc, const briefing_line_chart *chart)
{
    layout_block *b;
    layout_chart *c;
    size_t i, j;
    int st;

    if (chart == NULL || (chart->series == NULL && chart->n_series > 0))
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "line_chart: no chart given");
    if (chart->n_series > LAYOUT_MAX_SERIES)
        return layout_fail(doc, BRIEFING_ERR_DATA, "line_chart: %zu series (at most %d)",
                           chart->n_series, LAYOUT_MAX_SERIES);
    for (i = 0; i < chart->n_series; i++) {
        const briefing_series *s = &chart->series[i];

        if (s->n > LAYOUT_MAX_POINTS || (s->n > 0 && (s->x == NULL || s->y == NULL)))
            return layout_fail(doc, BRIEFING_ERR_DATA,
                               "line_chart: series %zu: %zu points (at most %d, with x and y)",
                               i + 1, s->n, LAYOUT_MAX_POINTS);
        if ((int)s->style < BRIEFING_SERIES_COUNCIL || s->style > BRIEFING_SERIES_OTHER)
            return layout_fail(doc, BRIEFING_ERR_INTERNAL, "line_chart: series %zu: style %d",
                               i + 1, (int)s->style);
    }
    if (!(chart->height_mm >= 0 && chart->height_mm <= 200))
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "line_chart: height %g mm (0 to 200)",
                           chart->height_mm);
    if ((b = layout_add_chart(doc, LAYOUT_LINE_CHART, chart->title, chart->source_note, chart->alt,
                              "line_chart")) == NULL)
        return doc->err.status;
    c = b->chart;
    c->height_mm = chart->height_mm;
    if ((st = layout_rich_set(doc, &c->y_label, chart->y_label, LAYOUT_REGULAR, "line_chart")))
        return layout_drop(doc, st);
    if (chart->n_series && (c->series = calloc(chart->n_series, sizeof *c->series)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "line_chart: out of memory"));
    c->n_series = chart->n_series;
    for (i = 0; i < chart->n_series; i++) {
        const briefing_series *s = &chart->series[i];
        layout_series *o = &c->series[i];

        o->style = s->style;
        if ((st = layout_rich_set(doc, &o->name, s->name, LAYOUT_REGULAR, "line_chart: series")))
            return layout_drop(doc, st);
        if (s->n == 0)
            continue;
        o->x = malloc(s->n * sizeof *o->x);
        o->y = malloc(s->n * sizeof *o->y);
        if (o->x == NULL || o->y == NULL)
            return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "line_chart: out of memory"));
        o->n = s->n;
        for (j = 0; j < s->n; j++) {
            o->x[j] = layout_date_ok(s->x[j]) ? layout_date_years(s->x[j]) : NAN;
            o->y[j] = isfinite(s->y[j]) ? s->y[j] : NAN;
        }
    }
    return BRIEFING_OK;
}

static int layout_api_timeline(briefing_doc *doc, const briefing_timeline *chart)
{
    layout_block *b;
    layout_chart *c;
    size_t i;
    int st;

    if (chart == NULL || (chart->bars == NULL && chart->n_bars > 0))
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "timeline: no chart given");
    if (chart->n_bars > LAYOUT_MAX_BARS)
        return layout_fail(doc, BRIEFING_ERR_DATA, "timeline: %zu bars (at most %d)", chart->n_bars,
                           LAYOUT_MAX_BARS);
    if ((b = layout_add_chart(doc, LAYOUT_TIMELINE, chart->title, chart->source_note, chart->alt,
                              "timeline")) == NULL)
        return doc->err.status;
    c = b->chart;
    if ((st = layout_rich_set(doc, &c->legend_solid, chart->legend_solid, LAYOUT_REGULAR,
                              "timeline: legend")) ||
        (st = layout_rich_set(doc, &c->legend_tentative, chart->legend_tentative, LAYOUT_REGULAR,
                              "timeline: legend")))
        return layout_drop(doc, st);
    if (chart->n_bars && (c->bars = calloc(chart->n_bars, sizeof *c->bars)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "timeline: out of memory"));
    c->n_bars = chart->n_bars;
    for (i = 0; i < chart->n_bars; i++) {
        const briefing_bar *s = &chart->bars[i];
        layout_bar *o = &c->bars[i];

        o->start = s->start;
        o->end = s->end;
        o->tentative = s->tentative != 0;
        if ((st = layout_rich_set(doc, &o->lane, s->lane, LAYOUT_REGULAR, "timeline: lane")) ||
            (st = layout_rich_set(doc, &o->label, s->label, LAYOUT_REGULAR, "timeline: label")))
            return layout_drop(doc, st);
    }
    return BRIEFING_OK;
}

static int layout_api_judgement_chart(briefing_doc *doc, const briefing_judgement_chart *chart)
{
    layout_block *b;
    layout_chart *c;
    size_t i;
    int st;

    if (chart == NULL || (chart->marks == NULL && chart->n_marks > 0))
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "judgement_chart: no chart given");
    if (chart->n_marks > LAYOUT_MAX_MARKS)
        return layout_fail(doc, BRIEFING_ERR_DATA, "judgement_chart: %zu marks (at most %d)",
                           chart->n_marks, LAYOUT_MAX_MARKS);
    for (i = 0; i < chart->n_marks; i++)
        if ((st = layout_check_judgement(doc, chart->marks[i].judgement, "judgement_chart")))
            return st;
    if ((b = layout_add_chart(doc, LAYOUT_JUDGEMENTS, chart->title, chart->source_note, chart->alt,
                              "judgement_chart")) == NULL)
        return doc->err.status;
    c = b->chart;
    if (chart->n_marks && (c->marks = calloc(chart->n_marks, sizeof *c->marks)) == NULL)
        return layout_drop(doc, layout_fail(doc, BRIEFING_ERR_NOMEM, "judgement_chart: out of memory"));
    c->n_marks = chart->n_marks;
    for (i = 0; i < chart->n_marks; i++) {
        c->marks[i].date = chart->marks[i].date;
        c->marks[i].judgement = chart->marks[i].judgement;
        if ((st = layout_rich_set(doc, &c->marks[i].label, chart->marks[i].label, LAYOUT_REGULAR,
                                  "judgement_chart: label")))
            return layout_drop(doc, st);
    }
    return BRIEFING_OK;
}

static int layout_api_space(briefing_doc *doc, double mm)
{
    layout_block *b;

    if (!(mm >= 0 && mm <= 300))
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "space: %g mm (expected 0 to 300)", mm);
    if ((b = layout_add(doc, LAYOUT_SPACE, "space")) == NULL)
        return doc->err.status;
    b->mm = mm;
    return BRIEFING_OK;
}

static int layout_api_page_break(briefing_doc *doc)
{
    return layout_add(doc, LAYOUT_PAGE_BREAK, "page_break") ? BRIEFING_OK : doc->err.status;
}

static int layout_api_keep_together(briefing_doc *doc, int begin)
{
    if (begin && doc->keep_open)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "keep_together: already keeping together");
    if (!begin && !doc->keep_open)
        return layout_fail(doc, BRIEFING_ERR_INTERNAL, "keep_together: nothing to end");
    if (layout_add(doc, begin ? LAYOUT_KEEP_BEGIN : LAYOUT_KEEP_END, "keep_together") == NULL)
        return doc->err.status;
    doc->keep_open = begin;
    return BRIEFING_OK;
}

static void layout_chart_free(layout_chart *c)
{
    size_t i;

    if (c == NULL)
        return;
    layout_rich_free(&c->title);
    layout_rich_free(&c->source_note);
    layout_rich_free(&c->y_label);
    layout_rich_free(&c->legend_solid);
    layout_rich_free(&c->legend_tentative);
    layout_rich_free(&c->alt);
    for (i = 0; i < c->n_series; i++) {
        layout_rich_free(&c->series[i].name);
        free(c->series[i].x);
        free(c->series[i].y);
    }
    free(c->series);
    for (i = 0; i < c->n_bars; i++) {
        layout_rich_free(&c->bars[i].lane);
        layout_rich_free(&c->bars[i].label);
    }
    free(c->bars);
    for (i = 0; i < c->n_marks; i++)
        layout_rich_free(&c->marks[i].label);
    free(c->marks);
    free(c);
}

static void layout_block_free(layout_block *b)
{
    size_t i;

    layout_rich_free(&b->text);
    free(b->lines);
    for (i = 0; i < b->n_facts; i++) {
        layout_rich_free(&b->facts[i].label);
        layout_rich_free(&b->facts[i].value);
        layout_rich_free(&b->facts[i].detail);
    }
    free(b->facts);
    layout_table_free(b->table);
    layout_chart_free(b->chart);
    if (b->cover) {
        layout_rich_free(&b->cover->title);
        layout_rich_free(&b->cover->subtitle);
        layout_rich_free(&b->cover->council);
        layout_rich_free(&b->cover->as_of);
        layout_rich_free(&b->cover->marking);
        layout_rich_free(&b->cover->note);
        free(b->cover->logo);
        free(b->cover);
    }
}

static int layout_drop(briefing_doc *doc, int status)
{
    layout_block *b = &doc->blocks[--doc->n_blocks];

    if (b->table && doc->open_table == b->table)
        doc->open_table = NULL;
    layout_block_free(b);
    return status;
}

void layout_doc_free(briefing_doc *doc)
{
    size_t i;

    if (doc == NULL)
        return;
    for (i = 0; i < doc->n_blocks; i++)
        layout_block_free(&doc->blocks[i]);
    free(doc->blocks);
    for (i = 0; i < LAYOUT_FACES; i++)
        layout_widths_free(&doc->faces[i]); /* the faces belong to fonts' cache */
    free(doc);
}

const briefing_layout_api *layout_api(void)
{
    static const briefing_layout_api api = {
        sizeof(briefing_layout_api),
        layout_api_cover,
        layout_api_heading,
        layout_api_paragraph,
        layout_api_paragraph_runs,
        layout_api_note,
        layout_api_bullet,
        layout_api_bullet_runs,
        layout_api_facts,
        layout_api_badge,
        layout_api_table_begin,
        layout_api_table_row,
        layout_api_table_row_cells,
        layout_api_table_end,
        layout_api_line_chart,
        layout_api_timeline,
        layout_api_judgement_chart,
        layout_api_space,
        layout_api_page_break,
        layout_api_keep_together,
        layout_api_table_row_sparks,
        NULL, /* table_row_n: core/abi.c serves it */
        layout_api_reference_runs,
    };
    return &api;
}

int layout_refuse(briefing_doc *doc, int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diag_vset(&doc->err, status, fmt, ap);
    va_end(ap);
    if (status == BRIEFING_ERR_NOMEM)
        doc->nomem = 1;
    return status;
}

size_t layout_table_columns(const briefing_table *t)
{
    return t ? t->n_cols : 0;
}

briefing_doc *layout_table_doc(const briefing_table *t)
{
    return t ? t->doc : NULL;
}

int layout_table_open(const briefing_doc *doc)
{
    return doc->open_table != NULL;
}

/* ---- dates on the time axes (the charts use them; the model checks them) ---- */

static const int layout_month_days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int layout_date_ok(briefing_date d)
{
    int leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;

    if (d.year < 1000 || d.year > 9999 || d.month < 0 || d.month > 12 || d.day < 0)
        return 0;
    if (d.month == 0)
        return d.day == 0;
    return d.day <= layout_month_days[d.month] + (d.month == 2 && leap);
}

double layout_date_years(briefing_date d)
{
    return date_to_years(d);
}

/* The end of the period a date names, as a decimal year. */
double layout_date_years_end(briefing_date d)
{
    return date_to_years(date_last_day(d)) + 1 / 365.25;
}

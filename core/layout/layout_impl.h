/*
 * layout_impl: what the layout_*.c files share and nobody else sees.
 *
 * layout.c        the document model: configuration, the block list, the
 *                 functions of briefing_layout_api that append blocks; dates.
 * layout_bidi.c   right-to-left text: levels, joined forms, visual order.
 * layout_text.c   characters to faces (fallback, replacement, warnings),
 *                 encodings, widths (through layout_metrics), the line
 *                 breaker, and drawing a line of text.
 * layout_page.c   the page being filled (layout_flow) and the helpers every
 *                 block draws with: rectangles, grade colours, badges.
 * layout_table.c  table column widths, splitting plan, drawing.
 * layout_chart.c  what the charts share (layout_chart.h): axes, labels,
 *                 legends; layout_line.c, layout_timeline.c and
 *                 layout_judgements.c, one file per kind of chart.
 * layout_flow.c   layout_write: fonts, pagination, drawing of text blocks,
 *                 cover, running header and footer, contents, outline.
 *
 * Calls go one way, down this list read from the foot: layout_flow.c
 * calls the tables and the charts, they call layout_chart.c and
 * layout_page.c, which call layout_text.c; layout.c (the model, which
 * frees the text caches) calls layout_text.c and layout_bidi.c; the text
 * calls layout_bidi.c; nothing calls back up.
 *
 * Every mark goes through the canvas (core/pdf/canvas.h); no file here
 * includes hpdf.h.  Text is measured through layout_metrics.
 *
 * Units: lengths on the page are PDF points (1/72 inch), y grows upwards
 * from the page's foot as in PDF.
 */
#ifndef BRIEFING_LAYOUT_IMPL_H
#define BRIEFING_LAYOUT_IMPL_H

#include <stdint.h>

#include "canvas.h"
#include "fonts.h"
#include "layout.h"

#define LAYOUT_PT_PER_MM (72.0 / 25.4)

/* Bounds on what a document may hold: beyond them an API call fails with a
 * clear error rather than take unbounded memory or time. */
#define LAYOUT_MAX_BLOCKS 50000
#define LAYOUT_MAX_TEXT (1u << 20)          /* bytes in one text (a paragraph) */
#define LAYOUT_MAX_DOC_BYTES (64u << 20)    /* bytes of text in the document */
#define LAYOUT_MAX_RUNS 4096                /* runs in one paragraph */
#define LAYOUT_MAX_COLS 24
#define LAYOUT_MAX_ROWS 20000
#define LAYOUT_MAX_FACTS 12
#define LAYOUT_MAX_SERIES 16
#define LAYOUT_MAX_POINTS 5000              /* points in one series */
#define LAYOUT_MAX_BARS 400
#define LAYOUT_MAX_MARKS 400
#define LAYOUT_MAX_WARNED 256               /* distinct characters warned about */
#define LAYOUT_MAX_PAGES 5000

/* Text styles, also the index of a face within a family. */
enum { LAYOUT_REGULAR = 0, LAYOUT_BOLD = 1, LAYOUT_ITALIC = 2, LAYOUT_BOLD_ITALIC = 3 };
/* Faces: the main family's four styles, then the fallback family's. */
#define LAYOUT_FACES 8
#define LAYOUT_FALLBACK 4

/* A stretch of a rich text in one style, from start to the next run's start. */
typedef struct layout_run {
    size_t start;
    int style;
    char *url; /* owned; NULL: not a link */
} layout_run;

/* UTF-8 text with styled runs; the document owns it. */
typedef struct layout_rich {
    char *text;
    size_t len;
    layout_run *runs;
    size_t n_runs; /* at least 1 when len > 0 */
    char *brks;    /* the text's break opportunities (libunibreak), a cache made
                    * when first needed; NULL until then and after a change */
    /* Right-to-left text (layout_bidi.c), a cache made when first needed:
     * by the byte offset where each character starts, the code point that
     * draws it (its joined Arabic form, its mirror; 0: nothing, the second
     * half of a ligature) and its bidi embedding level.  Both NULL for a
     * text with no right-to-left letter. */
    uint32_t *shaped;
    unsigned char *levels;
    unsigned char bidi_done; /* 1 once looked at; 0 again after a change */
} layout_rich;

/* One line of broken text: bytes [start, end) of the text, trailing spaces
 * and line feeds left out. */
typedef struct layout_line {
    size_t start, end;
} layout_line;

typedef enum layout_kind {
    LAYOUT_HEADING,
    LAYOUT_PARAGRAPH,
    LAYOUT_NOTE,
    LAYOUT_BULLET,
    LAYOUT_FACTS,
    LAYOUT_BADGE,
    LAYOUT_TABLE,
    LAYOUT_LINE_CHART,
    LAYOUT_TIMELINE,
    LAYOUT_JUDGEMENTS,
    LAYOUT_SPACE,
    LAYOUT_PAGE_BREAK,
    LAYOUT_KEEP_BEGIN,
    LAYOUT_KEEP_END,
    LAYOUT_COVER
} layout_kind;

typedef struct layout_fact {
    layout_rich label, value, detail;
    briefing_judgement badge;
} layout_fact;

/* The most values a table cell's trend line keeps (the latest). */
#define LAYOUT_SPARK_MAX 16

typedef struct layout_cell {
    layout_rich text;
    briefing_judgement badge;
    double spark[LAYOUT_SPARK_MAX]; /* table_row_sparks: a trend line over the text */
    size_t n_spark;                 /* 0, or 2 or more values */
    layout_line *lines;  /* set by layout_table_prepare */
    size_t n_lines;
} layout_cell;

typedef struct layout_column {
    layout_rich title;
    double width_mm;
    briefing_align align;
    int row_header;      /* its cells name their row: TH /Scope /Row */
    double w;            /* points, set by layout_table_prepare */
    layout_line *lines;  /* the title broken to w */
    size_t n_lines;
} layout_column;

struct briefing_table {
    briefing_doc *doc;
    size_t block;        /* index of its block */
    layout_rich caption;
    layout_column *cols;
    size_t n_cols;
    layout_cell *cells;  /* n_rows * n_cols */
    size_t n_rows, cap_rows;
    int ended;
    /* Set by layout_table_prepare. */
    size_t *row_lines;   /* lines per row (at least 1) */
    size_t head_lines;   /* lines of the header row */
    layout_line *cap_lines;  /* the caption broken */
    size_t n_cap_lines;
    layout_rich cont;        /* the caption and "(continued)" */
    layout_line *cont_lines;
    size_t n_cont_lines;
    double head_h, cont_h;   /* caption (or continued caption) and header row */
    double page_room;        /* height of a page's text area */
};

typedef struct layout_series {
    layout_rich name;
    double *x;  /* decimal years */
    double *y;
    size_t n;
    briefing_series_style style;
} layout_series;

typedef struct layout_bar {
    layout_rich lane, label;
    briefing_date start, end;
    int tentative;
} layout_bar;

typedef struct layout_mark {
    briefing_date date;
    briefing_judgement judgement;
    layout_rich label;
} layout_mark;

/* The three charts share one struct; each uses its own fields. */
typedef struct layout_chart {
    layout_rich title, source_note, y_label;
    double height_mm;
    layout_series *series;
    size_t n_series;
    layout_bar *bars;
    size_t n_bars;
    layout_rich legend_solid, legend_tentative;
    layout_mark *marks;
    size_t n_marks;
    layout_rich alt;    /* the section's own words for it; empty: said from the data */
} layout_chart;

typedef struct layout_cover {
    layout_rich title, subtitle, council, as_of, marking, note;
    char *logo;
} layout_cover;

typedef struct layout_block {
    layout_kind kind;
    int level;                 /* heading: 1-3 */
    int reference;             /* paragraph: an entry of a list of sources
                                * (reference_runs), tagged Note */
    layout_rich text;          /* heading, paragraph, note, bullet, badge */
    briefing_judgement badge;  /* badge */
    double mm;                 /* space */
    layout_fact *facts;
    size_t n_facts;
    briefing_table *table;
    layout_chart *chart;
    layout_cover *cover;
    int page;                  /* heading: page it landed on (1-based) */
    layout_line *lines;        /* text broken by layout_write */
    size_t n_lines;
} layout_block;

/* A face as the writer uses it. */
typedef struct layout_face {
    const fonts_face *fc; /* file and character set; NULL until first needed */
    int missing;        /* fontconfig could not find it */
    int used;           /* some text is drawn with it */
    int utf8;           /* some of that text is outside CP1252 */
    int loaded;         /* loaded into the canvas (when used) */
    int16_t *widths[256]; /* per BMP code point, by its high byte: a block of
                           * 256 made when first needed, -1 until measured */
} layout_face;

/* Font metrics as the layout measures text: advance widths, ascent and
 * descent, per face slot (an index into doc->faces), in thousandths of the
 * size.  advance is -1 for a face not loaded.  layout_write points it at
 * the canvas's faces (core/pdf/canvas.h); the layout never asks libharu. */
typedef struct layout_metrics {
    void *arg;
    int (*advance)(void *arg, int face, uint32_t cp);
    int (*ascent)(void *arg, int face);
    int (*descent)(void *arg, int face);
} layout_metrics;

struct briefing_doc {
    layout_config cfg;
    diag err;                   /* the first error an API call met */
    layout_block *blocks;
    size_t n_blocks, cap_blocks;
    size_t bytes;               /* text copied so far, against LAYOUT_MAX_DOC_BYTES */
    int keep_open;              /* inside keep_together */
    briefing_table *open_table; /* between table_begin and table_end */
    layout_face faces[LAYOUT_FACES];
    uint32_t warned[LAYOUT_MAX_WARNED];
    size_t n_warned;
    int pages;                  /* of the last layout_write */

    /* Only during layout_write. */
    pdf_canvas *cv;             /* the document being drawn */
    layout_metrics metrics;     /* the canvas's faces */
    int nomem;                  /* 1: drawing ran out of memory, so something
                                   is missing from a page: not to be saved */
    pdf_canvas_tap tap;         /* layout_set_tap: shown every drawing call */
    void *tap_arg;
    layout_rich grade[BRIEFING_JUDGEMENT_INADEQUATE + 1]; /* the grade words, bold */
};

/* ---- layout.c ---- */

/* Copies s (len bytes, or strlen when len is (size_t)-1) into r as one run
 * of style; NULL s gives an empty text.  Fails on bad UTF-8 or past the
 * limits, with doc->err set. */
int layout_rich_set(briefing_doc *doc, layout_rich *r, const char *s, int style, const char *what);
void layout_rich_free(layout_rich *r);

/* A date as a decimal year, for the time axes; the end of the period it
 * names (a year, a month, a day) as one. */
double layout_date_years(briefing_date d);
double layout_date_years_end(briefing_date d);

/* 1 when d is a present, well-formed date. */
int layout_date_ok(briefing_date d);

/* ---- layout_text.c ---- */

/* How a character is drawn: with which face, as which code point. */
typedef struct layout_glyph {
    int face;
    uint32_t cp;
} layout_glyph;

/* Looks up face i (an index into doc->faces) through fontconfig unless it
 * is known already: most documents use two of the eight, so the others are
 * looked up only when a text needs them.  Returns BRIEFING_OK, or the
 * lookup's error with d set and faces[i].missing. */
int layout_face_find(briefing_doc *doc, int i, diag *d);

/* Face i, looked up on first use; NULL when it cannot be found
 * (faces[i].missing: layout_write reports it). */
const fonts_face *layout_face_fc(briefing_doc *doc, int i);

/* Resolves code point cp in style: the main face when it has it, else the
 * fallback's, else a visible replacement (warned about once). */
layout_glyph layout_resolve(briefing_doc *doc, int style, uint32_t cp);

/* Marks the faces r needs as used, and as UTF-8 when needed. */
void layout_scan_rich(briefing_doc *doc, const layout_rich *r);

/* Width in points of bytes [start, end) of r at size pt. */
double layout_rich_width(briefing_doc *doc, const layout_rich *r, size_t start, size_t end,
                         double size);

/* Frees a face's cache of widths. */
void layout_widths_free(layout_face *f);

/* Width of a whole text. */
double layout_width(briefing_doc *doc, const layout_rich *r, double size);

/* The width callback of the line breaker: width of text[start, end). */
typedef double (*layout_width_fn)(void *arg, size_t start, size_t end);

/* Breaks text (len bytes of UTF-8) into lines no wider than width: at the
 * break opportunities of UAX #14, after mandatory breaks, and inside a word
 * (at character boundaries) only when the word alone is wider than a line.
 * Returns BRIEFING_OK with *lines (malloc'd, free() it) and *n_lines (0 for
 * an empty text), or BRIEFING_ERR_NOMEM with d set. */
int layout_break(const char *text, size_t len, double width, layout_width_fn fn, void *arg,
                 layout_line **lines, size_t *n_lines, diag *d);

/* layout_break with the document's font metrics. */
int layout_break_rich(briefing_doc *doc, const layout_rich *r, double width, double size,
                      layout_line **lines, size_t *n_lines, diag *d);

/* The longest unbreakable piece of r (its minimum width) at size. */
double layout_min_width(briefing_doc *doc, const layout_rich *r, double size, diag *d);

/* Draws bytes [start, end) of r with its left end at x, baseline at y, in
 * colour; runs with a url are drawn in the accent colour, underlined and
 * made clickable. */
void layout_draw_text(briefing_doc *doc, pdf_canvas *cv, const layout_rich *r, size_t start,
                      size_t end, double x, double y, double size, layout_rgb colour);


/* Maps a code point to its CP1252 byte, or 0 when CP1252 lacks it. */
unsigned char layout_cp1252(uint32_t cp);

/* ---- layout_page.c ---- */

/* Where the flow stands: the page being filled and the free space on it. */
typedef struct layout_flow {
    briefing_doc *doc;
    diag *d;
    pdf_canvas *cv;     /* drawing goes to its current page */
    unsigned char *bare; /* per page: 1 for a cover (no header or footer) */
    size_t n_pages, cap_pages;
    double left, right, top, bottom, width; /* the text area */
    double y;           /* top of the free space */
    int at_top;         /* nothing placed on this page yet */
    double pending;     /* space owed before the next thing placed */
} layout_flow;

/* Starts a new page; returns a status. */
int layout_flow_new_page(layout_flow *f);

/* Makes room for h points: a new page when h does not fit below y and the
 * page already holds something.  Also settles the pending space. */
int layout_flow_need(layout_flow *f, double h);

/* Free height left on the page. */
double layout_flow_room(const layout_flow *f);

/* Set the fill colour, stroke colour or line width unless the page has it
 * already (the canvas asks libharu's graphics state: see canvas.h). */
static inline void layout_set_fill(pdf_canvas *cv, layout_rgb c)
{
    pdf_canvas_fill_colour(cv, c.r, c.g, c.b);
}

static inline void layout_set_stroke(pdf_canvas *cv, layout_rgb c)
{
    pdf_canvas_stroke_colour(cv, c.r, c.g, c.b);
}

static inline void layout_set_line_width(pdf_canvas *cv, double w)
{
    pdf_canvas_line_width(cv, w);
}

/* libharu ran out of memory (see pdfmem.h); the error that says so. */
int layout_hpdf_ran_out(const briefing_doc *doc);
int layout_hpdf_nomem(diag *d);

/* Fills a rectangle (x, y at the lower left). */
void layout_fill_rect(pdf_canvas *cv, double x, double y, double w, double h, layout_rgb c);

/* A judgement's fill and text colours (its word: labels_judgement). */
layout_rgb layout_grade_fill(const briefing_doc *doc, briefing_judgement j);
/* A grade's mark colour: dots, and the edge of its badges (contrast.h). */
layout_rgb layout_grade_mark(const briefing_doc *doc, briefing_judgement j);
/* Fills a badge's box and strokes its edge inside it in the mark colour,
 * so a light fill still stands 3:1 from the page or panel around it. */
void layout_badge_box(const briefing_doc *doc, pdf_canvas *cv, briefing_judgement j, double x,
                      double y, double w, double h);
layout_rgb layout_grade_ink(briefing_judgement j);

/* Width and height of a badge at size pt; draws one with its lower-left
 * corner at x, y. */
double layout_badge_width(briefing_doc *doc, briefing_judgement j, double size);
double layout_badge_height(double size);
void layout_draw_badge(briefing_doc *doc, pdf_canvas *cv, briefing_judgement j, double x,
                       double y, double size);

/* ---- layout_table.c ---- */

/* One stretch of a table on one page: rows [row_from, row_to), where the
 * last row may be cut: from line line_from of row_from (0: its start) and,
 * when line_to is not 0, up to line line_to of row_to - 1 only. */
typedef struct layout_table_piece {
    int new_page;       /* the piece starts on a fresh page */
    size_t row_from, row_to;
    size_t line_from, line_to;
} layout_table_piece;

/* Plans how a table splits over pages, independent of any PDF: rows of
 * row_lines[i] lines each (line_h points per line, pad points of padding),
 * a head (caption and header row) of head_h points on the first piece and
 * cont_h on the others ("(continued)"), first_room points free on the
 * current page and page_room on a fresh one.  Returns the number of pieces
 * written to *pieces (malloc'd), or 0 when memory ran out or n_rows is 0.
 * Every piece starts with the head; a row taller than a page is cut
 * between its lines, never lost. */
size_t layout_table_plan(const size_t *row_lines, size_t n_rows, double line_h, double pad,
                         double head_h, double cont_h, double first_room, double page_room,
                         layout_table_piece **pieces);

/* The height a table needs before its first row can be placed: caption,
 * header and the first row (or the part of it a page holds); all of it for
 * a table of six rows or fewer, which is never split when a page holds it. */
int layout_table_prepare(briefing_doc *doc, briefing_table *t, double width, diag *d);
double layout_table_min_height(const briefing_table *t, double page_room);
/* The height of the whole table when it fits on one page. */
double layout_table_height(const briefing_table *t);
int layout_table_draw(layout_flow *f, briefing_table *t);

/* ---- the charts: layout_line.c, layout_timeline.c, layout_judgements.c ---- */

/* Each kind's height at width (its plan, as the drawing will use it) and
 * its drawing at the flow's position; layout_flow.c chooses by kind
 * (layout_chart_height, layout_chart_draw) and makes each a figure. */
double layout_line_height(briefing_doc *doc, const layout_chart *c, double width);
void layout_line_draw(layout_flow *f, const layout_chart *c);
double layout_timeline_height(briefing_doc *doc, const layout_chart *c, double width);
int layout_timeline_draw(layout_flow *f, const layout_chart *c);
double layout_judgements_height(briefing_doc *doc, const layout_chart *c, double width);
int layout_judgements_draw(layout_flow *f, const layout_chart *c);
double layout_chart_height(briefing_doc *doc, const layout_block *b, double width);
int layout_chart_draw(layout_flow *f, const layout_block *b);

/* ---- layout_alt.c: a chart's alternative text from its data ---- */

/* The words for a chart block (line chart, timeline, judgements; after
 * the heading it stands under, when nothing else is between) or a trend
 * line's values, for its Figure's /Alt; malloc'd, NULL when memory
 * ran out. */
char *layout_alt_chart(const briefing_doc *doc, const layout_block *b);
char *layout_alt_spark(const double *y, size_t n);

/* ---- layout_bidi.c ---- */

/* Finds, once a text (again after it changes), whether it holds
 * right-to-left letters and if so fills r->shaped and r->levels.  Out of
 * memory leaves them NULL: the text is then drawn as stored. */
void layout_bidi_prepare(const layout_rich *r);

/* Frees what layout_bidi_prepare made; the next call looks again. */
void layout_bidi_free(layout_rich *r);

/* The characters of r[start, end) (one line) in the order they are drawn
 * left to right: their byte offsets in pos[] (room for end - start) and
 * levels in lev[] (the same).  Returns how many, or 0 when the line has
 * nothing right to left and is drawn as stored. */
size_t layout_bidi_order(const layout_rich *r, size_t start, size_t end, size_t *pos,
                         unsigned char *lev);

#endif

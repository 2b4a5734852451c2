/*
 * briefing/layout.h: what a section plugin draws with.
 *
 * A section describes content; the layout engine places it.  Calls append
 * blocks to the document in order; nothing is positioned until every section
 * has run, so the engine can keep a heading with what follows it, repeat a
 * table's header on each page, and number pages "X of Y".  A plugin never
 * sees a coordinate or a libharu handle.
 *
 * Ownership: every pointer passed in (text, arrays, specs) is copied before
 * the call returns; the caller keeps ownership of its own memory.  Text is
 * UTF-8; a character the fonts lack is replaced visibly and warned about.
 *
 * Every struct below opens with `size_t size`, which the plugin sets to
 * sizeof the struct; for an array, the first element's size is the step
 * (the array rule in version.h).  Designated initialisers keep it short:
 *     briefing_cell c = {.size = sizeof c, .text = "Good", .bold = 1};
 *
 * Every function returns BRIEFING_OK, or an error status (out of memory, a
 * bad argument such as a table row of the wrong width) with the message
 * already recorded on the plugin's context; return that status from render.
 */
#ifndef BRIEFING_LAYOUT_H
#define BRIEFING_LAYOUT_H

#include <stddef.h>
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct briefing_doc briefing_doc;
typedef struct briefing_table briefing_table;

typedef enum briefing_align {
    BRIEFING_ALIGN_LEFT = 0,
    BRIEFING_ALIGN_RIGHT,
    BRIEFING_ALIGN_CENTRE
} briefing_align;

/* A run of text within a paragraph, with its own style. */
typedef struct briefing_run {
    size_t size; /* sizeof(briefing_run): set it first (see version.h) */
    const char *text;
    int bold;
    int italic;
    const char *url; /* non-NULL: the run is a clickable link */
} briefing_run;

/* The cover page: no running header or footer. */
typedef struct briefing_cover {
    size_t size; /* sizeof(briefing_cover): set it first (see version.h) */
    const char *title;    /* "Children's services briefing" */
    const char *subtitle; /* e.g. "Pack for the children's services committee" */
    const char *council;  /* "Norfolk County Council" */
    const char *as_of;    /* already formatted: "1 June 2024" */
    const char *marking;  /* protective marking, e.g. "OFFICIAL", or NULL */
    const char *logo;     /* path of a PNG file, or NULL */
    const char *note;     /* small print at the foot, or NULL */
} briefing_cover;

/* One "at a glance" fact, drawn in a panel. */
typedef struct briefing_fact {
    size_t size; /* sizeof(briefing_fact): set it first (see version.h) */
    const char *label;           /* "Current Ofsted judgement" */
    const char *value;           /* "Good" */
    const char *detail;          /* "published 13 January 2023", or NULL */
    briefing_judgement badge;    /* not NONE: the value is drawn as a grade badge */
} briefing_fact;

typedef struct briefing_column {
    size_t size; /* sizeof(briefing_column): set it first (see version.h) */
    const char *title;
    double width_mm;     /* 0: from the content */
    briefing_align align; /* numbers: BRIEFING_ALIGN_RIGHT */
    /* Added in 1.2 (a plugin built before it reads as 0): 1 when this
     * column's cells name their row (an indicator, an area).  Drawn the
     * same; in a tagged PDF they are header cells, TH with /Scope /Row, so
     * a screen reader says the row's name with each of its figures. */
    int row_header;
} briefing_column;

/* A table cell with a style; plain rows use table_row. */
typedef struct briefing_cell {
    size_t size; /* sizeof(briefing_cell): set it first (see version.h) */
    const char *text;         /* NULL: empty */
    briefing_judgement badge; /* not NONE: drawn as a grade badge with its word */
    int bold;
} briefing_cell;

/* How each series is drawn, so that a chart reads in grey print too: the
 * council solid and heavier in the template's "council" colour, England
 * dashed in its "england" colour (near-black), comparators dotted in its
 * "comparator" colour (grey), the region dash-dotted purple, any other
 * series thin and solid teal. The colours a template may change are listed
 * in docs/templates.md. */
typedef enum briefing_series_style {
    BRIEFING_SERIES_COUNCIL = 0,
    BRIEFING_SERIES_ENGLAND,
    BRIEFING_SERIES_COMPARATOR,
    BRIEFING_SERIES_REGION,
    BRIEFING_SERIES_OTHER
} briefing_series_style;

typedef struct briefing_series {
    size_t size; /* sizeof(briefing_series): set it first (see version.h) */
    const char *name;      /* legend text */
    const briefing_date *x; /* n dates */
    const double *y;       /* n values; NAN: no point (gap in the line) */
    size_t n;
    briefing_series_style style;
} briefing_series;

typedef struct briefing_line_chart {
    size_t size; /* sizeof(briefing_line_chart): set it first (see version.h) */
    const char *title;
    const char *source_note; /* printed under the chart in 8 pt, or NULL */
    const char *y_label;     /* e.g. "per 10,000 children", or NULL */
    const briefing_series *series;
    size_t n_series;
    double height_mm;        /* 0: the default (about 60 mm) */
    /* Added in 1.2: what the chart shows, in words, for a reader who cannot
     * see it (a tagged PDF's /Alt); NULL: the host says it from the data. */
    const char *alt;
} briefing_line_chart;

/* A bar on the shared date axis: a tenure or an intervention. */
typedef struct briefing_bar {
    size_t size; /* sizeof(briefing_bar): set it first (see version.h) */
    const char *lane;   /* the row it sits on: "Director of children's services" */
    const char *label;  /* drawn on or beside the bar: "Sara Tough" */
    briefing_date start;
    briefing_date end;  /* absent: open, drawn to the briefing's as-of date */
    int tentative;      /* interim, or not certain: hatched or lighter */
} briefing_bar;

typedef struct briefing_timeline {
    size_t size; /* sizeof(briefing_timeline): set it first (see version.h) */
    const char *title;
    const char *source_note;
    const briefing_bar *bars;
    size_t n_bars;
    const char *legend_solid;     /* e.g. "permanent", or NULL for no legend */
    const char *legend_tentative; /* e.g. "interim" */
    const char *alt; /* added in 1.2: as briefing_line_chart's */
} briefing_timeline;

/* A point on the judgement timeline: coloured and labelled by grade. */
typedef struct briefing_mark {
    size_t size; /* sizeof(briefing_mark): set it first (see version.h) */
    briefing_date date;
    briefing_judgement judgement; /* NONE: a visit, drawn grey and smaller */
    const char *label;            /* short, e.g. "SIF"; NULL for none */
} briefing_mark;

typedef struct briefing_judgement_chart {
    size_t size; /* sizeof(briefing_judgement_chart): set it first (see version.h) */
    const char *title;
    const char *source_note;
    const briefing_mark *marks;
    size_t n_marks;
    const char *alt; /* added in 1.2: as briefing_line_chart's */
} briefing_judgement_chart;

/* Added in 1.2: a small trend line in a table cell (table_row_sparks). */
typedef struct briefing_spark {
    size_t size; /* sizeof(briefing_spark): set it first (see version.h) */
    const double *y; /* n values, oldest first; NAN: a gap */
    size_t n;        /* fewer than 2: no line; more than 16: the latest 16 */
} briefing_spark;

typedef struct briefing_layout_api {
    size_t size; /* sizeof(briefing_layout_api) as the host built it */

    int (*cover)(briefing_doc *doc, const briefing_cover *cover);
    /* level 1, 2 or 3.  Levels 1 and 2 get a bookmark (and a table of
     * contents entry when the template asks for one).  A heading is kept on
     * the same page as what follows it. */
    int (*heading)(briefing_doc *doc, int level, const char *text);
    int (*paragraph)(briefing_doc *doc, const char *text);
    int (*paragraph_runs)(briefing_doc *doc, const briefing_run *runs, size_t n);
    /* Small (8 pt) secondary text: captions, notes, "Source: ...". */
    int (*note)(briefing_doc *doc, const char *text);
    int (*bullet)(briefing_doc *doc, const char *text);
    int (*bullet_runs)(briefing_doc *doc, const briefing_run *runs, size_t n);
    int (*facts)(briefing_doc *doc, const briefing_fact *facts, size_t n);
    /* A grade badge on its own line, followed by text (may be NULL). */
    int (*badge)(briefing_doc *doc, briefing_judgement j, const char *text);

    /* Tables: begin, rows, end.  The header row repeats on every page, rows
     * are kept whole unless taller than a page, and a continued table says
     * "(continued)" after its caption.  Every row has exactly the begin's
     * number of cells. */
    briefing_table *(*table_begin)(briefing_doc *doc, const char *caption,
                                   const briefing_column *cols, size_t n_cols);
    int (*table_row)(briefing_table *t, const char *const *cells);
    int (*table_row_cells)(briefing_table *t, const briefing_cell *cells);
    int (*table_end)(briefing_table *t);

    int (*line_chart)(briefing_doc *doc, const briefing_line_chart *chart);
    int (*timeline)(briefing_doc *doc, const briefing_timeline *chart);
    int (*judgement_chart)(briefing_doc *doc, const briefing_judgement_chart *chart);

    int (*space)(briefing_doc *doc, double mm);
    int (*page_break)(briefing_doc *doc);
    /* Keep what is added between keep_together(doc, 1) and
     * keep_together(doc, 0) on one page when it fits on one. */
    int (*keep_together)(briefing_doc *doc, int begin);

    /* Added in 1.2: call it only when `size` covers it.  As table_row, and
     * each cell whose sparks[i].n is 2 or more draws a trend line one text
     * line high (scaled to its own lowest and highest values, in the
     * council's colour) above its text; the text stays, as the line's
     * words for a reader who cannot see it.  sparks holds one entry per
     * column. */
    int (*table_row_sparks)(briefing_table *t, const char *const *cells, const briefing_spark *sparks);

    /* Added in 1.2: call it only when `size` covers it.  As table_row, with
     * the number of cells the row holds: a row of any other number than the
     * table's columns is refused, and the error says both counts. */
    int (*table_row_n)(briefing_table *t, const char *const *cells, size_t n);

    /* Added in 1.2: call it only when `size` covers it.  As paragraph_runs
     * for one entry of a list of sources (a number, a title, a link): drawn
     * the same, and in a tagged PDF marked as a Note with its own ID, so a
     * reader knows it for a reference rather than body text. */
    int (*reference_runs)(briefing_doc *doc, const briefing_run *runs, size_t n);
} briefing_layout_api;

#ifdef __cplusplus
}
#endif

#endif

/*
 * layout: the document model sections describe, and the engine that places
 * it on pages and draws it through the canvas (core/pdf/canvas.h).
 *
 * Life of a document: layout_doc_new with the template's settings; the core
 * hands layout_api() to section plugins, which append blocks; layout_write
 * flows the blocks onto pages, stamps headers, footers and "Page X of Y",
 * and saves to the path given (the caller renames it into place);
 * layout_doc_free releases everything.  The layout draws through the
 * canvas (core/pdf/canvas.h) and never calls libharu itself.
 */
#ifndef BRIEFING_LAYOUT_INTERNAL_H
#define BRIEFING_LAYOUT_INTERNAL_H

#include <briefing/layout.h>
#include <briefing/dataset.h>

#include "canvas.h"
#include "diag.h"

typedef struct layout_rgb {
    double r, g, b; /* 0..1 */
} layout_rgb;

/* The house palette (docs/templates.md); a template may override each.
 * A grade has a fill (badges, whose word carries the meaning) and a mark
 * colour, a darker shade of the same hue at least 3:1 against the page and
 * the panels (judgement dots, badge edges; visual.md, core/contrast.h). */
typedef struct layout_colours {
    layout_rgb text, secondary, panel, accent, rule;
    layout_rgb outstanding, good, requires_improvement, inadequate, no_judgement;
    layout_rgb england, comparator, council;
    layout_rgb outstanding_mark, good_mark, requires_improvement_mark, inadequate_mark,
        no_judgement_mark;
} layout_colours;

/* Everything the engine needs from the template and the run.  Strings are
 * borrowed: they must outlive the document. */
typedef struct layout_config {
    double page_width_mm, page_height_mm;  /* A4: 210 x 297 */
    double margin_top_mm, margin_right_mm, margin_bottom_mm, margin_left_mm;
    const char *font_family;   /* fontconfig family name, "Liberation Sans" */
    const char *fallback_family; /* for characters the first lacks, "DejaVu Sans" */
    double body_size_pt;       /* 10 */
    layout_colours colours;

    /* Running header and footer: the caller has already replaced {council},
     * {title} and {as_of}; the engine replaces {page} and {pages}.  NULL or
     * "" for nothing. */
    const char *header_left, *header_right;
    const char *footer_left, *footer_centre, *footer_right;

    /* Document information. */
    const char *title, *subject, *author, *keywords, *creator;

    int toc;                    /* 1: a table of contents after the cover */
    int tagged;                 /* 1 (the default): a tagged PDF/UA-1 file */
    briefing_date time_from;    /* the shared time axis of every timeline */
    briefing_date time_to;
    briefing_date as_of;        /* open bars end here */
    long long source_date_epoch; /* -1: now; else dates and ID from it */

    /* Warnings (a character no font has, ...): the engine calls warn once
     * per distinct problem; NULL to drop them. */
    void (*warn)(void *arg, const char *message);
    void *warn_arg;
} layout_config;

/* The house defaults: A4, 20 mm margins, Liberation Sans with DejaVu
 * Sans as fallback, 10 pt, the GOV.UK palette. */
void layout_config_defaults(layout_config *cfg);

/* Parses "#1d70b8" into c; returns 1, or 0 when text is not such a colour. */
int layout_parse_colour(const char *text, layout_rgb *c);

/* Makes an empty document.  Returns NULL with d set when memory ran out or
 * the fonts cannot be found (BRIEFING_ERR_CONFIG naming the family). */
briefing_doc *layout_doc_new(const layout_config *cfg, diag *d);

/* The engine's own table.  It takes whole structs of this build in plain
 * arrays and ignores their `size`; plugins draw through core/abi.c's
 * tables, which read a plugin's structs by their size into these.  Its
 * table_row_n is NULL (abi.c serves it). */
const briefing_layout_api *layout_api(void);

/* For core/abi.c: records an error on the document as a layout call does
 * and returns status; the columns of a table and its document. */
int layout_refuse(briefing_doc *doc, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
size_t layout_table_columns(const briefing_table *t);
briefing_doc *layout_table_doc(const briefing_table *t);

/* 1 while a table has begun and not ended: the section that began it left
 * it open. */
int layout_table_open(const briefing_doc *doc);

/* After a layout_api call failed: the error it recorded (status and text). */
const diag *layout_error(const briefing_doc *doc);

/* Lays the blocks out and writes the PDF to path (a temporary file the
 * caller renames).  Returns BRIEFING_OK or an error with d set:
 * BRIEFING_ERR_CANTCREAT or BRIEFING_ERR_IO when the file cannot be written.
 * With path NULL everything is done (faces loaded into the PDF library,
 * pages laid out and drawn) but nothing is written: `briefing check` finds
 * what only the layout can find (a face the library refuses, a document
 * that would pass the page limit, a logo that cannot be read). */
int layout_write(briefing_doc *doc, const char *path, diag *d);

/* How many pages the last layout_write produced. */
int layout_page_count(const briefing_doc *doc);

void layout_doc_free(briefing_doc *doc);

/* Shows every drawing call of later layout_writes to tap (NULL: none), as
 * the canvas does them: tests assert on what the layout draws. */
void layout_set_tap(briefing_doc *doc, pdf_canvas_tap tap, void *arg);

#endif

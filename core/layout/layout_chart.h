/*
 * layout_chart.h: what the three chart files (layout_line.c,
 * layout_timeline.c, layout_judgements.c) share from layout_chart.c: the
 * sizes, text helpers, the shared date axis, labels that must not
 * overlap, and the legend.  Nobody else includes it.
 *
 * Calls go one way: the chart files call layout_chart.c, which calls the
 * page helpers and the text below it (docs/internals/layout.md).
 */
#ifndef BRIEFING_LAYOUT_CHART_H
#define BRIEFING_LAYOUT_CHART_H

#include "layout_impl.h"

#define MM LAYOUT_PT_PER_MM
#define CHART_TITLE_PT 10.0
#define CHART_TITLE_LH (CHART_TITLE_PT * 1.35)
#define CHART_NOTE_PT 8.0
#define CHART_NOTE_LH (CHART_NOTE_PT * 1.35)
#define CHART_TEXT_PT 8.0
#define CHART_GAP 4.0
#define CHART_LABEL_ROWS 3
#define CHART_MAX_TICKS 64
#define CHART_YEARS_H (3 + CHART_TEXT_PT * 1.4)

typedef struct chart_axis {
    double t0, t1;     /* decimal years */
    double x0, x1;     /* on the page */
    double step;       /* years between ticks */
} chart_axis;

/* Labels placed so far on numbered rows, each with the x of the point its
 * leader line drops to (NAN: no leader). */
typedef struct chart_rows {
    struct chart_placed {
        double a, b, px;
        int row;
    } *v;
    size_t n, cap;
    int rows;
    int nomem; /* a label could not be recorded: the plan is not to be used */
} chart_rows;

/* Where a label stands against the point its leader drops to. */
enum { CHART_CENTRED, CHART_FROM_POINT, CHART_TO_POINT };

typedef void (*chart_swatch_fn)(briefing_doc *doc, pdf_canvas *cv, const void *item, double x,
                                double y);

void chart_stroke_rgb(pdf_canvas *cv, layout_rgb c);
void chart_line(pdf_canvas *cv, double x0, double y0, double x1, double y1);
layout_rgb chart_mix(layout_rgb c, double t);
extern const layout_rgb chart_axis_grey;
extern const layout_rgb chart_grid_grey;
double chart_text_width(briefing_doc *doc, const char *s, double size, int style);
double chart_label_width(briefing_doc *doc, const char *s, double size);
void chart_label(briefing_doc *doc, pdf_canvas *cv, const char *s, double x, double y,
                 double size, layout_rgb c, int style);
size_t chart_lines(briefing_doc *doc, const layout_rich *r, double width, double size);
double chart_para(briefing_doc *doc, pdf_canvas *cv, const layout_rich *r, double x,
                  double top, double width, double size, double lh, layout_rgb c);
double chart_caption(briefing_doc *doc, pdf_canvas *cv, pdf_role role, const layout_rich *r,
                     double x, double top, double width, double size, double lh, layout_rgb c);
double chart_title_h(briefing_doc *doc, const layout_chart *c, double width);
double chart_note_h(briefing_doc *doc, const layout_chart *c, double width);
double chart_nice_step(double span, int n);
void chart_format(double v, double step, char *out, size_t size);
double chart_x(const chart_axis *a, double t);
void chart_axis_setup(const briefing_doc *doc, chart_axis *a, double lo, double hi,
                      double x0, double x1);
void chart_draw_years(briefing_doc *doc, pdf_canvas *cv, const chart_axis *a, double y,
                      double top);
void chart_rows_init(chart_rows *r, int rows);
int chart_rows_free_at(const chart_rows *r, double a, double b, double px, int row);
int chart_rows_add(chart_rows *r, double a, double b, double px, int row);
int chart_rows_place(chart_rows *r, double w, double px, double lo, double hi,
                     const double *pending, size_t n_pending, double *a, int *align);
void chart_rows_free(chart_rows *r);
double chart_legend(briefing_doc *doc, pdf_canvas *cv, const layout_rich *const *texts,
                    const void *const *items, size_t n, chart_swatch_fn swatch, double x0,
                    double width, double top, int draw);

#endif

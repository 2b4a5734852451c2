/*
 * layout_chart.c: what the charts share.  Charts are drawn as vectors, the
 * full text width: a title above, the source note below in 8 pt.  Line
 * charts (layout_line.c) put years across and values up; timelines
 * (layout_timeline.c) and judgement charts (layout_judgements.c) share one
 * date axis, the configuration's time_from..time_to, so that every
 * timeline of a briefing lines up.  The geometry of each chart is worked
 * out by one "plan" function that both the height (for pagination) and the
 * drawing use, so they cannot differ.
 */
#include "layout_chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "buf.h"
#include "date.h"
#include "labels.h"

/* ---- shared pieces ---- */

void chart_stroke_rgb(pdf_canvas *cv, layout_rgb c)
{
    layout_set_stroke(cv, c);
}

void chart_line(pdf_canvas *cv, double x0, double y0, double x1, double y1)
{
    pdf_canvas_line(cv, x0, y0, x1, y1);
}

layout_rgb chart_mix(layout_rgb c, double t)
{
    layout_rgb m = {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t};

    return m;
}

const layout_rgb chart_axis_grey = {0.69, 0.71, 0.71};   /* #b1b4b6 */
const layout_rgb chart_grid_grey = {0.91, 0.91, 0.90};

/* Width of a plain text of the chart's own (tick labels, "Visit"). */
double chart_text_width(briefing_doc *doc, const char *s, double size, int style)
{
    layout_rich r = {0};
    double w = 0;

    if (layout_rich_set(doc, &r, s, style, "chart") == BRIEFING_OK)
        w = layout_width(doc, &r, size);
    layout_rich_free(&r);
    return w;
}

double chart_label_width(briefing_doc *doc, const char *s, double size)
{
    return chart_text_width(doc, s, size, LAYOUT_REGULAR);
}

void chart_label(briefing_doc *doc, pdf_canvas *cv, const char *s, double x, double y,
                 double size, layout_rgb c, int style)
{
    layout_rich r = {0};

    if (layout_rich_set(doc, &r, s, style, "chart") == BRIEFING_OK)
        layout_draw_text(doc, cv, &r, 0, r.len, x, y, size, c);
    layout_rich_free(&r);
}

/* Lines of r at size within width. */
size_t chart_lines(briefing_doc *doc, const layout_rich *r, double width, double size)
{
    layout_line *lines;
    size_t n;

    if (r->len == 0 || layout_break_rich(doc, r, width, size, &lines, &n, NULL) != BRIEFING_OK)
        return 0;
    free(lines);
    return n;
}

/* A chart's title (role Caption, the Figure's first child, as PDF 1.7
 * 14.8.4 places it) or its source note (role Note): chart_para within that
 * element.  The lane labels and other words inside the chart are the
 * figure's own content, said by its /Alt. */
double chart_caption(briefing_doc *doc, pdf_canvas *cv, pdf_role role, const layout_rich *r,
                     double x, double top, double width, double size, double lh, layout_rgb c)
{
    double h;

    if (r->len == 0)
        return 0;
    pdf_canvas_begin(cv, role, NULL);
    h = chart_para(doc, cv, r, x, top, width, size, lh, c);
    pdf_canvas_end(cv);
    return h;
}

/* Draws r wrapped from top down; returns the height used. */
double chart_para(briefing_doc *doc, pdf_canvas *cv, const layout_rich *r, double x,
                  double top, double width, double size, double lh, layout_rgb c)
{
    layout_line *lines;
    size_t n, k;

    if (r->len == 0 || layout_break_rich(doc, r, width, size, &lines, &n, NULL) != BRIEFING_OK)
        return 0;
    for (k = 0; k < n; k++)
        layout_draw_text(doc, cv, r, lines[k].start, lines[k].end, x,
                         top - k * lh - (lh - size) / 2 - 0.905 * size, size, c);
    free(lines);
    return n * lh;
}

/* Height of the title and of the note with their gaps. */
double chart_title_h(briefing_doc *doc, const layout_chart *c, double width)
{
    size_t n = chart_lines(doc, &c->title, width, CHART_TITLE_PT);

    return n ? n * CHART_TITLE_LH + CHART_GAP : 0;
}

double chart_note_h(briefing_doc *doc, const layout_chart *c, double width)
{
    size_t n = chart_lines(doc, &c->source_note, width, CHART_NOTE_PT);

    return n ? CHART_GAP + n * CHART_NOTE_LH : 0;
}

/* A round step (1, 2 or 5 times a power of ten) near span / n. */
double chart_nice_step(double span, int n)
{
    double raw = span / n, p, f;

    if (!(raw > 0) || !isfinite(raw))
        return 1;
    p = pow(10, floor(log10(raw)));
    f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* Writes v with thousands separators and the decimals step calls for. */
void chart_format(double v, double step, char *out, size_t size)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    char digits[64], *p;
    size_t len, i, o = 0, lead;

    if (dec > 6)
        dec = 6;
    snprintf(digits, sizeof digits, "%.*f", dec, fabs(v) < step * 1e-6 ? 0.0 : v);
    p = digits;
    if (*p == '-' && o + 1 < size)
        out[o++] = *p++;
    len = strcspn(p, ".");
    lead = len % 3 ? len % 3 : 3;
    for (i = 0; p[i] && o + 2 < size; i++) {
        if (i < len && i >= lead && (i - lead) % 3 == 0)
            out[o++] = ',';
        out[o++] = p[i];
    }
    out[o] = '\0';
}

/* ---- the shared date axis ---- */


double chart_x(const chart_axis *a, double t)
{
    return a->x0 + (t - a->t0) * (a->x1 - a->x0) / (a->t1 - a->t0);
}

/* The briefing's time range; when the configuration gives none, the span
 * of the dates the chart holds (lo..hi). */
void chart_axis_setup(const briefing_doc *doc, chart_axis *a, double lo, double hi,
                      double x0, double x1)
{
    const layout_config *cfg = &doc->cfg;

    if (layout_date_ok(cfg->time_from) && layout_date_ok(cfg->time_to) &&
        date_to_years(cfg->time_from) < layout_date_years_end(cfg->time_to)) {
        a->t0 = date_to_years(cfg->time_from);
        a->t1 = layout_date_years_end(cfg->time_to);
    } else if (hi > lo) {
        a->t0 = floor(lo);
        a->t1 = ceil(hi + 1e-9);
    } else {
        a->t0 = isfinite(lo) ? floor(lo) : 2000;
        a->t1 = a->t0 + 1;
    }
    a->x0 = x0;
    a->x1 = x1;
    a->step = chart_nice_step(a->t1 - a->t0, (int)((x1 - x0) / (14 * MM)) + 1);
    if (a->step < 1)
        a->step = 1;
}

/* Year ticks and labels under a line at y; light gridlines up to top. */
void chart_draw_years(briefing_doc *doc, pdf_canvas *cv, const chart_axis *a, double y,
                      double top)
{
    double t, lw_last = -1e9;
    int k = 0;

    pdf_canvas_put_line_width(cv, 0.5);
    for (t = ceil(a->t0 / a->step) * a->step; t <= a->t1 + 1e-9 && k < CHART_MAX_TICKS;
         t += a->step, k++) {
        double x = chart_x(a, t), w;
        char label[16];

        if (top > y) {
            chart_stroke_rgb(cv, chart_grid_grey);
            chart_line(cv, x, y, x, top);
        }
        chart_stroke_rgb(cv, chart_axis_grey);
        chart_line(cv, x, y, x, y - 3);
        snprintf(label, sizeof label, "%d", (int)lround(t));
        w = chart_label_width(doc, label, CHART_TEXT_PT);
        /* The label stays under its tick and inside the chart. */
        if (x - w / 2 < a->x0)
            x = a->x0 + w / 2;
        if (x + w / 2 > a->x1)
            x = a->x1 - w / 2;
        if (x - w / 2 > lw_last + 2) {
            chart_label(doc, cv, label, x - w / 2, y - 3 - CHART_TEXT_PT, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
            lw_last = x + w / 2;
        }
    }
    chart_stroke_rgb(cv, chart_axis_grey);
    chart_line(cv, a->x0, y, a->x1, y);
}


/* ---- labels that must not overlap ---- */


void chart_rows_init(chart_rows *r, int rows)
{
    memset(r, 0, sizeof *r);
    r->rows = rows;
}

/* 1 when label [a, b) on row fits without touching another label on that
 * row, without a leader line from a row further out crossing it, and
 * without its own leader (down to px; NAN: none) crossing a label on a row
 * nearer the axis or the bars (rows count outwards from them). */
int chart_rows_free_at(const chart_rows *r, double a, double b, double px, int row)
{
    size_t i;

    for (i = 0; i < r->n; i++) {
        const struct chart_placed *q = &r->v[i];

        if (q->row == row && !(b + 3 <= q->a || a >= q->b + 3))
            return 0;
        if (q->row > row && !isnan(q->px) && q->px >= a - 1 && q->px <= b + 1)
            return 0;
        if (q->row < row && !isnan(px) && px >= q->a - 1 && px <= q->b + 1)
            return 0;
    }
    return 1;
}

/* Records a label; -1 when out of memory. */
int chart_rows_add(chart_rows *r, double a, double b, double px, int row)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        struct chart_placed *v = realloc(r->v, cap * sizeof *v);

        if (v == NULL) {
            r->nomem = 1;
            return -1;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n].a = a;
    r->v[r->n].b = b;
    r->v[r->n].px = px;
    r->v[r->n++].row = row;
    return 0;
}

/* Finds and takes the best free spot for a label w wide with a leader
 * down to px, kept within lo..hi: centred over the point, or running right
 * from it, or left to it.  Best is the row nearest the axis, then a spot
 * that leaves uncovered the points still waiting for a label (pending:
 * their leaders will need to pass), then centred.  Returns the row and sets
 * *a and *align, or -1 when no row has room (or out of memory). */
int chart_rows_place(chart_rows *r, double w, double px, double lo, double hi,
                     const double *pending, size_t n_pending, double *a, int *align)
{
    double best_a = 0, best_score = INFINITY;
    int row, k, best_row = -1, best_align = CHART_CENTRED;
    size_t i;

    for (row = 0; row < r->rows; row++) {
        for (k = CHART_CENTRED; k <= CHART_TO_POINT; k++) {
            double x = k == CHART_CENTRED ? px - w / 2 : k == CHART_FROM_POINT ? px - 2 : px + 2 - w;
            double score = row * 10 + (k != CHART_CENTRED);

            if (x < lo)
                x = lo;
            if (x + w > hi)
                x = hi - w;
            if (x > px + 0.5 || x + w < px - 0.5 || !chart_rows_free_at(r, x, x + w, px, row))
                continue;
            for (i = 0; i < n_pending; i++)
                if (pending[i] >= x - 1 && pending[i] <= x + w + 1)
                    score += 15;
            if (score < best_score) {
                best_score = score;
                best_row = row;
                best_a = x;
                best_align = k;
            }
        }
    }
    if (best_row < 0 || chart_rows_add(r, best_a, best_a + w, px, best_row) != 0)
        return -1;
    *a = best_a;
    *align = best_align;
    return best_row;
}

void chart_rows_free(chart_rows *r)
{
    free(r->v);
}

/* ---- legend ---- */


/* Legend items flow left to right and wrap; returns the height.  With
 * draw 0 only measures.  Each item: a 16 pt swatch, then its text. */
double chart_legend(briefing_doc *doc, pdf_canvas *cv, const layout_rich *const *texts,
                    const void *const *items, size_t n, chart_swatch_fn swatch, double x0,
                    double width, double top, int draw)
{
    double x = x0, y = top, lh = CHART_TEXT_PT * 1.6;
    size_t i;

    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        double w = 16 + 4 + layout_width(doc, texts[i], CHART_TEXT_PT) + 12;

        if (x > x0 && x + w > x0 + width) {
            x = x0;
            y -= lh;
        }
        if (draw) {
            double base = y - (lh - CHART_TEXT_PT) / 2 - 0.905 * CHART_TEXT_PT;

            swatch(doc, cv, items[i], x, base + CHART_TEXT_PT * 0.3);
            layout_draw_text(doc, cv, texts[i], 0, texts[i]->len, x + 20, base, CHART_TEXT_PT,
                             doc->cfg.colours.text);
        }
        x += w;
    }
    return top - y + lh;
}

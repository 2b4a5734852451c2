/*
 * layout_line.c: line charts: years across, values up, ticks at round
 * numbers (1, 2 or 5 times a power of ten), a legend naming every series,
 * each series in its colour, weight and dash.
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

/* ---- line chart ---- */

typedef struct line_plan {
    double title_h, note_h, legend_h, plot_h;
    double xlo, xhi, ylo, yhi, ystep;
    double label_w;   /* room for the y tick labels */
    int has_data;
} line_plan;

static layout_rgb line_series_colour(const briefing_doc *doc, briefing_series_style s)
{
    layout_rgb region = {0.565, 0.169, 0.533}, other = {0.157, 0.631, 0.592};

    switch (s) {
    case BRIEFING_SERIES_COUNCIL: return doc->cfg.colours.council;
    case BRIEFING_SERIES_ENGLAND: return doc->cfg.colours.england;
    case BRIEFING_SERIES_COMPARATOR: return doc->cfg.colours.comparator;
    case BRIEFING_SERIES_REGION: return region;
    default: return other;
    }
}

static void line_series_style(const briefing_doc *doc, pdf_canvas *cv, briefing_series_style s)
{
    /* Every style has its own pattern (or width), so no two series differ
     * by colour alone (WCAG 1.4.1): solid, dashed, dotted, dash-dot, long. */
    static const unsigned short dash[] = {5, 3}, dot[] = {1, 2}, dashdot[] = {6, 2, 1, 2},
                                longdash[] = {10, 3};

    pdf_canvas_line_cap(cv, PDF_CAP_BUTT);
    pdf_canvas_line_join_round(cv);
    chart_stroke_rgb(cv, line_series_colour(doc, s));
    switch (s) {
    case BRIEFING_SERIES_COUNCIL:
        pdf_canvas_put_line_width(cv, 2.2);
        pdf_canvas_dash(cv, NULL, 0, 0);
        break;
    case BRIEFING_SERIES_ENGLAND:
        pdf_canvas_put_line_width(cv, 1.2);
        pdf_canvas_dash(cv, dash, 2, 0);
        break;
    case BRIEFING_SERIES_COMPARATOR:
        pdf_canvas_put_line_width(cv, 1.4);
        pdf_canvas_line_cap(cv, PDF_CAP_ROUND);
        pdf_canvas_dash(cv, dot, 2, 0);
        break;
    case BRIEFING_SERIES_REGION:
        pdf_canvas_put_line_width(cv, 1.2);
        pdf_canvas_dash(cv, dashdot, 4, 0);
        break;
    default:
        pdf_canvas_put_line_width(cv, 1.2);
        pdf_canvas_dash(cv, longdash, 2, 0);
        break;
    }
}

static void line_swatch(briefing_doc *doc, pdf_canvas *cv, const void *item, double x, double y)
{
    const layout_series *s = item;

    pdf_canvas_gsave(cv);
    line_series_style(doc, cv, s->style);
    chart_line(cv, x, y, x + 16, y);
    pdf_canvas_grestore(cv);
}

static void line_legend_lists(const layout_chart *c, const layout_rich **texts, const void **items)
{
    size_t i;

    for (i = 0; i < c->n_series; i++) {
        texts[i] = &c->series[i].name;
        items[i] = &c->series[i];
    }
}

static void line_plan_make(briefing_doc *doc, const layout_chart *c, double width, line_plan *p)
{
    const layout_rich *texts[LAYOUT_MAX_SERIES];
    const void *items[LAYOUT_MAX_SERIES];
    double ymin = INFINITY, ymax = -INFINITY, span, w;
    size_t i, j;
    char label[64];

    memset(p, 0, sizeof *p);
    p->title_h = chart_title_h(doc, c, width);
    p->note_h = chart_note_h(doc, c, width);
    line_legend_lists(c, texts, items);
    p->legend_h = chart_legend(doc, NULL, texts, items, c->n_series, line_swatch, 0, width, 0, 0);
    p->plot_h = (c->height_mm > 0 ? c->height_mm : 60) * MM - p->legend_h;
    if (p->plot_h < 30 * MM)
        p->plot_h = 30 * MM;
    p->xlo = INFINITY;
    p->xhi = -INFINITY;
    for (i = 0; i < c->n_series; i++)
        for (j = 0; j < c->series[i].n; j++) {
            double x = c->series[i].x[j], y = c->series[i].y[j];

            if (isnan(x) || isnan(y))
                continue;
            p->has_data = 1;
            if (x < p->xlo) p->xlo = x;
            if (x > p->xhi) p->xhi = x;
            if (y < ymin) ymin = y;
            if (y > ymax) ymax = y;
        }
    if (!p->has_data)
        return;
    /* The value axis always takes in zero: counts and rates drawn from
     * a higher floor make a change of a few percent look like a collapse. */
    if (ymin > 0)
        ymin = 0;
    if (ymax < 0)
        ymax = 0;
    span = ymax - ymin;
    if (span <= 0)
        span = fabs(ymax) > 0 ? fabs(ymax) : 1;
    p->ystep = chart_nice_step(span, 5);
    p->ylo = floor(ymin / p->ystep + 1e-9) * p->ystep;
    p->yhi = ceil(ymax / p->ystep - 1e-9) * p->ystep;
    if (p->yhi <= p->ylo)
        p->yhi = p->ylo + p->ystep;
    if (p->xhi - p->xlo < 1) {
        double mid = (p->xhi + p->xlo) / 2;

        p->xlo = mid - 0.5;
        p->xhi = mid + 0.5;
    }
    for (j = 0; j <= 20; j++) {
        double v = p->ylo + j * p->ystep;

        if (v > p->yhi + p->ystep * 1e-6)
            break;
        chart_format(v, p->ystep, label, sizeof label);
        w = chart_label_width(doc, label, CHART_TEXT_PT);
        if (w > p->label_w)
            p->label_w = w;
    }
    p->label_w += 5;
}

double layout_line_height(briefing_doc *doc, const layout_chart *c, double width)
{
    line_plan p;

    line_plan_make(doc, c, width, &p);
    return p.title_h + CHART_TEXT_PT * 2.4 + p.plot_h + CHART_YEARS_H + CHART_GAP + p.legend_h +
           p.note_h;
}

/* Draws one series: lines between neighbouring points, gaps at NAN, a dot
 * where a point stands alone (or on every point of the council's line). */
static void line_draw_series(briefing_doc *doc, pdf_canvas *cv, const layout_series *s,
                             double px0, double pw, double py0, double ph, const line_plan *p)
{
    size_t j;
    int pen = 0;
    layout_rgb col = line_series_colour(doc, s->style);

    pdf_canvas_gsave(cv);
    line_series_style(doc, cv, s->style);
    for (j = 0; j < s->n; j++) {
        double x, y;

        if (isnan(s->x[j]) || isnan(s->y[j])) {
            if (pen)
                pdf_canvas_stroke(cv);
            pen = 0;
            continue;
        }
        x = px0 + (s->x[j] - p->xlo) / (p->xhi - p->xlo) * pw;
        y = py0 + (s->y[j] - p->ylo) / (p->yhi - p->ylo) * ph;
        if (!pen)
            pdf_canvas_move_to(cv, x, y);
        else
            pdf_canvas_line_to(cv, x, y);
        pen = 1;
    }
    if (pen)
        pdf_canvas_stroke(cv);
    pdf_canvas_grestore(cv);
    pdf_canvas_put_fill_colour(cv, col.r, col.g, col.b);
    for (j = 0; j < s->n; j++) {
        int alone = (j == 0 || isnan(s->y[j - 1]) || isnan(s->x[j - 1])) &&
                    (j + 1 == s->n || isnan(s->y[j + 1]) || isnan(s->x[j + 1]));

        if (isnan(s->x[j]) || isnan(s->y[j]))
            continue;
        if (alone || s->style == BRIEFING_SERIES_COUNCIL) {
            pdf_canvas_circle(cv, px0 + (s->x[j] - p->xlo) / (p->xhi - p->xlo) * pw,
                              py0 + (s->y[j] - p->ylo) / (p->yhi - p->ylo) * ph,
                              s->style == BRIEFING_SERIES_COUNCIL ? 2.2f : 1.8f);
            pdf_canvas_fill(cv);
        }
    }
}

void layout_line_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    pdf_canvas *cv = f->cv;
    const layout_rich *texts[LAYOUT_MAX_SERIES];
    const void *items[LAYOUT_MAX_SERIES];
    line_plan p;
    double y = f->y, px0, pw, py0, v, t, xstep;
    char label[64];
    int k;
    size_t i;

    line_plan_make(doc, c, f->width, &p);
    y -= chart_caption(doc, cv, PDF_ROLE_CAPTION, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    /* The unit sits above the value axis. */
    if (c->y_label.len)
        layout_draw_text(doc, cv, &c->y_label, 0, c->y_label.len, f->left,
                         y - CHART_TEXT_PT, CHART_TEXT_PT, doc->cfg.colours.secondary);
    y -= CHART_TEXT_PT * 2.4;
    py0 = y - p.plot_h;
    if (!p.has_data) {
        chart_label(doc, cv, "No data to show", f->left, py0 + p.plot_h / 2, CHART_TEXT_PT,
                    doc->cfg.colours.secondary, LAYOUT_REGULAR);
    } else {
        px0 = f->left + p.label_w;
        pw = f->width - p.label_w - 6;
        pdf_canvas_put_line_width(cv, 0.5);
        for (k = 0, v = p.ylo; v <= p.yhi + p.ystep * 1e-6 && k < CHART_MAX_TICKS;
             v = p.ylo + (++k) * p.ystep) {
            double yy = py0 + (v - p.ylo) / (p.yhi - p.ylo) * p.plot_h, w;

            chart_stroke_rgb(cv, k == 0 ? chart_axis_grey : chart_grid_grey);
            chart_line(cv, px0, yy, px0 + pw, yy);
            chart_format(v, p.ystep, label, sizeof label);
            w = chart_label_width(doc, label, CHART_TEXT_PT);
            chart_label(doc, cv, label, px0 - 5 - w, yy - CHART_TEXT_PT * 0.35, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
        }
        /* Years across: ticks at round steps inside the data's range. */
        xstep = chart_nice_step(p.xhi - p.xlo, (int)(pw / (14 * MM)) + 1);
        if (xstep < 1)
            xstep = 1;
        chart_stroke_rgb(cv, chart_axis_grey);
        for (k = 0, t = ceil(p.xlo / xstep - 1e-9) * xstep; t <= p.xhi + 1e-9 && k < CHART_MAX_TICKS;
             t += xstep, k++) {
            double xx = px0 + (t - p.xlo) / (p.xhi - p.xlo) * pw, w;

            chart_line(cv, xx, py0, xx, py0 - 3);
            snprintf(label, sizeof label, "%d", (int)lround(t));
            w = chart_label_width(doc, label, CHART_TEXT_PT);
            if (xx + w / 2 > f->right)
                xx = f->right - w / 2;
            chart_label(doc, cv, label, xx - w / 2, py0 - 3 - CHART_TEXT_PT, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
        }
        for (i = c->n_series; i-- > 0;) /* the council's line last, on top */
            if (c->series[i].style != BRIEFING_SERIES_COUNCIL)
                line_draw_series(doc, cv, &c->series[i], px0, pw, py0, p.plot_h, &p);
        for (i = 0; i < c->n_series; i++)
            if (c->series[i].style == BRIEFING_SERIES_COUNCIL)
                line_draw_series(doc, cv, &c->series[i], px0, pw, py0, p.plot_h, &p);
    }
    y = py0 - CHART_YEARS_H - CHART_GAP;
    line_legend_lists(c, texts, items);
    y -= chart_legend(doc, cv, texts, items, c->n_series, line_swatch, f->left, f->width, y, 1);
    if (p.note_h)
        chart_caption(doc, cv, PDF_ROLE_NOTE, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
}

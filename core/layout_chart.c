/*
 * layout_chart.c: charts drawn as vectors, the full text width: a title
 * above, the source note below in 8 pt.
 *
 * Line charts put years across and values up, with ticks at round numbers
 * (1, 2 or 5 times a power of ten) and a legend naming every series.
 * Timelines and judgement charts share one date axis, the configuration's
 * time_from..time_to, so that every timeline of a briefing lines up.  The
 * geometry of each chart is worked out by one "plan" function that both
 * the height (for pagination) and the drawing use, so they cannot differ.
 */
#include "layout_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "buf.h"
#include "date.h"
#include "labels.h"

#define MM LAYOUT_PT_PER_MM
#define CHART_TITLE_PT 10.0
#define CHART_TITLE_LH (CHART_TITLE_PT * 1.35)
#define CHART_NOTE_PT 8.0
#define CHART_NOTE_LH (CHART_NOTE_PT * 1.35)
#define CHART_TEXT_PT 8.0
#define CHART_GAP 4.0
#define CHART_LABEL_ROWS 3
#define CHART_MAX_TICKS 64

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
static double layout_date_years_end(briefing_date d)
{
    return date_to_years(date_last_day(d)) + 1 / 365.25;
}

/* ---- shared pieces ---- */

static void chart_stroke_rgb(HPDF_Page page, layout_rgb c)
{
    layout_set_stroke(page, c);
}

static void chart_line(HPDF_Page page, double x0, double y0, double x1, double y1)
{
    HPDF_Page_MoveTo(page, (HPDF_REAL)x0, (HPDF_REAL)y0);
    HPDF_Page_LineTo(page, (HPDF_REAL)x1, (HPDF_REAL)y1);
    HPDF_Page_Stroke(page);
}

static layout_rgb chart_mix(layout_rgb c, double t)
{
    layout_rgb m = {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t};

    return m;
}

static const layout_rgb chart_axis_grey = {0.69, 0.71, 0.71};   /* #b1b4b6 */
static const layout_rgb chart_grid_grey = {0.91, 0.91, 0.90};

/* Width of a plain text of the chart's own (tick labels, "Visit"). */
static double chart_text_width(briefing_doc *doc, const char *s, double size, int style)
{
    layout_rich r = {0};
    double w = 0;

    if (layout_rich_set(doc, &r, s, style, "chart") == BRIEFING_OK)
        w = layout_width(doc, &r, size);
    layout_rich_free(&r);
    return w;
}

static double chart_label_width(briefing_doc *doc, const char *s, double size)
{
    return chart_text_width(doc, s, size, LAYOUT_REGULAR);
}

static void chart_label(briefing_doc *doc, HPDF_Page page, const char *s, double x, double y,
                        double size, layout_rgb c, int style)
{
    layout_rich r = {0};

    if (layout_rich_set(doc, &r, s, style, "chart") == BRIEFING_OK)
        layout_draw_text(doc, page, &r, 0, r.len, x, y, size, c);
    layout_rich_free(&r);
}

/* Lines of r at size within width. */
static size_t chart_lines(briefing_doc *doc, const layout_rich *r, double width, double size)
{
    layout_line *lines;
    size_t n;

    if (r->len == 0 || layout_break_rich(doc, r, width, size, &lines, &n, NULL) != BRIEFING_OK)
        return 0;
    free(lines);
    return n;
}

/* Draws r wrapped from top down; returns the height used. */
static double chart_para(briefing_doc *doc, HPDF_Page page, const layout_rich *r, double x,
                         double top, double width, double size, double lh, layout_rgb c)
{
    layout_line *lines;
    size_t n, k;

    if (r->len == 0 || layout_break_rich(doc, r, width, size, &lines, &n, NULL) != BRIEFING_OK)
        return 0;
    for (k = 0; k < n; k++)
        layout_draw_text(doc, page, r, lines[k].start, lines[k].end, x,
                         top - k * lh - (lh - size) / 2 - 0.905 * size, size, c);
    free(lines);
    return n * lh;
}

/* Height of the title and of the note with their gaps. */
static double chart_title_h(briefing_doc *doc, const layout_chart *c, double width)
{
    size_t n = chart_lines(doc, &c->title, width, CHART_TITLE_PT);

    return n ? n * CHART_TITLE_LH + CHART_GAP : 0;
}

static double chart_note_h(briefing_doc *doc, const layout_chart *c, double width)
{
    size_t n = chart_lines(doc, &c->source_note, width, CHART_NOTE_PT);

    return n ? CHART_GAP + n * CHART_NOTE_LH : 0;
}

/* A round step (1, 2 or 5 times a power of ten) near span / n. */
static double chart_nice_step(double span, int n)
{
    double raw = span / n, p, f;

    if (!(raw > 0) || !isfinite(raw))
        return 1;
    p = pow(10, floor(log10(raw)));
    f = raw / p;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* Writes v with thousands separators and the decimals step calls for. */
static void chart_format(double v, double step, char *out, size_t size)
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

typedef struct chart_axis {
    double t0, t1;     /* decimal years */
    double x0, x1;     /* on the page */
    double step;       /* years between ticks */
} chart_axis;

static double chart_x(const chart_axis *a, double t)
{
    return a->x0 + (t - a->t0) * (a->x1 - a->x0) / (a->t1 - a->t0);
}

/* The briefing's time range; when the configuration gives none, the span
 * of the dates the chart holds (lo..hi). */
static void chart_axis_setup(const briefing_doc *doc, chart_axis *a, double lo, double hi,
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
static void chart_draw_years(briefing_doc *doc, HPDF_Page page, const chart_axis *a, double y,
                             double top)
{
    double t, lw_last = -1e9;
    int k = 0;

    HPDF_Page_SetLineWidth(page, 0.5);
    for (t = ceil(a->t0 / a->step) * a->step; t <= a->t1 + 1e-9 && k < CHART_MAX_TICKS;
         t += a->step, k++) {
        double x = chart_x(a, t), w;
        char label[16];

        if (top > y) {
            chart_stroke_rgb(page, chart_grid_grey);
            chart_line(page, x, y, x, top);
        }
        chart_stroke_rgb(page, chart_axis_grey);
        chart_line(page, x, y, x, y - 3);
        snprintf(label, sizeof label, "%d", (int)lround(t));
        w = chart_label_width(doc, label, CHART_TEXT_PT);
        /* The label stays under its tick and inside the chart. */
        if (x - w / 2 < a->x0)
            x = a->x0 + w / 2;
        if (x + w / 2 > a->x1)
            x = a->x1 - w / 2;
        if (x - w / 2 > lw_last + 2) {
            chart_label(doc, page, label, x - w / 2, y - 3 - CHART_TEXT_PT, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
            lw_last = x + w / 2;
        }
    }
    chart_stroke_rgb(page, chart_axis_grey);
    chart_line(page, a->x0, y, a->x1, y);
}

#define CHART_YEARS_H (3 + CHART_TEXT_PT * 1.4)

/* ---- labels that must not overlap ---- */

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

static void chart_rows_init(chart_rows *r, int rows)
{
    memset(r, 0, sizeof *r);
    r->rows = rows;
}

/* 1 when label [a, b) on row fits without touching another label on that
 * row, without a leader line from a row further out crossing it, and
 * without its own leader (down to px; NAN: none) crossing a label on a row
 * nearer the axis or the bars (rows count outwards from them). */
static int chart_rows_free_at(const chart_rows *r, double a, double b, double px, int row)
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
static int chart_rows_add(chart_rows *r, double a, double b, double px, int row)
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

/* Where a label stands against the point its leader drops to. */
enum { CHART_CENTRED, CHART_FROM_POINT, CHART_TO_POINT };

/* Finds and takes the best free spot for a label w wide with a leader
 * down to px, kept within lo..hi: centred over the point, or running right
 * from it, or left to it.  Best is the row nearest the axis, then a spot
 * that leaves uncovered the points still waiting for a label (pending:
 * their leaders will need to pass), then centred.  Returns the row and sets
 * *a and *align, or -1 when no row has room (or out of memory). */
static int chart_rows_place(chart_rows *r, double w, double px, double lo, double hi,
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

static void chart_rows_free(chart_rows *r)
{
    free(r->v);
}

/* ---- legend ---- */

typedef void (*chart_swatch_fn)(briefing_doc *doc, HPDF_Page page, const void *item, double x,
                                double y);

/* Legend items flow left to right and wrap; returns the height.  With
 * draw 0 only measures.  Each item: a 16 pt swatch, then its text. */
static double chart_legend(briefing_doc *doc, HPDF_Page page, const layout_rich *const *texts,
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

            swatch(doc, page, items[i], x, base + CHART_TEXT_PT * 0.3);
            layout_draw_text(doc, page, texts[i], 0, texts[i]->len, x + 20, base, CHART_TEXT_PT,
                             doc->cfg.colours.text);
        }
        x += w;
    }
    return top - y + lh;
}

/* ---- line chart ---- */

typedef struct line_plan {
    double title_h, note_h, legend_h, plot_h;
    double xlo, xhi, ylo, yhi, ystep;
    double label_w;   /* room for the y tick labels */
    int has_data;
} line_plan;

static void line_series_style(const briefing_doc *doc, HPDF_Page page, briefing_series_style s)
{
    /* Every style has its own pattern (or width), so no two series differ
     * by colour alone (WCAG 1.4.1): solid, dashed, dotted, dash-dot, long. */
    static const HPDF_UINT16 dash[] = {5, 3}, dot[] = {1, 2}, dashdot[] = {6, 2, 1, 2},
                             longdash[] = {10, 3};
    const layout_colours *c = &doc->cfg.colours;
    layout_rgb region = {0.565, 0.169, 0.533}, other = {0.157, 0.631, 0.592};

    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    switch (s) {
    case BRIEFING_SERIES_COUNCIL:
        chart_stroke_rgb(page, c->council);
        HPDF_Page_SetLineWidth(page, 2.2);
        HPDF_Page_SetDash(page, NULL, 0, 0);
        break;
    case BRIEFING_SERIES_ENGLAND:
        chart_stroke_rgb(page, c->england);
        HPDF_Page_SetLineWidth(page, 1.2);
        HPDF_Page_SetDash(page, dash, 2, 0);
        break;
    case BRIEFING_SERIES_COMPARATOR:
        chart_stroke_rgb(page, c->comparator);
        HPDF_Page_SetLineWidth(page, 1.4);
        HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
        HPDF_Page_SetDash(page, dot, 2, 0);
        break;
    case BRIEFING_SERIES_REGION:
        chart_stroke_rgb(page, region);
        HPDF_Page_SetLineWidth(page, 1.2);
        HPDF_Page_SetDash(page, dashdot, 4, 0);
        break;
    default:
        chart_stroke_rgb(page, other);
        HPDF_Page_SetLineWidth(page, 1.2);
        HPDF_Page_SetDash(page, longdash, 2, 0);
        break;
    }
}

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

static void line_swatch(briefing_doc *doc, HPDF_Page page, const void *item, double x, double y)
{
    const layout_series *s = item;

    HPDF_Page_GSave(page);
    line_series_style(doc, page, s->style);
    chart_line(page, x, y, x + 16, y);
    HPDF_Page_GRestore(page);
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

static double line_chart_height(briefing_doc *doc, const layout_chart *c, double width)
{
    line_plan p;

    line_plan_make(doc, c, width, &p);
    return p.title_h + CHART_TEXT_PT * 2.4 + p.plot_h + CHART_YEARS_H + CHART_GAP + p.legend_h +
           p.note_h;
}

/* Draws one series: lines between neighbouring points, gaps at NAN, a dot
 * where a point stands alone (or on every point of the council's line). */
static void line_draw_series(briefing_doc *doc, HPDF_Page page, const layout_series *s,
                             double px0, double pw, double py0, double ph, const line_plan *p)
{
    size_t j;
    int pen = 0;
    layout_rgb col = line_series_colour(doc, s->style);

    HPDF_Page_GSave(page);
    line_series_style(doc, page, s->style);
    for (j = 0; j < s->n; j++) {
        double x, y;

        if (isnan(s->x[j]) || isnan(s->y[j])) {
            if (pen)
                HPDF_Page_Stroke(page);
            pen = 0;
            continue;
        }
        x = px0 + (s->x[j] - p->xlo) / (p->xhi - p->xlo) * pw;
        y = py0 + (s->y[j] - p->ylo) / (p->yhi - p->ylo) * ph;
        if (!pen)
            HPDF_Page_MoveTo(page, (HPDF_REAL)x, (HPDF_REAL)y);
        else
            HPDF_Page_LineTo(page, (HPDF_REAL)x, (HPDF_REAL)y);
        pen = 1;
    }
    if (pen)
        HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
    HPDF_Page_SetRGBFill(page, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
    for (j = 0; j < s->n; j++) {
        int alone = (j == 0 || isnan(s->y[j - 1]) || isnan(s->x[j - 1])) &&
                    (j + 1 == s->n || isnan(s->y[j + 1]) || isnan(s->x[j + 1]));

        if (isnan(s->x[j]) || isnan(s->y[j]))
            continue;
        if (alone || s->style == BRIEFING_SERIES_COUNCIL) {
            HPDF_Page_Circle(page, (HPDF_REAL)(px0 + (s->x[j] - p->xlo) / (p->xhi - p->xlo) * pw),
                             (HPDF_REAL)(py0 + (s->y[j] - p->ylo) / (p->yhi - p->ylo) * ph),
                             s->style == BRIEFING_SERIES_COUNCIL ? 2.2f : 1.8f);
            HPDF_Page_Fill(page);
        }
    }
}

static void line_chart_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    HPDF_Page page = f->page;
    const layout_rich *texts[LAYOUT_MAX_SERIES];
    const void *items[LAYOUT_MAX_SERIES];
    line_plan p;
    double y = f->y, px0, pw, py0, v, t, xstep;
    char label[64];
    int k;
    size_t i;

    line_plan_make(doc, c, f->width, &p);
    y -= chart_para(doc, page, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    /* The unit sits above the value axis. */
    if (c->y_label.len)
        layout_draw_text(doc, page, &c->y_label, 0, c->y_label.len, f->left,
                         y - CHART_TEXT_PT, CHART_TEXT_PT, doc->cfg.colours.secondary);
    y -= CHART_TEXT_PT * 2.4;
    py0 = y - p.plot_h;
    if (!p.has_data) {
        chart_label(doc, page, "No data to show", f->left, py0 + p.plot_h / 2, CHART_TEXT_PT,
                    doc->cfg.colours.secondary, LAYOUT_REGULAR);
    } else {
        px0 = f->left + p.label_w;
        pw = f->width - p.label_w - 6;
        HPDF_Page_SetLineWidth(page, 0.5);
        for (k = 0, v = p.ylo; v <= p.yhi + p.ystep * 1e-6 && k < CHART_MAX_TICKS;
             v = p.ylo + (++k) * p.ystep) {
            double yy = py0 + (v - p.ylo) / (p.yhi - p.ylo) * p.plot_h, w;

            chart_stroke_rgb(page, k == 0 ? chart_axis_grey : chart_grid_grey);
            chart_line(page, px0, yy, px0 + pw, yy);
            chart_format(v, p.ystep, label, sizeof label);
            w = chart_label_width(doc, label, CHART_TEXT_PT);
            chart_label(doc, page, label, px0 - 5 - w, yy - CHART_TEXT_PT * 0.35, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
        }
        /* Years across: ticks at round steps inside the data's range. */
        xstep = chart_nice_step(p.xhi - p.xlo, (int)(pw / (14 * MM)) + 1);
        if (xstep < 1)
            xstep = 1;
        chart_stroke_rgb(page, chart_axis_grey);
        for (k = 0, t = ceil(p.xlo / xstep - 1e-9) * xstep; t <= p.xhi + 1e-9 && k < CHART_MAX_TICKS;
             t += xstep, k++) {
            double xx = px0 + (t - p.xlo) / (p.xhi - p.xlo) * pw, w;

            chart_line(page, xx, py0, xx, py0 - 3);
            snprintf(label, sizeof label, "%d", (int)lround(t));
            w = chart_label_width(doc, label, CHART_TEXT_PT);
            if (xx + w / 2 > f->right)
                xx = f->right - w / 2;
            chart_label(doc, page, label, xx - w / 2, py0 - 3 - CHART_TEXT_PT, CHART_TEXT_PT,
                        doc->cfg.colours.secondary, LAYOUT_REGULAR);
        }
        for (i = c->n_series; i-- > 0;) /* the council's line last, on top */
            if (c->series[i].style != BRIEFING_SERIES_COUNCIL)
                line_draw_series(doc, page, &c->series[i], px0, pw, py0, p.plot_h, &p);
        for (i = 0; i < c->n_series; i++)
            if (c->series[i].style == BRIEFING_SERIES_COUNCIL)
                line_draw_series(doc, page, &c->series[i], px0, pw, py0, p.plot_h, &p);
    }
    y = py0 - CHART_YEARS_H - CHART_GAP;
    line_legend_lists(c, texts, items);
    y -= chart_legend(doc, page, texts, items, c->n_series, line_swatch, f->left, f->width, y, 1);
    if (p.note_h)
        chart_para(doc, page, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
}

/* ---- timeline ---- */

#define TL_BAR_H 13.0
#define TL_ROW_GAP 3.0
#define TL_LABEL_LH (CHART_TEXT_PT * 1.3)
#define TL_LANE_PT 8.0

/* Where a bar and its label go. */
typedef struct tl_bar_plan {
    int skip;          /* wholly outside the axis */
    double x0, x1;     /* on the page */
    size_t lane;
    int sub;           /* row within the lane, for bars that overlap */
    int where;         /* 0 inside, 1 beside, 2 in a label row, 3 none */
    int label_row;
    double label_x;
    double leader_x;   /* in a label row: where its leader line leaves the bar */
    size_t label_end;  /* bytes of the label drawn (shortened ends with an ellipsis) */
    int ellipsis;
} tl_bar_plan;

typedef struct tl_plan {
    double title_h, note_h, legend_h, lane_w;
    chart_axis axis;
    size_t n_lanes;
    size_t *lane_of_first;  /* per lane: index of the first bar naming it */
    int *subs;              /* per lane: bar rows */
    int *label_rows;        /* per lane: label rows under the bars */
    double *lane_h;         /* per lane: height */
    tl_bar_plan *bars;
    layout_rich unlabelled; /* "Not labelled for lack of room: ..." or empty */
    double unlabelled_h;
} tl_plan;

static void tl_plan_free(tl_plan *p)
{
    free(p->lane_of_first);
    free(p->subs);
    free(p->label_rows);
    free(p->lane_h);
    free(p->bars);
    layout_rich_free(&p->unlabelled);
}

static int tl_same(const layout_rich *a, const layout_rich *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->text, b->text, a->len) == 0);
}

/* The longest prefix of r (at a character boundary) that, with an
 * ellipsis, fits width; 0 when not even one character does. */
static size_t tl_shorten(briefing_doc *doc, const layout_rich *r, double width, double size)
{
    double ell = chart_label_width(doc, "\xe2\x80\xa6", size), w = 0;
    size_t pos = 0, fit = 0;

    while (pos < r->len) {
        size_t next = pos + 1;

        while (next < r->len && ((unsigned char)r->text[next] & 0xc0) == 0x80)
            next++;
        w += layout_rich_width(doc, r, pos, next, size);
        if (w + ell > width)
            break;
        pos = next;
        if (r->text[pos - 1] != ' ')
            fit = pos;
    }
    return fit;
}

/* Adds the bars of a lane to occ, each on its bar row (row = sub): with
 * the labels later set beside them, what a label beside a bar or a leader
 * line must not touch. */
static int tl_occupy(const tl_plan *p, size_t n, size_t lane, chart_rows *occ)
{
    size_t j;

    for (j = 0; j < n; j++)
        if (!p->bars[j].skip && p->bars[j].lane == lane &&
            chart_rows_add(occ, p->bars[j].x0, p->bars[j].x1, NAN, p->bars[j].sub) != 0)
            return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

/* Beside its bar on the bar's own row: to the right when there is room
 * before the next bar or label, else to the left.  1 when placed. */
static int tl_beside(tl_plan *p, tl_bar_plan *b, double lw, chart_rows *occ)
{
    double right = b->x1 + 3, left = b->x0 - 3 - lw;

    /* The bar itself is in occ; the label keeps 3 pt from it either way. */
    if (right + lw <= p->axis.x1 && chart_rows_free_at(occ, right, right + lw, NAN, b->sub))
        b->label_x = right;
    else if (left >= p->axis.x0 && chart_rows_free_at(occ, left, left + lw, NAN, b->sub))
        b->label_x = left;
    else
        return 0;
    b->where = 1;
    return chart_rows_add(occ, b->label_x, b->label_x + lw, NAN, b->sub) == 0;
}

/* Where a leader line can drop from bar b through the bar rows under it
 * without touching a bar or label there: the bar's middle, else near one
 * of its ends.  NAN: nowhere. */
static double tl_leader_x(const tl_bar_plan *b, const chart_rows *occ)
{
    double xs[3] = {(b->x0 + b->x1) / 2, b->x0 + 1.5, b->x1 - 1.5};
    size_t i, k;

    for (k = 0; k < 3; k++) {
        int clear = 1;

        for (i = 0; i < occ->n && clear; i++)
            clear = occ->v[i].row <= b->sub || xs[k] < occ->v[i].a - 1 || xs[k] > occ->v[i].b + 1;
        if (clear)
            return xs[k];
    }
    return NAN;
}

/* Finds where bar b's leader line can drop (NAN: nowhere) and keeps that
 * line clear on every bar row under b, for labels set beside lower bars. */
static int tl_reserve_leader(tl_plan *p, tl_bar_plan *b, size_t lane, chart_rows *occ)
{
    int sub;

    b->leader_x = tl_leader_x(b, occ);
    if (isnan(b->leader_x))
        return BRIEFING_OK;
    for (sub = b->sub + 1; sub < p->subs[lane]; sub++)
        if (chart_rows_add(occ, b->leader_x - 0.5, b->leader_x + 0.5, NAN, sub) != 0)
            return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

/* Labels of one lane.  Each goes inside its bar when it fits, else beside
 * it, else on a label row under the lane with a leader line up to the bar
 * (in date order, leaving the later bars' leaders free), else shortened
 * inside a wide enough bar.  A label with no room anywhere is named in
 * *unlabelled instead.  Never over another label or a bar. */
static int tl_place_lane(briefing_doc *doc, const layout_chart *c, tl_plan *p, size_t lane,
                         buf *unlabelled)
{
    size_t n = c->n_bars, j, k, n_rowed = 0, *rowed = calloc(n, sizeof *rowed);
    double *px = calloc(n, sizeof *px);
    chart_rows occ, rows;
    int st = BRIEFING_OK, sub;

    chart_rows_init(&rows, CHART_LABEL_ROWS);
    chart_rows_init(&occ, 0);
    if (rowed == NULL || px == NULL || tl_occupy(p, n, lane, &occ) != BRIEFING_OK) {
        st = BRIEFING_ERR_NOMEM;
        goto out;
    }
    /* Bar row by bar row from the top, so that a leader line reserved on
     * the rows under its bar keeps labels set beside lower bars off it. */
    for (sub = 0; sub < p->subs[lane]; sub++) {
        for (j = 0; j < n; j++) {
            tl_bar_plan *b = &p->bars[j];
            const layout_rich *label = &c->bars[j].label;
            double lw = layout_width(doc, label, CHART_TEXT_PT);

            if (b->skip || b->lane != lane || b->sub != sub)
                continue;
            b->label_end = label->len;
            b->where = 3;
            if (label->len == 0)
                continue;
            if (lw + 6 <= b->x1 - b->x0) {
                b->where = 0;
                b->label_x = b->x0 + 3;
                continue;
            }
            if (tl_beside(p, b, lw, &occ))
                continue;
            if (tl_reserve_leader(p, b, lane, &occ) != BRIEFING_OK) {
                st = BRIEFING_ERR_NOMEM;
                goto out;
            }
            /* Label rows go in date order once the rest is settled. */
            for (k = n_rowed++; k > 0 && p->bars[rowed[k - 1]].x0 > b->x0; k--)
                rowed[k] = rowed[k - 1];
            rowed[k] = j;
        }
    }
    for (k = 0; k < n_rowed; k++)
        px[k] = p->bars[rowed[k]].leader_x;
    for (k = 0; k < n_rowed; k++) {
        tl_bar_plan *b = &p->bars[rowed[k]];
        const layout_rich *label = &c->bars[rowed[k]].label;
        double lw = layout_width(doc, label, CHART_TEXT_PT);
        int align, row = -1;

        if (!isnan(b->leader_x))
            row = chart_rows_place(&rows, lw, b->leader_x, p->axis.x0, p->axis.x1, px + k + 1,
                                   n_rowed - k - 1, &b->label_x, &align);
        if (row >= 0) {
            b->where = 2;
            b->label_row = row;
            if (row + 1 > p->label_rows[lane])
                p->label_rows[lane] = row + 1;
        } else if (b->x1 - b->x0 >= 30 &&
                   (b->label_end = tl_shorten(doc, label, b->x1 - b->x0 - 6, CHART_TEXT_PT)) >= 3) {
            b->where = 0;
            b->ellipsis = 1;
            b->label_x = b->x0 + 3;
        } else {
            b->label_end = label->len;
            /* A label that would take the note past the paragraph limit is
             * left out of it: a few very long names in the data must not
             * fail the briefing (this was reported as out of memory). */
            if (unlabelled->len + label->len + 40 > unlabelled->max)
                continue;
            if (buf_adds(unlabelled, unlabelled->len ? ", " : "Not labelled for lack of room: ") ||
                buf_add(unlabelled, label->text, label->len)) {
                st = BRIEFING_ERR_NOMEM;
                goto out;
            }
        }
    }
out:
    if (st == BRIEFING_OK && (occ.nomem || rows.nomem))
        st = BRIEFING_ERR_NOMEM; /* a label would stand where there was no room */
    chart_rows_free(&occ);
    chart_rows_free(&rows);
    free(rowed);
    free(px);
    return st;
}

/* The labels of every lane, and the note naming any left unlabelled. */
static int tl_place_labels(briefing_doc *doc, const layout_chart *c, tl_plan *p)
{
    buf unlabelled;
    size_t lane;
    int st = BRIEFING_OK;

    buf_init(&unlabelled, LAYOUT_MAX_TEXT - 2);
    for (lane = 0; lane < p->n_lanes && st == BRIEFING_OK; lane++)
        st = tl_place_lane(doc, c, p, lane, &unlabelled);
    if (st == BRIEFING_OK && unlabelled.len) {
        if (buf_adds(&unlabelled, ".") != 0)
            st = BRIEFING_ERR_NOMEM;
        else
            st = layout_rich_set(doc, &p->unlabelled, unlabelled.data, LAYOUT_REGULAR, "timeline");
    }
    buf_free(&unlabelled);
    return st;
}

static int tl_plan_make(briefing_doc *doc, const layout_chart *c, double x0, double width,
                        tl_plan *p)
{
    const layout_rich *texts[2];
    size_t i, j, n = c->n_bars;
    double lo = INFINITY, hi = -INFINITY, as_of;
    const void *items[2];
    size_t n_leg = 0;
    int st;

    memset(p, 0, sizeof *p);
    p->title_h = chart_title_h(doc, c, width);
    p->note_h = chart_note_h(doc, c, width);
    if (n == 0)
        return BRIEFING_OK;
    p->lane_of_first = calloc(n, sizeof *p->lane_of_first);
    p->subs = calloc(n, sizeof *p->subs);
    p->label_rows = calloc(n, sizeof *p->label_rows);
    p->lane_h = calloc(n, sizeof *p->lane_h);
    p->bars = calloc(n, sizeof *p->bars);
    if (!p->lane_of_first || !p->subs || !p->label_rows || !p->lane_h || !p->bars)
        return BRIEFING_ERR_NOMEM;
    /* Lanes in the order they first appear; their names on the left. */
    for (i = 0; i < n; i++) {
        for (j = 0; j < p->n_lanes; j++)
            if (tl_same(&c->bars[p->lane_of_first[j]].lane, &c->bars[i].lane))
                break;
        if (j == p->n_lanes) {
            double w = layout_width(doc, &c->bars[i].lane, TL_LANE_PT);

            p->lane_of_first[p->n_lanes++] = i;
            if (w > p->lane_w)
                p->lane_w = w;
        }
        p->bars[i].lane = j;
    }
    if (p->lane_w > width * 0.22)
        p->lane_w = width * 0.22;
    p->lane_w += 6;
    as_of = layout_date_ok(doc->cfg.as_of) ? layout_date_years_end(doc->cfg.as_of) : NAN;
    for (i = 0; i < n; i++) {
        const layout_bar *b = &c->bars[i];
        double s = layout_date_ok(b->start) ? date_to_years(b->start) : NAN;
        double e = layout_date_ok(b->end) ? layout_date_years_end(b->end) : as_of;

        if (isnan(s))
            s = e;
        if (isnan(e) || e < s)
            e = s;
        if (s < lo) lo = s;
        if (e > hi) hi = e;
        p->bars[i].x0 = s; /* years for now */
        p->bars[i].x1 = e;
        p->bars[i].skip = isnan(s);
    }
    chart_axis_setup(doc, &p->axis, lo, hi, x0 + p->lane_w, x0 + width - 2);
    for (i = 0; i < n; i++) {
        tl_bar_plan *b = &p->bars[i];

        if (b->skip || b->x1 < p->axis.t0 || b->x0 > p->axis.t1) {
            b->skip = 1;
            continue;
        }
        b->x0 = chart_x(&p->axis, b->x0 < p->axis.t0 ? p->axis.t0 : b->x0);
        b->x1 = chart_x(&p->axis, b->x1 > p->axis.t1 ? p->axis.t1 : b->x1);
        /* A hairline of white between one tenure and the next. */
        if (b->x1 - b->x0 > 3)
            b->x1 -= 0.8;
        if (b->x1 - b->x0 < 1.5)
            b->x1 = b->x0 + 1.5;
    }
    /* Bars that overlap in time within a lane go on rows of their own. */
    for (i = 0; i < n; i++) {
        tl_bar_plan *b = &p->bars[i];
        int sub;

        if (b->skip)
            continue;
        for (sub = 0;; sub++) {
            int clash = 0;

            for (j = 0; j < i && !clash; j++)
                clash = !p->bars[j].skip && p->bars[j].lane == b->lane && p->bars[j].sub == sub &&
                        p->bars[j].x0 < b->x1 - 0.5 && b->x0 < p->bars[j].x1 - 0.5;
            if (!clash)
                break;
        }
        b->sub = sub;
        if (sub + 1 > p->subs[b->lane])
            p->subs[b->lane] = sub + 1;
    }
    if ((st = tl_place_labels(doc, c, p)) != BRIEFING_OK)
        return st;
    if (p->unlabelled.len)
        p->unlabelled_h = CHART_GAP + chart_lines(doc, &p->unlabelled, width, CHART_NOTE_PT) *
                                          CHART_NOTE_LH;
    for (i = 0; i < p->n_lanes; i++) {
        double name_h = chart_lines(doc, &c->bars[p->lane_of_first[i]].lane, p->lane_w - 6,
                                    TL_LANE_PT) * TL_LANE_PT * 1.2;
        double bars_h = p->subs[i] * (TL_BAR_H + 2) + p->label_rows[i] * TL_LABEL_LH;

        p->lane_h[i] = (bars_h > name_h ? bars_h : name_h) + TL_ROW_GAP;
    }
    if (c->legend_solid.len)
        texts[n_leg] = &c->legend_solid, items[n_leg++] = "s";
    if (c->legend_tentative.len)
        texts[n_leg] = &c->legend_tentative, items[n_leg++] = "t";
    p->legend_h = n_leg ? CHART_GAP + chart_legend(doc, NULL, texts, items, n_leg, NULL, 0,
                                                   width, 0, 0)
                        : 0;
    return BRIEFING_OK;
}

/* Fills a bar; a tentative one lighter and hatched. */
static void tl_draw_bar(briefing_doc *doc, HPDF_Page page, double x0, double y0, double x1,
                        double h, int tentative)
{
    layout_rgb accent = doc->cfg.colours.accent;
    double x;

    if (!tentative) {
        layout_fill_rect(page, x0, y0, x1 - x0, h, accent);
        return;
    }
    layout_fill_rect(page, x0, y0, x1 - x0, h, chart_mix(accent, 0.72));
    HPDF_Page_GSave(page);
    HPDF_Page_Rectangle(page, (HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)(x1 - x0), (HPDF_REAL)h);
    HPDF_Page_Clip(page);
    HPDF_Page_EndPath(page);
    chart_stroke_rgb(page, chart_mix(accent, 0.35));
    HPDF_Page_SetLineWidth(page, 0.6);
    for (x = x0 - h; x < x1; x += 4) {
        HPDF_Page_MoveTo(page, (HPDF_REAL)x, (HPDF_REAL)y0);
        HPDF_Page_LineTo(page, (HPDF_REAL)(x + h), (HPDF_REAL)(y0 + h));
    }
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
    chart_stroke_rgb(page, accent);
    HPDF_Page_SetLineWidth(page, 0.6);
    HPDF_Page_Rectangle(page, (HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)(x1 - x0), (HPDF_REAL)h);
    HPDF_Page_Stroke(page);
}

static void tl_swatch(briefing_doc *doc, HPDF_Page page, const void *item, double x, double y)
{
    tl_draw_bar(doc, page, x, y - 4, x + 16, 8, *(const char *)item == 't');
}

static double timeline_height(briefing_doc *doc, const layout_chart *c, double width)
{
    tl_plan p;
    double h;
    size_t i;

    if (tl_plan_make(doc, c, 0, width, &p) != BRIEFING_OK) {
        tl_plan_free(&p);
        doc->nomem = 1; /* the page would be laid out around a guess */
        return 60 * MM;
    }
    h = p.title_h + CHART_YEARS_H + p.legend_h + p.unlabelled_h + p.note_h + 4;
    for (i = 0; i < p.n_lanes; i++)
        h += p.lane_h[i];
    if (c->n_bars == 0)
        h += 20;
    tl_plan_free(&p);
    return h;
}

static int timeline_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    HPDF_Page page = f->page;
    const layout_rich *texts[2];
    const void *items[2];
    size_t n_leg = 0, i, j;
    double y = f->y, top;
    layout_rgb white = {1, 1, 1};
    tl_plan p;

    if (tl_plan_make(doc, c, f->left, f->width, &p) != BRIEFING_OK) {
        tl_plan_free(&p);
        return diag_set(f->d, BRIEFING_ERR_NOMEM, "layout: out of memory drawing a timeline");
    }
    y -= chart_para(doc, page, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    if (c->n_bars == 0) {
        chart_label(doc, page, "Nothing to show", f->left, y - 12, CHART_TEXT_PT,
                    doc->cfg.colours.secondary, LAYOUT_REGULAR);
        y -= 20;
        chart_axis_setup(doc, &p.axis, NAN, NAN, f->left, f->right);
    }
    top = y;
    /* Gridlines first, under the bars. */
    for (i = 0; i < p.n_lanes; i++)
        y -= p.lane_h[i];
    chart_draw_years(doc, page, &p.axis, y, top);
    y = top;
    for (i = 0; i < p.n_lanes; i++) {
        double lane_top = y;

        chart_para(doc, page, &c->bars[p.lane_of_first[i]].lane, f->left,
                   lane_top - 1 - (TL_BAR_H - TL_LANE_PT * 1.2) / 2, p.lane_w - 6, TL_LANE_PT,
                   TL_LANE_PT * 1.2, doc->cfg.colours.secondary);
        for (j = 0; j < c->n_bars; j++) {
            const tl_bar_plan *b = &p.bars[j];
            const layout_bar *bar = &c->bars[j];
            double by = lane_top - 1 - b->sub * (TL_BAR_H + 2) - TL_BAR_H, base;
            layout_rgb ink = bar->tentative ? doc->cfg.colours.text : white;

            if (b->skip || b->lane != i)
                continue;
            tl_draw_bar(doc, page, b->x0, by, b->x1, TL_BAR_H, bar->tentative);
            if (b->where == 3)
                continue;
            if (b->where == 2) {
                base = lane_top - 1 - p.subs[i] * (TL_BAR_H + 2) - b->label_row * TL_LABEL_LH -
                       TL_LABEL_LH + (TL_LABEL_LH - CHART_TEXT_PT) / 2 + 0.2 * CHART_TEXT_PT;
                ink = doc->cfg.colours.text;
                HPDF_Page_SetLineWidth(page, 0.4);
                chart_stroke_rgb(page, doc->cfg.colours.secondary);
                chart_line(page, b->leader_x, by, b->leader_x, base + CHART_TEXT_PT * 0.8);
            } else {
                base = by + (TL_BAR_H - CHART_TEXT_PT * 0.7) / 2;
                if (b->where == 1)
                    ink = doc->cfg.colours.text;
            }
            layout_draw_text(doc, page, &bar->label, 0, b->label_end, b->label_x, base,
                             CHART_TEXT_PT, ink);
            if (b->ellipsis)
                chart_label(doc, page, "\xe2\x80\xa6",
                            b->label_x + layout_rich_width(doc, &bar->label, 0, b->label_end,
                                                           CHART_TEXT_PT),
                            base, CHART_TEXT_PT, ink, LAYOUT_REGULAR);
        }
        y -= p.lane_h[i];
    }
    y -= CHART_YEARS_H + 4;
    if (c->legend_solid.len)
        texts[n_leg] = &c->legend_solid, items[n_leg++] = "s";
    if (c->legend_tentative.len)
        texts[n_leg] = &c->legend_tentative, items[n_leg++] = "t";
    if (n_leg)
        y -= CHART_GAP + chart_legend(doc, page, texts, items, n_leg, tl_swatch, f->left, f->width,
                                      y - CHART_GAP, 1);
    if (p.unlabelled_h)
        y -= CHART_GAP + chart_para(doc, page, &p.unlabelled, f->left, y - CHART_GAP, f->width,
                                    CHART_NOTE_PT, CHART_NOTE_LH, doc->cfg.colours.secondary);
    if (p.note_h)
        chart_para(doc, page, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
    tl_plan_free(&p);
    return BRIEFING_OK;
}

/* ---- judgement chart ---- */

#define JC_ROW_H (CHART_TEXT_PT * 2.5)
#define JC_DOT_R 5.0
#define JC_VISIT_R 3.0
#define JC_LABEL_ROWS 4

typedef struct jc_mark_plan {
    double x;
    int row;        /* -1: no room for a label */
    int short_form; /* the grade's abbreviation instead of its word */
    double lx, lw;  /* the label's box */
    int align;      /* CHART_CENTRED, _FROM_POINT or _TO_POINT: how its lines align */
} jc_mark_plan;

typedef struct jc_plan {
    double title_h, note_h, legend_h;
    chart_axis axis;
    int rows;
    jc_mark_plan *marks;
    int grades[BRIEFING_JUDGEMENT_INADEQUATE + 1]; /* which appear, for the legend */
} jc_plan;

static const char *jc_short(briefing_judgement j)
{
    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING: return "O";
    case BRIEFING_JUDGEMENT_GOOD: return "G";
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT: return "RI";
    case BRIEFING_JUDGEMENT_ADEQUATE: return "A";
    case BRIEFING_JUDGEMENT_INADEQUATE: return "I";
    default: return "";
    }
}

/* The first line of a mark's label: the grade (or its abbreviation), or
 * for a visit its own label. */
static const char *jc_line1(const layout_mark *m, int short_form)
{
    if (m->judgement == BRIEFING_JUDGEMENT_NONE)
        return m->label.len ? NULL : "Visit";
    return short_form ? jc_short(m->judgement) : labels_judgement(m->judgement);
}

/* A judgement's word is bold; a visit's is not. */
static int jc_line1_style(const layout_mark *m)
{
    return m->judgement != BRIEFING_JUDGEMENT_NONE ? LAYOUT_BOLD : LAYOUT_REGULAR;
}

/* x of a line w wide in a label's box, aligned towards its leader. */
static double jc_line_x(const jc_mark_plan *m, double w)
{
    if (m->align == CHART_CENTRED)
        return m->lx + (m->lw - w) / 2;
    return m->align == CHART_TO_POINT ? m->lx + m->lw - w : m->lx;
}

static double jc_label_width(briefing_doc *doc, const layout_mark *m, int short_form)
{
    const char *l1 = jc_line1(m, short_form);
    double w1 = l1 ? chart_text_width(doc, l1, CHART_TEXT_PT, jc_line1_style(m)) : 0;
    double w2 = m->label.len ? layout_width(doc, &m->label, CHART_TEXT_PT) : 0;

    return w1 > w2 ? w1 : w2;
}

/* A legend item: one grade. */
typedef struct jc_legend_item {
    briefing_judgement j;
} jc_legend_item;

static void jc_swatch(briefing_doc *doc, HPDF_Page page, const void *item, double x, double y)
{
    const jc_legend_item *it = item;
    layout_rgb c = layout_grade_mark(doc, it->j);

    HPDF_Page_SetRGBFill(page, (HPDF_REAL)c.r, (HPDF_REAL)c.g, (HPDF_REAL)c.b);
    HPDF_Page_Circle(page, (HPDF_REAL)(x + 8), (HPDF_REAL)y,
                     (HPDF_REAL)(it->j == BRIEFING_JUDGEMENT_NONE ? JC_VISIT_R : JC_DOT_R - 1));
    HPDF_Page_Fill(page);
}

static const jc_legend_item jc_items[] = {
    {BRIEFING_JUDGEMENT_NONE},     {BRIEFING_JUDGEMENT_OUTSTANDING},
    {BRIEFING_JUDGEMENT_GOOD},     {BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT},
    {BRIEFING_JUDGEMENT_ADEQUATE}, {BRIEFING_JUDGEMENT_INADEQUATE},
};

/* The legend's entries: the grades the chart shows, best first, visits last. */
static size_t jc_legend_lists(briefing_doc *doc, const jc_plan *p, const layout_rich **texts,
                              const void **items, layout_rich *visit)
{
    static const int order[] = {1, 2, 3, 4, 5, 0};
    size_t n = 0, i;

    for (i = 0; i < 6; i++) {
        int j = order[i];

        if (!p->grades[j])
            continue;
        texts[n] = j ? &doc->grade[j] : visit;
        items[n++] = &jc_items[j];
    }
    return n;
}

/* The marks on the axis in date order: their indices (*order) and their
 * x (*xs), n of them; both malloc'd. */
static int jc_order(const jc_plan *p, size_t n_marks, size_t **order, double **xs, size_t *n)
{
    size_t i, k;

    *n = 0;
    *order = malloc((n_marks ? n_marks : 1) * sizeof **order);
    *xs = malloc((n_marks ? n_marks : 1) * sizeof **xs);
    if (*order == NULL || *xs == NULL) {
        free(*order);
        free(*xs);
        return BRIEFING_ERR_NOMEM;
    }
    /* Insertion sort: at most LAYOUT_MAX_MARKS, and stable for equal dates. */
    for (i = 0; i < n_marks; i++) {
        double x = p->marks[i].x;

        if (isnan(x))
            continue;
        for (k = (*n)++; k > 0 && (*xs)[k - 1] > x; k--) {
            (*xs)[k] = (*xs)[k - 1];
            (*order)[k] = (*order)[k - 1];
        }
        (*xs)[k] = x;
        (*order)[k] = i;
    }
    return BRIEFING_OK;
}

static int jc_plan_make(briefing_doc *doc, const layout_chart *c, double x0, double width,
                        jc_plan *p, layout_rich *visit)
{
    const layout_rich *texts[6];
    const void *items[6];
    double lo = INFINITY, hi = -INFINITY, *xs;
    chart_rows rows;
    size_t i, k, n, *order;

    memset(p, 0, sizeof *p);
    p->title_h = chart_title_h(doc, c, width);
    p->note_h = chart_note_h(doc, c, width);
    p->rows = 1;
    if (c->n_marks && (p->marks = calloc(c->n_marks, sizeof *p->marks)) == NULL)
        return BRIEFING_ERR_NOMEM;
    for (i = 0; i < c->n_marks; i++) {
        double t = layout_date_ok(c->marks[i].date) ? date_to_years(c->marks[i].date) : NAN;

        p->marks[i].x = t;
        p->marks[i].row = -1;
        if (!isnan(t)) {
            if (t < lo) lo = t;
            if (t > hi) hi = t;
        }
    }
    chart_axis_setup(doc, &p->axis, lo, hi, x0 + JC_DOT_R + 1, x0 + width - JC_DOT_R - 1);
    for (i = 0; i < c->n_marks; i++) {
        jc_mark_plan *m = &p->marks[i];

        if (isnan(m->x) || m->x < p->axis.t0 || m->x > p->axis.t1) {
            m->x = NAN;
            continue;
        }
        m->x = chart_x(&p->axis, m->x);
        p->grades[c->marks[i].judgement] = 1;
    }
    /* Labels go on rows above the axis, in date order, each where it
     * leaves the later points free for their own leaders; a judgement
     * that finds no room with its word gets its grade's abbreviation.  A
     * label that finds no room even so is left out; its point's colour is
     * then named by the legend. */
    if (jc_order(p, c->n_marks, &order, &xs, &n) != BRIEFING_OK)
        return BRIEFING_ERR_NOMEM;
    chart_rows_init(&rows, JC_LABEL_ROWS);
    for (int pass = 0; pass < 2; pass++) {
        for (k = 0; k < n; k++) {
            jc_mark_plan *m = &p->marks[order[k]];
            const layout_mark *mk = &c->marks[order[k]];

            if (m->row >= 0 || (pass == 1 && mk->judgement == BRIEFING_JUDGEMENT_NONE))
                continue;
            m->short_form = pass == 1;
            m->lw = jc_label_width(doc, mk, m->short_form);
            m->row = chart_rows_place(&rows, m->lw, m->x, x0, x0 + width, xs + k + 1,
                                      pass == 0 ? n - k - 1 : 0, &m->lx, &m->align);
            if (m->row + 1 > p->rows)
                p->rows = m->row + 1;
        }
    }
    free(order);
    free(xs);
    chart_rows_free(&rows);
    if (rows.nomem)
        return BRIEFING_ERR_NOMEM; /* a label would be shortened for want of memory */
    p->legend_h = CHART_GAP + chart_legend(doc, NULL, texts, items,
                                           jc_legend_lists(doc, p, texts, items, visit), jc_swatch,
                                           0, width, 0, 0);
    return BRIEFING_OK;
}

static int jc_visit_text(briefing_doc *doc, layout_rich *visit)
{
    return layout_rich_set(doc, visit, "Visit (no judgement)", LAYOUT_REGULAR, "chart");
}

static double judgement_height(briefing_doc *doc, const layout_chart *c, double width)
{
    jc_plan p;
    layout_rich visit = {0};
    double h;

    jc_visit_text(doc, &visit);
    if (jc_plan_make(doc, c, 0, width, &p, &visit) != BRIEFING_OK) {
        free(p.marks);
        layout_rich_free(&visit);
        doc->nomem = 1; /* the page would be laid out around a guess */
        return 50 * MM;
    }
    h = p.title_h + p.rows * JC_ROW_H + 4 + JC_DOT_R * 2 + CHART_YEARS_H + p.legend_h + p.note_h;
    free(p.marks);
    layout_rich_free(&visit);
    return h;
}

static int judgement_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    HPDF_Page page = f->page;
    const layout_rich *texts[6];
    const void *items[6];
    layout_rich visit = {0};
    double y = f->y, axis_y, top;
    size_t i, n_leg;
    jc_plan p;

    jc_visit_text(doc, &visit);
    if (jc_plan_make(doc, c, f->left, f->width, &p, &visit) != BRIEFING_OK) {
        free(p.marks);
        layout_rich_free(&visit);
        return diag_set(f->d, BRIEFING_ERR_NOMEM, "layout: out of memory drawing a chart");
    }
    y -= chart_para(doc, page, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    top = y;
    axis_y = top - p.rows * JC_ROW_H - 4 - JC_DOT_R;
    chart_draw_years(doc, page, &p.axis, axis_y - JC_DOT_R, top);
    chart_stroke_rgb(page, chart_axis_grey);
    HPDF_Page_SetLineWidth(page, 0.5);
    chart_line(page, p.axis.x0, axis_y, p.axis.x1, axis_y);
    for (i = 0; i < c->n_marks; i++) {
        const jc_mark_plan *m = &p.marks[i];
        const layout_mark *mk = &c->marks[i];
        layout_rgb col = layout_grade_mark(doc, mk->judgement);
        int judged = mk->judgement != BRIEFING_JUDGEMENT_NONE;
        const char *l1;
        double ly, r = judged ? JC_DOT_R : JC_VISIT_R;

        if (isnan(m->x))
            continue;
        if (m->row >= 0) {
            /* The label on its row, a leader line down to the point. */
            ly = axis_y + JC_DOT_R + 4 + (m->row + 1) * JC_ROW_H;
            l1 = jc_line1(mk, m->short_form);
            if (l1) {
                double w1 = chart_text_width(doc, l1, CHART_TEXT_PT, jc_line1_style(mk));

                chart_label(doc, page, l1, jc_line_x(m, w1), ly - CHART_TEXT_PT, CHART_TEXT_PT,
                            judged ? doc->cfg.colours.text : doc->cfg.colours.secondary,
                            jc_line1_style(mk));
                ly -= CHART_TEXT_PT * 1.15;
            }
            if (mk->label.len) {
                double w2 = layout_width(doc, &mk->label, CHART_TEXT_PT);

                layout_draw_text(doc, page, &mk->label, 0, mk->label.len, jc_line_x(m, w2),
                                 ly - CHART_TEXT_PT, CHART_TEXT_PT, doc->cfg.colours.secondary);
                ly -= CHART_TEXT_PT * 1.15;
            }
            HPDF_Page_SetLineWidth(page, 0.4);
            chart_stroke_rgb(page, chart_axis_grey);
            chart_line(page, m->x, ly - 1, m->x, axis_y + r);
        }
        HPDF_Page_SetRGBFill(page, 1, 1, 1);
        HPDF_Page_Circle(page, (HPDF_REAL)m->x, (HPDF_REAL)axis_y, (HPDF_REAL)(r + 1));
        HPDF_Page_Fill(page);
        HPDF_Page_SetRGBFill(page, (HPDF_REAL)col.r, (HPDF_REAL)col.g, (HPDF_REAL)col.b);
        HPDF_Page_Circle(page, (HPDF_REAL)m->x, (HPDF_REAL)axis_y, (HPDF_REAL)r);
        HPDF_Page_Fill(page);
    }
    y = axis_y - JC_DOT_R - CHART_YEARS_H;
    n_leg = jc_legend_lists(doc, &p, texts, items, &visit);
    y -= CHART_GAP + chart_legend(doc, page, texts, items, n_leg, jc_swatch, f->left, f->width,
                                  y - CHART_GAP, 1);
    if (p.note_h)
        chart_para(doc, page, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
    free(p.marks);
    layout_rich_free(&visit);
    return BRIEFING_OK;
}

/* ---- entry points ---- */

double layout_chart_height(briefing_doc *doc, const layout_block *b, double width)
{
    switch (b->kind) {
    case LAYOUT_LINE_CHART: return line_chart_height(doc, b->chart, width);
    case LAYOUT_TIMELINE: return timeline_height(doc, b->chart, width);
    default: return judgement_height(doc, b->chart, width);
    }
}

int layout_chart_draw(layout_flow *f, const layout_block *b)
{
    double h = layout_chart_height(f->doc, b, f->width);
    int st = BRIEFING_OK;

    switch (b->kind) {
    case LAYOUT_LINE_CHART: line_chart_draw(f, b->chart); break;
    case LAYOUT_TIMELINE: st = timeline_draw(f, b->chart); break;
    default: st = judgement_draw(f, b->chart); break;
    }
    f->y -= h;
    return st;
}

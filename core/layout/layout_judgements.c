/*
 * layout_judgements.c: judgement charts: a coloured point per inspection on
 * the shared date axis, its grade and type on rows above, and a legend of
 * the grades shown.
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

static void jc_swatch(briefing_doc *doc, pdf_canvas *cv, const void *item, double x, double y)
{
    const jc_legend_item *it = item;
    layout_rgb c = layout_grade_mark(doc, it->j);

    pdf_canvas_put_fill_colour(cv, c.r, c.g, c.b);
    pdf_canvas_circle(cv, x + 8, y, it->j == BRIEFING_JUDGEMENT_NONE ? JC_VISIT_R : JC_DOT_R - 1);
    pdf_canvas_fill(cv);
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

double layout_judgements_height(briefing_doc *doc, const layout_chart *c, double width)
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

int layout_judgements_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    pdf_canvas *cv = f->cv;
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
    y -= chart_caption(doc, cv, PDF_ROLE_CAPTION, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    top = y;
    axis_y = top - p.rows * JC_ROW_H - 4 - JC_DOT_R;
    chart_draw_years(doc, cv, &p.axis, axis_y - JC_DOT_R, top);
    chart_stroke_rgb(cv, chart_axis_grey);
    pdf_canvas_put_line_width(cv, 0.5);
    chart_line(cv, p.axis.x0, axis_y, p.axis.x1, axis_y);
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

                chart_label(doc, cv, l1, jc_line_x(m, w1), ly - CHART_TEXT_PT, CHART_TEXT_PT,
                            judged ? doc->cfg.colours.text : doc->cfg.colours.secondary,
                            jc_line1_style(mk));
                ly -= CHART_TEXT_PT * 1.15;
            }
            if (mk->label.len) {
                double w2 = layout_width(doc, &mk->label, CHART_TEXT_PT);

                layout_draw_text(doc, cv, &mk->label, 0, mk->label.len, jc_line_x(m, w2),
                                 ly - CHART_TEXT_PT, CHART_TEXT_PT, doc->cfg.colours.secondary);
                ly -= CHART_TEXT_PT * 1.15;
            }
            pdf_canvas_put_line_width(cv, 0.4);
            chart_stroke_rgb(cv, chart_axis_grey);
            chart_line(cv, m->x, ly - 1, m->x, axis_y + r);
        }
        pdf_canvas_put_fill_colour(cv, 1, 1, 1);
        pdf_canvas_circle(cv, m->x, axis_y, r + 1);
        pdf_canvas_fill(cv);
        pdf_canvas_put_fill_colour(cv, col.r, col.g, col.b);
        pdf_canvas_circle(cv, m->x, axis_y, r);
        pdf_canvas_fill(cv);
    }
    y = axis_y - JC_DOT_R - CHART_YEARS_H;
    n_leg = jc_legend_lists(doc, &p, texts, items, &visit);
    y -= CHART_GAP + chart_legend(doc, cv, texts, items, n_leg, jc_swatch, f->left, f->width,
                                  y - CHART_GAP, 1);
    if (p.note_h)
        chart_caption(doc, cv, PDF_ROLE_NOTE, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
    free(p.marks);
    layout_rich_free(&visit);
    return BRIEFING_OK;
}

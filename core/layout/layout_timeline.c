/*
 * layout_timeline.c: timelines: bars on the shared date axis, one lane per
 * role, labels inside, beside, or on rows below with a leader.
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
static void tl_draw_bar(briefing_doc *doc, pdf_canvas *cv, double x0, double y0, double x1,
                        double h, int tentative)
{
    layout_rgb accent = doc->cfg.colours.accent;
    double x;

    if (!tentative) {
        layout_fill_rect(cv, x0, y0, x1 - x0, h, accent);
        return;
    }
    layout_fill_rect(cv, x0, y0, x1 - x0, h, chart_mix(accent, 0.72));
    pdf_canvas_gsave(cv);
    pdf_canvas_rect(cv, x0, y0, x1 - x0, h);
    pdf_canvas_clip(cv);
    chart_stroke_rgb(cv, chart_mix(accent, 0.35));
    pdf_canvas_put_line_width(cv, 0.6);
    for (x = x0 - h; x < x1; x += 4) {
        pdf_canvas_move_to(cv, x, y0);
        pdf_canvas_line_to(cv, x + h, y0 + h);
    }
    pdf_canvas_stroke(cv);
    pdf_canvas_grestore(cv);
    chart_stroke_rgb(cv, accent);
    pdf_canvas_put_line_width(cv, 0.6);
    pdf_canvas_rect(cv, x0, y0, x1 - x0, h);
    pdf_canvas_stroke(cv);
}

static void tl_swatch(briefing_doc *doc, pdf_canvas *cv, const void *item, double x, double y)
{
    tl_draw_bar(doc, cv, x, y - 4, x + 16, 8, *(const char *)item == 't');
}

double layout_timeline_height(briefing_doc *doc, const layout_chart *c, double width)
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

int layout_timeline_draw(layout_flow *f, const layout_chart *c)
{
    briefing_doc *doc = f->doc;
    pdf_canvas *cv = f->cv;
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
    y -= chart_caption(doc, cv, PDF_ROLE_CAPTION, &c->title, f->left, y, f->width, CHART_TITLE_PT, CHART_TITLE_LH,
                    doc->cfg.colours.text);
    if (p.title_h)
        y -= CHART_GAP;
    if (c->n_bars == 0) {
        chart_label(doc, cv, "Nothing to show", f->left, y - 12, CHART_TEXT_PT,
                    doc->cfg.colours.secondary, LAYOUT_REGULAR);
        y -= 20;
        chart_axis_setup(doc, &p.axis, NAN, NAN, f->left, f->right);
    }
    top = y;
    /* Gridlines first, under the bars. */
    for (i = 0; i < p.n_lanes; i++)
        y -= p.lane_h[i];
    chart_draw_years(doc, cv, &p.axis, y, top);
    y = top;
    for (i = 0; i < p.n_lanes; i++) {
        double lane_top = y;

        chart_para(doc, cv, &c->bars[p.lane_of_first[i]].lane, f->left,
                   lane_top - 1 - (TL_BAR_H - TL_LANE_PT * 1.2) / 2, p.lane_w - 6, TL_LANE_PT,
                   TL_LANE_PT * 1.2, doc->cfg.colours.secondary);
        for (j = 0; j < c->n_bars; j++) {
            const tl_bar_plan *b = &p.bars[j];
            const layout_bar *bar = &c->bars[j];
            double by = lane_top - 1 - b->sub * (TL_BAR_H + 2) - TL_BAR_H, base;
            layout_rgb ink = bar->tentative ? doc->cfg.colours.text : white;

            if (b->skip || b->lane != i)
                continue;
            tl_draw_bar(doc, cv, b->x0, by, b->x1, TL_BAR_H, bar->tentative);
            if (b->where == 3)
                continue;
            if (b->where == 2) {
                base = lane_top - 1 - p.subs[i] * (TL_BAR_H + 2) - b->label_row * TL_LABEL_LH -
                       TL_LABEL_LH + (TL_LABEL_LH - CHART_TEXT_PT) / 2 + 0.2 * CHART_TEXT_PT;
                ink = doc->cfg.colours.text;
                pdf_canvas_put_line_width(cv, 0.4);
                chart_stroke_rgb(cv, doc->cfg.colours.secondary);
                chart_line(cv, b->leader_x, by, b->leader_x, base + CHART_TEXT_PT * 0.8);
            } else {
                base = by + (TL_BAR_H - CHART_TEXT_PT * 0.7) / 2;
                if (b->where == 1)
                    ink = doc->cfg.colours.text;
            }
            layout_draw_text(doc, cv, &bar->label, 0, b->label_end, b->label_x, base,
                             CHART_TEXT_PT, ink);
            if (b->ellipsis)
                chart_label(doc, cv, "\xe2\x80\xa6",
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
        y -= CHART_GAP + chart_legend(doc, cv, texts, items, n_leg, tl_swatch, f->left, f->width,
                                      y - CHART_GAP, 1);
    if (p.unlabelled_h)
        y -= CHART_GAP + chart_para(doc, cv, &p.unlabelled, f->left, y - CHART_GAP, f->width,
                                    CHART_NOTE_PT, CHART_NOTE_LH, doc->cfg.colours.secondary);
    if (p.note_h)
        chart_caption(doc, cv, PDF_ROLE_NOTE, &c->source_note, f->left, y - CHART_GAP, f->width, CHART_NOTE_PT,
                   CHART_NOTE_LH, doc->cfg.colours.secondary);
    tl_plan_free(&p);
    return BRIEFING_OK;
}

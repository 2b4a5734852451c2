/*
 * layout_alt: a chart's alternative text, in words, from the data it draws
 * (issue 18: a Figure's /Alt, PDF/UA-1 7.3).  A reader who cannot see the
 * chart hears what it shows: its title, the council's values year by year
 * and the latest of each other series; each bar's holder and dates; each
 * judgement and its date.  The words are built here from the same layout
 * data the chart files draw; the canvas copies them into the tree.  A
 * section that gives its own words (the chart's `alt`, ABI 1.2) has them
 * used as they are.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "labels.h"
#include "layout_impl.h"

/* A text growing as it is written; nomem once an allocation failed. */
typedef struct alt_buf {
    char *s;
    size_t n, cap;
    int nomem;
} alt_buf;

static void alt_add(alt_buf *b, const char *s, size_t n)
{
    if (b->nomem)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        char *p;

        while (cap < b->n + n + 1)
            cap *= 2;
        if ((p = realloc(b->s, cap)) == NULL) {
            b->nomem = 1;
            return;
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void alt_str(alt_buf *b, const char *s)
{
    alt_add(b, s, strlen(s));
}

/* A text of the layout, its line feeds as spaces. */
static void alt_rich(alt_buf *b, const layout_rich *r)
{
    size_t i, from = 0;

    for (i = 0; i < r->len; i++)
        if (r->text[i] == '\n') {
            alt_add(b, r->text + from, i - from);
            alt_str(b, " ");
            from = i + 1;
        }
    alt_add(b, r->text + from, r->len - from);
}

/* A value as a person reads it: whole, or to one decimal place. */
static void alt_value(alt_buf *b, double v)
{
    char num[48];

    if (fabs(v - round(v)) < 0.05)
        snprintf(num, sizeof num, "%.0f", round(v));
    else
        snprintf(num, sizeof num, "%.1f", v);
    alt_str(b, num);
}

static void alt_year(alt_buf *b, double x)
{
    char num[16];

    snprintf(num, sizeof num, "%d", (int)floor(x));
    alt_str(b, num);
}

static void alt_date(alt_buf *b, briefing_date d)
{
    char buf[48];

    alt_str(b, date_format(d, buf, sizeof buf));
}

/* The series a reader hears in full: the council's, else the first. */
static size_t alt_main_series(const layout_chart *c)
{
    size_t i;

    for (i = 0; i < c->n_series; i++)
        if (c->series[i].style == BRIEFING_SERIES_COUNCIL)
            return i;
    return 0;
}

/* "Title, y label: Norfolk 2020 66, 2021 65; England 70 in 2024." */
static void alt_line(alt_buf *b, const layout_chart *c)
{
    size_t m = alt_main_series(c), i, k;
    int any;

    if (c->y_label.len) {
        alt_str(b, ", ");
        alt_rich(b, &c->y_label);
    }
    alt_str(b, ":");
    for (i = 0; i < c->n_series; i++) {
        const layout_series *s = &c->series[(i + m) % c->n_series]; /* the main one first */
        size_t last = s->n;

        alt_str(b, i ? "; " : " ");
        alt_rich(b, &s->name);
        if (i == 0) {
            for (k = 0, any = 0; k < s->n; k++) {
                if (isnan(s->y[k]))
                    continue;
                alt_str(b, any++ ? ", " : " ");
                alt_year(b, s->x[k]);
                alt_str(b, " ");
                alt_value(b, s->y[k]);
            }
            continue;
        }
        for (k = s->n; k-- > 0;)
            if (!isnan(s->y[k])) {
                last = k;
                break;
            }
        if (last == s->n)
            continue;
        alt_str(b, " ");
        alt_value(b, s->y[last]);
        alt_str(b, " in ");
        alt_year(b, s->x[last]);
    }
    alt_str(b, ".");
}

/* "Title: Director: Sara Tough, October 2017 to now; ...". */
static void alt_timeline(alt_buf *b, const layout_chart *c)
{
    size_t i;

    alt_str(b, ":");
    for (i = 0; i < c->n_bars; i++) {
        const layout_bar *bar = &c->bars[i];
        int same_lane = i > 0 && c->bars[i - 1].lane.len == bar->lane.len &&
                        memcmp(c->bars[i - 1].lane.text, bar->lane.text, bar->lane.len) == 0;

        alt_str(b, i ? (same_lane ? ", " : "; ") : " ");
        if (!same_lane && bar->lane.len) {
            alt_rich(b, &bar->lane);
            alt_str(b, ": ");
        }
        if (bar->label.len) {
            alt_rich(b, &bar->label);
            alt_str(b, " ");
        }
        alt_date(b, bar->start);
        alt_str(b, " to ");
        if (date_is_absent(bar->end))
            alt_str(b, "now");
        else
            alt_date(b, bar->end);
        if (bar->tentative) {
            alt_str(b, " (");
            if (c->legend_tentative.len)
                alt_rich(b, &c->legend_tentative);
            else
                alt_str(b, "tentative");
            alt_str(b, ")");
        }
    }
    alt_str(b, ".");
}

/* "Title: Inadequate, March 2013 (SIF); Good, January 2023 (ILACS)." */
static void alt_judgements(alt_buf *b, const layout_chart *c)
{
    size_t i;

    alt_str(b, ":");
    for (i = 0; i < c->n_marks; i++) {
        const layout_mark *mk = &c->marks[i];

        alt_str(b, i ? "; " : " ");
        alt_str(b, mk->judgement == BRIEFING_JUDGEMENT_NONE ? "visit"
                                                           : labels_judgement(mk->judgement));
        alt_str(b, ", ");
        alt_date(b, mk->date);
        if (mk->label.len) {
            alt_str(b, " (");
            alt_rich(b, &mk->label);
            alt_str(b, ")");
        }
    }
    alt_str(b, ".");
}

/* The heading the chart stands under (its title often says only "Trend,
 * 2020 to 2024": the measure is the heading's), or NULL. */
static const layout_rich *alt_heading(const briefing_doc *doc, const layout_block *blk)
{
    size_t i;

    if (blk < doc->blocks || blk >= doc->blocks + doc->n_blocks)
        return NULL;
    for (i = (size_t)(blk - doc->blocks); i-- > 0;) {
        if (doc->blocks[i].kind == LAYOUT_HEADING)
            return doc->blocks[i].text.len ? &doc->blocks[i].text : NULL;
        if (doc->blocks[i].kind != LAYOUT_PARAGRAPH && doc->blocks[i].kind != LAYOUT_NOTE &&
            doc->blocks[i].kind != LAYOUT_SPACE)
            return NULL; /* another figure or table between: not this chart's heading */
    }
    return NULL;
}

char *layout_alt_chart(const briefing_doc *doc, const layout_block *blk)
{
    const layout_chart *c = blk->chart;
    const layout_rich *h = alt_heading(doc, blk);
    alt_buf b = {0};

    if (c->alt.len) { /* the section's own words (the chart's alt, ABI 1.2) */
        alt_rich(&b, &c->alt);
        h = NULL;
    } else if (h) {
        alt_rich(&b, h);
        alt_str(&b, ". ");
    }
    if (c->alt.len == 0) {
        alt_rich(&b, &c->title);
        switch (blk->kind) {
        case LAYOUT_LINE_CHART: alt_line(&b, c); break;
        case LAYOUT_TIMELINE: alt_timeline(&b, c); break;
        default: alt_judgements(&b, c); break;
        }
    }
    if (b.nomem) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

char *layout_alt_spark(const double *y, size_t n)
{
    alt_buf b = {0};
    size_t k;
    int any = 0;

    alt_str(&b, "Trend, oldest first:");
    for (k = 0; k < n; k++) {
        alt_str(&b, any++ ? ", " : " ");
        if (isnan(y[k]))
            alt_str(&b, "no value");
        else
            alt_value(&b, y[k]);
    }
    if (b.nomem) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

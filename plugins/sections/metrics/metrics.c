/*
 * metrics: for each metric the template names, where it stands and how it
 * moved since the figure before in a sentence, a trend chart with England,
 * region and statistical neighbour lines, and a table of the figures.
 * Trends and the neighbours' median come from the shared analysis.
 *
 * Published figures print at the precision of the series as published (one
 * decimal when any of them has a fraction, else none); the neighbours'
 * median, which we compute, at one decimal.  Rates and percentages are set
 * beside the neighbours' median (DfE's method), never counts.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Key figures", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "metrics", BRIEFING_OPTION_LIST, "looked_after_rate,looked_after_children,children_in_need_rate,cp_plan_rate",
     "Metric names, in the order shown"},
    {sizeof(briefing_option), "periods", BRIEFING_OPTION_NUMBER, "3", "How many of the latest figures the gap to England looks at"},
    {sizeof(briefing_option), "chart", BRIEFING_OPTION_BOOL, "true", "Draw a trend chart for each metric with two figures or more"},
    {sizeof(briefing_option), "table", BRIEFING_OPTION_BOOL, "true", "List the figures in a table"},
    {sizeof(briefing_option), "rows", BRIEFING_OPTION_NUMBER, "8", "Most figures listed in a table (the latest)"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* The most points read of one metric (a monthly series of 40 years). */
#define MAX_POINTS 500
/* The most distinct sources cited under one chart. */
#define MAX_CITES 32

/* What the neighbours' column holds. */
enum nb_kind {
    NB_NONE = 0,
    NB_MEDIAN, /* the median of the council's statistical neighbours, computed */
    NB_GIVEN   /* a comparator value the data gave, method not known */
};

typedef struct series_data {
    const briefing_metric **pts;
    double *nb;           /* per point: the neighbours' value, or NAN */
    size_t n;
    int decimals;         /* 0, or 1 when any published value has a fraction */
    int nb_decimals;      /* the neighbours' column: 1 for a median we computed,
                             else as its given values need */
    int has_england;      /* a comparable England value somewhere */
    int has_comparator;   /* a neighbours' value somewhere (nb_kind) */
    int has_region;
    enum nb_kind nb_kind;
    size_t nb_of;         /* the council's statistical neighbours */
    size_t *nb_with;      /* per point: how many of them had a figure */
    char nb_label[96];    /* "Median of 10 statistical neighbours" */
} series_data;

/* The neighbours' value of each point: the median of the council's
 * statistical neighbours where the data holds their figures; otherwise a
 * comparator the data gave; rates and percentages only. */
static void neighbours(const briefing_analysis_api *a, const briefing_dataset *ds,
                       const briefing_council *c, series_data *s)
{
    size_t k;

    s->nb_kind = NB_NONE;
    s->nb_of = 0;
    for (k = 0; k < s->n; k++) {
        briefing_neighbour_median nm = {.size = sizeof nm};

        s->nb[k] = NAN;
        s->nb_with[k] = 0;
        if (a->neighbour_median(ds, c, s->pts[k], &nm) == 0 && !isnan(nm.median)) {
            s->nb[k] = nm.median;
            s->nb_with[k] = nm.with_value;
            s->nb_kind = NB_MEDIAN;
            s->nb_of = nm.neighbours;
        }
    }
    if (s->nb_kind == NB_NONE)
        for (k = 0; k < s->n; k++) {
            const briefing_metric *m = s->pts[k];

            if ((m->unit == BRIEFING_UNIT_RATE_PER_10K || m->unit == BRIEFING_UNIT_PERCENT) &&
                a->comparable(m, m->comparator)) {
                s->nb[k] = m->comparator;
                s->nb_kind = NB_GIVEN;
            }
        }
    if (s->nb_kind == NB_MEDIAN)
        snprintf(s->nb_label, sizeof s->nb_label, "Median of %zu statistical neighbours", s->nb_of);
    else
        snprintf(s->nb_label, sizeof s->nb_label, "Comparator (as given)");
}

static void inspect(const briefing_analysis_api *a, const briefing_dataset *ds, const briefing_council *c,
                    series_data *s)
{
    size_t k;

    s->decimals = s->nb_decimals = 0;
    s->has_england = s->has_comparator = s->has_region = 0;
    neighbours(a, ds, c, s);
    for (k = 0; k < s->n; k++) {
        const briefing_metric *m = s->pts[k];

        if (a->england_comparable(m)) {
            s->has_england = 1;
            s->decimals |= sec_fraction(m->england);
        }
        if (!isnan(s->nb[k])) {
            s->has_comparator = 1;
            s->nb_decimals |= s->nb_kind == NB_MEDIAN || sec_fraction(s->nb[k]);
        }
        if (a->comparable(m, m->region)) {
            s->has_region = 1;
            s->decimals |= sec_fraction(m->region);
        }
        s->decimals |= sec_fraction(m->value);
    }
}

/* " per 10,000 children" after a rate in a sentence; nothing otherwise. */
static const char *unit_words(briefing_unit u)
{
    return u == BRIEFING_UNIT_RATE_PER_10K ? " per 10,000 children" : "";
}

/* Where the metric stands and where it is going, in two sentences. */
static void sentence(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                     const briefing_council *c, const char *name, const series_data *s, int periods,
                     char *out, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    const briefing_metric *last = s->pts[s->n - 1];
    const briefing_metric *before = a->previous_metric(c, last, ds->as_of);
    briefing_metric_trend t = {.size = sizeof t};
    char v[64], e[64], date[64], cite[256], change[256];

    a->append(out, size, "Latest figure: %s%s (%s)", a->format_value(last->unit, last->value, s->decimals, v, sizeof v),
              unit_words(last->unit), h->format_date(last->period, date, sizeof date));
    if (a->england_comparable(last))
        a->append(out, size, ", against %s for England",
                  a->format_value(last->unit, last->england, s->decimals, e, sizeof e));
    if (!isnan(s->nb[s->n - 1])) {
        a->append(out, size, "%s %s ", a->england_comparable(last) ? " and" : ", against",
                  a->format_value(last->unit, s->nb[s->n - 1], s->nb_decimals, e, sizeof e));
        if (s->nb_kind == NB_MEDIAN && s->nb_with[s->n - 1] < s->nb_of)
            a->append(out, size, "for the median of the %zu of its %zu statistical neighbours with a figure",
                      s->nb_with[s->n - 1], s->nb_of);
        else if (s->nb_kind == NB_MEDIAN)
            a->append(out, size, "for the median of its %zu statistical neighbours", s->nb_of);
        else
            a->append(out, size, "for its comparator as the data gives it");
    }
    h->cite(ctx, ds, last->cites, cite, sizeof cite);
    a->append(out, size, "%s%s.", *cite ? " " : "", cite);
    /* The change names what it compares with: the figure before, dated. */
    if (*a->change_text(last, before, s->decimals, change, sizeof change)) {
        change[0] = (char)(change[0] - 'a' + 'A');
        a->append(out, size, " %s.", change);
    }
    if (a->metric_trend(c, name, ds->as_of, periods, &t) != 0 || t.gap_from == NULL)
        return;
    h->format_date(t.gap_from->period, date, sizeof date);
    switch (t.gap) {
    case BRIEFING_GAP_WIDENING: a->append(out, size, " The gap to England has widened since %s.", date); break;
    case BRIEFING_GAP_NARROWING: a->append(out, size, " The gap to England has narrowed since %s.", date); break;
    case BRIEFING_GAP_STEADY: a->append(out, size, " The gap to England has changed little since %s.", date); break;
    default: break;
    }
}

/* "Source: [3, 4]" from every point's citations. */
static const char *source_note(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                               const series_data *s, char *buf, size_t size)
{
    const char *ids[MAX_CITES];
    briefing_cites all;
    char marks[256];
    size_t k, j, i, n = 0;

    for (k = 0; k < s->n; k++)
        for (j = 0; j < s->pts[k]->cites.count; j++) {
            const char *id = s->pts[k]->cites.ids[j];

            for (i = 0; i < n && strcmp(ids[i], id); i++)
                ;
            if (i == n && n < MAX_CITES)
                ids[n++] = id;
        }
    all.ids = ids;
    all.count = n;
    h->cite(ctx, ds, all, marks, sizeof marks);
    snprintf(buf, size, "%s%s", *marks ? "Source: " : "", marks);
    return *marks ? buf : NULL;
}

static int chart(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                 const briefing_council *c, const char *name, const series_data *s, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_date *x = calloc(s->n, sizeof *x);
    double *y = calloc(4 * s->n, sizeof *y);
    briefing_series series[4];
    briefing_line_chart ch;
    size_t k, n = 0;
    char note[300], title[400], d1[64], d2[64];
    int rc;

    if (x == NULL || y == NULL) {
        free(x);
        free(y);
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory drawing %s", name);
    }
    memset(series, 0, sizeof series);
    for (k = 0; k < s->n; k++) {
        const briefing_metric *m = s->pts[k];

        x[k] = m->period;
        y[k] = m->value;
        y[s->n + k] = a->england_comparable(m) ? m->england : NAN;
        y[2 * s->n + k] = s->nb[k];
        y[3 * s->n + k] = a->comparable(m, m->region) ? m->region : NAN;
    }
    series[n++] = (briefing_series){sizeof(briefing_series), c->name, x, y, s->n, BRIEFING_SERIES_COUNCIL};
    if (s->has_england)
        series[n++] = (briefing_series){sizeof(briefing_series), "England", x, y + s->n, s->n, BRIEFING_SERIES_ENGLAND};
    if (s->has_comparator)
        series[n++] = (briefing_series){sizeof(briefing_series), s->nb_label, x, y + 2 * s->n, s->n, BRIEFING_SERIES_COMPARATOR};
    if (s->has_region)
        series[n++] = (briefing_series){sizeof(briefing_series), c->region ? c->region : "Region", x, y + 3 * s->n, s->n,
                                        BRIEFING_SERIES_REGION};
    memset(&ch, 0, sizeof ch);
    ch.size = sizeof ch;
    snprintf(title, sizeof title, "Trend, %s to %s", h->format_date(s->pts[0]->period, d1, sizeof d1),
             h->format_date(s->pts[s->n - 1]->period, d2, sizeof d2));
    ch.title = title;
    ch.source_note = source_note(h, ctx, ds, s, note, sizeof note);
    ch.y_label = h->unit_label(s->pts[s->n - 1]->unit);
    ch.series = series;
    ch.n_series = n;
    rc = h->layout->line_chart(doc, &ch);
    free(x);
    free(y);
    return rc;
}

static int table(const briefing_host *h, briefing_ctx *ctx, const briefing_council *c, const series_data *s,
                 briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    double rows = h->option_number(ctx, "rows");
    size_t from = 0, k, n = 1;
    briefing_column cols[5];
    briefing_table *t;
    char cells[5][64];
    const char *row[5];
    int region = s->has_region, cmp = s->has_comparator, eng = s->has_england;

    memset(cols, 0, sizeof cols);
    cols[0] = (briefing_column){sizeof(briefing_column), "Date", 40, BRIEFING_ALIGN_LEFT, 0};
    cols[n++] = (briefing_column){sizeof(briefing_column), c->name, 30, BRIEFING_ALIGN_RIGHT, 0};
    if (eng)
        cols[n++] = (briefing_column){sizeof(briefing_column), "England", 30, BRIEFING_ALIGN_RIGHT, 0};
    if (cmp)
        cols[n++] = (briefing_column){sizeof(briefing_column), s->nb_label, 30, BRIEFING_ALIGN_RIGHT, 0};
    if (region)
        cols[n++] = (briefing_column){sizeof(briefing_column), c->region ? c->region : "Region", 30, BRIEFING_ALIGN_RIGHT, 0};
    if (!(rows >= 1))
        rows = 8;
    if ((double)s->n > rows)
        from = s->n - (size_t)rows;
    if ((t = h->layout->table_begin(doc, NULL, cols, n)) == NULL)
        return BRIEFING_ERR_INTERNAL;
    for (k = from; k < s->n; k++) {
        const briefing_metric *m = s->pts[k];
        size_t i = 1;

        row[0] = h->format_date(m->period, cells[0], sizeof cells[0]);
        row[i] = a->format_value(m->unit, m->value, s->decimals, cells[i], sizeof cells[i]);
        i++;
        if (eng) {
            row[i] = a->england_comparable(m) ? a->format_value(m->unit, m->england, s->decimals, cells[i], 64) : "";
            i++;
        }
        if (cmp) {
            row[i] = !isnan(s->nb[k]) ? a->format_value(m->unit, s->nb[k], s->nb_decimals, cells[i], 64) : "";
            i++;
        }
        if (region)
            row[i] = a->comparable(m, m->region) ? a->format_value(m->unit, m->region, s->decimals, cells[i], 64) : "";
        SEC_TRY(h->layout->table_row(t, row));
    }
    SEC_TRY(h->layout->table_end(t));
    for (k = from; k < s->n && s->nb_kind == NB_MEDIAN; k++)
        if (!isnan(s->nb[k]) && s->nb_with[k] < s->nb_of) {
            SEC_TRY(h->layout->note(doc, "Where some neighbours have no figure for a date, the median is of "
                                         "those that have one (at least half of them)."));
            break;
        }
    if (from > 0)
        return h->layout->note(doc, "Only the latest figures are listed; the chart shows them all.");
    return BRIEFING_OK;
}

static int one_metric(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                      const briefing_council *c, const char *name, series_data *s, briefing_doc *doc)
{
    double periods = h->option_number(ctx, "periods");
    char text[SEC_TEXT];

    inspect(h->analysis, ds, c, s);
    /* The heading, the sentence and the chart read as one: keep them on a page. */
    SEC_TRY(h->layout->keep_together(doc, 1));
    SEC_TRY(h->layout->heading(doc, 2, h->analysis->metric_label(name)));
    text[0] = '\0';
    sentence(h, ctx, ds, c, name, s, periods >= 2 && periods <= 1000 ? (int)periods : 3, text, sizeof text);
    SEC_TRY(h->layout->paragraph(doc, text));
    if (h->option_bool(ctx, "chart") && s->n >= 2)
        SEC_TRY(chart(h, ctx, ds, c, name, s, doc));
    SEC_TRY(h->layout->keep_together(doc, 0));
    if (h->option_bool(ctx, "table"))
        SEC_TRY(table(h, ctx, c, s, doc));
    return BRIEFING_OK;
}

/* A figure no file gives but the shared analysis works out (children in
 * need per 10,000, from the count at 31 March and the ONS population of the
 * year before), so that this section never says "no figures" for what How
 * we compare shows: one sentence with the latest figure, its date, England's
 * and its citations, appended to buf.  0 when there is none (or the host is
 * older than ABI 1.2). */
static int worked_out(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                      const briefing_council *c, const char *name, char *buf, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_standing st = {.size = sizeof st};
    const char *ids[8];
    size_t nc = 0;
    char v[64], e[64], date[64], cite[256];

    if (a->size < offsetof(briefing_analysis_api, standing) + sizeof a->standing ||
        a->standing(ds, c, name, ds->as_of, &st) != 0 || isnan(st.value) || !st.population)
        return 0;
    const briefing_metric *from[2] = {st.metric, st.population};
    for (int f = 0; f < 2; f++)
        for (size_t k = 0; from[f] && k < from[f]->cites.count && nc < 8; k++)
            ids[nc++] = from[f]->cites.ids[k];
    h->cite(ctx, ds, (briefing_cites){ids, nc}, cite, sizeof cite);
    int dec = st.unit == BRIEFING_UNIT_GBP ? 0 : 1;
    char what[128];
    a->append(buf, size, "%s%s: %s on %s%s%s", *buf ? " " : "", a->metric_label(name),
              a->format_value(st.unit, st.value, dec, v, sizeof v), h->format_date(st.period, date, sizeof date),
              *cite ? " " : "", cite);
    if (!isnan(st.england))
        a->append(buf, size, ", against %s for England", a->format_value(st.unit, st.england, dec, e, sizeof e));
    a->append(buf, size, "; worked out from %s and the ONS mid-%d estimate of children aged 0 to 17, as no file "
              "gives it.", sec_lower(a->metric_label(st.metric->name), what, sizeof what),
              st.population->period.year);
    return 1;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    size_t k, n, count;
    char title[256], missing[SEC_TEXT], worked[SEC_TEXT];
    series_data s;
    int rc = BRIEFING_OK;

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Key figures", title, sizeof title)));
    memset(&s, 0, sizeof s);
    s.pts = calloc(MAX_POINTS, sizeof *s.pts);
    s.nb = calloc(MAX_POINTS, sizeof *s.nb);
    s.nb_with = calloc(MAX_POINTS, sizeof *s.nb_with);
    if (s.pts == NULL || s.nb == NULL || s.nb_with == NULL) {
        free(s.pts);
        free(s.nb);
        free(s.nb_with);
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory reading metrics");
    }
    missing[0] = worked[0] = '\0';
    count = h->option_count(ctx, "metrics");
    for (k = 0; k < count && rc == BRIEFING_OK; k++) {
        const char *name = h->option_item(ctx, "metrics", k);
        const briefing_metric *all[1];

        if (name == NULL)
            continue;
        /* The latest MAX_POINTS: skip the oldest when there are more. */
        n = a->metric_series(c, name, ds->as_of, all, 0);
        s.n = a->metric_series(c, name, ds->as_of, s.pts, MAX_POINTS);
        if (n > MAX_POINTS) {
            const briefing_metric **tmp = malloc(n * sizeof *tmp);

            if (tmp == NULL) {
                rc = h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory reading %s", name);
                break;
            }
            a->metric_series(c, name, ds->as_of, tmp, n);
            memcpy(s.pts, tmp + (n - MAX_POINTS), MAX_POINTS * sizeof *tmp);
            free(tmp);
            s.n = MAX_POINTS;
        }
        if (s.n == 0) {
            if (!worked_out(h, ctx, ds, c, name, worked, sizeof worked))
                a->append(missing, sizeof missing, "%s%s", *missing ? "; " : "", a->metric_label(name));
            continue;
        }
        rc = one_metric(h, ctx, ds, c, name, &s, doc);
    }
    free(s.pts);
    free(s.nb);
    free(s.nb_with);
    if (rc != BRIEFING_OK)
        return rc;
    if (*worked && (rc = h->layout->paragraph(doc, worked)) != BRIEFING_OK)
        return rc;
    if (*missing) {
        char text[SEC_TEXT + 64];

        snprintf(text, sizeof text, "No figures in the data given for: %s.", missing);
        return h->layout->paragraph(doc, text);
    }
    if (count == 0)
        return h->layout->paragraph(doc, "No metrics chosen.");
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "metrics",
    .version = "1.0.0",
    .description = "Metric trends: a sentence, a chart with England and comparators, and a table per metric",
    .options = options,
    .render = render,
};

/*
 * compare: "How we compare", the indicators councillors are asked about set
 * beside England, the region and the median of the council's statistical
 * neighbours, the way DfE's children's social care dashboard draws them.
 *
 * One row per indicator: the latest value and its date, the last five
 * values as a sparkline (layout table_row_sparks, ABI 1.2: a line chart a
 * row would take a page for four rows, and block characters U+2581.. pulled
 * a third, unslimmed font into every pack), England, region, the
 * neighbours' median and the council's position among them.  Every figure comes from the shared
 * analysis (h->analysis->standing, ABI 1.2), so another section can never
 * disagree.  Built with the SDK headers only, as a third party's would be.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <briefing/analysis.h>
#include <briefing/plugin.h>

#define NOT_RECORDED "not recorded in the data given"
#define TREND_YEARS 5
#define MAX_CITES 8

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "How we compare", "Heading of the section"},
    {sizeof(briefing_option), "indicators", BRIEFING_OPTION_LIST,
     "children_in_need_rate,rereferral_percent,cp_plan_subsequent_percent,cp_plan_two_years_percent,"
     "looked_after_rate,placements_three_or_more_percent,same_carer_two_years_percent,"
     "care_leavers_eet_percent,care_leavers_suitable_accommodation_percent,social_worker_turnover,"
     "agency_worker_rate,vacancy_rate,average_caseload,csc_spend_per_child",
     "Metric names, one row each, in the order shown"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* A value as published: whole, or one decimal; a rate worked out here
 * always with one (403.0, not 403, beside 330.3), spend per child in whole
 * pounds. */
static const char *value_text(const briefing_host *h, const briefing_standing *s, double v, char *buf,
                              size_t size)
{
    int dec = !s->population ? -1 : s->unit == BRIEFING_UNIT_GBP ? 0 : 1;
    return h->analysis->format_value(s->unit, v, dec, buf, size);
}

/* What the note says of a figure worked out per child, when the table
 * has its row: the years of the two files, so that a reader can tell which
 * population divided which total ("Spend per child: 2024-25's children's
 * social care expenditure (revenue outturn) over the ONS estimate of
 * children aged 0 to 17 at mid-2024.").  Nothing otherwise. */
static void spend_note(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                       const briefing_council *c, char *buf, size_t size)
{
    briefing_standing s = {.size = sizeof s};
    size_t i, n = h->option_count(ctx, "indicators");

    buf[0] = '\0';
    for (i = 0; i < n && strcmp(h->option_item(ctx, "indicators", i), "csc_spend_per_child") != 0; i++)
        ;
    if (i == n || h->analysis->standing(ds, c, "csc_spend_per_child", ds->as_of, &s) != 0 || isnan(s.value) ||
        !s.population)
        return;
    snprintf(buf, size, " Spend per child: total children's social care expenditure in %d-%02d (revenue "
             "outturn, RO3) over the children aged 0 to 17 in the ONS mid-%d estimate; England's from England's "
             "total, the region's from the sum of its councils (\xe2\x80\x94 when one gave no return); one "
             "year only, so no trend.", s.period.year - 1, s.period.year % 100, s.population->period.year);
}

/* The trend's words, the text alternative of its line: "2021-25, rising"
 * ("steady" within 2% of the larger end, as the analysis says). */
static const char *trend_words(const double *v, const briefing_date *per, size_t n, char *buf, size_t size)
{
    double first = v[0], last = v[n - 1], tol = 0.02 * fmax(fabs(first), fabs(last));
    snprintf(buf, size, "%d\xe2\x80\x93%02d %s", per[0].year, per[n - 1].year % 100,
             fabs(last - first) <= tol ? "steady" : last > first ? "rising" : "falling");
    return buf;
}

/* "Mar 2025": the month and year of a period (the day is always the
 * publication's census day, said in the note), to keep rows short. */
static const char *short_date(const briefing_host *h, briefing_date d, char *buf, size_t size)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (d.month >= 1 && d.month <= 12)
        snprintf(buf, size, "%s %d", months[d.month - 1], d.year);
    else
        h->format_date(d, buf, size);
    return buf;
}

/* The citation mark for a standing: its point's sources, and for a
 * worked-out rate the population's too. */
static const char *cite_of(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                           const briefing_standing *s, char *buf, size_t size)
{
    const char *ids[MAX_CITES];
    size_t n = 0, k;
    const briefing_metric *from[2] = {s->metric, s->population};

    for (int i = 0; i < 2; i++)
        for (k = 0; from[i] && k < from[i]->cites.count && n < MAX_CITES; k++)
            ids[n++] = from[i]->cites.ids[k];
    return h->cite(ctx, ds, (briefing_cites){ids, n}, buf, size);
}

/* A comparator value, or a dash when the data gives none. */
static const char *other_text(const briefing_host *h, const briefing_standing *s, double v, char *buf,
                              size_t size)
{
    if (isnan(v))
        return "\xe2\x80\x94";
    return value_text(h, s, v, buf, size);
}

static int row(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
               const briefing_council *c, briefing_table *t, const char *name)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_standing s = {.size = sizeof s};
    char label[256], latest[96], cite[64], date[48], trend[96], eng[32], reg[32], med[32],
        pos[160];
    double v[TREND_YEARS];
    briefing_date per[TREND_YEARS];
    briefing_better better = a->better(name);

    snprintf(label, sizeof label, "%s%s", a->metric_label(name),
             better == BRIEFING_BETTER_LOWER ? " (lower is better)"
             : better == BRIEFING_BETTER_HIGHER ? " (higher is better)" : "");
    if (a->standing(ds, c, name, ds->as_of, &s) != 0)
        return h->error(ctx, BRIEFING_ERR_INTERNAL, "the analysis refused its result struct");
    if (isnan(s.value)) /* render lists these under the table */
        return BRIEFING_OK;
    snprintf(latest, sizeof latest, "%s %s", value_text(h, &s, s.value, eng, sizeof eng),
             cite_of(h, ctx, ds, &s, cite, sizeof cite));
    short_date(h, s.period, date, sizeof date);
    size_t n = a->standing_series(c, name, ds->as_of, v, per, TREND_YEARS);
    if (n >= 2)
        trend_words(v, per, n, trend, sizeof trend);
    else
        snprintf(trend, sizeof trend, "one year only");
    if (s.ranked >= 2) {
        a->position_text(s.position, s.ranked, pos, sizeof pos);
    } else {
        snprintf(pos, sizeof pos, "\xe2\x80\x94"); /* the note says why */
    }
    const char *cells[] = {label,
                           latest,
                           date,
                           trend,
                           other_text(h, &s, s.england, eng, sizeof eng),
                           other_text(h, &s, s.region, reg, sizeof reg),
                           other_text(h, &s, s.median, med, sizeof med),
                           pos};
    /* England's and the region's counts are totals, not comparable with one
     * council's: shown only where the analysis says they compare. */
    if (s.metric && s.unit == BRIEFING_UNIT_COUNT) {
        briefing_metric m = *s.metric;
        m.value = s.value;
        if (!a->comparable(&m, s.england))
            cells[4] = "\xe2\x80\x94";
        if (!a->comparable(&m, s.region))
            cells[5] = "\xe2\x80\x94";
    }
    briefing_spark sparks[8];
    size_t k;

    for (k = 0; k < 8; k++) /* every element carries its size (version.h) */
        sparks[k] = (briefing_spark){.size = sizeof sparks[k]};
    sparks[3] = (briefing_spark){.size = sizeof sparks[3], .y = v, .n = n >= 2 ? n : 0};
    if (h->layout->size >= offsetof(briefing_layout_api, table_row_sparks) + sizeof h->layout->table_row_sparks)
        return h->layout->table_row_sparks(t, cells, sparks);
    return h->layout->table_row(t, cells); /* an older host: the trend in words only */
}

/* "Its statistical neighbours (DfE model): A, B and C." */
static void neighbour_names(const briefing_dataset *ds, const briefing_council *c, char *buf, size_t size,
                            const briefing_analysis_api *a)
{
    buf[0] = '\0';
    for (size_t i = 0; i < c->n_statistical_neighbours; i++) {
        const char *name = c->statistical_neighbours[i];
        for (size_t k = 0; k < ds->n_councils; k++)
            if (strcmp(ds->councils[k]->code, name) == 0 && ds->councils[k]->name)
                name = ds->councils[k]->name;
        a->append(buf, size, "%s%s", i == 0 ? "" : i + 1 == c->n_statistical_neighbours ? " and " : ", ",
                  name);
    }
}

static int body(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    const char *title = h->option_string(ctx, "title");
    char intro[1600], names[1200];
    int rc;

    if (a->size < offsetof(briefing_analysis_api, compare_text) + sizeof a->compare_text)
        return h->error(ctx, BRIEFING_ERR_INTERNAL, "this section needs analysis ABI 1.2 or later");
    if ((rc = h->layout->heading(doc, 1, title ? title : "How we compare")) != 0)
        return rc;
    neighbour_names(ds, c, names, sizeof names, a);
    char region[160];
    snprintf(region, sizeof region, "%s%s%s", c->region ? "the region (" : "the region",
             c->region ? c->region : "", c->region ? ")" : "");
    snprintf(intro, sizeof intro,
             "Each indicator at its latest published date, beside England, %s and the median of %s's "
             "statistical neighbours, as DfE's children's social care dashboard compares them. The position "
             "counts from the lowest among %s and its neighbours with a published figure. "
             "Better or worse is said only where that is not in dispute.",
             region, c->name, c->name);
    if ((rc = h->layout->paragraph(doc, intro)) != 0)
        return rc;
    if (*names) {
        char line[1400];
        snprintf(line, sizeof line, "Statistical neighbours (DfE model): %s.", names);
        rc = h->layout->note(doc, line);
    } else {
        rc = h->layout->note(doc, "Statistical neighbours: " NOT_RECORDED " (no neighbour model read).");
    }
    if (rc != 0)
        return rc;
    static const briefing_column cols[] = {
        {sizeof(briefing_column), "Indicator", 48, BRIEFING_ALIGN_LEFT, 1},
        {sizeof(briefing_column), "Latest", 17, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Date", 13, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Trend", 26, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "England", 16, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Region", 14, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Median", 14, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Position", 22, BRIEFING_ALIGN_LEFT, 0},
    };
    /* Which indicators have a figure: those without are listed in one
     * sentence, not as rows of dashes (a council with sparse data keeps a
     * short section). */
    size_t n = h->option_count(ctx, "indicators"), have = 0;
    char absent[2000] = "", norate[600] = "";
    for (size_t i = 0; i < n; i++) {
        const char *name = h->option_item(ctx, "indicators", i);
        briefing_standing s = {.size = sizeof s};
        if (a->standing(ds, c, name, ds->as_of, &s) != 0)
            return h->error(ctx, BRIEFING_ERR_INTERNAL, "the analysis refused its result struct");
        if (!isnan(s.value))
            have++;
        else if (s.metric && s.metric->unit == BRIEFING_UNIT_GBP)
            a->append(norate, sizeof norate,
                      "%s: none, as the data gives the spend but not the population (ONS mid-year estimate "
                      "of children aged 0 to 17). ", a->metric_label(name));
        else if (s.metric)
            a->append(norate, sizeof norate,
                      "%s: no rate, as the data gives the count but not the population (ONS mid-year estimate "
                      "of children aged 0 to 17). ", a->metric_label(name));
        else
            a->append(absent, sizeof absent, "%s%s", *absent ? "; " : "", a->metric_label(name));
    }
    if (have) {
        briefing_table *t = h->layout->table_begin(doc, NULL, cols, sizeof cols / sizeof cols[0]);
        if (!t)
            return BRIEFING_ERR_NOMEM;
        for (size_t i = 0; rc == 0 && i < n; i++)
            rc = row(h, ctx, ds, c, t, h->option_item(ctx, "indicators", i));
        int end = h->layout->table_end(t);
        if (rc != 0)
            return rc;
        if (end != 0)
            return end;
    }
    if (*norate && (rc = h->layout->paragraph(doc, norate)) != 0)
        return rc;
    if (*absent) {
        char line[2100];
        snprintf(line, sizeof line, "%s: %s.", have ? "Not recorded in the data given" :
                 "None of these indicators is recorded in the data given", absent);
        if ((rc = h->layout->paragraph(doc, line)) != 0)
            return rc;
    }
    if (!have)
        return BRIEFING_OK;
    char spend[400], note[1600];
    spend_note(h, ctx, ds, c, spend, sizeof spend);
    snprintf(note, sizeof note, "%s%s", "Median: of the statistical neighbours' figures for the same date (given when "
                                "at least half have one). Position: among the council and its neighbours, "
                                "from the lowest (\xe2\x80\x94: no neighbour has a figure for that date, or no "
                                "neighbours were given). Dates: 31 March for the children's figures, 30 "
                                "September for the workforce census. Children in need per 10,000 is worked out "
                                "as DfE does: the number at 31 March per 10,000 children aged 0 to 17 in the "
                                "ONS mid-year estimate of the year before. England's and the region's counts "
                                "are totals and are not set beside one council's (\xe2\x80\x94). Trend: the "
                                "last five published values, the line scaled from the lowest to the highest of "
                                "them, the dot the latest.", spend);
    return h->layout->note(doc, note);
}

/* The section reads as one page, so it may follow another section on its
 * page: kept together, it moves whole to a new page when it does not fit
 * (and flows on only when it is longer than a page). */
static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    int rc = h->layout->keep_together(doc, 1);

    if (rc != 0)
        return rc;
    if ((rc = body(h, ctx, ds, c, doc)) != 0)
        return rc;
    return h->layout->keep_together(doc, 0);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "compare",
    .version = "1.0.0",
    .description = "How we compare: indicators beside England, region and statistical neighbours' median",
    .options = options,
    .render = render,
};

/*
 * workforce: the social work workforce at a glance: turnover, agency
 * workers, vacancies and caseloads, each with England's figure, how it
 * moved since the figure before (named and dated) and whether the gap to
 * England grew (from the shared analysis).  A measure whose latest figure
 * is older than the table's latest date (a figure suppressed since) shows
 * its date in its cells.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Workforce", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "metrics", BRIEFING_OPTION_LIST, "social_worker_turnover,agency_worker_rate,vacancy_rate,average_caseload",
     "Workforce metric names, in the order shown"},
    {sizeof(briefing_option), "periods", BRIEFING_OPTION_NUMBER, "3", "How many of the latest figures the gap to England looks at"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* "Below England; gap widening since 30 September 2022". */
static void england_words(const briefing_host *h, const briefing_metric *m, const briefing_metric_trend *t,
                          char *buf, size_t size)
{
    double diff;
    char date[64];

    buf[0] = '\0';
    if (!h->analysis->england_comparable(m))
        return;
    diff = m->value - m->england;
    h->analysis->append(buf, size, "%s",
                        fabs(diff) <= 0.02 * fabs(m->england) ? "Level with England"
                        : diff > 0 ? "Above England" : "Below England");
    if (t->gap_from)
        h->format_date(t->gap_from->period, date, sizeof date);
    switch (t->gap) {
    case BRIEFING_GAP_WIDENING: h->analysis->append(buf, size, "; gap widening since %s", date); break;
    case BRIEFING_GAP_NARROWING: h->analysis->append(buf, size, "; gap narrowing since %s", date); break;
    default: break;
    }
}

/* The latest period of any measure shown: a figure older than it carries
 * its own date in its cell. */
static briefing_date latest_period(const briefing_host *h, briefing_ctx *ctx, const briefing_council *c,
                                   briefing_date as_of)
{
    briefing_date latest = {0, 0, 0};
    size_t k, count = h->option_count(ctx, "metrics");

    for (k = 0; k < count; k++) {
        const char *name = h->option_item(ctx, "metrics", k);
        const briefing_metric *m = name ? h->analysis->latest_metric(c, name, as_of) : NULL;

        if (m && (latest.year == 0 || h->compare_dates(m->period, latest) > 0))
            latest = m->period;
    }
    return latest;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_column cols[5] = {
        {sizeof(briefing_column), "Measure", 46, BRIEFING_ALIGN_LEFT, 1},
        {sizeof(briefing_column), c->name, 24, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "England", 22, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Change", 34, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Against England", 34, BRIEFING_ALIGN_LEFT, 0},
    };
    double p = h->option_number(ctx, "periods");
    int periods = p >= 2 && p <= 1000 ? (int)p : 3;
    size_t k, count = h->option_count(ctx, "metrics"), rows = 0;
    briefing_table *t = NULL;
    char title[256], latest[64] = "", note[SEC_TEXT];
    briefing_date first = {0, 0, 0}, newest = latest_period(h, ctx, c, ds->as_of);
    int same = 1;

    SEC_TRY(sec_check_host(h, ctx));
    /* A short table: keep it on one page with its heading. */
    SEC_TRY(h->layout->keep_together(doc, 1));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Workforce", title, sizeof title)));
    for (k = 0; k < count; k++) {
        const char *name = h->option_item(ctx, "metrics", k);
        const briefing_metric *m = name ? a->latest_metric(c, name, ds->as_of) : NULL, *prev;
        briefing_metric_trend tr = {.size = sizeof tr};
        int dec;
        char measure[SEC_TEXT], value[64], eng[64], change[256], against[128], cite[256];
        const char *row[5] = {measure, value, eng, change, against};

        if (m == NULL)
            continue;
        if (t == NULL && (t = h->layout->table_begin(doc, NULL, cols, 5)) == NULL)
            return BRIEFING_ERR_INTERNAL;
        a->metric_trend(c, name, ds->as_of, periods, &tr);
        prev = a->previous_metric(c, m, ds->as_of);
        measure[0] = '\0';
        h->cite(ctx, ds, m->cites, cite, sizeof cite);
        a->append(measure, sizeof measure, "%s%s%s", a->metric_label(name), *cite ? " " : "", cite);
        /* one precision across the row: "6.0%" beside "18.9%" */
        dec = sec_fraction(m->value) || (a->england_comparable(m) && sec_fraction(m->england)) ||
              (prev && sec_fraction(prev->value));
        a->format_value(m->unit, m->value, dec, value, sizeof value);
        if (a->england_comparable(m))
            a->format_value(m->unit, m->england, dec, eng, sizeof eng);
        else
            eng[0] = '\0';
        if (h->compare_dates(m->period, newest) < 0) {
            char when[64];

            h->format_date(m->period, when, sizeof when);
            a->append(value, sizeof value, " (%s)", when);
            if (*eng)
                a->append(eng, sizeof eng, " (%s)", when);
        }
        a->change_text(m, prev, dec, change, sizeof change);
        if (*change)
            change[0] = (char)(change[0] - 'a' + 'A');
        england_words(h, m, &tr, against, sizeof against);
        SEC_TRY(h->layout->table_row(t, row));
        if (rows++ == 0)
            first = m->period;
        else if (h->compare_dates(first, m->period) != 0)
            same = 0;
    }
    if (t == NULL) {
        SEC_TRY(h->layout->paragraph(doc, "No workforce figures are in the data given."));
        return h->layout->keep_together(doc, 0);
    }
    SEC_TRY(h->layout->table_end(t));
    if (same)
        snprintf(note, sizeof note, "Figures at %s, beside England's for the same date. ",
                 h->format_date(first, latest, sizeof latest));
    else
        snprintf(note, sizeof note, "The latest figure of each measure, beside England's for the same date; "
                 "a figure older than %s carries its date. ", h->format_date(newest, latest, sizeof latest));
    h->analysis->append(note, sizeof note, "Change compares each figure with the one before it; the gap to "
                        "England is measured over the last %d figures.", periods);
    SEC_TRY(h->layout->note(doc, note));
    return h->layout->keep_together(doc, 0);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "workforce",
    .version = "1.0.0",
    .description = "Workforce: social worker turnover, agency workers, vacancies and caseloads against England",
    .options = options,
    .render = render,
};

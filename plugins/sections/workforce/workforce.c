/*
 * workforce: the social work workforce at a glance: turnover, agency
 * workers, vacancies and caseloads, each with England's figure, which way
 * it moved and whether the gap to England grew (from the shared analysis).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {"title", BRIEFING_OPTION_STRING, "Workforce", "Heading of the section ({council} is replaced)"},
    {"metrics", BRIEFING_OPTION_LIST, "social_worker_turnover,agency_worker_rate,vacancy_rate,average_caseload",
     "Workforce metric names, in the order shown"},
    {"periods", BRIEFING_OPTION_NUMBER, "3", "How many of the latest figures the change looks at"},
    {NULL, 0, NULL, NULL}};

/* "Up from 7.3% (September 2021)", "Little changed", or "" without a trend. */
static void change_words(const briefing_host *h, const briefing_metric_trend *t, int dec, char *buf, size_t size)
{
    char v[64], date[64];

    buf[0] = '\0';
    if (t->trend == BRIEFING_TREND_UNKNOWN)
        return;
    h->analysis->format_value(t->first->unit, t->first->value, dec, v, sizeof v);
    h->format_date(t->first->period, date, sizeof date);
    switch (t->trend) {
    case BRIEFING_TREND_RISING: snprintf(buf, size, "Up from %s (%s)", v, date); break;
    case BRIEFING_TREND_FALLING: snprintf(buf, size, "Down from %s (%s)", v, date); break;
    default: snprintf(buf, size, "Little changed since %s", date); break;
    }
}

/* "Below England; gap widening". */
static void england_words(const briefing_host *h, const briefing_metric *m, const briefing_metric_trend *t,
                          char *buf, size_t size)
{
    double diff;

    buf[0] = '\0';
    if (!h->analysis->england_comparable(m))
        return;
    diff = m->value - m->england;
    h->analysis->append(buf, size, "%s",
                        fabs(diff) <= 0.02 * fabs(m->england) ? "Level with England"
                        : diff > 0 ? "Above England" : "Below England");
    switch (t->gap) {
    case BRIEFING_GAP_WIDENING: h->analysis->append(buf, size, "; gap widening"); break;
    case BRIEFING_GAP_NARROWING: h->analysis->append(buf, size, "; gap narrowing"); break;
    default: break;
    }
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_column cols[5] = {
        {"Measure", 46, BRIEFING_ALIGN_LEFT},
        {c->name, 24, BRIEFING_ALIGN_RIGHT},
        {"England", 22, BRIEFING_ALIGN_RIGHT},
        {"Change", 34, BRIEFING_ALIGN_LEFT},
        {"Against England", 34, BRIEFING_ALIGN_LEFT},
    };
    double p = h->option_number(ctx, "periods");
    int periods = p >= 2 && p <= 1000 ? (int)p : 3;
    size_t k, count = h->option_count(ctx, "metrics"), rows = 0;
    briefing_table *t = NULL;
    char title[256], latest[64] = "", note[SEC_TEXT];
    briefing_date first = {0, 0, 0};
    int same = 1;

    SEC_TRY(sec_check_host(h, ctx));
    /* A short table: keep it on one page with its heading. */
    SEC_TRY(h->layout->keep_together(doc, 1));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Workforce", title, sizeof title)));
    for (k = 0; k < count; k++) {
        const char *name = h->option_item(ctx, "metrics", k);
        const briefing_metric *m = name ? a->latest_metric(c, name, ds->as_of) : NULL;
        briefing_metric_trend tr = {.size = sizeof tr};
        int dec;
        char measure[SEC_TEXT], value[64], eng[64], change[256], against[128], cite[256];
        const char *row[5] = {measure, value, eng, change, against};

        if (m == NULL)
            continue;
        if (t == NULL && (t = h->layout->table_begin(doc, NULL, cols, 5)) == NULL)
            return BRIEFING_ERR_INTERNAL;
        a->metric_trend(c, name, ds->as_of, periods, &tr);
        measure[0] = '\0';
        h->cite(ctx, ds, m->cites, cite, sizeof cite);
        a->append(measure, sizeof measure, "%s%s%s", a->metric_label(name), *cite ? " " : "", cite);
        /* one precision across the row: "6.0%" beside "18.9%" */
        dec = sec_fraction(m->value) || (a->england_comparable(m) && sec_fraction(m->england)) ||
              (tr.first && sec_fraction(tr.first->value));
        a->format_value(m->unit, m->value, dec, value, sizeof value);
        if (a->england_comparable(m))
            a->format_value(m->unit, m->england, dec, eng, sizeof eng);
        else
            eng[0] = '\0';
        change_words(h, &tr, dec, change, sizeof change);
        england_words(h, m, &tr, against, sizeof against);
        SEC_TRY(h->layout->table_row(t, row));
        if (rows++ == 0)
            first = m->period;
        else if (h->compare_dates(first, m->period) != 0)
            same = 0;
    }
    if (t == NULL) {
        SEC_TRY(h->layout->paragraph(doc, "No workforce figures recorded."));
        return h->layout->keep_together(doc, 0);
    }
    SEC_TRY(h->layout->table_end(t));
    if (same)
        snprintf(note, sizeof note, "Figures at %s, beside England's for the same date. ",
                 h->format_date(first, latest, sizeof latest));
    else
        snprintf(note, sizeof note, "The latest figure of each measure, beside England's for the same date. ");
    h->analysis->append(note, sizeof note, "Change compares it with the earliest of the last %d figures "
                        "recorded.", periods);
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

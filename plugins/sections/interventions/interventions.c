/*
 * interventions: what government has done: what is in force now, each
 * intervention on the shared time axis (so it lines up with the
 * inspections and the leaders), a table of dates and who led them, and
 * what each was and how it ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Government intervention", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "chart", BRIEFING_OPTION_BOOL, "true", "Draw the interventions on the time axis"},
    {sizeof(briefing_option), "details", BRIEFING_OPTION_BOOL, "true", "Describe each intervention and its outcome"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* The most interventions shown: far more than any council has had. */
#define MAX_SHOWN 200

/* "Statutory direction", or "Statutory direction (2016)" when the council
 * had more than one of the kind, so each gets its own lane and row name. */
static const char *name_of(const briefing_host *h, const briefing_intervention *const *shown, size_t n,
                           size_t i, char *buf, size_t size)
{
    size_t k, same = 0;

    for (k = 0; k < n; k++)
        if (shown[k]->kind == shown[i]->kind)
            same++;
    if (same > 1)
        snprintf(buf, size, "%s (%d)", h->intervention_label(shown[i]->kind), shown[i]->start.year);
    else
        snprintf(buf, size, "%s", h->intervention_label(shown[i]->kind));
    return buf;
}

static int in_force_line(const briefing_host *h, const briefing_dataset *ds, const briefing_council *c,
                         briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    char text[SEC_TEXT], list[SEC_TEXT], asof[64];

    h->format_date(ds->as_of, asof, sizeof asof);
    text[0] = '\0';
    if (*a->interventions_text(c, ds->as_of, list, sizeof list))
        a->append(text, sizeof text, "In force on %s: %s.", asof, list);
    else
        a->append(text, sizeof text, "No intervention was in force on %s.", asof);
    return h->layout->paragraph(doc, text);
}

static int chart(const briefing_host *h, briefing_ctx *ctx, const briefing_intervention *const *shown,
                 size_t n, briefing_doc *doc)
{
    briefing_bar *bars = calloc(n, sizeof *bars);
    char (*lanes)[96] = calloc(n, sizeof *lanes);
    briefing_timeline tl;
    size_t k;
    int rc;

    if (bars == NULL || lanes == NULL) {
        free(bars);
        free(lanes);
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory drawing interventions");
    }
    for (k = 0; k < n; k++) {
        bars[k].size = sizeof bars[k];
        bars[k].lane = name_of(h, shown, n, k, lanes[k], sizeof lanes[k]);
        bars[k].label = shown[k]->partner;
        bars[k].start = shown[k]->start;
        bars[k].end = shown[k]->end;
    }
    memset(&tl, 0, sizeof tl);
    tl.size = sizeof tl;
    tl.title = "Interventions over time";
    tl.source_note = "Sources: see the table below. A bar without an end runs to the date of this briefing.";
    tl.bars = bars;
    tl.n_bars = n;
    rc = h->layout->timeline(doc, &tl);
    free(bars);
    free(lanes);
    return rc;
}

static int table(const briefing_host *h, const briefing_dataset *ds, const briefing_intervention *const *shown,
                 size_t n, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    static const briefing_column cols[5] = {
        {sizeof(briefing_column), "Intervention", 40, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "From", 26, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "To", 26, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Length", 24, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Imposed or led by", 44, BRIEFING_ALIGN_LEFT, 0},
    };
    briefing_table *t = h->layout->table_begin(doc, NULL, cols, 5);
    size_t k;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    for (k = 0; k < n; k++) {
        const briefing_intervention *v = shown[k];
        char name[96], from[64], to[64], len[64], by[SEC_TEXT];
        const char *row[5] = {name, from, to, len, by};
        int open = v->end.year == 0;

        name_of(h, shown, n, k, name, sizeof name);
        h->format_date(v->start, from, sizeof from);
        if (open)
            snprintf(to, sizeof to, "In force");
        else
            h->format_date(v->end, to, sizeof to);
        if (*a->format_length(v->start, open ? ds->as_of : v->end, len, sizeof len) && open)
            a->append(len, sizeof len, " so far");
        by[0] = '\0';
        a->append(by, sizeof by, "%s", v->by ? v->by : "Not recorded");
        if (v->partner)
            a->append(by, sizeof by, ", with %s", v->partner);
        SEC_TRY(h->layout->table_row(t, row));
    }
    return h->layout->table_end(t);
}

/* What each was and how it ended, with its sources. */
static int details(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                   const briefing_intervention *const *shown, size_t n, briefing_doc *doc)
{
    size_t k;

    for (k = 0; k < n; k++) {
        const briefing_intervention *v = shown[k];
        char name[96], date[64], head[160], body[2 * SEC_TEXT], cite[256];
        briefing_run runs[2];

        name_of(h, shown, n, k, name, sizeof name);
        snprintf(head, sizeof head, "%s, %s. ", name, h->format_date(v->start, date, sizeof date));
        body[0] = '\0';
        h->analysis->append(body, sizeof body, "%s", sec_str(v->summary));
        if (v->outcome)
            h->analysis->append(body, sizeof body, " Outcome: %s", v->outcome);
        h->cite(ctx, ds, v->cites, cite, sizeof cite);
        if (*cite)
            h->analysis->append(body, sizeof body, " %s", cite);
        memset(runs, 0, sizeof runs);
        runs[0].size = runs[1].size = sizeof runs[0];
        runs[0].text = head;
        runs[0].bold = 1;
        runs[1].text = body;
        SEC_TRY(h->layout->paragraph_runs(doc, runs, 2));
    }
    return BRIEFING_OK;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_intervention *shown[MAX_SHOWN];
    size_t k, n = 0;
    char title[256];

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Government intervention", title, sizeof title)));
    /* The latest MAX_SHOWN that had started by the as-of date. */
    for (k = 0; k < c->n_interventions; k++) {
        if (h->compare_dates(c->interventions[k]->start, ds->as_of) > 0)
            continue;
        if (n == MAX_SHOWN) {
            memmove(shown, shown + 1, (MAX_SHOWN - 1) * sizeof *shown);
            n--;
        }
        shown[n++] = c->interventions[k];
    }
    if (n == 0)
        return h->layout->paragraph(doc, h->analysis->recorded(c, "interventions")
                                             ? "The data given lists no government intervention."
                                             : "Government intervention is not recorded in the data given.");
    SEC_TRY(in_force_line(h, ds, c, doc));
    if (h->option_bool(ctx, "chart"))
        SEC_TRY(chart(h, ctx, shown, n, doc));
    SEC_TRY(table(h, ds, shown, n, doc));
    if (h->option_bool(ctx, "details")) {
        SEC_TRY(h->layout->heading(doc, 2, "What each intervention was"));
        SEC_TRY(details(h, ctx, ds, shown, n, doc));
    }
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "interventions",
    .version = "1.0.0",
    .description = "Government intervention: what is in force, a timeline, dates, who led it, outcomes",
    .options = options,
    .render = render,
};

/*
 * events: dated notes in order (news, committee decisions, announcements),
 * each with its sources.
 */
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Key events", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "since", BRIEFING_OPTION_STRING, NULL, "Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)"},
    {sizeof(briefing_option), "last", BRIEFING_OPTION_NUMBER, "0", "Only the latest this many events (0: all)"},
    {sizeof(briefing_option), "summaries", BRIEFING_OPTION_BOOL, "true", "Give each event's summary after its headline"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const char *since_text = h->option_string(ctx, "since");
    double last = h->option_number(ctx, "last");
    int summaries = h->option_bool(ctx, "summaries");
    briefing_date since = {0, 0, 0};
    size_t k, n = 0, skip = 0, seen = 0;
    char title[256];

    SEC_TRY(sec_check_host(h, ctx));
    if (since_text && *since_text && !h->parse_date(since_text, &since))
        return h->error(ctx, BRIEFING_ERR_CONFIG, "option since: \"%.100s\" is not a date (use YYYY-MM-DD)",
                        since_text);
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Key events", title, sizeof title)));
    for (k = 0; k < c->n_events; k++) {
        const briefing_event *e = c->events[k];

        if (h->compare_dates(e->date, ds->as_of) <= 0 && (since.year == 0 || h->compare_dates(e->date, since) >= 0))
            n++;
    }
    if (last >= 1 && (double)n > last)
        skip = n - (size_t)last;
    if (n == 0)
        return h->layout->paragraph(doc, h->analysis->recorded(c, "events")
                                             ? "The data given lists no events for this period."
                                             : "Key events are not recorded in the data given.");
    for (k = 0; k < c->n_events; k++) {
        const briefing_event *e = c->events[k];
        char date[64], head[SEC_TEXT], body[SEC_TEXT], cite[256];
        briefing_run runs[3];

        if (h->compare_dates(e->date, ds->as_of) > 0 || (since.year && h->compare_dates(e->date, since) < 0))
            continue;
        if (seen++ < skip)
            continue;
        memset(runs, 0, sizeof runs);
        runs[0].size = runs[1].size = runs[2].size = sizeof runs[0];
        h->format_date(e->date, date, sizeof date);
        head[0] = body[0] = '\0';
        h->analysis->append(head, sizeof head, "%s%s", sec_str(e->headline), sec_ends_sentence(e->headline) ? "" : ".");
        if (summaries && e->summary)
            h->analysis->append(body, sizeof body, " %s", e->summary);
        h->cite(ctx, ds, e->cites, cite, sizeof cite);
        if (*cite)
            h->analysis->append(body, sizeof body, " %s", cite);
        h->analysis->append(date, sizeof date, ": ");
        runs[0].text = date;
        runs[0].bold = 1;
        runs[1].text = head;
        runs[1].bold = 1;
        runs[2].text = body;
        SEC_TRY(h->layout->bullet_runs(doc, runs, 3));
    }
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "events",
    .version = "1.0.0",
    .description = "Key events: dated notes in order, with their sources",
    .options = options,
    .render = render,
};

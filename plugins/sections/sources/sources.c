/*
 * sources: the numbered list of references that facts elsewhere cite as
 * [n], with clickable links.  When the data holds several councils, only
 * the sources this council's facts cite are listed, under the numbers the
 * citations use.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Sources", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "all", BRIEFING_OPTION_BOOL, "false",
     "List every source in the data, cited or not (always so when the data holds one council)"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* A growing list of the ids the council's facts cite. */
typedef struct ids {
    const char **v;
    size_t n, cap;
} ids;

static int add_cites(ids *l, briefing_cites cites)
{
    size_t k;

    for (k = 0; k < cites.count; k++) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? 2 * l->cap : 64;
            const char **p = realloc(l->v, cap * sizeof *p);

            if (p == NULL)
                return -1;
            l->v = p;
            l->cap = cap;
        }
        l->v[l->n++] = cites.ids[k];
    }
    return 0;
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int collect(const briefing_council *c, ids *l)
{
    size_t k;
    int bad = 0;

    for (k = 0; k < c->n_inspections; k++)
        bad |= add_cites(l, c->inspections[k]->cites);
    for (k = 0; k < c->n_leaders; k++)
        bad |= add_cites(l, c->leaders[k]->cites);
    for (k = 0; k < c->n_interventions; k++)
        bad |= add_cites(l, c->interventions[k]->cites);
    for (k = 0; k < c->n_metrics; k++)
        bad |= add_cites(l, c->metrics[k]->cites);
    for (k = 0; k < c->n_events; k++)
        bad |= add_cites(l, c->events[k]->cites);
    if (l->n > 0)
        qsort(l->v, l->n, sizeof *l->v, cmp_id);
    return bad;
}

static int entry(const briefing_host *h, const briefing_source *s, briefing_doc *doc)
{
    char num[32], text[SEC_TEXT], date[64];
    briefing_run runs[3];
    size_t n = 2;

    snprintf(num, sizeof num, "[%d] ", s->number);
    text[0] = '\0';
    h->analysis->append(text, sizeof text, "%s", s->title ? s->title : s->id);
    if (!sec_ends_sentence(text))
        h->analysis->append(text, sizeof text, ".");
    if (s->publisher)
        h->analysis->append(text, sizeof text, " %s", s->publisher);
    if (s->date.year)
        h->analysis->append(text, sizeof text, "%s%s", s->publisher ? ", " : " ",
                            h->format_date(s->date, date, sizeof date));
    if (s->publisher || s->date.year)
        h->analysis->append(text, sizeof text, ".");
    if (s->url)
        h->analysis->append(text, sizeof text, " ");
    memset(runs, 0, sizeof runs);
    runs[0].size = runs[1].size = runs[2].size = sizeof runs[0];
    runs[0].text = num;
    runs[0].bold = 1;
    runs[1].text = text;
    if (s->url) {
        runs[2].text = s->url;
        runs[2].url = s->url;
        n = 3;
    }
    if (h->layout->size >= offsetof(briefing_layout_api, reference_runs) + sizeof h->layout->reference_runs)
        return h->layout->reference_runs(doc, runs, n);
    return h->layout->paragraph_runs(doc, runs, n);
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    ids cited = {NULL, 0, 0};
    /* With one council in the data every source is about it. */
    int all = h->option_bool(ctx, "all") || ds->n_councils == 1, rc = BRIEFING_OK;
    size_t k, listed = 0;
    char title[256];

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Sources", title, sizeof title)));
    if (!all && collect(c, &cited) != 0) {
        free(cited.v);
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory listing sources");
    }
    for (k = 0; k < ds->n_sources && rc == BRIEFING_OK; k++) {
        const briefing_source *s = ds->sources[k];

        if (!all && (cited.n == 0 || bsearch(&s->id, cited.v, cited.n, sizeof *cited.v, cmp_id) == NULL))
            continue;
        rc = entry(h, s, doc);
        listed++;
    }
    free(cited.v);
    if (rc == BRIEFING_OK && listed == 0)
        rc = h->layout->paragraph(doc, "No sources cited.");
    return rc;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "sources",
    .version = "1.0.0",
    .description = "Sources: numbered references with clickable links",
    .options = options,
    .render = render,
};

/*
 * changes: what changed since the last briefing of this council with this
 * template (batch --state-dir): a new inspection or judgement, a new or
 * departed director of children's services, an intervention started or
 * ended, a metric that moved by more than a threshold, each with its date.
 *
 * The last briefing comes from h->previous: the council as the dataset held
 * it then, and the "as of" date of that briefing.  Both sides are read as of
 * their own date (what was after it is left out, an end after it is not yet
 * an end), so that data entered early does not show as news twice.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/section.h"

/* The most changes listed; more are counted in a closing line. */
#define CHANGES_MAX 200

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Changes since the last briefing",
     "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "threshold", BRIEFING_OPTION_NUMBER, "5",
     "Report a metric when its latest value moved by more than this many per cent"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

typedef struct change {
    briefing_date date;
    char text[512];
} change;

typedef struct changes {
    const briefing_host *h;
    const briefing_json *prev;  /* the council as last briefed */
    briefing_date prev_as_of;
    briefing_date as_of;
    change *items;
    size_t n;
    size_t dropped;
} changes;

/* ---- reading the previous briefing ------------------------------------------ */

static briefing_date changes_date(const changes *ch, const briefing_json *o, const char *key)
{
    briefing_date d = {0, 0, 0};

    ch->h->parse_date(ch->h->json->string(ch->h->json->get(o, key)), &d);
    return d;
}

static const char *changes_string(const changes *ch, const briefing_json *o, const char *key)
{
    return ch->h->json->string(ch->h->json->get(o, key));
}

/* 1 when d begins after the last day that as_of stands for: as of "2024-05"
 * takes in all of May.  Dates compare as (year, month, day) with a missing
 * part at its widest. */
static int changes_after(briefing_date d, briefing_date as_of)
{
    int a[3] = {d.year, d.month ? d.month : 1, d.day ? d.day : 1};
    int b[3] = {as_of.year, as_of.month ? as_of.month : 12, as_of.day ? as_of.day : 31};
    int i;

    if (d.year == 0 || as_of.year == 0)
        return 0;
    for (i = 0; i < 3; i++)
        if (a[i] != b[i])
            return a[i] > b[i];
    return 0;
}

/* The previous briefing's entries of list `key` that it could see. */
static size_t changes_prev_count(const changes *ch, const char *key)
{
    return ch->h->json->count(ch->h->json->get(ch->prev, key));
}

static const briefing_json *changes_prev_at(const changes *ch, const char *key, size_t i,
                                            const char *date_key)
{
    const briefing_json *e = ch->h->json->at(ch->h->json->get(ch->prev, key), i);

    return changes_after(changes_date(ch, e, date_key), ch->prev_as_of) ? NULL : e;
}

/* An end date as the previous briefing saw it: absent when after its as-of. */
static briefing_date changes_prev_end(const changes *ch, const briefing_json *e)
{
    briefing_date end = changes_date(ch, e, "end"), none = {0, 0, 0};

    return changes_after(end, ch->prev_as_of) ? none : end;
}

static int changes_same_text(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* ---- collecting ----------------------------------------------------------------- */

static void changes_add(changes *ch, briefing_date date, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void changes_add(changes *ch, briefing_date date, const char *fmt, ...)
{
    change *c;
    va_list ap;

    if (ch->n == CHANGES_MAX) {
        ch->dropped++;
        return;
    }
    c = &ch->items[ch->n++];
    c->date = date;
    va_start(ap, fmt);
    vsnprintf(c->text, sizeof c->text, fmt, ap);
    va_end(ap);
}

/* "ILACS" from "Inspection of ... (ILACS)"; the whole label otherwise. */
static const char *changes_short(const char *label, char *buf, size_t size)
{
    const char *open = strrchr(label, '(');
    const char *close = open ? strchr(open, ')') : NULL;

    if (open && close && close > open + 1)
        snprintf(buf, size, "%.*s", (int)(close - open - 1), open + 1);
    else
        snprintf(buf, size, "%s", label);
    return buf;
}

/* A judgement as the data writes it ("requires_improvement") in words. */
static const char *changes_words(const char *value, char *buf, size_t size)
{
    size_t i;

    snprintf(buf, size, "%s", value ? value : "no judgement");
    for (i = 0; buf[i]; i++)
        if (buf[i] == '_')
            buf[i] = ' ';
    return buf;
}

static void changes_inspections(changes *ch, const briefing_council *c)
{
    const briefing_host *h = ch->h;
    size_t i, k, n_prev = changes_prev_count(ch, "inspections");

    for (i = 0; i < c->n_inspections; i++) {
        const briefing_inspection *in = c->inspections[i];
        const char *type = changes_string(ch, in->raw, "type");
        const char *now = changes_string(ch, in->raw, "judgement");
        const briefing_json *match = NULL;
        char fw[128], what[128], was[64];

        for (k = 0; k < n_prev && match == NULL; k++) {
            const briefing_json *p = changes_prev_at(ch, "inspections", k, "date");
            const char *ptype = changes_string(ch, p, "type");

            if (p && h->compare_dates(changes_date(ch, p, "date"), in->date) == 0
                && (type == NULL || ptype == NULL || strcmp(type, ptype) == 0))
                match = p;
        }
        changes_short(h->framework_label(in->framework), fw, sizeof fw);
        sec_lower(h->inspection_type_label(in->type), what, sizeof what);
        if (match == NULL && in->judgement != BRIEFING_JUDGEMENT_NONE)
            changes_add(ch, in->date, "New Ofsted judgement: %s (%s %s)",
                        h->judgement_label(in->judgement), fw, what);
        else if (match == NULL)
            changes_add(ch, in->date, "New Ofsted %s published (%s)", what, fw);
        else if (!(now == NULL && changes_string(ch, match, "judgement") == NULL)
                 && !changes_same_text(now, changes_string(ch, match, "judgement")))
            changes_add(ch, in->date, "The %s judgement is now recorded as %s (was %s)", fw,
                        h->judgement_label(in->judgement),
                        changes_words(changes_string(ch, match, "judgement"), was, sizeof was));
    }
}

/* The date a leader's entry is known by: start, else in_post_on. */
static briefing_date changes_leader_date(const briefing_leader *l)
{
    return l->start.year ? l->start : l->in_post_on;
}

static void changes_leaders(changes *ch, const briefing_council *c)
{
    const briefing_host *h = ch->h;
    size_t i, k, n_prev = changes_prev_count(ch, "leaders");
    char *seen = calloc(n_prev + 1, 1);

    for (i = 0; i < c->n_leaders; i++) {
        const briefing_leader *l = c->leaders[i];
        const briefing_json *match = NULL;

        if (!changes_same_text(l->role, "dcs"))
            continue;
        for (k = 0; k < n_prev && match == NULL; k++) {
            const briefing_json *p = h->json->at(h->json->get(ch->prev, "leaders"), k);
            briefing_date pd = changes_date(ch, p, "start");

            if (pd.year == 0)
                pd = changes_date(ch, p, "in_post_on");
            if (changes_after(pd, ch->prev_as_of) || !changes_same_text(changes_string(ch, p, "role"), "dcs")
                || !changes_same_text(changes_string(ch, p, "name"), l->name)
                || h->compare_dates(pd, changes_leader_date(l)) != 0)
                continue;
            match = p;
            if (seen)
                seen[k] = 1;
        }
        if (match == NULL)
            changes_add(ch, changes_leader_date(l), "New director of children's services: %s%s",
                        sec_str(l->name), l->interim ? " (interim)" : "");
        if (l->end.year && (match == NULL || changes_prev_end(ch, match).year == 0))
            changes_add(ch, l->end, "%s%s left the post of director of children's services",
                        sec_str(l->name), l->interim ? " (interim)" : "");
    }
    /* A director in post last time who is no longer in the data at all. */
    for (k = 0; seen && k < n_prev; k++) {
        const briefing_json *p = changes_prev_at(ch, "leaders", k, "start");

        if (!seen[k] && p && changes_same_text(changes_string(ch, p, "role"), "dcs")
            && changes_prev_end(ch, p).year == 0)
            changes_add(ch, ch->as_of, "%s is no longer recorded as director of children's "
                        "services", sec_str(changes_string(ch, p, "name")));
    }
    free(seen);
}

static void changes_interventions(changes *ch, const briefing_council *c)
{
    const briefing_host *h = ch->h;
    size_t i, k, n_prev = changes_prev_count(ch, "interventions");

    for (i = 0; i < c->n_interventions; i++) {
        const briefing_intervention *iv = c->interventions[i];
        const char *kind = changes_string(ch, iv->raw, "kind");
        const briefing_json *match = NULL;

        for (k = 0; k < n_prev && match == NULL; k++) {
            const briefing_json *p = changes_prev_at(ch, "interventions", k, "start");

            if (p && changes_same_text(changes_string(ch, p, "kind"), kind)
                && h->compare_dates(changes_date(ch, p, "start"), iv->start) == 0)
                match = p;
        }
        if (match == NULL)
            changes_add(ch, iv->start, "Intervention started: %s%s%s",
                        h->intervention_label(iv->kind), iv->by ? ", by " : "", sec_str(iv->by));
        if (iv->end.year && (match == NULL || changes_prev_end(ch, match).year == 0))
            changes_add(ch, iv->end, "Intervention ended: %s%s%s",
                        h->intervention_label(iv->kind), iv->outcome ? "; " : "",
                        sec_str(iv->outcome));
    }
}

/* The previous briefing's latest point of metric name: 1 and its value and
 * period, or 0 when it had none. */
static int changes_prev_metric(const changes *ch, const char *name, double *value,
                               briefing_date *period)
{
    size_t k, n = changes_prev_count(ch, "metrics");
    int found = 0;

    for (k = 0; k < n; k++) {
        const briefing_json *p = changes_prev_at(ch, "metrics", k, "period");
        briefing_date d;
        double v;

        if (p == NULL || !changes_same_text(changes_string(ch, p, "name"), name)
            || !ch->h->json->number(ch->h->json->get(p, "value"), &v))
            continue;
        d = changes_date(ch, p, "period");
        if (!found || ch->h->compare_dates(d, *period) > 0) {
            *value = v;
            *period = d;
            found = 1;
        }
    }
    return found;
}

static void changes_metrics(changes *ch, const briefing_council *c, double threshold)
{
    const briefing_host *h = ch->h;
    size_t i;

    /* c->metrics is sorted by name, then period: the last of a name is its
     * latest point. */
    for (i = 0; i < c->n_metrics; i++) {
        const briefing_metric *m = c->metrics[i];
        char now[64], then[64], when[64];
        briefing_date period;
        double before, moved;

        if (i + 1 < c->n_metrics && strcmp(c->metrics[i + 1]->name, m->name) == 0)
            continue;
        if (!changes_prev_metric(ch, m->name, &before, &period))
            continue;
        if (before == m->value)
            continue;
        moved = before != 0 ? (m->value - before) / fabs(before) * 100.0 : INFINITY;
        if (fabs(moved) <= threshold)
            continue;
        h->analysis->format_value(m->unit, m->value, -1, now, sizeof now);
        h->analysis->format_value(m->unit, before, -1, then, sizeof then);
        h->format_date(period, when, sizeof when);
        if (isinf(moved))
            changes_add(ch, m->period, "%s: %s, from %s (%s)", h->analysis->metric_label(m->name),
                        now, then, when);
        else
            changes_add(ch, m->period, "%s: %s, %s %.1f%% from %s (%s)",
                        h->analysis->metric_label(m->name), now, moved > 0 ? "up" : "down",
                        fabs(moved), then, when);
    }
}

/* ---- writing -------------------------------------------------------------------- */

/* Oldest first; insertion sort, stable, for a list of at most
 * CHANGES_MAX. */
static void changes_sort(changes *ch)
{
    size_t i, k;

    for (i = 1; i < ch->n; i++) {
        change moving = ch->items[i];

        for (k = i; k > 0 && ch->h->compare_dates(ch->items[k - 1].date, moving.date) > 0; k--)
            ch->items[k] = ch->items[k - 1];
        ch->items[k] = moving;
    }
}

static int changes_table(changes *ch, briefing_doc *doc)
{
    static const briefing_column cols[] = {
        {sizeof(briefing_column), "Date", 34, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "What changed", 0, BRIEFING_ALIGN_LEFT, 0},
    };
    briefing_table *t;
    size_t i;

    changes_sort(ch);
    t = ch->h->layout->table_begin(doc, NULL, cols, 2);
    if (t == NULL)
        return BRIEFING_ERR_NOMEM;
    for (i = 0; i < ch->n; i++) {
        char date[64];
        const char *row[2];

        ch->h->format_date(ch->items[i].date, date, sizeof date);
        row[0] = date;
        row[1] = ch->items[i].text;
        SEC_TRY(ch->h->layout->table_row(t, row));
    }
    SEC_TRY(ch->h->layout->table_end(t));
    if (ch->dropped) {
        char more[128];

        snprintf(more, sizeof more, "And %zu more changes not listed.", ch->dropped);
        return ch->h->layout->note(doc, more);
    }
    return BRIEFING_OK;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    double threshold = h->option_number(ctx, "threshold");
    const briefing_json *state = NULL;
    changes ch;
    char title[256], briefed[64], as_of[64], text[512], pct[32];
    int rc;

    SEC_TRY(sec_check_host(h, ctx));
    if (isnan(threshold) || threshold < 0)
        return h->error(ctx, BRIEFING_ERR_CONFIG, "option threshold: expected a percentage of "
                        "0 or more");
    /* A run that keeps no state (generate, or batch without --state-dir)
     * has nothing to compare with, ever: the section leaves itself out
     * rather than say "first briefing" on every one-off. */
    if (h->size >= offsetof(briefing_host, state_kept) + sizeof h->state_kept && h->state_kept &&
        !h->state_kept(ctx))
        return BRIEFING_OK;
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Changes since the last briefing",
                                                 title, sizeof title)));
    if (h->size >= offsetof(briefing_host, previous) + sizeof h->previous && h->previous)
        state = h->previous(ctx);
    memset(&ch, 0, sizeof ch);
    ch.h = h;
    ch.prev = h->json->get(state, "council");
    ch.prev_as_of = changes_date(&ch, state, "as_of");
    ch.as_of = ds->as_of;
    if (ch.prev == NULL)
        return h->layout->paragraph(doc, "First briefing for this council: nothing to compare "
                                    "with.");
    h->format_date(changes_date(&ch, state, "briefed"), briefed, sizeof briefed);
    h->format_date(ch.prev_as_of, as_of, sizeof as_of);
    snprintf(text, sizeof text, "Compared with the briefing made on %s, with data as of %s.",
             briefed, as_of);
    SEC_TRY(h->layout->paragraph(doc, text));
    if ((ch.items = calloc(CHANGES_MAX, sizeof *ch.items)) == NULL)
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory");
    changes_inspections(&ch, c);
    changes_leaders(&ch, c);
    changes_interventions(&ch, c);
    changes_metrics(&ch, c, threshold);
    if (ch.n == 0) {
        snprintf(pct, sizeof pct, "%g%%", threshold);
        snprintf(text, sizeof text, "Nothing in the data given has changed since: no new inspection or judgement, "
                 "no new or departed director, no intervention started or ended, and no "
                 "figure moved by more than %s.", pct);
        rc = h->layout->paragraph(doc, text);
    } else {
        rc = changes_table(&ch, doc);
    }
    free(ch.items);
    return rc;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "changes",
    .version = "1.0.0",
    .description = "What changed since the last briefing of this council (batch --state-dir)",
    .options = options,
    .render = render,
};

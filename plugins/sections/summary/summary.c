/*
 * summary: "at a glance": the facts a councillor needs in ten seconds, in
 * panels (current judgement, direction of travel, interventions, the
 * director, turnover, children looked after), then the story in one plain
 * paragraph, then (with the dashboard's figures, analysis ABI 1.2) the
 * indicators where the council stands furthest from the middle of its
 * statistical neighbours.  Every figure comes from the shared analysis (h->analysis).
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "At a glance", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "years", BRIEFING_OPTION_NUMBER, "4", "Count the directors of children's services over this many years"},
    {sizeof(briefing_option), "story", BRIEFING_OPTION_BOOL, "true", "Follow the panels with a paragraph telling the story"},
    {sizeof(briefing_option), "standing", BRIEFING_OPTION_LIST,
     "children_in_need_rate,rereferral_percent,cp_plan_subsequent_percent,cp_plan_two_years_percent,"
     "looked_after_rate,placements_three_or_more_percent,same_carer_two_years_percent,"
     "care_leavers_eet_percent,care_leavers_suitable_accommodation_percent,social_worker_turnover,"
     "agency_worker_rate,vacancy_rate,average_caseload,csc_spend_per_child",
     "Indicators for the strip of the five where the council stands furthest from the middle of its "
     "statistical neighbours (as in How we compare); none given: no strip"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* Everything the panels and the paragraph say, worked out once. */
typedef struct facts {
    const briefing_inspection *current, *last_full, *latest, *previous;
    briefing_direction direction;
    int months_since;
    size_t n_in_force;
    const briefing_intervention *last_ended;
    const briefing_leader *dcs;
    briefing_turnover turnover;
    int years;
    const briefing_metric *lac, *lac_rate;
    /* whether a source gave these lists for the council (empty or not) */
    int inspections_given, leaders_given, interventions_given;
} facts;

/* Fills f; BRIEFING_OK, or the error reported when memory ran out. */
static int gather(const briefing_host *h, briefing_ctx *ctx, const briefing_council *c,
                  briefing_date as_of, facts *f)
{
    const briefing_analysis_api *a = h->analysis;
    const briefing_leader *dcs[8];
    double years = h->option_number(ctx, "years");
    size_t k, n;

    memset(f, 0, sizeof *f);
    f->current = a->current_judgement(c, as_of);
    f->last_full = a->last_full_inspection(c, as_of);
    f->months_since = a->months_since_full_inspection(c, as_of);
    f->direction = a->direction_of_travel(c, as_of, &f->latest, &f->previous);
    f->n_in_force = a->interventions_on(c, as_of, NULL, 0);
    for (k = 0; k < c->n_interventions; k++) {
        const briefing_intervention *v = c->interventions[k];

        if (v->end.year && h->compare_dates(v->end, as_of) <= 0 &&
            (f->last_ended == NULL || h->compare_dates(v->end, f->last_ended->end) > 0))
            f->last_ended = v;
    }
    /* Of two directors in post on the day (a handover), the later one. */
    n = a->leaders_on(c, "dcs", as_of, dcs, 8);
    f->dcs = n ? dcs[(n < 8 ? n : 8) - 1] : NULL;
    f->years = isnan(years) || years < 1 || years > 50 ? 4 : (int)years;
    f->turnover.size = sizeof f->turnover;
    if (a->turnover(c, "dcs", as_of, f->years, &f->turnover) != 0)
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory counting turnover");
    f->lac = a->latest_metric(c, "looked_after_children", as_of);
    f->lac_rate = a->latest_metric(c, "looked_after_rate", as_of);
    f->inspections_given = a->recorded(c, "inspections");
    f->leaders_given = a->recorded(c, "leaders");
    f->interventions_given = a->recorded(c, "interventions");
    return BRIEFING_OK;
}

/* ---- the panels ------------------------------------------------------- */

static void judgement_panel(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                            const facts *f, briefing_fact *p, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char date[64], ago[64], cite[256];

    p->label = "Ofsted judgement";
    if (f->current == NULL) {
        p->value = f->inspections_given ? "No graded inspection" : "Not recorded";
        p->detail = f->inspections_given ? "None in the data given" : "Not in the data given";
        return;
    }
    p->value = h->judgement_label(f->current->judgement);
    p->badge = f->current->judgement;
    a->append(detail, size, "Published %s", h->format_date(f->current->date, date, sizeof date));
    if (f->last_full == f->current && f->months_since >= 0)
        a->append(detail, size, ", %s ago", a->format_months(f->months_since, ago, sizeof ago));
    else if (f->last_full && f->months_since >= 0)
        a->append(detail, size, "; last full inspection %s ago",
                  a->format_months(f->months_since, ago, sizeof ago));
    h->cite(ctx, ds, f->current->cites, cite, sizeof cite);
    if (*cite)
        a->append(detail, size, " %s", cite);
    p->detail = detail;
}

static void direction_panel(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                            const facts *f, briefing_fact *p, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char was[64], now[64], cite[256];
    briefing_cites both[2];

    p->label = "Direction of travel";
    switch (f->direction) {
    case BRIEFING_DIRECTION_IMPROVING: p->value = "Improving"; break;
    case BRIEFING_DIRECTION_DECLINING: p->value = "Declining"; break;
    case BRIEFING_DIRECTION_STABLE: p->value = "No change"; break;
    case BRIEFING_DIRECTION_UNKNOWN:
    default:
        p->value = "Not known";
        p->detail = f->last_full ? "Only one graded inspection to compare" : "No graded inspections to compare";
        return;
    }
    /* The two inspections compared: the current one and the one before. */
    a->append(detail, size, "From %s (%d) to %s (%d)",
              sec_lower(h->judgement_label(f->previous->judgement), was, sizeof was),
              f->previous->date.year,
              sec_lower(h->judgement_label(f->latest->judgement), now, sizeof now),
              f->latest->date.year);
    both[0] = f->previous->cites;
    both[1] = f->latest->cites;
    sec_cite_all(h, ctx, ds, both, 2, cite, sizeof cite);
    if (*cite)
        a->append(detail, size, " %s", cite);
    p->detail = detail;
}

static void intervention_panel(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                               const briefing_council *c, const facts *f, briefing_fact *p,
                               char *value, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char date[64], cite[256];

    p->label = "Government intervention";
    if (f->n_in_force == 0 && !f->interventions_given) {
        /* No source gave interventions: "none" would be a claim. */
        p->value = "Not recorded";
        p->detail = "Not in the data given";
        return;
    }
    if (f->n_in_force == 0) {
        p->value = "None in force";
        if (f->last_ended) {
            h->cite(ctx, ds, f->last_ended->cites, cite, sizeof cite);
            a->append(detail, size, "The last ended %s%s%s",
                      h->format_date(f->last_ended->end, date, sizeof date), *cite ? " " : "", cite);
        } else
            a->append(detail, size, "None in the data given");
        p->detail = detail;
        return;
    }
    snprintf(value, 64, "%zu in force", f->n_in_force);
    p->value = value;
    a->interventions_text(c, ds->as_of, detail, size);
    sec_cite_in_force(h, ctx, ds, c, ds->as_of, cite, sizeof cite);
    if (*cite)
        a->append(detail, size, " %s", cite);
    p->detail = detail;
}

static void dcs_panel(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                      const facts *f, briefing_fact *p, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char date[64], cite[256];
    briefing_date since;

    p->label = "Director of children's services";
    if (f->dcs == NULL) {
        p->value = "Not recorded";
        p->detail = f->leaders_given ? "No director in post in the data given" : "Not in the data given";
        return;
    }
    p->value = f->dcs->name;
    since = a->tenure_start(f->dcs);
    a->append(detail, size, "%s, %s %s", f->dcs->interim ? "Interim" : "Permanent",
              f->dcs->start.year ? "since" : "in post by", h->format_date(since, date, sizeof date));
    h->cite(ctx, ds, f->dcs->cites, cite, sizeof cite);
    if (*cite)
        a->append(detail, size, " %s", cite);
    p->detail = detail;
}

static void turnover_panel(const briefing_host *h, const facts *f, briefing_fact *p,
                           char *label, char *value, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char months[64];

    snprintf(label, 96, "Directors in the last %d years", f->years);
    p->label = label;
    if (f->turnover.people == 0) {
        p->value = "Not recorded";
        p->detail = f->leaders_given ? "No director in these years in the data given" : "Not in the data given";
        return;
    }
    snprintf(value, 64, "%zu", f->turnover.people);
    p->value = value;
    if (f->turnover.people == 1)
        a->append(detail, size, "%s", f->turnover.interim ? "Interim" : "Permanent");
    else if (f->turnover.interim == 0)
        a->append(detail, size, "None of them interim");
    else
        a->append(detail, size, "%zu of them interim", f->turnover.interim);
    if (!isnan(f->turnover.median_months) && f->turnover.people > 1)
        a->append(detail, size, "; median tenure %s",
                  a->format_months(f->turnover.median_months, months, sizeof months));
    p->detail = detail;
}

static void lac_panel(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                      const facts *f, briefing_fact *p, char *value, char *detail, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    const briefing_metric *m = f->lac ? f->lac : f->lac_rate;
    char num[64], date[64], cite[256];

    p->label = "Children looked after";
    if (m == NULL) {
        p->value = "Not recorded";
        p->detail = "Not in the data given";
        return;
    }
    a->format_value(m->unit, m->value, -1, value, 64);
    if (m == f->lac_rate)
        a->append(value, 64, " per 10,000");
    p->value = value;
    if (f->lac && f->lac_rate) {
        a->append(detail, size, "%s per 10,000 children",
                  a->format_value(f->lac_rate->unit, f->lac_rate->value, -1, num, sizeof num));
        if (!isnan(f->lac_rate->england))
            a->append(detail, size, " (England %s)",
                      a->format_value(f->lac_rate->unit, f->lac_rate->england, -1, num, sizeof num));
        /* A rate of another date than the count carries its own. */
        if (h->compare_dates(f->lac_rate->period, f->lac->period) != 0)
            a->append(detail, size, " on %s", h->format_date(f->lac_rate->period, date, sizeof date));
        a->append(detail, size, ", ");
    } else if (m == f->lac_rate && !isnan(m->england)) {
        a->append(detail, size, "England %s, ", a->format_value(m->unit, m->england, -1, num, sizeof num));
    }
    a->append(detail, size, "%s", h->format_date(m->period, date, sizeof date));
    h->cite(ctx, ds, m->cites, cite, sizeof cite);
    if (*cite)
        a->append(detail, size, " %s", cite);
    p->detail = detail;
}

/* ---- the story -------------------------------------------------------- */

static void story(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, const facts *f, char *out, size_t size)
{
    const briefing_analysis_api *a = h->analysis;
    char word[64], date[64], cite[256], history[SEC_TEXT], n1[24], n2[24];

    if (f->current) {
        h->cite(ctx, ds, f->current->cites, cite, sizeof cite);
        a->append(out, size, "Ofsted last judged %s's children's services %s, in a report published %s%s%s. ",
                  c->name, sec_lower(h->judgement_label(f->current->judgement), word, sizeof word),
                  h->format_date(f->current->date, date, sizeof date), *cite ? " " : "", cite);
    } else {
        a->append(out, size, "No graded Ofsted inspection of %s's children's services is %s. ", c->name,
                  f->inspections_given ? "in the data given" : "recorded in the data given");
    }
    a->judgement_history(c, ds->as_of, history, sizeof history);
    if (f->previous && *history)
        a->append(out, size, "%s ", history);

    if (f->n_in_force > 0) {
        char list[SEC_TEXT], lower[SEC_TEXT];

        sec_count_word(f->n_in_force, n1, sizeof n1);
        n1[0] = (char)(n1[0] >= 'a' && n1[0] <= 'z' ? n1[0] - 'a' + 'A' : n1[0]);
        sec_cite_in_force(h, ctx, ds, c, ds->as_of, cite, sizeof cite);
        a->append(out, size, "%s government intervention%s in force: %s%s%s. ", n1,
                  f->n_in_force == 1 ? " is" : "s are",
                  sec_lower(a->interventions_text(c, ds->as_of, list, sizeof list), lower, sizeof lower),
                  *cite ? " " : "", cite);
    } else if (f->last_ended) {
        h->cite(ctx, ds, f->last_ended->cites, cite, sizeof cite);
        a->append(out, size, "No government intervention is in force; the last ended %s%s%s. ",
                  h->format_date(f->last_ended->end, date, sizeof date), *cite ? " " : "", cite);
    }

    if (f->dcs) {
        h->cite(ctx, ds, f->dcs->cites, cite, sizeof cite);
        a->append(out, size, "%s has been director of children's services %s %s%s%s%s",
                  f->dcs->name, f->dcs->start.year ? "since" : "at least since",
                  h->format_date(a->tenure_start(f->dcs), date, sizeof date),
                  f->dcs->interim ? " on an interim basis" : "", *cite ? " " : "", cite);
        if (f->turnover.people == 1)
            a->append(out, size, ", the only director in the last %s years. ",
                      sec_count_word((size_t)f->years, n1, sizeof n1));
        else
            a->append(out, size, "; %s people have held the post in the last %s years, %s of them interim. ",
                      sec_count_word(f->turnover.people, n1, sizeof n1),
                      sec_count_word((size_t)f->years, n2, sizeof n2),
                      f->turnover.interim ? sec_count_word(f->turnover.interim, word, sizeof word) : "none");
    }

    if (f->lac) {
        char num[64];

        a->append(out, size, "%s children were looked after on %s",
                  a->format_value(f->lac->unit, f->lac->value, -1, num, sizeof num),
                  h->format_date(f->lac->period, date, sizeof date));
        if (f->lac_rate && !isnan(f->lac_rate->england) &&
            h->compare_dates(f->lac_rate->period, f->lac->period) == 0) {
            a->append(out, size, ", %s per 10,000 children against %s for England",
                      a->format_value(f->lac_rate->unit, f->lac_rate->value, -1, num, sizeof num),
                      a->format_value(f->lac_rate->unit, f->lac_rate->england, -1, word, sizeof word));
        }
        h->cite(ctx, ds, f->lac->cites, cite, sizeof cite);
        a->append(out, size, "%s%s.", *cite ? " " : "", cite);
    }
}

/* ---- where the council stands furthest from its neighbours ----------- */

#define STRIP_MAX 5

/* A small table under the panels: the indicator, the council's latest
 * figure with its date, the neighbours' median for that date and the
 * position.  Nothing when the data gives no such position. */
static int strip(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                 const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    static const briefing_column cols[] = {
        {sizeof(briefing_column), "Indicator", 56, BRIEFING_ALIGN_LEFT, 1}, {sizeof(briefing_column), "Latest", 20, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Date", 38, BRIEFING_ALIGN_LEFT, 0},      {sizeof(briefing_column), "Neighbours' median", 22, BRIEFING_ALIGN_RIGHT, 0},
        {sizeof(briefing_column), "Position", 34, BRIEFING_ALIGN_LEFT, 0},
    };
    sec_standing items[STRIP_MAX];
    char title[300], note[600];
    size_t n;

    if (a->size < offsetof(briefing_analysis_api, compare_text) + sizeof a->compare_text)
        return BRIEFING_OK; /* an older host: no standing to draw on */
    if ((n = sec_standing_pick(h, ctx, ds, c, "standing", items, STRIP_MAX)) == 0)
        return BRIEFING_OK;
    snprintf(title, sizeof title, "Where %s stands furthest from its statistical neighbours", c->name);
    SEC_TRY(h->layout->heading(doc, 2, title));
    briefing_table *t = h->layout->table_begin(doc, NULL, cols, sizeof cols / sizeof cols[0]);
    if (!t)
        return BRIEFING_ERR_NOMEM;
    int rc = BRIEFING_OK;
    for (size_t i = 0; rc == BRIEFING_OK && i < n; i++) {
        const briefing_standing *s = &items[i].s;
        const char *ids[8];
        size_t nc = 0;
        char val[64], cite[64], latest[140], date[64], med[64], pos[96];
        const briefing_metric *from[2] = {s->metric, s->population};

        for (int f = 0; f < 2; f++)
            for (size_t k = 0; from[f] && k < from[f]->cites.count && nc < 8; k++)
                ids[nc++] = from[f]->cites.ids[k];
        h->cite(ctx, ds, (briefing_cites){ids, nc}, cite, sizeof cite);
        a->format_value(s->unit, s->value, s->population ? 1 : -1, val, sizeof val);
        snprintf(latest, sizeof latest, "%s%s%s", val, *cite ? " " : "", cite);
        if (isnan(s->median))
            snprintf(med, sizeof med, "\xe2\x80\x94");
        else
            a->format_value(s->unit, s->median, s->population ? 1 : -1, med, sizeof med);
        const char *cells[] = {a->metric_label(items[i].name), latest,
                               h->format_date(s->period, date, sizeof date), med,
                               a->position_text(s->position, s->ranked, pos, sizeof pos)};
        rc = h->layout->table_row(t, cells);
    }
    int end = h->layout->table_end(t);
    if (rc != BRIEFING_OK)
        return rc;
    if (end != BRIEFING_OK)
        return end;
    snprintf(note, sizeof note,
             "Position: among %s and those of its statistical neighbours (DfE model) with a figure for the same "
             "date, from the lowest; median: of the neighbours' figures for that date (\xe2\x80\x94: fewer than "
             "half have one). Every indicator, with England and the region: How we compare.", c->name);
    return h->layout->note(doc, note);
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    char title[256], text[6][SEC_TEXT], value[3][64], label[96], para[4 * SEC_TEXT];
    briefing_fact panels[6];
    facts f;

    SEC_TRY(sec_check_host(h, ctx));
    memset(panels, 0, sizeof panels);
    for (size_t i = 0; i < 6; i++)
        panels[i].size = sizeof panels[i];
    memset(text, 0, sizeof text);
    memset(value, 0, sizeof value);
    SEC_TRY(gather(h, ctx, c, ds->as_of, &f));

    judgement_panel(h, ctx, ds, &f, &panels[0], text[0], SEC_TEXT);
    direction_panel(h, ctx, ds, &f, &panels[1], text[1], SEC_TEXT);
    intervention_panel(h, ctx, ds, c, &f, &panels[2], value[0], text[2], SEC_TEXT);
    dcs_panel(h, ctx, ds, &f, &panels[3], text[3], SEC_TEXT);
    turnover_panel(h, &f, &panels[4], label, value[1], text[4], SEC_TEXT);
    lac_panel(h, ctx, ds, &f, &panels[5], value[2], text[5], SEC_TEXT);

    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "At a glance", title, sizeof title)));
    if (sec_former(h, c, ds->as_of, para, sizeof para))
        SEC_TRY(h->layout->paragraph(doc, para));
    SEC_TRY(h->layout->facts(doc, panels, 6));
    if (h->option_bool(ctx, "story")) {
        para[0] = '\0';
        story(h, ctx, ds, c, &f, para, sizeof para);
        SEC_TRY(h->layout->paragraph(doc, para));
    }
    return strip(h, ctx, ds, c, doc);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "summary",
    .version = "1.0.0",
    .description = "At a glance: judgement, direction of travel, intervention, director, turnover, children looked after",
    .options = options,
    .render = render,
};

/*
 * questions: questions for members to ask: first those the data prompts
 * (a judgement short of good, an inspection overdue, interim leadership,
 * interventions in force, a metric moving away from England's, where the
 * council stands furthest from its statistical neighbours, the longest runs
 * of an indicator in one direction), then the template's own.  Each fact a question states carries its citation.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Questions members may wish to ask", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "questions", BRIEFING_OPTION_LIST, NULL, "The template's own questions, asked after those the data prompts"},
    {sizeof(briefing_option), "interim_months", BRIEFING_OPTION_NUMBER, "6", "Ask about interim leadership that lasted longer than this"},
    {sizeof(briefing_option), "years", BRIEFING_OPTION_NUMBER, "4", "Look this many years back for interim leadership and turnover"},
    {sizeof(briefing_option), "overdue_months", BRIEFING_OPTION_NUMBER, "36", "Ask when the last full inspection is older than this"},
    {sizeof(briefing_option), "metrics", BRIEFING_OPTION_LIST,
     "looked_after_rate,children_in_need_rate,cp_plan_rate,social_worker_turnover,agency_worker_rate,vacancy_rate,average_caseload",
     "Metrics to check for a widening gap to England"},
    {sizeof(briefing_option), "periods", BRIEFING_OPTION_NUMBER, "3", "How many of the latest figures the gap check looks at"},
    {sizeof(briefing_option), "standing", BRIEFING_OPTION_LIST,
     "children_in_need_rate,rereferral_percent,cp_plan_subsequent_percent,cp_plan_two_years_percent,"
     "looked_after_rate,placements_three_or_more_percent,same_carer_two_years_percent,"
     "care_leavers_eet_percent,care_leavers_suitable_accommodation_percent,social_worker_turnover,"
     "agency_worker_rate,vacancy_rate,average_caseload,csc_spend_per_child",
     "Ask about the five of these where the council stands furthest from the middle of its statistical "
     "neighbours (as the at-a-glance page shows them); none given: no such questions"},
    {sizeof(briefing_option), "runs", BRIEFING_OPTION_LIST,
     "children_in_need_rate,rereferral_percent,cp_plan_subsequent_percent,cp_plan_two_years_percent,"
     "looked_after_rate,placements_three_or_more_percent,same_carer_two_years_percent,"
     "care_leavers_eet_percent,care_leavers_suitable_accommodation_percent,social_worker_turnover,"
     "agency_worker_rate,vacancy_rate,average_caseload",
     "Ask about the three of these whose latest figures have moved one way for longest, year after year; "
     "none given: no such questions"},
    {sizeof(briefing_option), "run_years", BRIEFING_OPTION_NUMBER, "3", "The shortest run asked about, in years of rises or falls"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* A number option within [lo, hi], else its default. */
static double number(const briefing_host *h, briefing_ctx *ctx, const char *name, double lo, double hi,
                     double fallback)
{
    double v = h->option_number(ctx, name);

    return v >= lo && v <= hi ? v : fallback;
}

/* Where the data-prompted questions are collected before they are shown,
 * so the sub-heading appears only when there is at least one. */
typedef struct asked {
    const briefing_host *h;
    briefing_doc *doc;
    int n;
} asked;

static int ask(asked *q, const char *text)
{
    if (q->n++ == 0)
        SEC_TRY(q->h->layout->heading(q->doc, 2, "Prompted by the data"));
    return q->h->layout->bullet(q->doc, text);
}

static int judgement_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds,
                               const briefing_council *c, int overdue)
{
    const briefing_host *h = q->h;
    const briefing_analysis_api *a = h->analysis;
    const briefing_inspection *latest, *previous;
    const briefing_inspection *cur = a->current_judgement(c, ds->as_of);
    briefing_direction dir = a->direction_of_travel(c, ds->as_of, &latest, &previous);
    int months = a->months_since_full_inspection(c, ds->as_of);
    char text[SEC_TEXT], date[64], cite[256], w1[64], w2[64];

    text[0] = '\0';
    if (cur)
        h->cite(ctx, ds, cur->cites, cite, sizeof cite);
    if (cur && cur->judgement == BRIEFING_JUDGEMENT_INADEQUATE) {
        a->append(text, sizeof text, "Ofsted judged the service inadequate (%s)%s%s. What are the priorities of "
                  "the improvement plan, and how will members know they are being met?",
                  h->format_date(cur->date, date, sizeof date), *cite ? " " : "", cite);
        SEC_TRY(ask(q, text));
    } else if (cur && a->judgement_rank(cur->judgement) == 2) {
        a->append(text, sizeof text, "Ofsted judged the service %s (%s)%s%s. What will it take to be judged "
                  "good, and by when?", sec_lower(h->judgement_label(cur->judgement), w1, sizeof w1),
                  h->format_date(cur->date, date, sizeof date), *cite ? " " : "", cite);
        SEC_TRY(ask(q, text));
    }
    if (dir == BRIEFING_DIRECTION_DECLINING) {
        text[0] = '\0';
        a->append(text, sizeof text, "The judgement fell from %s (%d) to %s (%d). What changed, and what is "
                  "being done about it?", sec_lower(h->judgement_label(previous->judgement), w1, sizeof w1),
                  previous->date.year, sec_lower(h->judgement_label(latest->judgement), w2, sizeof w2),
                  latest->date.year);
        SEC_TRY(ask(q, text));
    }
    text[0] = '\0';
    if (months < 0) {
        a->append(text, sizeof text, "%s When did Ofsted last inspect the service, and what did it find?",
                  a->recorded(c, "inspections") ? "The data given lists no full inspection."
                                                : "Inspections are not recorded in the data given.");
        SEC_TRY(ask(q, text));
    } else if (months > overdue) {
        const briefing_inspection *last = a->last_full_inspection(c, ds->as_of);

        h->cite(ctx, ds, last->cites, cite, sizeof cite);
        a->append(text, sizeof text, "The last full inspection was published %s ago (%s)%s%s. When is the next "
                  "one expected, and how is the service preparing for it?",
                  a->format_months(months, w1, sizeof w1), h->format_date(last->date, date, sizeof date),
                  *cite ? " " : "", cite);
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

static int leadership_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds,
                                const briefing_council *c)
{
    const briefing_host *h = q->h;
    const briefing_analysis_api *a = h->analysis;
    int years = (int)number(h, ctx, "years", 1, 50, 4);
    double limit = number(h, ctx, "interim_months", 0, 600, 6);
    briefing_span span = {.size = sizeof span};
    briefing_turnover t = {.size = sizeof t};
    const briefing_leader *now[4];
    size_t n = a->leaders_on(c, "dcs", ds->as_of, now, 4);
    const briefing_leader *dcs = n ? now[(n < 4 ? n : 4) - 1] : NULL;
    char text[SEC_TEXT], d1[64], d2[64], m[64], cite[256], count[24], yw[24];

    if (a->longest_interim_cover(c, "dcs", ds->as_of, years, &span) != 0 ||
        a->turnover(c, "dcs", ds->as_of, years, &t) != 0)
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory looking at leadership");
    text[0] = '\0';
    if (span.months > limit && span.ongoing) {
        a->append(text, sizeof text, "The director's post has been held only by interims since %s (%s so far). "
                  "When will a permanent director be appointed?", h->format_date(span.from, d1, sizeof d1),
                  a->format_months(span.months, m, sizeof m));
        SEC_TRY(ask(q, text));
    } else if (dcs && dcs->interim) {
        h->cite(ctx, ds, dcs->cites, cite, sizeof cite);
        a->append(text, sizeof text, "The director of children's services, %s, is interim%s%s. When will a "
                  "permanent appointment be made?", dcs->name, *cite ? " " : "", cite);
        SEC_TRY(ask(q, text));
    }
    text[0] = '\0';
    if (span.months > limit && !span.ongoing) {
        a->append(text, sizeof text, "The director's post was held only by interims for %s (%s to %s). What "
                  "has been done to keep permanent leadership in post?", a->format_months(span.months, m, sizeof m),
                  h->format_date(span.from, d1, sizeof d1), h->format_date(span.to, d2, sizeof d2));
        SEC_TRY(ask(q, text));
    }
    if (t.people >= 3) {
        text[0] = '\0';
        sec_count_word(t.people, count, sizeof count);
        count[0] = (char)(count[0] >= 'a' && count[0] <= 'z' ? count[0] - 'a' + 'A' : count[0]);
        a->append(text, sizeof text, "%s people have led children's services in the last %s years. What has "
                  "the turnover meant for staff and children, and what will keep the next director in post?",
                  count, sec_count_word((size_t)years, yw, sizeof yw));
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

static int intervention_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds,
                                  const briefing_council *c)
{
    const briefing_host *h = q->h;
    const briefing_intervention *now[8];
    size_t n = h->analysis->interventions_on(c, ds->as_of, now, 8), k;

    for (k = 0; k < n && k < 8; k++) {
        char text[SEC_TEXT], date[64], cite[256];

        text[0] = '\0';
        h->cite(ctx, ds, now[k]->cites, cite, sizeof cite);
        h->analysis->append(text, sizeof text, "The %s", sec_lower(h->intervention_label(now[k]->kind), date, sizeof date));
        if (now[k]->partner)
            h->analysis->append(text, sizeof text, " with %s", now[k]->partner);
        h->analysis->append(text, sizeof text, " has been in force since %s%s%s. What has it achieved, and what "
                            "must happen for it to end?", h->format_date(now[k]->start, date, sizeof date),
                            *cite ? " " : "", cite);
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

static int metric_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds, const briefing_council *c)
{
    const briefing_host *h = q->h;
    const briefing_analysis_api *a = h->analysis;
    int periods = (int)number(h, ctx, "periods", 2, 1000, 3);
    size_t k, count = h->option_count(ctx, "metrics");

    for (k = 0; k < count; k++) {
        const char *name = h->option_item(ctx, "metrics", k);
        briefing_metric_trend t = {.size = sizeof t};
        const briefing_metric *f, *l;
        char text[SEC_TEXT], v1[64], e1[64], v2[64], e2[64], d1[64], d2[64], cite[256], label[256];

        if (name == NULL || a->metric_trend(c, name, ds->as_of, periods, &t) != 0 ||
            t.gap != BRIEFING_GAP_WIDENING)
            continue;
        f = t.gap_from;
        l = t.gap_to;
        text[0] = '\0';
        h->cite(ctx, ds, l->cites, cite, sizeof cite);
        a->append(text, sizeof text, "The gap to England in %s has widened",
                  sec_lower(a->metric_label(name), label, sizeof label));
        if (f && l) {
            /* one precision for the four numbers, so 6% does not sit beside 18.9% */
            int dec = sec_fraction(f->value) || sec_fraction(f->england) || sec_fraction(l->value) || sec_fraction(l->england);

            a->append(text, sizeof text, ", from %s against %s (%s) to %s against %s (%s)%s%s",
                      a->format_value(f->unit, f->value, dec, v1, sizeof v1),
                      a->format_value(f->unit, f->england, dec, e1, sizeof e1),
                      h->format_date(f->period, d1, sizeof d1),
                      a->format_value(l->unit, l->value, dec, v2, sizeof v2),
                      a->format_value(l->unit, l->england, dec, e2, sizeof e2),
                      h->format_date(l->period, d2, sizeof d2), *cite ? " " : "", cite);
        }
        a->append(text, sizeof text, ". What lies behind it, and is it what we want?");
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

/* The indicators where the council stands furthest from the middle of its
 * statistical neighbours (the same as the at-a-glance strip): each with
 * its figure, date, the neighbours' median and the position. */
static int standing_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds,
                              const briefing_council *c)
{
    const briefing_host *h = q->h;
    const briefing_analysis_api *a = h->analysis;
    sec_standing items[5];
    size_t n = sec_standing_pick(h, ctx, ds, c, "standing", items, 5);

    for (size_t i = 0; i < n; i++) {
        const briefing_standing *s = &items[i].s;
        const char *ids[8];
        size_t nc = 0;
        char text[SEC_TEXT], val[64], med[64], date[64], cite[256], pos[96];
        const briefing_metric *from[2] = {s->metric, s->population};
        int dec = s->population ? 1 : -1;

        for (int f = 0; f < 2; f++)
            for (size_t k = 0; from[f] && k < from[f]->cites.count && nc < 8; k++)
                ids[nc++] = from[f]->cites.ids[k];
        h->cite(ctx, ds, (briefing_cites){ids, nc}, cite, sizeof cite);
        text[0] = '\0';
        a->append(text, sizeof text, "%s: %s on %s%s%s, %s among %s and its statistical neighbours",
                  a->metric_label(items[i].name), a->format_value(s->unit, s->value, dec, val, sizeof val),
                  h->format_date(s->period, date, sizeof date), *cite ? " " : "", cite,
                  a->position_text(s->position, s->ranked, pos, sizeof pos), c->name);
        if (!isnan(s->median))
            a->append(text, sizeof text, " (their median %s)",
                      a->format_value(s->unit, s->median, dec, med, sizeof med));
        a->append(text, sizeof text, ". What lies behind it, and is it what we want?");
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

/* ---- runs: an indicator rising (or falling) year after year ----------------- */

#define RUN_SERIES 16
#define RUN_ASKED 3

typedef struct run {
    const char *name;
    size_t years;          /* year-on-year moves in one direction, ending at the latest */
    int up;                /* 1 rising, 0 falling */
    double from, to;
    briefing_date from_at, to_at;
} run;

/* The run that ends at the latest of the council's values of `name`: how
 * many consecutive yearly moves went the same way.  A year missing (a
 * suppressed cell, a gap in the file) or a figure unchanged ends it. */
static size_t run_of(const briefing_analysis_api *a, const briefing_dataset *ds, const briefing_council *c,
                     const char *name, run *out)
{
    double v[RUN_SERIES];
    briefing_date per[RUN_SERIES];
    size_t n = a->standing_series(c, name, ds->as_of, v, per, RUN_SERIES), k;

    out->name = name;
    out->years = 0;
    if (n < 2 || n > RUN_SERIES)
        return 0;
    out->up = v[n - 1] > v[n - 2];
    for (k = n - 1; k > 0; k--) {
        int consecutive = per[k].year == per[k - 1].year + 1;
        if (!consecutive || v[k] == v[k - 1] || (v[k] > v[k - 1]) != out->up)
            break;
        out->years++;
    }
    out->from = v[n - 1 - out->years];
    out->from_at = per[n - 1 - out->years];
    out->to = v[n - 1];
    out->to_at = per[n - 1];
    if (a->months_between(out->to_at, ds->as_of) > SEC_STALE_MONTHS) /* history, not now */
        out->years = 0;
    return out->years;
}

/* The longest runs among the option's indicators, at least `least` years
 * each, longest first (the option's order among equals). */
static size_t runs_pick(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                        const briefing_council *c, size_t least, run *out, size_t max)
{
    size_t n = 0, count = h->option_count(ctx, "runs");

    for (size_t i = 0; i < count; i++) {
        run r;
        const char *name = h->option_item(ctx, "runs", i);
        if (!name || run_of(h->analysis, ds, c, name, &r) < least)
            continue;
        size_t at = n < max ? n++ : max;
        while (at > 0 && out[at - 1].years < r.years) {
            if (at < max)
                out[at] = out[at - 1];
            at--;
        }
        if (at < max)
            out[at] = r;
    }
    return n;
}

/* "Re-referrals within 12 months: up year on year for four years, from 19%
 * on 31 March 2021 to 25.3% on 31 March 2025 [7]; lower is better. ..."
 * Which way is better is said only where it is not in dispute. */
static int run_questions(asked *q, briefing_ctx *ctx, const briefing_dataset *ds, const briefing_council *c)
{
    const briefing_host *h = q->h;
    const briefing_analysis_api *a = h->analysis;
    run runs[RUN_ASKED];
    size_t n = runs_pick(h, ctx, ds, c, (size_t)number(h, ctx, "run_years", 2, 50, 3), runs, RUN_ASKED);

    for (size_t i = 0; i < n; i++) {
        const run *r = &runs[i];
        briefing_standing s = {.size = sizeof s};
        const char *ids[8];
        size_t nc = 0;
        char text[SEC_TEXT], v1[64], v2[64], d1[64], d2[64], cite[256], years[24];

        if (a->standing(ds, c, r->name, ds->as_of, &s) != 0 || isnan(s.value))
            continue;
        const briefing_metric *from[2] = {s.metric, s.population};
        for (int f = 0; f < 2; f++)
            for (size_t k = 0; from[f] && k < from[f]->cites.count && nc < 8; k++)
                ids[nc++] = from[f]->cites.ids[k];
        h->cite(ctx, ds, (briefing_cites){ids, nc}, cite, sizeof cite);
        int dec = s.population || sec_fraction(r->from) || sec_fraction(r->to) ? 1 : 0;
        briefing_better b = a->better(r->name);
        text[0] = '\0';
        a->append(text, sizeof text, "%s: %s year on year for %s years, from %s on %s to %s on %s%s%s",
                  a->metric_label(r->name), r->up ? "up" : "down", sec_count_word(r->years, years, sizeof years),
                  a->format_value(s.unit, r->from, dec, v1, sizeof v1), h->format_date(r->from_at, d1, sizeof d1),
                  a->format_value(s.unit, r->to, dec, v2, sizeof v2), h->format_date(r->to_at, d2, sizeof d2),
                  *cite ? " " : "", cite);
        if (b == BRIEFING_BETTER_UNSAID)
            a->append(text, sizeof text, ". What lies behind the %s, and is it what we want?",
                      r->up ? "rise" : "fall");
        else
            a->append(text, sizeof text, "; %s is better. What lies behind the %s, and what %s?",
                      b == BRIEFING_BETTER_LOWER ? "lower" : "higher", r->up ? "rise" : "fall",
                      (b == BRIEFING_BETTER_LOWER) == r->up ? "is being done about it" : "will keep it going");
        SEC_TRY(ask(q, text));
    }
    return BRIEFING_OK;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    asked q = {h, doc, 0};
    size_t k, own = h->option_count(ctx, "questions");
    char title[256];

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Questions members may wish to ask", title,
                                                sizeof title)));
    SEC_TRY(judgement_questions(&q, ctx, ds, c, (int)number(h, ctx, "overdue_months", 1, 1200, 36)));
    SEC_TRY(leadership_questions(&q, ctx, ds, c));
    SEC_TRY(intervention_questions(&q, ctx, ds, c));
    SEC_TRY(metric_questions(&q, ctx, ds, c));
    SEC_TRY(standing_questions(&q, ctx, ds, c));
    SEC_TRY(run_questions(&q, ctx, ds, c));
    if (own > 0 && q.n > 0)
        SEC_TRY(h->layout->heading(doc, 2, "Standing questions"));
    for (k = 0; k < own; k++) {
        const char *text = h->option_item(ctx, "questions", k);

        if (text && *text)
            SEC_TRY(h->layout->bullet(doc, text));
    }
    if (own == 0 && q.n == 0)
        return h->layout->paragraph(doc, "Nothing in the data prompts a question.");
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "questions",
    .version = "1.0.0",
    .description = "Questions for members: those the data prompts, then the template's own",
    .options = options,
    .render = render,
};

/*
 * section.h: the few lines every section plugin of this project writes the
 * same way: its heading from the "title" option, a template field as text,
 * a check that the host offers the shared analysis.
 *
 * Header-only (static functions), because a plugin is one shared object built
 * from its own folder and sees nothing of the program.  The analysis itself
 * (turnover, tenure, direction of travel, trends) is not here: it lives in
 * the core and comes through h->analysis, so every plugin, ours or a third
 * party's, gets the same answers.
 */
#ifndef BRIEFING_SECTION_H
#define BRIEFING_SECTION_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <briefing/analysis.h>
#include <briefing/councils.h>
#include <briefing/plugin.h>

/* Room for one fact's text with its citation; longer text is cut with "…"
 * by h->analysis->append. */
#define SEC_TEXT 2048

/* Returns from the calling function when `expr` gives a status. */
#define SEC_TRY(expr)               \
    do {                            \
        int sec_rc_ = (expr);       \
        if (sec_rc_ != BRIEFING_OK) \
            return sec_rc_;         \
    } while (0)

/* A top-level string field of the template ("title", "marking"), or NULL. */
static inline const char *sec_template_string(const briefing_host *h, briefing_ctx *ctx,
                                              const char *key)
{
    return h->json->string(h->template_value(ctx, key));
}

/* The section's heading: its "title" option, else `fallback`, with
 * "{council}" replaced by the council's name.  Returns buf. */
static inline const char *sec_title(const briefing_host *h, briefing_ctx *ctx,
                                    const briefing_council *c, const char *fallback,
                                    char *buf, size_t size)
{
    const char *t = h->option_string(ctx, "title");

    return h->expand_title(t && *t ? t : fallback, c, buf, size);
}

/* A label in lower case for the middle of a sentence ("Requires
 * improvement" becomes "requires improvement"); only the first letter
 * changes, so names and acronyms inside stay as written. */
static inline const char *sec_lower(const char *label, char *buf, size_t size)
{
    snprintf(buf, size, "%s", label ? label : "");
    if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}

/* 1 when text ends a sentence already: a full stop, question or
 * exclamation mark, or an ellipsis ("…"), so no "." need follow. */
static inline int sec_ends_sentence(const char *text)
{
    size_t n = text ? strlen(text) : 0;

    if (n >= 3 && strcmp(text + n - 3, "\xe2\x80\xa6") == 0)
        return 1;
    return n > 0 && strchr(".?!", text[n - 1]) != NULL;
}

/* 1 when v has a fraction worth a decimal place (68 prints as "68", 7.7 as
 * "7.7"); used to give a table column or a sentence one precision. */
static inline int sec_fraction(double v)
{
    return isfinite(v) && fabs(v - round(v)) >= 0.05;
}

/* Small counts in words, as a sentence wants them ("five", "12"). */
static inline const char *sec_count_word(size_t n, char *buf, size_t size)
{
    static const char *const words[] = {"no", "one", "two", "three", "four", "five",
                                        "six", "seven", "eight", "nine", "ten"};

    if (n < sizeof words / sizeof words[0])
        snprintf(buf, size, "%s", words[n]);
    else
        snprintf(buf, size, "%zu", n);
    return buf;
}

/* For a council that no longer exists on the briefing's date, a sentence
 * saying so and naming the councils that took over ("Cumbria no longer
 * exists: on 1 April 2023 its services passed to Cumberland and
 * Westmorland and Furness."), in buf; otherwise NULL. */
static inline const char *sec_former(const briefing_host *h, const briefing_council *c,
                                     briefing_date as_of, char *buf, size_t size)
{
    const briefing_council_info *info, *next[8];
    briefing_date gone;
    char when[64];
    size_t n, k;

    if (h->councils == NULL || c->code == NULL || h->councils->resolve(c->code, &info, 1) != 1 ||
        !info->former || info->abolished == NULL || h->parse_date(info->abolished, &gone) != 1 ||
        h->compare_dates(gone, as_of) > 0)
        return NULL;
    snprintf(buf, size, "%s no longer exists: on %s its services passed to ",
             c->name ? c->name : c->code, h->format_date(gone, when, sizeof when));
    n = h->councils->successors(info, next, 8);
    for (k = 0; k < n && k < 8; k++)
        h->analysis->append(buf, size, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ",
                            next[k]->name);
    if (n == 0)
        h->analysis->append(buf, size, "other councils");
    h->analysis->append(buf, size, ".");
    return buf;
}

/* One citation mark for several facts: "[1, 22, 38]", each source once
 * (up to 64 of them); "" when none cites anything.  Returns buf. */
static inline const char *sec_cite_all(const briefing_host *h, briefing_ctx *ctx,
                                       const briefing_dataset *ds, const briefing_cites *list,
                                       size_t n, char *buf, size_t size)
{
    const char *ids[64];
    briefing_cites all = {ids, 0};
    size_t k, i, j;

    for (k = 0; k < n; k++)
        for (i = 0; i < list[k].count; i++) {
            for (j = 0; j < all.count && strcmp(ids[j], list[k].ids[i]) != 0; j++)
                ;
            if (j == all.count && all.count < 64)
                ids[all.count++] = list[k].ids[i];
        }
    return h->cite(ctx, ds, all, buf, size);
}

/* The citation mark of the interventions in force on a date: "[22, 38]". */
static inline const char *sec_cite_in_force(const briefing_host *h, briefing_ctx *ctx,
                                            const briefing_dataset *ds, const briefing_council *c,
                                            briefing_date on, char *buf, size_t size)
{
    const briefing_intervention *v[16];
    briefing_cites cites[16];
    size_t n = h->analysis->interventions_on(c, on, v, 16), k;

    for (k = 0; k < n && k < 16; k++)
        cites[k] = v[k]->cites;
    return sec_cite_all(h, ctx, ds, cites, n < 16 ? n : 16, buf, size);
}

/* BRIEFING_OK when the host offers every table the sections use. */
static inline int sec_check_host(const briefing_host *h, briefing_ctx *ctx)
{
    if (h->size < sizeof(briefing_host) || h->analysis == NULL || h->layout == NULL ||
        h->json == NULL || h->analysis->size < sizeof(briefing_analysis_api))
        return h->error(ctx, BRIEFING_ERR_INTERNAL,
                        "the program is older than this plugin: it lacks the analysis or layout table");
    return BRIEFING_OK;
}

/* "" for NULL, so that optional text can go straight into printf. */
static inline const char *sec_str(const char *s)
{
    return s ? s : "";
}

/* One indicator where the council stands away from the middle of its
 * statistical neighbours: its standing (analysis ABI 1.2) and how far from
 * the middle place among the council and its neighbours (0 the middle,
 * 1 the lowest or the highest). */
typedef struct sec_standing {
    const char *name;
    briefing_standing s;
    double far;
} sec_standing;

/* A figure dated longer before the briefing than this is history, not where
 * the council stands now (a publication that stopped, or cells suppressed
 * since: Westminster's agency rate was last published for 2021): the strip
 * and the questions leave it out; How we compare still shows it, dated.
 * The latest children's figures are about 20 months old when published. */
#define SEC_STALE_MONTHS 30

/* The indicators of list option `option` with a position among at least
 * three (the council and two neighbours with a figure for the same date),
 * dated within SEC_STALE_MONTHS of the briefing,
 * away from the middle; the furthest first, ties in the option's order.
 * Returns how many went into out (at most max); 0 on a host without
 * standing.  The summary's strip and the questions share it, so they
 * name the same indicators. */
static inline size_t sec_standing_pick(const briefing_host *h, briefing_ctx *ctx,
                                       const briefing_dataset *ds, const briefing_council *c,
                                       const char *option, sec_standing *out, size_t max)
{
    const briefing_analysis_api *a = h->analysis;
    size_t n = h->option_count(ctx, option), have = 0;

    if (a->size < offsetof(briefing_analysis_api, compare_text) + sizeof a->compare_text)
        return 0;
    for (size_t i = 0; i < n; i++) {
        sec_standing it = {.name = h->option_item(ctx, option, i)};
        double mid;

        it.s.size = sizeof it.s;
        if (it.name == NULL || a->standing(ds, c, it.name, ds->as_of, &it.s) != 0)
            continue;
        if (isnan(it.s.value) || it.s.position == 0 || it.s.ranked < 3 ||
            a->months_between(it.s.period, ds->as_of) > SEC_STALE_MONTHS)
            continue;
        mid = (it.s.ranked + 1) / 2.0;
        it.far = fabs((double)it.s.position - mid) / (mid - 1);
        if (it.far <= 0)
            continue;
        /* insertion, keeping the furthest first and the first come first */
        size_t k = have < max ? have : max;
        while (k > 0 && out[k - 1].far < it.far) {
            if (k < max)
                out[k] = out[k - 1];
            k--;
        }
        if (k < max) {
            out[k] = it;
            if (have < max)
                have++;
        }
    }
    return have;
}

#endif

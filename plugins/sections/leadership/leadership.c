/*
 * leadership: who has led the service: turnover of directors (how many in
 * the last 2, 4 and 10 years, how many interim, median tenure, the longest
 * stretch with only interim cover), tenures on the shared time axis, and a
 * table per role.  Figures come from the shared analysis (h->analysis).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Leadership", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "roles", BRIEFING_OPTION_LIST, NULL,
     "Roles to show, in order (default: every role in the data, the director first)"},
    {sizeof(briefing_option), "turnover_role", BRIEFING_OPTION_STRING, "dcs", "Role whose turnover is counted"},
    {sizeof(briefing_option), "windows", BRIEFING_OPTION_LIST, "2,4,10", "Windows in years for the turnover figures"},
    {sizeof(briefing_option), "chart", BRIEFING_OPTION_BOOL, "true", "Draw tenures on the time axis"},
    {sizeof(briefing_option), "tables", BRIEFING_OPTION_BOOL, "true", "List each role's holders in a table"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

#define MAX_ROLES 16
#define MAX_WINDOWS 4
/* Bars on the chart: the latest ones when there are more. */
#define MAX_BARS 200

/* The order roles appear in when the template names none. */
static const char *const usual_roles[] = {"dcs", "chief_executive", "lead_member", "council_leader"};

static void add_role(const char **roles, size_t *n, const char *role)
{
    size_t k;

    if (role == NULL)
        return;
    for (k = 0; k < *n; k++)
        if (strcmp(roles[k], role) == 0)
            return;
    if (*n < MAX_ROLES)
        roles[(*n)++] = role;
}

static int has_role(const briefing_council *c, const char *role)
{
    size_t k;

    for (k = 0; k < c->n_leaders; k++)
        if (c->leaders[k]->role && strcmp(c->leaders[k]->role, role) == 0)
            return 1;
    return 0;
}

/* The roles to show: the template's list, else the usual ones then any
 * other in the order the data gives them; only roles with someone in. */
static size_t roles_to_show(const briefing_host *h, briefing_ctx *ctx, const briefing_council *c,
                            const char **roles)
{
    size_t n = 0, k, count = h->option_count(ctx, "roles");

    for (k = 0; k < count; k++) {
        const char *r = h->option_item(ctx, "roles", k);

        if (r && has_role(c, r))
            add_role(roles, &n, r);
    }
    if (count > 0)
        return n;
    for (k = 0; k < sizeof usual_roles / sizeof usual_roles[0]; k++)
        if (has_role(c, usual_roles[k]))
            add_role(roles, &n, usual_roles[k]);
    for (k = 0; k < c->n_leaders; k++)
        add_role(roles, &n, c->leaders[k]->role);
    return n;
}

/* ---- turnover --------------------------------------------------------- */

static int turnover(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                    const briefing_council *c, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    const char *role = h->option_string(ctx, "turnover_role");
    briefing_turnover t[MAX_WINDOWS];
    briefing_column cols[1 + MAX_WINDOWS];
    char heads[MAX_WINDOWS][32], cell[3][MAX_WINDOWS][64], text[SEC_TEXT], label[128];
    char d1[64], d2[64], m[64];
    const char *row[1 + MAX_WINDOWS];
    briefing_span span = {.size = sizeof span};
    size_t n = 0, k, count = h->option_count(ctx, "windows");
    briefing_table *tab;

    if (role == NULL || !has_role(c, role))
        return BRIEFING_OK;
    SEC_TRY(h->layout->heading(doc, 2, "Turnover"));
    memset(cols, 0, sizeof cols);
    for (k = 0; k < 1 + MAX_WINDOWS; k++)
        cols[k].size = sizeof cols[k];
    cols[0].title = "";
    cols[0].width_mm = 52;
    for (k = 0; k < count && n < MAX_WINDOWS; k++) {
        const char *w = h->option_item(ctx, "windows", k);
        int years = w ? atoi(w) : 0;

        if (years < 1 || years > 100)
            continue;
        t[n].size = sizeof t[n];
        if (a->turnover(c, role, ds->as_of, years, &t[n]) != 0)
            return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory counting turnover");
        snprintf(heads[n], sizeof heads[n], "Last %d years", years);
        cols[1 + n].title = heads[n];
        cols[1 + n].width_mm = 108.0 / (count < 3 ? 3 : (count > MAX_WINDOWS ? MAX_WINDOWS : count));
        cols[1 + n].align = BRIEFING_ALIGN_RIGHT;
        snprintf(cell[0][n], 64, "%zu", t[n].people);
        snprintf(cell[1][n], 64, "%zu", t[n].interim);
        if (isnan(t[n].median_months))
            snprintf(cell[2][n], 64, "not known");
        else
            a->format_months(t[n].median_months, cell[2][n], 64);
        n++;
    }
    if (n > 0) {
        snprintf(text, sizeof text, "People in post as %s", sec_lower(h->role_label(role), label, sizeof label));
        tab = h->layout->table_begin(doc, NULL, cols, 1 + n);
        if (tab == NULL)
            return BRIEFING_ERR_INTERNAL;
        row[0] = text;
        for (k = 0; k < n; k++)
            row[1 + k] = cell[0][k];
        SEC_TRY(h->layout->table_row(tab, row));
        row[0] = "of whom interim";
        for (k = 0; k < n; k++)
            row[1 + k] = cell[1][k];
        SEC_TRY(h->layout->table_row(tab, row));
        row[0] = "Median time in post";
        for (k = 0; k < n; k++)
            row[1 + k] = cell[2][k];
        SEC_TRY(h->layout->table_row(tab, row));
        SEC_TRY(h->layout->table_end(tab));
        SEC_TRY(h->layout->note(doc, "Counts include everyone in post at any time in the period, up to the "
                                     "date of this briefing. Median time in post is over their whole "
                                     "tenures, where the start is known."));
    }
    if (a->longest_interim_cover(c, role, ds->as_of, 0, &span) != 0)
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory measuring interim cover");
    text[0] = '\0';
    if (span.months <= 0)
        a->append(text, sizeof text, "The data given shows no time when the post was held by interims alone.");
    else if (span.ongoing)
        a->append(text, sizeof text, "The post has been held only by interims since %s: %s so far, "
                  "the longest such stretch in the data given.", h->format_date(span.from, d1, sizeof d1),
                  a->format_months(span.months, m, sizeof m));
    else
        a->append(text, sizeof text, "Longest stretch with only interim cover: %s, from %s to %s.",
                  a->format_months(span.months, m, sizeof m), h->format_date(span.from, d1, sizeof d1),
                  h->format_date(span.to, d2, sizeof d2));
    return h->layout->paragraph(doc, text);
}

/* ---- tenures on the time axis ----------------------------------------- */

/* A tenure as the chart draws it. */
typedef struct span {
    const briefing_leader *l;
    briefing_date start, end;
} span;

/* 1 when an earlier entry of the same person in the same role already
 * covers span i's time (a second sighting), so the chart shows one bar. */
static int covered_earlier(const briefing_host *h, const span *s, size_t i)
{
    size_t k;

    for (k = 0; k < i; k++) {
        if (!s[k].l->name || !s[i].l->name || strcmp(s[k].l->name, s[i].l->name))
            continue;
        if (h->compare_dates(s[k].start, s[i].start) <= 0 &&
            (s[k].end.year == 0 || (s[i].end.year != 0 && h->compare_dates(s[k].end, s[i].end) >= 0)))
            return 1;
    }
    return 0;
}

static int chart(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                 const briefing_council *c, const char *const *roles, size_t n_roles, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_bar *bars = calloc(MAX_BARS, sizeof *bars);
    span *spans = calloc(c->n_leaders ? c->n_leaders : 1, sizeof *spans);
    briefing_timeline tl;
    size_t r, k, n = 0, n_spans, skip = 0;
    int rc = BRIEFING_OK;

    if (bars == NULL || spans == NULL) {
        rc = h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory drawing tenures");
        goto out;
    }
    for (r = 0; r < n_roles; r++) {
        /* The role's tenures, worked out once. */
        n_spans = 0;
        for (k = 0; k < c->n_leaders; k++) {
            const briefing_leader *l = c->leaders[k];

            if (!l->role || strcmp(l->role, roles[r]) || !a->tenure_start(l).year ||
                h->compare_dates(a->tenure_start(l), ds->as_of) > 0)
                continue;
            spans[n_spans].l = l;
            spans[n_spans].start = a->tenure_start(l);
            spans[n_spans].end = a->tenure_end(c, l);
            n_spans++;
        }
        for (k = 0; k < n_spans; k++) {
            if (covered_earlier(h, spans, k))
                continue;
            if (n == MAX_BARS) { /* keep the latest: drop the oldest */
                memmove(bars, bars + 1, (MAX_BARS - 1) * sizeof *bars);
                n--;
                skip++;
            }
            bars[n].size = sizeof bars[n];
            bars[n].lane = h->role_label(roles[r]);
            bars[n].label = spans[k].l->name;
            bars[n].start = spans[k].start;
            bars[n].end = spans[k].end;
            bars[n].tentative = spans[k].l->interim || spans[k].l->start.year == 0;
            n++;
        }
    }
    memset(&tl, 0, sizeof tl);
    tl.size = sizeof tl;
    tl.title = "Who held each post";
    tl.source_note = skip ? "Only the latest tenures are drawn. Sources: see the tables below."
                          : "Sources: see the tables below. A tenure whose start is not known is drawn "
                            "from the first date the person is reported in post.";
    tl.bars = bars;
    tl.n_bars = n;
    tl.legend_solid = "permanent";
    tl.legend_tentative = "interim, or start not known";
    if (n > 0)
        rc = h->layout->timeline(doc, &tl);
out:
    free(spans);
    free(bars);
    return rc;
}

/* ---- a table per role ------------------------------------------------- */

/* Fills to and time (each 96 bytes) for leader l: when the tenure ended
 * (or "In post", or "Not recorded") and how long it lasted.  A tenure whose
 * start is known only as "in post by" a date lasted at least from then. */
static void tenure_text(const briefing_host *h, const briefing_dataset *ds,
                        const briefing_council *c, const briefing_leader *l, char *to, char *time)
{
    const briefing_analysis_api *a = h->analysis;
    briefing_date from = l->start.year ? l->start : l->in_post_on;
    const char *prefix = l->start.year ? "" : "at least ";
    char length[96];

    to[0] = time[0] = length[0] = '\0';
    if (l->end.year) {
        h->format_date(l->end, to, 96);
        if (from.year && *a->format_length(from, l->end, length, sizeof length))
            a->append(time, 96, "%s%s", prefix, length);
    } else if (a->tenure_end(c, l).year) {
        a->append(to, 96, "Not recorded");
    } else {
        a->append(to, 96, "In post");
        if (from.year && *a->format_length(from, ds->as_of, length, sizeof length))
            a->append(time, 96, "%s%s so far", prefix, length);
    }
}

/* 1 when the leader is shown in the table of role. */
static int in_table(const briefing_host *h, const briefing_dataset *ds, const briefing_leader *l,
                    const char *role)
{
    return l->role && strcmp(l->role, role) == 0 &&
           h->compare_dates(h->analysis->tenure_start(l), ds->as_of) <= 0;
}

/* The table of one role.  The "Time in post" column is left out when no
 * tenure's length can be given (every start or end unknown). */
static int role_table(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                      const briefing_council *c, const char *role, briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    static const briefing_column with_time[5] = {
        {sizeof(briefing_column), "Name", 34, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "From", 24, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "To", 24, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Time in post", 22, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Notes", 56, BRIEFING_ALIGN_LEFT, 0},
    };
    static const briefing_column without_time[4] = {
        {sizeof(briefing_column), "Name", 34, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "From", 24, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "To", 24, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Notes", 78, BRIEFING_ALIGN_LEFT, 0},
    };
    briefing_table *t;
    size_t k;
    int timed = 0;

    for (k = 0; k < c->n_leaders && !timed; k++) {
        char to[96], time[96];

        if (in_table(h, ds, c->leaders[k], role)) {
            tenure_text(h, ds, c, c->leaders[k], to, time);
            timed = time[0] != '\0';
        }
    }
    SEC_TRY(h->layout->heading(doc, 2, h->role_label(role)));
    if ((t = h->layout->table_begin(doc, NULL, timed ? with_time : without_time, timed ? 5 : 4)) == NULL)
        return BRIEFING_ERR_INTERNAL;
    for (k = 0; k < c->n_leaders; k++) {
        const briefing_leader *l = c->leaders[k];
        char name[512], from[96], to[96], time[96], notes[SEC_TEXT], cite[256], d[64];
        const char *row5[5] = {name, from, to, time, notes}, *row4[4] = {name, from, to, notes};

        if (!in_table(h, ds, l, role))
            continue;
        name[0] = from[0] = notes[0] = '\0';
        a->append(name, sizeof name, "%s%s", sec_str(l->name), l->interim ? " (interim)" : "");
        if (l->start.year)
            h->format_date(l->start, from, sizeof from);
        else
            a->append(from, sizeof from, "In post by %s", h->format_date(l->in_post_on, d, sizeof d));
        tenure_text(h, ds, c, l, to, time);
        h->cite(ctx, ds, l->cites, cite, sizeof cite);
        a->append(notes, sizeof notes, "%s%s%s", sec_str(l->note), l->note && *cite ? " " : "", cite);
        SEC_TRY(h->layout->table_row(t, timed ? row5 : row4));
    }
    return h->layout->table_end(t);
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const char *roles[MAX_ROLES];
    char title[256];
    size_t n, k;

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Leadership", title, sizeof title)));
    n = roles_to_show(h, ctx, c, roles);
    if (n == 0)
        return h->layout->paragraph(doc, h->analysis->recorded(c, "leaders")
                                             ? "The data given lists none of these leaders."
                                             : "Leaders are not recorded in the data given.");
    SEC_TRY(turnover(h, ctx, ds, c, doc));
    if (h->option_bool(ctx, "chart"))
        SEC_TRY(chart(h, ctx, ds, c, roles, n, doc));
    if (h->option_bool(ctx, "tables"))
        for (k = 0; k < n; k++)
            SEC_TRY(role_table(h, ctx, ds, c, roles[k], doc));
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "leadership",
    .version = "1.0.0",
    .description = "Leadership: turnover of directors, tenures on the time axis, a table per role",
    .options = options,
    .render = render,
};

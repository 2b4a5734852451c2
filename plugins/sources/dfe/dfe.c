/*
 * dfe: the Department for Education's explore-education-statistics CSVs.
 *
 * Three kinds of file, each found by header name (docs/sources.md):
 *   - children looked after: tidy rows (period, area, measure) with a number
 *     and a rate per 10,000: looked_after_children and looked_after_rate
 *     from "Children looked after at 31 March each year", started_care and
 *     ceased_care from the starting and ceasing measures, at YYYY-03-31;
 *   - the social work workforce: one row per (period, area) with turnover,
 *     agency and vacancy rates and caseloads, at the census date YYYY-09-30;
 *   - the statistical neighbour model: each council's neighbours by DfE
 *     number, given as GSS codes in comparators.statistical_neighbours.
 * Columns are found by lists of names that follow DfE's renamings between
 * releases (the 2025 looked-after table's `population_type` and
 * `children_count`); a missing one is named with the file's closest header.
 * National and Regional rows become each point's `england` and `region`.
 * Suppressed values (c, x, z, u, low, ..) leave a point, or its england or
 * region figure, absent: never zero.  With the option `neighbours` naming
 * the statistical neighbour file, each rate or percentage also gets
 * `comparator`, the median of its neighbours' values for the same metric
 * and period (never for a count).
 */
#include <stdint.h>
#include <string.h>

#include <briefing/analysis.h>

#include "../common/srcutil.h"
#include "outturn.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- what each file holds ---------------------------------------------------- */

enum measure { M_ANY = 0, M_AT_31_MARCH, M_STARTED, M_CEASED };

typedef struct metric_spec {
    const char *name;
    const char *unit;
    enum measure measure;       /* the row's measure it needs (M_ANY: none) */
    const char *const *headers; /* the value's column */
} metric_spec;

/* Every column is found by any of a list of names (docs/sources.md keeps
 * the table): DfE renames columns between releases of one table (the 2025
 * looked-after release calls `number` `children_count` and
 * `population_count` `population_type`), and a name not listed is refused
 * with the file's closest header (src_require). */
#define H_NUMBER NAMES("number", "children_count", "value", "count", "children_looked_after", \
                       "number_of_children")
#define H_RATE NAMES("rate_per_10000", "rate_per_10k", "rate", "rate per 10,000 children", \
                     "rate_per_10000_children", "children_rate_per_10000")

static const metric_spec CLA[] = {
    {"looked_after_children", "count", M_AT_31_MARCH, H_NUMBER},
    {"looked_after_rate", "rate_per_10k", M_AT_31_MARCH, H_RATE},
    {"started_care", "count", M_STARTED, H_NUMBER},
    {"ceased_care", "count", M_CEASED, H_NUMBER},
};

static const metric_spec WORKFORCE[] = {
    {"social_worker_turnover", "percent", M_ANY, NAMES("turnover_rate_fte", "turnover_rate")},
    {"agency_worker_rate", "percent", M_ANY, NAMES("agency_rate_fte", "agency_worker_rate_fte", "agency_rate")},
    {"vacancy_rate", "percent", M_ANY, NAMES("vacancy_rate_fte", "vacancy_rate")},
    {"average_caseload", "count", M_ANY, NAMES("caseload_fte", "average_caseload_fte", "caseload")},
};

/* ---- the dashboard's files (issue 16) ---------------------------------------------
 * The rest of what DfE's children's social care dashboard reads: one metric
 * (or two) a file, picked from tidy rows by the cells of a breakdown column.
 * Found by a column no other file has (dashboard_kind). */

#define F_AGE NAMES("care_leaver_age")
#define F_BREAKDOWN NAMES("breakdown")
#define F_STABILITY NAMES("placement_stability")

/* Dashboard files: up to two columns whose cells must read as given
 * (folded) for a row to hold spec i's metric; NULL: no filter. */
typedef struct spec_filter {
    const char *const *col[2];
    const char *is[2];
} spec_filter;

static const metric_spec CIN[] = {{"children_in_need", "count", M_ANY, NAMES("At31_episodes")}};
static const metric_spec REFERRALS[] = {{"rereferral_percent", "percent", M_ANY, NAMES("rereferral_percent")}};
static const metric_spec CPP_SUBSEQUENT[] = {
    {"cp_plan_subsequent_percent", "percent", M_ANY, NAMES("CPP_subsequent_percent")}};
static const metric_spec CPP_DURATION[] = {
    {"cp_plan_two_years_percent", "percent", M_ANY, NAMES("2_years_or_more_percent")}};
static const metric_spec STABILITY[] = {
    {"placements_three_or_more_percent", "percent", M_ANY, NAMES("children_percent")},
    {"same_carer_two_years_percent", "percent", M_ANY, NAMES("children_percent")},
};
static const spec_filter STABILITY_ROWS[] = {
    {{F_STABILITY}, {"With 3 or more placements during the year"}},
    {{F_STABILITY}, {"Living with the same carer for at least 2 years"}},
};
/* Activity (metric 0) and accommodation (metric 1): the two files have the
 * same columns; leavers_kind tells them apart by what they held. */
static const metric_spec LEAVERS[] = {
    {"care_leavers_eet_percent", "percent", M_ANY, NAMES("care_leaver_percent")},
    {"care_leavers_suitable_accommodation_percent", "percent", M_ANY, NAMES("care_leaver_percent")},
};
static const spec_filter LEAVERS_ROWS[] = {
    {{F_AGE, F_BREAKDOWN}, {"19 to 21 years", "Total in education, employment or training"}},
    {{F_AGE, F_BREAKDOWN}, {"19 to 21 years", "Accommodation considered suitable"}},
};
static const metric_spec POPULATION[] = {{"child_population", "count", M_ANY, NAMES("population_estimate")}};
static const spec_filter POPULATION_ROWS[] = {{{NAMES("age_group")}, {"Children aged 0 to 17 years"}}};

#define N_MAX_METRICS 4

#define K_PERIOD NAMES("time_period", "year", "period")
#define K_LEVEL NAMES("geographic_level", "geography_level", "level")
#define K_CODE NAMES("new_la_code", "la_code", "local_authority_code", "la_code_new", "lad_code")
#define K_NUMBER NAMES("old_la_code", "la_number", "dfe_number", "la_code_old", "dfe_la_number")
#define K_NAME NAMES("la_name", "local_authority_name", "local_authority")
#define K_REGION_CODE NAMES("region_code")
#define K_REGION_NAME NAMES("region_name")
#define K_MEASURE NAMES("population_count", "population_type", "cla_group", "measure", "characteristic", \
                        "indicator", "cla_measure")
#define K_RATE_ANY NAMES("rate_per_10000", "rate_per_10k")
#define K_WORKFORCE_ANY NAMES("turnover_rate_fte", "agency_rate_fte", "vacancy_rate_fte", "caseload_fte")

/* ---- the points read ----------------------------------------------------------- */

enum level { L_NATIONAL, L_REGIONAL, L_LA };

typedef struct point {
    unsigned metric; /* index into the file's metric_spec table */
    int year;
    enum level level;
    const briefing_council_info *council; /* L_LA */
    const char *region; /* region code, else name (cut to 63 bytes): L_REGIONAL and L_LA;
                           "" for L_NATIONAL.  One copy a region, in the reader's list */
    double value;
} point;

/* The regions a file names, one copy each, so that a point holds a pointer
 * rather than 64 bytes (the points of the workforce file took 786 KB, every
 * page faulted in afresh). */
typedef struct region_name {
    struct region_name *next;
    char text[64];
} region_name;

typedef struct points {
    point *p;
    size_t n, cap;
} points;

static int points_add(points *ps, const point *p)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : 1024;
        point *np = realloc(ps->p, cap * sizeof *np);
        if (!np)
            return BRIEFING_ERR_NOMEM;
        ps->p = np;
        ps->cap = cap;
    }
    ps->p[ps->n++] = *p;
    return BRIEFING_OK;
}

/* Order for lookups: metric, year, level, region, council code. */
static int point_cmp(const void *va, const void *vb)
{
    const point *a = va, *b = vb;
    if (a->metric != b->metric)
        return a->metric < b->metric ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    int c = a->region == b->region ? 0 : strcmp(a->region, b->region);
    if (c || a->level != L_LA)
        return c;
    return strcmp(a->council->code, b->council->code);
}

/* The sorted points' entry equal to key, or NULL. */
static const point *points_find(const points *ps, const point *key)
{
    return ps->n ? bsearch(key, ps->p, ps->n, sizeof *ps->p, point_cmp) : NULL;
}

/* ---- reading a file --------------------------------------------------------------- */

typedef struct reader {
    const briefing_host *h;
    briefing_ctx *ctx;
    briefing_csv *r;
    const metric_spec *specs;
    size_t n_specs;
    int value_col[N_MAX_METRICS];
    int period, level, code, number, name, region_code, region_name, measure;
    points comparators; /* national and regional */
    points own;         /* local authorities, in file order */
    int skipped;        /* rows naming two councils at once */
    region_name *regions;    /* every region met, newest first */
    char seen_measure[4][96]; /* measure cells met lately ("" unused), */
    enum measure seen_m[4];   /* and what row_measure made of them */
    unsigned seen_next;       /* the slot the next new cell takes */
    size_t rows_of[4];        /* rows read, by the measure they name */
    char other_measure[96];   /* a measure label read as none we know */
    const spec_filter *filters;       /* dashboard files: one per spec, or NULL */
    int filter_col[N_MAX_METRICS][2]; /* and their columns */
} reader;

/* Copies s into out (size bytes), cut to fit: what snprintf "%s" did, at a
 * tenth of the cost (it ran for every row). */
static void copy_cut(char *out, size_t size, const char *s)
{
    size_t n = strlen(s);
    if (n >= size)
        n = size - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

/* The reader's copy of the region `text` (cut to 63 bytes, as a point held
 * it), added on first use; NULL when memory ran out. */
static const char *region_of(reader *rd, const char *text)
{
    char cut[64];
    copy_cut(cut, sizeof cut, text);
    for (region_name *r = rd->regions; r; r = r->next)
        if (strcmp(r->text, cut) == 0)
            return r->text;
    region_name *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    memcpy(r->text, cut, sizeof cut);
    r->next = rd->regions;
    rd->regions = r;
    return r->text;
}

/* The year a time_period names: "2024", or "202324" (its end year). */
static int period_year(reader *rd, int *year)
{
    const char *t = rd->h->csv->field(rd->r, rd->period);
    size_t n = strlen(t);
    int ok = n == 4 || n == 6;
    for (size_t i = 0; ok && i < n; i++)
        ok = t[i] >= '0' && t[i] <= '9';
    if (!ok)
        return rd->h->csv->error(rd->r, rd->period, "\"%s\" is not a year (expected e.g. 2024 or 202324)", t);
    *year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    if (n == 6) /* "202324": the year ending in 2024 */
        *year = *year / 100 * 100 + (t[4] - '0') * 10 + (t[5] - '0');
    return BRIEFING_OK;
}

/* The measure a label names, by its words, so that a reworded label still
 * reads ("Children starting to be looked after each year", "... who started
 * to be looked after during the year ending 31 March"): starting and
 * ceasing first, for a label of either may name 31 March too. */
static enum measure measure_of(const char *m)
{
    if (src_contains(m, "starting") || src_contains(m, "started") || src_contains(m, "start to"))
        return M_STARTED;
    if (src_contains(m, "ceasing") || src_contains(m, "ceased") || src_contains(m, "cease to") ||
        src_contains(m, "left care"))
        return M_CEASED;
    if (src_contains(m, "31 march"))
        return M_AT_31_MARCH;
    return M_ANY; /* another measure: not one we read */
}

/* The row's measure.  The answers for the last four cells are kept: a file
 * cycles through three or four measures (five searches of the cell a row
 * were 2% of loading the official files). */
static enum measure row_measure(reader *rd)
{
    const char *m = rd->h->csv->field(rd->r, rd->measure);
    size_t n = strlen(m);
    if (n == 0 || n >= sizeof rd->seen_measure[0])
        return measure_of(m);
    for (unsigned i = 0; i < 4; i++)
        if (memcmp(rd->seen_measure[i], m, n + 1) == 0)
            return rd->seen_m[i];
    unsigned slot = rd->seen_next++ % 4;
    memcpy(rd->seen_measure[slot], m, n + 1);
    rd->seen_m[slot] = measure_of(m);
    return rd->seen_m[slot];
}

/* 1 when the row passes spec i's filters (dashboard files; others have none). */
static int filters_match(const reader *rd, size_t i)
{
    for (int f = 0; rd->filters && f < 2; f++)
        if (rd->filters[i].col[f] &&
            !src_is(rd->h->csv->field(rd->r, rd->filter_col[i][f]), rd->filters[i].is[f]))
            return 0;
    return 1;
}

/* Reads one row into points.  Rows at another geographic level, or for a
 * measure we do not read, add nothing. */
static int read_row(reader *rd)
{
    const briefing_host *h = rd->h;
    point p = {0};
    int rc;
    const char *level = h->csv->field(rd->r, rd->level);
    if (src_is(level, "national"))
        p.level = L_NATIONAL;
    else if (src_is(level, "regional"))
        p.level = L_REGIONAL;
    else if (src_is(level, "local authority"))
        p.level = L_LA;
    else
        return BRIEFING_OK;
    if ((rc = period_year(rd, &p.year)) != 0)
        return rc;
    const char *region = h->csv->field(rd->r, rd->region_code);
    p.region = "";
    if (p.level != L_NATIONAL && /* a national row's region cells are empty, or say England */
        !(p.region = region_of(rd, *region ? region : h->csv->field(rd->r, rd->region_name))))
        return h->error(rd->ctx, BRIEFING_ERR_NOMEM, "%s: out of memory", h->csv->path(rd->r));
    if (p.level == L_LA) {
        if ((rc = src_row_council(h, rd->r, rd->code, rd->number, rd->name, &p.council)) != 0)
            return rc;
        if (!p.council) {
            rd->skipped++;
            return BRIEFING_OK;
        }
    }
    enum measure m = rd->measure >= 0 ? row_measure(rd) : M_ANY;
    rd->rows_of[m]++;
    if (m == M_ANY && rd->measure >= 0)
        copy_cut(rd->other_measure, sizeof rd->other_measure, h->csv->field(rd->r, rd->measure));
    for (size_t i = 0; i < rd->n_specs; i++) {
        const metric_spec *s = &rd->specs[i];
        if (s->measure != M_ANY && s->measure != m)
            continue;
        if (!filters_match(rd, i))
            continue;
        int v = src_value(h->csv->field(rd->r, rd->value_col[i]), &p.value);
        if (v < 0)
            return h->csv->error(rd->r, rd->value_col[i],
                                 "\"%s\" is not a number (nor a suppression code: c, x, z, u, low, ..)",
                                 h->csv->field(rd->r, rd->value_col[i]));
        if (v == 0 || rd->value_col[i] < 0)
            continue; /* suppressed: no point, never zero */
        p.metric = (unsigned)i;
        if ((rc = points_add(p.level == L_LA ? &rd->own : &rd->comparators, &p)) != 0)
            return h->error(rd->ctx, rc, "%s: out of memory", h->csv->path(rd->r));
    }
    return BRIEFING_OK;
}

/* A dashboard file's value and filter columns must all be there: each is
 * named in the error when missing. */
static int find_filter_columns(reader *rd)
{
    int rc;
    for (size_t i = 0; rd->filters && i < rd->n_specs; i++)
        for (int f = 0; f < 2; f++)
            if (rd->filters[i].col[f] &&
                (rc = rd->h->csv->require(rd->r, rd->filters[i].col[f], &rd->filter_col[i][f])) != 0)
                return rc;
    if (rd->filters || rd->n_specs == 1)
        for (size_t i = 0; i < rd->n_specs; i++)
            if (rd->value_col[i] < 0)
                return rd->h->csv->require(rd->r, rd->specs[i].headers, &rd->value_col[i]);
    return BRIEFING_OK;
}

/* Finds the columns of a CLA or workforce file; a missing one is named. */
static int find_columns(reader *rd)
{
    const briefing_host *h = rd->h;
    int rc, found = 0;
    if ((rc = src_require(h, rd->ctx, rd->r, K_PERIOD, &rd->period)) != 0 ||
        (rc = src_require(h, rd->ctx, rd->r, K_LEVEL, &rd->level)) != 0)
        return rc;
    rd->code = h->csv->column(rd->r, K_CODE);
    rd->number = h->csv->column(rd->r, K_NUMBER);
    rd->name = h->csv->column(rd->r, K_NAME);
    if (rd->code < 0 && rd->number < 0 && (rc = src_require(h, rd->ctx, rd->r, K_NAME, &rd->name)) != 0)
        return rc;
    rd->region_code = h->csv->column(rd->r, K_REGION_CODE);
    rd->region_name = h->csv->column(rd->r, K_REGION_NAME);
    if (rd->region_code < 0 && (rc = src_require(h, rd->ctx, rd->r, K_REGION_NAME, &rd->region_name)) != 0)
        return rc;
    if (rd->specs == CLA && (rc = src_require(h, rd->ctx, rd->r, K_MEASURE, &rd->measure)) != 0)
        return rc;
    for (size_t i = 0; i < rd->n_specs; i++) {
        rd->value_col[i] = h->csv->column(rd->r, rd->specs[i].headers);
        found += rd->value_col[i] >= 0;
    }
    if ((rc = find_filter_columns(rd)) != 0)
        return rc;
    if (rd->specs == CLA && rd->value_col[0] < 0)
        return src_require(h, rd->ctx, rd->r, H_NUMBER, &rd->value_col[0]);
    if (!found)
        return src_require(h, rd->ctx, rd->r, K_WORKFORCE_ANY, &rd->value_col[0]);
    return BRIEFING_OK;
}

/* ---- statistical neighbours --------------------------------------------------------- */

#define MAX_NEIGHBOURS 20

typedef struct neighbours {
    const briefing_council_info *council;
    const briefing_council_info *of[MAX_NEIGHBOURS];
    size_t n;
} neighbours;

typedef struct neighbour_table {
    neighbours *e; /* sorted by council code once read */
    size_t n, cap;
} neighbour_table;

static int neighbours_cmp(const void *va, const void *vb)
{
    const neighbours *a = va, *b = vb;
    return strcmp(a->council->code, b->council->code);
}

/* Reads a statistical neighbour file into t (errors on h's ctx). */
static int read_neighbours(const briefing_host *h, briefing_ctx *ctx, const char *path,
                           neighbour_table *t)
{
    briefing_csv *r = NULL;
    int cols[MAX_NEIGHBOURS], n_cols = 0, code, number, name, rc;
    if ((rc = h->csv->open(ctx, path, &r)) != 0)
        return rc;
    for (int i = 1; i <= MAX_NEIGHBOURS; i++) {
        char h1[16], h2[16];
        snprintf(h1, sizeof h1, "SN_%d", i);
        snprintf(h2, sizeof h2, "SN%d", i);
        const char *const names[] = {h1, h2, NULL};
        int c = h->csv->column(r, names);
        if (c >= 0)
            cols[n_cols++] = c;
    }
    code = h->csv->column(r, K_CODE);
    number = h->csv->column(r, K_NUMBER);
    name = h->csv->column(r, K_NAME);
    if (n_cols == 0) {
        rc = src_require(h, ctx, r, NAMES("SN_1", "SN1"), &cols[0]);
        goto out;
    }
    if (code < 0 && number < 0 && (rc = src_require(h, ctx, r, K_NAME, &name)) != 0)
        goto out;
    while ((rc = h->csv->next(r)) == 1) {
        neighbours nb = {0};
        if ((rc = src_row_council(h, r, code, number, name, &nb.council)) != 0)
            goto out;
        if (!nb.council)
            continue;
        for (int i = 0; i < n_cols; i++) {
            const char *v = h->csv->field(r, cols[i]);
            const briefing_council_info *found[2];
            if (!*v)
                continue;
            if (h->councils->resolve(v, found, 2) != 1) {
                rc = h->csv->error(r, cols[i], "no council \"%s\" in the register of councils", v);
                goto out;
            }
            nb.of[nb.n++] = found[0];
        }
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 256;
            neighbours *e = realloc(t->e, cap * sizeof *e);
            if (!e) {
                rc = h->error(ctx, BRIEFING_ERR_NOMEM, "%s: out of memory", path);
                goto out;
            }
            t->e = e;
            t->cap = cap;
        }
        t->e[t->n++] = nb;
    }
    if (rc == 0 && t->n)
        qsort(t->e, t->n, sizeof *t->e, neighbours_cmp);
out:
    h->csv->close(r);
    return rc;
}

/* Order of a council's own points for neighbour lookups: metric, year,
 * council code. */
static int own_cmp(const void *va, const void *vb)
{
    const point *a = va, *b = vb;
    if (a->metric != b->metric)
        return a->metric < b->metric ? -1 : 1;
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    return strcmp(a->council->code, b->council->code);
}

/* The neighbours' median for point p (council, metric, year), over those
 * whose value is published, by the host's analysis (DfE's method); NAN
 * unless at least half of them have one, and for counts (a council's size,
 * never compared this way).  sorted holds every council's points in
 * own_cmp order. */
static double neighbour_median(const briefing_host *h, const metric_spec *s, const points *sorted,
                               const neighbour_table *t, const point *p)
{
    neighbours key = {.council = p->council};
    const neighbours *nb = t->n ? bsearch(&key, t->e, t->n, sizeof *t->e, neighbours_cmp) : NULL;
    double values[64];
    size_t have = 0;
    if (!nb || nb->n == 0 || sorted->n == 0 || strcmp(s->unit, "count") == 0)
        return NAN;
    for (size_t i = 0; i < nb->n && have < 64; i++) {
        point q = {.metric = p->metric, .year = p->year, .level = L_LA, .council = nb->of[i]};
        const point *found = bsearch(&q, sorted->p, sorted->n, sizeof *sorted->p, own_cmp);
        if (found)
            values[have++] = found->value;
    }
    return have * 2 >= nb->n ? h->analysis->median(values, have) : NAN;
}

/* ---- writing the dataset ------------------------------------------------------------ */

typedef struct file_kind {
    const char *id, *title, *url, *period; /* period: "-03-31" after the year */
} file_kind;

static const file_kind KIND_CLA = {
    "dfe-children-looked-after", "Children looked after in England including adoptions",
    "https://explore-education-statistics.service.gov.uk/find-statistics/"
    "children-looked-after-in-england-including-adoptions",
    "-03-31"};
static const file_kind KIND_WORKFORCE = {
    "dfe-childrens-social-work-workforce", "Children's social work workforce",
    "https://explore-education-statistics.service.gov.uk/find-statistics/children-s-social-work-workforce",
    "-09-30"};
static const file_kind KIND_NEIGHBOURS = {"dfe-statistical-neighbours",
                                          "Children's services statistical neighbour model", NULL, NULL};

/* The dashboard's files: how each is told (a column only it has), what it
 * holds and whom its figures cite.  Checked before the kinds above: the
 * placement stability file has a `cla_group` column, as the looked-after
 * table may. */
#define EES "https://explore-education-statistics.service.gov.uk/find-statistics/"
#define CIN_TITLE "Characteristics of children in need: "
#define CLA_TITLE "Children looked after in England including adoptions: "
static const file_kind KIND_CIN = {"dfe-cin-b1", CIN_TITLE "children in need (b1)",
                                   EES "characteristics-of-children-in-need", "-03-31"};
static const file_kind KIND_REFERRALS = {"dfe-cin-c1", CIN_TITLE "referrals and re-referrals (c1)",
                                         EES "characteristics-of-children-in-need", "-03-31"};
static const file_kind KIND_CPP_SUBSEQUENT = {
    "dfe-cin-d3", CIN_TITLE "child protection plans which are a second or subsequent plan (d3)",
    EES "characteristics-of-children-in-need", "-03-31"};
static const file_kind KIND_CPP_DURATION = {"dfe-cin-d5",
                                            CIN_TITLE "child protection plans at 31 March by duration (d5)",
                                            EES "characteristics-of-children-in-need", "-03-31"};
static const file_kind KIND_STABILITY = {"dfe-cla-placement-stability", CLA_TITLE "placement stability",
                                         EES "children-looked-after-in-england-including-adoptions", "-03-31"};
static const file_kind KIND_LEAVERS = {"dfe-care-leavers", CLA_TITLE "care leavers",
                                       EES "children-looked-after-in-england-including-adoptions", "-03-31"};
static const file_kind KIND_LEAVERS_EET = {"dfe-care-leavers-activity", CLA_TITLE "care leavers' activity",
                                           EES "children-looked-after-in-england-including-adoptions",
                                           "-03-31"};
static const file_kind KIND_LEAVERS_ACCOMMODATION = {
    "dfe-care-leavers-accommodation", CLA_TITLE "care leavers' accommodation suitability",
    EES "children-looked-after-in-england-including-adoptions", "-03-31"};
static const file_kind KIND_POPULATION = {
    "ons-mid-year-population-0-17", "Mid-year population estimates: children aged 0 to 17",
    "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates", "-06-30"};


typedef struct dashboard_file {
    const char *column; /* the header that tells the file */
    const char *also;   /* and one it must have too, or NULL */
    const file_kind *kind;
    const metric_spec *specs;
    size_t n_specs;
    const spec_filter *filters; /* one per spec, or NULL */
} dashboard_file;

#define DASH(col, kind, specs, filters) {col, NULL, &kind, specs, sizeof specs / sizeof specs[0], filters}
static const dashboard_file DASHBOARD[] = {
    DASH("at31_episodes", KIND_CIN, CIN, NULL),
    DASH("rereferral_percent", KIND_REFERRALS, REFERRALS, NULL),
    DASH("cpp_subsequent_percent", KIND_CPP_SUBSEQUENT, CPP_SUBSEQUENT, NULL),
    DASH("2_years_or_more_percent", KIND_CPP_DURATION, CPP_DURATION, NULL),
    DASH("placement_stability", KIND_STABILITY, STABILITY, STABILITY_ROWS),
    DASH("care_leaver_age", KIND_LEAVERS, LEAVERS, LEAVERS_ROWS), /* activity and accommodation alike */
    /* the looked-after table has a population_estimate column too */
    {"population_estimate", "age_group", &KIND_POPULATION, POPULATION, 1, POPULATION_ROWS},
};
#define N_DASHBOARD (sizeof DASHBOARD / sizeof DASHBOARD[0])

/* The dashboard file whose column the header line (folded) names, or NULL. */
static const dashboard_file *dashboard_of_header(const char *line)
{
    for (size_t i = 0; i < N_DASHBOARD; i++)
        if (strstr(line, DASHBOARD[i].column) && (!DASHBOARD[i].also || strstr(line, DASHBOARD[i].also)))
            return &DASHBOARD[i];
    return NULL;
}

/* The same for an open file, by its columns. */
static const dashboard_file *dashboard_of_file(const briefing_host *h, briefing_csv *r)
{
    for (size_t i = 0; i < N_DASHBOARD; i++)
        if (h->csv->column(r, (const char *const[]){DASHBOARD[i].column, NULL}) >= 0 &&
            (!DASHBOARD[i].also || h->csv->column(r, (const char *const[]){DASHBOARD[i].also, NULL}) >= 0))
            return &DASHBOARD[i];
    return NULL;
}

static const dashboard_file *dashboard_of_kind(const file_kind *k)
{
    for (size_t i = 0; i < N_DASHBOARD; i++)
        if (DASHBOARD[i].kind == k)
            return &DASHBOARD[i];
    return NULL;
}

/* The care leavers' two files have the same columns: what a file held
 * says which it was, and so what its figures cite. */
static const file_kind *leavers_kind(const reader *rd)
{
    int seen[2] = {0, 0};
    for (size_t i = 0; i < rd->own.n; i++)
        seen[rd->own.p[i].metric & 1] = 1;
    for (size_t i = 0; i < rd->comparators.n; i++)
        seen[rd->comparators.p[i].metric & 1] = 1;
    if (seen[0] != seen[1])
        return seen[0] ? &KIND_LEAVERS_EET : &KIND_LEAVERS_ACCOMMODATION;
    return &KIND_LEAVERS;
}

static const char *publisher_of(const file_kind *k)
{
    return k == &KIND_POPULATION ? "Office for National Statistics" : "Department for Education";
}

/* The comparator value for p at another level (national, or p's region). */
static double comparator(const reader *rd, const point *p, enum level level)
{
    point key = {.metric = p->metric, .year = p->year, .level = level, .region = ""};
    if (level == L_REGIONAL)
        key.region = p->region;
    const point *found = points_find(&rd->comparators, &key);
    return found ? found->value : NAN;
}

/* Adds one metric point, with its comparators, to its council. */
static int emit_point(reader *rd, briefing_json *dataset, const file_kind *k,
                      const point *p, double neighbour_avg)
{
    const briefing_host *h = rd->h;
    const briefing_json_api *j = h->json;
    const metric_spec *s = &rd->specs[p->metric];
    briefing_json *council, *list, *m, *cites;
    char period[16];
    if ((council = h->council_entry(rd->ctx, dataset, p->council)) == NULL)
        return BRIEFING_ERR_NOMEM;
    int y = p->year % 10000; /* four digits, as "%04d" gave */
    period[0] = (char)('0' + y / 1000);
    period[1] = (char)('0' + y / 100 % 10);
    period[2] = (char)('0' + y / 10 % 10);
    period[3] = (char)('0' + y % 10);
    copy_cut(period + 4, sizeof period - 4, k->period);
    double england = comparator(rd, p, L_NATIONAL), region = comparator(rd, p, L_REGIONAL);
    if (!(list = src_array(h, council, "metrics")) || !(m = j->add_object(list, NULL)) ||
        !j->add_string(m, "name", s->name) || !j->add_string(m, "period", period) ||
        !j->add_number(m, "value", p->value) || !j->add_string(m, "unit", s->unit) ||
        (!isnan(england) && !j->add_number(m, "england", england)) ||
        (!isnan(region) && !j->add_number(m, "region", region)) ||
        (!isnan(neighbour_avg) && !j->add_number(m, "comparator", neighbour_avg)) ||
        !(cites = j->add_array(m, "cites")) || !j->add_string(cites, NULL, k->id) ||
        (!isnan(neighbour_avg) && !j->add_string(cites, NULL, KIND_NEIGHBOURS.id)))
        return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

static int emit_neighbours_in(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset,
                              const neighbour_table *t);

/* Writes every council's points, once the whole file is read. */
static int emit(reader *rd, briefing_json *dataset, const file_kind *k, const neighbour_table *nt)
{
    points sorted = {0};
    int rc = BRIEFING_OK;
    if (rd->comparators.n)
        qsort(rd->comparators.p, rd->comparators.n, sizeof *rd->comparators.p, point_cmp);
    if (nt->n && rd->own.n) {
        sorted.p = malloc(rd->own.n * sizeof *sorted.p);
        if (!sorted.p)
            return rd->h->error(rd->ctx, BRIEFING_ERR_NOMEM, "out of memory");
        memcpy(sorted.p, rd->own.p, rd->own.n * sizeof *sorted.p);
        sorted.n = rd->own.n;
        qsort(sorted.p, sorted.n, sizeof *sorted.p, own_cmp);
    }
    for (size_t i = 0; rc == 0 && i < rd->own.n; i++)
        rc = emit_point(rd, dataset, k, &rd->own.p[i],
                        nt->n ? neighbour_median(rd->h, &rd->specs[rd->own.p[i].metric], &sorted, nt,
                                                         &rd->own.p[i])
                              : NAN);
    /* With the option, the neighbours too (into the same council entries),
     * so that a section can name the comparator ("the median of its 10
     * statistical neighbours") as when the neighbour file is given. */
    if (rc == 0 && nt->n)
        rc = emit_neighbours_in(rd->h, rd->ctx, dataset, nt);
    free(sorted.p);
    return rc;
}

/* Sets comparators.statistical_neighbours on every council of t. */
static int emit_neighbours_in(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset,
                              const neighbour_table *t)
{
    int rc = BRIEFING_OK;
    for (size_t i = 0; rc == 0 && i < t->n; i++) {
        briefing_json *council, *comp, *list;
        if ((council = h->council_entry(ctx, dataset, t->e[i].council)) == NULL) {
            rc = BRIEFING_ERR_NOMEM;
            break;
        }
        if (!(comp = h->json->add_object(council, "comparators")) ||
            !(list = h->json->add_array(comp, "statistical_neighbours"))) {
            rc = BRIEFING_ERR_NOMEM;
            break;
        }
        for (size_t n = 0; rc == 0 && n < t->e[i].n; n++)
            if (!h->json->add_string(list, NULL, t->e[i].of[n]->code))
                rc = BRIEFING_ERR_NOMEM;
    }
    return rc;
}

static int emit_neighbours(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset,
                           const neighbour_table *t)
{
    return emit_neighbours_in(h, ctx, dataset, t);
}

/* ---- the plugin --------------------------------------------------------------------- */

/* Which kind of file the header line (folded) shows, or NULL. */
static const file_kind *kind_of_header(const char *line, int *score)
{
    *score = 0;
    if (strstr(line, "sn_1") && (strstr(line, "old_la_code") || strstr(line, "la_name"))) {
        *score = 95;
        return &KIND_NEIGHBOURS;
    }
    if (!strstr(line, "time_period") || !strstr(line, "geographic_level"))
        return NULL;
    *score = 90;
    if (dashboard_of_header(line))
        return dashboard_of_header(line)->kind;
    if (strstr(line, "rate_per_10000") || strstr(line, "population_count") || strstr(line, "population_type") ||
        strstr(line, "children_count"))
        return &KIND_CLA;
    if (strstr(line, "turnover_rate") || strstr(line, "caseload_fte") || strstr(line, "agency_rate") ||
        strstr(line, "vacancy_rate"))
        return &KIND_WORKFORCE;
    *score = 30; /* an explore-education-statistics file of another kind */
    return NULL;
}

static int outturn_sheet_named(void *arg, const char *name)
{
    (void)arg;
    return outturn_sheet(name);
}

static int dfe_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                         const unsigned char *head, size_t len)
{
    char line[4096];
    int score;
    if (!SRC_SERVED(h))
        return 0;
    if (src_is_workbook(h, head, len)) /* the revenue outturn workbook, by its data sheet */
        return h->csv->sheets(ctx, path, outturn_sheet_named, NULL) == 1 ? 90 : 0;
    h->header_line(head, len, line, sizeof line);
    kind_of_header(line, &score);
    return score;
}

/* The kind of an open file, from its columns. */
static const file_kind *kind_of_file(const briefing_host *h, briefing_csv *r)
{
    if (dashboard_of_file(h, r))
        return dashboard_of_file(h, r)->kind;
    if (h->csv->column(r, NAMES("SN_1", "SN1")) >= 0)
        return &KIND_NEIGHBOURS;
    if (h->csv->column(r, K_MEASURE) >= 0 || h->csv->column(r, K_RATE_ANY) >= 0)
        return &KIND_CLA;
    if (h->csv->column(r, K_WORKFORCE_ANY) >= 0)
        return &KIND_WORKFORCE;
    return NULL;
}

static int dfe_read(const briefing_host *h, briefing_ctx *ctx, const char *path, briefing_json *dataset)
{
    reader rd = {.h = h, .ctx = ctx, .measure = -1};
    neighbour_table nt = {0};
    const file_kind *k;
    int rc;
    if ((rc = src_check_host(h, ctx)) != 0)
        return rc;
    if (src_path_is_workbook(h, path))
        return outturn_read(h, ctx, path, dataset);
    if ((rc = h->csv->open(ctx, path, &rd.r)) != 0)
        return rc;
    k = kind_of_file(h, rd.r);
    if (!k) {
        rc = h->csv->error(rd.r, -1,
                           "not a DfE file this source reads: expected the children looked after "
                           "columns (\"population_count\", \"number\", \"rate_per_10000\"), the workforce "
                           "columns (\"turnover_rate_fte\", \"agency_rate_fte\", \"vacancy_rate_fte\", "
                           "\"caseload_fte\"), the statistical neighbours' (\"SN_1\"...) or a "
                           "children's social care dashboard file's (docs/sources.md)");
        goto out;
    }
    if (k == &KIND_NEIGHBOURS) {
        h->csv->close(rd.r);
        rd.r = NULL;
        if ((rc = read_neighbours(h, ctx, path, &nt)) == 0 &&
            (rc = src_add_source(h, dataset, k->id, k->title, "Department for Education", k->url)) == 0)
            rc = emit_neighbours(h, ctx, dataset, &nt);
        goto out;
    }
    rd.specs = k == &KIND_CLA ? CLA : WORKFORCE;
    rd.n_specs = k == &KIND_CLA ? sizeof CLA / sizeof CLA[0] : sizeof WORKFORCE / sizeof WORKFORCE[0];
    const dashboard_file *dash = dashboard_of_kind(k);
    if (dash) {
        rd.specs = dash->specs;
        rd.n_specs = dash->n_specs;
        rd.filters = dash->filters;
    }
    if ((rc = find_columns(&rd)) != 0)
        goto out;
    while ((rc = h->csv->next(rd.r)) == 1)
        if ((rc = read_row(&rd)) != 0)
            goto out;
    if (rc != 0)
        goto out;
    /* A looked-after file whose measure labels were all reworded past
     * recognition would give no figures and no word: it is refused. */
    if (k == &KIND_CLA && rd.measure >= 0 && rd.rows_of[M_AT_31_MARCH] == 0 && rd.rows_of[M_ANY] > 0) {
        rc = h->error(ctx, BRIEFING_ERR_DATA,
                      "%s: column \"%s\": no measure reads as children looked after at 31 March "
                      "(e.g. \"%s\"; expected labels such as \"Children looked after at 31 March each "
                      "year\")",
                      path, h->csv->header(rd.r, rd.measure), rd.other_measure);
        goto out;
    }
    const char *sn_path = h->option_string(ctx, "neighbours");
    if (sn_path && *sn_path && (rc = read_neighbours(h, ctx, sn_path, &nt)) != 0)
        goto out;
    if (k == &KIND_LEAVERS)
        k = leavers_kind(&rd);
    if ((rc = src_add_source(h, dataset, k->id, k->title, publisher_of(k), k->url)) != 0)
        goto out;
    if (nt.n && (rc = src_add_source(h, dataset, KIND_NEIGHBOURS.id, KIND_NEIGHBOURS.title,
                                     "Department for Education", NULL)) != 0)
        goto out;
    rc = emit(&rd, dataset, k, &nt);
    if (rc == 0 && rd.skipped)
        h->log(ctx, BRIEFING_LOG_INFO, "%s: %d row%s giving two councils' combined figures left out", path,
               rd.skipped, rd.skipped == 1 ? "" : "s");
out:
    h->csv->close(rd.r);
    free(rd.own.p);
    free(rd.comparators.p);
    for (region_name *r = rd.regions, *next; r; r = next) {
        next = r->next;
        free(r);
    }
    free(nt.e);
    return rc;
}

static const briefing_option OPTIONS[] = {
    {sizeof(briefing_option), "neighbours", BRIEFING_OPTION_STRING, NULL,
     "the DfE statistical neighbour CSV: gives each rate and percentage its neighbours' median (comparator)"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "dfe",
    .version = "1.0.0",
    .description = "DfE statistics: children looked after, social work workforce, statistical neighbours; "
                   "the revenue outturn workbook (RO3): children's social care spend",
    .options = OPTIONS,
    .recognise = dfe_recognise,
    .read = dfe_read,
};

/*
 * The shared analysis (core/analysis_core.c), through the table every section
 * plugin gets: what a councillor would notice if a figure in the pack were
 * wrong.  Councils are built by hand, Norfolk's directors among them.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "analysis_core.h"
#include "utf8.h"
#include "test_util.h"

static const briefing_analysis_api *A;

/* "2013-07-18", "2013-07" or "2013"; NULL or "" for absent. */
static briefing_date D(const char *s)
{
    briefing_date d = { 0, 0, 0 };

    if (s && *s)
        sscanf(s, "%d-%d-%d", &d.year, &d.month, &d.day);
    return d;
}

static int same_date(briefing_date a, briefing_date b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* ---- building councils -------------------------------------------------- */

#define MAX_ENTRIES 16

typedef struct fixture {
    briefing_council c;
    briefing_inspection insp[MAX_ENTRIES];
    const briefing_inspection *insp_p[MAX_ENTRIES];
    briefing_leader lead[MAX_ENTRIES];
    const briefing_leader *lead_p[MAX_ENTRIES];
    briefing_intervention iv[MAX_ENTRIES];
    const briefing_intervention *iv_p[MAX_ENTRIES];
    briefing_metric met[MAX_ENTRIES];
    const briefing_metric *met_p[MAX_ENTRIES];
} fixture;

static fixture F;

static void reset(void)
{
    memset(&F, 0, sizeof F);
    F.c.code = "E10000020";
    F.c.name = "Norfolk";
    F.c.inspections = F.insp_p;
    F.c.leaders = F.lead_p;
    F.c.interventions = F.iv_p;
    F.c.metrics = F.met_p;
}

static briefing_inspection *inspection(const char *date, briefing_inspection_type type,
                                       briefing_judgement j)
{
    briefing_inspection *i = &F.insp[F.c.n_inspections];

    i->date = D(date);
    i->type = type;
    i->judgement = j;
    F.insp_p[F.c.n_inspections++] = i;
    return i;
}

static briefing_leader *leader(const char *role, const char *name, const char *start,
                               const char *end, int interim)
{
    briefing_leader *l = &F.lead[F.c.n_leaders];

    l->role = role;
    l->name = name;
    l->start = D(start);
    l->end = D(end);
    l->interim = interim;
    F.lead_p[F.c.n_leaders++] = l;
    return l;
}

static briefing_leader *sighting(const char *role, const char *name, const char *on)
{
    briefing_leader *l = leader(role, name, NULL, NULL, 0);

    l->in_post_on = D(on);
    return l;
}

static briefing_intervention *intervention(briefing_intervention_kind k, const char *start,
                                           const char *end)
{
    briefing_intervention *v = &F.iv[F.c.n_interventions];

    v->kind = k;
    v->start = D(start);
    v->end = D(end);
    v->summary = "summary";
    F.iv_p[F.c.n_interventions++] = v;
    return v;
}

static briefing_metric *metric(const char *name, const char *period, double value,
                               double england, briefing_unit unit)
{
    briefing_metric *m = &F.met[F.c.n_metrics];

    m->name = name;
    m->period = D(period);
    m->value = value;
    m->england = england;
    m->region = NAN;
    m->comparator = NAN;
    m->unit = unit;
    F.met_p[F.c.n_metrics++] = m;
    return m;
}

/* Norfolk's inspections, 2011-2023, with the 2019 focused visit. */
static void norfolk_inspections(void)
{
    inspection("2011-07-22", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_ADEQUATE);
    inspection("2013-02-22", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2013-08-16", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2015-10-19", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2018-01-19", BRIEFING_INSPECTION_REINSPECTION, BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT);
    inspection("2019", BRIEFING_INSPECTION_FOCUSED_VISIT, BRIEFING_JUDGEMENT_NONE);
    inspection("2023-01-13", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD);
}

/* Norfolk's directors of children's services, as the example data has them. */
static void norfolk_dcs(void)
{
    leader("dcs", "Lisa Christensen", "2005", "2013-07-18", 0);
    leader("dcs", "Sheila Lock", "2013-07", "2015-09", 1);
    leader("dcs", "Michael Rosen", "2015-09", "2016-11-18", 0);
    leader("dcs", "Andrew Bunyan", "2016-11", "2017-02", 1);
    leader("dcs", "Matt Dunkley", "2017-02", "2017-10", 1);
    leader("dcs", "Sara Tough", "2017-10", NULL, 0);
}

static void setup(void)
{
    A = analysis_api();
    reset();
}

/* ---- the table ---------------------------------------------------------- */

START_TEST(table_is_complete)
{
    ck_assert_uint_eq(A->size, sizeof(briefing_analysis_api));
    ck_assert_ptr_nonnull(A->judgement_history);
    ck_assert_ptr_nonnull(A->turnover);
    ck_assert_ptr_nonnull(A->longest_interim_cover);
    ck_assert_ptr_nonnull(A->metric_trend);
    ck_assert_ptr_nonnull(A->append);
}
END_TEST

/* ---- inspections -------------------------------------------------------- */

START_TEST(rank_puts_adequate_with_requires_improvement)
{
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_OUTSTANDING), 4);
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_GOOD), 3);
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT), 2);
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_ADEQUATE), 2);
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_INADEQUATE), 1);
    ck_assert_int_eq(A->judgement_rank(BRIEFING_JUDGEMENT_NONE), 0);
}
END_TEST

START_TEST(full_inspection_types)
{
    briefing_inspection i = { 0 };

    i.judgement = BRIEFING_JUDGEMENT_GOOD;
    i.type = BRIEFING_INSPECTION_FULL;
    ck_assert_int_eq(A->is_full_inspection(&i), 1);
    i.type = BRIEFING_INSPECTION_REINSPECTION;
    ck_assert_int_eq(A->is_full_inspection(&i), 1);
    i.type = BRIEFING_INSPECTION_SHORT;
    ck_assert_int_eq(A->is_full_inspection(&i), 1);
    i.type = BRIEFING_INSPECTION_FOCUSED_VISIT;
    ck_assert_int_eq(A->is_full_inspection(&i), 0);
    i.type = BRIEFING_INSPECTION_MONITORING_VISIT;
    ck_assert_int_eq(A->is_full_inspection(&i), 0);
    i.type = BRIEFING_INSPECTION_JOINT_TARGETED;
    ck_assert_int_eq(A->is_full_inspection(&i), 0);
    /* no type: graded means full */
    i.type = BRIEFING_INSPECTION_NONE;
    ck_assert_int_eq(A->is_full_inspection(&i), 1);
    i.judgement = BRIEFING_JUDGEMENT_NONE;
    ck_assert_int_eq(A->is_full_inspection(&i), 0);
    ck_assert_int_eq(A->is_full_inspection(NULL), 0);
}
END_TEST

START_TEST(no_inspections_at_all)
{
    const briefing_inspection *a = (void *)1, *b = (void *)1;
    char buf[64] = "junk";

    ck_assert_ptr_null(A->current_judgement(&F.c, D("2024-06-01")));
    ck_assert_ptr_null(A->last_full_inspection(&F.c, D("2024-06-01")));
    ck_assert_int_eq(A->months_since_full_inspection(&F.c, D("2024-06-01")), -1);
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), &a, &b), BRIEFING_DIRECTION_UNKNOWN);
    ck_assert_ptr_null(a);
    ck_assert_ptr_null(b);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf), "");
    /* a NULL council is "nothing" too */
    ck_assert_ptr_null(A->current_judgement(NULL, D("2024-06-01")));
    ck_assert_int_eq(A->direction_of_travel(NULL, D("2024-06-01"), NULL, NULL), BRIEFING_DIRECTION_UNKNOWN);
}
END_TEST

START_TEST(a_single_inspection)
{
    const briefing_inspection *a, *b;
    char buf[64];
    briefing_inspection *only = inspection("2023-01-13", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD);

    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2024-06-01")), only);
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), &a, &b), BRIEFING_DIRECTION_UNKNOWN);
    ck_assert_ptr_eq(a, only);
    ck_assert_ptr_null(b);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf),
                     "Judged good in 2023.");
    /* before it was published there is nothing */
    ck_assert_ptr_null(A->current_judgement(&F.c, D("2023-01-12")));
    ck_assert_int_eq(A->months_since_full_inspection(&F.c, D("2023-01-12")), -1);
}
END_TEST

START_TEST(norfolk_story)
{
    const briefing_inspection *a, *b;
    char buf[256];

    norfolk_inspections();
    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2024-06-01")), &F.insp[6]);
    ck_assert_ptr_eq(A->last_full_inspection(&F.c, D("2024-06-01")), &F.insp[6]);
    /* 13 January 2023 to 1 June 2024: 16 whole months */
    ck_assert_int_eq(A->months_since_full_inspection(&F.c, D("2024-06-01")), 16);
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), &a, &b), BRIEFING_DIRECTION_IMPROVING);
    ck_assert_ptr_eq(a, &F.insp[6]);
    ck_assert_ptr_eq(b, &F.insp[4]);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf),
                     "Judged adequate in 2011, inadequate in 2013 and 2015, "
                     "requires improvement in 2018, good in 2023.");
}
END_TEST

START_TEST(as_of_turns_back_the_clock)
{
    const briefing_inspection *a, *b;
    char buf[256];

    norfolk_inspections();
    /* in the spring of 2018 the RI re-inspection is the news */
    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2018-03-01")), &F.insp[4]);
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2018-03-01"), &a, &b), BRIEFING_DIRECTION_IMPROVING);
    ck_assert_ptr_eq(b, &F.insp[3]);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2018-03-01"), buf, sizeof buf),
                     "Judged adequate in 2011, inadequate in 2013 and 2015, requires improvement in 2018.");
    /* in 2016, two inadequates in a row: stable, not improving */
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2016-01-01"), &a, &b), BRIEFING_DIRECTION_STABLE);
    ck_assert_ptr_eq(a, &F.insp[3]);
    ck_assert_ptr_eq(b, &F.insp[2]);
    /* 2013: adequate to inadequate */
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2013-03-01"), NULL, NULL), BRIEFING_DIRECTION_DECLINING);
}
END_TEST

START_TEST(visits_do_not_count_as_inspections)
{
    char buf[128];

    inspection("2018-01-19", BRIEFING_INSPECTION_REINSPECTION, BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT);
    inspection("2019", BRIEFING_INSPECTION_FOCUSED_VISIT, BRIEFING_JUDGEMENT_NONE);
    inspection("2021-10", BRIEFING_INSPECTION_MONITORING_VISIT, BRIEFING_JUDGEMENT_NONE);
    ck_assert_ptr_eq(A->last_full_inspection(&F.c, D("2024-06-01")), &F.insp[0]);
    ck_assert_int_eq(A->months_since_full_inspection(&F.c, D("2024-06-01")), 76);
    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2024-06-01")), &F.insp[0]);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf),
                     "Judged requires improvement in 2018.");
}
END_TEST

/* One inspection listed twice (two files the merge could not match, say a
 * standard and a short of the same day) is no comparison: the direction
 * compares with the previous distinct inspection (Merton: good in 2017,
 * outstanding in 2022 is Improving, never "no change" 2022 to 2022). */
START_TEST(direction_compares_with_a_distinct_inspection)
{
    const briefing_inspection *a, *b;

    inspection("2017-08-25", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD)->framework =
        BRIEFING_FRAMEWORK_SIF;
    inspection("2022-05-09", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_OUTSTANDING)->framework =
        BRIEFING_FRAMEWORK_ILACS;
    inspection("2022-05-09", BRIEFING_INSPECTION_SHORT, BRIEFING_JUDGEMENT_OUTSTANDING)->framework =
        BRIEFING_FRAMEWORK_ILACS;
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), &a, &b), BRIEFING_DIRECTION_IMPROVING);
    ck_assert_ptr_eq(a, &F.insp[2]);
    ck_assert_ptr_eq(b, &F.insp[0]);
    /* Two frameworks on one day are two inspections. */
    inspection("2022-05-09", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE)->framework =
        BRIEFING_FRAMEWORK_JTAI;
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), &a, &b), BRIEFING_DIRECTION_DECLINING);
}
END_TEST

START_TEST(partial_dates_in_inspections)
{
    /* a year-only date sorts before the full dates of that year */
    inspection("2020", BRIEFING_INSPECTION_NONE, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2020-03-05", BRIEFING_INSPECTION_SHORT, BRIEFING_JUDGEMENT_GOOD);
    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2020-06-01")), &F.insp[1]);
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2020-06-01"), NULL, NULL), BRIEFING_DIRECTION_IMPROVING);
    /* in February 2020 only the year-only one is known to have happened */
    ck_assert_ptr_eq(A->current_judgement(&F.c, D("2020-02-01")), &F.insp[0]);
    ck_assert_int_eq(A->months_since_full_inspection(&F.c, D("2021-03-01")), 11);
}
END_TEST

START_TEST(history_sentence_lists_three_years)
{
    char buf[256];

    inspection("2010-01-01", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2012-01-01", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2014-01-01", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    inspection("2016-01-01", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD);
    inspection("2019-01-01", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_INADEQUATE);
    ck_assert_str_eq(A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf),
                     "Judged inadequate in 2010, 2012 and 2014, good in 2016, inadequate in 2019.");
    ck_assert_int_eq(A->direction_of_travel(&F.c, D("2024-06-01"), NULL, NULL), BRIEFING_DIRECTION_DECLINING);
}
END_TEST

START_TEST(history_sentence_in_a_small_buffer)
{
    char buf[24];

    norfolk_inspections();
    A->judgement_history(&F.c, D("2024-06-01"), buf, sizeof buf);
    ck_assert_uint_le(strlen(buf), sizeof buf - 1);
    ck_assert_int_eq(utf8_valid(buf, strlen(buf), NULL), 1);
    ck_assert_str_eq(buf + strlen(buf) - 3, "\xe2\x80\xa6");
}
END_TEST

/* ---- leaders ------------------------------------------------------------ */

START_TEST(who_was_in_post)
{
    const briefing_leader *out[4];

    norfolk_dcs();
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2024-06-01"), out, 4), 1);
    ck_assert_str_eq(out[0]->name, "Sara Tough");
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2016-12-01"), out, 4), 1);
    ck_assert_str_eq(out[0]->name, "Andrew Bunyan");
    ck_assert_int_eq(out[0]->interim, 1);
    /* the handover in July 2013: both in post (overlapping tenures) */
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2013-07-10"), out, 4), 2);
    ck_assert_str_eq(out[0]->name, "Lisa Christensen");
    ck_assert_str_eq(out[1]->name, "Sheila Lock");
    /* the end date is the last day in post */
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2013-07-18"), out, 4), 2);
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2013-07-19"), out, 4), 1);
    /* more than max: the count is still right, max entries written */
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2013-07-10"), out, 1), 2);
    ck_assert_uint_eq(A->leaders_on(&F.c, "dcs", D("2004-12-31"), out, 4), 0);
    ck_assert_uint_eq(A->leaders_on(&F.c, "chief_executive", D("2016-12-01"), out, 4), 0);
    ck_assert_uint_eq(A->leaders_on(&F.c, NULL, D("2016-12-01"), NULL, 0), 1);
}
END_TEST

START_TEST(open_tenure_ends_at_a_successor)
{
    const briefing_leader *out[4];
    briefing_date e;

    leader("chief_executive", "A Person", "2010-04", NULL, 0);
    leader("chief_executive", "B Person", "2015-01-12", NULL, 0);
    e = A->tenure_end(&F.c, &F.lead[0]);
    ck_assert(same_date(e, D("2015-01-12")));
    ck_assert_int_eq(A->tenure_end(&F.c, &F.lead[1]).year, 0);
    ck_assert_uint_eq(A->leaders_on(&F.c, "chief_executive", D("2016-01-01"), out, 4), 1);
    ck_assert_str_eq(out[0]->name, "B Person");
    /* the successor's first day is not the predecessor's */
    ck_assert_uint_eq(A->leaders_on(&F.c, "chief_executive", D("2015-01-11"), out, 4), 1);
    ck_assert_str_eq(out[0]->name, "A Person");
}
END_TEST

START_TEST(sightings_in_post_on)
{
    const briefing_leader *out[4];
    briefing_turnover t = { .size = sizeof t };

    sighting("lead_member", "Alison Thomas", "2013-02");
    sighting("lead_member", "James Joyce", "2013-06-21");
    sighting("lead_member", "James Joyce", "2015-10");
    sighting("lead_member", "Roger Smith", "2016-07-04");
    ck_assert(same_date(A->tenure_start(&F.lead[0]), D("2013-02")));
    ck_assert(same_date(A->tenure_end(&F.c, &F.lead[0]), D("2013-06-21")));
    /* the same person seen twice ends at the next different person */
    ck_assert(same_date(A->tenure_end(&F.c, &F.lead[1]), D("2016-07-04")));
    ck_assert_uint_eq(A->leaders_on(&F.c, "lead_member", D("2014-01-01"), out, 4), 1);
    ck_assert_str_eq(out[0]->name, "James Joyce");
    ck_assert_int_eq(A->turnover(&F.c, "lead_member", D("2017-01-01"), 0, &t), 0);
    ck_assert_uint_eq(t.people, 3);
    ck_assert_uint_eq(t.tenures, 4);
    /* no known start: no tenure length */
    ck_assert(isnan(t.median_months));
}
END_TEST

START_TEST(norfolk_turnover)
{
    briefing_turnover t = { .size = sizeof t };

    norfolk_dcs();
    /* "the sixth head of children's services since 2013", seen in 2018:
     * five in the last four years, three of them interim */
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2018-03-01"), 4, &t), 0);
    ck_assert(same_date(t.from, D("2014-03-01")));
    ck_assert_uint_eq(t.people, 5);
    ck_assert_uint_eq(t.interim, 3);
    ck_assert_uint_eq(t.tenures, 5);
    /* Lock 26, Rosen 14.6, Bunyan 3.1, Dunkley 8.0, Tough 5.0 months */
    ck_assert_double_eq_tol(t.median_months, 7.98, 0.05);

    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2018-03-01"), 2, &t), 0);
    ck_assert_uint_eq(t.people, 4);
    ck_assert_uint_eq(t.interim, 2);

    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2013-07-01"), 2, &t), 0);
    ck_assert_uint_eq(t.people, 2);
    ck_assert_uint_eq(t.interim, 1);

    /* in 2024 Sara Tough's open tenure counts up to as_of: the median is
     * between Rosen's 14.6 and Lock's 26.1 months */
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2024-06-01"), 0, &t), 0);
    ck_assert_int_eq(t.from.year, 0);
    ck_assert_uint_eq(t.people, 6);
    ck_assert_double_eq_tol(t.median_months, (14.62 + 26.05) / 2, 0.1);
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2024-06-01"), 4, &t), 0);
    ck_assert_uint_eq(t.people, 1);
    ck_assert_uint_eq(t.interim, 0);
    ck_assert_double_eq_tol(t.median_months, 80.0, 0.1);
}
END_TEST

START_TEST(turnover_of_nobody)
{
    briefing_turnover t = { .size = sizeof t };
    briefing_span s = { .size = sizeof s };

    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2024-06-01"), 4, &t), 0);
    ck_assert_uint_eq(t.people, 0);
    ck_assert_uint_eq(t.interim, 0);
    ck_assert(isnan(t.median_months));
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2024-06-01"), 0, &s), 0);
    ck_assert_double_eq(s.months, 0);
    ck_assert_int_eq(A->turnover(NULL, "dcs", D("2024-06-01"), 4, &t), 0);
    ck_assert_uint_eq(t.people, 0);
    /* leaders who start after as_of are not there yet */
    leader("dcs", "Future Person", "2030-01", NULL, 1);
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2024-06-01"), 0, &t), 0);
    ck_assert_uint_eq(t.people, 0);
}
END_TEST

START_TEST(norfolk_interim_cover)
{
    briefing_span s = { .size = sizeof s };
    char buf[64];

    norfolk_dcs();
    /* 19 July 2013 (after Christensen's last day) to 1 September 2015 */
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2024-06-01"), 0, &s), 0);
    ck_assert_double_eq_tol(s.months, 774 / (365.25 / 12), 0.01);
    ck_assert(same_date(s.from, D("2013-07-18")));
    ck_assert(same_date(s.to, D("2015-09")));
    ck_assert_int_eq(s.ongoing, 0);
    ck_assert_str_eq(A->format_months(s.months, buf, sizeof buf), "2 years and 1 month");

    /* within four years of March 2018 the window clips Lock's stretch */
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2018-03-01"), 4, &s), 0);
    ck_assert(same_date(s.from, D("2014-03-01")));
    ck_assert(same_date(s.to, D("2015-09")));
    ck_assert_double_eq_tol(s.months, 549 / (365.25 / 12), 0.01);

    /* within two years: Bunyan then Dunkley, back to back */
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2018-03-01"), 2, &s), 0);
    ck_assert(same_date(s.from, D("2016-11-18")));
    ck_assert(same_date(s.to, D("2017-10")));
    ck_assert_double_eq_tol(s.months, 316 / (365.25 / 12), 0.01);
}
END_TEST

START_TEST(interim_cover_ongoing_and_overlapping)
{
    briefing_span s = { .size = sizeof s };

    /* an interim overlapping a permanent counts only once alone */
    leader("dcs", "Permanent One", "2018-01-01", "2020-06-30", 0);
    leader("dcs", "Interim Two", "2020-01-01", "2021-01-31", 1);
    /* nobody recorded in February 2021: not interim cover */
    leader("dcs", "Interim Three", "2021-03-01", NULL, 1);
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2024-03-01"), 0, &s), 0);
    ck_assert(same_date(s.from, D("2021-03-01")));
    ck_assert(same_date(s.to, D("2024-03-01")));
    ck_assert_int_eq(s.ongoing, 1);
    ck_assert_double_eq_tol(s.months, 1097 / (365.25 / 12), 0.01);

    /* before Interim Three: Interim Two alone from 1 July 2020 */
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2021-02-15"), 0, &s), 0);
    ck_assert(same_date(s.from, D("2020-06-30")));
    ck_assert(same_date(s.to, D("2021-01-31")));
    ck_assert_int_eq(s.ongoing, 0);
}
END_TEST

START_TEST(result_struct_sizes)
{
    struct {
        briefing_turnover t;
        int guard;
    } big;
    briefing_turnover small = { .size = sizeof(size_t) };

    norfolk_dcs();
    /* a caller built with a larger struct: only the host's part written */
    memset(&big, 0x5a, sizeof big);
    big.t.size = sizeof big;
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2018-03-01"), 4, &big.t), 0);
    ck_assert_uint_eq(big.t.size, sizeof big);
    ck_assert_uint_eq(big.t.people, 5);
    ck_assert_int_eq(big.guard, 0x5a5a5a5a);
    /* too small, or no struct at all: refused */
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2018-03-01"), 4, &small), -1);
    ck_assert_int_eq(A->turnover(&F.c, "dcs", D("2018-03-01"), 4, NULL), -1);
    ck_assert_int_eq(A->longest_interim_cover(&F.c, "dcs", D("2018-03-01"), 4, NULL), -1);
    ck_assert_int_eq(A->metric_trend(&F.c, "x", D("2018-03-01"), 4, NULL), -1);
}
END_TEST

/* ---- interventions ------------------------------------------------------ */

START_TEST(interventions_in_force)
{
    const briefing_intervention *out[8];
    char buf[256];

    intervention(BRIEFING_INTERVENTION_STATUTORY_DIRECTION, "2013-12", "2018-01");
    intervention(BRIEFING_INTERVENTION_COMMISSIONER, "2015-12", "2016");
    intervention(BRIEFING_INTERVENTION_STATUTORY_DIRECTION, "2016-01", "2018-01");
    intervention(BRIEFING_INTERVENTION_PARTNERSHIP, "2016-07-04", NULL);
    intervention(BRIEFING_INTERVENTION_IMPROVEMENT_ADVISER, "2016", "2018-01");
    ck_assert_uint_eq(A->interventions_on(&F.c, D("2017-06-01"), out, 8), 4);
    ck_assert_ptr_eq(out[0], &F.iv[0]);
    ck_assert_ptr_eq(out[3], &F.iv[4]);
    ck_assert_uint_eq(A->interventions_on(&F.c, D("2015-12-20"), out, 8), 2);
    ck_assert_uint_eq(A->interventions_on(&F.c, D("2024-06-01"), out, 8), 1);
    ck_assert_ptr_eq(out[0], &F.iv[3]);
    ck_assert_uint_eq(A->interventions_on(&F.c, D("2013-11-30"), out, 8), 0);
    ck_assert_uint_eq(A->interventions_on(&F.c, D("2017-06-01"), out, 1), 4);
    ck_assert_uint_eq(A->interventions_on(NULL, D("2017-06-01"), out, 8), 0);
    ck_assert_str_eq(A->interventions_text(&F.c, D("2015-12-20"), buf, sizeof buf),
                     "Statutory direction since December 2013; commissioner since December 2015");
    F.iv[3].partner = "Barnardo's";
    ck_assert_str_eq(A->interventions_text(&F.c, D("2024-06-01"), buf, sizeof buf),
                     "Partnership with Barnardo's since 4 July 2016");
    ck_assert_str_eq(A->interventions_text(&F.c, D("2013-11-30"), buf, sizeof buf), "");
    ck_assert_int_eq(A->months_between(D("2013-12"), D("2018-01")), 49);
    ck_assert_int_eq(A->months_between(D("2013-12"), D("")), 0);
}
END_TEST

/* ---- metrics ------------------------------------------------------------ */

static void norfolk_metrics(void)
{
    metric("looked_after_children", "2018-01", 1151, NAN, BRIEFING_UNIT_COUNT);
    metric("looked_after_children", "2023-03-31", 1215, 83760, BRIEFING_UNIT_COUNT);
    metric("looked_after_children", "2024-03-31", 1152, 83630, BRIEFING_UNIT_COUNT);
    metric("looked_after_rate", "2020-03-31", 66, 68, BRIEFING_UNIT_RATE_PER_10K);
    metric("looked_after_rate", "2021-03-31", 65, 69, BRIEFING_UNIT_RATE_PER_10K);
    metric("looked_after_rate", "2022-03-31", 65, 70, BRIEFING_UNIT_RATE_PER_10K);
    metric("looked_after_rate", "2023-03-31", 72, 70, BRIEFING_UNIT_RATE_PER_10K);
    metric("looked_after_rate", "2024-03-31", 68, 70, BRIEFING_UNIT_RATE_PER_10K);
    metric("agency_worker_rate", "2021-09-30", 7.3, 15.5, BRIEFING_UNIT_PERCENT);
    metric("agency_worker_rate", "2022-09-30", 7.5, 17.6, BRIEFING_UNIT_PERCENT);
    metric("agency_worker_rate", "2023-09-30", 7.7, 17.9, BRIEFING_UNIT_PERCENT);
    metric("average_caseload", "2022-09-30", 17.2, 16.6, BRIEFING_UNIT_COUNT);
    metric("average_caseload", "2023-09-30", 17.6, 16.0, BRIEFING_UNIT_COUNT);
}

START_TEST(latest_point_and_series)
{
    const briefing_metric *out[8];

    norfolk_metrics();
    ck_assert_ptr_eq(A->latest_metric(&F.c, "looked_after_rate", D("2024-06-01")), &F.met[7]);
    ck_assert_ptr_eq(A->latest_metric(&F.c, "looked_after_rate", D("2023-12-31")), &F.met[6]);
    ck_assert_ptr_null(A->latest_metric(&F.c, "looked_after_rate", D("2019-01-01")));
    ck_assert_ptr_null(A->latest_metric(&F.c, "no_such_metric", D("2024-06-01")));
    ck_assert_uint_eq(A->metric_series(&F.c, "looked_after_children", D("2024-06-01"), out, 8), 3);
    ck_assert_ptr_eq(out[0], &F.met[0]);
    ck_assert_uint_eq(A->metric_series(&F.c, "looked_after_children", D("2023-06-01"), out, 8), 2);
    ck_assert_uint_eq(A->metric_series(&F.c, "looked_after_rate", D("2024-06-01"), out, 2), 5);
}
END_TEST

START_TEST(england_values_that_compare)
{
    norfolk_metrics();
    ck_assert_int_eq(A->england_comparable(&F.met[3]), 1);  /* rate */
    ck_assert_int_eq(A->england_comparable(&F.met[8]), 1);  /* percent */
    ck_assert_int_eq(A->england_comparable(&F.met[0]), 0);  /* no England value */
    ck_assert_int_eq(A->england_comparable(&F.met[1]), 0);  /* national total */
    ck_assert_int_eq(A->england_comparable(&F.met[11]), 1); /* average caseload */
    /* a region's total beside a council's count is no comparison either */
    ck_assert_int_eq(A->comparable(&F.met[1], 7040), 0);
    ck_assert_int_eq(A->comparable(&F.met[1], 1300), 1);
    ck_assert_int_eq(A->comparable(&F.met[3], 51), 1);
    ck_assert_int_eq(A->comparable(&F.met[3], NAN), 0);
}
END_TEST

START_TEST(metric_trends)
{
    briefing_metric_trend t = { .size = sizeof t };

    norfolk_metrics();
    /* last three years of the rate: 65 -> 68 while England stays at 70 */
    ck_assert_int_eq(A->metric_trend(&F.c, "looked_after_rate", D("2024-06-01"), 3, &t), 0);
    ck_assert_uint_eq(t.periods, 3);
    ck_assert_ptr_eq(t.first, &F.met[5]);
    ck_assert_ptr_eq(t.last, &F.met[7]);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_RISING);
    ck_assert_double_eq_tol(t.change, 3, 1e-9);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_NARROWING);
    ck_assert_double_eq_tol(t.gap_first, -5, 1e-9);
    ck_assert_double_eq_tol(t.gap_last, -2, 1e-9);
    ck_assert_ptr_eq(t.gap_from, &F.met[5]);
    ck_assert_ptr_eq(t.gap_to, &F.met[7]);

    /* the agency rate barely moves but England's runs away from it */
    ck_assert_int_eq(A->metric_trend(&F.c, "agency_worker_rate", D("2024-06-01"), 3, &t), 0);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_RISING);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_WIDENING);

    /* counts against a national total: no gap */
    ck_assert_int_eq(A->metric_trend(&F.c, "looked_after_children", D("2024-06-01"), 0, &t), 0);
    ck_assert_uint_eq(t.periods, 3);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_STEADY);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_UNKNOWN);
    ck_assert(isnan(t.gap_first));
    ck_assert_ptr_null(t.gap_from);

    /* one point: nothing to compare */
    ck_assert_int_eq(A->metric_trend(&F.c, "looked_after_rate", D("2020-06-01"), 3, &t), 0);
    ck_assert_uint_eq(t.periods, 1);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_UNKNOWN);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_UNKNOWN);
    ck_assert(isnan(t.change));
    ck_assert_double_eq_tol(t.gap_first, -2, 1e-9);

    /* none */
    ck_assert_int_eq(A->metric_trend(&F.c, "vacancy_rate", D("2024-06-01"), 3, &t), 0);
    ck_assert_uint_eq(t.periods, 0);
    ck_assert_ptr_null(t.first);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_UNKNOWN);
}
END_TEST

START_TEST(steady_and_falling)
{
    briefing_metric_trend t = { .size = sizeof t };

    metric("vacancy_rate", "2021", 20.0, 17.0, BRIEFING_UNIT_PERCENT);
    metric("vacancy_rate", "2022", 20.2, 17.1, BRIEFING_UNIT_PERCENT);
    metric("cp_plan_rate", "2021", 50, 40, BRIEFING_UNIT_RATE_PER_10K);
    metric("cp_plan_rate", "2022", NAN, 40, BRIEFING_UNIT_RATE_PER_10K);
    metric("cp_plan_rate", "2023", 30, 40, BRIEFING_UNIT_RATE_PER_10K);
    ck_assert_int_eq(A->metric_trend(&F.c, "vacancy_rate", D("2024-06-01"), 0, &t), 0);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_STEADY);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_STEADY);
    /* a point without a value is skipped, not read as zero */
    ck_assert_int_eq(A->metric_trend(&F.c, "cp_plan_rate", D("2024-06-01"), 2, &t), 0);
    ck_assert_uint_eq(t.periods, 2);
    ck_assert_int_eq(t.trend, BRIEFING_TREND_FALLING);
    ck_assert_int_eq(t.gap, BRIEFING_GAP_STEADY); /* 10 above, then 10 below */
    ck_assert_ptr_eq(A->latest_metric(&F.c, "cp_plan_rate", D("2022-06-01")), &F.met[2]);
}
END_TEST

/* ---- words -------------------------------------------------------------- */

START_TEST(months_in_words)
{
    char buf[64];

    ck_assert_str_eq(A->format_months(0.2, buf, sizeof buf), "under a month");
    ck_assert_str_eq(A->format_months(1, buf, sizeof buf), "1 month");
    ck_assert_str_eq(A->format_months(7.98, buf, sizeof buf), "8 months");
    ck_assert_str_eq(A->format_months(11.6, buf, sizeof buf), "1 year");
    ck_assert_str_eq(A->format_months(13, buf, sizeof buf), "1 year and 1 month");
    ck_assert_str_eq(A->format_months(48, buf, sizeof buf), "4 years");
    ck_assert_str_eq(A->format_months(NAN, buf, sizeof buf), "");
    ck_assert_str_eq(A->format_months(-3, buf, sizeof buf), "");
    /* lengths at the precision of their dates */
    ck_assert_str_eq(A->format_length(D("2013-07"), D("2015-09"), buf, sizeof buf), "2 years and 2 months");
    ck_assert_str_eq(A->format_length(D("2005"), D("2013-07-18"), buf, sizeof buf), "about 8 years");
    ck_assert_str_eq(A->format_length(D("2015-12"), D("2016"), buf, sizeof buf), "about a year");
    ck_assert_str_eq(A->format_length(D("2016"), D("2016-11"), buf, sizeof buf), "under a year");
    ck_assert_str_eq(A->format_length(D("2016-11"), D("2016-01"), buf, sizeof buf), "");
    ck_assert_str_eq(A->format_length(D(""), D("2016-01"), buf, sizeof buf), "");
}
END_TEST

START_TEST(metric_words)
{
    char buf[64];

    ck_assert_str_eq(A->metric_label("looked_after_rate"), "Children looked after per 10,000 children");
    ck_assert_str_eq(A->metric_label("my_own_measure"), "my_own_measure");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_PERCENT, 7.7, -1, buf, sizeof buf), "7.7%");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_PERCENT, 16.0, -1, buf, sizeof buf), "16%");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_COUNT, 1151, -1, buf, sizeof buf), "1,151");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_RATE_PER_10K, 68, 1, buf, sizeof buf), "68.0");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_GBP, -4000000, -1, buf, sizeof buf), "-\xc2\xa3" "4,000,000");
    ck_assert_str_eq(A->format_value(BRIEFING_UNIT_COUNT, NAN, -1, buf, sizeof buf), "");
}
END_TEST

/* ---- what the data gives, comparisons, neighbours (issue 15) ------------ */

START_TEST(recorded_lists)
{
    cJSON *raw = cJSON_Parse("{\"code\":\"E10000020\",\"interventions\":[],\"leaders\":null}");

    reset();
    ck_assert_ptr_nonnull(raw);
    /* no raw entry, no entries: nobody gave it */
    ck_assert_int_eq(A->recorded(&F.c, "interventions"), 0);
    ck_assert_int_eq(A->recorded(NULL, "interventions"), 0);
    /* an entry is given data, whatever the raw JSON */
    inspection("2023-01-13", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD);
    ck_assert_int_eq(A->recorded(&F.c, "inspections"), 1);
    /* an empty list given: "none" is a fact; a null or missing one is not */
    F.c.raw = (const briefing_json *)raw;
    ck_assert_int_eq(A->recorded(&F.c, "interventions"), 1);
    ck_assert_int_eq(A->recorded(&F.c, "leaders"), 0);
    ck_assert_int_eq(A->recorded(&F.c, "events"), 0);
    ck_assert_int_eq(A->recorded(&F.c, NULL), 0);
    cJSON_Delete(raw);
}
END_TEST

START_TEST(change_names_what_it_compares_with)
{
    char buf[128];
    const briefing_metric *m22, *m23, *m24, *prev;

    reset();
    /* Norfolk's rate: the latest year fell, the two years before rose. */
    m22 = metric("looked_after_rate", "2022-03-31", 65, 70, BRIEFING_UNIT_RATE_PER_10K);
    m23 = metric("looked_after_rate", "2023-03-31", 72, 70, BRIEFING_UNIT_RATE_PER_10K);
    m24 = metric("looked_after_rate", "2024-03-31", 68, 70, BRIEFING_UNIT_RATE_PER_10K);
    metric("looked_after_children", "2023-06-30", 1200, NAN, BRIEFING_UNIT_COUNT);
    prev = A->previous_metric(&F.c, m24, D("2024-06-01"));
    ck_assert_ptr_eq(prev, m23);
    ck_assert_ptr_eq(A->previous_metric(&F.c, m22, D("2024-06-01")), NULL);
    /* the as-of date hides a later point, never an earlier one */
    ck_assert_ptr_eq(A->previous_metric(&F.c, m23, D("2023-04-01")), m22);
    ck_assert_str_eq(A->change_text(m24, prev, -1, buf, sizeof buf),
                     "down from 72 on 31 March 2023, a year earlier");
    ck_assert_str_eq(A->change_text(m24, m22, -1, buf, sizeof buf),
                     "up from 65 on 31 March 2022, two years earlier");
    ck_assert_str_eq(A->change_text(m23, m22, 1, buf, sizeof buf),
                     "up from 65.0 on 31 March 2022, a year earlier");
    ck_assert_str_eq(A->change_text(m24, NULL, -1, buf, sizeof buf), "");
}
END_TEST

START_TEST(change_at_other_distances)
{
    char buf[128];
    const briefing_metric *a, *b, *c, *d, *e;

    reset();
    a = metric("agency_worker_rate", "2018", 4.0, NAN, BRIEFING_UNIT_PERCENT);
    b = metric("agency_worker_rate", "2020-09-30", 2.5, NAN, BRIEFING_UNIT_PERCENT);
    c = metric("agency_worker_rate", "2021-03-30", 2.5, NAN, BRIEFING_UNIT_PERCENT);
    d = metric("agency_worker_rate", "2024-09-30", 2.54, NAN, BRIEFING_UNIT_PERCENT);
    e = metric("agency_worker_rate", "2024-10", 3.0, NAN, BRIEFING_UNIT_PERCENT);
    /* a year-only date: "in", and no distance a year cannot give */
    ck_assert_str_eq(A->change_text(b, a, 1, buf, sizeof buf), "down from 4.0% in 2018");
    ck_assert_str_eq(A->change_text(c, b, 1, buf, sizeof buf),
                     "unchanged from 2.5% on 30 September 2020, 6 months earlier");
    /* equal as printed is unchanged, not "up" */
    ck_assert_str_eq(A->change_text(d, b, 1, buf, sizeof buf),
                     "unchanged from 2.5% on 30 September 2020, four years earlier");
    /* a month-only date against a day: no distance claimed */
    ck_assert_str_eq(A->change_text(e, d, -1, buf, sizeof buf), "up from 2.5% on 30 September 2024");
}
END_TEST

START_TEST(medians)
{
    double odd[] = { 5, 1, 3 }, even[] = { 70, 59, 61, 48 }, one[] = { 7.5 }, bad[] = { 1, NAN };

    ck_assert(A->median(odd, 3) == 3);
    ck_assert(A->median(even, 4) == 60);
    ck_assert(A->median(one, 1) == 7.5);
    ck_assert(A->median(bad, 2) == 1); /* a figure not given is left out */
    ck_assert(isnan(A->median(odd, 0)));
    ck_assert(isnan(A->median(NULL, 3)));
}
END_TEST

/* A dataset of Norfolk and four neighbours, three with figures. */
START_TEST(neighbours_median_of_rates_only)
{
    static const char *const codes[] = { "E1", "E2", "E3", "E4" };
    static const double rates[] = { 59, 61, 70 };
    briefing_council n[4];
    briefing_metric nm[4][2];
    const briefing_metric *nmp[4][2];
    const briefing_council *all[5];
    briefing_dataset ds;
    briefing_neighbour_median r = { .size = sizeof r };
    const briefing_metric *rate, *count;
    size_t k;

    reset();
    rate = metric("looked_after_rate", "2024-03-31", 68, 70, BRIEFING_UNIT_RATE_PER_10K);
    count = metric("looked_after_children", "2024-03-31", 1152, NAN, BRIEFING_UNIT_COUNT);
    memset(n, 0, sizeof n);
    memset(nm, 0, sizeof nm);
    for (k = 0; k < 4; k++) {
        n[k].code = codes[k];
        n[k].metrics = nmp[k];
        if (k == 3)
            continue; /* E4 has no figure */
        /* sorted by name, then period, as the host hands them over */
        nm[k][0] = (briefing_metric){ .name = "looked_after_children", .period = D("2024-03-31"),
                                      .value = 800, .unit = BRIEFING_UNIT_COUNT };
        nm[k][1] = (briefing_metric){ .name = "looked_after_rate", .period = D("2024-03-31"),
                                      .value = rates[k], .unit = BRIEFING_UNIT_RATE_PER_10K };
        nmp[k][0] = &nm[k][0];
        nmp[k][1] = &nm[k][1];
        n[k].n_metrics = 2;
    }
    /* E2's figure is of another year: not the same period */
    nm[1][1].period = D("2023-03-31");
    F.c.statistical_neighbours = codes;
    F.c.n_statistical_neighbours = 4;
    all[0] = &F.c;
    for (k = 0; k < 4; k++)
        all[k + 1] = &n[k];
    memset(&ds, 0, sizeof ds);
    ds.councils = all;
    ds.n_councils = 5;
    ds.as_of = D("2024-06-01");

    /* E1 59 and E3 70: two of four, the median 64.5 */
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, &r), 0);
    ck_assert_uint_eq(r.neighbours, 4);
    ck_assert_uint_eq(r.with_value, 2);
    ck_assert(fabs(r.median - 64.5) < 1e-9);
    /* counts are never compared with neighbours */
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, count, &r), 0);
    ck_assert(isnan(r.median));
    /* fewer than half with a figure: no median */
    nm[2][1].period = D("2023-03-31");
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, &r), 0);
    ck_assert_uint_eq(r.with_value, 1);
    ck_assert(isnan(r.median));
    /* a list of more than 64 is no neighbour model: nothing */
    nm[2][1].period = D("2024-03-31");
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, &r), 0);
    ck_assert(fabs(r.median - 64.5) < 1e-9);
    F.c.n_statistical_neighbours = 65;
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, &r), 0);
    ck_assert(isnan(r.median));
    /* no neighbours: nothing */
    F.c.n_statistical_neighbours = 0;
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, &r), 0);
    ck_assert(isnan(r.median));
    ck_assert_int_eq(A->neighbour_median(&ds, &F.c, rate, NULL), -1);
}
END_TEST

/* The span the pack's timelines share: Norfolk's history starts with its
 * 2005 director, so the axis runs from 1 January 2005 to the as-of month's
 * last day; a council with a short history still gets five years. */
START_TEST(time_axis)
{
    briefing_date from, to;

    norfolk_inspections();
    norfolk_dcs();
    analysis_time_axis(&F.c, D("2024-06"), &from, &to);
    ck_assert(same_date(from, D("2005-01-01")));
    ck_assert(same_date(to, D("2024-06-30")));

    reset();
    inspection("2023-01-13", BRIEFING_INSPECTION_FULL, BRIEFING_JUDGEMENT_GOOD);
    sighting("dcs", "Sara Tough", "2022-03-31");
    analysis_time_axis(&F.c, D("2024-06-01"), &from, &to);
    ck_assert(same_date(from, D("2019-01-01")));
    ck_assert(same_date(to, D("2024-06-01")));

    /* A sighting or an intervention is history as much as a tenure's start. */
    reset();
    sighting("dcs", "Someone", "2001-05");
    intervention(BRIEFING_INTERVENTION_STATUTORY_DIRECTION, "1999-11", NULL);
    analysis_time_axis(&F.c, D("2024"), &from, &to);
    ck_assert(same_date(from, D("1999-01-01")));
    ck_assert(same_date(to, D("2024-12-31")));
}
END_TEST

START_TEST(append_cuts_at_a_character)
{
    char buf[10] = "";
    char small[9] = "";
    char tiny[3] = "";

    A->append(buf, sizeof buf, "%s", "\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3"); /* £££££ */
    ck_assert_str_eq(buf, "\xc2\xa3\xc2\xa3\xc2\xa3\xe2\x80\xa6");
    A->append(small, sizeof small, "%s", "\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3\xc2\xa3");
    ck_assert_str_eq(small, "\xc2\xa3\xc2\xa3\xe2\x80\xa6");
    /* appending to a full buffer keeps one ellipsis */
    A->append(small, sizeof small, "more");
    ck_assert_str_eq(small, "\xc2\xa3\xc2\xa3\xe2\x80\xa6");
    /* too small for the ellipsis: cut clean */
    A->append(tiny, sizeof tiny, "%s", "\xc2\xa3\xc2\xa3");
    ck_assert_str_eq(tiny, "\xc2\xa3");
    /* what fits is appended whole */
    strcpy(buf, "ab");
    ck_assert_str_eq(A->append(buf, sizeof buf, "c%d", 1), "abc1");
    ck_assert_ptr_null(A->append(NULL, 0, "x"));
}
END_TEST

static Suite *analysis_suite(void)
{
    Suite *s = suite_create("analysis");
    TCase *tc = tcase_create("analysis");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, table_is_complete);
    tcase_add_test(tc, rank_puts_adequate_with_requires_improvement);
    tcase_add_test(tc, full_inspection_types);
    tcase_add_test(tc, no_inspections_at_all);
    tcase_add_test(tc, a_single_inspection);
    tcase_add_test(tc, norfolk_story);
    tcase_add_test(tc, as_of_turns_back_the_clock);
    tcase_add_test(tc, visits_do_not_count_as_inspections);
    tcase_add_test(tc, direction_compares_with_a_distinct_inspection);
    tcase_add_test(tc, partial_dates_in_inspections);
    tcase_add_test(tc, history_sentence_lists_three_years);
    tcase_add_test(tc, history_sentence_in_a_small_buffer);
    tcase_add_test(tc, who_was_in_post);
    tcase_add_test(tc, open_tenure_ends_at_a_successor);
    tcase_add_test(tc, sightings_in_post_on);
    tcase_add_test(tc, norfolk_turnover);
    tcase_add_test(tc, turnover_of_nobody);
    tcase_add_test(tc, norfolk_interim_cover);
    tcase_add_test(tc, interim_cover_ongoing_and_overlapping);
    tcase_add_test(tc, result_struct_sizes);
    tcase_add_test(tc, interventions_in_force);
    tcase_add_test(tc, latest_point_and_series);
    tcase_add_test(tc, england_values_that_compare);
    tcase_add_test(tc, metric_trends);
    tcase_add_test(tc, steady_and_falling);
    tcase_add_test(tc, months_in_words);
    tcase_add_test(tc, metric_words);
    tcase_add_test(tc, append_cuts_at_a_character);
    tcase_add_test(tc, time_axis);
    tcase_add_test(tc, recorded_lists);
    tcase_add_test(tc, change_names_what_it_compares_with);
    tcase_add_test(tc, change_at_other_distances);
    tcase_add_test(tc, medians);
    tcase_add_test(tc, neighbours_median_of_rates_only);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(analysis_suite(), CK_FORK);
}

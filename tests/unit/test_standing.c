/*
 * Comparisons as DfE's dashboard draws them (core/analysis_core.c, standing_*,
 * ABI 1.2): the neighbours' median, the council's position among them, the
 * words for which way is better, and children in need per 10,000 worked out
 * from the count and the population of the year before.  A council and its
 * neighbours are built by hand.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis_core.h"
#include "test_util.h"

static const briefing_analysis_api *A;

static briefing_date D(int y, int m, int d)
{
    return (briefing_date){y, m, d};
}

#define N_COUNCILS 12
#define N_METRICS 16

typedef struct place {
    briefing_council c;
    briefing_metric met[N_METRICS];
    const briefing_metric *met_p[N_METRICS];
    char code[16];
} place;

static place P[N_COUNCILS];
static const briefing_council *P_p[N_COUNCILS];
static const char *codes[N_COUNCILS];
static briefing_dataset DS;

static void setup(void)
{
    A = analysis_api();
    memset(P, 0, sizeof P);
    for (int i = 0; i < N_COUNCILS; i++) {
        snprintf(P[i].code, sizeof P[i].code, "E0600%04d", i);
        P[i].c.code = P[i].code;
        P[i].c.name = P[i].code;
        P[i].c.metrics = P[i].met_p;
        P_p[i] = &P[i].c;
        codes[i] = P[i].code;
    }
    /* council 0's neighbours: councils 1 to 10 (11 is in no model) */
    P[0].c.statistical_neighbours = codes + 1;
    P[0].c.n_statistical_neighbours = 10;
    DS = (briefing_dataset){.as_of = D(2025, 6, 1), .councils = P_p, .n_councils = N_COUNCILS};
}

/* Metrics must be added in name, then period order (as the dataset sorts). */
static briefing_metric *add(int who, const char *name, briefing_date period, double v, double england,
                            double region, briefing_unit unit)
{
    place *p = &P[who];
    briefing_metric *m = &p->met[p->c.n_metrics];
    *m = (briefing_metric){.name = name, .period = period, .value = v, .unit = unit,
                           .england = england, .region = region, .comparator = NAN};
    p->met_p[p->c.n_metrics++] = m;
    return m;
}

START_TEST(table_has_the_1_2_functions)
{
    ck_assert_uint_ge(A->size, offsetof(briefing_analysis_api, compare_text) + sizeof A->compare_text);
    ck_assert_ptr_nonnull(A->standing);
    ck_assert_ptr_nonnull(A->standing_series);
}
END_TEST

START_TEST(median_odd_even_and_gaps)
{
    double odd[] = {5, 1, 3};
    double even[] = {4, 1, 3, 2};
    double gaps[] = {NAN, 7, NAN, 1};
    double none[] = {NAN, NAN};
    ck_assert_double_eq(A->median(odd, 3), 3);
    ck_assert_double_eq(A->median(even, 4), 2.5);
    ck_assert_double_eq(A->median(gaps, 4), 4);
    ck_assert(isnan(A->median(none, 2)));
    ck_assert(isnan(A->median(NULL, 0)));
}
END_TEST

START_TEST(position_in_words)
{
    char b[64];
    ck_assert_str_eq(A->position_text(4, 11, b, sizeof b), "4th lowest of 11");
    ck_assert_str_eq(A->position_text(1, 11, b, sizeof b), "lowest of 11");
    ck_assert_str_eq(A->position_text(11, 11, b, sizeof b), "highest of 11");
    ck_assert_str_eq(A->position_text(10, 11, b, sizeof b), "2nd highest of 11");
    ck_assert_str_eq(A->position_text(6, 11, b, sizeof b), "6th lowest of 11");
    ck_assert_str_eq(A->position_text(3, 11, b, sizeof b), "3rd lowest of 11");
    ck_assert_str_eq(A->position_text(0, 11, b, sizeof b), "");
    ck_assert_str_eq(A->position_text(12, 11, b, sizeof b), "");
}
END_TEST

START_TEST(better_only_where_not_in_dispute)
{
    char b[64];
    ck_assert_int_eq(A->better("rereferral_percent"), BRIEFING_BETTER_LOWER);
    ck_assert_int_eq(A->better("cp_plan_two_years_percent"), BRIEFING_BETTER_LOWER);
    ck_assert_int_eq(A->better("agency_worker_rate"), BRIEFING_BETTER_LOWER);
    ck_assert_int_eq(A->better("same_carer_two_years_percent"), BRIEFING_BETTER_HIGHER);
    ck_assert_int_eq(A->better("care_leavers_eet_percent"), BRIEFING_BETTER_HIGHER);
    ck_assert_int_eq(A->better("children_in_need_rate"), BRIEFING_BETTER_UNSAID);
    ck_assert_int_eq(A->better("looked_after_rate"), BRIEFING_BETTER_UNSAID);
    ck_assert_int_eq(A->better("average_caseload"), BRIEFING_BETTER_UNSAID);
    ck_assert_str_eq(A->compare_text("rereferral_percent", 25, 22.6, b, sizeof b), "higher (worse)");
    ck_assert_str_eq(A->compare_text("care_leavers_eet_percent", 57, 52, b, sizeof b), "higher (better)");
    ck_assert_str_eq(A->compare_text("same_carer_two_years_percent", 60, 69, b, sizeof b), "lower (worse)");
    ck_assert_str_eq(A->compare_text("children_in_need_rate", 250, 332.4, b, sizeof b), "lower");
    ck_assert_str_eq(A->compare_text("rereferral_percent", 22.6, 22.6, b, sizeof b), "the same");
    ck_assert_str_eq(A->compare_text("rereferral_percent", NAN, 22.6, b, sizeof b), "");
}
END_TEST

/* Re-referrals: council 0 at 20, its neighbours 10..28 (one suppressed). */
START_TEST(standing_against_neighbours)
{
    briefing_standing s = {.size = sizeof s};
    char b[64];
    add(0, "rereferral_percent", D(2024, 3, 31), 30, 22, 21, BRIEFING_UNIT_PERCENT);
    add(0, "rereferral_percent", D(2025, 3, 31), 20, 22.6, 20.7, BRIEFING_UNIT_PERCENT);
    double nv[] = {10, 12, 14, 16, 18, 22, 24, 26, 28, NAN};
    for (int i = 0; i < 10; i++)
        if (!isnan(nv[i]))
            add(i + 1, "rereferral_percent", D(2025, 3, 31), nv[i], 22.6, 20, BRIEFING_UNIT_PERCENT);
    add(11, "rereferral_percent", D(2025, 3, 31), 1, 22.6, 20, BRIEFING_UNIT_PERCENT); /* no neighbour */
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "rereferral_percent", D(2025, 6, 1), &s), 0);
    ck_assert_int_eq(s.period.year, 2025);
    ck_assert_double_eq(s.value, 20);
    ck_assert_double_eq(s.england, 22.6);
    ck_assert_double_eq(s.region, 20.7);
    ck_assert_uint_eq(s.neighbours, 10);
    ck_assert_uint_eq(s.with_value, 9);
    ck_assert_double_eq(s.median, 18); /* of the nine published */
    ck_assert_uint_eq(s.ranked, 10);
    ck_assert_uint_eq(s.position, 6);
    ck_assert_str_eq(A->position_text(s.position, s.ranked, b, sizeof b), "5th highest of 10");
    /* as of 2024, the 2024 point, and no neighbour has one: no median */
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "rereferral_percent", D(2024, 6, 1), &s), 0);
    ck_assert_double_eq(s.value, 30);
    ck_assert(isnan(s.median));
    ck_assert_uint_eq(s.position, 1);
    ck_assert_uint_eq(s.ranked, 1);
    /* nothing recorded */
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "care_leavers_eet_percent", D(2025, 6, 1), &s), 0);
    ck_assert(isnan(s.value));
    ck_assert_ptr_null(s.metric);
    ck_assert_uint_eq(s.position, 0);
}
END_TEST

/* Children in need per 10,000 at 31 March 2025 divide by mid-2024. */
START_TEST(rate_from_the_population_of_the_year_before)
{
    briefing_standing s = {.size = sizeof s};
    double v[8];
    briefing_date per[8];
    ck_assert_double_eq_tol(A->rate_per_10k(4643, 171830), 270.2, 0.05);
    ck_assert(isnan(A->rate_per_10k(4643, 0)));
    ck_assert(isnan(A->rate_per_10k(NAN, 100)));
    add(0, "child_population", D(2023, 6, 30), 170640, 12000000, 1300000, BRIEFING_UNIT_COUNT);
    add(0, "child_population", D(2024, 6, 30), 171830, 12183016, 1320000, BRIEFING_UNIT_COUNT);
    add(0, "child_population", D(2025, 6, 30), 1, 1, 1, BRIEFING_UNIT_COUNT); /* a later year: never used */
    add(0, "children_in_need", D(2023, 3, 31), 4852, 403090, 36000, BRIEFING_UNIT_COUNT); /* no mid-2022 */
    add(0, "children_in_need", D(2024, 3, 31), 4769, 399500, 36500, BRIEFING_UNIT_COUNT);
    add(0, "children_in_need", D(2025, 3, 31), 4643, 402400, 37000, BRIEFING_UNIT_COUNT);
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "children_in_need_rate", D(2025, 6, 1), &s), 0);
    ck_assert_int_eq(s.unit, BRIEFING_UNIT_RATE_PER_10K);
    ck_assert_double_eq_tol(s.value, 4643.0 / 171830 * 10000, 1e-9);
    ck_assert_double_eq_tol(s.england, 402400.0 / 12183016 * 10000, 1e-9);
    ck_assert_double_eq_tol(s.region, 37000.0 / 1320000 * 10000, 1e-9);
    ck_assert_ptr_eq(s.metric, &P[0].met[5]);
    ck_assert_ptr_eq(s.population, &P[0].met[1]);
    /* the series: 2024 and 2025 only (2023 has no population of mid-2022) */
    ck_assert_uint_eq(A->standing_series(&P[0].c, "children_in_need_rate", D(2025, 6, 1), v, per, 8), 2);
    ck_assert_int_eq(per[0].year, 2024);
    ck_assert_double_eq_tol(v[0], 4769.0 / 170640 * 10000, 1e-9);
    ck_assert_uint_eq(A->standing_series(&P[0].c, "children_in_need_rate", D(2025, 6, 1), v, per, 1), 1);
    ck_assert_int_eq(per[0].year, 2025);
}
END_TEST

START_TEST(no_population_no_rate)
{
    briefing_standing s = {.size = sizeof s};
    add(0, "children_in_need", D(2025, 3, 31), 4643, 402400, 37000, BRIEFING_UNIT_COUNT);
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "children_in_need_rate", D(2025, 6, 1), &s), 0);
    ck_assert(isnan(s.value));
    ck_assert_ptr_eq(s.metric, &P[0].met[0]); /* the count is there: the pack says why no rate */
    ck_assert_ptr_null(s.population);
    ck_assert_uint_eq(A->standing_series(&P[0].c, "children_in_need_rate", D(2025, 6, 1), NULL, NULL, 8), 0);
}
END_TEST

START_TEST(a_rate_given_is_used_as_given)
{
    briefing_standing s = {.size = sizeof s};
    add(0, "children_in_need", D(2025, 3, 31), 4643, 402400, 37000, BRIEFING_UNIT_COUNT);
    add(0, "children_in_need_rate", D(2025, 3, 31), 271.0, 332.4, NAN, BRIEFING_UNIT_RATE_PER_10K);
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "children_in_need_rate", D(2025, 6, 1), &s), 0);
    ck_assert_double_eq(s.value, 271.0);
    ck_assert_ptr_null(s.population);
}
END_TEST

START_TEST(old_struct_sizes)
{
    briefing_standing s = {.size = offsetof(briefing_standing, position)};
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "x", D(2025, 6, 1), NULL), -1);
    ck_assert_int_eq(A->standing(&DS, &P[0].c, "x", D(2025, 6, 1), &s), -1);
}
END_TEST

static Suite *standing_suite(void)
{
    Suite *s = suite_create("standing");
    TCase *tc = tcase_create("standing");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, table_has_the_1_2_functions);
    tcase_add_test(tc, median_odd_even_and_gaps);
    tcase_add_test(tc, position_in_words);
    tcase_add_test(tc, better_only_where_not_in_dispute);
    tcase_add_test(tc, standing_against_neighbours);
    tcase_add_test(tc, rate_from_the_population_of_the_year_before);
    tcase_add_test(tc, no_population_no_rate);
    tcase_add_test(tc, a_rate_given_is_used_as_given);
    tcase_add_test(tc, old_struct_sizes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return test_run(standing_suite(), CK_FORK);
}

/*
 * The register of councils: every spelling the official files use leads to
 * one council, and nothing is guessed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <briefing/plugin.h>

#include "councils_register.h"
#include "csv_reader.h"
#include "test_util.h"

/* The code `text` resolves to, or "" when it does not resolve to exactly
 * one council. */
static const char *code_of(const char *text)
{
    const briefing_council_info *c[4];
    size_t n = councils_resolve(text, c, 4);
    return n == 1 ? c[0]->code : "";
}

START_TEST(every_entry_resolves_to_itself)
{
    ck_assert_uint_eq(councils_count(), 158); /* 153 councils and 5 former ones */
    ck_assert_ptr_null(councils_at(councils_count()));
    for (size_t i = 0; i < councils_count(); i++) {
        const briefing_council_info *c = councils_at(i);
        ck_assert_str_eq(code_of(c->code), c->code);
        ck_assert_str_eq(code_of(c->la_number), c->code);
        ck_assert_str_eq(code_of(c->name), c->code);
        for (size_t v = 0; v < c->n_variants; v++)
            ck_assert_msg(strcmp(code_of(c->variants[v]), c->code) == 0, "%s: variant %s", c->name,
                          c->variants[v]);
        for (size_t v = 0; v < c->n_former_codes; v++)
            ck_assert_str_eq(code_of(c->former_codes[v]), c->code);
        ck_assert_ptr_nonnull(c->region);
        ck_assert(strcmp(c->kind, "county") == 0 || strcmp(c->kind, "metropolitan") == 0 ||
                  strcmp(c->kind, "unitary") == 0 || strcmp(c->kind, "london_borough") == 0);
        ck_assert_int_eq(c->former, c->n_successors > 0);
        if (i > 0)
            ck_assert_msg(strcmp(councils_at(i - 1)->name, c->name) <= 0 ||
                              strcasecmp(councils_at(i - 1)->name, c->name) <= 0,
                          "not in order of name at %s", c->name);
    }
}
END_TEST

START_TEST(indexes_are_sorted)
{
    for (size_t i = 1; i < councils_name_index_len; i++)
        ck_assert_int_le(strcmp(councils_name_index[i - 1].key, councils_name_index[i].key), 0);
    for (size_t i = 1; i < councils_code_index_len; i++)
        ck_assert_int_lt(strcmp(councils_code_index[i - 1].key, councils_code_index[i].key), 0);
    for (size_t i = 1; i < councils_la_index_len; i++)
        ck_assert_int_lt(strcmp(councils_la_index[i - 1].key, councils_la_index[i].key), 0);
}
END_TEST

START_TEST(spellings_from_the_readme)
{
    static const char *const PAIRS[][2] = {
        {"Bristol", "Bristol, City of"},
        {"Durham", "County Durham"},
        {"Herefordshire", "Herefordshire, County of"},
        {"Kingston upon Hull", "Kingston Upon Hull, City of"},
        {"Bedford Borough", "Bedford"},
        {"Richmond Upon Thames", "Richmond upon Thames"},
        {"Hammersmith & Fulham", "Hammersmith and Fulham"},
        {"St. Helens", "St Helens"},
        {"Telford & Wrekin", "telford  and\nwrekin"},
        {"Bournemouth, Christchurch & Poole", "Bournemouth, Christchurch and Poole"},
        {"Southend-on-Sea", "Southend on Sea"},
    };
    for (size_t i = 0; i < sizeof PAIRS / sizeof PAIRS[0]; i++) {
        const char *a = code_of(PAIRS[i][0]);
        ck_assert_msg(*a, "%s does not resolve", PAIRS[i][0]);
        ck_assert_msg(strcmp(a, code_of(PAIRS[i][1])) == 0, "%s / %s", PAIRS[i][0], PAIRS[i][1]);
    }
    ck_assert_str_eq(code_of("Bristol"), "E06000023");
}
END_TEST

START_TEST(codes_numbers_and_council_words)
{
    ck_assert_str_eq(code_of("Norfolk"), "E10000020");
    ck_assert_str_eq(code_of("NORFOLK"), "E10000020");
    ck_assert_str_eq(code_of(" e10000020 "), "E10000020");
    ck_assert_str_eq(code_of("926"), "E10000020");
    ck_assert_str_eq(code_of("Norfolk County Council"), "E10000020");
    ck_assert_str_eq(code_of("Dudley Metropolitan Borough Council"), "E08000027");
    ck_assert_str_eq(code_of("London Borough of Barnet"), "E09000003");
    ck_assert_str_eq(code_of("Royal Borough of Greenwich"), "E09000011");
    ck_assert_str_eq(code_of("Leeds City Council"), "E08000035");
    const briefing_council_info *c = NULL;
    ck_assert_uint_eq(councils_resolve("926", &c, 1), 1);
    ck_assert_str_eq(c->la_number, "926");
    ck_assert_str_eq(c->region, "East of England");
    ck_assert_str_eq(c->kind, "county");
    ck_assert_int_eq(c->former, 0);
}
END_TEST

START_TEST(unknown_is_not_guessed)
{
    const briefing_council_info *c[2];
    ck_assert_uint_eq(councils_resolve("Atlantis", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("   ", c, 2), 0);
    ck_assert_uint_eq(councils_resolve(NULL, c, 2), 0);
    ck_assert_uint_eq(councils_resolve("Council", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("London", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("Northampton", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("E99999999", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("999", c, 2), 0);
    ck_assert_uint_eq(councils_resolve("North Northamptonshire / West Northamptonshire", c, 2), 0);
    char big[4096];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert_uint_eq(councils_resolve(big, c, 2), 0);
}
END_TEST

/* Each answer is remembered (a source names one council row after row):
 * asking again, with a smaller limit, or after other texts have taken the
 * remembered slots, gives the same councils in the same order. */
START_TEST(answers_stay_the_same_when_asked_again)
{
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < councils_count(); i++) {
            const briefing_council_info *c = councils_at(i);
            const char *texts[] = {c->code, c->la_number, c->name, "Atlantis", NULL};
            for (int t = 0; texts[t]; t++) {
                const briefing_council_info *a[8], *b[1], *x[8];
                size_t n = councils_resolve(texts[t], a, 8);
                ck_assert_uint_eq(councils_resolve(texts[t], b, 1), n);
                ck_assert_uint_eq(councils_resolve(texts[t], x, 8), n);
                if (n > 0)
                    ck_assert_ptr_eq(b[0], a[0]);
                for (size_t k = 0; k < n && k < 8; k++)
                    ck_assert_ptr_eq(x[k], a[k]);
            }
        }
    }
    const briefing_council_info *c = NULL;
    ck_assert_uint_eq(councils_resolve("926", &c, 1), 1);
    ck_assert_str_eq(c->code, "E10000020");
    ck_assert_uint_eq(councils_resolve("Atlantis", &c, 1), 0);
}
END_TEST

START_TEST(recoded_councils_keep_one_entry)
{
    ck_assert_str_eq(code_of("E08000016"), "E08000038"); /* Barnsley */
    ck_assert_str_eq(code_of("E08000019"), "E08000039"); /* Sheffield */
    ck_assert_str_eq(code_of("E10000023"), "E06000065"); /* North Yorkshire */
    ck_assert_str_eq(code_of("E10000027"), "E06000066"); /* Somerset */
    ck_assert_str_eq(code_of("E10000002"), "E06000060"); /* Buckinghamshire */
    ck_assert_str_eq(councils_by_code("E06000065")->kind, "unitary");
}
END_TEST

/* What a data file's older code is filed under: only a code the register
 * lists as former gives an answer; a current code, a name, a DfE number or
 * an unknown text gives none (so nothing in a file is rewritten on a guess). */
START_TEST(current_code_of_a_former_code)
{
    ck_assert_str_eq(councils_current_code("E08000016"), "E08000038"); /* Barnsley */
    ck_assert_str_eq(councils_current_code("e10000023"), "E06000065"); /* North Yorkshire */
    ck_assert_ptr_null(councils_current_code("E08000038"));
    ck_assert_ptr_null(councils_current_code("Barnsley"));
    ck_assert_ptr_null(councils_current_code("370")); /* Barnsley's DfE number */
    ck_assert_ptr_null(councils_current_code("E10000021")); /* Northamptonshire: former, not recoded */
    ck_assert_ptr_null(councils_current_code("E99999999"));
    ck_assert_ptr_null(councils_current_code(""));
}
END_TEST

START_TEST(former_councils_and_successors)
{
    const briefing_council_info *s[4];
    const briefing_council_info *n = councils_by_code("E10000021");
    ck_assert_ptr_nonnull(n);
    ck_assert_str_eq(n->name, "Northamptonshire");
    ck_assert_int_eq(n->former, 1);
    ck_assert_str_eq(n->abolished, "2021-04-01");
    ck_assert_uint_eq(councils_successors(n, s, 4), 2);
    ck_assert_str_eq(s[0]->code, "E06000061");
    ck_assert_str_eq(s[1]->code, "E06000062");
    ck_assert_str_eq(code_of("928"), "E10000021");
    ck_assert_str_eq(code_of("Cumbria"), "E10000006");
    ck_assert_uint_eq(councils_successors(councils_by_code("E10000006"), s, 1), 2); /* counts past max */
    ck_assert_str_eq(s[0]->code, "E06000063");
    ck_assert_str_eq(code_of("Dorset"), "E06000059");
    ck_assert_str_eq(code_of("Dorset Council"), "E06000059");
    ck_assert_str_eq(code_of("Dorset County Council"), "E10000009");
    ck_assert_str_eq(code_of("835"), "E10000009");
    ck_assert_str_eq(code_of("Bournemouth"), "E06000028");
    ck_assert_str_eq(code_of("Poole"), "E06000029");
    ck_assert_uint_eq(councils_successors(councils_by_code("E06000029"), s, 4), 1);
    ck_assert_str_eq(s[0]->code, "E06000058");
    ck_assert_uint_eq(councils_successors(councils_by_code("E10000020"), s, 4), 0);
}
END_TEST

/* Every council named in the official files, by name, code or number. The
 * files are the repository's own: examples/official/ ships them as
 * published, and tests/data/official/ holds the one it does not ship (the
 * former councils' table). */
static void resolve_column(const char *file, const char *const *cols)
{
    const char *src = getenv("BRIEFING_SOURCE_DIR");
    const char *dir = strstr(file, "former") ? "tests/data/official" : "examples/official";
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/%s", src ? src : ".", dir, file);
    csv_reader *r = NULL;
    diag d;
    diag_clear(&d);
    ck_assert_msg(csv_open_file(path, &r, &d) == BRIEFING_OK, "%s", d.text);
    int col = csv_column(r, cols);
    static const char *const LEVEL[] = {"geographic_level", NULL};
    int level = csv_column(r, LEVEL);
    ck_assert_int_ge(col, 0);
    int rc;
    while ((rc = csv_next(r, &d)) == 1) {
        const char *v = csv_field(r, col);
        if (level >= 0 && strcmp(csv_field(r, level), "Local authority") != 0)
            continue;
        if (strstr(v, " / ")) /* a combined return for two councils */
            continue;
        ck_assert_msg(*code_of(v), "%s:%zu: %s does not resolve", file, csv_line(r), v);
    }
    ck_assert_int_eq(rc, 0);
    csv_close(r);
}

/* ---- a -c the data does not answer -------------------------------------- */

/* A dataset view of the councils given: code, DfE number, name. */
static briefing_council view_c[4];
static const briefing_council *view_p[4];
static briefing_dataset view;

static const briefing_dataset *data_of(size_t n, const char *const (*rows)[3])
{
    memset(&view, 0, sizeof view);
    memset(view_c, 0, sizeof view_c);
    for (size_t i = 0; i < n; i++) {
        view_c[i].code = rows[i][0];
        view_c[i].la_number = rows[i][1];
        view_c[i].name = rows[i][2];
        view_p[i] = &view_c[i];
    }
    view.councils = view_p;
    view.n_councils = n;
    return &view;
}

static const char *const norfolk_dudley[][3] = {
    {"E10000020", "926", "Norfolk"}, {"E08000027", "332", "Dudley"},
};

START_TEST(distance_between_names)
{
    ck_assert_uint_eq(councils_distance("Norfolk", "Norfolk"), 0);
    ck_assert_uint_eq(councils_distance("norfolk", "NORFOLK"), 0);
    ck_assert_uint_eq(councils_distance("Norfok", "Norfolk"), 1);
    ck_assert_uint_eq(councils_distance("Nrofolk", "Norfolk"), 2);
    ck_assert_uint_eq(councils_distance("", "Dudley"), 6);
    ck_assert_uint_eq(councils_distance("Dudley", "Norfolk"), 7);
    /* 63 bytes: never a near miss, and no row beyond the buffer */
    ck_assert_uint_eq(councils_distance("Norfolk", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 99);
}
END_TEST

START_TEST(matches_code_number_or_name)
{
    const briefing_council *c = data_of(2, norfolk_dudley)->councils[0];

    ck_assert(councils_matches(c, "e10000020"));
    ck_assert(councils_matches(c, "926"));
    ck_assert(councils_matches(c, "NORFOLK"));
    ck_assert(!councils_matches(c, "Norfolk County Council")); /* the register's job */
    view_c[0].la_number = NULL;
    view_c[0].name = NULL;
    ck_assert(!councils_matches(c, "926"));
    ck_assert(councils_matches(c, "E10000020"));
}
END_TEST

START_TEST(did_you_mean)
{
    const briefing_dataset *ds = data_of(2, norfolk_dudley);
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(councils_not_in_data("Norfok", ds, &d), BRIEFING_ERR_USAGE);
    ck_assert_str_eq(d.text, "-c Norfok: no such council in the data; did you mean Norfolk "
                             "(E10000020)?");
    /* Two slips in a six-letter name is another name, not a slip. */
    diag_clear(&d);
    councils_not_in_data("Dadlee", ds, &d);
    ck_assert_str_eq(d.text, "-c Dadlee: no such council in the data (it holds 2, e.g. "
                             "E10000020 Norfolk)");
    /* A council of the register that the data does not hold is named. */
    diag_clear(&d);
    councils_not_in_data("Barnsley", ds, &d);
    ck_assert_str_eq(d.text, "-c Barnsley: Barnsley (E08000038) is a council, but the data "
                             "holds nothing about it (it holds 2 councils, e.g. E10000020 Norfolk)");
    diag_clear(&d);
    councils_not_in_data("E08000016", data_of(1, norfolk_dudley), &d);
    ck_assert_str_eq(d.text, "-c E08000016: Barnsley (E08000038) is a council, but the data "
                             "holds nothing about it (it holds 1 council: E10000020 Norfolk)");
}
END_TEST

START_TEST(ambiguous_lists_each_council)
{
    static const char *const twins[][3] = {
        {"E10000020", "926", "Norfolk"}, {"E99000001", "926", NULL}, {"E08000027", "332", "Dudley"},
    };
    const briefing_dataset *ds = data_of(3, twins);
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(councils_ambiguous("926", ds, &d), BRIEFING_ERR_USAGE);
    ck_assert_str_eq(d.text, "-c \"926\" matches 2 councils of the data: Norfolk (GSS code "
                             "E10000020, DfE number 926); unnamed (GSS code E99000001, DfE "
                             "number 926); name one by its GSS code");
}
END_TEST

START_TEST(official_files_resolve)
{
    static const char *const NAME[] = {"Local authority name", "la_name", NULL};
    static const char *const CODE[] = {"Local authority area code", "new_la_code", NULL};
    static const char *const LA[] = {"old_la_code", NULL};
    resolve_column("ofsted_la_inspections_2009_2023_current_las.csv", NAME);
    resolve_column("ofsted_la_inspections_2009_2023_former_las.csv", NAME);
    resolve_column("ofsted_la_inspection_outcomes_at_31_march_2025.csv", NAME);
    resolve_column("ofsted_la_inspection_outcomes_at_31_march_2025.csv", CODE);
    resolve_column("ofsted_ilacs_inspection_history_2018_2025.csv", NAME);
    resolve_column("dfe_cla_number_and_rate_per_10k_children_2020_2024.csv", NAME);
    resolve_column("dfe_cla_number_and_rate_per_10k_children_2020_2024.csv", CODE);
    resolve_column("dfe_csww_workforce_indicators_2017_2025.csv", CODE);
    resolve_column("dfe_csww_workforce_indicators_2017_2025.csv", LA);
    resolve_column("dfe_statistical_neighbours_2025.csv", LA);
    resolve_column("dfe_statistical_neighbours_2025.csv", NAME);
}
END_TEST

START_TEST(api_table)
{
    const briefing_councils_api *api = councils_api();
    ck_assert_uint_eq(api->size, sizeof *api);
    const briefing_council_info *c = NULL;
    ck_assert_uint_eq(api->resolve("Dudley", &c, 1), 1);
    ck_assert_str_eq(c->code, "E08000027");
    ck_assert_ptr_eq(api->at(0), councils_at(0));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("councils");
    TCase *tc = tcase_create("register");
    tcase_add_test(tc, every_entry_resolves_to_itself);
    tcase_add_test(tc, indexes_are_sorted);
    tcase_add_test(tc, spellings_from_the_readme);
    tcase_add_test(tc, codes_numbers_and_council_words);
    tcase_add_test(tc, unknown_is_not_guessed);
    tcase_add_test(tc, answers_stay_the_same_when_asked_again);
    tcase_add_test(tc, recoded_councils_keep_one_entry);
    tcase_add_test(tc, current_code_of_a_former_code);
    tcase_add_test(tc, former_councils_and_successors);
    tcase_add_test(tc, official_files_resolve);
    tcase_add_test(tc, api_table);
    tcase_add_test(tc, distance_between_names);
    tcase_add_test(tc, matches_code_number_or_name);
    tcase_add_test(tc, did_you_mean);
    tcase_add_test(tc, ambiguous_lists_each_council);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

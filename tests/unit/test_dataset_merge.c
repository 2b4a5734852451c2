/* Merging the datasets of several sources: which entries are the same
 * thing, which value wins, and the warning that names both files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "test_dataset.h"
#include "test_util.h"

static char warnings[16384];
static int n_warnings;

static void collect(void *arg, const char *message)
{
    size_t len = strlen(warnings);

    (void)arg;
    snprintf(warnings + len, sizeof warnings - len, "%s\n", message);
    n_warnings++;
}

/* Validates and merges the given files (test JSON with ' for ") in order,
 * named a.json, b.json, ...; returns the built dataset.  Warnings land in
 * `warnings`. */
static dataset *merge_n(int n, const char *const *jsons)
{
    cJSON *into = dataset_new_document();
    dataset *ds;
    diag d;

    warnings[0] = '\0';
    n_warnings = 0;
    diag_clear(&d);
    for (int i = 0; i < n; i++) {
        char name[16];
        cJSON *from = doc_of(jsons[i]);

        snprintf(name, sizeof name, "%c.json", 'a' + i);
        ck_assert_msg(dataset_validate(from, name, &d) == BRIEFING_OK, "%s", d.text);
        ck_assert_int_eq(dataset_merge(into, from, name, collect, NULL, &d), BRIEFING_OK);
        cJSON_Delete(from);
    }
    ds = dataset_build(into, (briefing_date){ 0, 0, 0 }, &d);
    ck_assert_ptr_nonnull(ds);
    /* What valid files merge into is valid too (`briefing convert` writes
     * it out as a data file). */
    ck_assert_msg(dataset_validate(dataset_document(ds), "merged", &d) == BRIEFING_OK, "%s",
                  d.text);
    return ds;
}

static dataset *merge2(const char *a, const char *b)
{
    const char *jsons[] = { a, b };
    return merge_n(2, jsons);
}

/* The merged member `name` of the first council, printed as JSON (with '
 * for ") for comparing with what a test expects. */
static char printed[65536];

static const char *council_member(const dataset *ds, const char *name)
{
    const cJSON *councils = cJSON_GetObjectItem(dataset_document(ds), "councils");
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItem(cJSON_GetArrayItem(councils, 0), name));

    ck_assert_ptr_nonnull(text);
    snprintf(printed, sizeof printed, "%s", text);
    free(text);
    for (char *p = printed; *p; p++)
        if (*p == '"')
            *p = '\'';
    return printed;
}

/* ---- councils ----------------------------------------------------------- */

START_TEST(councils_matched_by_code)
{
    dataset *ds = merge2(DOC(COUNCIL(",'inspections':[{'date':'2018'}]")),
                         DOC(COUNCIL(",'events':[{'date':'2019','headline':'H'}]")
                             ",{'code':'E2','name':'B'}"));
    const briefing_dataset *v = dataset_view(ds);

    ck_assert_int_eq(v->n_councils, 2);
    ck_assert_str_eq(v->councils[0]->code, "E1");
    ck_assert_int_eq(v->councils[0]->n_inspections, 1);
    ck_assert_int_eq(v->councils[0]->n_events, 1);
    ck_assert_str_eq(v->councils[1]->code, "E2");
    ck_assert_int_eq(n_warnings, 0);
    dataset_free(ds);
}
END_TEST

/* dataset_canonical_codes (dataset_core.c), which the session runs on each
 * file before merging it: Barnsley under its 2023 code in one file and its
 * former code in another (with a neighbour under a former code) is one
 * council, and every code is the current one. */
START_TEST(older_codes_merge_with_current_ones)
{
    cJSON *docs[2];
    cJSON *into = dataset_new_document();
    const briefing_dataset *v;
    dataset *ds;
    diag d;

    diag_clear(&d);
    docs[0] = doc_of(DOC("{'code':'E08000038','name':'Barnsley','inspections':[{'date':'2018'}]}"));
    docs[1] = doc_of(DOC("{'code':'E08000016','name':'Barnsley',"
                         "'comparators':{'statistical_neighbours':['E08000019','E08000017']},"
                         "'events':[{'date':'2019','headline':'H'}]}"));
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(dataset_validate(docs[i], "f.json", &d), BRIEFING_OK);
        ck_assert_int_eq(dataset_canonical_codes(docs[i], &d), BRIEFING_OK);
        ck_assert_int_eq(dataset_merge(into, docs[i], "f.json", collect, NULL, &d), BRIEFING_OK);
        cJSON_Delete(docs[i]);
    }
    ds = dataset_build(into, (briefing_date){ 0, 0, 0 }, &d);
    ck_assert_ptr_nonnull(ds);
    v = dataset_view(ds);
    ck_assert_int_eq(v->n_councils, 1);
    ck_assert_str_eq(v->councils[0]->code, "E08000038");
    ck_assert_int_eq(v->councils[0]->n_inspections, 1);
    ck_assert_int_eq(v->councils[0]->n_events, 1);
    ck_assert_int_eq(v->councils[0]->n_statistical_neighbours, 2);
    ck_assert_str_eq(v->councils[0]->statistical_neighbours[0], "E08000039"); /* Sheffield */
    ck_assert_str_eq(v->councils[0]->statistical_neighbours[1], "E08000017"); /* Doncaster */
    dataset_free(ds);
}
END_TEST

START_TEST(council_fields_filled_and_conflicting)
{
    dataset *ds = merge2(DOC("{'code':'E1','name':'Bristol','kind':'unitary'}"),
                         DOC("{'code':'E1','name':'Bristol, City of','region':'South West',"
                             "'kind':'unitary'}"));
    const briefing_council *c = dataset_view(ds)->councils[0];

    ck_assert_str_eq(c->name, "Bristol, City of");
    ck_assert_str_eq(c->region, "South West");
    ck_assert_int_eq(n_warnings, 1);
    ck_assert_str_eq(warnings, "b.json: councils[E1].name: \"Bristol, City of\" differs from "
                               "\"Bristol\" in a.json; using \"Bristol, City of\"\n");
    dataset_free(ds);
}
END_TEST

START_TEST(comparators_union_in_order)
{
    dataset *ds = merge2(DOC(COUNCIL(",'comparators':{'statistical_neighbours':['E2','E3']}")),
                         DOC(COUNCIL(",'comparators':{'statistical_neighbours':['E4','E2'],"
                                     "'cipfa':['E9']}")));
    const briefing_council *c = dataset_view(ds)->councils[0];

    ck_assert_int_eq(c->n_statistical_neighbours, 3);
    ck_assert_str_eq(c->statistical_neighbours[0], "E2");
    ck_assert_str_eq(c->statistical_neighbours[1], "E3");
    ck_assert_str_eq(c->statistical_neighbours[2], "E4");
    ck_assert_str_eq(council_member(ds, "comparators"),
                     "{'statistical_neighbours':['E2','E3','E4'],'cipfa':['E9']}");
    ck_assert_int_eq(n_warnings, 0);
    dataset_free(ds);
}
END_TEST

START_TEST(comparators_taken_when_absent)
{
    dataset *ds = merge2(DOC(COUNCIL("")),
                         DOC(COUNCIL(",'comparators':{'statistical_neighbours':['E4']}")));

    ck_assert_int_eq(dataset_view(ds)->councils[0]->n_statistical_neighbours, 1);
    dataset_free(ds);
}
END_TEST

/* ---- list keys ------------------------------------------------------------ */

/* Merges two one-council files whose council has the list members given,
 * and returns the merged list printed. */
static dataset *last;

static const char *merged_list(const char *name, const char *a, const char *b)
{
    char ja[4096], jb[4096];

    snprintf(ja, sizeof ja, DOC("{'code':'E1','name':'A','%s':[%s]}"), name, a);
    snprintf(jb, sizeof jb, DOC("{'code':'E1','name':'A','%s':[%s]}"), name, b);
    dataset_free(last);
    last = merge2(ja, jb);
    return council_member(last, name);
}

static void teardown(void)
{
    dataset_free(last);
    last = NULL;
}

START_TEST(inspection_same_date_and_type)
{
    ck_assert_str_eq(
        merged_list("inspections", "{'date':'2018-01-19','type':'full','judgement':'good'}",
                    "{'date':'2018-01-19','type':'full','summary':'S'}"),
        "[{'date':'2018-01-19','type':'full','judgement':'good','summary':'S'}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

START_TEST(inspection_other_type_or_date_kept_apart)
{
    ck_assert_str_eq(merged_list("inspections", "{'date':'2018-01-19','type':'full'}",
                                 "{'date':'2018-01-19','type':'focused_visit'}"),
                     "[{'date':'2018-01-19','type':'full'},"
                     "{'date':'2018-01-19','type':'focused_visit'}]");
    ck_assert_str_eq(merged_list("inspections", "{'date':'2018-01-19','type':'full'}",
                                 "{'date':'2018-01','type':'full'}"),
                     "[{'date':'2018-01-19','type':'full'},{'date':'2018-01','type':'full'}]");
}
END_TEST

START_TEST(inspection_absent_type_matches_any)
{
    ck_assert_str_eq(merged_list("inspections", "{'date':'2018-01-19'}",
                                 "{'date':'2018-01-19','type':'full'}"),
                     "[{'date':'2018-01-19','type':'full'}]");
    ck_assert_str_eq(merged_list("inspections", "{'date':'2018-01-19','type':'full'}",
                                 "{'date':'2018-01-19','url':'u'}"),
                     "[{'date':'2018-01-19','type':'full','url':'u'}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

/* A typed entry goes to the earlier entry of its own type, even when an
 * entry of another type comes first. */
START_TEST(inspection_prefers_same_type)
{
    ck_assert_str_eq(merged_list("inspections",
                                 "{'date':'2019','type':'monitoring_visit'},"
                                 "{'date':'2019','type':'full'}",
                                 "{'date':'2019','type':'full','url':'u'}"),
                     "[{'date':'2019','type':'monitoring_visit'},"
                     "{'date':'2019','type':'full','url':'u'}]");
}
END_TEST

/* One inspection from several files (data-model.md): same framework, the
 * same first day on site, or publication dates within 93 days with no
 * other inspection between; what the files disagree on is kept in
 * "reported" and warned. */
START_TEST(inspection_same_days_on_site_other_type)
{
    ck_assert_str_eq(
        merged_list("inspections",
                    "{'date':'2022-05-09','framework':'ilacs','type':'full','inspected_from':'2022-02-28',"
                    "'judgement':'outstanding'}",
                    "{'date':'2022-05-09','framework':'ilacs','type':'short','inspected_from':'2022-02-28',"
                    "'judgement':'outstanding'}"),
        "[{'date':'2022-05-09','framework':'ilacs','type':'short','inspected_from':'2022-02-28',"
        "'judgement':'outstanding','reported':[{'field':'type','value':'full','file':'a.json'},"
        "{'field':'type','value':'short','file':'b.json'}]}]");
    ck_assert_int_eq(n_warnings, 1);
    ck_assert_ptr_nonnull(strstr(warnings, "b.json: councils[E1].inspections[2022-05-09 full].type: "
                                           "\"short\" differs from \"full\" in a.json"));
}
END_TEST

START_TEST(inspection_publication_dates_apart)
{
    /* Nottingham: 5 November in one file, 5 September in the next. */
    ck_assert_str_eq(
        merged_list("inspections", "{'date':'2022-11-05','framework':'ilacs','type':'full'}",
                    "{'date':'2022-09-05','framework':'ilacs','inspected_from':'2022-07-11'}"),
        "[{'date':'2022-09-05','framework':'ilacs','type':'full','reported':[{'field':'date',"
        "'value':'2022-11-05','file':'a.json'},{'field':'date','value':'2022-09-05','file':'b.json'}],"
        "'inspected_from':'2022-07-11'}]");
    ck_assert_int_eq(n_warnings, 1);
    /* 94 days apart: two inspections. */
    ck_assert_str_eq(merged_list("inspections", "{'date':'2022-01-01','framework':'ilacs'}",
                                 "{'date':'2022-04-05','framework':'ilacs'}"),
                     "[{'date':'2022-01-01','framework':'ilacs'},{'date':'2022-04-05','framework':'ilacs'}]");
    /* Another inspection of the council between them: two inspections. */
    ck_assert_str_eq(merged_list("inspections",
                                 "{'date':'2022-01-01','framework':'ilacs'},"
                                 "{'date':'2022-02-01','framework':'jtai','type':'joint_targeted'}",
                                 "{'date':'2022-03-01','framework':'ilacs'}"),
                     "[{'date':'2022-01-01','framework':'ilacs'},"
                     "{'date':'2022-02-01','framework':'jtai','type':'joint_targeted'},"
                     "{'date':'2022-03-01','framework':'ilacs'}]");
}
END_TEST

START_TEST(inspection_apart_by_days_on_site_framework_or_visit)
{
    /* Other days on site: two inspections, however close. */
    ck_assert_str_eq(merged_list("inspections",
                                 "{'date':'2022-01-01','inspected_from':'2021-11-01'}",
                                 "{'date':'2022-01-10','inspected_from':'2021-11-15'}"),
                     "[{'date':'2022-01-01','inspected_from':'2021-11-01'},"
                     "{'date':'2022-01-10','inspected_from':'2021-11-15'}]");
    /* Another framework. */
    ck_assert_str_eq(merged_list("inspections", "{'date':'2013-01-01','framework':'child_protection'}",
                                 "{'date':'2013-02-01','framework':'looked_after'}"),
                     "[{'date':'2013-01-01','framework':'child_protection'},"
                     "{'date':'2013-02-01','framework':'looked_after'}]");
    /* A visit and a graded inspection. */
    ck_assert_str_eq(merged_list("inspections", "{'date':'2024-01-01','type':'focused_visit'}",
                                 "{'date':'2024-02-01','judgement':'good'}"),
                     "[{'date':'2024-01-01','type':'focused_visit'},{'date':'2024-02-01','judgement':'good'}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

START_TEST(leader_role_name_start)
{
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016'}",
                                 "{'role':'dcs','name':'N','start':'2016','interim':true}"),
                     "[{'role':'dcs','name':'N','start':'2016','interim':true}]");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016'}",
                                 "{'role':'dcs','name':'N','start':'2016-04'}"),
                     "[{'role':'dcs','name':'N','start':'2016'},"
                     "{'role':'dcs','name':'N','start':'2016-04'}]");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016'}",
                                 "{'role':'dcs','name':'M','start':'2016'}"),
                     "[{'role':'dcs','name':'N','start':'2016'},"
                     "{'role':'dcs','name':'M','start':'2016'}]");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016'}",
                                 "{'role':'lead_member','name':'N','start':'2016'}"),
                     "[{'role':'dcs','name':'N','start':'2016'},"
                     "{'role':'lead_member','name':'N','start':'2016'}]");
}
END_TEST

START_TEST(leader_without_start_matched_on_in_post_on)
{
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','in_post_on':'2017-05'}",
                                 "{'role':'dcs','name':'N','in_post_on':'2017-05','note':'x'}"),
                     "[{'role':'dcs','name':'N','in_post_on':'2017-05','note':'x'}]");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','in_post_on':'2017-05'}",
                                 "{'role':'dcs','name':'N','in_post_on':'2017-06'}"),
                     "[{'role':'dcs','name':'N','in_post_on':'2017-05'},"
                     "{'role':'dcs','name':'N','in_post_on':'2017-06'}]");
    /* A start on one side and none on the other: not known to be the same. */
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','in_post_on':'2017'}",
                                 "{'role':'dcs','name':'N','start':'2017','in_post_on':'2017'}"),
                     "[{'role':'dcs','name':'N','in_post_on':'2017'},"
                     "{'role':'dcs','name':'N','start':'2017','in_post_on':'2017'}]");
}
END_TEST

START_TEST(intervention_kind_start)
{
    ck_assert_str_eq(merged_list("interventions",
                                 "{'kind':'trust','start':'2016','summary':'S'}",
                                 "{'kind':'trust','start':'2016','summary':'S','partner':'P'}"),
                     "[{'kind':'trust','start':'2016','summary':'S','partner':'P'}]");
    ck_assert_str_eq(merged_list("interventions",
                                 "{'kind':'trust','start':'2016','summary':'S'}",
                                 "{'kind':'commissioner','start':'2016','summary':'S'}"),
                     "[{'kind':'trust','start':'2016','summary':'S'},"
                     "{'kind':'commissioner','start':'2016','summary':'S'}]");
}
END_TEST

START_TEST(metric_name_period)
{
    ck_assert_str_eq(merged_list("metrics", "{'name':'m','period':'2018','value':1}",
                                 "{'name':'m','period':'2018','value':1,'england':2}"),
                     "[{'name':'m','period':'2018','value':1,'england':2}]");
    ck_assert_str_eq(merged_list("metrics", "{'name':'m','period':'2018','value':1}",
                                 "{'name':'m','period':'2019','value':1},"
                                 "{'name':'n','period':'2018','value':1}"),
                     "[{'name':'m','period':'2018','value':1},"
                     "{'name':'m','period':'2019','value':1},"
                     "{'name':'n','period':'2018','value':1}]");
}
END_TEST

START_TEST(event_date_headline)
{
    ck_assert_str_eq(merged_list("events", "{'date':'2018','headline':'H'}",
                                 "{'date':'2018','headline':'H','summary':'S'}"),
                     "[{'date':'2018','headline':'H','summary':'S'}]");
    ck_assert_str_eq(merged_list("events", "{'date':'2018','headline':'H'}",
                                 "{'date':'2018','headline':'I'},{'date':'2019','headline':'H'}"),
                     "[{'date':'2018','headline':'H'},{'date':'2018','headline':'I'},"
                     "{'date':'2019','headline':'H'}]");
}
END_TEST

/* An entry one file lists twice is merged into one, as two files' would be,
 * with a warning (a row pasted twice would count twice); a later file's
 * entry then merges into it. */
START_TEST(entries_of_one_file_merged)
{
    ck_assert_str_eq(merged_list("events",
                                 "{'date':'2018','headline':'H'},{'date':'2018','headline':'H'}",
                                 "{'date':'2018','headline':'H','summary':'S'}"),
                     "[{'date':'2018','headline':'H','summary':'S'}]");
    ck_assert_int_eq(n_warnings, 1);
    ck_assert_ptr_nonnull(strstr(warnings, "a.json: councils[E1].events[2018 H]: listed twice in "
                                           "this file; merged into one"));
    ck_assert_str_eq(merged_list("events", "",
                                 "{'date':'2018','headline':'H'},{'date':'2018','headline':'H'}"),
                     "[{'date':'2018','headline':'H'}]");
    ck_assert_ptr_nonnull(strstr(warnings, "b.json: councils[E1].events[2018 H]: listed twice"));
    /* Different values for the same thing: the later row wins, and says so. */
    ck_assert_str_eq(merged_list("metrics", "{'name':'cla_rate','period':'2024','value':68},"
                                            "{'name':'cla_rate','period':'2024','value':69}", ""),
                     "[{'name':'cla_rate','period':'2024','value':69}]");
    ck_assert_ptr_nonnull(strstr(warnings, "value: 69 differs from 68 earlier in this file; "
                                           "using 69"));
    /* Entries that differ in their key stay apart, silently. */
    ck_assert_str_eq(merged_list("events", "{'date':'2018','headline':'H'},"
                                           "{'date':'2018','headline':'I'}", ""),
                     "[{'date':'2018','headline':'H'},{'date':'2018','headline':'I'}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

/* ---- conflicts ------------------------------------------------------------ */

START_TEST(conflict_later_wins_with_one_warning)
{
    ck_assert_str_eq(merged_list("inspections",
                                 "{'date':'2018-01-19','type':'full','judgement':'good',"
                                 "'url':'u'}",
                                 "{'date':'2018-01-19','type':'full',"
                                 "'judgement':'requires_improvement','url':'u'}"),
                     "[{'date':'2018-01-19','type':'full','judgement':'requires_improvement',"
                     "'url':'u'}]");
    ck_assert_int_eq(n_warnings, 1);
    ck_assert_str_eq(warnings,
                     "b.json: councils[E1].inspections[2018-01-19 full].judgement: "
                     "\"requires_improvement\" differs from \"good\" in a.json; using "
                     "\"requires_improvement\"\n");
}
END_TEST

START_TEST(conflict_warning_for_each_list)
{
    merged_list("leaders", "{'role':'dcs','name':'N','in_post_on':'2017','interim':false}",
                "{'role':'dcs','name':'N','in_post_on':'2017','interim':true}");
    ck_assert_str_eq(warnings, "b.json: councils[E1].leaders[dcs N in post 2017].interim: true "
                               "differs from false in a.json; using true\n");
    merged_list("interventions", "{'kind':'trust','start':'2016','summary':'S'}",
                "{'kind':'trust','start':'2016','summary':'T'}");
    ck_assert_str_eq(warnings, "b.json: councils[E1].interventions[trust 2016].summary: \"T\" "
                               "differs from \"S\" in a.json; using \"T\"\n");
    merged_list("metrics", "{'name':'m','period':'2018','value':1}",
                "{'name':'m','period':'2018','value':1.5}");
    ck_assert_str_eq(warnings, "b.json: councils[E1].metrics[m 2018].value: 1.5 differs from 1 "
                               "in a.json; using 1.5\n");
    merged_list("events", "{'date':'2018','headline':'H','summary':'S'}",
                "{'date':'2018','headline':'H','summary':'T'}");
    ck_assert_str_eq(warnings, "b.json: councils[E1].events[2018 H].summary: \"T\" differs from "
                               "\"S\" in a.json; using \"T\"\n");
}
END_TEST

/* The warning names the file that gave the value, not the one that gave
 * the entry. */
START_TEST(conflict_names_the_file_of_the_value)
{
    const char *jsons[] = {
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H'}]")),
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':'B'}]")),
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':'C'}]")),
    };
    dataset *ds = merge_n(3, jsons);

    ck_assert_int_eq(n_warnings, 1);
    ck_assert_str_eq(warnings, "c.json: councils[E1].events[2018 H].summary: \"C\" differs from "
                               "\"B\" in b.json; using \"C\"\n");
    ck_assert_str_eq(dataset_view(ds)->councils[0]->events[0]->summary, "C");
    dataset_free(ds);
}
END_TEST

/* An entry that a later file added to an earlier council is that file's. */
START_TEST(conflict_names_the_file_of_the_entry)
{
    const char *jsons[] = {
        DOC(COUNCIL("")),
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':'B'}]")),
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':'C'}],"
                    "'inspections':[{'date':'2017','url':'c'}]")),
        DOC(COUNCIL(",'inspections':[{'date':'2017','url':'d'}]")),
    };
    dataset *ds = merge_n(4, jsons);

    ck_assert_int_eq(n_warnings, 2);
    ck_assert_str_eq(warnings, "c.json: councils[E1].events[2018 H].summary: \"C\" differs from "
                               "\"B\" in b.json; using \"C\"\n"
                               "d.json: councils[E1].inspections[2017].url: \"d\" differs from "
                               "\"c\" in c.json; using \"d\"\n");
    dataset_free(ds);
}
END_TEST

/* A council that came whole from b.json: its fields are b.json's. */
START_TEST(conflict_names_the_file_of_the_council)
{
    const char *jsons[] = {
        DOC("{'code':'E9','name':'Z'}"),
        DOC(COUNCIL(",'region':'R'")),
        DOC(COUNCIL(",'region':'S'")),
    };
    dataset *ds = merge_n(3, jsons);

    ck_assert_str_eq(warnings, "c.json: councils[E1].region: \"S\" differs from \"R\" in b.json; "
                               "using \"S\"\n");
    dataset_free(ds);
}
END_TEST

/* Each file is valid, but their dates together would not be: the earlier
 * file's date gives way. */
START_TEST(dates_kept_in_order)
{
    ck_assert_str_eq(merged_list("inspections", "{'date':'2018','inspected_from':'2017-12-08'}",
                                 "{'date':'2018','inspected_to':'2017-11-27'}"),
                     "[{'date':'2018','inspected_to':'2017-11-27'}]");
    ck_assert_str_eq(warnings, "b.json: councils[E1].inspections[2018].inspected_from: "
                               "\"2017-12-08\" from a.json is left out: it does not fit "
                               "inspected_to \"2017-11-27\"\n");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2010','end':'2015'}",
                                 "{'role':'dcs','name':'N','start':'2010','in_post_on':'2020'}"),
                     "[{'role':'dcs','name':'N','start':'2010','in_post_on':'2020'}]");
    ck_assert_str_eq(warnings, "b.json: councils[E1].leaders[dcs N 2010].end: \"2015\" from "
                               "a.json is left out: it does not fit in_post_on \"2020\"\n");
    ck_assert_str_eq(merged_list("leaders",
                                 "{'role':'dcs','name':'N','start':'2010','in_post_on':'2020'}",
                                 "{'role':'dcs','name':'N','start':'2010','end':'2015'}"),
                     "[{'role':'dcs','name':'N','start':'2010','end':'2015'}]");
    ck_assert_int_eq(n_warnings, 1);
}
END_TEST

START_TEST(null_end_counts_as_absent)
{
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016','end':null}",
                                 "{'role':'dcs','name':'N','start':'2016','end':'2019'}"),
                     "[{'role':'dcs','name':'N','start':'2016','end':'2019'}]");
    ck_assert_str_eq(merged_list("leaders", "{'role':'dcs','name':'N','start':'2016','end':'2019'}",
                                 "{'role':'dcs','name':'N','start':'2016','end':null}"),
                     "[{'role':'dcs','name':'N','start':'2016','end':'2019'}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

START_TEST(null_judgement_is_a_value)
{
    ck_assert_str_eq(merged_list("inspections", "{'date':'2019','judgement':null}",
                                 "{'date':'2019','judgement':'good'}"),
                     "[{'date':'2019','judgement':'good'}]");
    ck_assert_str_eq(warnings, "b.json: councils[E1].inspections[2019].judgement: \"good\" "
                               "differs from null in a.json; using \"good\"\n");
}
END_TEST

START_TEST(sub_judgements_merged_by_name)
{
    ck_assert_str_eq(merged_list("inspections",
                                 "{'date':'2019','sub_judgements':{'adoption':'good'}}",
                                 "{'date':'2019','sub_judgements':{'adoption':'inadequate',"
                                 "'care_leavers':'good'}}"),
                     "[{'date':'2019','sub_judgements':{'adoption':'inadequate',"
                     "'care_leavers':'good'}}]");
    ck_assert_int_eq(n_warnings, 1);
    ck_assert_str_eq(warnings, "b.json: councils[E1].inspections[2019].sub_judgements.adoption: "
                               "\"inadequate\" differs from \"good\" in a.json; using "
                               "\"inadequate\"\n");
}
END_TEST

START_TEST(cites_union)
{
    ck_assert_str_eq(merged_list("events", "{'date':'2018','headline':'H','cites':['s1']}",
                                 "{'date':'2018','headline':'H','cites':['s2','s1']}"),
                     "[{'date':'2018','headline':'H','cites':['s1','s2']}]");
    ck_assert_int_eq(n_warnings, 0);
}
END_TEST

START_TEST(unknown_fields_pass_through)
{
    const char *jsons[] = {
        "{'schema':'briefing-dataset/1','councils':[{'code':'E1','name':'A',"
        "'inspections':[{'date':'2018'}]}]}",
        "{'schema':'briefing-dataset/1','publisher':'P','councils':[{'code':'E1','name':'A',"
        "'mayor':'M','inspections':[{'date':'2018','lead_inspector':'L'}]}]}",
        "{'schema':'briefing-dataset/1','councils':[{'code':'E1','name':'A','mayor':'N'}]}",
    };
    dataset *ds = merge_n(3, jsons);
    const cJSON *doc = dataset_document(ds);
    const briefing_council *c = dataset_view(ds)->councils[0];

    ck_assert_str_eq(cJSON_GetObjectItem(doc, "publisher")->valuestring, "P");
    ck_assert_str_eq(cJSON_GetObjectItem((const cJSON *)c->raw, "mayor")->valuestring, "N");
    ck_assert_str_eq(
        cJSON_GetObjectItem((const cJSON *)c->inspections[0]->raw, "lead_inspector")->valuestring,
        "L");
    ck_assert_str_eq(warnings, "c.json: councils[E1].mayor: \"N\" differs from \"M\" in b.json; "
                               "using \"N\"\n");
    dataset_free(ds);
}
END_TEST

/* ---- sources -------------------------------------------------------------- */

START_TEST(same_source_kept_once)
{
    dataset *ds = merge2(DOC(COUNCIL("")), DOC(COUNCIL("")));

    ck_assert_int_eq(dataset_view(ds)->n_sources, 2);
    ck_assert_int_eq(n_warnings, 0);
    dataset_free(ds);
}
END_TEST

START_TEST(source_id_clash_renamed_with_its_cites)
{
    dataset *ds = merge2(
        "{'schema':'briefing-dataset/1','sources':[{'id':'s1','title':'One'}],"
        "'councils':[{'code':'E1','name':'A','events':[{'date':'2018','headline':'H',"
        "'cites':['s1']}]}]}",
        "{'schema':'briefing-dataset/1','sources':[{'id':'s1','title':'Other'}],"
        "'councils':[{'code':'E1','name':'A','events':[{'date':'2018','headline':'H',"
        "'cites':['s1']},{'date':'2019','headline':'I','cites':['s1']}]}]}");
    const briefing_dataset *v = dataset_view(ds);
    const briefing_council *c = v->councils[0];

    ck_assert_int_eq(v->n_sources, 2);
    ck_assert_str_eq(v->sources[0]->id, "s1");
    ck_assert_str_eq(v->sources[0]->title, "One");
    ck_assert_str_eq(v->sources[1]->id, "s1-2");
    ck_assert_str_eq(v->sources[1]->title, "Other");
    /* The merged entry cites both; the later file's own entry its own. */
    ck_assert_int_eq(c->events[0]->cites.count, 2);
    ck_assert_str_eq(c->events[0]->cites.ids[0], "s1");
    ck_assert_str_eq(c->events[0]->cites.ids[1], "s1-2");
    ck_assert_int_eq(c->events[1]->cites.count, 1);
    ck_assert_str_eq(c->events[1]->cites.ids[0], "s1-2");
    ck_assert_int_eq(n_warnings, 0);
    dataset_free(ds);
}
END_TEST

/* A cites entry that refers to a shared string (json_api.c shares the
 * entries of a source's cites lists) is renamed like any other, and the
 * shared string stays as it was. */
START_TEST(source_rename_reaches_shared_cites)
{
    static const char shared_id[] = "s1";
    cJSON *into = dataset_new_document();
    cJSON *a = doc_of("{'schema':'briefing-dataset/1','sources':[{'id':'s1','title':'One'}],"
                      "'councils':[{'code':'E1','name':'A'}]}");
    cJSON *b = doc_of("{'schema':'briefing-dataset/1','sources':[{'id':'s1','title':'Other'}],"
                      "'councils':[{'code':'E1','name':'A','events':[{'date':'2019',"
                      "'headline':'I','cites':['s1']}]}]}");
    cJSON *event = cJSON_GetArrayItem(
        cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(b, "councils"), 0), "events"), 0);
    dataset *ds;
    diag d;

    diag_clear(&d);
    cJSON_ReplaceItemInArray(cJSON_GetObjectItem(event, "cites"), 0,
                             cJSON_CreateStringReference(shared_id));
    ck_assert_int_eq(dataset_validate(a, "a.json", &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_validate(b, "b.json", &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_merge(into, a, "a.json", NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_merge(into, b, "b.json", NULL, NULL, &d), BRIEFING_OK);
    cJSON_Delete(a);
    cJSON_Delete(b);
    ds = dataset_build(into, (briefing_date){ 0, 0, 0 }, &d);
    ck_assert_ptr_nonnull(ds);
    ck_assert_int_eq(dataset_view(ds)->councils[0]->events[0]->cites.count, 1);
    ck_assert_str_eq(dataset_view(ds)->councils[0]->events[0]->cites.ids[0], "s1-2");
    ck_assert_str_eq(shared_id, "s1");
    dataset_free(ds);
}
END_TEST

/* The new id clashes with no id of either file. */
START_TEST(source_rename_skips_taken_ids)
{
    dataset *ds = merge2("{'schema':'briefing-dataset/1','sources':[{'id':'s','title':'One'},"
                         "{'id':'s-2','title':'Two'}],'councils':[]}",
                         "{'schema':'briefing-dataset/1','sources':[{'id':'s','title':'Other'},"
                         "{'id':'s-3','title':'Three'}],'councils':[{'code':'E1','name':'A',"
                         "'events':[{'date':'2019','headline':'I','cites':['s','s-3']}]}]}");
    const briefing_dataset *v = dataset_view(ds);
    const briefing_event *e = v->councils[0]->events[0];

    ck_assert_int_eq(v->n_sources, 4);
    ck_assert_str_eq(v->sources[2]->id, "s-4");
    ck_assert_str_eq(v->sources[3]->id, "s-3");
    ck_assert_str_eq(e->cites.ids[0], "s-4");
    ck_assert_str_eq(e->cites.ids[1], "s-3");
    dataset_free(ds);
}
END_TEST

/* ---- the top level -------------------------------------------------------- */

START_TEST(as_of_keeps_the_latest)
{
    char iso[16];
    dataset *ds = merge2("{'schema':'briefing-dataset/1','as_of':'2018-03-01','councils':[]}",
                         "{'schema':'briefing-dataset/1','as_of':'2017','councils':[]}");

    ck_assert_str_eq(date_iso(dataset_view(ds)->as_of, iso, sizeof iso), "2018-03-01");
    dataset_free(ds);
    ds = merge2("{'schema':'briefing-dataset/1','as_of':'2017','councils':[]}",
                "{'schema':'briefing-dataset/1','as_of':'2018-03','councils':[]}");
    ck_assert_str_eq(date_iso(dataset_view(ds)->as_of, iso, sizeof iso), "2018-03");
    dataset_free(ds);
    ds = merge2("{'schema':'briefing-dataset/1','as_of':'2017','councils':[]}",
                "{'schema':'briefing-dataset/1.1','councils':[]}");
    ck_assert_str_eq(date_iso(dataset_view(ds)->as_of, iso, sizeof iso), "2017");
    ck_assert_int_eq(n_warnings, 0);
    dataset_free(ds);
}
END_TEST

/* What merging notes on the document never reaches anyone else. */
START_TEST(no_marks_left)
{
    const char *jsons[] = {
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H'}]")),
        DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':'B'},"
                    "{'date':'2019','headline':'I'}],'inspections':[{'date':'2019'}]")
            ",{'code':'E2','name':'B'}"),
    };
    dataset *ds = merge_n(2, jsons);
    char *text = cJSON_PrintUnformatted(dataset_document(ds));

    ck_assert_ptr_null(strchr(text, '\xff'));
    free(text);
    dataset_free(ds);
}
END_TEST

START_TEST(no_warning_callback)
{
    cJSON *into = dataset_new_document();
    cJSON *a = doc_of(DOC(COUNCIL(",'region':'R'"))), *b = doc_of(DOC(COUNCIL(",'region':'S'")));
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(dataset_merge(into, a, "a.json", NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_merge(into, b, "b.json", NULL, NULL, &d), BRIEFING_OK);
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(into);
}
END_TEST

/* Matching goes through an index: 100,000 points against 100,000 merge in a
 * fraction of a second, where nested loops would take minutes and hit the
 * test's time-out.  (No clock here: speed is measured in bench/.) */
START_TEST(large_lists_merge_in_linear_time)
{
    cJSON *into = dataset_new_document(), *docs[2];
    char period[16];
    diag d;

    for (int k = 0; k < 2; k++) {
        cJSON *metrics;
        docs[k] = doc_of(DOC(COUNCIL(",'metrics':[]")));
        metrics = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(docs[k], "councils"),
                                                         0), "metrics");
        for (int i = 0; i < DATASET_MAX_LIST_ENTRIES; i++) {
            cJSON *m = cJSON_CreateObject();
            snprintf(period, sizeof period, "%04d-%02d", 1000 + i / 12, 1 + i % 12);
            cJSON_AddStringToObject(m, "name", i % 2 ? "looked_after_rate" : "cp_plan_rate");
            cJSON_AddStringToObject(m, "period", period);
            cJSON_AddNumberToObject(m, "value", i);
            cJSON_AddItemToArray(metrics, m);
        }
    }
    diag_clear(&d);
    ck_assert_int_eq(dataset_merge(into, docs[0], "a.json", NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(dataset_merge(into, docs[1], "b.json", NULL, NULL, &d), BRIEFING_OK);
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(
                         cJSON_GetArrayItem(cJSON_GetObjectItem(into, "councils"), 0), "metrics")),
                     DATASET_MAX_LIST_ENTRIES);
    cJSON_Delete(docs[0]);
    cJSON_Delete(docs[1]);
    cJSON_Delete(into);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dataset_merge");
    TCase *tc = tcase_create("merge");

    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, councils_matched_by_code);
    tcase_add_test(tc, older_codes_merge_with_current_ones);
    tcase_add_test(tc, council_fields_filled_and_conflicting);
    tcase_add_test(tc, comparators_union_in_order);
    tcase_add_test(tc, comparators_taken_when_absent);
    tcase_add_test(tc, inspection_same_date_and_type);
    tcase_add_test(tc, inspection_other_type_or_date_kept_apart);
    tcase_add_test(tc, inspection_absent_type_matches_any);
    tcase_add_test(tc, inspection_prefers_same_type);
    tcase_add_test(tc, leader_role_name_start);
    tcase_add_test(tc, leader_without_start_matched_on_in_post_on);
    tcase_add_test(tc, intervention_kind_start);
    tcase_add_test(tc, metric_name_period);
    tcase_add_test(tc, event_date_headline);
    tcase_add_test(tc, entries_of_one_file_merged);
    tcase_add_test(tc, conflict_later_wins_with_one_warning);
    tcase_add_test(tc, conflict_warning_for_each_list);
    tcase_add_test(tc, conflict_names_the_file_of_the_value);
    tcase_add_test(tc, conflict_names_the_file_of_the_entry);
    tcase_add_test(tc, conflict_names_the_file_of_the_council);
    tcase_add_test(tc, dates_kept_in_order);
    tcase_add_test(tc, null_end_counts_as_absent);
    tcase_add_test(tc, null_judgement_is_a_value);
    tcase_add_test(tc, sub_judgements_merged_by_name);
    tcase_add_test(tc, cites_union);
    tcase_add_test(tc, unknown_fields_pass_through);
    tcase_add_test(tc, inspection_same_days_on_site_other_type);
    tcase_add_test(tc, inspection_publication_dates_apart);
    tcase_add_test(tc, inspection_apart_by_days_on_site_framework_or_visit);
    tcase_add_test(tc, same_source_kept_once);
    tcase_add_test(tc, source_id_clash_renamed_with_its_cites);
    tcase_add_test(tc, source_rename_reaches_shared_cites);
    tcase_add_test(tc, source_rename_skips_taken_ids);
    tcase_add_test(tc, as_of_keeps_the_latest);
    tcase_add_test(tc, no_marks_left);
    tcase_add_test(tc, no_warning_callback);
    tcase_add_test(tc, large_lists_merge_in_linear_time);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

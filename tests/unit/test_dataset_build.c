/* The typed view section plugins read: order, absent values, the as-of
 * view, partial dates. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "test_dataset.h"
#include "test_util.h"

static const briefing_date NO_DATE = { 0, 0, 0 };

static dataset *ds;

static void teardown(void)
{
    dataset_free(ds);
    ds = NULL;
}

/* Validates and builds test JSON, as of the given date ("" for none). */
static const briefing_dataset *build(const char *json, const char *as_of)
{
    briefing_date date = NO_DATE;
    cJSON *doc = doc_of(json);
    diag d;

    diag_clear(&d);
    ck_assert_msg(dataset_validate(doc, "t.json", &d) == BRIEFING_OK, "%s", d.text);
    if (as_of[0])
        ck_assert(date_parse(as_of, &date));
    dataset_free(ds);
    ds = dataset_build(doc, date, &d);
    ck_assert_ptr_nonnull(ds);
    return dataset_view(ds);
}

static const briefing_council *council(const char *members, const char *as_of)
{
    char json[8192];

    snprintf(json, sizeof json, DOC("{'code':'E1','name':'A'%s}"), members);
    return build(json, as_of)->councils[0];
}

static const char *iso(briefing_date d)
{
    static char text[8][16];
    static int next;

    next = (next + 1) % 8;
    return date_iso(d, text[next], sizeof text[next]);
}

/* ---- fields ---------------------------------------------------------------- */

START_TEST(council_fields)
{
    const briefing_council *c = council(
        ",'la_number':'926','kind':'county','region':'East of England',"
        "'comparators':{'statistical_neighbours':['E2','E3']}", "");

    ck_assert_str_eq(c->code, "E1");
    ck_assert_str_eq(c->name, "A");
    ck_assert_str_eq(c->la_number, "926");
    ck_assert_int_eq(c->kind, BRIEFING_COUNCIL_COUNTY);
    ck_assert_str_eq(c->region, "East of England");
    ck_assert_int_eq(c->n_statistical_neighbours, 2);
    ck_assert_str_eq(c->statistical_neighbours[1], "E3");
    ck_assert_int_eq(c->n_inspections + c->n_leaders + c->n_interventions + c->n_metrics
                         + c->n_events, 0);
    ck_assert_ptr_eq(cJSON_GetObjectItem((const cJSON *)c->raw, "code")->valuestring, c->code);
}
END_TEST

START_TEST(absent_fields)
{
    const briefing_council *c = council(
        ",'inspections':[{'date':'2018'}],'leaders':[{'role':'dcs','name':'N','start':'2016'}],"
        "'interventions':[{'kind':'other','start':'2016','summary':'S'}],"
        "'metrics':[{'name':'m','period':'2018','value':0}],"
        "'events':[{'date':'2018','headline':'H'}]", "");
    const briefing_inspection *i = c->inspections[0];
    const briefing_metric *m = c->metrics[0];

    ck_assert_ptr_null(c->la_number);
    ck_assert_int_eq(c->kind, BRIEFING_COUNCIL_NONE);
    ck_assert_ptr_null(c->statistical_neighbours);
    ck_assert_int_eq(i->type, BRIEFING_INSPECTION_NONE);
    ck_assert_int_eq(i->framework, BRIEFING_FRAMEWORK_NONE);
    ck_assert_int_eq(i->judgement, BRIEFING_JUDGEMENT_NONE);
    ck_assert(date_is_absent(i->inspected_from));
    ck_assert_ptr_null(i->summary);
    ck_assert_int_eq(i->n_sub_judgements, 0);
    ck_assert_int_eq(i->cites.count, 0);
    ck_assert_int_eq(c->leaders[0]->interim, 0);
    ck_assert(date_is_absent(c->leaders[0]->end));
    ck_assert(date_is_absent(c->leaders[0]->in_post_on));
    ck_assert(date_is_absent(c->interventions[0]->end));
    ck_assert_ptr_null(c->events[0]->summary);
    /* A value of 0 is a value; absent optional numbers are NAN. */
    ck_assert_double_eq(m->value, 0);
    ck_assert(isnan(m->england));
    ck_assert(isnan(m->region));
    ck_assert(isnan(m->comparator));
    ck_assert_int_eq(m->unit, BRIEFING_UNIT_NONE);
}
END_TEST

START_TEST(entry_fields)
{
    const briefing_council *c = council(
        ",'inspections':[{'date':'2018-01-19','inspected_from':'2017-11-27',"
        "'inspected_to':'2017-12-08','framework':'sif','type':'full',"
        "'judgement':'requires_improvement','sub_judgements':{'adoption':'good',"
        "'local_name':'outstanding','children_in_care':null},'summary':'S','url':'U',"
        "'cites':['s2','s1']}],"
        "'leaders':[{'role':'dcs','name':'N','in_post_on':'2017-05','end':'2018','interim':true,"
        "'note':'n'}],"
        "'interventions':[{'kind':'statutory_direction','start':'2016','end':'2017','by':'DfE',"
        "'partner':'P','summary':'S','outcome':'O'}],"
        "'metrics':[{'name':'m','period':'2018-03-31','value':61.5,'unit':'rate_per_10k',"
        "'england':64,'region':50.25,'comparator':-3}],"
        "'events':[{'date':'2018-02','headline':'H','summary':'S'}]", "");
    const briefing_inspection *i = c->inspections[0];
    const briefing_leader *l = c->leaders[0];
    const briefing_intervention *v = c->interventions[0];
    const briefing_metric *m = c->metrics[0];

    ck_assert_str_eq(iso(i->date), "2018-01-19");
    ck_assert_str_eq(iso(i->inspected_from), "2017-11-27");
    ck_assert_str_eq(iso(i->inspected_to), "2017-12-08");
    ck_assert_int_eq(i->framework, BRIEFING_FRAMEWORK_SIF);
    ck_assert_int_eq(i->type, BRIEFING_INSPECTION_FULL);
    ck_assert_int_eq(i->judgement, BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT);
    ck_assert_int_eq(i->n_sub_judgements, 3);
    ck_assert_str_eq(i->sub_judgements[0]->name, "adoption");
    ck_assert_int_eq(i->sub_judgements[0]->judgement, BRIEFING_JUDGEMENT_GOOD);
    ck_assert_str_eq(i->sub_judgements[1]->name, "local_name");
    ck_assert_int_eq(i->sub_judgements[1]->judgement, BRIEFING_JUDGEMENT_OUTSTANDING);
    ck_assert_int_eq(i->sub_judgements[2]->judgement, BRIEFING_JUDGEMENT_NONE);
    ck_assert_str_eq(i->summary, "S");
    ck_assert_str_eq(i->url, "U");
    ck_assert_int_eq(i->cites.count, 2);
    ck_assert_str_eq(i->cites.ids[0], "s2");
    ck_assert_str_eq(i->cites.ids[1], "s1");
    ck_assert_str_eq(cJSON_GetObjectItem((const cJSON *)i->raw, "url")->valuestring, "U");

    ck_assert_str_eq(l->role, "dcs");
    ck_assert(date_is_absent(l->start));
    ck_assert_str_eq(iso(l->in_post_on), "2017-05");
    ck_assert_str_eq(iso(l->end), "2018");
    ck_assert_int_eq(l->interim, 1);
    ck_assert_str_eq(l->note, "n");

    ck_assert_int_eq(v->kind, BRIEFING_INTERVENTION_STATUTORY_DIRECTION);
    ck_assert_str_eq(iso(v->end), "2017");
    ck_assert_str_eq(v->by, "DfE");
    ck_assert_str_eq(v->partner, "P");
    ck_assert_str_eq(v->outcome, "O");

    ck_assert_double_eq(m->value, 61.5);
    ck_assert_int_eq(m->unit, BRIEFING_UNIT_RATE_PER_10K);
    ck_assert_double_eq(m->england, 64);
    ck_assert_double_eq(m->region, 50.25);
    ck_assert_double_eq(m->comparator, -3);
    ck_assert_str_eq(iso(c->events[0]->date), "2018-02");
}
END_TEST

/* Each closed value maps to its enum. */
START_TEST(closed_values_map_to_enums)
{
    const briefing_council *c = council(
        ",'kind':'london_borough','inspections':["
        "{'date':'2011','framework':'safeguarding_lac','type':'reinspection','judgement':'adequate'},"
        "{'date':'2012','framework':'child_protection','type':'short','judgement':'inadequate'},"
        "{'date':'2013','framework':'looked_after','type':'focused_visit','judgement':'outstanding'},"
        "{'date':'2014','framework':'ilacs','type':'monitoring_visit','judgement':'good'},"
        "{'date':'2015','framework':'jtai','type':'joint_targeted'},"
        "{'date':'2016','framework':'other'}],"
        "'interventions':[{'kind':'improvement_notice','start':'2010','summary':'S'},"
        "{'kind':'sector_led_support','start':'2011','summary':'S'}],"
        "'metrics':[{'name':'a','period':'2010','value':1,'unit':'count'},"
        "{'name':'b','period':'2010','value':1,'unit':'percent'},"
        "{'name':'c','period':'2010','value':1,'unit':'gbp'}]", "");

    ck_assert_int_eq(c->kind, BRIEFING_COUNCIL_LONDON_BOROUGH);
    ck_assert_int_eq(c->inspections[0]->framework, BRIEFING_FRAMEWORK_SAFEGUARDING_LAC);
    ck_assert_int_eq(c->inspections[0]->type, BRIEFING_INSPECTION_REINSPECTION);
    ck_assert_int_eq(c->inspections[0]->judgement, BRIEFING_JUDGEMENT_ADEQUATE);
    ck_assert_int_eq(c->inspections[1]->framework, BRIEFING_FRAMEWORK_CHILD_PROTECTION);
    ck_assert_int_eq(c->inspections[1]->type, BRIEFING_INSPECTION_SHORT);
    ck_assert_int_eq(c->inspections[1]->judgement, BRIEFING_JUDGEMENT_INADEQUATE);
    ck_assert_int_eq(c->inspections[2]->framework, BRIEFING_FRAMEWORK_LOOKED_AFTER);
    ck_assert_int_eq(c->inspections[2]->type, BRIEFING_INSPECTION_FOCUSED_VISIT);
    ck_assert_int_eq(c->inspections[2]->judgement, BRIEFING_JUDGEMENT_OUTSTANDING);
    ck_assert_int_eq(c->inspections[3]->framework, BRIEFING_FRAMEWORK_ILACS);
    ck_assert_int_eq(c->inspections[3]->type, BRIEFING_INSPECTION_MONITORING_VISIT);
    ck_assert_int_eq(c->inspections[3]->judgement, BRIEFING_JUDGEMENT_GOOD);
    ck_assert_int_eq(c->inspections[4]->framework, BRIEFING_FRAMEWORK_JTAI);
    ck_assert_int_eq(c->inspections[4]->type, BRIEFING_INSPECTION_JOINT_TARGETED);
    ck_assert_int_eq(c->inspections[5]->framework, BRIEFING_FRAMEWORK_OTHER);
    ck_assert_int_eq(c->interventions[0]->kind, BRIEFING_INTERVENTION_IMPROVEMENT_NOTICE);
    ck_assert_int_eq(c->interventions[1]->kind, BRIEFING_INTERVENTION_SECTOR_LED_SUPPORT);
    ck_assert_int_eq(c->metrics[0]->unit, BRIEFING_UNIT_COUNT);
    ck_assert_int_eq(c->metrics[1]->unit, BRIEFING_UNIT_PERCENT);
    ck_assert_int_eq(c->metrics[2]->unit, BRIEFING_UNIT_GBP);
}
END_TEST

/* ---- order ----------------------------------------------------------------- */

START_TEST(inspections_by_date_partial_first)
{
    const briefing_council *c = council(
        ",'inspections':[{'date':'2016-07-01'},{'date':'2013'},{'date':'2016-07'},"
        "{'date':'2016-06-30'},{'date':'2016'}]", "");

    ck_assert_int_eq(c->n_inspections, 5);
    ck_assert_str_eq(iso(c->inspections[0]->date), "2013");
    ck_assert_str_eq(iso(c->inspections[1]->date), "2016");
    ck_assert_str_eq(iso(c->inspections[2]->date), "2016-06-30");
    ck_assert_str_eq(iso(c->inspections[3]->date), "2016-07");
    ck_assert_str_eq(iso(c->inspections[4]->date), "2016-07-01");
}
END_TEST

/* Entries of one date keep the order the file gave them. */
START_TEST(sort_is_stable)
{
    const briefing_council *c = council(
        ",'events':[{'date':'2018','headline':'c'},{'date':'2017','headline':'z'},"
        "{'date':'2018','headline':'a'},{'date':'2018','headline':'b'},"
        "{'date':'2017','headline':'y'}]", "");

    ck_assert_str_eq(c->events[0]->headline, "z");
    ck_assert_str_eq(c->events[1]->headline, "y");
    ck_assert_str_eq(c->events[2]->headline, "c");
    ck_assert_str_eq(c->events[3]->headline, "a");
    ck_assert_str_eq(c->events[4]->headline, "b");
}
END_TEST

START_TEST(interventions_by_start)
{
    const briefing_council *c = council(
        ",'interventions':[{'kind':'trust','start':'2017','summary':'S'},"
        "{'kind':'commissioner','start':'2015-10','summary':'S'}]", "");

    ck_assert_int_eq(c->interventions[0]->kind, BRIEFING_INTERVENTION_COMMISSIONER);
    ck_assert_int_eq(c->interventions[1]->kind, BRIEFING_INTERVENTION_TRUST);
}
END_TEST

START_TEST(leaders_by_role_then_start)
{
    const briefing_council *c = council(
        ",'leaders':[{'role':'lead_member','name':'L','start':'2010'},"
        "{'role':'dcs','name':'B','start':'2015'},"
        "{'role':'dcs','name':'C','in_post_on':'2012-06'},"
        "{'role':'dcs','name':'A','start':'2012-01'},"
        "{'role':'chief_executive','name':'X','start':'2020'}]", "");

    ck_assert_int_eq(c->n_leaders, 5);
    ck_assert_str_eq(c->leaders[0]->name, "X");
    ck_assert_str_eq(c->leaders[1]->name, "A");
    ck_assert_str_eq(c->leaders[2]->name, "C");
    ck_assert_str_eq(c->leaders[3]->name, "B");
    ck_assert_str_eq(c->leaders[4]->name, "L");
}
END_TEST

START_TEST(metrics_by_name_then_period)
{
    const briefing_council *c = council(
        ",'metrics':[{'name':'looked_after_rate','period':'2019','value':3},"
        "{'name':'cp_plan_rate','period':'2019','value':2},"
        "{'name':'looked_after_rate','period':'2017','value':1},"
        "{'name':'cp_plan_rate','period':'2018','value':4}]", "");

    ck_assert_str_eq(c->metrics[0]->name, "cp_plan_rate");
    ck_assert_double_eq(c->metrics[0]->value, 4);
    ck_assert_double_eq(c->metrics[1]->value, 2);
    ck_assert_str_eq(c->metrics[2]->name, "looked_after_rate");
    ck_assert_double_eq(c->metrics[2]->value, 1);
    ck_assert_double_eq(c->metrics[3]->value, 3);
}
END_TEST

/* ---- sources and councils ----------------------------------------------- */

START_TEST(sources_numbered_in_document_order)
{
    const briefing_dataset *v = build(
        "{'schema':'briefing-dataset/1','councils':[],'sources':[{'id':'z','title':'Z',"
        "'publisher':'P','date':'2018-01','url':'https://example.org/z'},{'id':'a','title':'A'}]}",
        "");

    ck_assert_int_eq(v->n_sources, 2);
    ck_assert_str_eq(v->sources[0]->id, "z");
    ck_assert_int_eq(v->sources[0]->number, 1);
    ck_assert_str_eq(v->sources[0]->publisher, "P");
    ck_assert_str_eq(iso(v->sources[0]->date), "2018-01");
    ck_assert_str_eq(v->sources[0]->url, "https://example.org/z");
    ck_assert_str_eq(v->sources[1]->id, "a");
    ck_assert_int_eq(v->sources[1]->number, 2);
    ck_assert_ptr_null(v->sources[1]->publisher);
}
END_TEST

/* A briefing numbers its council's cited sources 1, 2, ... without gaps,
 * however many councils and sources the data holds. */
START_TEST(sources_numbered_for_a_council)
{
    const briefing_dataset *v = build(
        "{'schema':'briefing-dataset/1','sources':[{'id':'a','title':'A'},{'id':'b','title':'B'},"
        "{'id':'c','title':'C'}],'councils':["
        "{'code':'E1','name':'One','events':[{'date':'2018','headline':'h','cites':['c']}]},"
        "{'code':'E2','name':'Two','inspections':[{'date':'2019','cites':['b','a']}]}]}", "");

    ck_assert_int_eq(dataset_number_sources(ds, dataset_find_council(ds, "E1")), 0);
    ck_assert_int_eq(v->sources[2]->number, 1); /* c: the one E1 cites */
    ck_assert_int_eq(v->sources[0]->number, 2); /* then the rest in order */
    ck_assert_int_eq(v->sources[1]->number, 3);
    ck_assert_int_eq(dataset_number_sources(ds, dataset_find_council(ds, "E2")), 0);
    ck_assert_int_eq(v->sources[0]->number, 1);
    ck_assert_int_eq(v->sources[1]->number, 2);
    ck_assert_int_eq(v->sources[2]->number, 3);
}
END_TEST

START_TEST(find_council_by_code)
{
    const briefing_dataset *v = build(DOC("{'code':'E3','name':'C'},{'code':'E1','name':'A'},"
                                          "{'code':'E2','name':'B'}"), "");

    ck_assert_int_eq(v->n_councils, 3);
    /* The view keeps the document's order... */
    ck_assert_str_eq(v->councils[0]->code, "E3");
    /* ...and finding goes by code. */
    ck_assert_str_eq(dataset_find_council(ds, "E2")->name, "B");
    ck_assert_str_eq(dataset_find_council(ds, "E3")->name, "C");
    ck_assert_ptr_eq(dataset_find_council(ds, "E1"), v->councils[1]);
    ck_assert_ptr_null(dataset_find_council(ds, "E4"));
    ck_assert_ptr_null(dataset_find_council(ds, NULL));
}
END_TEST

START_TEST(empty_dataset)
{
    const briefing_dataset *v = build("{'schema':'briefing-dataset/1','councils':[]}", "");

    ck_assert_int_eq(v->n_councils, 0);
    ck_assert_int_eq(v->n_sources, 0);
    ck_assert(date_is_absent(v->as_of));
    ck_assert_ptr_null(dataset_find_council(ds, "E1"));
}
END_TEST

/* ---- as of ------------------------------------------------------------------ */

START_TEST(as_of_from_argument_or_document)
{
    const char *json = "{'schema':'briefing-dataset/1','as_of':'2018-03-01','councils':[]}";

    ck_assert_str_eq(iso(build(json, "")->as_of), "2018-03-01");
    ck_assert_str_eq(iso(build(json, "2016-07")->as_of), "2016-07");
}
END_TEST

static const char *const history =
    ",'inspections':[{'date':'2017-06'},{'date':'2018-03-01'},{'date':'2018-03-02'}],"
    "'leaders':[{'role':'dcs','name':'Old','start':'2014','end':'2018-03-02'},"
    "{'role':'dcs','name':'New','start':'2018-03-02'},"
    "{'role':'dcs','name':'Seen','in_post_on':'2019'},"
    "{'role':'lead_member','name':'Left','start':'2015','end':'2017'}],"
    "'interventions':[{'kind':'commissioner','start':'2017','end':'2018-06','summary':'S'},"
    "{'kind':'trust','start':'2018-04','summary':'S'}],"
    "'metrics':[{'name':'m','period':'2017-03-31','value':1},"
    "{'name':'m','period':'2018-03-31','value':2}],"
    "'events':[{'date':'2018-03','headline':'March'},{'date':'2018-02-28','headline':'Feb'},"
    "{'date':'2019','headline':'Later'}]";

/* As of a day, the view shows only what was known on it. */
START_TEST(as_of_view)
{
    const briefing_council *c = council(history, "2018-03-01");

    ck_assert_int_eq(c->n_inspections, 2);
    ck_assert_str_eq(iso(c->inspections[1]->date), "2018-03-01");
    ck_assert_int_eq(c->n_leaders, 2);
    ck_assert_str_eq(c->leaders[0]->name, "Old");
    ck_assert(date_is_absent(c->leaders[0]->end)); /* still in post that day */
    ck_assert_str_eq(c->leaders[1]->name, "Left");
    ck_assert_str_eq(iso(c->leaders[1]->end), "2017");
    ck_assert_int_eq(c->n_interventions, 1);
    ck_assert(date_is_absent(c->interventions[0]->end)); /* still in force */
    ck_assert_int_eq(c->n_metrics, 1);
    ck_assert_double_eq(c->metrics[0]->value, 1);
    /* An event of "2018-03" may be on the first: it is kept. */
    ck_assert_int_eq(c->n_events, 2);
    ck_assert_str_eq(c->events[0]->headline, "Feb");
    ck_assert_str_eq(c->events[1]->headline, "March");
    /* The document itself stays whole. */
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem((const cJSON *)c->raw, "events")), 3);
}
END_TEST

/* An as_of of a month stands for the whole month. */
START_TEST(as_of_partial_date)
{
    const briefing_council *c = council(history, "2018-03");

    ck_assert_int_eq(c->n_inspections, 3);
    ck_assert_int_eq(c->n_leaders, 3);
    ck_assert_str_eq(iso(c->leaders[0]->end), "2018-03-02");
    ck_assert_int_eq(c->n_metrics, 2);
    ck_assert_int_eq(c->n_interventions, 1);
    c = council(history, "2017");
    ck_assert_int_eq(c->n_inspections, 1);
    ck_assert_int_eq(c->n_events, 0);
}
END_TEST

/* Without an as_of nothing is left out. */
START_TEST(no_as_of_no_filter)
{
    const briefing_council *c = council(history, "");

    ck_assert(date_is_absent(dataset_view(ds)->as_of));
    ck_assert_int_eq(c->n_inspections, 3);
    ck_assert_int_eq(c->n_leaders, 4);
    ck_assert_int_eq(c->n_interventions, 2);
    ck_assert_int_eq(c->n_metrics, 2);
    ck_assert_int_eq(c->n_events, 3);
    ck_assert_str_eq(iso(c->interventions[0]->end), "2018-06");
}
END_TEST

/* The example data builds, and finds its council. */
START_TEST(example_norfolk)
{
    const char *path = example_path("norfolk.json");
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    if (dataset_parse_file(path, &doc, &d) == BRIEFING_ERR_NOINPUT) {
        fprintf(stderr, "SKIP example_norfolk: %s\n", d.text);
        return;
    }
    ck_assert_msg(doc != NULL, "%s", d.text);
    ck_assert_msg(dataset_validate(doc, path, &d) == BRIEFING_OK, "%s", d.text);
    ds = dataset_build(doc, NO_DATE, &d);
    ck_assert_ptr_nonnull(ds);
    ck_assert_ptr_nonnull(dataset_find_council(ds, "E10000020"));
    ck_assert_int_gt(dataset_find_council(ds, "E10000020")->n_inspections, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dataset_build");
    TCase *tc = tcase_create("build");

    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, council_fields);
    tcase_add_test(tc, sources_numbered_for_a_council);
    tcase_add_test(tc, absent_fields);
    tcase_add_test(tc, entry_fields);
    tcase_add_test(tc, closed_values_map_to_enums);
    tcase_add_test(tc, inspections_by_date_partial_first);
    tcase_add_test(tc, sort_is_stable);
    tcase_add_test(tc, interventions_by_start);
    tcase_add_test(tc, leaders_by_role_then_start);
    tcase_add_test(tc, metrics_by_name_then_period);
    tcase_add_test(tc, sources_numbered_in_document_order);
    tcase_add_test(tc, find_council_by_code);
    tcase_add_test(tc, empty_dataset);
    tcase_add_test(tc, as_of_from_argument_or_document);
    tcase_add_test(tc, as_of_view);
    tcase_add_test(tc, as_of_partial_date);
    tcase_add_test(tc, no_as_of_no_filter);
    tcase_add_test(tc, example_norfolk);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

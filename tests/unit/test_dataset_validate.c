/* Every rule of data-model.md, valid and invalid: a refused file must say
 * the file, the exact field path and what was expected. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_dataset.h"
#include "test_util.h"

#define JUDGEMENTS "outstanding, good, requires_improvement, adequate, inadequate"
#define DATE_EXPECTED "a date (YYYY-MM-DD, YYYY-MM or YYYY)"

/* ---- documents that must pass ------------------------------------------- */

static const char *const valid_docs[] = {
    /* The least a file may say. */
    "{'schema':'briefing-dataset/1','councils':[]}",
    /* A minor version only adds optional fields. */
    "{'schema':'briefing-dataset/1.2','councils':[]}",
    /* Every field of every entry, dates at all three precisions. */
    DOC(COUNCIL(",'la_number':'926','kind':'county','region':'East of England',"
                "'comparators':{'statistical_neighbours':['E2','E3']},"
                "'inspections':[{'date':'2018-01-19','inspected_from':'2017-11-27',"
                "'inspected_to':'2017-12-08','framework':'sif','type':'full',"
                "'judgement':'requires_improvement','sub_judgements':{'adoption':'good',"
                "'leadership':'inadequate','local_name':null},'summary':'S','url':'u',"
                "'cites':['s1','s2']}],"
                "'leaders':[{'role':'dcs','name':'N','start':'2016-07','end':'2018',"
                "'interim':true,'note':'n','cites':['s1']}],"
                "'interventions':[{'kind':'commissioner','start':'2013','end':null,'by':'DfE',"
                "'partner':'P','summary':'S','outcome':'O','cites':[]}],"
                "'metrics':[{'name':'looked_after_rate','period':'2018-03-31','value':61.5,"
                "'unit':'rate_per_10k','england':64,'region':50.25,'comparator':-1e3}],"
                "'events':[{'date':'2018-02','headline':'H','summary':'S','cites':['s2']}]")),
    /* A leader known only to have been in post on a day. */
    DOC(COUNCIL(",'leaders':[{'role':'lead_member','name':'N','in_post_on':'2017-05-01'}]")),
    /* An end in the start's month, at lower precision, is not before it. */
    DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2016-07-04','end':'2016-07'}]")),
    DOC(COUNCIL(",'interventions':[{'kind':'trust','start':'2016-07-04','end':'2016',"
                "'summary':'S'}]")),
    /* A visit with no judgement. */
    DOC(COUNCIL(",'inspections':[{'date':'2019-05','type':'monitoring_visit','judgement':null}]")),
    /* Open values: any role, metric name or sub-judgement name. */
    DOC(COUNCIL(",'leaders':[{'role':'chair of the improvement board','name':'N','start':'2019'}],"
                "'metrics':[{'name':'my_own_measure','period':'2019','value':0}]")),
    /* Unknown fields anywhere are kept, never an error. */
    "{'schema':'briefing-dataset/1','extra':{'x':[1,2]},'councils':[{'code':'E1','name':'A',"
    "'mayor':'M','inspections':[{'date':'2018','lead_inspector':'L'}],"
    "'comparators':{'statistical_neighbours':[],'cipfa':['E9']}}],"
    "'sources':[{'id':'s','title':'T','licence':'OGL'}]}",
    /* Two councils with different codes. */
    DOC(COUNCIL("") ",{'code':'E2','name':'A'}"),
};

START_TEST(valid)
{
    ck_assert_str_eq(validate_text(valid_docs[_i]), "");
}
END_TEST

/* ---- documents that must fail, with the message they give ---------------- */

static const struct {
    const char *json;
    const char *message;
} invalid_docs[] = {
    /* top level */
    { "[]", "t.json: expected a JSON object with \"schema\" and \"councils\" at the top, "
            "found an array" },
    { "{'councils':[]}", "t.json: schema: missing (expected \"briefing-dataset/1\")" },
    { "{'schema':2,'councils':[]}",
      "t.json: schema: expected \"briefing-dataset/1\", found a number" },
    { "{'schema':'briefing-dataset/2','councils':[]}",
      "t.json: schema \"briefing-dataset/2\" is not supported (this program reads "
      "briefing-dataset/1)" },
    { "{'schema':'briefing-dataset/10','councils':[]}",
      "t.json: schema \"briefing-dataset/10\" is not supported (this program reads "
      "briefing-dataset/1)" },
    { "{'schema':'briefing-dataset/1.x','councils':[]}",
      "t.json: schema \"briefing-dataset/1.x\" is not supported (this program reads "
      "briefing-dataset/1)" },
    { "{'schema':'geojson','councils':[]}",
      "t.json: schema: \"geojson\" is not a briefing dataset schema (expected "
      "\"briefing-dataset/1\")" },
    { "{'schema':'briefing-dataset/1'}", "t.json: councils: missing (expected an array)" },
    { "{'schema':'briefing-dataset/1','councils':{}}",
      "t.json: councils: expected an array, found an object" },
    { "{'schema':'briefing-dataset/1','councils':['E1']}",
      "t.json: councils[0]: expected an object, found a string" },
    { "{'schema':'briefing-dataset/1','as_of':'2018-13','councils':[]}",
      "t.json: as_of: \"2018-13\" is not a date (use YYYY-MM-DD)" },
    { "{'schema':'briefing-dataset/1','as_of':20180301,'councils':[]}",
      "t.json: as_of: expected " DATE_EXPECTED ", found a number" },
    { "{'schema':'briefing-dataset/1','councils':[],'councils':[]}",
      "t.json: the member \"councils\" appears twice in one object" },

    /* council */
    { DOC("{'name':'A'}"), "t.json: councils[0].code: missing (expected a string)" },
    { DOC("{'code':10000020,'name':'A'}"),
      "t.json: councils[0].code: expected a string, found a number" },
    { DOC("{'code':'','name':'A'}"), "t.json: councils[0].code: must not be empty" },
    { DOC("{'code':'E1'}"), "t.json: councils[0].name: missing (expected a string)" },
    { DOC(COUNCIL(",'la_number':926")),
      "t.json: councils[0].la_number: expected a string, found a number" },
    { DOC(COUNCIL(",'kind':'city'")),
      "t.json: councils[0].kind: \"city\" is not one of county, metropolitan, unitary, "
      "london_borough" },
    { DOC(COUNCIL(",'region':['East']")),
      "t.json: councils[0].region: expected a string, found an array" },
    { DOC(COUNCIL("") "," COUNCIL("") "," COUNCIL("")),
      "t.json: councils[1].code: \"E1\" repeats councils[0].code" },
    { DOC(COUNCIL(",'code':'E2'")),
      "t.json: councils[0]: the member \"code\" appears twice in one object" },
    { DOC(COUNCIL(",'comparators':['E2']")),
      "t.json: councils[0].comparators: expected an object, found an array" },
    { DOC(COUNCIL(",'comparators':{'statistical_neighbours':'E2'}")),
      "t.json: councils[0].comparators.statistical_neighbours: expected an array of council "
      "codes, found a string" },
    { DOC(COUNCIL(",'comparators':{'statistical_neighbours':['E2',3]}")),
      "t.json: councils[0].comparators.statistical_neighbours[1]: expected a council code (a "
      "string), found a number" },

    /* lists */
    { DOC(COUNCIL(",'inspections':{}")),
      "t.json: councils[0].inspections: expected an array, found an object" },
    { DOC(COUNCIL(",'events':[{'date':'2018','headline':'H'},'oops']")),
      "t.json: councils[0].events[1]: expected an object, found a string" },

    /* inspection */
    { DOC(COUNCIL(",'inspections':[{'type':'full'}]")),
      "t.json: councils[0].inspections[0].date: missing (expected " DATE_EXPECTED ")" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018'},{'date':'2018'},{'date':'31/01/2018'}]")),
      "t.json: councils[0].inspections[2].date: \"31/01/2018\" is not a date (use YYYY-MM-DD)" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','inspected_from':'2018-02-30'}]")),
      "t.json: councils[0].inspections[0].inspected_from: \"2018-02-30\" is not a date (use "
      "YYYY-MM-DD)" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','inspected_from':'2017-12-08',"
                  "'inspected_to':'2017-11-27'}]")),
      "t.json: councils[0].inspections[0].inspected_to: \"2017-11-27\" is before "
      "inspected_from \"2017-12-08\"" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','framework':'SIF'}]")),
      "t.json: councils[0].inspections[0].framework: \"SIF\" is not one of safeguarding_lac, "
      "child_protection, looked_after, sif, ilacs, jtai, other" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','type':'visit'}]")),
      "t.json: councils[0].inspections[0].type: \"visit\" is not one of full, reinspection, "
      "short, focused_visit, monitoring_visit, joint_targeted" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','judgement':'poor'}]")),
      "t.json: councils[0].inspections[0].judgement: \"poor\" is not one of " JUDGEMENTS
      ", or null" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','judgement':2}]")),
      "t.json: councils[0].inspections[0].judgement: expected one of " JUDGEMENTS
      ", or null, found a number" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','sub_judgements':['good']}]")),
      "t.json: councils[0].inspections[0].sub_judgements: expected an object of name: "
      "judgement, found an array" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','sub_judgements':{'adoption':'great'}}]")),
      "t.json: councils[0].inspections[0].sub_judgements.adoption: \"great\" is not one of "
      JUDGEMENTS ", or null" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','summary':false}]")),
      "t.json: councils[0].inspections[0].summary: expected a string, found a boolean" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','url':null}]")),
      "t.json: councils[0].inspections[0].url: expected a string, found null" },

    /* cites */
    { DOC(COUNCIL(",'inspections':[{'date':'2018','cites':'s1'}]")),
      "t.json: councils[0].inspections[0].cites: expected an array of source ids, found a "
      "string" },
    { DOC(COUNCIL(",'inspections':[{'date':'2018','cites':['s1','nope']}]")),
      "t.json: councils[0].inspections[0].cites[1]: \"nope\" names no source in this file (no "
      "entry of \"sources\" has that id)" },
    { DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','cites':[1]}]")),
      "t.json: councils[0].events[0].cites[0]: expected a source id (a string), found a "
      "number" },
    { "{'schema':'briefing-dataset/1','councils':[{'code':'E1','name':'A','leaders':[{"
      "'role':'dcs','name':'N','start':'2018','cites':['s1']}]}]}",
      "t.json: councils[0].leaders[0].cites[0]: \"s1\" names no source in this file (no entry "
      "of \"sources\" has that id)" },

    /* leader */
    { DOC(COUNCIL(",'leaders':[{'name':'N','start':'2018'}]")),
      "t.json: councils[0].leaders[0].role: missing (expected a string)" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','start':'2018'}]")),
      "t.json: councils[0].leaders[0].name: missing (expected a string)" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2018'},"
                  "{'role':'dcs','name':'M','end':'2019'}]")),
      "t.json: councils[0].leaders[1]: needs \"start\" or \"in_post_on\"" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2016-01-01',"
                  "'end':'2015-01-01'}]")),
      "t.json: councils[0].leaders[0].end: \"2015-01-01\" is before start \"2016-01-01\"" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2016-07-04',"
                  "'end':'2016-06'}]")),
      "t.json: councils[0].leaders[0].end: \"2016-06\" is before start \"2016-07-04\"" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','in_post_on':'2016',"
                  "'end':'2015-12-31'}]")),
      "t.json: councils[0].leaders[0].end: \"2015-12-31\" is before in_post_on \"2016\"" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2016','end':2017}]")),
      "t.json: councils[0].leaders[0].end: expected " DATE_EXPECTED " or null, found a "
      "number" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':'2016','interim':'yes'}]")),
      "t.json: councils[0].leaders[0].interim: expected true or false, found a string" },
    { DOC(COUNCIL(",'leaders':[{'role':'dcs','name':'N','start':null}]")),
      "t.json: councils[0].leaders[0].start: expected " DATE_EXPECTED ", found null" },

    /* intervention */
    { DOC(COUNCIL(",'interventions':[{'kind':'fine','start':'2016','summary':'S'}]")),
      "t.json: councils[0].interventions[0].kind: \"fine\" is not one of improvement_notice, "
      "statutory_direction, commissioner, improvement_adviser, trust, partnership, "
      "sector_led_support, other" },
    { DOC(COUNCIL(",'interventions':[{'start':'2016','summary':'S'}]")),
      "t.json: councils[0].interventions[0].kind: missing (expected one of improvement_notice, "
      "statutory_direction, commissioner, improvement_adviser, trust, partnership, "
      "sector_led_support, other)" },
    { DOC(COUNCIL(",'interventions':[{'kind':'trust','summary':'S'}]")),
      "t.json: councils[0].interventions[0].start: missing (expected " DATE_EXPECTED ")" },
    { DOC(COUNCIL(",'interventions':[{'kind':'trust','start':'2016'}]")),
      "t.json: councils[0].interventions[0].summary: missing (expected a string)" },
    { DOC(COUNCIL(",'interventions':[{'kind':'trust','start':'2016-05','end':'2016-04-30',"
                  "'summary':'S'}]")),
      "t.json: councils[0].interventions[0].end: \"2016-04-30\" is before start \"2016-05\"" },

    /* metric */
    { DOC(COUNCIL(",'metrics':[{'period':'2018','value':1}]")),
      "t.json: councils[0].metrics[0].name: missing (expected a string)" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018-1','value':1}]")),
      "t.json: councils[0].metrics[0].period: \"2018-1\" is not a date (use YYYY-MM-DD)" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018'}]")),
      "t.json: councils[0].metrics[0].value: missing (expected a number)" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':'12'}]")),
      "t.json: councils[0].metrics[0].value: expected a number, found a string" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':null}]")),
      "t.json: councils[0].metrics[0].value: expected a number, found null" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':1e999}]")),
      "t.json: councils[0].metrics[0].value: the number is not finite (too large to hold, like "
      "1e999)" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':1,'england':-1e400}]")),
      "t.json: councils[0].metrics[0].england: the number is not finite (too large to hold, "
      "like 1e999)" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':1,'unit':'per_10k'}]")),
      "t.json: councils[0].metrics[0].unit: \"per_10k\" is not one of count, rate_per_10k, "
      "percent, gbp" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':1,'region':'x'}]")),
      "t.json: councils[0].metrics[0].region: expected a number, found a string" },
    { DOC(COUNCIL(",'metrics':[{'name':'m','period':'2018','value':1,'comparator':true}]")),
      "t.json: councils[0].metrics[0].comparator: expected a number, found a boolean" },

    /* event */
    { DOC(COUNCIL(",'events':[{'headline':'H'}]")),
      "t.json: councils[0].events[0].date: missing (expected " DATE_EXPECTED ")" },
    { DOC(COUNCIL(",'events':[{'date':'2018'}]")),
      "t.json: councils[0].events[0].headline: missing (expected a string)" },
    { DOC(COUNCIL(",'events':[{'date':'2018','headline':''}]")),
      "t.json: councils[0].events[0].headline: must not be empty" },
    { DOC(COUNCIL(",'events':[{'date':'2018','headline':'H','summary':7}]")),
      "t.json: councils[0].events[0].summary: expected a string, found a number" },

    /* sources */
    { "{'schema':'briefing-dataset/1','councils':[],'sources':{}}",
      "t.json: sources: expected an array, found an object" },
    { "{'schema':'briefing-dataset/1','councils':[],'sources':[{'title':'T'}]}",
      "t.json: sources[0].id: missing (expected a string)" },
    { "{'schema':'briefing-dataset/1','councils':[],'sources':[{'id':'a'}]}",
      "t.json: sources[0].title: missing (expected a string)" },
    { "{'schema':'briefing-dataset/1','councils':[],'sources':[{'id':'a','title':'T'},"
      "{'id':'b','title':'T'},{'id':'a','title':'U'}]}",
      "t.json: sources[2].id: \"a\" repeats sources[0].id" },
    { "{'schema':'briefing-dataset/1','councils':[],'sources':[{'id':'a','title':'T',"
      "'date':'Jan 2018'}]}",
      "t.json: sources[0].date: \"Jan 2018\" is not a date (use YYYY-MM-DD)" },
    { "{'schema':'briefing-dataset/1','councils':[],'sources':[{'id':'a','title':'T',"
      "'url':{}}]}",
      "t.json: sources[0].url: expected a string, found an object" },

    /* what any value must be, known field or not */
    { "{'schema':'briefing-dataset/1','councils':[],'x':{'y':[0,1e999]}}",
      "t.json: x.y[1]: the number is not finite (too large to hold, like 1e999)" },
};

START_TEST(invalid)
{
    ck_assert_str_eq(validate_text(invalid_docs[_i].json), invalid_docs[_i].message);
}
END_TEST

/* ---- limits and values only a program (a source plugin) can build -------- */

/* Validates a document built in C, as a source plugin builds it. */
static const char *validate_doc(cJSON *doc)
{
    static diag d;
    int rc;

    diag_clear(&d);
    rc = dataset_validate(doc, "t.json", &d);
    cJSON_Delete(doc);
    ck_assert_int_eq(rc, d.text[0] ? BRIEFING_ERR_DATA : BRIEFING_OK);
    return d.text;
}

static cJSON *first_council(cJSON *doc)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "councils"), 0);
}

START_TEST(string_too_long)
{
    cJSON *doc = doc_of(DOC(COUNCIL(",'events':[{'date':'2018','headline':'H'}]")));
    cJSON *event = cJSON_GetArrayItem(cJSON_GetObjectItem(first_council(doc), "events"), 0);
    char *text = malloc(DATASET_MAX_STRING_BYTES + 2);

    memset(text, 'a', DATASET_MAX_STRING_BYTES + 1);
    text[DATASET_MAX_STRING_BYTES + 1] = '\0';
    cJSON_AddStringToObject(event, "summary", text);
    ck_assert_str_eq(validate_doc(doc),
                     "t.json: councils[0].events[0].summary: the text is 65537 bytes long; the "
                     "most allowed is 65536 (64 KiB)");
    /* At the limit exactly it passes. */
    doc = doc_of(DOC(COUNCIL(",'events':[{'date':'2018','headline':'H'}]")));
    event = cJSON_GetArrayItem(cJSON_GetObjectItem(first_council(doc), "events"), 0);
    text[DATASET_MAX_STRING_BYTES] = '\0';
    cJSON_AddStringToObject(event, "summary", text);
    ck_assert_str_eq(validate_doc(doc), "");
    free(text);
}
END_TEST

START_TEST(list_too_long)
{
    cJSON *doc = doc_of(DOC(COUNCIL(",'metrics':[]")));
    cJSON *metrics = cJSON_GetObjectItem(first_council(doc), "metrics");

    for (int i = 0; i <= DATASET_MAX_LIST_ENTRIES; i++) {
        cJSON *m = cJSON_CreateObject();
        cJSON_AddStringToObject(m, "name", "m");
        cJSON_AddStringToObject(m, "period", "2018");
        cJSON_AddNumberToObject(m, "value", i);
        cJSON_AddItemToArray(metrics, m);
    }
    ck_assert_str_eq(validate_doc(doc),
                     "t.json: councils[0].metrics: more than 100000 entries; the most allowed "
                     "in one list is 100000");
}
END_TEST

START_TEST(too_many_councils)
{
    cJSON *doc = doc_of(DOC(""));
    cJSON *councils = cJSON_GetObjectItem(doc, "councils");
    char code[16];

    for (int i = 0; i <= DATASET_MAX_COUNCILS; i++) {
        cJSON *c = cJSON_CreateObject();
        snprintf(code, sizeof code, "E%d", i);
        cJSON_AddStringToObject(c, "code", code);
        cJSON_AddStringToObject(c, "name", "A");
        cJSON_AddItemToArray(councils, c);
    }
    ck_assert_str_eq(validate_doc(doc),
                     "t.json: councils: more than 10000 councils; the most allowed in one file "
                     "is 10000");
}
END_TEST

/* A repeated code far down a long list is found (through the index). */
START_TEST(repeated_code_in_long_list)
{
    cJSON *doc = doc_of(DOC(""));
    cJSON *councils = cJSON_GetObjectItem(doc, "councils");
    char code[16];

    for (int i = 0; i < 5000; i++) {
        cJSON *c = cJSON_CreateObject();
        snprintf(code, sizeof code, "E%d", i == 4999 ? 1234 : i);
        cJSON_AddStringToObject(c, "code", code);
        cJSON_AddStringToObject(c, "name", "A");
        cJSON_AddItemToArray(councils, c);
    }
    ck_assert_str_eq(validate_doc(doc),
                     "t.json: councils[4999].code: \"E1234\" repeats councils[1234].code");
}
END_TEST

/* A source plugin may hand over bytes that are not UTF-8. */
START_TEST(bad_utf8_from_a_plugin)
{
    cJSON *doc = doc_of(DOC(COUNCIL("")));

    cJSON_AddStringToObject(first_council(doc), "region", "East of Engl\xe9nd");
    ck_assert_str_eq(validate_doc(doc), "t.json: councils[0].region: the text is not valid UTF-8");
    doc = doc_of(DOC(COUNCIL("")));
    cJSON_AddStringToObject(first_council(doc), "\xff", "x");
    ck_assert_str_eq(validate_doc(doc), "t.json: councils[0]: the member name is not valid UTF-8");
}
END_TEST

START_TEST(nested_too_deep)
{
    cJSON *doc = doc_of(DOC(COUNCIL(""))), *at = first_council(doc);

    /* councils[0].x.x.x...: one object inside the next, past the limit. */
    for (int i = 0; i < DATASET_MAX_DEPTH; i++)
        at = cJSON_AddObjectToObject(at, "x");
    ck_assert_ptr_nonnull(strstr(validate_doc(doc), "arrays and objects nested more than 64 deep"));
}
END_TEST

/* The path in a message names every step down to the value, arrays and
 * objects alike; one too long for a line is cut short with "..." at 511
 * bytes. */
START_TEST(paths_name_every_step_and_are_cut_short)
{
    cJSON *doc = doc_of(DOC(COUNCIL(""))), *at = first_council(doc), *list;
    char name[101], want[2048];

    list = cJSON_AddArrayToObject(cJSON_AddObjectToObject(at, "extra"), "list");
    cJSON_AddItemToArray(list, cJSON_CreateNull());
    cJSON_AddItemToArray(list, cJSON_CreateNumber(1e308 * 10)); /* not finite */
    ck_assert_str_eq(validate_doc(doc), "t.json: councils[0].extra.list[1]: the number is not "
                                        "finite (too large to hold, like 1e999)");

    doc = doc_of(DOC(COUNCIL("")));
    at = first_council(doc);
    snprintf(want, sizeof want, "councils[0]");
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    for (int i = 0; i < 6; i++) { /* 6 x 101 bytes: past the 511 a path may take */
        at = cJSON_AddObjectToObject(at, name);
        strcat(want, ".");
        strcat(want, name);
    }
    cJSON_AddItemToObject(at, "v", cJSON_CreateNumber(1e308 * 10));
    memcpy(want + 508, "...", 4);
    strcat(want, ": the number is not finite (too large to hold, like 1e999)");
    char full[2200];
    snprintf(full, sizeof full, "t.json: %s", want);
    ck_assert_str_eq(validate_doc(doc), full);
}
END_TEST

/* A repeated member name in a big object is found too. */
START_TEST(repeated_member_in_big_object)
{
    cJSON *doc = doc_of(DOC(COUNCIL(""))), *x = cJSON_AddObjectToObject(first_council(doc), "x");
    char name[16];

    for (int i = 0; i < 100; i++) {
        snprintf(name, sizeof name, "k%d", i);
        cJSON_AddNumberToObject(x, name, i);
    }
    cJSON_AddNumberToObject(x, "k42", 0);
    ck_assert_str_eq(validate_doc(doc),
                     "t.json: councils[0].x: the member \"k42\" appears twice in one object");
}
END_TEST

/* A long value is quoted short in the message, which stays one line. */
START_TEST(long_value_quoted_short)
{
    const char *message = validate_text(DOC(COUNCIL(
        ",'kind':'a very long kind of council that goes on and on well past sixty "
        "characters\\nand a new line'")));

    ck_assert_str_eq(message, "t.json: councils[0].kind: \"a very long kind of council that goes "
                              "on and on well past si...\" is not one of county, metropolitan, "
                              "unitary, london_borough");
}
END_TEST

START_TEST(control_characters_escaped)
{
    ck_assert_str_eq(validate_text(DOC(COUNCIL(",'kind':'a\\tb\\u001b'"))),
                     "t.json: councils[0].kind: \"a\\u0009b\\u001b\" is not one of county, "
                     "metropolitan, unitary, london_borough");
}
END_TEST

/* The example data shipped with the program must pass. */
static const char *const examples[] = { "norfolk.json", "dudley.json" };

START_TEST(example_data)
{
    const char *path = example_path(examples[_i]);
    cJSON *doc = NULL;
    diag d;

    if (access(path, F_OK) != 0) {
        fprintf(stderr, "SKIP example_data: %s is absent\n", path);
        return;
    }
    diag_clear(&d);
    ck_assert_msg(dataset_parse_file(path, &doc, &d) == BRIEFING_OK, "%s", d.text);
    ck_assert_msg(dataset_validate(doc, path, &d) == BRIEFING_OK, "%s", d.text);
    cJSON_Delete(doc);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dataset_validate");
    TCase *tc = tcase_create("validate");

    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, valid, 0, (int)(sizeof valid_docs / sizeof valid_docs[0]));
    tcase_add_loop_test(tc, invalid, 0, (int)(sizeof invalid_docs / sizeof invalid_docs[0]));
    tcase_add_test(tc, string_too_long);
    tcase_add_test(tc, list_too_long);
    tcase_add_test(tc, too_many_councils);
    tcase_add_test(tc, repeated_code_in_long_list);
    tcase_add_test(tc, bad_utf8_from_a_plugin);
    tcase_add_test(tc, nested_too_deep);
    tcase_add_test(tc, paths_name_every_step_and_are_cut_short);
    tcase_add_test(tc, repeated_member_in_big_object);
    tcase_add_test(tc, long_value_quoted_short);
    tcase_add_test(tc, control_characters_escaped);
    tcase_add_loop_test(tc, example_data, 0, (int)(sizeof examples / sizeof examples[0]));
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

/*
 * Helpers shared by the dataset tests (test_dataset_*.c).  Test JSON is
 * written with ' for " so that it reads as JSON; no test text needs an
 * apostrophe.
 */
#ifndef TEST_DATASET_H
#define TEST_DATASET_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "dataset_core.h"

/* A copy of s with every ' turned into "; free() it. */
static inline char *dq(const char *s)
{
    char *copy = strdup(s);

    ck_assert_ptr_nonnull(copy);
    for (char *p = copy; *p; p++)
        if (*p == '\'')
            *p = '"';
    return copy;
}

/* Parses test JSON (with ' for ") that must be well-formed. */
static inline cJSON *doc_of(const char *json)
{
    char *text = dq(json);
    cJSON *doc = NULL;
    diag d;

    diag_clear(&d);
    ck_assert_msg(dataset_parse_text("t.json", text, strlen(text), &doc, &d) == BRIEFING_OK,
                  "test JSON does not parse: %s", d.text);
    free(text);
    return doc;
}

/* Parses and validates test JSON as "t.json"; returns "" when it is valid,
 * else the message (in a static buffer). */
static inline const char *validate_text(const char *json)
{
    static diag d;
    cJSON *doc = doc_of(json);
    int rc;

    diag_clear(&d);
    rc = dataset_validate(doc, "t.json", &d);
    cJSON_Delete(doc);
    if (rc == BRIEFING_OK)
        ck_assert_str_eq(d.text, "");
    else
        ck_assert_int_eq(rc, BRIEFING_ERR_DATA);
    return d.text;
}

/* The path of the example data file examples/data/NAME in the source tree
 * (in a static buffer). */
static inline const char *example_path(const char *name)
{
    static char path[4096];
    const char *root = getenv("BRIEFING_SOURCE_DIR");

    snprintf(path, sizeof path, "%s/examples/data/%s", root ? root : ".", name);
    return path;
}

/* A document with sources s1 and s2 around the councils given. */
#define DOC(councils) \
    "{'schema':'briefing-dataset/1','sources':[{'id':'s1','title':'One'}," \
    "{'id':'s2','title':'Two'}],'councils':[" councils "]}"

/* A council with code E1 and name A, and the members given after them. */
#define COUNCIL(members) "{'code':'E1','name':'A'" members "}"

#endif

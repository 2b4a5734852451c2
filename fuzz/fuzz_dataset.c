/*
 * fuzz_dataset: a data file as the json source hands it to the core.
 *
 * The input is parsed as a briefing dataset; when it parses it is validated;
 * when it is valid, two copies are merged (as two files naming the same
 * facts would be) and the merged document is built into the typed view,
 * over which the shared analysis runs for every council.  Every step must
 * either succeed or fail with a status and a message; nothing may crash,
 * leak or read out of bounds.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <briefing/analysis.h>
#include <briefing/plugin.h>

#include "analysis_core.h"
#include "dataset_core.h"
#include "diag.h"
#include "fuzz_util.h"

static void ignore_warning(void *arg, const char *message)
{
    (void)arg;
    FUZZ_REQUIRE(message != NULL && message[0] != '\0');
}

/* Asks the analysis everything a section might about council c. */
static void analyse(const briefing_council *c, briefing_date as_of)
{
    const briefing_analysis_api *a = analysis_api();
    static const char *const roles[] = {"dcs", "chief_executive", "lead_member"};
    const briefing_inspection *latest, *previous;
    const briefing_leader *leaders[8];
    const briefing_intervention *interventions[8];
    const briefing_metric *series[8];
    char text[512];
    size_t i;

    a->current_judgement(c, as_of);
    a->last_full_inspection(c, as_of);
    a->months_since_full_inspection(c, as_of);
    a->direction_of_travel(c, as_of, &latest, &previous);
    a->judgement_history(c, as_of, text, sizeof text);
    FUZZ_REQUIRE(strlen(text) < sizeof text);
    for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        briefing_turnover t = {.size = sizeof t};
        briefing_span s = {.size = sizeof s};

        a->leaders_on(c, roles[i], as_of, leaders, 8);
        a->turnover(c, roles[i], as_of, 5, &t);
        a->turnover(c, roles[i], as_of, 0, &t);
        a->longest_interim_cover(c, roles[i], as_of, 10, &s);
        a->format_months(s.months, text, sizeof text);
    }
    for (i = 0; i < c->n_leaders; i++) {
        a->tenure_start(c->leaders[i]);
        a->tenure_end(c, c->leaders[i]);
    }
    a->interventions_on(c, as_of, interventions, 8);
    for (i = 0; i < c->n_metrics; i++) {
        const briefing_metric *m = c->metrics[i];
        briefing_metric_trend tr = {.size = sizeof tr};

        a->latest_metric(c, m->name, as_of);
        a->metric_series(c, m->name, as_of, series, 8);
        a->metric_trend(c, m->name, as_of, 5, &tr);
        a->england_comparable(m);
        a->metric_label(m->name);
        a->format_value(m->unit, m->value, 1, text, sizeof text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *doc = NULL, *copy = NULL, *merged = NULL;
    dataset *ds = NULL;
    diag d;
    int rc;

    diag_clear(&d);
    rc = dataset_parse_text("fuzz.json", (const char *)data, size, &doc, &d);
    if (rc != BRIEFING_OK) {
        FUZZ_REQUIRE(doc == NULL && d.status == rc && d.text[0] != '\0');
        return 0;
    }
    rc = dataset_validate(doc, "fuzz.json", &d);
    if (rc != BRIEFING_OK) {
        FUZZ_REQUIRE(d.status == rc && d.text[0] != '\0');
        goto out;
    }
    copy = cJSON_Duplicate(doc, 1);
    merged = dataset_new_document();
    FUZZ_REQUIRE(copy != NULL && merged != NULL);
    rc = dataset_merge(merged, doc, "a.json", ignore_warning, NULL, &d);
    if (rc == BRIEFING_OK)
        rc = dataset_merge(merged, copy, "b.json", ignore_warning, NULL, &d);
    FUZZ_REQUIRE(rc == BRIEFING_OK);
    ds = dataset_build(merged, (briefing_date){0, 0, 0}, &d);
    merged = NULL; /* owned by ds, or freed on failure */
    FUZZ_REQUIRE(ds != NULL);
    /* What merging two valid files gives must itself be valid (`briefing
     * convert` writes it out as a dataset file). */
    rc = dataset_validate(dataset_document(ds), "merged", &d);
    if (rc != BRIEFING_OK) {
        fprintf(stderr, "merged document refused: %s\n", d.text);
        abort();
    }
    {
        const briefing_dataset *v = dataset_view(ds);
        size_t i;

        for (i = 0; i < v->n_councils; i++) {
            analyse(v->councils[i], v->as_of);
            FUZZ_REQUIRE(dataset_find_council(ds, v->councils[i]->code) != NULL);
        }
    }
out:
    dataset_free(ds);
    cJSON_Delete(merged);
    cJSON_Delete(copy);
    cJSON_Delete(doc);
    return 0;
}

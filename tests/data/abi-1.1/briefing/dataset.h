/*
 * briefing/dataset.h: the briefing dataset, version 1, as section plugins
 * read it.
 *
 * This is the C face of docs/data-model.md (shared/spec/data-model.md): the
 * core validates and merges what the sources read, then hands every section
 * plugin this read-only view.  The host owns every byte of it; a plugin never
 * frees, keeps or modifies anything reached from a briefing_dataset after its
 * callback returns.
 *
 * Conventions:
 *   - Strings are UTF-8 and NUL-terminated; NULL means "absent".
 *   - A briefing_date with year 0 is absent.  month 0 means "year only",
 *     day 0 means "year and month only".
 *   - An optional number that is absent is NAN (test it with isnan()).
 *   - Lists are arrays of pointers plus a count, so that structs can grow at
 *     their end within one ABI major version (see version.h).
 *   - Lists are sorted by date (lower precision first, see data-model.md),
 *     oldest first.
 *   - `raw` is the entry as it stands in the merged JSON, so that fields this
 *     header does not know (added by a newer data file or a third-party
 *     source) still reach the plugin through the host's JSON functions.
 */
#ifndef BRIEFING_DATASET_H
#define BRIEFING_DATASET_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque JSON value; see briefing/json.h for the functions that read it. */
typedef struct briefing_json briefing_json;

typedef struct briefing_date {
    int year;  /* 0: absent */
    int month; /* 1-12, or 0 when only the year is known */
    int day;   /* 1-31, or 0 when only the year and month are known */
} briefing_date;

typedef enum briefing_judgement {
    BRIEFING_JUDGEMENT_NONE = 0, /* absent, or null (a visit with no judgement) */
    BRIEFING_JUDGEMENT_OUTSTANDING,
    BRIEFING_JUDGEMENT_GOOD,
    BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT,
    BRIEFING_JUDGEMENT_ADEQUATE, /* pre-2013 scale */
    BRIEFING_JUDGEMENT_INADEQUATE
} briefing_judgement;

typedef enum briefing_framework {
    BRIEFING_FRAMEWORK_NONE = 0,
    BRIEFING_FRAMEWORK_SAFEGUARDING_LAC,
    BRIEFING_FRAMEWORK_CHILD_PROTECTION,
    BRIEFING_FRAMEWORK_LOOKED_AFTER,
    BRIEFING_FRAMEWORK_SIF,
    BRIEFING_FRAMEWORK_ILACS,
    BRIEFING_FRAMEWORK_JTAI,
    BRIEFING_FRAMEWORK_OTHER
} briefing_framework;

typedef enum briefing_inspection_type {
    BRIEFING_INSPECTION_NONE = 0, /* absent: matches any type when merging */
    BRIEFING_INSPECTION_FULL,
    BRIEFING_INSPECTION_REINSPECTION,
    BRIEFING_INSPECTION_SHORT,
    BRIEFING_INSPECTION_FOCUSED_VISIT,
    BRIEFING_INSPECTION_MONITORING_VISIT,
    BRIEFING_INSPECTION_JOINT_TARGETED
} briefing_inspection_type;

typedef enum briefing_council_kind {
    BRIEFING_COUNCIL_NONE = 0,
    BRIEFING_COUNCIL_COUNTY,
    BRIEFING_COUNCIL_METROPOLITAN,
    BRIEFING_COUNCIL_UNITARY,
    BRIEFING_COUNCIL_LONDON_BOROUGH
} briefing_council_kind;

typedef enum briefing_intervention_kind {
    BRIEFING_INTERVENTION_IMPROVEMENT_NOTICE = 1,
    BRIEFING_INTERVENTION_STATUTORY_DIRECTION,
    BRIEFING_INTERVENTION_COMMISSIONER,
    BRIEFING_INTERVENTION_IMPROVEMENT_ADVISER,
    BRIEFING_INTERVENTION_TRUST,
    BRIEFING_INTERVENTION_PARTNERSHIP,
    BRIEFING_INTERVENTION_SECTOR_LED_SUPPORT,
    BRIEFING_INTERVENTION_OTHER
} briefing_intervention_kind;

typedef enum briefing_unit {
    BRIEFING_UNIT_NONE = 0,
    BRIEFING_UNIT_COUNT,
    BRIEFING_UNIT_RATE_PER_10K,
    BRIEFING_UNIT_PERCENT,
    BRIEFING_UNIT_GBP
} briefing_unit;

/* A list of source ids that a fact cites; every id names a source of the
 * dataset (the core has checked). */
typedef struct briefing_cites {
    const char *const *ids;
    size_t count;
} briefing_cites;

typedef struct briefing_sub_judgement {
    const char *name; /* help_and_protection, children_in_care, ... or as written */
    briefing_judgement judgement;
} briefing_sub_judgement;

typedef struct briefing_inspection {
    briefing_date date; /* publication date */
    briefing_date inspected_from;
    briefing_date inspected_to;
    briefing_framework framework;
    briefing_inspection_type type;
    briefing_judgement judgement;
    const briefing_sub_judgement *const *sub_judgements;
    size_t n_sub_judgements;
    const char *summary;
    const char *url;
    briefing_cites cites;
    const briefing_json *raw;
} briefing_inspection;

typedef struct briefing_leader {
    const char *role; /* dcs, chief_executive, lead_member, or as written */
    const char *name;
    briefing_date start;      /* absent when only in_post_on is known */
    briefing_date in_post_on; /* absent when start is known and nothing else */
    briefing_date end;        /* absent: in post, or not known */
    int interim;              /* 0 or 1 */
    const char *note;
    briefing_cites cites;
    const briefing_json *raw;
} briefing_leader;

typedef struct briefing_intervention {
    briefing_intervention_kind kind;
    briefing_date start;
    briefing_date end; /* absent: still in force */
    const char *by;
    const char *partner;
    const char *summary;
    const char *outcome;
    briefing_cites cites;
    const briefing_json *raw;
} briefing_intervention;

typedef struct briefing_metric {
    const char *name; /* looked_after_children, looked_after_rate, ... */
    briefing_date period;
    double value;
    briefing_unit unit;
    double england;    /* NAN when absent */
    double region;     /* NAN when absent */
    double comparator; /* NAN when absent */
    briefing_cites cites;
    const briefing_json *raw;
} briefing_metric;

typedef struct briefing_event {
    briefing_date date;
    const char *headline;
    const char *summary;
    briefing_cites cites;
    const briefing_json *raw;
} briefing_event;

typedef struct briefing_council {
    const char *code; /* GSS code, the key */
    const char *la_number;
    const char *name;
    briefing_council_kind kind;
    const char *region;
    const briefing_inspection *const *inspections;
    size_t n_inspections;
    const briefing_leader *const *leaders;
    size_t n_leaders;
    const briefing_intervention *const *interventions;
    size_t n_interventions;
    const briefing_metric *const *metrics; /* sorted by name, then period */
    size_t n_metrics;
    const briefing_event *const *events;
    size_t n_events;
    const char *const *statistical_neighbours; /* GSS codes */
    size_t n_statistical_neighbours;
    const briefing_json *raw;
} briefing_council;

typedef struct briefing_source {
    const char *id;
    const char *title;
    const char *publisher;
    briefing_date date;
    const char *url;
    int number; /* 1-based reference number, as the briefing prints it: [n] */
    const briefing_json *raw;
} briefing_source;

typedef struct briefing_dataset {
    briefing_date as_of; /* the briefing's "as of": template or --as-of, else the data's */
    const briefing_council *const *councils;
    size_t n_councils;
    const briefing_source *const *sources;
    size_t n_sources;
    const briefing_json *raw;
} briefing_dataset;

#ifdef __cplusplus
}
#endif

#endif

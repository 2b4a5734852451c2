/*
 * briefing/analysis.h: the analysis every section shares, through the host.
 *
 * Turnover, tenure, direction of travel, interventions in force and metric
 * trends are worked out once, in the core, and handed to every section
 * plugin (ours and third parties') as h->analysis, so that two sections can
 * never disagree about how many directors a council has had.
 *
 * Conventions, for every function below:
 *   - `c` may be NULL (then the answer is "nothing": 0, NULL, NAN or
 *     UNKNOWN).  Nothing returned needs freeing: pointers point into the
 *     dataset and live as long as it does.
 *   - `as_of` is the briefing's "as of" date.  Entries dated after it are
 *     ignored, as if the briefing had been written on that day.  An absent
 *     as_of (year 0) gives "nothing" too.
 *   - A date of month or year precision is taken at its first day
 *     ("July 2016" is 1 July 2016) wherever a length of time is measured.
 *   - A month, where a length is given in months, is 1/12 of 365.25 days.
 *
 * Results: a function with one answer returns it.  A function with several
 * answers fills a result struct that the CALLER allocates (on its stack is
 * fine) after setting its first member `size` to sizeof the struct as the
 * caller was built.  The host writes only the members that fit in `size`,
 * so these structs can grow at their end within an ABI major version
 * without breaking a plugin built against an older header.  Such functions
 * return 0, or -1 when `out` is NULL or its size is too small to hold even
 * the members of ABI 1.0.
 *
 * Check h->analysis->size before calling a function added after the minor
 * version you built against (see version.h).
 */
#ifndef BRIEFING_ANALYSIS_H
#define BRIEFING_ANALYSIS_H

#include <stddef.h>
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How the service moved between its two latest graded full inspections. */
typedef enum briefing_direction {
    BRIEFING_DIRECTION_UNKNOWN = 0, /* fewer than two graded full inspections */
    BRIEFING_DIRECTION_IMPROVING,
    BRIEFING_DIRECTION_STABLE,
    BRIEFING_DIRECTION_DECLINING
} briefing_direction;

/* Which way a metric's own values went over the periods looked at. */
typedef enum briefing_trend {
    BRIEFING_TREND_UNKNOWN = 0, /* fewer than two points */
    BRIEFING_TREND_RISING,
    BRIEFING_TREND_FALLING,
    BRIEFING_TREND_STEADY       /* moved by 2% of its size or less */
} briefing_trend;

/* Whether the distance between the council and England grew. */
typedef enum briefing_gap {
    BRIEFING_GAP_UNKNOWN = 0,   /* fewer than two points with a comparable England value */
    BRIEFING_GAP_WIDENING,
    BRIEFING_GAP_NARROWING,
    BRIEFING_GAP_STEADY         /* changed by 2% of England's value or less */
} briefing_gap;

/* People who held a role over a window of years. */
typedef struct briefing_turnover {
    size_t size;          /* set by the caller: sizeof(briefing_turnover) */
    briefing_date from;   /* the window's first day: as_of less the years asked
                             (absent when all time was asked) */
    size_t people;        /* distinct names in post at any time in the window */
    size_t interim;       /* of them, how many held the role as interim there */
    size_t tenures;       /* leader entries in post at any time in the window */
    double median_months; /* median length of those tenures whose start is
                             known, measured whole (not clipped to the window;
                             an open one up to as_of); NAN when none */
} briefing_turnover;

/* A stretch of time, with the dates as the data gave them. */
typedef struct briefing_span {
    size_t size;          /* set by the caller: sizeof(briefing_span) */
    double months;        /* 0 when there is none */
    briefing_date from;   /* the date that began it (a start, an end, or the window's start) */
    briefing_date to;     /* the date that ended it; as_of when ongoing */
    int ongoing;          /* 1 when it runs up to as_of */
} briefing_span;

/* A metric's recent movement, on its own and against England. */
typedef struct briefing_metric_trend {
    size_t size;                  /* set by the caller: sizeof(briefing_metric_trend) */
    size_t periods;               /* points looked at (up to the number asked) */
    const briefing_metric *first; /* the earliest of them, or NULL when none */
    const briefing_metric *last;  /* the latest, or NULL when none */
    briefing_trend trend;
    double change;                /* last value less first value; NAN with fewer than two */
    briefing_gap gap;
    double gap_first;             /* value less England at the earliest point with a
                                     comparable England value; NAN when none */
    double gap_last;              /* the same at the latest such point */
    const briefing_metric *gap_from; /* the point gap_first was measured at, or NULL */
    const briefing_metric *gap_to;   /* the point gap_last was measured at, or NULL */
} briefing_metric_trend;

typedef struct briefing_analysis_api {
    size_t size; /* sizeof(briefing_analysis_api) as the host built it */

    /* ---- Inspections ---------------------------------------------------- */

    /* Ofsted's scale as a rank: outstanding 4, good 3, requires improvement
     * and adequate (its pre-2013 equivalent) 2, inadequate 1; 0 for none. */
    int (*judgement_rank)(briefing_judgement j);

    /* 1 when the inspection is a graded inspection of the whole service:
     * type full, reinspection or short (ILACS short inspections are graded
     * like standard ones), or no type given but a judgement given.  Focused
     * and monitoring visits and joint targeted inspections are not. */
    int (*is_full_inspection)(const briefing_inspection *i);

    /* The latest inspection on or before as_of that carries a judgement
     * (whatever its type), or NULL. */
    const briefing_inspection *(*current_judgement)(const briefing_council *c,
                                                    briefing_date as_of);

    /* The latest full inspection (is_full_inspection) on or before as_of,
     * or NULL. */
    const briefing_inspection *(*last_full_inspection)(const briefing_council *c,
                                                       briefing_date as_of);

    /* Whole months from the last full inspection's publication date to
     * as_of, or -1 when there is none. */
    int (*months_since_full_inspection)(const briefing_council *c, briefing_date as_of);

    /* Compares the two latest full inspections with a judgement, on or
     * before as_of, by judgement_rank.  latest and previous (each may be
     * NULL) receive them, or NULL when missing. */
    briefing_direction (*direction_of_travel)(const briefing_council *c, briefing_date as_of,
                                              const briefing_inspection **latest,
                                              const briefing_inspection **previous);

    /* The judgement history in a sentence, from the full inspections with
     * a judgement on or before as_of: "Judged inadequate in 2013 and 2015,
     * requires improvement in 2018, good in 2023."  Writes "" when there is
     * none.  Returns buf. */
    const char *(*judgement_history)(const briefing_council *c, briefing_date as_of,
                                     char *buf, size_t size);

    /* ---- Leaders -------------------------------------------------------- */

    /* The day a tenure is known from: its start, else its in_post_on. */
    briefing_date (*tenure_start)(const briefing_leader *l);

    /* The day a tenure ended: its end when given; otherwise, as a
     * successor implies, the tenure_start of the earliest later entry of
     * the same role held by someone else; otherwise absent (in post). */
    briefing_date (*tenure_end)(const briefing_council *c, const briefing_leader *l);

    /* The leaders of `role` (NULL: any role) in post on `on`: from their
     * tenure_start up to and including a given end day, or up to the day
     * before a successor's start, or open.  Writes up to max of them to
     * out, in the dataset's order (oldest first), and returns how many
     * there are (which may exceed max). */
    size_t (*leaders_on)(const briefing_council *c, const char *role, briefing_date on,
                         const briefing_leader **out, size_t max);

    /* People in `role` in the `years` up to as_of (years <= 0: all time up
     * to as_of), with how many were interim and their median tenure. */
    int (*turnover)(const briefing_council *c, const char *role, briefing_date as_of,
                    int years, briefing_turnover *out);

    /* The longest stretch, in the `years` up to as_of (years <= 0: all
     * time), during which the role was held by interims and by nobody
     * permanent.  Time when nobody is recorded in post does not count.
     * out->months is 0 when there was no such time. */
    int (*longest_interim_cover)(const briefing_council *c, const char *role,
                                 briefing_date as_of, int years, briefing_span *out);

    /* ---- Interventions -------------------------------------------------- */

    /* The interventions in force on `on` (started on or before it, with no
     * end or an end on or after it).  Writes up to max to out, returns how
     * many there are. */
    size_t (*interventions_on)(const briefing_council *c, briefing_date on,
                               const briefing_intervention **out, size_t max);

    /* The interventions in force on `on` in words, for a sentence or a
     * panel: "Partnership with Barnardo's since 4 July 2016; statutory
     * direction since January 2016" (the first capitalised, as listed);
     * "" when none.  Returns buf. */
    const char *(*interventions_text)(const briefing_council *c, briefing_date on,
                                      char *buf, size_t size);

    /* Whole months from a to b, each at its first day; negative when b is
     * earlier; 0 when either is absent. */
    int (*months_between)(briefing_date a, briefing_date b);

    /* ---- Metrics -------------------------------------------------------- */

    /* The latest point of metric `name` on or before as_of, or NULL. */
    const briefing_metric *(*latest_metric)(const briefing_council *c, const char *name,
                                            briefing_date as_of);

    /* The points of metric `name` on or before as_of, oldest first: writes
     * up to max to out, returns how many there are. */
    size_t (*metric_series)(const briefing_council *c, const char *name, briefing_date as_of,
                            const briefing_metric **out, size_t max);

    /* 1 when the point's England value can be set beside its own: always
     * for rates and percentages; for counts and money only when England's
     * value is within a factor of three of the council's (an average such as
     * caseload), since otherwise it is a national total.  The same as
     * comparable(m, m->england). */
    int (*england_comparable)(const briefing_metric *m);

    /* The movement of metric `name` over its last `periods` points on or
     * before as_of (periods <= 0: all of them; periods 1 gives no trend). */
    int (*metric_trend)(const briefing_council *c, const char *name, briefing_date as_of,
                        int periods, briefing_metric_trend *out);

    /* The same test for any value given beside the point: its England,
     * region or comparator value (a region's total next to a council's
     * count is not comparable either).  0 when either is NAN. */
    int (*comparable)(const briefing_metric *m, double other);

    /* ---- Words the sections share --------------------------------------- */

    /* A length in months as a reader says it: "under a month", "5 months",
     * "1 year", "2 years and 3 months" (rounded to whole months); "" for NAN
     * or a negative length.  Returns buf. */
    const char *(*format_months)(double months, char *buf, size_t size);

    /* The time from `from` to `to` in words, at the precision the dates
     * allow: "2 years and 1 month" when both give at least a month; when
     * either gives only a year, "about 8 years" (from the years alone),
     * "about a year" or "under a year"; "" when either is absent or `to`
     * is earlier.  Returns buf. */
    const char *(*format_length)(briefing_date from, briefing_date to, char *buf, size_t size);

    /* What a metric name means, as a heading: "Children looked after per
     * 10,000 children" for looked_after_rate, "Agency social workers" for
     * agency_worker_rate, ...; a name it does not know is returned as
     * written.  Never NULL for a non-NULL name. */
    const char *(*metric_label)(const char *name);

    /* A value in its unit: "7.7%", "68", "1,151", "£4,000,000".  decimals
     * < 0: none for a whole number, else one.  "" for NAN.  Returns buf. */
    const char *(*format_value)(briefing_unit unit, double v, int decimals,
                                char *buf, size_t size);

    /* Appends printf-formatted text to the string in buf (size bytes in all,
     * buf already NUL-terminated).  When it does not fit, the text is cut at
     * a character boundary and ends with "…", so a long summary never
     * breaks a UTF-8 character.  Returns buf. */
    const char *(*append)(char *buf, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
} briefing_analysis_api;

#ifdef __cplusplus
}
#endif

#endif

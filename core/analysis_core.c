#include "analysis_core.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "date.h"
#include "format.h"
#include "labels.h"

/* A month as analysis measures lengths: a twelfth of an average year. */
#define DAYS_PER_MONTH (365.25 / 12.0)

/* Tolerance, as a share of the values compared, under which a metric or its
 * gap to England counts as steady (see docs/internals/analysis.md). */
#define STEADY_SHARE 0.02

/* ---- days -------------------------------------------------------------- */

static int present(briefing_date d)
{
    return d.year != 0;
}

/* Days since 1970-01-01 of a date taken at its first day (H. Hinnant's
 * days_from_civil), so that lengths of time are plain subtractions. */
static long day_of(briefing_date d)
{
    long y = d.year;
    long m = d.month ? d.month : 1;
    long dd = d.day ? d.day : 1;
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* 1 when d is present and on or before as_of (a lower-precision date counts
 * as on or before the full dates it contains). */
static int by_as_of(briefing_date d, briefing_date as_of)
{
    return present(d) && date_compare(d, as_of) <= 0;
}

/* The window of `years` up to as_of: its first day as a date, or an absent
 * date for "all time". */
static briefing_date window_from(briefing_date as_of, int years)
{
    briefing_date from = { 0, 0, 0 };

    if (years > 0 && years < as_of.year) {
        from = as_of;
        from.year -= years;
        if (from.month == 2 && from.day == 29)
            from.day = 28;
    }
    return from;
}

/* ---- inspections ----------------------------------------------------- */

static int analysis_judgement_rank(briefing_judgement j)
{
    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING:
        return 4;
    case BRIEFING_JUDGEMENT_GOOD:
        return 3;
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT:
    case BRIEFING_JUDGEMENT_ADEQUATE:
        return 2;
    case BRIEFING_JUDGEMENT_INADEQUATE:
        return 1;
    case BRIEFING_JUDGEMENT_NONE:
    default:
        return 0;
    }
}

static int analysis_is_full_inspection(const briefing_inspection *i)
{
    if (i == NULL)
        return 0;
    switch (i->type) {
    case BRIEFING_INSPECTION_FULL:
    case BRIEFING_INSPECTION_REINSPECTION:
    case BRIEFING_INSPECTION_SHORT:
        return 1;
    case BRIEFING_INSPECTION_NONE:
        return analysis_judgement_rank(i->judgement) > 0;
    default:
        return 0;
    }
}

enum {
    WANT_JUDGEMENT = 1, /* carries a judgement */
    WANT_FULL = 2       /* is a full inspection */
};

static int inspection_wanted(const briefing_inspection *i, int want)
{
    if ((want & WANT_JUDGEMENT) && analysis_judgement_rank(i->judgement) == 0)
        return 0;
    if ((want & WANT_FULL) && !analysis_is_full_inspection(i))
        return 0;
    return 1;
}

/* The latest inspection on or before as_of with the wanted properties,
 * other than `skip`.  Does not rely on the list's order; of two with the
 * same date the later in the list wins. */
static const briefing_inspection *latest_inspection(const briefing_council *c, briefing_date as_of,
                                                    int want, const briefing_inspection *skip)
{
    const briefing_inspection *best = NULL;
    size_t k;

    if (c == NULL || !present(as_of))
        return NULL;
    for (k = 0; k < c->n_inspections; k++) {
        const briefing_inspection *i = c->inspections[k];

        if (i == NULL || i == skip || !by_as_of(i->date, as_of) || !inspection_wanted(i, want))
            continue;
        if (best == NULL || date_compare(i->date, best->date) >= 0)
            best = i;
    }
    return best;
}

static const briefing_inspection *analysis_current_judgement(const briefing_council *c,
                                                             briefing_date as_of)
{
    return latest_inspection(c, as_of, WANT_JUDGEMENT, NULL);
}

static const briefing_inspection *analysis_last_full_inspection(const briefing_council *c,
                                                                briefing_date as_of)
{
    return latest_inspection(c, as_of, WANT_FULL, NULL);
}

static int analysis_months_since_full_inspection(const briefing_council *c, briefing_date as_of)
{
    const briefing_inspection *i = latest_inspection(c, as_of, WANT_FULL, NULL);

    return i ? date_months_between(i->date, as_of) : -1;
}

/* The latest graded full inspection before `a` that is another inspection:
 * one of the same framework on the same date is `a` listed twice (two
 * files that the merge could not match), never a comparison. */
static const briefing_inspection *previous_distinct(const briefing_council *c,
                                                    const briefing_inspection *a)
{
    const briefing_inspection *best = NULL;

    for (size_t k = 0; k < c->n_inspections; k++) {
        const briefing_inspection *i = c->inspections[k];

        if (i == NULL || i == a || !by_as_of(i->date, a->date)
            || !inspection_wanted(i, WANT_FULL | WANT_JUDGEMENT))
            continue;
        if (i->framework == a->framework && date_compare(i->date, a->date) == 0)
            continue;
        if (best == NULL || date_compare(i->date, best->date) >= 0)
            best = i;
    }
    return best;
}

static briefing_direction analysis_direction_of_travel(const briefing_council *c,
                                                       briefing_date as_of,
                                                       const briefing_inspection **latest,
                                                       const briefing_inspection **previous)
{
    const briefing_inspection *a, *b = NULL;
    int ra, rb;

    a = latest_inspection(c, as_of, WANT_FULL | WANT_JUDGEMENT, NULL);
    if (a)
        b = previous_distinct(c, a);
    if (latest)
        *latest = a;
    if (previous)
        *previous = b;
    if (a == NULL || b == NULL)
        return BRIEFING_DIRECTION_UNKNOWN;
    ra = analysis_judgement_rank(a->judgement);
    rb = analysis_judgement_rank(b->judgement);
    return ra > rb ? BRIEFING_DIRECTION_IMPROVING
         : ra < rb ? BRIEFING_DIRECTION_DECLINING : BRIEFING_DIRECTION_STABLE;
}

/* ---- text -------------------------------------------------------------- */

static const char *analysis_append(char *buf, size_t size, const char *fmt, ...)
{
    static const char ellipsis[] = "\xe2\x80\xa6"; /* U+2026 */
    size_t len, p;
    va_list ap;
    int n;

    if (buf == NULL || size == 0)
        return buf;
    len = strnlen(buf, size);
    if (len >= size) {
        len = size - 1;
        buf[len] = '\0';
    }
    va_start(ap, fmt);
    n = vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
    if (n < 0)
        buf[len] = '\0';
    if (n < 0 || (size_t)n < size - len)
        return buf;
    /* Cut: leave room for the ellipsis, back off to a character's first
     * byte (not a 10xxxxxx continuation byte). */
    p = size - 1 >= sizeof ellipsis - 1 ? size - 1 - (sizeof ellipsis - 1) : size - 1;
    while (p > 0 && ((unsigned char)buf[p] & 0xC0) == 0x80)
        p--;
    if (p + sizeof ellipsis <= size)
        memcpy(buf + p, ellipsis, sizeof ellipsis);
    else
        buf[p] = '\0';
    return buf;
}

/* The judgement as it reads inside a sentence. */
static const char *judgement_word(briefing_judgement j)
{
    switch (j) {
    case BRIEFING_JUDGEMENT_OUTSTANDING:
        return "outstanding";
    case BRIEFING_JUDGEMENT_GOOD:
        return "good";
    case BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT:
        return "requires improvement";
    case BRIEFING_JUDGEMENT_ADEQUATE:
        return "adequate";
    case BRIEFING_JUDGEMENT_INADEQUATE:
        return "inadequate";
    case BRIEFING_JUDGEMENT_NONE:
    default:
        return "not judged";
    }
}

/* Appends one run of equal judgements: "inadequate in 2013 and 2015".
 * years[] holds n distinct years in order. */
static void append_run(char *buf, size_t size, briefing_judgement j, const int *years, size_t n)
{
    size_t k;

    analysis_append(buf, size, "%s in ", judgement_word(j));
    for (k = 0; k < n; k++)
        analysis_append(buf, size, "%s%d", k == 0 ? "" : k + 1 == n ? " and " : ", ", years[k]);
}

static const char *analysis_judgement_history(const briefing_council *c, briefing_date as_of,
                                              char *buf, size_t size)
{
    /* Years of the current run; a run longer than this many distinct years
     * goes on as a new run of the same judgement, which still reads right. */
    enum { RUN_MAX = 16 };
    int years[RUN_MAX];
    size_t n = 0, runs = 0, k;
    briefing_judgement run = BRIEFING_JUDGEMENT_NONE;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (c == NULL || !present(as_of))
        return buf;
    for (k = 0; k < c->n_inspections; k++) {
        const briefing_inspection *i = c->inspections[k];

        if (i == NULL || !by_as_of(i->date, as_of) || !inspection_wanted(i, WANT_FULL | WANT_JUDGEMENT))
            continue;
        if (n > 0 && i->judgement == run && years[n - 1] == i->date.year)
            continue;
        if (n > 0 && (i->judgement != run || n == RUN_MAX)) {
            analysis_append(buf, size, runs++ ? ", " : "Judged ");
            append_run(buf, size, run, years, n);
            n = 0;
        }
        run = i->judgement;
        years[n++] = i->date.year;
    }
    if (n > 0) {
        analysis_append(buf, size, runs++ ? ", " : "Judged ");
        append_run(buf, size, run, years, n);
        analysis_append(buf, size, ".");
    }
    return buf;
}

static const char *analysis_format_months(double months, char *buf, size_t size)
{
    long m, y;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (isnan(months) || months < 0 || months > 1e6)
        return buf;
    m = lround(months);
    if (m < 1)
        snprintf(buf, size, "under a month");
    else if (m < 12)
        snprintf(buf, size, "%ld month%s", m, m == 1 ? "" : "s");
    else if (m % 12 == 0)
        snprintf(buf, size, "%ld year%s", m / 12, m / 12 == 1 ? "" : "s");
    else {
        y = m / 12;
        m %= 12;
        snprintf(buf, size, "%ld year%s and %ld month%s", y, y == 1 ? "" : "s", m, m == 1 ? "" : "s");
    }
    return buf;
}

static const char *analysis_format_length(briefing_date from, briefing_date to, char *buf, size_t size)
{
    int years;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (!present(from) || !present(to) || date_compare(to, from) < 0)
        return buf;
    if (from.month && to.month)
        return analysis_format_months(date_months_between(from, to), buf, size);
    /* A year-only date could stand for any day of it: count years only. */
    years = to.year - from.year;
    if (years < 1)
        snprintf(buf, size, "under a year");
    else if (years == 1)
        snprintf(buf, size, "about a year");
    else
        snprintf(buf, size, "about %d years", years);
    return buf;
}

/* ---- leaders ----------------------------------------------------------- */

static int same_text(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

static int role_matches(const briefing_leader *l, const char *role)
{
    return role == NULL || same_text(l->role, role);
}

static briefing_date analysis_tenure_start(const briefing_leader *l)
{
    briefing_date none = { 0, 0, 0 };

    if (l == NULL)
        return none;
    return present(l->start) ? l->start : l->in_post_on;
}

/* The successor that ends an open tenure: the earliest entry of the same
 * role, held by someone else, that starts strictly later.  NULL if none. */
static const briefing_leader *successor(const briefing_council *c, const briefing_leader *l)
{
    briefing_date from = analysis_tenure_start(l);
    const briefing_leader *best = NULL;
    size_t k;

    if (!present(from))
        return NULL;
    for (k = 0; k < c->n_leaders; k++) {
        const briefing_leader *o = c->leaders[k];
        briefing_date s;

        if (o == NULL || o == l || !same_text(o->role, l->role) || same_text(o->name, l->name))
            continue;
        s = analysis_tenure_start(o);
        if (!present(s) || date_compare(s, from) <= 0)
            continue;
        if (best == NULL || date_compare(s, analysis_tenure_start(best)) < 0)
            best = o;
    }
    return best;
}

static briefing_date analysis_tenure_end(const briefing_council *c, const briefing_leader *l)
{
    briefing_date none = { 0, 0, 0 };
    const briefing_leader *next;

    if (l == NULL)
        return none;
    if (present(l->end) || c == NULL)
        return l->end;
    next = successor(c, l);
    return next ? analysis_tenure_start(next) : none;
}

/* A tenure as days: [from, to) with its boundaries as the data gave them.
 * to is OPEN_END when nothing ends it. */
typedef struct tenure {
    const briefing_leader *leader;
    long from, to;              /* days; to exclusive */
    briefing_date from_date, to_date;
    int open;                   /* no end, no successor */
} tenure;

#define OPEN_END 0x7fffffffL

/* Fills t for l; returns 0 when l has no known start. */
static int tenure_of(const briefing_council *c, const briefing_leader *l, tenure *t)
{
    const briefing_leader *next;

    memset(t, 0, sizeof *t);
    t->leader = l;
    t->from_date = analysis_tenure_start(l);
    if (!present(t->from_date))
        return 0;
    t->from = day_of(t->from_date);
    if (present(l->end)) {
        /* end is the last day in post */
        t->to_date = l->end;
        t->to = day_of(l->end) + 1;
    } else if ((next = successor(c, l)) != NULL) {
        /* the successor's first day is the first day without l */
        t->to_date = analysis_tenure_start(next);
        t->to = day_of(t->to_date);
    } else {
        t->open = 1;
        t->to = OPEN_END;
    }
    if (t->to < t->from) /* a successor dated inside l's first day */
        t->to = t->from;
    return 1;
}

static size_t analysis_leaders_on(const briefing_council *c, const char *role, briefing_date on,
                                  const briefing_leader **out, size_t max)
{
    size_t k, n = 0;
    long day;

    if (c == NULL || !present(on))
        return 0;
    day = day_of(on);
    for (k = 0; k < c->n_leaders; k++) {
        const briefing_leader *l = c->leaders[k];
        tenure t;

        if (l == NULL || !role_matches(l, role) || !tenure_of(c, l, &t))
            continue;
        if (t.from <= day && day < t.to) {
            if (out && n < max)
                out[n] = l;
            n++;
        }
    }
    return n;
}

/* The tenures of `role` that overlap [from, to) days, clipped to it (the
 * clipped boundaries take from_date/to_date as given).  *out is malloc'ed;
 * returns the count, or (size_t)-1 when memory ran out. */
static size_t role_tenures(const briefing_council *c, const char *role, long from, long to,
                           briefing_date from_date, briefing_date to_date, tenure **out)
{
    tenure *ts;
    size_t k, n = 0;

    *out = NULL;
    if (c->n_leaders == 0)
        return 0;
    ts = calloc(c->n_leaders, sizeof *ts);
    if (ts == NULL)
        return (size_t)-1;
    for (k = 0; k < c->n_leaders; k++) {
        const briefing_leader *l = c->leaders[k];
        tenure t;

        if (l == NULL || !role_matches(l, role) || !tenure_of(c, l, &t))
            continue;
        if (t.from >= to || t.to <= from)
            continue;
        if (t.to > to) {
            t.to = to;
            t.to_date = to_date;
        }
        if (t.from < from) {
            t.from = from;
            t.from_date = from_date;
        }
        ts[n++] = t;
    }
    *out = ts;
    return n;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static int cmp_tenure_name(const void *a, const void *b)
{
    const char *x = ((const tenure *)a)->leader->name;
    const char *y = ((const tenure *)b)->leader->name;

    return strcmp(x ? x : "", y ? y : "");
}

/* Fills a full-size result, then copies the members the caller's struct
 * has room for, keeping its own size. */
static int give(void *out, const void *full, size_t full_size, size_t min_size)
{
    size_t want;

    if (out == NULL)
        return -1;
    want = *(const size_t *)out;
    if (want < min_size)
        return -1;
    if (want > full_size)
        want = full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t), want - sizeof(size_t));
    return 0;
}

static int analysis_turnover(const briefing_council *c, const char *role, briefing_date as_of,
                             int years, briefing_turnover *out)
{
    briefing_turnover r;
    tenure *ts = NULL;
    double *months = NULL;
    size_t n, k, m = 0;
    long end;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.median_months = NAN;
    if (c == NULL || !present(as_of) || out == NULL)
        return give(out, &r, sizeof r, sizeof r);
    r.from = window_from(as_of, years);
    end = day_of(as_of) + 1;
    n = role_tenures(c, role, present(r.from) ? day_of(r.from) : -OPEN_END, end,
                     r.from, as_of, &ts);
    if (n == (size_t)-1)
        return -1;
    if (n > 0 && (months = calloc(n, sizeof *months)) == NULL) {
        free(ts);
        return -1;
    }
    r.tenures = n;
    /* Median of whole tenures: measured from the real start, not the
     * window's, and only where the start (not just a sighting) is known. */
    for (k = 0; k < n; k++) {
        tenure t;

        if (!present(ts[k].leader->start) || !tenure_of(c, ts[k].leader, &t))
            continue;
        months[m++] = ((t.to < end ? t.to : end) - t.from) / DAYS_PER_MONTH;
    }
    if (m > 0) {
        qsort(months, m, sizeof *months, cmp_double);
        r.median_months = m % 2 ? months[m / 2] : (months[m / 2 - 1] + months[m / 2]) / 2;
    }
    /* Distinct names: sort by name and count the groups; a group counts
     * as interim when any of its tenures in the window was. */
    if (n > 0)
        qsort(ts, n, sizeof *ts, cmp_tenure_name);
    for (k = 0; k < n;) {
        size_t j;
        int interim = 0;

        for (j = k; j < n && cmp_tenure_name(&ts[k], &ts[j]) == 0; j++)
            interim |= ts[j].leader->interim;
        r.people++;
        r.interim += interim ? 1 : 0;
        k = j;
    }
    free(months);
    free(ts);
    return give(out, &r, sizeof r, sizeof r);
}

/* One change in who covers a role, for the interim sweep. */
typedef struct change {
    long day;
    int permanent; /* +1 / -1 to the count of permanent holders */
    int interim;   /* +1 / -1 to the count of interim holders */
    briefing_date date; /* the date as the data gave it */
    int ongoing;   /* the change is the as_of boundary */
} change;

static int cmp_change(const void *a, const void *b)
{
    const change *x = a, *y = b;

    return (x->day > y->day) - (x->day < y->day);
}

/* Of the changes at one day, the date to show: the most precise one. */
static briefing_date best_date(const change *ch, size_t n, size_t at, size_t *next, int *ongoing)
{
    briefing_date d = ch[at].date;
    size_t k;

    *ongoing = ch[at].ongoing;
    for (k = at; k < n && ch[k].day == ch[at].day; k++) {
        if ((ch[k].date.day && !d.day) || (ch[k].date.month && !d.month))
            d = ch[k].date;
        *ongoing |= ch[k].ongoing;
    }
    *next = k;
    return d;
}

static int analysis_longest_interim_cover(const briefing_council *c, const char *role,
                                          briefing_date as_of, int years, briefing_span *out)
{
    briefing_span r, cur;
    briefing_date from;
    tenure *ts = NULL;
    change *ch = NULL;
    size_t n, k, i, next;
    long end, run_from = 0;
    int perm = 0, interim = 0, in_run = 0;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    if (c == NULL || !present(as_of) || out == NULL)
        return give(out, &r, sizeof r, sizeof r);
    from = window_from(as_of, years);
    end = day_of(as_of) + 1;
    n = role_tenures(c, role, present(from) ? day_of(from) : -OPEN_END, end, from, as_of, &ts);
    if (n == (size_t)-1)
        return -1;
    if (n > 0 && (ch = calloc(2 * n, sizeof *ch)) == NULL) {
        free(ts);
        return -1;
    }
    for (k = 0; k < n; k++) {
        int p = ts[k].leader->interim ? 0 : 1;

        ch[2 * k] = (change){ ts[k].from, p, !p, ts[k].from_date, 0 };
        ch[2 * k + 1] = (change){ ts[k].to, -p, -!p, ts[k].to_date, ts[k].to == end };
    }
    if (n > 0)
        qsort(ch, 2 * n, sizeof *ch, cmp_change);
    memset(&cur, 0, sizeof cur);
    for (i = 0; i < 2 * n; i = next) {
        int ongoing;
        briefing_date d = best_date(ch, 2 * n, i, &next, &ongoing);

        for (k = i; k < next; k++) {
            perm += ch[k].permanent;
            interim += ch[k].interim;
        }
        if (!in_run && perm == 0 && interim > 0) {
            in_run = 1;
            run_from = ch[i].day;
            cur.from = d;
        } else if (in_run && !(perm == 0 && interim > 0)) {
            in_run = 0;
            cur.months = (ch[i].day - run_from) / DAYS_PER_MONTH;
            cur.to = d;
            cur.ongoing = ongoing;
            if (cur.months > r.months) {
                r.months = cur.months;
                r.from = cur.from;
                r.to = cur.to;
                r.ongoing = cur.ongoing;
            }
        }
    }
    free(ch);
    free(ts);
    return give(out, &r, sizeof r, sizeof r);
}

/* ---- interventions ----------------------------------------------------- */

static size_t analysis_interventions_on(const briefing_council *c, briefing_date on,
                                        const briefing_intervention **out, size_t max)
{
    size_t k, n = 0;
    long day;

    if (c == NULL || !present(on))
        return 0;
    day = day_of(on);
    for (k = 0; k < c->n_interventions; k++) {
        const briefing_intervention *v = c->interventions[k];

        if (v == NULL || !present(v->start) || day_of(v->start) > day)
            continue;
        if (present(v->end) && day_of(v->end) < day)
            continue;
        if (out && n < max)
            out[n] = v;
        n++;
    }
    return n;
}

static const char *analysis_interventions_text(const briefing_council *c, briefing_date on,
                                               char *buf, size_t size)
{
    size_t k, n = 0;
    long day;
    char date[64];

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (c == NULL || !present(on))
        return buf;
    day = day_of(on);
    for (k = 0; k < c->n_interventions; k++) {
        const briefing_intervention *v = c->interventions[k];
        const char *label;

        if (v == NULL || !present(v->start) || day_of(v->start) > day ||
            (present(v->end) && day_of(v->end) < day))
            continue;
        label = labels_intervention(v->kind);
        /* The first word is capitalised only at the start of the list. */
        analysis_append(buf, size, "%s%c%s", n ? "; " : "",
                        n && label[0] >= 'A' && label[0] <= 'Z' ? label[0] - 'A' + 'a' : label[0],
                        label + 1);
        if (v->partner)
            analysis_append(buf, size, " with %s", v->partner);
        analysis_append(buf, size, " since %s", date_format(v->start, date, sizeof date));
        n++;
    }
    return buf;
}

static int analysis_months_between(briefing_date a, briefing_date b)
{
    if (!present(a) || !present(b))
        return 0;
    return date_months_between(a, b);
}

/* ---- metrics ----------------------------------------------------------- */

static int metric_wanted(const briefing_metric *m, const char *name, briefing_date as_of)
{
    return m && same_text(m->name, name) && by_as_of(m->period, as_of);
}

static size_t analysis_metric_series(const briefing_council *c, const char *name,
                                     briefing_date as_of, const briefing_metric **out, size_t max)
{
    size_t k, n = 0;

    if (c == NULL || name == NULL || !present(as_of))
        return 0;
    for (k = 0; k < c->n_metrics; k++) {
        if (!metric_wanted(c->metrics[k], name, as_of))
            continue;
        if (out && n < max)
            out[n] = c->metrics[k];
        n++;
    }
    return n;
}

static const briefing_metric *analysis_latest_metric(const briefing_council *c, const char *name,
                                                     briefing_date as_of)
{
    const briefing_metric *best = NULL;
    size_t k;

    if (c == NULL || name == NULL || !present(as_of))
        return NULL;
    for (k = 0; k < c->n_metrics; k++) {
        const briefing_metric *m = c->metrics[k];

        if (metric_wanted(m, name, as_of) && !isnan(m->value)
            && (best == NULL || date_compare(m->period, best->period) >= 0))
            best = m;
    }
    return best;
}

static int analysis_comparable(const briefing_metric *m, double other)
{
    double ratio;

    if (m == NULL || isnan(other) || isnan(m->value))
        return 0;
    switch (m->unit) {
    case BRIEFING_UNIT_COUNT:
    case BRIEFING_UNIT_GBP:
        if (m->value == 0 || other == 0)
            return 0;
        ratio = other / m->value;
        return ratio >= 1.0 / 3 && ratio <= 3;
    default:
        return 1;
    }
}

static int analysis_england_comparable(const briefing_metric *m)
{
    return m != NULL && analysis_comparable(m, m->england);
}

static briefing_trend trend_of(double first, double last)
{
    double change = last - first;
    double tol = STEADY_SHARE * fmax(fabs(first), fabs(last));

    if (fabs(change) <= tol)
        return BRIEFING_TREND_STEADY;
    return change > 0 ? BRIEFING_TREND_RISING : BRIEFING_TREND_FALLING;
}

static int analysis_metric_trend(const briefing_council *c, const char *name, briefing_date as_of,
                                 int periods, briefing_metric_trend *out)
{
    briefing_metric_trend r;
    const briefing_metric *g_first = NULL, *g_last = NULL;
    size_t k, n = 0, skip = 0, seen = 0;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.change = r.gap_first = r.gap_last = NAN;
    if (c == NULL || name == NULL || !present(as_of) || out == NULL)
        return give(out, &r, sizeof r, sizeof r);
    /* The points with a value, counted first so the window is the last
     * `periods` of them. */
    for (k = 0; k < c->n_metrics; k++)
        if (metric_wanted(c->metrics[k], name, as_of) && !isnan(c->metrics[k]->value))
            n++;
    if (periods > 0 && n > (size_t)periods)
        skip = n - (size_t)periods;
    for (k = 0; k < c->n_metrics; k++) {
        const briefing_metric *m = c->metrics[k];

        if (!metric_wanted(m, name, as_of) || isnan(m->value) || seen++ < skip)
            continue;
        if (r.first == NULL)
            r.first = m;
        r.last = m;
        r.periods++;
        if (analysis_england_comparable(m)) {
            if (g_first == NULL)
                g_first = m;
            g_last = m;
        }
    }
    if (r.periods >= 2) {
        r.change = r.last->value - r.first->value;
        r.trend = trend_of(r.first->value, r.last->value);
    }
    r.gap_from = g_first;
    r.gap_to = g_last;
    if (g_first) {
        r.gap_first = g_first->value - g_first->england;
        r.gap_last = g_last->value - g_last->england;
    }
    if (g_first && g_last != g_first) {
        double grew = fabs(r.gap_last) - fabs(r.gap_first);
        double tol = STEADY_SHARE * fabs(g_last->england);

        r.gap = grew > tol ? BRIEFING_GAP_WIDENING
              : grew < -tol ? BRIEFING_GAP_NARROWING : BRIEFING_GAP_STEADY;
    }
    return give(out, &r, sizeof r, sizeof r);
}

static const char *analysis_metric_label(const char *name)
{
    static const struct {
        const char *name, *label;
    } known[] = {
        {"looked_after_children", "Children looked after"},
        {"looked_after_rate", "Children looked after per 10,000 children"},
        {"started_care", "Children who started to be looked after in the year"},
        {"ceased_care", "Children who ceased to be looked after in the year"},
        {"children_in_need_rate", "Children in need per 10,000 children"},
        {"cp_plan_rate", "Children on a child protection plan per 10,000 children"},
        {"social_worker_turnover", "Social worker turnover"},
        {"agency_worker_rate", "Agency social workers"},
        {"vacancy_rate", "Social worker vacancies"},
        {"average_caseload", "Average caseload per social worker"},
        {"children_in_need", "Children in need at 31 March"},
        {"rereferral_percent", "Re-referrals within 12 months"},
        {"cp_plan_subsequent_percent", "Second or subsequent child protection plans"},
        {"cp_plan_two_years_percent", "Child protection plans open two years or more"},
        {"placements_three_or_more_percent", "Children looked after with three or more placements in the year"},
        {"same_carer_two_years_percent", "Children looked after living with the same carer for two years"},
        {"care_leavers_eet_percent", "Care leavers aged 19 to 21 in education, employment or training"},
        {"care_leavers_suitable_accommodation_percent", "Care leavers aged 19 to 21 in suitable accommodation"},
        {"child_population", "Children aged 0 to 17 (ONS mid-year estimate)"},
        {"csc_spend", "Children's social care spend"},
        {"csc_spend_per_child", "Children's social care spend per child"},
    };
    size_t i;

    for (i = 0; name && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(name, known[i].name) == 0)
            return known[i].label;
    return name;
}

static const char *analysis_format_value(briefing_unit unit, double v, int decimals,
                                         char *buf, size_t size)
{
    char num[64];

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (!isfinite(v))
        return buf;
    if (decimals < 0)
        decimals = fabs(v - round(v)) < 0.05 ? 0 : 1;
    format_number(v, decimals, num, sizeof num);
    switch (unit) {
    case BRIEFING_UNIT_PERCENT:
        snprintf(buf, size, "%s%%", num);
        break;
    case BRIEFING_UNIT_GBP:
        snprintf(buf, size, "%s\xc2\xa3%s", num[0] == '-' ? "-" : "", num[0] == '-' ? num + 1 : num);
        break;
    default:
        snprintf(buf, size, "%s", num);
        break;
    }
    return buf;
}

/* ---- what the data gives, and comparisons ------------------------------- */

/* The council's raw entry is the merged JSON (dataset_core.h): a list a source
 * gave is there as an array even when it is empty. */
static int analysis_recorded(const briefing_council *c, const char *list)
{
    const cJSON *raw;

    if (c == NULL || list == NULL)
        return 0;
    if ((strcmp(list, "inspections") == 0 && c->n_inspections) ||
        (strcmp(list, "leaders") == 0 && c->n_leaders) ||
        (strcmp(list, "interventions") == 0 && c->n_interventions) ||
        (strcmp(list, "metrics") == 0 && c->n_metrics) || (strcmp(list, "events") == 0 && c->n_events))
        return 1;
    raw = (const cJSON *)c->raw;
    return raw != NULL && cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(raw, list));
}

static const briefing_metric *analysis_previous_metric(const briefing_council *c,
                                                       const briefing_metric *m, briefing_date as_of)
{
    const briefing_metric *best = NULL;
    size_t k;

    if (c == NULL || m == NULL || !present(as_of))
        return NULL;
    for (k = 0; k < c->n_metrics; k++) {
        const briefing_metric *o = c->metrics[k];

        if (o == m || !metric_wanted(o, m->name, as_of) || isnan(o->value) || o->unit != m->unit ||
            date_compare(o->period, m->period) >= 0)
            continue;
        if (best == NULL || date_compare(o->period, best->period) >= 0)
            best = o;
    }
    return best;
}

/* "a year earlier", "three years earlier", "6 months earlier", or "" when
 * the time between is not a whole number of months. */
static const char *earlier_words(briefing_date then, briefing_date now, char *buf, size_t size)
{
    static const char *const words[] = {"", "a", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten"};
    int months = date_months_between(then, now);

    buf[0] = '\0';
    if (months <= 0 || then.month == 0 || now.month == 0 || then.day != now.day)
        return buf;
    if (months % 12 == 0 && months / 12 < 11)
        snprintf(buf, size, "%s year%s earlier", words[months / 12], months == 12 ? "" : "s");
    else if (months % 12 == 0)
        snprintf(buf, size, "%d years earlier", months / 12);
    else if (months < 12)
        snprintf(buf, size, "%d month%s earlier", months, months == 1 ? "" : "s");
    return buf;
}

static const char *analysis_change_text(const briefing_metric *now, const briefing_metric *then,
                                        int decimals, char *buf, size_t size)
{
    char v[64], date[64], ago[64];
    const char *way;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (now == NULL || then == NULL || isnan(now->value) || isnan(then->value))
        return buf;
    analysis_format_value(then->unit, then->value, decimals, v, sizeof v);
    /* Equal as printed reads as unchanged: "up from 65" beside 65 would not. */
    {
        char w[64];

        analysis_format_value(now->unit, now->value, decimals, w, sizeof w);
        way = strcmp(v, w) == 0 ? "unchanged from" : now->value > then->value ? "up from" : "down from";
    }
    earlier_words(then->period, now->period, ago, sizeof ago);
    snprintf(buf, size, "%s %s %s %s%s%s", way, v, then->period.day ? "on" : "in",
             date_format(then->period, date, sizeof date), *ago ? ", " : "", ago);
    return buf;
}

/* One median for every caller (the sections' neighbours, the standing
 * functions): NANs are figures not given, left out. */
static double analysis_median(const double *v, size_t n)
{
    double small[64], *buf = small;
    size_t k, have = 0;
    double m;

    if (v == NULL || n == 0)
        return NAN;
    if (n > sizeof small / sizeof small[0] && (buf = malloc(n * sizeof *buf)) == NULL)
        return NAN;
    for (k = 0; k < n; k++)
        if (!isnan(v[k]))
            buf[have++] = v[k];
    m = NAN;
    if (have > 0) {
        qsort(buf, have, sizeof *buf, cmp_double);
        m = have % 2 ? buf[have / 2] : (buf[have / 2 - 1] + buf[have / 2]) / 2;
    }
    if (buf != small)
        free(buf);
    return m;
}

static const briefing_council *council_by_code(const briefing_dataset *ds, const char *code)
{
    size_t k;

    for (k = 0; code && k < ds->n_councils; k++)
        if (ds->councils[k] && same_text(ds->councils[k]->code, code))
            return ds->councils[k];
    return NULL;
}

/* The neighbour's figure for m's metric, unit and period, or NAN.  The
 * host sorts a council's metrics by name, then period (dataset_core.h): a binary
 * search finds the first of the name and period, so a hostile file of many
 * councils and points costs little per look-up. */
static double neighbour_value(const briefing_council *n, const briefing_metric *m)
{
    size_t lo = 0, hi, k;

    if (n == NULL)
        return NAN;
    hi = n->n_metrics;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const briefing_metric *o = n->metrics[mid];
        int c = strcmp(o->name ? o->name : "", m->name ? m->name : "");

        if (c == 0)
            c = date_compare(o->period, m->period);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (k = lo; k < n->n_metrics; k++) {
        const briefing_metric *o = n->metrics[k];

        if (!same_text(o->name, m->name) || date_compare(o->period, m->period) != 0)
            break;
        if (o->unit == m->unit && o->period.month == m->period.month && o->period.day == m->period.day &&
            !isnan(o->value))
            return o->value;
    }
    return NAN;
}

static int analysis_neighbour_median(const briefing_dataset *ds, const briefing_council *c,
                                     const briefing_metric *m, briefing_neighbour_median *out)
{
    briefing_neighbour_median r;
    double values[64];
    size_t k;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.median = NAN;
    if (ds == NULL || c == NULL || m == NULL || out == NULL)
        return give(out, &r, sizeof r, sizeof r);
    r.neighbours = c->n_statistical_neighbours;
    /* DfE's model gives ten; a list longer than 64 is no such model, and
     * bounds the work a hostile file can ask for. */
    if ((m->unit != BRIEFING_UNIT_RATE_PER_10K && m->unit != BRIEFING_UNIT_PERCENT) ||
        r.neighbours > sizeof values / sizeof values[0])
        return give(out, &r, sizeof r, sizeof r);
    for (k = 0; k < c->n_statistical_neighbours; k++) {
        double v = neighbour_value(council_by_code(ds, c->statistical_neighbours[k]), m);

        if (!isnan(v))
            values[r.with_value++] = v;
    }
    /* As the DfE source's option did: no figure from fewer than half. */
    if (r.with_value > 0 && r.with_value * 2 >= r.neighbours)
        r.median = analysis_median(values, r.with_value);
    return give(out, &r, sizeof r, sizeof r);
}

/* ---- standing: comparisons as DfE draws them (ABI 1.2) -------------------
 * England, the region, and the median of the statistical neighbours for the
 * same period, with the council's place among them.  Own prefix (standing_)
 * and own helpers: the `neighbours` option of the other sections compares
 * with a median too, and share analysis_median. */

/* The figures the analysis works out per child where a file gives the
 * total: the total of `read` at a period over the council's children aged
 * 0-17 in the ONS mid-year estimate of the year before (DfE's rates at 31
 * March 2025 divide by mid-2024; spend in 2024-25 by mid-2024 too), times
 * `per`.  England's and the region's figures from their own totals. */
#define STANDING_POPULATION "child_population"
#define STANDING_MAX_NEIGHBOURS 64

typedef struct standing_rule {
    const char *name, *read;
    double per;
    briefing_unit unit;
} standing_rule;

static const standing_rule standing_rules[] = {
    {"children_in_need_rate", "children_in_need", 10000.0, BRIEFING_UNIT_RATE_PER_10K},
    {"csc_spend_per_child", "csc_spend", 1.0, BRIEFING_UNIT_GBP},
};

static double standing_per_child(double total, double population, double per)
{
    if (isnan(total) || isnan(population) || population <= 0)
        return NAN;
    return total / population * per;
}

static double standing_rate_per_10k(double count, double population)
{
    return standing_per_child(count, population, 10000.0);
}

/* The council's child_population point for the mid-year before the year
 * `period` falls in (DfE's rates at 31 March 2025 divide by mid-2024). */
static const briefing_metric *standing_population(const briefing_council *c, briefing_date period)
{
    size_t k;

    for (k = 0; c && k < c->n_metrics; k++) {
        const briefing_metric *m = c->metrics[k];

        if (same_text(m->name, STANDING_POPULATION) && m->period.year == period.year - 1
            && !isnan(m->value))
            return m;
    }
    return NULL;
}

/* The rule when `name` is worked out for this council rather than read (a
 * file that gives the figure itself wins); NULL otherwise. */
static const standing_rule *standing_derived(const briefing_council *c, const char *name)
{
    const standing_rule *r = NULL;
    size_t k;

    for (k = 0; name && k < sizeof standing_rules / sizeof standing_rules[0]; k++)
        if (same_text(name, standing_rules[k].name))
            r = &standing_rules[k];
    for (k = 0; r && c && k < c->n_metrics; k++)
        if (same_text(c->metrics[k]->name, r->name))
            return NULL;
    return r;
}

/* The council's point of `name` at exactly `period` (or, when period is
 * absent, its latest on or before as_of), as a standing: value, England,
 * region, metric and population.  0 when it has none. */
static int standing_point(const briefing_council *c, const char *name, briefing_date period,
                          briefing_date as_of, briefing_standing *s)
{
    const standing_rule *derived = standing_derived(c, name);
    const char *read = derived ? derived->read : name;
    size_t k = c ? c->n_metrics : 0;

    s->value = s->england = s->region = NAN;
    s->metric = s->population = NULL;
    while (k-- > 0) { /* newest first: metrics are sorted by name, then period */
        const briefing_metric *m = c->metrics[k];
        const briefing_metric *pop = NULL;

        if (!metric_wanted(m, read, as_of) || isnan(m->value))
            continue;
        if (present(period) && date_compare(m->period, period) != 0)
            continue;
        if (derived && !(pop = standing_population(c, m->period))) {
            if (s->metric == NULL) /* the latest total, kept to say why there is no rate */
                s->metric = m;
            continue;
        }
        s->metric = m;
        s->population = pop;
        s->period = m->period;
        s->unit = derived ? derived->unit : m->unit;
        s->value = derived ? standing_per_child(m->value, pop->value, derived->per) : m->value;
        s->england = derived ? standing_per_child(m->england, pop->england, derived->per) : m->england;
        s->region = derived ? standing_per_child(m->region, pop->region, derived->per) : m->region;
        return 1;
    }
    return 0;
}

static const briefing_council *standing_council(const briefing_dataset *ds, const char *code)
{
    size_t k;

    for (k = 0; ds && code && k < ds->n_councils; k++)
        if (ds->councils[k]->code && strcmp(ds->councils[k]->code, code) == 0)
            return ds->councils[k];
    return NULL;
}

static int analysis_standing(const briefing_dataset *ds, const briefing_council *c, const char *name,
                             briefing_date as_of, briefing_standing *out)
{
    briefing_standing r;
    double nv[STANDING_MAX_NEIGHBOURS];
    size_t k, lower = 0;

    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.value = r.england = r.region = r.median = NAN;
    if (out == NULL || c == NULL || name == NULL || !present(as_of)
        || !standing_point(c, name, (briefing_date){0, 0, 0}, as_of, &r))
        return give(out, &r, sizeof r, sizeof r);
    r.neighbours = c->n_statistical_neighbours;
    for (k = 0; k < c->n_statistical_neighbours && k < STANDING_MAX_NEIGHBOURS; k++) {
        const briefing_council *n = standing_council(ds, c->statistical_neighbours[k]);
        briefing_standing p;

        memset(&p, 0, sizeof p);
        nv[k] = n && standing_point(n, name, r.period, as_of, &p) ? p.value : NAN;
        if (isnan(nv[k]))
            continue;
        r.with_value++;
        lower += nv[k] < r.value;
    }
    if (r.neighbours && r.with_value * 2 >= r.neighbours)
        r.median = analysis_median(nv, k);
    r.ranked = 1 + r.with_value;
    r.position = 1 + lower;
    return give(out, &r, sizeof r, sizeof r);
}

static size_t analysis_standing_series(const briefing_council *c, const char *name, briefing_date as_of,
                                       double *values, briefing_date *periods, size_t max)
{
    briefing_date found[64];
    double v[64];
    size_t k, n = 0, start;

    if (c == NULL || name == NULL || !present(as_of))
        return 0;
    /* The periods the series could have, oldest first (the count's, for a
     * worked-out rate), each looked up as a standing point. */
    const standing_rule *rule = standing_derived(c, name);
    const char *read = rule ? rule->read : name;
    for (k = 0; k < c->n_metrics && n < 64; k++) {
        briefing_standing p;
        const briefing_metric *m = c->metrics[k];

        if (!metric_wanted(m, read, as_of) || (n && date_compare(found[n - 1], m->period) == 0))
            continue;
        memset(&p, 0, sizeof p);
        if (standing_point(c, name, m->period, as_of, &p)) {
            found[n] = p.period;
            v[n++] = p.value;
        }
    }
    start = n > max ? n - max : 0;
    for (k = start; k < n; k++) {
        if (values)
            values[k - start] = v[k];
        if (periods)
            periods[k - start] = found[k];
    }
    return n - start;
}

static briefing_better analysis_better(const char *name)
{
    static const char *const lower[] = {
        "rereferral_percent", "cp_plan_subsequent_percent", "cp_plan_two_years_percent",
        "placements_three_or_more_percent", "social_worker_turnover", "agency_worker_rate",
        "vacancy_rate",
    };
    static const char *const higher[] = {
        "same_carer_two_years_percent", "care_leavers_eet_percent",
        "care_leavers_suitable_accommodation_percent",
    };
    size_t i;

    for (i = 0; name && i < sizeof lower / sizeof lower[0]; i++)
        if (strcmp(name, lower[i]) == 0)
            return BRIEFING_BETTER_LOWER;
    for (i = 0; name && i < sizeof higher / sizeof higher[0]; i++)
        if (strcmp(name, higher[i]) == 0)
            return BRIEFING_BETTER_HIGHER;
    return BRIEFING_BETTER_UNSAID;
}

static const char *ordinal_suffix(size_t n)
{
    if (n % 100 >= 11 && n % 100 <= 13)
        return "th";
    return n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
}

static const char *analysis_position_text(size_t position, size_t ranked, char *buf, size_t size)
{
    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (position == 0 || ranked == 0 || position > ranked)
        return buf;
    if (position == 1)
        snprintf(buf, size, "lowest of %zu", ranked);
    else if (position == ranked)
        snprintf(buf, size, "highest of %zu", ranked);
    else if (position * 2 <= ranked + 1)
        snprintf(buf, size, "%zu%s lowest of %zu", position, ordinal_suffix(position), ranked);
    else
        snprintf(buf, size, "%zu%s highest of %zu", ranked + 1 - position,
                 ordinal_suffix(ranked + 1 - position), ranked);
    return buf;
}

static const char *analysis_compare_text(const char *name, double value, double other, char *buf,
                                         size_t size)
{
    briefing_better b = analysis_better(name);
    double a, o;
    int up;

    if (buf == NULL || size == 0)
        return buf;
    buf[0] = '\0';
    if (isnan(value) || isnan(other))
        return buf;
    a = round(value * 10), o = round(other * 10); /* as published: one decimal at most */
    if (a == o) {
        snprintf(buf, size, "the same");
        return buf;
    }
    up = a > o;
    snprintf(buf, size, "%s%s", up ? "higher" : "lower",
             b == BRIEFING_BETTER_UNSAID ? ""
             : (b == BRIEFING_BETTER_HIGHER) == up ? " (better)" : " (worse)");
    return buf;
}

/* ---- the time axis ------------------------------------------------------ */

/* See analysis_core.h.  Owned here rather than by the session, which only
 * hands the span to the layout: which entries date a council's history is
 * this module's question. */
void analysis_time_axis(const briefing_council *c, briefing_date as_of, briefing_date *from,
                        briefing_date *to)
{
    int first = as_of.year;
    size_t i;

#define ANALYSIS_EARLIER(d) \
    do { if ((d).year && (d).year < first) first = (d).year; } while (0)
    for (i = 0; i < c->n_inspections; i++)
        ANALYSIS_EARLIER(c->inspections[i]->date);
    for (i = 0; i < c->n_leaders; i++) {
        ANALYSIS_EARLIER(c->leaders[i]->start);
        ANALYSIS_EARLIER(c->leaders[i]->in_post_on);
    }
    for (i = 0; i < c->n_interventions; i++)
        ANALYSIS_EARLIER(c->interventions[i]->start);
#undef ANALYSIS_EARLIER
    if (as_of.year - first < 5)
        first = as_of.year - 5;
    from->year = first, from->month = 1, from->day = 1;
    *to = date_last_day(as_of);
}

/* ---- the table --------------------------------------------------------- */

static const struct briefing_analysis_api api = {
    .size = sizeof(struct briefing_analysis_api),
    .judgement_rank = analysis_judgement_rank,
    .is_full_inspection = analysis_is_full_inspection,
    .current_judgement = analysis_current_judgement,
    .last_full_inspection = analysis_last_full_inspection,
    .months_since_full_inspection = analysis_months_since_full_inspection,
    .direction_of_travel = analysis_direction_of_travel,
    .judgement_history = analysis_judgement_history,
    .tenure_start = analysis_tenure_start,
    .tenure_end = analysis_tenure_end,
    .leaders_on = analysis_leaders_on,
    .turnover = analysis_turnover,
    .longest_interim_cover = analysis_longest_interim_cover,
    .interventions_on = analysis_interventions_on,
    .interventions_text = analysis_interventions_text,
    .months_between = analysis_months_between,
    .latest_metric = analysis_latest_metric,
    .metric_series = analysis_metric_series,
    .england_comparable = analysis_england_comparable,
    .comparable = analysis_comparable,
    .metric_trend = analysis_metric_trend,
    .format_months = analysis_format_months,
    .format_length = analysis_format_length,
    .metric_label = analysis_metric_label,
    .format_value = analysis_format_value,
    .append = analysis_append,
    .recorded = analysis_recorded,
    .previous_metric = analysis_previous_metric,
    .change_text = analysis_change_text,
    .neighbour_median = analysis_neighbour_median,
    .median = analysis_median,
    .standing = analysis_standing,
    .standing_series = analysis_standing_series,
    .rate_per_10k = standing_rate_per_10k,
    .better = analysis_better,
    .position_text = analysis_position_text,
    .compare_text = analysis_compare_text,
};

const struct briefing_analysis_api *analysis_api(void)
{
    return &api;
}

/*
 * ofsted: Ofsted's inspection files for local authority children's services.
 *
 * Two layouts, both found by header name (docs/sources.md):
 *   - the history, one row per council with a group of columns per
 *     inspection (SLAC, CPI/CPRI, TLAC, first SIF, SIF re-inspection, first
 *     and second ILACS): sheet LA_inspections_2009-2023 and its sheets for
 *     other sets of councils, which may have fewer columns;
 *   - one row per inspection (publication date, overall effectiveness, the
 *     ILACS judgements, an inspection type when there is one): the outcomes
 *     as at 31 March, the ILACS history, the in-year inspections and visits
 *     ("Inspection/Visit type", "Inspection/Visit date").
 * Every inspection gets its framework and type; grades become the data
 * model's words, the SLAC/CPI/TLAC-era "Requires improvement" becoming
 * "adequate" (the old scale that Ofsted's file shows with the new words);
 * a SLAC's judgement is the worse of its two overall judgements.  Each
 * inspection is filed under the council that existed on its date
 * (src_council_then: the former councils' table's "Dorset" of 2011 is
 * Dorset County Council).  The file's source (id, title, release) is
 * added once its rows are read: the release of a row-per-inspection sheet
 * is the 31 March after its latest on-site date.
 */
#include <string.h>

#include "../common/srcutil.h"

/* ---- the columns ----------------------------------------------------------- */

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

typedef struct sub_spec {
    const char *name;           /* data-model sub-judgement */
    const char *const *headers; /* accepted header names */
} sub_spec;

/* A group of columns describing one inspection. */
typedef struct group_spec {
    const char *framework;
    const char *type;               /* NULL: from type_col, or absent */
    int pre2013;                    /* "Requires improvement" means adequate */
    const char *const *date;        /* publication date */
    const char *const *from;        /* first day on site, or NULL */
    const char *const *type_col;    /* inspection type, or NULL */
    const char *const *overall;     /* overall effectiveness, or NULL */
    sub_spec subs[7];
} group_spec;

#define H_LEADERS NAMES("The impact of leaders on social work practice with children and families", \
                        "Impact of leaders", "The impact of leaders")
#define H_HELP NAMES("The experiences and progress of children who need help and protection", \
                     "Children who need help and protection")
#define H_CIC NAMES("The experiences and progress of children in care", \
                    "The experiences and progress of children in care and care leavers", \
                    "Children in care")
#define H_LEAVERS NAMES("The experiences and progress of care leavers", "Care leavers")

static const group_spec HISTORY[] = {
    {"safeguarding_lac", "full", 1,
     NAMES("Safeguarding & Looked After Children (SLAC) Inspection publication date",
           "SLAC Inspection publication date", "SLAC publication date"),
     NULL, NULL, NULL,
     {{"safeguarding", NAMES("SLAC Safeguarding Overall effectiveness (OE)")},
      {"looked_after", NAMES("SLAC Looked After Children Overall Effectiveness (OE)")}}},
    {"safeguarding_lac", "reinspection", 1,
     NAMES("SLAC re-inspection of Safeguarding publication date"), NULL, NULL, NULL,
     {{"safeguarding", NAMES("SLAC re-inspection Safeguarding OE")}}},
    {"safeguarding_lac", "reinspection", 1,
     NAMES("SLAC re-inspection of services for Children Looked After publication date"), NULL, NULL,
     NULL,
     {{"looked_after", NAMES("SLAC re-inspection of services Children Looked After OE")}}},
    {"child_protection", "full", 1, NAMES("Child Protection Inspections (CPI) publication date",
                                          "CPI publication date"),
     NULL, NULL, NAMES("CPI Overall Effectiveness (OE)"), {{NULL, NULL}}},
    {"child_protection", "reinspection", 1,
     NAMES("Child Protection Re-Inspection (CPRI) publication date", "CPRI publication date"), NULL,
     NULL, NAMES("CPRI Overall Effectiveness (OE)"), {{NULL, NULL}}},
    {"looked_after", "full", 1,
     NAMES("Targeted Looked After Children (TLAC) inspection publication date",
           "TLAC inspection publication date", "TLAC publication date"),
     NULL, NULL, NAMES("TLAC Overall Effectiveness (OE)"), {{NULL, NULL}}},
    {"sif", "full", 0,
     NAMES("Single Inspection of LA Children's Services (SIF) First SIF publication date",
           "First SIF publication date"),
     NULL, NULL, NAMES("First SIF Overall Judgement (OE)"),
     {{"help_and_protection", NAMES("First SIF children who need help and protection")},
      {"children_in_care", NAMES("First SIF children looked after and achieving permanence")},
      {"adoption", NAMES("First SIF CLA Sub: Adoption Performance")},
      {"care_leavers", NAMES("First SIF CLA Sub: Experiences and progress of care leavers")},
      {"leadership", NAMES("First SIF leadership, management and governance")},
      {"lscb", NAMES("LSCB Overall Effectiveness", "First SIF LSCB Overall Effectiveness")}}},
    {"sif", "reinspection", 0,
     NAMES("Single Inspection of LA Children's Services (SIF) SIF Re-inspection publication date",
           "SIF Re-inspection publication date"),
     NULL, NULL, NAMES("SIF Re-inspection Overall Judgement (OE)"),
     {{"help_and_protection", NAMES("SIF Re-inspection children who need help and protection")},
      {"children_in_care", NAMES("SIF Re-inspection children looked after and achieving permanence")},
      {"adoption", NAMES("SIF Re-inspection CLA Sub: Adoption Performance")},
      {"care_leavers", NAMES("SIF Re-inspection CLA Sub: Experiences and progress of care leavers")},
      {"leadership", NAMES("SIF Re-inspection leadership, management and governance")}}},
    /* The former councils' table (data/README.md) names the group without
     * "First": they had one ILACS inspection each. */
    {"ilacs", NULL, 0, NAMES("First ILACS framework publication date", "ILACS framework publication date"),
     NULL, NAMES("First ILACS framework inspection type", "ILACS framework inspection type"),
     NAMES("First ILACS framework overall effectiveness", "ILACS framework overall effectiveness"),
     {{"leadership", NAMES("First ILACS framework impact of leaders", "ILACS framework impact of leaders")},
      {"help_and_protection",
       NAMES("First ILACS framework experiences and progress of children who need help and protection",
             "ILACS framework experiences and progress of children who need help and protection")},
      {"children_in_care",
       NAMES("First ILACS framework experiences and progress of children in care and care leavers",
             "First ILACS framework experiences and progress of children in care",
             "ILACS framework experiences and progress of children in care and care leavers",
             "ILACS framework experiences and progress of children in care")},
      {"care_leavers", NAMES("First ILACS framework experiences and progress of care leavers",
                             "ILACS framework experiences and progress of care leavers")}}},
    {"ilacs", NULL, 0, NAMES("Second ILACS framework publication date"), NULL,
     NAMES("Second ILACS framework inspection type"), NAMES("Second ILACS framework overall effectiveness"),
     {{"leadership", NAMES("Second ILACS framework impact of leaders")},
      {"help_and_protection",
       NAMES("Second ILACS framework experiences and progress of children who need help and protection")},
      {"children_in_care",
       NAMES("Second ILACS framework experiences and progress of children in care",
             "Second ILACS framework experiences and progress of children in care and care leavers")},
      {"care_leavers", NAMES("Second ILACS framework experiences and progress of care leavers")}}},
};
#define N_HISTORY (sizeof HISTORY / sizeof HISTORY[0])

/* One inspection per row: outcomes as at 31 March, ILACS history, the
 * in-year inspections and visits (whose columns say "Inspection/Visit"). */
static const group_spec ROWS = {
    "ilacs", NULL, 0, NAMES("Publication date", "Published", "Report publication date"),
    NAMES("Inspection date", "Inspection start date", "Start date", "Inspection/Visit date",
          "Inspection / Visit date", "Inspection or visit date", "Visit date"),
    NAMES("Inspection type", "Type of inspection", "Visit type", "Inspection/Visit type",
          "Inspection / Visit type", "Inspection or visit type"),
    NAMES("Overall effectiveness", "Overall effectiveness judgement"),
    {{"leadership", H_LEADERS},
     {"help_and_protection", H_HELP},
     {"children_in_care", H_CIC},
     {"care_leavers", H_LEAVERS}}};

#define K_CODE NAMES("Local authority area code", "LA code", "Local authority code", "new_la_code", "GSS code")
#define K_NUMBER NAMES("old_la_code", "LA number", "DfE number", "DfE LA number")
#define K_NAME NAMES("Local authority name", "Local authority", "LA name", "la_name")
#define K_URL NAMES("Web link", "Report link", "URL")
#define K_STATUS NAMES("Local authority status")
#define K_THEME NAMES("Visit theme", "Visit Theme")

/* ---- one group's columns in this file ---------------------------------------- */

typedef struct group_cols {
    const group_spec *spec;
    int date, from, type, overall;
    int subs[7];
} group_cols;

static void find_group(const briefing_host *h, briefing_csv *r, const group_spec *g, group_cols *c)
{
    c->spec = g;
    c->date = h->csv->column(r, g->date);
    c->from = g->from ? h->csv->column(r, g->from) : -1;
    c->type = g->type_col ? h->csv->column(r, g->type_col) : -1;
    c->overall = g->overall ? h->csv->column(r, g->overall) : -1;
    for (int i = 0; i < 7; i++)
        c->subs[i] = g->subs[i].name ? h->csv->column(r, g->subs[i].headers) : -1;
}

/* ---- reading a group of cells ------------------------------------------------- */

typedef struct reader {
    const briefing_host *h;
    briefing_ctx *ctx;
    briefing_csv *r;
    briefing_json *dataset;
    const char *source_id;
    int code, number, name, url; /* council and link columns */
    char latest_on_site[11];     /* the latest on-site date read, "" for none */
} reader;

/* Framework and type from an "Inspection type" cell; *visit set for visits
 * that carry no judgement. */
static int inspection_kind(reader *rd, const group_cols *c, const char **framework,
                           const char **type, int *visit)
{
    const char *t = rd->h->csv->field(rd->r, c->type);
    *framework = c->spec->framework;
    *type = c->spec->type;
    *visit = 0;
    if (c->type < 0 || !*t)
        return BRIEFING_OK;
    if (rd->h->ofsted_inspection_type(t, framework, type, visit) < 0)
        return rd->h->csv->error(rd->r, c->type,
                                 "\"%s\" is not an inspection type (expected \"ILACS Standard Inspection\", "
                                 "\"ILACS Short Inspection\", a focused or monitoring visit, or a JTAI)",
                                 t);
    return BRIEFING_OK;
}

/* Reads the grade in column col (absent column or empty cell: *grade NULL). */
static int grade_at(reader *rd, int col, int pre2013, const char **grade)
{
    const char *v = rd->h->csv->field(rd->r, col);
    *grade = NULL;
    if (col < 0 || rd->h->ofsted_grade(v, pre2013, grade) >= 0)
        return BRIEFING_OK;
    return rd->h->csv->error(rd->r, col,
                             "\"%s\" is not a grade (expected Outstanding, Good, Requires improvement to "
                             "be good, Adequate, Inadequate, or an empty cell)",
                             v);
}

/* An inspection of this council with this date, framework and type added
 * earlier from the same row (SLAC's two re-inspections published the same
 * day are one inspection), or from another sheet of the same workbook (the
 * outcomes sheet, without a type, restates the history sheet's latest
 * inspection): a missing type matches any, as when files are merged. */
static briefing_json *same_inspection(reader *rd, briefing_json *list, const char *date,
                                      const char *framework, const char *type)
{
    const briefing_json_api *j = rd->h->json;
    for (size_t i = 0; i < j->count(list); i++) {
        briefing_json *in = j->at_mut(list, i);
        const char *d = j->string(j->get(in, "date")), *f = j->string(j->get(in, "framework")),
                   *t = j->string(j->get(in, "type"));
        if (d && f && strcmp(d, date) == 0 && strcmp(f, framework) == 0 &&
            (!t || !type || strcmp(t, type) == 0))
            return in;
    }
    return NULL;
}

/* Rank of a data-model grade word: 1 inadequate ... 4 outstanding, 0 none. */
static int grade_rank(const char *g)
{
    if (!g)
        return 0;
    if (strcmp(g, "inadequate") == 0)
        return 1;
    if (strcmp(g, "requires_improvement") == 0 || strcmp(g, "adequate") == 0)
        return 2;
    return strcmp(g, "good") == 0 ? 3 : strcmp(g, "outstanding") == 0 ? 4 : 0;
}

/* A SLAC inspection gave two overall judgements (safeguarding; services for
 * looked-after children) and no single one: its `judgement` is the worse of
 * the two it has (docs/sources.md), both staying as sub-judgements, so that
 * an inadequate one counts in the history, the timeline and the direction
 * of travel. */
static int slac_overall(reader *rd, briefing_json *in)
{
    const briefing_json_api *j = rd->h->json;
    const briefing_json *subs = j->get(in, "sub_judgements");
    const char *worst = NULL;
    static const char *const PARTS[] = {"safeguarding", "looked_after"};
    for (int i = 0; i < 2; i++) {
        const char *g = j->string(j->get(subs, PARTS[i]));
        if (grade_rank(g) && (!worst || grade_rank(g) < grade_rank(worst)))
            worst = g;
    }
    if (worst && !j->add_string(in, "judgement", worst))
        return BRIEFING_ERR_NOMEM;
    return BRIEFING_OK;
}

/* An inspection met again in another sheet of the workbook: it gains the
 * type that sheet gives, and cites it too. */
static int also_from(reader *rd, briefing_json *in, const char *type)
{
    const briefing_json_api *j = rd->h->json;
    if (type && !j->get(in, "type") && !j->add_string(in, "type", type))
        return BRIEFING_ERR_NOMEM;
    briefing_json *cites = j->get_mut(in, "cites");
    if (!cites)
        return BRIEFING_OK;
    for (size_t i = 0; i < j->count(cites); i++) {
        const char *id = j->string(j->at(cites, i));
        if (id && strcmp(id, rd->source_id) == 0)
            return BRIEFING_OK;
    }
    return j->add_string(cites, NULL, rd->source_id) ? BRIEFING_OK : BRIEFING_ERR_NOMEM;
}

/* Adds the inspection a group of cells describes, if its date is there. */
static int read_group(reader *rd, const group_cols *c, const briefing_council_info *info)
{
    const briefing_host *h = rd->h;
    const briefing_json_api *j = h->json;
    char date[11], from[11];
    const char *framework, *type, *overall = NULL, *grades[7] = {NULL};
    int visit, rc, any = 0;

    int dr = src_date(h, h->csv->field(rd->r, c->date), date);
    if (dr < 0)
        return h->csv->error(rd->r, c->date, "\"%s\" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
                             h->csv->field(rd->r, c->date));
    int fr = src_date(h, h->csv->field(rd->r, c->from), from);
    if (c->from >= 0 && fr < 0)
        return h->csv->error(rd->r, c->from, "\"%s\" is not a date (expected YYYY-MM-DD or DD/MM/YYYY)",
                             h->csv->field(rd->r, c->from));
    if ((rc = inspection_kind(rd, c, &framework, &type, &visit)) != 0)
        return rc;
    if ((rc = grade_at(rd, c->overall, c->spec->pre2013, &overall)) != 0)
        return rc;
    any = overall != NULL;
    for (int i = 0; i < 7; i++) {
        if ((rc = grade_at(rd, c->subs[i], c->spec->pre2013, &grades[i])) != 0)
            return rc;
        any |= grades[i] != NULL;
    }
    if (dr == 0) {
        if (any)
            return h->csv->error(rd->r, c->date, "a judgement is given but no publication date");
        return BRIEFING_OK; /* no such inspection */
    }
    /* A row-per-inspection file without a type column may reach back
     * before ILACS (November 2017): then it is a SIF inspection. */
    if (c->spec == &ROWS && c->type < 0 && strcmp(date, "2018-01-01") < 0)
        framework = "sif";
    /* The council that existed then: the former councils' table names
     * Dorset County Council "Dorset", today's unitary's name. */
    const briefing_council_info *then = src_council_then(h, info, fr > 0 ? from : date);
    if (!then)
        return h->csv->error(rd->r, c->date,
                             "%s did not exist on %s, and it replaced several councils: give the code "
                             "of the council inspected (the register of councils names the former ones)",
                             info->name, date);
    info = then;
    if (fr > 0 && strcmp(from, rd->latest_on_site) > 0)
        memcpy(rd->latest_on_site, from, sizeof from);

    briefing_json *council = NULL, *list, *in;
    if ((council = h->council_entry(rd->ctx, rd->dataset, info)) == NULL)
        return BRIEFING_ERR_NOMEM;
    if (!(list = src_array(h, council, "inspections")))
        return BRIEFING_ERR_NOMEM;
    in = same_inspection(rd, list, date, framework, type);
    if (!in) {
        if (!(in = j->add_object(list, NULL)) || !j->add_string(in, "date", date) ||
            !j->add_string(in, "framework", framework) || (type && !j->add_string(in, "type", type)) ||
            (fr > 0 && !j->add_string(in, "inspected_from", from)) ||
            (overall && !j->add_string(in, "judgement", overall)) ||
            (visit && !overall && !j->add_null(in, "judgement")))
            return BRIEFING_ERR_NOMEM;
        const char *url = h->csv->field(rd->r, rd->url);
        if (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0)
            if (!j->add_string(in, "url", url))
                return BRIEFING_ERR_NOMEM;
        if ((rc = src_cite(h, in, rd->source_id)) != 0)
            return rc;
    } else if ((rc = also_from(rd, in, type)) != 0) {
        return rc;
    }
    briefing_json *subs = NULL;
    for (int i = 0; i < 7; i++) {
        if (!grades[i])
            continue;
        if (!subs && !(subs = j->get_mut(in, "sub_judgements")) &&
            !(subs = j->add_object(in, "sub_judgements")))
            return BRIEFING_ERR_NOMEM;
        if (!j->add_string(subs, c->spec->subs[i].name, grades[i]))
            return BRIEFING_ERR_NOMEM;
    }
    return strcmp(framework, "safeguarding_lac") == 0 ? slac_overall(rd, in) : BRIEFING_OK;
}

/* ---- the file ------------------------------------------------------------------ */

/* The last four-digit year (19xx or 20xx) in the file's name, or 0: the
 * release a download belongs to ("..._at_31_march_2025.csv"). */
static int year_in_name(const char *path)
{
    const char *base = strrchr(path, '/');
    int year = 0;
    base = base ? base + 1 : path;
    for (const char *p = base; p[0] && p[1] && p[2] && p[3]; p++) {
        int is_year = (p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0');
        for (int i = 2; i < 4; i++)
            is_year &= p[i] >= '0' && p[i] <= '9';
        if (is_year && !(p[4] >= '0' && p[4] <= '9') && (p == base || !(p[-1] >= '0' && p[-1] <= '9')))
            year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
    }
    return year;
}

/* What a file is, by its layout: its source id and the start of its title. */
enum file_kind { F_HISTORY, F_OUTCOMES, F_ILACS_HISTORY, F_IN_YEAR };

static const struct {
    const char *id, *title;
} KINDS[] = {
    [F_HISTORY] = {"ofsted-la-inspections-2009-2023", "Local authority children's services inspections since "
                                                      "2009 (Children's social care data in England"},
    [F_OUTCOMES] = {"ofsted-la-inspection-outcomes", "Local authority inspection outcomes as at 31 March"},
    [F_ILACS_HISTORY] = {"ofsted-ilacs-inspection-history",
                         "ILACS inspection history (Local authority inspection outcomes as at 31 March"},
    [F_IN_YEAR] = {"ofsted-in-year-inspections", "Local authority in-year inspection activity"},
};

/* The kind of file: the history's column groups; else a sheet with visits
 * (its type column says "visit", or it has a visit theme: the in-year
 * sheet); else one with an inspection type (the ILACS history); else the
 * outcomes as at 31 March. */
static enum file_kind kind_of(reader *rd, const group_cols *g, int history)
{
    if (history)
        return F_HISTORY;
    if (g->type >= 0 && (src_contains(rd->h->csv->header(rd->r, g->type), "visit") ||
                         rd->h->csv->column(rd->r, K_THEME) >= 0))
        return F_IN_YEAR;
    return g->type >= 0 ? F_ILACS_HISTORY : F_OUTCOMES;
}

/* The release: Ofsted's outcomes are "as at 31 March" of the year that the
 * latest on-site date read falls before (a visit of 26 March 2025 is in the
 * release as at 31 March 2025), when the file gives on-site dates; else the
 * last year in the file's name; else 0. */
static int release_year(const reader *rd, const char *path)
{
    const char *d = rd->latest_on_site;
    if (!d[0])
        return year_in_name(path);
    int year = atoi(d);
    return strcmp(d + 5, "03-31") > 0 ? year + 1 : year;
}

/* The sources entry for the file, once its rows are read. */
static int add_source(reader *rd, const char *path, enum file_kind kind)
{
    char title[256], url[256];
    int year = kind == F_HISTORY ? year_in_name(path) : release_year(rd, path);
    const char *release = kind == F_HISTORY ? "childrens-social-care-data-in-england"
                                            : "local-authority-inspection-outcomes-as-at-31-march";
    if (kind == F_IN_YEAR && year)
        snprintf(title, sizeof title, "%s %d-%02d (Local authority inspection outcomes as at 31 March %d)",
                 KINDS[kind].title, year - 1, year % 100, year);
    else
        snprintf(title, sizeof title, "%s%s%.0d%s", KINDS[kind].title, year ? " " : "", year,
                 kind == F_HISTORY || kind == F_ILACS_HISTORY ? ")" : "");
    snprintf(url, sizeof url, "https://www.gov.uk/government/statistics/%s-%d", release, year);
    return src_add_source(rd->h, rd->dataset, rd->source_id, title, "Ofsted", year ? url : NULL);
}

/* Finds the layout: the history's column groups, else one inspection per
 * row.  Returns how many groups were found (0: neither layout). */
static size_t find_layout(reader *rd, group_cols *groups, int *history)
{
    size_t n = 0;
    for (size_t i = 0; i < N_HISTORY; i++) {
        find_group(rd->h, rd->r, &HISTORY[i], &groups[n]);
        if (groups[n].date >= 0)
            n++;
    }
    *history = n > 0;
    if (n == 0) {
        find_group(rd->h, rd->r, &ROWS, &groups[0]);
        if (groups[0].date >= 0)
            n = 1;
    }
    return n;
}

/* Reads the rows of one table, the reader on its header row: a CSV file,
 * or a table of a workbook's sheet.  *known is 0 (nothing read, nothing
 * recorded) when its columns are of neither layout. */
static int read_table(reader *rd, const char *path, int *known)
{
    const briefing_host *h = rd->h;
    group_cols groups[N_HISTORY];
    size_t n_groups;
    int history, rc, skipped = 0;

    rd->code = h->csv->column(rd->r, K_CODE);
    rd->number = h->csv->column(rd->r, K_NUMBER);
    rd->name = h->csv->column(rd->r, K_NAME);
    rd->url = h->csv->column(rd->r, K_URL);
    n_groups = find_layout(rd, groups, &history);
    *known = n_groups > 0;
    if (n_groups == 0)
        return BRIEFING_OK;
    if (rd->code < 0 && rd->number < 0 && (rc = src_require(h, rd->ctx, rd->r, K_NAME, &rd->name)) != 0)
        return rc;
    enum file_kind kind = kind_of(rd, &groups[0], history);
    rd->source_id = KINDS[kind].id;
    rd->latest_on_site[0] = '\0'; /* each table (sheet) is a release of its own */
    while ((rc = h->csv->next(rd->r)) == 1) {
        const briefing_council_info *info;
        if ((rc = src_row_council(h, rd->r, rd->code, rd->number, rd->name, &info)) != 0)
            return rc;
        if (!info) {
            skipped++;
            continue;
        }
        for (size_t g = 0; g < n_groups; g++)
            if ((rc = read_group(rd, &groups[g], info)) != 0)
                return rc;
    }
    if (rc == 0)
        rc = add_source(rd, path, kind);
    if (skipped && rc == 0)
        h->log(rd->ctx, BRIEFING_LOG_INFO, "%s%s%s%s: %d row%s naming two councils at once left out", path,
               *h->csv->sheet(rd->r) ? " (sheet \"" : "", h->csv->sheet(rd->r),
               *h->csv->sheet(rd->r) ? "\")" : "", skipped, skipped == 1 ? "" : "s");
    return rc;
}

/* The names that mark a sheet's header row: any council column. */
static void header_keys(const char **keys, size_t cap)
{
    const char *const *lists[] = {K_CODE, K_NUMBER, K_NAME};
    src_join_names(keys, cap, lists, 3);
}

/* Reads every table of every sheet of an ODS workbook whose columns are of
 * a known layout (the outcomes workbook's three data sheets; the 2009-2023
 * sheet's current councils, then its former councils under a header row of
 * their own); sheets of other shapes (cover, notes) are passed over. */
static int read_workbook(reader *rd, const char *path)
{
    const briefing_host *h = rd->h;
    src_sheets sheets = {0};
    const char *keys[64];
    int rc, tables = 0;
    header_keys(keys, sizeof keys / sizeof keys[0]);
    if ((rc = src_list_sheets(h, rd->ctx, path, &sheets)) != 0)
        goto out;
    for (size_t i = 0; rc == 0 && i < sheets.n; i++) {
        if ((rc = h->csv->open_sheet(rd->ctx, path, sheets.name[i], keys, &rd->r)) != 0 || !rd->r)
            continue;
        do {
            int known = 0;
            if ((rc = read_table(rd, path, &known)) != 0)
                break;
            tables += known;
            if (!known) /* a table of another kind: its rows are passed over */
                while ((rc = h->csv->next(rd->r)) == 1)
                    ;
        } while (rc == 0 && (rc = h->csv->next_table(rd->r)) == 1);
        h->csv->close(rd->r);
        rd->r = NULL;
    }
    if (rc == 0 && tables == 0) {
        char list[1024];
        src_sheet_list(&sheets, list, sizeof list);
        rc = h->error(rd->ctx, BRIEFING_ERR_DATA,
                      "%s: no sheet of this workbook holds Ofsted's inspection columns (\"Publication "
                      "date\", or the 2009-2023 history's such as \"First SIF publication date\"); its "
                      "sheets are %s",
                      path, list);
    }
out:
    src_sheets_free(&sheets);
    return rc;
}

static int ofsted_read(const briefing_host *h, briefing_ctx *ctx, const char *path,
                       briefing_json *dataset)
{
    reader rd = {.h = h, .ctx = ctx, .dataset = dataset};
    int rc, known = 0;

    if ((rc = src_check_host(h, ctx)) != 0)
        return rc;
    if (src_path_is_workbook(h, path))
        return read_workbook(&rd, path);
    if ((rc = h->csv->open(ctx, path, &rd.r)) != 0)
        return rc;
    rc = read_table(&rd, path, &known);
    if (rc == 0 && !known)
        rc = h->csv->error(rd.r, -1,
                           "not an Ofsted inspection file: expected a \"Publication date\" column, or "
                           "the 2009-2023 history's columns such as \"First SIF publication date\"");
    h->csv->close(rd.r);
    return rc;
}

/* 1 when a sheet's name is one of Ofsted's inspection sheets'
 * ("Inspections_as_at_31_March", "In-year_inspections",
 * "ILACS_inspection_history", "LA_inspections_2009-2023", ...). */
static int inspection_sheet(void *arg, const char *name)
{
    (void)arg;
    return src_contains(name, "inspection") ? 1 : 0;
}

static int ofsted_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                            const unsigned char *head, size_t len)
{
    char line[4096];
    if (!SRC_SERVED(h))
        return 0;
    if (src_is_workbook(h, head, len)) /* a sheet named for inspections: read by headers */
        return h->csv->sheets(ctx, path, inspection_sheet, NULL) == 1 ? 90 : 0;
    h->header_line(head, len, line, sizeof line);
    int council = strstr(line, "local authority") || strstr(line, "la name") || strstr(line, "la code");
    if (council && (strstr(line, "slac") || strstr(line, "first sif") || strstr(line, "first ilacs")))
        return 95;
    if (council && strstr(line, "overall effectiveness") && strstr(line, "publication date"))
        return 90;
    return 0;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "ofsted",
    .version = "1.0.0",
    .description = "Ofsted's inspection files: the 2009-2023 history, outcomes as at 31 March, ILACS history",
    .recognise = ofsted_recognise,
    .read = ofsted_read,
};

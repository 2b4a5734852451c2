/*
 * outturn: the revenue outturn workbook (RO3, social care and public health),
 * published as ODS for every English authority, read by the dfe source.
 *
 * The data sheet (RO3_LA_Data_202425 for 2024-25) has a title and notes
 * above its header row, then one row per authority (councils, but also
 * shire districts, police, fire, park, waste and combined authorities, and
 * an England row), then blank rows and a second table (totals by class of
 * authority) under a header row of its own, and at the bottom a hidden row
 * of column codes ("RO3-csctot-tot-exp").  Figures are in thousands of
 * pounds; "[x]" marks a return not received.
 *
 * What is read: each council's total children's social care expenditure,
 * as the metric csc_spend in pounds (the file's thousands times 1,000) for
 * the financial year, period YYYY-03-31 at its end.  The column is found by
 * its header text, else by its code in the hidden row.  Councils by their
 * ONS code; other authorities and the totals table are left out.  Each
 * point gets `england` (the England row's total) and `region` (the sum of
 * the region's councils, only when every council of the region in the
 * register gave a return: a region short of one, such as the West Midlands
 * without Birmingham's in 2024-25, gets none rather than a total too small),
 * so that spend per child can be set beside England's and the region's as
 * DfE's dashboard does.
 */
#include "outturn.h"

#include <math.h>
#include <string.h>

#include "../common/srcutil.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

#define K_ROW NAMES("E-code", "ONS code", "ONS Code")
#define K_ONS NAMES("ONS code", "ONS Code", "GSS code")
#define K_NAME NAMES("Local authority", "Authority", "Local authority name")
#define K_TOTAL NAMES("TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)", \
                      "TOTAL CHILDREN SOCIAL CARE - Total Expenditure")
#define K_TOTAL_CODE NAMES("RO3-csctot-tot-exp")

#define SOURCE_ID "mhclg-revenue-outturn-ro3"
#define ENGLAND_CODE "E92000001"
#define MAX_REGIONS 16
#define MAX_POINTS 512

/* What the table's rows add up to, for the England and region figures
 * written on each council's point once the table is read. */
typedef struct totals {
    double england; /* NAN until the England row */
    const char *region[MAX_REGIONS];
    double sum[MAX_REGIONS];
    size_t n_regions;
    briefing_json *point[MAX_POINTS];
    const briefing_council_info *of[MAX_POINTS];
    size_t n_points;
} totals;

/* 1 when a header reads as children's social care's total expenditure:
 * "TOTAL CHILDREN SOCIAL CARE - Total Expenditure (C3 = C1 + C2)" and
 * spellings close to it ("Total children's social care: total
 * expenditure"). */
static int total_header(const char *h)
{
    while (*h == ' ')
        h++;
    return src_lower((unsigned char)h[0]) == 't' && src_contains(h, "total children") &&
           src_contains(h, "social care") && src_contains(h, "total expenditure");
}

/* The column of the total, by header text; -1 when none. */
static int total_by_header(const briefing_host *h, briefing_csv *r)
{
    int col = h->csv->column(r, K_TOTAL);
    for (size_t i = 0; col < 0 && i < h->csv->columns(r); i++)
        if (total_header(h->csv->header(r, (int)i)))
            col = (int)i;
    return col;
}

/* The column of the total by its code in the sheet's hidden code row (a
 * second pass over the sheet); -1 when there is none. */
static int total_by_code(const briefing_host *h, briefing_ctx *ctx, const char *path, const char *sheet,
                         int *col)
{
    briefing_csv *codes = NULL;
    *col = -1;
    int rc = h->csv->open_sheet(ctx, path, sheet, K_TOTAL_CODE, &codes);
    if (rc == 0 && codes)
        *col = h->csv->column(codes, K_TOTAL_CODE);
    h->csv->close(codes);
    return rc;
}

/* The year the financial year ends in, from the sheet's name
 * ("RO3_LA_Data_202425") or the file's ("..._2024-25_..."); 0 if neither
 * says. */
static int year_end(const char *sheet, const char *path)
{
    const char *names[2] = {sheet, strrchr(path, '/') ? strrchr(path, '/') + 1 : path};
    for (int n = 0; n < 2; n++) {
        const char *s = names[n];
        for (size_t i = 0; s[i]; i++) {
            const char *p = s + i;
            int ok = (p[0] == '2' && p[1] == '0') && p[2] >= '0' && p[2] <= '9' && p[3] >= '0' &&
                     p[3] <= '9';
            if (!ok)
                continue;
            int y = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
            const char *q = p[4] == '-' || p[4] == '_' ? p + 5 : p + 4;
            if (q[0] >= '0' && q[0] <= '9' && q[1] >= '0' && q[1] <= '9' && !(q[2] >= '0' && q[2] <= '9') &&
                (q[0] - '0') * 10 + (q[1] - '0') == (y + 1) % 100)
                return y + 1;
        }
    }
    return 0;
}

/* A figure in thousands: "[x]" and the other codes leave it out (0). */
static int figure(const char *text, double *out)
{
    char inner[32];
    size_t n = strlen(text);
    if (n >= 3 && n < sizeof inner && text[0] == '[' && text[n - 1] == ']') {
        memcpy(inner, text + 1, n - 2);
        inner[n - 2] = '\0';
        text = inner;
        if (src_value(text, out) >= 0)
            return 0; /* "[x]", "[c]", ... a code, whatever is inside */
    }
    return src_value(text, out);
}

/* 1 when an ONS code is of a council with children's services: a county,
 * metropolitan district, London borough or unitary authority. */
static int council_code(const char *code)
{
    return strncmp(code, "E06", 3) == 0 || strncmp(code, "E08", 3) == 0 || strncmp(code, "E09", 3) == 0 ||
           strncmp(code, "E10", 3) == 0;
}

/* The slot of a region in t, added when new; -1 when there are too many. */
static int region_slot(totals *t, const char *region)
{
    for (size_t i = 0; region && i < t->n_regions; i++)
        if (strcmp(t->region[i], region) == 0)
            return (int)i;
    if (!region || t->n_regions == MAX_REGIONS)
        return -1;
    t->region[t->n_regions] = region;
    t->sum[t->n_regions] = 0;
    return (int)t->n_regions++;
}

/* 1 when every council of `region` in the register (those existing, with
 * children's services) has a point in t. */
static int region_complete(const briefing_host *h, const totals *t, const char *region)
{
    for (size_t i = 0; i < h->councils->count(); i++) {
        const briefing_council_info *c = h->councils->at(i);
        size_t k = 0;
        if (!c || c->former || !c->region || strcmp(c->region, region) != 0 || !council_code(c->code))
            continue;
        while (k < t->n_points && t->of[k] != c)
            k++;
        if (k == t->n_points)
            return 0;
    }
    return 1;
}

/* Writes England's total and each complete region's sum on every point. */
static int add_totals(const briefing_host *h, totals *t)
{
    int complete[MAX_REGIONS];
    for (size_t i = 0; i < t->n_regions; i++)
        complete[i] = region_complete(h, t, t->region[i]);
    for (size_t k = 0; k < t->n_points; k++) {
        int slot = region_slot(t, t->of[k]->region);
        if (!isnan(t->england) && !h->json->add_number(t->point[k], "england", t->england * 1000.0))
            return BRIEFING_ERR_NOMEM;
        if (slot >= 0 && complete[slot] && !h->json->add_number(t->point[k], "region", t->sum[slot] * 1000.0))
            return BRIEFING_ERR_NOMEM;
    }
    return 0;
}

/* Reads the first table of the sheet into the dataset. */
static int read_table(const briefing_host *h, briefing_ctx *ctx, briefing_csv *r, int total, int year,
                      briefing_json *dataset, int *councils)
{
    static totals t; /* a source reads one file at a time: 6 KB kept off the stack */
    int ons, name, rc;
    char period[16];
    snprintf(period, sizeof period, "%04d-03-31", year);
    if ((rc = h->csv->require(r, K_ONS, &ons)) != 0)
        return rc;
    name = h->csv->column(r, K_NAME);
    memset(&t, 0, sizeof t);
    t.england = NAN;
    while ((rc = h->csv->next(r)) == 1) {
        const char *code = h->csv->field(r, ons);
        const briefing_council_info *found[2];
        double v;
        if (strcmp(code, ENGLAND_CODE) == 0 && figure(h->csv->field(r, total), &v) > 0)
            t.england = v;
        if (!council_code(code))
            continue; /* districts, police, fire, parks, waste, England, the code row */
        if (h->councils->resolve(code, found, 2) != 1) {
            h->log(ctx, BRIEFING_LOG_WARN, "%s: sheet \"%s\", row %zu: council %s (%s) is not in the register "
                   "of councils: left out", h->csv->path(r), h->csv->sheet(r), h->csv->line(r), code,
                   h->csv->field(r, name));
            continue;
        }
        int got = figure(h->csv->field(r, total), &v);
        if (got < 0) {
            rc = h->csv->error(r, total, "\"%s\" is not a figure in thousands of pounds (nor a code such "
                               "as [x])", h->csv->field(r, total));
            break;
        }
        if (got == 0)
            continue; /* not received: no figure, never zero */
        briefing_json *council = NULL, *list, *m;
        if ((council = h->council_entry(ctx, dataset, found[0])) == NULL) {
            rc = BRIEFING_ERR_NOMEM;
            break;
        }
        if (!(list = src_array(h, council, "metrics")) || !(m = h->json->add_object(list, NULL)) ||
            !h->json->add_string(m, "name", "csc_spend") || !h->json->add_string(m, "period", period) ||
            !h->json->add_number(m, "value", v * 1000.0) || !h->json->add_string(m, "unit", "gbp") ||
            (rc = src_cite(h, m, SOURCE_ID)) != 0) {
            rc = rc ? rc : BRIEFING_ERR_NOMEM;
            break;
        }
        int slot = region_slot(&t, found[0]->region);
        if (slot >= 0)
            t.sum[slot] += v;
        if (t.n_points < MAX_POINTS) {
            t.point[t.n_points] = m;
            t.of[t.n_points++] = found[0];
        }
        (*councils)++;
    }
    if (rc == 0)
        rc = add_totals(h, &t);
    return rc; /* 0 at the totals table's header or the end: the totals are not read */
}

int outturn_sheet(const char *name) { return src_contains(name, "ro3") && src_contains(name, "data"); }

int outturn_read(const briefing_host *h, briefing_ctx *ctx, const char *path, briefing_json *dataset)
{
    src_sheets sheets = {0};
    int rc, read = 0, councils = 0;
    if ((rc = src_list_sheets(h, ctx, path, &sheets)) != 0)
        goto out;
    for (size_t i = 0; rc == 0 && i < sheets.n; i++) {
        briefing_csv *r = NULL;
        int total, year;
        if ((rc = h->csv->open_sheet(ctx, path, sheets.name[i], K_ROW, &r)) != 0 || !r)
            continue;
        total = total_by_header(h, r);
        if (total < 0 && (rc = total_by_code(h, ctx, path, sheets.name[i], &total)) != 0)
            goto next;
        if (total < 0) /* a sheet of authorities without the total: not this one */
            goto next;
        if (!(year = year_end(sheets.name[i], path))) {
            rc = h->csv->error(r, -1, "no financial year in the sheet's name or the file's (expected e.g. "
                               "RO3_LA_Data_202425 or ..._2024-25_...)");
            goto next;
        }
        char title[200], url[200];
        snprintf(title, sizeof title, "Local authority revenue expenditure and financing: revenue outturn "
                 "%d-%02d, social care and public health (RO3), published in thousands of pounds", year - 1,
                 year % 100);
        snprintf(url, sizeof url, "https://www.gov.uk/government/statistics/local-authority-revenue-"
                 "expenditure-and-financing-england-%d-to-%d-individual-local-authority-data-outturn",
                 year - 1, year);
        if ((rc = src_add_source(h, dataset, SOURCE_ID, title,
                                 "Ministry of Housing, Communities and Local Government", url)) != 0)
            goto next;
        rc = read_table(h, ctx, r, total, year, dataset, &councils);
        read++;
    next:
        h->csv->close(r);
    }
    if (rc == 0 && read == 0) {
        char list[1024];
        src_sheet_list(&sheets, list, sizeof list);
        rc = h->error(ctx, BRIEFING_ERR_DATA,
                      "%s: no sheet of this workbook has a header row with \"ONS code\" and the column "
                      "\"TOTAL CHILDREN SOCIAL CARE - Total Expenditure\" (or the code RO3-csctot-tot-exp); "
                      "its sheets are %s",
                      path, list);
    }
    if (rc == 0)
        h->log(ctx, BRIEFING_LOG_INFO, "%s: children's social care spend of %d councils", path, councils);
out:
    src_sheets_free(&sheets);
    return rc;
}

/*
 * inspections: the council's Ofsted record: the history in a sentence, a
 * judgement timeline, a table of inspections with their judgements, and a
 * table of the judgements by area across the inspections that gave them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/section.h"

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Ofsted inspections", "Heading of the section ({council} is replaced)"},
    {sizeof(briefing_option), "last", BRIEFING_OPTION_NUMBER, "0", "Show only the latest this many inspections (0: all)"},
    {sizeof(briefing_option), "intro", BRIEFING_OPTION_BOOL, "true", "Open with the history in a sentence and the time since the last full inspection"},
    {sizeof(briefing_option), "chart", BRIEFING_OPTION_BOOL, "true", "Draw the judgement timeline"},
    {sizeof(briefing_option), "summaries", BRIEFING_OPTION_BOOL, "true", "Give each inspection's summary in the table"},
    {sizeof(briefing_option), "sub_judgements", BRIEFING_OPTION_BOOL, "true", "Add the table of judgements by area"},
    {sizeof(briefing_option), "note", BRIEFING_OPTION_STRING, NULL, "Small print at the end of the section"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

/* The most inspections drawn or listed: far more than any council has. */
#define MAX_SHOWN 300
/* Inspections side by side in the table of judgements by area. */
#define MAX_AREA_COLUMNS 4

static const char *framework_short(briefing_framework f)
{
    switch (f) {
    case BRIEFING_FRAMEWORK_SAFEGUARDING_LAC: return "SLAC";
    case BRIEFING_FRAMEWORK_CHILD_PROTECTION: return "CPI";
    case BRIEFING_FRAMEWORK_LOOKED_AFTER: return "LAC";
    case BRIEFING_FRAMEWORK_SIF: return "SIF";
    case BRIEFING_FRAMEWORK_ILACS: return "ILACS";
    case BRIEFING_FRAMEWORK_JTAI: return "JTAI";
    default: return NULL;
    }
}

/* "SIF re-inspection", "ILACS focused visit", "Child protection inspection". */
static const char *inspection_name(const briefing_inspection *i, char *buf, size_t size)
{
    const char *fw = NULL, *type = "inspection";

    switch (i->framework) {
    case BRIEFING_FRAMEWORK_SAFEGUARDING_LAC: fw = "Safeguarding and looked-after children"; break;
    case BRIEFING_FRAMEWORK_CHILD_PROTECTION: fw = "Child protection"; break;
    case BRIEFING_FRAMEWORK_LOOKED_AFTER: fw = "Looked-after children"; break;
    case BRIEFING_FRAMEWORK_SIF: fw = "SIF"; break;
    case BRIEFING_FRAMEWORK_ILACS: fw = "ILACS"; break;
    case BRIEFING_FRAMEWORK_JTAI: fw = "Joint targeted area"; break;
    default: break;
    }
    switch (i->type) {
    case BRIEFING_INSPECTION_FULL:
        type = i->framework == BRIEFING_FRAMEWORK_ILACS ? "standard inspection" : "inspection";
        break;
    case BRIEFING_INSPECTION_REINSPECTION: type = "re-inspection"; break;
    case BRIEFING_INSPECTION_SHORT: type = "short inspection"; break;
    case BRIEFING_INSPECTION_FOCUSED_VISIT: type = "focused visit"; break;
    case BRIEFING_INSPECTION_MONITORING_VISIT: type = "monitoring visit"; break;
    case BRIEFING_INSPECTION_JOINT_TARGETED:
        type = fw && i->framework == BRIEFING_FRAMEWORK_JTAI ? "inspection" : "joint targeted area inspection";
        break;
    default: break;
    }
    if (fw)
        snprintf(buf, size, "%s %s", fw, type);
    else
        snprintf(buf, size, "%c%s", type[0] - 'a' + 'A', type + 1);
    return buf;
}

/* What the judgement column says when there is no judgement. */
static const char *no_judgement_words(briefing_inspection_type type)
{
    switch (type) {
    case BRIEFING_INSPECTION_FULL:
    case BRIEFING_INSPECTION_REINSPECTION:
    case BRIEFING_INSPECTION_SHORT:
        return "No overall judgement";
    case BRIEFING_INSPECTION_FOCUSED_VISIT:
    case BRIEFING_INSPECTION_MONITORING_VISIT:
        return "No judgement (visit)";
    default:
        return "No judgement";
    }
}

/* "on site 7–18 November 2022", "on site 13 November 2017 to ...". */
static void append_on_site(const briefing_host *h, const briefing_inspection *i, char *buf, size_t size)
{
    char a[64], b[64];
    briefing_date f = i->inspected_from, t = i->inspected_to;

    if (f.year == 0)
        return;
    if (t.year == 0)
        h->analysis->append(buf, size, "; on site from %s", h->format_date(f, a, sizeof a));
    else if (f.year == t.year && f.month == t.month && f.day && t.day)
        h->analysis->append(buf, size, "; on site %d\xe2\x80\x93%s", f.day, h->format_date(t, b, sizeof b));
    else
        h->analysis->append(buf, size, "; on site %s to %s", h->format_date(f, a, sizeof a),
                            h->format_date(t, b, sizeof b));
}

/* ---- areas ------------------------------------------------------------- */

static const struct {
    const char *name, *label;
} known_areas[] = {
    {"help_and_protection", "Help and protection"},
    {"children_in_care", "Children in care"},
    {"care_leavers", "Care leavers"},
    {"adoption", "Adoption"},
    {"leadership", "Leadership"},
    {"lscb", "Local safeguarding children board"},
    {"safeguarding", "Safeguarding"},
    {"looked_after", "Looked-after children"},
};

static const char *area_label(const char *name)
{
    size_t k;

    for (k = 0; k < sizeof known_areas / sizeof known_areas[0]; k++)
        if (strcmp(name, known_areas[k].name) == 0)
            return known_areas[k].label;
    return name;
}

static briefing_judgement area_judgement(const briefing_inspection *i, const char *name)
{
    size_t k;

    for (k = 0; k < i->n_sub_judgements; k++)
        if (i->sub_judgements[k]->name && strcmp(i->sub_judgements[k]->name, name) == 0)
            return i->sub_judgements[k]->judgement;
    return BRIEFING_JUDGEMENT_NONE;
}

/* Adds name to the list of areas unless there. */
static void add_area(const char **areas, size_t *n, size_t max, const char *name)
{
    size_t k;

    for (k = 0; k < *n; k++)
        if (strcmp(areas[k], name) == 0)
            return;
    if (*n < max)
        areas[(*n)++] = name;
}

/* Judgements by area: a row per area, a column per inspection (the latest
 * few that judged areas), so a reader sees each area move. */
static int area_table(const briefing_host *h, briefing_doc *doc, const briefing_inspection *const *shown,
                      size_t n_shown)
{
    const briefing_inspection *cols[MAX_AREA_COLUMNS];
    const char *areas[32];
    char titles[MAX_AREA_COLUMNS][64];
    briefing_column columns[1 + MAX_AREA_COLUMNS];
    briefing_cell cells[1 + MAX_AREA_COLUMNS];
    briefing_table *t;
    size_t n_cols = 0, n_areas = 0, k, j;

    for (k = n_shown; k-- > 0 && n_cols < MAX_AREA_COLUMNS;)
        if (shown[k]->n_sub_judgements > 0)
            cols[n_cols++] = shown[k];
    if (n_cols == 0)
        return BRIEFING_OK;
    /* oldest first, left to right */
    for (k = 0; k < n_cols / 2; k++) {
        const briefing_inspection *x = cols[k];

        cols[k] = cols[n_cols - 1 - k];
        cols[n_cols - 1 - k] = x;
    }
    for (k = 0; k < sizeof known_areas / sizeof known_areas[0]; k++)
        for (j = 0; j < n_cols; j++)
            if (area_judgement(cols[j], known_areas[k].name) != BRIEFING_JUDGEMENT_NONE)
                add_area(areas, &n_areas, 32, known_areas[k].name);
    for (j = 0; j < n_cols; j++)
        for (k = 0; k < cols[j]->n_sub_judgements; k++)
            if (cols[j]->sub_judgements[k]->name)
                add_area(areas, &n_areas, 32, cols[j]->sub_judgements[k]->name);

    memset(columns, 0, sizeof columns);
    for (j = 0; j < 1 + MAX_AREA_COLUMNS; j++)
        columns[j].size = sizeof columns[j];
    columns[0].title = "Area";
    columns[0].width_mm = 32;
    columns[0].row_header = 1;
    for (j = 0; j < n_cols; j++) {
        h->format_date(cols[j]->date, titles[j], sizeof titles[j]);
        columns[1 + j].title = titles[j];
        columns[1 + j].width_mm = 128.0 / (n_cols < 3 ? 3 : n_cols);
        columns[1 + j].align = BRIEFING_ALIGN_LEFT;
    }
    SEC_TRY(h->layout->heading(doc, 2, "Judgements by area"));
    t = h->layout->table_begin(doc, NULL, columns, 1 + n_cols);
    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    for (k = 0; k < n_areas; k++) {
        memset(cells, 0, sizeof cells);
        for (j = 0; j < 1 + MAX_AREA_COLUMNS; j++)
            cells[j].size = sizeof cells[j];
        cells[0].text = area_label(areas[k]);
        for (j = 0; j < n_cols; j++) {
            cells[1 + j].badge = area_judgement(cols[j], areas[k]);
            cells[1 + j].text = cells[1 + j].badge == BRIEFING_JUDGEMENT_NONE ? "\xe2\x80\x93" : NULL;
        }
        SEC_TRY(h->layout->table_row_cells(t, cells));
    }
    SEC_TRY(h->layout->table_end(t));
    /* A dash is what the data does not give: a source may leave out areas
     * Ofsted did judge, so it is not "not judged". */
    return h->layout->note(doc, "\xe2\x80\x93 : no judgement of that area in the data given for that "
                                "inspection. Areas are named as Ofsted named them at the time, so an area may "
                                "not be judged at every inspection.");
}

/* ---- the section ------------------------------------------------------ */

static int intro(const briefing_host *h, const briefing_dataset *ds, const briefing_council *c,
                 briefing_doc *doc)
{
    const briefing_analysis_api *a = h->analysis;
    const briefing_inspection *last = a->last_full_inspection(c, ds->as_of);
    char text[SEC_TEXT], date[64], ago[64];

    a->judgement_history(c, ds->as_of, text, sizeof text);
    if (*text == '\0')
        a->append(text, sizeof text, "The data given lists no graded inspection.");
    if (last)
        a->append(text, sizeof text, " The last full inspection was published on %s, %s before this briefing.",
                  h->format_date(last->date, date, sizeof date),
                  a->format_months(a->months_since_full_inspection(c, ds->as_of), ago, sizeof ago));
    return h->layout->paragraph(doc, text);
}

static int chart(const briefing_host *h, briefing_doc *doc, const briefing_inspection *const *shown,
                 size_t n)
{
    briefing_mark marks[MAX_SHOWN];
    briefing_judgement_chart ch;
    size_t k;

    memset(&ch, 0, sizeof ch);
    ch.size = sizeof ch;
    for (k = 0; k < n; k++) {
        marks[k] = (briefing_mark){.size = sizeof marks[k]};
        marks[k].date = shown[k]->date;
        marks[k].judgement = shown[k]->judgement;
        marks[k].label = framework_short(shown[k]->framework);
    }
    ch.title = "Judgements over time";
    ch.source_note = "Source: Ofsted inspection reports (references in the table below). "
                     "Grey marks carry no overall judgement.";
    ch.marks = marks;
    ch.n_marks = n;
    return h->layout->judgement_chart(doc, &ch);
}

/* 1 when one of the inspections has a summary to show (official data has
 * none: a column of bare citations would say nothing). */
static int any_summary(const briefing_inspection *const *shown, size_t n)
{
    size_t k;

    for (k = 0; k < n; k++)
        if (shown[k]->summary && *shown[k]->summary)
            return 1;
    return 0;
}

static int table(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                 briefing_doc *doc, const briefing_inspection *const *shown, size_t n)
{
    const briefing_analysis_api *a = h->analysis;
    int summaries = h->option_bool(ctx, "summaries") && any_summary(shown, n);
    briefing_column cols[4] = {
        {sizeof(briefing_column), "Published", summaries ? 25 : 32, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Inspection", summaries ? 40 : 88, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Judgement", summaries ? 33 : 40, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Summary", 62, BRIEFING_ALIGN_LEFT, 0},
    };
    briefing_table *t = h->layout->table_begin(doc, NULL, cols, summaries ? 4 : 3);
    size_t k;

    if (t == NULL)
        return BRIEFING_ERR_INTERNAL;
    for (k = 0; k < n; k++) {
        const briefing_inspection *i = shown[k];
        char date[64], name[SEC_TEXT], summary[SEC_TEXT], cite[256];
        briefing_cell cells[4];

        memset(cells, 0, sizeof cells);
        cells[0].size = cells[1].size = cells[2].size = cells[3].size = sizeof cells[0];
        summary[0] = '\0';
        h->cite(ctx, ds, i->cites, cite, sizeof cite);
        inspection_name(i, name, sizeof name);
        append_on_site(h, i, name, sizeof name);
        if (summaries)
            a->append(summary, sizeof summary, "%s%s%s", sec_str(i->summary), i->summary && *cite ? " " : "", cite);
        else if (*cite)
            a->append(name, sizeof name, " %s", cite);
        cells[0].text = h->format_date(i->date, date, sizeof date);
        cells[1].text = name;
        cells[2].badge = i->judgement;
        if (i->judgement == BRIEFING_JUDGEMENT_NONE)
            cells[2].text = no_judgement_words(i->type);
        cells[3].text = summary;
        SEC_TRY(h->layout->table_row_cells(t, cells));
    }
    return h->layout->table_end(t);
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_inspection *shown[MAX_SHOWN];
    double last = h->option_number(ctx, "last");
    size_t k, n = 0, from = 0;
    char title[256];

    SEC_TRY(sec_check_host(h, ctx));
    SEC_TRY(h->layout->heading(doc, 1, sec_title(h, ctx, c, "Ofsted inspections", title, sizeof title)));
    /* The latest MAX_SHOWN, or the latest `last`, up to the as-of date. */
    for (k = 0; k < c->n_inspections; k++)
        if (h->compare_dates(c->inspections[k]->date, ds->as_of) <= 0)
            n++;
    if (last >= 1 && last < (double)n)
        from = n - (size_t)last;
    if (n - from > MAX_SHOWN)
        from = n - MAX_SHOWN;
    n = 0;
    for (k = 0; k < c->n_inspections; k++)
        if (h->compare_dates(c->inspections[k]->date, ds->as_of) <= 0) {
            if (from > 0)
                from--;
            else
                shown[n++] = c->inspections[k];
        }
    if (n == 0)
        return h->layout->paragraph(doc, h->analysis->recorded(c, "inspections")
                                             ? "The data given lists no inspection."
                                             : "Inspections are not recorded in the data given.");

    if (h->option_bool(ctx, "intro"))
        SEC_TRY(intro(h, ds, c, doc));
    if (h->option_bool(ctx, "chart") && n >= 2)
        SEC_TRY(chart(h, doc, shown, n));
    SEC_TRY(table(h, ctx, ds, doc, shown, n));
    if (h->option_bool(ctx, "sub_judgements"))
        SEC_TRY(area_table(h, doc, shown, n));
    if (h->option_string(ctx, "note") && *h->option_string(ctx, "note"))
        SEC_TRY(h->layout->note(doc, h->option_string(ctx, "note")));
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "inspections",
    .version = "1.0.0",
    .description = "Ofsted inspections: history in a sentence, judgement timeline, tables of judgements",
    .options = options,
    .render = render,
};

/*
 * probe.c: a section that draws with every layout struct, built twice by
 * tests/e2e/abi_compat.sh: once against the ABI 1.1 headers kept beside it
 * (structs without `size`), once against the current ones.  Both builds
 * must draw the same PDF.  The source is the same: SIZED(T) sets the size
 * only where the header has one, as a plugin's author would when moving to
 * ABI 1.2.
 */
#include <math.h>
#include <briefing/plugin.h>

#if BRIEFING_ABI_MINOR >= 2
#define SIZED(T) .size = sizeof(T),
#else
#define SIZED(T)
#endif

#define TRY(x)                                                                 \
    do {                                                                       \
        int rc_ = (x);                                                         \
        if (rc_ != BRIEFING_OK)                                                \
            return rc_;                                                        \
    } while (0)

/* Options, read by the host in the plugin's own layout: 1.1's has no size. */
static const briefing_option options[] = {
    {SIZED(briefing_option) .name = "greeting", .type = BRIEFING_OPTION_STRING, .default_value = "Hello",
     .help = "the word the probe greets with"},
    {SIZED(briefing_option) .name = "times", .type = BRIEFING_OPTION_NUMBER, .default_value = "1",
     .help = "how many greetings"},
    {0},
};

static int charts(const briefing_host *h, briefing_doc *doc, const char *name)
{
    static const briefing_date xs[] = {{2019, 3, 31}, {2020, 3, 31}, {2021, 3, 31},
                                       {2022, 3, 31}, {2023, 3, 31}};
    static const double mine[] = {61, 64, NAN, 68, 67}, england[] = {64, 65, 67, 70, 71};
    const briefing_series series[] = {
        {SIZED(briefing_series) .name = name, .x = xs, .y = mine, .n = 5,
         .style = BRIEFING_SERIES_COUNCIL},
        {SIZED(briefing_series) .name = "England", .x = xs, .y = england, .n = 5,
         .style = BRIEFING_SERIES_ENGLAND},
    };
    const briefing_line_chart line = {SIZED(briefing_line_chart) .title = "Looked-after rate",
                                      .source_note = "Source: a test", .y_label = "per 10,000",
                                      .series = series, .n_series = 2, .height_mm = 50};
    const briefing_bar bars[] = {
        {SIZED(briefing_bar) .lane = "Director", .label = "A. Person", .start = {2016, 9, 1},
         .end = {2019, 3, 31}},
        {SIZED(briefing_bar) .lane = "Director", .label = "B. Person", .start = {2019, 4, 1},
         .tentative = 1},
    };
    const briefing_timeline tl = {SIZED(briefing_timeline) .title = "Who held the post",
                                  .source_note = "Source: a test", .bars = bars, .n_bars = 2,
                                  .legend_solid = "permanent", .legend_tentative = "interim"};
    const briefing_mark marks[] = {
        {SIZED(briefing_mark) .date = {2018, 1, 19}, .judgement = BRIEFING_JUDGEMENT_REQUIRES_IMPROVEMENT,
         .label = "ILACS"},
        {SIZED(briefing_mark) .date = {2020, 7, 1}, .judgement = BRIEFING_JUDGEMENT_NONE, .label = "FV"},
        {SIZED(briefing_mark) .date = {2023, 1, 13}, .judgement = BRIEFING_JUDGEMENT_GOOD,
         .label = "ILACS"},
    };
    const briefing_judgement_chart jc = {SIZED(briefing_judgement_chart) .title = "Judgements",
                                         .source_note = "Source: a test", .marks = marks,
                                         .n_marks = 3};

    TRY(h->layout->line_chart(doc, &line));
    TRY(h->layout->timeline(doc, &tl));
    return h->layout->judgement_chart(doc, &jc);
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_cover cover = {SIZED(briefing_cover) .title = "ABI probe",
                                  .subtitle = "Drawn by a plugin", .council = c->name,
                                  .as_of = "1 June 2024", .marking = "OFFICIAL",
                                  .note = "Small print."};
    const briefing_fact facts[] = {
        {SIZED(briefing_fact) .label = "Judgement", .badge = BRIEFING_JUDGEMENT_GOOD,
         .detail = "published 13 January 2023"},
        {SIZED(briefing_fact) .label = "Children looked after", .value = "1,151"},
    };
    const briefing_run runs[] = {
        {SIZED(briefing_run) .text = "Bold, ", .bold = 1},
        {SIZED(briefing_run) .text = "italic, ", .italic = 1},
        {SIZED(briefing_run) .text = "a link", .url = "https://example.org/"},
    };
    const briefing_column cols[] = {
        {SIZED(briefing_column) .title = "Area", .width_mm = 60},
        {SIZED(briefing_column) .title = "Grade"},
        {SIZED(briefing_column) .title = "Count", .align = BRIEFING_ALIGN_RIGHT},
    };
    const briefing_cell cells[] = {
        {SIZED(briefing_cell) .text = "Leadership", .bold = 1},
        {SIZED(briefing_cell) .badge = BRIEFING_JUDGEMENT_OUTSTANDING},
        {SIZED(briefing_cell) .text = "12"},
    };
    const char *plain[] = {"Help and protection", "Good", "7"};
    briefing_table *t;
    int i;

    (void)ds;
    TRY(h->layout->cover(doc, &cover));
    TRY(h->layout->heading(doc, 1, "Probe"));
    for (i = 0; i < (int)h->option_number(ctx, "times") && i < 5; i++)
        TRY(h->layout->paragraph(doc, h->option_string(ctx, "greeting")));
    TRY(h->layout->facts(doc, facts, 2));
    TRY(h->layout->paragraph_runs(doc, runs, 3));
    TRY(h->layout->bullet_runs(doc, runs, 2));
    if ((t = h->layout->table_begin(doc, "A table", cols, 3)) == NULL)
        return BRIEFING_ERR_INTERNAL;
    TRY(h->layout->table_row_cells(t, cells));
    TRY(h->layout->table_row(t, plain));
    TRY(h->layout->table_end(t));
    return charts(h, doc, c->name);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "abi_probe", .version = "1.0", .description = "Draws with every layout struct (a test)",
    .options = options,
    .render = render,
};

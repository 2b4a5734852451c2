/*
 * action_log: a source plugin that reads an improvement board's action log.
 *
 * Many councils keep the actions their children's services improvement
 * board agrees in a spreadsheet.  Saved as CSV with the columns
 *
 *     council,date,action,owner,status
 *
 * (in any order, other columns ignored), each row becomes a dated event of
 * its council in the briefing dataset: the action is the headline, the
 * owner and status make the summary, and the event carries a
 * "board_action" object ({"owner", "status"}) that the board_actions
 * section plugin reads.  "council" takes a GSS code, a DfE number or a
 * name; "date" the day the board agreed the action (YYYY-MM-DD, or
 * YYYY-MM); "status" open, in progress or done ("closed" and "complete"
 * are read as done).
 *
 * Build it out of tree, against the installed SDK:
 *
 *     cc -shared -fPIC -o action_log.so action_log.c $(pkg-config --cflags --libs briefing-plugin)
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <briefing/analysis.h>
#include <briefing/councils.h>
#include <briefing/csv.h>
#include <briefing/plugin.h>

/* The id of the source entry that every event cites. */
#define ACTION_LOG_SOURCE_ID "action-log"

/* The header names a file must have, each as one column. */
static const char *const COLUMNS[] = {"council", "date", "action", "owner", "status", NULL};

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Improvement board action log",
     "the title under which the briefing cites the log"},
    {sizeof(briefing_option), "include_done", BRIEFING_OPTION_BOOL, "true", "read actions whose status is done"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

/* The columns of an open log, found once by name. */
typedef struct log_columns {
    int council, date, action, owner, status;
} log_columns;

/* ---- recognising a log --------------------------------------------------- */

/* Sure (90) when the first line names all five columns, else not ours. */
static int log_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                         const unsigned char *head, size_t len)
{
    size_t i;

    (void)ctx, (void)path;
    /* header_has is served from ABI 1.2: an older program gets "not ours". */
    if (h->size < offsetof(briefing_host, header_has) + sizeof h->header_has)
        return 0;
    for (i = 0; COLUMNS[i]; i++)
        if (!h->header_has(head, len, COLUMNS[i]))
            return 0;
    return 90;
}

/* ---- reading it ---------------------------------------------------------- */

/* Finds every column by name; a missing one is an error naming the file. */
static int log_find_columns(const briefing_host *h, briefing_csv *r, log_columns *cols)
{
    int *const slots[] = {&cols->council, &cols->date, &cols->action, &cols->owner,
                          &cols->status};
    size_t i;
    int rc = BRIEFING_OK;

    for (i = 0; COLUMNS[i] && rc == BRIEFING_OK; i++) {
        const char *const names[] = {COLUMNS[i], NULL};

        rc = h->csv->require(r, names, slots[i]);
    }
    return rc;
}

/* The status in the log's own words ("open", "in progress" or "done");
 * NULL for anything else. */
static const char *log_status(const char *text)
{
    static const char *const words[][2] = {
        {"open", "open"},      {"in progress", "in progress"}, {"in_progress", "in progress"},
        {"done", "done"},      {"closed", "done"},             {"complete", "done"},
    };
    size_t i;

    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strcasecmp(text, words[i][0]) == 0)
            return words[i][1];
    return NULL;
}

/* The one council a row names, through the register of councils, so that
 * "Norfolk", "926" and "E10000020" are the same council. */
static int log_row_council(const briefing_host *h, briefing_csv *r, int col,
                           const briefing_council_info **out)
{
    const char *text = h->csv->field(r, col);
    const briefing_council_info *found[4];
    size_t n = h->councils->resolve(text, found, 4);

    if (n == 0)
        return h->csv->error(r, col, "no council \"%s\" in the register of councils "
                             "(give its GSS code, e.g. E10000020, or its DfE number)", text);
    if (n > 1)
        return h->csv->error(r, col, "\"%s\" could be %s (%s) or %s (%s): give the code",
                             text, found[0]->name, found[0]->code, found[1]->name,
                             found[1]->code);
    *out = found[0];
    return BRIEFING_OK;
}

/* Adds the event for the current row to its council. */
static int log_add_event(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset,
                         briefing_csv *r, const log_columns *cols,
                         const briefing_council_info *info, const char *status)
{
    const char *owner = h->csv->field(r, cols->owner);
    briefing_json *council, *events, *event, *action, *cites;
    char summary[512];

    /* append cuts an over-long text at a character boundary: a summary
     * cut in the middle of a UTF-8 character would be refused. */
    summary[0] = '\0';
    if (*owner)
        h->analysis->append(summary, sizeof summary, "Owner: %s. ", owner);
    h->analysis->append(summary, sizeof summary, "Status: %s.", status);
    council = h->council_entry(ctx, dataset, info); /* found, or added from the register */
    events = h->json->get_mut(council, "events");
    if (council && events == NULL)
        events = h->json->add_array(council, "events");
    event = h->json->add_object(events, NULL);
    action = h->json->add_object(event, "board_action");
    cites = h->json->add_array(event, "cites");
    if (event == NULL || action == NULL || cites == NULL
        || !h->json->add_string(event, "date", h->csv->field(r, cols->date))
        || !h->json->add_string(event, "headline", h->csv->field(r, cols->action))
        || !h->json->add_string(event, "summary", summary)
        || !h->json->add_string(action, "owner", owner)
        || !h->json->add_string(action, "status", status)
        || !h->json->add_string(cites, NULL, ACTION_LOG_SOURCE_ID))
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory");
    return BRIEFING_OK;
}

/* Checks the current row and adds its event.  Every error names the file,
 * the line and the column, so the user can go straight to the cell. */
static int log_row(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset,
                   briefing_csv *r, const log_columns *cols)
{
    const briefing_council_info *info = NULL;
    const char *status = log_status(h->csv->field(r, cols->status));
    briefing_date date;
    int rc = log_row_council(h, r, cols->council, &info);

    if (rc != BRIEFING_OK)
        return rc;
    if (!h->parse_date(h->csv->field(r, cols->date), &date))
        return h->csv->error(r, cols->date, "\"%s\" is not a date (use YYYY-MM-DD)",
                             h->csv->field(r, cols->date));
    if (*h->csv->field(r, cols->action) == '\0')
        return h->csv->error(r, cols->action, "the action is empty");
    if (status == NULL)
        return h->csv->error(r, cols->status, "\"%s\" is not a status (use open, in progress "
                             "or done)", h->csv->field(r, cols->status));
    if (strcmp(status, "done") == 0 && !h->option_bool(ctx, "include_done"))
        return BRIEFING_OK;
    return log_add_event(h, ctx, dataset, r, cols, info, status);
}

/* The entry in "sources" that the events cite: the briefing lists it with
 * its reference number. */
static int log_add_source(const briefing_host *h, briefing_ctx *ctx, briefing_json *dataset)
{
    briefing_json *source = h->json->add_object(h->json->get_mut(dataset, "sources"), NULL);

    if (source == NULL || !h->json->add_string(source, "id", ACTION_LOG_SOURCE_ID)
        || !h->json->add_string(source, "title", h->option_string(ctx, "title")))
        return h->error(ctx, BRIEFING_ERR_NOMEM, "out of memory");
    return BRIEFING_OK;
}

static int log_read(const briefing_host *h, briefing_ctx *ctx, const char *path,
                    briefing_json *dataset)
{
    briefing_csv *r = NULL;
    log_columns cols;
    size_t rows = 0;
    int rc;

    /* council_entry, the last this plugin uses, came with ABI 1.2. */
    if (h->size < offsetof(briefing_host, council_entry) + sizeof h->council_entry)
        return h->error(ctx, BRIEFING_ERR_INTERNAL, "needs briefing with plugin ABI 1.2 or later");
    rc = h->csv->open(ctx, path, &r);
    if (rc == BRIEFING_OK)
        rc = log_find_columns(h, r, &cols);
    if (rc == BRIEFING_OK)
        rc = log_add_source(h, ctx, dataset);
    /* next: 1 on a row, 0 at the end (BRIEFING_OK), or an error status. */
    while (rc == BRIEFING_OK && (rc = h->csv->next(r)) == 1) {
        rc = log_row(h, ctx, dataset, r, &cols);
        rows++;
    }
    if (rc == BRIEFING_OK)
        h->log(ctx, BRIEFING_LOG_DEBUG, "%s: %zu actions", path, rows);
    h->csv->close(r);
    return rc;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "action_log",
    .version = "1.0.0",
    .description = "Improvement board action logs (CSV: council,date,action,owner,status)",
    .options = options,
    .recognise = log_recognise,
    .read = log_read,
};

/*
 * board_actions: a section plugin that reports on the improvement board's
 * actions: how many are open, in progress and done, then a table of those
 * not yet done, the longest waiting first.
 *
 * It reads the events that the action_log source made, which carry a
 * "board_action" object ({"owner", "status"}) beside the fields every event
 * has.  The dataset header does not know that object; the section reaches
 * it through the event's `raw` JSON and the host's JSON functions.
 *
 * Build it out of tree, against the installed SDK:
 *
 *     cc -shared -fPIC -o board_actions.so board_actions.c $(pkg-config --cflags --libs briefing-plugin)
 */
#include <math.h>
#include <string.h>

#include <briefing/analysis.h>
#include <briefing/plugin.h>

static const briefing_option options[] = {
    {sizeof(briefing_option), "title", BRIEFING_OPTION_STRING, "Improvement board actions", "the section's heading"},
    {sizeof(briefing_option), "show_done", BRIEFING_OPTION_BOOL, "false", "list the actions already done too"},
    {sizeof(briefing_option), "limit", BRIEFING_OPTION_NUMBER, "15", "the most actions the table lists"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL},
};

/* An action's state, from its "status"; the words the table prints. */
typedef enum action_state { ACTION_NONE = -1, ACTION_OPEN, ACTION_IN_PROGRESS, ACTION_DONE } action_state;
static const char *const STATE_WORDS[] = {"Open", "In progress", "Done"};

/* What the section counts, in one pass over the council's events. */
typedef struct tally {
    size_t open, in_progress, done;
} tally;

/* The state of the action an event records; ACTION_NONE when the event did
 * not come from an action log (it has no "board_action" object). */
static action_state action_state_of(const briefing_host *h, const briefing_event *e)
{
    const char *status =
        h->json->string(h->json->get(h->json->get(e->raw, "board_action"), "status"));

    if (status == NULL)
        return ACTION_NONE;
    if (strcmp(status, "done") == 0)
        return ACTION_DONE;
    return strcmp(status, "in progress") == 0 ? ACTION_IN_PROGRESS : ACTION_OPEN;
}

static const char *action_owner(const briefing_host *h, const briefing_event *e)
{
    const char *owner =
        h->json->string(h->json->get(h->json->get(e->raw, "board_action"), "owner"));

    return owner ? owner : "";
}

static tally count_actions(const briefing_host *h, const briefing_council *c)
{
    tally t = {0, 0, 0};
    size_t i;

    for (i = 0; i < c->n_events; i++) {
        switch (action_state_of(h, c->events[i])) {
        case ACTION_OPEN: t.open++; break;
        case ACTION_IN_PROGRESS: t.in_progress++; break;
        case ACTION_DONE: t.done++; break;
        case ACTION_NONE: break;
        }
    }
    return t;
}

/* "Of the 9 actions on the log on 1 June 2024, 3 are open, 2 in progress
 * and 4 done." */
static int write_summary(const briefing_host *h, const briefing_dataset *ds, briefing_doc *doc,
                         tally t)
{
    char as_of[64], text[512];
    size_t total = t.open + t.in_progress + t.done;

    h->format_date(ds->as_of, as_of, sizeof as_of);
    text[0] = '\0';
    h->analysis->append(text, sizeof text, "Of the %zu action%s on the board's log on %s, "
                        "%zu %s open, %zu in progress and %zu done.", total,
                        total == 1 ? "" : "s", as_of, t.open, t.open == 1 ? "is" : "are",
                        t.in_progress, t.done);
    return h->layout->paragraph(doc, text);
}

/* One row: the date agreed, the action with its citation, the owner, and
 * the status with how long the action has waited. */
static int write_row(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                     briefing_table *table, const briefing_event *e, action_state state)
{
    char date[64], cite[64], action[1024], waited[64], status[128];
    const char *cells[4];
    int months = h->analysis->months_between(e->date, ds->as_of);

    h->format_date(e->date, date, sizeof date);
    h->cite(ctx, ds, e->cites, cite, sizeof cite);
    action[0] = '\0';
    h->analysis->append(action, sizeof action, "%s%s%s", e->headline, *cite ? " " : "", cite);
    status[0] = '\0';
    h->analysis->append(status, sizeof status, "%s", STATE_WORDS[state]);
    if (state != ACTION_DONE && months > 0)
        h->analysis->append(status, sizeof status, ", %s",
                            h->analysis->format_months(months, waited, sizeof waited));
    cells[0] = date;
    cells[1] = action;
    cells[2] = action_owner(h, e);
    cells[3] = status;
    return h->layout->table_row(table, cells);
}

/* The table of actions, oldest first (the dataset keeps events in date
 * order), at most `limit` rows, then a note of any left out. */
static int write_table(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                       const briefing_council *c, briefing_doc *doc)
{
    static const briefing_column cols[] = {
        {sizeof(briefing_column), "Agreed", 32, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Action", 0, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Owner", 38, BRIEFING_ALIGN_LEFT, 0},
        {sizeof(briefing_column), "Status", 36, BRIEFING_ALIGN_LEFT, 0},
    };
    int show_done = h->option_bool(ctx, "show_done");
    double limit = h->option_number(ctx, "limit");
    size_t i, listed = 0, left_out = 0;
    briefing_table *table;
    int rc = BRIEFING_OK;

    if (isnan(limit) || limit < 1)
        return h->error(ctx, BRIEFING_ERR_CONFIG, "option limit: expected a number of "
                        "rows from 1 up, not %g", limit);
    table = h->layout->table_begin(doc, show_done ? "All actions" : "Actions not yet done",
                                   cols, 4);
    if (table == NULL) /* out of memory, the only failure of a correct call */
        return BRIEFING_ERR_NOMEM; /* the layout has recorded the message */
    for (i = 0; i < c->n_events && rc == BRIEFING_OK; i++) {
        action_state state = action_state_of(h, c->events[i]);

        if (state == ACTION_NONE || (state == ACTION_DONE && !show_done))
            continue;
        if ((double)listed >= limit)
            left_out++;
        else if ((rc = write_row(h, ctx, ds, table, c->events[i], state)) == BRIEFING_OK)
            listed++;
    }
    /* table_end is called whatever happened, so the table is finished. */
    if (h->layout->table_end(table) != BRIEFING_OK && rc == BRIEFING_OK)
        rc = BRIEFING_ERR_NOMEM;
    if (rc == BRIEFING_OK && left_out > 0) {
        char note[128];

        note[0] = '\0';
        h->analysis->append(note, sizeof note, "%zu more action%s not listed here.", left_out,
                            left_out == 1 ? "" : "s");
        rc = h->layout->note(doc, note);
    }
    return rc;
}

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    tally t = count_actions(h, c);
    int rc = h->layout->heading(doc, 1, h->option_string(ctx, "title"));

    if (rc != BRIEFING_OK)
        return rc;
    if (t.open + t.in_progress + t.done == 0) {
        h->log(ctx, BRIEFING_LOG_WARN, "%s: no improvement board actions in the data "
               "(load an action log with -d)", c->name);
        return h->layout->paragraph(doc, "No improvement board actions are recorded.");
    }
    rc = write_summary(h, ds, doc, t);
    if (rc == BRIEFING_OK && (t.open + t.in_progress > 0 || h->option_bool(ctx, "show_done")))
        rc = write_table(h, ctx, ds, c, doc);
    return rc;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "board_actions",
    .version = "1.0.0",
    .description = "The improvement board's actions: counts, and a table of those not done",
    .options = options,
    .render = render,
};

/* A section that begins a table and never ends it: the run must blame this
 * section, whether or not another follows it. */
#include <briefing/plugin.h>

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    const briefing_column cols[] = {{.size = sizeof cols[0], .title = "Council"}};
    const char *row[] = {c->name};
    briefing_table *t = h->layout->table_begin(doc, "Unfinished", cols, 1);

    (void)ctx, (void)ds;
    return t ? h->layout->table_row(t, row) : BRIEFING_ERR_INTERNAL;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "open_table", .version = "1.0", .description = "Leaves its table open (test)",
    .render = render,
};

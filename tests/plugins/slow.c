/* A section that takes its time (option "ms" per council), so that a test
 * can catch a batch run half-way: to meet its lock, or to stop it; and
 * never ends for the council whose code is option "hang" (a plugin stuck in
 * a loop), for batch's --timeout. */
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <briefing/plugin.h>

static const briefing_option options[] = {
    {sizeof(briefing_option), "ms", BRIEFING_OPTION_NUMBER, "200", "Milliseconds to wait per council"},
    {sizeof(briefing_option), "hang", BRIEFING_OPTION_STRING, NULL, "The code of a council to wait for ever on"},
    {sizeof(briefing_option), NULL, 0, NULL, NULL}};

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    double option = h->option_number(ctx, "ms");
    long ms = isnan(option) || option < 0 ? 0 : (long)option;
    struct timespec t;

    const char *hang = h->option_string(ctx, "hang");

    (void)ds;
    while (hang && strcmp(hang, c->code) == 0)
        pause();
    t.tv_sec = (time_t)(ms / 1000);
    t.tv_nsec = (ms % 1000) * 1000000L;
    nanosleep(&t, NULL);
    return h->layout->paragraph(doc, c->name);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "slow", .version = "1.0", .description = "Waits a while for each council",
    .options = options, .render = render,
};

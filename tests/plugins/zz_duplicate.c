/* Takes the name of a plugin found earlier in the search path ("hello"
 * comes from hello.c, which sorts first): must be refused as a duplicate. */
#include <briefing/plugin.h>

static int render(const briefing_host *h, briefing_ctx *ctx, const briefing_dataset *ds,
                  const briefing_council *c, briefing_doc *doc)
{
    (void)ds; (void)c; (void)doc;
    return h->error(ctx, BRIEFING_ERR_INTERNAL, "the duplicate ran");
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SECTION),
    .name = "hello", .version = "2.0", .description = "a second plugin named hello",
    .render = render,
};

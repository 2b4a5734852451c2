/* A source that returns an invalid dataset (a council without a name) for
 * files ending in ".bad": the host must name the plugin and the field. */
#include <string.h>
#include <briefing/plugin.h>

static int recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     const unsigned char *head, size_t len)
{
    size_t n = strlen(path);

    (void)h; (void)ctx; (void)head; (void)len;
    return n > 4 && strcmp(path + n - 4, ".bad") == 0 ? 100 : 0;
}

static int read_file(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     briefing_json *dataset)
{
    briefing_json *councils = h->json->get_mut(dataset, "councils");
    briefing_json *c = h->json->add_object(councils, NULL);

    (void)ctx; (void)path;
    h->json->add_string(c, "code", "E10000020");
    return BRIEFING_OK;
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "badsource", .version = "1.0", .description = "Reads *.bad files wrongly (test)",
    .recognise = recognise, .read = read_file,
};

/*
 * json: the native source.  Reads a briefing dataset file
 * (briefing-dataset/1, docs/data-model.md) as it is; the host validates it.
 */
#include <string.h>

#include <briefing/plugin.h>

/* Skips a UTF-8 byte-order mark and white space. */
static size_t json_skip(const unsigned char *head, size_t len)
{
    size_t i = 0;

    if (len >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        i = 3;
    while (i < len && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    return i;
}

static int json_recognise(const briefing_host *h, briefing_ctx *ctx, const char *path,
                          const unsigned char *head, size_t len)
{
    size_t i = json_skip(head, len);
    const char *marker = "briefing-dataset/";
    size_t m = strlen(marker), j;

    (void)h;
    (void)ctx;
    (void)path;
    if (i >= len || head[i] != '{')
        return 0;
    for (j = i; j + m <= len; j++)
        if (memcmp(head + j, marker, m) == 0)
            return 100;
    /* A JSON object without the schema marker near its start: ours to read
     * (and to refuse with a clear message) unless a source knows better. */
    return 20;
}

static int json_read(const briefing_host *h, briefing_ctx *ctx, const char *path,
                     briefing_json *dataset)
{
    return h->json->parse_file(ctx, path, dataset);
}

BRIEFING_PLUGIN_EXPORT const briefing_plugin briefing_plugin_info = {
    BRIEFING_PLUGIN_HEADER(BRIEFING_PLUGIN_SOURCE),
    .name = "json",
    .version = "1.0.0",
    .description = "Briefing dataset files in the native JSON format (briefing-dataset/1)",
    .recognise = json_recognise,
    .read = json_read,
};

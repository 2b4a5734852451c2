/*
 * fuzz_fontcache: the file of fontconfig's answers kept between runs
 * (core/fontcache.h), which anything able to write it could have damaged.
 *
 * At start-up the harness asks for a face with the cache on, so that a real
 * cache file exists, and keeps its two opening parts: the key (version,
 * environment) and the stamps (what is at each path fontconfig read, as it
 * is on this machine), then its first face line with its file's stamp.
 * Each input is then written after the key alone, after the key and the
 * stamps, or after those and the face (its first byte modulo 3 says which),
 * so that the fuzzer reaches the stamps, the faces and the spans.
 * fontcache_get must answer nothing, or an answer whose spans are in order
 * and within Unicode.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "fontcache.h"
#include "fonts.h"
#include "fuzz_util.h"

/* fontconfig keeps what it parsed for the life of the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

static char *prefix;           /* the real file's key, then its stamps */
static size_t lens[3];         /* the key; and the stamps; and a face */

/* Where the first line that starts with start begins in text (or its
 * end). */
static size_t first_line(const char *text, size_t n, const char *start)
{
    size_t at = 0, len = strlen(start);

    while (at < n && strncmp(text + at, start, len) != 0) {
        const char *nl = memchr(text + at, '\n', n - at);

        at = nl ? (size_t)(nl - text) + 1 : n;
    }
    return at;
}

static void fuzz_init(void)
{
    const fonts_face *f;
    diag d = {0};
    FILE *fp;
    long n;

    fuzz_tmp_init(".cache");
    setenv("BRIEFING_FONT_CACHE", fuzz_tmp_path, 1);
    FUZZ_REQUIRE(fonts_find("Liberation Sans", 0, 0, &f, &d) == BRIEFING_OK);
    fonts_cache_clear();
    FUZZ_REQUIRE((fp = fopen(fuzz_tmp_path, "rb")) != NULL);
    FUZZ_REQUIRE(fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0);
    rewind(fp);
    FUZZ_REQUIRE((prefix = malloc((size_t)n)) != NULL);
    FUZZ_REQUIRE(fread(prefix, 1, (size_t)n, fp) == (size_t)n);
    fclose(fp);
    lens[0] = first_line(prefix, (size_t)n, "stamp ");
    if (first_line(prefix, (size_t)n, "absent ") < lens[0])
        lens[0] = first_line(prefix, (size_t)n, "absent ");
    lens[1] = first_line(prefix, (size_t)n, "face ");
    lens[2] = first_line(prefix, (size_t)n, "span ");
    FUZZ_REQUIRE(lens[0] > 0 && lens[1] > lens[0] && lens[2] > lens[1] && lens[2] < (size_t)n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fontcache_answer a = {NULL, NULL, 0};
    size_t head, i;
    uint8_t *text;

    if (prefix == NULL)
        fuzz_init();
    if (size == 0)
        return 0;
    head = lens[data[0] % 3];
    FUZZ_REQUIRE((text = malloc(head + size)) != NULL);
    memcpy(text, prefix, head);
    memcpy(text + head, data + 1, size - 1);
    fuzz_tmp_write(text, head + size - 1);
    free(text);
    fontcache_clear();
    if (fontcache_get("Liberation Sans", 0, 0, &a)) {
        FUZZ_REQUIRE(a.file != NULL && a.file[0] != '\0');
        for (i = 0; i < a.n_spans; i++) {
            FUZZ_REQUIRE(a.spans[i].first <= a.spans[i].last && a.spans[i].last <= 0x10ffff);
            FUZZ_REQUIRE(i == 0 || a.spans[i].first > a.spans[i - 1].last);
        }
        free(a.file);
        free(a.spans);
    }
    fontcache_clear();
    return 0;
}

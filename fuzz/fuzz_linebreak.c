/*
 * fuzz_linebreak: the line breaker (layout_break, core/layout_impl.h) on
 * positions alone, without a PDF.
 *
 * The first byte of the input chooses the line width (1 to 64 units); the
 * rest is the text, which must be UTF-8 (as every text reaching the layout
 * is: the callers check it).  Each character is one unit wide, a character
 * from outside ASCII two, so both fitting and overlong words are tried.
 * The lines must come in order inside the text, be no wider than the width
 * unless they hold one character alone, and lose nothing but the spaces and
 * line breaks they are broken at.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <briefing/plugin.h>

#include "diag.h"
#include "fuzz_util.h"
#include "layout_impl.h"
#include "utf8.h"

static double units(void *arg, size_t start, size_t end)
{
    const char *text = arg;
    double w = 0;

    while (start < end) {
        uint32_t cp;
        size_t n = utf8_decode(text + start, end - start, &cp);

        if (cp != '\n' && cp != '\r')
            w += cp < 0x80 ? 1 : 2;
        start += n ? n : 1;
    }
    return w;
}

/* 1 when the byte may be dropped at a line break: white space, or part of
 * a character of more than one byte (UAX #14 has breaking spaces outside
 * ASCII, like U+2028). */
static int droppable(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f' || c >= 0x80;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    layout_line *lines = NULL;
    size_t n = 0, i, covered = 0, len;
    double width;
    char *text;
    diag d;

    if (size < 1)
        return 0;
    width = 1 + data[0] % 64;
    len = size - 1;
    if (!utf8_valid((const char *)data + 1, len, NULL) || memchr(data + 1, '\0', len))
        return 0;
    text = fuzz_cstring(data + 1, len);
    diag_clear(&d);
    FUZZ_REQUIRE(layout_break(text, len, width, units, text, &lines, &n, &d) == BRIEFING_OK);
    FUZZ_REQUIRE(len == 0 || n >= 1);
    for (i = 0; i < n; i++) {
        layout_line l = lines[i];
        size_t j;

        FUZZ_REQUIRE(l.start >= covered && l.start <= l.end && l.end <= len);
        for (j = covered; j < l.start; j++)
            FUZZ_REQUIRE(droppable((unsigned char)text[j]));
        if (units(text, l.start, l.end) > width) {
            /* Only a line of one character may be too wide. */
            uint32_t cp;
            FUZZ_REQUIRE(utf8_decode(text + l.start, l.end - l.start, &cp) == l.end - l.start);
        }
        covered = l.end;
    }
    for (i = covered; i < len; i++)
        FUZZ_REQUIRE(droppable((unsigned char)text[i]));
    free(lines);
    free(text);
    return 0;
}

/*
 * fuzz_sfnt: the compact copy of a TrueType face (core/sfnt.h).
 *
 * The input is taken as a font file.  sfnt_compact_cp1252 must refuse it or
 * give a copy; a copy must itself be a font the same call accepts, with the
 * same number of glyphs (the copy keeps every glyph a CP1252 character
 * reaches, so compacting it again keeps them all) and the same characters.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_util.h"
#include "sfnt.h"

static unsigned glyph_count(const sfnt *s)
{
    sfnt_table maxp;
    unsigned n = 0;

    FUZZ_REQUIRE(sfnt_table_find(s, "maxp", &maxp) == 0);
    FUZZ_REQUIRE(sfnt_u16(s, maxp.off + 4, &n) == 0);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sfnt font = {data, size}, copy, again;
    unsigned char *out = NULL, *out2 = NULL;
    size_t len = 0, len2 = 0;
    unsigned cp;

    if (sfnt_compact_cp1252(&font, &out, &len) != 0) {
        FUZZ_REQUIRE(out == NULL && len == 0);
        return 0;
    }
    copy.p = out;
    copy.n = len;
    FUZZ_REQUIRE(sfnt_compact_cp1252(&copy, &out2, &len2) == 0);
    again.p = out2;
    again.n = len2;
    FUZZ_REQUIRE(glyph_count(&again) == glyph_count(&copy));
    for (cp = 0x20; cp < 0x100; cp++)
        FUZZ_REQUIRE((sfnt_cmap_glyph(&copy, cp) != 0) == (sfnt_cmap_glyph(&again, cp) != 0));
    free(out);
    free(out2);
    return 0;
}

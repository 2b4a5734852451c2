/*
 * fuzz_logo: the cover's logo (core/logo.c).
 *
 * The input is taken as a PNG file's bytes.  A logo logo_decode accepts
 * must be within the bounds and have its pixels; one it refuses must say
 * why and leave nothing allocated (LeakSanitizer checks the rest).
 */
#include <stdint.h>
#include <string.h>

#include <briefing/plugin.h>

#include "fuzz_util.h"
#include "logo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    logo_image img;
    char why[200];
    int rc = logo_decode(data, size, &img, why, sizeof why);

    if (rc == BRIEFING_OK) {
        size_t n = (size_t)img.width * img.height;

        FUZZ_REQUIRE(img.rgb != NULL);
        FUZZ_REQUIRE(img.width > 0 && img.width <= LOGO_MAX_SIDE);
        FUZZ_REQUIRE(img.height > 0 && img.height <= LOGO_MAX_SIDE);
        FUZZ_REQUIRE(n <= LOGO_MAX_PIXELS);
        if (img.alpha != NULL) { /* kept only when some pixel is not opaque */
            size_t i = 0;

            while (i < n && img.alpha[i] == 0xff)
                i++;
            FUZZ_REQUIRE(i < n);
        }
        logo_free(&img);
    } else {
        FUZZ_REQUIRE(rc == BRIEFING_ERR_DATA || rc == BRIEFING_ERR_NOMEM);
        FUZZ_REQUIRE(why[0] != '\0' && strlen(why) < sizeof why);
        FUZZ_REQUIRE(img.rgb == NULL && img.alpha == NULL);
    }
    return 0;
}

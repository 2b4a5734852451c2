#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <briefing/plugin.h>

struct fonts_face {
    char *file;
    FcCharSet *charset; /* our own copy */
};

/* 1 when one of the match's family names is family (fontconfig falls back
 * to any font at all rather than fail, so the match must be checked). */
static int fonts_family_is(FcPattern *match, const char *family)
{
    FcChar8 *name;
    int i;

    for (i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0)
            return 1;
    return 0;
}

static int fonts_is_ttf(const char *file)
{
    size_t n = strlen(file);

    return n > 4 && strcasecmp(file + n - 4, ".ttf") == 0;
}

int fonts_find(const char *family, int bold, int italic, fonts_face **out, diag *d)
{
    FcPattern *pat = NULL, *match = NULL;
    FcResult res;
    FcChar8 *file;
    FcCharSet *cs;
    fonts_face *f = NULL;
    const char *style = bold ? (italic ? "bold italic" : "bold") : (italic ? "italic" : "regular");
    int status = BRIEFING_OK;

    *out = NULL;
    if (family == NULL || family[0] == '\0')
        return diag_set(d, BRIEFING_ERR_CONFIG, "font family: expected a name, got nothing");
    if (!FcInit())
        return diag_set(d, BRIEFING_ERR_CONFIG, "font \"%s\": fontconfig cannot start", family);
    pat = FcPatternCreate();
    if (pat == NULL)
        return diag_set(d, BRIEFING_ERR_NOMEM, "font \"%s\": out of memory", family);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &res);
    if (match == NULL || !fonts_family_is(match, family)) {
        status = diag_set(d, BRIEFING_ERR_CONFIG,
                          "font \"%s\" (%s): not installed (fontconfig finds no such family)",
                          family, style);
        goto out;
    }
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch ||
        !fonts_is_ttf((const char *)file)) {
        status = diag_set(d, BRIEFING_ERR_CONFIG,
                          "font \"%s\" (%s): expected a TrueType .ttf file, found %s", family,
                          style, FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch
                                     ? (const char *)file : "none");
        goto out;
    }
    f = calloc(1, sizeof *f);
    if (f == NULL || (f->file = strdup((const char *)file)) == NULL)
        goto nomem;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) == FcResultMatch &&
        (f->charset = FcCharSetCopy(cs)) == NULL)
        goto nomem;
    *out = f;
    f = NULL;
    goto out;
nomem:
    status = diag_set(d, BRIEFING_ERR_NOMEM, "font \"%s\": out of memory", family);
out:
    fonts_face_free(f);
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return status;
}

const char *fonts_file(const fonts_face *f)
{
    return f->file;
}

int fonts_has(const fonts_face *f, uint32_t cp)
{
    return f->charset != NULL && FcCharSetHasChar(f->charset, cp);
}

void fonts_face_free(fonts_face *f)
{
    if (f == NULL)
        return;
    if (f->charset)
        FcCharSetDestroy(f->charset);
    free(f->file);
    free(f);
}

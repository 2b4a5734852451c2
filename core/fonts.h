/*
 * fonts: finding a font face by family name through fontconfig.
 *
 * libharu embeds TrueType files only, so a face is accepted only when
 * fontconfig's best match belongs to the family asked for and its file is a
 * .ttf.  The face keeps the file's character set so the layout engine can
 * tell, before loading anything into the PDF, which face draws a character.
 */
#ifndef BRIEFING_FONTS_H
#define BRIEFING_FONTS_H

#include <stdint.h>

#include "diag.h"

typedef struct fonts_face fonts_face;

/* Finds the face of family in the style asked (bold: weight bold; italic:
 * italic or oblique).  Returns BRIEFING_OK and *out (free it with
 * fonts_face_free), or BRIEFING_ERR_CONFIG with d naming the family when no
 * installed face of that family matches or its file is not TrueType. */
int fonts_find(const char *family, int bold, int italic, fonts_face **out, diag *d);

/* The face's file path; owned by the face. */
const char *fonts_file(const fonts_face *f);

/* 1 when the face has a glyph for code point cp. */
int fonts_has(const fonts_face *f, uint32_t cp);

void fonts_face_free(fonts_face *f);

#endif

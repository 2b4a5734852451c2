/*
 * fonts: finding a font face by family name through fontconfig, and the
 * file libharu embeds it from.
 *
 * libharu embeds TrueType files only, so a face is accepted only when
 * fontconfig's best match belongs to the family asked for and its file is a
 * .ttf.  The face keeps the file's character set so the layout engine can
 * tell, before loading anything into the PDF, which face draws a character.
 *
 * Faces are kept for the life of the process: starting fontconfig and
 * matching a face cost more than laying out a page, and a batch worker
 * renders many briefings with the same faces.
 */
#ifndef BRIEFING_FONTS_H
#define BRIEFING_FONTS_H

#include <stdint.h>

#include "diag.h"

typedef struct fonts_face fonts_face;

/* Finds the face of family in the style asked (bold: weight bold; italic:
 * italic or oblique).  Returns BRIEFING_OK and *out, or BRIEFING_ERR_CONFIG
 * with d naming the family when no installed face of that family matches or
 * its file is not TrueType (BRIEFING_ERR_NOMEM when memory ran out).  The
 * face belongs to the process's cache: a second call with the same
 * arguments returns it without asking fontconfig.  Never free it; it stays
 * valid until fonts_cache_clear. */
int fonts_find(const char *family, int bold, int italic, const fonts_face **out, diag *d);

/* The face's file path; owned by the face. */
const char *fonts_file(const fonts_face *f);

/* 1 when the face has a glyph for code point cp; 0 for a NULL face. */
int fonts_has(const fonts_face *f, uint32_t cp);

/* Frees every face found so far and closes the copies fonts_embed_open
 * made (for tests and leak checkers; a face or path returned before is
 * then gone). */
void fonts_cache_clear(void);

/* The file libharu embeds a face from: a private copy made smaller, or the
 * face's own file. */
typedef struct fonts_embed {
    int fd;        /* a copy made for this call alone; -1: none */
    char path[40]; /* "/proc/self/fd/N" for a copy */
} fonts_embed;

/* Returns the path libharu should load file (a .ttf) from: e->path, or
 * file itself.  libharu 2.3 embeds a face's whole glyph-name table ("post")
 * and every glyph's metrics ("hmtx") whatever the document draws.  The copy
 * has a "post" table without names and, when cp1252 is 1 (every face drawn
 * from the file is loaded with that single-byte encoding), zero metrics for
 * the glyphs no CP1252 character reaches.  It lives in memory (memfd) and
 * is never written to disk: the SIL Open Font License lets a document
 * embed a reduced font, but a modified font may not be passed on under its
 * reserved name.  A copy is made once a process for each file and
 * encoding and kept until fonts_cache_clear, since a batch worker embeds
 * the same faces in every briefing.  When anything stands in the way (not
 * Linux, no /proc, a font this code does not understand) file itself is
 * returned, which draws the same pages in a larger PDF.  Call
 * fonts_embed_close once libharu has opened the path. */
const char *fonts_embed_open(const char *file, int cp1252, fonts_embed *e);

/* Closes a copy made for one call alone (when memory for the list of
 * copies ran out); libharu keeps its own descriptor open.  Safe to call
 * twice. */
void fonts_embed_close(fonts_embed *e);

#endif

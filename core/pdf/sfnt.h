/*
 * sfnt: reading a TrueType font file in memory, and writing the compact
 * copy of it that a single-byte (CP1252) PDF font needs.
 *
 * Every read is checked against the file's size, so a damaged or hostile
 * font makes a call fail, never the program.  Nothing here allocates
 * except sfnt_compact_cp1252, whose result the caller frees.
 */
#ifndef BRIEFING_SFNT_H
#define BRIEFING_SFNT_H

#include <stddef.h>
#include <stdint.h>

/* A font file's bytes (borrowed: a mapping or a buffer of the caller's). */
typedef struct sfnt {
    const unsigned char *p;
    size_t n;
} sfnt;

/* A table: where it is and how long, and where its directory entry is. */
typedef struct sfnt_table {
    size_t off, len, entry;
} sfnt_table;

/* Big-endian reads at byte offset at; 0, or -1 when they would run past
 * the end. */
int sfnt_u16(const sfnt *s, size_t at, unsigned *v);
int sfnt_u32(const sfnt *s, size_t at, uint32_t *v);

/* Finds a table by its four-letter tag; 0, or -1 when it is missing or
 * runs past the end of the file. */
int sfnt_table_find(const sfnt *s, const char *tag, sfnt_table *t);

/* The character CP1252 (Windows-1252) byte `byte` stands for; 0 for a
 * control character, for 0x7F and for the five bytes the code page leaves
 * unused.  The one table of CP1252 in the program: the layout encodes text
 * with it, and the compact copy keeps these characters' glyphs. */
unsigned sfnt_cp1252_char(unsigned byte);

/* The glyph of code point cp by the font's Windows Unicode cmap (format 4,
 * the one libharu reads); 0 when the font has none for it. */
unsigned sfnt_cmap_glyph(const sfnt *s, unsigned cp);

/* Makes a copy of the TrueType font s that holds only what a PDF font
 * with the CP1252 encoding can draw: glyph 0, the glyph of each CP1252
 * character and the glyphs those are built from, renumbered from 0 in
 * their original order, with a cmap (Windows Unicode, format 4) for those
 * characters alone, metrics for those glyphs alone and a "post" table
 * without glyph names.  The outlines, their hinting instructions and the
 * font-wide tables libharu embeds (OS/2, name, cvt, fpgm, prep, and gasp)
 * are copied unchanged, so every glyph draws exactly as before; tables
 * indexed by glyph that a PDF does not use (kern, GSUB, GPOS, hdmx...) are
 * left out.  On success *out is a buffer of *out_len bytes the caller
 * frees.  Returns -1 (and nothing to free) when the font is not a
 * TrueType font this understands, or memory ran out: the caller then
 * embeds the font another way. */
int sfnt_compact_cp1252(const sfnt *s, unsigned char **out, size_t *out_len);

#endif

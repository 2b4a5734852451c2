/*
 * fontcache: fontconfig's answers kept from one run to the next.
 *
 * Starting fontconfig parses its whole XML configuration (46 files on
 * Debian): about 5 ms and 20 million instructions, a fifth of a briefing,
 * for two or three questions whose answers almost never change.  So the
 * answers are kept in a small file together with everything they depend on:
 * fontconfig's version, the environment variables it reads, and the
 * identity and times of every configuration file and folder it read, of the
 * folders holding those files, of every font folder it looked in (present
 * or not), of the user configurations it would read if they existed, and of
 * each face's own file.  A run takes an answer from the file only when all
 * of those are exactly as they were; otherwise (no file, a damaged one, one
 * another user could have written, any change at all) fontconfig is asked
 * as before and the file is written anew.
 *
 * The file is $BRIEFING_FONT_CACHE, else $XDG_CACHE_HOME/briefing/fonts,
 * else $HOME/.cache/briefing/fonts; BRIEFING_FONT_CACHE=off keeps none.
 * Nothing here ever fails a run or prints more than a --verbose line: the
 * cache only saves time.  Process-wide state, as fonts.c's is.
 */
#ifndef BRIEFING_FONTCACHE_H
#define BRIEFING_FONTCACHE_H

#include <stddef.h>
#include <stdint.h>

/* Characters first..last of a face, both included. */
typedef struct fontcache_span {
    uint32_t first, last;
} fontcache_span;

/* What fontconfig said of one face. */
typedef struct fontcache_answer {
    char *file;            /* the face's file */
    fontcache_span *spans; /* the characters it has: ascending, apart */
    size_t n_spans;
} fontcache_answer;

/* Adds characters first..last to a's spans, which must all end below
 * first: joined to the last span when they follow it.  *cap is the room
 * a->spans has (0 for none yet).  0, or -1 when the characters are out of
 * order or past Unicode, or memory ran out (a unchanged). */
int fontcache_add(fontcache_answer *a, uint32_t first, uint32_t last, size_t *cap);

/* Frees a's file and spans and empties it. */
void fontcache_answer_free(fontcache_answer *a);

/* Looks family in that style up in the cache file, which is read and
 * checked on the first call of the process.  Returns 1 with *a filled
 * (malloc'd copies: the caller frees a->file and a->spans) when the file
 * holds the answer and nothing it depends on has changed; 0 otherwise
 * (also when memory runs out), *a untouched. */
int fontcache_get(const char *family, int bold, int italic, fontcache_answer *a);

/* Keeps an answer fontconfig gave under its current configuration (started
 * by the caller) for later runs: it joins the answers of this process and
 * the file is written anew with them all, through a temporary file renamed
 * over it.  Copies what it keeps. */
void fontcache_put(const char *family, int bold, int italic, const fontcache_answer *a);

/* Forgets the answers read and kept in this process (tests; the next
 * fontcache_get reads the file again, with the environment as it is
 * then). */
void fontcache_clear(void);

#endif

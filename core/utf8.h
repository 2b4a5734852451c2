/*
 * utf8: validating and decoding UTF-8, which every text input must be.
 */
#ifndef BRIEFING_UTF8_H
#define BRIEFING_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF); otherwise 0 and, when bad_offset is not NULL,
 * the byte offset of the first bad sequence. */
int utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* Decodes one code point at s (len bytes available) into *cp and returns the
 * number of bytes it took (1-4).  A malformed sequence gives U+FFFD and 1. */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encodes cp into out (4 bytes at least); returns the bytes written. */
size_t utf8_encode(uint32_t cp, char *out);

#endif

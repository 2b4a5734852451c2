/*
 * buf: a growable byte buffer that carries its own maximum (after curl's
 * dynbuf), so that no input can make the program take unbounded memory.
 *
 * The buffer owns its bytes; buf_free releases them, buf_take hands them to
 * the caller (who then frees them with free()).  The content is always
 * NUL-terminated, so it can be read as a string.
 */
#ifndef BRIEFING_BUF_H
#define BRIEFING_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;    /* NULL until the first byte is added */
    size_t len;    /* bytes in use, not counting the terminating NUL */
    size_t cap;    /* bytes allocated */
    size_t max;    /* the most len may reach */
} buf;

/* Starts an empty buffer that may grow to max bytes. */
void buf_init(buf *b, size_t max);

/* Appends n bytes.  Returns 0, or -1 when memory ran out or the maximum
 * would be passed (errno is then ENOMEM or EFBIG); b is unchanged then. */
int buf_add(buf *b, const void *data, size_t n);
int buf_adds(buf *b, const char *s);
int buf_addc(buf *b, char c);
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Empties the buffer, keeping its memory. */
void buf_reset(buf *b);

/* Returns the content ("" when empty) and leaves b empty; free() it. */
char *buf_take(buf *b);

void buf_free(buf *b);

/* Reads a whole file into b.  Returns 0, or -1 with errno set (EFBIG when
 * the file is larger than b's maximum). */
int buf_read_file(buf *b, const char *path);

#endif

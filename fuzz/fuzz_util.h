/*
 * fuzz_util.h: what several harnesses share.  Header-only (static
 * functions): each harness is one program built from one .c file.
 *
 * The file-based entry points (template_load, a source's read) take a path,
 * so the harness writes each input to one temporary file made at start-up
 * and removed at exit.
 */
#ifndef BRIEFING_FUZZ_UTIL_H
#define BRIEFING_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The temporary file's path; set by fuzz_tmp_init. */
static char fuzz_tmp_path[64];

static __attribute__((unused)) void fuzz_tmp_remove(void)
{
    if (fuzz_tmp_path[0])
        unlink(fuzz_tmp_path);
}

/* Makes the temporary file, ending in `suffix` (".json", ".csv"), so that
 * code choosing by extension sees a normal name.  Aborts on failure: a
 * harness that cannot write its input tests nothing. */
static __attribute__((unused)) void fuzz_tmp_init(const char *suffix)
{
    int fd;

    snprintf(fuzz_tmp_path, sizeof fuzz_tmp_path, "/tmp/briefing-fuzz-XXXXXX%s", suffix);
    fd = mkstemps(fuzz_tmp_path, (int)strlen(suffix));
    if (fd < 0) {
        perror("mkstemps");
        abort();
    }
    close(fd);
    atexit(fuzz_tmp_remove);
}

/* Replaces the temporary file's content with data. */
static __attribute__((unused)) void fuzz_tmp_write(const uint8_t *data, size_t size)
{
    FILE *f = fopen(fuzz_tmp_path, "wb");

    if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(fuzz_tmp_path);
        abort();
    }
}

/* A NUL-terminated copy of the input (the caller frees it). */
static __attribute__((unused)) char *fuzz_cstring(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);

    if (s == NULL)
        abort();
    memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* Every failure must say something: an error status with an empty message
 * is a bug (the user would see a bare "briefing:"). */
#define FUZZ_REQUIRE(cond)                                                              \
    do {                                                                                \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: broken invariant: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                    \
        }                                                                               \
    } while (0)

#endif

/*
 * marker.h: a constructor that says it ran.  When BRIEFING_TEST_MARKER names
 * a file, loading the plugin appends its name to it, so a test can tell
 * which plugins ran code: a refused one must not have (core/plugin_loader.c reads
 * the ABI from the file before dlopen), a loaded one has.
 */
#ifndef BRIEFING_TEST_MARKER_H
#define BRIEFING_TEST_MARKER_H

#include <stdio.h>
#include <stdlib.h>

#define TEST_MARKER(NAME)                                                   \
    __attribute__((constructor)) static void test_marker_ran(void)          \
    {                                                                       \
        const char *path = getenv("BRIEFING_TEST_MARKER");                 \
        FILE *f = path ? fopen(path, "a") : NULL;                           \
                                                                            \
        if (f) {                                                            \
            fputs(NAME "\n", f);                                            \
            fclose(f);                                                      \
        }                                                                   \
    }

#endif

/*
 * paths: where the installed (or built) program keeps its plugins and
 * templates, found relative to the executable so that an installed tree works
 * from any working directory and wherever it was installed.
 */
#ifndef BRIEFING_PATHS_H
#define BRIEFING_PATHS_H

#include <stddef.h>

/* Writes the installed plugin folder into buf: BIN/../PLUGINDIR when that
 * exists beside the running executable, else PREFIX/PLUGINDIR.  Returns buf. */
const char *paths_plugin_dir(char *buf, size_t size);

/* The same for the templates folder (DATADIR/briefing/templates). */
const char *paths_template_dir(char *buf, size_t size);

/* Joins a and b with one '/' into buf; returns 0, or -1 when it does not fit. */
int paths_join(char *buf, size_t size, const char *a, const char *b);

/* The folder part of path ("." when none) into buf; returns buf. */
const char *paths_dirname(const char *path, char *buf, size_t size);

#endif

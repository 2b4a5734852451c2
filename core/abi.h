/*
 * abi: what a plugin sees of the host, by the ABI minor version it was
 * built for.
 *
 * Every struct a plugin hands to h->layout opens with its own size
 * (briefing/version.h, "the array rule").  This module is the one place
 * that reads plugin structs by that size, and the one place that knows the
 * layouts of older minor versions: it converts what a plugin passes into
 * structs of this build, in plain arrays, and hands them to the layout
 * engine (layout_api()), which never sees a plugin's own layout.
 */
#ifndef BRIEFING_ABI_H
#define BRIEFING_ABI_H

#include <briefing/plugin.h>

/* The layout table of the current ABI: structs read by their `size`. */
const briefing_layout_api *abi_layout(void);

/* The layout table for plugins built for ABI 1.0 and 1.1, whose layout
 * structs had no `size`: it converts the 1.1 structs. */
const briefing_layout_api *abi_layout_1_1(void);

/* The host table for a plugin that declared ABI minor `minor` (of this
 * major): host_table() for 1.2 and later, else the same table with the 1.1
 * layout.  Never NULL. */
const briefing_host *abi_host(unsigned minor);

/* The options desc declares, read by the ABI minor it was built for: a new
 * array of this build's briefing_option ending with a NULL name (the
 * caller frees it), or NULL when it declares none.  NULL with *status set
 * (BRIEFING_ERR_DATA or BRIEFING_ERR_NOMEM) and `why` saying what is wrong
 * when an option's size is wrong, the sizes differ or the array never ends. */
briefing_option *abi_options(const briefing_plugin *desc, int *status, char *why, size_t size);

#endif

/*
 * briefing/version.h: the program's version and the plugin ABI it speaks.
 *
 * The ABI promise: a plugin built against ABI major M and minor m loads into
 * any host of major M and minor >= m.  Within one major version the host only
 * ever adds: new host functions at the end of a host table, new fields at the
 * end of a struct the host allocates, new enum values at the end of an enum.
 * Nothing is removed, reordered or given a new meaning.  A plugin must
 * therefore never allocate or copy a host struct by value, never index an
 * array of host structs (the dataset hands out arrays of pointers for that
 * reason), and must check a table's `size` before calling a function that
 * was added in a later minor version than the one it was built with.
 */
#ifndef BRIEFING_VERSION_H
#define BRIEFING_VERSION_H

#define BRIEFING_VERSION "0.1.0"

#define BRIEFING_ABI_MAJOR 1
#define BRIEFING_ABI_MINOR 1

#endif

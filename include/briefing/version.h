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
 *
 * Minor versions: 1.1 added h->state_kept; 1.2 added the workbook members
 * of h->csv (sheets, open_sheet, next_table, hidden, sheet, is_workbook)
 * and the analysis functions recorded, previous_metric, change_text,
 * neighbour_median and median, then standing, standing_series,
 * rate_per_10k, better, position_text and compare_text (briefing_standing,
 * briefing_better: comparisons as DfE's dashboard draws them); layout
 * gained table_row_sparks (briefing_spark), a trend line in a table cell.
 */
#ifndef BRIEFING_VERSION_H
#define BRIEFING_VERSION_H

#define BRIEFING_VERSION "0.1.0"

#define BRIEFING_ABI_MAJOR 1
#define BRIEFING_ABI_MINOR 2

#endif

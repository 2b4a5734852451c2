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
 * Structs a plugin fills and the host reads (the descriptor's options,
 * briefing_option, and every struct of layout.h a
 * plugin hands to h->layout: briefing_cover, briefing_fact, briefing_run,
 * briefing_column, briefing_cell, briefing_spark, briefing_series,
 * briefing_line_chart, briefing_bar, briefing_timeline, briefing_mark,
 * briefing_judgement_chart) open with `size_t size`, set to sizeof the
 * struct as the plugin was built, exactly as the analysis result structs
 * do.  Designated initialisers keep that short:
 *     briefing_fact f = {.size = sizeof f, .label = "Judgement", ...};
 * The host reads only the fields that `size` covers and gives every field
 * beyond it its zero default, so such a struct can grow at its end.
 *
 * The array rule: for an array of such structs (facts, runs, columns,
 * cells, sparks, series, bars, marks) the element size is given once, by
 * the FIRST element's `size`; the host steps through the array by it, reads
 * in each element only the fields that size covers and defaults the rest.
 * Every element must carry the same size (the host refuses an array whose
 * sizes differ, naming the element).  An options array ends with an entry
 * whose name is NULL, whatever its size ({0} will do).  A plugin built against an older
 * header thereby passes arrays of its own, shorter elements.
 *
 * Plugins built for ABI 1.0 or 1.1 (whose layout structs and options had
 * no `size`) still load: the host hands them a layout table that takes the
 * 1.1 structs and converts them, and reads their options in the 1.1
 * layout (core/abi.c).
 *
 * Minor versions: 1.1 added h->state_kept; 1.2 added the workbook members
 * of h->csv (sheets, open_sheet, next_table, hidden, sheet, is_workbook)
 * and the analysis functions recorded, previous_metric, change_text,
 * neighbour_median and median, then standing, standing_series,
 * rate_per_10k, better, position_text and compare_text (briefing_standing,
 * briefing_better: comparisons as DfE's dashboard draws them); layout
 * gained table_row_sparks (briefing_spark), a trend line in a table cell,
 * table_row_n, a row that says how many cells it holds, and
 * reference_runs, an entry of a list of sources (a Note when tagged);
 * briefing_column gained row_header at its end; the three
 * chart structs gained `alt` at their end (a chart said in words for a
 * tagged PDF; NULL: the host says it from the data); every layout
 * struct gained its leading `size` (the array rule above); and the host
 * table ends with the helpers plugins used to copy: header_line,
 * header_has, council_entry, ofsted_grade, ofsted_inspection_type,
 * expand_title and add_months.
 * ABI 1.2 is not yet released: it stays 1.2 until it is.
 */
#ifndef BRIEFING_VERSION_H
#define BRIEFING_VERSION_H

#define BRIEFING_VERSION "0.1.0"

#define BRIEFING_ABI_MAJOR 1
#define BRIEFING_ABI_MINOR 2

#endif

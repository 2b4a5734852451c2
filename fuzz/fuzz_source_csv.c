/* fuzz_source_csv: the csv source (plugins/sources/csv) over any file; see
 * fuzz_source.h. */
#include "../plugins/sources/csv/csv.c"
#include "fuzz_source.h"

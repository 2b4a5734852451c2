/* fuzz_source_dfe: the dfe source (plugins/sources/dfe) over any file; see
 * fuzz_source.h. */
#include "../plugins/sources/dfe/dfe.c"
#include "fuzz_source.h"

/* fuzz_source_ofsted: the Ofsted CSV source (plugins/sources/ofsted) over
 * any file; see fuzz_source.h. */
#include "../plugins/sources/ofsted/ofsted.c"
#include "fuzz_source.h"

/*
 * analysis: the facts sections derive from a council's data (current
 * judgement, direction of travel, leadership turnover and tenure, interim
 * cover, interventions in force, metric trends), shared with every section
 * plugin through the host table (include/briefing/analysis.h says what each
 * function answers; docs/internals/analysis.md how and why).
 *
 * The module has no state: every function reads the dataset it is given
 * and nothing else.
 */
#ifndef BRIEFING_ANALYSIS_INTERNAL_H
#define BRIEFING_ANALYSIS_INTERNAL_H

#include <briefing/analysis.h>

/* The table host.c puts in briefing_host.analysis; static, never NULL. */
const struct briefing_analysis_api *analysis_api(void);

#endif

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

/* The span every timeline of a briefing shares (the layout's time_from and
 * time_to): from 1 January of the year of the council's earliest dated
 * inspection, tenure (start or in_post_on) or intervention start to the last
 * day of as_of's period, at least five years wide so that a short history
 * still reads.  Entries dated after as_of do not move it.  Core only: no
 * plugin draws a timeline of its own span. */
void analysis_time_axis(const briefing_council *c, briefing_date as_of, briefing_date *from,
                        briefing_date *to);

#endif

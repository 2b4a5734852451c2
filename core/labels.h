/*
 * labels: the words a reader sees for the dataset's closed values.
 * Every function returns a static string, never NULL.
 */
#ifndef BRIEFING_LABELS_H
#define BRIEFING_LABELS_H

#include <briefing/dataset.h>

const char *labels_judgement(briefing_judgement j);
const char *labels_framework(briefing_framework f);
const char *labels_inspection_type(briefing_inspection_type t);
const char *labels_intervention(briefing_intervention_kind k);
/* "Director of children's services" for "dcs"; an unknown role as written. */
const char *labels_role(const char *role);
const char *labels_unit(briefing_unit u);

#endif

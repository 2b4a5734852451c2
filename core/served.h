/*
 * served: the helpers every plugin needs and a third party would otherwise
 * copy (the shipped plugins once kept them in plugins/sources/common/
 * srcutil.h and plugins/sections/common/section.h): served at the end of
 * the host table (ABI 1.2), so that there is one copy, the host's.
 */
#ifndef BRIEFING_SERVED_H
#define BRIEFING_SERVED_H

#include <briefing/councils.h>
#include <briefing/plugin.h>

const char *served_header_line(const unsigned char *head, size_t len, char *buf, size_t size);
int served_header_has(const unsigned char *head, size_t len, const char *name);
briefing_json *served_council_entry(briefing_ctx *ctx, briefing_json *dataset,
                                    const briefing_council_info *info);
int served_ofsted_grade(const char *text, int pre2013, const char **word);
int served_ofsted_inspection_type(const char *text, const char **framework, const char **type,
                                  int *visit);
const char *served_expand_title(const char *text, const briefing_council *c, char *buf,
                                size_t size);

/* The index council_entry keeps on a context; freed with the context. */
void served_ctx_free(briefing_ctx *ctx);

#endif

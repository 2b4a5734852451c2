/*
 * outturn.h: the revenue outturn workbook (RO3), read by the dfe source
 * (outturn.c).
 */
#ifndef DFE_OUTTURN_H
#define DFE_OUTTURN_H

#include <briefing/plugin.h>

/* 1 when a sheet's name is the outturn's data sheet's ("RO3_LA_Data_202425"). */
int outturn_sheet(const char *name);

/* Reads each council's children's social care spend from the workbook at
 * path into dataset (errors recorded on ctx). */
int outturn_read(const briefing_host *h, briefing_ctx *ctx, const char *path, briefing_json *dataset);

#endif

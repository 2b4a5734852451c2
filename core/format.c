#include "format.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *format_number(double v, int decimals, char *buf, size_t size)
{
    char digits[64];
    char out[96];
    const char *p, *point;
    size_t o = 0, intlen, i;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (!isfinite(v) || fabs(v) >= 1e18)
        return buf;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    snprintf(digits, sizeof digits, "%.*f", decimals, v);
    p = digits;
    if (*p == '-') {
        /* "-0" is printed as "0". */
        if (strspn(p + 1, "0.") != strlen(p + 1))
            out[o++] = '-';
        p++;
    }
    point = strchr(p, '.');
    intlen = point ? (size_t)(point - p) : strlen(p);
    for (i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = p[i];
    }
    if (point) {
        size_t rest = strlen(point);
        memcpy(out + o, point, rest);
        o += rest;
    }
    out[o] = '\0';
    snprintf(buf, size, "%s", out);
    return buf;
}

static int format_int_cmp(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

const char *format_cite(const briefing_dataset *ds, briefing_cites cites, char *buf, size_t size)
{
    int numbers[64];
    size_t n = 0, i, j, used = 0;

    if (size == 0)
        return buf;
    buf[0] = '\0';
    if (ds == NULL)
        return buf;
    for (i = 0; i < cites.count && n < sizeof numbers / sizeof numbers[0]; i++) {
        for (j = 0; j < ds->n_sources; j++) {
            if (cites.ids[i] && strcmp(ds->sources[j]->id, cites.ids[i]) == 0) {
                numbers[n++] = ds->sources[j]->number;
                break;
            }
        }
    }
    if (n == 0)
        return buf;
    qsort(numbers, n, sizeof numbers[0], format_int_cmp);
    used += (size_t)snprintf(buf + used, size - used, "[");
    for (i = 0; i < n && used < size; i++) {
        if (i > 0 && numbers[i] == numbers[i - 1])
            continue;
        used += (size_t)snprintf(buf + used, size - used, "%s%d", i ? ", " : "", numbers[i]);
    }
    if (used < size)
        snprintf(buf + used, size - used, "]");
    return buf;
}

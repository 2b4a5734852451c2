#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <briefing/status.h>

void diag_clear(diag *d)
{
    d->status = 0;
    d->text[0] = '\0';
}

int diag_vset(diag *d, int status, const char *fmt, va_list ap)
{
    if (d == NULL || d->status != 0)
        return status;
    d->status = status;
    vsnprintf(d->text, sizeof d->text, fmt, ap);
    return status;
}

int diag_set(diag *d, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vset(d, status, fmt, ap);
    va_end(ap);
    return status;
}

int diag_errno_status(int err, int otherwise)
{
    return err == ENOMEM || err == EMFILE || err == ENFILE ? BRIEFING_ERR_NOMEM : otherwise;
}

void diag_prefix(diag *d, const char *fmt, ...)
{
    char prefix[DIAG_TEXT_MAX];
    size_t plen, tlen;
    va_list ap;

    if (d == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix - 2, fmt, ap);
    va_end(ap);
    strcat(prefix, ": ");
    plen = strlen(prefix);
    tlen = strlen(d->text);
    /* Keep as much of the message as fits after the prefix. */
    if (plen + tlen >= sizeof d->text)
        tlen = sizeof d->text - 1 - plen;
    memmove(d->text + plen, d->text, tlen);
    memcpy(d->text, prefix, plen);
    d->text[plen + tlen] = '\0';
}

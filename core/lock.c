#include "lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <briefing/status.h>

#include "log.h"
#include "paths.h"

/* What a lock file says, as written by lock_write_holder. */
#define LOCK_TEXT_MAX 512

/* Reads the lock file's text (the holder) into text; "" when empty. */
static void lock_read_holder(int fd, char *text, size_t size)
{
    ssize_t n = pread(fd, text, size - 1, 0);
    char *nl;

    text[n > 0 ? n : 0] = '\0';
    /* One line: "process 1234 on HOST, started 2024-06-01 02:00:00 UTC". */
    if ((nl = strchr(text, '\n')) != NULL)
        *nl = '\0';
}

static int lock_write_holder(int fd)
{
    char host[256] = "", started[64], text[LOCK_TEXT_MAX];
    time_t now = time(NULL);
    struct tm tm;
    int n;

    if (gethostname(host, sizeof host - 1) != 0)
        snprintf(host, sizeof host, "an unknown host");
    host[sizeof host - 1] = '\0';
    if (gmtime_r(&now, &tm) == NULL || strftime(started, sizeof started, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
        snprintf(started, sizeof started, "at an unknown time");
    n = snprintf(text, sizeof text, "process %ld on %s, started %s\n", (long)getpid(), host,
                 started);
    if (n < 0 || (size_t)n >= sizeof text || ftruncate(fd, 0) != 0
        || pwrite(fd, text, (size_t)n, 0) != n)
        return -1;
    return 0;
}

int lock_acquire(lock *l, const char *dir, diag *d)
{
    char holder[LOCK_TEXT_MAX];

    l->fd = -1;
    if (paths_join(l->path, sizeof l->path, dir, LOCK_FILE_NAME) != 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: path too long", dir);
    l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (l->fd < 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot open the lock file: %s", l->path,
                        strerror(errno));
    if (flock(l->fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;

        lock_read_holder(l->fd, holder, sizeof holder);
        close(l->fd);
        l->fd = -1;
        if (err != EWOULDBLOCK)
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot lock: %s", l->path,
                            strerror(err));
        return diag_set(d, BRIEFING_ERR_TEMPFAIL, "%s is in use by another briefing run (%s); "
                        "try again when it has finished (lock file %s)", dir,
                        holder[0] ? holder : "it is just starting", l->path);
    }
    /* The lock is ours: whatever the file still says is a run that died. */
    lock_read_holder(l->fd, holder, sizeof holder);
    if (holder[0])
        log_msg(LOG_INFO, NULL, "%s: taking over the lock left by %s, which is no longer "
                "running", l->path, holder);
    if (lock_write_holder(l->fd) != 0) {
        int err = errno;

        lock_release(l);
        return diag_set(d, BRIEFING_ERR_IO, "%s: cannot write the lock file: %s", l->path,
                        strerror(err));
    }
    return BRIEFING_OK;
}

void lock_release(lock *l)
{
    if (l->fd < 0)
        return;
    /* An empty file tells the next run that this one ended cleanly. */
    if (ftruncate(l->fd, 0) != 0)
        log_msg(LOG_DEBUG, NULL, "%s: cannot empty the lock file: %s", l->path,
                strerror(errno));
    flock(l->fd, LOCK_UN);
    close(l->fd);
    l->fd = -1;
}

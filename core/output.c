#include "output.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <briefing/status.h>

#include "paths.h"

/* The spool file of a stream is ".briefing-spool.XXXXXX" in $TMPDIR (or
 * /tmp): the temporary file of a final name OUTPUT_SPOOL there, so that
 * output_sweep finds what a killed run left. */
#define OUTPUT_SPOOL "briefing-spool"

/* Pending temporary paths, kept in fixed storage so that a signal handler
 * can unlink them without touching the heap.  A process writes one PDF at a
 * time; a few slots leave room for a state file alongside. */
#define OUTPUT_PENDING_MAX 4
static char output_pending[OUTPUT_PENDING_MAX][PATH_MAX];
static volatile sig_atomic_t output_pending_used[OUTPUT_PENDING_MAX];

static void output_remember(const char *path)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++) {
        if (!output_pending_used[i]) {
            snprintf(output_pending[i], PATH_MAX, "%s", path);
            output_pending_used[i] = 1;
            return;
        }
    }
}

static void output_forget(const char *path)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++) {
        if (output_pending_used[i] && strcmp(output_pending[i], path) == 0) {
            output_pending_used[i] = 0;
            return;
        }
    }
}

void output_unlink_pending(void)
{
    int i;

    for (i = 0; i < OUTPUT_PENDING_MAX; i++)
        if (output_pending_used[i])
            unlink(output_pending[i]);
}

/* ---- signals (generate, convert) ------------------------------------------ */

static void output_say(const char *text)
{
    if (write(STDERR_FILENO, text, strlen(text)) < 0) {
        /* Nothing more can be done in a signal handler. */
    }
}

static void output_on_signal(int sig)
{
    output_unlink_pending();
    output_say(sig == SIGINT ? "briefing: interrupted (SIGINT)"
               : sig == SIGHUP ? "briefing: interrupted (SIGHUP)"
                               : "briefing: interrupted (SIGTERM)");
    output_say(": stopped; no temporary file is left\n");
    _exit(BRIEFING_ERR_TEMPFAIL);
}

void output_catch_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa, current;
    size_t i;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = output_on_signal;
    sigfillset(&sa.sa_mask);
    for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (sigaction(sigs[i], NULL, &current) == 0 && current.sa_handler != SIG_IGN)
            sigaction(sigs[i], &sa, NULL);
}

/* ---- beginning ------------------------------------------------------------ */

static void output_init(output *o)
{
    o->final_path = o->tmp_path = NULL;
    o->fd = o->stream = -1;
    o->direct = 0;
}

/* The descriptor a path names without being a file of its own: "-",
 * /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N, or a symlink whose
 * text is one of those.  -1 for any other path.  Opening /dev/stdout would
 * truncate a redirected file, and renaming over it would replace the
 * symlink (as root), so these are written through the descriptor. */
static int output_named_fd(const char *path, int follow)
{
    static const char *const prefixes[] = {"/dev/fd/", "/proc/self/fd/"};
    char link[PATH_MAX];
    ssize_t n;
    size_t i;

    if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
        return STDOUT_FILENO;
    if (strcmp(path, "/dev/stderr") == 0)
        return STDERR_FILENO;
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t len = strlen(prefixes[i]);
        char *end;
        long fd;

        if (strncmp(path, prefixes[i], len) == 0 && isdigit((unsigned char)path[len])) {
            fd = strtol(path + len, &end, 10);
            if (*end == '\0' && fd <= INT_MAX)
                return (int)fd;
        }
    }
    if (!follow || (n = readlink(path, link, sizeof link - 1)) <= 0)
        return -1;
    link[n] = '\0';
    return output_named_fd(link, 0);
}

int output_is_stream(const char *final_path)
{
    struct stat st;

    return output_named_fd(final_path, 1) >= 0
           || (stat(final_path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

/* Opens the stream final_path names into o->stream, or leaves it -1 when
 * final_path is not a stream (a regular file, or nothing yet). */
static int output_open_stream(output *o, const char *final_path, diag *d)
{
    int named = output_named_fd(final_path, 1);
    struct stat st;

    if (named >= 0) {
        if ((o->stream = fcntl(named, F_DUPFD_CLOEXEC, 3)) < 0)
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot write: %s", final_path,
                            strerror(errno));
        return BRIEFING_OK;
    }
    if (stat(final_path, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
        return BRIEFING_OK;
    /* A FIFO's open waits for a reader, as writing to one does. */
    o->stream = open(final_path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (o->stream < 0)
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot write: %s", final_path,
                        errno == ENXIO ? "a socket or a device with nothing behind it"
                                       : strerror(errno));
    return BRIEFING_OK;
}

/* Gives the new file at fd the mode and group of the regular file it will
 * replace (never a symlink's target's), or 0666 less the umask for a new
 * one.  When the group cannot be kept, the new file's own group gets no more
 * than others do. */
static void output_set_mode(int fd, const char *final_path)
{
    struct stat st;
    mode_t mode, mask = umask(0);

    umask(mask);
    if (lstat(final_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        fchmod(fd, 0666 & ~mask);
        return;
    }
    mode = st.st_mode & 0777;
    if (st.st_gid != getegid() && fchown(fd, (uid_t)-1, st.st_gid) != 0)
        mode = (mode & 0707) | ((mode & 07) << 3);
    fchmod(fd, mode);
}

/* Makes the temporary file from template tmp (mkstemp's) and locks it.  A
 * sweep in another process may take the new file's lock first, and remove
 * it, in the moment between its making and its locking: the file is made
 * again until it is locked and still in place.  The stop signals are held
 * meanwhile, so that a signal cannot come between its making and its being
 * remembered for the handler. */
static int output_make_temporary(output *o, char *tmp, const char *final_path, diag *d)
{
    char pattern[PATH_MAX];
    struct stat held, named;
    sigset_t stop, old;
    int err = 0, tries;

    snprintf(pattern, sizeof pattern, "%s", tmp);
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop, &old);
    for (tries = 0; tries < 100 && o->fd < 0 && err == 0; tries++) {
        memcpy(tmp, pattern, strlen(pattern) + 1);
        if ((o->fd = mkstemp(tmp)) < 0) {
            err = errno;
            break;
        }
        fcntl(o->fd, F_SETFD, FD_CLOEXEC);
        if (flock(o->fd, LOCK_EX | LOCK_NB) != 0 || fstat(o->fd, &held) != 0
            || lstat(tmp, &named) != 0 || held.st_dev != named.st_dev
            || held.st_ino != named.st_ino) {
            close(o->fd); /* a sweep has it: it removes the name */
            o->fd = -1;
        }
    }
    if (o->fd >= 0)
        output_remember(tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (o->fd < 0) {
        char dir[PATH_MAX];

        paths_dirname(tmp, dir, sizeof dir);
        return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: cannot create a file in %s: %s",
                        final_path, dir, strerror(err ? err : EAGAIN));
    }
    return BRIEFING_OK;
}

static int output_start(output *o, const char *final_path, int streams, diag *d)
{
    char dir[PATH_MAX];
    char tmp[PATH_MAX];
    const char *base = strrchr(final_path, '/');
    struct stat st;
    int rc;

    output_init(o);
    if (final_path[0] == '\0')
        return diag_set(d, BRIEFING_ERR_USAGE, "the output path is empty");
    base = base ? base + 1 : final_path;
    if (streams && (rc = output_open_stream(o, final_path, d)))
        return rc;
    if (o->stream >= 0) {
        const char *spool = getenv("TMPDIR");

        o->direct = 1;
        if (spool == NULL || spool[0] != '/')
            spool = "/tmp";
        if (strlen(spool) + sizeof OUTPUT_SPOOL + 16 > sizeof tmp)
            spool = "/tmp";
        snprintf(dir, sizeof dir, "%s/%s", spool, OUTPUT_SPOOL);
        output_sweep(dir); /* what a killed run left */
        snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", spool, OUTPUT_SPOOL);
    } else {
        paths_dirname(final_path, dir, sizeof dir);
        if (base[0] == '\0' || (stat(final_path, &st) == 0 && S_ISDIR(st.st_mode)))
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: is a folder, not a file name",
                            final_path);
        if (stat(final_path, &st) == 0 && !S_ISREG(st.st_mode))
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: not a regular file (a device, a pipe "
                            "or a socket): only a file can be written here", final_path);
        if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, base) >= (int)sizeof tmp)
            return diag_set(d, BRIEFING_ERR_CANTCREAT, "%s: path too long", final_path);
        output_sweep(final_path);
    }
    if ((rc = output_make_temporary(o, tmp, final_path, d))) {
        output_abort(o);
        return rc;
    }
    if (!o->direct)
        output_set_mode(o->fd, final_path);
    o->final_path = strdup(final_path);
    o->tmp_path = strdup(tmp);
    if (o->final_path == NULL || o->tmp_path == NULL) {
        unlink(tmp);
        output_forget(tmp);
        free(o->tmp_path);
        o->tmp_path = NULL;
        output_abort(o);
        return diag_set(d, BRIEFING_ERR_NOMEM, "out of memory");
    }
    return BRIEFING_OK;
}

int output_begin(output *o, const char *final_path, diag *d)
{
    return output_start(o, final_path, 0, d);
}

int output_begin_stream(output *o, const char *final_path, diag *d)
{
    return output_start(o, final_path, 1, d);
}

/* ---- ending ----------------------------------------------------------------- */

static void output_release(output *o)
{
    if (o->tmp_path)
        output_forget(o->tmp_path);
    if (o->fd >= 0)
        close(o->fd); /* after the rename or unlink: the lock goes with it */
    if (o->stream >= 0)
        close(o->stream);
    free(o->final_path);
    free(o->tmp_path);
    output_init(o);
}

/* Copies the spool file to the stream, every byte or an error.  SIGPIPE is
 * ignored meanwhile, so that a reader gone is an error (EPIPE), not a death
 * that would leave the spool file behind. */
static int output_copy(output *o, diag *d)
{
    struct sigaction ignore, old;
    char chunk[65536];
    ssize_t n = 0, w;
    int rc = BRIEFING_OK, err = 0;

    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &old);
    if (lseek(o->fd, 0, SEEK_SET) != 0)
        err = errno;
    while (err == 0 && (n = read(o->fd, chunk, sizeof chunk)) != 0) {
        if (n < 0) {
            if (errno != EINTR)
                err = errno;
            continue;
        }
        for (ssize_t at = 0; err == 0 && at < n; at += w > 0 ? w : 0)
            if ((w = write(o->stream, chunk + at, (size_t)(n - at))) < 0 && errno != EINTR)
                err = errno;
    }
    sigaction(SIGPIPE, &old, NULL);
    if (err)
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", o->final_path, strerror(err));
    return rc;
}

int output_commit(output *o, diag *d)
{
    int rc = BRIEFING_OK;

    if (o->direct) {
        rc = output_copy(o, d);
        unlink(o->tmp_path);
        output_release(o);
        return rc;
    }
    if (fsync(o->fd) != 0)
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", o->final_path, strerror(errno));
    if (rc == BRIEFING_OK && rename(o->tmp_path, o->final_path) != 0)
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: cannot put the finished file in place: %s",
                      o->final_path, strerror(errno));
    if (rc != BRIEFING_OK)
        unlink(o->tmp_path);
    output_release(o);
    return rc;
}

void output_abort(output *o)
{
    if (o->tmp_path)
        unlink(o->tmp_path);
    output_release(o);
}

static int output_text(const char *path, const char *text, int streams, diag *d)
{
    output out;
    FILE *f;
    int rc = output_start(&out, path, streams, d);

    if (rc)
        return rc;
    f = fopen(out.tmp_path, "wb");
    if (f == NULL || fputs(text, f) == EOF || fputc('\n', f) == EOF) {
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", path, strerror(errno));
        if (f)
            fclose(f);
        output_abort(&out);
        return rc;
    }
    if (fclose(f) != 0) {
        rc = diag_set(d, BRIEFING_ERR_IO, "%s: writing failed: %s", path, strerror(errno));
        output_abort(&out);
        return rc;
    }
    return output_commit(&out, d);
}

int output_write_text(const char *path, const char *text, diag *d)
{
    return output_text(path, text, 0, d);
}

int output_write_text_stream(const char *path, const char *text, diag *d)
{
    return output_text(path, text, 1, d);
}

/* ---- stale temporaries ------------------------------------------------------- */

/* 1 when entry is ".BASE." followed by mkstemp's six characters. */
static int output_is_temporary(const char *entry, const char *base)
{
    size_t n = strlen(base), i;

    if (entry[0] != '.' || strncmp(entry + 1, base, n) != 0 || entry[1 + n] != '.'
        || strlen(entry + 2 + n) != 6)
        return 0;
    for (i = 2 + n; entry[i]; i++)
        if (!isalnum((unsigned char)entry[i]))
            return 0;
    return 1;
}

/* Removes the temporary file name in the folder dirfd when a dead run left
 * it (see output_sweep); 1 when it did. */
static int output_remove_stale(int dirfd, const char *name)
{
    struct stat named, held;
    int fd, removed = 0;

    if (fstatat(dirfd, name, &named, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(named.st_mode)
        || named.st_uid != geteuid())
        return 0;
    fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    /* Removed only while locked, and only if the name still names the file
     * locked. */
    if (fstat(fd, &held) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino
        && flock(fd, LOCK_EX | LOCK_NB) == 0
        && fstatat(dirfd, name, &named, AT_SYMLINK_NOFOLLOW) == 0
        && held.st_dev == named.st_dev && held.st_ino == named.st_ino
        && unlinkat(dirfd, name, 0) == 0)
        removed = 1;
    close(fd);
    return removed;
}

int output_sweep(const char *final_path)
{
    char dir[PATH_MAX];
    const char *base = strrchr(final_path, '/');
    struct dirent *e;
    DIR *folder;
    int removed = 0;

    base = base ? base + 1 : final_path;
    if (base[0] == '\0')
        return 0;
    paths_dirname(final_path, dir, sizeof dir);
    if ((folder = opendir(dir)) == NULL)
        return 0;
    while ((e = readdir(folder)) != NULL)
        if (output_is_temporary(e->d_name, base))
            removed += output_remove_stale(dirfd(folder), e->d_name);
    closedir(folder);
    return removed;
}

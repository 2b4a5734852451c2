/*
 * failmalloc: an LD_PRELOAD library that makes memory allocations fail on
 * demand, to check that the program reports running out of memory cleanly
 * (tests/e2e/faults.sh).
 *
 *   FAILMALLOC_AFTER=N     the first N allocations succeed and every later
 *                          one fails, as when memory is really exhausted;
 *                          unset: none fails (only counting)
 *   FAILMALLOC_ONCE=1      only allocation N+1 fails; the later ones succeed
 *   FAILMALLOC_SCOPE=ours  count and fail only the allocations our code
 *                          asks for: those called from the program, its
 *                          plugins, cJSON and libharu (including their
 *                          strdup and strndup; libharu's own objects come
 *                          through the program's core/pdfmem.c).  Other libraries (libc's
 *                          stdio, fontconfig, expat, freetype, the dynamic
 *                          loader) are left alone: several of them crash
 *                          when an allocation fails, which no caller can
 *                          prevent.  Unset: every allocation counts.
 *   FAILMALLOC_COUNT=FILE  at exit, write how many allocations were counted
 *
 * malloc, calloc and realloc are replaced; the real ones are glibc's
 * __libc_* entry points, so no dlsym bootstrapping is needed and free()
 * stays glibc's own.  Not for sanitizer builds, whose allocator must come
 * first.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long fail_after = -1; /* -1: never fail */
static int fail_once;
static int scope_ours;
static unsigned long counted;
static __thread int in_hook; /* dladdr must not count itself */

__attribute__((constructor)) static void failmalloc_init(void)
{
    const char *after = getenv("FAILMALLOC_AFTER");
    const char *once = getenv("FAILMALLOC_ONCE");
    const char *scope = getenv("FAILMALLOC_SCOPE");

    if (after && *after)
        fail_after = strtol(after, NULL, 10);
    fail_once = once && strcmp(once, "1") == 0;
    scope_ours = scope && strcmp(scope, "ours") == 0;
}

__attribute__((destructor)) static void failmalloc_report(void)
{
    const char *file = getenv("FAILMALLOC_COUNT");
    char text[32];
    int fd, n;

    if (file == NULL || *file == '\0')
        return;
    fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    n = snprintf(text, sizeof text, "%lu\n", __atomic_load_n(&counted, __ATOMIC_RELAXED));
    if (write(fd, text, (size_t)n) != n)
        n = 0;
    close(fd);
}

/* 1 when an allocation made from code at `caller` is not ours: made by a
 * system library other than cJSON and libharu (left alone with
 * FAILMALLOC_SCOPE=ours). */
static int foreign(void *caller)
{
    Dl_info info;
    int found;
    const char *f;

    in_hook = 1;
    found = dladdr(caller, &info);
    in_hook = 0;
    if (!found || info.dli_fname == NULL)
        return 1;
    f = info.dli_fname;
    if (strstr(f, "libcjson") || strstr(f, "libhpdf"))
        return 0;
    return strncmp(f, "/lib/", 5) == 0 || strncmp(f, "/lib64/", 7) == 0
           || strncmp(f, "/usr/lib", 8) == 0;
}

/* 1 when this allocation must fail. */
static int should_fail(void *caller)
{
    unsigned long n;

    if (in_hook || (scope_ours && foreign(caller)))
        return 0;
    n = __atomic_add_fetch(&counted, 1, __ATOMIC_RELAXED);
    if (fail_after < 0 || n <= (unsigned long)fail_after)
        return 0;
    return !fail_once || n == (unsigned long)fail_after + 1;
}

void *malloc(size_t size)
{
    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, size);
}

/* strdup and strndup are replaced too, so that those our code calls are
 * counted as ours (libc's own would look like libc's allocations). */
char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p;

    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    p = __libc_malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *p;

    if (should_fail(__builtin_return_address(0))) {
        errno = ENOMEM;
        return NULL;
    }
    p = __libc_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

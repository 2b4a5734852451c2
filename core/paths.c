#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int paths_join(char *buf, size_t size, const char *a, const char *b)
{
    size_t la = strlen(a);
    int n;

    while (la > 1 && a[la - 1] == '/')
        la--;
    n = snprintf(buf, size, "%.*s/%s", (int)la, a, b);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *paths_dirname(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        snprintf(buf, size, ".");
    else if (slash == path)
        snprintf(buf, size, "/");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
    return buf;
}

static int paths_is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* BIN/../REL if the executable can be found and that folder exists; else
 * PREFIX/REL. */
static const char *paths_installed(const char *rel, char *buf, size_t size)
{
    char exe[PATH_MAX];
    char bindir[PATH_MAX];
    char prefix[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

    if (n > 0) {
        exe[n] = '\0';
        paths_dirname(exe, bindir, sizeof bindir);
        if (paths_join(prefix, sizeof prefix, bindir, "..") == 0
            && paths_join(buf, size, prefix, rel) == 0 && paths_is_dir(buf))
            return buf;
    }
    if (paths_join(buf, size, BRIEFING_PREFIX, rel) != 0 && size > 0)
        buf[0] = '\0';
    return buf;
}

const char *paths_plugin_dir(char *buf, size_t size)
{
    return paths_installed(BRIEFING_PLUGINDIR_REL, buf, size);
}

const char *paths_template_dir(char *buf, size_t size)
{
    return paths_installed(BRIEFING_DATADIR_REL "/templates", buf, size);
}

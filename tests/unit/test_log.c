/*
 * test_log: warnings printed once each, in one process and across the
 * processes forked after log_share (batch workers).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "test_util.h"

/* Runs fn with stderr sent to a file and returns what it printed
 * (malloc'd). */
static char *captured(void (*fn)(void))
{
    char path[] = "/tmp/test_log_XXXXXX";
    int fd = mkstemp(path), saved = dup(2);
    FILE *fp;
    char *text = calloc(1, 65536);

    ck_assert_int_ge(fd, 0);
    ck_assert_ptr_nonnull(text);
    fflush(stderr);
    dup2(fd, 2);
    fn();
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    fp = fdopen(fd, "r");
    rewind(fp);
    if (fread(text, 1, 65535, fp) == 0)
        text[0] = '\0';
    fclose(fp);
    unlink(path);
    return text;
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;

    for (const char *p = text; (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    return n;
}

static void twice_here(void)
{
    log_reset();
    log_msg(LOG_WARN, NULL, "font %s missing", "X");
    log_msg(LOG_WARN, NULL, "font %s missing", "X");
    log_msg(LOG_WARN, "csv", "font %s missing", "Y");
    log_msg(LOG_ERROR, NULL, "an error");
    log_msg(LOG_ERROR, NULL, "an error"); /* errors are never held back */
}

START_TEST(test_once_in_a_process)
{
    char *out = captured(twice_here);

    ck_assert_uint_eq(count(out, "briefing: warning: font X missing\n"), 1);
    ck_assert_uint_eq(count(out, "briefing: warning: csv: font Y missing\n"), 1);
    ck_assert_uint_eq(count(out, "briefing: an error\n"), 2);
    free(out);
}
END_TEST

/* Two workers forked after log_share warn alike: one line in all.  A
 * warning the parent gave before is not given again by them. */
static void workers(void)
{
    int k;

    log_reset();
    log_msg(LOG_WARN, NULL, "before the workers");
    ck_assert_int_eq(log_share(), 0);
    for (k = 0; k < 2; k++) {
        pid_t pid = fork();

        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
            log_msg(LOG_WARN, NULL, "every council says this");
            log_msg(LOG_WARN, NULL, "before the workers");
            log_msg(LOG_WARN, NULL, "worker %d alone", k);
            fflush(stderr);
            _exit(0);
        }
        waitpid(pid, NULL, 0);
    }
    log_msg(LOG_WARN, NULL, "every council says this");
    log_reset(); /* back to a record of its own, empty */
    log_msg(LOG_WARN, NULL, "every council says this");
}

START_TEST(test_once_across_workers)
{
    char *out = captured(workers);

    ck_assert_uint_eq(count(out, "warning: every council says this\n"), 2); /* once, then after the reset */
    ck_assert_uint_eq(count(out, "warning: before the workers\n"), 1);
    ck_assert_uint_eq(count(out, "warning: worker 0 alone\n"), 1);
    ck_assert_uint_eq(count(out, "warning: worker 1 alone\n"), 1);
    free(out);
}
END_TEST

/* A text longer than a line may hold is cut, still as one line. */
static void long_text(void)
{
    char big[5000];

    log_reset();
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_msg(LOG_ERROR, NULL, "%s", big);
    log_msg(LOG_ERROR, NULL, "next");
}

START_TEST(test_long_line)
{
    char *out = captured(long_text);

    ck_assert_uint_eq(count(out, "\n"), 2);
    ck_assert_ptr_nonnull(strstr(out, "\nbriefing: next\n"));
    free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("log");
    TCase *tc = tcase_create("once");

    tcase_add_test(tc, test_once_in_a_process);
    tcase_add_test(tc, test_once_across_workers);
    tcase_add_test(tc, test_long_line);
    suite_add_tcase(s, tc);
    return test_run(s, CK_NOFORK);
}

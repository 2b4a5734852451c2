/*
 * The output folder's lock: a second run is refused and told who is in the
 * way; a lock left by a run that died is taken over.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <briefing/plugin.h>

#include "buf.h"
#include "lock.h"
#include "log.h"
#include "test_util.h"

static char folder[] = "/tmp/test_lock.XXXXXX";

static void setup(void)
{
    strcpy(folder, "/tmp/test_lock.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(folder));
    log_set_verbosity(-1);
}

static void teardown(void)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", folder, LOCK_FILE_NAME);
    unlink(path);
    rmdir(folder);
}

/* The lock file's text ("" when empty). */
static char *lock_text(void)
{
    static char text[1024];
    char path[512];
    buf b;

    snprintf(path, sizeof path, "%s/%s", folder, LOCK_FILE_NAME);
    buf_init(&b, sizeof text - 1);
    ck_assert_int_eq(buf_read_file(&b, path), 0);
    snprintf(text, sizeof text, "%s", b.data);
    buf_free(&b);
    return text;
}

/* Tries the lock from another process, as a second run would; returns its
 * status and the message in message. */
static int try_from_child(char *message, size_t size)
{
    int fds[2], status;
    pid_t pid;
    ssize_t n;

    ck_assert_int_eq(pipe(fds), 0);
    pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        lock l;
        diag d;
        int rc;

        close(fds[0]);
        diag_clear(&d);
        rc = lock_acquire(&l, folder, &d);
        if (write(fds[1], d.text, strlen(d.text)) < 0)
            _exit(99);
        _exit(rc);
    }
    close(fds[1]);
    n = read(fds[0], message, size - 1);
    message[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

START_TEST(second_run_is_refused_and_told_who_holds_it)
{
    char message[1024], pid[32];
    lock l;
    diag d;

    diag_clear(&d);
    ck_assert_int_eq(lock_acquire(&l, folder, &d), BRIEFING_OK);
    snprintf(pid, sizeof pid, "process %ld on ", (long)getpid());
    ck_assert_msg(strstr(lock_text(), pid) != NULL, "lock file says \"%s\"", lock_text());
    ck_assert_int_eq(try_from_child(message, sizeof message), BRIEFING_ERR_TEMPFAIL);
    ck_assert_msg(strstr(message, pid) != NULL, "message \"%s\" does not name %s", message, pid);
    ck_assert_msg(strstr(message, folder) != NULL, "message \"%s\" does not name the folder",
                  message);
    lock_release(&l);
    ck_assert_int_eq(l.fd, -1);
    /* Released: the file stays, empty, and the next run gets in. */
    ck_assert_str_eq(lock_text(), "");
    ck_assert_int_eq(try_from_child(message, sizeof message), BRIEFING_OK);
}
END_TEST

START_TEST(lock_of_a_dead_run_is_taken_over)
{
    char path[512], pid[32];
    FILE *f;
    lock l;
    diag d;

    snprintf(path, sizeof path, "%s/%s", folder, LOCK_FILE_NAME);
    f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("process 999999 on elsewhere, started 2024-01-01 02:00:00 UTC\n", f);
    fclose(f);
    diag_clear(&d);
    ck_assert_int_eq(lock_acquire(&l, folder, &d), BRIEFING_OK);
    snprintf(pid, sizeof pid, "process %ld on ", (long)getpid());
    ck_assert_msg(strncmp(lock_text(), pid, strlen(pid)) == 0, "lock file says \"%s\"",
                  lock_text());
    lock_release(&l);
}
END_TEST

START_TEST(lock_dies_with_its_holder)
{
    char message[1024];
    int status;
    pid_t pid = fork();

    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        lock l;

        if (lock_acquire(&l, folder, NULL) != BRIEFING_OK)
            _exit(1);
        abort(); /* dies holding it, leaving its text behind */
    }
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFSIGNALED(status));
    ck_assert_msg(lock_text()[0] != '\0', "the dead run's text should still be there");
    ck_assert_int_eq(try_from_child(message, sizeof message), BRIEFING_OK);
}
END_TEST

START_TEST(missing_folder_cannot_be_locked)
{
    char missing[600];
    lock l;
    diag d;

    snprintf(missing, sizeof missing, "%s/no/such", folder);
    diag_clear(&d);
    ck_assert_int_eq(lock_acquire(&l, missing, &d), BRIEFING_ERR_CANTCREAT);
    ck_assert_msg(strstr(d.text, missing) != NULL, "%s", d.text);
    ck_assert_int_eq(l.fd, -1);
    lock_release(&l); /* harmless */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("lock");
    TCase *tc = tcase_create("lock");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, second_run_is_refused_and_told_who_holds_it);
    tcase_add_test(tc, lock_of_a_dead_run_is_taken_over);
    tcase_add_test(tc, lock_dies_with_its_holder);
    tcase_add_test(tc, missing_folder_cannot_be_locked);
    suite_add_tcase(s, tc);
    return test_run(s, CK_FORK);
}

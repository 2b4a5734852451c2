/*
 * test_util.h: what every unit test program shares.  Header-only (static
 * functions): each tests/unit/test_*.c is one program.
 */
#ifndef BRIEFING_TEST_UTIL_H
#define BRIEFING_TEST_UTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* Runs every test of s, frees the runner and returns the program's exit
 * status: EXIT_FAILURE when any check failed.  fork: CK_FORK to run each
 * test in a process of its own (Check's default), CK_NOFORK for a test
 * that forks by itself. */
static __attribute__((unused)) int test_run(Suite *s, enum fork_status fork)
{
    SRunner *sr = srunner_create(s);
    int failed;

    if (fork == CK_NOFORK)
        srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* The whole of the file at path, malloc'd (one byte more, not written);
 * *n its size.  Fails the test when the file cannot be read. */
static __attribute__((unused)) unsigned char *test_slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    unsigned char *p;
    long size;

    ck_assert_msg(fp != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(fp, 0, SEEK_END), 0);
    size = ftell(fp);
    ck_assert_int_ge(size, 0);
    rewind(fp);
    p = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(fread(p, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    *n = (size_t)size;
    return p;
}

#endif

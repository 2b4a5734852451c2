/*
 * fuzz_elf: the ELF reading the plugin loader does before dlopen
 * (core/elfread.h).
 *
 * The input is taken as a plugin file.  elf_open must refuse it with a
 * reason or accept it; on an accepted file the RUNPATH and RPATH strings
 * must lie inside the input, NUL included, and the descriptor lookup must
 * answer found, absent or refused with a reason.  AddressSanitizer catches
 * any read past the input: libFuzzer hands over exactly `size` bytes.
 */
#include <stdint.h>
#include <string.h>

#include "elfread.h"
#include "fuzz_util.h"

static void check_string(const uint8_t *data, size_t size, const char *s)
{
    if (s == NULL)
        return;
    FUZZ_REQUIRE((const uint8_t *)s >= data && (const uint8_t *)s < data + size);
    FUZZ_REQUIRE(memchr(s, '\0', size - (size_t)((const uint8_t *)s - data)) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char head[24];
    char why[256] = "";
    elf_file e;
    int rc;

    if (elf_open(&e, data, size, why, sizeof why) != 0) {
        FUZZ_REQUIRE(why[0] != '\0');
        return 0;
    }
    check_string(data, size, elf_search_path(&e, 0));
    check_string(data, size, elf_search_path(&e, 1));
    why[0] = '\0';
    rc = elf_symbol_bytes(&e, "briefing_plugin_info", head, sizeof head, why, sizeof why);
    FUZZ_REQUIRE(rc == 0 || rc == 1 || (rc == -1 && why[0] != '\0'));
    return 0;
}

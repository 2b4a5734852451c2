/*
 * elfread: reading a shared object's ELF headers from memory, before anything
 * of it is loaded or run.
 *
 * The plugin loader (core/plugin_loader.c) maps a plugin file it has opened and
 * checked, and asks here: is it an ELF shared object for this machine, what
 * RUNPATH/RPATH does it carry, and what do the first bytes of an exported
 * variable hold (the descriptor's ABI version).  All of it is read through
 * the program headers and the dynamic section, as the dynamic loader reads
 * it, never through section headers (which the loader ignores).
 *
 * Every read is checked against the buffer's size: a truncated or hostile
 * file makes a call fail with a reason, never read out of bounds.  Nothing
 * here allocates; results point into the caller's buffer.  Only files of
 * this program's own class (32/64-bit) and byte order are read further than
 * the identification bytes: any other is refused first.
 */
#ifndef BRIEFING_ELFREAD_H
#define BRIEFING_ELFREAD_H

#include <stddef.h>

/* A file's bytes (borrowed) and what elf_open found in them. */
typedef struct elf_file {
    const unsigned char *p;
    size_t n;
    size_t phoff, phnum;        /* program headers */
    size_t dyn_off, dyn_count;  /* the dynamic section, in the file */
    size_t strtab, strsz;       /* the dynamic string table, in the file */
    size_t symtab, symcount;    /* the dynamic symbols, in the file */
    size_t runpath, rpath;      /* string table offsets; (size_t)-1 when absent */
} elf_file;

/* Reads the identification, the header, the program headers and the
 * dynamic section of the n bytes at p.  Returns 0, or -1 with the reason in
 * why: "not an ELF file", "built for ARM aarch64, this is x86-64", "a 32-bit
 * ELF file, this program is 64-bit", "an executable, not a shared object",
 * "truncated: the program headers run past the end of the file"... */
int elf_open(elf_file *e, const unsigned char *p, size_t n, char *why, size_t size);

/* The DT_RUNPATH (rpath == 0) or DT_RPATH (rpath == 1) string, NUL-ended
 * inside the file, or NULL when the file has none. */
const char *elf_search_path(const elf_file *e, int rpath);

/* Looks up the defined dynamic symbol `name` and copies the first `len`
 * bytes of its initial value (as stored in the file) to out.  Returns 0
 * when found and copied; 1 when the file exports no such symbol; -1 with
 * the reason in why ("it is not a variable") when it exists but its value
 * cannot be read from the file (smaller than len, not initialised data). */
int elf_symbol_bytes(const elf_file *e, const char *name, void *out, size_t len,
                     char *why, size_t size);

/* A machine's name as people know it ("x86-64", "ARM aarch64"), from an
 * ELF e_machine value; "machine N" written into buf for others. */
const char *elf_machine_name(unsigned machine, char *buf, size_t size);

#endif

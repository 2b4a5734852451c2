#include "elfread.h"

#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* This program's own ELF header, placed by the linker at the start of its
 * first segment: the class, byte order and machine a plugin must match. */
extern const ElfW(Ehdr) __ehdr_start __attribute__((visibility("hidden")));

#define ELF_NONE ((size_t)-1)

const char *elf_machine_name(unsigned machine, char *buf, size_t size)
{
    static const struct { unsigned id; const char *name; } names[] = {
        {EM_386, "Intel 80386"}, {EM_X86_64, "x86-64"}, {EM_ARM, "ARM"},
        {EM_AARCH64, "ARM aarch64"}, {EM_RISCV, "RISC-V"}, {EM_PPC, "PowerPC"},
        {EM_PPC64, "PowerPC64"}, {EM_S390, "IBM S/390"}, {EM_MIPS, "MIPS"},
        {EM_SPARCV9, "SPARC v9"}, {EM_IA_64, "Intel IA-64"}, {258 /* EM_LOONGARCH */, "LoongArch"},
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].id == machine)
            return names[i].name;
    snprintf(buf, size, "machine %u", machine);
    return buf;
}

/* Writes the reason and returns -1. */
static int elf_fail(char *why, size_t size, const char *reason)
{
    snprintf(why, size, "%s", reason);
    return -1;
}

/* Whether len bytes at off lie inside the file. */
static int elf_in_file(const elf_file *e, size_t off, size_t len)
{
    return off <= e->n && len <= e->n - off;
}

/* The file offset of len bytes at virtual address vaddr, found through the
 * loadable segments' file-backed parts; 0, or -1 when they are not all in
 * one segment and inside the file. */
static int elf_vaddr_off(const elf_file *e, size_t vaddr, size_t len, size_t *off)
{
    size_t i;

    for (i = 0; i < e->phnum; i++) {
        ElfW(Phdr) ph;
        size_t rel;

        memcpy(&ph, e->p + e->phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type != PT_LOAD || vaddr < ph.p_vaddr)
            continue;
        rel = vaddr - ph.p_vaddr;
        if (rel > ph.p_filesz || len > ph.p_filesz - rel || ph.p_offset > SIZE_MAX - rel)
            continue;
        if (elf_in_file(e, ph.p_offset + rel, len)) {
            *off = ph.p_offset + rel;
            return 0;
        }
    }
    return -1;
}

static uint32_t elf_u32(const elf_file *e, size_t off)
{
    uint32_t v;

    memcpy(&v, e->p + off, sizeof v);
    return v;
}

/* The identification bytes: an ELF file of this program's machine, class
 * and byte order.  e_machine sits at byte 18 in either class, so a file for
 * another machine is named as such whatever its class. */
static int elf_check_ident(const elf_file *e, char *why, size_t size)
{
    const unsigned char *id = e->p;
    const unsigned char *me = __ehdr_start.e_ident;
    char a[32], b[32];
    unsigned machine;

    if (e->n < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG) != 0)
        return elf_fail(why, size, "not an ELF file (a plugin is a shared object, .so)");
    if (e->n < 20 || (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB)
        || (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64))
        return elf_fail(why, size, "a damaged ELF file (bad identification bytes)");
    machine = id[EI_DATA] == ELFDATA2LSB ? e->p[18] | (unsigned)e->p[19] << 8
                                         : e->p[19] | (unsigned)e->p[18] << 8;
    if (machine != __ehdr_start.e_machine) {
        snprintf(why, size, "built for %s, this is %s", elf_machine_name(machine, a, sizeof a),
                 elf_machine_name(__ehdr_start.e_machine, b, sizeof b));
        return -1;
    }
    if (id[EI_CLASS] != me[EI_CLASS]) {
        snprintf(why, size, "built for %d-bit %s, this program is %d-bit",
                 id[EI_CLASS] == ELFCLASS32 ? 32 : 64, elf_machine_name(machine, a, sizeof a),
                 me[EI_CLASS] == ELFCLASS32 ? 32 : 64);
        return -1;
    }
    if (id[EI_DATA] != me[EI_DATA])
        return elf_fail(why, size, id[EI_DATA] == ELFDATA2MSB
                        ? "built for big-endian byte order, this program is little-endian"
                        : "built for little-endian byte order, this program is big-endian");
    return 0;
}

/* The number of dynamic symbols, from the GNU hash table at file offset
 * off: one past the last symbol of the longest chain.  0 or -1. */
static int elf_gnu_hash_count(const elf_file *e, size_t vaddr, size_t *count)
{
    size_t off, nbuckets, symoffset, bloom, head, i, max = 0, idx, at;

    if (elf_vaddr_off(e, vaddr, 16, &off) != 0)
        return -1;
    nbuckets = elf_u32(e, off);
    symoffset = elf_u32(e, off + 4);
    bloom = elf_u32(e, off + 8);
    if (nbuckets > e->n / 4 || bloom > e->n / sizeof(ElfW(Addr)))
        return -1;
    head = 16 + bloom * sizeof(ElfW(Addr)) + nbuckets * 4;
    if (elf_vaddr_off(e, vaddr, head, &off) != 0)
        return -1;
    for (i = 0; i < nbuckets; i++) {
        size_t b = elf_u32(e, off + 16 + bloom * sizeof(ElfW(Addr)) + i * 4);
        if (b > max)
            max = b;
    }
    if (max == 0) {
        *count = symoffset;
        return 0;
    }
    if (max < symoffset)
        return -1;
    /* Walk the last chain to its end (the entry whose low bit is set); each
     * step reads four more bytes of the file, so the walk ends. */
    for (idx = max;; idx++) {
        if (idx - symoffset > (SIZE_MAX - head) / 4
            || elf_vaddr_off(e, vaddr + head + (idx - symoffset) * 4, 4, &at) != 0)
            return -1;
        if (elf_u32(e, at) & 1)
            break;
    }
    *count = idx + 1;
    return 0;
}

/* Reads the dynamic section's entries that matter here. */
static int elf_read_dynamic(elf_file *e, char *why, size_t size)
{
    size_t strtab = ELF_NONE, symtab = ELF_NONE, hash = ELF_NONE, gnu_hash = ELF_NONE;
    size_t strsz = 0, i;

    for (i = 0; i < e->dyn_count; i++) {
        ElfW(Dyn) d;

        memcpy(&d, e->p + e->dyn_off + i * sizeof d, sizeof d);
        if (d.d_tag == DT_NULL)
            break;
        switch (d.d_tag) {
        case DT_STRTAB: strtab = d.d_un.d_ptr; break;
        case DT_STRSZ: strsz = d.d_un.d_val; break;
        case DT_SYMTAB: symtab = d.d_un.d_ptr; break;
        case DT_HASH: hash = d.d_un.d_ptr; break;
        case DT_GNU_HASH: gnu_hash = d.d_un.d_ptr; break;
        case DT_RUNPATH: e->runpath = d.d_un.d_val; break;
        case DT_RPATH: e->rpath = d.d_un.d_val; break;
        case DT_SYMENT:
            if (d.d_un.d_val != sizeof(ElfW(Sym)))
                return elf_fail(why, size, "a damaged ELF file (odd symbol size)");
            break;
        default: break;
        }
    }
    if (strtab == ELF_NONE || elf_vaddr_off(e, strtab, strsz, &e->strtab) != 0)
        return elf_fail(why, size, "a damaged ELF file (its dynamic string table is missing or outside the file)");
    e->strsz = strsz;
    if (symtab == ELF_NONE)
        return 0;
    if (hash != ELF_NONE) {
        size_t off;

        if (elf_vaddr_off(e, hash, 8, &off) != 0)
            return elf_fail(why, size, "a damaged ELF file (its hash table is outside the file)");
        e->symcount = elf_u32(e, off + 4);
    } else if (gnu_hash != ELF_NONE) {
        if (elf_gnu_hash_count(e, gnu_hash, &e->symcount) != 0)
            return elf_fail(why, size, "a damaged ELF file (its GNU hash table is malformed)");
    }
    if (e->symcount > e->n / sizeof(ElfW(Sym))
        || elf_vaddr_off(e, symtab, e->symcount * sizeof(ElfW(Sym)), &e->symtab) != 0)
        return elf_fail(why, size, "a damaged ELF file (its symbol table runs past the end)");
    return 0;
}

int elf_open(elf_file *e, const unsigned char *p, size_t n, char *why, size_t size)
{
    ElfW(Ehdr) h;
    size_t i;
    int found = 0;

    memset(e, 0, sizeof *e);
    e->p = p;
    e->n = n;
    e->runpath = e->rpath = ELF_NONE;
    if (elf_check_ident(e, why, size) != 0)
        return -1;
    if (n < sizeof h)
        return elf_fail(why, size, "truncated: the ELF header runs past the end of the file");
    memcpy(&h, p, sizeof h);
    if (h.e_type != ET_DYN)
        return elf_fail(why, size, h.e_type == ET_EXEC ? "an executable, not a shared object (.so)"
                        : h.e_type == ET_REL ? "an object file (.o), not a shared object (.so)"
                        : "an ELF file but not a shared object (.so)");
    if (h.e_phentsize != sizeof(ElfW(Phdr)) || h.e_phnum == 0 || h.e_phnum == PN_XNUM)
        return elf_fail(why, size, "a damaged ELF file (odd program headers)");
    if (h.e_phoff > n || !elf_in_file(e, h.e_phoff, (size_t)h.e_phnum * sizeof(ElfW(Phdr))))
        return elf_fail(why, size, "truncated: the program headers run past the end of the file");
    e->phoff = h.e_phoff;
    e->phnum = h.e_phnum;
    for (i = 0; i < e->phnum; i++) {
        ElfW(Phdr) ph;

        memcpy(&ph, p + e->phoff + i * sizeof ph, sizeof ph);
        /* The loader maps every loadable segment's file part and would
         * fault (SIGBUS) touching one that runs past the end of the file. */
        if (ph.p_type == PT_LOAD && (ph.p_offset > n || !elf_in_file(e, ph.p_offset, ph.p_filesz)))
            return elf_fail(why, size, "truncated: a loadable segment runs past the end of the file");
        if (ph.p_type != PT_DYNAMIC || found)
            continue;
        if (ph.p_offset > n || !elf_in_file(e, ph.p_offset, ph.p_filesz))
            return elf_fail(why, size, "truncated: the dynamic section runs past the end of the file");
        e->dyn_off = ph.p_offset;
        e->dyn_count = ph.p_filesz / sizeof(ElfW(Dyn));
        found = 1;
    }
    if (!found)
        return elf_fail(why, size, "a damaged ELF file (no dynamic section)");
    return elf_read_dynamic(e, why, size);
}

const char *elf_search_path(const elf_file *e, int rpath)
{
    size_t at = rpath ? e->rpath : e->runpath;

    if (at == ELF_NONE || at >= e->strsz || memchr(e->p + e->strtab + at, '\0', e->strsz - at) == NULL)
        return NULL;
    return (const char *)e->p + e->strtab + at;
}

int elf_symbol_bytes(const elf_file *e, const char *name, void *out, size_t len,
                     char *why, size_t size)
{
    size_t name_len = strlen(name) + 1, i, off;

    /* ELF32_ST_BIND and _TYPE read st_info alike in both classes. */

    for (i = 1; i < e->symcount; i++) {
        ElfW(Sym) s;

        memcpy(&s, e->p + e->symtab + i * sizeof s, sizeof s);
        if (s.st_shndx == SHN_UNDEF || ELF32_ST_BIND(s.st_info) == STB_LOCAL
            || s.st_name >= e->strsz || name_len > e->strsz - s.st_name
            || memcmp(e->p + e->strtab + s.st_name, name, name_len) != 0)
            continue;
        if (ELF32_ST_TYPE(s.st_info) != STT_OBJECT)
            return elf_fail(why, size, "it is not a variable");
        if (s.st_size < len)
            return elf_fail(why, size, "it is smaller than expected");
        if (elf_vaddr_off(e, s.st_value, len, &off) != 0)
            return elf_fail(why, size, "its initial value is not in the file");
        memcpy(out, e->p + off, len);
        return 0;
    }
    return 1;
}

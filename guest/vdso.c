#include "lib.h"
#include "vdso.h"

/* The few ELF32 structures we read; the layouts are fixed by the ABI. */
struct elf32_ehdr {
	unsigned char ident[16];
	unsigned short type, machine;
	unsigned int version, entry, phoff, shoff, flags;
	unsigned short ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	unsigned int type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

struct elf32_dyn {
	int tag;
	unsigned int val;
};

struct elf32_sym {
	unsigned int name, value, size;
	unsigned char info, other;
	unsigned short shndx;
};

#define ET_DYN		3
#define EM_386		3
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define DT_NULL		0
#define DT_HASH		4
#define DT_STRTAB	5
#define DT_SYMTAB	6
#define SHN_UNDEF	0
#define SHN_LORESERVE	0xff00

/* Dynamic tags whose value is an address (d_ptr), as the ELF gABI says. */
static const int address_tags[] = {
	3 /* PLTGOT */, 4 /* HASH */, 5 /* STRTAB */, 6 /* SYMTAB */,
	7 /* RELA */, 12 /* INIT */, 13 /* FINI */, 17 /* REL */,
	23 /* JMPREL */, 0x6ffffef5 /* GNU_HASH */, 0x6ffffff0 /* VERSYM */,
	0x6ffffffc /* VERDEF */, 0x6ffffffe /* VERNEED */,
};

static int in_page(const struct vdso *v, unsigned long addr, unsigned long len)
{
	return addr >= v->base && len <= v->size && addr - v->base <= v->size - len;
}

static void note_outside(struct vdso *v, const char *what, unsigned long addr)
{
	if (!v->outside) {
		v->outside = what;
		v->outside_addr = addr;
	}
}

/* A linked address as a pointer we may read, or 0 if it is not in the image. */
static const void *ptr(const struct vdso *v, unsigned long linked, unsigned long len)
{
	unsigned long addr = linked + v->bias;

	return in_page(v, addr, len) ? (const void *)addr : 0;
}

static int fail(struct vdso *v, const char *why)
{
	v->error = why;
	return -1;
}

int vdso_parse(struct vdso *v, unsigned long base, unsigned long size)
{
	const struct elf32_ehdr *eh = (const void *)base;
	const struct elf32_phdr *ph, *load = 0, *dyn_ph = 0;
	const struct elf32_dyn *dyn;
	const struct elf32_sym *sym;
	unsigned long i, t, nsyms;

	memset(v, 0, sizeof(*v));
	v->base = base;
	v->size = size;
	if (size < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4))
		return fail(v, "no ELF header");
	if (eh->ident[4] != 1 || eh->machine != EM_386 || eh->type != ET_DYN)
		return fail(v, "not an i386 ELF32 shared object");
	if (eh->phentsize != sizeof(*ph) || eh->phoff > size ||
	    eh->phnum * sizeof(*ph) > size - eh->phoff)
		return fail(v, "program headers outside the image");
	ph = (const void *)(base + eh->phoff);
	for (i = 0; i < eh->phnum; i++) {
		if (ph[i].type == PT_LOAD && ph[i].offset == 0 && !load)
			load = &ph[i];
		if (ph[i].type == PT_DYNAMIC)
			dyn_ph = &ph[i];
	}
	if (!load)
		return fail(v, "no PT_LOAD segment at offset 0");
	if (!dyn_ph)
		return fail(v, "no PT_DYNAMIC segment");
	v->bias = (long)(base - load->vaddr);

	/* Everything the image says, as linked, must be inside the page. */
	v->entry = eh->entry;
	if (!in_page(v, eh->entry, 1))
		note_outside(v, "e_entry", eh->entry);
	for (i = 0; i < eh->phnum; i++)
		if (!in_page(v, ph[i].vaddr, ph[i].memsz))
			note_outside(v, "program header", ph[i].vaddr);

	dyn = ptr(v, dyn_ph->vaddr, dyn_ph->memsz);
	if (!dyn)
		return fail(v, "dynamic section outside the image");
	for (i = 0; i < dyn_ph->memsz / sizeof(*dyn) && dyn[i].tag != DT_NULL; i++) {
		for (t = 0; t < sizeof(address_tags) / sizeof(address_tags[0]); t++)
			if (dyn[i].tag == address_tags[t] && !in_page(v, dyn[i].val, 1))
				note_outside(v, "dynamic entry", dyn[i].val);
		if (dyn[i].tag == DT_HASH)
			v->hash = ptr(v, dyn[i].val, 8);
		else if (dyn[i].tag == DT_SYMTAB)
			v->symtab = ptr(v, dyn[i].val, sizeof(*sym));
		else if (dyn[i].tag == DT_STRTAB)
			v->strtab = ptr(v, dyn[i].val, 1);
	}
	if (!v->hash)
		return fail(v, "no DT_HASH (linked with --hash-style=gnu?)");
	if (!v->symtab || !v->strtab)
		return fail(v, "no DT_SYMTAB or DT_STRTAB");

	/* DT_HASH's nchain is the number of symbols. */
	nsyms = v->hash[1];
	if (!in_page(v, (unsigned long)v->hash, (2 + v->hash[0] + nsyms) * 4) ||
	    !in_page(v, (unsigned long)v->symtab, nsyms * sizeof(*sym)))
		return fail(v, "hash table or symbols outside the image");
	sym = v->symtab;
	for (i = 1; i < nsyms; i++)
		if (sym[i].shndx != SHN_UNDEF && sym[i].shndx < SHN_LORESERVE &&
		    !in_page(v, sym[i].value, sym[i].size ? sym[i].size : 1))
			note_outside(v, "symbol", sym[i].value);
	return 0;
}

/* The System V ABI's ELF hash. */
static unsigned int elf_hash(const char *name)
{
	unsigned int h = 0, g;

	while (*name) {
		h = (h << 4) + (unsigned char)*name++;
		g = h & 0xf0000000;
		if (g)
			h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

unsigned long vdso_lookup(const struct vdso *v, const char *name,
			  unsigned long *size)
{
	const struct elf32_sym *sym = v->symtab;
	unsigned int nbucket = v->hash[0], nchain = v->hash[1];
	const unsigned int *bucket = v->hash + 2, *chain = bucket + nbucket;
	unsigned int i, steps = 0;

	if (!nbucket)
		return 0;
	for (i = bucket[elf_hash(name) % nbucket]; i && i < nchain && steps++ < nchain;
	     i = chain[i]) {
		unsigned long s = (unsigned long)v->strtab + sym[i].name;

		if (!in_page(v, s, 1) || strcmp((const char *)s, name) ||
		    sym[i].shndx == SHN_UNDEF)
			continue;
		if (size)
			*size = sym[i].size;
		return sym[i].value + v->bias;
	}
	return 0;
}

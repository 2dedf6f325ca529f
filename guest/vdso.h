#ifndef GUEST_VDSO_H
#define GUEST_VDSO_H
/*
 * Reading the vsyscall page the way a C library does: as a prelinked ELF
 * shared object, its symbols found through DT_HASH.  The image must agree
 * with where the kernel mapped it: linked at that address (bias 0), with
 * every address it holds inside the page.
 */

struct vdso {
	unsigned long base;		/* where it is mapped (AT_SYSINFO_EHDR) */
	unsigned long size;		/* bytes readable from base */
	long bias;			/* base - link address of its first segment */
	const unsigned int *hash;	/* DT_HASH table */
	const void *symtab;		/* DT_SYMTAB */
	const char *strtab;		/* DT_STRTAB */
	unsigned long entry;		/* e_entry, as linked */
	const char *error;		/* why the image is unusable, or 0 */
	const char *outside;		/* what first lies outside the page, or 0 */
	unsigned long outside_addr;
};

/* Parse the image at base; 0 on success, else -1 with v->error set. */
int vdso_parse(struct vdso *v, unsigned long base, unsigned long size);

/* Address (as mapped) and size of a defined symbol, via DT_HASH; 0 if absent. */
unsigned long vdso_lookup(const struct vdso *v, const char *name,
			  unsigned long *size);

#endif /* GUEST_VDSO_H */

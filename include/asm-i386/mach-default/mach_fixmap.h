#ifndef __ASM_MACH_FIXMAP_H
#define __ASM_MACH_FIXMAP_H

/*
 * Where the fixmap ends on a PC: slot 0 (FIX_HOLE, never mapped) is the
 * last page of the 4 GB address space and the other slots grow down from
 * it.  A sub-architecture that shares the top of the address space with
 * a hypervisor ends its fixmap lower, in its own mach_fixmap.h.
 */
#ifdef CONFIG_FIXADDR_HOLE_MB
/* Or lower, by a hole chosen when the kernel is configured. */
#define __FIXADDR_TOP	(0xfffff000 - (CONFIG_FIXADDR_HOLE_MB << 20))
#else
#define __FIXADDR_TOP	0xfffff000
#endif

/*
 * Fixmap slots only this sub-architecture needs, spliced into
 * enum fixed_addresses.  A PC needs none.
 */
#define SUBARCH_FIXMAPS

#endif /* __ASM_MACH_FIXMAP_H */

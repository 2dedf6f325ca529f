#ifndef __ASM_MACH_FIXMAP_H
#define __ASM_MACH_FIXMAP_H

/*
 * Where the fixmap ends on a PC: slot 0 (FIX_HOLE, never mapped) is the
 * last page of the 4 GB address space and the other slots grow down from
 * it.  A sub-architecture that shares the top of the address space with
 * a hypervisor ends its fixmap lower, in its own mach_fixmap.h.
 */
#define __FIXADDR_TOP	0xfffff000

/*
 * Fixmap slots only this sub-architecture needs, spliced into
 * enum fixed_addresses.  A PC needs none.
 */
#define SUBARCH_FIXMAPS

#endif /* __ASM_MACH_FIXMAP_H */

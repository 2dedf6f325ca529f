#ifndef __ASM_MACH_FIXMAP_H
#define __ASM_MACH_FIXMAP_H

/*
 * A PC kernel that leaves the top of the address space to a Xen-style
 * hypervisor.  Xen takes everything from HYPERVISOR_VIRT_START up: 64 MB
 * with two-level paging, 168 MB with PAE, whose larger page-table format
 * needs more room for the hypervisor's own mappings.
 */
#ifdef CONFIG_X86_PAE
#define HYPERVISOR_VIRT_START	0xf5800000
#else
#define HYPERVISOR_VIRT_START	0xfc000000
#endif

/*
 * The fixmap ends two pages below the hypervisor, as in the Xen port:
 * slot 0 (FIX_HOLE) and the page above it stay unmapped, so nothing the
 * kernel maps touches the hypervisor's first page.  (A number, not
 * 2 * PAGE_SIZE: this header comes before asm/page.h.)
 */
#define __FIXADDR_TOP	(HYPERVISOR_VIRT_START - 0x2000)

/* No fixmap slots of its own: it is a PC apart from the hole. */
#define SUBARCH_FIXMAPS

#endif /* __ASM_MACH_FIXMAP_H */

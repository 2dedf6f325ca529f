#ifndef __ASM_MACH_FIXMAP_H
#define __ASM_MACH_FIXMAP_H

/* The Visual Workstation keeps the PC's fixmap top... */
#define __FIXADDR_TOP	0xfffff000

/*
 * ...but maps its Cobalt APIC and Lithium PCI bridges through the
 * fixmap, so that their registers have addresses known at compile time.
 * No other sub-architecture needs these slots.
 */
#define SUBARCH_FIXMAPS							\
	FIX_CO_CPU,	/* Cobalt timer */				\
	FIX_CO_APIC,	/* Cobalt APIC redirection table */		\
	FIX_LI_PCIA,	/* Lithium PCI bridge A */			\
	FIX_LI_PCIB,	/* Lithium PCI bridge B */

#endif /* __ASM_MACH_FIXMAP_H */

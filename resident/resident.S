/*
 * The resident: what a hypervisor living in the fixmap hole would be,
 * cut down to what the tests need.  An option ROM, which the BIOS finds
 * between 0xc0000 and 0xe0000, whose header (resident.h) names the hole
 * it needs, and whose code the kernel copies into pages of its own, maps
 * read-only at virtual_top, with its data writable in the pages right
 * after, and calls at ring 0.
 *
 * The code is position-independent: it reaches its data and itself from
 * where it runs, never from where it was linked, and the object has no
 * relocations (scripts/tests/resident.t checks).  The calling convention
 * is the README's: arguments on the stack, the result in %edx:%eax,
 * %ebx, %esi, %edi and %ebp kept.
 */
#include "resident.h"

/* The data: one 32-bit counter per CPU, from the first page boundary after
 * the code (the code's first byte is at virtual_top, on a page boundary). */
#define MAX_CPUS	256
#define DATA_SIZE	(MAX_CPUS * 4)

	.text
	.code32
rom:
	.byte	0x55, 0xaa
	.byte	0		/* length in 512-byte blocks: romtool fix */
	lret			/* the BIOS's init call: nothing to set up */
	.org	RESIDENT_HEADER_OFFSET

header:
	.ascii	RESIDENT_SIGNATURE
	.long	RESIDENT_VERSION
	.long	header_end - header
	.long	0xfc000000	/* virtual_top: a 64 MB hole; romtool set changes it */
	.long	code - rom
	.long	code_end - code
	.long	DATA_SIZE
	.long	MAX_CPUS
	.long	RESIDENT_NR_ENTRIES
	.long	ping - code	/* RESIDENT_ENTRY_PING */
	.long	context - code	/* RESIDENT_ENTRY_CONTEXT */
header_end:

	.balign	16
code:
/*
 * u64 ping(unsigned int cpu): adds one to CPU cpu's counter; returns the
 * count after it in %eax (0 for a cpu beyond MAX_CPUS, whose counter
 * there is none of), and the 32-bit sum of the code's words in %edx.
 * The add is locked: two CPUs, or an interrupt and the code it
 * interrupted, may ping at once.
 */
ping:
	pushl	%ebx
	pushl	%esi
	call	1f
1:	popl	%ebx			/* where 1b runs */
	movl	12(%esp), %ecx		/* cpu */
	xorl	%eax, %eax
	cmpl	$MAX_CPUS, %ecx
	jae	2f
	leal	code_end - 1b + RESIDENT_PAGE_SIZE - 1(%ebx), %edx
	andl	$-RESIDENT_PAGE_SIZE, %edx	/* the data's first page */
	incl	%eax
	lock xaddl %eax, (%edx,%ecx,4)
	incl	%eax
2:	leal	code - 1b(%ebx), %ecx
	leal	code_end - 1b(%ebx), %esi
	xorl	%edx, %edx
3:	addl	(%ecx), %edx
	addl	$4, %ecx
	cmpl	%esi, %ecx
	jb	3b
	popl	%esi
	popl	%ebx
	ret

/*
 * u64 context(void): the page directory the call ran with (%cr3) in %eax,
 * and its code segment selector (%cs, the ring in its low bits) in %edx.
 */
context:
	movl	%cr3, %eax
	movl	%cs, %edx
	ret

	.balign	4
code_end:

/*
 * The resident's ROM header: what a hypervisor's option ROM tells the
 * kernel about the hole it lives in.  Shared by the resident's assembly,
 * the host's romtool and the kernel's reader; the README describes it
 * field by field, with the calling convention.
 *
 * The ROM starts as every option ROM does (0x55 0xaa, its length in 512
 * byte blocks, the BIOS's init entry at byte 3); the header follows at
 * RESIDENT_HEADER_OFFSET, all fields little-endian 32-bit words.
 */
#ifndef RESIDENT_H
#define RESIDENT_H

#define RESIDENT_HEADER_OFFSET	0x20
#define RESIDENT_SIGNATURE	"FXRESIDE"	/* 8 bytes, no NUL */
#define RESIDENT_VERSION	1
#define RESIDENT_PAGE_SIZE	4096

/* The entries, by their index in the header's table. */
#define RESIDENT_ENTRY_PING	0
#define RESIDENT_ENTRY_CONTEXT	1
#define RESIDENT_NR_ENTRIES	2

/* Byte offsets of the header's fields. */
#define RH_SIGNATURE		0	/* RESIDENT_SIGNATURE */
#define RH_VERSION		8	/* RESIDENT_VERSION */
#define RH_HEADER_SIZE		12	/* bytes, the entry table included */
#define RH_VIRTUAL_TOP		16	/* the lowest linear address it needs */
#define RH_CODE_OFFSET		20	/* the code, from the ROM's first byte */
#define RH_CODE_SIZE		24	/* bytes of code */
#define RH_DATA_SIZE		28	/* bytes of data, zero at the start */
#define RH_MAX_CPUS		32	/* CPUs the data has a counter for */
#define RH_NR_ENTRIES		36	/* words in the entry table */
#define RH_ENTRIES		40	/* entry offsets, from the code's first byte */

#ifndef __ASSEMBLY__
struct resident_header {
	char signature[8];
	unsigned int version;
	unsigned int header_size;
	unsigned int virtual_top;
	unsigned int code_offset;
	unsigned int code_size;
	unsigned int data_size;
	unsigned int max_cpus;
	unsigned int nr_entries;
	unsigned int entry[];
};
#endif

#endif

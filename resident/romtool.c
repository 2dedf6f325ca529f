/*
 * romtool: the resident's ROM on the host.
 *
 *   romtool fix IN OUT            pad IN to 512-byte blocks, set the length
 *                                 byte and the checksum, write OUT
 *   romtool check ROM             check ROM as the kernel will (but for
 *                                 what only the machine can say: whether
 *                                 it serves virtual_top); one line either
 *                                 way
 *   romtool set IN OUT FIELD=VALUE...
 *                                 OUT is IN with header fields changed, its
 *                                 checksum made good again (checksum=bad:
 *                                 left one off), for the tests' ROMs
 *
 * FIELD is signature, version, header_size, virtual_top, code_offset,
 * code_size, data_size, max_cpus, nr_entries, entry0, entry1, ... (the
 * header's words, resident.h) or length (the ROM's block count byte).
 * Exit 0 on success, 1 when a ROM is refused or cannot be read, 2 on bad
 * arguments.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "resident.h"

#define ROM_BLOCK	512
#define ROM_MAX		(255 * ROM_BLOCK)	/* the length byte's most */
#define MAX_ENTRIES	16
#define KERNEL_START	0xc0000000u		/* the kernel's space begins */

static const char *prog = "romtool";

static void usage(void)
{
	fprintf(stderr, "usage: %s fix IN OUT | check ROM | set IN OUT FIELD=VALUE...\n", prog);
	exit(2);
}

static unsigned char rom[ROM_MAX + 1];

static size_t load(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		exit(1);
	}
	n = fread(rom, 1, sizeof(rom), f);
	fclose(f);
	if (n > ROM_MAX) {
		fprintf(stderr, "%s: %s: larger than %d bytes, the most an option ROM's length byte says\n",
			prog, path, ROM_MAX);
		exit(1);
	}
	return n;
}

static void save(const char *path, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(rom, 1, n, f) != n || fclose(f)) {
		fprintf(stderr, "%s: %s: cannot write\n", prog, path);
		exit(1);
	}
}

static uint32_t word(size_t at)
{
	return rom[at] | rom[at + 1] << 8 | rom[at + 2] << 16 | (uint32_t)rom[at + 3] << 24;
}

static void set_word(size_t at, uint32_t v)
{
	rom[at] = v;
	rom[at + 1] = v >> 8;
	rom[at + 2] = v >> 16;
	rom[at + 3] = v >> 24;
}

static unsigned char sum(size_t n)
{
	unsigned char s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += rom[i];
	return s;
}

/* The last byte makes the sum of all of them 0. */
static void set_checksum(size_t n)
{
	rom[n - 1] -= sum(n);
}

#define H(field)	word(RESIDENT_HEADER_OFFSET + (field))

static uint64_t page_align(uint64_t n)
{
	return (n + RESIDENT_PAGE_SIZE - 1) & ~(uint64_t)(RESIDENT_PAGE_SIZE - 1);
}

/* NULL if the ROM is one the kernel takes, else why not. */
static const char *problem(size_t n)
{
	static char why[160];
	size_t hdr = RESIDENT_HEADER_OFFSET;
	uint64_t code_off, code_size, header_end, top;
	uint32_t i, nr;

	if (n < ROM_BLOCK || rom[0] != 0x55 || rom[1] != 0xaa)
		return "no option ROM signature (0x55 0xaa)";
	if ((size_t)rom[2] * ROM_BLOCK != n) {
		snprintf(why, sizeof(why), "its length byte says %u bytes, the ROM has %zu",
			 rom[2] * ROM_BLOCK, n);
		return why;
	}
	if (sum(n)) {
		snprintf(why, sizeof(why), "bad checksum (its bytes sum to 0x%02x, not 0)", sum(n));
		return why;
	}
	if (hdr + RH_ENTRIES > n || memcmp(rom + hdr, RESIDENT_SIGNATURE, 8))
		return "no resident header (signature " RESIDENT_SIGNATURE ")";
	if (H(RH_VERSION) != RESIDENT_VERSION) {
		snprintf(why, sizeof(why), "header version %u, not %d", H(RH_VERSION), RESIDENT_VERSION);
		return why;
	}
	nr = H(RH_NR_ENTRIES);
	if (nr < RESIDENT_NR_ENTRIES || nr > MAX_ENTRIES) {
		snprintf(why, sizeof(why), "%u entries, not %d to %d", nr, RESIDENT_NR_ENTRIES, MAX_ENTRIES);
		return why;
	}
	header_end = hdr + (uint64_t)H(RH_HEADER_SIZE);
	if (H(RH_HEADER_SIZE) != RH_ENTRIES + 4 * nr) {
		snprintf(why, sizeof(why), "header size %u, not %u for %u entries",
			 H(RH_HEADER_SIZE), RH_ENTRIES + 4 * nr, nr);
		return why;
	}
	if (header_end > n)
		return "the header runs past the ROM's end";
	code_off = H(RH_CODE_OFFSET);
	code_size = H(RH_CODE_SIZE);
	if (code_size == 0 || code_size % 4 || code_off < header_end || code_off + code_size > n) {
		snprintf(why, sizeof(why), "code of %llu bytes at %llu: not whole words between the header's end (%llu) and the ROM's (%zu)",
			 (unsigned long long)code_size, (unsigned long long)code_off,
			 (unsigned long long)header_end, n);
		return why;
	}
	for (i = 0; i < nr; i++)
		if (H(RH_ENTRIES + 4 * i) >= code_size) {
			snprintf(why, sizeof(why), "entry %u at %u, outside the %llu bytes of code",
				 i, H(RH_ENTRIES + 4 * i), (unsigned long long)code_size);
			return why;
		}
	if (H(RH_MAX_CPUS) == 0 || (uint64_t)H(RH_MAX_CPUS) * 4 > H(RH_DATA_SIZE)) {
		snprintf(why, sizeof(why), "data of %u bytes has no room for a counter for each of %u CPUs",
			 H(RH_DATA_SIZE), H(RH_MAX_CPUS));
		return why;
	}
	top = H(RH_VIRTUAL_TOP);
	if (top % RESIDENT_PAGE_SIZE || top < KERNEL_START ||
	    top + page_align(code_size) + page_align(H(RH_DATA_SIZE)) > 0x100000000ull) {
		snprintf(why, sizeof(why), "virtual_top 0x%08llx: not a page boundary from 0x%08x up with room for its code and data below 4 GB",
			 (unsigned long long)top, KERNEL_START);
		return why;
	}
	return NULL;
}

static const struct { const char *name; size_t at; } fields[] = {
	{ "version", RH_VERSION }, { "header_size", RH_HEADER_SIZE },
	{ "virtual_top", RH_VIRTUAL_TOP }, { "code_offset", RH_CODE_OFFSET },
	{ "code_size", RH_CODE_SIZE }, { "data_size", RH_DATA_SIZE },
	{ "max_cpus", RH_MAX_CPUS }, { "nr_entries", RH_NR_ENTRIES },
};

static uint32_t number(const char *arg, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (!*s || *end || errno || v > 0xffffffffull || s[0] == '-') {
		fprintf(stderr, "%s: %s: not a 32-bit number\n", prog, arg);
		exit(2);
	}
	return v;
}

/* One FIELD=VALUE; returns 1 for checksum=bad. */
static int set_field(const char *arg, size_t n)
{
	const char *eq = strchr(arg, '=');
	size_t len, i;
	uint32_t e;

	if (!eq)
		usage();
	len = eq - arg;
	if (len == 8 && !strncmp(arg, "checksum", 8)) {
		if (strcmp(eq + 1, "bad"))
			usage();
		return 1;
	}
	if (len == 6 && !strncmp(arg, "length", 6)) {
		rom[2] = number(arg, eq + 1) & 0xff;
		return 0;
	}
	if (len == 9 && !strncmp(arg, "signature", 9)) {
		if (strlen(eq + 1) != 8) {
			fprintf(stderr, "%s: %s: a signature has 8 characters\n", prog, arg);
			exit(2);
		}
		memcpy(rom + RESIDENT_HEADER_OFFSET, eq + 1, 8);
		return 0;
	}
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strlen(fields[i].name) == len && !strncmp(arg, fields[i].name, len)) {
			set_word(RESIDENT_HEADER_OFFSET + fields[i].at, number(arg, eq + 1));
			return 0;
		}
	if (len > 5 && !strncmp(arg, "entry", 5)) {
		char idx[16];

		if (len - 5 >= sizeof(idx))
			usage();
		memcpy(idx, arg + 5, len - 5);
		idx[len - 5] = 0;
		e = number(arg, idx);
		if (e >= MAX_ENTRIES || RESIDENT_HEADER_OFFSET + RH_ENTRIES + 4 * (e + 1) > n) {
			fprintf(stderr, "%s: %s: no such entry\n", prog, arg);
			exit(2);
		}
		set_word(RESIDENT_HEADER_OFFSET + RH_ENTRIES + 4 * e, number(arg, eq + 1));
		return 0;
	}
	fprintf(stderr, "%s: %s: no such field\n", prog, arg);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *why;
	size_t n;
	int i, bad = 0;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "fix") && argc == 4) {
		n = load(argv[2]);
		n = n ? (n + ROM_BLOCK - 1) / ROM_BLOCK * ROM_BLOCK : ROM_BLOCK;
		/* Room for the checksum byte after the last one in use. */
		if (n == ROM_MAX && rom[n - 1]) {
			fprintf(stderr, "%s: %s: no room for the checksum byte\n", prog, argv[2]);
			return 1;
		}
		if (rom[n - 1])
			n += ROM_BLOCK;
		rom[2] = n / ROM_BLOCK;
		set_checksum(n);
		save(argv[3], n);
		return 0;
	}
	if (!strcmp(argv[1], "check") && argc == 3) {
		n = load(argv[2]);
		why = problem(n);
		if (why) {
			printf("%s: refused: %s\n", argv[2], why);
			return 1;
		}
		printf("%s: resident v%u, virtual_top 0x%08x, %u bytes of code, %u of data, %u CPUs, %u entries\n",
		       argv[2], H(RH_VERSION), H(RH_VIRTUAL_TOP), H(RH_CODE_SIZE), H(RH_DATA_SIZE),
		       H(RH_MAX_CPUS), H(RH_NR_ENTRIES));
		return 0;
	}
	if (!strcmp(argv[1], "set") && argc >= 5) {
		n = load(argv[2]);
		if (n < RESIDENT_HEADER_OFFSET + RH_ENTRIES) {
			fprintf(stderr, "%s: %s: too short for a resident header\n", prog, argv[2]);
			return 1;
		}
		for (i = 4; i < argc; i++)
			bad |= set_field(argv[i], n);
		rom[n - 1] = 0;
		set_checksum(n);
		if (bad)
			rom[n - 1]++;
		save(argv[3], n);
		return 0;
	}
	usage();
	return 2;
}

/*
 * Unit test of the guest's vDSO reader (../vdso.c), on the host: small
 * shared objects built like the kernel's vsyscall DSO are mapped where
 * they were linked, or elsewhere, and read as the guest reads the real
 * one.  Expected symbol addresses come from nm, not from the reader.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../vdso.h"

#define LINKED	0x10000000UL
#define PAGE	4096UL

static int passed, failed;

static void check(int ok, const char *name)
{
	printf("%s %s\n", ok ? "ok" : "not ok", name);
	if (ok)
		passed++;
	else
		failed++;
}

/* Map one page at addr holding the file; returns addr or exits. */
static unsigned long map_file(const char *path, unsigned long addr, int corrupt)
{
	void *p = mmap((void *)addr, PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (p == MAP_FAILED || fd < 0) {
		perror(path);
		exit(2);
	}
	n = read(fd, p, PAGE);
	if (n <= 0 || n == (ssize_t)PAGE) {
		fprintf(stderr, "%s: want a file of less than a page\n", path);
		exit(2);
	}
	close(fd);
	if (corrupt)
		((unsigned char *)p)[1] = 'X';
	return addr;
}

static void unmap(unsigned long addr)
{
	munmap((void *)addr, PAGE);
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"__kernel_vsyscall", "__kernel_sigreturn", "__kernel_rt_sigreturn",
	};
	struct vdso v;
	unsigned long base, want, size;
	int i;

	if (argc != 6) {
		fprintf(stderr, "usage: %s SYSV.so GNU.so VSYSCALL SIGRETURN RT_SIGRETURN\n", argv[0]);
		return 2;
	}

	base = map_file(argv[1], LINKED, 0);
	check(vdso_parse(&v, base, PAGE) == 0, "sysv: parses");
	check(v.bias == 0, "sysv: bias 0 where linked");
	check(v.outside == NULL, "sysv: every address inside the page");
	for (i = 0; i < 3; i++) {
		want = strtoul(argv[3 + i], NULL, 16);
		check(vdso_lookup(&v, names[i], &size) == want && size > 0, names[i]);
	}
	check(vdso_lookup(&v, "__kernel_nonesuch", NULL) == 0, "sysv: unknown symbol not found");
	check(vdso_lookup(&v, "__kernel_vsyscal", NULL) == 0, "sysv: prefix of a symbol not found");
	unmap(base);

	base = map_file(argv[1], LINKED + 0x100000, 0);
	check(vdso_parse(&v, base, PAGE) == 0, "moved: parses");
	check(v.bias == 0x100000, "moved: bias is the distance");
	check(v.outside != NULL, "moved: linked addresses reported outside the page");
	want = strtoul(argv[3], NULL, 16) + 0x100000;
	check(vdso_lookup(&v, names[0], NULL) == want, "moved: lookup adds the bias");
	unmap(base);

	base = map_file(argv[2], LINKED, 0);
	check(vdso_parse(&v, base, PAGE) == -1 && v.error && strstr(v.error, "DT_HASH"),
	      "gnu hash only: refused for want of DT_HASH");
	unmap(base);

	base = map_file(argv[1], LINKED, 1);
	check(vdso_parse(&v, base, PAGE) == -1 && v.error && strstr(v.error, "ELF header"),
	      "bad magic: refused");
	unmap(base);

	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

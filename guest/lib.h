#ifndef GUEST_LIB_H
#define GUEST_LIB_H
/*
 * The little a freestanding program needs: string helpers, reading a
 * whole (small) file, and printing result lines.
 */

typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned long size_t;

/* The time stamp counter: under QEMU's -icount shift=0, instructions. */
static inline u64 rdtsc(void)
{
	u64 t;

	asm volatile("rdtsc" : "=A" (t));
	return t;
}

void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
const char *find_line(const char *text, const char *prefix);
const char *next_line(const char *s);
unsigned long parse_num(const char *s, int base, const char **end);

/* read() of n bytes at offset pos (below 4 GB) of an open file. */
long read_at(long fd, unsigned long pos, void *buf, long n);

/* Read up to size - 1 bytes of a file and NUL-terminate; -1 on failure. */
long read_file(const char *path, char *buf, long size);

/* The kernel's log (syslog(2)), NUL-terminated; empty if unreadable. */
const char *kernel_log(void);

/* What /proc/meminfo says, in kB; the high ones are 0 without highmem. */
struct meminfo {
	unsigned long mem_free, low_free, high_free, high_total, slab;
};
int meminfo_read(struct meminfo *m);

/*
 * Every result line is "fhtest: KEY=VALUE", written with one write() so
 * kernel messages on the same console cannot cut it in two.
 */
/* A line of text, built in pieces. */
struct text {
	char s[512];
	size_t n;
};
void text_add(struct text *t, const char *s);
void text_hex(struct text *t, unsigned long v);
void text_dec(struct text *t, long long v);

void out_init(void);
void put_hex(const char *key, unsigned long value);
void put_dec(const char *key, u64 value);
void put_str(const char *key, const char *value);
void put_raw(const char *text);		/* "fhtest: " + text */

#endif /* GUEST_LIB_H */

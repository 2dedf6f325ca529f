#include "lib.h"
#include "sys.h"

#define SYSLOG_ACTION_READ_ALL	3

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *pa = a, *pb = b;

	for (; n; n--, pa++, pb++)
		if (*pa != *pb)
			return *pa - *pb;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, (size_t)-1);
}

/* The start of the line after the one s is in, or NULL at the end. */
const char *next_line(const char *s)
{
	while (*s && *s != '\n')
		s++;
	return *s ? s + 1 : 0;
}

/* The first line of text that starts with prefix, or NULL. */
const char *find_line(const char *text, const char *prefix)
{
	size_t n = strlen(prefix);

	for (; text && *text; text = next_line(text))
		if (!strncmp(text, prefix, n))
			return text;
	return 0;
}

/* A number in base 10 or 16 (lower case, no 0x); leading blanks skipped. */
unsigned long parse_num(const char *s, int base, const char **end)
{
	unsigned long v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (;; s++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else
			break;
		v = v * base + d;
	}
	if (end)
		*end = s;
	return v;
}

long read_at(long fd, unsigned long pos, void *buf, long n)
{
	long long at;
	long r = sys5(__NR__llseek, fd, 0, pos, (long)&at, 0);

	return r ? r : sys_read(fd, buf, n);
}

long read_file(const char *path, char *buf, long size)
{
	long fd = sys_open(path, O_RDONLY), n, total = 0;

	if (fd < 0)
		return -1;
	while (total < size - 1 &&
	       (n = sys_read(fd, buf + total, size - 1 - total)) > 0)
		total += n;
	sys_close(fd);
	buf[total] = '\0';
	return total;
}

static char log_text[65536];

/* The kernel's log as far as its buffer reaches, NUL-terminated. */
const char *kernel_log(void)
{
	long n = sys_syslog(SYSLOG_ACTION_READ_ALL, log_text, sizeof(log_text) - 1);

	log_text[n > 0 ? n : 0] = '\0';
	return log_text;
}

static char meminfo_text[4096];

static unsigned long meminfo_kb(const char *key)
{
	const char *line = find_line(meminfo_text, key);

	return line ? parse_num(line + strlen(key), 10, 0) : 0;
}

int meminfo_read(struct meminfo *m)
{
	if (read_file("/proc/meminfo", meminfo_text, sizeof(meminfo_text)) <= 0)
		return 0;
	m->mem_free = meminfo_kb("MemFree:");
	m->low_free = meminfo_kb("LowFree:");
	m->high_free = meminfo_kb("HighFree:");
	m->high_total = meminfo_kb("HighTotal:");
	m->slab = meminfo_kb("Slab:");
	if (!find_line(meminfo_text, "LowFree:"))	/* no highmem: all is low */
		m->low_free = m->mem_free;
	return 1;
}

static long out_fd = 1;

/* /init may start with no console open; the kernel's initramfs has one. */
void out_init(void)
{
	if (sys_write(1, "", 0) < 0)
		out_fd = sys_open("/dev/console", O_WRONLY);
}

/* A line of text, built in pieces (lib.h). */
void text_add(struct text *t, const char *s)
{
	while (*s && t->n < sizeof(t->s) - 2)
		t->s[t->n++] = *s++;
	t->s[t->n] = '\0';
}

void text_hex(struct text *t, unsigned long v)
{
	static const char digits[] = "0123456789abcdef";
	char num[11] = "0x";
	int i;

	for (i = 0; i < 8; i++)
		num[2 + i] = digits[(v >> (28 - 4 * i)) & 0xf];
	num[10] = '\0';
	text_add(t, num);
}

/*
 * Decimal, 64 bits wide, with 32-bit arithmetic only (no libgcc here):
 * divide by ten 16 bits at a time, so no step exceeds 10 << 16.
 */
static unsigned int div10(u64 *u)
{
	u32 part[4] = { *u >> 48, (*u >> 32) & 0xffff, (*u >> 16) & 0xffff,
			*u & 0xffff };
	u32 rest = 0;
	int i;

	*u = 0;
	for (i = 0; i < 4; i++) {
		u32 cur = rest << 16 | part[i];

		*u = *u << 16 | cur / 10;
		rest = cur % 10;
	}
	return rest;
}

static void text_unsigned(struct text *t, u64 u)
{
	char num[21];
	int i = sizeof(num) - 1;

	num[i] = '\0';
	do
		num[--i] = '0' + div10(&u);
	while (u);
	text_add(t, num + i);
}

void text_dec(struct text *t, long long v)
{
	if (v < 0)
		text_add(t, "-");
	text_unsigned(t, v < 0 ? -(u64)v : (u64)v);
}

/* "fhtest: " and the text, as one line on the console. */
static void emit(struct text *t)
{
	t->s[t->n++] = '\n';
	sys_write(out_fd, t->s, t->n);
}

static void start(struct text *t, const char *key)
{
	t->n = 0;
	text_add(t, "fhtest: ");
	text_add(t, key);
	text_add(t, "=");
}

void put_hex(const char *key, unsigned long value)
{
	struct text t;

	start(&t, key);
	text_hex(&t, value);
	emit(&t);
}

void put_dec(const char *key, u64 value)
{
	struct text t;

	start(&t, key);
	text_unsigned(&t, value);
	emit(&t);
}

void put_str(const char *key, const char *value)
{
	struct text t;

	start(&t, key);
	text_add(&t, value);
	emit(&t);
}

void put_raw(const char *text)
{
	struct text t;

	t.n = 0;
	text_add(&t, "fhtest: ");
	text_add(&t, text);
	emit(&t);
}

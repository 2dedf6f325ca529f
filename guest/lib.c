#include "lib.h"
#include "sys.h"

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

static long out_fd = 1;

/* /init may start with no console open; the kernel's initramfs has one. */
void out_init(void)
{
	if (sys_write(1, "", 0) < 0)
		out_fd = sys_open("/dev/console", O_WRONLY);
}

struct line {
	char buf[512];
	size_t len;
};

static void add(struct line *l, const char *s)
{
	while (*s && l->len < sizeof(l->buf) - 1)
		l->buf[l->len++] = *s++;
}

static void emit(struct line *l)
{
	l->buf[l->len++] = '\n';
	sys_write(out_fd, l->buf, l->len);
}

static void start(struct line *l, const char *key)
{
	l->len = 0;
	add(l, "fhtest: ");
	add(l, key);
	add(l, "=");
}

void put_hex(const char *key, unsigned long value)
{
	static const char digits[] = "0123456789abcdef";
	struct line l;
	char num[11] = "0x";
	int i;

	for (i = 0; i < 8; i++)
		num[2 + i] = digits[(value >> (28 - 4 * i)) & 0xf];
	num[10] = '\0';
	start(&l, key);
	add(&l, num);
	emit(&l);
}

void put_dec(const char *key, unsigned long value)
{
	struct line l;
	char num[12];
	int i = sizeof(num) - 1;

	num[i] = '\0';
	do {
		num[--i] = '0' + value % 10;
		value /= 10;
	} while (value);
	start(&l, key);
	add(&l, num + i);
	emit(&l);
}

void put_str(const char *key, const char *value)
{
	struct line l;

	start(&l, key);
	add(&l, value);
	emit(&l);
}

void put_raw(const char *text)
{
	struct line l;

	l.len = 0;
	add(&l, "fhtest: ");
	add(&l, text);
	emit(&l);
}

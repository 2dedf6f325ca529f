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

static void text_unsigned(struct text *t, unsigned long u)
{
	char num[12];
	int i = sizeof(num) - 1;

	num[i] = '\0';
	do {
		num[--i] = '0' + u % 10;
		u /= 10;
	} while (u);
	text_add(t, num + i);
}

void text_dec(struct text *t, long v)
{
	if (v < 0)
		text_add(t, "-");
	text_unsigned(t, v < 0 ? -(unsigned long)v : (unsigned long)v);
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

void put_dec(const char *key, unsigned long value)
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

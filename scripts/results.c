/*
 * results.c: the results file read, for scripts/holereport and
 * scripts/sweepreport; its format is in results.h.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "results.h"

void vcomplain(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", tool_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
	exit(1);
}

void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return p;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / size)
			die("out of memory");
		n *= 2;
	}
	p = realloc(p, n * size);
	if (!p)
		die("out of memory");
	*cap = n;
	return p;
}

char *dup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

static int by_name_key_line(const void *a, const void *b)
{
	const struct result *p = *(const struct result *const *)a;
	const struct result *q = *(const struct result *const *)b;
	int c = strcmp(p->name, q->name);

	if (!c)
		c = strcmp(p->key, q->key);
	return c ? c : (p->line > q->line) - (p->line < q->line);
}

/* The first line, in the file's order, that gives its NAME's KEY again. */
static void refuse_repeats(const struct results *rs, const char *what)
{
	const struct result **sorted, *again = NULL, *first = NULL;
	size_t i;

	if (rs->n < 2)
		return;
	sorted = malloc(rs->n * sizeof(*sorted));
	if (!sorted)
		die("out of memory");
	for (i = 0; i < rs->n; i++)
		sorted[i] = &rs->r[i];
	qsort(sorted, rs->n, sizeof(*sorted), by_name_key_line);
	for (i = 1; i < rs->n; i++)
		if (!strcmp(sorted[i]->name, sorted[i - 1]->name) &&
		    !strcmp(sorted[i]->key, sorted[i - 1]->key) &&
		    (!again || sorted[i]->line < again->line)) {
			again = sorted[i];
			first = sorted[i - 1];
		}
	if (again)
		die("%s:%ld: %s %s has %s already (line %ld)", rs->path, again->line,
		    what, again->name, again->key, first->line);
	free(sorted);
}

void results_read(struct results *rs, const char *path, const char *what)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *copy, *key, *value, *upper;
	size_t cap = 0, cap_r = 0, i;
	ssize_t len;
	long n = 0;

	if (!f)
		die("cannot open %s: %s", path, strerror(errno));
	rs->path = path;
	rs->r = NULL;
	rs->n = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if ((size_t)len != strlen(line))
			die("%s:%ld: a NUL byte in the line", path, n);
		if (line[0] == '#' || line[0] == '\0')
			continue;
		copy = dup(line);
		key = strchr(copy, '\t');
		value = key ? strchr(key + 1, '\t') : NULL;
		if (!value || key == copy || value == key + 1) {
			upper = dup(what);
			for (i = 0; upper[i]; i++)
				upper[i] = toupper((unsigned char)upper[i]);
			die("%s:%ld: not %s<TAB>KEY<TAB>VALUE", path, n, upper);
		}
		*key++ = '\0';
		*value++ = '\0';
		rs->r = grow(rs->r, &cap_r, rs->n + 1, sizeof(*rs->r));
		rs->r[rs->n++] = (struct result){ copy, key, value, n };
	}
	if (ferror(f))
		die("cannot read %s: %s", path, strerror(errno));
	free(line);
	fclose(f);
	refuse_repeats(rs, what);
}

/* How many bytes the UTF-8 sequence at S has; 0 if it is not one. */
static int utf8_len(const unsigned char *s)
{
	int n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* Overlong forms, surrogates, past U+10FFFF, and U+FFFE, U+FFFF. */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90) ||
	    (s[0] == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
		return 0;
	return n;
}

void xml_text(FILE *o, const char *s)
{
	int n;

	for (; *s; s += n) {
		n = utf8_len((const unsigned char *)s);
		switch (n ? *s : 0) {
		case 0: fputc('?', o); n = 1; break;
		case '&': fputs("&amp;", o); break;
		case '<': fputs("&lt;", o); break;
		case '>': fputs("&gt;", o); break;
		case '"': fputs("&quot;", o); break;
		default:
			if ((unsigned char)*s < 0x20)
				fputc('?', o);
			else
				fwrite(s, 1, n, o);
		}
	}
}

/*
 * bootlog: read the serial log of one guest boot and say how it went.
 *
 * The guest program prints "fhtest: KEY=VALUE" lines and one final
 * "fhtest: PASS" or "fhtest: FAIL <checks>" line.  The kernel prints the
 * rest.  A boot passes only if the guest said PASS, the kernel said nothing
 * that means it broke (panic, oops, BUG, call trace), the boot did not time
 * out, and every --require condition holds on the guest's values.
 *
 * Output: the guest's KEY=VALUE lines, then one "bootlog: VERDICT" line and
 * one "bootlog: why: ..." line per reason.  Exit 0 on PASS, 1 otherwise,
 * 2 on bad usage.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GUEST_PREFIX	"fhtest: "
#define MAX_VALUES	512
#define MAX_REQUIRES	64

struct value {
	char *key;
	char *val;
};

static struct value values[MAX_VALUES];
static int nr_values;

/* What the kernel can say that means the boot went wrong. */
static const char *const kernel_trouble[] = {
	"Kernel panic", "Oops", "Call Trace", "BUG",
};

static int reasons;

static void __attribute__((format(printf, 1, 2))) reason(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("bootlog: why: ");
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
	reasons++;
}

static const char *lookup(const char *key)
{
	int i;

	for (i = nr_values - 1; i >= 0; i--)
		if (strcmp(values[i].key, key) == 0)
			return values[i].val;
	return NULL;
}

/* "BUG" must stand as a word: "DEBUG" or "BUGS" are not trouble. */
static int has_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	const char *p = line;

	while ((p = strstr(p, word)) != NULL) {
		int left = p == line || !isalnum((unsigned char)p[-1]);
		int right = !isalnum((unsigned char)p[n]);

		if (left && right)
			return 1;
		p += n;
	}
	return 0;
}

static int valid_key(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
		    s[i] != '_' && !islower((unsigned char)s[i]))
			return 0;
	return 1;
}

static int parse_number(const char *s, unsigned long long *out)
{
	char *end;

	if (!*s || *s == '-')
		return 0;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return errno == 0 && *end == '\0';
}

/*
 * A condition is KEY OP VALUE, OP one of == != >= <= > < (= means ==).
 * Numbers (decimal or 0x hex) compare as numbers, anything else as text
 * and then only for equality.
 */
static int check_require(const char *expr)
{
	static const char *const ops[] = { "==", "!=", ">=", "<=", "=", ">", "<" };
	const char *op = NULL, *p;
	char key[128];
	const char *want, *have;
	unsigned long long a, b;
	size_t klen, i;
	int ok;

	for (p = expr; *p && !op; p++)
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strncmp(p, ops[i], strlen(ops[i])) == 0) {
				op = ops[i];
				break;
			}
	if (!op)
		return -1;
	klen = (size_t)(p - 1 - expr);
	if (klen >= sizeof(key) || !valid_key(expr, klen))
		return -1;
	memcpy(key, expr, klen);
	key[klen] = '\0';
	want = p - 1 + strlen(op);

	have = lookup(key);
	if (!have) {
		reason("required %s, but the guest printed no %s", expr, key);
		return 0;
	}
	if (parse_number(have, &a) && parse_number(want, &b)) {
		if (!strcmp(op, "==") || !strcmp(op, "="))
			ok = a == b;
		else if (!strcmp(op, "!="))
			ok = a != b;
		else if (!strcmp(op, ">="))
			ok = a >= b;
		else if (!strcmp(op, "<="))
			ok = a <= b;
		else if (!strcmp(op, ">"))
			ok = a > b;
		else
			ok = a < b;
	} else if (!strcmp(op, "==") || !strcmp(op, "=")) {
		ok = strcmp(have, want) == 0;
	} else if (!strcmp(op, "!=")) {
		ok = strcmp(have, want) != 0;
	} else {
		return -1;
	}
	if (!ok)
		reason("required %s, got %s=%s", expr, key, have);
	return ok;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bootlog [--timed-out] [--require KEY<op>VALUE]... LOG\n"
		"  op: == != >= <= > <; exit 0 if the boot passed, 1 if not\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *requires[MAX_REQUIRES];
	int nr_requires = 0, timed_out = 0, started = 0, finals = 0;
	int seen[sizeof(kernel_trouble) / sizeof(kernel_trouble[0])] = { 0 };
	char *final = NULL, *line = NULL, *path = NULL;
	size_t cap = 0;
	ssize_t len;
	size_t t;
	FILE *f;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--timed-out")) {
			timed_out = 1;
		} else if (!strcmp(argv[i], "--require") && i + 1 < argc) {
			if (nr_requires == MAX_REQUIRES)
				usage();
			requires[nr_requires++] = argv[++i];
		} else if (argv[i][0] == '-' || path) {
			usage();
		} else {
			path = argv[i];
		}
	}
	if (!path)
		usage();
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "bootlog: cannot open %s: %s\n", path, strerror(errno));
		return 2;
	}

	while ((len = getline(&line, &cap, f)) >= 0) {
		char *g, *eq;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		g = strstr(line, GUEST_PREFIX);
		if (!g) {
			for (t = 0; t < sizeof(kernel_trouble) / sizeof(kernel_trouble[0]); t++)
				if (!seen[t] && has_word(line, kernel_trouble[t])) {
					seen[t] = 1;
					reason("the kernel said \"%s\": %s", kernel_trouble[t], line);
				}
			continue;
		}
		g += strlen(GUEST_PREFIX);
		if (!strcmp(g, "START")) {
			started = 1;
		} else if (!strcmp(g, "PASS") || !strncmp(g, "FAIL", 4)) {
			finals++;
			free(final);
			final = strdup(g);
		} else if (*g != '#' && (eq = strchr(g, '=')) &&
			   valid_key(g, (size_t)(eq - g))) {
			if (nr_values == MAX_VALUES) {
				fprintf(stderr, "bootlog: more than %d values\n", MAX_VALUES);
				return 2;
			}
			*eq = '\0';
			values[nr_values].key = strdup(g);
			values[nr_values].val = strdup(eq + 1);
			printf("%s=%s\n", g, eq + 1);
			nr_values++;
		}
	}
	fclose(f);
	free(line);

	if (timed_out)
		reason("the boot timed out");
	if (!started)
		reason("the guest program never started");
	if (finals == 0)
		reason("the guest printed no PASS or FAIL line");
	else if (finals > 1)
		reason("the guest printed %d final lines", finals);
	else if (strcmp(final, "PASS"))
		reason("the guest said: %s", final);
	for (i = 0; i < nr_requires; i++)
		if (check_require(requires[i]) < 0) {
			fprintf(stderr, "bootlog: bad --require '%s'\n", requires[i]);
			return 2;
		}

	printf("bootlog: %s\n", reasons ? "FAIL" : "PASS");
	return reasons ? 1 : 0;
}

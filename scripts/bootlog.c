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
 * 2 on bad usage.  With --check and no LOG it only checks that each
 * --require is well formed (exit 0 or 2), so a boot harness can refuse a
 * bad one before it boots anything.
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
 * and then only for equality.  parse_require() splits one, or says it is
 * malformed (-1); an order (> >= < <=) needs a number to compare with.
 */
static int parse_require(const char *expr, char *key, size_t keysize,
			 const char **op, const char **want)
{
	static const char *const ops[] = { "==", "!=", ">=", "<=", "=", ">", "<" };
	const char *p;
	unsigned long long n;
	size_t klen, i;

	*op = NULL;
	for (p = expr; *p && !*op; p++)
		for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			if (strncmp(p, ops[i], strlen(ops[i])) == 0) {
				*op = ops[i];
				break;
			}
	if (!*op)
		return -1;
	klen = (size_t)(p - 1 - expr);
	if (klen >= keysize || !valid_key(expr, klen))
		return -1;
	memcpy(key, expr, klen);
	key[klen] = '\0';
	*want = p - 1 + strlen(*op);
	if (strcmp(*op, "==") && strcmp(*op, "=") && strcmp(*op, "!=") &&
	    !parse_number(*want, &n))
		return -1;
	return 0;
}

/* One condition on the guest's values; a reason if it does not hold. */
static void check_require(const char *expr)
{
	const char *op, *want, *have;
	char key[128];
	unsigned long long a, b;
	int ok;

	if (parse_require(expr, key, sizeof(key), &op, &want) < 0)
		return;		/* refused while reading the command line */
	have = lookup(key);
	if (!have) {
		reason("required %s, but the guest printed no %s", expr, key);
		return;
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
		reason("required %s, got %s=%s, not a number", expr, key, have);
		return;
	}
	if (!ok)
		reason("required %s, got %s=%s", expr, key, have);
}

#define USAGE "usage: bootlog [--timed-out] [--require KEY<op>VALUE]... LOG\n" \
	      "       bootlog --check [--require KEY<op>VALUE]...\n"

/* A bad command line: one line that says why, and exit 2. */
static void __attribute__((noreturn, format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bootlog: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (usage: bootlog [--timed-out] [--require KEY<op>VALUE]... LOG)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *requires[MAX_REQUIRES];
	int nr_requires = 0, timed_out = 0, started = 0, finals = 0, check = 0;
	int seen[sizeof(kernel_trouble) / sizeof(kernel_trouble[0])] = { 0 };
	char *final = NULL, *line = NULL, *path = NULL;
	size_t cap = 0;
	ssize_t len;
	size_t t;
	FILE *f;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf(USAGE
			       "Reads the serial log of a guest boot; prints the guest's KEY=VALUE\n"
			       "lines and the verdict.  op: == != >= <= > <.  Exit 0 if the boot\n"
			       "passed, 1 if not, 2 on bad usage; --check only checks the --require\n"
			       "conditions.\n");
			return 0;
		} else if (!strcmp(argv[i], "--timed-out")) {
			timed_out = 1;
		} else if (!strcmp(argv[i], "--check")) {
			check = 1;
		} else if (!strcmp(argv[i], "--require")) {
			char key[128];
			const char *op, *want;

			if (i + 1 == argc)
				usage_error("--require needs a condition");
			if (nr_requires == MAX_REQUIRES)
				usage_error("more than %d --require", MAX_REQUIRES);
			if (parse_require(argv[i + 1], key, sizeof(key), &op, &want) < 0)
				usage_error("bad --require '%s': want KEY<op>VALUE", argv[i + 1]);
			requires[nr_requires++] = argv[++i];
		} else if (argv[i][0] == '-') {
			usage_error("unknown option '%s'", argv[i]);
		} else if (path) {
			usage_error("one LOG only");
		} else {
			path = argv[i];
		}
	}
	if (check) {
		if (path || timed_out)
			usage_error("--check takes only --require");
		return 0;
	}
	if (!path)
		usage_error("which LOG?");
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
		check_require(requires[i]);

	printf("bootlog: %s\n", reasons ? "FAIL" : "PASS");
	return reasons ? 1 : 0;
}

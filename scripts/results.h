/*
 * results.h: the results file that scripts/compare-holes and
 * scripts/cost-sweep write (with fh_result of scripts/lib.sh), read for
 * scripts/holereport and scripts/sweepreport, and what both tools need
 * to report it: one way to fail, memory that grows, text made safe for
 * XML.
 *
 * The file: text, one figure per line, NAME<TAB>KEY<TAB>VALUE.  NAME (a
 * kernel, or a point of a sweep) and KEY may not be empty; VALUE is
 * everything after the second tab, tabs and all.  A line that is empty or
 * starts with '#' is skipped; trailing CRs and LFs are not part of it.
 * Lines have no length limit, and there is no limit on their number.  A
 * NUL byte, a line of fewer than three fields and a NAME giving the same
 * KEY twice are refused, naming the file and the line.
 */
#ifndef RESULTS_H
#define RESULTS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* The tool's name, the prefix of its messages; each tool defines it. */
extern const char tool_name[];

struct result {
	const char *name, *key, *value;
	long line;
};

struct results {
	const char *path;
	struct result *r;	/* in the file's order */
	size_t n;
};

/*
 * Reads PATH whole, or exits 1 with one line.  WHAT is what NAME is to
 * the tool ("kernel", "point"): the messages say it.
 */
void results_read(struct results *rs, const char *path, const char *what);

/* One line on stderr: the tool's name, then FMT; die exits 1 after it. */
void __attribute__((format(printf, 1, 0))) vcomplain(const char *fmt, va_list ap);
void __attribute__((noreturn, format(printf, 1, 2))) die(const char *fmt, ...);

/* P with room for NEED elements of SIZE; *CAP is how many it has. */
void *grow(void *p, size_t *cap, size_t need, size_t size);
char *dup(const char *s);

/*
 * S as XML character data (and as an attribute value in double quotes):
 * & < > " escaped; what XML 1.0 has no place for (control characters,
 * bytes that are not UTF-8) becomes a '?'.
 */
void xml_text(FILE *o, const char *s);

#endif

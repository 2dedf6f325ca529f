/*
 * sweepreport: turn the results file of scripts/cost-sweep into a Markdown
 * report and SVG charts of what a dynamic hole costs, hole size by hole
 * size.
 *
 * usage: sweepreport RESULTS.tsv OUTDIR
 *
 * Writes OUTDIR/report.md and, for each series S, OUTDIR/S-cost.svg,
 * OUTDIR/S-memory.svg and, when the run has capacity workloads,
 * OUTDIR/S-capacity.svg.  OUTDIR is made if it is not there.  Every
 * number printed comes from the file; the only constants here are the
 * charts' geometry and the findings' thresholds (+1 %, +10 %, -1 %).
 * Exit 0 when the report is written, 1 when the file is refused (one
 * line per reason, naming file:line or the point), 2 on bad usage.
 *
 * The results file, as this tool reads it
 * ---------------------------------------
 * Text, one figure per line: a point, a key and a value, separated by
 * tabs, read by results.c (whose header has the rules this tool shares
 * with holereport: the value is everything after the second tab, a point
 * may not give the same key twice, lines have no length limit).
 * Counts are unsigned decimal integers of up to 64 bits (digits only: no
 * sign, no blanks, no 0x); an instruction count above 2^32 is normal.
 *
 * The point "all" says what the run was:
 *   tree, date          shown as they are (both needed)
 *   series              the series' names, blank-separated, in the order
 *                       to show them (needed, at least one).  A series is
 *                       one paging mode and memory size, e.g. pae-1200M;
 *                       its name becomes part of the charts' file names,
 *                       so it is letters, digits, '.', '_' and '-' only.
 *   workloads           the workloads' names, blank-separated, in display
 *                       order (needed, at least one; letters, digits and
 *                       '_').
 *   kmap_workloads      those of them that kmap highmem pages (optional)
 *   capacity_workloads  those of them that have a capacity (optional)
 *   bench_mb            MB of the kmap benchmarks (optional)
 *   mark_<MB>           a hole size to mark on every chart, as a dashed
 *                       vertical line; the value is the line's label
 *   anything else       listed among the run's facts as it is.
 *
 * Every other point is one boot, named SERIES/HOLE_MB (the hole in whole
 * MB, 0 for no fixaddr_hole=) or SERIES/HOLE_KBK (in kB, a K after it:
 * a hole of whole pages that is not whole MB); SERIES named in "all"'s
 * series.  Its keys:
 *   series              the same as in the point's name (needed)
 *   hole_mb or hole_kb  the hole, as the name has it (needed)
 *   paging, mem_mb      the paging mode (pae, nopae) and the guest's memory
 *                       in MB, the same for every point of a series
 *                       (needed)
 *   status              ok or failed (needed)
 *   why                 failed points: what failed, one line (needed)
 *   log_tail            failed points: the console's last lines joined
 *                       with " | " (optional)
 *   expected_lowmem_kb  the lowmem the sweep computed, min of the RAM and
 *                       the lowmem limit (needed at ok points; drawn at
 *                       failed ones too when given)
 *   lowtotal_kb, hightotal_kb   LowTotal and HighTotal as the guest
 *                       started (needed at ok points)
 *   W.ops, W.insns      for each workload W, at ok points: the operations
 *                       counted and the guest instructions they took
 *                       (needed)
 *   W.capacity          for each capacity workload, at ok points: how many
 *                       it made before its stop rule fired (needed)
 *   W.stop              that rule, one word or phrase (optional, shown)
 *   lowfree_kb, highfree_kb, W.highmem_pages, W.*_before_kb, W.*_after_kb
 *                       and any other key: the sweep's, not read here.
 *
 * Derived here, never stored: a workload's instructions per operation,
 * W.insns / W.ops (none when W.ops is 0); its cost relative to the same
 * series' hole-0 point (1.00 = no cost) and the difference per operation;
 * a capacity relative to hole 0's.  Without an ok hole-0 point a series
 * has no relatives, and its charts and findings say "no hole-0 baseline".
 * The findings: the first hole (smallest first) where a workload's cost
 * reaches +1 % and +10 %, and where a capacity is 1 % or more below hole
 * 0's; a relative within 1e-9 of a threshold counts as reaching it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "results.h"

#define EPSILON		1e-9

const char tool_name[] = "sweepreport";

struct point {
	char *name;
	char *series;		/* NULL for "all" */
	unsigned long long hole;	/* kB */
	long line;		/* its first line */
	const struct result **kv;
	size_t nr_kv, cap_kv;
	int ok;
};

struct words {
	char **w;
	size_t n;
};

struct series {
	const char *name;
	struct point **pts;	/* sorted by hole */
	size_t n;
	struct point *base;	/* the ok hole-0 point, if any */
	double xmax;		/* the largest hole, or mark, in MB */
};

/* A hole of KB kB in MB: whole, or to the kB. */
static const char *mb_text(unsigned long long kb)
{
	static char buf[4][32];
	static int next;
	char *b = buf[next++ % 4];

	if (kb % 1024)
		snprintf(b, sizeof(buf[0]), "%.3f", kb / 1024.0);
	else
		snprintf(b, sizeof(buf[0]), "%llu", kb / 1024);
	return b;
}

struct mark {
	unsigned long long mb;
	const char *label;
};

static const char *path;
static struct point **points;
static size_t nr_points, cap_points;
static struct point *all;
static struct words series_names, workloads, kmaps, capacities;
static struct series *series;
static struct mark *marks;
static size_t nr_marks;
static int errors;

/* A refusal that lets the check go on, so one run names every fault. */
static void __attribute__((format(printf, 1, 2))) refuse(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcomplain(fmt, ap);
	va_end(ap);
	errors++;
}

/* ---- Reading --------------------------------------------------------- */

static const struct result *find(const struct point *p, const char *key)
{
	size_t i;

	for (i = 0; i < p->nr_kv; i++)
		if (!strcmp(p->kv[i]->key, key))
			return p->kv[i];
	return NULL;
}

static const char *get(const struct point *p, const char *key)
{
	const struct result *kv = find(p, key);

	return kv ? kv->value : NULL;
}

/* Digits only, up to 2^64 - 1. */
static int parse_count(const char *s, unsigned long long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno && !*end;
}

/* A point's hole, in kB: whole MB, or kB with a K after them. */
static int parse_hole(const char *s, unsigned long long *kb)
{
	size_t len = strlen(s);
	char *digits;
	int ok;

	if (len > 1 && s[len - 1] == 'K') {
		digits = dup(s);
		digits[len - 1] = '\0';
		ok = parse_count(digits, kb);
		free(digits);
		return ok;
	}
	if (!parse_count(s, kb) || *kb > ~0ULL / 1024)
		return 0;
	*kb *= 1024;
	return 1;
}

static int valid_name(const char *s, const char *extra)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || strchr(extra, *s)))
			return 0;
	return 1;
}

static struct point *point_named(const char *name, long line)
{
	static struct point *last;
	struct point *p;
	char *slash;
	size_t i;

	if (last && !strcmp(last->name, name))
		return last;
	for (i = 0; i < nr_points; i++)
		if (!strcmp(points[i]->name, name))
			return last = points[i];
	p = calloc(1, sizeof(*p));
	if (!p)
		die("out of memory");
	p->name = dup(name);
	p->line = line;
	if (strcmp(name, "all")) {
		slash = strrchr(name, '/');
		if (!slash || !parse_hole(slash + 1, &p->hole))
			die("%s:%ld: point '%s' is neither all nor SERIES/HOLE_MB "
			    "nor SERIES/HOLE_KBK", path, line, name);
		p->series = dup(name);
		p->series[slash - name] = '\0';
		if (!valid_name(p->series, ".-"))
			die("%s:%ld: series '%s' is not letters, digits, '.', '_', '-'",
			    path, line, p->series);
	} else {
		all = p;
	}
	points = grow(points, &cap_points, nr_points + 1, sizeof(*points));
	points[nr_points++] = p;
	return last = p;
}

/* The file's figures, point by point. */
static void read_results(void)
{
	struct results rs;
	struct point *p;
	size_t i;

	results_read(&rs, path, "point");
	for (i = 0; i < rs.n; i++) {
		p = point_named(rs.r[i].name, rs.r[i].line);
		p->kv = grow(p->kv, &p->cap_kv, p->nr_kv + 1, sizeof(*p->kv));
		p->kv[p->nr_kv++] = &rs.r[i];
	}
	if (!nr_points)
		die("%s: no figures in it", path);
}

/* ---- Checking -------------------------------------------------------- */

/* KEY of P as a count; refused (and 0) when missing or not a count. */
static unsigned long long need_count(const struct point *p, const char *key)
{
	const struct result *kv = find(p, key);
	unsigned long long v;

	if (!kv) {
		refuse("%s: point %s (line %ld) lacks %s", path, p->name, p->line, key);
		return 0;
	}
	if (!parse_count(kv->value, &v)) {
		refuse("%s:%ld: %s of %s wants a decimal count below 2^64, got '%s'",
		       path, kv->line, key, p->name, kv->value);
		return 0;
	}
	return v;
}

/* Once checked, a count is read without complaint. */
static double count(const struct point *p, const char *key)
{
	unsigned long long v = 0;
	const char *s = get(p, key);

	if (s)
		parse_count(s, &v);
	return (double)v;
}

static const char *need(const struct point *p, const char *key)
{
	const char *v = get(p, key);

	if (!v)
		refuse("%s: point %s (line %ld) lacks %s", path, p->name, p->line, key);
	return v;
}

static const char *wkey(const char *w, const char *what)
{
	static char *buf;
	static size_t cap;
	size_t n = strlen(w) + strlen(what) + 2;

	buf = grow(buf, &cap, n, 1);
	snprintf(buf, n, "%s.%s", w, what);
	return buf;
}

/* Blank-separated names; each checked, no name twice. */
static void split(struct words *out, const char *key, const char *extra, int needed)
{
	const struct result *kv = find(all, key);
	size_t cap = 0, i;
	char *s, *tok;

	out->w = NULL;
	out->n = 0;
	if (!kv) {
		if (needed)
			refuse("%s: point all lacks %s", path, key);
		return;
	}
	s = dup(kv->value);
	for (tok = strtok(s, " \t"); tok; tok = strtok(NULL, " \t")) {
		if (!valid_name(tok, extra))
			refuse("%s:%ld: %s: '%s' is not a name", path, kv->line, key, tok);
		for (i = 0; i < out->n; i++)
			if (!strcmp(out->w[i], tok))
				refuse("%s:%ld: %s names %s twice", path, kv->line, key, tok);
		out->w = grow(out->w, &cap, out->n + 1, sizeof(*out->w));
		out->w[out->n++] = tok;
	}
	if (needed && !out->n)
		refuse("%s:%ld: %s is empty", path, kv->line, key);
}

static int listed(const struct words *ws, const char *w)
{
	size_t i;

	for (i = 0; i < ws->n; i++)
		if (!strcmp(ws->w[i], w))
			return 1;
	return 0;
}

static void subset(const struct words *sub, const char *key)
{
	size_t i;

	for (i = 0; i < sub->n; i++)
		if (!listed(&workloads, sub->w[i]))
			refuse("%s:%ld: %s names %s, which is not in workloads", path,
			       find(all, key)->line, key, sub->w[i]);
}

static void check_point(struct point *p)
{
	const char *status = need(p, "status"), *s, *key;
	unsigned long long hole, unit;
	size_t i;

	s = need(p, "series");
	if (s && strcmp(s, p->series))
		refuse("%s:%ld: point %s says series %s", path, find(p, "series")->line,
		       p->name, s);
	key = p->name[strlen(p->name) - 1] == 'K' ? "hole_kb" : "hole_mb";
	unit = key[5] == 'k' ? 1 : 1024;
	if (need(p, key) && parse_count(get(p, key), &hole) && hole * unit != p->hole)
		refuse("%s:%ld: point %s says %s %s", path, find(p, key)->line,
		       p->name, key, get(p, key));
	else if (get(p, key))
		need_count(p, key);
	need(p, "paging");
	need_count(p, "mem_mb");
	if (!listed(&series_names, p->series))
		refuse("%s:%ld: point %s: series %s is not in all's series", path, p->line,
		       p->name, p->series);
	if (get(p, "expected_lowmem_kb"))
		need_count(p, "expected_lowmem_kb");
	if (!status)
		return;
	if (!strcmp(status, "failed")) {
		need(p, "why");
		return;
	}
	if (strcmp(status, "ok")) {
		refuse("%s:%ld: point %s: status is '%s', not ok or failed", path,
		       find(p, "status")->line, p->name, status);
		return;
	}
	p->ok = 1;
	need_count(p, "expected_lowmem_kb");
	need_count(p, "lowtotal_kb");
	need_count(p, "hightotal_kb");
	for (i = 0; i < workloads.n; i++) {
		need_count(p, wkey(workloads.w[i], "ops"));
		need_count(p, wkey(workloads.w[i], "insns"));
	}
	for (i = 0; i < capacities.n; i++)
		need_count(p, wkey(capacities.w[i], "capacity"));
}

static int by_hole(const void *a, const void *b)
{
	const struct point *p = *(struct point *const *)a, *q = *(struct point *const *)b;

	return p->hole < q->hole ? -1 : p->hole > q->hole;
}

static void check(void)
{
	size_t i, j, cap;
	struct series *s;
	struct point *p;
	size_t cap_marks = 0;
	double mark_max = 0;

	if (!all)
		die("%s: no point all: no series", path);
	need(all, "tree");
	need(all, "date");
	split(&series_names, "series", ".-", 1);
	split(&workloads, "workloads", "", 1);
	split(&kmaps, "kmap_workloads", "", 0);
	split(&capacities, "capacity_workloads", "", 0);
	if (!series_names.n)
		die("%s: no series", path);
	subset(&kmaps, "kmap_workloads");
	subset(&capacities, "capacity_workloads");
	for (i = 0; i < all->nr_kv; i++) {
		const struct result *kv = all->kv[i];
		unsigned long long mb;

		if (strncmp(kv->key, "mark_", 5))
			continue;
		if (!parse_count(kv->key + 5, &mb)) {
			refuse("%s:%ld: %s is not mark_<MB>", path, kv->line, kv->key);
			continue;
		}
		marks = grow(marks, &cap_marks, nr_marks + 1, sizeof(*marks));
		marks[nr_marks].mb = mb;
		marks[nr_marks++].label = kv->value;
		if (mb > mark_max)
			mark_max = mb;
	}
	for (i = 0; i < nr_points; i++)
		if (points[i] != all)
			check_point(points[i]);
	if (errors)
		exit(1);

	series = calloc(series_names.n, sizeof(*series));
	if (!series)
		die("out of memory");
	for (j = 0; j < series_names.n; j++) {
		s = &series[j];
		s->name = series_names.w[j];
		s->xmax = mark_max;
		cap = 0;
		for (i = 0; i < nr_points; i++) {
			p = points[i];
			if (p == all || strcmp(p->series, s->name))
				continue;
			s->pts = grow(s->pts, &cap, s->n + 1, sizeof(*s->pts));
			s->pts[s->n++] = p;
		}
		qsort(s->pts, s->n, sizeof(*s->pts), by_hole);
		for (i = 0; i < s->n; i++) {
			p = s->pts[i];
			if (i && p->hole == s->pts[i - 1]->hole)
				refuse("%s:%ld: point %s is hole %s MB again (%s, line %ld)",
				       path, p->line, p->name, mb_text(p->hole),
				       s->pts[i - 1]->name, s->pts[i - 1]->line);
			if (strcmp(get(p, "paging"), get(s->pts[0], "paging")) ||
			    count(p, "mem_mb") != count(s->pts[0], "mem_mb"))
				refuse("%s:%ld: point %s is %s, %s MB; %s is %s, %s MB", path,
				       p->line, p->name, get(p, "paging"), get(p, "mem_mb"),
				       s->pts[0]->name, get(s->pts[0], "paging"),
				       get(s->pts[0], "mem_mb"));
			if (p->hole == 0 && p->ok)
				s->base = p;
			if (p->hole / 1024.0 > s->xmax)
				s->xmax = p->hole / 1024.0;
		}
	}
	if (errors)
		exit(1);
}

/* ---- Figures --------------------------------------------------------- */

/* Instructions per operation of W at P; 0 when there is none. */
static int per_op(const struct point *p, const char *w, double *v)
{
	double ops;

	if (!p || !p->ok)
		return 0;
	ops = count(p, wkey(w, "ops"));
	if (ops <= 0)
		return 0;
	*v = count(p, wkey(w, "insns")) / ops;
	return 1;
}

static int rel_cost(const struct series *s, const struct point *p, const char *w,
		    double *rel, double *diff)
{
	double v, b;

	if (!per_op(p, w, &v) || !per_op(s->base, w, &b) || b <= 0)
		return 0;
	*rel = v / b;
	*diff = v - b;
	return 1;
}

static int rel_capacity(const struct series *s, const struct point *p, const char *w,
			double *rel)
{
	double b;

	if (!p->ok || !s->base)
		return 0;
	b = count(s->base, wkey(w, "capacity"));
	if (b <= 0)
		return 0;
	*rel = count(p, wkey(w, "capacity")) / b;
	return 1;
}

/* ---- SVG charts ------------------------------------------------------ */

#define SVG_W		780
#define SVG_H		460
#define PLOT_L		80
#define PLOT_R		570
#define PLOT_T		50
#define PLOT_B		390
#define LEGEND_X	590
#define NR_TICKS	6

static const char *const colours[] = {
	"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
	"#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#000000",
};
#define NR_COLOURS	(sizeof(colours) / sizeof(colours[0]))

struct chart {
	FILE *o;
	const char *file;
	double x1, y0, y1;
	int legend;
};

static double px(const struct chart *c, double x)
{
	return PLOT_L + x / c->x1 * (PLOT_R - PLOT_L);
}

static double py(const struct chart *c, double y)
{
	return PLOT_B - (y - c->y0) / (c->y1 - c->y0) * (PLOT_B - PLOT_T);
}

/* A step of 1, 2 or 5 times a power of ten giving about NR_TICKS ticks. */
static double tick_step(double span)
{
	double raw = span / NR_TICKS, p = 1;

	while (p * 10 <= raw)
		p *= 10;
	while (p > raw)
		p /= 10;
	if (p * 5 <= raw)
		return p * 5;
	if (p * 2 <= raw)
		return p * 2;
	return p;
}

static int decimals(double step)
{
	int d = 0;

	while (step < 1 - EPSILON && d < 9) {
		step *= 10;
		d++;
	}
	return d;
}

static double floor_to(double v, double step)
{
	double q = v / step;
	long long f = (long long)q;

	if ((double)f > q)
		f--;
	return f * step;
}

static double ceil_to(double v, double step)
{
	double f = floor_to(v, step);

	return f < v - EPSILON * step ? f + step : f;
}

/* The y range: LO..HI widened a little and to whole steps. */
static void y_range(double lo, double hi, double floor, double *y0, double *y1, double *step)
{
	double pad = (hi - lo) * 0.05;

	if (hi - lo < EPSILON * (hi > 1 ? hi : 1))
		pad = hi > 0 ? hi * 0.01 : 1;
	lo -= pad;
	hi += pad;
	if (lo < floor)
		lo = floor;
	*step = tick_step(hi - lo);
	*y0 = floor_to(lo, *step);
	*y1 = ceil_to(hi, *step);
}

static struct chart chart_open(const char *outdir, const struct series *s, const char *what,
			       const char *title, const char *ylabel, double y0, double y1,
			       double ystep)
{
	struct chart c = { NULL, NULL, s->xmax > 0 ? s->xmax : 1, y0, y1, 0 };
	size_t n = strlen(outdir) + strlen(s->name) + strlen(what) + 8, i;
	double xstep, v;
	char *file = malloc(n);
	int yd;

	if (!file)
		die("out of memory");
	snprintf(file, n, "%s/%s-%s.svg", outdir, s->name, what);
	c.file = file;
	c.o = fopen(file, "w");
	if (!c.o)
		die("cannot write %s: %s", file, strerror(errno));
	xstep = tick_step(c.x1);
	c.x1 = ceil_to(c.x1, xstep);
	fprintf(c.o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"font-family=\"sans-serif\" font-size=\"11\">\n"
		"<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", SVG_W, SVG_H);
	fprintf(c.o, "<text x=\"10\" y=\"22\" font-size=\"14\">");
	xml_text(c.o, s->name);
	fprintf(c.o, ": ");
	xml_text(c.o, title);
	fprintf(c.o, "</text>\n");
	/* The grid and the x ticks. */
	for (v = 0; v <= c.x1 + EPSILON * xstep; v += xstep)
		fprintf(c.o, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n"
			"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>\n"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.*f</text>\n",
			px(&c, v), PLOT_T, px(&c, v), PLOT_B,
			px(&c, v), PLOT_B, px(&c, v), PLOT_B + 5,
			px(&c, v), PLOT_B + 18, decimals(xstep), v);
	yd = decimals(ystep);
	for (v = y0; v <= y1 + EPSILON * ystep; v += ystep)
		fprintf(c.o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n"
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n"
			"<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.*f</text>\n",
			PLOT_L, py(&c, v), PLOT_R, py(&c, v),
			PLOT_L - 5, py(&c, v), PLOT_L, py(&c, v),
			PLOT_L - 8, py(&c, v) + 4, yd, v);
	fprintf(c.o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
		"stroke=\"#333\"/>\n", PLOT_L, PLOT_T, PLOT_R - PLOT_L, PLOT_B - PLOT_T);
	fprintf(c.o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">hole (MB)</text>\n",
		(PLOT_L + PLOT_R) / 2, PLOT_B + 38);
	fprintf(c.o, "<text x=\"18\" y=\"%d\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 18 %d)\">", (PLOT_T + PLOT_B) / 2, (PLOT_T + PLOT_B) / 2);
	xml_text(c.o, ylabel);
	fprintf(c.o, "</text>\n");
	for (i = 0; i < nr_marks; i++) {
		double x = px(&c, marks[i].mb);

		fprintf(c.o, "<g class=\"mark\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			"stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n"
			"<text x=\"%.1f\" y=\"%d\" font-size=\"10\">", x, PLOT_T, x, PLOT_B,
			x + 3, PLOT_T + 12 + (int)(i % 3) * 12);
		xml_text(c.o, marks[i].label);
		fprintf(c.o, "</text></g>\n");
	}
	return c;
}

static void legend(struct chart *c, const char *colour, const char *dash, const char *label)
{
	int y = PLOT_T + 6 + c->legend++ * 18;

	fprintf(c->o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
		"stroke-width=\"2\"%s%s%s/>\n<text x=\"%d\" y=\"%d\">", LEGEND_X, y,
		LEGEND_X + 24, y, colour, *dash ? " stroke-dasharray=\"" : "", dash,
		*dash ? "\"" : "", LEGEND_X + 30, y + 4);
	xml_text(c->o, label);
	fprintf(c->o, "</text>\n");
}

/* A line through the points that have a value (HAVE), with markers. */
static void chart_line(struct chart *c, size_t n, const double *x, const double *y,
		       const int *have, size_t nr, const char *label, const char *dash)
{
	const char *colour = colours[nr % NR_COLOURS];
	size_t i;

	/* Past the palette, the colours come round again dotted. */
	if (nr >= NR_COLOURS && !*dash)
		dash = "2 3";
	fprintf(c->o, "<g class=\"series-line\"><polyline fill=\"none\" stroke=\"%s\" "
		"stroke-width=\"2\"%s%s%s points=\"", colour, *dash ? " stroke-dasharray=\"" : "",
		dash, *dash ? "\"" : "");
	for (i = 0; i < n; i++)
		if (have[i])
			fprintf(c->o, " %.1f,%.1f", px(c, x[i]), py(c, y[i]));
	fprintf(c->o, "\"/>\n");
	for (i = 0; i < n; i++)
		if (have[i])
			fprintf(c->o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>\n",
				px(c, x[i]), py(c, y[i]), colour);
	fprintf(c->o, "</g>\n");
	legend(c, colour, dash, label);
}

static void chart_close(struct chart *c, const struct series *s, const char *note)
{
	size_t i;
	int failed = 0;

	for (i = 0; i < s->n; i++) {
		double x;

		if (s->pts[i]->ok)
			continue;
		x = px(c, s->pts[i]->hole / 1024.0);
		fprintf(c->o, "<g class=\"failed\" stroke=\"red\" stroke-width=\"2\">"
			"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
			"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/></g>\n",
			x - 5, PLOT_B - 5, x + 5, PLOT_B + 5, x - 5, PLOT_B + 5, x + 5, PLOT_B - 5);
		failed = 1;
	}
	if (failed) {
		int y = PLOT_T + 6 + c->legend++ * 18;

		fprintf(c->o, "<g stroke=\"red\" stroke-width=\"2\">"
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
			"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/></g>\n"
			"<text x=\"%d\" y=\"%d\">failed point</text>\n",
			LEGEND_X + 7, y - 5, LEGEND_X + 17, y + 5, LEGEND_X + 7, y + 5,
			LEGEND_X + 17, y - 5, LEGEND_X + 30, y + 4);
	}
	if (note) {
		fprintf(c->o, "<text class=\"note\" x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			"font-size=\"16\" fill=\"#a00\">", (PLOT_L + PLOT_R) / 2,
			(PLOT_T + PLOT_B) / 2);
		xml_text(c->o, note);
		fprintf(c->o, "</text>\n");
	}
	fprintf(c->o, "</svg>\n");
	if (fclose(c->o))
		die("cannot write %s: %s", c->file, strerror(errno));
	free((char *)c->file);
}

/* The data of one chart: per line, per point, a value or none. */
struct plot {
	double *x, *y;
	int *have;
};

static void plot_alloc(struct plot *pl, size_t n)
{
	pl->x = calloc(n ? n : 1, sizeof(double));
	pl->y = calloc(n ? n : 1, sizeof(double));
	pl->have = calloc(n ? n : 1, sizeof(int));
	if (!pl->x || !pl->y || !pl->have)
		die("out of memory");
}

static void plot_free(struct plot *pl)
{
	free(pl->x);
	free(pl->y);
	free(pl->have);
}

static void range_of(const struct plot *pl, size_t lines, size_t n, double *lo, double *hi)
{
	size_t l, i;

	for (l = 0; l < lines; l++)
		for (i = 0; i < n; i++) {
			if (!pl[l].have[i])
				continue;
			if (pl[l].y[i] < *lo)
				*lo = pl[l].y[i];
			if (pl[l].y[i] > *hi)
				*hi = pl[l].y[i];
		}
}

/* (a) and (c): one line per workload, relative to hole 0. */
static void chart_relative(const char *outdir, const struct series *s, const struct words *ws,
			   int capacity)
{
	struct plot *pl = calloc(ws->n ? ws->n : 1, sizeof(*pl));
	double lo = 1, hi = 1, y0, y1, step, diff;
	struct chart c;
	size_t l, i;

	if (!pl)
		die("out of memory");
	for (l = 0; l < ws->n; l++) {
		plot_alloc(&pl[l], s->n);
		for (i = 0; i < s->n; i++) {
			pl[l].x[i] = s->pts[i]->hole / 1024.0;
			pl[l].have[i] = capacity ?
				rel_capacity(s, s->pts[i], ws->w[l], &pl[l].y[i]) :
				rel_cost(s, s->pts[i], ws->w[l], &pl[l].y[i], &diff);
		}
	}
	range_of(pl, ws->n, s->n, &lo, &hi);
	y_range(lo, hi, 0, &y0, &y1, &step);
	c = chart_open(outdir, s, capacity ? "capacity" : "cost",
		       capacity ? "capacity against hole size, relative to hole 0" :
		       "instructions per operation against hole size, relative to hole 0",
		       capacity ? "capacity / capacity at hole 0" :
		       "instructions per op / the same at hole 0", y0, y1, step);
	fprintf(c.o, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>\n",
		PLOT_L, py(&c, 1), PLOT_R, py(&c, 1));
	for (l = 0; l < ws->n; l++) {
		if (s->base)
			chart_line(&c, s->n, pl[l].x, pl[l].y, pl[l].have, l, ws->w[l], "");
		plot_free(&pl[l]);
	}
	chart_close(&c, s, s->base ? NULL : "no hole-0 baseline");
	free(pl);
}

/* (b): LowTotal, HighTotal and the expected lowmem, in MB. */
static void chart_memory(const char *outdir, const struct series *s)
{
	static const char *const keys[] = { "lowtotal_kb", "hightotal_kb", "expected_lowmem_kb" };
	static const char *const labels[] = { "LowTotal", "HighTotal", "expected lowmem" };
	struct plot pl[3];
	double lo = 0, hi = 0, y0, y1, step;
	struct chart c;
	size_t l, i;

	for (l = 0; l < 3; l++) {
		plot_alloc(&pl[l], s->n);
		for (i = 0; i < s->n; i++) {
			const struct point *p = s->pts[i];

			pl[l].x[i] = p->hole / 1024.0;
			pl[l].have[i] = (p->ok || l == 2) && get(p, keys[l]);
			pl[l].y[i] = count(p, keys[l]) / 1024;
		}
	}
	range_of(pl, 3, s->n, &lo, &hi);
	y_range(lo, hi, 0, &y0, &y1, &step);
	c = chart_open(outdir, s, "memory", "lowmem and highmem against hole size",
		       "MB", y0, y1, step);
	for (l = 0; l < 3; l++) {
		chart_line(&c, s->n, pl[l].x, pl[l].y, pl[l].have, l, labels[l],
			   l == 2 ? "6 3" : "");
		plot_free(&pl[l]);
	}
	chart_close(&c, s, NULL);
}

/* ---- Markdown -------------------------------------------------------- */

/* Text for a table cell: a '|' would end the cell. */
static void md_cell(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputc('\\', o);
		fputc(*s, o);
	}
}

static void md_run(FILE *o)
{
	size_t i, j, ok, failed;

	fprintf(o, "# Cost sweep of the dynamic hole: %s\n\n", get(all, "tree"));
	fprintf(o, "Made by scripts/cost-sweep on %s; every figure below is from its "
		   "results file, by scripts/sweepreport.\n\n", get(all, "date"));
	fprintf(o, "Series (one paging mode and memory size each, booted at each hole "
		   "size under QEMU -icount):\n\n");
	for (i = 0; i < series_names.n; i++) {
		const struct series *s = &series[i];

		for (j = ok = failed = 0; j < s->n; j++)
			s->pts[j]->ok ? ok++ : failed++;
		fprintf(o, "- **%s**: ", s->name);
		if (!s->n) {
			fprintf(o, "no points in the file\n");
			continue;
		}
		fprintf(o, "%s, %s MB; holes %s to %s MB; %zu points, %zu failed%s\n",
			get(s->pts[0], "paging"), get(s->pts[0], "mem_mb"),
			mb_text(s->pts[0]->hole), mb_text(s->pts[s->n - 1]->hole), s->n, failed,
			s->base ? "" : "; no hole-0 baseline");
	}
	fprintf(o, "\nWorkloads, in order:");
	for (i = 0; i < workloads.n; i++)
		fprintf(o, " %s%s%s%s", workloads.w[i],
			listed(&kmaps, workloads.w[i]) ? " (kmap)" : "",
			listed(&capacities, workloads.w[i]) ? " (capacity)" : "",
			i + 1 < workloads.n ? "," : ".");
	fprintf(o, "  (kmap): its operations kmap highmem pages");
	if (get(all, "bench_mb"))
		fprintf(o, ", %s MB of them", get(all, "bench_mb"));
	fprintf(o, "; (capacity): it also counts how many it could make before a stop "
		   "rule fired.\n\n");
	if (nr_marks) {
		fprintf(o, "Marked on the charts:");
		for (i = 0; i < nr_marks; i++)
			fprintf(o, " %llu MB (%s)%s", marks[i].mb, marks[i].label,
				i + 1 < nr_marks ? "," : ".\n\n");
	}
	for (i = j = 0; i < all->nr_kv; i++) {
		const char *k = all->kv[i]->key;

		if (!strcmp(k, "tree") || !strcmp(k, "date") || !strcmp(k, "series") ||
		    !strcmp(k, "workloads") || !strcmp(k, "kmap_workloads") ||
		    !strcmp(k, "capacity_workloads") || !strcmp(k, "bench_mb") ||
		    !strncmp(k, "mark_", 5))
			continue;
		if (!j++)
			fprintf(o, "Other facts of the run:\n\n");
		fprintf(o, "- %s: %s\n", k, all->kv[i]->value);
	}
	if (j)
		fputc('\n', o);
	fprintf(o, "A cost is guest instructions per operation (W.insns / W.ops), "
		   "followed by its ratio to the same series' hole-0 point and the "
		   "difference per operation: 1.0000 is no cost.  A capacity is "
		   "followed by its ratio to hole 0's.  Failed points are left out "
		   "of the charts' lines and drawn as a red x on the hole axis.\n\n");
}

/*
 * Where the workloads' memory came from, when the file says: the highmem
 * pages each kmap workload took, and the lowmem each capacity workload
 * held at its peak (LowFree before less after), in all and per object.
 */
static void md_memory_use(FILE *o, const struct series *s)
{
	size_t i, j;

	fprintf(o, "Memory the workloads took: highmem pages per kmap workload; "
		   "lowmem held at the peak (LowFree before - after) per capacity "
		   "workload, MB and kB per object.\n\n| hole MB |");
	for (j = 0; j < kmaps.n; j++)
		fprintf(o, " %s highmem pages |", kmaps.w[j]);
	for (j = 0; j < capacities.n; j++)
		fprintf(o, " %s lowmem MB (kB each) |", capacities.w[j]);
	fprintf(o, "\n|---:|");
	for (j = 0; j < kmaps.n + capacities.n; j++)
		fprintf(o, "---:|");
	fputc('\n', o);
	for (i = 0; i < s->n; i++) {
		const struct point *p = s->pts[i];

		if (!p->ok)
			continue;
		fprintf(o, "| %s |", mb_text(p->hole));
		for (j = 0; j < kmaps.n; j++) {
			const char *k = wkey(kmaps.w[j], "highmem_pages");

			if (get(p, k))
				fprintf(o, " %.0f |", count(p, k));
			else
				fprintf(o, " – |");
		}
		for (j = 0; j < capacities.n; j++) {
			double before, after, used, n;

			/* wkey() has one buffer: read each value at once. */
			if (!get(p, wkey(capacities.w[j], "lowfree_before_kb"))) {
				fprintf(o, " – |");
				continue;
			}
			before = count(p, wkey(capacities.w[j], "lowfree_before_kb"));
			if (!get(p, wkey(capacities.w[j], "lowfree_after_kb"))) {
				fprintf(o, " – |");
				continue;
			}
			after = count(p, wkey(capacities.w[j], "lowfree_after_kb"));
			used = before - after;
			n = count(p, wkey(capacities.w[j], "capacity"));
			fprintf(o, " %.1f", used / 1024);
			if (n > 0)
				fprintf(o, " (%.2f)", used / n);
			fprintf(o, " |");
		}
		fputc('\n', o);
	}
	fputc('\n', o);
}

static void md_series(FILE *o, const struct series *s)
{
	double v, rel, diff;
	size_t i, j;

	fprintf(o, "## %s\n\n", s->name);
	if (!s->n) {
		fprintf(o, "No points of this series are in the file.\n\n");
		return;
	}
	fprintf(o, "![%s: cost](%s-cost.svg)\n\n", s->name, s->name);
	fprintf(o, "![%s: lowmem and highmem](%s-memory.svg)\n\n", s->name, s->name);
	if (capacities.n)
		fprintf(o, "![%s: capacity](%s-capacity.svg)\n\n", s->name, s->name);
	if (!s->base)
		fprintf(o, "No hole-0 baseline: the series has no ok point at hole 0, "
			   "so nothing is relative.\n\n");
	fprintf(o, "| hole MB | LowTotal MB | HighTotal MB | expected lowmem MB |");
	for (j = 0; j < workloads.n; j++)
		fprintf(o, " %s insns/op |", workloads.w[j]);
	for (j = 0; j < capacities.n; j++)
		fprintf(o, " %s capacity |", capacities.w[j]);
	fprintf(o, "\n|---:|---:|---:|---:|");
	for (j = 0; j < workloads.n + capacities.n; j++)
		fprintf(o, "---:|");
	fputc('\n', o);
	for (i = 0; i < s->n; i++) {
		const struct point *p = s->pts[i];

		fprintf(o, "| %s |", mb_text(p->hole));
		if (!p->ok) {
			fprintf(o, " failed | – |");
			if (get(p, "expected_lowmem_kb"))
				fprintf(o, " %.1f |", count(p, "expected_lowmem_kb") / 1024);
			else
				fprintf(o, " – |");
			for (j = 0; j < workloads.n + capacities.n; j++)
				fprintf(o, " – |");
			fputc('\n', o);
			continue;
		}
		fprintf(o, " %.1f | %.1f | %.1f |", count(p, "lowtotal_kb") / 1024,
			count(p, "hightotal_kb") / 1024, count(p, "expected_lowmem_kb") / 1024);
		for (j = 0; j < workloads.n; j++) {
			if (!per_op(p, workloads.w[j], &v))
				fprintf(o, " – (0 ops) |");
			else if (rel_cost(s, p, workloads.w[j], &rel, &diff))
				fprintf(o, " %.2f (%.4f, %+.2f) |", v, rel, diff);
			else
				fprintf(o, " %.2f |", v);
		}
		for (j = 0; j < capacities.n; j++) {
			const char *stop = get(p, wkey(capacities.w[j], "stop"));

			fprintf(o, " %.0f", count(p, wkey(capacities.w[j], "capacity")));
			if (rel_capacity(s, p, capacities.w[j], &rel))
				fprintf(o, " (%.4f)", rel);
			if (stop && *stop) {
				fprintf(o, " ");
				md_cell(o, stop);
			}
			fprintf(o, " |");
		}
		fputc('\n', o);
	}
	fputc('\n', o);
	md_memory_use(o, s);
}

/* The first ok hole whose relative reaches AT (up: cost; down: capacity). */
static const struct point *first_reaching(const struct series *s, const char *w, double at,
					  int capacity)
{
	double rel, diff;
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct point *p = s->pts[i];

		if (capacity) {
			if (rel_capacity(s, p, w, &rel) && rel <= at + EPSILON)
				return p;
		} else if (rel_cost(s, p, w, &rel, &diff) && rel >= at - EPSILON) {
			return p;
		}
	}
	return NULL;
}

static void md_first(FILE *o, const struct series *s, const char *w, double at, int capacity)
{
	const struct point *p = first_reaching(s, w, at, capacity);

	if (p)
		fprintf(o, " %s MB |", mb_text(p->hole));
	else
		fprintf(o, " never (swept to %s MB) |", mb_text(s->pts[s->n - 1]->hole));
}

/* The extreme relative of W over the series, and where. */
static void md_extreme(FILE *o, const struct series *s, const char *w, int capacity)
{
	const struct point *at = NULL;
	double rel, diff, best = 0;
	size_t i;
	int have;

	for (i = 0; i < s->n; i++) {
		have = capacity ? rel_capacity(s, s->pts[i], w, &rel) :
			rel_cost(s, s->pts[i], w, &rel, &diff);
		if (have && (!at || (capacity ? rel < best : rel > best))) {
			best = rel;
			at = s->pts[i];
		}
	}
	if (at)
		fprintf(o, " %.4f at %s MB |", best, mb_text(at->hole));
	else
		fprintf(o, " – |");
}

static void md_findings(FILE *o)
{
	size_t i, j;

	fprintf(o, "## Findings\n\n"
		   "Computed from the points above: the first hole (the smallest) "
		   "at which a workload's instructions per operation reach 1.01 and "
		   "1.10 times hole 0's, and the largest ratio in the sweep.\n\n"
		   "| series | workload | first +1 %% | first +10 %% | largest |\n"
		   "|---|---|---:|---:|---:|\n");
	for (i = 0; i < series_names.n; i++) {
		const struct series *s = &series[i];

		for (j = 0; j < workloads.n; j++) {
			fprintf(o, "| %s | %s |", s->name, workloads.w[j]);
			if (!s->base) {
				fprintf(o, " no hole-0 baseline | no hole-0 baseline | – |\n");
				continue;
			}
			md_first(o, s, workloads.w[j], 1.01, 0);
			md_first(o, s, workloads.w[j], 1.10, 0);
			md_extreme(o, s, workloads.w[j], 0);
			fputc('\n', o);
		}
	}
	fputc('\n', o);
	if (!capacities.n)
		return;
	fprintf(o, "The first hole at which a capacity is 1 %% or more below hole "
		   "0's (at most 0.99 times it), and the smallest ratio.\n\n"
		   "| series | workload | at hole 0 | first -1 %% | smallest |\n"
		   "|---|---|---:|---:|---:|\n");
	for (i = 0; i < series_names.n; i++) {
		const struct series *s = &series[i];

		for (j = 0; j < capacities.n; j++) {
			fprintf(o, "| %s | %s |", s->name, capacities.w[j]);
			if (!s->base) {
				fprintf(o, " – | no hole-0 baseline | – |\n");
				continue;
			}
			fprintf(o, " %.0f |", count(s->base, wkey(capacities.w[j], "capacity")));
			md_first(o, s, capacities.w[j], 0.99, 1);
			md_extreme(o, s, capacities.w[j], 1);
			fputc('\n', o);
		}
	}
	fputc('\n', o);
}

static void md_failed(FILE *o)
{
	const char *tail, *sep;
	size_t i, j;
	int any = 0;

	fprintf(o, "## Failed points\n\n");
	for (i = 0; i < series_names.n; i++) {
		for (j = 0; j < series[i].n; j++) {
			const struct point *p = series[i].pts[j];

			if (p->ok)
				continue;
			any = 1;
			fprintf(o, "- **%s** (hole %s MB): %s\n", p->name, mb_text(p->hole),
				get(p, "why"));
			tail = get(p, "log_tail");
			if (!tail || !*tail)
				continue;
			/* The tail's lines, as lines of an indented code block. */
			fprintf(o, "\n      ");
			for (; (sep = strstr(tail, " | ")); tail = sep + 3) {
				fwrite(tail, 1, sep - tail, o);
				fprintf(o, "\n      ");
			}
			fprintf(o, "%s\n\n", tail);
		}
	}
	if (!any)
		fprintf(o, "None: every point ran.\n");
}

static void write_report(const char *outdir)
{
	size_t n = strlen(outdir) + sizeof("/report.md"), i;
	char *file = malloc(n);
	FILE *o;

	if (!file)
		die("out of memory");
	snprintf(file, n, "%s/report.md", outdir);
	o = fopen(file, "w");
	if (!o)
		die("cannot write %s: %s", file, strerror(errno));
	md_run(o);
	for (i = 0; i < series_names.n; i++)
		md_series(o, &series[i]);
	md_findings(o);
	md_failed(o);
	if (fclose(o))
		die("cannot write %s: %s", file, strerror(errno));
	free(file);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: sweepreport RESULTS.tsv OUTDIR\n");
		printf("Writes OUTDIR/report.md and SVG charts per series from the results "
		       "file of scripts/cost-sweep\n(its format: the header of scripts/sweepreport.c).\n");
		return 0;
	}
	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-' || !*argv[1] || !*argv[2]) {
		fprintf(stderr, "sweepreport: usage: sweepreport RESULTS.tsv OUTDIR (or --help)\n");
		return 2;
	}
	path = argv[1];
	read_results();
	check();
	if (mkdir(argv[2], 0777) && errno != EEXIST)
		die("cannot make %s: %s", argv[2], strerror(errno));
	for (i = 0; i < series_names.n; i++) {
		if (!series[i].n)
			continue;
		chart_relative(argv[2], &series[i], &workloads, 0);
		chart_memory(argv[2], &series[i]);
		if (capacities.n)
			chart_relative(argv[2], &series[i], &capacities, 1);
	}
	write_report(argv[2]);
	return 0;
}

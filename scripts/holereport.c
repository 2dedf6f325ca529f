/*
 * holereport: turn the results file of scripts/compare-holes into a
 * Markdown report and an SVG picture of the top of the address space.
 *
 * The results file has one "KERNEL<TAB>KEY<TAB>VALUE" line per figure,
 * read by results.c (no key twice for a kernel, lines of any length);
 * KERNEL "all" holds what the run was (tree, paging, hole, memory).  The
 * kernels are reported in the order they first appear; a kernel named
 * "naive" (the dynamic top loaded from memory) adds its ratios to fixed
 * and dynamic.  Nothing here knows a figure of its own: every number
 * printed comes from the file.
 *
 * usage: holereport RESULTS.tsv REPORT.md PICTURE.svg
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"

#define MB		(1024.0 * 1024.0)

const char tool_name[] = "holereport";

static struct results rs;
static const char **kernels;	/* all but "all", in the order they first appear */
static int nr_kernels;

static int find_kernel(const char *name)
{
	int i;

	for (i = 0; i < nr_kernels; i++)
		if (!strcmp(kernels[i], name))
			return i;
	return -1;
}

static void read_results(const char *path)
{
	size_t i, cap = 0;

	results_read(&rs, path, "kernel");
	for (i = 0; i < rs.n; i++)
		if (strcmp(rs.r[i].name, "all") && find_kernel(rs.r[i].name) < 0) {
			kernels = grow(kernels, &cap, nr_kernels + 1, sizeof(*kernels));
			kernels[nr_kernels++] = rs.r[i].name;
		}
	if (!nr_kernels)
		die("%s: no kernels in it", path);
}

static const char *get(const char *kernel, const char *key)
{
	size_t i;

	for (i = 0; i < rs.n; i++)
		if (!strcmp(rs.r[i].name, kernel) && !strcmp(rs.r[i].key, key))
			return rs.r[i].value;
	return NULL;
}

/* A number, decimal or 0x-hex; 0 and *have = 0 when missing. */
static double num(const char *kernel, const char *key, int *have)
{
	const char *v = get(kernel, key);
	char *end;
	double d;

	*have = 0;
	if (!v)
		return 0;
	errno = 0;
	d = (double)strtoull(v, &end, 0);
	if (errno || end == v || *end)
		return 0;
	*have = 1;
	return d;
}

static const char *meta(const char *key)
{
	const char *v = get("all", key);

	return v ? v : "?";
}

/* ---- Markdown ---------------------------------------------------------- */

static void md_header_row(FILE *o, const char *first, const char *const extra[], int nextra)
{
	int i;

	fprintf(o, "| %s |", first);
	for (i = 0; i < nr_kernels; i++)
		fprintf(o, " %s |", kernels[i]);
	for (i = 0; i < nextra; i++)
		fprintf(o, " %s |", extra[i]);
	fprintf(o, "\n|---|");
	for (i = 0; i < nr_kernels + nextra; i++)
		fprintf(o, "---:|");
	fputc('\n', o);
}

/* One cell per kernel: KEY's value divided by UNIT, with DECIMALS. */
static void md_cells(FILE *o, const char *key, double unit, int decimals)
{
	int k, have;
	double v;

	for (k = 0; k < nr_kernels; k++) {
		v = num(kernels[k], key, &have);
		if (have)
			fprintf(o, " %.*f |", decimals, v / unit);
		else
			fprintf(o, " – |");
	}
}

static void md_layout(FILE *o)
{
	static const char *const keys[] = {
		"LAYOUT_HOLE_START", "LAYOUT_FIXADDR_TOP", "LAYOUT_VSYSCALL_BASE",
		"LAYOUT_FIXADDR_START", "LAYOUT_FIXADDR_BOOT_START",
		"LAYOUT_PKMAP_BASE", "LAYOUT_VMALLOC_END", "LAYOUT_VMALLOC_START",
		"LAYOUT_HIGH_MEMORY",
	};
	double v, s, e;
	int i, k, have, h2;

	fprintf(o, "## Layout\n\nFrom the kernels' own layout report "
		   "(CONFIG_FIXMAP_LAYOUT_REPORT), top down.\n\n");
	md_header_row(o, "boundary", NULL, 0);
	for (i = 0; i < (int)(sizeof(keys) / sizeof(keys[0])); i++) {
		fprintf(o, "| %s |", keys[i] + strlen("LAYOUT_"));
		for (k = 0; k < nr_kernels; k++) {
			v = num(kernels[k], keys[i], &have);
			if (have && !strcmp(keys[i], "LAYOUT_HOLE_START") && v == 0)
				fprintf(o, " none |");
			else if (have)
				fprintf(o, " 0x%08llx |", (unsigned long long)v);
			else
				fprintf(o, " – |");
		}
		fputc('\n', o);
	}
	fprintf(o, "| hole MB |");
	md_cells(o, "LAYOUT_HOLE_SIZE", MB, 3);
	fprintf(o, "\n| lowmem MB |");
	md_cells(o, "LAYOUT_LOWMEM_KB", 1024, 0);
	fprintf(o, "\n| highmem MB |");
	md_cells(o, "LAYOUT_HIGHMEM_KB", 1024, 0);
	fprintf(o, "\n| vmalloc MB |");
	for (k = 0; k < nr_kernels; k++) {
		s = num(kernels[k], "LAYOUT_VMALLOC_START", &have);
		e = num(kernels[k], "LAYOUT_VMALLOC_END", &h2);
		fprintf(o, have && h2 ? " %.0f |" : " – |", (e - s) / MB);
	}
	fprintf(o, "\n| LowTotal kB (meminfo) |");
	md_cells(o, "MEMINFO_LowTotal_kB", 1, 0);
	fputc('\n', o);
	for (k = 0; k < nr_kernels; k++) {
		const char *from = get(kernels[k], "layout_from");

		if (from)
			fprintf(o, "\n%s: layout from %s.\n", kernels[k], from);
	}
	fputc('\n', o);
}

static void md_delta(FILE *o, const char *key, int a, int b)
{
	int ha, hb;
	double va, vb;

	if (a < 0 || b < 0) {
		fprintf(o, " – |");
		return;
	}
	va = num(kernels[a], key, &ha);
	vb = num(kernels[b], key, &hb);
	if (ha && hb)
		fprintf(o, " %+.0f |", vb - va);
	else
		fprintf(o, " – |");
}

static void md_sizes(FILE *o, int pristine, int fixed, int dynamic, int naive)
{
	static const struct {
		const char *key, *what;
	} rows[] = {
		{ "size_text", "text (`size`)" },
		{ "size_data", "data (`size`)" },
		{ "size_bss", "bss (`size`)" },
		{ "size_text_without_initramfs", "text less .init.ramfs" },
		{ "section_text", ".text section" },
	};
	static const char *const extra[] = {
		"fixed − pristine", "dynamic − fixed", "naive − fixed", "dynamic − naive",
	};
	int i, have, nextra = naive >= 0 ? 4 : 2;
	double v;

	fprintf(o, "## Size of vmlinux (bytes)\n\n");
	if (get("all", "layout_report_text"))
		fprintf(o, "Pristine has no layout report; the others carry it, "
			   "%s bytes of text (the series at hole 0 with it, less "
			   "without).  ", meta("layout_report_text"));
	fprintf(o, "`size` counts .init.ramfs, the kernel's built-in initramfs, "
		   "in text; its gzip stream carries the build time, so it can "
		   "differ by a byte between builds of the same source.\n\n");
	md_header_row(o, "", extra, nextra);
	for (i = 0; i < (int)(sizeof(rows) / sizeof(rows[0])); i++) {
		fprintf(o, "| %s |", rows[i].what);
		md_cells(o, rows[i].key, 1, 0);
		md_delta(o, rows[i].key, pristine, fixed);
		md_delta(o, rows[i].key, fixed, dynamic);
		if (naive >= 0) {
			md_delta(o, rows[i].key, fixed, naive);
			md_delta(o, rows[i].key, naive, dynamic);
		}
		fputc('\n', o);
	}
	v = num("all", "hole0_section_text", &have);
	if (have && pristine >= 0) {
		double p = num(kernels[pristine], "section_text", &have);

		fprintf(o, "\nThe series at hole 0 (%s): .text %.0f bytes, %+.0f against "
			   "pristine.\n", meta("hole0_config"), v, v - p);
	}
	if (get("all", "fixed_function_deltas"))
		fprintf(o, "\nFunctions whose size differs, fixed against the "
			   "series at hole 0: %s.\n",
			*meta("fixed_function_deltas") ? meta("fixed_function_deltas") : "none");
	if (get("all", "dynamic_function_deltas"))
		fprintf(o, "\nThe largest growths, dynamic against fixed: %s.\n",
			*meta("dynamic_function_deltas") ? meta("dynamic_function_deltas") : "none");
	if (get("all", "naive_function_deltas"))
		fprintf(o, "\nFunctions whose size differs, dynamic against naive: %s.\n",
			*meta("naive_function_deltas") ? meta("naive_function_deltas") : "none");
	fputc('\n', o);
}

/* One row per KEY with PREFIX that the first kernel has, a cell per kernel. */
static void md_function_rows(FILE *o, const char *prefix)
{
	size_t len = strlen(prefix), i;

	md_header_row(o, "function", NULL, 0);
	for (i = 0; i < rs.n; i++) {
		const char *key = rs.r[i].key;

		if (strcmp(rs.r[i].name, kernels[0]) || strncmp(key, prefix, len))
			continue;
		fprintf(o, "| %s |", key + len);
		md_cells(o, key, 1, 0);
		fputc('\n', o);
	}
	fputc('\n', o);
}

/* Static instruction counts of the functions on the top's paths. */
static void md_functions(FILE *o)
{
	fprintf(o, "## Instructions in the hot functions\n\n"
		   "A static count: every instruction of the function, all its "
		   "paths (objdump).\n\n");
	md_function_rows(o, "insns_");
	if (!get(kernels[0], "topreads_vmlinux"))
		return;
	fprintf(o, "Of those, the instructions that read the variable __fixaddr_top "
		   "from memory (an operand at its address); \"vmlinux\" is all "
		   "of the kernel's code.\n\n");
	md_function_rows(o, "topreads_");
}

/* BENCH_<NAME>_<WHAT>, NAME being LEN bytes. */
static char *bench_key(const char *name, int len, const char *what)
{
	char *key;

	if (asprintf(&key, "BENCH_%.*s_%s", len, name, what) < 0)
		die("out of memory");
	return key;
}

static double per_op(int k, const char *insns_key, const char *ops_key, int *have)
{
	int h1, h2;
	double insns = num(kernels[k], insns_key, &h1);
	double ops = num(kernels[k], ops_key, &h2);

	*have = h1 && h2 && ops > 0;
	return *have ? insns / ops : 0;
}

static void md_ratio(FILE *o, int a, int b, const char *ik, const char *ok)
{
	int ha, hb;
	double va, vb;

	if (a < 0 || b < 0) {
		fprintf(o, " – |");
		return;
	}
	va = per_op(a, ik, ok, &ha);
	vb = per_op(b, ik, ok, &hb);
	if (ha && hb && va > 0)
		fprintf(o, " %.4f (%+.2f) |", vb / va, vb - va);
	else
		fprintf(o, " – |");
}

static void md_bench(FILE *o, int pristine, int fixed, int dynamic, int naive)
{
	static const char *const extra[] = {
		"fixed / pristine", "dynamic / fixed", "dynamic / pristine",
		"highmem pages",
	};
	static const char *const extra_naive[] = {
		"fixed / pristine", "dynamic / fixed", "dynamic / pristine",
		"naive / fixed", "dynamic / naive", "highmem pages",
	};
	char *ok, *hk;
	const char *ik, *name;
	size_t i, len;
	int k, have;
	double v;

	fprintf(o, "## Benchmarks (guest instructions per operation)\n\n"
		   "Counted with rdtsc under QEMU `-icount shift=0,sleep=off`: one "
		   "count per guest instruction.  %s MB of file and anonymous "
		   "memory; a ratio is followed by the difference in instructions "
		   "per operation.  For file_write, file_read, anon_fault and "
		   "cow_fault an operation is a page: one kmap_atomic() of a "
		   "highmem page (two for a copy-on-write).  \"highmem pages\" "
		   "is how many highmem pages the benchmark took (HighFree before "
		   "and after, in %s).\n\n",
		meta("bench_mb"), kernels[fixed >= 0 ? fixed : 0]);
	if (naive >= 0)
		md_header_row(o, "benchmark (operations)", extra_naive, 6);
	else
		md_header_row(o, "benchmark (operations)", extra, 4);
	/* A row per BENCH_<NAME>_INSNS of the first kernel, in its order. */
	for (i = 0; i < rs.n; i++) {
		ik = rs.r[i].key;
		len = strlen(ik);
		if (strcmp(rs.r[i].name, kernels[0]) || strncmp(ik, "BENCH_", 6) ||
		    len < 12 || strcmp(ik + len - 6, "_INSNS"))
			continue;
		name = ik + 6;
		len -= 12;
		ok = bench_key(name, len, "OPS");
		hk = bench_key(name, len, "HIGHMEM_PAGES");
		v = num(kernels[0], ok, &have);
		fprintf(o, "| %.*s (%.0f) |", (int)len, name, v);
		for (k = 0; k < nr_kernels; k++) {
			v = per_op(k, ik, ok, &have);
			fprintf(o, have ? " %.2f |" : " – |", v);
		}
		md_ratio(o, pristine, fixed, ik, ok);
		md_ratio(o, fixed, dynamic, ik, ok);
		md_ratio(o, pristine, dynamic, ik, ok);
		if (naive >= 0) {
			md_ratio(o, fixed, naive, ik, ok);
			md_ratio(o, naive, dynamic, ik, ok);
		}
		v = num(kernels[fixed >= 0 ? fixed : 0], hk, &have);
		fprintf(o, have ? " %.0f |\n" : " – |\n", v);
		free(ok);
		free(hk);
	}
	fputc('\n', o);
}

static void md_checks(FILE *o)
{
	static const struct {
		const char *key, *what;
	} rows[] = {
		{ "qemu_guest", "QEMU: guest" },
		{ "deterministic", "two QEMU runs count the same" },
		{ "boot_insns", "instructions to the guest's start" },
		{ "LAYOUT_FIXADDR_SITES_PATCHED", "immediates patched at boot" },
		{ "LAYOUT_FIXADDR_PATCH_CYCLES", "instructions the patching took" },
		{ "bochs_guest", "Bochs: guest" },
		{ "bochs_same_checks", "Bochs: same CHECK lines as QEMU" },
	};
	const char *v;
	int i, k;

	fprintf(o, "## Runs\n\n");
	md_header_row(o, "", NULL, 0);
	for (i = 0; i < (int)(sizeof(rows) / sizeof(rows[0])); i++) {
		fprintf(o, "| %s |", rows[i].what);
		for (k = 0; k < nr_kernels; k++) {
			v = get(kernels[k], rows[i].key);
			fprintf(o, " %s |", v ? v : "–");
		}
		fputc('\n', o);
	}
	fputc('\n', o);
}

static void write_markdown(const char *path, const char *svg)
{
	FILE *o = fopen(path, "w");
	int pristine = find_kernel("pristine"), fixed = find_kernel("fixed");
	int dynamic = find_kernel("dynamic"), naive = find_kernel("naive"), k;
	const char *slash = strrchr(svg, '/');

	if (!o)
		die("cannot write %s: %s", path, strerror(errno));
	fprintf(o, "# Fixed and dynamic hole: %s, %s, hole %s, %s MB of memory\n\n",
		meta("tree"), meta("paging"), meta("hole"), meta("mem_mb"));
	fprintf(o, "Made by scripts/compare-holes on %s.\n\n", meta("date"));
	for (k = 0; k < nr_kernels; k++) {
		const char *cfg = get(kernels[k], "config"), *app = get(kernels[k], "append");

		fprintf(o, "- **%s**: %s%s%s%s\n", kernels[k], cfg ? cfg : "?",
			app && *app ? ", booted with `" : "", app && *app ? app : "",
			app && *app ? "`" : "");
	}
	fprintf(o, "\n![the top of the address space](%s)\n\n", slash ? slash + 1 : svg);
	md_layout(o);
	md_sizes(o, pristine, fixed, dynamic, naive);
	md_functions(o);
	md_bench(o, pristine, fixed, dynamic, naive);
	md_checks(o);
	if (fclose(o))
		die("cannot write %s: %s", path, strerror(errno));
}

/* ---- SVG --------------------------------------------------------------- */

#define COL_W		150
#define COL_GAP		150
#define TOP_Y		60
#define PLOT_H		640
#define LEFT_X		110

static double lo_addr = 4294967296.0, hi_addr = 4294967296.0;

static double y_of(double addr)
{
	return TOP_Y + (hi_addr - addr) / (hi_addr - lo_addr) * PLOT_H;
}

static void svg_region(FILE *o, double x, double from, double to,
		       const char *fill, const char *label, int *label_slot)
{
	double y0 = y_of(to), y1 = y_of(from), ly;

	if (to <= from)
		return;
	if (from < lo_addr)
		from = lo_addr, y1 = y_of(from);
	fprintf(o, "<rect x=\"%.0f\" y=\"%.2f\" width=\"%d\" height=\"%.2f\" "
		   "fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>\n",
		x, y0, COL_W, y1 - y0 < 0.8 ? 0.8 : y1 - y0, fill);
	/* Labels on the right, pushed down so small regions stay readable. */
	ly = (y0 + y1) / 2 + 4;
	if (ly < *label_slot + 13)
		ly = *label_slot + 13;
	*label_slot = (int)ly;
	fprintf(o, "<line x1=\"%.0f\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" stroke=\"#999\"/>\n",
		x + COL_W, (y0 + y1) / 2, x + COL_W + 8, ly - 4);
	fprintf(o, "<text x=\"%.0f\" y=\"%.2f\">", x + COL_W + 10, ly);
	xml_text(o, label);
	if (to - from < MB)
		fprintf(o, " %.0f kB</text>\n", (to - from) / 1024);
	else
		fprintf(o, " %.1f MB</text>\n", (to - from) / MB);
}

static void write_svg(const char *path)
{
	FILE *o = fopen(path, "w");
	double hm, width, a;
	int k, have;

	if (!o)
		die("cannot write %s: %s", path, strerror(errno));
	/* From a little below the lowest end of lowmem to 4 GB, linear. */
	for (k = 0; k < nr_kernels; k++) {
		hm = num(kernels[k], "LAYOUT_HIGH_MEMORY", &have);
		if (have && hm - 32 * MB < lo_addr)
			lo_addr = hm - 32 * MB;
	}
	if (lo_addr >= hi_addr)
		die("no kernel has a layout to draw");
	lo_addr = (double)((unsigned long long)(lo_addr / (64 * MB)) * (unsigned long long)(64 * MB));
	width = LEFT_X + nr_kernels * (COL_W + COL_GAP);
	fprintf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%d\" "
		   "font-family=\"sans-serif\" font-size=\"11\">\n",
		width, TOP_Y + PLOT_H + 40);
	fprintf(o, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
	fprintf(o, "<text x=\"10\" y=\"20\" font-size=\"14\">Top of the 4 GB address space: ");
	xml_text(o, meta("tree"));
	fprintf(o, ", ");
	xml_text(o, meta("paging"));
	fprintf(o, ", ");
	fprintf(o, "hole ");
	xml_text(o, meta("hole"));
	fprintf(o, ", ");
	xml_text(o, meta("mem_mb"));
	fprintf(o, " MB (to scale)</text>\n");
	for (a = lo_addr; a <= hi_addr; a += 64 * MB) {
		fprintf(o, "<line x1=\"%d\" y1=\"%.2f\" x2=\"%.0f\" y2=\"%.2f\" stroke=\"#eee\"/>\n",
			LEFT_X - 5, y_of(a), width - 10, y_of(a));
		if (a >= hi_addr)
			fprintf(o, "<text x=\"10\" y=\"%.2f\">4 GB</text>\n", y_of(a) + 4);
		else
			fprintf(o, "<text x=\"10\" y=\"%.2f\">0x%08llx</text>\n", y_of(a) + 4,
				(unsigned long long)a);
	}
	for (k = 0; k < nr_kernels; k++) {
		const char *n = kernels[k];
		double x = LEFT_X + k * (COL_W + COL_GAP);
		double top = num(n, "LAYOUT_FIXADDR_TOP", &have);
		double hole = num(n, "LAYOUT_HOLE_START", &have);
		double boot = num(n, "LAYOUT_FIXADDR_BOOT_START", &have);
		double pkmap = num(n, "LAYOUT_PKMAP_BASE", &have);
		double vend = num(n, "LAYOUT_VMALLOC_END", &have);
		double vstart = num(n, "LAYOUT_VMALLOC_START", &have);
		double high = num(n, "LAYOUT_HIGH_MEMORY", &have);
		int slot = TOP_Y - 10;

		if (!have || !top)
			continue;
		fprintf(o, "<text x=\"%.0f\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">",
			x, TOP_Y - 8);
		xml_text(o, n);
		fprintf(o, "</text>\n");
		if (!hole)
			hole = hi_addr;
		svg_region(o, x, hole, hi_addr, "#f4a6a6", "hole", &slot);
		svg_region(o, x, boot, top + 4096, "#f6d27a", "fixmap", &slot);
		if (pkmap)
			svg_region(o, x, pkmap, boot, "#a6d8f4", "pkmap", &slot);
		svg_region(o, x, vend, pkmap ? pkmap : boot, "#ffffff", "guard", &slot);
		svg_region(o, x, vstart, vend, "#b8e0b0", "vmalloc", &slot);
		svg_region(o, x, high, vstart, "#ffffff", "gap", &slot);
		svg_region(o, x, lo_addr, high, "#c9c3e6", "lowmem (its top)", &slot);
	}
	fprintf(o, "</svg>\n");
	if (fclose(o))
		die("cannot write %s: %s", path, strerror(errno));
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: holereport RESULTS.tsv REPORT.md PICTURE.svg\n"
		       "The results file of scripts/compare-holes made into a Markdown\n"
		       "report and an SVG picture of the top of the address space.\n");
		return 0;
	}
	if (argc != 4) {
		fprintf(stderr, "holereport: usage: holereport RESULTS.tsv REPORT.md PICTURE.svg (or --help)\n");
		return 2;
	}
	read_results(argv[1]);
	write_markdown(argv[2], argv[3]);
	write_svg(argv[3]);
	return 0;
}

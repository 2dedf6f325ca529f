# holereport: bad input is refused with one line; the figures it prints
# are computed from the results file (a small file made here, with
# numbers whose ratios are known); the example in Documentation/ is what
# holereport makes of its own results file, not edited by hand.
. "$(dirname "$0")/../../tests/lib.sh"
hr=$FH_TESTS_TOP/scripts/holereport
example=$FH_TESTS_TOP/Documentation/compare-example
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

expect_exit holereport-usage 2 'usage: holereport RESULTS.tsv' "$hr" only-one
expect_exit holereport-help 0 'usage: holereport RESULTS.tsv' "$hr" --help
expect_exit holereport-missing 1 'cannot open .*nothing-here' "$hr" "$t/nothing-here" "$t/r.md" "$t/p.svg"
printf 'pristine size_text 100\n' >"$t/spaces.tsv"
expect_exit holereport-not-tabs 1 'spaces.tsv:1: not KERNEL<TAB>KEY<TAB>VALUE' \
	"$hr" "$t/spaces.tsv" "$t/r.md" "$t/p.svg"

# Three kernels, made-up figures: fixed runs 2000 instructions a page,
# dynamic 3000 (ratio 1.5000, +1000.00), over 4 pages.
{
	printf 'all\ttree\tv0\nall\thole\t168 MB\n'
	for k in pristine fixed dynamic; do
		printf '%s\tsection_text\t%s\n' $k $((1000 + ${#k}))
		printf '%s\tLAYOUT_FIXADDR_TOP\t0xf57ff000\n' $k
		printf '%s\tLAYOUT_HOLE_START\t0xf5800000\n' $k
		printf '%s\tLAYOUT_HIGH_MEMORY\t0xed800000\n' $k
		printf '%s\tLAYOUT_FIXADDR_BOOT_START\t0xf57df000\n' $k
		printf '%s\tLAYOUT_VMALLOC_START\t0xee000000\n' $k
		printf '%s\tLAYOUT_VMALLOC_END\t0xf53fe000\n' $k
		printf '%s\tBENCH_file_read_OPS\t4\n' $k
	done
	printf 'pristine\tBENCH_file_read_INSNS\t8000\n'
	printf 'fixed\tBENCH_file_read_INSNS\t8000\n'
	printf 'dynamic\tBENCH_file_read_INSNS\t12000\n'
} >"$t/made.tsv"
if "$hr" "$t/made.tsv" "$t/made.md" "$t/made.svg"; then
	grep -q '^| file_read (4) | 2000.00 | 2000.00 | 3000.00 | 1.0000 (+0.00) | 1.5000 (+1000.00) | 1.5000 (+1000.00) | – |$' "$t/made.md" &&
		pass holereport-ratios || fail holereport-ratios "$(grep file_read "$t/made.md")"
	grep -q '^| .text section | 1008 | 1005 | 1007 | -3 | +2 |$' "$t/made.md" &&
		pass holereport-deltas || fail holereport-deltas "$(grep 'text section' "$t/made.md")"
	[ "$(grep -c '>hole 168.0 MB</text>' "$t/made.svg")" -eq 3 ] &&
		pass holereport-picture-holes || fail holereport-picture-holes "want three 168 MB holes drawn"
else
	fail holereport-made-up "holereport refused a good file"
fi

# A fourth kernel, naive, at 2500 a page: two more ratios, naive / fixed
# 1.2500 (+500.00) and dynamic / naive 1.2000 (+500.00), and two more
# size deltas.
{
	cat "$t/made.tsv"
	printf 'naive\tsection_text\t1010\nnaive\tBENCH_file_read_OPS\t4\n'
	printf 'naive\tBENCH_file_read_INSNS\t10000\n'
} >"$t/naive.tsv"
if "$hr" "$t/naive.tsv" "$t/naive.md" "$t/naive.svg"; then
	grep -q '^| file_read (4) | 2000.00 | 2000.00 | 3000.00 | 2500.00 | 1.0000 (+0.00) | 1.5000 (+1000.00) | 1.5000 (+1000.00) | 1.2500 (+500.00) | 1.2000 (+500.00) | – |$' "$t/naive.md" &&
		pass holereport-naive-ratios || fail holereport-naive-ratios "$(grep file_read "$t/naive.md")"
	grep -q '^| .text section | 1008 | 1005 | 1007 | 1010 | -3 | +2 | +5 | -3 |$' "$t/naive.md" &&
		pass holereport-naive-deltas || fail holereport-naive-deltas "$(grep 'text section' "$t/naive.md")"
else
	fail holereport-naive "holereport refused a good file"
fi

# A line of any length: a fixed_function_deltas value of several KiB is
# read whole (a fixed line buffer once cut it and refused the file).
long=$(for i in $(seq 1 300); do printf 'a_function_%03d +%d, ' "$i" "$i"; done)
long=${long%, }
{ cat "$t/made.tsv"; printf 'all\tfixed_function_deltas\t%s\n' "$long"; } >"$t/long.tsv"
if "$hr" "$t/long.tsv" "$t/long.md" "$t/long.svg" 2>"$t/long.err"; then
	grep -qxF "Functions whose size differs, fixed against the series at hole 0: $long." "$t/long.md" &&
		pass "holereport-long-line (${#long} characters)" ||
		fail holereport-long-line "the report lacks the whole value"
else
	fail holereport-long-line "refused: $(head -n 1 "$t/long.err")"
fi

# A line of 100000 characters is read whole: no line buffer at all.
long=$(head -c 100000 /dev/zero | tr '\0' x)
{ cat "$t/made.tsv"; printf 'all\tnaive_function_deltas\t%s\n' "$long"; } >"$t/100k.tsv"
if "$hr" "$t/100k.tsv" "$t/100k.md" "$t/100k.svg" 2>"$t/100k.err"; then
	grep -qxF "Functions whose size differs, dynamic against naive: $long." "$t/100k.md" &&
		pass "holereport-100k-line (${#long} characters)" ||
		fail holereport-100k-line "the report lacks the whole value"
else
	fail holereport-100k-line "refused: $(head -n 1 "$t/100k.err")"
fi

# A kernel that gives a key twice is refused, naming both lines (the form
# sweepreport.t checks too: results.c reads for both).
{ cat "$t/made.tsv"; printf 'fixed\tsection_text\t1\n'; } >"$t/twice.tsv"
first=$(grep -n '^fixed	section_text	' "$t/made.tsv" | cut -d: -f1)
again=$(($(wc -l <"$t/made.tsv") + 1))
expect_exit holereport-key-twice 1 \
	"^holereport: $t/twice.tsv:$again: kernel fixed has section_text already \\(line $first\\)\$" \
	"$hr" "$t/twice.tsv" "$t/r.md" "$t/p.svg"

# Names are text in the picture: < & > " ' in a kernel's name and in the
# tree come out escaped, and the SVG stays XML.
odd=$'odd<&>"\'name'
esc="odd&lt;&amp;&gt;&quot;'name"
{
	printf 'all\ttree\t%s\n' "$odd"
	grep -v '^all	tree	' "$t/made.tsv"
	grep '^dynamic	' "$t/made.tsv" | cut -f2- |
		while IFS= read -r figure; do printf '%s\t%s\n' "$odd" "$figure"; done
} >"$t/odd.tsv"
if "$hr" "$t/odd.tsv" "$t/odd.md" "$t/odd.svg" 2>"$t/odd.err"; then
	grep -qF "font-weight=\"bold\">$esc</text>" "$t/odd.svg" &&
		grep -qF "address space: $esc, " "$t/odd.svg" &&
		! grep -qF "$odd" "$t/odd.svg" &&
		{ ! command -v xmllint >/dev/null || xmllint --noout "$t/odd.svg" 2>/dev/null; } &&
		pass holereport-svg-escapes || fail holereport-svg-escapes \
		"$(grep -F 'odd' "$t/odd.svg" | head -n 2 | tr '\n' ' ')"
else
	fail holereport-svg-escapes "refused: $(head -n 1 "$t/odd.err")"
fi

# compare-holes' writer (scripts/lib.sh): the guest's values with a key
# printed twice become one figure, the last, that holereport reads.
. "$FH_TESTS_TOP/scripts/lib.sh"
printf 'BENCH_file_read_OPS=4\nBENCH_BROKEN=first\nBENCH_file_read_INSNS=12000\nBENCH_BROKEN=a=b\tc\nLAYOUT_X=1\n' >"$t/run.values"
cp "$t/made.tsv" "$t/written.tsv"
fh_result "$t/written.tsv" all paging pae
fh_result_values "$t/written.tsv" naive "$t/run.values" 'BENCH_'
want=$'naive\tBENCH_file_read_OPS\t4\nnaive\tBENCH_BROKEN\ta=b\tc\nnaive\tBENCH_file_read_INSNS\t12000'
got=$(tail -n 3 "$t/written.tsv")
if [ "$got" != "$want" ]; then
	fail holereport-writer "the last figures are '$got'"
elif ! "$hr" "$t/written.tsv" "$t/written.md" "$t/written.svg" 2>"$t/written.err"; then
	fail holereport-writer "refused: $(head -n 1 "$t/written.err")"
else
	grep -q '^| file_read (4) | 2000.00 | 2000.00 | 3000.00 | 3000.00 |' "$t/written.md" &&
		pass holereport-writer || fail holereport-writer "$(grep file_read "$t/written.md")"
fi

if [ -f "$example/results.tsv" ] && "$hr" "$example/results.tsv" "$t/report.md" "$t/layout.svg"; then
	cmp -s "$t/report.md" "$example/report.md" && cmp -s "$t/layout.svg" "$example/layout.svg" &&
		pass holereport-example-regenerates ||
		fail holereport-example-regenerates "Documentation/compare-example differs from what its results.tsv makes"
else
	fail holereport-example-regenerates "no Documentation/compare-example/results.tsv, or holereport refused it"
fi

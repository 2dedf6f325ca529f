# scripts/compare-holes at Xen's own hole (64 MB and a page, not a whole
# page table) with the Xen build as the fixed kernel, at a small size (16
# MB of benchmarks): it runs to the end, its results file has every figure
# the report needs, and what must hold does: the series adds no code at
# hole 0, the fixed, the dynamic and the naive dynamic hole have one
# layout, the one asked for, every kernel counts the same twice, the
# dynamic kernel runs every kmap benchmark in exactly the fixed kernel's
# instructions (1.0000), the naive kernel's kmap_atomic() loads the top
# where ours has an immediate, the kmap benchmarks really use highmem,
# Bochs agrees with QEMU, and the report and picture show the file's
# figures.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
compare=$FH_TESTS_TOP/scripts/compare-holes

for bad in 0 833 4.5 64M Xen; do
	expect_exit "compare-bad-hole-$bad" 2 "hole $bad: whole MB from 1 to 832, or xen" "$compare" --hole "$bad"
done
expect_exit compare-bad-paging 2 "--paging takes pae or nopae, not 'both'" "$compare" --paging both
expect_exit compare-bad-size 2 "'0' is not a positive whole number" "$compare" --size 0

v=v2.6.12-rc1
need_tree "$v" compare || exit 0

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Without PAE, on kernels other tests build too: the toolchain-only and
# +layout PC builds, the Xen build, the dynamic kernel and its naive
# prefix are hostile.t's, warnings.t's, subarch.t's and patched.t's.  (The
# default, PAE at 168 MB, is the documented run.)
hole=$((0x04001000))
if ! "$compare" --tree $v --paging nopae --hole xen --size 16 --out "$out" >"$out/stdout" 2>"$out/stderr"; then
	fail compare-run "$(grep -E 'failed|error' "$out/stderr" | head -n 3 | tr '\n' ' ')"
	exit 0
fi
pass compare-run
results=$out/results.tsv

# value KERNEL KEY
value() {
	awk -F'\t' -v k="$1" -v key="$2" '$1 == k && $2 == key { v = $3 } END { print v }' "$results"
}

missing=
for k in pristine fixed dynamic naive; do
	for key in config size_text size_data size_bss section_text qemu_guest deterministic \
		   LAYOUT_FIXADDR_TOP LAYOUT_HIGH_MEMORY LAYOUT_VMALLOC_START LAYOUT_LOWMEM_KB \
		   BENCH_file_read_INSNS BENCH_file_read_OPS BENCH_file_read_HIGHMEM_PAGES \
		   BENCH_anon_fault_INSNS BENCH_cow_fault_INSNS BENCH_vdso_getpid_INSNS \
		   BENCH_signal_INSNS BENCH_fork_exit_INSNS boot_insns insns_kmap_atomic \
		   topreads_kmap_atomic topreads_vmlinux; do
		[ -n "$(value $k $key)" ] || missing="$missing $k:$key"
	done
done
[ -z "$missing" ] && pass compare-results-complete || fail compare-results-complete "missing:$missing"

expect compare-series-adds-no-code-at-hole-0 "$(value all hole0_section_text)" "$(value pristine section_text)"
for k in pristine fixed dynamic naive; do
	[ "$(value $k deterministic)" = yes ] && pass "compare-deterministic $k" ||
		fail "compare-deterministic $k" "two -icount runs printed different counts"
done

expect compare-fixed-hole-size "$(value fixed LAYOUT_HOLE_SIZE)" $hole
expect compare-hole-recorded "$(value all hole_bytes)" $hole
for k in dynamic naive; do
	same=1
	for key in $(awk -F'\t' '$1 == "fixed" && $2 ~ /^LAYOUT_/ { print $2 }' "$results"); do
		[ "$(value fixed "$key")" = "$(value $k "$key")" ] ||
			{ same=; fail "compare-same-layout $k $key" "fixed $(value fixed "$key"), $k $(value $k "$key")"; }
	done
	[ -z "$same" ] || pass "compare-same-layout $k"
done

# The dynamic kernel's kmap_atomic() is the fixed kernel's, instruction
# for instruction in number: patched immediates, not loads.
for f in kmap_atomic kunmap_atomic; do
	want=$(value fixed insns_$f)
	[ -n "$want" ] && [ "$(value dynamic insns_$f)" = "$want" ] &&
		pass "compare-same-code $f ($want instructions)" ||
		fail "compare-same-code $f" "fixed ${want:-?}, dynamic $(value dynamic insns_$f)"
done
grep -q "^| kmap_atomic | [0-9]* | $(value fixed insns_kmap_atomic) | $(value dynamic insns_kmap_atomic) | $(value naive insns_kmap_atomic) |\$" \
	"$out/report.md" && pass compare-report-functions ||
	fail compare-report-functions "no kmap_atomic row with the results file's counts"

# The naive kernel's kmap_atomic() loads the top from __fixaddr_top; ours
# reads no such variable and holds the default top (pristine's) as an
# immediate, patched at boot.  From objdump of both vmlinux (the builds
# compare-holes made, cached), and compare-holes' own count agreeing.
# kmap_reads VMLINUX TOP: kmap_atomic()'s instructions that read
# __fixaddr_top (its address as the source operand), then those with the
# immediate $TOP.
kmap_reads() {
	local var addr size
	var=$(nm "$1" | awk '$3 == "__fixaddr_top" { print $1 }')
	read -r addr size < <(nm -S "$1" | awk '$4 == "kmap_atomic" && $3 ~ /^[tT]$/ { print $1, $2 }')
	[ -n "$var" ] && [ -n "$addr" ] || { echo "? ?"; return; }
	objdump -d --no-show-raw-insn --start-address=0x"$addr" \
		--stop-address="$(printf '0x%x' $((0x$addr + 0x$size)))" "$1" |
		awk -v var="0x$var" -v top="\$$2," '
			/^ *[0-9a-f]+:\t/ { if (index($0, " " var)) r++
					     if (index($0, top)) i++ }
			END { print r + 0, i + 0 }'
}
default_top=$(printf '0x%x' "$(value pristine LAYOUT_FIXADDR_TOP)")
naive_n=$(fh_feature_index fixaddr-top-selftest.patch)
for k in naive dynamic; do
	which=all
	[ $k = dynamic ] || which=$naive_n
	if ! image=$(fh_build $v pc-highmem4g+dynamic+layout $which 2>/dev/null); then
		fail "compare-kmap-top $k" "no $k kernel to disassemble"
		continue
	fi
	read -r reads imms < <(kmap_reads "$(fh_vmlinux_of "$image")" "$default_top")
	if [ $k = naive ]; then
		[ "$reads" != "?" ] && [ "$reads" -ge 1 ] && [ "$imms" -eq 0 ] &&
			pass "compare-kmap-top naive (loads of __fixaddr_top: $reads)" ||
			fail "compare-kmap-top naive" "$reads loads of __fixaddr_top, $imms immediates $default_top"
	else
		[ "$reads" = 0 ] && [ "$imms" -ge 1 ] &&
			pass "compare-kmap-top dynamic (immediates $default_top: $imms, loads: 0)" ||
			fail "compare-kmap-top dynamic" "$reads loads of __fixaddr_top, $imms immediates $default_top"
	fi
	[ "$(value $k topreads_kmap_atomic)" = "$reads" ] &&
		pass "compare-topreads $k" ||
		fail "compare-topreads $k" "results file $(value $k topreads_kmap_atomic), objdump $reads"
done

# At Xen's hole the dynamic kernel runs each kmap benchmark in the Xen
# kernel's instructions per page to four places: the report's dynamic /
# fixed column.  (The two images differ in size, so the boot's memory
# does too: file_write differs by the same 330 or so instructions, not
# per page, at 4 and at 16 MB; at 4 MB that still shows as 1.0002.)
col=$(awk -F'|' '/^\| benchmark/ { for (i = 1; i <= NF; i++) if ($i == " dynamic / fixed ") print i; exit }' \
	"$out/report.md")
for b in file_write file_read anon_fault cow_fault; do
	cell=$(awk -F'|' -v b="$b" -v c="${col:-0}" '$2 ~ "^ " b " \\(" { print $c }' "$out/report.md")
	[[ "$cell" =~ ^\ 1\.0000\ \([-+]0\.[0-9]{2}\)\ $ ]] && pass "compare-dynamic-as-fixed $b ($cell)" ||
		fail "compare-dynamic-as-fixed $b" "dynamic / fixed '$cell'"
done

# The kmap benchmarks: at least 9 in 10 of their pages were highmem pages.
for b in file_read anon_fault cow_fault; do
	ops=$(value fixed BENCH_${b}_OPS) high=$(value fixed BENCH_${b}_HIGHMEM_PAGES)
	[ -n "$ops" ] && [ -n "$high" ] && [ $((high * 10)) -ge $((ops * 9)) ] &&
		pass "compare-kmap-heavy $b ($high of $ops pages highmem)" ||
		fail "compare-kmap-heavy $b" "$high of $ops pages highmem"
done

for k in fixed dynamic naive; do
	[ "$(value $k bochs_guest)" = PASS ] && [ "$(value $k bochs_same_checks)" = yes ] &&
		pass "compare-bochs $k" ||
		fail "compare-bochs $k" "guest $(value $k bochs_guest), same checks $(value $k bochs_same_checks)"
done

# The report and the picture carry the results file's figures.
top=$(printf '0x%08x' "$(value fixed LAYOUT_FIXADDR_TOP)")
grep -q "^| FIXADDR_TOP | .* | $top | $top | $top |\$" "$out/report.md" &&
	pass compare-report-layout || fail compare-report-layout "no FIXADDR_TOP row with $top"
read_ins=$(value dynamic BENCH_file_read_INSNS) read_ops=$(value dynamic BENCH_file_read_OPS)
per_page=$(awk -v i="$read_ins" -v o="$read_ops" 'BEGIN { printf "%.2f", i / o }')
grep -q "^| file_read ($read_ops) |.* $per_page |" "$out/report.md" &&
	pass "compare-report-bench ($per_page instructions per page read, dynamic)" ||
	fail compare-report-bench "no file_read row with $per_page"
# The naive columns: dynamic / naive for file_read, as the report computes it.
naive_ins=$(value naive BENCH_file_read_INSNS) naive_ops=$(value naive BENCH_file_read_OPS)
ratio=$(awk -v a="$naive_ins" -v b="$naive_ops" -v c="$read_ins" -v d="$read_ops" \
	'BEGIN { n = a / b; y = c / d; printf "%.4f (%+.2f)", y / n, y - n }')
grep -q "^| file_read ($read_ops) |.* $ratio | [0-9–]* |\$" "$out/report.md" &&
	grep -q '^| benchmark (operations) |.* naive / fixed | dynamic / naive | highmem pages |$' "$out/report.md" &&
	pass "compare-report-naive (dynamic / naive $ratio a page read)" ||
	fail compare-report-naive "no file_read row ending in dynamic / naive $ratio"
kernels_drawn=$(grep -cE '<text [^>]*font-weight="bold">(pristine|fixed|dynamic|naive)</text>' "$out/layout.svg")
holes_drawn=$(grep -c '>hole ' "$out/layout.svg")
[ "$kernels_drawn" -eq 4 ] && [ "$holes_drawn" -eq 3 ] &&
	pass compare-picture || fail compare-picture "$kernels_drawn kernels and $holes_drawn holes drawn"

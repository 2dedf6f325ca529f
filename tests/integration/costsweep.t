# scripts/cost-sweep at three points (PAE, 256 MB: no hole, 64 MB and the
# largest hole the kernel accepts there), each booted twice: the results
# file complete, each point counting the same twice (compared here, not
# only as the sweep says), lowmem at each point as scripts/kernel-rules.sh
# computes it from the console's memory map, a page more than the largest
# hole (found to the page) refused by the kernel, highmem really kmapped once the hole reaches
# into RAM, the capacities falling with lowmem, and the report showing the
# file's figures; then a sweep with a point that fails, which names it,
# shows its log and goes on.  The full sweep is the documented command (README).
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
sweep=$FH_TESTS_TOP/scripts/cost-sweep

expect_exit cost-sweep-bad-hole 2 "--holes '4.5': want a whole MB from 0 to 892" "$sweep" --holes "0 4.5"
expect_exit cost-sweep-big-hole 2 "--holes '893': want a whole MB from 0 to 892" "$sweep" --holes "0 893"
expect_exit cost-sweep-bad-series 2 "--series 'pae-1200': want pae-MEMM" "$sweep" --series pae-1200
expect_exit cost-sweep-small-memory 2 "memory from 32 to 8192 MB" "$sweep" --series nopae-16M
expect_exit cost-sweep-nopae-8G 2 "without PAE at most 4096 MB" "$sweep" --series nopae-8192M
expect_exit cost-sweep-bad-runs 2 "--runs '4': want a whole number from 1 to 3" "$sweep" --runs 4
expect_exit cost-sweep-bad-files 2 "--files '0x10'" "$sweep" --files 0x10
expect_exit cost-sweep-series-twice 2 "--series: 'pae-256M' given twice" "$sweep" --series "pae-256M nopae-256M pae-256M"
expect_exit cost-sweep-out-file 2 "--out '/dev/null' is not a directory" "$sweep" --out /dev/null
expect_exit cost-sweep-no-results 2 "--report-only: no " "$sweep" --report-only --out /nonexistent

v=v2.6.12-rc1
need_tree "$v" cost-sweep || exit 0

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
s=pae-256M files=3000 procs=300
if ! "$sweep" --tree $v --series $s --holes "0 64 max" --bench 4 --files $files \
	--procs $procs --runs 2 --out "$out" >"$out/stdout" 2>"$out/stderr"; then
	fail cost-sweep-run "$(grep -E 'FAILED|failed' "$out/stderr" | head -n 3 | tr '\n' ' ')"
	exit 0
fi
pass cost-sweep-run
results=$out/results.tsv

# value POINT KEY
value() {
	awk -F'\t' -v p="$1" -v key="$2" '$1 == p && $2 == key { v = $3 } END { print v }' "$results"
}

# The largest hole, to the page: its point is named in kB (NK) unless it
# is whole MB.
largest=$(value $s/0 largest_hole_kb)
max=${largest}K
[ $((largest % 1024)) -ne 0 ] || max=$((largest / 1024))
points="0 64 $max"
kb_of() {	# POINT NAME: its hole in kB
	case $1 in
	*K)	echo "${1%K}" ;;
	*)	echo $(($1 * 1024)) ;;
	esac
}
[ "$(awk -F'\t' '$2 == "status" { n++ } END { print n }' "$results")" = 3 ] &&
	pass "cost-sweep three points (0, 64 MB, $largest kB)" ||
	fail cost-sweep-points "want 3 points: $(awk -F'\t' '$2 == "status" { print $1 }' "$results" | paste -sd' ')"

missing=
for h in $points; do
	p=$s/$h
	hole_key=hole_mb
	[ "${h%K}" = "$h" ] || hole_key=hole_kb
	for key in series paging mem_mb $hole_key status deterministic lowtotal_kb hightotal_kb \
		   expected_lowmem_kb layout_lowmem_kb; do
		[ -n "$(value $p $key)" ] || missing="$missing $p:$key"
	done
	for w in $(value all workloads); do
		for key in ops insns lowfree_before_kb lowfree_after_kb highfree_before_kb \
			   highfree_after_kb slab_before_kb slab_after_kb; do
			[ -n "$(value $p "$w.$key")" ] || missing="$missing $p:$w.$key"
		done
	done
	for w in $(value all kmap_workloads); do
		[ -n "$(value $p "$w.highmem_pages")" ] || missing="$missing $p:$w.highmem_pages"
	done
	for w in $(value all capacity_workloads); do
		for key in capacity stop; do
			[ -n "$(value $p "$w.$key")" ] || missing="$missing $p:$w.$key"
		done
	done
done
[ -z "$missing" ] && pass cost-sweep-results-complete || fail cost-sweep-results-complete "missing:$missing"

for h in $points; do
	p=$s/$h n=${p//\//-}
	[ "$(value $p status)" = ok ] && pass "cost-sweep $p ok" || fail "cost-sweep $p" "$(value $p why)"
	if diff <(grep -E '^(BENCH_|START_TSC=)' "$out/logs/$n-run1.values") \
		<(grep -E '^(BENCH_|START_TSC=)' "$out/logs/$n-run2.values") >"$out/diff"; then
		[ "$(value $p deterministic)" = yes ] && pass "cost-sweep $p counts the same twice" ||
			fail "cost-sweep $p deterministic" "the runs agree, the file says '$(value $p deterministic)'"
	else
		fail "cost-sweep $p deterministic" "$(head -n 4 "$out/diff" | tr '\n' ' ')"
	fi
	# Lowmem: the RAM below the limit the hole's cost leaves, in kB.
	kb=$(kb_of "$h")
	kr_hole_cost $((KR_PC_TOP - (kb << 10)))
	kr_ram_of_log "$out/logs/$n-run1.log" && kr_layout "${s%%-*}" $KR_COST &&
		expect "cost-sweep $p lowmem kB" "$(value $p layout_lowmem_kb)" $KR_LOW_KB ||
		fail "cost-sweep $p lowmem kB" "no memory map in $n-run1.log"
	expect "cost-sweep $p hole" "$(value $p layout_hole_size)" $((kb << 10))
	# Every count printed whole: insns per op within reason.
	for w in file_write anon_fault; do
		ops=$(value $p $w.ops) insns=$(value $p $w.insns)
		[ "${ops:-0}" -gt 0 ] && [ $((insns / ops)) -ge 500 ] && [ $((insns / ops)) -le 20000 ] &&
			pass "cost-sweep $p $w: $((insns / ops)) insns/page" ||
			fail "cost-sweep $p $w" "$insns instructions for $ops pages"
	done
done

# The largest hole is the kernel's: a page more is refused, in one line.
k=$(build_kernel $v pc-pae+dynamic+layout) && BOOT_LOG=$out/refused.log &&
	boot_values "cost-sweep-largest-plus-page" "$k" --mem 256 --append "fixaddr_hole=$((largest + 4))K" &&
	[ "$(grep -c "^fixaddr_hole=$((largest + 4))K refused: it would leave .* MB this machine needs; the hole stays 0 kB$" "$BOOT_LOG")" = 1 ] && pass "cost-sweep $((largest + 4)) kB refused" ||
	fail cost-sweep-largest "fixaddr_hole=$((largest + 4))K was not refused in one line"

# 256 MB fits in lowmem at hole 0 and 64: no highmem, nothing kmapped.
# At the largest hole most of it is highmem, and the kmap benchmarks use it.
for h in 0 64; do
	expect "cost-sweep $s/$h HighTotal" "$(value $s/$h hightotal_kb)" 0
	expect "cost-sweep $s/$h file_write highmem pages" "$(value $s/$h file_write.highmem_pages)" 0
done
p=$s/$max
for w in file_write anon_fault cow_fault; do
	[ "$(value $p $w.highmem_pages)" -ge $(( $(value $p $w.ops) * 9 / 10 )) ] &&
		pass "cost-sweep $p $w on highmem" ||
		fail "cost-sweep $p $w" "$(value $p $w.highmem_pages) highmem pages of $(value $p $w.ops)"
done
# The capacities: the limits at hole 0, less where lowmem is short.
[ "$(value $s/0 small_files.capacity)" = $files ] && [ "$(value $s/0 small_files.stop)" = limit ] &&
[ "$(value $s/0 proc_tree.capacity)" = $procs ] && [ "$(value $s/0 proc_tree.stop)" = limit ] &&
	pass "cost-sweep hole 0: $files files, $procs processes" ||
	fail cost-sweep-capacity-0 "files $(value $s/0 small_files.capacity), processes $(value $s/0 proc_tree.capacity)"
[ "$(value $p proc_tree.capacity)" -lt $procs ] && [ "$(value $p proc_tree.stop)" = lowfree ] &&
	pass "cost-sweep $p: $(value $p proc_tree.capacity) processes, stopped by LowFree" ||
	fail "cost-sweep $p proc_tree" "$(value $p proc_tree.capacity) processes, stop $(value $p proc_tree.stop)"
[ "$(value $p anon_set.capacity)" -gt 0 ] && [ "$(value $p anon_set.stop)" != limit ] &&
	pass "cost-sweep $p: an anonymous set of $(value $p anon_set.capacity) pages" ||
	fail "cost-sweep $p anon_set" "$(value $p anon_set.capacity) pages, stop $(value $p anon_set.stop)"

# The report shows the file's figures: hole 0's file_write per page.
ops=$(value $s/0 file_write.ops) insns=$(value $s/0 file_write.insns)
per=$(awk -v i="$insns" -v o="$ops" 'BEGIN { printf "%.2f", i / o }')
grep -q "^| 0 |.* $per (1.0000, +0.00) |" "$out/report.md" &&
	pass "cost-sweep report: file_write $per insns/op at hole 0" ||
	fail cost-sweep-report "no row for hole 0 with $per in $out/report.md"
for c in cost memory capacity; do
	[ -s "$out/$s-$c.svg" ] && grep -q '</svg>' "$out/$s-$c.svg" && pass "cost-sweep chart $c" ||
		fail "cost-sweep chart $c" "no $s-$c.svg"
done

# A point that fails is named with its log's tail, and the sweep goes on:
# 24 MB of benchmarks do not fit in a 32 MB machine (the guest says
# BENCH_BROKEN and FAIL); the 128 MB machine after it runs.
bad=$out/bad
rc=0
"$sweep" --tree $v --series "nopae-32M pae-128M" --holes 0 --bench 24 --files 100 --procs 10 \
	--out "$bad" >"$bad.stdout" 2>"$bad.stderr" || rc=$?
results=$bad/results.tsv
[ $rc -eq 1 ] && pass "cost-sweep with a failed point exits 1" ||
	fail cost-sweep-failed-exit "exit $rc, want 1"
[ "$(value nopae-32M/0 status)" = failed ] && [ -n "$(value nopae-32M/0 why)" ] &&
[ -n "$(value nopae-32M/0 log_tail)" ] &&
	pass "cost-sweep failed point recorded: $(value nopae-32M/0 why)" ||
	fail cost-sweep-failed-point "status '$(value nopae-32M/0 status)', why '$(value nopae-32M/0 why)'"
grep -q "point nopae-32M/0 FAILED" "$bad.stderr" && grep -q "^    .*fhtest: FAIL" "$bad.stderr" &&
	pass "cost-sweep names the failed point and shows its log" ||
	fail cost-sweep-failed-stderr "$(grep -m2 FAILED "$bad.stderr")"
[ "$(value pae-128M/0 status)" = ok ] && pass "cost-sweep goes on after a failed point" ||
	fail cost-sweep-goes-on "pae-128M/0: '$(value pae-128M/0 status)'"
sed -n '/^## Failed points/,$p' "$bad/report.md" | grep -q "nopae-32M" &&
	pass "cost-sweep report lists the failed point" ||
	fail cost-sweep-report-failed "no nopae-32M under '## Failed points' in $bad/report.md"

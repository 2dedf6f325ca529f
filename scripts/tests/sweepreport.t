# sweepreport: a small results file made here (two series, four holes
# each, one failed point, counts above 2^32, two marks) whose costs and
# capacities are chosen so the test knows the answers: the report's cells
# and findings are checked against figures computed here from the same
# numbers, the charts are well-formed SVG, the failed point is named; bad
# input is refused with one line and the right exit code.
. "$(dirname "$0")/../../tests/lib.sh"
sr=$FH_TESTS_TOP/scripts/sweepreport
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

# file_write: 4 * 10^6 pages; its instructions per page at holes 0, 64,
# 168, 256 are 1250, 1256.25 (+0.5 %), 1262.5 (+1 %, exactly), 1400
# (+12 %): the count at hole 0 is 5 * 10^9, above 2^32.  anon_fault stays
# under +1 %.  small_files' capacity is 10000, 9950 (-0.5 %), 9900 (-1 %,
# exactly), 9000.
ops=4000000
fw_insns=(5000000000 5025000000 5050000000 5600000000)
af_insns=(8000000 8000400 8000800 8001200)
caps=(10000 9950 9900 9000)
holes=(0 64 168 256)
point() {	# SERIES HOLE PAGING MEM I: an ok point with figure set I
	local p=$1/$2
	printf '%s\tseries\t%s\n%s\thole_mb\t%s\n%s\tpaging\t%s\n%s\tmem_mb\t%s\n' \
		"$p" "$1" "$p" "$2" "$p" "$3" "$p" "$4"
	printf '%s\tstatus\tok\n' "$p"
	printf '%s\texpected_lowmem_kb\t%s\n' "$p" $(((896 - $2) * 1024))
	printf '%s\tlowtotal_kb\t%s\n%s\thightotal_kb\t%s\n' "$p" $(((880 - $2) * 1024)) \
		"$p" $((($4 - 880 + $2) * 1024))
	printf '%s\tfile_write.ops\t%s\n%s\tfile_write.insns\t%s\n' "$p" $ops "$p" "${fw_insns[$5]}"
	printf '%s\tanon_fault.ops\t1000\n%s\tanon_fault.insns\t%s\n' "$p" "$p" "${af_insns[$5]}"
	printf '%s\tsmall_files.ops\t%s\n%s\tsmall_files.insns\t%s\n' "$p" "${caps[$5]}" \
		"$p" $((caps[$5] * 3000))
	printf '%s\tsmall_files.capacity\t%s\n%s\tsmall_files.stop\tlowfree\n' "$p" "${caps[$5]}" "$p"
	# Memory use: highmem pages as the hole, lowmem 1 kB per file.
	printf '%s\tfile_write.highmem_pages\t%s\n' "$p" $(($2 * 10))
	printf '%s\tsmall_files.lowfree_before_kb\t%s\n' "$p" $((caps[$5] + 20480))
	printf '%s\tsmall_files.lowfree_after_kb\t20480\n' "$p"
}
{
	printf '# made by sweepreport.t\n\n'
	printf 'all\ttree\tv2.6.12-rc1\nall\tdate\t2026-11-25\nall\tbench_mb\t16\n'
	printf 'all\tworkloads\tfile_write anon_fault small_files\n'
	printf 'all\tkmap_workloads\tfile_write\nall\tcapacity_workloads\tsmall_files\n'
	printf 'all\tseries\tpae-1200M nopae-1024M\n'
	printf 'all\tmark_64\tXen 64 MB (x86 & <no PAE>)\nall\tmark_168\tXen PAE 168 MB\n'
	printf 'all\tqemu\tqemu-system-i386 7.2\n'
	for i in 0 1 2 3; do point pae-1200M "${holes[$i]}" pae 1200 $i; done
	# The second series: its 168 MB point failed, the rest as the first.
	for i in 0 1 3; do point nopae-1024M "${holes[$i]}" nopae 1024 $i; done
	p=nopae-1024M/168
	printf '%s\tseries\tnopae-1024M\n%s\thole_mb\t168\n%s\tpaging\tnopae\n%s\tmem_mb\t1024\n' \
		$p $p $p $p
	printf '%s\tstatus\tfailed\n%s\twhy\tno PASS: the guest stopped\n' $p $p
	printf '%s\tlog_tail\tFreeing unused kernel memory | fhtest: FAIL bench\n' $p
	# Figures a failed point got before it failed are not drawn or used.
	printf '%s\tfile_write.ops\t%s\n%s\tfile_write.insns\t%s\n' $p $ops $p $((ops * 99999))
	printf '%s\tlowtotal_kb\t1\n' $p
	# What the sweep computed is drawn all the same.
	printf '%s\texpected_lowmem_kb\t%s\n' $p $(((896 - 168) * 1024))
} >"$t/r.tsv"

# What the report should say, computed here: per-op to two decimals,
# ratios to four, from the integers above (all of them divide exactly).
perop() { printf '%d.%02d' $(($1 / $2)) $(($1 * 100 / $2 % 100)); }
ratio() { printf '%d.%04d' $(($1 / $2)) $(($1 * 10000 / $2 % 10000)); }
# The first hole at which the ratio reaches NUM/DEN, in integers; "never".
first_from() {	# NUM DEN COUNTS...
	local num=$1 den=$2 i=0 base=$3 c
	shift 2
	for c in "$@"; do
		[ $((c * den)) -ge $((base * num)) ] && { echo "${holes[$i]} MB"; return; }
		i=$((i + 1))
	done
	echo never
}
first_below() {	# NUM DEN COUNTS...
	local num=$1 den=$2 i=0 base=$3 c
	shift 2
	for c in "$@"; do
		[ $((c * den)) -le $((base * num)) ] && { echo "${holes[$i]} MB"; return; }
		i=$((i + 1))
	done
	echo never
}

out=$t/out
if ! "$sr" "$t/r.tsv" "$out" 2>"$t/err"; then
	fail sweepreport-good-file "refused: $(head -n 3 "$t/err" | tr '\n' ' ')"
else
	pass sweepreport-good-file
	md=$out/report.md
	# The 168 MB row of pae-1200M: per op, ratio, difference.
	want="| 168 | $((880 - 168)).0 | $((1200 - 880 + 168)).0 | $((896 - 168)).0 | $(perop "${fw_insns[2]}" $ops) ($(ratio "${fw_insns[2]}" "${fw_insns[0]}"), +$(perop $((fw_insns[2] - fw_insns[0])) $ops)) |"
	row=$(sed -n '/^## pae-1200M/,/^## /p' "$md" | grep -m1 '^| 168 |')
	[ "${row#"$want"}" != "$row" ] && pass sweepreport-cost-cell ||
		fail sweepreport-cost-cell "want a row starting '$want', got '$row'"
	want=" ${caps[3]} ($(ratio "${caps[3]}" "${caps[0]}")) lowfree |"
	row=$(sed -n '/^## pae-1200M/,/^## /p' "$md" | grep -m1 '^| 256 |')
	[ "${row%"$want"}" != "$row" ] && pass sweepreport-capacity-cell ||
		fail sweepreport-capacity-cell "want a row ending '$want', got '$row'"
	# The memory table: the second 256 MB row, its highmem pages and the
	# lowmem the files held, in MB and kB each (9000 kB, 1.00 each).
	mb10=$(( (caps[3] * 10 + 512) / 1024 ))	# MB to one decimal, rounded
	want="| 256 | 2560 | $((mb10 / 10)).$((mb10 % 10)) (1.00) |"
	row=$(sed -n '/^## pae-1200M/,/^## /p' "$md" | grep '^| 256 |' | sed -n 2p)
	[ "$row" = "$want" ] && pass sweepreport-memory-use ||
		fail sweepreport-memory-use "want '$want', got '$row'"
	# The figures above 2^32 are read as 64-bit: hole 0's per-op.
	grep -q "^| 0 | .* $(perop "${fw_insns[0]}" $ops) (1.0000, +0.00) |" "$md" &&
		pass sweepreport-above-2-32 || fail sweepreport-above-2-32 \
		"no hole-0 cell $(perop "${fw_insns[0]}" $ops) (1.0000, +0.00)"

	findings() {	# SERIES WORKLOAD: the findings row's cells after the names
		grep "^| $1 | $2 |" "$md" | head -n 1
	}
	f1=$(first_from 101 100 "${fw_insns[@]}")
	f10=$(first_from 110 100 "${fw_insns[@]}")
	row=$(findings pae-1200M file_write)
	[[ "$row" == "| pae-1200M | file_write | $f1 | $f10 | "* ]] &&
		pass "sweepreport-findings-cost (+1 % at $f1, +10 % at $f10)" ||
		fail sweepreport-findings-cost "want $f1 and $f10, got '$row'"
	f1=$(first_from 101 100 "${af_insns[@]}")
	row=$(findings pae-1200M anon_fault)
	[ "$f1" = never ] && [[ "$row" == "| pae-1200M | anon_fault | never "* ]] &&
		pass sweepreport-findings-never || fail sweepreport-findings-never \
		"want never (computed: $f1), got '$row'"
	f1=$(first_below 99 100 "${caps[@]}")
	row=$(grep "^| pae-1200M | small_files | ${caps[0]} |" "$md")
	[[ "$row" == "| pae-1200M | small_files | ${caps[0]} | $f1 | "* ]] &&
		pass "sweepreport-findings-capacity (-1 % at $f1)" ||
		fail sweepreport-findings-capacity "want $f1, got '$row'"
	# Without its 168 MB point, nopae-1024M reaches +1 % only at 256.
	row=$(findings nopae-1024M file_write)
	[[ "$row" == "| nopae-1024M | file_write | 256 MB | 256 MB | "* ]] &&
		pass sweepreport-findings-skip-failed ||
		fail sweepreport-findings-skip-failed "want 256 MB twice, got '$row'"

	grep -q '^- \*\*nopae-1024M/168\*\* (hole 168 MB): no PASS: the guest stopped$' "$md" &&
		grep -q '^      fhtest: FAIL bench$' "$md" &&
		pass sweepreport-failed-point-named ||
		fail sweepreport-failed-point-named "no failed point with its why and log tail"
	grep -q '^- qemu: qemu-system-i386 7.2$' "$md" && grep -q '^# .*v2.6.12-rc1' "$md" &&
		pass sweepreport-run-facts || fail sweepreport-run-facts "tree or other facts missing"

	# Charts: three per series, linked from the report, well-formed.
	n=0 bad=
	for s in pae-1200M nopae-1024M; do
		for c in cost memory capacity; do
			f=$out/$s-$c.svg
			n=$((n + 1))
			[ -s "$f" ] && grep -q "($s-$c.svg)" "$md" || bad="$bad $s-$c(missing)"
			if command -v xmllint >/dev/null; then
				xmllint --noout "$f" 2>/dev/null || bad="$bad $s-$c(not XML)"
			else
				[ "$(head -c 5 "$f")" = '<?xml' ] && [ "$(tail -n 1 "$f")" = '</svg>' ] &&
					[ "$(grep -c '<svg' "$f")" -eq 1 ] || bad="$bad $s-$c(not SVG)"
			fi
			# Both marks on every chart, with their labels.
			[ "$(grep -c 'class="mark"' "$f")" -eq 2 ] && grep -q '>Xen PAE 168 MB<' "$f" ||
				bad="$bad $s-$c(marks)"
		done
	done
	[ -z "$bad" ] && pass "sweepreport-charts ($n, $(command -v xmllint >/dev/null &&
		echo xmllint || echo structure))" || fail sweepreport-charts "$bad"
	# The failed point is a red x on each of its series' charts only.
	a=$(grep -c 'class="failed"' "$out"/nopae-1024M-*.svg | awk -F: '{ s += $2 } END { print s }')
	b=$(grep -c 'class="failed"' "$out"/pae-1200M-*.svg | awk -F: '{ s += $2 } END { print s }')
	[ "$a" -eq 3 ] && [ "$b" -eq 0 ] && pass sweepreport-failed-x ||
		fail sweepreport-failed-x "red x: $a in nopae-1024M's charts (want 3), $b in pae-1200M's (want 0)"
	# The cost chart: a line per workload with a marker per ok point.
	f=$out/nopae-1024M-cost.svg
	[ "$(grep -c 'class="series-line"' "$f")" -eq 3 ] && [ "$(grep -c '<circle' "$f")" -eq 9 ] &&
		pass sweepreport-cost-lines || fail sweepreport-cost-lines \
		"$(grep -c 'class="series-line"' "$f") lines, $(grep -c '<circle' "$f") markers; want 3, 9"
	# The memory chart: LowTotal and HighTotal at the 3 ok points, the
	# expected lowmem at all 4.
	f=$out/nopae-1024M-memory.svg
	[ "$(grep -c 'class="series-line"' "$f")" -eq 3 ] && [ "$(grep -c '<circle' "$f")" -eq 10 ] &&
		grep -q 'stroke-dasharray="6 3" points=" [0-9.,]* [0-9.,]* [0-9.,]* [0-9.,]*"' "$f" &&
		pass sweepreport-memory-lines || fail sweepreport-memory-lines \
		"$(grep -c 'class="series-line"' "$f") lines, $(grep -c '<circle' "$f") markers; want 3, 10, one dashed of 4"
fi

# A long line (a log tail of 200000 characters) is read whole.
{
	grep -v '^nopae-1024M/168	log_tail' "$t/r.tsv"
	printf 'nopae-1024M/168\tlog_tail\t'
	head -c 200000 /dev/zero | tr '\0' x
	printf ' END\n'
} >"$t/long.tsv"
"$sr" "$t/long.tsv" "$t/long" 2>/dev/null && grep -q "x END$" "$t/long/report.md" &&
	pass sweepreport-long-line || fail sweepreport-long-line "a 200000-character line was not read whole"

# A mark beyond the sweep, its label with bytes that are not UTF-8, a
# control character and a tab: the charts reach it and stay XML.
{ cat "$t/r.tsv"; printf 'all\tmark_300\tbad \377\376 \001 caf\303\251\tend\n'; } >"$t/utf.tsv"
if "$sr" "$t/utf.tsv" "$t/utf" 2>/dev/null; then
	f=$t/utf/pae-1200M-memory.svg
	grep -q '>bad ?? ? café?end<' "$f" && grep -q '>300</text>' "$f" &&
		{ ! command -v xmllint >/dev/null || xmllint --noout "$f" 2>/dev/null; } &&
		pass sweepreport-label-bytes || fail sweepreport-label-bytes \
		"label: $(grep -o '>bad [^<]*<' "$f" | od -c | head -n 2 | tr '\n' ' ')"
else
	fail sweepreport-label-bytes "refused a mark label of odd bytes"
fi

# A mark's label is text in every chart: < & > " ' come out escaped, and
# the charts stay XML.
odd=$'odd<&>"\'name'
esc="odd&lt;&amp;&gt;&quot;'name"
{ cat "$t/r.tsv"; printf 'all\tmark_100\t%s\n' "$odd"; } >"$t/odd.tsv"
if "$sr" "$t/odd.tsv" "$t/odd" 2>"$t/odd.err"; then
	bad=
	for f in "$t"/odd/*.svg; do
		grep -qF ">$esc</text>" "$f" && ! grep -qF "$odd" "$f" &&
			{ ! command -v xmllint >/dev/null || xmllint --noout "$f" 2>/dev/null; } ||
			bad="$bad ${f##*/}"
	done
	[ -z "$bad" ] && pass "sweepreport-svg-escapes ($(ls "$t"/odd/*.svg | wc -l) charts)" ||
		fail sweepreport-svg-escapes "not escaped, or not XML:$bad"
else
	fail sweepreport-svg-escapes "refused: $(head -n 1 "$t/odd.err")"
fi

# A series named but without points (a sweep stopped early) says so.
sed 's/^\(all\tseries\t.*\)/\1 pae-8192M/' "$t/r.tsv" >"$t/short.tsv"
if "$sr" "$t/short.tsv" "$t/short" 2>/dev/null; then
	grep -q '^- \*\*pae-8192M\*\*: no points in the file$' "$t/short/report.md" &&
		[ ! -e "$t/short/pae-8192M-cost.svg" ] && [ -e "$t/short/pae-1200M-cost.svg" ] &&
		pass sweepreport-series-without-points ||
		fail sweepreport-series-without-points "the report does not say so, or charts are wrong"
else
	fail sweepreport-series-without-points "refused a series without points"
fi

# No hole-0 baseline: pae-1200M without its hole 0, nopae-1024M's failed.
grep -v '^pae-1200M/0	' "$t/r.tsv" | sed 's/^\(nopae-1024M\/0\tstatus\t\).*/\1failed/' >"$t/nobase.tsv"
printf 'nopae-1024M/0\twhy\tno PASS\n' >>"$t/nobase.tsv"
if "$sr" "$t/nobase.tsv" "$t/nobase" 2>/dev/null; then
	bad=
	for s in pae-1200M nopae-1024M; do
		grep -q '>no hole-0 baseline<' "$t/nobase/$s-cost.svg" &&
			grep -q '>no hole-0 baseline<' "$t/nobase/$s-capacity.svg" &&
			grep -q "^| $s | file_write | no hole-0 baseline |" "$t/nobase/report.md" &&
			! grep -q 'class="series-line"' "$t/nobase/$s-cost.svg" || bad="$bad $s"
	done
	[ -z "$bad" ] && pass sweepreport-no-baseline ||
		fail sweepreport-no-baseline "charts or findings of$bad do not say so, or draw lines"
else
	fail sweepreport-no-baseline "refused a series without hole 0"
fi

# Hostile input: one line naming the fault, exit 1.
hostile() {	# NAME PATTERN: the file $t/h.tsv is refused
	rm -rf "$t/h"
	expect_exit "sweepreport-$1" 1 "$2" "$sr" "$t/h.tsv" "$t/h"
	[ ! -e "$t/h/report.md" ] || fail "sweepreport-$1-no-report" "a report was written"
}
sed '5s/\t/ /g' "$t/r.tsv" >"$t/h.tsv"
hostile malformed 'h.tsv:5: not POINT<TAB>KEY<TAB>VALUE'
sed '5s/^all\t[a-z_]*\t/all\t\t/' "$t/r.tsv" >"$t/h.tsv"
hostile empty-key 'h.tsv:5: not POINT<TAB>KEY<TAB>VALUE'
grep -v '^pae-1200M/64	anon_fault.insns' "$t/r.tsv" >"$t/h.tsv"
hostile missing-key 'point pae-1200M/64 \(line [0-9]+\) lacks anon_fault.insns'
grep -v '^nopae-1024M/168	why' "$t/r.tsv" >"$t/h.tsv"
hostile missing-why 'point nopae-1024M/168 \(line [0-9]+\) lacks why'
sed 's/^\(pae-1200M\/0\tfile_write.insns\t\).*/\118446744073709551616/' "$t/r.tsv" >"$t/h.tsv"
hostile above-2-64 'h.tsv:[0-9]+: file_write.insns of pae-1200M/0 wants a decimal count'
sed 's/^\(pae-1200M\/0\tfile_write.ops\t\).*/\1-4/' "$t/r.tsv" >"$t/h.tsv"
hostile negative 'h.tsv:[0-9]+: file_write.ops of pae-1200M/0 wants a decimal count'
{ cat "$t/r.tsv"; printf 'pae-1200M/64\tstatus\tok\n'; } >"$t/h.tsv"
hostile duplicate-key 'point pae-1200M/64 has status already \(line [0-9]+\)'
# The form holereport.t checks too (results.c reads for both): both lines.
first=$(grep -n '^pae-1200M/64	status	' "$t/r.tsv" | cut -d: -f1)
again=$(wc -l <"$t/h.tsv")
hostile key-twice-form \
	"^sweepreport: $t/h.tsv:$again: point pae-1200M/64 has status already \\(line $first\\)\$"
{ cat "$t/r.tsv"; grep '^pae-1200M/64	' "$t/r.tsv" | sed 's/^pae-1200M\/64/pae-1200M\/064/'; } >"$t/h.tsv"
hostile duplicate-hole 'point pae-1200M/064 is hole 64 MB again'
# A hole of whole pages that is not whole MB: SERIES/KBK with hole_kb
# (the cost sweep's "max"), shown to the kB in MB, charted between its
# neighbours; the name and the key must agree.
kpoint() {	# the 256 MB point of pae-1200M, as a hole of KB kB and key KEY
	grep '^pae-1200M/256	' "$t/r.tsv" |
	sed -e "s/^pae-1200M\/256\t/pae-1200M\/$1K\t/" -e "s/^\(pae-1200M\/$1K\t\)hole_mb\t256$/\1$2\t$3/"
}
{ grep -v '^pae-1200M/256	' "$t/r.tsv"; kpoint 262140 hole_kb 262140; } >"$t/k.tsv"
rm -rf "$t/k"
if "$sr" "$t/k.tsv" "$t/k" 2>"$t/k.err"; then
	grep -q '^| 255.996 |' "$t/k/report.md" && grep -q 'holes 0 to 255.996 MB' "$t/k/report.md" &&
		pass "sweepreport-hole-in-kB (255.996 MB)" ||
		fail sweepreport-hole-in-kB "no row or range with 255.996 MB"
else
	fail sweepreport-hole-in-kB "refused: $(head -n 1 "$t/k.err")"
fi
{ cat "$t/r.tsv"; kpoint 262140 hole_kb 262144; } >"$t/h.tsv"
hostile hole-kb-differs 'point pae-1200M/262140K says hole_kb 262144'
{ cat "$t/r.tsv"; kpoint 262140 hole_mb 256; } >"$t/h.tsv"
hostile hole-kb-missing 'point pae-1200M/262140K \(line [0-9]+\) lacks hole_kb'
{ cat "$t/r.tsv"; kpoint 262144 hole_kb 262144; } >"$t/h.tsv"
hostile hole-kb-again 'point pae-1200M/262144K is hole 256 MB again'
printf 'pae-1200M/K\tstatus\tok\n' >"$t/h.tsv"
hostile hole-k-alone "point 'pae-1200M/K' is neither all nor SERIES/HOLE_MB nor SERIES/HOLE_KBK"
{ cat "$t/r.tsv"; printf 'pae-1200M\tstatus\tok\n'; } >"$t/h.tsv"
hostile no-hole "point 'pae-1200M' is neither all nor SERIES/HOLE_MB"
{ cat "$t/r.tsv"; printf '../../x/0\tstatus\tok\n'; } >"$t/h.tsv"
hostile bad-series-name "series '../../x' is not letters"
{ cat "$t/r.tsv"; printf 'pae-512M/0\tstatus\tok\n'; } >"$t/h.tsv"
hostile unlisted-series "series pae-512M is not in all's series"
sed 's/^\(pae-1200M\/64\tstatus\t\).*/\1fine/' "$t/r.tsv" >"$t/h.tsv"
hostile bad-status "status is 'fine', not ok or failed"
sed 's/^\(all\tcapacity_workloads\t\).*/\1proc_tree/' "$t/r.tsv" >"$t/h.tsv"
hostile capacity-not-workload 'capacity_workloads names proc_tree, which is not in workloads'
printf 'all\ttree\tx\0y\n' >"$t/h.tsv"
hostile nul-byte 'h.tsv:1: a NUL byte'
: >"$t/h.tsv"
hostile empty-file 'h.tsv: no figures in it'
printf '# only a comment\n\n' >"$t/h.tsv"
hostile comments-only 'h.tsv: no figures in it'
grep -v '^all	series' "$t/r.tsv" | grep -v '^[a-z]*-[0-9]*M/' >"$t/h.tsv"
hostile no-series 'point all lacks series'
sed 's/^\(all\tseries\t\).*/\1 /' "$t/r.tsv" | grep -v '^[a-z]*-[0-9]*M/' >"$t/h.tsv"
hostile empty-series 'series is empty'
expect_exit sweepreport-unreadable 1 'cannot open .*nothing-here' "$sr" "$t/nothing-here" "$t/h"
: >"$t/plain-file"
expect_exit sweepreport-outdir-is-file 1 'cannot (make|write) .*plain-file' "$sr" "$t/r.tsv" "$t/plain-file"

# Usage: exit 2 with one line; --help exits 0.
for args in "" "$t/r.tsv" "$t/r.tsv $t/o extra" "--bogus $t/o"; do
	rc=0
	lines=$("$sr" $args 2>&1 >/dev/null | wc -l)
	"$sr" $args >/dev/null 2>&1 || rc=$?
	[ "$rc" -eq 2 ] && [ "$lines" -eq 1 ] && pass "sweepreport-usage '${args//$t\//}'" ||
		fail "sweepreport-usage '${args//$t\//}'" "exit $rc, $lines lines; want 2, 1"
done
expect_exit sweepreport-help 0 'usage: sweepreport RESULTS.tsv OUTDIR' "$sr" --help

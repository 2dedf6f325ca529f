# scripts/kernel-rules.sh against what real kernels printed: for each
# console in logs/rules, the model's prediction from the machine's map,
# the command line and the kernel's facts (logs/rules/NAME.facts: the
# command that booted it, its paging mode, __pa(_end), the initrd's size,
# the fixmap top it was built with) equals what that kernel said: the
# verdict on fixaddr_hole=, the fixmap top and hole, lowmem and highmem,
# the lowmem it needs and the figures of its refusals and trims.  And
# memparse() on the forms the kernel takes and refuses.
. "$(dirname "$0")/../../tests/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
logs=$FH_TESTS_TOP/scripts/tests/logs/rules
MB=$KR_MB

# memparse: what fixaddr_hole= makes of a value.
for c in "168M size 176160768" "168m size 176160768" "172032K size 176160768" \
	 "0xa800000 size 176160768" "0XA800000 size 176160768" "0250M size 176160768" \
	 "4g too-large 0" "4294967295 size 4294967295" "4294967296 too-large 0" \
	 "0x100000000 too-large 0" "12x not-a-size 0" "M not-a-size 0" "-4M negative 0" \
	 "08 not-a-size 0" "0 size 0" "1k size 1024" "3G size 3221225472" "99999999999 too-large 0"; do
	set -- $c
	kr_memparse "$1"
	[ "$KR_CLASS $KR_SIZE" = "$2 $3" ] && pass "memparse '$1': $2 $3" ||
		fail "memparse '$1'" "$KR_CLASS $KR_SIZE, want $2 $3"
done
kr_memparse ''
[ "$KR_CLASS" = empty ] && pass "memparse '': empty" || fail "memparse ''" "$KR_CLASS"

# said NAME WHAT PATTERN [HINT]: the console has exactly one line matching
# PATTERN; if not, the failure shows its first line matching HINT.
said() {
	local n
	n=$(grep -cE -- "$3" "$log" || true)
	[ "$n" = 1 ] && pass "$1: $2" || fail "$1: $2" "$n lines match /$3/: $(grep -m 1 -E "${4:-$3}" "$log")"
}

# layout KEY: what the kernel's layout report printed.
layout() {
	sed -n "s/^layout: $1=//p" "$log" | head -n 1
}

found=0
for log in "$logs"/*.log; do
	name=$(basename "$log" .log)
	facts=$logs/$name.facts
	[ -f "$facts" ] || { fail "$name" "no $name.facts"; continue; }
	found=$((found + 1))
	paging='' dynamic='' top='' image_end='' initrd_size=''
	while IFS='=' read -r key val; do
		case $key in
		paging|dynamic|top|image_end|initrd_size) printf -v "$key" %s "$val" ;;
		esac
	done <"$facts"
	kr_ram_of_log "$log" || { fail "$name" "no memory map in the console"; continue; }
	# The command line's last fixaddr_hole= and vmalloc= are the ones
	# the kernel uses.
	hole=- vmalloc=''
	for w in $(sed -n 's/^Kernel command line: //p' "$log"); do
		case $w in
		fixaddr_hole=*)	hole=${w#fixaddr_hole=} ;;
		vmalloc=*)	kr_memparse "${w#vmalloc=}"; vmalloc=$KR_SIZE ;;
		esac
	done
	if [ "$dynamic" = yes ]; then
		refusals=$(grep -c '^fixaddr_hole=.* refused: ' "$log" || true)
		got=accept
		[ "$hole" != - ] || got=none
		if [ "$refusals" -gt 0 ]; then
			kr_refusal_class "$(grep -m 1 '^fixaddr_hole=.* refused: ' "$log")"
			got=$KR_CLASS
			[ "$refusals" = 1 ] || got="$got (x$refusals)"
		fi
		kr_dynamic_boot "$paging" "$image_end" "$initrd_size" "$hole" "$vmalloc"
		[ "$got" = "$KR_VERDICT" ] && pass "$name: fixaddr_hole=$hole: $got" ||
			fail "$name: fixaddr_hole=$hole" "the kernel: $got, the model: $KR_VERDICT"
		want_top=$KR_TOP want_hole=$KR_HOLE
		if [ "$KR_VERDICT" = accept ]; then
			said "$name" "needs $((KR_ASK_NEED >> 10)) kB" \
				"^fixaddr_hole: this machine needs $((KR_ASK_NEED >> 10)) kB of lowmem " \
				"this machine needs"
		elif grep -q '^fixaddr_hole: this machine needs' "$log"; then
			fail "$name: no need line beside a refusal" "$(grep -m 1 '^fixaddr_hole: this machine needs' "$log")"
		fi
		[ "$KR_VERDICT" != under-the ] ||
			said "$name" "leaves $((KR_ASK_LIMIT >> 20)) MB, under $(((KR_ASK_NEED + MB - 1) >> 20)) MB" \
				"refused: it would leave $((KR_ASK_LIMIT >> 20)) MB of lowmem, under the $(((KR_ASK_NEED + MB - 1) >> 20)) MB this machine needs; " \
				refused
	else
		kr_hole_cost $((top))
		kr_fixed_boot "$paging" "$image_end" "$initrd_size" $KR_COST "$vmalloc"
		want_top=$((top)) want_hole=$KR_HOLE_SIZE
		for s in "${KR_SAYS[@]}"; do
			case $s in
			vmalloc-ignored) pattern='^fixmap hole: vmalloc= leaves [0-9]+ MB of lowmem, too little for the kernel and its initrd: ignored$' ;;
			initrd-unused) pattern='^fixmap hole: [0-9]+ MB of lowmem cannot hold the kernel and its [0-9]+ kB initrd' ;;
			trimmed) pattern="^fixmap hole: $((KR_LIMIT >> 20)) MB of lowmem cannot hold the mem_map for memory up to $((KR_MAX_PFN >> 8)) MB; using memory up to $((KR_UPTO >> 20)) MB$" ;;
			esac
			said "$name" "$s" "$pattern" 'fixmap hole:'
		done
		expect "$name: lines 'fixmap hole:'" "$(grep -c '^fixmap hole:' "$log" || true)" ${#KR_SAYS[@]}
	fi
	expect "$name: FIXADDR_TOP" "$(layout FIXADDR_TOP)" $want_top
	expect "$name: HOLE_SIZE" "$(layout HOLE_SIZE)" $want_hole
	expect "$name: LOWMEM_KB" "$(layout LOWMEM_KB)" $KR_LOW_KB
	expect "$name: HIGHMEM_KB" "$(layout HIGHMEM_KB)" $KR_HIGH_KB
	expect "$name: LOWMEM available, MB" "$(sed -n 's/^\([0-9]*\)MB LOWMEM available\.$/\1/p' "$log")" \
		$((KR_LOW_KB >> 10))
	if [ "$paging" != nohighmem ]; then
		expect "$name: HIGHMEM available, MB" \
			"$(sed -n 's/^\([0-9]*\)MB HIGHMEM available\.$/\1/p' "$log")" \
			$(((KR_HIGH_END_PFN - KR_LOW_KB / 4) >> 8))
	fi
done
[ $found -ge 20 ] && pass "$found consoles of real boots checked" ||
	fail "consoles of real boots" "$found in $logs, want at least 20"

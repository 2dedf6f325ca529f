# The dynamic hole (CONFIG_DYNAMIC_FIXADDR_TOP) on v2.6.12-rc1: hole sizes
# set at boot with fixaddr_hole=, in each paging mode and at two memory
# sizes, each boot to the guest's PASS (vDSO, sysenter and signal
# trampolines at the moved page) with the layout where this test computes
# it; then SMP, vmalloc=, mach-xen, modules, the self-test and one boot
# per kind of bad parameter, each refused with one line and the default
# kept.  v2.6.11.5 boots a subset.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
MB=$KR_MB
boot_log_tmp

table=()	# request -> layout, one row per checked boot
declare -A B	# the default boot at the same memory size

# fixmap_tables PAGING TOP BOOT_START: the page tables paging_init() gives
# the fixmap, from the one of its lowest boot-time slot to slot 0's.
fixmap_tables() {
	local shift=22
	[ "$1" != pae ] || shift=21
	echo $(( ($2 >> shift) - ($3 >> shift) + 1 ))
}

# check_hole NAME PAGING DEFAULT_TOP HOLE_BYTES BASE_LOWMEM_BYTES
# [BASE_LOWTOTAL_KB]: L holds the boot, its console $BOOT_LOG; BASE_* are
# from the default boot at the same memory size.  Lowmem and highmem as
# scripts/kernel-rules.sh computes them for the hole's cost.
check_hole() {
	local n=$1 paging=$2 top=$3 hole=$4 base=$5 low_kb=${6:-}
	local extra=$((hole - (0x100000000 - top - 4096)))
	local want_top=$((top - extra)) lowmem shrink tables_kb
	kr_ram_of_log "$BOOT_LOG" || { fail "$n" "no memory map in the console"; return 1; }
	kr_hole_cost $want_top
	kr_layout "$paging" $KR_COST
	lowmem=$((KR_LOW_KB * 1024)) shrink=$((base - lowmem))
	if [ -n "$low_kb" ]; then
		# /proc/meminfo's LowTotal leaves out what the kernel reserves
		# in lowmem: without highmem the struct pages of the lost lowmem
		# go too (32 bytes each); with highmem, a larger highmem zone
		# may take a page more for its wait table; and a top just above
		# a page-table boundary gives the fixmap a second page table
		# (0xf0000000: the boot-time slots reach below it).  The lowmem
		# limit itself is checked exactly below.
		local memmap_kb=0 lost=$((low_kb - ${L[MEMINFO_LowTotal_kB]:-0}))
		[ "$paging" != nohighmem ] || memmap_kb=$((shrink / 4096 * 32 / 1024))
		tables_kb=$(( 4 * ($(fixmap_tables "$paging" "${L[LAYOUT_FIXADDR_TOP]:-0}" \
			"${L[LAYOUT_FIXADDR_BOOT_START]:-0}") - $(fixmap_tables "$paging" "$top" \
			"${B[LAYOUT_FIXADDR_BOOT_START]:-0}")) ))
		if [ $lost -le $((shrink / 1024 + 4 + tables_kb)) ] &&
		   [ $lost -ge $((shrink / 1024 - memmap_kb + tables_kb)) ]; then
			pass "$n LowTotal shrinks by $lost kB (hole growth $((shrink / 1024)) kB)"
		else
			fail "$n LowTotal" "shrank by $lost kB, want $((shrink / 1024 + tables_kb)) kB (- $memmap_kb, + 4)"
		fi
		expect "$n HighTotal kB" "${L[MEMINFO_HighTotal_kB]}" $KR_HIGH_KB
	fi
	table+=("$(printf '%-28s 0x%08x %6d MB %6d MB %s' "$n" "${L[LAYOUT_FIXADDR_TOP]:-0}" \
		$(( ${L[LAYOUT_HOLE_SIZE]:-0} / MB )) $(( ${L[LAYOUT_LOWMEM_KB]:-0} / 1024 )) \
		"${L[CHECK_hole_probe]:-?}")")
	expect "$n FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" $want_top
	expect "$n HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $hole
	expect "$n AT_SYSINFO_EHDR" "${L[AT_SYSINFO_EHDR]}" $((want_top - 4096))
	expect "$n AT_SYSINFO" "${L[AT_SYSINFO]}" "${L[SYM___kernel_vsyscall]:-0}"
	expect "$n lowmem bytes" "$((${L[LAYOUT_LOWMEM_KB]:-0} * 1024))" $lowmem
	expect "$n hole pages+pmds" "$((${L[LAYOUT_HOLE_MAPPED_PAGES]:-1} + ${L[LAYOUT_HOLE_PMDS]:-1}))" 0
	[ "${L[CHECK_hole_probe]}" = ok ] || [ "$hole" -eq 0 ] &&
		pass "$n user space" || fail "$n user space" "CHECK_hole_probe=${L[CHECK_hole_probe]}"
}

v=v2.6.12-rc1
need_tree "$v" dynamic || exit 0

# The matrix: hole sizes x paging modes x memory.
for mode in pc-highmem4g:nopae pc-pae:pae pc-nohighmem:nohighmem; do
	paging=${mode#*:} mode=${mode%:*}
	k=$(build_kernel $v "$mode+dynamic+layout") || continue
	for mem in 256 1200; do
		boot_values "boot-$mode-${mem}M-default" "$k" --mem $mem || continue
		B=()
		for key in "${!L[@]}"; do B[$key]=${L[$key]}; done
		base=$((${L[LAYOUT_LOWMEM_KB]} * 1024))
		low_kb=${L[MEMINFO_LowTotal_kB]}
		expect "$mode-${mem}M default FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
		# Whole page tables and not: 4 MB, Xen's two holes (a page
		# over 64 and 168 MB), a page under 256 MB.
		for h in 0x400000 0x4001000 0xa801000 0xffff000; do
			boot_values "boot-$mode-${mem}M-hole$h" "$k" --mem $mem \
				--append "fixaddr_hole=$h" &&
				check_hole "$mode-${mem}M-hole$h" $paging 0xfffff000 $((h)) \
					$base "$low_kb"
		done
	done
done

k=$(build_kernel $v pc-highmem4g+dynamic+layout) || exit 0

# Rounding: a size between pages becomes the next page, with one line
# saying so; a whole page is taken as it is, with none.
if boot_values "boot-round-5000001" "$k" --append "fixaddr_hole=5000001"; then
	grep -qx 'fixaddr_hole: 5000001 bytes rounded up to 4884 kB (whole pages)' "$BOOT_LOG" &&
		pass "round-5000001 says so" || fail "round-5000001 says so" "no rounding line"
	expect "round-5000001 HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" 5001216
fi
if boot_values "boot-round-5M" "$k" --append "fixaddr_hole=5M"; then
	grep -q 'rounded up' "$BOOT_LOG" && fail "5M: no rounding line" "$(grep -m 1 'rounded up' "$BOOT_LOG")" ||
		pass "5M: no rounding line"
	expect "5M HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $((5 * MB))
fi

# Bad values: refused with one line naming why, default kept, boot goes on.
for bad in "abc:not a size" "4Q:not a size" ":empty" "-4M:negative" \
	   "0x:not a size" "4M4:not a size" "M:not a size" "-0x10:negative" \
	   "99999999999:too large a number" "5000M:too large a number" \
	   "0x100000000:too large a number" "4294967296:too large a number" \
	   "4G:too large a number" "99999999999999999999999:too large a number" \
	   "880M:under the [0-9]* MB this machine needs" "1000M:overlap the kernel image"; do
	value=${bad%%:*} why=${bad#*:}
	if boot_values "boot-bad-'$value'" "$k" --mem 1200 --append "fixaddr_hole=$value"; then
		n=$(grep -c "^fixaddr_hole=$value refused: .*$why.*; the hole stays 0 kB" "$BOOT_LOG")
		[ "$n" -eq 1 ] && pass "bad '$value' refused: $why" ||
			fail "bad '$value' refused" "$(grep -m 1 fixaddr_hole "$BOOT_LOG")"
		expect "bad '$value' default kept" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
	fi
done

# Only the first fixaddr_hole= counts, so its line stays true; a vmalloc=
# too small to leave room for vmalloc, pkmap and the fixmap refuses it.
if boot_values "boot-twice-bad-first" "$k" --mem 1200 --append "fixaddr_hole=abc fixaddr_hole=168M"; then
	grep -qx 'fixaddr_hole=168M refused: given twice, the first counts' "$BOOT_LOG" &&
		pass "a second fixaddr_hole= refused" || fail "a second fixaddr_hole= refused" "no line"
	expect "bad first, good second: default kept" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
fi
boot_values "boot-twice-good-first" "$k" --mem 1200 --append "fixaddr_hole=168M fixaddr_hole=200M" &&
	expect "good first, second refused: the first taken" "${L[LAYOUT_HOLE_SIZE]}" $((168 * MB))
if boot_values "boot-vmalloc24M-hole168M" "$k" --mem 1200 --append "fixaddr_hole=168M vmalloc=24M"; then
	grep -qx 'fixaddr_hole=168M refused: vmalloc= leaves no room for vmalloc, pkmap and the fixmap; the hole stays 0 kB' "$BOOT_LOG" &&
		pass "vmalloc=24M: the hole refused" || fail "vmalloc=24M: the hole refused" "$(grep -m 1 'fixaddr_hole=' "$BOOT_LOG")"
	expect "vmalloc=24M: default kept" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
fi

# A move once the fixmap is in use: -EBUSY (-16).
if boot_values "boot-selftest" "$k" --append "fixaddr_hole_selftest"; then
	grep -q '^fixaddr_hole: self-test: set_fixaddr_top() with the fixmap in use returned -16$' "$BOOT_LOG" &&
		pass "selftest late move refused with -EBUSY" ||
		fail "selftest late move" "$(grep -m 1 'self-test' "$BOOT_LOG")"
fi

# vmalloc= keeps its meaning, in either order: 64 MB of vmalloc reserve plus
# a 64 MB hole leaves the default lowmem.
for args in "vmalloc=64M fixaddr_hole=64M" "fixaddr_hole=64M vmalloc=64M"; do
	boot_values "boot-'$args'" "$k" --mem 1200 --append "$args" &&
		kr_limit $((64 * MB)) $((64 * MB)) &&
		expect "'$args' lowmem bytes" "$((${L[LAYOUT_LOWMEM_KB]:-0} * 1024))" $KR_LIMIT
done

# SMP: every CPU's kmap_atomic slots move with the fixmap.
if k=$(build_kernel $v pc-smp+dynamic+layout); then
	boot_values "boot-smp2-hole256M" "$k" --mem 1200 --smp 2 --append "fixaddr_hole=256M" &&
		check_hole "smp2-hole256M" nopae 0xfffff000 $((256 * MB)) $((896 * MB)) &&
		expect "smp2 CPUS" "${L[CPUS]}" 2
fi

# mach-xen starts from its own hole and grows it, by pages.
if k=$(build_kernel $v xen-highmem4g+dynamic+layout); then
	xtop=$((0xfc000000 - 0x2000))
	boot_values "boot-xen-default" "$k" --mem 1200 &&
		expect "xen default FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" $xtop
	boot_values "boot-xen-hole128M" "$k" --mem 1200 --append "fixaddr_hole=128M" &&
		check_hole "xen-hole128M" nopae $xtop $((128 * MB)) $((832 * MB))
	boot_values "boot-xen-smaller" "$k" --mem 1200 --append "fixaddr_hole=32M" &&
		{ grep -q "refused: smaller than the sub-architecture's hole" "$BOOT_LOG" &&
		  pass "xen smaller hole refused" || fail "xen smaller hole refused" "no refusal line"; }
fi

# Modules: ntfs.ko compares against VMALLOC_END, so it needs the exported
# top (in the tests' one odd kernel, tests/lib.sh).
if k=$(build_kernel $v "$ODD_CONFIG"); then
	o=$(fh_build_of "$k")
	if nm "$o/fs/ntfs/ntfs.ko" | grep -q ' U __fixaddr_top$' &&
	   ! grep -q 'undefined!' "$FH_CACHE/logs/$v-$ODD_CONFIG-all/modules.log"; then
		pass "modules link against __fixaddr_top (ntfs.ko)"
	else
		fail "modules link against __fixaddr_top" "ntfs.ko does not use it, or modpost found it undefined"
	fi
fi

# The second tree: a subset.
v=v2.6.11.5
if need_tree "$v" "dynamic-$v" && k=$(build_kernel $v pc-highmem4g+dynamic+layout); then
	boot_values "boot-$v-1200M-default" "$k" --mem 1200 && base=$((${L[LAYOUT_LOWMEM_KB]} * 1024)) &&
	boot_values "boot-$v-1200M-hole168M" "$k" --mem 1200 --append "fixaddr_hole=168M" &&
		check_hole "$v-1200M-hole168M" nopae 0xfffff000 $((168 * MB)) $base
fi

{
	echo "# request                      FIXADDR_TOP   hole    lowmem  user-space probe"
	printf '# %s\n' "${table[@]}"
} >&2

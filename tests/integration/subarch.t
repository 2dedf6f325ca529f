# The fixed hole (sub-architecture split): on v2.6.12-rc1,
# - mach-default patched is pristine's size exactly (layout report off),
#   and visws builds; each one's fixmap as its compiler sees it is the
#   one computed from its config; the whole matrix is scripts/subarch-matrix;
# - PC and mach-xen kernels with the layout report boot to PASS (non-PAE
#   and PAE, 256 MB and 1200 MB; v2.6.11.5 too), and each
#   boundary is where this test computes it should be: from Xen's
#   HYPERVISOR_VIRT_START and the PC kernel's own layout, not from the
#   xen kernel's report; and the PC's dynamic kernel, booted with Xen's
#   hole (2 pages off a page table), prints the Xen kernel's layout value
#   for value, in both paging modes.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
build=$FH_TESTS_TOP/scripts/kernel-build
v=v2.6.12-rc1
need_tree "$v" subarch || exit 0

# The CI subset of the build matrix: PC, visws and xen on the reference tree.
if out=$("$FH_TESTS_TOP/scripts/subarch-matrix" --trees "$v" \
		--subarchs "pc-highmem4g visws xen-highmem4g" 2>&1); then
	pass "subarch-matrix-ci-subset"
else
	fail "subarch-matrix-ci-subset" "$(echo "$out" | tail -n 4 | tr '\n' ' ')"
fi
echo "$out" | sed 's/^/# /' >&2
echo "$out" | grep -q '^pc-highmem4g .* builds *builds *0 *0 *0 ok:' &&
	pass "pc-size-delta-zero" || fail "pc-size-delta-zero" "$(echo "$out" | grep '^pc-highmem4g')"
echo "$out" | grep -q '^visws .*builds *builds' &&
	pass "visws-builds" || fail "visws-builds" "$(echo "$out" | grep -A1 '^visws')"
# Each one's fixmap, read from the build with its own compiler, is the
# one computed from its config (visws: its four slots; xen: 8 kB below
# HYPERVISOR_VIRT_START), and pristine's where there is one.
for s in pc-highmem4g visws xen-highmem4g; do
	line=$(echo "$out" | grep "^$s ")
	[[ "$line" =~ \ ok:([0-9]+)$ ]] &&
		pass "$s-fixmap (${BASH_REMATCH[1]} slots as computed)" ||
		fail "$s-fixmap" "$(echo "$out" | grep -A1 "^$s ")"
done

# fix_to_virt() still folds to constants: kmap_atomic is the same code,
# byte for byte, pristine and patched.
disasm() {
	objdump -d --no-show-raw-insn "$1" |
	awk '/^[0-9a-f]+ <kmap_atomic>:/ { on = 1; next } on && /^$/ { exit } on { $1 = ""; print }'
}
p=$("$build" --tree "$v" --config pc-highmem4g --patches toolchain 2>/dev/null)
q=$("$build" --tree "$v" --config pc-highmem4g 2>/dev/null)
a=$(disasm "$(fh_vmlinux_of "$p")") b=$(disasm "$(fh_vmlinux_of "$q")")
if [ -n "$a" ] && [ "$a" = "$b" ] && echo "$b" | grep -q '\$0xff'; then
	pass "kmap_atomic-same-code ($(echo "$b" | wc -l) instructions, fixmap addresses as immediates)"
else
	fail "kmap_atomic-same-code" "disassembly differs or has no fixmap immediate"
fi

boot_log_tmp

# layout_boot NAME TARGET ARGS...: build TARGET with the layout report and
# boot it; fills L.
layout_boot() {
	local name=$1 target=$2 k
	shift 2
	if ! k=$("$build" --tree "$v" --config "$target+layout" 2>/dev/null); then
		fail "$name" "build of $target+layout failed"
		return 1
	fi
	boot_values "$name" "$k" "$@"
}

MB=$((1 << 20))
# check_xen NAME HVS LAST_PKMAP PMD_SIZE: L holds a xen boot, P a PC boot of
# the same paging mode and memory.
check_xen() {
	local n=$1 hvs=$2 last_pkmap=$3 pmd=$4
	local top=$((hvs - 0x2000))
	local hole=$((0x100000000 - top - 4096))
	local cost
	local shift_=$((P[LAYOUT_FIXADDR_TOP] - top))
	local boot_start=$((P[LAYOUT_FIXADDR_BOOT_START] - shift_))
	local pkmap=$(((boot_start - 4096 * (last_pkmap + 1)) & ~(pmd - 1)))
	local lowmem
	kr_ram_of_log "$BOOT_LOG" || { fail "$n" "no memory map in the console"; return; }
	kr_hole_cost $top
	cost=$KR_COST
	kr_layout nopae $cost	# lowmem's end is the same in either paging mode
	lowmem=$((KR_LOW_KB * 1024))

	expect "$n FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" $top
	expect "$n HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $hole
	expect "$n HOLE_START" "${L[LAYOUT_HOLE_START]}" $((0x100000000 - hole))
	expect "$n HOLE_LOWMEM_COST" "${L[LAYOUT_HOLE_LOWMEM_COST]}" $cost
	expect "$n FIXADDR_START" "${L[LAYOUT_FIXADDR_START]}" $((P[LAYOUT_FIXADDR_START] - shift_))
	expect "$n FIXADDR_BOOT_START" "${L[LAYOUT_FIXADDR_BOOT_START]}" $boot_start
	expect "$n AT_SYSINFO_EHDR" "${L[AT_SYSINFO_EHDR]}" $((top - 4096))
	expect "$n PKMAP_BASE" "${L[LAYOUT_PKMAP_BASE]}" $pkmap
	expect "$n VMALLOC_END" "${L[LAYOUT_VMALLOC_END]}" $((pkmap - 8192))
	expect "$n lowmem bytes" "$((${L[LAYOUT_LOWMEM_KB]:-0} * 1024))" $lowmem
	expect "$n HIGH_MEMORY" "${L[LAYOUT_HIGH_MEMORY]}" $((0xc0000000 + lowmem))
	# vmalloc starts 8 MB above lowmem, rounded up to 8 MB.
	local vstart=$(((0xc0000000 + lowmem + 16 * MB - 1) & ~(8 * MB - 1)))
	expect "$n VMALLOC_START" "${L[LAYOUT_VMALLOC_START]}" $vstart
	expect "$n VmallocTotal kB" "${L[MEMINFO_VmallocTotal_kB]}" $(((pkmap - 8192 - vstart) / 1024))
	# The same RAM under the kernel's management (MemTotal differs by what
	# the two images keep reserved).
	expect "$n RAM managed kB" "$(ram_managed_kb)" "${P[RAM_MANAGED_kB]}"
	expect "$n hole pages mapped" "${L[LAYOUT_HOLE_MAPPED_PAGES]}" 0
	expect "$n hole pmds present" "${L[LAYOUT_HOLE_PMDS]}" 0
}

# same_as_xen NAME HOLE TARGET BOOT-ARGS...: L holds a Xen boot; TARGET,
# booted with fixaddr_hole=HOLE (Xen's hole, not a whole page table),
# prints every layout value the Xen kernel printed, the same.  The page
# granularity of the dynamic hole, in one comparison.
same_as_xen() {
	local n=$1 hole=$2 target=$3 key differ=''
	local -A X
	shift 3
	for key in "${!L[@]}"; do X[$key]=${L[$key]}; done
	layout_boot "boot-$target-hole$(printf '0x%x' "$hole")-${n##*-}" "$target" "$@" \
		--append "fixaddr_hole=$(printf '0x%x' "$hole")" || return
	for key in "${!X[@]}"; do
		case $key in
		LAYOUT_*)	[ "${L[$key]}" = "${X[$key]}" ] ||
				differ+=" $key (Xen ${X[$key]}, dynamic ${L[$key]:-none})" ;;
		esac
	done
	[ -z "$differ" ] && pass "$n at Xen's hole: every layout value the Xen kernel's" ||
		fail "$n at Xen's hole" "differ:$differ"
}

declare -A P
# The RAM the last boot's kernel manages: "Memory: free/TOTALk available".
ram_managed_kb() {
	sed -n 's/^Memory: [0-9]*k\/\([0-9]*\)k available.*/\1/p' "$BOOT_LOG"
}
# paging mode: PC target, xen target, HYPERVISOR_VIRT_START, LAST_PKMAP, PMD size
for mode in "pc-highmem4g xen-highmem4g 0xfc000000 1024 $((4 * MB))" \
	    "pc-pae xen-pae 0xf5800000 512 $((2 * MB))"; do
	read -r pc xen hvs last_pkmap pmd <<<"$mode"
	for mem in 256 1200; do
		P=()
		layout_boot "boot-$pc-layout-${mem}M" "$pc" --mem $mem || continue
		for k in "${!L[@]}"; do P[$k]=${L[$k]}; done
		P[RAM_MANAGED_kB]=$(ram_managed_kb)
		expect "$pc-${mem}M HOLE_SIZE" "${P[LAYOUT_HOLE_SIZE]}" 0
		expect "$pc-${mem}M FIXADDR_TOP" "${P[LAYOUT_FIXADDR_TOP]}" 0xfffff000
		layout_boot "boot-$xen-layout-${mem}M" "$xen" --mem $mem || continue
		check_xen "$xen-${mem}M" $hvs $last_pkmap $pmd
		same_as_xen "$pc+dynamic-${mem}M" $((0x100000000 - hvs + 0x1000)) \
			"$pc+dynamic" --mem $mem
	done
done

# vmalloc= still sizes the vmalloc reserve; the hole's cost comes on top.
if layout_boot "boot-xen-vmalloc64M-1200M" xen-highmem4g --mem 1200 --append vmalloc=64M; then
	kr_hole_cost $((0xfc000000 - 0x2000))
	kr_limit $((64 * MB)) $KR_COST
	expect "xen vmalloc=64M lowmem bytes" "$((${L[LAYOUT_LOWMEM_KB]:-0} * 1024))" $KR_LIMIT
fi

# The second tree gets the same fixed hole.  Its PC layout comes from the
# dynamic kernel the other tests build, booted with no hole asked for: the
# top where a fixed PC kernel has it (checked here).
v=v2.6.11.5
if need_tree "$v" "subarch-$v" && layout_boot "boot-$v-pc-highmem4g-dynamic-layout-1200M" pc-highmem4g+dynamic --mem 1200; then
	P=()
	for k in "${!L[@]}"; do P[$k]=${L[$k]}; done
	P[RAM_MANAGED_kB]=$(ram_managed_kb)
	expect "$v pc-highmem4g+dynamic-1200M HOLE_SIZE" "${P[LAYOUT_HOLE_SIZE]}" 0
	expect "$v pc-highmem4g+dynamic-1200M FIXADDR_TOP" "${P[LAYOUT_FIXADDR_TOP]}" 0xfffff000
	layout_boot "boot-$v-xen-highmem4g-layout-1200M" xen-highmem4g --mem 1200 &&
		check_xen "$v-xen-highmem4g-1200M" 0xfc000000 1024 $((4 * MB))
fi

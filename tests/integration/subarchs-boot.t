# Sub-architectures other than the PC, booted under QEMU (v2.6.12-rc1),
# each to the guest's PASS with the layout where this test computes it:
#   generic  -smp 1 and -smp 2: QEMU's machine gets the default APIC
#            driver; and with apic=bigsmp, apic=summit and apic=es7000,
#            each of the drivers the one kernel can pick at boot
#   bigsmp   -smp 1 and -smp 2
#   summit   -smp 1 and -smp 2
#   elan     on a 486 (-cpu 486): no sep, so the guest's sysenter checks
#            are n/a; the int $0x80 vsyscall and both signal trampolines
#            are checked
# each with a dynamic top (+dynamic), at its default and with
# fixaddr_hole=64M; generic and elan also with their fixed top (only a PC
# offers a larger fixed hole, CONFIG_FIXADDR_HOLE_MB: pc and xen boot in
# subarch.t and dynamic.t).  Each booted kernel's fixmap, read with its own
# compiler (scripts/fixmap-probe), is the one computed from its config,
# and its boot's FIXADDR_START and FIXADDR_BOOT_START are that fixmap
# under the moved top.
# Every boot's kmap_atomic() slots lie in the page tables computed from
# its fixmap, and kmap_atomic()'s one pointer reaches each of them (the
# layout report's KMAP_ lines).  Then the slots of every CPU: a generic
# kernel with PAE and NR_CPUS=40, whose slots run on into a second page
# table from CPU 33 on (the layout report checks kmap_pte - idx for all
# 520 of them), -smp 40, fixaddr_hole=0x20040000 (512 MB and 64 pages:
# the split moves with a top between page tables), the guest pinned to each CPU
# in turn moving 4 MB through highmem pages there (fhkmapcpus=4); sizes
# the round does not take are refused.  The APIC driver is es7000's
# (apic=es7000), whose flat mode delivers by 8-bit physical APIC ID:
# 2.6.12's bigsmp reads only 4 bits of the ID (mach-bigsmp's
# get_apic_id()), so QEMU's CPU 16, APIC ID 0x10, reads as CPU 0's and
# the boot dies after "Brought up 17 CPUs"; summit's clusters of four at
# IDs 0x00, 0x10, ... are not QEMU's numbering (its boot stops at CPU 4).
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
MB=$((1 << 20))
BOOT_LOG=$(mktemp)
PROBE=$(mktemp)
trap 'rm -f "$BOOT_LOG" "$PROBE"' EXIT

v=v2.6.12-rc1
need_tree "$v" subarchs-boot || exit 0

# probe NAME KERNEL: the kernel's fixmap into $PROBE, checked against the
# one computed from its config, $PROBE_CONFIG.
probe() {
	local why
	PROBE_CONFIG=$(fh_build_of "$2")/.config
	if "$FH_TESTS_TOP/scripts/fixmap-probe" "$2" >"$PROBE" 2>&1 &&
	   why=$(fh_fixmap_check "$PROBE_CONFIG" "$PROBE" "$(fh_fixmap_top "$PROBE_CONFIG")"); then
		pass "$1 fixmap as computed ($why)"
	else
		fail "$1 fixmap" "$(cat "$PROBE") $why"
		return 1
	fi
}

# slot NAME: its index in the last probe.
slot() {
	awk -v s="$1" '$1 == "SLOT" && $2 == s { print $3 }' "$PROBE"
}

# check_boot NAME SMP HOLE_BYTES: L holds the boot of the last probed kernel
# with -smp SMP and a hole of HOLE_MB (0: the default top), its console
# in $BOOT_LOG; lowmem as scripts/kernel-rules.sh computes it.
check_boot() {
	local n=$1 smp=$2 hole=$(($3))
	local top=$((0x100000000 - hole - 4096))
	expect "$n CPUS" "${L[CPUS]}" "$smp"
	expect "$n FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" $top
	expect "$n HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $hole
	expect "$n AT_SYSINFO_EHDR" "${L[AT_SYSINFO_EHDR]}" $((top - 4096))
	expect "$n FIXADDR_START" "${L[LAYOUT_FIXADDR_START]}" \
		$((top - $(slot __end_of_permanent_fixed_addresses) * 4096))
	expect "$n FIXADDR_BOOT_START" "${L[LAYOUT_FIXADDR_BOOT_START]}" \
		$((top - $(slot __end_of_fixed_addresses) * 4096))
	kr_ram_of_log "$BOOT_LOG" && kr_hole_cost $top && kr_layout nopae $KR_COST &&
		expect "$n lowmem bytes" "$((${L[LAYOUT_LOWMEM_KB]:-0} * 1024))" $((KR_LOW_KB * 1024)) ||
		fail "$n lowmem bytes" "no memory map in the console"
	expect "$n hole pages+pmds" "$((${L[LAYOUT_HOLE_MAPPED_PAGES]:-1} + ${L[LAYOUT_HOLE_PMDS]:-1}))" 0
	if grep -qx CONFIG_HIGHMEM=y "$PROBE_CONFIG"; then
		read -r tables _ < <(fh_kmap_tables "$PROBE_CONFIG" "$PROBE" $hole)
		expect "$n kmap slots" "${L[LAYOUT_KMAP_SLOTS]}" \
			$(($(slot FIX_KMAP_END) - $(slot FIX_KMAP_BEGIN) + 1))
		expect "$n kmap slots' page tables" "${L[LAYOUT_KMAP_PAGE_TABLES]}" "$tables"
		expect "$n kmap slots kmap_pte misses" "${L[LAYOUT_KMAP_SLOTS_MISSED]}" 0
	fi
	[ "$hole" -eq 0 ] || [ "${L[CHECK_hole_probe]}" = ok ] &&
		pass "$n user space" || fail "$n user space" "CHECK_hole_probe=${L[CHECK_hole_probe]}"
}

# The APIC driver a generic kernel picked, from the boot log.
apic_driver() {
	sed -n 's/^Using APIC driver \([a-z0-9]*\).*/\1/p' "$BOOT_LOG" | head -n 1
}

# target: CPU model, the -smp counts, and whether the fixed top boots too.
for row in "generic pentium3 1,2 fixed" "bigsmp pentium3 1,2 -" \
	   "summit pentium3 1,2 -" "elan 486 1 fixed"; do
	read -r s cpu smps fixed <<<"$row"
	kernels=("$s+dynamic+layout")
	[ "$fixed" = - ] || kernels+=("$s+layout")
	for target in "${kernels[@]}"; do
		k=$(build_kernel $v "$target") || continue
		probe "$target" "$k" || continue
		holes="0 64"
		[ "$target" = "$s+layout" ] && holes=0
		for smp in ${smps//,/ }; do
			for h in $holes; do
				n=$target-smp$smp-hole${h}M
				args=(--mem 1200 --smp "$smp" --cpu "$cpu")
				[ "$h" -eq 0 ] || args+=(--append "fixaddr_hole=${h}M")
				boot_values "boot-$n" "$k" "${args[@]}" || continue
				check_boot "$n" "$smp" $((h * MB))
				if [ "$s" = generic ]; then
					[ "$(apic_driver)" = default ] &&
						pass "$n APIC driver default" ||
						fail "$n APIC driver" "'$(apic_driver)', want default"
				fi
				if [ "$s" = elan ]; then
					grep -q '^CPU: .*486' "$BOOT_LOG" &&
						pass "$n runs on a 486" ||
						fail "$n runs on a 486" "$(grep -m 1 '^CPU:' "$BOOT_LOG")"
					[ "${L[CPU_SEP]}" = 0 ] && [ "${L[CHECK_sep]}" = n/a ] &&
					[ "${L[CHECK_vsyscall_int80]}" = ok ] &&
					[ "${L[CHECK_syscalls]}" = ok ] &&
					[ "${L[CHECK_signal_plain]}" = ok ] &&
					[ "${L[CHECK_signal_siginfo]}" = ok ] &&
						pass "$n int \$0x80 vsyscall and both trampolines, sysenter n/a" ||
						fail "$n no-sep paths" "sep=${L[CPU_SEP]} ${L[CHECK_sep]} int80=${L[CHECK_vsyscall_int80]} syscalls=${L[CHECK_syscalls]} signals=${L[CHECK_signal_plain]},${L[CHECK_signal_siginfo]}"
				fi
			done
		done
	done
done

# The generic kernel with each APIC driver it can pick, forced with apic=:
# what a distribution's one kernel did on those machines.
target=generic+dynamic+layout
if k=$(build_kernel $v "$target") && probe "$target" "$k"; then
	for driver in bigsmp summit es7000; do
		n=$target-apic=$driver-smp2-hole64M
		boot_values "boot-$n" "$k" --mem 1200 --smp 2 \
			--append "apic=$driver fixaddr_hole=64M" || continue
		check_boot "$n" 2 $((64 * MB))
		[ "$(apic_driver)" = "$driver" ] && pass "$n APIC driver $driver" ||
			fail "$n APIC driver" "'$(apic_driver)', want $driver"
	done
	# A size the kmap round does not take fails the guest, saying why.
	for bad in 0 65 8x; do
		expect_exit "fhkmapcpus=$bad refused" 1 \
			"KMAPCPUS_BROKEN=fhkmapcpus= wants a size from 1 to 64 \(MB\)" \
			"$FH_TESTS_TOP/scripts/kernel-boot" "$k" --append "fhkmapcpus=$bad"
	done
fi

# The kmap_atomic() slots of NR_CPUS=40, a hole of 512 MB and 64 pages,
# PAE.  The slots of the first CPUs share a page table with
# FIX_KMAP_BEGIN; from CPU 33 on (CPU 38 at 512 MB: a top between page
# tables moves the split) they lie in the next one down, which
# kmap_atomic() reaches from the same pointer.  All 40 CPUs run the round.
cpus=40 smp=40 hole=$((0x20040000)) mb=4
target=generic+CONFIG_HIGHMEM64G=y+CONFIG_NR_CPUS=$cpus+dynamic+layout
if k=$(build_kernel $v "$target") && probe "generic-pae-nr$cpus" "$k"; then
	kmap_pages=$(($(slot FIX_KMAP_END) - $(slot FIX_KMAP_BEGIN) + 1))
	per_cpu=$(awk '$1 == "CONST" && $2 == "KM_TYPE_NR" { print $3 }' "$PROBE")
	expect "kmap slots of $cpus CPUs" "$kmap_pages" $((per_cpu * cpus))
	read -r tables split < <(fh_kmap_tables "$PROBE_CONFIG" "$PROBE" $hole)
	[ "$tables" = 2 ] && [ "$split" != - ] && [ "$split" -lt $smp ] &&
		pass "kmap slots of $cpus CPUs in 2 page tables, CPU $split's first across, under -smp $smp" ||
		fail "kmap slots of $cpus CPUs" "$tables page tables, first CPU across: $split"
	n=generic-pae-nr$cpus-es7000-smp$smp-hole$(printf '0x%x' $hole)
	if boot_values "boot-$n" "$k" --mem 2048 --smp $smp --timeout 240 \
			--append "apic=es7000 fixaddr_hole=$(printf '0x%x' $hole) fhkmapcpus=$mb"; then
		check_boot "$n" $smp $hole
		[ "$(apic_driver)" = es7000 ] && pass "$n APIC driver es7000" ||
			fail "$n APIC driver" "'$(apic_driver)', want es7000"
		expect "$n CPUs the kmap round ran on" "${L[KMAPCPUS_CPUS]}" $smp
		want=$(seq -s, 0 $((smp - 1)))
		[ "${L[KMAPCPUS_LIST]}" = "$want" ] && pass "$n kmap round on CPUs $want" ||
			fail "$n kmap round CPUs" "'${L[KMAPCPUS_LIST]}', want $want"
		# The file's page cache came from highmem on every CPU (a few
		# pages may come from lowmem while highmem is being refilled).
		min=${L[KMAPCPUS_FILE_HIGHMEM_PAGES_MIN]:-0}
		[ "$min" -ge $((mb * 256 * 9 / 10)) ] &&
			pass "$n highmem pages on every CPU (at least $min of $((mb * 256)))" ||
			fail "$n highmem pages" "$min of $((mb * 256)) on some CPU"
		[ "${L[CHECK_kmapcpus]}" = ok ] && pass "$n every word read back" ||
			fail "$n kmap round" "$(grep -m 3 KMAPCPUS_BROKEN "$BOOT_LOG" | tr '\n' ' ')"
	fi
fi

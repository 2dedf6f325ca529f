# Hostile user space on v2.6.12-rc1 (the guest's check "hostile"): an
# unprivileged process enters the kernel with a null selector and with an
# LDT data segment in %ds %es %fs %gs (getpid through sysenter and int
# $0x80, a signal through each trampoline), and reads and writes the hole,
# the old and the current gate page and kernel addresses directly, through
# /proc/self/mem and ptrace, and munmap()s and mprotect()s the gate page.
# The LDT base turns a %ds-relative kernel read of sysenter_return into a
# read of linux_banner; both come from each kernel's System.map, passed as
# fhhostile=.  Pristine, fixed-hole, dynamic-hole (non-PAE and PAE) and
# the naive dynamic prefix's kernels, each under QEMU and under Bochs:
# QEMU does not check null selectors on data accesses, Bochs does, as a
# CPU would.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
boot_log_tmp
v=v2.6.12-rc1

need_tree "$v" hostile || exit 0

# The kernel's linux_banner and sysenter_return (sysenter_entry where there
# is none: the base is hostile all the same), as BANNER,TARGET.
symbols() {
	awk '$3 == "linux_banner" { b = $1 } $3 == "sysenter_return" { r = $1 }
	     $3 == "sysenter_entry" { e = $1 }
	     END { if (b && (r || e)) print b "," (r ? r : e) }' \
		"$(fh_build_of "$1")/System.map"
}

# A guest value from the last boot's console log.
val() {
	sed -n "s/^fhtest: $1=//p" "$BOOT_LOG" | tail -n 1
}

# check NAME SYMBOLS HOLE_START|none: the last boot's hostile results.
check() {
	local n=$1 syms=$2 hole=$3 base key group bad=
	base=$(printf '0x%08x' $(( (0x${syms%,*} - 0x${syms#*,}) & 0xffffffff )))
	if [ "$(val CHECK_hostile)" = ok ]; then
		pass "$n CHECK_hostile=ok"
	else
		fail "$n CHECK_hostile" "'$(val CHECK_hostile)'; $( { grep -m 1 'EIP is at' "$BOOT_LOG"
			grep -m 3 -o 'HOSTILE_FAIL=.*' "$BOOT_LOG"; } | tr '\n' ';')"
	fi
	[ "$(val HOSTILE_UID)" = 1000 ] && pass "$n unprivileged" ||
		fail "$n unprivileged" "HOSTILE_UID='$(val HOSTILE_UID)'"
	[ "$(val HOSTILE_LDT_BASE | cut -d' ' -f1)" = "$base" ] &&
		pass "$n LDT base $base" || fail "$n LDT base" "'$(val HOSTILE_LDT_BASE)', want $base"
	# Every group ran, and the address set is the hole's or kernel-only.
	for key in VSYSCALL INT80 SIGNAL_PLAIN SIGNAL_RT USER_ACCESS GATE_WRITE \
		   PROC_MEM PTRACE GATE_MAP; do
		group=$(val HOSTILE_$key)
		[ "${group%% *}" = ok ] || bad+=" $key='$group'"
	done
	if [ "$hole" = none ]; then
		[[ "$(val HOSTILE_ADDRS)" == kernel-only* ]] || bad+=" ADDRS='$(val HOSTILE_ADDRS)'"
		[[ "$(val HOSTILE_OLD_GATE)" == n/a* ]] || bad+=" OLD_GATE='$(val HOSTILE_OLD_GATE)'"
	else
		[[ "$(val HOSTILE_ADDRS)" == "hole $hole,"* ]] || bad+=" ADDRS='$(val HOSTILE_ADDRS)', want hole $hole"
		[ "$(val HOSTILE_OLD_GATE)" = ok ] || bad+=" OLD_GATE='$(val HOSTILE_OLD_GATE)'"
	fi
	[ -z "$bad" ] && pass "$n every probe group ok" || fail "$n probe groups" "${bad# }"
}

# bochs NAME KERNEL ARGS...: as boot_values, under Bochs.
bochs() {
	local name=$1 kernel=$2 out rc=0
	shift 2
	out=$("$FH_TESTS_TOP/scripts/bochs-boot" "$kernel" --log "$BOOT_LOG" "$@" 2>&1) || rc=$?
	sed -i 's/\r//g' "$BOOT_LOG"
	[ $rc -eq 0 ] && pass "$name ($(echo "$out" | sed -n 's/^boot: wall time //p'))" ||
		fail "$name" "$(echo "$out" | grep -E '^bootlog: why|failed' | head -n 3 | tr '\n' ' ')"
}

# both NAME KERNEL HOLE_START|none [ARGS]: boot under QEMU and Bochs, check each.
both() {
	local n=$1 k=$2 hole=$3 args=${4:-} syms
	syms=$(symbols "$k")
	[ -n "$syms" ] || { fail "$n symbols" "no linux_banner in System.map"; return; }
	boot_values "boot-qemu-$n" "$k" --mem 1200 --append "$args fhhostile=$syms"
	check "qemu-$n" "$syms" "$hole"
	bochs "boot-bochs-$n" "$k" --mem 1200 --append "$args fhhostile=$syms"
	check "bochs-$n" "$syms" "$hole"
}

# Pristine: the toolchain section alone, no layout report.
k=$(build_kernel $v pc-highmem4g toolchain) &&
	both pristine "$k" none

# A fixed hole: Xen's, 64 MB and a page (the kernel subarch.t boots; a
# fixed top is the same constant whichever sub-architecture sets it).
k=$(build_kernel $v xen-highmem4g+layout) &&
	both fixed-xen "$k" 0xfbfff000

# The dynamic hole: moved by 168 MB, and not moved at all.
if k=$(build_kernel $v pc-highmem4g+dynamic+layout); then
	both dynamic168M "$k" 0xf5800000 fixaddr_hole=168M
	both dynamic-nohole "$k" none
fi

# The naive dynamic top, the series up to fixaddr-top-selftest, where
# every use loads the variable and sysenter pushes %ss:sysenter_return.
naive=$(fh_feature_index fixaddr-top-selftest.patch)
k=$(build_kernel $v pc-highmem4g+dynamic+layout "$naive") &&
	both naive168M "$k" 0xf5800000 fixaddr_hole=168M

# PAE, moved.
k=$(build_kernel $v pc-pae+dynamic+layout) &&
	both pae-dynamic168M "$k" 0xf5800000 fixaddr_hole=168M

# The guest's own way to the symbols: /proc/kallsyms with every symbol in
# it, in the tests' one odd kernel (tests/lib.sh).
if k=$(build_kernel $v "$ODD_CONFIG"); then
	boot_values "boot-qemu-kallsyms" "$k" --mem 1200 --append fixaddr_hole=168M
	[[ "$(val HOSTILE_LDT_BASE)" == *"(kallsyms: "* ]] && pass "kallsyms gives the symbols" ||
		fail "kallsyms gives the symbols" "'$(val HOSTILE_LDT_BASE)'"
	check qemu-kallsyms "$(symbols "$k")" 0xf5800000
fi

# What a hole can serve, on v2.6.12-rc1, each limit where it can be known:
# - dynamic: fixaddr_hole= takes what memparse() takes (dynamic.t tries
#   what it refuses); the largest hole scripts/kernel-rules.sh computes
#   the machine can serve (kernel image, mem_map, page tables, initrd, 16 MB to run
#   in), found to the page, boots, with the initrd moved into lowmem, and
#   the next page is refused, at 32 MB, 1200 MB and 4096 MB without PAE and 8192 MB
#   with it; the kernel prints the same need as the model computes;
#   vmalloc= and fixaddr_hole= agree in either order at -Os too; initrds
#   of a page multiple, a byte under and over it, across lowmem's end,
#   and of 64 MB are moved or refused, and what the boot allocated after
#   the move (the DMI strings) reads right once user space runs;
# - fixed: the bzImage header's ramdisk_max follows lowmem's end; a hole
#   that leaves no room for the image fails the build; the largest that
#   builds boots, ignores a vmalloc= that leaves no lowmem and an initrd
#   that cannot fit, one line each; a machine too big for the lowmem
#   left is used up to where the model computes (8 GB with PAE, and 4 GB
#   where the cut falls in the PCI hole, with vmalloc=).
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
. "$FH_TESTS_TOP/scripts/kernel-rules.sh"
MB=$KR_MB
boot_log_tmp
build=$FH_TESTS_TOP/scripts/kernel-build

v=v2.6.12-rc1
need_tree "$v" hardening || exit 0
guest_initrd=$(fh_guest_initrd) || { fail hardening-guest "the guest program does not build"; exit 0; }
initrd_size=$(stat -c %s "$guest_initrd")

k=$(build_kernel $v pc-highmem4g+dynamic+layout) || exit 0
kpae=$(build_kernel $v pc-pae+dynamic+layout) || exit 0

# Values as memparse() reads them: all of these are 168 MB.
for val in 168M 168m 172032K 0xa800000 0XA800000 0250M 176160768; do
	boot_values "boot-hole-$val" "$k" --mem 1200 --append "fixaddr_hole=$val" &&
		expect "fixaddr_hole=$val HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $((168 * MB))
done

# check_edge NAME KERNEL PAGING MEM: the largest hole this machine can
# serve, to the page, boots, with the initrd where lowmem reaches; a page
# more is refused.
check_edge() {
	local n=$1 kernel=$2 paging=$3 mem=$4 end h want lowmem
	boot_values "boot-$n-default" "$kernel" --mem "$mem" || return
	kr_ram_of_log "$BOOT_LOG" || { fail "$n" "no memory map in the console"; return; }
	end=$(fh_image_end "$kernel")
	kr_max_pfn
	kr_largest_hole $paging "$end" $KR_MAX_PFN "$initrd_size"
	h=$KR_LARGEST
	kr_hole_cost $((KR_PC_TOP - h))
	kr_layout $paging $KR_COST
	lowmem=$((KR_LOW_KB * 1024))
	kr_lowmem_need $paging "$end" $KR_MAX_PFN $KR_LIMIT "$initrd_size"
	want=$KR_NEED
	if boot_values "boot-$n-hole$(printf '0x%x' $h)" "$kernel" --mem "$mem" \
		--append "fixaddr_hole=$(printf '0x%x' $h)"; then
		expect "$n largest hole $(printf '0x%x' $h): HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $h
		expect "$n largest hole: lowmem kB" "${L[LAYOUT_LOWMEM_KB]}" $((lowmem / 1024))
		expect "$n: the kernel's need, kB" \
			"$(sed -n 's/^fixaddr_hole: this machine needs \([0-9]*\) kB .*/\1/p' "$BOOT_LOG")" \
			$((want / 1024))
		# The boot loader put the initrd near the top of RAM or 512 MB,
		# above this lowmem: the kernel moved it (the guest ran from it).
		grep -qE "^initrd: [0-9]+ kB at 0x[0-9a-f]+, above the end of lowmem \\(0x$(printf '%08x' $lowmem)\\), moved to 0x[0-9a-f]+$" "$BOOT_LOG" &&
			pass "$n: the initrd moved into lowmem" ||
			fail "$n: the initrd moved into lowmem" "$(grep -m 1 'initrd' "$BOOT_LOG")"
	fi
	h=$((h + KR_PAGE))
	kr_hole_cost $((KR_PC_TOP - h))
	kr_limit '' $KR_COST
	if boot_values "boot-$n-hole$(printf '0x%x' $h)" "$kernel" --mem "$mem" \
		--append "fixaddr_hole=$(printf '0x%x' $h)"; then
		grep -q "^fixaddr_hole=$(printf '0x%x' $h) refused: it would leave $((KR_LIMIT / MB)) MB of lowmem, under the [0-9]* MB this machine needs; the hole stays 0 kB$" "$BOOT_LOG" &&
			pass "$n: $(printf '0x%x' $h) refused, a page more than it serves" ||
			fail "$n: $(printf '0x%x' $h) refused" "$(grep -m 1 'fixaddr_hole' "$BOOT_LOG")"
		expect "$n: $(printf '0x%x' $h) default kept" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
	fi
}
check_edge nopae-32M "$k" nopae 32
check_edge nopae-1200M "$k" nopae 1200
check_edge nopae-4096M "$k" nopae 4096
check_edge pae-8192M "$kpae" pae 8192

# Initrds of other sizes: the guest's padded to a page multiple, one
# byte under it and one byte into the next page, moved from above
# lowmem's end (1200 MB, a 400 MB hole: lowmem ends at 0x1f000000); one
# of 8 MB and a byte across lowmem's end (a 388 MB hole: 0x1fc00000);
# and 64 MB on a 96 MB machine, where the largest hole leaves it in
# lowmem and the next step, ending lowmem across it, needs room for both
# copies while it is moved.  What the boot allocates after the move must
# survive it: the DMI strings (bootmem, in dmi_scan_machine()), read by
# the guest through /dev/mem once user space runs, are those of a boot
# where nothing moved.  Before the copy took whole pages they shared its
# last page, which free_initrd_mem() freed.
initrds=$(mktemp -d)
trap 'rm -f "$BOOT_LOG"; rm -rf "$initrds"' EXIT
page=$(( (initrd_size + 4095) / 4096 * 4096 ))
for size in $((page - 1)) $page $((page + 1)) $((8 * MB + 1)) $((2 * MB)) $((64 * MB)); do
	cp "$guest_initrd" "$initrds/$size"
	truncate -s $size "$initrds/$size"
done
dmi=fhdmi=$(awk '$3 == "dmi_ident" { print $1 }' "$(fh_build_of "$k")/System.map")
dmi_strings() {
	local i
	for i in 1 2 3 4 5 6 7 8 9; do printf '%s\n' "${L[DMI_$i]-(missing)}"; done
}
if boot_values "boot-dmi-unmoved" "$k" --mem 1200 --append "$dmi"; then
	dmi_want=$(dmi_strings)
	[ "${L[DMI_1]}" = SeaBIOS ] && pass "DMI strings of a boot without a move: BIOS vendor SeaBIOS" ||
		fail "DMI strings without a move" "DMI_1='${L[DMI_1]}', want SeaBIOS"
	for c in "$((page - 1)) 400M 0x1f000000" "$page 400M 0x1f000000" \
		 "$((page + 1)) 400M 0x1f000000" "$((8 * MB + 1)) 388M 0x1fc00000"; do
		set -- $c
		n="initrd of $1 bytes, hole $2"
		boot_values "boot-initrd-$1-hole$2" "$k" --mem 1200 --initrd "$initrds/$1" \
			--append "fixaddr_hole=$2 $dmi" || continue
		grep -qE "^initrd: $(( $1 / 1024 )) kB at 0x[0-9a-f]+, above the end of lowmem \($3\), moved to" \
			"$BOOT_LOG" && pass "$n: moved whole" ||
			fail "$n: moved whole" "$(grep -m 1 initrd "$BOOT_LOG")"
		[ "$(dmi_strings)" = "$dmi_want" ] && pass "$n: the DMI strings survive the move" ||
			fail "$n: the DMI strings" "$(dmi_strings | paste -sd'|'), want $(echo "$dmi_want" | paste -sd'|')"
	done
fi
# The guest's own option: an address that is not a kernel one fails it.
for bad in zz 1000 c0231080x; do
	expect_exit "fhdmi=$bad refused" 1 "DMI_BROKEN=fhdmi= wants dmi_ident's kernel address, in hex" \
		"$FH_TESTS_TOP/scripts/kernel-boot" "$k" --append "fhdmi=$bad"
done
boot_values "boot-initrd-64M-96M-hole800M" "$k" --mem 96 --initrd "$initrds/$((64 * MB))" \
	--append fixaddr_hole=800M &&
	expect "64 MB initrd, 96 MB, 800 MB hole: HOLE_SIZE" "${L[LAYOUT_HOLE_SIZE]}" $((800 * MB))
if boot_values "boot-initrd-64M-96M-hole804M" "$k" --mem 96 --initrd "$initrds/$((64 * MB))" \
	--append fixaddr_hole=804M; then
	grep -q '^fixaddr_hole=804M refused: it would leave 92 MB of lowmem, under the [0-9]* MB this machine needs' "$BOOT_LOG" &&
		pass "64 MB initrd across lowmem's end: counted twice, refused" ||
		fail "64 MB initrd across lowmem's end" "$(grep -m 1 'fixaddr_hole' "$BOOT_LOG")"
fi

# Early and late: a move once lowmem is laid out, or a fixmap is set, is
# refused with -EBUSY (-16).
if boot_values "boot-selftest" "$k" --append "fixaddr_hole_selftest"; then
	for when in "after setup_memory()" "with the fixmap in use"; do
		grep -qxF "fixaddr_hole: self-test: set_fixaddr_top() $when returned -16" "$BOOT_LOG" &&
			pass "self-test: a move $when is refused with -EBUSY" ||
			fail "self-test $when" "$(grep -m 2 'self-test' "$BOOT_LOG" | tr '\n' ' ')"
	done
fi

# -Os, where gcc is keenest to merge and move: vmalloc= and fixaddr_hole=
# in either order leave 1 GB - 192 MB - 256 MB of lowmem (1200 MB of RAM).
# (The kernel has every symbol in /proc/kallsyms too: hostile.t's guest
# finds its symbols there, in the same build.)
if kos=$(build_kernel $v "$ODD_CONFIG"); then
	grep -qx CONFIG_CC_OPTIMIZE_FOR_SIZE=y "$(fh_build_of "$kos")/.config" &&
		pass "-Os kernel built" || fail "-Os kernel built" "CONFIG_CC_OPTIMIZE_FOR_SIZE not set"
	kr_limit $((192 * MB)) $((256 * MB))
	for args in "fixaddr_hole=256M vmalloc=192M" "vmalloc=192M fixaddr_hole=256M"; do
		boot_values "boot-Os-'$args'" "$kos" --mem 1200 --append "$args" &&
			expect "-Os '$args' lowmem kB" "${L[LAYOUT_LOWMEM_KB]}" $((KR_LIMIT >> 10))
	done
fi

# Fixed holes.  The header: an initrd must end where lowmem ends.
ramdisk_max() { od -An -tx4 -j $((0x22c)) -N4 "$1" | tr -d ' '; }
p=$(build_kernel $v pc-highmem4g) &&
	expect "no hole: ramdisk_max as before" "0x$(ramdisk_max "$p")" 0x1fffffff

# What the build refuses: a hole that leaves no room for the kernel image.
# (Any top suits the kmap_atomic() slots: subarchs-boot.t boots 40 CPUs
# whose slots lie across two page tables.)
# build_refused NAME CONFIG MESSAGE: the build fails, its log saying so.
build_refused() {
	local log=$FH_CACHE/logs/$v-$2-all/build.log
	if "$build" --tree $v --config "$2" >/dev/null 2>&1; then
		fail "$1" "$2 built"
	elif grep -q -- "$3" "$log" 2>/dev/null; then
		pass "$1"
	else
		fail "$1" "$log does not say: $3"
	fi
}
build_refused "build refuses a hole with no room for the image" \
	pc-highmem4g+CONFIG_FIXADDR_HOLE_MB=896 \
	"the hole above the fixmap leaves too little lowmem for this kernel"

# The largest fixed hole that builds: image and 16 MB below lowmem's end.
kr_largest_fixed_hole "$(fh_image_end "$p")"
hmax=$((KR_LARGEST / MB))
if kmax=$(build_kernel $v "pc-highmem4g+layout+CONFIG_FIXADDR_HOLE_MB=$hmax"); then
	pass "fixed hole of $hmax MB, the largest with room for the image, builds"
	kr_limit '' $((hmax * MB))
	expect "fixed $hmax MB: ramdisk_max" "0x$(ramdisk_max "$kmax")" $((KR_LIMIT - 1))
	if boot_values "boot-fixed${hmax}-256M" "$kmax" --mem 256; then
		expect "fixed $hmax MB: lowmem kB" "${L[LAYOUT_LOWMEM_KB]}" $((KR_LIMIT >> 10))
		# Without the header's ramdisk_max the loader puts the initrd
		# near the top of the 256 MB, far above this lowmem.
		grep -qE 'initrd extends beyond|above the end of lowmem' "$BOOT_LOG" &&
			fail "fixed $hmax MB: initrd where lowmem reaches" "$(grep -m 1 initrd "$BOOT_LOG")" ||
			pass "fixed $hmax MB: the boot loader put the initrd in lowmem"
	fi
	# vmalloc= that leaves no lowmem for the kernel: ignored, one line.
	if boot_values "boot-fixed${hmax}-256M-vmalloc132M" "$kmax" --mem 256 --append vmalloc=132M; then
		grep -q '^fixmap hole: vmalloc= leaves [0-9]* MB of lowmem, too little for the kernel and its initrd: ignored$' "$BOOT_LOG" &&
			pass "fixed $hmax MB: vmalloc=132M ignored, one line" ||
			fail "fixed $hmax MB: vmalloc=132M ignored" "$(grep -m 1 'fixmap hole' "$BOOT_LOG")"
		expect "fixed $hmax MB, vmalloc=132M: lowmem kB" "${L[LAYOUT_LOWMEM_KB]}" $((KR_LIMIT >> 10))
	fi
	# An initrd below ramdisk_max that cannot fit beside the kernel: one
	# line, then the boot stops where it cannot mount root, with the
	# console up to say so.
	"$FH_TESTS_TOP/scripts/kernel-boot" "$kmax" --mem 256 --initrd "$initrds/$((2 * MB))" \
		--timeout 60 --log "$BOOT_LOG" >/dev/null 2>&1
	sed -i 's/\r//g' "$BOOT_LOG"
	grep -q "^fixmap hole: $((KR_LIMIT / MB)) MB of lowmem cannot hold the kernel and its 2048 kB initrd: the initrd is not used$" "$BOOT_LOG" &&
	grep -q 'VFS: Unable to mount root' "$BOOT_LOG" &&
		pass "fixed $hmax MB, 2 MB initrd: one line, then no root" ||
		fail "fixed $hmax MB, 2 MB initrd" "$(grep -m 1 -E 'fixmap hole|Kernel panic' "$BOOT_LOG")"
fi

# A machine too big for the lowmem a fixed hole leaves: 8 GB with PAE and
# an 832 MB hole (64 MB of lowmem, the mem_map alone would take 72), and
# 4 GB without PAE and 48 MB of lowmem (the largest hole above, with the
# vmalloc= that leaves 48 MB), where the cut falls in the PCI hole below
# 4 GB and moves down to the end of RAM below it.
# check_trim NAME CONFIG PAGING MEM HOLE_MB [VMALLOC_MB]
check_trim() {
	local n=$1 config=$2 paging=$3 mem=$4 hole=$5 vmalloc=${6:-} kf args=()
	[ -z "$vmalloc" ] || args=(--append "vmalloc=${vmalloc}M")
	kf=$(build_kernel $v "$config") && boot_values "boot-$n" "$kf" --mem "$mem" "${args[@]}" || return
	kr_ram_of_log "$BOOT_LOG" || { fail "$n" "no memory map in the console"; return; }
	kr_fixed_boot $paging "$(fh_image_end "$kf")" "$initrd_size" $((hole * MB)) \
		"${vmalloc:+$((vmalloc * MB))}"
	[[ " ${KR_SAYS[*]} " == *" trimmed "* ]] || { fail "$n" "the model does not trim: ${KR_SAYS[*]}"; return; }
	grep -q "^fixmap hole: $((KR_LIMIT / MB)) MB of lowmem cannot hold the mem_map for memory up to $((KR_MAX_PFN >> 8)) MB; using memory up to $((KR_UPTO / MB)) MB$" "$BOOT_LOG" &&
		pass "$n: one line, memory up to $((KR_UPTO / MB)) MB" ||
		fail "$n" "$(grep -m 1 'fixmap hole' "$BOOT_LOG"), want up to $((KR_UPTO / MB)) MB"
	expect "$n: highmem kB" "${L[MEMINFO_HighTotal_kB]}" $KR_HIGH_KB
}
check_trim fixed832-pae-8192M pc-pae+layout+CONFIG_FIXADDR_HOLE_MB=832 pae 8192 832
check_trim "fixed$hmax-nopae-4096M-vmalloc$((976 - hmax))M" \
	"pc-highmem4g+layout+CONFIG_FIXADDR_HOLE_MB=$hmax" nopae 4096 $hmax $((976 - hmax))

# Foundation: each tree, with the whole series applied, builds and boots to
# the guest's PASS under QEMU -- lowmem only at 256 MB, with highmem at
# 1200 MB, and on two CPUs -- with no panic, oops or BUG on the way.
# Beside the PC kernel the reference tree boots kernels the other tests
# build too: PAE with the layout report, and the dynamic SMP and no-highmem
# kernels with no hole asked for (fixed SMP kernels boot in
# subarchs-boot.t, generic+layout).
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
build=$FH_TESTS_TOP/scripts/kernel-build

boot_log_tmp

# boot_test NAME KERNEL ARGS...: one boot, one result line, and what it
# measured as comments.
boot_test() {
	local key
	boot_values "$@" || return
	for key in AT_SYSINFO MEMINFO_LowTotal_kB MEMINFO_HighTotal_kB CPUS; do
		echo "# $key=${L[$key]}" >&2
	done
}

# The guest's PASS already covers these; naming them makes a report say
# which part broke.
vdso_ok=(--require 'CHECK_vdso_image=ok' --require 'CHECK_sep=ok'
	 --require 'CHECK_syscalls=ok' --require 'CHECK_signal_plain=ok'
	 --require 'CHECK_signal_siginfo=ok' --require 'CHECK_maps=ok')

for v in $FH_VERSIONS; do
	need_tree "$v" "boot-$v" || continue
	configs="pc-highmem4g pc-smp"
	# The reference tree also boots the other two paging set-ups.
	[ "$v" = v2.6.12-rc1 ] &&
		configs="pc-highmem4g pc-smp+dynamic+layout pc-pae+layout pc-nohighmem+dynamic+layout"
	for config in $configs; do
		if ! k=$("$build" --tree "$v" --config "$config" 2>"$FH_CACHE/last-build.err"); then
			fail "build-$v-$config" "$(tail -n 3 "$FH_CACHE/last-build.err" | tr '\n' ' ')"
			continue
		fi
		pass "build-$v-$config ($(grep -q '^==> reusing' "$FH_CACHE/last-build.err" && echo cached ||
			sed -n 's/^    done in \(.*\)/built in \1/p' "$FH_CACHE/last-build.err" | tail -n 1))"
		case $config in
		pc-highmem4g)
			boot_test "boot-$v-$config-256M" "$k" --mem 256 "${vdso_ok[@]}" \
				--require 'MEMINFO_HighTotal_kB==0'
			boot_test "boot-$v-$config-1200M" "$k" --mem 1200 "${vdso_ok[@]}" \
				--require 'MEMINFO_HighTotal_kB>0'
			;;
		pc-smp|pc-smp+dynamic+layout)
			boot_test "boot-$v-$config-smp2" "$k" --mem 1200 --smp 2 "${vdso_ok[@]}" \
				--require 'CPUS==2' --require 'MEMINFO_HighTotal_kB>0'
			;;
		pc-pae+layout)
			boot_test "boot-$v-$config-1200M" "$k" --mem 1200 "${vdso_ok[@]}" \
				--require 'MEMINFO_HighTotal_kB>0'
			;;
		pc-nohighmem+dynamic+layout)
			# Above 896 MB of lowmem the rest is simply not used.
			boot_test "boot-$v-$config-1200M" "$k" --mem 1200 "${vdso_ok[@]}" \
				--require 'MEMINFO_HighTotal_kB==0' --require 'MEMINFO_MemTotal_kB<917504'
			;;
		esac
	done
done

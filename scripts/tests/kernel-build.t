# kernel-build, kernel-boot and fixmap-probe refuse bad arguments before
# doing any work, and the series filter gives each tree only its own
# toolchain patches.
. "$(dirname "$0")/../../tests/lib.sh"
kb=$FH_TESTS_TOP/scripts/kernel-build
boot=$FH_TESTS_TOP/scripts/kernel-boot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect_exit build-unknown-tree 2 "unknown tree 'v2.6.99'" "$kb" --tree v2.6.99
expect_exit build-unknown-config 2 "no config target 'nonesuch'" "$kb" --config nonesuch
expect_exit build-base-is-no-target 2 "no config target 'base'" "$kb" --config base
expect_exit build-bad-patches 2 "--patches takes all, toolchain or a number" "$kb" --patches some
expect_exit build-too-many-patches 2 "the series has only" "$kb" --patches 999
expect_exit build-stray-argument 2 "unknown argument" "$kb" extra
expect_exit build-no-tree-in-cache 1 "run: scripts/kernel-import v2.6.11.5" \
	env FIXMAP_HOLE_CACHE="$tmp" "$kb" --tree v2.6.11.5

expect_exit boot-no-kernel 2 'which kernel' "$boot"
expect_exit boot-missing-kernel 2 'no such kernel image' "$boot" "$tmp/bzImage"
touch "$tmp/bzImage"
expect_exit boot-bad-mem 2 "'12x' is not a positive whole number" "$boot" "$tmp/bzImage" --mem 12x
expect_exit boot-zero-smp 2 "'0' is not a positive whole number" "$boot" "$tmp/bzImage" --smp 0
expect_exit boot-value-missing 2 '--timeout needs a value' "$boot" "$tmp/bzImage" --timeout
expect_exit boot-unknown-cpu 2 "'pentium9' is not a CPU model" "$boot" "$tmp/bzImage" --cpu pentium9
expect_exit boot-cpu-with-features 2 "'486,\+sep' is not a CPU model" "$boot" "$tmp/bzImage" --cpu 486,+sep
expect_exit boot-cpu-option-smuggled 2 "is not a CPU model" "$boot" "$tmp/bzImage" --cpu '486 -s'
expect_exit boot-cpu-empty 2 "'' is not a CPU model" "$boot" "$tmp/bzImage" --cpu ''

# fixmap-probe wants a bzImage in a kernel build directory.
probe=$FH_TESTS_TOP/scripts/fixmap-probe
expect_exit probe-no-kernel 2 'which kernel' "$probe"
expect_exit probe-missing-kernel 2 'no such kernel image' "$probe" "$tmp/none"
expect_exit probe-not-a-build 2 'not in a kernel build directory' "$probe" "$tmp/bzImage"
expect_exit probe-two-kernels 2 'one kernel only' "$probe" "$tmp/bzImage" "$tmp/bzImage"
expect_exit probe-help 0 'usage: fixmap-probe BZIMAGE' "$probe" --help

# fh_series: patches under toolchain/<version>/ reach that version only.
. "$FH_TESTS_TOP/scripts/lib.sh"
FH_TOP=$tmp
cat >"$tmp/series" <<SERIES
# toolchain
toolchain/common/a.patch
toolchain/v2.6.12-rc1/b.patch   # only rc1
toolchain/v2.6.11.5/c.patch
feature-d.patch
SERIES
got=$(fh_series v2.6.12-rc1 | tr '\n' ' ')
[ "$got" = "toolchain/common/a.patch toolchain/v2.6.12-rc1/b.patch feature-d.patch " ] &&
	pass series-rc1 || fail series-rc1 "got '$got'"
got=$(fh_series v2.6.11.5 toolchain | tr '\n' ' ')
[ "$got" = "toolchain/common/a.patch toolchain/v2.6.11.5/c.patch " ] &&
	pass series-toolchain-only || fail series-toolchain-only "got '$got'"
got=$(fh_series v2.6.11.5 1 | tr '\n' ' ')
[ "$got" = "toolchain/common/a.patch toolchain/v2.6.11.5/c.patch feature-d.patch " ] &&
	pass series-prefix || fail series-prefix "got '$got'"
got=$(fh_series v2.6.11.5 0 | tr '\n' ' ')
[ "$got" = "toolchain/common/a.patch toolchain/v2.6.11.5/c.patch " ] &&
	pass series-prefix-0 || fail series-prefix-0 "got '$got'"

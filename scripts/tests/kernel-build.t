# kernel-build, kernel-boot and fixmap-probe refuse bad arguments before
# doing any work, the series filter gives each tree only its own
# toolchain patches, a feature patch's index is found by name, and the
# guest is built per content.
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

# --src: refused before any hashing or copying.
expect_exit build-src-missing 2 "--src $tmp/none: no such directory" "$kb" --src "$tmp/none"
expect_exit build-src-and-tree 2 '--tree or --src, not both' "$kb" --tree v2.6.11.5 --src "$tmp"
mkdir -p "$tmp/notkernel/arch/i386"
echo 'all:' >"$tmp/notkernel/Makefile"
expect_exit build-src-not-kernel 2 'not a kernel tree \(no VERSION, PATCHLEVEL and SUBLEVEL' \
	"$kb" --src "$tmp/notkernel"
printf 'VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = 13\nEXTRAVERSION =\n' >"$tmp/notkernel/Makefile"
rmdir "$tmp/notkernel/arch/i386"
expect_exit build-src-no-i386 2 'no arch/i386 in it' "$kb" --src "$tmp/notkernel"
expect_exit build-src-value-missing 2 '--src needs a directory' "$kb" --src

# A tree of one's own that is no kernel we know, in a cache of its own:
# unverified, the nearest version's toolchain lines by its Makefile, the
# first patch that cannot apply named, no scratch copy left, the tree
# untouched.  (No kernel source needed: the first patch fails at once.)
for case in "13 -mine v2.6.12-rc1" "12 -rc3 v2.6.12-rc1" "11 .9 v2.6.11.5"; do
	read -r sub extra want <<<"$case"
	fake=$tmp/fake-$sub
	mkdir -p "$fake/arch/i386"
	printf 'VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = %s\nEXTRAVERSION = %s\n' "$sub" "$extra" >"$fake/Makefile"
	before=$(cd "$fake" && find . -printf '%P %s %m %T@\n' | sort)
	first=$(. "$FH_TESTS_TOP/scripts/lib.sh" && fh_series "$want" | head -n 1)
	rc=0
	out=$(env FIXMAP_HOLE_CACHE="$tmp/cache" "$kb" --src "$fake" 2>&1) || rc=$?
	if [ $rc -ne 1 ]; then
		fail "build-src-unverified-2.6.$sub$extra" "exit $rc, want 1: $(echo "$out" | tail -n 2 | tr '\n' ' ')"
	elif ! echo "$out" | grep -q "^kernel-build: $fake (2.6.$sub$extra by its Makefile, tree [0-9a-f]\{40\}) is no known tree: unverified; it gets the toolchain lines of $want, then the feature patches$"; then
		fail "build-src-unverified-2.6.$sub$extra" "no unverified line for $want: $(echo "$out" | grep '^kernel-build' | head -n 1)"
	elif ! echo "$out" | grep -q "^kernel-build: $first does not apply to unverified src-[0-9a-f]\{12\} ($fake); its rejected hunks:$"; then
		fail "build-src-unverified-2.6.$sub$extra" "$first not named: $(echo "$out" | grep '^kernel-build' | tail -n 1)"
	elif ls -d "$tmp/cache/src/"*.tmp >/dev/null 2>&1; then
		fail "build-src-unverified-2.6.$sub$extra" "a scratch copy is left: $(ls -d "$tmp/cache/src/"*.tmp)"
	elif [ "$(cd "$fake" && find . -printf '%P %s %m %T@\n' | sort)" != "$before" ]; then
		fail "build-src-unverified-2.6.$sub$extra" "the tree was written to"
	else
		pass "build-src-unverified-2.6.$sub$extra ($want)"
	fi
done

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
matrix=$FH_TESTS_TOP/scripts/subarch-matrix
expect_exit matrix-unknown-tree 2 "^subarch-matrix: unknown tree 'v9'" "$matrix" --trees v9
expect_exit matrix-unknown-target 2 "^subarch-matrix: no config target 'pc-nothing'" "$matrix" --subarchs pc-nothing

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

# fh_feature_index: a feature patch's --patches N, counted after the
# toolchain section (a comment naming another patch does not count).
cat >>"$tmp/series" <<SERIES
# feature-f.patch is not here yet
feature-e.patch	# the second
SERIES
got=$(fh_feature_index feature-e.patch)
[ "$got" = 2 ] && [ "$(fh_series v2.6.11.5 "$got" | tail -n 1)" = feature-e.patch ] &&
	pass feature-index || fail feature-index "got '$got'"
fh_feature_index feature-f.patch >/dev/null && fail feature-index-missing "found a patch only a comment names" ||
	pass feature-index-missing

# fh_guest_initrd: the guest is built per content; a checkout whose guest
# sources differ by a byte builds into another directory and leaves the
# first one's initramfs as it was.
# fh_build, the one build wrapper: a refusal is its last line, in one.
out=$(FH_TOP=$FH_TESTS_TOP fh_build v2.6.12-rc1 no-such-target 2>&1 >/dev/null) && rc=0 || rc=$?
[ $rc -ne 0 ] && [ "$(echo "$out" | tail -n 1)" = "fh_build: v2.6.12-rc1 no-such-target (all patches) failed: kernel-build: no config target 'no-such-target' (see configs/) (try 'kernel-build --help')" ] &&
	pass fh-build-why || fail fh-build-why "exit $rc: $(echo "$out" | tail -n 1)"
out=$(FH_TOP=$FH_TESTS_TOP fh_build v9 pc-pae 2>&1 >/dev/null) && rc=0 || rc=$?
[ $rc -ne 0 ] && echo "$out" | tail -n 1 | grep -q "^fh_build: v9 pc-pae (all patches) failed: .*v9" &&
	pass fh-build-why-tree || fail fh-build-why-tree "exit $rc: $(echo "$out" | tail -n 1)"

FH_TOP=$tmp/checkout FH_CACHE=$tmp/cache
mkdir -p "$FH_TOP"
cp -r "$FH_TESTS_TOP/guest" "$FH_TOP/guest"
if first=$(fh_guest_initrd 2>"$tmp/guest.err") && [ -s "$first" ]; then
	sum=$(sha1sum <"$first")
	echo '/* another guest */' >>"$FH_TOP/guest/lib.h"
	second=$(fh_guest_initrd 2>>"$tmp/guest.err")
	[ -s "$second" ] && [ "$second" != "$first" ] && [ "$(sha1sum <"$first")" = "$sum" ] &&
		pass guest-per-content || fail guest-per-content "first $first, second ${second:-none}"
	[ "$(fh_guest_initrd 2>/dev/null)" = "$second" ] &&
		pass guest-same-content-same-build || fail guest-same-content-same-build "a third directory"
else
	fail guest-per-content "the guest does not build: $(head -n 3 "$tmp/guest.err" | tr '\n' ' ')"
fi

# Use on one's own tree, v2.6.12-rc1: kernel-build --src on copies of the
# reference tree -- unchanged (the known tree, the same cache entry), a git
# work tree with a local change, built in place and with upstream's own fix
# of the segment-register moves (unverified, a build of its own that boots
# with the change, the toolchain patch it no longer needs left out and the
# copy cleaned, each said in one line, the tree not written to), one where
# the first feature patch cannot apply (named, with its rejected hunk), one
# where a toolchain patch cannot apply and its problem is still there
# (named, with its rejected hunk) -- and kernel-boot's
# harness: the printed command run by hand, --json, a timeout's 124,
# --gdb with a +debug kernel (gdb stops at start_kernel by its symbol),
# and --no-verdict booting an initramfs of one's own under QEMU and Bochs.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
build=$FH_TESTS_TOP/scripts/kernel-build
boot=$FH_TESTS_TOP/scripts/kernel-boot
v=v2.6.12-rc1

need_tree "$v" own-tree || exit 0
tree=$(fh_tree_dir $v)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fixmap-hole-own-tree.XXXXXX")
gdb_pgid=
trap '[ -z "$gdb_pgid" ] || kill -- -"$gdb_pgid" 2>/dev/null; rm -rf "$tmp"' EXIT
BOOT_LOG=$tmp/boot.log

# A snapshot of a directory that any write changes: every path, its size,
# mode and modification time, .git included.
snapshot() {
	(cd "$1" && find . -printf '%P %s %m %T@\n' | sort | sha1sum)
}

# build_src NAME DIR: kernel-build --src DIR; its stderr in $tmp/NAME.err,
# the bzImage path in $image, its exit code in $rc.
build_src() {
	rc=0
	image=$(nice "$build" --src "$2" 2>"$tmp/$1.err") || rc=$?
}

pristine_image=$(nice "$build" --tree $v 2>"$tmp/pristine.err") ||
	{ fail own-tree-reference-build "$(tail -n 3 "$tmp/pristine.err" | tr '\n' ' ')"; exit 0; }

# 1. An unchanged copy is the known tree, with the known tree's build.
cp -a "$tree" "$tmp/copy"
build_src copy "$tmp/copy"
if [ $rc -eq 0 ] && grep -q "^kernel-build: $tmp/copy is $v byte for byte (tree $(fh_tree_id $v))$" "$tmp/copy.err"; then
	pass "src-known-tree"
else
	fail "src-known-tree" "exit $rc: $(grep -v '^ ' "$tmp/copy.err" | head -n 3 | tr '\n' ' ')"
fi
[ "$image" = "$pristine_image" ] && pass src-known-tree-same-build ||
	fail src-known-tree-same-build "got $image, want $pristine_image"

# 2. A git work tree with a local change: a printk after the banner.
mine=$tmp/mine
cp -a "$tree" "$mine"
# No automatic gc: packing in the background would change .git meanwhile.
git -C "$mine" init -q
git -C "$mine" -c gc.auto=0 -c maintenance.auto=false add -A
git -C "$mine" -c gc.auto=0 -c maintenance.auto=false -c user.name=t -c user.email=t@t \
	commit -q -m "$v as it was"
sed -i 's|^\tprintk(linux_banner);$|&\n\tprintk("own-tree.t: a local change\\n");|' "$mine/init/main.c"
# The segment-register moves fixed as 2.6.12 did, with mov for movl: the
# form of NovantaPhotonics/linux-2.6.12.1's arch/i386/kernel/process.c
# (lines 615-616), vm86.c (297-298) and include/asm-i386/system.h
# (loadsegment() line 84, savesegment() line 102).
sed -i 's/"movl %%\([fg]s\),%0"/"mov %%\1,%0"/' "$mine/arch/i386/kernel/process.c" "$mine/arch/i386/kernel/vm86.c"
sed -i 's/"movl %0,%%" #seg/"mov %0,%%" #seg/; s/"movl %%" #seg ",%0"/"mov %%" #seg ",%0"/' "$mine/include/asm-i386/system.h"
# Built in place, for another architecture: kbuild's link, a .config, an
# object.
ln -s asm-arm "$mine/include/asm"
echo CONFIG_ARM=y >"$mine/.config"
echo 'not an object' >"$mine/init/main.o"
if ! grep -q 'own-tree.t: a local change' "$mine/init/main.c" ||
   grep -qE 'movl[[:space:]]+%%[fg]s|movl[^"]*%%" #seg' "$mine/arch/i386/kernel/process.c" \
	"$mine/arch/i386/kernel/vm86.c" "$mine/include/asm-i386/system.h"; then
	fail src-local-change "could not change init/main.c or the segment-register moves"
else
	before=$(snapshot "$mine") id_before=$(fh_dir_tree_id "$mine")
	build_src mine "$mine"
	if [ $rc -ne 0 ]; then
		fail src-local-change-builds "exit $rc: $(grep -E 'error|failed' "$tmp/mine.err" | head -n 3 | tr '\n' ' ')"
	else
		pass src-local-change-builds
		grep -q "^kernel-build: $mine (2.6.12-rc1 by its Makefile, tree $id_before) is no known tree: unverified; it gets the toolchain lines of $v, then the feature patches$" "$tmp/mine.err" &&
			pass src-unverified-line ||
			fail src-unverified-line "$(grep '^kernel-build:' "$tmp/mine.err" | head -n 2 | tr '\n' ' ')"
		[ "$(grep -c '^kernel-build: left out ' "$tmp/mine.err")" = 1 ] &&
		grep -q "^kernel-build: left out toolchain/common/segment-register-moves.patch: the tree has its fix already (needed-while finds none of the problems in arch/i386/kernel/process.c, arch/i386/kernel/vm86.c, include/asm-i386/system.h)$" "$tmp/mine.err" &&
			pass src-toolchain-fix-upstream ||
			fail src-toolchain-fix-upstream "$(grep '^kernel-build: left out' "$tmp/mine.err" | tr '\n' ' ')"
		grep -qxF "kernel-build: $mine was built in place: its copy is cleaned with 'make mrproper'" "$tmp/mine.err" &&
			pass src-built-in-place-cleaned ||
			fail src-built-in-place-cleaned "no mrproper line: $(grep '^kernel-build:' "$tmp/mine.err" | tr '\n' ' ')"
		[ "$image" != "$pristine_image" ] && [[ "$image" == */build/src-${id_before:0:12}-* ]] &&
			pass src-own-cache-entry || fail src-own-cache-entry "got $image"
		if boot_values src-local-change-boots "$image" --mem 256; then
			grep -q '^own-tree.t: a local change$' "$BOOT_LOG" && pass src-local-change-in-log ||
				fail src-local-change-in-log "the printk is not in the console log"
		fi
		second=$(nice "$build" --src "$mine" 2>"$tmp/mine2.err")
		[ "$second" = "$image" ] && grep -q '^==> reusing' "$tmp/mine2.err" &&
			pass src-cached-by-content || fail src-cached-by-content "second build: $second"
	fi
	[ "$(snapshot "$mine")" = "$before" ] && [ "$(fh_dir_tree_id "$mine")" = "$id_before" ] &&
		pass src-not-written || fail src-not-written "$mine changed during the build"
	git -C "$mine" diff --quiet HEAD -- init/main.c &&
		fail src-git-change-kept "git sees no change in init/main.c" || pass src-git-change-kept
fi

# 3. The first feature patch cannot apply: a line it removes, changed.
first=$(fh_series $v all | grep -v '^toolchain/' | head -n 1)
{ read -r file; IFS= read -r line; } < <(awk '
	/^--- a\// { file = substr($2, 3); next }
	/^@@/ { hunk = 1; next }
	hunk && /^-/ && file != "" { print file; print substr($0, 2); exit }
	' "$FH_TESTS_TOP/patches/$first")
if [ -z "$file" ] || ! grep -qxF -- "$line" "$tmp/copy/$file"; then
	fail src-patch-rejected "no removed line found in $first"
else
	awk -v want="$line" '!done && $0 == want { $0 = $0 " /* changed */"; done = 1 } { print }' \
		"$tmp/copy/$file" >"$tmp/changed" && cat "$tmp/changed" >"$tmp/copy/$file"
	build_src rejected "$tmp/copy"
	if [ $rc -eq 1 ] && grep -q "^kernel-build: $first does not apply to unverified src-[0-9a-f]* ($tmp/copy); its rejected hunks:$" "$tmp/rejected.err" &&
	   grep -qxF -- "    --- $file.rej" "$tmp/rejected.err" &&
	   grep -qxF -- "    -$line" "$tmp/rejected.err"; then
		pass "src-patch-rejected ($first, $file)"
	else
		fail src-patch-rejected "exit $rc: $(grep '^kernel-build:' "$tmp/rejected.err" | tail -n 2 | tr '\n' ' ')"
	fi
	# 3b. A toolchain patch whose context changed while its problem
	# stayed: it stops the build, named, with its rejected hunk.
	seg=toolchain/common/segment-register-moves.patch
	sed -i 's|^\t \* those are always kernel segments while inside the kernel\.$|& (changed)|' \
		"$tmp/copy/arch/i386/kernel/process.c"
	build_src seg-rejected "$tmp/copy"
	if [ $rc -eq 1 ] && grep -q "^kernel-build: $seg does not apply to unverified src-[0-9a-f]* ($tmp/copy); its rejected hunks:$" "$tmp/seg-rejected.err" &&
	   grep -qxF -- "    --- arch/i386/kernel/process.c.rej" "$tmp/seg-rejected.err" &&
	   ! grep -q "left out" "$tmp/seg-rejected.err"; then
		pass "src-toolchain-patch-rejected ($seg)"
	else
		fail src-toolchain-patch-rejected "exit $rc: $(grep '^kernel-build:' "$tmp/seg-rejected.err" | tail -n 2 | tr '\n' ' ')"
	fi
	compgen -G "$FH_CACHE/src/src-*.tmp" >/dev/null &&
		fail src-rejected-cleaned "scratch copies left: $(ls -d "$FH_CACHE"/src/src-*.tmp)" ||
		pass src-rejected-cleaned
fi

# 4. The boot harness.  The printed command, run by hand, boots the same.
out=$("$boot" "$pristine_image" --log "$tmp/cmd.log" --json "$tmp/boot.json" 2>&1) || true
cmd=$(echo "$out" | sed -n 's/^boot: command: //p')
rm -f "$tmp/cmd.log"
if [ -z "$cmd" ]; then
	fail boot-command-printed "no 'boot: command:' line"
else
	eval "timeout 120 $cmd" >/dev/null 2>&1
	grep -q '^fhtest: PASS' "$tmp/cmd.log" && pass boot-command-runs ||
		fail boot-command-runs "the printed command did not boot to PASS: $cmd"
fi
if ! command -v jq >/dev/null; then
	fail boot-json "no jq; run: scripts/setup --packages-only"
elif jq -e --arg cmd "$cmd" --arg sysinfo "$(echo "$out" | sed -n 's/^AT_SYSINFO=//p')" \
	'.verdict == "PASS" and .exit == 0 and .timed_out == false and .reasons == [] and
	 .values.AT_SYSINFO == $sysinfo and .command == $cmd and (.argv | length) > 10 and
	 .wall_time_s > 0 and .emulator == "qemu"' "$tmp/boot.json" >/dev/null &&
     [ -s "$(jq -r .log "$tmp/boot.json")" ]; then
	pass boot-json
else
	fail boot-json "$(head -c 300 "$tmp/boot.json" | tr '\n' ' ')"
fi

# A CPU halted from the start (QEMU's -S) is a hang: exit 124.
rc=0
"$boot" "$pristine_image" --timeout 3 --qemu-arg -S --json "$tmp/hang.json" >/dev/null 2>&1 || rc=$?
[ $rc -eq 124 ] && jq -e '.timed_out and .exit == 124 and .verdict == "FAIL" and
	(.reasons | index("the boot timed out")) != null' "$tmp/hang.json" >/dev/null &&
	pass boot-timeout-124 || fail boot-timeout-124 "exit $rc, $(tr '\n' ' ' <"$tmp/hang.json")"

# An initramfs of one's own, judged by nobody: its /init says hello, waits
# for the line to be out and restarts the machine.
cat >"$tmp/init.c" <<'C'
static long sys3(long n, long a, long b, long c)
{
	long r;

	asm volatile("int $0x80" : "=a" (r) : "a" (n), "b" (a), "c" (b), "d" (c) : "memory");
	return r;
}

static char hello[] = "own-init: hello from an initramfs of my own\n";

void _start(void)
{
	sys3(4, 1, (long)hello, sizeof(hello) - 1);		/* write */
	sys3(54, 1, 0x5409, 1);					/* TCSBRK: drain */
	sys3(88, 0xfee1dead, 672274793, 0x01234567);		/* reboot: restart */
	for (;;)
		;
}
C
mkdir "$tmp/initramfs"
# Built and linked as guest/Makefile does the guest: these kernels' ELF
# loader fails when the last segment is read-only (hello[] is writable).
if ! $FH_GCC -m32 -march=i686 -O2 -ffreestanding -fno-pie -fno-stack-protector \
	-fcf-protection=none -fno-asynchronous-unwind-tables -fno-builtin \
	-static -nostdlib -no-pie -Wl,-z,noseparate-code -Wl,--build-id=none -Wl,-z,norelro \
	-o "$tmp/initramfs/init" "$tmp/init.c" ||
   ! (cd "$tmp/initramfs" && echo init | cpio -o -H newc --quiet | gzip >"$tmp/own.cpio.gz"); then
	fail own-initramfs "could not make it"
else
	for b in kernel-boot bochs-boot; do
		rc=0
		out=$("$FH_TESTS_TOP/scripts/$b" "$pristine_image" --initrd "$tmp/own.cpio.gz" --no-verdict \
			--log "$tmp/own-$b.log" 2>&1) || rc=$?
		if [ $rc -eq 0 ] && tr -d '\r' <"$tmp/own-$b.log" | grep -qx 'own-init: hello from an initramfs of my own' &&
		   ! echo "$out" | grep -q '^bootlog:' && echo "$out" | grep -q "^boot: console log $tmp/own-$b.log$"; then
			pass "$b-no-verdict-own-initramfs"
		else
			fail "$b-no-verdict-own-initramfs" "exit $rc: $(echo "$out" | tail -n 4 | tr '\n' ' ')"
		fi
	done
fi

# --gdb: a +debug kernel; gdb finds start_kernel's line in the vmlinux,
# and on the printed command line stops the booting kernel there.
if ! dbg=$(nice "$build" --tree $v --config pc-highmem4g+debug 2>"$tmp/debug.err"); then
	fail build-debug "$(grep -m 3 -E 'error|Error' "$tmp/debug.err" | tr '\n' ' ')"
	exit 0
fi
vmlinux=$(fh_vmlinux_of "$dbg")
gdb -batch -ex 'info line start_kernel' "$vmlinux" 2>&1 | grep -q '^Line [0-9]* of ".*init/main\.c" starts at address 0x[0-9a-f]* <start_kernel>' &&
	pass debug-vmlinux-lines || fail debug-vmlinux-lines "$(gdb -batch -ex 'info line start_kernel' "$vmlinux" 2>&1 | head -n 2)"
setsid "$boot" "$dbg" --gdb --json "$tmp/gdb.json" >"$tmp/gdb.out" 2>"$tmp/gdb.err" &
gdb_pgid=$!
for ((i = 0; i < 100; i++)); do
	grep -q '^boot: gdb: ' "$tmp/gdb.err" && break
	sleep 0.2
done
gdb_line=$(sed -n 's/^boot: gdb: //p' "$tmp/gdb.err")
if [ -z "$gdb_line" ]; then
	fail boot-gdb "no 'boot: gdb:' line: $(tr '\n' ' ' <"$tmp/gdb.err")"
else
	eval "timeout 60 $gdb_line -batch -ex 'info registers eip' -ex 'hbreak start_kernel' \
		-ex continue -ex 'info symbol \$pc' -ex delete -ex detach" >"$tmp/gdb-session" 2>&1
	grep -q '^eip  *0xfff0 ' "$tmp/gdb-session" && pass boot-gdb-waits-at-reset ||
		fail boot-gdb-waits-at-reset "$(grep -m 1 eip "$tmp/gdb-session")"
	grep -q '^Breakpoint 1, start_kernel () at .*init/main\.c:[0-9]*$' "$tmp/gdb-session" &&
	grep -q '^start_kernel in section \.init\.text$' "$tmp/gdb-session" &&
		pass boot-gdb-start-kernel || fail boot-gdb-start-kernel "$(tail -n 4 "$tmp/gdb-session" | tr '\n' ' ')"
fi
# Detached, the guest runs on to its PASS and QEMU exits.
for ((i = 0; i < 120; i++)); do
	kill -0 "$gdb_pgid" 2>/dev/null || break
	sleep 0.5
done
if kill -0 "$gdb_pgid" 2>/dev/null; then
	fail boot-gdb-runs-on "still running a minute after gdb detached"
else
	rc=0
	wait "$gdb_pgid" || rc=$?
	gdb_pgid=
	[ $rc -eq 0 ] && jq -e '.verdict == "PASS"' "$tmp/gdb.json" >/dev/null &&
		pass boot-gdb-runs-on || fail boot-gdb-runs-on "exit $rc: $(tail -n 3 "$tmp/gdb.out" | tr '\n' ' ')"
fi

# The boot harness (scripts/boot-lib.sh) and the commands' arguments:
# every command answers --help with exit 0, and refuses a bad argument
# with one line and exit 2 before it builds or boots anything; the JSON
# record has its keys, each of its type, and its strings survive hostile
# text; the printed command reads back as the same words.
. "$(dirname "$0")/../../tests/lib.sh"
s=$FH_TESTS_TOP/scripts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$tmp/bzImage"

# one_line NAME CODE PATTERN CMD...: CMD exits CODE with exactly one line
# (stdout and stderr), matching PATTERN.
one_line() {
	local name=$1 code=$2 pattern=$3 out rc=0
	shift 3
	out=$("$@" 2>&1) || rc=$?
	if [ $rc -ne "$code" ]; then
		fail "$name" "exit $rc, want $code; output: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	elif [ "$(echo "$out" | wc -l)" -ne 1 ]; then
		fail "$name" "$(echo "$out" | wc -l) lines, want one: $(echo "$out" | head -n 4 | tr '\n' ' ')"
	elif ! echo "$out" | grep -qE -- "$pattern"; then
		fail "$name" "output lacks /$pattern/: $out"
	else
		pass "$name"
	fi
}

for cmd in kernel-boot bochs-boot kernel-build kernel-import setup check-series-prefixes \
	   boot-sweep bootlog tree-matrix kmap-matrix; do
	expect_exit "$cmd-help" 0 "^usage: $cmd" "$s/$cmd" --help
done

kb=$s/kernel-boot bb=$s/bochs-boot
for boot in "$kb" "$bb"; do
	n=${boot##*/}
	one_line "$n-require-without-verdict" 2 '--require needs a verdict' \
		"$boot" "$tmp/bzImage" --no-verdict --require 'A=1'
	# Refused before the boot: the kernel is an empty file.
	one_line "$n-bad-require-first" 2 "--require 'A>text': not KEY<op>VALUE" \
		"$boot" "$tmp/bzImage" --require 'A>text'
	one_line "$n-json-no-dir" 2 "--json $tmp/no/r.json: no such directory" \
		"$boot" "$tmp/bzImage" --json "$tmp/no/r.json"
	one_line "$n-json-is-dir" 2 'a directory, not a file' "$boot" "$tmp/bzImage" --json "$tmp"
	one_line "$n-log-no-dir" 2 "--log $tmp/no/log: no such directory" \
		"$boot" "$tmp/bzImage" --log "$tmp/no/log"
	one_line "$n-missing-initrd" 2 'no such initramfs' "$boot" "$tmp/bzImage" --initrd "$tmp/none"
	one_line "$n-two-kernels" 2 'one kernel only' "$boot" "$tmp/bzImage" "$tmp/bzImage"
	one_line "$n-huge-mem" 2 "'12345678901' is not a positive whole number" \
		"$boot" "$tmp/bzImage" --mem 12345678901
	one_line "$n-option-rom-value" 2 '--option-rom needs a value' "$boot" "$tmp/bzImage" --option-rom
	one_line "$n-option-rom-missing" 2 "--option-rom $tmp/none: no such file" \
		"$boot" "$tmp/bzImage" --option-rom "$tmp/none"
	# The edges of the sizes taken: 512 bytes to 64 kB, in whole blocks.
	for size in 0 511 513 66048; do
		head -c "$size" /dev/zero >"$tmp/rom$size"
		one_line "$n-option-rom-$size-bytes" 2 \
			"--option-rom $tmp/rom$size: $size bytes, not 512 bytes to 64 kB in whole 512-byte blocks" \
			"$boot" "$tmp/bzImage" --option-rom "$tmp/rom$size"
	done
	# 512 bytes and 64 kB are taken: the next check is the one that answers.
	for size in 512 65536; do
		head -c "$size" /dev/zero >"$tmp/rom$size"
		one_line "$n-option-rom-$size-bytes-taken" 2 '--require needs a verdict' \
			"$boot" "$tmp/bzImage" --option-rom "$tmp/rom$size" --no-verdict --require 'A=1'
	done
	cp "$tmp/rom512" "$tmp/a,b.rom"
	one_line "$n-option-rom-comma" 2 'neither emulator takes a comma or a space' \
		"$boot" "$tmp/bzImage" --option-rom "$tmp/a,b.rom"
	# The whole path counts: a space in the directory, given relative.
	mkdir -p "$tmp/a b"
	cp "$tmp/rom512" "$tmp/a b/ok.rom"
	one_line "$n-option-rom-space-in-dir" 2 'neither emulator takes a comma or a space' \
		env -C "$tmp/a b" "$boot" "$tmp/bzImage" --option-rom ok.rom
done
one_line kernel-boot-gdb-timeout 2 '--gdb waits for you: no --timeout' "$kb" "$tmp/bzImage" --gdb --timeout 5
one_line kernel-boot-qemu-arg-value 2 '--qemu-arg needs a value' "$kb" "$tmp/bzImage" --qemu-arg
one_line kernel-boot-log-comma 2 'QEMU cannot take a comma' "$kb" "$tmp/bzImage" --log "$tmp/a,b"
one_line bochs-boot-no-gdb 2 "unknown option '--gdb'" "$bb" "$tmp/bzImage" --gdb
tm=$s/tree-matrix
mkdir -p "$tmp/notree"
one_line tree-matrix-no-trees 2 'no trees: name some' env -u KERNEL_HISTORY_GIT "$tm"
one_line tree-matrix-not-a-tree 2 "$tmp/notree: not a kernel tree with arch/i386" "$tm" "$tmp/notree"
one_line tree-matrix-bad-git 2 "--history-git $tmp: not a git dir" "$tm" --history-git "$tmp"
one_line tree-matrix-unknown 2 "unknown argument '--bogus'" "$tm" --bogus
one_line tree-matrix-table-value 2 '--table needs a file' "$tm" --table
one_line kmap-matrix-nr-cpus 2 "NR_CPUS '1': a number from 2 to 255" "$s/kmap-matrix" --pae 1
one_line kmap-matrix-nr-cpus-text 2 "NR_CPUS 'x': a number from 2 to 255" "$s/kmap-matrix" --nopae "78 x"
one_line kmap-matrix-hole 2 "--hole '5': a multiple of 4 from 4 to 832" "$s/kmap-matrix" --hole 5
one_line kmap-matrix-hole-big 2 "--hole '836': a multiple of 4 from 4 to 832" "$s/kmap-matrix" --hole 836
one_line kmap-matrix-smp 2 "--smp '0': a number from 1 to 255" "$s/kmap-matrix" --smp 0
git init -q --bare "$tmp/history.git"
one_line tree-matrix-no-tag 2 "no tag v2.6.99 in $tmp/history.git" \
	"$tm" --history-git "$tmp/history.git" --tags v2.6.99

# bootlog: --check judges the conditions alone; a bad command line is one line.
expect_exit bootlog-check-good 0 '' "$s/bootlog" --check --require 'A>=0x10' --require 'B=text'
one_line bootlog-check-order-on-text 2 "bad --require 'A<x'" "$s/bootlog" --check --require 'A<x'
one_line bootlog-unknown-option 2 "unknown option '--frob'" "$s/bootlog" --frob log
one_line bootlog-check-with-log 2 '--check takes only --require' "$s/bootlog" --check log

one_line check-series-prefixes-bad-tree 2 "unknown tree 'v9'" "$s/check-series-prefixes" --tree v9
one_line check-series-prefixes-bad-config 2 "no config target 'nope'" \
	"$s/check-series-prefixes" --config pc-pae+nope
one_line kernel-build-glob-config 2 "no config target 'pc-\*'" "$s/kernel-build" --config 'pc-*'
one_line kernel-build-empty-config-part 2 "no config target ''" "$s/kernel-build" --config 'pc-pae++layout'

# The helpers, sourced.
. "$FH_TESTS_TOP/scripts/boot-lib.sh"

# The JSON record (boot_json, with jq).  Each hostile string comes back
# from every place it can take: the kernel, an argv word, a guest value
# and a reason (the last two are lines: without their newlines); bytes
# that are not UTF-8 become '?'.
if ! command -v jq >/dev/null; then
	fail json-strings "no jq; run: scripts/setup --packages-only"
else
	json_back() {	# STRING WANT: STRING, in each place, comes back as WANT
		local line=${1//$'\n'/ } want_line=${2//$'\n'/ }
		printf 'K=%s\nbootlog: why: %s\n' "$line" "$line" >"$tmp/out"
		BOOT_KERNEL=$1 BOOT_COMMAND=(emulator "$1")
		boot_json "$tmp/s.json" 1.0 1 "$tmp/out" &&
			[ "$(jq -j .kernel "$tmp/s.json")" = "$2" ] &&
			[ "$(jq -j '.argv[1]' "$tmp/s.json")" = "$2" ] &&
			[ "$(jq -j .values.K "$tmp/s.json")" = "$want_line" ] &&
			[ "$(jq -j '.reasons[0]' "$tmp/s.json")" = "$want_line" ]
	}
	bad=
	for str in 'plain' 'quote " and \ backslash' $'tab\tnewline\nCR\r' $'\001\033[0m\177' \
		   'ünïcödé ✓' '' '{"not": "an object"}'; do
		json_back "$str" "$str" || bad+="[$str] "
	done
	json_back $'a\xffb\xc3' 'a?b?' || bad+="[not UTF-8: got '$(jq -j .kernel "$tmp/s.json")'] "
	[ -z "$bad" ] && pass json-strings || fail json-strings "did not come back: $bad"
fi

# boot_finish on a console log, as a front end calls it once its emulator
# has stopped (here none ran): the record has every key, each of its
# type, in three outcomes; a byte that is not UTF-8 in the console still
# gives JSON.
json_types='keys_unsorted == ["emulator", "kernel", "verdict", "timed_out", "exit",
		"reasons", "values", "wall_time_s", "log", "command", "argv"]
	and (.emulator | type) == "string" and (.kernel | type) == "string"
	and (.verdict == "PASS" or .verdict == "FAIL" or .verdict == null)
	and (.timed_out | type) == "boolean" and (.exit | type) == "number"
	and (.reasons | type) == "array" and all(.reasons[]; type == "string")
	and (.values | type) == "object" and all(.values[]; type == "string")
	and (.wall_time_s | type) == "number" and (.log | type) == "string"
	and (.command | type) == "string"
	and (.argv | type) == "array" and all(.argv[]; type == "string")'
printf 'Linux version 2.6.12\nfhtest: START\nfhtest: A=1\nfhtest: NAME=caf\xe9\nfhtest: A=2\nfhtest: PASS\n' \
	>"$tmp/console.log"
json_finish() {	# NAME WANT VAR=VALUE...: boot_finish's record, with VARs set, holds WANT
	local name=$1 want=$2 rc=0
	shift 2
	(
		BOOT_EMULATOR=fake BOOT_KERNEL=$tmp/bzImage BOOT_LOG=$tmp/console.log
		BOOT_JSON=$tmp/$name.json BOOT_KEEP_LOG=1 BOOT_START=$(date +%s.%N)
		BOOT_COMMAND=(fake-emulator -kernel "$tmp/bzImage" -append 'a b')
		for v in "$@"; do printf -v "${v%%=*}" '%s' "${v#*=}"; done
		boot_finish
	) >/dev/null 2>&1 || rc=$?
	if [ ! -s "$tmp/$name.json" ]; then
		fail "$name" "no record (exit $rc)"
	elif jq -e --arg command "fake-emulator -kernel $tmp/bzImage -append 'a b'" \
		"$json_types and .exit == $rc and .command == \$command and
		 .argv == [\"fake-emulator\", \"-kernel\", \"$tmp/bzImage\", \"-append\", \"a b\"] and
		 .log == \"$tmp/console.log\" and .emulator == \"fake\" and $want" \
		"$tmp/$name.json" >/dev/null; then
		pass "$name (exit $rc)"
	else
		fail "$name" "exit $rc: $(jq -c . "$tmp/$name.json" 2>&1 | head -c 400)"
	fi
}
json_finish json-record-pass '.verdict == "PASS" and .exit == 0 and .timed_out == false and
	.reasons == [] and .values == {"A": "2", "NAME": "caf?"} and
	(.values | keys_unsorted) == ["A", "NAME"]'
json_finish json-record-timed-out '.verdict == "FAIL" and .exit == 124 and .timed_out and
	.reasons == ["the boot timed out", "the emulator stopped"] and .values.A == "2"' \
	BOOT_TIMED_OUT=1 'BOOT_TROUBLE=the emulator stopped'
json_finish json-record-no-verdict '.verdict == null and .exit == 0 and .reasons == [] and
	.values == {}' BOOT_VERDICT=

# fh_quote: the words come back the same through a shell.
words=(qemu-system-i386 -append 'console=ttyS0 a="b c" x\y' "it's" '' '$HOME' $'two\nlines' '*' 'x=1')
back=()
eval "back=($(fh_quote "${words[@]}"))"
[ "${#back[@]}" -eq "${#words[@]}" ] && [ "$(printf '%s\0' "${back[@]}" | od -c)" = "$(printf '%s\0' "${words[@]}" | od -c)" ] &&
	pass quote-round-trip || fail quote-round-trip "got ${#back[@]} words: $(printf '[%s]' "${back[@]}")"

# fh_vmlinux_of: three directories up from the bzImage, or nothing.
mkdir -p "$tmp/build/arch/i386/boot"
touch "$tmp/build/arch/i386/boot/bzImage"
if got=$(fh_vmlinux_of "$tmp/build/arch/i386/boot/bzImage"); then
	fail vmlinux-of-none "found '$got' where there is no vmlinux"
else
	pass vmlinux-of-none
fi
touch "$tmp/build/vmlinux"
got=$(fh_vmlinux_of "$tmp/build/arch/i386/boot/bzImage")
[ "$got" = "$tmp/build/vmlinux" ] && pass vmlinux-of || fail vmlinux-of "got '$got'"

# fh_dir_tree_id: git's own id for a committed tree; a change, a mode, a
# .git left out.
git init -q "$tmp/repo"
mkdir -p "$tmp/repo/sub" && echo one >"$tmp/repo/sub/a" && echo two >"$tmp/repo/b"
ln -s sub/a "$tmp/repo/link"
git -C "$tmp/repo" add -A && git -C "$tmp/repo" -c user.name=t -c user.email=t@t commit -q -m t
want=$(git -C "$tmp/repo" rev-parse 'HEAD^{tree}')
got=$(fh_dir_tree_id "$tmp/repo")
[ "$got" = "$want" ] && pass tree-id-of-git-tree || fail tree-id-of-git-tree "got $got, want $want"
chmod +x "$tmp/repo/b"
got=$(fh_dir_tree_id "$tmp/repo")
[ -n "$got" ] && [ "$got" != "$want" ] && pass tree-id-mode || fail tree-id-mode "same id $got after chmod +x"
chmod -x "$tmp/repo/b"
echo three >>"$tmp/repo/sub/a"
got=$(fh_dir_tree_id "$tmp/repo")
[ -n "$got" ] && [ "$got" != "$want" ] && pass tree-id-change || fail tree-id-change "same id $got after a change"
git -C "$tmp/repo" checkout -q -- sub/a
git -C "$tmp/repo" status --porcelain | grep -q . && fail tree-id-read-only "the work tree changed" ||
	pass tree-id-read-only

# --icount's fixed rate takes one CPU (with more, QEMU livelocks).
one_line kernel-boot-icount-smp 2 '--icount with --smp 2: .* livelocks' "$kb" "$tmp/bzImage" --icount --smp 2

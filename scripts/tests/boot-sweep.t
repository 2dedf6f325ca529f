# boot-sweep refuses bad arguments with one line and exit 2, before it
# builds or boots anything; --help exits 0.
. "$(dirname "$0")/../../tests/lib.sh"
bs=$FH_TESTS_TOP/scripts/boot-sweep

# one_line NAME PATTERN ARGS...: exit 2 and exactly one line, matching.
one_line() {
	local name=$1 pattern=$2 out rc=0
	shift 2
	out=$("$bs" "$@" 2>&1) || rc=$?
	if [ $rc -ne 2 ]; then
		fail "$name" "exit $rc, want 2; output: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	elif [ "$(echo "$out" | wc -l)" -ne 1 ]; then
		fail "$name" "$(echo "$out" | wc -l) lines, want one: $(echo "$out" | tr '\n' ' ')"
	elif ! echo "$out" | grep -qE -- "$pattern"; then
		fail "$name" "output lacks /$pattern/: $out"
	else
		pass "$name"
	fi
}

expect_exit boot-sweep-help 0 'usage: boot-sweep' "$bs" --help
one_line boot-sweep-unknown-option "unknown argument '--frob'" --frob
one_line boot-sweep-missing-value '--seed needs a value' --seed
one_line boot-sweep-bad-seed "--seed 'x1'" --seed x1
one_line boot-sweep-long-seed "--seed '1234567890'" --seed 1234567890
one_line boot-sweep-zero-count "--count '0'" --count 0
one_line boot-sweep-bochs-over-count "--bochs '5': a whole number, at most --count \(3\)" --count 3 --bochs 5
one_line boot-sweep-bad-tree "unknown tree 'v2.6.99'" --trees v2.6.99
one_line boot-sweep-bad-config "config 'xen-pae'" --configs pc-pae,xen-pae
one_line boot-sweep-bad-kernel "unknown tree 'pc-pae'" --kernels pc-pae
one_line boot-sweep-bochs-smp-only 'Bochs cannot boot pc-smp' --kernels v2.6.12-rc1/pc-smp --bochs 1
one_line boot-sweep-only-out-of-range "--only '41': a boot number from 1 to 40" --count 40 --bochs 2 --only 3,41

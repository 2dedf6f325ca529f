# Sourced by every test script.  A test says what happened with exactly one
# of these lines, which tests/run counts:
#   PASS name
#   FAIL name: why
#   SKIPPED name: why, and the command that would make it run
FH_TESTS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIPPED $1: $2"; }

# need_tree VERSION NAME: the verified VERSION tree is in the cache (the
# test has sourced scripts/lib.sh); else one SKIPPED line for NAME, with
# the command that gets it, and false:  need_tree "$v" dynamic || exit 0
need_tree() {
	fh_tree_dir "$1" >/dev/null && return
	skip "$2" "no verified $1 tree in $FH_TREES; run: KERNEL_HISTORY_GIT=/path/to/history.git scripts/setup"
	return 1
}

# expect_exit NAME CODE PATTERN CMD...: CMD must exit with CODE and print
# something matching PATTERN (to stdout or stderr).
expect_exit() {
	local name=$1 code=$2 pattern=$3 out rc=0
	shift 3
	out=$("$@" 2>&1) || rc=$?
	if [ "$rc" -ne "$code" ]; then
		fail "$name" "exit $rc, want $code; output: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	elif ! echo "$out" | grep -qE -- "$pattern"; then
		fail "$name" "output lacks /$pattern/: $(echo "$out" | tail -n 3 | tr '\n' ' ')"
	else
		pass "$name"
	fi
}

# expect NAME GOT WANT: numbers (decimal or 0x hex), compared as numbers.
expect() {
	if [ -n "$2" ] && [ $(($2)) -eq $(($3)) ]; then
		pass "$1 = $(printf '0x%08x' $(($3)))"
	else
		fail "$1" "got '${2:-nothing}', want $(printf '0x%08x' $(($3)))"
	fi
}

# boot_log_tmp: BOOT_LOG, a temporary file for boot_values' console logs,
# removed when the test exits (a test with more to remove sets its own
# EXIT trap, naming BOOT_LOG too).
boot_log_tmp() {
	BOOT_LOG=$(mktemp)
	trap 'rm -f "$BOOT_LOG"' EXIT
}

# boot_values NAME KERNEL ARGS...: boot with scripts/kernel-boot, ARGS
# passed on; one PASS or FAIL line for the boot.  The guest's KEY=VALUE
# results land in the associative array L, the console log (without the
# serial line's CRs) in $BOOT_LOG (boot_log_tmp, or the test's own).
declare -A L
boot_values() {
	local name=$1 kernel=$2 out key val rc=0
	shift 2
	L=()
	out=$("$FH_TESTS_TOP/scripts/kernel-boot" "$kernel" --log "${BOOT_LOG:?}" "$@" 2>&1) || rc=$?
	sed -i 's/\r//g' "$BOOT_LOG"
	if [ $rc -ne 0 ]; then
		fail "$name" "$(echo "$out" | grep -E '^bootlog: why|failed' | head -n 3 | tr '\n' ' ')"
		return 1
	fi
	while IFS='=' read -r key val; do
		# shellcheck disable=SC2034 # the tests that source this file read L
		L[$key]=$val
	done < <(echo "$out" | grep -E '^[A-Za-z0-9_]+=')
	pass "$name ($(echo "$out" | sed -n 's/^boot: wall time //p'))"
}

# One kernel for the checks that want an unusual config, so that they
# share one build: -Os with vmalloc= and fixaddr_hole= (hardening.t),
# every symbol in /proc/kallsyms (hostile.t), and a module that needs the
# exported top (dynamic.t's ntfs.ko).
# shellcheck disable=SC2034 # the test files that source this read it
ODD_CONFIG=pc-highmem4g+dynamic+layout+modules+CONFIG_EMBEDDED=y+CONFIG_CC_OPTIMIZE_FOR_SIZE=y+CONFIG_KALLSYMS=y+CONFIG_DEBUG_KERNEL=y+CONFIG_KALLSYMS_ALL=y

# build_kernel VERSION CONFIG [PATCHES]: fh_build's bzImage path on
# stdout (the test has sourced scripts/lib.sh); on failure one FAIL line
# naming the first errors, and 1.
build_kernel() {
	local err
	err=$(mktemp)
	fh_build "$@" 2>"$err" ||
		{ fail "build-$1-$2${3:+-$3}" "$(tail -n 1 "$err" | sed 's/^fh_build: //')" >&2; rm -f "$err"; return 1; }
	rm -f "$err"
}

# Sourced by every test script.  A test says what happened with exactly one
# of these lines, which tests/run counts:
#   PASS name
#   FAIL name: why
#   SKIPPED name: why, and the command that would make it run
FH_TESTS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; }
skip() { echo "SKIPPED $1: $2"; }

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

# bootlog on real serial logs saved from QEMU boots (scripts/tests/logs/,
# where README says how each was made): only the clean run passes.
. "$(dirname "$0")/../../tests/lib.sh"
bl=$FH_TESTS_TOP/scripts/bootlog
logs=$(dirname "$0")/logs

expect_exit bootlog-clean-run 0 'bootlog: PASS' "$bl" "$logs/clean.log"
expect_exit bootlog-clean-run-values 0 'AT_SYSINFO=0xffffe' "$bl" "$logs/clean.log"
expect_exit bootlog-require-holds 0 'bootlog: PASS' \
	"$bl" --require 'MEMINFO_HighTotal_kB>0' --require 'AT_SYSINFO_EHDR==0xffffe000' "$logs/clean.log"
expect_exit bootlog-require-fails 1 'why: required MEMINFO_HighTotal_kB>999999999, got' \
	"$bl" --require 'MEMINFO_HighTotal_kB>999999999' "$logs/clean.log"
expect_exit bootlog-require-missing-key 1 'guest printed no NO_SUCH_KEY' \
	"$bl" --require 'NO_SUCH_KEY=1' "$logs/clean.log"
expect_exit bootlog-bad-require 2 "bad --require" "$bl" --require 'no operator' "$logs/clean.log"
expect_exit bootlog-panic 1 'why: the kernel said "Kernel panic"' "$bl" "$logs/panic.log"
expect_exit bootlog-oops 1 'why: the kernel said "(Oops|BUG)"' "$bl" "$logs/oops.log"
expect_exit bootlog-oops-trace 1 'why: the kernel said "Call Trace"' "$bl" "$logs/oops.log"
expect_exit bootlog-timeout 1 'why: the boot timed out' "$bl" --timed-out "$logs/timeout.log"
expect_exit bootlog-timeout-no-result 1 'no PASS or FAIL line' "$bl" --timed-out "$logs/timeout.log"
expect_exit bootlog-guest-fail 1 'why: the guest said: FAIL' "$bl" "$logs/guest-fail.log"
expect_exit bootlog-no-file 2 'cannot open' "$bl" "$logs/no-such.log"
expect_exit bootlog-usage 2 'usage' "$bl"
# An order on a value the guest printed as text fails the boot, with why.
expect_exit bootlog-order-on-text 1 'why: required CHECK_sep>1, got CHECK_sep=ok, not a number' \
	"$bl" --require 'CHECK_sep>1' "$logs/clean.log"

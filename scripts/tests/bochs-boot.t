# bochs-boot refuses bad arguments with one line and exit 2, before it
# makes a CD or starts Bochs.
. "$(dirname "$0")/../../tests/lib.sh"
bb=$FH_TESTS_TOP/scripts/bochs-boot

expect_exit bochs-boot-no-kernel 2 'which kernel' "$bb"
expect_exit bochs-boot-missing-kernel 2 'no such kernel image: /nonexistent' "$bb" /nonexistent
expect_exit bochs-boot-bad-mem 2 "'lots' is not a positive whole number" "$bb" /etc/hostname --mem lots
expect_exit bochs-boot-unknown-option 2 "unknown option '--smp'" "$bb" /etc/hostname --smp 2
expect_exit bochs-boot-missing-value 2 '--timeout needs a value' "$bb" /etc/hostname --timeout

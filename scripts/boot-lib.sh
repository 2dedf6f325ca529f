# The boot harness that scripts/kernel-boot (QEMU) and scripts/bochs-boot
# (Bochs) share: the options both take and their checks, the console log,
# the printed command, the verdict (scripts/bootlog), the failure tail,
# the JSON record and the exit code.  Each front end keeps only what its
# emulator needs: its own options, how it starts the emulator and how it
# knows the boot is over.  Sourced, not run.
#
# A front end sets BOOT_EMULATOR and BOOT_TIMEOUT (its default), defines
# usage() (with boot_usage's lines in it) and boot_option() (its own
# options: sets BOOT_TAKES to the words an option takes, 0 if it is not
# one), and then:
#
#   boot_parse "$@"; boot_check [NUMBER...]  arguments, before any work
#   boot_prepare                             bootlog, the guest, the log
#   BOOT_COMMAND=(...); boot_start           prints the command, the clock
#   ...runs it; BOOT_TIMED_OUT=1 on a timeout, BOOT_TROUBLE=why if the
#   emulator failed...
#   boot_finish                              verdict, JSON, exit
#
# Exit codes: 0 the boot passed (with --no-verdict: the emulator stopped
# on its own), 1 it did not, 124 it timed out, 2 bad arguments.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BOOT_KERNEL='' BOOT_MEM=256 BOOT_APPEND='' BOOT_LOG='' BOOT_INITRD='' BOOT_JSON=''
BOOT_OPTION_ROM=''
BOOT_VERDICT=1 BOOT_TIMEOUT_SET='' BOOT_TIMED_OUT='' BOOT_TROUBLE='' BOOT_KEEP_LOG=''
BOOT_WALL_FORMAT='%.1f s'
BOOT_REQUIRES=() BOOT_COMMAND=()

boot_usage() {
	cat <<USAGE
  --mem MB          guest memory (default 256)
  --append ARGS     extra kernel command line
  --timeout S       seconds before a hang counts as a failure (default $BOOT_TIMEOUT)
  --log FILE        where the serial console goes (default: a temp file, kept on
                    failure, with --json and with --no-verdict)
  --require EXPR    a condition on the guest's results, e.g. 'MEMINFO_HighTotal_kB>0'
  --initrd FILE     initramfs to boot (default: the guest program, built as needed)
  --no-verdict      judge nothing (for --initrd with your own initramfs): the
                    console's end is shown and its log kept
  --json FILE       the outcome as JSON: verdict, reasons, the guest's values,
                    wall time, log, command
  --option-rom FILE an option ROM for the BIOS to load between 0xc0000 and
                    0xe0000 (resident/ builds one), as it is: 512 bytes to
                    64 kB, whole 512-byte blocks; its checksum is the BIOS's
                    business (QEMU's SeaBIOS skips a bad one, Bochs loads it)
USAGE
}

# shellcheck disable=SC2034 # the front ends' usage() prints it
BOOT_EXIT_TEXT="Exit: 0 if the guest said PASS and the kernel did not complain (with
--no-verdict: if the emulator stopped on its own), 1 if not, 124 on a
timeout, 2 on bad arguments."

# boot_need_value OPTION ...: an option that takes a value has one.
boot_need_value() {
	[ $# -ge 2 ] || usage_error "$1 needs a value"
}

boot_parse() {
	local n
	while [ $# -gt 0 ]; do
		n=2
		case "$1" in
		-h|--help)	usage; exit 0 ;;
		--mem|--append|--timeout|--log|--require|--initrd|--json|--option-rom)
				boot_need_value "$@" ;;&
		--mem)		BOOT_MEM=$2 ;;
		--append)	# shellcheck disable=SC2034 # the front ends read it
				BOOT_APPEND=$2 ;;
		--timeout)	# shellcheck disable=SC2034 # BOOT_TIMEOUT_SET: kernel-boot reads it
				BOOT_TIMEOUT=$2 BOOT_TIMEOUT_SET=1 ;;
		--log)		BOOT_LOG=$2 ;;
		--require)	BOOT_REQUIRES+=(--require "$2") ;;
		--initrd)	BOOT_INITRD=$2 ;;
		--json)		BOOT_JSON=$2 ;;
		--option-rom)	BOOT_OPTION_ROM=$2 ;;
		--no-verdict)	BOOT_VERDICT='' n=1 ;;
		-*)		BOOT_TAKES=0
				boot_option "$@"
				n=$BOOT_TAKES
				[ "$n" -gt 0 ] || usage_error "unknown option '$1'" ;;
		*)		[ -z "$BOOT_KERNEL" ] || usage_error "one kernel only"
				BOOT_KERNEL=$1 n=1 ;;
		esac
		shift "$n"
	done
}

# boot_check_file OPTION PATH: a file we will write can be made there.
boot_check_file() {
	[ -n "$2" ] || return 0
	[ ! -d "$2" ] || usage_error "$1 $2: a directory, not a file"
	[ -d "$(dirname -- "$2")" ] || usage_error "$1 $2: no such directory"
}

# boot_check_rom: --option-rom names a file both emulators can place in
# the option-ROM area: Bochs at 0xd0000, so 64 kB at most, and in whole
# 512-byte blocks, as an option ROM's length byte counts it.
boot_check_rom() {
	local size
	[ -n "$BOOT_OPTION_ROM" ] || return 0
	[ -f "$BOOT_OPTION_ROM" ] || usage_error "--option-rom $BOOT_OPTION_ROM: no such file"
	size=$(stat -c %s -- "$BOOT_OPTION_ROM")
	[ "$size" -ge 512 ] && [ "$size" -le 65536 ] && [ $((size % 512)) -eq 0 ] ||
		usage_error "--option-rom $BOOT_OPTION_ROM: $size bytes, not 512 bytes to 64 kB in whole 512-byte blocks"
	# The emulators get the whole path, and QEMU's -option-rom and Bochs'
	# optromimage1 both take a comma or a space for its end.
	BOOT_OPTION_ROM=$(cd "$(dirname -- "$BOOT_OPTION_ROM")" && pwd)/$(basename -- "$BOOT_OPTION_ROM")
	[[ "$BOOT_OPTION_ROM" != *[,[:space:]]* ]] ||
		usage_error "--option-rom $BOOT_OPTION_ROM: neither emulator takes a comma or a space in it"
}

# boot_check [NUMBER...]: the common arguments, and the front end's
# numbers, which must be positive whole numbers.  Bad ones exit 2.
boot_check() {
	local n
	[ -n "$BOOT_KERNEL" ] || usage_error "which kernel? (a bzImage, see scripts/kernel-build)"
	[ -f "$BOOT_KERNEL" ] || usage_error "no such kernel image: $BOOT_KERNEL"
	for n in "$BOOT_MEM" "$BOOT_TIMEOUT" "$@"; do
		[[ "$n" =~ ^[1-9][0-9]{0,8}$ ]] || usage_error "'$n' is not a positive whole number"
	done
	[ -z "$BOOT_INITRD" ] || [ -f "$BOOT_INITRD" ] || usage_error "no such initramfs: $BOOT_INITRD"
	boot_check_rom
	[ -n "$BOOT_VERDICT" ] || [ ${#BOOT_REQUIRES[@]} -eq 0 ] ||
		usage_error "--require needs a verdict: not with --no-verdict"
	boot_check_file --log "$BOOT_LOG"
	boot_check_file --json "$BOOT_JSON"
	[ -z "$BOOT_JSON" ] || fh_need_tool jq
	make -s -C "$FH_TOP" scripts/bootlog >&2
	for n in "${BOOT_REQUIRES[@]}"; do
		[ "$n" = --require ] ||
			"$FH_TOP/scripts/bootlog" --check --require "$n" 2>/dev/null ||
			usage_error "--require '$n': not KEY<op>VALUE (op: == != >= <= > <; an order wants a number)"
	done
}

# The guest program as the initramfs unless one was named, and the log.
boot_prepare() {
	if [ -z "$BOOT_INITRD" ]; then
		BOOT_INITRD=$(fh_guest_initrd) || die "the guest program does not build"
	fi
	if [ -n "$BOOT_LOG" ] || [ -z "$BOOT_VERDICT" ] || [ -n "$BOOT_JSON" ]; then
		BOOT_KEEP_LOG=1
	fi
	[ -n "$BOOT_LOG" ] || BOOT_LOG=$(mktemp "${TMPDIR:-/tmp}/fixmap-hole-boot.XXXXXX")
	: >"$BOOT_LOG"
}

boot_start() {
	echo "boot: command: $(fh_quote "${BOOT_COMMAND[@]}")" >&2
	BOOT_START=$(date +%s.%N)
}

# boot_utf8 VAR STRING: VAR set to STRING as the JSON record holds it: as
# it is if it is UTF-8, else with every byte above 0x7f made a '?' (the
# serial console can carry any byte; jq would make bad ones U+FFFD).
boot_utf8() {
	local LC_ALL=C s=$2
	if [[ $s == *[$'\x80'-$'\xff']* ]] &&
	   ! printf '%s' "$s" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
		s=$(printf '%s' "$s" | tr '\200-\377' '?'; echo .)
		s=${s%.}
	fi
	printf -v "$1" '%s' "$s"
}

# boot_json FILE WALL EXIT BOOTLOG_OUTPUT: the record, written whole or not
# at all.  A value the guest printed twice counts as its last, in the
# place of its first, as for --require.
boot_json() {
	local file=$1 wall=$2 code=$3 out=$4 line emulator kernel log command trouble
	local timed_out=false
	local -a argv=()
	[ -z "$BOOT_TIMED_OUT" ] || timed_out=true
	boot_utf8 emulator "$BOOT_EMULATOR"
	boot_utf8 kernel "$BOOT_KERNEL"
	boot_utf8 log "$BOOT_LOG"
	boot_utf8 command "$(fh_quote "${BOOT_COMMAND[@]}")"
	boot_utf8 trouble "$BOOT_TROUBLE"
	for line in "${BOOT_COMMAND[@]}"; do
		boot_utf8 line "$line"
		argv+=("$line")
	done
	# Read as bytes: in a UTF-8 locale read takes a bad byte and the
	# newline after it as one character, and two lines as one.
	while LC_ALL=C IFS= read -r line; do
		boot_utf8 line "$line"
		printf '%s\n' "$line"
	done <"$out" |
	jq -R -s --arg emulator "$emulator" --arg kernel "$kernel" --arg log "$log" \
		--arg command "$command" --arg trouble "$trouble" --argjson exit "$code" \
		--argjson wall "$wall" --argjson timed_out "$timed_out" \
		--rawfile argv <(printf '%s\0' "${argv[@]}") '
		split("\n") as $lines
		| ($lines | map(select(startswith("bootlog:") | not) | select(contains("="))
				| split("=") | {key: .[0], value: (.[1:] | join("="))})) as $values
		| {
			emulator: $emulator,
			kernel: $kernel,
			verdict: ($lines | map(select(. == "bootlog: PASS" or . == "bootlog: FAIL")
					     | ltrimstr("bootlog: ")) | last),
			timed_out: $timed_out,
			exit: $exit,
			reasons: ($lines | map(select(startswith("bootlog: why: "))
					      | ltrimstr("bootlog: why: "))
				  + if $trouble == "" then [] else [$trouble] end),
			values: (reduce $values[] as $v ({}; .[$v.key] = $v.value)),
			wall_time_s: $wall,
			log: $log,
			command: $command,
			argv: ($argv | split("\u0000") | .[:-1])
		}' >"$file.tmp" && mv "$file.tmp" "$file" ||
		{ rm -f "$file.tmp"; return 1; }
}

# boot_finish: the verdict on the log (none with --no-verdict), the wall
# time, on failure the log's last lines (and the front end's
# boot_failure_more, if it has one), the JSON record; exits.
boot_finish() {
	local wall code=0 out
	wall=$(awk -v s="$BOOT_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	out=$(mktemp "${TMPDIR:-/tmp}/fixmap-hole-verdict.XXXXXX")
	if [ -n "$BOOT_VERDICT" ]; then
		"$FH_TOP/scripts/bootlog" ${BOOT_TIMED_OUT:+--timed-out} "${BOOT_REQUIRES[@]}" \
			"$BOOT_LOG" >"$out" || code=1
		cat "$out"
	elif [ -n "$BOOT_TROUBLE" ]; then
		code=1
	fi
	[ -z "$BOOT_TIMED_OUT" ] || code=124
	[ -z "$BOOT_TROUBLE" ] || echo "$FH_PROG: $BOOT_TROUBLE" >&2
	printf "boot: wall time $BOOT_WALL_FORMAT\\n" "$wall"
	if [ -z "$BOOT_VERDICT" ]; then
		echo "boot: console log $BOOT_LOG"
		echo "$FH_PROG: no verdict asked for;${BOOT_TIMED_OUT:+ timed out after $BOOT_TIMEOUT s;} last lines of the console log $BOOT_LOG:" >&2
		tail -n 25 "$BOOT_LOG" | sed 's/^/    /' >&2
	elif [ $code -ne 0 ]; then
		echo "$FH_PROG: boot failed${BOOT_TIMED_OUT:+ (timed out after $BOOT_TIMEOUT s)}; last lines of the console log $BOOT_LOG:" >&2
		tail -n 25 "$BOOT_LOG" | sed 's/^/    /' >&2
	fi
	if [ $code -ne 0 ] && declare -F boot_failure_more >/dev/null; then
		boot_failure_more
	fi
	[ -z "$BOOT_JSON" ] || boot_json "$BOOT_JSON" "$wall" $code "$out" ||
		{ echo "$FH_PROG: could not write $BOOT_JSON" >&2; code=1; }
	rm -f "$out"
	[ $code -ne 0 ] || [ -n "$BOOT_KEEP_LOG" ] || rm -f "$BOOT_LOG"
	exit $code
}

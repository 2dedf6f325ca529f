# Runs shellcheck over every shell file of scripts/ and tests/: *.sh, *.t
# and the files without an extension whose first line names bash or sh
# (all of them bash).  Nothing at warning level or above may be found; a
# finding that is wrong for its line is disabled at that line, with the
# reason in the same comment.  -x with source path SCRIPTDIR follows
# `. "$(dirname "$0")/lib.sh"`, so what a sourced file sets for the
# scripts that source it counts as used.
. "$(dirname "$0")/lib.sh"

if ! command -v shellcheck >/dev/null; then
	fail shellcheck "no shellcheck; run: scripts/setup --packages-only"
	exit 0
fi
mapfile -t files < <(cd "$FH_TESTS_TOP" && find scripts tests -type f | sort |
	while read -r f; do
		case ${f##*/} in
		*.sh|*.t)	echo "$f" ;;
		*.*)		;;
		*)		head -n 1 "$f" | grep -qE '^#!.*\b(ba)?sh\b' && echo "$f" ;;
		esac
	done)
if out=$(cd "$FH_TESTS_TOP" && shellcheck -x -P SCRIPTDIR -s bash -S warning -f gcc \
	 "${files[@]}" 2>&1); then
	pass "shellcheck (${#files[@]} files, -S warning)"
else
	fail shellcheck "$(echo "$out" | grep -c .) findings at warning level or above in ${#files[@]} files:"
	echo "$out" | sed 's/^/    /'
fi

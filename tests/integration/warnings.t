# The checks a kernel maintainer runs on a series: it adds no gcc warning
# and no sparse warning.  On each tree, the pristine build (the toolchain
# section alone) against the whole series, in the same config and in the
# dynamic one, compared per file and by message, never by line number
# (the patches move lines; gcc 12 and today's sparse warn a lot on a 2005
# tree, and what counts is that the series adds none).  gcc's words come
# from the builds' own logs, sparse's from `make C=2` on every C file the
# series touches, run on a scratch copy of each build.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
build=$FH_TESTS_TOP/scripts/kernel-build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# build_with_log VERSION CONFIG PATCHES: the build directory, with the
# compiler's log kept in it.  A build cached by a kernel-build that did
# not keep the log yet is made once more.
build_with_log() {
	local image dir
	image=$(build_kernel "$@") || return 1
	dir=$(fh_build_of "$image") || return 1
	if [ ! -f "$dir/.fixmap-hole-build.log" ]; then
		"$build" --tree "$1" --config "$2" --patches "$3" --force >/dev/null 2>"$tmp/force.err" ||
			{ fail "build-$1-$2-$3" "$(tail -n 1 "$tmp/force.err")" >&2; return 1; }
	fi
	echo "$dir"
}

# messages: "FILE: warning: TEXT" for each warning on stdin, FILE relative
# to the tree, line and column dropped, gcc's quotes as in the C locale
# (a build cached before kernel-build set its locale may have UTF-8's);
# errors too, so that none goes unseen.  tree_paths: a path relative to
# the tree (the source copy's and the build's own directories left out).
messages() {
	sed -n -E "s/‘|’/'/g; s|^([^ :]+):[0-9]+(:[0-9]+)?: (warning\|error): |\1: \3: |p" | tree_paths
}
tree_paths() {
	sed -E "s|^$FH_CACHE/(src\|build)/[^/]*/||; s|^include2/asm/|include/asm-i386/|"
}

# sparse_check BUILD FILE...: sparse's messages on each FILE that BUILD
# compiled, from `make C=2` on a copy of BUILD (make would write into the
# build it runs in), the same compilers as kernel-build's; and the path of
# each file sparse looked at, alone on its line; paths as tree_paths.
sparse_check() {
	local dir=$1 src copy=$tmp/copy f objs=()
	shift
	src=$(sed -n 's/^KERNELSRC *:= *//p' "$dir/Makefile")
	for f in "$@"; do
		[ -f "$dir/${f%.c}.o" ] && objs+=("${f%.c}.o")
	done
	[ ${#objs[@]} -gt 0 ] || return 0
	rm -rf "$copy"
	cp -a "$dir" "$copy"
	# One make, no -j: sparse speaks right after kbuild's CHECK line and
	# before kbuild's next one, and only that is sparse's (for each goal,
	# kbuild remakes its host programs in the copy, and gcc has words for
	# them).  -m32: today's sparse takes the host's 64-bit longs unless
	# told.
	make -C "$src" O="$copy" ARCH=i386 CC="$(fh_kcc)" HOSTCC="$(fh_hostcc)" C=2 CHECK="sparse -m32" "${objs[@]}" 2>&1 |
		awk '/^  [A-Z0-9_]+ / { sparse = 0 }
		     /^  CHECK   / { sparse = 1; print $2; next }
		     sparse && /: (warning|error): /' | tree_paths
	rm -rf "$copy"
}

# about LIST FILE: the messages of LIST about FILE; FILE "-" stands for
# every file not named in $tmp/files.
about() {
	awk -v f="$2" -v list="$tmp/files" '
		BEGIN { while ((getline l < list) > 0) named[l] = 1 }
		{ name = $0; sub(/: .*/, "", name) }
		f == "-" ? !(name in named) : name == f' "$1"
}

# compare NAME PRISTINE PATCHED FILE...: one result per FILE, and one for
# every other file together: PASS when the series adds no message there,
# else FAIL with each message it adds and how many more times.
compare() {
	local name=$1 pristine=$2 patched=$3 f new counts
	shift 3
	printf '%s\n' "$@" >"$tmp/files"
	for f in "$@" -; do
		about "$pristine" "$f" >"$tmp/before"
		about "$patched" "$f" >"$tmp/after"
		# (FILENAME, not FNR == NR: the first file may be empty.)
		new=$(awk 'FILENAME == ARGV[1] { had[$0]++; next } { has[$0]++ }
			END { for (m in has) if (has[m] > had[m] + 0)
				printf "added: %s (+%d) ", m, has[m] - had[m] }' "$tmp/before" "$tmp/after")
		counts="$(wc -l <"$tmp/before") pristine, $(wc -l <"$tmp/after") patched"
		[ "$f" != - ] || f="every other file"
		if [ -z "$new" ]; then
			pass "$name $f ($counts)"
		else
			fail "$name $f" "$new($counts)"
		fi
	done
}

for v in $FH_VERSIONS; do
	need_tree "$v" "warnings-$v" || continue
	# The files the feature patches touch; sparse reads the C files.
	cfiles=$(fh_series "$v" feature | while read -r p; do
			sed -n 's|^+++ b/||p' "$FH_TOP/patches/$p"
		 done | grep '\.c$' | sort -u)
	pristine=$(build_with_log "$v" pc-highmem4g toolchain) || continue
	messages <"$pristine/.fixmap-hole-build.log" >"$tmp/gcc-pristine"
	# shellcheck disable=SC2086 # one word per file
	sparse_check "$pristine" $cfiles >"$tmp/sparse-pristine.out"
	grep ': ' "$tmp/sparse-pristine.out" | messages >"$tmp/sparse-pristine"
	for config in pc-highmem4g pc-highmem4g+dynamic+layout; do
		patched=$(build_with_log "$v" "$config" all) || continue
		messages <"$patched/.fixmap-hole-build.log" >"$tmp/gcc-patched"
		# A log that compiled none of the touched files says nothing.
		seen=$(echo "$cfiles" | while read -r f; do
			grep -q "^  CC *${f%.c}\.o$" "$patched/.fixmap-hole-build.log" && echo "$f"
		done)
		if [ -z "$seen" ]; then
			fail "gcc-warnings-$v-$config" "the build log compiled none of the files the series touches"
			continue
		fi
		# shellcheck disable=SC2086
		compare "gcc-warnings-$v-$config" "$tmp/gcc-pristine" "$tmp/gcc-patched" $seen
		# shellcheck disable=SC2086
		sparse_check "$patched" $cfiles >"$tmp/sparse-patched.out"
		checked=$(grep -v ': ' "$tmp/sparse-patched.out" | sort)
		if [ "$checked" != "$(echo "$seen" | sort)" ]; then
			fail "sparse-warnings-$v-$config" "sparse checked '$(echo "$checked" | tr '\n' ' ')', the build compiled '$(echo "$seen" | tr '\n' ' ')'"
			continue
		fi
		grep ': ' "$tmp/sparse-patched.out" | messages >"$tmp/sparse-patched"
		# shellcheck disable=SC2086
		compare "sparse-warnings-$v-$config" "$tmp/sparse-pristine" "$tmp/sparse-patched" $seen
	done
done

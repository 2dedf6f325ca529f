# The series itself, without a kernel: every patch is listed and has the
# header and form we require, and the sub-architecture headers at the top
# of the repository are exactly what the series adds to the kernel.
. "$(dirname "$0")/lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
top=$FH_TESTS_TOP
listed=$(fh_series_entries)

missing=$(for p in $listed; do [ -f "$top/patches/$p" ] || echo "$p"; done)
[ -z "$missing" ] && pass series-files-exist || fail series-files-exist "not in patches/: $(echo $missing)"

unlisted=$(cd "$top/patches" && find . -name '*.patch' | sed 's|^\./||' | sort |
	   while read -r p; do echo "$listed" | grep -qxF "$p" || echo "$p"; done)
[ -z "$unlisted" ] && pass series-no-stray-patches || fail series-no-stray-patches "not in series: $(echo $unlisted)"

for p in $listed; do
	f=$top/patches/$p
	why=
	head -n 1 "$f" | grep -q '^From: .*<.*@.*>$' || why="$why no From: first;"
	grep -q '^Subject: \[PATCH\] ' "$f" || why="$why no Subject:;"
	grep -q '^Signed-off-by: .*<.*@.*>$' "$f" || why="$why no Signed-off-by:;"
	# A description: text between Subject: and Signed-off-by:.
	[ "$(sed -n '/^Subject:/,/^Signed-off-by:/p' "$f" | grep -vc '^\(Subject:\|Signed-off-by:\|\)$')" -ge 2 ] ||
		why="$why no description;"
	grep -q '^ [0-9]* files\? changed' "$f" || why="$why no diffstat;"
	grep '^--- ' "$f" | grep -qv '^--- \(a/\|/dev/null\)' && why="$why a --- path not a/;"
	grep '^+++ ' "$f" | grep -qv '^+++ b/' && why="$why a +++ path not b/;"
	grep -qE '^(\+\+\+|---) .*[0-9]{4}-[0-9]{2}-[0-9]{2} ' "$f" && why="$why timestamps;"
	grep -q '^Index: ' "$f" && why="$why Index: lines;"
	# diff -p names the last line before a hunk that starts with a letter,
	# _ or $: a hunk after such a line of the same file must name one.
	# (Without the tree this sees only the lines earlier hunks show; the
	# refresh below checks the rest.)
	bare=$(awk '
		old > 0 || new > 0 {
			c = substr($0, 1, 1)
			if (c != "+" && c != "\\") old--
			if (c != "-" && c != "\\") new--
			if (c != "+" && c != "\\" && substr($0, 2) ~ /^[[:alpha:]$_]/) seen = 1
			next
		}
		/^\+\+\+ / { file = $2; seen = 0; next }
		/^@@ / {
			split($2, o, ","); split($3, n, ",")
			old = (2 in o) ? o[2] : 1; new = (2 in n) ? n[2] : 1
			if (seen && $0 ~ /^@@ [^@]* @@$/) print file ": " $0
		}' "$f")
	[ -n "$bare" ] && why="$why no function context: $(echo "$bare" | head -n 1);"
	# 2.6.12's CodingStyle: 80 columns, tabs at 8, for every added line.
	long=$(awk '
		/^\+\+\+ / { file = $2; next }
		/^\+/ {
			col = 0
			for (i = 2; i <= length($0); i++)
				col = substr($0, i, 1) == "\t" ? col - col % 8 + 8 : col + 1
			if (col > 80) print file ": " col " columns"
		}' "$f")
	[ -n "$long" ] && why="$why over 80 columns: $(echo "$long" | head -n 1);"
	[ -z "$why" ] && pass "patch-form $p" || fail "patch-form $p" "$why"
done

# A header as the whole series leaves it: every patch's part for that
# file, applied in series order to an empty directory.
series_file() {
	local h=$1 dir p
	dir=$(mktemp -d)
	for p in $listed; do
		grep -q "^+++ b/$h\$" "$top/patches/$p" || continue
		awk -v path="b/$h" '
			/^--- / { inside = 0; pending = $0; next }
			/^\+\+\+ / { inside = ($2 == path); if (inside) print pending }
			inside' "$top/patches/$p" |
			patch -s -p1 -d "$dir" >/dev/null || { rm -rf "$dir"; return 1; }
	done
	cat "$dir/$h" 2>/dev/null
	local rc=$?
	rm -rf "$dir"
	return $rc
}
for mach in mach-default mach-visws mach-xen; do
	h=include/asm-i386/$mach/mach_fixmap.h
	if ! final=$(series_file "$h"); then
		fail "header-copy $mach" "the series does not make $h"
	elif diff -u "$top/$h" <(printf '%s\n' "$final") >/dev/null; then
		pass "header-copy $mach"
	else
		fail "header-copy $mach" "$h differs from what the series makes of it"
	fi
done

# Every patch as .quiltrc refreshes it: each hunk with the function diff -p
# finds for it.  A refresh of a copy of the series must change nothing;
# and one patch with its function context taken out must be caught.
if ! fh_tree_dir v2.6.12-rc1 >/dev/null || ! fh_tree_dir v2.6.11.5 >/dev/null; then
	skip series-refreshed "the refresh needs both trees; run: scripts/setup --trees-only"
	skip series-refresh-catches "the refresh needs both trees; run: scripts/setup --trees-only"
	skip series-refresh-no-tree "the refresh needs both trees; run: scripts/setup --trees-only"
else
	out=$("$top/scripts/series-refresh" --check 2>&1) && pass "series-refreshed ($(echo "$out" | tail -n 1 | sed 's/^==> //'))" ||
		fail series-refreshed "$(echo "$out" | grep -v '^==>' | tr '\n' ' ')"
	copy=$(mktemp -d)
	mkdir -p "$copy/scripts" "$copy/patches/toolchain/v2.6.12-rc1"
	cp "$top/scripts/lib.sh" "$top/scripts/series-refresh" "$copy/scripts/"
	cp "$top/.quiltrc" "$copy/"
	p=toolchain/v2.6.12-rc1/compiler-h-newer-gcc.patch
	cp "$top/patches/$p" "$copy/patches/$p"
	sed 's/^\(@@ [^@]* @@\).*/\1/' "$top/patches/fixmap-top-from-subarch.patch" >"$copy/patches/fixmap-top-from-subarch.patch"
	printf '%s\n' "$p" fixmap-top-from-subarch.patch >"$copy/series"
	out=$("$copy/scripts/series-refresh" --check 2>&1)
	rc=$?
	[ $rc -eq 1 ] && [ "$(echo "$out" | grep -v '^==>')" = "fixmap-top-from-subarch.patch: a refresh changes it" ] &&
		pass series-refresh-catches || fail series-refresh-catches "exit $rc: $(echo "$out" | tr '\n' ' ')"
	# A toolchain line for a tree we do not have is refreshed nowhere: said.
	mkdir -p "$copy/patches/toolchain/v2.6.99"
	mv "$copy/patches/$p" "$copy/patches/toolchain/v2.6.99/"
	echo toolchain/v2.6.99/compiler-h-newer-gcc.patch >"$copy/series"
	expect_exit series-refresh-no-tree 1 "in no tree's series, not refreshed: toolchain/v2.6.99/" \
		"$copy/scripts/series-refresh" --check
	rm -rf "$copy"
fi

# patches/toolchain/needed-while: a line for every toolchain patch and
# none for a patch the series lacks; on each tree a patch reaches, every
# one of its lines finds the problem (the pristine tree needs the patch),
# and once the series is applied none does (the patch is what fixed it).
listed_toolchain=$(echo "$listed" | grep '^toolchain/' | sed 's|^toolchain/||')
named=$(grep -v '^#' "$top/patches/toolchain/needed-while" | cut -f 1 | sort -u)
why=$(comm -3 <(echo "$listed_toolchain" | sort) <(echo "$named") | sed 's/^\t/only in needed-while: /' | tr '\n' ' ')
[ -z "$why" ] && pass needed-while-names || fail needed-while-names "$why"
for v in $FH_VERSIONS; do
	if ! fh_tree_dir "$v" >/dev/null; then
		skip "needed-while-$v" "no verified $v tree; run: scripts/setup --trees-only"
		continue
	fi
	copy=$(mktemp -d)
	tc=$(fh_series "$v" toolchain)
	tc_files=()
	for p in $tc; do tc_files+=("$top/patches/$p"); done
	fh_tree_subset "$v" "$copy" "${tc_files[@]}"
	before='' after=''
	for p in $tc; do
		fh_toolchain_fixed "$copy" "$p" >/dev/null && before="$before $p"
	done
	for p in $tc; do
		(cd "$copy" && patch -p1 -F0 -N -s -i "$top/patches/$p" </dev/null >/dev/null) || after="$after $p (does not apply)"
	done
	for p in $tc; do
		fh_toolchain_fixed "$copy" "$p" >/dev/null || after="$after $p"
	done
	[ -z "$before$after" ] && pass "needed-while-$v (each problem found before the series, none after)" ||
		fail "needed-while-$v" "${before:+taken as fixed in the pristine tree:$before; }${after:+still found after the series:$after}"
	rm -rf "$copy"
done

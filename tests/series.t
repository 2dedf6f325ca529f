# The series itself, without a kernel: every patch is listed and has the
# header and form we require, and the sub-architecture headers at the top
# of the repository are exactly what the series adds to the kernel.
. "$(dirname "$0")/lib.sh"
top=$FH_TESTS_TOP
listed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top/series" | awk '{ print $1 }')

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
	[ -z "$why" ] && pass "patch-form $p" || fail "patch-form $p" "$why"
done

# The file a patch creates, as it will be in the kernel tree.
new_file() {
	awk -v path="b/$2" '
		$1 == "+++" { inside = ($2 == path); next }
		inside && /^@@/ { next }
		inside && /^\+/ { print substr($0, 2); next }
		inside { inside = 0 }' "$1"
}
for mach in mach-default mach-visws mach-xen; do
	h=include/asm-i386/$mach/mach_fixmap.h
	carrier=$(grep -l "^+++ b/$h\$" "$top"/patches/*.patch 2>/dev/null | head -n 1)
	if [ -z "$carrier" ]; then
		fail "header-copy $mach" "no patch adds $h"
	elif diff -u "$top/$h" <(new_file "$carrier" "$h") >/dev/null; then
		pass "header-copy $mach"
	else
		fail "header-copy $mach" "$h differs from what $(basename "$carrier") adds"
	fi
done

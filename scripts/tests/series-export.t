# series-export and series-refresh refuse bad arguments before doing any
# work; fh_series' "feature" part leaves the toolchain section out; the
# quilt export needs no tree and holds the tree's lines alone; mbox and
# diff say which tree they need.
. "$(dirname "$0")/../../tests/lib.sh"
exp=$FH_TESTS_TOP/scripts/series-export
ref=$FH_TESTS_TOP/scripts/series-refresh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
empty=$tmp/empty-cache
mkdir "$empty" "$tmp/there"

expect_exit export-help 0 'usage: series-export' "$exp" --help
expect_exit export-no-tree 2 '--tree is required' "$exp" --format quilt --out "$tmp/o"
expect_exit export-unknown-tree 2 "unknown tree 'v2.6.99'" "$exp" --tree v2.6.99 --format quilt --out "$tmp/o"
expect_exit export-empty-tree 2 '--tree is required' "$exp" --tree '' --format quilt --out "$tmp/o"
expect_exit export-tree-no-value 2 '--tree needs a version' "$exp" --tree
expect_exit export-no-format 2 '--format is required' "$exp" --tree v2.6.11.5 --out "$tmp/o"
expect_exit export-bad-format 2 "unknown format 'tar'" "$exp" --tree v2.6.11.5 --format tar --out "$tmp/o"
expect_exit export-no-out 2 '--out is required' "$exp" --tree v2.6.11.5 --format quilt
expect_exit export-out-no-value 2 '--out needs a path' "$exp" --tree v2.6.11.5 --format quilt --out
expect_exit export-out-exists 2 "--out '$tmp/there' exists already" "$exp" --tree v2.6.11.5 --format quilt --out "$tmp/there"
ln -s "$tmp/nowhere" "$tmp/dangling"
expect_exit export-out-dangling-link 2 'exists already' "$exp" --tree v2.6.11.5 --format quilt --out "$tmp/dangling"
expect_exit export-out-no-dir 2 "no directory $tmp/no/such" "$exp" --tree v2.6.11.5 --format quilt --out "$tmp/no/such/o"
expect_exit export-mbox-out-dir 2 "--out '$tmp/m/' names a directory" "$exp" --tree v2.6.11.5 --format mbox --out "$tmp/m/"
expect_exit export-stray-argument 2 "unknown argument 'extra'" "$exp" --tree v2.6.11.5 --format quilt --out "$tmp/o" extra
[ ! -e "$tmp/o" ] && [ ! -e "$tmp/m" ] && [ ! -e "$tmp/nowhere" ] && pass export-refusals-wrote-nothing ||
	fail export-refusals-wrote-nothing "a refused export left $tmp/o, $tmp/m or $tmp/nowhere"
expect_exit export-mbox-needs-tree 1 'run: scripts/kernel-import v2.6.11.5' \
	env FIXMAP_HOLE_CACHE="$empty" "$exp" --tree v2.6.11.5 --format mbox --out "$tmp/o"
expect_exit export-diff-needs-tree 1 'run: scripts/kernel-import v2.6.12-rc1' \
	env FIXMAP_HOLE_CACHE="$empty" "$exp" --tree v2.6.12-rc1 --format diff --out "$tmp/o"

expect_exit refresh-help 0 'usage: series-refresh' "$ref" --help
expect_exit refresh-unknown 2 "unknown argument '--all'" "$ref" --all
expect_exit refresh-two 2 'one option at most' "$ref" --check --check
expect_exit refresh-needs-trees 1 'run: scripts/kernel-import' env FIXMAP_HOLE_CACHE="$empty" "$ref" --check

# The quilt export, without any tree: the patches of this tree's series,
# byte for byte, and a series of its lines alone; in a path with a space.
. "$FH_TESTS_TOP/scripts/lib.sh"
for part in all feature; do
	flag=
	[ $part = feature ] && flag=--no-toolchain
	out="$tmp/a dir/q-$part"
	mkdir -p "$tmp/a dir"
	if ! env FIXMAP_HOLE_CACHE="$empty" "$exp" --tree v2.6.11.5 --format quilt $flag --out "$out" 2>"$tmp/err"; then
		fail "export-quilt-$part" "$(tail -n 1 "$tmp/err")"
		continue
	fi
	series=$(fh_series v2.6.11.5 $part)
	why=
	[ "$(grep -v '^#' "$out/series")" = "$series" ] || why="series is not fh_series v2.6.11.5 $part;"
	for p in $series; do cmp -s "$out/$p" "$FH_TOP/patches/$p" || why="$why $p differs;"; done
	[ "$(find "$out" -name '*.patch' | wc -l)" -eq "$(echo "$series" | wc -l)" ] || why="$why other patches;"
	echo "$series" | grep -q '^toolchain/v2.6.12-rc1/' && why="$why v2.6.12-rc1's toolchain lines;"
	[ $part = feature ] && echo "$series" | grep -q '^toolchain/' && why="$why toolchain lines;"
	[ $part = all ] && ! echo "$series" | grep -q '^toolchain/common/' && why="$why no toolchain lines;"
	[ -z "$why" ] && pass "export-quilt-$part" || fail "export-quilt-$part" "$why"
done

# fh_series' parts on a series of our own.
FH_TOP=$tmp
cat >"$tmp/series" <<SERIES
toolchain/common/a.patch
toolchain/v2.6.12-rc1/b.patch
feature-c.patch   # the first
# toolchain/common/d.patch
feature-e.patch
SERIES
got=$(fh_series v2.6.12-rc1 feature | tr '\n' ' ')
[ "$got" = "feature-c.patch feature-e.patch " ] && pass series-feature-part || fail series-feature-part "got '$got'"
got=$(fh_series v2.6.11.5 all | tr '\n' ' ')
[ "$got" = "toolchain/common/a.patch feature-c.patch feature-e.patch " ] && pass series-all-part ||
	fail series-all-part "got '$got'"

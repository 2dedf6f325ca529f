# kernel-import: bad arguments are refused with a reason, and a tree whose
# git tree id is not the known one never reaches the cache.
. "$(dirname "$0")/../../tests/lib.sh"
imp=$FH_TESTS_TOP/scripts/kernel-import
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FIXMAP_HOLE_CACHE=$tmp/cache
unset KERNEL_HISTORY_GIT

expect_exit import-no-version 2 'which VERSION' "$imp"
expect_exit import-unknown-version 2 "unknown version 'v2.4.0'" "$imp" v2.4.0
expect_exit import-two-sources 2 'name one source' "$imp" v2.6.11.5 --git /x --tarball /y
expect_exit import-tag-without-git 2 '--tag goes with --git' "$imp" v2.6.11.5 --tag v1
expect_exit import-missing-gitdir 2 'no such git dir' "$imp" v2.6.11.5 --git "$tmp/nowhere"
expect_exit import-missing-tarball 2 'no such tarball' "$imp" v2.6.11.5 --tarball "$tmp/none.tar.gz"

# A repository whose v2.6.12-rc1 tag points at some other tree.
git init -q "$tmp/repo"
echo "not a kernel" >"$tmp/repo/README"
git -C "$tmp/repo" add README
git -C "$tmp/repo" -c user.name=t -c user.email=t@t commit -q -m fake
git -C "$tmp/repo" tag v2.6.12-rc1
expect_exit import-git-id-mismatch 1 'tree id mismatch for v2.6.12-rc1: got [0-9a-f]{40}, want 15234240' \
	"$imp" v2.6.12-rc1 --git "$tmp/repo/.git"
expect_exit import-git-missing-tag 1 "tag 'v2.6.11.5' not found" "$imp" v2.6.11.5 --git "$tmp/repo/.git"

# The same through KERNEL_HISTORY_GIT, the way the set-up command finds it.
expect_exit import-env-id-mismatch 1 'tree id mismatch' \
	env KERNEL_HISTORY_GIT="$tmp/repo/.git" "$imp" v2.6.12-rc1

# A release-style tarball with the wrong content.
mkdir -p "$tmp/linux-2.6.11.5" && echo hello >"$tmp/linux-2.6.11.5/Makefile"
tar -C "$tmp" -czf "$tmp/linux-2.6.11.5.tar.gz" linux-2.6.11.5
expect_exit import-tarball-id-mismatch 1 'tree id mismatch for v2.6.11.5' \
	"$imp" v2.6.11.5 --tarball "$tmp/linux-2.6.11.5.tar.gz"

if [ -e "$tmp/cache/trees/v2.6.12-rc1" ] || [ -e "$tmp/cache/trees/v2.6.11.5" ] ||
   ls "$tmp/cache/trees"/*.tree-id >/dev/null 2>&1; then
	fail import-refused-leaves-nothing "a refused tree is in the cache: $(ls -a "$tmp/cache/trees")"
elif compgen -G "$tmp/cache/trees/.import*" >/dev/null; then
	fail import-refused-leaves-nothing "scratch directories left behind"
else
	pass import-refused-leaves-nothing
fi

# scripts/series-export on both trees: its quilt directory pushed with
# quilt, its mbox applied with git am, the quilt directory imported with
# git quiltimport and its combined diff applied with patch -p1 all give the
# same tree, and with the toolchain section that tree is the one
# scripts/kernel-build's own quilt push makes.  Trees are compared by git
# tree id (.pc and patches/ left out), in one git repository per kernel
# tree reset to the pristine commit between the ways.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
export=$FH_TESTS_TOP/scripts/series-export

# No one's git or quilt settings take part.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 QUILTRC=/dev/null
export GIT_AUTHOR_NAME=export.t GIT_AUTHOR_EMAIL=export.t@localhost
export GIT_COMMITTER_NAME=export.t GIT_COMMITTER_EMAIL=export.t@localhost
tmp=$(mktemp -d /tmp/export-t.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# The work tree's id as it stands (ignoring .pc and patches/).
work_tree_id() {
	git -C "$w" add -A && git -C "$w" write-tree
}

# to_pristine: the repository back at the pristine commit, nothing else.
to_pristine() {
	git -C "$w" am --abort >/dev/null 2>&1
	rm -rf "$w/.git/rebase-apply"
	git -C "$w" reset -q --hard pristine && git -C "$w" clean -qfdx
}

# The authors and subjects the patches in SERIES carry, as git log shows them.
expected_log() {
	local p
	for p in $1; do
		printf '%s|%s\n' \
			"$(sed -n '1s/^From: //p' "$FH_TOP/patches/$p")" \
			"$(sed -n 's/^Subject: \[PATCH\] //p' "$FH_TOP/patches/$p")"
	done
}

# ways VERSION PART: export the series three ways and apply each four
# ways; one PASS or FAIL per way, the common tree id in $same.
ways() {
	local v=$1 part=$2 flag='' name q m d series id ids='' way log stat
	[ "$part" = feature ] && flag=--no-toolchain
	name=export-$v-${part/all/with-toolchain}
	name=${name/feature/no-toolchain}
	series=$(fh_series "$v" "$part")
	q=$tmp/$name.quilt m=$tmp/$name.mbox d=$tmp/$name.diff
	for f in quilt:$q mbox:$m diff:$d; do
		if ! "$export" --tree "$v" --format "${f%%:*}" $flag --out "${f#*:}" 2>"$tmp/export.err"; then
			fail "$name-${f%%:*}" "$(tail -n 2 "$tmp/export.err" | tr '\n' ' ')"
			return 1
		fi
	done
	diff -q <(grep -v '^#' "$q/series") <(echo "$series") >/dev/null &&
		pass "$name-quilt-series" ||
		fail "$name-quilt-series" "$q/series is not fh_series $v $part"
	[ "$(grep -c '^From [0-9a-f]\{40\} ' "$m")" -eq $(($(echo "$series" | wc -l) + 1)) ] &&
	grep -q "^Subject: \[PATCH 0/$(echo "$series" | wc -l)\] " "$m" &&
	grep -qE '^ [0-9]+ files changed' "$m" &&
		pass "$name-mbox-cover" ||
		fail "$name-mbox-cover" "no cover letter [PATCH 0/N] with a diffstat, or not N+1 messages"

	for way in quilt git-am git-quiltimport patch; do
		to_pristine
		case $way in
		quilt)	cp -a "$q" "$w/patches" &&
			(cd "$w" && quilt push -a --fuzz=0 -q) >"$tmp/log" 2>&1 ;;
		git-am)	git -C "$w" am -q --empty=drop "$m" >"$tmp/log" 2>&1 ;;
		git-quiltimport)
			git -C "$w" quiltimport --patches "$q" >"$tmp/log" 2>&1 ;;
		patch)	(cd "$w" && patch -p1 -s --fuzz=0 <"$d") >"$tmp/log" 2>&1 ;;
		esac
		if [ $? -ne 0 ]; then
			fail "$name-$way" "did not apply: $(tail -n 3 "$tmp/log" | tr '\n' ' ')"
			continue
		fi
		case $way in
		git-am|git-quiltimport)
			log=$(git -C "$w" log --reverse --format='%an <%ae>|%s' pristine..HEAD)
			[ "$log" = "$(expected_log "$series")" ] ||
				{ fail "$name-$way" "commits not one per patch with its author and subject"; continue; } ;;
		esac
		# The cover letter's diffstat is what the series changed.
		if [ $way = git-am ]; then
			stat=$(git -C "$w" diff --shortstat pristine HEAD)
			grep -qxF -- "$stat" "$m" && pass "$name-cover-diffstat ($stat)" ||
				fail "$name-cover-diffstat" "the cover letter lacks '$stat'"
		fi
		id=$(work_tree_id)
		ids="$ids $way=$id"
		[ "$id" = "$ref" ] || [ -z "$ref" ] ||
			{ fail "$name-$way" "tree $id, kernel-build's is $ref"; continue; }
		pass "$name-$way (tree ${id:0:12})"
	done
	same=$(echo "$ids" | tr ' ' '\n' | sed -n 's/.*=//p' | sort -u)
	[ "$(echo "$same" | wc -l)" -eq 1 ] && [ "$(echo $ids | wc -w)" -eq 4 ] &&
		pass "$name-all-ways-same" || fail "$name-all-ways-same" "trees:$ids"
}

for v in $FH_VERSIONS; do
	if ! tree=$(fh_tree_dir "$v"); then
		skip "export-$v" "no verified $v tree; run: scripts/kernel-import $v"
		continue
	fi
	w=$tmp/$v
	cp -a "$tree/." "$w"
	git -C "$w" init -q
	git -C "$w" config gc.auto 0
	printf '/.pc/\n/patches/\n' >>"$w/.git/info/exclude"
	git -C "$w" add -A && git -C "$w" commit -q -m pristine && git -C "$w" tag pristine
	# The repository holds the tree we know: its id is the tree's.
	id=$(git -C "$w" rev-parse 'pristine^{tree}')
	[ "$id" = "$(fh_tree_id "$v")" ] && pass "export-$v-pristine-id" ||
		fail "export-$v-pristine-id" "the copy's tree is $id"

	# kernel-build's way: the tree's series in patches/, quilt push -a.
	to_pristine
	mkdir "$w/patches"
	for p in $(fh_series "$v"); do
		mkdir -p "$w/patches/$(dirname "$p")"
		cp "$FH_TOP/patches/$p" "$w/patches/$p"
	done
	fh_series "$v" >"$w/patches/series"
	ref=
	if (cd "$w" && QUILT_PATCHES=patches quilt push -a --fuzz=0) >"$tmp/log" 2>&1; then
		ref=$(work_tree_id)
		[ "$ref" != "$(fh_tree_id "$v")" ] && pass "export-$v-kernel-build-way (tree ${ref:0:12})" ||
			fail "export-$v-kernel-build-way" "the series changed nothing"
	else
		fail "export-$v-kernel-build-way" "quilt push: $(tail -n 2 "$tmp/log" | tr '\n' ' ')"
		ref=none
	fi
	ways "$v" all
	with=$same
	ref=
	ways "$v" feature
	# Without the toolchain section: a different tree, not the pristine one.
	[ -n "$same" ] && [ "$same" != "$with" ] && [ "$same" != "$(fh_tree_id "$v")" ] &&
		pass "export-$v-no-toolchain-differs" ||
		fail "export-$v-no-toolchain-differs" "tree '$same' (with the toolchain '$with')"
	rm -rf "$w"
done

# CI's sample of the random boot sweep (scripts/boot-sweep): a fixed seed,
# 40 boots, 4 of them under Bochs, over the kernels the other integration
# tests build already (every PC config on v2.6.12-rc1, pc-highmem4g on
# v2.6.11.5).  One PASS or FAIL line per boot: the boot's layout as the
# sweep computes it, or why not.  The full sweep (300 boots, every config
# on both trees) is one command: scripts/boot-sweep.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"

seed=20051 count=40 bochs=4
v=v2.6.12-rc1 old=v2.6.11.5
need_tree "$v" sweep || exit 0
kernels="$v/pc-highmem4g $v/pc-pae $v/pc-nohighmem $v/pc-smp"
if need_tree "$old" "sweep-$old"; then
	kernels+=" $old/pc-highmem4g"
fi

out=$FH_CACHE/sweep/ci-seed-$seed
rm -rf "$out"
mkdir -p "$out"
sweep=("$FH_TESTS_TOP/scripts/boot-sweep" --seed "$seed" --count "$count" --bochs "$bochs" --kernels "$kernels")
start=$(date +%s)
"${sweep[@]}" --out "$out" --keep-going >"$out/sweep.stdout" 2>"$out/sweep.stderr"
results=$out/results.tsv
if [ ! -f "$results" ]; then
	fail sweep "boot-sweep stopped before booting: $(tail -n 3 "$out/sweep.stderr" | tr '\n' ' ')"
	exit 0
fi
# (Tabs as IFS would merge an empty field, the arguments of a boot without any.)
while IFS=$'\037' read -r n emu tree config mem args expected got result log why; do
	name="sweep-$seed-$n $emu $tree $config ${mem}M '$args'"
	if [ "$result" = ok ]; then
		pass "$name: $expected"
	else
		fail "$name" "${why:-expected $expected, got $got} (log $log)"
	fi
done < <(grep -v '^#' "$results" | tr '\t' '\037')
boots=$(grep -vc '^#' "$results")
[ "$boots" -eq $count ] && pass "sweep-$seed all $count boots ran ($(($(date +%s) - start)) s)" ||
	fail "sweep-$seed all boots ran" "$boots of $count in $results"
n_bochs=$(awk -F'\t' '!/^#/ && $2 == "bochs"' "$results" | wc -l)
[ "$n_bochs" -eq $bochs ] && pass "sweep-$seed $bochs boots under Bochs" ||
	fail "sweep-$seed boots under Bochs" "$n_bochs, want $bochs"

# Repeatable: the same seed lists the same boots, another seed others.
a=$("${sweep[@]}" --keep-going --list 2>/dev/null) b=$("${sweep[@]}" --keep-going --list 2>/dev/null)
other=$("$FH_TESTS_TOP/scripts/boot-sweep" --seed $((seed + 1)) --count $count --bochs $bochs \
	--kernels "$kernels" --keep-going --list 2>/dev/null)
[ -n "$a" ] && [ "$a" = "$b" ] && pass "sweep-$seed same seed, same boots" ||
	fail "sweep-$seed same seed, same boots" "two --list runs differ"
[ "$a" != "$other" ] && pass "sweep-$seed another seed, other boots" ||
	fail "sweep-$seed another seed, other boots" "seeds $seed and $((seed + 1)) list the same boots"
# The list is what was booted.
if diff -q <(echo "$a" | awk '/^[0-9]/ { print $1, $2, $3, $4, $5 }') \
	   <(grep -v '^#' "$results" | cut -f1-5 | tr '\t' ' ') >/dev/null; then
	pass "sweep-$seed the list is what was booted"
else
	fail "sweep-$seed the list is what was booted" "--list and $results differ"
fi

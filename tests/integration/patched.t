# The dynamic top as patched immediates (fixaddr-top-patched-immediates):
# the built kernel reads __fixaddr_top nowhere but where it is set; every
# recorded site holds, in the image, the value the table says; a boot with
# a spoiled site refuses the move and names it; HIGHPTE kernels (page
# tables kmapped by pte_offset_map()) boot with a moved top, SMP too; and
# kernel code that reads the variable does not compile.
# The boot matrix of tests/integration/dynamic.t runs on the same kernels.
. "$(dirname "$0")/../lib.sh"
. "$FH_TESTS_TOP/scripts/lib.sh"
MB=$((1 << 20))
boot_log_tmp

v=v2.6.12-rc1
need_tree "$v" patched || exit 0
k=$(build_kernel $v pc-highmem4g+dynamic+layout) || exit 0
vmlinux=$(fh_vmlinux_of "$k")

# Who reads the variable: only the code that sets it (and the self-test
# that tries to set it late).
var=$(nm "$vmlinux" | awk '$3 == "__fixaddr_top" { print $1 }')
readers=$(objdump -d --no-show-raw-insn "$vmlinux" |
	awk -v a="$var" '/^[0-9a-f]+ <.*>:$/ { f = $2 } index($0, a) { print f }' |
	tr -d '<>:' | sort -u | tr '\n' ' ')
[ -n "$var" ] && [ "$readers" = "fixaddr_hole_selftest fixaddr_selftest_late set_fixaddr_top " ] &&
	pass "only set_fixaddr_top reads __fixaddr_top" ||
	fail "readers of __fixaddr_top" "'$readers'"

# The build-time check: kernel code that reads the variable does not
# compile (it is not declared), module code does, and a use of the top
# compiles to a recorded site.  Each probe is compiled with the very
# command kbuild used for arch/i386/mm/highmem.o.
o=$(fh_build_of "$k")
t=$(mktemp -d)
cmd=$(sed -n 's/^cmd_arch\/i386\/mm\/highmem.o := //p' "$o/arch/i386/mm/.highmem.o.cmd")
probe() {	# NAME EXTRA-FLAGS BODY: compile a probe; its output in $t/NAME.log
	local c
	printf '#include <linux/config.h>\n#include <linux/mm.h>\n#include <asm/fixmap.h>\n%s\n' \
		"$3" >"$t/$1.c"
	c=$(echo "$cmd" | sed -e "s|-Wp,-MD,arch/i386/mm/.highmem.o.d|-Wp,-MD,$t/$1.d|" \
			      -e "s| -o arch/i386/mm/highmem.o .*| $2 -o $t/$1.o $t/$1.c|")
	(cd "$o" && eval "$c") >"$t/$1.log" 2>&1
}
if [ -z "$cmd" ]; then
	fail "build-time check" "no kbuild command line for highmem.o"
else
	read_var='unsigned long probe(void) { return __fixaddr_top; }'
	use_top='unsigned long probe(void) { return FIXADDR_TOP; }'
	probe kernel-reads "" "$read_var" &&
		fail "build-time check" "kernel code reading __fixaddr_top compiled" ||
		{ grep -qE '__fixaddr_top.? undeclared' "$t/kernel-reads.log" &&
		  pass "build-time check: kernel code reading __fixaddr_top does not compile" ||
		  fail "build-time check" "$(grep -m 2 error "$t/kernel-reads.log")"; }
	probe module-reads -DMODULE "$read_var" &&
		pass "module code reads __fixaddr_top" ||
		fail "module code reads __fixaddr_top" "$(grep -m 2 error "$t/module-reads.log")"
	if probe kernel-uses "" "$use_top" &&
	   [ "$(readelf -rW "$t/kernel-uses.o" | grep -c "Relocation section '.rel.fixaddr_sites'")" -eq 1 ] &&
	   ! nm "$t/kernel-uses.o" | grep -q __fixaddr_top; then
		pass "FIXADDR_TOP in kernel code is a recorded site, not a load"
	else
		fail "FIXADDR_TOP in kernel code" "$(head -c 300 "$t/kernel-uses.log")"
	fi
fi
rm -rf "$t"

# The table against the image: each site's four bytes hold its value.
# objdump -s prints the section as 16-byte lines of little-endian words,
# then their characters (which, on a short last line, can look like a
# word: only the section's size in words is read); od reads the word at
# the site's file offset.
words=$(( 0x$(readelf -SW "$vmlinux" | sed 's/^ *\[ *[0-9]*\]//' |
	      awk '$1 == ".fixaddr_sites" { print $5 }') / 4 ))
sites=$(objdump -s -j .fixaddr_sites "$vmlinux" | awk -v words=$words '/^ [0-9a-f]+ / {
	for (i = 2; i <= 5 && length($i) == 8 && words-- > 0; i++) {
		w = $i; printf "%s%s%s%s\n", substr(w, 7, 2), substr(w, 5, 2), substr(w, 3, 2), substr(w, 1, 2)
	} }' | paste - - -)
n=$(echo "$sites" | grep -c .)
# Section address, file offset and size, to read a word at an address.
sections=$(readelf -SW "$vmlinux" | sed 's/^ *\[ *[0-9]*\]//' |
	   awk '$2 == "PROGBITS" { print $3, $4, $5 }')
bad=0
while read -r addr value _; do
	a=$((0x$addr)) off=
	while read -r sa so sz; do
		if [ $a -ge $((0x$sa)) ] && [ $((a + 4)) -le $((0x$sa + 0x$sz)) ]; then
			off=$((0x$so + a - 0x$sa))
			break
		fi
	done <<<"$sections"
	got=$([ -n "$off" ] && od -An -tx4 -j "$off" -N4 "$vmlinux" | tr -d ' ')
	[ "$got" = "$value" ] || { bad=$((bad + 1)); echo "site at $addr holds ${got:-nothing}, table says $value" >&2; }
done <<<"$sites"
[ "$n" -ge 20 ] && [ "$bad" -eq 0 ] && pass "patch sites: $n, each holds its recorded value" ||
	fail "patch sites" "$n sites, $bad not holding their value"
# What each follows: the top (0) or PKMAP_BASE (1), the pkmap family
# (kmap_high's PKMAP_ADDR, VMALLOC_END) among them.
kinds=$(echo "$sites" | awk '{ n[$3]++ } END { for (k in n) printf "%s:%d ", k, n[k] }')
pkmap_sites=$(echo "$sites" | awk '$3 == "00000001"' | wc -l)
if echo "$sites" | awk '$3 != "00000000" && $3 != "00000001" { bad = 1 } END { exit !bad }'; then
	fail "patch sites follow the top or PKMAP_BASE" "kinds $kinds"
elif [ "$pkmap_sites" -ge 2 ]; then
	pass "patch sites follow the top or PKMAP_BASE ($pkmap_sites PKMAP_BASE)"
else
	fail "patch sites following PKMAP_BASE" "kinds $kinds"
fi
# The sysenter entry reads no memory before it loads its own segments,
# where %ds is still the user's: up to the sixth argument's load (from
# %ebp, through %ss), only pushes of registers and immediates, and the
# return address into the vsyscall page is an immediate the table moves.
entry=0x$(nm "$vmlinux" | awk '$3 == "sysenter_entry" { print $1 }')
head_insns=$(objdump -d --no-show-raw-insn --start-address=$entry \
	--stop-address=$((entry + 19)) "$vmlinux" | awk -F'\t' 'NF >= 2 && $1 ~ /:$/ { print $2 }')
ret_addr=$(echo "$head_insns" | sed -n 's/^push *\$0x\([0-9a-f]\{8\}\)$/\1/p')
push_site=$(printf '%08x' $((entry + 19 - 4)))
if echo "$head_insns" | sed 1d | grep -vqE '^(sti|pushf|push +(%[a-z]+|\$0x[0-9a-f]+)) *$'; then
	fail "sysenter entry reads nothing through %ds" "$(echo "$head_insns" | tr '\n' ';')"
elif [ -n "$ret_addr" ] && echo "$sites" | grep -qx "$push_site	$ret_addr	00000000"; then
	pass "sysenter entry: registers and immediates only; its return address 0x$ret_addr a patch site"
else
	fail "sysenter entry: return address a patch site" "push of '$ret_addr', no site $push_site"
fi

# The serialising cpuid after the patching is really there (gcc deleted a
# non-volatile one with unused outputs).
objdump -d --no-show-raw-insn "$vmlinux" |
	awk '/^[0-9a-f]+ <fixaddr_patch_sites>:$/ { on = 1; next } on && /^$/ { exit } on' |
	grep -qw cpuid && pass "fixaddr_patch_sites serialises with cpuid" ||
	fail "fixaddr_patch_sites serialises with cpuid" "no cpuid in its code"

top_sites=$(echo "$sites" | awk '$2 == "fffff000"' | wc -l)
[ "$top_sites" -ge 1 ] && pass "patch sites include FIXADDR_TOP itself ($top_sites)" ||
	fail "patch sites include FIXADDR_TOP" "no site holds 0xfffff000"

# A spoiled site stops the move, named; a later request still moves it.
if boot_values "boot-sites-selftest" "$k" --mem 1200 --append "fixaddr_sites_selftest"; then
	grep -qE '^fixaddr: site [0-9]+ at c[0-9a-f]+ holds 0x[0-9a-f]{8}, not 0x[0-9a-f]{8}: the fixmap top does not move$' "$BOOT_LOG" &&
	grep -qE '^fixaddr: the site is in [a-z_0-9]+\+0x' "$BOOT_LOG" &&
	grep -q '^fixaddr: site self-test: the move returned -14, 0 sites written$' "$BOOT_LOG" &&
		pass "spoiled site: move refused, site named, nothing written" ||
		fail "spoiled site" "$(grep -m 3 '^fixaddr' "$BOOT_LOG" | tr '\n' ' ')"
	expect "spoiled site: top kept" "${L[LAYOUT_FIXADDR_TOP]}" 0xfffff000
	expect "spoiled site: no site patched" "${L[LAYOUT_FIXADDR_SITES_PATCHED]}" 0
fi
if boot_values "boot-sites-selftest-then-move" "$k" --mem 1200 \
	--append "fixaddr_sites_selftest fixaddr_hole=168M"; then
	expect "after the self-test the top moves" "${L[LAYOUT_FIXADDR_TOP]}" $((0xfffff000 - 168 * MB))
	expect "every site patched" "${L[LAYOUT_FIXADDR_SITES_PATCHED]}" "$n"
fi

# HIGHPTE: user page tables in highmem, reached through kmap_atomic() at
# the moved slots on every fault and fork; one CPU and two.
for target in pc-highmem4g pc-smp; do
	kh=$(build_kernel $v "$target+highpte+dynamic+layout") || continue
	grep -qx CONFIG_HIGHPTE=y "$(fh_build_of "$kh")/.config" ||
		{ fail "$target highpte config" "CONFIG_HIGHPTE not set"; continue; }
	smp=1; [ "$target" = pc-smp ] && smp=2
	if boot_values "boot-$target-highpte-hole168M" "$kh" --mem 1200 --smp $smp \
		--append "fixaddr_hole=168M fhbench=4"; then
		expect "$target highpte FIXADDR_TOP" "${L[LAYOUT_FIXADDR_TOP]}" $((0xfffff000 - 168 * MB))
		expect "$target highpte CPUS" "${L[CPUS]}" $smp
		[ "${L[CHECK_bench]}" = ok ] && [ "${L[CHECK_coredump]}" = ok ] &&
			pass "$target highpte: faults, COW, fork and a core dump at the moved top" ||
			fail "$target highpte" "bench ${L[CHECK_bench]}, coredump ${L[CHECK_coredump]}"
	fi
done

# The resident ROM (resident/): it builds from its own source into an
# option ROM the BIOS takes (0x55 0xaa, the length byte, the checksum, an
# init entry that returns at once) with the header README describes; its
# object has no relocations (the code runs wherever it is mapped); romtool
# check takes it and refuses each kind of malformed ROM with its one line,
# the accepted range's edges included; romtool refuses bad arguments.
. "$(dirname "$0")/../../tests/lib.sh"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
if ! make -s -C "$FH_TESTS_TOP/resident" O="$t" >"$t/make.log" 2>&1; then
	fail resident-builds "$(tail -n 3 "$t/make.log" | tr '\n' ' ')"
	exit 0
fi
pass resident-builds
rt=$t/romtool rom=$t/resident.rom

# The object: not one relocation, so nothing in the code depends on the
# address it was linked at.
readelf -r "$t/resident.o" | grep -q '^There are no relocations in this file' &&
	pass "resident position-independent (no relocations)" ||
	fail "resident position-independent" "$(readelf -r "$t/resident.o" | head -n 5 | tr '\n' ' ')"

# What the BIOS reads, computed here from the bytes, not by romtool.
size=$(stat -c %s "$rom")
read -r b0 b1 b2 b3 < <(od -An -tu1 -N4 "$rom")
bytesum=$(od -An -v -tu1 "$rom" | tr -s ' ' '\n' | awk '{ s += $1 } END { print s % 256 }')
[ "$b0 $b1" = "85 170" ] && [ $((size % 512)) -eq 0 ] && [ "$b2" -eq $((size / 512)) ] &&
[ "$b3" -eq $((0xcb)) ] && [ "$bytesum" -eq 0 ] &&
	pass "resident option ROM ($size bytes, length byte $b2, init entry lret, bytes sum to 0)" ||
	fail "resident option ROM" "size $size, bytes $b0 $b1 $b2 $b3, sum $bytesum"

# The header, read here from the bytes, and romtool's reading of it.
hword() { od -An -tu4 -j $((0x20 + $1)) -N4 "$rom" | tr -d ' '; }
code_size=$(hword 24)
sig=$(dd if="$rom" bs=1 skip=$((0x20)) count=8 2>/dev/null)
[ "$sig" = FXRESIDE ] && [ "$(hword 8)" = 1 ] && [ "$(hword 36)" = 2 ] &&
[ "$(hword 12)" = $((40 + 4 * 2)) ] && [ "$(printf '0x%08x' "$(hword 16)")" = 0xfc000000 ] &&
	pass "resident header (FXRESIDE v1, 2 entries, virtual_top 0xfc000000, $code_size bytes of code)" ||
	fail "resident header" "signature '$sig', version $(hword 8), entries $(hword 36), header $(hword 12), top $(hword 16)"
expect_exit "romtool check takes the resident" 0 \
	"resident v1, virtual_top 0xfc000000, $code_size bytes of code, 1024 of data, 256 CPUs, 2 entries" \
	"$rt" check "$rom"

# refused NAME MESSAGE FIELD=VALUE...: a ROM with those fields, which
# romtool check refuses with MESSAGE.
refused() {
	local name=$1 message=$2
	shift 2
	"$rt" set "$rom" "$t/bad.rom" "$@" || { fail "$name" "romtool set $* failed"; return; }
	expect_exit "$name" 1 "^$t/bad.rom: refused: $message\$" "$rt" check "$t/bad.rom"
}
# taken NAME FIELD=VALUE...: a ROM with those fields, which check takes.
taken() {
	local name=$1
	shift
	"$rt" set "$rom" "$t/good.rom" "$@" || { fail "$name" "romtool set $* failed"; return; }
	expect_exit "$name" 0 "resident v1" "$rt" check "$t/good.rom"
}
refused "rom refused: bad checksum" 'bad checksum \(its bytes sum to 0x01, not 0\)' checksum=bad
refused "rom refused: length byte" "its length byte says 1024 bytes, the ROM has $size" length=2
refused "rom refused: signature" 'no resident header \(signature FXRESIDE\)' signature=FXRESIDF
refused "rom refused: version" 'header version 2, not 1' version=2
refused "rom refused: too few entries" '1 entries, not 2 to 16' nr_entries=1 header_size=44
refused "rom refused: too many entries" '17 entries, not 2 to 16' nr_entries=17
refused "rom refused: header size" 'header size 52, not 48 for 2 entries' header_size=52
refused "rom refused: code inside the header" "code of $code_size bytes at 64: not whole words .*" code_offset=64
refused "rom refused: code past the ROM" "code of 448 bytes at 80: .*the ROM's \\($size\\)" code_size=448
refused "rom refused: code not whole words" "code of 70 bytes at 80: .*" code_size=70
refused "rom refused: no code" "code of 0 bytes at 80: .*" code_size=0
refused "rom refused: code wrapping 4 GB" "code of 4294967292 bytes at 80: .*" code_size=0xfffffffc
refused "rom refused: entry outside the code" "entry 1 at $code_size, outside the $code_size bytes of code" entry1="$code_size"
refused "rom refused: no CPUs" 'data of 1024 bytes has no room for a counter for each of 0 CPUs' max_cpus=0
refused "rom refused: data too small" 'data of 1020 bytes has no room for a counter for each of 256 CPUs' data_size=1020
refused "rom refused: virtual_top not a page" 'virtual_top 0xfc000800: not a page boundary .*' virtual_top=0xfc000800
refused "rom refused: virtual_top in user space" 'virtual_top 0xbffff000: .*' virtual_top=0xbffff000
refused "rom refused: no room below 4 GB" 'virtual_top 0xfffff000: .*' virtual_top=0xfffff000
cp "$rom" "$t/bad.rom" && printf '\0' | dd of="$t/bad.rom" bs=1 seek=1 conv=notrunc 2>/dev/null
expect_exit "rom refused: 0x55 0x00" 1 'refused: no option ROM signature \(0x55 0xaa\)$' "$rt" check "$t/bad.rom"
# The edges it takes: one page of code and one of data end at 4 GB;
# the kernel's space starts at 0xc0000000; 16 entries.
taken "rom taken: code and data end at 4 GB" virtual_top=0xffffe000
taken "rom taken: virtual_top 0xc0000000" virtual_top=0xc0000000
taken "rom taken: one CPU" max_cpus=1
# 16 entries: the table grows into what was code, so the code starts
# after it (the header alone is checked here, not what the code does).
taken "rom taken: 16 entries" nr_entries=16 header_size=$((40 + 4 * 16)) code_offset=$((0x20 + 40 + 4 * 16)) \
	code_size=$((code_size - 24)) entry1=0 entry2=0 entry3=0 entry4=0 entry5=0 entry6=0 entry7=0 \
	entry8=0 entry9=0 entry10=0 entry11=0 entry12=0 entry13=0 entry14=0 entry15=0

# romtool's arguments.
expect_exit "romtool no arguments" 2 'usage: romtool' "$rt"
expect_exit "romtool unknown command" 2 'usage: romtool' "$rt" mend "$rom"
expect_exit "romtool set nothing" 2 'usage: romtool' "$rt" set "$rom" "$t/x.rom"
expect_exit "romtool unknown field" 2 'colour=1: no such field' "$rt" set "$rom" "$t/x.rom" colour=1
expect_exit "romtool bad number" 2 'version=one: not a 32-bit number' "$rt" set "$rom" "$t/x.rom" version=one
expect_exit "romtool negative number" 2 'version=-1: not a 32-bit number' "$rt" set "$rom" "$t/x.rom" version=-1
expect_exit "romtool number too large" 2 'virtual_top=0x100000000: not a 32-bit number' \
	"$rt" set "$rom" "$t/x.rom" virtual_top=0x100000000
expect_exit "romtool short signature" 2 'a signature has 8 characters' "$rt" set "$rom" "$t/x.rom" signature=FX
expect_exit "romtool no such entry" 2 'entry16=0: no such entry' "$rt" set "$rom" "$t/x.rom" entry16=0
expect_exit "romtool no field value" 2 'usage: romtool' "$rt" set "$rom" "$t/x.rom" version
expect_exit "romtool missing file" 1 'nothing-here: No such file' "$rt" check "$t/nothing-here"
head -c $((255 * 512 + 1)) /dev/zero >"$t/huge"
expect_exit "romtool ROM too large" 1 'larger than 130560 bytes' "$rt" check "$t/huge"
# fix: an empty input is one block; a full block whose last byte is in
# use gets a second for the checksum.
: >"$t/empty"
"$rt" fix "$t/empty" "$t/empty.rom" && [ "$(stat -c %s "$t/empty.rom")" = 512 ] &&
	pass "romtool fix: empty input, one block" || fail "romtool fix: empty input" "$(stat -c %s "$t/empty.rom" 2>&1)"
head -c 511 /dev/zero >"$t/full" && printf '\1' >>"$t/full"
"$rt" fix "$t/full" "$t/full.rom" && [ "$(stat -c %s "$t/full.rom")" = 1024 ] &&
	pass "romtool fix: full block, a second for the checksum" || fail "romtool fix: full block" "$(stat -c %s "$t/full.rom" 2>&1)"

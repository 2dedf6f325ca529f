# The kernel's rules: what a 2.6.12 i386 kernel with this series makes of
# a machine's memory map and of its command line, as the scripts and the
# tests predict a boot.  One model, sourced by each of them; checked by
# scripts/tests/kernel-rules.t against what real kernels printed (the
# consoles in scripts/tests/logs/rules).  Sourced, not run.
#
# Sizes are bytes, pages 4 kB.  Results land in KR_ variables, not on
# stdout: the sweeps call these thousands of times.  PAGING is pae, nopae
# (highmem up to 4 GB) or nohighmem.

# shellcheck disable=SC2034 # the KR_ results are for the files that source this
KR_MB=$((1 << 20))
KR_GB=$((1 << 30))
KR_PC_TOP=$((0xfffff000))	# the PC's __FIXADDR_TOP
KR_PAGE=4096			# the dynamic hole's step
KR_BLOCK=$((4 << 20))		# a MAX_ORDER block: a hole's lowmem cost is whole blocks
KR_VMALLOC=$((128 << 20))	# __VMALLOC_RESERVE, unless vmalloc= says

# kr_memparse VALUE: what memparse() (base 0, then K/M/G) makes of VALUE
# as fixaddr_hole= takes it.  KR_CLASS: size, empty, negative,
# not-a-size or too-large (over 32 bits, as the kernel refuses it);
# KR_SIZE: the bytes of a size, else 0.
kr_memparse() {
	local s=$1 base=10 digits v=0
	KR_SIZE=0
	if [ -z "$s" ]; then KR_CLASS=empty; return; fi
	if [ "${s:0:1}" = - ]; then KR_CLASS=negative; return; fi
	if [[ "$s" =~ ^0[xX][0-9a-fA-F] ]]; then base=16 s=${s:2}
	elif [ "${s:0:1}" = 0 ]; then base=8
	elif ! [[ "$s" =~ ^[1-9] ]]; then KR_CLASS=not-a-size; return
	fi
	case $base in
	16) digits=${s%%[!0-9a-fA-F]*} ;;
	8)  digits=${s%%[!0-7]*} ;;
	10) digits=${s%%[!0-9]*} ;;
	esac
	s=${s:${#digits}}
	KR_CLASS=size
	while [ -n "$digits" ]; do
		v=$((v * base + 16#${digits:0:1})) digits=${digits:1}
		[ $v -le $((0xffffffff)) ] || { KR_CLASS=too-large; v=0; }
	done
	case ${s:0:1} in
	G|g) v=$((v << 30)); s=${s:1} ;;
	M|m) v=$((v << 20)); s=${s:1} ;;
	K|k) v=$((v << 10)); s=${s:1} ;;
	esac
	[ $v -le $((0xffffffff)) ] || KR_CLASS=too-large
	if [ "$KR_CLASS" = size ] && [ -n "$s" ]; then KR_CLASS=not-a-size; fi
	[ "$KR_CLASS" != size ] || KR_SIZE=$v
}

# kr_ram_of_log LOG: the usable RAM of the last memory map a console
# printed (the BIOS's, or the user-defined one mem= makes) as start/end
# pairs in KR_RAM; 1 if it printed none.
kr_ram_of_log() {
	local pairs s e
	pairs=$(awk '{ gsub(/\r/, "") }
		/^BIOS-provided physical RAM map:/ || /^user-defined physical RAM map:/ { n = 0; next }
		/^ (BIOS-e820|user): [0-9a-f]+ - [0-9a-f]+ \(usable\)$/ { m[n++] = $2 " " $4 }
		END { for (i = 0; i < n; i++) print m[i] }' "$1")
	[ -n "$pairs" ] || return 1
	KR_RAM=()
	while read -r s e; do KR_RAM+=($((0x$s)) $((0x$e))); done <<<"$pairs"
}

# kr_mem_limit BYTES: mem= on KR_RAM, as limit_regions() cuts it.
kr_mem_limit() {
	local cut=() n
	for ((n = 0; n < ${#KR_RAM[@]}; n += 2)); do
		if [ "${KR_RAM[n + 1]}" -ge "$1" ]; then
			cut+=("${KR_RAM[n]}" "$1")
			break
		fi
		cut+=("${KR_RAM[n]}" "${KR_RAM[n + 1]}")
	done
	KR_RAM=("${cut[@]}")
}

# kr_max_pfn: KR_MAX_PFN, the end of KR_RAM's highest whole page, as
# find_max_pfn() has it.
kr_max_pfn() {
	local n s e
	KR_MAX_PFN=0
	for ((n = 0; n < ${#KR_RAM[@]}; n += 2)); do
		s=$(((KR_RAM[n] + 4095) >> 12)) e=$((KR_RAM[n + 1] >> 12))
		[ $s -ge $e ] || [ $e -le $KR_MAX_PFN ] || KR_MAX_PFN=$e
	done
}

# kr_ram_pages LO HI: KR_PAGES, the RAM pages of KR_RAM in page frames
# [LO, HI), as page_is_ram() counts them.
kr_ram_pages() {
	local n s e
	KR_PAGES=0
	for ((n = 0; n < ${#KR_RAM[@]}; n += 2)); do
		s=$(((KR_RAM[n] + 4095) >> 12)) e=$((KR_RAM[n + 1] >> 12))
		[ $s -ge "$1" ] || s=$1
		[ $e -le "$2" ] || e=$2
		[ $e -le $s ] || KR_PAGES=$((KR_PAGES + e - s))
	done
}

# kr_limit VMALLOC HOLE: KR_LIMIT, where lowmem would end above
# PAGE_OFFSET with vmalloc= VMALLOC bytes (empty: the default reserve)
# and the hole's lowmem cost HOLE (whole blocks).
kr_limit() {
	KR_LIMIT=$((KR_GB - ${1:-$KR_VMALLOC} - $2))
}

# kr_lowmem_need PAGING IMAGE_END MAX_PFN LIMIT INITRD_SIZE: KR_NEED,
# what lowmem must hold for a kernel whose image ends IMAGE_END above
# PAGE_OFFSET (__pa(_end)) and whose lowmem would end at LIMIT: the
# kernel's lowmem_needed() (lowmem-fits-the-machine).  The image, the
# mem_map (32 bytes a page; pages capped at 4 GB without PAE and at
# lowmem without highmem), lowmem's page tables (as without PSE), the
# initrd, 16 MB to run in; each rounded up to a page.  An initrd across
# lowmem's end, counted twice by the kernel while it moves, is not
# modelled.
kr_lowmem_need() {
	local pages=$3 pt_shift=22
	case $1 in
	pae)		pt_shift=21 ;;
	nopae)		[ "$pages" -le $((1 << 20)) ] || pages=$((1 << 20)) ;;
	nohighmem)	[ "$pages" -le $(($4 >> 12)) ] || pages=$(($4 >> 12)) ;;
	esac
	KR_NEED=$(( (($2 + 4095) & ~4095) + ((pages * 32 + 4095) & ~4095) +
		    ($4 >> pt_shift) * 4096 + (($5 + 4095) & ~4095) + (16 << 20) ))
}

# kr_largest_hole PAGING IMAGE_END MAX_PFN INITRD_SIZE [VMALLOC]:
# KR_LARGEST, the largest hole (to the page) a dynamic kernel accepts on
# this machine: the largest lowmem cost it accepts, and all but a page
# of the next block, which costs no more (0 if it accepts none).
kr_largest_hole() {
	local c=0
	KR_LARGEST=0
	while [ $c -le $KR_GB ]; do
		kr_limit "${5:-}" $c
		kr_lowmem_need "$1" "$2" "$3" $KR_LIMIT "$4"
		[ $KR_LIMIT -ge $KR_NEED ] || break
		KR_LARGEST=$((c + KR_BLOCK - KR_PAGE))
		c=$((c + KR_BLOCK))
	done
}

# kr_largest_fixed_hole IMAGE_END: KR_LARGEST, the largest fixed hole
# (CONFIG_FIXADDR_HOLE_MB, whole blocks, as the tests build them) that
# links: the image and 16 MB to run in below lowmem's end (the ASSERT in
# vmlinux.lds.S).
kr_largest_fixed_hole() {
	kr_limit '' 0
	KR_LARGEST=$(( (KR_LIMIT - (16 << 20) - $1) & ~(KR_BLOCK - 1) ))
}

# kr_layout PAGING HOLE [VMALLOC]: lowmem and highmem of KR_RAM with a
# hole whose lowmem cost is HOLE: KR_LOW_KB (min(max_pfn, limit)),
# KR_HIGH_KB (the RAM pages from there to max_pfn, capped at 4 GB
# without PAE; none without highmem), KR_MAX_PFN and KR_HIGH_END_PFN
# (where highmem ends, holes in RAM included: the kernel's "N MB HIGHMEM
# available" is KR_HIGH_END_PFN less lowmem's pages).
kr_layout() {
	local low
	kr_max_pfn
	kr_limit "${3:-}" "$2"
	low=$((KR_MAX_PFN < (KR_LIMIT >> 12) ? KR_MAX_PFN : KR_LIMIT >> 12))
	KR_HIGH_END_PFN=$KR_MAX_PFN
	[ "$1" = pae ] || [ $KR_HIGH_END_PFN -le $((1 << 20)) ] || KR_HIGH_END_PFN=$((1 << 20))
	[ "$1" != nohighmem ] || KR_HIGH_END_PFN=$low
	KR_LOW_KB=$((low * 4))
	kr_ram_pages $low $KR_HIGH_END_PFN
	KR_HIGH_KB=$((KR_PAGES * 4))
}

# kr_hole_cost TOP: the hole above a fixmap top (the last page is slot
# 0), KR_HOLE_SIZE, and what it costs lowmem, KR_COST: FIXADDR_HOLE_LOWMEM,
# the size rounded down to a MAX_ORDER block (4 MB).
kr_hole_cost() {
	KR_HOLE_SIZE=$((0x100000000 - 4096 - $1))
	KR_COST=$((KR_HOLE_SIZE & ~(KR_BLOCK - 1)))
}

# kr_refusal_class LINE: KR_CLASS for the reason of a "fixaddr_hole=V
# refused: ..." line, in kr_dynamic_boot's KR_VERDICT words ("other" if
# none fits).
kr_refusal_class() {
	case "${1#*refused: }" in
	*"under the"*)			KR_CLASS=under-the ;;
	*"overlap the kernel image"*)	KR_CLASS=overlap ;;
	*"too large a number"*)		KR_CLASS=too-large ;;
	*"not a size"*)			KR_CLASS=not-a-size ;;
	*negative*)			KR_CLASS=negative ;;
	*empty*)			KR_CLASS=empty ;;
	*)				KR_CLASS=other ;;
	esac
}

# kr_dynamic_boot PAGING IMAGE_END INITRD_SIZE HOLE [VMALLOC]: a dynamic
# kernel at the PC's top booted on KR_RAM with fixaddr_hole=HOLE ("-" for
# none) and vmalloc= VMALLOC bytes.
#   KR_VERDICT	none, accept, a class of kr_memparse's refused, overlap
#		(the hole would reach the kernel image: the form is checked
#		first, then vmalloc= plus the hole against 1 GB - __pa(_end)),
#		or under-the (lowmem under what the machine needs)
#   KR_SIZE	the size asked for; KR_HOLE and KR_TOP what the kernel uses
#		(the size rounded up to a page, or 0 if refused), KR_COST
#		what that hole costs lowmem (rounded down to a block)
#   KR_ASK_LIMIT, KR_ASK_NEED	lowmem's end and need with the hole
#		asked for, if its size was read (else empty)
# and kr_layout's results for the hole used.
kr_dynamic_boot() {
	local hole=0 cost
	KR_SIZE='' KR_ASK_LIMIT='' KR_ASK_NEED=''
	if [ "$4" = - ]; then
		KR_VERDICT=none
	else
		kr_memparse "$4"
		KR_VERDICT=$KR_CLASS
		if [ $KR_CLASS = size ]; then
			hole=$(( (KR_SIZE + KR_PAGE - 1) & ~(KR_PAGE - 1) ))
			cost=$((hole & ~(KR_BLOCK - 1)))
			if [ $hole -ge $((KR_PC_TOP - 0xc0000000)) ]; then
				KR_VERDICT=overlap hole=0
			else
				kr_max_pfn
				kr_limit "${5:-}" $cost
				kr_lowmem_need "$1" "$2" $KR_MAX_PFN $KR_LIMIT "$3"
				KR_ASK_LIMIT=$KR_LIMIT KR_ASK_NEED=$KR_NEED
				if [ $(( ${5:-$KR_VMALLOC} + cost )) -ge $((KR_GB - $2)) ]; then
					KR_VERDICT=overlap hole=0
				elif [ $KR_LIMIT -ge $KR_NEED ]; then
					KR_VERDICT=accept
				else
					KR_VERDICT=under-the hole=0
				fi
			fi
		fi
	fi
	KR_HOLE=$hole KR_TOP=$((KR_PC_TOP - hole)) KR_COST=$((hole & ~(KR_BLOCK - 1)))
	kr_layout "$1" $KR_COST "${5:-}"
}

# kr_fixed_boot PAGING IMAGE_END INITRD_SIZE HOLE_COST [VMALLOC]: a kernel
# with a fixed hole costing lowmem HOLE_COST, booted on KR_RAM:
# fit_memory_to_hole() (lowmem-fits-the-machine), then kr_layout's
# results.  KR_SAYS lists what the kernel prints of it, in order:
#   vmalloc-ignored	vmalloc= leaves too little lowmem: the default kept
#   initrd-unused	lowmem cannot hold the kernel and its initrd
#   trimmed		lowmem cannot hold the mem_map of all RAM: KR_RAM is
#			cut at KR_UPTO, the end of RAM below the memory whose
#			mem_map fits (KR_CUT), and KR_MAX_PFN is of the RAM
#			before the cut
kr_fixed_boot() {
	local vmalloc=${5:-} base n e before
	KR_SAYS=() KR_UPTO='' KR_CUT=''
	kr_max_pfn
	kr_limit "$vmalloc" "$4"
	kr_lowmem_need "$1" "$2" 0 $KR_LIMIT "$3"
	if [ $((KR_NEED + 4096)) -ge $KR_LIMIT ] && [ "${vmalloc:-$KR_VMALLOC}" -gt $KR_VMALLOC ]; then
		KR_SAYS+=(vmalloc-ignored)
		vmalloc=''
		kr_limit '' "$4"
		kr_lowmem_need "$1" "$2" 0 $KR_LIMIT "$3"
	fi
	if [ $((KR_NEED + 4096)) -ge $KR_LIMIT ]; then
		KR_SAYS+=(initrd-unused)
	else
		base=$KR_NEED
		kr_lowmem_need "$1" "$2" $KR_MAX_PFN $KR_LIMIT "$3"
		if [ $KR_NEED -gt $KR_LIMIT ]; then
			KR_SAYS+=(trimmed)
			KR_CUT=$(( (KR_LIMIT - base - 4096) / 32 * 4096 )) KR_UPTO=0
			for ((n = 0; n < ${#KR_RAM[@]}; n += 2)); do
				[ "${KR_RAM[n]}" -lt $KR_CUT ] || continue
				e=${KR_RAM[n + 1]}
				[ $e -le $KR_CUT ] || e=$KR_CUT
				[ $e -le $KR_UPTO ] || KR_UPTO=$e
			done
			before=$KR_MAX_PFN
			kr_mem_limit $KR_UPTO
		fi
	fi
	kr_layout "$1" "$4" "$vmalloc"
	[ -z "$KR_UPTO" ] || KR_MAX_PFN=$before
}

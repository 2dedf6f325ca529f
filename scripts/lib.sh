# Shared by the fixmap-hole scripts: the cache layout, the known trees, the
# kernel compiler, and how a step reports progress or failure.  Sourced, not run.

# Everything big lives outside the repository: pristine trees, patched copies,
# build directories.  FIXMAP_HOLE_CACHE moves it.
FH_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FH_CACHE=${FIXMAP_HOLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fixmap-hole}
FH_TREES=$FH_CACHE/trees
FH_PROG=$(basename "$0")

# The trees we support, identified by the git tree id of their pristine
# source, as in the pre-git history repository (tglx/history.git).
fh_tree_id() {
	case "$1" in
	v2.6.12-rc1)	echo 15234240ccf7b03bf6cba591404cf94ee3002da4 ;;
	v2.6.11.5)	echo bc7d3fdb84ab0a0bc99b60fbfd5c0b0b6181eda9 ;;
	*)		return 1 ;;
	esac
}
# shellcheck disable=SC2034 # for the scripts that source this file
FH_VERSIONS="v2.6.12-rc1 v2.6.11.5"

die() {
	echo "$FH_PROG: $*" >&2
	exit 1
}

# A bad argument: one line that says why, and exit 2.
usage_error() {
	echo "$FH_PROG: $* (try '$FH_PROG --help')" >&2
	exit 2
}

# fh_need_tool TOOL...: each is installed, or we say how to get it.
fh_need_tool() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || die "no $tool; run: scripts/setup --packages-only"
	done
}

step() {
	echo "==> $*" >&2
}

# run_step NAME LOG CMD...: run CMD with its output in LOG; on failure name
# the step and show the end of the log, so nobody has to go digging.
FH_BUILD_ERRORS="(error|Error)[: ]|is not clean, please run"
run_step() {
	local name=$1 log=$2 start rc
	shift 2
	start=$(date +%s)
	step "$name"
	rc=0
	"$@" >"$log" 2>&1 || rc=$?
	if [ $rc -eq 0 ]; then
		echo "    done in $(($(date +%s) - start)) s" >&2
		return 0
	fi
	echo "$FH_PROG: step '$name' failed (exit $rc); last lines of $log:" >&2
	tail -n 30 "$log" | sed 's/^/    /' >&2
	# A parallel make's last lines are often someone else's: name the
	# errors, and kbuild's own words for a tree it refuses.
	if grep -qE "$FH_BUILD_ERRORS" "$log"; then
		echo "$FH_PROG: the first errors in $log:" >&2
		grep -E "$FH_BUILD_ERRORS" "$log" | head -n 8 | sed 's/^/    /' >&2
	fi
	return $rc
}

# A verified pristine tree has a stamp beside it holding its tree id,
# written only after the check passed; nothing else counts as a tree.
fh_tree_dir() {
	local version=$1 id
	id=$(fh_tree_id "$version") || return 1
	[ -d "$FH_TREES/$version" ] || return 1
	[ "$(cat "$FH_TREES/$version.tree-id" 2>/dev/null)" = "$id" ] || return 1
	echo "$FH_TREES/$version"
}

# fh_dir_tree_id DIR: the git tree id of what is on disk in DIR, as git
# would store it (every path, mode and byte; any .git left out, as git
# does), whether DIR is a plain directory or a git work tree with changes.
# Only the index and the trees are written, in a scratch repository, not
# the file contents: a 2.6 tree takes about 2 s.
fh_dir_tree_id() {
	local dir=$1 scratch id rc=0
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/fixmap-hole-treeid.XXXXXX") || return 1
	id=$(git init -q --bare "$scratch/git" &&
	     cd "$dir" &&
	     export GIT_DIR="$scratch/git" GIT_INDEX_FILE="$scratch/index" GIT_WORK_TREE=. &&
	     find . -name .git -prune -o \( -type f -o -type l \) -printf '%P\0' |
		git -c core.fileMode=true -c core.autocrlf=false -c core.symlinks=true \
			update-index --add --info-only -z --stdin &&
	     git write-tree --missing-ok) || rc=1
	rm -rf "$scratch"
	[ $rc -eq 0 ] && [ ${#id} -eq 40 ] && echo "$id"
}

# The one reader of `series`: each patch it lists, one per line, in order;
# comments, banners and blank lines gone.  Everything else that needs the
# series asks this (or fh_series, below).
fh_series_entries() {
	sed 's/#.*//' "$FH_TOP/series" | awk 'NF { print $1 }'
}

# The series for one tree: the toolchain lines for other trees dropped
# (patches/toolchain/<version>/ belong to that version alone).  PART is
# "all", "toolchain" (the toolchain section only: what "pristine" means in
# our comparisons), "feature" (all but the toolchain section), or a number
# N: the toolchain section and the first N feature patches.
fh_series() {
	local version=$1 part=${2:-all}
	fh_series_entries |
	awk -v v="$version" -v part="$part" '
		$1 ~ /^toolchain\// {
			split($1, p, "/")
			if (part != "feature" && (p[2] == "common" || p[2] == v))
				print
			next
		}
		part == "all" || part == "feature" || (part ~ /^[0-9]+$/ && ++n <= part + 0) { print }'
}

# fh_tree_subset VERSION DEST PATCH...: copy into DEST the files of the
# verified VERSION tree that the patches name (their --- a/ and +++ b/
# paths), with their directories: enough to apply the patches and diff
# the result without copying a 200 MB tree.  Fails without the tree.
fh_tree_subset() {
	local tree
	tree=$(fh_tree_dir "$1") || return 1
	shift
	fh_dir_subset "$tree" "$@"
}

# fh_dir_subset DIR DEST PATCH...: the same from any tree DIR.
fh_dir_subset() {
	local tree=$1 dest=$2
	shift 2
	mkdir -p "$dest" &&
	sed -n 's,^\(---\|+++\) [ab]/\([^[:space:]]*\).*,\2,p' "$@" | sort -u |
		(cd "$tree" && while read -r f; do if [ -f "$f" ]; then printf '%s\0' "$f"; fi; done) |
		(cd "$tree" && xargs -0r cp -a --parents -t "$dest")
}

# fh_toolchain_fit TREE SERIES: SERIES (fh_series' list) without the
# toolchain patches that TREE no longer needs, one line on stderr for
# each.  Each toolchain patch is tried in turn, at fuzz 0, on a copy of
# the files they name; one that does not apply is left out only if
# fh_toolchain_fixed finds its fix already there.  Any other stays, for
# quilt to stop on with its rejected hunks.
fh_toolchain_fit() {
	local tree=$1 series=$2 work p why tc_files=()
	for p in $series; do
		case $p in toolchain/*) tc_files+=("$FH_TOP/patches/$p") ;; esac
	done
	work=$(mktemp -d "${TMPDIR:-/tmp}/fixmap-hole-fit.XXXXXX")
	fh_dir_subset "$tree" "$work" "${tc_files[@]}" || { rm -rf "$work"; return 1; }
	for p in $series; do
		case $p in
		toolchain/*)	;;
		*)		echo "$p"; continue ;;
		esac
		if (cd "$work" && patch -p1 -F0 -N -s --dry-run -i "$FH_TOP/patches/$p" </dev/null >/dev/null 2>&1); then
			(cd "$work" && patch -p1 -F0 -N -s -i "$FH_TOP/patches/$p" </dev/null >/dev/null 2>&1)
			echo "$p"
		elif why=$(fh_toolchain_fixed "$tree" "$p"); then
			echo "$FH_PROG: left out $p: $why" >&2
		else
			echo "$p"
		fi
	done
	rm -rf "$work"
}

# fh_toolchain_fixed TREE PATCH: whether TREE has PATCH's fix already, by
# patches/toolchain/needed-while (its header says how); prints why.
# Fails for a patch with no line there, or with a problem still found.
fh_toolchain_fixed() {
	local tree=$1 p=${2#toolchain/} name file re checked=
	while IFS=$'\t' read -r name file re; do
		[ "$name" = "$p" ] || continue
		# A tree without the file is not one to judge.
		[ -f "$tree/$file" ] || return 1
		if [ "${re#!}" != "$re" ]; then
			grep -qE -- "${re#!}" "$tree/$file" || return 1
		else
			! grep -qE -- "$re" "$tree/$file" || return 1
		fi
		checked="$checked${checked:+, }$file"
	done < <(grep -v '^#' "$FH_TOP/patches/toolchain/needed-while")
	[ -n "$checked" ] || return 1
	echo "the tree has its fix already (needed-while finds none of the problems in $checked)"
}

# fh_config_target TARGET: checks each part of a --config TARGET (A+B+
# CONFIG_X=V: configs/A.config, configs/B.config, one option), with
# usage_error on a bad one; sets FH_FRAGMENTS (base.config and the
# parts' files, in order) and FH_ASSIGNMENTS (the CONFIG_X=V lines).
fh_config_target() {
	local f parts
	[ -n "$1" ] || usage_error "--config needs a target"
	FH_FRAGMENTS=("$FH_TOP/configs/base.config") FH_ASSIGNMENTS=
	IFS=+ read -r -a parts <<<"$1+"
	for f in "${parts[@]}"; do
		if [[ "$f" =~ ^CONFIG_[A-Z0-9_]+=[A-Za-z0-9_]+$ ]]; then
			FH_ASSIGNMENTS+="$f"$'\n'
			continue
		fi
		[[ "$f" =~ ^[A-Za-z0-9_-]+$ ]] && [ "$f" != base ] &&
			[ -f "$FH_TOP/configs/$f.config" ] ||
			usage_error "no config target '$f' (see configs/)"
		FH_FRAGMENTS+=("$FH_TOP/configs/$f.config")
	done
}

# How many feature patches the series has after the toolchain section.
fh_feature_count() {
	fh_series_entries | grep -vc '^toolchain/'
}

# fh_feature_index PATCH: where PATCH is among the feature patches, the N
# of --patches N that ends the series with it; fails if it is not there.
fh_feature_index() {
	fh_series_entries | grep -v '^toolchain/' |
		awk -v p="$1" '$1 == p { n = NR } END { if (!n) exit 1; print n }'
}

# fh_guest_initrd: build the guest program from this checkout's guest/
# and print the path of its initramfs.  The build directory in the cache
# is named by a hash of the guest's sources, so checkouts with other
# guest sources (another branch, another worktree) never boot each
# other's guest, nor see a build change under them in the middle of a run.
# Two boots at once (tests run side by side) make it one after the other.
fh_guest_initrd() {
	local dir
	dir=$FH_CACHE/guest/$(cd "$FH_TOP/guest" && find . -maxdepth 1 -type f -print0 |
			      sort -z | xargs -0 sha1sum | fh_hash)
	mkdir -p "$FH_CACHE/guest"
	flock "$dir.lock" make -s -C "$FH_TOP/guest" O="$dir" >&2 || return 1
	echo "$dir/initramfs.cpio.gz"
}

# The kernel compiler: Debian 12's gcc-12 made to build 2005 code.
# Documentation/toolchain.txt says why each flag is there.
FH_GCC=${FH_GCC:-gcc-12}
FH_KCFLAGS="-m32 -fno-pie -fgnu89-inline -fno-stack-protector -fcf-protection=none"
# With CONFIG_DEBUG_INFO (the +debug add-on) only: fh_kcc debug.
FH_KCFLAGS_DEBUG="-fno-dwarf2-cfi-asm"
fh_kcc() {
	local cc="$FH_GCC $FH_KCFLAGS"
	[ "${1:-}" != debug ] || cc="$cc $FH_KCFLAGS_DEBUG"
	fh_ccache "$cc"
}
# The host compiler of kbuild's own programs (kconfig, fixdep, kallsyms),
# built again in every build directory: the system's gcc, through ccache
# as the kernel's.
fh_hostcc() {
	fh_ccache gcc
}
# fh_ccache CC: CC through ccache when it is installed.
fh_ccache() {
	if command -v ccache >/dev/null; then echo "ccache $1"; else echo "$1"; fi
}

# fh_build VERSION CONFIG [PATCHES]: scripts/kernel-build (PATCHES as its
# --patches, "all" by default); the bzImage path on stdout, its progress
# on stderr as it comes.  On a failure the last line on stderr is one
# line with the first errors ("fh_build: ... failed: ..."), and it
# returns 1.  The one build wrapper of the scripts and the tests.
fh_build() {
	local log rc=0 why
	log=$(mktemp "${TMPDIR:-/tmp}/fixmap-hole-build.XXXXXX")
	# stdout (the image) as it is, stderr both shown and kept in the log.
	{ { "$FH_TOP/scripts/kernel-build" --tree "$1" --config "$2" --patches "${3:-all}"
	    echo $? >"$log.rc"; } 2>&1 1>&3 3>&- | tee "$log" >&2 3>&-; } 3>&1
	rc=$(cat "$log.rc")
	if [ $rc -ne 0 ]; then
		why=$(grep -m 3 -E 'error|Error|survive|FAILED|undefined reference|does not apply|unknown|refused|is not clean' "$log" |
		      sed 's/^ *//' | paste -sd' ') || true
		[ -n "$why" ] || why=$(tail -n 1 "$log")
		echo "fh_build: $1 $2 (${3:-all} patches) failed: $why" >&2
	fi
	rm -f "$log" "$log.rc"
	return "$rc"
}

# fh_build_of BZIMAGE: the build directory of a bzImage that
# scripts/kernel-build made (BUILD/arch/i386/boot/bzImage beside
# BUILD/vmlinux, System.map and .config); fh_vmlinux_of BZIMAGE: its
# vmlinux.  Both fail, printing nothing, when there is none.
fh_build_of() {
	local build
	build=$(cd "$(dirname "$1")/../../.." 2>/dev/null && pwd) &&
	[ -f "$build/vmlinux" ] && echo "$build"
}
fh_vmlinux_of() {
	local build
	build=$(fh_build_of "$1") && echo "$build/vmlinux"
}

# The kernel's image end as an offset from PAGE_OFFSET (__pa(_end)), from
# the System.map beside a bzImage's build.
fh_image_end() {
	local vmlinux end
	vmlinux=$(fh_vmlinux_of "$1") || return 1
	end=$(awk '$3 == "_end" { print $1 }' "${vmlinux%/vmlinux}/System.map")
	[ -n "$end" ] && echo $((0x$end - 0xc0000000))
}

# fh_quote ARG...: the arguments as one line a POSIX shell reads back as
# the same words: plain words as they are, others in single quotes.
fh_quote() {
	local a out='' sep=''
	for a in "$@"; do
		if [[ -n "$a" && "$a" =~ ^[A-Za-z0-9_./:,=+@%-]+$ ]]; then
			out+="$sep$a"
		else
			out+="$sep'${a//\'/\'\\\'\'}'"
		fi
		sep=' '
	done
	printf '%s\n' "$out"
}

fh_hash() {
	sha1sum | cut -c1-12
}

# fh_result FILE NAME KEY VALUE: one figure added to a results file, as
# scripts/results.h describes it (the file compare-holes and cost-sweep
# write, holereport and sweepreport read): NAME<TAB>KEY<TAB>VALUE.  A
# NAME gives each KEY once; the readers refuse it twice.
fh_result() {
	printf '%s\t%s\t%s\n' "$2" "$3" "$4" >>"$1"
}

# fh_result_values FILE NAME VALUES PATTERN: the guest's KEY=VALUE lines
# in VALUES (kernel-boot's output) whose key starts with PATTERN (an ERE)
# as figures of NAME, each key once: one the guest printed twice
# (BENCH_BROKEN can be) counts as its last, in the place of its first, as
# for kernel-boot's --require and --json.
fh_result_values() {
	local key value
	grep -E "^($4)[A-Za-z0-9_]*=" "$3" |
		awk -F= '!($1 in v) { order[n++] = $1 } { v[$1] = substr($0, length($1) + 2) }
			 END { for (i = 0; i < n; i++) print order[i] "\t" v[order[i]] }' |
		while IFS=$'\t' read -r key value; do fh_result "$1" "$2" "$key" "$value"; done
}

# fh_fixmap_top CONFIG: the fixmap top a kernel of this .config should
# have, from its sub-architecture alone: below Xen's HYPERVISOR_VIRT_START
# (0xfc000000, with PAE 0xf5800000) by the vsyscall page and a guard page
# for mach-xen, CONFIG_FIXADDR_HOLE_MB below the PC's, else the PC's.
fh_fixmap_top() {
	local mb
	if grep -qx 'CONFIG_X86_XEN=y' "$1"; then
		grep -qx 'CONFIG_X86_PAE=y' "$1" && echo $((0xf5800000 - 0x2000)) ||
			echo $((0xfc000000 - 0x2000))
		return
	fi
	mb=$(sed -n 's/^CONFIG_FIXADDR_HOLE_MB=//p' "$1")
	echo $((0xfffff000 - (${mb:-0} << 20)))
}

# fh_kmap_tables CONFIG PROBE [HOLE]: where a kernel's kmap_atomic() slots
# lie, from scripts/fixmap-probe's output PROBE, with its top lowered by
# HOLE bytes (default 0): "TABLES CPU", the page tables they span and the
# first CPU with a slot below the first of them ("-" if none has).
fh_kmap_tables() {
	local shift=22 types cpus first last above
	grep -qx 'CONFIG_X86_PAE=y' "$1" && shift=21
	read -r types cpus first last < <(awk '
		$1 == "CONST" && $2 == "KM_TYPE_NR" { t = $3 }
		$1 == "CONST" && $2 == "NR_CPUS" { n = $3 }
		$1 == "SLOT" && $2 == "FIX_KMAP_BEGIN" { f = $4 }
		$1 == "SLOT" && $2 == "FIX_KMAP_END" { l = $4 }
		END { print t, n, f, l }' "$2")
	[ -n "$last" ] || return 1
	first=$((first - ${3:-0})) last=$((last - ${3:-0}))
	# The slots from FIX_KMAP_BEGIN down that share its page table.
	above=$(( (first & ((1 << shift) - 1)) / 4096 + 1 ))
	echo "$(( (first >> shift) - (last >> shift) + 1 ))" \
		"$( [ $above -lt $((types * cpus)) ] && echo $((above / types)) || echo -)"
}

# fh_fixmap_check CONFIG PROBE TOP: the slots scripts/fixmap-probe printed
# (in the file PROBE) against the enum of <asm/fixmap.h> computed here from
# CONFIG and the probe's constants, each address TOP - index pages.  Prints
# "N slots" or each difference; fails on a difference.
fh_fixmap_check() {
	awk -v top="$3" -v config="$1" '
	BEGIN {
		while ((getline line < config) > 0)
			if (line ~ /^CONFIG_[A-Z0-9_]+=y$/) {
				sub(/^CONFIG_/, "", line); sub(/=y$/, "", line); y[line] = 1
			}
	}
	$1 == "TOP" { got_top = $2 }
	$1 == "CONST" { c[$2] = $3 }
	$1 == "SLOT" { idx[$2] = $3; addr[$2] = $4; n++ }
	function slot(name, i) { want[name] = i; order[++slots] = name }
	END {
		next_ = 0
		slot("FIX_HOLE", next_++); slot("FIX_VSYSCALL", next_++)
		if (y["X86_LOCAL_APIC"]) slot("FIX_APIC_BASE", next_++)
		if (y["X86_IO_APIC"]) {
			slot("FIX_IO_APIC_BASE_0", next_)
			next_ += c["MAX_IO_APICS"]; slot("FIX_IO_APIC_BASE_END", next_ - 1)
		}
		if (y["X86_VISWS"]) {
			slot("FIX_CO_CPU", next_++); slot("FIX_CO_APIC", next_++)
			slot("FIX_LI_PCIA", next_++); slot("FIX_LI_PCIB", next_++)
		}
		if (y["X86_F00F_BUG"]) slot("FIX_F00F_IDT", next_++)
		if (y["X86_CYCLONE_TIMER"]) slot("FIX_CYCLONE_TIMER", next_++)
		if (y["HIGHMEM"]) {
			slot("FIX_KMAP_BEGIN", next_)
			next_ += c["KM_TYPE_NR"] * c["NR_CPUS"]; slot("FIX_KMAP_END", next_ - 1)
		}
		if (y["ACPI_BOOT"]) {
			slot("FIX_ACPI_BEGIN", next_)
			next_ += c["FIX_ACPI_PAGES"]; slot("FIX_ACPI_END", next_ - 1)
		}
		if (y["PCI_MMCONFIG"]) slot("FIX_PCIE_MCFG", next_++)
		slot("__end_of_permanent_fixed_addresses", next_)
		slot("FIX_BTMAP_END", next_); slot("FIX_BTMAP_BEGIN", next_ + c["NR_FIX_BTMAPS"] - 1)
		next_ += c["NR_FIX_BTMAPS"]
		slot("FIX_WP_TEST", next_++); slot("__end_of_fixed_addresses", next_)
		bad = 0
		if (got_top != sprintf("0x%08x", top)) {
			printf "top %s, want 0x%08x\n", got_top, top; bad = 1
		}
		for (i = 1; i <= slots; i++) {
			s = order[i]
			a = s == "__end_of_fixed_addresses" ? "-" : sprintf("0x%08x", top - want[s] * 4096)
			if (!(s in idx)) { print s ": missing"; bad = 1; continue }
			if (idx[s] != want[s] || addr[s] != a) {
				printf "%s: index %s address %s, want %d %s\n", s, idx[s], addr[s], want[s], a
				bad = 1
			}
		}
		if (n != slots) { printf "%d slots, want %d\n", n, slots; bad = 1 }
		if (!bad) print slots " slots"
		exit bad
	}' "$2"
}

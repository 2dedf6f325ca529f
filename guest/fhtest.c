/*
 * fhtest: the guest test program of fixmap-hole, run as /init.
 *
 * It checks what user space sees of the fixmap: the vsyscall page the
 * kernel maps there (AT_SYSINFO, AT_SYSINFO_EHDR, the ELF image, sysenter,
 * the signal trampolines, the gate line of /proc/self/maps), and reports
 * memory as /proc/meminfo has it; "fhbench=MB" on the kernel command line
 * adds the benchmarks of bench.c, "fhkmapcpus=MB" the kmap_atomic() round
 * on every CPU of kmapcpus.c, "fhdmi=ADDRESS" the DMI strings the boot
 * left in lowmem.  Each check prints CHECK_<name>=ok or
 * =fail; the last line is "fhtest: PASS" or "fhtest: FAIL <names>".
 * As pid 1 it then reboots, which QEMU's -no-reboot turns into an exit.
 */
#include "bench.h"
#include "hostile.h"
#include "kmapcpus.h"
#include "layout.h"
#include "lib.h"
#include "pressure.h"
#include "sys.h"
#include "vdso.h"

#define AT_NULL			0
#define AT_SYSINFO		32
#define AT_SYSINFO_EHDR		33
#define PAGE_SIZE		4096UL


#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567

static unsigned long at_sysinfo, at_sysinfo_ehdr;
static struct vdso vdso;
static int vdso_ok;
static unsigned long kernel_vsyscall, kernel_vsyscall_size;
static unsigned long kernel_sigreturn, kernel_rt_sigreturn;
static int vsyscall_sysenter, vsyscall_int80, cpu_sep;
static char text[16384];

/* A system call through the vsyscall page, as a C library makes it. */
static long vsys3(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("call *%1"
		     : "=a" (ret)
		     : "m" (at_sysinfo), "0" (nr), "b" (a), "c" (b), "d" (c)
		     : "memory");
	return ret;
}

static int check_auxv(void)
{
	put_hex("AT_SYSINFO", at_sysinfo);
	put_hex("AT_SYSINFO_EHDR", at_sysinfo_ehdr);
	return at_sysinfo && at_sysinfo_ehdr &&
	       at_sysinfo - at_sysinfo_ehdr < PAGE_SIZE;
}

static int check_vdso_image(void)
{
	if (!at_sysinfo_ehdr)
		return 0;
	if (vdso_parse(&vdso, at_sysinfo_ehdr, PAGE_SIZE)) {
		put_str("VDSO_ERROR", vdso.error);
		return 0;
	}
	put_hex("VDSO_BIAS", (unsigned long)vdso.bias);
	put_hex("VDSO_ENTRY", vdso.entry);
	if (vdso.outside) {
		put_str("VDSO_OUTSIDE", vdso.outside);
		put_hex("VDSO_OUTSIDE_ADDR", vdso.outside_addr);
	}
	kernel_vsyscall = vdso_lookup(&vdso, "__kernel_vsyscall", &kernel_vsyscall_size);
	kernel_sigreturn = vdso_lookup(&vdso, "__kernel_sigreturn", 0);
	kernel_rt_sigreturn = vdso_lookup(&vdso, "__kernel_rt_sigreturn", 0);
	put_hex("SYM___kernel_vsyscall", kernel_vsyscall);
	put_hex("SYM___kernel_sigreturn", kernel_sigreturn);
	put_hex("SYM___kernel_rt_sigreturn", kernel_rt_sigreturn);
	vdso_ok = kernel_vsyscall && kernel_sigreturn && kernel_rt_sigreturn;
	return vdso_ok && vdso.bias == 0 && !vdso.outside;
}

static int check_vsyscall_entry(void)
{
	return vdso_ok && at_sysinfo == kernel_vsyscall;
}

/*
 * The CPU can do sysenter, and __kernel_vsyscall uses it; n/a on a CPU
 * without sep (a 486), where it must not (check_vsyscall_int80).
 */
static int check_sep(void)
{
	const unsigned char *code = (const void *)kernel_vsyscall;
	const char *flags;
	unsigned long i, len;
	int sep = 0, sysenter = 0, int80 = 0;

	if (read_file("/proc/cpuinfo", text, sizeof(text)) > 0 &&
	    (flags = find_line(text, "flags"))) {
		for (; *flags && *flags != '\n'; flags++)
			if (!strncmp(flags, " sep", 4) &&
			    (flags[4] == ' ' || flags[4] == '\n'))
				sep = 1;
	}
	if (vdso_ok) {
		len = kernel_vsyscall_size ? kernel_vsyscall_size : 64;
		for (i = 0; i + 1 < len && kernel_vsyscall + i + 1 < at_sysinfo_ehdr + PAGE_SIZE; i++) {
			if (code[i] == 0x0f && code[i + 1] == 0x34)
				sysenter = 1;
			if (code[i] == 0xcd && code[i + 1] == 0x80)
				int80 = 1;
		}
	}
	vsyscall_sysenter = sysenter;
	vsyscall_int80 = int80;
	cpu_sep = sep;
	put_dec("CPU_SEP", sep);
	put_dec("VSYSCALL_SYSENTER", sysenter);
	put_dec("VSYSCALL_INT80", int80);
	if (!sep && !sysenter)
		return -1;
	return sep && sysenter;
}

/* Without sep, __kernel_vsyscall is the int $0x80 one; n/a with sep. */
static int check_vsyscall_int80(void)
{
	if (cpu_sep)
		return -1;
	return vdso_ok && vsyscall_int80 && !vsyscall_sysenter;
}

static int check_syscalls(void)
{
	static const char msg[] = "fhtest: # written through the vsyscall page\n";
	long pid_int80 = sys_getpid(), pid_vdso, wrote, badf;

	if (!vdso_ok || at_sysinfo != kernel_vsyscall)
		return 0;
	pid_vdso = vsys3(__NR_getpid, 0, 0, 0);
	wrote = vsys3(__NR_write, 1, (long)msg, sizeof(msg) - 1);
	badf = vsys3(__NR_close, -1, 0, 0);
	put_dec("GETPID_INT80", pid_int80);
	put_dec("GETPID_VSYSCALL", pid_vdso);
	return pid_int80 > 0 && pid_vdso == pid_int80 &&
	       wrote == (long)sizeof(msg) - 1 && badf == -EBADF;
}

static volatile unsigned long plain_ret, siginfo_ret;
static volatile int plain_sig, siginfo_signo;

static void plain_handler(int sig)
{
	plain_sig = sig;
	plain_ret = (unsigned long)__builtin_return_address(0);
}

static void siginfo_handler(int sig, int *info, void *uc)
{
	(void)sig;
	(void)uc;
	siginfo_signo = info[0];	/* si_signo is the first field */
	siginfo_ret = (unsigned long)__builtin_return_address(0);
}

/* Raise sig with a handler installed without SA_RESTORER; 0 if that failed. */
static int raise_with(int sig, void *handler, unsigned long flags)
{
	struct k_sigaction sa;
	volatile unsigned long canary = 0x5a5aa5a5UL ^ (unsigned long)sig;

	memset(&sa, 0, sizeof(sa));
	sa.handler = handler;
	sa.flags = flags;
	if (sys5(__NR_rt_sigaction, sig, (long)&sa, 0, 8, 0))
		return 0;
	if (sys_kill(sys_getpid(), sig))
		return 0;
	/* Back here means the handler returned through a trampoline. */
	return canary == (0x5a5aa5a5UL ^ (unsigned long)sig);
}

static int check_signal_plain(void)
{
	int back = raise_with(SIGUSR1, (void *)plain_handler, 0);

	put_hex("SIGNAL_PLAIN_RETURN", plain_ret);
	return back && plain_sig == SIGUSR1 && vdso_ok && plain_ret == kernel_sigreturn;
}

static int check_signal_siginfo(void)
{
	int back = raise_with(SIGUSR2, (void *)siginfo_handler, SA_SIGINFO);

	put_hex("SIGNAL_SIGINFO_RETURN", siginfo_ret);
	return back && siginfo_signo == SIGUSR2 && vdso_ok &&
	       siginfo_ret == kernel_rt_sigreturn;
}

/* /proc/self/maps shows the gate page where AT_SYSINFO_EHDR says. */
static int check_maps(void)
{
	const char *line, *p;
	unsigned long start, end;

	if (read_file("/proc/self/maps", text, sizeof(text)) <= 0)
		return 0;
	for (line = text; line && *line; line = next_line(line)) {
		start = parse_num(line, 16, &p);
		end = *p == '-' ? parse_num(p + 1, 16, 0) : 0;
		if (start == at_sysinfo_ehdr && end == start + PAGE_SIZE) {
			put_hex("MAPS_GATE_START", start);
			return 1;
		}
	}
	put_str("MAPS_GATE_START", "none");
	return 0;
}

/* From /proc/meminfo, in kB, for the layout cross-check. */
static unsigned long mem_low_total, mem_high_total, mem_vmalloc_total;

/* Memory as the kernel counts it, for the host to compare. */
static int check_meminfo(void)
{
	static const char *const fields[] = {
		"MemTotal", "LowTotal", "LowFree", "HighTotal", "HighFree",
		"VmallocTotal",
	};
	char key[40] = "MEMINFO_";
	const char *line;
	unsigned long i, n, found = 0, value;

	if (read_file("/proc/meminfo", text, sizeof(text)) <= 0)
		return 0;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		n = strlen(fields[i]);
		memcpy(key + 8, fields[i], n);
		memcpy(key + 8 + n, "_kB", 4);
		line = find_line(text, fields[i]);
		value = line ? parse_num(line + n + 1, 10, 0) : 0;
		put_dec(key, value);
		found += line != 0;
		if (!strcmp(fields[i], "LowTotal"))
			mem_low_total = value;
		else if (!strcmp(fields[i], "HighTotal"))
			mem_high_total = value;
		else if (!strcmp(fields[i], "VmallocTotal"))
			mem_vmalloc_total = value;
	}
	return found == sizeof(fields) / sizeof(fields[0]);
}

static unsigned long lay(const char *key)
{
	unsigned long v = 0;

	layout_get(key, &v);
	return v;
}

/*
 * The kernel's layout report agrees with itself, with /proc/meminfo and
 * with the auxiliary vector, and its walk found the hole empty.
 */
static int layout_consistent(void)
{
	/* Addresses print in hex, counts in decimal; some keys come only
	 * with highmem (PKMAP_BASE, KMAP_*) or with a dynamic top
	 * (FIXADDR_*). */
	enum { HEX, DEC, HEX_OPTIONAL, DEC_OPTIONAL };
	static const struct {
		const char *name;
		int form;
	} keys[] = {
		{ "FIXADDR_TOP", HEX }, { "FIXADDR_START", HEX },
		{ "FIXADDR_BOOT_START", HEX }, { "VSYSCALL_BASE", HEX },
		{ "PKMAP_BASE", HEX_OPTIONAL }, { "VMALLOC_START", HEX },
		{ "VMALLOC_END", HEX }, { "HIGH_MEMORY", HEX },
		{ "LOWMEM_KB", DEC }, { "HIGHMEM_KB", DEC },
		{ "HOLE_START", HEX }, { "HOLE_SIZE", HEX },
		{ "HOLE_LOWMEM_COST", HEX }, { "HOLE_MAPPED_PAGES", DEC },
		{ "HOLE_PMDS", DEC }, { "FIXADDR_SITES_PATCHED", DEC_OPTIONAL },
		{ "FIXADDR_PATCH_CYCLES", DEC_OPTIONAL },
		{ "KMAP_SLOTS", DEC_OPTIONAL }, { "KMAP_PAGE_TABLES", DEC_OPTIONAL },
		{ "KMAP_SLOTS_MISSED", DEC_OPTIONAL },
	};
	unsigned long missed;
	struct {
		const char *what;
		int ok;
	} rules[] = {
		{ "vsyscall_base", lay("VSYSCALL_BASE") == at_sysinfo_ehdr },
		{ "hole_start", lay("HOLE_START") == lay("FIXADDR_TOP") + PAGE_SIZE &&
				(u32)(lay("HOLE_START") + lay("HOLE_SIZE")) == 0 },
		{ "hole_empty", lay("HOLE_MAPPED_PAGES") == 0 && lay("HOLE_PMDS") == 0 },
		/* With highmem, kmap_atomic()'s one pointer reaches every slot. */
		{ "kmap_slots", !lay("PKMAP_BASE") ||
				(lay("KMAP_SLOTS") && lay("KMAP_PAGE_TABLES") &&
				 layout_get("KMAP_SLOTS_MISSED", &missed) && !missed) },
		{ "lowmem_cost", lay("HOLE_LOWMEM_COST") <= lay("HOLE_SIZE") &&
				 lay("HOLE_SIZE") - lay("HOLE_LOWMEM_COST") < (4UL << 20) },
		{ "high_memory", lay("HIGH_MEMORY") - 0xc0000000UL == lay("LOWMEM_KB") * 1024 },
		{ "lowtotal", mem_low_total && mem_low_total <= lay("LOWMEM_KB") },
		{ "hightotal", mem_high_total == lay("HIGHMEM_KB") },
		{ "vmalloctotal", mem_vmalloc_total * 1024 ==
				  lay("VMALLOC_END") - lay("VMALLOC_START") },
		/*
		 * Without highmem vmalloc ends below the permanent fixmap
		 * slots only: the boot-time ones are gone by the time
		 * vmalloc() is used.
		 */
		{ "order", lay("HIGH_MEMORY") < lay("VMALLOC_START") &&
			   lay("VMALLOC_START") < lay("VMALLOC_END") &&
			   (lay("PKMAP_BASE") ?
				lay("VMALLOC_END") < lay("PKMAP_BASE") &&
				lay("PKMAP_BASE") < lay("FIXADDR_BOOT_START") :
				lay("VMALLOC_END") < lay("FIXADDR_START")) &&
			   lay("FIXADDR_BOOT_START") < lay("FIXADDR_START") &&
			   lay("FIXADDR_START") <= lay("VSYSCALL_BASE") &&
			   lay("VSYSCALL_BASE") < lay("FIXADDR_TOP") },
	};
	char key[48] = "LAYOUT_";
	unsigned long i, v;
	int ok = 1;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!layout_get(keys[i].name, &v)) {
			if (keys[i].form == HEX || keys[i].form == DEC) {
				put_str("LAYOUT_MISSING", keys[i].name);
				ok = 0;
			}
			continue;
		}
		memcpy(key + 7, keys[i].name, strlen(keys[i].name) + 1);
		if (keys[i].form == DEC || keys[i].form == DEC_OPTIONAL)
			put_dec(key, v);
		else
			put_hex(key, v);
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (!rules[i].ok) {
			put_str("LAYOUT_MISMATCH", rules[i].what);
			ok = 0;
		}
	return ok;
}

static int check_layout(void)
{
	return layout_read() ? layout_consistent() : -1;
}

/*
 * A core dump written here (as pid 1, to the ramfs root) carries the
 * vsyscall page's program headers where the page really is.
 */
static int check_coredump(void)
{
	static const unsigned long unlimited[2] = { ~0UL, ~0UL };
	const unsigned char *eh = (const void *)text;
	const unsigned int *ph;
	unsigned long phoff, phnum, i, found = 0, stray = 0;
	long pid, fd, n;
	int status = 0;

	if (sys_getpid() != 1)
		return -1;
	sys_unlink("/core");
	if (sys_setrlimit(4 /* RLIMIT_CORE */, unlimited))
		return 0;
	pid = sys_fork();
	if (pid == 0) {
		*(volatile int *)0 = 0;		/* SIGSEGV: dump core */
		sys3(__NR_exit, 0, 0, 0);
	}
	if (pid < 0 || sys_waitpid(pid, &status) != pid || !(status & 0x80)) {
		put_hex("COREDUMP_STATUS", status);
		return 0;
	}
	fd = sys_open("/core", O_RDONLY);
	n = fd < 0 ? -1 : sys_read(fd, text, 4096);
	if (fd >= 0)
		sys_close(fd);
	if (n < 52 || memcmp(eh, "\177ELF", 4) || eh[16] != 4 /* ET_CORE */)
		return 0;
	phoff = *(const unsigned int *)(eh + 28);
	phnum = *(const unsigned short *)(eh + 44);
	if (phoff + phnum * 32 > (unsigned long)n)
		return 0;
	/* p_type, p_offset, p_vaddr: the vsyscall page's headers are at its address. */
	for (i = 0; i < phnum; i++) {
		ph = (const void *)(text + phoff + i * 32);
		if (ph[0] == 1 && ph[2] == at_sysinfo_ehdr)
			found++;
		else if (ph[2] >= 0xffffe000UL && at_sysinfo_ehdr != 0xffffe000UL)
			stray++;
	}
	put_dec("COREDUMP_VSYSCALL_LOAD", found);
	put_dec("COREDUMP_STALE_HEADERS", stray);
	return found == 1 && !stray;
}

static volatile int segv_count;

/* Skip the two-byte "movl (%ecx),%eax" that faulted (uc_mcontext.eip). */
static void segv_handler(int sig, void *info, unsigned char *uc)
{
	(void)sig;
	(void)info;
	segv_count++;
	*(unsigned long *)(uc + 20 + 14 * 4) += 2;
}

/* Read a word; 1 if that faulted. */
static int faults(unsigned long addr)
{
	int before = segv_count;
	unsigned long v;

	asm volatile("movl (%%ecx), %%eax" : "=a" (v) : "c" (addr) : "memory");
	(void)v;
	return segv_count != before;
}

/*
 * From user space: the vsyscall page reads where AT_SYSINFO_EHDR says,
 * and on a kernel with a hole the old address 0xffffe000 is gone.
 */
static int check_hole_probe(void)
{
	struct k_sigaction sa;
	unsigned long hole;
	int page_faults, old_faults;

	if (!layout_get("HOLE_SIZE", &hole) || !hole)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.handler = (void *)segv_handler;
	sa.flags = SA_SIGINFO;
	if (sys5(__NR_rt_sigaction, SIGSEGV, (long)&sa, 0, 8, 0))
		return 0;
	page_faults = faults(at_sysinfo_ehdr);
	old_faults = faults(0xffffe000UL);
	put_dec("PROBE_VSYSCALL_PAGE_FAULTS", page_faults);
	put_dec("PROBE_OLD_VSYSCALL_FAULTS", old_faults);
	return !page_faults && old_faults;
}

/*
 * An unprivileged child enters the kernel with hostile segment registers
 * and pokes at the hole and the gate page (hostile.c).
 */
static int check_hostile(void)
{
	struct hostile_env env;

	if (!vdso_ok || at_sysinfo != kernel_vsyscall)
		return 0;
	env.at_sysinfo = at_sysinfo;
	env.at_sysinfo_ehdr = at_sysinfo_ehdr;
	env.kernel_sigreturn = kernel_sigreturn;
	env.kernel_rt_sigreturn = kernel_rt_sigreturn;
	env.sysenter = vsyscall_sysenter;
	return hostile_run(&env);
}

static int check_system(void)
{
	struct { char f[6][65]; } uts;
	const char *line;
	unsigned long cpus = 0;
	long n;

	if (sys_uname(&uts))
		return 0;
	put_str("KERNEL_RELEASE", uts.f[2]);
	n = read_file("/proc/cmdline", text, sizeof(text));
	if (n > 0 && text[n - 1] == '\n')
		text[n - 1] = '\0';
	put_str("CMDLINE", n > 0 ? text : "");
	if (read_file("/proc/cpuinfo", text, sizeof(text)) <= 0)
		return 0;
	for (line = text; line && *line; line = next_line(line))
		cpus += !strncmp(line, "processor", 9);
	put_dec("CPUS", cpus);
	return cpus > 0;
}

/* The value of the kernel command line option KEY (with its '='), or 0. */
static const char *cmdline_arg(const char *key)
{
	const char *arg = 0, *p;
	size_t len = strlen(key);
	long n;

	n = read_file("/proc/cmdline", text, sizeof(text));
	for (p = text; n > 0 && *p; p++)
		if ((p == text || p[-1] == ' ') && !strncmp(p, key, len))
			arg = p + len;
	return arg;
}

/*
 * The size in MB a kernel command line option "KEY=MB" asks for: 0 if
 * the option is not there, -1 (with a line BROKEN=why) if it is not a
 * size from 1 to max.  The last KEY= counts.
 */
static long cmdline_mb(const char *key, unsigned long max, const char *broken)
{
	const char *arg = cmdline_arg(key), *p;
	unsigned long mb;

	if (!arg)
		return 0;
	mb = parse_num(arg, 10, &p);
	if (!mb || mb > max || (*p && *p != ' ' && *p != '\n')) {
		struct text why = { "", 0 };

		text_add(&why, key);
		text_add(&why, " wants a size from 1 to ");
		text_dec(&why, max);
		text_add(&why, " (MB)");
		put_str(broken, why.s);
		return -1;
	}
	return mb;
}

/* The benchmarks, when the kernel command line asks for them. */
static int check_bench(void)
{
	long mb = cmdline_mb("fhbench=", 256, "BENCH_BROKEN");

	return mb <= 0 ? mb ? 0 : -1 : bench_run(at_sysinfo, mb);
}

/* The kmap_atomic() round on every CPU, when asked for. */
static int check_kmapcpus(void)
{
	long mb = cmdline_mb("fhkmapcpus=", 64, "KMAPCPUS_BROKEN");

	return mb <= 0 ? mb ? 0 : -1 : kmapcpus_run(mb);
}

/*
 * Kernel data that boot code left in lowmem for later: the DMI strings,
 * which dmi_scan_machine() copies into bootmem right after an initrd is
 * moved, and reboot quirks, PCI IRQ routing and APM read long after.
 * "fhdmi=ADDRESS" names the kernel's dmi_ident[] (System.map); each
 * string is read through /dev/mem and printed as DMI_1 to DMI_9 ("-"
 * for none, '?' for a byte that is not printable).  The test compares
 * them with a boot of the same kernel where nothing moved.
 */
#define PAGE_OFFSET		0xc0000000UL
#define DMI_STRINGS		10	/* DMI_NONE to DMI_BOARD_VERSION */
#define DMI_STRING_READ		64

static int check_dmi(void)
{
	const char *arg = cmdline_arg("fhdmi="), *p;
	unsigned long table, ident[DMI_STRINGS];
	char s[DMI_STRING_READ + 1], key[8] = "DMI_0";
	long fd, n, i, j;

	if (!arg)
		return -1;
	table = parse_num(arg, 16, &p);
	if (table < PAGE_OFFSET || (*p && *p != ' ' && *p != '\n')) {
		put_str("DMI_BROKEN", "fhdmi= wants dmi_ident's kernel address, in hex");
		return 0;
	}
	sys_mknod("/dev/mem", 020600, (1 << 8) | 1);	/* S_IFCHR, mem */
	fd = sys_open("/dev/mem", O_RDONLY);
	if (fd < 0)
		n = fd;
	else
		n = read_at(fd, table - PAGE_OFFSET, ident, sizeof(ident));
	if (n != sizeof(ident)) {
		put_str("DMI_BROKEN", "dmi_ident[] does not read from /dev/mem");
		if (fd >= 0)
			sys_close(fd);
		return 0;
	}
	for (i = 1; i < DMI_STRINGS; i++) {
		n = 0;
		if (ident[i] >= PAGE_OFFSET)
			n = read_at(fd, ident[i] - PAGE_OFFSET, s, DMI_STRING_READ);
		if (n < 0)
			n = 0;
		s[n] = '\0';
		for (j = 0; j < n && s[j]; j++)
			if (s[j] < ' ' || s[j] > '~')
				s[j] = '?';
		key[4] = '0' + i;
		put_str(key, ident[i] ? s : "-");
	}
	sys_close(fd);
	return 1;
}

/*
 * The lowmem workloads, when the command line asks: "fhpressure=FILES,PROCS",
 * at most FILES files (1 to 10000000) and PROCS processes (1 to 32000).
 */
static int check_pressure(void)
{
	const char *arg = cmdline_arg("fhpressure="), *p;
	unsigned long files, procs = 0;

	if (!arg)
		return -1;
	files = parse_num(arg, 10, &p);
	if (*p == ',')
		procs = parse_num(p + 1, 10, &p);
	if (!files || files > 10000000 || !procs || procs > 32000 ||
	    (*p && *p != ' ' && *p != '\n')) {
		put_str("BENCH_BROKEN",
			"fhpressure= wants FILES,PROCS: 1 to 10000000 and 1 to 32000");
		return 0;
	}
	return pressure_run(files, procs);
}

static const struct check {
	const char *name;
	int (*run)(void);
} checks[] = {
	{ "system", check_system },
	{ "auxv", check_auxv },
	{ "vdso_image", check_vdso_image },
	{ "vsyscall_entry", check_vsyscall_entry },
	{ "sep", check_sep },
	{ "vsyscall_int80", check_vsyscall_int80 },
	{ "syscalls", check_syscalls },
	{ "signal_plain", check_signal_plain },
	{ "signal_siginfo", check_signal_siginfo },
	{ "maps", check_maps },
	{ "meminfo", check_meminfo },
	{ "layout", check_layout },
	{ "coredump", check_coredump },
	{ "hole_probe", check_hole_probe },
	{ "hostile", check_hostile },
	{ "bench", check_bench },
	{ "kmapcpus", check_kmapcpus },
	{ "pressure", check_pressure },
	{ "dmi", check_dmi },
};

static void read_auxv(unsigned long *sp)
{
	unsigned long argc = sp[0], *p = sp + 1 + argc + 1;

	while (*p)		/* skip the environment */
		p++;
	for (p++; p[0] != AT_NULL; p += 2) {
		if (p[0] == AT_SYSINFO)
			at_sysinfo = p[1];
		else if (p[0] == AT_SYSINFO_EHDR)
			at_sysinfo_ehdr = p[1];
	}
}

void guest_main(unsigned long *sp) __attribute__((noreturn));
void guest_main(unsigned long *sp)
{
	char failed[512] = "FAIL";
	size_t len = 4, i;
	int pid1 = sys_getpid() == 1;

	/* Under QEMU's -icount: the instructions it took to get here. */
	u64 tsc = rdtsc();

	out_init();
	put_raw("START");
	put_dec("VERSION", 1);
	put_dec("START_TSC", tsc);
	/* Never mount or reboot anything but a guest: as pid 1 we are one. */
	if (pid1) {
		sys_mkdir("/proc", 0555);
		sys_mount("proc", "/proc", "proc");
	}
	read_auxv(sp);

	for (i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		int ok = checks[i].run();
		char key[64] = "CHECK_";
		size_t n = strlen(checks[i].name);

		memcpy(key + 6, checks[i].name, n + 1);
		put_str(key, ok < 0 ? "n/a" : ok ? "ok" : "fail");
		if (!ok && len + n + 2 < sizeof(failed)) {
			failed[len] = len == 4 ? ' ' : ',';
			len++;
			memcpy(failed + len, checks[i].name, n + 1);
			len += n;
		}
	}
	put_raw(len == 4 ? "PASS" : failed);
	/*
	 * A real UART is slow: let the console send all of it before the
	 * reboot throws the rest away (TCSBRK with a non-zero argument only
	 * waits for the output to drain).
	 */
	sys3(__NR_ioctl, 1, 0x5409 /* TCSBRK */, 1);

	if (pid1)
		sys5(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		     LINUX_REBOOT_CMD_RESTART, 0, 0);
	sys3(__NR_exit, len == 4 ? 0 : 1, 0, 0);
	for (;;)
		;
}

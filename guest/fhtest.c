/*
 * fhtest: the guest test program of fixmap-hole, run as /init.
 *
 * It checks what user space sees of the fixmap: the vsyscall page the
 * kernel maps there (AT_SYSINFO, AT_SYSINFO_EHDR, the ELF image, sysenter,
 * the signal trampolines, the gate line of /proc/self/maps), and reports
 * memory as /proc/meminfo has it.  Each check prints CHECK_<name>=ok or
 * =fail; the last line is "fhtest: PASS" or "fhtest: FAIL <names>".
 * As pid 1 it then reboots, which QEMU's -no-reboot turns into an exit.
 */
#include "lib.h"
#include "sys.h"
#include "vdso.h"

#define AT_NULL			0
#define AT_SYSINFO		32
#define AT_SYSINFO_EHDR		33
#define PAGE_SIZE		4096UL

#define SIGUSR1			10
#define SIGUSR2			12
#define SA_SIGINFO		4

#define LINUX_REBOOT_MAGIC1	0xfee1dead
#define LINUX_REBOOT_MAGIC2	672274793
#define LINUX_REBOOT_CMD_RESTART 0x01234567

static unsigned long at_sysinfo, at_sysinfo_ehdr;
static struct vdso vdso;
static int vdso_ok;
static unsigned long kernel_vsyscall, kernel_vsyscall_size;
static unsigned long kernel_sigreturn, kernel_rt_sigreturn;
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

/* The CPU can do sysenter, and __kernel_vsyscall uses it. */
static int check_sep(void)
{
	const unsigned char *code = (const void *)kernel_vsyscall;
	const char *flags;
	unsigned long i, len;
	int sep = 0, sysenter = 0;

	if (read_file("/proc/cpuinfo", text, sizeof(text)) > 0 &&
	    (flags = find_line(text, "flags"))) {
		for (; *flags && *flags != '\n'; flags++)
			if (!strncmp(flags, " sep", 4) &&
			    (flags[4] == ' ' || flags[4] == '\n'))
				sep = 1;
	}
	if (vdso_ok) {
		len = kernel_vsyscall_size ? kernel_vsyscall_size : 64;
		for (i = 0; i + 1 < len && kernel_vsyscall + i + 1 < at_sysinfo_ehdr + PAGE_SIZE; i++)
			if (code[i] == 0x0f && code[i + 1] == 0x34)
				sysenter = 1;
	}
	put_dec("CPU_SEP", sep);
	put_dec("VSYSCALL_SYSENTER", sysenter);
	return sep && sysenter;
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

/* The kernel's struct sigaction for rt_sigaction on i386. */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask[2];
};

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

/* Memory as the kernel counts it, for the host to compare. */
static int check_meminfo(void)
{
	static const char *const fields[] = {
		"MemTotal", "LowTotal", "LowFree", "HighTotal", "HighFree",
		"VmallocTotal",
	};
	char key[40] = "MEMINFO_";
	const char *line;
	unsigned long i, n, found = 0;

	if (read_file("/proc/meminfo", text, sizeof(text)) <= 0)
		return 0;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		n = strlen(fields[i]);
		memcpy(key + 8, fields[i], n);
		memcpy(key + 8 + n, "_kB", 4);
		line = find_line(text, fields[i]);
		/* Without highmem there are no High/Low lines: count none. */
		put_dec(key, line ? parse_num(line + n + 1, 10, 0) : 0);
		found += line != 0;
	}
	return found > 0;
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

static const struct check {
	const char *name;
	int (*run)(void);
} checks[] = {
	{ "system", check_system },
	{ "auxv", check_auxv },
	{ "vdso_image", check_vdso_image },
	{ "vsyscall_entry", check_vsyscall_entry },
	{ "sep", check_sep },
	{ "syscalls", check_syscalls },
	{ "signal_plain", check_signal_plain },
	{ "signal_siginfo", check_signal_siginfo },
	{ "maps", check_maps },
	{ "meminfo", check_meminfo },
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

	out_init();
	put_raw("START");
	put_dec("VERSION", 1);
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
		put_str(key, ok ? "ok" : "fail");
		if (!ok && len + n + 2 < sizeof(failed)) {
			failed[len] = len == 4 ? ' ' : ',';
			len++;
			memcpy(failed + len, checks[i].name, n + 1);
			len += n;
		}
	}
	put_raw(len == 4 ? "PASS" : failed);

	if (pid1)
		sys5(__NR_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		     LINUX_REBOOT_CMD_RESTART, 0, 0);
	sys3(__NR_exit, len == 4 ? 0 : 1, 0, 0);
	for (;;)
		;
}

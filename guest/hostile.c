/*
 * hostile: what an unprivileged process can do to the top of the address
 * space, run in a child that drops to uid 1000.
 *
 * 1. Entering the kernel with hostile segment registers.  With each of
 *    %ds %es %fs %gs holding a null selector, and then an LDT data segment
 *    (4 GB limit) whose base turns a %ds-relative kernel read of
 *    sysenter_return into a read of linux_banner: getpid through the
 *    vsyscall entry (sysenter) and through int $0x80, and a signal
 *    delivered and returned through each trampoline (kill through int
 *    $0x80 and through the vsyscall entry).  Each must give the right
 *    result, come back right after the call with the hostile value back
 *    in the register, and show nothing of the kernel's memory.  The
 *    kernel must not read through the user's %ds before loading its own.
 *    Each probe runs in a child of its own: a misreturn (a SIGSEGV, SIGILL
 *    ... at a strange EIP) is caught there and its EIP, fault address and
 *    registers come back through a pipe.
 *
 *    The window with a hostile value loaded is one asm statement that
 *    touches only registers and the stack (%ss): C code uses %ds and %es.
 *
 * 2. The hole (or, without one, kernel-only addresses), the old gate page
 *    and the gate page: user reads and writes fault, /proc/self/mem and
 *    ptrace(PTRACE_PEEKDATA) refuse them, munmap() and mprotect() of the
 *    gate page are refused and the vsyscall entry still works afterwards.
 *
 * Where the LDT base comes from: /proc/kallsyms (read as root, before the
 * child drops its privileges; it has data symbols only with
 * CONFIG_KALLSYMS_ALL), else "fhhostile=BANNER,TARGET" (hex addresses, as
 * System.map has them) on the kernel command line, else a kernel address
 * chosen here, so that the probes still run.
 */
#include "hostile.h"
#include "layout.h"
#include "lib.h"
#include "sys.h"

#define PAGE_SIZE	4096UL
#define PAGE_OFFSET	0xc0000000UL
#define OLD_GATE	0xffffe000UL
#define USER_DS		0x7b
#define LDT_SEL		0x07		/* LDT entry 0, RPL 3 */
#define UNPRIVILEGED	1000
#define EXIT_MISRETURN	99
#define PR_SET_DUMPABLE	4
#define PTRACE_TRACEME	0
#define PTRACE_PEEKDATA	2
#define PTRACE_KILL	8

static const struct hostile_env *env;
static char buf[4096];

static void t_sep(struct text *t)
{
	if (t->n)
		text_add(t, " ");
}

/* ---- Where the LDT segment's base comes from ---- */

static unsigned long banner, target;
static const char *syms_from = "none", *target_name = "none";

static int sym_is(const char *name, const char *want)
{
	size_t n = strlen(want);

	return !strncmp(name, want, n) &&
	       (name[n] == '\n' || name[n] == ' ' || name[n] == '\t' || !name[n]);
}

/* linux_banner, sysenter_return and sysenter_entry from /proc/kallsyms. */
static void read_kallsyms(unsigned long *ban, unsigned long *ret, unsigned long *entry)
{
	long fd = sys_open("/proc/kallsyms", O_RDONLY), n;
	size_t have = 0, used;
	const char *line, *p;

	if (fd < 0)
		return;
	while ((n = sys_read(fd, buf + have, sizeof(buf) - 1 - have)) > 0) {
		have += n;
		buf[have] = '\0';
		used = 0;
		/* Every complete line: "c01b9960 R linux_banner". */
		for (line = buf; (p = next_line(line)); line = p) {
			unsigned long addr = parse_num(line, 16, &p);

			if (p[0] == ' ' && p[1] && p[2] == ' ') {
				if (sym_is(p + 3, "linux_banner"))
					*ban = addr;
				else if (sym_is(p + 3, "sysenter_return"))
					*ret = addr;
				else if (sym_is(p + 3, "sysenter_entry"))
					*entry = addr;
			}
			p = next_line(line);
			used = p - buf;
		}
		if (!used && have == sizeof(buf) - 1)
			used = have;		/* a line too long: drop it */
		memcpy(buf, buf + used, have - used);
		have -= used;
	}
	sys_close(fd);
}

static unsigned long parse_addr(const char *s, const char **end)
{
	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	return parse_num(s, 16, end);
}

static void find_symbols(void)
{
	unsigned long ban = 0, ret = 0, entry = 0;
	const char *p, *q;
	long n;

	read_kallsyms(&ban, &ret, &entry);
	if (ban) {
		banner = ban;
		target = ret ? ret : entry;
		target_name = ret ? "sysenter_return" : "sysenter_entry";
		syms_from = "kallsyms";
	}
	n = read_file("/proc/cmdline", buf, sizeof(buf));
	for (p = buf; !banner && n > 0 && *p; p++)
		if ((p == buf || p[-1] == ' ') && !strncmp(p, "fhhostile=", 10)) {
			ban = parse_addr(p + 10, &q);
			if (*q == ',' && ban) {
				banner = ban;
				target = parse_addr(q + 1, 0);
				target_name = "target";
				syms_from = "cmdline";
			}
		}
	if (!banner || !target) {
		/* Still a hostile base: kernel text read instead. */
		banner = PAGE_OFFSET + 0x100000;
		target = entry ? entry : PAGE_OFFSET + 0x200000;
		target_name = entry ? "sysenter_entry" : "chosen";
		syms_from = "none";
	}
}

/* ---- Entering the kernel with a hostile segment register ---- */

/* Registers in and out of one kernel entry; offsets are used in asm. */
struct call {
	unsigned long eax, ebx, ecx, edx, esi, edi;	/* 0..20 */
	unsigned long entry;		/* 24: __kernel_vsyscall, 0: int $0x80 */
	unsigned long sel;		/* 28: the hostile value */
	unsigned long seg_after;	/* 32: what the register held after */
};

/*
 * Load all registers from c, save seg and load the hostile value, enter
 * the kernel, read seg back, restore it, and only then store the
 * registers into c.  Between the load and the restore: registers and the
 * stack only (an %esp-based address is %ss-relative).
 */
#define HOSTILE_CALL(seg)						\
static void __attribute__((noinline)) call_##seg(struct call *c)	\
{									\
	asm volatile("pushl %%eax\n\t"		/* c */			\
		     "pushl 24(%%eax)\n\t"	/* the entry */		\
		     "pushl %%" #seg "\n\t"	/* to restore */	\
		     "pushl 28(%%eax)\n\t"	/* the hostile value */	\
		     "movl 4(%%eax), %%ebx\n\t"				\
		     "movl 8(%%eax), %%ecx\n\t"				\
		     "movl 12(%%eax), %%edx\n\t"			\
		     "movl 16(%%eax), %%esi\n\t"			\
		     "movl 20(%%eax), %%edi\n\t"			\
		     "movl (%%eax), %%eax\n\t"				\
		     "popl %%" #seg "\n\t"	/* hostile from here */	\
		     "cmpl $0, 4(%%esp)\n\t"				\
		     "je 1f\n\t"					\
		     "call *4(%%esp)\n\t"				\
		     "jmp 2f\n"						\
		     "1:\tint $0x80\n"					\
		     "2:\tpushl %%" #seg "\n\t"	/* what came back */	\
		     "pushl 4(%%esp)\n\t"				\
		     "popl %%" #seg "\n\t"	/* restored */		\
		     "xchgl %%eax, 12(%%esp)\n\t" /* c; the result kept */ \
		     "movl %%ebx, 4(%%eax)\n\t"				\
		     "movl %%ecx, 8(%%eax)\n\t"				\
		     "movl %%edx, 12(%%eax)\n\t"			\
		     "movl %%esi, 16(%%eax)\n\t"			\
		     "movl %%edi, 20(%%eax)\n\t"			\
		     "popl 32(%%eax)\n\t"				\
		     "addl $8, %%esp\n\t"				\
		     "popl (%%eax)"					\
		     : "+a" (c)						\
		     :							\
		     : "ebx", "ecx", "edx", "esi", "edi", "memory", "cc"); \
}

HOSTILE_CALL(ds)
HOSTILE_CALL(es)
HOSTILE_CALL(fs)
HOSTILE_CALL(gs)

static void (*const call_seg[4])(struct call *) = { call_ds, call_es, call_fs, call_gs };
static const char *const seg_names[4] = { "ds", "es", "fs", "gs" };
enum { DS, ES, FS, GS };

/* What a probe child sends back through its pipe. */
struct outcome {
	int how;			/* 0: nothing, else RETURNED or MISRETURN */
	struct call c;
	int signo;			/* the signal of a misreturn */
	unsigned long eip, addr;	/* its EIP and fault address */
	unsigned long regs[8];		/* and its registers, sigcontext order */
	unsigned long segs[4];		/* gs fs es ds */
	int sig_seen, sig_count;	/* the test signal's handler */
	unsigned long sig_ret, sig_info_signo;
};
enum { RETURNED = 1, MISRETURN };
static const char *const reg_names[8] = {
	"edi", "esi", "ebp", "esp", "ebx", "edx", "ecx", "eax",
};

static struct outcome out;
static long out_pipe = -1;

static void __attribute__((noreturn)) send_and_exit(int code)
{
	sys_write(out_pipe, &out, sizeof(out));
	sys3(__NR_exit, code, 0, 0);
	for (;;)
		;
}

/* Any fatal signal in a probe child: where it happened, and the registers. */
static void misreturn_handler(int sig, int *info, unsigned long *uc)
{
	const unsigned long *sc = uc + 5;	/* uc_mcontext, after 20 bytes */
	int i;

	out.how = MISRETURN;
	out.signo = sig;
	out.eip = sc[14];
	out.addr = info[3];			/* si_addr */
	for (i = 0; i < 8; i++)
		out.regs[i] = sc[4 + i];
	for (i = 0; i < 4; i++)
		out.segs[i] = sc[i] & 0xffff;
	send_and_exit(EXIT_MISRETURN);
}

static int set_handler(int sig, void *handler, unsigned long flags)
{
	struct k_sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.handler = handler;
	sa.flags = flags;
	return sys5(__NR_rt_sigaction, sig, (long)&sa, 0, 8, 0) == 0;
}

static void catch_misreturns(void)
{
	static const int sigs[] = { SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGTRAP };
	unsigned long i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		set_handler(sigs[i], (void *)misreturn_handler, SA_SIGINFO);
}

static void plain_handler(int sig)
{
	out.sig_seen = sig;
	out.sig_count++;
	out.sig_ret = (unsigned long)__builtin_return_address(0);
}

static void rt_handler(int sig, int *info, void *uc)
{
	(void)uc;
	out.sig_seen = sig;
	out.sig_count++;
	out.sig_info_signo = info[0];
	out.sig_ret = (unsigned long)__builtin_return_address(0);
}

/*
 * Run fn(arg) in a child with a pipe for its outcome; 1 if a whole
 * outcome came back.  *status is the child's wait status.
 */
static int run_child(void (*fn)(const void *), const void *arg,
		     struct outcome *o, int *status)
{
	int fds[2];
	long pid, n, got = 0;

	memset(o, 0, sizeof(*o));
	*status = -1;
	if (sys3(__NR_pipe, (long)fds, 0, 0))
		return 0;
	pid = sys_fork();
	if (pid == 0) {
		sys_close(fds[0]);
		out_pipe = fds[1];
		memset(&out, 0, sizeof(out));
		sys3(__NR_alarm, 20, 0, 0);	/* a hang: killed by SIGALRM */
		fn(arg);
		send_and_exit(0);
	}
	sys_close(fds[1]);
	while (pid > 0 && got < (long)sizeof(*o) &&
	       (n = sys_read(fds[0], (char *)o + got, sizeof(*o) - got)) > 0)
		got += n;
	sys_close(fds[0]);
	if (pid > 0)
		sys_waitpid(pid, status);
	return got == (long)sizeof(*o);
}

/* "Linux version": any four bytes of it in a register is kernel memory. */
static const char *disclosed(unsigned long v)
{
	static const char text[] = "Linux version";
	unsigned long i, w;

	for (i = 0; i + 4 <= sizeof(text) - 1; i++) {
		w = (unsigned char)text[i] | (unsigned char)text[i + 1] << 8 |
		    (unsigned char)text[i + 2] << 16 |
		    (unsigned long)(unsigned char)text[i + 3] << 24;
		if (v == w)
			return "linux_banner";
	}
	return 0;
}

enum { GETPID, SIGPLAIN, SIGRT };
enum { NUL, LDT };

struct probe {
	int op, seg, kind, vsyscall;
};

#define CANARY(n)	(0x1ee70000UL + (n))

static void hostile_probe(const void *arg)
{
	const struct probe *p = arg;
	long pid = sys_getpid();
	struct call c;
	int sig = p->op == SIGRT ? SIGUSR2 : SIGUSR1;

	catch_misreturns();
	if (p->op == SIGPLAIN && !set_handler(sig, (void *)plain_handler, 0))
		return;
	if (p->op == SIGRT && !set_handler(sig, (void *)rt_handler, SA_SIGINFO))
		return;
	c.eax = p->op == GETPID ? __NR_getpid : __NR_kill;
	c.ebx = p->op == GETPID ? CANARY(1) : (unsigned long)pid;
	c.ecx = p->op == GETPID ? CANARY(2) : (unsigned long)sig;
	c.edx = CANARY(3);
	c.esi = CANARY(4);
	c.edi = CANARY(5);
	c.entry = p->vsyscall ? env->at_sysinfo : 0;
	c.sel = p->kind == LDT ? LDT_SEL : 0;
	c.seg_after = 0xdead;
	call_seg[p->seg](&c);
	out.c = c;
	out.how = RETURNED;
	out.regs[0] = pid;	/* for the judge: what getpid must return */
}

static void probe_name(struct text *t, const struct probe *p)
{
	static const char *const ops[] = { "getpid", "sigreturn", "rt_sigreturn" };

	if (p->op != GETPID) {
		text_add(t, ops[p->op]);
		text_add(t, "-");
	}
	text_add(t, p->vsyscall ? "vsyscall-" : "int80-");
	text_add(t, seg_names[p->seg]);
	text_add(t, p->kind == LDT ? "-ldt" : "-null");
}

/* Whether one probe's outcome is right; why not in t. */
static int judge(const struct probe *p, const struct outcome *o, int got, int status,
		 struct text *t)
{
	static const char *const creg[6] = { "eax", "ebx", "ecx", "edx", "esi", "edi" };
	unsigned long sel = p->kind == LDT ? LDT_SEL : 0, after, want[6];
	const unsigned long *have = &o->c.eax;
	int i, ok = 1, sig = p->op == SIGRT ? SIGUSR2 : SIGUSR1;

	if (!got || !o->how) {
		if ((status & 0x7f) && status != -1) {
			text_add(t, "killed by signal ");
			text_dec(t, status & 0x7f);
		} else {
			text_add(t, "no outcome, exit status ");
			text_hex(t, status);
		}
		return 0;
	}
	if (o->how == MISRETURN) {
		text_add(t, "eip=");
		text_hex(t, o->eip);
		text_add(t, " addr=");
		text_hex(t, o->addr);
		text_add(t, " signal ");
		text_dec(t, o->signo);
		text_add(t, p->seg == DS ? " ds=" : p->seg == ES ? " es=" :
			 p->seg == FS ? " fs=" : " gs=");
		text_hex(t, o->segs[3 - p->seg]);
		if (disclosed(o->eip))
			text_add(t, " disclosed=eip");
		if (disclosed(o->addr))
			text_add(t, " disclosed=addr");
		for (i = 0; i < 8; i++)
			if (disclosed(o->regs[i])) {
				text_add(t, " disclosed=");
				text_add(t, reg_names[i]);
			}
		return 0;
	}
	/* Came back after the call: the result, every register, the segment. */
	want[0] = p->op == GETPID ? o->regs[0] : 0;
	want[1] = p->op == GETPID ? CANARY(1) : o->regs[0];
	want[2] = p->op == GETPID ? CANARY(2) : (unsigned long)sig;
	want[3] = CANARY(3);
	want[4] = CANARY(4);
	want[5] = CANARY(5);
	for (i = 0; i < 6; i++) {
		if (disclosed(have[i])) {
			t_sep(t);
			text_add(t, "disclosed=");
			text_add(t, creg[i]);
			ok = 0;
		}
		if (have[i] != want[i]) {
			t_sep(t);
			text_add(t, creg[i]);
			text_add(t, "=");
			text_hex(t, have[i]);
			text_add(t, " want ");
			text_hex(t, want[i]);
			ok = 0;
		}
	}
	/*
	 * The hostile value is back.  sysexit does not restore %ds and %es:
	 * after a plain sysenter call they hold __USER_DS, as the kernel left
	 * them.  A signal returns through iret and sigreturn: all restored.
	 */
	after = o->c.seg_after & 0xffff;
	if (after != sel && !(p->op == GETPID && p->vsyscall &&
			      (p->seg == DS || p->seg == ES) && after == USER_DS)) {
		t_sep(t);
		text_add(t, seg_names[p->seg]);
		text_add(t, "=");
		text_hex(t, after);
		text_add(t, " after, want ");
		text_hex(t, sel);
		ok = 0;
	}
	if (p->op != GETPID) {
		unsigned long tramp = p->op == SIGRT ? env->kernel_rt_sigreturn :
						       env->kernel_sigreturn;

		if (o->sig_count != 1 || o->sig_seen != sig ||
		    (p->op == SIGRT && o->sig_info_signo != (unsigned long)sig)) {
			t_sep(t);
			text_add(t, "handler ran ");
			text_dec(t, o->sig_count);
			text_add(t, "x with signal ");
			text_dec(t, o->sig_seen);
			ok = 0;
		}
		if (o->sig_ret != tramp) {
			t_sep(t);
			text_add(t, "handler returns to ");
			text_hex(t, o->sig_ret);
			text_add(t, " want ");
			text_hex(t, tramp);
			ok = 0;
		}
	}
	return ok;
}

/* One group: op through int $0x80 and/or the vsyscall entry, every segment
 * register, null and LDT.  Prints HOSTILE_<key> and a HOSTILE_FAIL line
 * per failed probe. */
static int run_group(const char *key, int op, int int80, int vsyscall, const char *note)
{
	struct probe p;
	struct outcome o;
	struct text line;
	int passed = 0, total = 0, status, got, v;

	if (!int80 && !vsyscall) {
		put_str(key, note);
		return -1;
	}
	p.op = op;
	for (v = 0; v < 2; v++) {
		if (!(v ? vsyscall : int80))
			continue;
		p.vsyscall = v;
		for (p.seg = DS; p.seg <= GS; p.seg++)
			for (p.kind = NUL; p.kind <= LDT; p.kind++) {
				got = run_child(hostile_probe, &p, &o, &status);
				line.n = 0;
				probe_name(&line, &p);
				text_add(&line, " ");
				total++;
				if (judge(&p, &o, got, status, &line))
					passed++;
				else
					put_str("HOSTILE_FAIL", line.s);
			}
	}
	line.n = 0;
	text_add(&line, passed == total ? "ok " : "fail ");
	text_dec(&line, passed);
	text_add(&line, "/");
	text_dec(&line, total);
	if (note) {
		text_add(&line, " ");
		text_add(&line, note);
	}
	put_str(key, line.s);
	return passed == total;
}

static int set_ldt(void)
{
	struct {
		unsigned int entry_number;
		unsigned long base_addr;
		unsigned int limit;
		unsigned int flags;
	} d;

	d.entry_number = LDT_SEL >> 3;
	d.base_addr = banner - target;
	d.limit = 0xfffff;
	d.flags = 1 | 1 << 4;	/* seg_32bit, data, writable, limit_in_pages */
	return sys3(__NR_modify_ldt, 1, (long)&d, sizeof(d)) == 0;
}

/* ---- The hole, the gate page and kernel addresses ---- */

static volatile int faults_seen;
static volatile unsigned long fault_addr;

/* Skip the two-byte movl that faulted. */
static void skip_handler(int sig, int *info, unsigned long *uc)
{
	(void)sig;
	faults_seen++;
	fault_addr = info[3];
	uc[5 + 14] += 2;
}

/* 1 if reading (or writing v to) addr faulted at addr. */
static int read_faults(unsigned long addr, unsigned long *v)
{
	int before = faults_seen;

	*v = 0;
	asm volatile("movl (%%ecx), %%eax" : "+a" (*v) : "c" (addr) : "memory");
	return faults_seen != before && fault_addr == addr;
}

static int write_faults(unsigned long addr, unsigned long v)
{
	int before = faults_seen;

	asm volatile("movl %%eax, (%%ecx)" : : "a" (v), "c" (addr) : "memory");
	return faults_seen != before && fault_addr == addr;
}

static unsigned long addrs[4];
static int nr_addrs;
static volatile unsigned long known = 0x600df00dUL;

static void add_addr(unsigned long a)
{
	int i;

	for (i = 0; i < nr_addrs; i++)
		if (addrs[i] == a)
			return;
	addrs[nr_addrs++] = a;
}

static int gate_moved(void)
{
	return env->at_sysinfo_ehdr != OLD_GATE;
}

/* Kernel-only addresses to probe: the hole's first and last page (and
 * the old gate page), else the top of the fixmap; always PAGE_OFFSET. */
static void choose_addrs(void)
{
	unsigned long start = 0, size = 0;
	struct text t;
	int i;

	t.n = 0;
	if (layout_get("HOLE_SIZE", &size) && layout_get("HOLE_START", &start))
		put_str("HOSTILE_HOLE_FROM", "layout");
	else if (env->at_sysinfo_ehdr) {
		/* The gate is FIXADDR_TOP - 4 kB, the hole starts 4 kB above it. */
		start = env->at_sysinfo_ehdr + 2 * PAGE_SIZE;
		size = -start;
		put_str("HOSTILE_HOLE_FROM", "gate");
	}
	if (size) {
		text_add(&t, "hole ");
		add_addr(start);
		if (gate_moved())
			add_addr(OLD_GATE);
		add_addr(-PAGE_SIZE);
	} else {
		text_add(&t, "kernel-only (no hole) ");
		add_addr(env->at_sysinfo_ehdr ? env->at_sysinfo_ehdr + PAGE_SIZE :
						 -PAGE_SIZE);
	}
	add_addr(PAGE_OFFSET);
	for (i = 0; i < nr_addrs; i++) {
		if (i)
			text_add(&t, ",");
		text_hex(&t, addrs[i]);
	}
	put_str("HOSTILE_ADDRS", t.s);
}

static void put_result(const char *key, int ok, struct text *why)
{
	struct text t;

	t.n = 0;
	text_add(&t, ok ? "ok" : "fail");
	if (why->n) {
		text_add(&t, " ");
		text_add(&t, why->s);
	}
	put_str(key, t.s);
}

static void why_addr(struct text *why, const char *what, unsigned long addr)
{
	t_sep(why);
	text_add(why, what);
	text_add(why, " ");
	text_hex(why, addr);
}

/* User reads and writes: every probe address faults, at that address. */
static int check_user_access(void)
{
	struct text why;
	unsigned long v;
	int i, ok = 1;

	why.n = 0;
	for (i = 0; i < nr_addrs; i++) {
		if (!read_faults(addrs[i], &v)) {
			why_addr(&why, "read", addrs[i]);
			text_add(&why, " gave ");
			text_hex(&why, v);
			ok = 0;
		} else if (!write_faults(addrs[i], v)) {
			why_addr(&why, "write", addrs[i]);
			ok = 0;
		}
	}
	put_result("HOSTILE_USER_ACCESS", ok, &why);
	return ok;
}

static int check_old_gate(void)
{
	struct text why;
	unsigned long v;
	int ok;

	if (!gate_moved()) {
		put_str("HOSTILE_OLD_GATE", "n/a (the gate did not move)");
		return -1;
	}
	why.n = 0;
	ok = read_faults(OLD_GATE, &v) && write_faults(OLD_GATE, 0);
	if (!ok)
		text_add(&why, "0xffffe000 readable or writable");
	put_result("HOSTILE_OLD_GATE", ok, &why);
	return ok;
}

/* The gate page reads, and a write to it faults (the same word back). */
static int check_gate_write(void)
{
	struct text why;
	unsigned long v;
	int ok = 1;

	why.n = 0;
	if (read_faults(env->at_sysinfo_ehdr, &v)) {
		why_addr(&why, "read faults", env->at_sysinfo_ehdr);
		ok = 0;
	} else if (!write_faults(env->at_sysinfo_ehdr, v)) {
		why_addr(&why, "write allowed", env->at_sysinfo_ehdr);
		ok = 0;
	}
	put_result("HOSTILE_GATE_WRITE", ok, &why);
	return ok;
}

/* read() of 4 bytes of /proc/self/mem at addr: 4, or a negative error. */
static long mem_read(long fd, unsigned long addr, unsigned long *v)
{
	*v = 0;
	return read_at(fd, addr, v, 4);
}

static int check_proc_mem(void)
{
	struct text why;
	unsigned long v;
	long fd = sys_open("/proc/self/mem", O_RDONLY), r;
	int i, ok = 1;

	why.n = 0;
	if (fd < 0) {
		text_add(&why, "open: ");
		text_dec(&why, fd);
		put_result("HOSTILE_PROC_MEM", 0, &why);
		return 0;
	}
	/* The control: our own memory reads. */
	r = mem_read(fd, (unsigned long)&known, &v);
	if (r != 4 || v != known) {
		text_add(&why, "own memory: ");
		text_dec(&why, r);
		ok = 0;
	}
	for (i = 0; i < nr_addrs; i++) {
		r = mem_read(fd, addrs[i], &v);
		if (r >= 0) {
			why_addr(&why, "read", addrs[i]);
			text_add(&why, " gave ");
			text_hex(&why, v);
			ok = 0;
		}
	}
	r = mem_read(fd, env->at_sysinfo_ehdr, &v);
	put_str("HOSTILE_PROC_MEM_GATE", r == 4 ? "readable" : "error");
	sys_close(fd);
	put_result("HOSTILE_PROC_MEM", ok, &why);
	return ok;
}

static int check_ptrace(void)
{
	struct text why;
	unsigned long v;
	long pid, r;
	int status = 0, i, ok = 1;

	why.n = 0;
	pid = sys_fork();
	if (pid == 0) {
		sys3(__NR_ptrace, PTRACE_TRACEME, 0, 0);
		sys_kill(sys_getpid(), SIGSTOP);
		sys3(__NR_exit, 0, 0, 0);
	}
	if (pid < 0 || sys_waitpid(pid, &status) != pid || (status & 0xff) != 0x7f) {
		text_add(&why, "no stopped tracee, status ");
		text_hex(&why, status);
		put_result("HOSTILE_PTRACE", 0, &why);
		return 0;
	}
	v = 0;
	r = sys5(__NR_ptrace, PTRACE_PEEKDATA, pid, (long)&known, (long)&v, 0);
	if (r || v != known) {
		text_add(&why, "own memory: ");
		text_dec(&why, r);
		ok = 0;
	}
	for (i = 0; i < nr_addrs; i++) {
		v = 0;
		r = sys5(__NR_ptrace, PTRACE_PEEKDATA, pid, addrs[i], (long)&v, 0);
		if (r == 0) {
			why_addr(&why, "peek", addrs[i]);
			text_add(&why, " gave ");
			text_hex(&why, v);
			ok = 0;
		}
	}
	r = sys5(__NR_ptrace, PTRACE_PEEKDATA, pid, env->at_sysinfo_ehdr, (long)&v, 0);
	put_str("HOSTILE_PTRACE_GATE", r == 0 ? "readable" : "error");
	sys3(__NR_ptrace, PTRACE_KILL, pid, 0);
	sys_waitpid(pid, &status);
	put_result("HOSTILE_PTRACE", ok, &why);
	return ok;
}

static long vsys_getpid(void)
{
	long ret;

	asm volatile("call *%1" : "=a" (ret) : "r" (env->at_sysinfo), "0" (__NR_getpid)
		     : "memory");
	return ret;
}

/* In a child: munmap() and mprotect() of the gate page, then a vsyscall. */
static void gate_map_probe(const void *arg)
{
	(void)arg;
	catch_misreturns();
	out.c.eax = sys3(__NR_munmap, env->at_sysinfo_ehdr, PAGE_SIZE, 0);
	out.c.ebx = sys3(__NR_mprotect, env->at_sysinfo_ehdr, PAGE_SIZE, 7);
	out.c.ecx = vsys_getpid();
	out.c.edx = sys_getpid();
	out.how = RETURNED;
}

static int check_gate_map(void)
{
	struct outcome o;
	struct text why;
	int status, got, ok;

	why.n = 0;
	got = run_child(gate_map_probe, 0, &o, &status);
	ok = got && o.how == RETURNED && o.c.eax && o.c.ebx && o.c.ecx == o.c.edx;
	if (got && o.how == RETURNED) {
		text_add(&why, "munmap=");
		text_dec(&why, o.c.eax);
		text_add(&why, " mprotect=");
		text_dec(&why, o.c.ebx);
		text_add(&why, o.c.ecx == o.c.edx ? " vsyscall works" : " vsyscall broken");
	} else if (got && o.how == MISRETURN) {
		text_add(&why, "signal ");
		text_dec(&why, o.signo);
		text_add(&why, " at eip=");
		text_hex(&why, o.eip);
	} else {
		text_add(&why, "child status ");
		text_hex(&why, status);
	}
	put_result("HOSTILE_GATE_MAP", ok, &why);
	return ok;
}

/* ---- The unprivileged child ---- */

static int all(int ok, int r)
{
	return ok && r != 0;		/* n/a (-1) does not fail */
}

static int unprivileged(void)
{
	long uid;
	int ok = 1, vsyscall = env->sysenter && env->at_sysinfo;
	const char *no_sep = vsyscall ? 0 : "(no sysenter: int $0x80 only)";
	struct text t;

	sys3(__NR_setgid32, UNPRIVILEGED, 0, 0);
	sys3(__NR_setuid32, UNPRIVILEGED, 0, 0);
	uid = sys3(__NR_getuid32, 0, 0, 0);
	put_dec("HOSTILE_UID", uid);
	if (uid == 0)
		return 0;
	/* setuid() made us undumpable: /proc/self/mem would be root's. */
	sys5(__NR_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);

	if (!set_ldt()) {
		put_str("HOSTILE_LDT", "modify_ldt failed");
		return 0;
	}
	t.n = 0;
	text_hex(&t, banner - target);
	text_add(&t, " (");
	text_add(&t, syms_from);
	text_add(&t, ": linux_banner ");
	text_hex(&t, banner);
	text_add(&t, " - ");
	text_add(&t, target_name);
	text_add(&t, " ");
	text_hex(&t, target);
	text_add(&t, ")");
	put_str("HOSTILE_LDT_BASE", t.s);

	ok = all(ok, run_group("HOSTILE_VSYSCALL", GETPID, 0, vsyscall,
			       vsyscall ? 0 : "n/a (no sysenter)"));
	ok = all(ok, run_group("HOSTILE_INT80", GETPID, 1, 0, 0));
	ok = all(ok, run_group("HOSTILE_SIGNAL_PLAIN", SIGPLAIN, 1, vsyscall, no_sep));
	ok = all(ok, run_group("HOSTILE_SIGNAL_RT", SIGRT, 1, vsyscall, no_sep));

	if (!set_handler(SIGSEGV, (void *)skip_handler, SA_SIGINFO))
		return 0;
	choose_addrs();
	ok = all(ok, check_user_access());
	ok = all(ok, check_old_gate());
	ok = all(ok, check_gate_write());
	ok = all(ok, check_proc_mem());
	ok = all(ok, check_ptrace());
	ok = all(ok, check_gate_map());
	return ok;
}

int hostile_run(const struct hostile_env *e)
{
	long pid;
	int status = -1;

	env = e;
	if (!env->at_sysinfo_ehdr)
		return 0;
	find_symbols();			/* as root */
	pid = sys_fork();
	if (pid == 0)
		sys3(__NR_exit, unprivileged() ? 0 : 1, 0, 0);
	if (pid < 0 || sys_waitpid(pid, &status) != pid || status) {
		put_hex("HOSTILE_CHILD_STATUS", status);
		return 0;
	}
	return 1;
}

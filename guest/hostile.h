#ifndef GUEST_HOSTILE_H
#define GUEST_HOSTILE_H
/*
 * What an unprivileged process can do to the kernel at the top of the
 * address space: enter it (sysenter, int $0x80, the signal trampolines)
 * with hostile segment registers, and touch the hole, the gate page and
 * kernel addresses directly, through /proc/self/mem, through ptrace and
 * through munmap()/mprotect().  See hostile.c.
 */

struct hostile_env {
	unsigned long at_sysinfo;	/* __kernel_vsyscall */
	unsigned long at_sysinfo_ehdr;	/* the gate page */
	unsigned long kernel_sigreturn, kernel_rt_sigreturn;
	int sysenter;			/* __kernel_vsyscall uses sysenter */
};

/* 1 ok, 0 fail, -1 n/a; prints the HOSTILE_* lines. */
int hostile_run(const struct hostile_env *env);

#endif /* GUEST_HOSTILE_H */

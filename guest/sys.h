#ifndef GUEST_SYS_H
#define GUEST_SYS_H
/*
 * Raw i386 system calls through int $0x80, the only way in that works
 * without a C library on every 2.6 kernel.
 */

#define __NR_exit		1
#define __NR_fork		2
#define __NR_read		3
#define __NR_write		4
#define __NR_open		5
#define __NR_close		6
#define __NR_waitpid		7
#define __NR_unlink		10
#define __NR_mknod		14
#define __NR_ptrace		26
#define __NR_alarm		27
#define __NR_getpid		20
#define __NR_mount		21
#define __NR_kill		37
#define __NR_mkdir		39
#define __NR_rmdir		40
#define __NR_pipe		42
#define __NR_ioctl		54
#define __NR_setrlimit		75
#define __NR_reboot		88
#define __NR_mmap		90
#define __NR_munmap		91
#define __NR_syslog		103
#define __NR_uname		122
#define __NR_modify_ldt		123
#define __NR_mprotect		125
#define __NR__llseek		140
#define __NR_prctl		172
#define __NR_rt_sigaction	174
#define __NR_getuid32		199
#define __NR_setuid32		213
#define __NR_setgid32		214

#define SIGILL		4
#define SIGTRAP		5
#define SIGBUS		7
#define SIGFPE		8
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGALRM		14
#define SIGSTOP		19
#define SA_SIGINFO	4

/* The kernel's struct sigaction for rt_sigaction on i386. */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long mask[2];
};

#define EBADF		9
#define O_RDONLY	0
#define O_WRONLY	1

static inline long sys3(long nr, long a, long b, long c)
{
	long ret;

	asm volatile("int $0x80"
		     : "=a" (ret)
		     : "0" (nr), "b" (a), "c" (b), "d" (c)
		     : "memory");
	return ret;
}

static inline long sys5(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	asm volatile("int $0x80"
		     : "=a" (ret)
		     : "0" (nr), "b" (a), "c" (b), "d" (c), "S" (d), "D" (e)
		     : "memory");
	return ret;
}

#define sys_write(fd, buf, n)	sys3(__NR_write, (fd), (long)(buf), (n))
#define sys_read(fd, buf, n)	sys3(__NR_read, (fd), (long)(buf), (n))
#define sys_open(path, flags)	sys3(__NR_open, (long)(path), (flags), 0)
#define sys_close(fd)		sys3(__NR_close, (fd), 0, 0)
#define sys_getpid()		sys3(__NR_getpid, 0, 0, 0)
#define sys_kill(pid, sig)	sys3(__NR_kill, (pid), (sig), 0)
#define sys_mkdir(path, mode)	sys3(__NR_mkdir, (long)(path), (mode), 0)
#define sys_fork()		sys3(__NR_fork, 0, 0, 0)
#define sys_waitpid(pid, st)	sys3(__NR_waitpid, (pid), (long)(st), 0)
#define sys_unlink(path)	sys3(__NR_unlink, (long)(path), 0, 0)
#define sys_mknod(path, mode, dev) sys3(__NR_mknod, (long)(path), (mode), (dev))
#define sys_setrlimit(r, lim)	sys3(__NR_setrlimit, (r), (long)(lim), 0)
#define sys_uname(buf)		sys3(__NR_uname, (long)(buf), 0, 0)
#define sys_syslog(type, buf, n) sys3(__NR_syslog, (type), (long)(buf), (n))
#define sys_mount(src, dst, type) \
	sys5(__NR_mount, (long)(src), (long)(dst), (long)(type), 0, 0)

#endif /* GUEST_SYS_H */

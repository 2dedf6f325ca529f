#include "bench.h"
#include "lib.h"
#include "sys.h"

#define PAGE_SIZE	4096UL
#define CHUNK		(64UL << 10)

#define O_CREAT		0100
#define O_TRUNC		01000
#define PROT_RW		3
#define MAP_PRIVATE_ANON 0x22

static char chunk[CHUNK];
static char meminfo[4096];
static int ok;

static unsigned long long rdtsc(void)
{
	unsigned long long t;

	asm volatile("rdtsc" : "=A" (t));
	return t;
}

/*
 * Start right after a timer interrupt: a long gap between two readings of
 * the counter is one.  Then the ticks fall at the same points of a
 * benchmark in every kernel that runs it with the same instructions,
 * wherever its boot left the tick's phase.
 */
static void wait_for_tick(void)
{
	unsigned long long prev = rdtsc(), now;

	for (;; prev = now) {
		now = rdtsc();
		if (now - prev > 500)
			return;
	}
}

/* Free highmem in pages, from /proc/meminfo; 0 without highmem. */
unsigned long high_free_pages(void)
{
	const char *line;

	if (read_file("/proc/meminfo", meminfo, sizeof(meminfo)) <= 0)
		return 0;
	line = find_line(meminfo, "HighFree:");
	return line ? parse_num(line + 9, 10, 0) / 4 : 0;
}

static void broken(const char *what)
{
	put_str("BENCH_BROKEN", what);
	ok = 0;
}

static void put_key(const char *bench, const char *what, unsigned long value)
{
	char key[64] = "BENCH_";
	size_t n = strlen(bench), m = strlen(what);

	memcpy(key + 6, bench, n);
	key[6 + n] = '_';
	memcpy(key + 7 + n, what, m + 1);
	put_dec(key, value);
}

/* One benchmark's lines: how many operations, how many instructions. */
static void report(const char *bench, unsigned long ops,
		   unsigned long long start, unsigned long long end)
{
	unsigned long long insns = end - start;

	put_key(bench, "OPS", ops);
	put_key(bench, "INSNS", (unsigned long)insns);
	if (insns >> 32 || !ops)	/* would not print right, or no work */
		broken(bench);
}

/*
 * A file on the ramfs root: its page cache pages are highmem pages
 * (GFP_HIGHUSER), and every read() or write() of one goes through
 * kmap_atomic() in file_read_actor() and filemap_copy_from_user().
 */
static void bench_file(unsigned long mb)
{
	static const char path[] = "/fhbench.dat";
	unsigned long chunks = (mb << 20) / CHUNK, pages = (mb << 20) / PAGE_SIZE;
	unsigned long i, high_before, high_used;
	unsigned long long t0, t1;
	long fd;

	memset(chunk, 0x5a, sizeof(chunk));
	high_before = high_free_pages();
	fd = sys3(__NR_open, (long)path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		broken("file_write open");
		return;
	}
	wait_for_tick();
	t0 = rdtsc();
	for (i = 0; i < chunks; i++)
		if (sys_write(fd, chunk, CHUNK) != (long)CHUNK)
			broken("file_write short");
	t1 = rdtsc();
	sys_close(fd);
	high_used = high_before - high_free_pages();
	report("file_write", pages, t0, t1);
	put_key("file_write", "HIGHMEM_PAGES", high_used);

	fd = sys_open(path, O_RDONLY);
	wait_for_tick();
	t0 = rdtsc();
	for (i = 0; i < chunks; i++)
		if (sys_read(fd, chunk, CHUNK) != (long)CHUNK)
			broken("file_read short");
	t1 = rdtsc();
	sys_close(fd);
	report("file_read", pages, t0, t1);
	put_key("file_read", "HIGHMEM_PAGES", high_used);
	sys_unlink(path);
}

/* Write a byte to each page, timed: a fault on every one of them. */
static void touch_pages(const char *bench, volatile char *mem,
			unsigned long pages, char value)
{
	unsigned long i, high_before = high_free_pages();
	unsigned long long t0, t1;

	wait_for_tick();
	t0 = rdtsc();
	for (i = 0; i < pages; i++)
		mem[i * PAGE_SIZE] = value;
	t1 = rdtsc();
	report(bench, pages, t0, t1);
	put_key(bench, "HIGHMEM_PAGES", high_before - high_free_pages());
}

/*
 * Anonymous memory: a first write faults in a zeroed page (kmapped to
 * clear it), a write after fork() copies one (two kmaps).
 */
static void bench_anon(unsigned long mb)
{
	unsigned long len = mb << 20, pages = len / PAGE_SIZE;
	unsigned long args[6] = { 0, len, PROT_RW, MAP_PRIVATE_ANON, -1UL, 0 };
	volatile char *mem;
	long pid;
	int status = 0;

	mem = (volatile char *)sys3(__NR_mmap, (long)args, 0, 0);
	if ((unsigned long)mem >= -4095UL) {
		broken("anon mmap");
		return;
	}
	touch_pages("anon_fault", mem, pages, 1);
	pid = sys_fork();
	if (pid == 0) {
		touch_pages("cow_fault", mem, pages, 2);
		sys3(__NR_exit, ok ? 0 : 1, 0, 0);
	}
	if (pid < 0 || sys_waitpid(pid, &status) != pid || status)
		broken("cow_fault child");
	sys3(__NR_munmap, (long)mem, len, 0);
}

static long vsys0(unsigned long at_sysinfo, long nr)
{
	long ret;

	asm volatile("call *%1"
		     : "=a" (ret)
		     : "r" (at_sysinfo), "0" (nr)
		     : "memory");
	return ret;
}

static void bench_vdso_syscall(unsigned long at_sysinfo, unsigned long n)
{
	unsigned long long t0, t1;
	unsigned long i;

	wait_for_tick();
	t0 = rdtsc();
	for (i = 0; i < n; i++)
		vsys0(at_sysinfo, __NR_getpid);
	t1 = rdtsc();
	report("vdso_getpid", n, t0, t1);
}

static volatile unsigned long signals;

static void count_signal(int sig)
{
	(void)sig;
	signals++;
}

/* Delivery, and the return through the vsyscall page's sigreturn. */
static void bench_signal(unsigned long n)
{
	struct k_sigaction sa = { (void *)count_signal, 0, 0, { 0, 0 } };
	unsigned long long t0, t1;
	unsigned long i;
	long pid = sys_getpid();

	if (sys5(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0)) {
		broken("signal sigaction");
		return;
	}
	signals = 0;
	wait_for_tick();
	t0 = rdtsc();
	for (i = 0; i < n; i++)
		sys_kill(pid, SIGUSR1);
	t1 = rdtsc();
	report("signal", n, t0, t1);
	if (signals != n)
		broken("signal count");
}

static void fork_exit(unsigned long n)
{
	unsigned long i;
	int status;
	long pid;

	for (i = 0; i < n; i++) {
		pid = sys_fork();
		if (pid == 0)
			sys3(__NR_exit, 0, 0, 0);
		if (pid < 0 || sys_waitpid(pid, &status) != pid)
			broken("fork_exit wait");
	}
}

/*
 * A first round untimed: fork takes and gives back pages of several
 * orders, and until the allocator's lists settle the count depends on
 * what the boot left in them.
 */
static void bench_fork_exit(unsigned long n)
{
	unsigned long long t0, t1;

	fork_exit(n / 4);
	wait_for_tick();
	t0 = rdtsc();
	fork_exit(n);
	t1 = rdtsc();
	report("fork_exit", n, t0, t1);
}

int bench_run(unsigned long at_sysinfo, unsigned long mb)
{
	ok = 1;
	put_dec("BENCH_MB", mb);
	bench_file(mb);
	bench_anon(mb);
	bench_vdso_syscall(at_sysinfo, mb * 1000);
	bench_signal(mb * 100);
	bench_fork_exit(mb * 10);
	return ok;
}

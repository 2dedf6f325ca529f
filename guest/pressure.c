/*
 * Workloads that need lowmem, for the cost sweep: how much a hole takes
 * from what a machine can hold, not only from how fast it runs.
 *
 * Each runs in a child of its own and cleans up before the next.  Each
 * stops itself before the kernel would have to: on a ramfs root with no
 * swap nothing can be reclaimed, an allocation that cannot be served
 * retries, and the OOM killer has nothing but us to pick.  So every batch
 * starts with a look at /proc/meminfo, and the workload stops while the
 * zones still have more than their watermarks and reserves free:
 *
 *   small_files  empty files on the ramfs root (a dentry and an inode
 *                each, slab in lowmem); stops under LOW_RESERVE of LowFree
 *   proc_tree    children that wait on a pipe (a task struct, a kernel
 *                stack, a page directory and tables each); the same rule
 *   anon_set     anonymous pages touched one by one, in workers of at
 *                most WORKER_MB each, up to the machine's memory: stops
 *                when what a user page can still come from is under
 *                USER_RESERVE.  That is HighFree plus LowFree, less the
 *                normal zone's reserve against highmem allocations (the
 *                highmem zone's size / 32: sysctl_lowmem_reserve_ratio)
 *                and less the whole DMA zone, whose own reserve keeps
 *                it from highmem allocations on a large machine.  Also
 *                under LOW_RESERVE of LowFree: its page tables are lowmem.
 *
 * "fhpressure=FILES,PROCS" runs them, at most FILES files and PROCS
 * processes.  Each prints BENCH_<name>_OPS (what it created), _INSNS (the
 * instructions the creating took, the meminfo reads left out), _CAPACITY
 * (the same as OPS), _STOP (the rule that ended it: lowfree, userfree,
 * limit, eagain or enomem; "killed" if a worker died, a failure), and
 * LowFree, HighFree and Slab BEFORE it and AFTER, at its peak, before the
 * cleanup.
 */
#include "bench.h"
#include "lib.h"
#include "pressure.h"
#include "sys.h"

#define PAGE_SIZE	4096UL
#define LOW_RESERVE_KB	(16UL << 10)
#define USER_RESERVE_KB	(16UL << 10)
#define DMA_ZONE_KB	(16L << 10)
#define WORKER_MB	512UL
#define FILES_PER_DIR	1024
#define FILE_BATCH	64
#define PROC_BATCH	16
#define ANON_BATCH	256	/* pages: 1 MB */

#define O_CREAT		0100
#define PROT_RW		3
#define MAP_PRIVATE_ANON 0x22
#define EAGAIN		11
#define ENOMEM		12

/* What one workload did. */
struct run {
	unsigned long ops;
	u64 insns;
	const char *stop;
};

/* Not bench_report(): none created is a result here, the stop rule's. */
static void report(const char *name, const struct run *r)
{
	bench_put(name, "OPS", r->ops);
	bench_put(name, "INSNS", r->insns);
	bench_put(name, "CAPACITY", r->ops);
	{
		char key[64] = "BENCH_";
		size_t n = strlen(name);

		memcpy(key + 6, name, n);
		memcpy(key + 6 + n, "_STOP", 6);
		put_str(key, r->stop);
	}
}

/* The reason an allocation failed, or 0 if it was not for want of memory. */
static const char *why_failed(long err)
{
	if (err == -EAGAIN)
		return "eagain";
	if (err == -ENOMEM)
		return "enomem";
	return 0;
}

/*
 * Before each batch of small_files and proc_tree: 1 if LowFree leaves
 * room for it, 0 if the stop rule fired (r->stop says so), -1 if
 * /proc/meminfo could not be read.
 */
static int lowmem_room(struct run *r)
{
	struct meminfo m;

	if (!meminfo_read(&m))
		return -1;
	if (m.low_free >= LOW_RESERVE_KB)
		return 1;
	r->stop = "lowfree";
	return 0;
}

/* "/pressure/dDDDD/fFFFF" for file n; the directory alone if dir_only. */
static void file_name(char *buf, unsigned long n, int dir_only)
{
	static const char base[] = "/pressure/d0000/f0000";
	unsigned long d = n / FILES_PER_DIR, f = n % FILES_PER_DIR;
	int i;

	memcpy(buf, base, sizeof(base));
	for (i = 14; i > 10; i--, d /= 10)
		buf[i] = '0' + d % 10;
	for (i = 20; i > 16; i--, f /= 10)
		buf[i] = '0' + f % 10;
	if (dir_only)
		buf[15] = '\0';
}

static int small_files(unsigned long limit, struct run *r)
{
	char path[32];
	struct meminfo m;
	unsigned long i;
	u64 t0;
	long fd = 0;
	int ok = 1, room;

	r->stop = "limit";
	if (sys_mkdir("/pressure", 0700))
		return 0;
	while (r->ops < limit) {
		room = lowmem_room(r);
		if (room < 0)
			return 0;
		if (!room)
			break;
		t0 = rdtsc();
		for (i = 0; i < FILE_BATCH && r->ops < limit; i++, r->ops++) {
			if (r->ops % FILES_PER_DIR == 0) {
				file_name(path, r->ops, 1);
				fd = sys_mkdir(path, 0700);
			} else {
				fd = 0;
			}
			if (!fd) {
				file_name(path, r->ops, 0);
				fd = sys3(__NR_open, (long)path,
					  O_WRONLY | O_CREAT, 0600);
			}
			if (fd < 0)
				break;
			sys_close(fd);
		}
		r->insns += rdtsc() - t0;
		if (fd < 0) {
			r->stop = why_failed(fd);
			ok = r->stop != 0;
			break;
		}
	}
	bench_mem("small_files", "AFTER", &m);
	for (i = 0; i < r->ops; i++) {
		file_name(path, i, 0);
		if (sys_unlink(path))
			ok = 0;
		if (i % FILES_PER_DIR == FILES_PER_DIR - 1 || i == r->ops - 1) {
			file_name(path, i, 1);
			if (sys3(__NR_rmdir, (long)path, 0, 0))
				ok = 0;
		}
	}
	if (sys3(__NR_rmdir, (long)"/pressure", 0, 0))
		ok = 0;
	return ok;
}

static int proc_tree(unsigned long limit, struct run *r)
{
	int fds[2], status;
	struct meminfo m;
	unsigned long i;
	long pid = 0;
	char c;
	u64 t0;
	int ok = 1, room;

	r->stop = "limit";
	if (sys3(__NR_pipe, (long)fds, 0, 0))
		return 0;
	while (r->ops < limit) {
		room = lowmem_room(r);
		if (room < 0)
			return 0;
		if (!room)
			break;
		t0 = rdtsc();
		for (i = 0; i < PROC_BATCH && r->ops < limit; i++, r->ops++) {
			pid = sys_fork();
			if (pid == 0) {
				/* Wait until the parent lets go, then leave. */
				sys_close(fds[1]);
				sys_read(fds[0], &c, 1);
				sys3(__NR_exit, 0, 0, 0);
			}
			if (pid < 0)
				break;
		}
		r->insns += rdtsc() - t0;
		if (pid < 0) {
			r->stop = why_failed(pid);
			ok = r->stop != 0;
			break;
		}
	}
	bench_mem("proc_tree", "AFTER", &m);
	sys_close(fds[1]);
	for (i = 0; i < r->ops; i++)
		if (sys_waitpid(-1, &status) <= 0 || status)
			ok = 0;
	sys_close(fds[0]);
	return ok;
}

/*
 * The highmem zone's size as the kernel counts it for its reserves, in
 * kB: its span, holes included, which HighTotal leaves out (a 4 GB QEMU
 * machine has a 1 GB PCI hole in it).  From the boot's "HighMem zone: N
 * pages" line; 0 without highmem, -1 if the log no longer has the line.
 */
static long highmem_zone_kb(unsigned long high_total)
{
	static const char key[] = "HighMem zone: ";
	const char *p;

	if (!high_total)
		return 0;
	for (p = kernel_log(); *p; p++)
		if (!strncmp(p, key, sizeof(key) - 1))
			return parse_num(p + sizeof(key) - 1, 10, 0) * 4;
	return -1;
}

/* What a user page can still come from, in kB (see the top). */
static long user_free_kb(const struct meminfo *m, long zone_kb)
{
	return (long)m->high_free + (long)m->low_free - zone_kb / 32 -
		DMA_ZONE_KB;
}

/* What an anon_set worker tells the leader. */
struct worker_result {
	unsigned long pages;
	u64 insns;
	const char *stop;	/* 0: its share is done, go on */
};

/*
 * A worker: touch up to WORKER_MB of fresh anonymous memory, say how
 * far it got, and keep it until the leader closes the pipe.
 */
static void anon_worker(int result_fd, int hold_fd, long zone_kb)
{
	unsigned long args[6] = { 0, 0, PROT_RW, MAP_PRIVATE_ANON, -1UL, 0 };
	struct worker_result w = { 0, 0, 0 };
	volatile char *mem = 0;
	unsigned long i, pages = 0;
	struct meminfo m;
	long room_kb;
	u64 t0;
	char c;

	/*
	 * No more than there is room for: the kernel refuses a mapping
	 * larger than the memory it could still give (overcommit's guess).
	 */
	if (!meminfo_read(&m)) {
		w.stop = "meminfo";
	} else {
		room_kb = user_free_kb(&m, zone_kb) - (long)USER_RESERVE_KB;
		pages = room_kb > 0 ? (unsigned long)room_kb / 4 : 0;
		if (pages > (WORKER_MB << 20) / PAGE_SIZE)
			pages = (WORKER_MB << 20) / PAGE_SIZE;
		args[1] = pages * PAGE_SIZE;
		if (pages)
			mem = (volatile char *)sys3(__NR_mmap, (long)args, 0, 0);
		if ((unsigned long)mem >= -4095UL)
			w.stop = "mmap";
	}
	while (!w.stop) {
		if (w.pages == pages) {
			if (pages < (WORKER_MB << 20) / PAGE_SIZE)
				w.stop = "userfree";	/* all there was room for */
			break;
		}
		if (!meminfo_read(&m)) {
			w.stop = "meminfo";
			break;
		}
		if (m.low_free < LOW_RESERVE_KB)
			w.stop = "lowfree";
		else if (user_free_kb(&m, zone_kb) < (long)USER_RESERVE_KB)
			w.stop = "userfree";
		if (w.stop)
			break;
		t0 = rdtsc();
		for (i = 0; i < ANON_BATCH && w.pages < pages; i++, w.pages++)
			mem[w.pages * PAGE_SIZE] = 1;
		w.insns += rdtsc() - t0;
	}
	sys_write(result_fd, &w, sizeof(w));
	sys_read(hold_fd, &c, 1);
	sys3(__NR_exit, 0, 0, 0);
}

static int anon_set(struct run *r)
{
	int result[2], hold[2], status, workers = 0, ok = 1;
	struct worker_result w;
	struct meminfo m;
	long pid, zone_kb;

	if (!meminfo_read(&m))
		return 0;
	zone_kb = highmem_zone_kb(m.high_total);
	if (zone_kb < 0) {
		put_str("BENCH_BROKEN", "anon_set: no \"HighMem zone:\" in the log");
		return 0;
	}
	if (sys3(__NR_pipe, (long)result, 0, 0) || sys3(__NR_pipe, (long)hold, 0, 0))
		return 0;
	r->stop = 0;
	while (!r->stop) {
		pid = sys_fork();
		if (pid == 0) {
			sys_close(hold[1]);
			anon_worker(result[1], hold[0], zone_kb);
		}
		if (pid < 0) {
			r->stop = why_failed(pid);
			ok = r->stop != 0;
			break;
		}
		workers++;
		if (sys_read(result[0], &w, sizeof(w)) != (long)sizeof(w)) {
			r->stop = "killed";
			ok = 0;
			break;
		}
		r->ops += w.pages;
		r->insns += w.insns;
		r->stop = w.stop;
	}
	if (!strcmp(r->stop, "mmap") || !strcmp(r->stop, "meminfo"))
		ok = 0;
	bench_mem("anon_set", "AFTER", &m);
	sys_close(hold[1]);
	while (workers--)
		if (sys_waitpid(-1, &status) <= 0 || status)
			ok = 0;
	sys_close(result[0]);
	sys_close(result[1]);
	sys_close(hold[0]);
	return ok;
}

/* Run one workload in a child; 1 if it ran and cleaned up. */
static int in_child(const char *name, unsigned long limit)
{
	struct run r = { 0, 0, "none" };
	struct meminfo before;
	int status = 0, ok;
	long pid;

	bench_mem(name, "BEFORE", &before);
	pid = sys_fork();
	if (pid == 0) {
		wait_for_tick();
		if (!strcmp(name, "small_files"))
			ok = small_files(limit, &r);
		else if (!strcmp(name, "proc_tree"))
			ok = proc_tree(limit, &r);
		else
			ok = anon_set(&r);
		report(name, &r);
		sys3(__NR_exit, ok ? 0 : 1, 0, 0);
	}
	if (pid < 0 || sys_waitpid(pid, &status) != pid || status) {
		put_str("BENCH_BROKEN", name);
		return 0;
	}
	return 1;
}

int pressure_run(unsigned long files, unsigned long procs)
{
	int ok = 1;

	ok &= in_child("small_files", files);
	ok &= in_child("proc_tree", procs);
	ok &= in_child("anon_set", 0);
	return ok;
}

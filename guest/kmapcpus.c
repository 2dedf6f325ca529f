/*
 * The kmap_atomic() slots of every CPU.  kmap_atomic() maps a highmem
 * page at the fixmap slot of its type on the CPU it runs on
 * (FIX_KMAP_BEGIN + type + KM_TYPE_NR * cpu), so a CPU's slots are used
 * only by code running there; with NR_CPUS CPUs the slots span many
 * pages below the fixmap's top, and a hole moves all of them.
 *
 * On each CPU in turn, pinned there with sched_setaffinity() and checked
 * there with /proc/self/stat's processor field:
 *  - a ramfs file is written (its page cache pages are highmem pages,
 *    filled through kmap_atomic() in filemap_copy_from_user()) and read
 *    back (file_read_actor()), every word compared;
 *  - anonymous memory is faulted in (each page cleared through a kmap)
 *    and checked zero, then filled; a child forked on the same CPU writes
 *    to every page (copy on write: two kmaps at once) and checks the
 *    copy, and the parent checks its own pages unchanged.
 * Each CPU's data differs from every other's, at every word.
 */
#include "kmapcpus.h"
#include "lib.h"
#include "sys.h"

#define __NR_sched_setaffinity	241
#define __NR_sched_getaffinity	242

#define PAGE_SIZE	4096UL
#define PAGE_WORDS	(PAGE_SIZE / 4)
#define CHUNK		(64UL << 10)
#define O_CREAT		0100
#define O_TRUNC		01000
#define PROT_RW		3
#define MAP_PRIVATE_ANON 0x22
/* A cpumask_t of the largest NR_CPUS an i386 kernel takes (255). */
#define MASK_WORDS	8

static u32 chunk[CHUNK / 4];
static char stat[1024];
static int ok;

static void broken(unsigned long cpu, const char *what)
{
	struct text t = { "", 0 };

	text_add(&t, "cpu ");
	text_dec(&t, cpu);
	text_add(&t, ": ");
	text_add(&t, what);
	put_str("KMAPCPUS_BROKEN", t.s);
	ok = 0;
}

/* The word at byte offset off of a CPU's data. */
static u32 pattern(unsigned long cpu, unsigned long off)
{
	return ((u32)off * 2654435761U) ^ ((u32)(cpu + 1) << 24);
}

/* The CPU this process runs on: /proc/self/stat's 39th field; -1 if unknown. */
static long this_cpu(void)
{
	const char *p = 0, *q;
	long n = read_file("/proc/self/stat", stat, sizeof(stat));
	int field = 2;

	for (q = stat; n > 0 && *q; q++)	/* after the last ')' of comm */
		if (*q == ')')
			p = q + 1;
	if (!p)
		return -1;
	for (; *p && field < 39; p++)
		field += *p == ' ';
	return *p >= '0' && *p <= '9' ? (long)parse_num(p, 10, 0) : -1;
}

static int pin(unsigned long cpu)
{
	unsigned long mask[MASK_WORDS];

	memset(mask, 0, sizeof(mask));
	mask[cpu / 32] = 1UL << cpu % 32;
	return sys3(__NR_sched_setaffinity, 0, sizeof(mask), (long)mask) == 0 &&
	       this_cpu() == (long)cpu;
}

/* Free highmem in pages, from /proc/meminfo; 0 without highmem. */
static unsigned long high_free_pages(void)
{
	struct meminfo m;

	return meminfo_read(&m) ? m.high_free / 4 : 0;
}

/* Write the CPU's data to a file and read it back; its highmem pages. */
static unsigned long file_round(unsigned long cpu, unsigned long mb)
{
	static const char path[] = "/fhkmapcpus.dat";
	unsigned long chunks = (mb << 20) / CHUNK, i, j, before, high = 0;
	long fd;

	before = high_free_pages();
	fd = sys3(__NR_open, (long)path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		broken(cpu, "file open");
		return 0;
	}
	for (i = 0; i < chunks; i++) {
		for (j = 0; j < CHUNK / 4; j++)
			chunk[j] = pattern(cpu, i * CHUNK + j * 4);
		if (sys_write(fd, chunk, CHUNK) != (long)CHUNK)
			broken(cpu, "file write short");
	}
	sys_close(fd);
	high = before - high_free_pages();
	fd = sys_open(path, O_RDONLY);
	for (i = 0; fd >= 0 && i < chunks; i++) {
		memset(chunk, 0, sizeof(chunk));
		if (sys_read(fd, chunk, CHUNK) != (long)CHUNK) {
			broken(cpu, "file read short");
			break;
		}
		for (j = 0; j < CHUNK / 4; j++)
			if (chunk[j] != pattern(cpu, i * CHUNK + j * 4)) {
				broken(cpu, "file read back differs");
				i = chunks;
				break;
			}
	}
	if (fd < 0)
		broken(cpu, "file reopen");
	else
		sys_close(fd);
	sys_unlink(path);
	return high;
}

/* The first word of each page written by the child, and what it wrote. */
#define COW_MARK(cpu, page)	(~pattern(cpu, (page) * PAGE_SIZE))

/* In the child: write to every page, then check all of them; its exit status. */
static int cow_child(unsigned long cpu, volatile u32 *mem, unsigned long pages)
{
	unsigned long i, j;

	if (this_cpu() != (long)cpu)
		return 2;
	for (i = 0; i < pages; i++)
		mem[i * PAGE_WORDS] = COW_MARK(cpu, i);
	for (i = 0; i < pages; i++) {
		if (mem[i * PAGE_WORDS] != COW_MARK(cpu, i))
			return 1;
		for (j = 1; j < PAGE_WORDS; j++)
			if (mem[i * PAGE_WORDS + j] != pattern(cpu, i * PAGE_SIZE + j * 4))
				return 1;
	}
	return this_cpu() == (long)cpu ? 0 : 2;
}

/* Anonymous memory: zeroed pages, then copies on write. */
static void anon_round(unsigned long cpu, unsigned long mb)
{
	unsigned long len = mb << 20, pages = len / PAGE_SIZE, i, j;
	unsigned long args[6] = { 0, len, PROT_RW, MAP_PRIVATE_ANON, -1UL, 0 };
	volatile u32 *mem;
	u32 dirty = 0;
	int status = 0;
	long pid;

	mem = (volatile u32 *)sys3(__NR_mmap, (long)args, 0, 0);
	if ((unsigned long)mem >= -4095UL) {
		broken(cpu, "anon mmap");
		return;
	}
	for (i = 0; i < pages; i++) {
		volatile u32 *page = mem + i * PAGE_WORDS;

		page[0] = pattern(cpu, i * PAGE_SIZE);	/* the fault */
		for (j = 1; j < PAGE_WORDS; j++) {
			dirty |= page[j];
			page[j] = pattern(cpu, i * PAGE_SIZE + j * 4);
		}
	}
	if (dirty)
		broken(cpu, "anon page not zeroed");
	pid = sys_fork();
	if (pid == 0)
		sys3(__NR_exit, cow_child(cpu, mem, pages), 0, 0);
	if (pid < 0 || sys_waitpid(pid, &status) != pid)
		broken(cpu, "cow child lost");
	else if (status == 2 << 8)
		broken(cpu, "cow child ran on another cpu");
	else if (status)
		broken(cpu, "cow copy differs");
	for (i = 0; i < pages * PAGE_WORDS; i++)
		if (mem[i] != pattern(cpu, i * 4)) {
			broken(cpu, "parent's pages changed by the child's writes");
			break;
		}
	sys3(__NR_munmap, (long)mem, len, 0);
}

int kmapcpus_run(unsigned long mb)
{
	unsigned long mask[MASK_WORDS], cpu, done = 0, high, high_min = ~0UL;
	struct text list = { "", 0 };

	ok = 1;
	memset(mask, 0, sizeof(mask));
	if (sys3(__NR_sched_getaffinity, 0, sizeof(mask), (long)mask) <= 0) {
		put_str("KMAPCPUS_BROKEN", "sched_getaffinity");
		return 0;
	}
	for (cpu = 0; cpu < MASK_WORDS * 32; cpu++) {
		if (!(mask[cpu / 32] & 1UL << cpu % 32))
			continue;
		if (!pin(cpu)) {
			broken(cpu, "cannot run there");
			continue;
		}
		high = file_round(cpu, mb);
		if (high < high_min)
			high_min = high;
		anon_round(cpu, mb);
		if (this_cpu() != (long)cpu)
			broken(cpu, "moved off during the round");
		text_add(&list, done ? "," : "");
		text_dec(&list, cpu);
		done++;
	}
	sys3(__NR_sched_setaffinity, 0, sizeof(mask), (long)mask);
	put_dec("KMAPCPUS_MB", mb);
	put_dec("KMAPCPUS_CPUS", done);
	put_str("KMAPCPUS_LIST", list.s);
	put_dec("KMAPCPUS_FILE_HIGHMEM_PAGES_MIN", done ? high_min : 0);
	return ok && done;
}

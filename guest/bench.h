#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H
/*
 * Benchmarks of the paths a fixmap top is on, counted with rdtsc.  Under
 * QEMU's -icount shift=0 the time stamp counter advances by one for each
 * guest instruction, so a count is an instruction count, and the same
 * kernel gives the same count every run.
 *
 * "fhbench=MB" on the kernel command line asks for them: MB sizes the
 * file and the anonymous memory the kmap-heavy ones use, and the
 * repeat counts of the others grow with it.
 */

/* Run every benchmark and print BENCH_* lines; 1 if all of them ran. */
int bench_run(unsigned long at_sysinfo, unsigned long mb);

/* Free highmem in pages, from /proc/meminfo; 0 without highmem. */
unsigned long high_free_pages(void);

#endif /* GUEST_BENCH_H */

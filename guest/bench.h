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

#include "lib.h"

/* Run every benchmark and print BENCH_* lines; 1 if all of them ran. */
int bench_run(unsigned long at_sysinfo, unsigned long mb);

/*
 * What every benchmark prints, shared with pressure.c: BENCH_<bench>_<what>
 * lines, its operations and instructions (64 bits), and LowFree, HighFree
 * and Slab in kB with a suffix saying when (BEFORE, AFTER).
 */
void wait_for_tick(void);
void bench_put(const char *bench, const char *what, u64 value);
void bench_report(const char *bench, unsigned long ops, u64 insns);
void bench_mem(const char *bench, const char *when, struct meminfo *m);

#endif /* GUEST_BENCH_H */

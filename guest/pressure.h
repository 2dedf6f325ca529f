#ifndef GUEST_PRESSURE_H
#define GUEST_PRESSURE_H
/*
 * Workloads that fill lowmem, each up to a stop rule it keeps itself
 * (pressure.c): small files, a wide process tree, an anonymous set the
 * size of the machine.  Prints BENCH_* lines; 1 if all ran and cleaned up.
 */
int pressure_run(unsigned long files, unsigned long procs);

#endif /* GUEST_PRESSURE_H */

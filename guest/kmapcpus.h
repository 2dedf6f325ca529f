#ifndef GUEST_KMAPCPUS_H
#define GUEST_KMAPCPUS_H
/*
 * "fhkmapcpus=MB": the kmap_atomic() slots of every CPU.  The program
 * pins itself to each CPU it may run on, in turn, and there moves MB of
 * data through highmem pages (a ramfs file written and read back,
 * anonymous memory faulted in and copied on write), checking every byte
 * it reads back.
 */

/* Print KMAPCPUS_* lines; 1 if every CPU moved and read back its data. */
int kmapcpus_run(unsigned long mb);

#endif /* GUEST_KMAPCPUS_H */

#ifndef GUEST_LAYOUT_H
#define GUEST_LAYOUT_H
/*
 * The kernel's own account of its layout: the "layout: KEY=VALUE" lines
 * CONFIG_FIXMAP_LAYOUT_REPORT prints, read back from the kernel log.
 */

/* Read the log; returns the number of values found (0: no report). */
int layout_read(void);

/* The value of KEY, and whether the kernel reported it. */
int layout_get(const char *key, unsigned long *value);

#endif /* GUEST_LAYOUT_H */

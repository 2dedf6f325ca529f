# Host side of fixmap-hole: the boot-log reader, the report writers, the
# guest program and the resident ROM.
# Kernels are built by scripts/kernel-build, not here.

HOSTCC ?= gcc
HOSTCFLAGS := -O2 -Wall -Wextra -Werror

all: scripts/bootlog scripts/holereport scripts/sweepreport guest resident

scripts/bootlog: scripts/bootlog.c
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $<

# Both read the results file with results.c.
scripts/holereport scripts/sweepreport: %: %.c scripts/results.c scripts/results.h
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $< scripts/results.c

guest:
	$(MAKE) -C guest

resident:
	$(MAKE) -C resident

clean:
	rm -f scripts/bootlog scripts/holereport scripts/sweepreport
	$(MAKE) -C guest clean
	$(MAKE) -C resident clean

.PHONY: all guest resident clean

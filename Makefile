# Host side of fixmap-hole: the boot-log reader and the guest program.
# Kernels are built by scripts/kernel-build, not here.

HOSTCC ?= gcc
HOSTCFLAGS := -O2 -Wall -Wextra -Werror

all: scripts/bootlog guest

scripts/bootlog: scripts/bootlog.c
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $<

guest:
	$(MAKE) -C guest

clean:
	rm -f scripts/bootlog
	$(MAKE) -C guest clean

.PHONY: all guest clean

# Keel — the one top-level Makefile.
#
# Every directory contributes a fragment, <dir>/build.mk, included below; no
# recursive make.  Objects go to build/<variant>/obj, with -MD dependency
# files next to them.  `make help` lists the targets.
#
#   BUILD=debug (default) or release     V=1 shows every command
.DEFAULT_GOAL := all
SHELL := /bin/bash

ROOT      := $(CURDIR)
BUILD     ?= debug
OUT       := build
DEPS      := $(ROOT)/.deps
VERSION   := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GIT_REV   := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

ifeq ($(V),1)
Q :=
else
Q := @
endif
msg = @printf '  %-8s %s\n' "$(1)" "$(2)"

# ---------------------------------------------------------------------------
# Toolchains.  The kernel and the native (newlib) side use the aarch64 cross
# GCC; user programs use the same GCC against musl; host tools and unit tests
# use the host compiler.
CROSS     ?= aarch64-linux-gnu-
CC        := $(CROSS)gcc
LD        := $(CROSS)ld
OBJCOPY   := $(CROSS)objcopy
NM        := $(CROSS)nm
HOSTCC    ?= gcc
QEMU      ?= qemu-system-aarch64
PYTHON    ?= python3

WARNINGS  := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
             -Wno-unused-parameter -Wvla -Wpointer-arith
HOST_SAN  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# Everything a build variant produces lives in $(VOUT).
ifeq ($(BUILD),release)
VOUT      := $(OUT)/release
OPT       := -O2 -DNDEBUG
else ifeq ($(BUILD),debug)
VOUT      := $(OUT)
OPT       := -O1 -DKEEL_DEBUG=1
else
$(error BUILD must be debug or release)
endif
OBJ       := $(VOUT)/obj

.PHONY: all help setup clean distclean FORCE
FORCE:
all: kernel

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

# `setup` installs what is missing (quiet when nothing is); the targets a new
# user types (run, test) depend on it.
setup:
	$(Q)bash scripts/setup.sh

# Kernel fragments add to KERNEL_SRCS; the arch fragment links, so it is last.
include kernel/build.mk
include mm/build.mk
include ipc/build.mk
include vfs/build.mk
include arch/aarch64/build.mk
include userspace/build.mk
include iso/build.mk
include tests/build.mk
include scripts/build.mk

clean:
	$(call msg,CLEAN,build/)
	$(Q)rm -rf $(OUT)

## distclean       also forget the downloaded Debian packages (.deps/)
distclean: clean
	$(Q)rm -rf $(DEPS)

-include $(KERNEL_OBJS:.o=.d) $(UNIT_OBJS:.o=.d) $(EXTRA_DEPFILES)

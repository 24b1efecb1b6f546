# userspace/build.mk — the userland built from Debian sources, Keel's own
# user programs, and the initrd.
#
# Each port (userspace/ports/PKG.sh) unpacks .deps/src into build/src/PKG,
# builds it and installs into build/; its log is build/logs/PKG.log (shown
# when it fails).  A port runs again only when its script or its Debian
# source changes; build/stamps/PKG records that it succeeded.

PORT_STAMPS := $(OUT)/stamps
PORT_ENV    := OUT=$(OUT) DEPS=$(DEPS) CROSS=$(CROSS) JOBS=2
PORT_LIB    := userspace/ports/lib.sh
MUSL_SYSROOT := $(OUT)/sysroot/musl
MUSL_CC     := $(MUSL_SYSROOT)/bin/musl-gcc
NEWLIB_SYSROOT := $(OUT)/sysroot/newlib
USERLAND    := $(OUT)/userland

# port_rule PKG, DEBIAN-SOURCE-NAME, PREREQUISITE-STAMPS
define port_rule
$(PORT_STAMPS)/$(1): userspace/ports/$(1).sh $(PORT_LIB) $(wildcard $(DEPS)/src/$(2)_*) $(3)
	$(Q)$(PORT_ENV) bash userspace/ports/$(1).sh
	$(Q)mkdir -p $(PORT_STAMPS) && touch $$@
endef
$(eval $(call port_rule,musl,musl,))
$(eval $(call port_rule,toybox,toybox,$(PORT_STAMPS)/musl))
$(eval $(call port_rule,dash,dash,$(PORT_STAMPS)/musl))
$(eval $(call port_rule,awk,original-awk,$(PORT_STAMPS)/musl))
$(eval $(call port_rule,newlib,newlib,))

PORTS := musl toybox dash awk newlib

.PHONY: coreutils userland initrd newlib-check run-linux $(addprefix port-,$(PORTS))
$(foreach p,$(PORTS),$(eval port-$(p): $(PORT_STAMPS)/$(p)))

## coreutils       the userland from Debian sources: musl, toybox, dash, awk, newlib
coreutils: $(addprefix $(PORT_STAMPS)/,$(PORTS)) newlib-check

# ---------------------------------------------------------------------------
# Keel's own user programs (static, musl).
USER_CFLAGS := -std=gnu11 -Os $(WARNINGS)

$(USERLAND)/init: userspace/init/init.c $(PORT_STAMPS)/musl
	@mkdir -p $(dir $@)
	$(call msg,MUSLCC,$@)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -o $@.unstripped $<
	$(Q)$(CROSS)strip -o $@ $@.unstripped

## userland        coreutils plus Keel's own programs (/sbin/init)
userland: coreutils $(USERLAND)/init

# newlib: link a program with -nostdlib, its own _start and system-call stubs.
NEWLIB_CHECK := $(OUT)/newlib-check/check
$(NEWLIB_CHECK): userspace/newlib-check/check.c $(PORT_STAMPS)/newlib
	@mkdir -p $(dir $@)
	$(call msg,NEWLIB,$@)
	$(Q)$(CC) -std=gnu11 -O2 $(WARNINGS) \
	    -nostdinc -isystem $(NEWLIB_SYSROOT)/include -isystem $$($(CC) -print-file-name=include) \
	    -static -nostdlib -o $@ $< -L$(NEWLIB_SYSROOT)/lib -lc -lm -lgcc -lc
	$(Q)$(CROSS)readelf -h $@ | grep -q 'Machine:.*AArch64'

## newlib-check    link a test program against build/sysroot/newlib
newlib-check: $(NEWLIB_CHECK)

# ---------------------------------------------------------------------------
# The initrd (cpio newc), reproducible: see scripts/mkinitrd.sh.
MKCPIO := $(OUT)/host/mkcpio
$(MKCPIO): scripts/mkcpio.c vfs/cpio.c vfs/cpio.h
	@mkdir -p $(dir $@)
	$(call msg,HOSTCC,$@)
	$(Q)$(HOSTCC) -std=gnu11 -O2 $(WARNINGS) -Ivfs -o $@ scripts/mkcpio.c vfs/cpio.c

# The mtime of every entry: SOURCE_DATE_EPOCH, else the last commit's time,
# else 0.  The file changes only when the value does.
INITRD_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)
$(OUT)/initrd.epoch: userspace-force
	@mkdir -p $(dir $@)
	@echo $(INITRD_EPOCH) | cmp -s - $@ || echo $(INITRD_EPOCH) >$@
.PHONY: userspace-force
userspace-force:

# The list of skeleton paths, rewritten only when a path comes or goes.
$(OUT)/initrd.files: userspace-force
	@mkdir -p $(dir $@)
	@find initrd -mindepth 1 | LC_ALL=C sort | cmp -s - $@ || \
	    find initrd -mindepth 1 | LC_ALL=C sort >$@

INITRD := $(OUT)/initrd.cpio
INITRD_INPUTS := $(shell find initrd -mindepth 1 2>/dev/null) $(OUT)/initrd.files \
    scripts/mkinitrd.sh $(MKCPIO) $(OUT)/initrd.epoch $(USERLAND)/init \
    $(PORT_STAMPS)/toybox $(PORT_STAMPS)/dash $(PORT_STAMPS)/awk $(OUT)/initrd.extra

# Other fragments put built files into the initrd with
#   $(eval $(call initrd_add,DIR,FILES))
# DIR is a directory inside the initrd (no leading /); each of FILES is
# installed as DIR/<its name>, mode 0755.  $(OUT)/initrd.extra lists them,
# "PATH SOURCE" a line, and is rewritten only when the list changes.
INITRD_EXTRA :=
define initrd_add
INITRD_EXTRA += $(foreach f,$(2),$(1)/$(notdir $(f)):$(f))
$(INITRD): $(2)
endef
# /sbin/vfs-server, which the kernel starts before init (vfs/build.mk, read
# before this file, cannot call initrd_add itself).
$(eval $(call initrd_add,sbin,$(VFS_SERVER)))
$(OUT)/initrd.extra: userspace-force
	@mkdir -p $(dir $@)
	@{ true; $(foreach e,$(INITRD_EXTRA),echo '$(subst :, ,$(e))';) } | LC_ALL=C sort >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(INITRD): $(INITRD_INPUTS)
	$(call msg,CPIO,$@)
	$(Q)OUT=$(OUT) SOURCE_DATE_EPOCH=$$(cat $(OUT)/initrd.epoch) bash scripts/mkinitrd.sh $@

## initrd          build/initrd.cpio: skeleton (initrd/) + userland + /sbin/init
initrd: $(INITRD)

# ---------------------------------------------------------------------------
## run-linux       boot Debian's arm64 Linux on QEMU with build/initrd.cpio (ARGS= extra QEMU args)
run-linux: setup $(INITRD)
	$(Q)bash scripts/qemu-linux.sh $(ARGS)

# vfs/build.mk — the VFS server (user space).  Its pure code (the cpio
# format, also used by build/host/mkcpio; the file semantics; the message
# layer) is host-tested; `make vfs-server` links the aarch64 binary against
# newlib with the port layer in vfs/port/.

VFS_CORE_SRCS := vfs/cpio.c vfs/ops.c vfs/path.c vfs/tmpfs.c vfs/devfs.c vfs/procfs.c \
                 vfs/initrd.c vfs/ipc.c
UNIT_CODE_SRCS += $(VFS_CORE_SRCS)

# ---------------------------------------------------------------------------
# The server binary: static aarch64, newlib, no Linux libc.  The port layer
# (vfs/port/) is freestanding; the core is ordinary C against newlib's
# headers.  Prerequisites name the newlib stamp and sysroot directly:
# userspace/build.mk, which defines them, is read after this file.
VFS_SERVER      := $(VOUT)/vfs/vfs-server
VFS_NEWLIB      := $(OUT)/sysroot/newlib
VFS_SERVER_SRCS := $(VFS_CORE_SRCS) vfs/main.c vfs/port/port.c vfs/port/start.S
VFS_SERVER_OBJS := $(patsubst %,$(VOUT)/vfs/obj/%.o,$(VFS_SERVER_SRCS))
VFS_CFLAGS      := -std=gnu11 -O2 -g $(WARNINGS) -fno-pie -fno-stack-protector \
                   -ffunction-sections -fdata-sections \
                   -nostdinc -isystem $(VFS_NEWLIB)/include \
                   -isystem $(shell $(CC) -print-file-name=include) \
                   -Iabi/include -Ivfs
EXTRA_DEPFILES  += $(VFS_SERVER_OBJS:.o=.d)

$(VFS_SERVER_OBJS): $(OUT)/stamps/newlib
$(VOUT)/vfs/obj/vfs/port/%.c.o: VFS_CFLAGS += -ffreestanding
$(VOUT)/vfs/obj/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(call msg,VFSCC,$<)
	$(Q)$(CC) $(VFS_CFLAGS) -MD -MP -c $< -o $@
$(VOUT)/vfs/obj/%.S.o: %.S
	@mkdir -p $(dir $@)
	$(call msg,VFSAS,$<)
	$(Q)$(CC) $(VFS_CFLAGS) -MD -MP -c $< -o $@

$(VFS_SERVER): $(VFS_SERVER_OBJS)
	$(call msg,VFSLD,$@)
	$(Q)$(CC) -static -nostdlib -no-pie -Wl,--gc-sections -Wl,-z,noexecstack -o $@.unstripped \
	    $(VFS_SERVER_OBJS) -L$(VFS_NEWLIB)/lib -lc -lm -lgcc -lc
	$(Q)$(CROSS)strip -o $@ $@.unstripped
	$(Q)$(CROSS)readelf -h $@ | grep -q 'Machine:.*AArch64'

.PHONY: vfs-server
## vfs-server      build/vfs/vfs-server: the VFS server (static aarch64, newlib)
vfs-server: $(VFS_SERVER)

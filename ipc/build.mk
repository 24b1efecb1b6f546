# ipc/build.mk — kernel IPC: endpoints, call/reply, grants; pipes.

KERNEL_SRCS += $(wildcard ipc/*.c)

/*
 * arch/trap.h — the saved register state of an exception (the trap frame)
 * and the exception-table mechanism for recoverable kernel faults.
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#define TF_X0 0
#define TF_X29 (29 * 8)
#define TF_SP (31 * 8)
#define TF_ELR (32 * 8)
#define TF_SPSR (33 * 8)
#define TF_ESR (34 * 8)
#define TF_FAR (35 * 8)
#define TF_SIZE (36 * 8)

/* Vector kinds: (source << 2) | type. */
#define VEC_SYNC 0
#define VEC_IRQ 1
#define VEC_FIQ 2
#define VEC_SERROR 3
#define VEC_EL1T (0 << 2)
#define VEC_EL1H (1 << 2)
#define VEC_EL0_64 (2 << 2)
#define VEC_EL0_32 (3 << 2)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

/* Saved by vectors.S on every exception; layout fixed by the TF_* offsets. */
struct trap_frame {
    uint64_t x[31];
    uint64_t sp; /* SP_EL0 when from EL0, else the interrupted kernel SP */
    uint64_t elr;
    uint64_t spsr;
    uint64_t esr;
    uint64_t far;
};

_Static_assert(offsetof(struct trap_frame, x[29]) == TF_X29, "TF_X29");
_Static_assert(offsetof(struct trap_frame, sp) == TF_SP, "TF_SP");
_Static_assert(offsetof(struct trap_frame, elr) == TF_ELR, "TF_ELR");
_Static_assert(offsetof(struct trap_frame, spsr) == TF_SPSR, "TF_SPSR");
_Static_assert(offsetof(struct trap_frame, esr) == TF_ESR, "TF_ESR");
_Static_assert(offsetof(struct trap_frame, far) == TF_FAR, "TF_FAR");
_Static_assert(sizeof(struct trap_frame) == TF_SIZE, "TF_SIZE");
_Static_assert(TF_SIZE % 16 == 0, "trap frame keeps SP 16-aligned");

/*
 * An exception-table entry: a kernel instruction that may fault on purpose
 * (a probe of an address that may be unmapped) and where to resume.
 */
struct extable_entry {
    uint64_t insn;
    uint64_t fixup;
};

/* trap_dispatch: C entry from vectors.S for every exception. */
void trap_dispatch(struct trap_frame *tf, uint64_t kind);

/*
 * probe_read_u64: read 8 bytes at kernel virtual `addr` without dying on a
 * fault.  Returns 0 and sets *out, or -EFAULT if the read faulted.
 */
int probe_read_u64(const void *addr, uint64_t *out);

/* probe_read_u32 / probe_write_u32: the same for 32-bit device registers
 * that may not exist (0 or -EFAULT). */
int probe_read_u32(volatile void *addr, uint32_t *out);
int probe_write_u32(volatile void *addr, uint32_t v);

/* dump_trap_frame: print registers, ESR/FAR decoding and a backtrace. */
void dump_trap_frame(const struct trap_frame *tf);

/* esr_class_name: human name of ESR_ELx.EC, never NULL. */
const char *esr_class_name(uint64_t esr);
#endif

#endif

/*
 * arch/aarch64/trap.c — exception dispatch, kernel fault recovery through the
 * exception table, and the diagnostic dump for unexpected exceptions.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/trap.h>
#include <keel/format.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/signal.h>
#include <keel/syscall.h>
#include <keel/vm.h>

extern const struct extable_entry __extable_start[], __extable_end[];

static const char *const vector_names[16] = {
    "EL1t sync",   "EL1t IRQ",    "EL1t FIQ",   "EL1t SError",   "EL1h sync", "EL1h IRQ",
    "EL1h FIQ",    "EL1h SError", "EL0 sync",   "EL0 IRQ",       "EL0 FIQ",   "EL0 SError",
    "EL0/32 sync", "EL0/32 IRQ",  "EL0/32 FIQ", "EL0/32 SError",
};

const char *esr_class_name(uint64_t esr)
{
    switch ((esr >> 26) & 0x3f) {
    case 0x00:
        return "unknown reason";
    case 0x01:
        return "WFI/WFE trapped";
    case 0x07:
        return "FP/SIMD access trapped";
    case 0x0e:
        return "illegal execution state";
    case 0x15:
        return "SVC from AArch64";
    case 0x18:
        return "MSR/MRS trapped";
    case 0x20:
        return "instruction abort from a lower EL";
    case 0x21:
        return "instruction abort from the same EL";
    case 0x22:
        return "PC alignment fault";
    case 0x24:
        return "data abort from a lower EL";
    case 0x25:
        return "data abort from the same EL";
    case 0x26:
        return "SP alignment fault";
    case 0x2c:
        return "FP exception";
    case 0x2f:
        return "SError";
    case 0x30:
        return "breakpoint from a lower EL";
    case 0x31:
        return "breakpoint from the same EL";
    case 0x3c:
        return "BRK instruction";
    default:
        return "other";
    }
}

static const char *fault_status_name(uint64_t fsc)
{
    switch (fsc & 0x3c) {
    case 0x04:
        return "translation fault";
    case 0x08:
        return "access flag fault";
    case 0x0c:
        return "permission fault";
    case 0x00:
        return "address size fault";
    case 0x10:
        return "synchronous external abort";
    case 0x20:
        return "alignment fault";
    case 0x30:
        return "TLB conflict";
    default:
        return "other fault";
    }
}

void dump_trap_frame(const struct trap_frame *tf)
{
    uint64_t ec = (tf->esr >> 26) & 0x3f;
    console_printf_raw("ESR 0x%08lx: %s (EC 0x%02lx, IL %lu, ISS 0x%07lx)\n",
                       (unsigned long)tf->esr, esr_class_name(tf->esr), (unsigned long)ec,
                       (unsigned long)(tf->esr >> 25) & 1, (unsigned long)(tf->esr & 0x1ffffff));
    if (ec == 0x20 || ec == 0x21 || ec == 0x24 || ec == 0x25)
        console_printf_raw("  %s at level %lu, %s access, FAR 0x%016lx\n",
                           fault_status_name(tf->esr & 0x3f), (unsigned long)(tf->esr & 3),
                           (ec >= 0x24 && (tf->esr & (1UL << 6))) ? "write" : "read",
                           (unsigned long)tf->far);
    console_printf_raw("PC  %016lx  SP  %016lx  PSTATE %08lx\n", (unsigned long)tf->elr,
                       (unsigned long)tf->sp, (unsigned long)tf->spsr);
    for (int i = 0; i < 31; i += 2) {
        if (i == 30)
            console_printf_raw("x30 %016lx\n", (unsigned long)tf->x[30]);
        else
            console_printf_raw("x%-2d %016lx  x%-2d %016lx\n", i, (unsigned long)tf->x[i], i + 1,
                               (unsigned long)tf->x[i + 1]);
    }
    backtrace_print(tf->x[29], tf->elr);
}

/* extable_fixup: if the faulting PC has a fixup, resume there; true if so. */
static bool extable_fixup(struct trap_frame *tf)
{
    size_t n =
        ((uintptr_t)__extable_end - (uintptr_t)__extable_start) / sizeof(struct extable_entry);
    for (size_t i = 0; i < n; i++) {
        if (__extable_start[i].insn == tf->elr) {
            tf->elr = __extable_start[i].fixup;
            return true;
        }
    }
    return false;
}

#define EC_UNKNOWN 0x00
#define EC_SVC64 0x15
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25
#define EC_SP_ALIGN 0x26
#define EC_BRK64 0x3c
#define SIGTRAP_NR 5
#define ESR_WNR (1UL << 6)
#define FSC_PERM 0x0c /* permission fault, any level */

/* Fatal user exceptions become signals. */
#define SIGILL 4
#define SIGBUS 7
#define SIGSEGV 11
#define SIGKILL_STATUS 9 /* wait status: killed by SIGKILL */

/* user_fault: an abort from EL0 (or a user access from EL1): let the
 * address space resolve it.  Returns 0 if the access can be retried. */
static int user_fault(struct trap_frame *tf, bool exec)
{
    struct process *p = current_process();
    if (!p || !p->as)
        return -EFAULT;
    bool write = !exec && (tf->esr & ESR_WNR);
    return as_fault(p->as, tf->far, write, exec);
}

/* el0_sync: a synchronous exception from user mode. */
static void el0_sync(struct trap_frame *tf)
{
    uint64_t ec = (tf->esr >> 26) & 0x3f;
    switch (ec) {
    case EC_SVC64:
        syscall_dispatch(tf);
        return;
    case EC_DABT_LOW:
    case EC_IABT_LOW: {
        int r = user_fault(tf, ec == EC_IABT_LOW);
        if (r == 0)
            return;
        if (r == AS_FAULT_BUS) { /* a file mapping past the end of its file */
            signal_fault_code(SIGBUS, 2 /* BUS_ADRERR */, tf->far, tf);
            return;
        }
        if (r == -ENOMEM) {
            struct process *p = current_process();
            pr_err("out of memory: killing %s[%d] (fault at 0x%lx)", p->name, p->pid,
                   (unsigned long)tf->far);
            process_exit(SIGKILL_STATUS);
        }
        /* A permission fault is SEGV_ACCERR (2); a missing page SEGV_MAPERR (1). */
        signal_fault_code(SIGSEGV, as_covers(current_process()->as, tf->far) ? 2 : 1, tf->far, tf);
        return;
    }
    case EC_BRK64:
        signal_fault_code(SIGTRAP_NR, 1 /* TRAP_BRKPT */, tf->elr, tf);
        return;
    case EC_PC_ALIGN:
    case EC_SP_ALIGN:
        signal_fault(SIGBUS, ec == EC_PC_ALIGN ? tf->elr : tf->sp, tf);
        return;
    default:
        signal_fault(SIGILL, tf->elr, tf);
        return;
    }
}

/* return_to_user: work due before eret to EL0: signals, preemption. */
static void return_to_user(struct trap_frame *tf)
{
    vm_run_deferred();
    sched_preempt_check();
    signal_deliver_pending(tf);
}

void trap_dispatch(struct trap_frame *tf, uint64_t kind)
{
    switch (kind) {
    case VEC_EL0_64 | VEC_IRQ:
        this_cpu()->irq_from_user = true;
        irq_handle();
        this_cpu()->irq_from_user = false;
        return_to_user(tf);
        return;
    case VEC_EL1H | VEC_IRQ:
        irq_handle();
        return;
    case VEC_EL0_64 | VEC_SYNC:
        irq_enable();
        el0_sync(tf);
        irq_disable();
        return_to_user(tf);
        return;
    case VEC_EL1H | VEC_SYNC: {
        uint64_t ec = (tf->esr >> 26) & 0x3f;
        /* A kernel access to user memory (uaccess): resolve demand-paged or
         * copy-on-write pages, else fail the copy through the extable. */
        if (ec == EC_DABT_CUR && tf->far < USER_TOP && current_process() &&
            user_fault(tf, false) == 0)
            return;
        if ((ec == EC_DABT_CUR || ec == EC_IABT_CUR) && extable_fixup(tf))
            return;
        break;
    }
    default:
        break;
    }
    console_printf_raw("\nUnexpected exception: %s on CPU %u\n", vector_names[kind & 15],
                       this_cpu() ? this_cpu()->cpu : 0);
    dump_trap_frame(tf);
    panic("trap_dispatch: unexpected %s", vector_names[kind & 15]);
}

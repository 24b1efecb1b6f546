/*
 * mm/sys_mem.c — memory system calls: brk, mmap, munmap, mprotect, madvise.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <keel/process.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>
#include <keel/vm.h>

#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x100
#define MAP_DENYWRITE 0x800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_KNOWN                                                                                  \
    (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE |       \
     MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_FIXED_NOREPLACE)
#define MADV_NORMAL 0
#define MADV_RANDOM 1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8

int64_t file_mmap(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot, bool fixed,
                  bool noreplace, int fd, uint64_t offset, bool shared);

/* over_as_limit: growing by `more` bytes would pass RLIMIT_AS (9). */
static bool over_as_limit(struct process *p, uint64_t more)
{
    uint64_t lim = p->rlim_cur[9];
    return lim != ~0UL && as_total_bytes(p->as) + more > lim;
}

SYSCALL(brk)
{
    struct process *p = current_process();
    uint64_t cur = p->as->brk;
    if (a0 > cur && over_as_limit(p, a0 - cur))
        return (int64_t)cur;
    return (int64_t)as_set_brk(p->as, a0);
}

SYSCALL(mmap)
{
    uint64_t addr = a0, len = a1;
    unsigned prot = (unsigned)a2, flags = (unsigned)a3;
    int fd = (int)a4;
    uint64_t off = a5;
    if (!len || (prot & ~(unsigned)(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    unsigned type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN))
        return -EOPNOTSUPP;
    if (len > USER_TOP)
        return -ENOMEM;
    bool fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0;
    bool noreplace = (flags & MAP_FIXED_NOREPLACE) != 0;
    if (fixed && (addr & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (off & (PAGE_SIZE - 1))
        return -EINVAL;
    struct address_space *as = current_process()->as;
    if (over_as_limit(current_process(), len))
        return -ENOMEM;
    if (!(flags & MAP_ANONYMOUS))
        return file_mmap(as, addr, len, prot, fixed, noreplace, fd, off, type != MAP_PRIVATE);
    int64_t r = as_map(as, addr, len, prot, type == MAP_PRIVATE ? 0 : VMA_SHARED, fixed, noreplace);
    if (r >= 0 && (flags & MAP_POPULATE))
        as_populate(as, (uint64_t)r, len, (prot & PROT_WRITE) != 0);
    return r;
}

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

SYSCALL(mremap)
{
    if (a3 & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if (a3 & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL; /* not supported: musl does not ask for them */
    return as_remap(current_process()->as, a0, a1, a2, (a3 & MREMAP_MAYMOVE) != 0);
}

SYSCALL(mincore)
{
    if (a0 & (PAGE_SIZE - 1))
        return -EINVAL;
    struct address_space *as = current_process()->as;
    uint64_t pages = (a1 + PAGE_SIZE - 1) / PAGE_SIZE;
    if (a0 + pages * PAGE_SIZE < a0 || a0 + pages * PAGE_SIZE > USER_TOP)
        return -ENOMEM;
    for (uint64_t i = 0; i < pages; i++) {
        uint64_t va = a0 + i * PAGE_SIZE;
        if (!as_covers(as, va))
            return -ENOMEM;
        uint8_t v = uvm_lookup(&as->tables, va, NULL, NULL) ? 1 : 0;
        if (copy_to_user(a2 + i, &v, 1))
            return -EFAULT;
    }
    return 0;
}

SYSCALL(munmap)
{
    return as_unmap(current_process()->as, a0, a1);
}

SYSCALL(mprotect)
{
    if (a2 & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    return as_protect(current_process()->as, a0, a1, (unsigned)a2);
}

SYSCALL(madvise)
{
    if (a0 & (PAGE_SIZE - 1))
        return -EINVAL;
    switch (a2) {
    case MADV_NORMAL:
    case MADV_RANDOM:
    case MADV_SEQUENTIAL:
    case MADV_WILLNEED:
        return 0;
    case MADV_DONTNEED:
    case MADV_FREE:
        return as_discard(current_process()->as, a0, a1);
    default:
        return -EINVAL;
    }
}

/*
 * mm/ktest_vm.c — in-kernel self-tests of user address spaces: demand
 * paging, copy-on-write across fork, unmapping, W^X, and that tearing an
 * address space down returns every page.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <arch/sysreg.h>
#include <arch/trap.h>
#include <keel/ktest.h>
#include <keel/mm.h>
#include <keel/string.h>
#include <keel/uaccess.h>
#include <keel/vm.h>

#define VA 0x400000UL

static uint8_t read_byte(struct address_space *as, uint64_t va)
{
    uint64_t pa = uvm_lookup(&as->tables, va & ~(PAGE_SIZE - 1), NULL, NULL);
    return pa ? *((uint8_t *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1))) : 0xee;
}

KTEST(vm_demand_paging_and_teardown)
{
    struct mem_stats before, after;
    mem_get_stats(&before);
    struct address_space *as = as_create();
    KT_CHECK(as);
    KT_CHECK(as_map(as, VA, 4 * PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0, true, true) == (int64_t)VA);
    KT_CHECK(uvm_lookup(&as->tables, VA, NULL, NULL) == 0); /* nothing until touched */
    KT_CHECK(as_fault(as, VA + 10, true, false) == 0);
    KT_CHECK(uvm_lookup(&as->tables, VA, NULL, NULL) != 0);
    KT_CHECK(as->rss_pages == 1);
    KT_CHECK(as_fault(as, VA + 5 * PAGE_SIZE, false, false) == -EFAULT); /* outside */
    KT_CHECK(as_fault(as, VA, false, true) == -EFAULT);                  /* not executable */
    KT_CHECK(as_fault(as, 0x10, false, false) == -EFAULT);               /* NULL page */
    const char msg[] = "keel";
    KT_CHECK(as_write_kernel(as, VA + PAGE_SIZE - 2, msg, sizeof msg) == 0); /* spans 2 pages */
    KT_CHECK(read_byte(as, VA + PAGE_SIZE - 2) == 'k' && read_byte(as, VA + PAGE_SIZE + 1) == 'l');
    as_put(as);
    mem_get_stats(&after);
    KT_CHECK(after.free_pages == before.free_pages);
    return 0;
}

KTEST(vm_fork_is_copy_on_write)
{
    struct mem_stats before, after;
    mem_get_stats(&before);
    struct address_space *parent = as_create();
    KT_CHECK(parent);
    KT_CHECK(as_map(parent, VA, PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0, true, true) > 0);
    uint8_t one = 1, two = 2;
    KT_CHECK(as_write_kernel(parent, VA, &one, 1) == 0);
    struct address_space *child = as_fork(parent);
    KT_CHECK(child);
    uint64_t ppa = uvm_lookup(&parent->tables, VA, NULL, NULL);
    bool cow;
    uint64_t cpa = uvm_lookup(&child->tables, VA, NULL, &cow);
    KT_CHECK(ppa == cpa && cow); /* shared, read-only */
    KT_CHECK(page_refcount(ppa) == 2);
    KT_CHECK(as_fault(child, VA, true, false) == 0); /* the child writes: gets its own copy */
    cpa = uvm_lookup(&child->tables, VA, NULL, &cow);
    KT_CHECK(cpa != ppa && !cow);
    KT_CHECK(as_write_kernel(child, VA, &two, 1) == 0);
    KT_CHECK(read_byte(parent, VA) == 1 && read_byte(child, VA) == 2);
    KT_CHECK(page_refcount(ppa) == 1);
    KT_CHECK(as_fault(parent, VA, true, false) == 0); /* last sharer: takes it over */
    KT_CHECK(uvm_lookup(&parent->tables, VA, NULL, &cow) == ppa && !cow);
    as_put(child);
    as_put(parent);
    mem_get_stats(&after);
    KT_CHECK(after.free_pages == before.free_pages);
    return 0;
}

KTEST(vm_map_rules)
{
    struct address_space *as = as_create();
    KT_CHECK(as);
    KT_CHECK(as_map(as, VA, PAGE_SIZE, UPROT_WRITE | UPROT_EXEC, 0, true, false) == -EACCES);
    KT_CHECK(as_map(as, VA, 3 * PAGE_SIZE, UPROT_READ, 0, true, true) > 0);
    KT_CHECK(as_map(as, VA + PAGE_SIZE, PAGE_SIZE, UPROT_READ, 0, true, true) == -EEXIST);
    KT_CHECK(as_unmap(as, VA + PAGE_SIZE, PAGE_SIZE) == 0); /* split in two */
    KT_CHECK(as_find(as, VA) && as_find(as, VA + 2 * PAGE_SIZE) && !as_find(as, VA + PAGE_SIZE));
    KT_CHECK(as_protect(as, VA, 3 * PAGE_SIZE, UPROT_READ) == -ENOMEM); /* hole */
    KT_CHECK(as_protect(as, VA, PAGE_SIZE, UPROT_READ | UPROT_WRITE) == 0);
    KT_CHECK(as_fault(as, VA, true, false) == 0);
    int64_t hint = as_map(as, 0, PAGE_SIZE, UPROT_READ, 0, false, false);
    KT_CHECK(hint > 0 && (uint64_t)hint < USER_MMAP_TOP);
    KT_CHECK(as_map(as, 0x1000, PAGE_SIZE, UPROT_READ, 0, true, false) == -EPERM); /* below min */
    as_put(as);
    return 0;
}

KTEST(pan_and_user_copies)
{
    struct address_space *as = as_create();
    KT_CHECK(as);
    KT_CHECK(as_map(as, VA, PAGE_SIZE, UPROT_READ | UPROT_WRITE, 0, true, true) > 0);
    const char msg[] = "pan";
    KT_CHECK(as_write_kernel(as, VA, msg, sizeof msg) == 0);
    as_activate(as);
    uint64_t v = 0;
    int direct = probe_read_u64((const void *)VA, &v);
    char got[4] = {0};
    int copied = copy_from_user(got, VA, sizeof got);
    int kernel_ptr = copy_from_user(got, (uint64_t)&v, sizeof v); /* a kernel address */
    as_activate(NULL);
    as_put(as);
    bool pan = ((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) != 0;
    KT_CHECK(pan ? direct == -EFAULT : direct == 0);         /* PAN: the kernel cannot touch it */
    KT_CHECK(copied == 0 && got[0] == 'p' && got[2] == 'n'); /* LDTR works either way */
    KT_CHECK(kernel_ptr == -EFAULT);
    return 0;
}

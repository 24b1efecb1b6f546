/* Unit tests for arch/aarch64/pte.c: user page descriptors. */
#include "harness.h"

#include <arch/pgtable.h>
#include <arch/pte.h>
#include <arch/uvm.h>

#define PA 0x123456000ULL

TEST(pte_user_bits)
{
    uint64_t r = pte_user(PA, UPROT_READ, false);
    CHECK_EQ(r & PTE_ADDR_MASK, PA);
    CHECK(r & PTE_VALID);
    CHECK(r & PTE_PAGE);
    CHECK(r & PTE_AF);
    CHECK(r & PTE_NG);  /* per-ASID */
    CHECK(r & PTE_PXN); /* the kernel never executes user pages */
    CHECK(r & PTE_UXN);
    CHECK_EQ(r & (3ULL << 6), PTE_AP_RO_ALL);
    uint64_t rw = pte_user(PA, UPROT_READ | UPROT_WRITE, false);
    CHECK_EQ(rw & (3ULL << 6), PTE_AP_RW_ALL);
    CHECK(rw & PTE_UXN);
    uint64_t rx = pte_user(PA, UPROT_READ | UPROT_EXEC, false);
    CHECK(!(rx & PTE_UXN));
    CHECK(rx & PTE_PXN);
    CHECK_EQ(rx & (3ULL << 6), PTE_AP_RO_ALL);
    CHECK_EQ(pte_user(PA | 0xfff, UPROT_READ, false) & PTE_ADDR_MASK, PA); /* offset dropped */
}

TEST(pte_user_roundtrip_and_cow)
{
    static const unsigned prots[] = {UPROT_READ, UPROT_READ | UPROT_WRITE, UPROT_READ | UPROT_EXEC,
                                     0};
    for (unsigned i = 0; i < sizeof prots / sizeof prots[0]; i++) {
        bool cow = true;
        CHECK_EQ(pte_user_prot(pte_user(PA, prots[i], false), &cow), prots[i]);
        CHECK(!cow);
    }
    bool cow = false;
    uint64_t c = pte_user(PA, UPROT_READ | UPROT_WRITE, true);
    CHECK_EQ(c & (3ULL << 6), PTE_AP_RO_ALL); /* read-only until the copy */
    CHECK_EQ(pte_user_prot(c, &cow), UPROT_READ);
    CHECK(cow);
    uint64_t none = pte_user(PA, 0, false);
    CHECK_EQ(pte_user_prot(none, NULL), 0);
    CHECK(none & PTE_VALID); /* PROT_NONE keeps the page */
}

TEST(pte_user_never_writable_and_executable)
{
    for (unsigned prot = 0; prot < 8; prot++) {
        for (int cow = 0; cow < 2; cow++) {
            uint64_t e = pte_user(PA, prot, cow);
            bool el0_write = (e & (3ULL << 6)) == PTE_AP_RW_ALL;
            bool el0_exec = !(e & PTE_UXN);
            CHECK(!(el0_write && el0_exec));
        }
    }
}

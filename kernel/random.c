/*
 * kernel/random.c — the entropy pool; see keel/random.h.  Output blocks
 * come from ChaCha20 under a key that is replaced after every request
 * (fast key erasure), so earlier output cannot be recomputed from the state.
 */
#include <arch/sysreg.h>
#include <keel/chacha20.h>
#include <keel/random.h>
#include <keel/spinlock.h>
#include <keel/string.h>

static spinlock_t random_lock = SPINLOCK_INIT;
static uint32_t key[8];
static uint32_t nonce[3];
static uint64_t mixes;

/* stir: key ^= bytes, then rekey through one block (random_lock held). */
static void stir(const uint8_t *bytes, size_t len)
{
    uint8_t *k = (uint8_t *)key;
    for (size_t i = 0; i < len; i++)
        k[i % sizeof key] ^= bytes[i];
    uint8_t block[64];
    chacha20_block(key, 0, nonce, block);
    memcpy(key, block, sizeof key);
    nonce[0]++;
}

/* rndr: the CPU's random number (ARMv8.5 FEAT_RNG), if it has one. */
static int rndr(uint64_t *v)
{
    if (((read_sysreg(id_aa64isar0_el1) >> 60) & 0xf) == 0)
        return 0;
    uint64_t x, ok;
    __asm__ volatile("mrs %0, S3_3_C2_C4_0\n\tcset %1, ne" : "=r"(x), "=r"(ok)::"cc");
    *v = x;
    return (int)ok;
}

void random_init(const void *seed, size_t len)
{
    irq_flags_t f = spin_lock_irqsave(&random_lock);
    uint64_t t = read_sysreg(cntvct_el0);
    stir((const uint8_t *)&t, sizeof t);
    stir(seed, len);
    for (int i = 0; i < 4; i++) {
        uint64_t v;
        if (rndr(&v))
            stir((const uint8_t *)&v, sizeof v);
    }
    spin_unlock_irqrestore(&random_lock, f);
}

void random_mix(uint64_t v)
{
    irq_flags_t f = spin_lock_irqsave(&random_lock);
    ((uint64_t *)key)[mixes++ % 4] ^= v;
    spin_unlock_irqrestore(&random_lock, f);
}

void random_bytes(void *buf, size_t len)
{
    uint8_t *out = buf;
    uint8_t block[64];
    irq_flags_t f = spin_lock_irqsave(&random_lock);
    uint32_t counter = 1;
    while (len) {
        chacha20_block(key, counter++, nonce, block);
        size_t n = len < sizeof block ? len : sizeof block;
        memcpy(out, block, n);
        out += n;
        len -= n;
    }
    chacha20_block(key, 0, nonce, block);
    memcpy(key, block, sizeof key);
    nonce[0]++;
    spin_unlock_irqrestore(&random_lock, f);
}

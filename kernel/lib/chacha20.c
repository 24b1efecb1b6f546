/* kernel/lib/chacha20.c — see keel/chacha20.h. */
#include <keel/chacha20.h>

static inline uint32_t rotl(uint32_t v, int n)
{
    return (v << n) | (v >> (32 - n));
}

/* One quarter round on four words of the state x. */
static inline void quarter_round(uint32_t *x, int a, int b, int c, int d)
{
    x[a] += x[b], x[d] ^= x[a], x[d] = rotl(x[d], 16);
    x[c] += x[d], x[b] ^= x[c], x[b] = rotl(x[b], 12);
    x[a] += x[b], x[d] ^= x[a], x[d] = rotl(x[d], 8);
    x[c] += x[d], x[b] ^= x[c], x[b] = rotl(x[b], 7);
}

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64])
{
    uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, key[0], key[1],
                       key[2],     key[3],     key[4],     key[5],     key[6], key[7],
                       counter,    nonce[0],   nonce[1],   nonce[2]};
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = in[i];
    for (int i = 0; i < 10; i++) {
        quarter_round(x, 0, 4, 8, 12);
        quarter_round(x, 1, 5, 9, 13);
        quarter_round(x, 2, 6, 10, 14);
        quarter_round(x, 3, 7, 11, 15);
        quarter_round(x, 0, 5, 10, 15);
        quarter_round(x, 1, 6, 11, 12);
        quarter_round(x, 2, 7, 8, 13);
        quarter_round(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++) {
        uint32_t v = x[i] + in[i];
        out[4 * i] = (uint8_t)v;
        out[4 * i + 1] = (uint8_t)(v >> 8);
        out[4 * i + 2] = (uint8_t)(v >> 16);
        out[4 * i + 3] = (uint8_t)(v >> 24);
    }
}

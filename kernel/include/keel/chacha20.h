/* keel/chacha20.h — the ChaCha20 block function (RFC 8439, section 2.3). */
#ifndef KEEL_CHACHA20_H
#define KEEL_CHACHA20_H

#include <stdint.h>

/* chacha20_block: out = ChaCha20(key, counter, nonce), 64 bytes. */
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64]);

#endif

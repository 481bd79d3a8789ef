#ifndef CSHA256_H
#define CSHA256_H
/* SHA-256 block compression with the x86 SHA extensions, for the Swift SHA256 type: a record's derived id
   hashes its whole text, and the instructions do a block in a fifth of the time of the portable code. */
#include <stddef.h>
#include <stdint.h>

/* The 64 round constants of FIPS 180-4, for the portable code in Swift as well as the code here. */
const uint32_t *ci_sha256_round_constants(void);

/* 1 when this processor has the SHA extensions (and SSSE3, SSE4.1), else 0; always 0 off x86. */
int32_t ci_sha256_hardware(void);

/* Compresses `blocks` 64-byte blocks into `state` (a..h). Call only when ci_sha256_hardware() is 1. */
void ci_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif

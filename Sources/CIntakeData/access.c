#include "CIntakeData.h"

/* Defined in the generated blobs.c. */
extern const ci_blob ci_builtin_blobs[];
extern const int32_t ci_builtin_blob_count;

int32_t ci_builtin_count(void) { return ci_builtin_blob_count; }

ci_blob ci_builtin_blob(int32_t index) {
    if (index < 0 || index >= ci_builtin_blob_count) {
        ci_blob none = {0, 0, 0};
        return none;
    }
    return ci_builtin_blobs[index];
}

/* Defined in the generated corpus.c: the training corpus, for `intake train --add` on a copied binary. */
extern const ci_blob ci_corpus_blobs[];
extern const int32_t ci_corpus_blob_count;

int32_t ci_corpus_count(void) { return ci_corpus_blob_count; }

ci_blob ci_corpus_blob(int32_t index) {
    if (index < 0 || index >= ci_corpus_blob_count) {
        ci_blob none = {0, 0, 0};
        return none;
    }
    return ci_corpus_blobs[index];
}

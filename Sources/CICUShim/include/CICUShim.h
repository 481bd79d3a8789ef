#ifndef CICUSHIM_H
#define CICUSHIM_H
/* A narrow C face over the system ICU. Only plain C types cross it, so Swift never sees ICU's own
   declarations (which clash with the ICU module that Foundation carries). Handles are not thread-safe:
   open one per worker. Text crosses as arrays of Unicode scalars (uint32_t), because every offset the
   product reports is a scalar offset. */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- folding: NFKC_Casefold and Latin accent removal (Traditional->Simplified is a table on the Swift side) ---- */
typedef struct ci_folder ci_folder;

enum {
    CI_FOLD_ACCENTS = 2,
};

/* Returns NULL and sets *status (an ICU error code, > 0) when ICU cannot open its services. */
ci_folder *ci_folder_open(int32_t *status);
void ci_folder_close(ci_folder *folder);

/* Folds `count` scalars from `src`. Writes the folded scalars to `out` and, for each one, the index in `src`
   of the scalar it came from to `origin`. Returns the number written, or -(needed) when `capacity` is too small,
   or INT32_MIN on an ICU failure. */
int32_t ci_fold(ci_folder *folder, const uint32_t *src, int32_t count,
                uint32_t *out, int32_t *origin, int32_t capacity, uint32_t options);

/* ---- scripts and character classes ---- */
enum {
    CI_SCRIPT_COMMON = 0,
    CI_SCRIPT_LATIN = 1,
    CI_SCRIPT_HAN = 2,
    CI_SCRIPT_KANA = 3,
    CI_SCRIPT_HANGUL = 4,
    CI_SCRIPT_OTHER = 5,
};
int32_t ci_script(uint32_t scalar);
/* 1 when the scalar is a letter (general category L*) or a combining mark. */
int32_t ci_is_letter(uint32_t scalar);
/* 1 for Extended_Pictographic and emoji presentation characters. */
int32_t ci_is_emoji(uint32_t scalar);

/* ---- word boundaries (ICU word break iterator, with its CJK dictionary) ---- */
typedef struct ci_breaker ci_breaker;
ci_breaker *ci_breaker_open(const char *locale, int32_t *status);
void ci_breaker_close(ci_breaker *breaker);

enum {
    CI_WORD_NONE = 0,    /* spaces, punctuation, symbols */
    CI_WORD_NUMBER = 1,
    CI_WORD_LETTER = 2,
    CI_WORD_KANA = 3,
    CI_WORD_IDEO = 4,
};
/* Segments `count` scalars. Writes segment end offsets (scalar indices, ascending, the last equal to `count`)
   to `ends` and each segment's CI_WORD_* kind to `kinds`. Returns the number of segments, -(needed) when
   `capacity` is too small, or INT32_MIN on an ICU failure. */
int32_t ci_breaker_segment(ci_breaker *breaker, const uint32_t *text, int32_t count,
                           int32_t *ends, int32_t *kinds, int32_t capacity);

/* ---- charset conversion (ucnv) ---- */
/* 1 when ICU knows the charset name (or alias). */
int32_t ci_charset_known(const char *charset);
/* Converts bytes in `charset` to UTF-8. Returns bytes written, -(needed) when `capacity` is too small, or
   INT32_MIN when the charset is unknown. Malformed input becomes U+FFFD; *substitutions counts them. */
int32_t ci_convert_to_utf8(const char *charset, const uint8_t *src, int32_t count,
                           uint8_t *dst, int32_t capacity, int32_t *substitutions);

/* Guesses the charset of unlabeled bytes with ICU's detector (ucsdet). Writes up to `max_matches` charset names,
   each ending in a NUL, one after the other into `names` (`capacity` bytes), most likely first, and their
   confidences (0 to 100) to `confidences`. Returns the number of names, or -1 when ICU's detector cannot be loaded. */
int32_t ci_detect_charsets(const uint8_t *src, int32_t count, char *names, int32_t capacity, int32_t *confidences,
                           int32_t max_matches);

/* Name of an ICU error code, for messages. */
const char *ci_error_name(int32_t status);

/* ---- the library itself ---- */
/* Writes ICU's version ("72.1") as a NUL-terminated string; returns its length. */
int32_t ci_icu_version(char *out, int32_t capacity);

#ifdef __cplusplus
}
#endif
#endif

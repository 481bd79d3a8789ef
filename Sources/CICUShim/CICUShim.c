#include "CICUShim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uvernum.h>
#include <unicode/uversion.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#define LATIN_HI 0x250

struct ci_folder {
    const UNormalizer2 *nfkc_cf;
    const UNormalizer2 *nfd;
    /* Filled on first sight: 0 means "not computed yet". */
    uint32_t unaccented[LATIN_HI];
};

ci_folder *ci_folder_open(int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    ci_folder *f = calloc(1, sizeof(ci_folder));
    if (!f) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    f->nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_SUCCESS(err)) f->nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err)) { *status = err; ci_folder_close(f); return NULL; }
    *status = 0;
    return f;
}

void ci_folder_close(ci_folder *f) {
    free(f);
}

static uint32_t unaccent(ci_folder *f, uint32_t c) {
    if (c < 0xC0) return c;
    if (c < LATIN_HI) {
        uint32_t *slot = &f->unaccented[c];
        if (*slot) return *slot;
        uint32_t base = c;
        UChar buf[8];
        UErrorCode err = U_ZERO_ERROR;
        int32_t len = unorm2_getDecomposition(f->nfd, (UChar32)c, buf, 8, &err);
        if (U_SUCCESS(err) && len >= 2 && buf[0] < LATIN_HI) {
            int all_marks = 1;
            for (int32_t i = 1; i < len; i++)
                if (u_charType(buf[i]) != U_NON_SPACING_MARK) all_marks = 0;
            if (all_marks) base = buf[0];
        }
        *slot = base;
        return base;
    }
    if (c >= 0x1E00 && c <= 0x1EFF) {
        UChar buf[8];
        UErrorCode err = U_ZERO_ERROR;
        int32_t len = unorm2_getDecomposition(f->nfd, (UChar32)c, buf, 8, &err);
        if (U_SUCCESS(err) && len >= 2 && buf[0] < LATIN_HI) return buf[0];
    }
    return c;
}

static int is_simple_ideograph(uint32_t c) {
    /* NFKC_Casefold leaves unified ideographs alone; skipping ICU for them is the hot path in Chinese. */
    return c >= 0x4E00 && c <= 0x9FFF;
}

int32_t ci_fold(ci_folder *f, const uint32_t *src, int32_t count,
                uint32_t *out, int32_t *origin, int32_t capacity, uint32_t options) {
    int32_t written = 0, needed = 0;
    UChar in16[64], out16[256];
    int32_t i = 0;
    while (i < count) {
        uint32_t c = src[i];
        uint32_t folded[64];
        int32_t nfolded = 0;
        int32_t chunk_end = i + 1;
        if (c < 0x80 && (chunk_end >= count || src[chunk_end] < 0x300)) {
            folded[nfolded++] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        } else if (is_simple_ideograph(c) && (chunk_end >= count || src[chunk_end] < 0x300 || src[chunk_end] >= 0x3000)) {
            folded[nfolded++] = c;
        } else {
            /* A normalization chunk: this scalar plus the combining ones that follow it. */
            while (chunk_end < count && chunk_end - i < 16 && !unorm2_hasBoundaryBefore(f->nfkc_cf, (UChar32)src[chunk_end]))
                chunk_end++;
            int32_t len16 = 0;
            for (int32_t k = i; k < chunk_end; k++) {
                uint32_t s = src[k];
                if (s > 0x10FFFF || (s >= 0xD800 && s <= 0xDFFF)) s = 0xFFFD;
                U16_APPEND_UNSAFE(in16, len16, s);
            }
            UErrorCode err = U_ZERO_ERROR;
            int32_t olen = unorm2_normalize(f->nfkc_cf, in16, len16, out16, 256, &err);
            if (U_FAILURE(err)) return INT32_MIN;
            int32_t j = 0;
            while (j < olen && nfolded < 64) {
                UChar32 o;
                U16_NEXT(out16, j, olen, o);
                folded[nfolded++] = (uint32_t)o;
            }
        }
        for (int32_t k = 0; k < nfolded; k++) {
            uint32_t o = folded[k];
            if (o >= 0x80) {
                /* Ideographs carry no accents; skipping the property lookup for them is the hot path in Chinese. */
                if ((options & CI_FOLD_ACCENTS) && !is_simple_ideograph(o)) {
                    if (u_charType((UChar32)o) == U_NON_SPACING_MARK && (o < 0x370 || (o >= 0x1AB0 && o < 0x1B00) || (o >= 0x1DC0 && o < 0x1E00)))
                        continue;
                    o = unaccent(f, o);
                }
            }
            if (written < capacity) {
                out[written] = o;
                origin[written] = i;
                written++;
            }
            needed++;
        }
        i = chunk_end;
    }
    return needed > capacity ? -needed : written;
}

int32_t ci_script(uint32_t c) {
    if (c < 0x80) {
        return ((c | 32) >= 'a' && (c | 32) <= 'z') ? CI_SCRIPT_LATIN : CI_SCRIPT_COMMON;
    }
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)c, &err);
    if (U_FAILURE(err)) return CI_SCRIPT_OTHER;
    switch (s) {
    case USCRIPT_COMMON: case USCRIPT_INHERITED: return CI_SCRIPT_COMMON;
    case USCRIPT_LATIN: return CI_SCRIPT_LATIN;
    case USCRIPT_HAN: return CI_SCRIPT_HAN;
    case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: return CI_SCRIPT_KANA;
    case USCRIPT_HANGUL: return CI_SCRIPT_HANGUL;
    default: return CI_SCRIPT_OTHER;
    }
}

int32_t ci_is_letter(uint32_t c) {
    if (c < 0x80) return ((c | 32) >= 'a' && (c | 32) <= 'z');
    if (c > 0x10FFFF) return 0;
    int32_t mask = U_GET_GC_MASK((UChar32)c);
    return (mask & (U_GC_L_MASK | U_GC_M_MASK)) != 0;
}

int32_t ci_is_emoji(uint32_t c) {
    if (c < 0x80 || c > 0x10FFFF) return 0;
    return u_hasBinaryProperty((UChar32)c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
           u_hasBinaryProperty((UChar32)c, UCHAR_EMOJI_PRESENTATION);
}

/* ---- word break ---- */

struct ci_breaker {
    UBreakIterator *iter;
    UChar *utf16;
    int32_t *scalar_at; /* UTF-16 index -> scalar index */
    int32_t cap;
};

ci_breaker *ci_breaker_open(const char *locale, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    ci_breaker *b = calloc(1, sizeof(ci_breaker));
    if (!b) { *status = U_MEMORY_ALLOCATION_ERROR; return NULL; }
    b->iter = ubrk_open(UBRK_WORD, locale, NULL, 0, &err);
    if (U_FAILURE(err)) { *status = err; free(b); return NULL; }
    *status = 0;
    return b;
}

void ci_breaker_close(ci_breaker *b) {
    if (!b) return;
    ubrk_close(b->iter);
    free(b->utf16);
    free(b->scalar_at);
    free(b);
}

static int32_t word_kind(int32_t rule) {
    if (rule >= UBRK_WORD_IDEO && rule < UBRK_WORD_IDEO_LIMIT) return CI_WORD_IDEO;
    if (rule >= UBRK_WORD_KANA && rule < UBRK_WORD_KANA_LIMIT) return CI_WORD_KANA;
    if (rule >= UBRK_WORD_LETTER && rule < UBRK_WORD_LETTER_LIMIT) return CI_WORD_LETTER;
    if (rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT) return CI_WORD_NUMBER;
    return CI_WORD_NONE;
}

int32_t ci_breaker_segment(ci_breaker *b, const uint32_t *text, int32_t count,
                           int32_t *ends, int32_t *kinds, int32_t capacity) {
    int32_t need16 = count * 2 + 1;
    if (need16 > b->cap) {
        UChar *u = realloc(b->utf16, sizeof(UChar) * need16);
        if (!u) return INT32_MIN;
        b->utf16 = u;
        int32_t *m = realloc(b->scalar_at, sizeof(int32_t) * need16);
        if (!m) return INT32_MIN;
        b->scalar_at = m;
        b->cap = need16;
    }
    int32_t len16 = 0;
    for (int32_t i = 0; i < count; i++) {
        uint32_t s = text[i];
        if (s > 0x10FFFF || (s >= 0xD800 && s <= 0xDFFF)) s = 0xFFFD;
        b->scalar_at[len16] = i;
        if (s > 0xFFFF) b->scalar_at[len16 + 1] = i;
        U16_APPEND_UNSAFE(b->utf16, len16, s);
    }
    b->scalar_at[len16] = count;
    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(b->iter, b->utf16, len16, &err);
    if (U_FAILURE(err)) return INT32_MIN;
    int32_t n = 0;
    ubrk_first(b->iter);
    for (int32_t p = ubrk_next(b->iter); p != UBRK_DONE; p = ubrk_next(b->iter)) {
        if (n < capacity) {
            ends[n] = b->scalar_at[p];
            kinds[n] = word_kind(ubrk_getRuleStatus(b->iter));
        }
        n++;
    }
    /* Detach the iterator from our buffer so that a later realloc cannot leave it dangling. */
    ubrk_setText(b->iter, b->utf16, 0, &err);
    return n > capacity ? -n : n;
}

/* ---- charsets ---- */

int32_t ci_charset_known(const char *charset) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *c = ucnv_open(charset, &err);
    if (U_FAILURE(err) || !c) return 0;
    ucnv_close(c);
    return 1;
}

static void count_substitutions(const void *context, UConverterToUnicodeArgs *args, const char *bytes,
                                int32_t length, UConverterCallbackReason reason, UErrorCode *err) {
    if (reason <= UCNV_IRREGULAR) (*(int32_t *)context)++;
    UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, bytes, length, reason, err);
}

int32_t ci_convert_to_utf8(const char *charset, const uint8_t *src, int32_t count,
                           uint8_t *dst, int32_t capacity, int32_t *substitutions) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *from = ucnv_open(charset, &err);
    if (U_FAILURE(err) || !from) return INT32_MIN;
    *substitutions = 0;
    ucnv_setToUCallBack(from, count_substitutions, substitutions, NULL, NULL, &err);
    /* Every byte yields at most two UTF-16 units (a surrogate pair for 4-byte sequences). */
    int32_t cap16 = count * 2 + 2;
    UChar *u16 = malloc(sizeof(UChar) * cap16);
    if (!u16) { ucnv_close(from); return INT32_MIN; }
    int32_t len16 = ucnv_toUChars(from, u16, cap16, (const char *)src, count, &err);
    ucnv_close(from);
    if (U_FAILURE(err)) { free(u16); return INT32_MIN; }
    int32_t len8 = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)dst, capacity, &len8, u16, len16, 0xFFFD, NULL, &err);
    free(u16);
    if (err == U_BUFFER_OVERFLOW_ERROR) return -len8;
    if (U_FAILURE(err)) return INT32_MIN;
    return len8;
}

/* ---- charset detection (ucsdet, in ICU's i18n library) ----
   The tool links only ICU's common library, which every start pays for; the detector lives in the larger i18n
   library and is needed only for an unlabeled 8-bit body, so it is loaded the first time it is asked for. The
   symbols carry ICU's version suffix (ucsdet_open_72), which the header's renaming macros spell for us. */
#define CI_STR2(x) #x
#define CI_STR(x) CI_STR2(x)

typedef UCharsetDetector *(*ci_ucsdet_open_fn)(UErrorCode *);
typedef void (*ci_ucsdet_close_fn)(UCharsetDetector *);
typedef void (*ci_ucsdet_set_text_fn)(UCharsetDetector *, const char *, int32_t, UErrorCode *);
typedef const UCharsetMatch **(*ci_ucsdet_detect_all_fn)(UCharsetDetector *, int32_t *, UErrorCode *);
typedef const char *(*ci_ucsdet_get_name_fn)(const UCharsetMatch *, UErrorCode *);
typedef int32_t (*ci_ucsdet_get_confidence_fn)(const UCharsetMatch *, UErrorCode *);

static struct {
    ci_ucsdet_open_fn open;
    ci_ucsdet_close_fn close;
    ci_ucsdet_set_text_fn set_text;
    ci_ucsdet_detect_all_fn detect_all;
    ci_ucsdet_get_name_fn get_name;
    ci_ucsdet_get_confidence_fn get_confidence;
} detector_api;
static pthread_once_t detector_once = PTHREAD_ONCE_INIT;

static void load_detector(void) {
#ifdef CI_STATIC_ICU
    /* The release binary links ICU's i18n library in statically (scripts/release): nothing to load. */
    detector_api.close = ucsdet_close;
    detector_api.set_text = ucsdet_setText;
    detector_api.detect_all = ucsdet_detectAll;
    detector_api.get_name = ucsdet_getName;
    detector_api.get_confidence = ucsdet_getConfidence;
    detector_api.open = ucsdet_open;
#else
    char name[64];
    snprintf(name, sizeof name, "libicui18n.so.%d", U_ICU_VERSION_MAJOR_NUM);
    void *lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!lib) lib = dlopen("libicui18n.so", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    detector_api.close = (ci_ucsdet_close_fn)dlsym(lib, CI_STR(ucsdet_close));
    detector_api.set_text = (ci_ucsdet_set_text_fn)dlsym(lib, CI_STR(ucsdet_setText));
    detector_api.detect_all = (ci_ucsdet_detect_all_fn)dlsym(lib, CI_STR(ucsdet_detectAll));
    detector_api.get_name = (ci_ucsdet_get_name_fn)dlsym(lib, CI_STR(ucsdet_getName));
    detector_api.get_confidence = (ci_ucsdet_get_confidence_fn)dlsym(lib, CI_STR(ucsdet_getConfidence));
    ci_ucsdet_open_fn open = (ci_ucsdet_open_fn)dlsym(lib, CI_STR(ucsdet_open));
    if (detector_api.close && detector_api.set_text && detector_api.detect_all && detector_api.get_name && detector_api.get_confidence)
        detector_api.open = open;
#endif
}

int32_t ci_detect_charsets(const uint8_t *src, int32_t count, char *names, int32_t capacity, int32_t *confidences,
                           int32_t max_matches) {
    pthread_once(&detector_once, load_detector);
    if (!detector_api.open) return -1;
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *d = detector_api.open(&err);
    if (U_FAILURE(err) || !d) return -1;
    detector_api.set_text(d, (const char *)src, count, &err);
    int32_t found = 0;
    const UCharsetMatch **matches = U_SUCCESS(err) ? detector_api.detect_all(d, &found, &err) : NULL;
    int32_t n = 0, used = 0;
    for (int32_t i = 0; U_SUCCESS(err) && matches && i < found && n < max_matches; i++) {
        UErrorCode e = U_ZERO_ERROR;
        const char *name = detector_api.get_name(matches[i], &e);
        int32_t confidence = detector_api.get_confidence(matches[i], &e);
        if (U_FAILURE(e) || !name) continue;
        int32_t len = (int32_t)strlen(name);
        if (used + len + 1 > capacity) break;
        memcpy(names + used, name, (size_t)len + 1);
        used += len + 1;
        confidences[n++] = confidence;
    }
    detector_api.close(d);
    return n;
}

const char *ci_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

/* ---- the library itself ---- */
int32_t ci_icu_version(char *out, int32_t capacity) {
    UVersionInfo v;
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, text);
    int32_t len = (int32_t)strlen(text);
    if (capacity <= 0) return len;
    int32_t n = len < capacity - 1 ? len : capacity - 1;
    memcpy(out, text, (size_t)n);
    out[n] = 0;
    return len;
}

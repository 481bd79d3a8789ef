/* Writes lexicons/zh/variants.tsv from ICU's Traditional-Simplified and Simplified-Traditional transliterators,
   one character at a time, as the normalizer applies them:
     cc scripts/gen-han-variants.c -o /tmp/gen-han-variants $(pkg-config --cflags --libs icu-i18n) && /tmp/gen-han-variants > lexicons/zh/variants.tsv
   Rows: `t<TAB>traditional<TAB>simplified` (folded to the simplified form) and `s<TAB>simplified<TAB>traditional`
   (the reverse mapping, which only tells Simplified-only characters apart when identifying the script). */
#include <stdio.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

static UTransliterator *open_translit(const char *id) {
    UChar uid[64];
    UErrorCode err = U_ZERO_ERROR;
    u_uastrcpy(uid, id);
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err)) { fprintf(stderr, "cannot open %s: %s\n", id, u_errorName(err)); return NULL; }
    return t;
}

static UChar32 one(UTransliterator *t, UChar32 c) {
    UChar buf[16];
    int32_t len = 0;
    UErrorCode err = U_ZERO_ERROR;
    U16_APPEND_UNSAFE(buf, len, c);
    int32_t limit = len;
    utrans_transUChars(t, buf, &len, 16, 0, &limit, &err);
    if (U_FAILURE(err) || len == 0) return c;
    UChar32 out;
    int32_t i = 0;
    U16_NEXT(buf, i, len, out);
    return i == len ? out : c;
}

static void put(UChar32 c) {
    char b[5];
    if (c < 0x800) { b[0] = 0xC0 | (c >> 6); b[1] = 0x80 | (c & 0x3F); fwrite(b, 1, 2, stdout); }
    else if (c < 0x10000) { b[0] = 0xE0 | (c >> 12); b[1] = 0x80 | ((c >> 6) & 0x3F); b[2] = 0x80 | (c & 0x3F); fwrite(b, 1, 3, stdout); }
    else { b[0] = 0xF0 | (c >> 18); b[1] = 0x80 | ((c >> 12) & 0x3F); b[2] = 0x80 | ((c >> 6) & 0x3F); b[3] = 0x80 | (c & 0x3F); fwrite(b, 1, 4, stdout); }
}

int main(void) {
    UTransliterator *ts = open_translit("Traditional-Simplified"), *st = open_translit("Simplified-Traditional");
    if (!ts || !st) return 1;
    printf("# Han variants from ICU %s's transliterators, one character each (scripts/gen-han-variants.c).\n", U_ICU_VERSION);
    printf("# t: a Traditional character and the Simplified one text is folded to.\n");
    printf("# s: a Simplified character and its Traditional form (tells Simplified-only characters apart).\n");
    const UChar32 ranges[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0x20000, 0x3134F}};
    for (int r = 0; r < 3; r++) {
        for (UChar32 c = ranges[r][0]; c <= ranges[r][1]; c++) {
            UChar32 s = one(ts, c), t = one(st, c);
            if (s != c) { printf("t\t"); put(c); printf("\t"); put(s); printf("\n"); }
            if (t != c) { printf("s\t"); put(c); printf("\t"); put(t); printf("\n"); }
        }
    }
    utrans_close(ts);
    utrans_close(st);
    return 0;
}

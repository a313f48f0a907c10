#ifndef WINNOW_CLD2_SHIM_H
#define WINNOW_CLD2_SHIM_H
// A C face for CLD2 (Compact Language Detector 2, Debian libcld2-dev), which is C++: Swift sees only
// this function and plain C types.
#ifdef __cplusplus
extern "C" {
#endif

/// Detects the language of valid UTF-8 plain text. Writes the language code ("en", "ja",
/// "zh-Hant", …) into `code` (NUL-terminated, at most `capacity` bytes), the share of the text in
/// that language (0–100) into `percent`, and whether CLD2 calls the result reliable into `reliable`.
/// Returns 0 on success, -1 when the language is unknown.
int winnow_cld2_detect(const char *utf8, int length, char *code, int capacity, int *percent, int *reliable);

#ifdef __cplusplus
}
#endif
#endif

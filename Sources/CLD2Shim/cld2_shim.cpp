#include "cld2_shim.h"
#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cstring>

extern "C" int winnow_cld2_detect(const char *utf8, int length, char *code, int capacity, int *percent, int *reliable) {
    CLD2::Language languages[3];
    int percents[3] = {0, 0, 0};
    int textBytes = 0;
    bool isReliable = false;
    CLD2::Language language = CLD2::DetectLanguageSummary(utf8, length, true, languages, percents, &textBytes, &isReliable);
    *percent = percents[0];
    *reliable = isReliable ? 1 : 0;
    if (language == CLD2::UNKNOWN_LANGUAGE || capacity <= 0) return -1;
    const char *name = CLD2::LanguageCode(language);
    if (name == nullptr) return -1;
    std::strncpy(code, name, static_cast<size_t>(capacity) - 1);
    code[capacity - 1] = '\0';
    return 0;
}

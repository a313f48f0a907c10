#ifndef WINNOW_CLIBXML2_SHIM_H
#define WINNOW_CLIBXML2_SHIM_H
// xmlversion.h first so the #undef below wins: Debian's libxml2 is built with ICU, and its ICU
// headers clash with Foundation's own ICU module ("UErrorCode has different definitions").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/encoding.h>

// xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state.
static inline void winnow_xml_free(void *p) { xmlFree(p); }
#endif

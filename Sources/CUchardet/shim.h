#ifndef WINNOW_CUCHARDET_SHIM_H
#define WINNOW_CUCHARDET_SHIM_H
// Debian libuchardet-dev: Mozilla's universal charset detector, the last step before windows-1252.
#include <uchardet/uchardet.h>
#endif

#ifndef WINNOW_CLIBFUZZER_SHIM_H
#define WINNOW_CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver entry (compiler-rt, bundled with the Swift toolchain), declared only: it is
// linked by -sanitize=fuzzer. SwiftPM points an executable's `main` at the Swift @main entry
// (--defsym main=<target>_main), so libFuzzer's own `main` is never used; winnow-fuzz's @main calls
// this instead when built with -DFUZZING. Nothing references it in an ordinary build.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif

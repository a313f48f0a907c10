#ifndef WINNOW_CZSTD_SHIM_H
#define WINNOW_CZSTD_SHIM_H
// Debian libzstd-dev: streaming compression of output shards and decompression of .jsonl.zst inputs.
#include <zstd.h>
#endif

#ifndef WINNOW_CZLIB_SHIM_H
#define WINNOW_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro in zlib.h, which Swift cannot call.
static inline int winnow_inflate_init2(z_stream *strm, int windowBits) {
    return inflateInit2(strm, windowBits);
}

// deflateInit2 likewise (gzip-compressed output shards: windowBits 15 + 16).
static inline int winnow_deflate_init2(z_stream *strm, int level, int windowBits) {
    return deflateInit2(strm, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
#endif

#ifndef WINNOW_CSQLITE_SHIM_H
#define WINNOW_CSQLITE_SHIM_H
// Debian libsqlite3-dev: the run state database (OUTPUT/.winnow/state.sqlite).
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type winnow_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif

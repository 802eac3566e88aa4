/* The WASM build's SQLite, run under node with Emscripten's NODERAWFS (the WASM test suite,
 * the WASM benchmark): a cheaper "does this file exist" for SQLite's default VFS.
 *
 * Why: before every read transaction SQLite asks whether "<db>-journal" and "<db>-wal" exist
 * (a hot journal to roll back, a WAL to open). Natively that is one stat() each, about 0.2 µs.
 * Under NODERAWFS, Emscripten 3.1.6 answers with node's fs.statSync(), which for a missing
 * file builds and throws a JavaScript Error (with its stack trace) that Emscripten catches and
 * rethrows as its own ErrnoError: measured 13 µs per call on this machine, two calls per
 * statement, more than a whole native primary-key lookup costs several times over.
 *
 * What: the default VFS ("unix") is registered again, unchanged except for xAccess with
 * SQLITE_ACCESS_EXISTS, which asks node with fs.statSync(path, {throwIfNoEntry: false})
 * (no exception) and applies unixAccess's own rule: the path exists and is not an empty
 * regular file. Everything else (locks, reads, the header check, every other flag of xAccess)
 * is SQLite's code as before. In the browser, or under node without NODERAWFS (files in
 * Emscripten's in-memory file system), the JS side answers "not handled" and SQLite's own
 * xAccess runs.
 *
 * SQLite calls gramlab_sqlite_extra_init() at the end of sqlite3_initialize()
 * (SQLITE_EXTRA_INIT, set in cmake/ThirdParty.cmake), so every user of the library, the
 * benchmark's hand-written C API baseline included, gets the same VFS. */
#include "sqlite3.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

/* 1 exists, 0 does not, -1 not handled here (not NODERAWFS). */
EM_JS(int, gramlab_node_path_exists, (const char* path), {
    if (typeof NODERAWFS === 'undefined' || typeof require !== 'function') return -1;
    var st = require('fs').statSync(UTF8ToString(path), {throwIfNoEntry: false});
    if (!st) return 0;
    return (!st.isFile() || st.size > 0) ? 1 : 0;
});

static int (*default_access)(sqlite3_vfs*, const char*, int, int*);
static sqlite3_vfs node_vfs;

static int node_access(sqlite3_vfs* vfs, const char* path, int flags, int* result) {
    if (flags == SQLITE_ACCESS_EXISTS) {
        int exists = gramlab_node_path_exists(path);
        if (exists >= 0) {
            *result = exists;
            return SQLITE_OK;
        }
    }
    return default_access(vfs, path, flags, result);
}

int gramlab_sqlite_extra_init(const char* unused) {
    (void)unused;
    sqlite3_vfs* base = sqlite3_vfs_find(0);
    if (base == 0 || base->xAccess == node_access) return SQLITE_OK;
    node_vfs = *base;
    default_access = base->xAccess;
    node_vfs.xAccess = node_access;
    /* Same name "unix", put first in SQLite's list as the default, so it is the one found
       by name as well; the original stays registered behind it. */
    return sqlite3_vfs_register(&node_vfs, 1);
}

#endif

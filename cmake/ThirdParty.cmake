# Third-party code, compiled once per build tree from the git-ignored cache that
# scripts/setup.sh fills (pinned versions and sha256 sums live there, not here).

set(GRAMLAB_SQLITE_DIR "${GRAMLAB_CACHE_DIR}/sqlite")
if(NOT EXISTS "${GRAMLAB_SQLITE_DIR}/sqlite3.c")
    message(FATAL_ERROR "SQLite amalgamation missing in ${GRAMLAB_SQLITE_DIR}: run scripts/setup.sh first")
endif()

# The same amalgamation and the same options in the native and the WASM build, so both
# behave identically. Options mirror what Django's SQLite backend relies on.
add_library(gramlab_sqlite3 STATIC "${GRAMLAB_SQLITE_DIR}/sqlite3.c")
target_include_directories(gramlab_sqlite3 SYSTEM PUBLIC "${GRAMLAB_SQLITE_DIR}")
target_compile_definitions(gramlab_sqlite3 PRIVATE
    SQLITE_THREADSAFE=2           # one connection per thread (server workers), no global mutex
    SQLITE_DQS=0                  # double-quoted strings are identifiers, never literals
    SQLITE_DEFAULT_MEMSTATUS=0
    SQLITE_OMIT_LOAD_EXTENSION
    SQLITE_OMIT_DEPRECATED
    SQLITE_ENABLE_MATH_FUNCTIONS
    SQLITE_ENABLE_DESERIALIZE
    SQLITE_USE_ALLOCA)
set_target_properties(gramlab_sqlite3 PROPERTIES C_VISIBILITY_PRESET hidden)
if(EMSCRIPTEN)
    # Under node with NODERAWFS, a "file exists?" that does not throw a JS exception per
    # statement (see the file's opening comment); registered from sqlite3_initialize().
    target_sources(gramlab_sqlite3 PRIVATE "${PROJECT_SOURCE_DIR}/core/backends/sqlite/emscripten_node_vfs.c")
    target_compile_definitions(gramlab_sqlite3 PRIVATE SQLITE_EXTRA_INIT=gramlab_sqlite_extra_init)
endif()
if(NOT MSVC)
    target_compile_options(gramlab_sqlite3 PRIVATE -w)
endif()

# nlohmann/json (header-only, Debian nlohmann-json3-dev). setup.sh copies it into the cache
# so emcc sees only that library, never /usr/include.
add_library(gramlab_json INTERFACE)
target_include_directories(gramlab_json SYSTEM INTERFACE "${GRAMLAB_CACHE_DIR}/include")

# yaml-cpp for the deploy simulator (workflows, compose files), compiled from Debian's
# source package in the cache; see cmake/Yaml.cmake and scripts/setup_yaml.sh.
include("${CMAKE_CURRENT_LIST_DIR}/Yaml.cmake" OPTIONAL)

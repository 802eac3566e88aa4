// Files compiled into the WASM module (the default workspace), generated at build time by
// cmake/EmbedFiles.cmake from examples/: the module needs no file system to open on them.
#pragma once

#include <cstddef>

namespace gramlab::playground {

struct EmbeddedFile {
    const char* path;  // relative to its folder; nullptr ends a table
    const char* data;
    std::size_t size;
};

//! examples/instagram: models.py, settings.py, migrations/*.py, fixtures/*.json
extern const EmbeddedFile kInstagramFiles[];
//! examples/deploy/default: every file (the deploy scenario)
extern const EmbeddedFile kDeployFiles[];

}  // namespace gramlab::playground

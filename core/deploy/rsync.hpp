// rsync between two simulated filesystems with the options the deploy workflow uses
// (-a -v -z -r, --delete, --exclude), printing rsync 3.1's -v output. --delete removes files that
// exist only on the receiver, which is how a hand-made .env on the host disappears.
#pragma once

#include <string>
#include <vector>

#include "core/deploy/fs.hpp"

namespace gramlab::deploy {

struct RsyncOptions {
    bool del = false;                   // --delete
    bool verbose = false;               // -v
    std::vector<std::string> excludes;  // --exclude=PATTERN (name or leading-path match)
};

struct RsyncResult {
    int exit_code = 0;
    std::string out;  // what rsync prints
    std::string err;
    std::vector<std::string> transferred;  // relative paths
    std::vector<std::string> deleted;
};

//! Parses rsync switches ("-avzr --delete --exclude=.git"); unknown ones are ignored.
RsyncOptions parse_rsync_switches(const std::string& switches);

//! Copies `src_path` to `dst_path`. A trailing slash on src_path copies the directory's contents
//! (rsync's rule); without it the directory itself is created inside dst_path. The destination
//! directory is created only if its parent exists (rsync creates one level), else exit code 11.
RsyncResult rsync(const Fs& src, std::string src_path, Fs& dst, std::string dst_path, const RsyncOptions& opt);

}  // namespace gramlab::deploy

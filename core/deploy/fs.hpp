// A simulated filesystem (host, runner, image layers, containers, volumes): absolute path →
// file or directory. Mirrors the POSIX tree a shell sees; plain values so worlds copy and diff.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gramlab::deploy {

struct FsNode {
    bool dir = false;
    std::string content;
    bool operator==(const FsNode&) const = default;
};

class Fs {
  public:
    //! "/a/b/../c/" → "/a/c"; relative paths are resolved against `cwd`.
    static std::string normalize(std::string_view path, std::string_view cwd = "/");
    static std::string dirname(std::string_view path);
    static std::string basename(std::string_view path);

    bool exists(const std::string& path) const { return nodes_.count(path) > 0 || path == "/"; }
    bool is_dir(const std::string& path) const;
    bool is_file(const std::string& path) const;
    const std::string* read(const std::string& path) const;
    //! Writes a file, creating parent directories (like `mkdir -p` then `>`).
    void write(const std::string& path, std::string content);
    void append(const std::string& path, const std::string& content);
    void mkdir_p(const std::string& path);
    //! Removes a file or a whole tree; returns false when nothing was there.
    bool remove(const std::string& path);
    //! Direct children's names, sorted.
    std::vector<std::string> list(const std::string& dir) const;
    //! Every path under `dir` (relative to it, no leading slash), files and dirs, sorted.
    std::vector<std::string> walk(const std::string& dir) const;
    //! Copies the tree at `from` (file or dir) to `to`, creating parents.
    void copy_tree(const Fs& src, const std::string& from, const std::string& to);

    const std::map<std::string, FsNode>& nodes() const { return nodes_; }
    bool operator==(const Fs&) const = default;

  private:
    std::map<std::string, FsNode> nodes_;
};

//! Stable short content hash (FNV-1a 64, hex), for layer-cache keys and diffs.
std::string content_hash(std::string_view data);

}  // namespace gramlab::deploy

// Path arithmetic and tree operations of the simulated filesystem (no real I/O).
#include "core/deploy/fs.hpp"

#include <cstdint>
#include <cstdio>

namespace gramlab::deploy {

std::string Fs::normalize(std::string_view path, std::string_view cwd) {
    std::string full =
        (!path.empty() && path[0] == '/') ? std::string(path) : std::string(cwd) + "/" + std::string(path);
    std::vector<std::string> parts;
    size_t i = 0;
    while (i <= full.size()) {
        size_t j = full.find('/', i);
        if (j == std::string::npos) j = full.size();
        std::string part = full.substr(i, j - i);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out;
    for (const auto& p : parts) out += "/" + p;
    return out.empty() ? "/" : out;
}

std::string Fs::dirname(std::string_view path) {
    size_t s = path.rfind('/');
    if (s == std::string_view::npos) return ".";
    if (s == 0) return "/";
    return std::string(path.substr(0, s));
}

std::string Fs::basename(std::string_view path) {
    size_t s = path.rfind('/');
    return std::string(s == std::string_view::npos ? path : path.substr(s + 1));
}

bool Fs::is_dir(const std::string& path) const {
    if (path == "/") return true;
    auto it = nodes_.find(path);
    return it != nodes_.end() && it->second.dir;
}

bool Fs::is_file(const std::string& path) const {
    auto it = nodes_.find(path);
    return it != nodes_.end() && !it->second.dir;
}

const std::string* Fs::read(const std::string& path) const {
    auto it = nodes_.find(path);
    if (it == nodes_.end() || it->second.dir) return nullptr;
    return &it->second.content;
}

void Fs::mkdir_p(const std::string& path) {
    if (path == "/" || path.empty()) return;
    mkdir_p(dirname(path));
    auto& n = nodes_[path];
    if (!n.dir) n = FsNode{true, ""};
}

void Fs::write(const std::string& path, std::string content) {
    mkdir_p(dirname(path));
    nodes_[path] = FsNode{false, std::move(content)};
}

void Fs::append(const std::string& path, const std::string& content) {
    auto it = nodes_.find(path);
    if (it == nodes_.end() || it->second.dir) {
        write(path, content);
        return;
    }
    it->second.content += content;
}

bool Fs::remove(const std::string& path) {
    if (path == "/") {
        bool any = !nodes_.empty();
        nodes_.clear();
        return any;
    }
    auto it = nodes_.find(path);
    if (it == nodes_.end()) return false;
    std::string prefix = path + "/";
    auto last = nodes_.lower_bound(prefix);
    while (last != nodes_.end() && last->first.compare(0, prefix.size(), prefix) == 0) last = nodes_.erase(last);
    nodes_.erase(path);
    return true;
}

std::vector<std::string> Fs::list(const std::string& dir) const {
    std::vector<std::string> out;
    std::string prefix = dir == "/" ? "/" : dir + "/";
    for (auto it = nodes_.lower_bound(prefix); it != nodes_.end(); ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0) break;
        std::string rest = it->first.substr(prefix.size());
        if (!rest.empty() && rest.find('/') == std::string::npos) out.push_back(rest);
    }
    return out;
}

std::vector<std::string> Fs::walk(const std::string& dir) const {
    std::vector<std::string> out;
    std::string prefix = dir == "/" ? "/" : dir + "/";
    for (auto it = nodes_.lower_bound(prefix); it != nodes_.end(); ++it) {
        if (it->first.compare(0, prefix.size(), prefix) != 0) break;
        out.push_back(it->first.substr(prefix.size()));
    }
    return out;
}

void Fs::copy_tree(const Fs& src, const std::string& from, const std::string& to) {
    if (src.is_file(from)) {
        write(to, *src.read(from));
        return;
    }
    mkdir_p(to);
    for (const auto& rel : src.walk(from)) {
        const FsNode& n = src.nodes_.at(from == "/" ? "/" + rel : from + "/" + rel);
        std::string dst = to == "/" ? "/" + rel : to + "/" + rel;
        if (n.dir)
            mkdir_p(dst);
        else
            write(dst, n.content);
    }
}

std::string content_hash(std::string_view data) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace gramlab::deploy

// The rsync transfer: file list, deletions first (as --delete-during prints them), then updates.
#include "core/deploy/rsync.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace gramlab::deploy {

RsyncOptions parse_rsync_switches(const std::string& switches) {
    RsyncOptions o;
    size_t i = 0;
    while (i < switches.size()) {
        size_t j = switches.find(' ', i);
        if (j == std::string::npos) j = switches.size();
        std::string w = switches.substr(i, j - i);
        i = j + 1;
        if (w.empty()) continue;
        if (w == "--delete")
            o.del = true;
        else if (w.rfind("--exclude=", 0) == 0)
            o.excludes.push_back(w.substr(10));
        else if (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('v') != std::string::npos)
            o.verbose = true;
    }
    return o;
}

namespace {

bool excluded(const std::string& rel, const std::vector<std::string>& ex) {
    for (const auto& e : ex) {
        std::string pat = e;
        if (!pat.empty() && pat.back() == '/') pat.pop_back();
        if (rel == pat || rel.rfind(pat + "/", 0) == 0) return true;
        std::string base = Fs::basename(rel);
        if (base == pat) return true;
        size_t slash = rel.find('/');
        while (slash != std::string::npos) {
            if (rel.substr(slash + 1) == pat) return true;
            slash = rel.find('/', slash + 1);
        }
    }
    return false;
}

}  // namespace

RsyncResult rsync(const Fs& src, std::string src_path, Fs& dst, std::string dst_path, const RsyncOptions& opt) {
    RsyncResult r;
    bool contents = !src_path.empty() && src_path.back() == '/';
    std::string s = Fs::normalize(src_path);
    std::string d = Fs::normalize(dst_path);
    if (!src.exists(s)) {
        r.err = "rsync: link_stat \"" + s +
                "\" failed: No such file or directory (2)\n"
                "rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1207) "
                "[sender=3.1.3]\n";
        r.exit_code = 23;
        return r;
    }
    if (!dst.is_dir(d)) {
        if (!dst.is_dir(Fs::dirname(d))) {
            r.err = "rsync: mkdir \"" + d +
                    "\" failed: No such file or directory (2)\n"
                    "rsync error: error in file IO (code 11) at main.c(682) [Receiver=3.1.3]\n";
            r.exit_code = 11;
            return r;
        }
        r.out += "created directory " + d + "\n";
        dst.mkdir_p(d);
    }
    std::string root = d;
    std::string prefix;  // without trailing slash the source dir itself is copied into d
    if (!contents && src.is_dir(s)) {
        prefix = Fs::basename(s) + "/";
        root = d + "/" + Fs::basename(s);
    }
    std::vector<std::string> list;
    if (src.is_dir(s)) {
        for (const auto& rel : src.walk(s))
            if (!excluded(rel, opt.excludes)) list.push_back(rel);
    } else {
        list.push_back(Fs::basename(s));
        s = Fs::dirname(s);
        root = d;
        prefix.clear();
    }
    if (opt.verbose) r.out += "sending incremental file list\n";
    if (opt.del && dst.is_dir(root)) {
        std::set<std::string> keep(list.begin(), list.end());
        std::vector<std::string> gone;
        for (const auto& rel : dst.walk(root))
            if (!keep.count(rel) && !excluded(rel, opt.excludes)) gone.push_back(rel);
        // Deepest first, as rsync prints them; a deleted dir's contents are deleted with it.
        std::sort(gone.begin(), gone.end(), [](const std::string& a, const std::string& b) { return a > b; });
        for (const auto& rel : gone) {
            std::string full = root + "/" + rel;
            if (!dst.exists(full)) continue;
            bool dir = dst.is_dir(full);
            dst.remove(full);
            r.deleted.push_back(rel);
            if (opt.verbose) r.out += "deleting " + prefix + rel + (dir ? "/" : "") + "\n";
        }
    }
    size_t total = 0, sent = 0;
    if (!prefix.empty() && opt.verbose && !dst.is_dir(root)) r.out += prefix + "\n";
    if (contents && opt.verbose) r.out += "./\n";
    for (const auto& rel : list) {
        std::string from = s + "/" + rel, to = root + "/" + rel;
        if (src.is_dir(from)) {
            if (!dst.is_dir(to)) {
                dst.mkdir_p(to);
                if (opt.verbose) r.out += prefix + rel + "/\n";
            }
            continue;
        }
        const std::string& content = *src.read(from);
        total += content.size();
        const std::string* have = dst.read(to);
        if (have && *have == content) continue;
        dst.write(to, content);
        sent += content.size();
        r.transferred.push_back(rel);
        if (opt.verbose) r.out += prefix + rel + "\n";
    }
    if (opt.verbose) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "\nsent %zu bytes  received %zu bytes  %zu.00 bytes/sec\ntotal size is %zu  speedup is %.2f\n",
                      sent + 64 * r.transferred.size() + 100, 19 * r.transferred.size() + 38, (sent + 200) * 2, total,
                      sent ? static_cast<double>(total) / static_cast<double>(sent + 64 * r.transferred.size() + 138)
                           : 1.0 * total / 138.0);
        r.out += buf;
    }
    return r;
}

}  // namespace gramlab::deploy

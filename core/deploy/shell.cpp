// The sh interpreter: word expansion (quotes, $X, ${X:-y}, ${X:?y}, $(...)), redirects, pipes,
// and-or lists with `set -e`, the special builtins (cd, export, set, exit, unset, :), and exec by
// PATH lookup over the machine's filesystem.
#include "core/deploy/shell.hpp"

#include <cctype>

namespace gramlab::deploy {

namespace {
constexpr const char* kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
}

Shell::Shell(DeployContext& ctx, MachineKind kind, std::string container)
    : ctx_(ctx), kind_(kind), container_(std::move(container)) {
    vars["PATH"] = kDefaultPath;
    if (kind == MachineKind::kHost) {
        user = "ubuntu";
        cwd = "/home/ubuntu";
        vars["HOME"] = "/home/ubuntu";
        vars["USER"] = "ubuntu";
        vars["HOSTNAME"] = "ip-172-31-0-10";
        dialect = "bash";
    } else if (kind == MachineKind::kRunner) {
        user = "runner";
        cwd = "/home/runner/work";
        vars["HOME"] = "/home/runner";
        vars["USER"] = "runner";
        dialect = "bash";
    } else {
        auto& c = ctx.world.containers.at(container_);
        for (const auto& [k, v] : c.env) vars[k] = v;
        cwd = c.workdir.empty() ? "/" : c.workdir;
        vars["HOSTNAME"] = c.id;
        // The daemon sets HOME from the user's /etc/passwd entry, "/" when there is none (a
        // FROM scratch image); the simulated base images stand for theirs with a /root folder.
        if (!vars.count("HOME")) vars["HOME"] = c.fs.is_dir("/root") ? "/root" : "/";
        dialect = c.fs.is_file("/bin/busybox") ? "ash" : "dash";
    }
}

Fs& Shell::fs() {
    if (kind_ == MachineKind::kHost) return ctx_.world.host;
    if (kind_ == MachineKind::kRunner) return ctx_.world.runner;
    return ctx_.world.containers.at(container_).fs;
}

std::string Shell::var(const std::string& name) const {
    auto it = vars.find(name);
    return it == vars.end() ? "" : it->second;
}

std::string Shell::err_prefix() const {
    if (dialect == "bash") return script_name + ": line " + std::to_string(line) + ": ";
    if (dialect == "ash") return script_name + ": ";
    return script_name + ": " + std::to_string(line) + ": ";
}

int Shell::run_script(std::string_view text, const std::string& name, Io& io) {
    std::string saved_name = script_name;
    script_name = name;
    auto parsed = parse_sh(text, name);
    if (!parsed.ok()) {
        const Error& e = parsed.error();
        line = line_col(text, e.span.valid() ? e.span.offset : 0).line;
        if (dialect == "bash") {
            io.err.write(
                name + ": line " + std::to_string(line) + ": syntax error near unexpected token `" +
                e.message.substr(1, e.message.find('"', 1) == std::string::npos ? 0 : e.message.find('"', 1) - 1) +
                "'\n");
        } else {
            io.err.write(sh_error_line(text, e) + "\n");
        }
        script_name = saved_name;
        return last_status = 2;
    }
    int status = 0;
    for (const auto& item : parsed->items) {
        status = run_and_or(item, io, text);
        last_status = status;
        if (exited_) break;
        if (errexit && status != 0) {
            exited_ = true;
            break;
        }
    }
    script_name = saved_name;
    exited_ = false;
    return status;
}

int Shell::run_and_or(const ShAndOr& ao, Io& io, std::string_view text) {
    int status = run_pipeline(ao.pipelines[0], io, text);
    bool saved = errexit;
    for (size_t i = 0; i < ao.ops.size() && !exited_; ++i) {
        if ((ao.ops[i] == "&&") == (status == 0)) status = run_pipeline(ao.pipelines[i + 1], io, text);
    }
    errexit = saved;
    return status;
}

int Shell::run_pipeline(const ShPipeline& pl, Io& io, std::string_view text) {
    int status = 0;
    std::string carry = io.in;
    for (size_t i = 0; i < pl.commands.size() && !exited_; ++i) {
        bool last = i + 1 == pl.commands.size();
        Io sub;
        sub.in = carry;
        sub.err.sink = [&io](const std::string& s) { io.err.write(s); };
        if (last) sub.out.sink = [&io](const std::string& s) { io.out.write(s); };
        status = run_command(pl.commands[i], sub, text);
        carry = sub.out.buf;
    }
    if (pl.negate) status = status == 0 ? 1 : 0;
    return last_status = status;
}

std::vector<std::string> Shell::expand(const ShWord& w, bool split) {
    std::vector<std::string> fields;
    std::string cur;
    bool have = false;  // a quoted empty string still makes a field
    const std::string& s = w.raw;
    auto expand_var = [&](size_t& i, bool quoted) {
        // s[i] == '$'
        std::string name, op, arg;
        if (i + 1 < s.size() && s[i + 1] == '(') {
            int depth = 1;
            size_t j = i + 2;
            while (j < s.size() && depth) {
                if (s[j] == '(')
                    ++depth;
                else if (s[j] == ')')
                    --depth;
                ++j;
            }
            std::string inner = s.substr(i + 2, j - i - 3);
            i = j - 1;
            Shell sub = *this;
            Io io;
            io.err.sink = nullptr;
            sub.run_script(inner, script_name, io);
            std::string out = io.out.buf;
            while (!out.empty() && out.back() == '\n') out.pop_back();
            return std::make_pair(out, quoted);
        }
        if (i + 1 < s.size() && s[i + 1] == '{') {
            size_t close = s.find('}', i + 2);
            std::string body = s.substr(i + 2, close - i - 2);
            size_t k = 0;
            while (k < body.size() && (std::isalnum(static_cast<unsigned char>(body[k])) || body[k] == '_')) ++k;
            if (k == 0 && !body.empty()) k = 1;  // ${?} ${#} ${1}
            name = body.substr(0, k);
            std::string rest = body.substr(k);
            if (rest.size() >= 2 && rest[0] == ':')
                op = rest.substr(0, 2), arg = rest.substr(2);
            else if (!rest.empty())
                op = rest.substr(0, 1), arg = rest.substr(1);
            i = close;
        } else if (i + 1 < s.size() && (std::isalnum(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '_')) {
            size_t k = i + 1;
            if (std::isdigit(static_cast<unsigned char>(s[k])))
                ++k;
            else
                while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_')) ++k;
            name = s.substr(i + 1, k - i - 1);
            i = k - 1;
        } else if (i + 1 < s.size() &&
                   (s[i + 1] == '?' || s[i + 1] == '#' || s[i + 1] == '$' || s[i + 1] == '@' || s[i + 1] == '*')) {
            name = std::string(1, s[i + 1]);
            ++i;
        } else {
            return std::make_pair(std::string("$"), true);
        }
        bool set = true;
        std::string val;
        if (name == "?")
            val = std::to_string(last_status);
        else if (name == "#")
            val = std::to_string(positional.size());
        else if (name == "$")
            val = "1";
        else if (name == "@" || name == "*") {
            for (size_t p = 0; p < positional.size(); ++p) val += (p ? " " : "") + positional[p];
        } else if (std::isdigit(static_cast<unsigned char>(name[0]))) {
            size_t n = static_cast<size_t>(std::stoi(name));
            if (n == 0)
                val = script_name;
            else if (n <= positional.size())
                val = positional[n - 1];
            else
                set = false;
        } else {
            auto it = vars.find(name);
            set = it != vars.end();
            if (set) val = it->second;
        }
        bool empty = !set || val.empty();
        if (op == ":-" || op == "-") {
            if (op == ":-" ? empty : !set) val = arg;
        } else if (op == ":=" || op == "=") {
            if (op == ":=" ? empty : !set) vars[name] = val = arg;
        } else if (op == ":?" || op == "?") {
            if (op == ":?" ? empty : !set) {
                expand_error_ = err_prefix() + name + ": " + (arg.empty() ? "parameter not set" : arg) + "\n";
            }
        } else if (op == ":+" || op == "+") {
            val = (op == ":+" ? !empty : set) ? arg : "";
        }
        return std::make_pair(val, quoted);
    };
    auto add_unquoted = [&](const std::string& v) {
        if (!split) {
            cur += v;
            return;
        }
        for (char c : v) {
            if (c == ' ' || c == '\t' || c == '\n') {
                if (!cur.empty() || have) fields.push_back(cur);
                cur.clear();
                have = false;
            } else {
                cur += c;
            }
        }
    };
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '\'') {
            size_t end = s.find('\'', i + 1);
            cur += s.substr(i + 1, end - i - 1);
            have = true;
            i = end;
        } else if (c == '"') {
            have = true;
            ++i;
            while (i < s.size() && s[i] != '"') {
                if (s[i] == '\\' && i + 1 < s.size() && std::string("$`\"\\\n").find(s[i + 1]) != std::string::npos) {
                    if (s[i + 1] != '\n') cur += s[i + 1];
                    i += 2;
                } else if (s[i] == '$') {
                    cur += expand_var(i, true).first;
                    ++i;
                } else {
                    cur += s[i++];
                }
            }
        } else if (c == '\\' && i + 1 < s.size()) {
            cur += s[++i];
            have = true;
        } else if (c == '$') {
            add_unquoted(expand_var(i, false).first);
        } else if (c == '~' && i == 0 && (s.size() == 1 || s[1] == '/')) {
            cur += var("HOME");
        } else {
            cur += c;
        }
    }
    if (!cur.empty() || have) fields.push_back(cur);
    return fields;
}

int Shell::run_command(const ShCommand& c, Io& io, std::string_view text) {
    line = line_col(text, c.span.valid() ? c.span.offset : 0).line;
    expand_error_.clear();
    std::vector<std::string> argv;
    for (const auto& w : c.words) {
        auto f = expand(w, true);
        argv.insert(argv.end(), f.begin(), f.end());
    }
    std::vector<std::pair<std::string, std::string>> assigns;
    for (const auto& [name, w] : c.assigns) {
        auto f = expand(w, false);
        assigns.emplace_back(name, f.empty() ? "" : f[0]);
    }
    if (!expand_error_.empty()) {
        io.err.write(expand_error_);
        exited_ = true;  // a failed ${X:?} ends a non-interactive shell
        return 2;
    }
    // Redirects: capture into buffers, written to files after the command.
    Io cio;
    cio.in = io.in;
    cio.out.sink = [&io](const std::string& s) { io.out.write(s); };
    cio.err.sink = [&io](const std::string& s) { io.err.write(s); };
    struct FileOut {
        std::string path;
        bool append;
        bool is_err;
    };
    std::vector<FileOut> files;
    for (const auto& r : c.redirects) {
        if (r.op == "2>&1") {
            // Duplicates stdout as it is now: `2>&1 > f` keeps stderr on the old stdout.
            if (cio.out.sink)
                cio.err.sink = cio.out.sink;
            else
                cio.err.sink = [&cio](const std::string& s) { cio.out.buf += s; };
            continue;
        }
        if (r.op == ">&2") {
            cio.out.sink = [&io](const std::string& s) { io.err.write(s); };
            continue;
        }
        auto f = expand(r.target, false);
        std::string target = abs(f.empty() ? "" : f[0]);
        if (r.op == "<") {
            const std::string* content = fs().read(target);
            if (!content) {
                io.err.write(err_prefix() + "cannot open " + (f.empty() ? "" : f[0]) + ": No such file\n");
                return 2;
            }
            cio.in = *content;
            continue;
        }
        if (target == "/dev/null") {
            (r.op[0] == '2' ? cio.err : cio.out).sink = [](const std::string&) {};
            continue;
        }
        if (!fs().is_dir(Fs::dirname(target))) {
            io.err.write(err_prefix() + "cannot create " + (f.empty() ? "" : f[0]) + ": Directory nonexistent\n");
            return 2;
        }
        if (fs().is_dir(target)) {
            io.err.write(err_prefix() + "cannot create " + (f.empty() ? "" : f[0]) + ": Is a directory\n");
            return 2;
        }
        bool is_err = r.op[0] == '2';
        bool append = r.op.find(">>") != std::string::npos;
        if (!append) fs().write(target, "");
        files.push_back({target, append, is_err});
        (is_err ? cio.err : cio.out).sink = nullptr;
    }
    int status = 0;
    if (argv.empty()) {
        for (const auto& [k, v] : assigns) vars[k] = v;
    } else {
        const std::string& name = argv[0];
        std::map<std::string, std::string> saved;
        bool builtin = true;
        if (name == "cd") {
            std::string dir = argv.size() > 1 ? argv[1] : var("HOME");
            std::string target = abs(dir);
            if (!fs().is_dir(target)) {
                cio.err.write(err_prefix() + "cd: " +
                              (dialect == "bash" ? dir + ": No such file or directory" : "can't cd to " + dir) + "\n");
                status = dialect == "bash" ? 1 : 2;
            } else {
                cwd = target;
                vars["PWD"] = target;
            }
        } else if (name == "export") {
            for (size_t i = 1; i < argv.size(); ++i) {
                size_t eq = argv[i].find('=');
                if (eq != std::string::npos) vars[argv[i].substr(0, eq)] = argv[i].substr(eq + 1);
            }
        } else if (name == "unset") {
            for (size_t i = 1; i < argv.size(); ++i) vars.erase(argv[i]);
        } else if (name == "set") {
            for (size_t i = 1; i < argv.size(); ++i) {
                if (argv[i] == "-e" || argv[i] == "-eu" || argv[i] == "-ex" || argv[i] == "-euo")
                    errexit = true;
                else if (argv[i] == "+e")
                    errexit = false;
            }
        } else if (name == "exit") {
            status = argv.size() > 1 ? std::atoi(argv[1].c_str()) : last_status;
            exited_ = true;
        } else if (name == "exec") {
            // exec replaces the shell: run the program, then the script ends with its status.
            if (argv.size() > 1) {
                status = exec(std::vector<std::string>(argv.begin() + 1, argv.end()), cio);
                exited_ = true;
            }
        } else if (name == ":" || name == "true") {
            status = 0;
        } else if (name == "false") {
            status = 1;
        } else if (name == "echo" || name == "pwd") {
            // dash, busybox ash and bash have these built in: they work in an image whose only
            // program is /bin/sh (exec-form `docker run img echo` still needs /bin/echo).
            status = (*find_command(name))(*this, argv, cio);
        } else {
            builtin = false;
        }
        if (!builtin) {
            for (const auto& [k, v] : assigns) {
                saved[k] = var(k);
                vars[k] = v;
            }
            status = exec(argv, cio);
            for (const auto& [k, v] : saved) vars[k] = v;
        }
    }
    for (const auto& f : files) fs().append(f.path, f.is_err ? cio.err.buf : cio.out.buf);
    return last_status = status;
}

int Shell::exec(const std::vector<std::string>& argv, Io& io) {
    const std::string& name = argv[0];
    std::string path;
    bool host_like = kind_ != MachineKind::kContainer;
    if (name.find('/') != std::string::npos) {
        path = abs(name);
        if (!fs().is_file(path)) {
            std::string base = Fs::basename(path);
            bool system_bin =
                path.rfind("/usr/", 0) == 0 || path.rfind("/bin/", 0) == 0 || path.rfind("/sbin/", 0) == 0;
            if (host_like && system_bin && find_command(base)) {
                return (*find_command(base))(*this, argv, io);
            }
            if (dialect == "bash")
                io.err.write(err_prefix() + name + ": No such file or directory\n");
            else
                io.err.write(err_prefix() + name + ": not found\n");
            return 127;
        }
    } else {
        std::string p = var("PATH");
        size_t i = 0;
        while (i <= p.size()) {
            size_t j = p.find(':', i);
            if (j == std::string::npos) j = p.size();
            std::string cand = p.substr(i, j - i) + "/" + name;
            if (fs().is_file(cand)) {
                path = cand;
                break;
            }
            i = j + 1;
        }
        if (path.empty()) {
            if (host_like && find_command(name)) return (*find_command(name))(*this, argv, io);
            if (dialect == "bash")
                io.err.write(err_prefix() + name + ": command not found\n");
            else
                io.err.write(err_prefix() + name + ": not found\n");
            return 127;
        }
    }
    const std::string& content = *fs().read(path);
    if (content.rfind("#!sim:", 0) == 0) {
        std::string prog =
            content.substr(6, content.find('\n') == std::string::npos ? std::string::npos : content.find('\n') - 6);
        if (const CommandFn* fn = find_command(prog)) return (*fn)(*this, argv, io);
        io.err.write(err_prefix() + name + ": not found\n");
        return 127;
    }
    // A script: run it in a child shell (dash runs files without a shebang itself).
    Shell child = *this;
    child.positional.assign(argv.begin() + 1, argv.end());
    child.errexit = false;
    child.dialect =
        content.rfind("#!/bin/bash", 0) == 0 || content.rfind("#!/usr/bin/env bash", 0) == 0 ? "bash" : dialect;
    return child.run_script(content, name, io);
}

}  // namespace gramlab::deploy

// Simulated coreutils/procps: echo, pwd, env, cat, ls, mkdir, rm, cp, mv, touch, df, ps, sh, sudo,
// with GNU messages (`ls: cannot access 'x': No such file or directory`) and exit codes.
#include <algorithm>
#include <map>

#include "core/deploy/commands.hpp"

namespace gramlab::deploy {

const CommandFn* find_command(const std::string& name) {
    static const std::map<std::string, CommandFn> kTable = {
        {"echo", cmd_echo},
        {"pwd", cmd_pwd},
        {"env", cmd_env},
        {"printenv", cmd_env},
        {"cat", cmd_cat},
        {"ls", cmd_ls},
        {"mkdir", cmd_mkdir},
        {"rm", cmd_rm},
        {"cp", cmd_cp},
        {"mv", cmd_mv},
        {"touch", cmd_touch},
        {"chmod", cmd_noop},
        {"chown", cmd_noop},
        {"sleep", cmd_noop},
        {"sync", cmd_noop},
        {"whoami", cmd_whoami},
        {"hostname", cmd_hostname},
        {"df", cmd_df},
        {"ps", cmd_ps},
        {"sh", cmd_sh},
        {"bash", cmd_sh},
        {"dash", cmd_sh},
        {"sudo", cmd_sudo},
        {"apt-get", cmd_pkg},
        {"apk", cmd_pkg},
        {"python", cmd_python},
        {"python3", cmd_python},
        {"pip", cmd_pip},
        {"pip3", cmd_pip},
        {"gunicorn", cmd_gunicorn},
        {"nginx", cmd_nginx},
        {"docker-entrypoint-nginx", cmd_nginx_entrypoint},
        {"postgres", cmd_postgres},
        {"docker", cmd_docker},
        {"docker-compose", cmd_docker_compose},
        {"curl", cmd_curl},
        {"systemctl", cmd_systemctl},
        {"service", cmd_systemctl},
    };
    auto it = kTable.find(name);
    return it == kTable.end() ? nullptr : &it->second;
}

namespace {

// GNU getopt-style short options: returns false and prints the GNU message on an invalid one.
bool short_opts(const std::string& prog, const Argv& argv, const std::string& valid, std::string& flags,
                std::vector<std::string>& operands, Io& io, const std::string& help_name) {
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                if (valid.find(a[k]) == std::string::npos) {
                    io.err.write(prog + ": invalid option -- '" + std::string(1, a[k]) + "'\n");
                    io.err.write("Try '" + help_name + " --help' for more information.\n");
                    return false;
                }
                flags += a[k];
            }
        } else if (a.rfind("--", 0) == 0 && a.size() > 2) {
            flags += "L";  // long options are accepted and ignored
        } else {
            operands.push_back(a);
        }
    }
    return true;
}

}  // namespace

int cmd_echo(Shell& sh, const Argv& argv, Io& io) {
    size_t i = 1;
    bool newline = true;
    if (i < argv.size() && argv[i] == "-n") newline = false, ++i;
    std::string out;
    for (size_t k = i; k < argv.size(); ++k) out += (k > i ? " " : "") + argv[k];
    io.out.write(out + (newline ? "\n" : ""));
    return 0;
}

int cmd_pwd(Shell& sh, const Argv&, Io& io) {
    io.out.write(sh.cwd + "\n");
    return 0;
}

int cmd_env(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() > 1 && argv[0] == "env") {
        Argv rest(argv.begin() + 1, argv.end());
        return sh.exec(rest, io);
    }
    for (const auto& [k, v] : sh.vars) io.out.write(k + "=" + v + "\n");
    return 0;
}

int cmd_cat(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() == 1) {
        io.out.write(io.in);
        return 0;
    }
    int status = 0;
    for (size_t i = 1; i < argv.size(); ++i) {
        std::string p = sh.abs(argv[i]);
        if (sh.fs().is_dir(p)) {
            io.err.write("cat: " + argv[i] + ": Is a directory\n");
            status = 1;
        } else if (const std::string* c = sh.fs().read(p)) {
            io.out.write(*c);
        } else {
            io.err.write("cat: " + argv[i] + ": No such file or directory\n");
            status = 1;
        }
    }
    return status;
}

int cmd_ls(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "alhtrR1dF", flags, ops, io, argv[0])) return 2;
    bool all = flags.find('a') != std::string::npos, lng = flags.find('l') != std::string::npos;
    if (ops.empty()) ops.push_back(".");
    int status = 0;
    std::string files_out;
    for (size_t oi = 0; oi < ops.size(); ++oi) {
        std::string p = sh.abs(ops[oi]);
        if (!sh.fs().exists(p)) {
            io.err.write("ls: cannot access '" + ops[oi] + "': No such file or directory\n");
            status = 2;
            continue;
        }
        std::vector<std::string> names;
        if (sh.fs().is_dir(p)) {
            names = sh.fs().list(p);
            if (all)
                names.insert(names.begin(), {".", ".."});
            else
                names.erase(
                    std::remove_if(names.begin(), names.end(), [](const std::string& n) { return n[0] == '.'; }),
                    names.end());
            if (ops.size() > 1) io.out.write((oi ? "\n" : "") + ops[oi] + ":\n");
        } else {
            names = {ops[oi]};
            p = Fs::dirname(p);
        }
        if (lng) {
            if (sh.fs().is_dir(sh.abs(ops[oi]))) io.out.write("total " + std::to_string(names.size() * 4) + "\n");
            for (const auto& n : names) {
                std::string full = n == "." || n == ".." ? p : Fs::normalize(n, p);
                bool dir = sh.fs().is_dir(full);
                const std::string* c = sh.fs().read(full);
                std::string size = std::to_string(dir ? 4096 : (c ? c->size() : 0));
                std::string owner = sh.kind() == MachineKind::kHost ? "ubuntu ubuntu" : "root root";
                std::string mode = dir ? "drwxr-xr-x" : (c && c->rfind("#!", 0) == 0 ? "-rwxr-xr-x" : "-rw-r--r--");
                io.out.write(mode + " 1 " + owner + " " + std::string(size.size() < 5 ? 5 - size.size() : 0, ' ') +
                             size + " Oct  7 12:00 " + n + "\n");
            }
        } else {
            for (const auto& n : names) io.out.write(n + "\n");
        }
    }
    return status;
}

int cmd_mkdir(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "pvm", flags, ops, io, argv[0])) return 1;
    if (ops.empty()) {
        io.err.write("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
        return 1;
    }
    bool parents = flags.find('p') != std::string::npos;
    int status = 0;
    for (const auto& o : ops) {
        std::string p = sh.abs(o);
        if (sh.fs().exists(p)) {
            if (!parents || !sh.fs().is_dir(p)) {
                io.err.write("mkdir: cannot create directory ‘" + o + "’: File exists\n");
                status = 1;
            }
            continue;
        }
        if (!parents && !sh.fs().is_dir(Fs::dirname(p))) {
            io.err.write("mkdir: cannot create directory ‘" + o + "’: No such file or directory\n");
            status = 1;
            continue;
        }
        sh.fs().mkdir_p(p);
    }
    return status;
}

int cmd_rm(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "rRfvid", flags, ops, io, argv[0])) return 1;
    bool rec = flags.find('r') != std::string::npos || flags.find('R') != std::string::npos;
    bool force = flags.find('f') != std::string::npos;
    if (ops.empty() && !force) {
        io.err.write("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    int status = 0;
    for (const auto& o : ops) {
        std::string p = sh.abs(o);
        if (!sh.fs().exists(p)) {
            if (!force) {
                io.err.write("rm: cannot remove '" + o + "': No such file or directory\n");
                status = 1;
            }
            continue;
        }
        if (sh.fs().is_dir(p) && !rec) {
            io.err.write("rm: cannot remove '" + o + "': Is a directory\n");
            status = 1;
            continue;
        }
        sh.fs().remove(p);
    }
    return status;
}

int cmd_cp(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "rRapfv", flags, ops, io, argv[0])) return 1;
    bool rec = flags.find_first_of("rRa") != std::string::npos;
    if (ops.size() < 2) {
        io.err.write(
            std::string("cp: ") +
            (ops.empty() ? "missing file operand" : "missing destination file operand after '" + ops[0] + "'") +
            "\nTry 'cp --help' for more information.\n");
        return 1;
    }
    std::string dst = sh.abs(ops.back());
    int status = 0;
    for (size_t i = 0; i + 1 < ops.size(); ++i) {
        std::string src = sh.abs(ops[i]);
        if (!sh.fs().exists(src)) {
            io.err.write("cp: cannot stat '" + ops[i] + "': No such file or directory\n");
            status = 1;
            continue;
        }
        if (sh.fs().is_dir(src) && !rec) {
            io.err.write("cp: -r not specified; omitting directory '" + ops[i] + "'\n");
            status = 1;
            continue;
        }
        std::string target = sh.fs().is_dir(dst) ? Fs::normalize(Fs::basename(src), dst) : dst;
        Fs copy = sh.fs();
        sh.fs().copy_tree(copy, src, target);
    }
    return status;
}

int cmd_mv(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() < 3) {
        io.err.write("mv: missing file operand\nTry 'mv --help' for more information.\n");
        return 1;
    }
    std::string src = sh.abs(argv[1]), dst = sh.abs(argv[2]);
    if (!sh.fs().exists(src)) {
        io.err.write("mv: cannot stat '" + argv[1] + "': No such file or directory\n");
        return 1;
    }
    if (sh.fs().is_dir(dst)) dst = Fs::normalize(Fs::basename(src), dst);
    Fs copy = sh.fs();
    sh.fs().copy_tree(copy, src, dst);
    sh.fs().remove(src);
    return 0;
}

int cmd_touch(Shell& sh, const Argv& argv, Io& io) {
    for (size_t i = 1; i < argv.size(); ++i) {
        std::string p = sh.abs(argv[i]);
        if (!sh.fs().is_dir(Fs::dirname(p))) {
            io.err.write("touch: cannot touch '" + argv[i] + "': No such file or directory\n");
            return 1;
        }
        if (!sh.fs().exists(p)) sh.fs().write(p, "");
    }
    return 0;
}

int cmd_noop(Shell&, const Argv&, Io&) {
    return 0;
}

int cmd_whoami(Shell& sh, const Argv&, Io& io) {
    io.out.write(sh.user + "\n");
    return 0;
}

int cmd_hostname(Shell& sh, const Argv&, Io& io) {
    io.out.write(sh.var("HOSTNAME") + "\n");
    return 0;
}

// `df -h` inside a container shows the overlay root and Docker's tmpfs mounts (fixed sizes).
int cmd_df(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "aBhHiklmPTtvx", flags, ops, io, argv[0])) return 1;
    bool human = flags.find('h') != std::string::npos;
    if (sh.kind() == MachineKind::kContainer) {
        if (human) {
            io.out.write(
                "Filesystem      Size  Used Avail Use% Mounted on\n"
                "overlay          59G   14G   43G  25% /\n"
                "tmpfs            64M     0   64M   0% /dev\n"
                "shm              64M     0   64M   0% /dev/shm\n"
                "/dev/root        59G   14G   43G  25% /etc/hosts\n");
        } else {
            io.out.write(
                "Filesystem     1K-blocks     Used Available Use% Mounted on\n"
                "overlay         61796348 14518932  44566692  25% /\n"
                "tmpfs              65536        0     65536   0% /dev\n"
                "shm                65536        0     65536   0% /dev/shm\n"
                "/dev/root       61796348 14518932  44566692  25% /etc/hosts\n");
        }
        return 0;
    }
    io.out.write(human ? "Filesystem      Size  Used Avail Use% Mounted on\n"
                         "/dev/root       7.6G  3.1G  4.5G  41% /\n"
                         "tmpfs           483M     0  483M   0% /dev/shm\n"
                         "tmpfs           194M  848K  193M   1% /run\n"
                       : "Filesystem     1K-blocks    Used Available Use% Mounted on\n"
                         "/dev/root        7941576 3249012   4676180  41% /\n"
                         "tmpfs             494100       0    494100   0% /dev/shm\n"
                         "tmpfs             197640     848    196792   1% /run\n");
    return 0;
}

int cmd_ps(Shell& sh, const Argv& argv, Io& io) {
    std::string flags;
    std::vector<std::string> ops;
    if (!short_opts(argv[0], argv, "aefuxwl", flags, ops, io, argv[0])) {
        return 1;
    }
    char buf[256];
    io.out.write("UID          PID    PPID  C STIME TTY          TIME CMD\n");
    std::vector<Process> procs;
    if (sh.kind() == MachineKind::kContainer) {
        procs = sh.ctx().world.containers.at(sh.container()).processes;
        int self = procs.empty() ? 1 : procs.back().pid + 1;
        std::string cmd;
        for (size_t i = 0; i < argv.size(); ++i) cmd += (i ? " " : "") + argv[i];
        procs.push_back(Process{self, "root", cmd, 0, ""});
    } else {
        procs = {{1, "root", "/sbin/init", 0, ""},
                 {512, "root", "/usr/bin/dockerd -H fd://", 0, ""},
                 {901, "ubuntu", "-bash", 0, ""}};
        std::string cmd;
        for (size_t i = 0; i < argv.size(); ++i) cmd += (i ? " " : "") + argv[i];
        procs.push_back({1024, "ubuntu", cmd, 0, ""});
    }
    for (const auto& p : procs) {
        int ppid = p.pid == 1 ? 0 : 1;
        std::snprintf(buf, sizeof buf, "%-8s %7d %7d %2d %5s %-8s %8s %s\n", p.user.c_str(), p.pid, ppid, 0, "12:00",
                      "?", "00:00:00", p.cmd.c_str());
        io.out.write(buf);
    }
    return 0;
}

int cmd_sh(Shell& sh, const Argv& argv, Io& io) {
    Shell child = sh;
    child.dialect = argv[0].find("bash") != std::string::npos ? "bash" : (sh.dialect == "bash" ? "dash" : sh.dialect);
    child.errexit = false;
    size_t i = 1;
    for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-' && argv[i] != "-c"; ++i)
        if (argv[i].find('e') != std::string::npos) child.errexit = true;
    if (i < argv.size() && argv[i] == "-c") {
        if (i + 1 >= argv.size()) {
            io.err.write(argv[0] + ": 0: -c requires an argument\n");
            return 2;
        }
        child.positional.assign(argv.begin() + std::min(argv.size(), i + 3), argv.end());
        child.script_name = i + 2 < argv.size() ? argv[i + 2] : argv[0];
        return child.run_script(argv[i + 1], child.script_name, io);
    }
    if (i >= argv.size()) return child.run_script(io.in, Fs::basename(argv[0]), io);
    std::string path = sh.abs(argv[i]);
    const std::string* text = sh.fs().read(path);
    if (!text) {
        if (child.dialect == "bash")
            io.err.write(argv[0] + ": " + argv[i] + ": No such file or directory\n");
        else
            io.err.write(argv[0] + ": 0: Can't open " + argv[i] + "\n");
        return child.dialect == "bash" ? 127 : 2;
    }
    child.positional.assign(argv.begin() + i + 1, argv.end());
    return child.run_script(*text, argv[i], io);
}

int cmd_sudo(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() < 2) {
        io.err.write("usage: sudo -h | -K | -k | -V\n");
        return 1;
    }
    Shell root = sh;
    root.user = "root";
    root.vars["USER"] = "root";
    root.vars["HOME"] = "/root";
    Argv rest(argv.begin() + 1, argv.end());
    int status = root.exec(rest, io);
    return status;
}

int cmd_pkg(Shell&, const Argv& argv, Io& io) {
    if (argv.size() > 1 && (argv[1] == "update" || argv[1] == "add" || argv[1] == "install" || argv[1] == "upgrade")) {
        io.out.write("Reading package lists... Done\n");
        return 0;
    }
    return 0;
}

}  // namespace gramlab::deploy

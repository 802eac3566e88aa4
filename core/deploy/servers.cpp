// The app-side programs: `python manage.py migrate|showmigrations|loaddata|runserver|check`
// (the database commands run the core facade over the deployed code, see django_app.hpp), pip,
// gunicorn (20.1 log format), nginx (config test, upstream resolution at start), the nginx image's
// /docker-entrypoint.sh, and postgres. A server that starts sets Shell::started so its
// container keeps running.
#include <algorithm>
#include <cctype>
#include <map>

#include "core/deploy/commands.hpp"
#include "core/deploy/django_app.hpp"
#include "core/deploy/docker.hpp"
#include "core/deploy/nginx_conf.hpp"

namespace gramlab::deploy {

namespace {

std::string gtime() {
    return std::string("[") + kSimTime + " +0000]";
}

// The settings module manage.py/wsgi.py points at ("config.settings" → "config/settings.py").
std::string settings_path(Shell& sh, const std::string& root) {
    std::string module = "config.settings";
    for (const char* f : {"/manage.py", "/config/wsgi.py"}) {
        if (const std::string* t = sh.fs().read(root + f)) {
            size_t p = t->find("DJANGO_SETTINGS_MODULE");
            if (p != std::string::npos) {
                size_t q1 = t->find_first_of("'\"", t->find(',', p));
                size_t q2 = q1 == std::string::npos ? q1 : t->find_first_of("'\"", q1 + 1);
                if (q2 != std::string::npos) module = t->substr(q1 + 1, q2 - q1 - 1);
            }
        }
    }
    std::replace(module.begin(), module.end(), '.', '/');
    return root + "/" + module + ".py";
}

// Loads settings like Django does at startup; returns the traceback's last line on failure.
std::string django_setup(Shell& sh, const std::string& root) {
    std::string path = settings_path(sh, root);
    const std::string* text = sh.fs().read(path);
    if (!text) {
        std::string mod = path.substr(root.size() + 1);
        mod = mod.substr(0, mod.find('/'));
        return "ModuleNotFoundError: No module named '" + mod + "'";
    }
    if (text->find("os.environ.get(\"SECRET_KEY\")") != std::string::npos ||
        text->find("os.environ.get('SECRET_KEY')") != std::string::npos ||
        text->find("os.environ[\"SECRET_KEY\"]") != std::string::npos) {
        if (sh.var("SECRET_KEY").empty())
            return "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.";
    }
    return "";
}

int bind_port(const std::string& bind) {
    size_t c = bind.rfind(':');
    return c == std::string::npos ? 8000 : std::atoi(bind.c_str() + c + 1);
}

}  // namespace

int cmd_python(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() < 2) return 0;  // interactive interpreter with no input: exits at EOF
    if (argv[1] == "--version" || argv[1] == "-V") {
        io.out.write("Python " + (sh.var("PYTHON_VERSION").empty() ? std::string("3.8.10") : sh.var("PYTHON_VERSION")) +
                     "\n");
        return 0;
    }
    if (argv[1] == "-m" && argv.size() > 2 && argv[2] == "http.server") {
        // python -m http.server [port] [--bind ADDR] [--directory DIR]
        std::string port = "8000", bind, dir = ".";
        for (size_t i = 3; i < argv.size(); ++i) {
            if ((argv[i] == "--bind" || argv[i] == "-b") && i + 1 < argv.size())
                bind = argv[++i];
            else if ((argv[i] == "--directory" || argv[i] == "-d") && i + 1 < argv.size())
                dir = argv[++i];
            else if (!argv[i].empty() && std::isdigit(static_cast<unsigned char>(argv[i][0])))
                port = argv[i];
        }
        std::string shown = bind.empty() ? "0.0.0.0" : bind;
        io.out.write("Serving HTTP on " + shown + " port " + port + " (http://" + shown + ":" + port + "/) ...\n");
        std::string cmd;
        for (size_t i = 0; i < argv.size(); ++i) cmd += (i ? " " : "") + argv[i];
        if (sh.started) *sh.started = StartedServer{cmd, std::atoi(port.c_str()), 0, sh.abs(dir)};
        return 0;
    }
    if (argv[1] == "-c") {
        io.err.write("(simulated) python -c is not supported by the simulator\n");
        return 1;
    }
    std::string script = sh.abs(argv[1]);
    if (!sh.fs().is_file(script)) {
        io.err.write(argv[0] + ": can't open file '" + script + "': [Errno 2] No such file or directory\n");
        return 2;
    }
    if (Fs::basename(script) != "manage.py") return 0;
    std::string root = Fs::dirname(script);
    std::string sub = argv.size() > 2 ? argv[2] : "help";
    std::string fail = django_setup(sh, root);
    if (!fail.empty()) {
        io.err.write("Traceback (most recent call last):\n  File \"" + script +
                     "\", line 22, in <module>\n    main()\n" + fail + "\n");
        return 1;
    }
    if (sub == "migrate" || sub == "showmigrations" || sub == "loaddata") {
        // The project the machine's files hold, against the database settings + environment select.
        auto files = deployed_project(sh.fs(), root);
        if (!files.ok()) {
            io.err.write("Traceback (most recent call last):\n  File \"" + script +
                         "\", line 22, in <module>\n    main()\n" + files.error().to_string() + "\n");
            return 1;
        }
        World& w = sh.ctx().world;
        Container* self = nullptr;
        if (sh.kind() == MachineKind::kContainer) {
            auto it = w.containers.find(sh.container());
            if (it != w.containers.end()) self = &it->second;
        }
        std::vector<std::pair<std::string, std::string>> env = {{"SQL_ENGINE", sh.var("SQL_ENGINE")},
                                                                {"SQL_HOST", sh.var("SQL_HOST")}};
        AppDatabase where = app_database(w, self, sh.fs(), root, env);
        std::vector<std::string> args(argv.begin() + 2, argv.end());
        const std::string app_dir = root + "/" + files->app_label;
        Fs& fs = sh.fs();
        auto fixture = [&](const std::string& label) -> const std::string* {
            // A path (relative to the cwd), else <app>/fixtures/<label>[.json].
            for (const std::string& p : {sh.abs(label), sh.abs(label + ".json"), app_dir + "/fixtures/" + label,
                                         app_dir + "/fixtures/" + label + ".json"})
                if (fs.is_file(p)) return fs.read(p);
            return nullptr;
        };
        gramlab::CommandResult r = manage_database_command(files.value(), where, args, fixture);
        io.out.write(r.out);
        io.err.write(r.err);
        return r.exit_code;
    }
    if (sub == "check") {
        io.out.write("System check identified no issues (0 silenced).\n");
        return 0;
    }
    if (sub == "collectstatic") {
        io.out.write("\n0 static files copied to '" + root + "/staticfiles'.\n");
        return 0;
    }
    if (sub == "runserver") {
        std::string addr = argv.size() > 3 ? argv[3] : "127.0.0.1:8000";
        if (addr.find(':') == std::string::npos) addr = "127.0.0.1:" + addr;
        io.out.write(
            "Watching for file changes with StatReloader\nPerforming system checks...\n\n"
            "System check identified no issues (0 silenced).\nOctober 07, 2021 - 12:00:00\n"
            "Django version 3.2.25, using settings 'config.settings'\nStarting development server at http://" +
            addr + "/\nQuit the server with CONTROL-C.\n");
        if (sh.started) *sh.started = StartedServer{"python manage.py runserver " + addr, bind_port(addr), 0, ""};
        return 0;
    }
    io.err.write("Unknown command: '" + sub + "'\nType 'manage.py help' for usage.\n");
    return 1;
}

int cmd_pip(Shell& sh, const Argv& argv, Io& io) {
    if (argv.size() < 2 || argv[1] != "install") return 0;
    std::vector<std::string> pkgs;
    for (size_t i = 2; i < argv.size(); ++i) {
        if (argv[i] == "-r" && i + 1 < argv.size()) {
            const std::string* req = sh.fs().read(sh.abs(argv[i + 1]));
            if (!req) {
                io.err.write("ERROR: Could not open requirements file: [Errno 2] No such file or directory: '" +
                             argv[i + 1] + "'\n");
                return 1;
            }
            size_t p = 0;
            while (p < req->size()) {
                size_t nl = req->find('\n', p);
                std::string line = req->substr(p, nl == std::string::npos ? std::string::npos : nl - p);
                p = nl == std::string::npos ? req->size() : nl + 1;
                if (!line.empty() && line.back() == '\r') line.pop_back();
                if (!line.empty() && line[0] != '#') pkgs.push_back(line);
            }
            ++i;
        } else if (argv[i][0] != '-') {
            pkgs.push_back(argv[i]);
        }
    }
    std::string installed;
    for (const auto& p : pkgs) {
        io.out.write("Collecting " + p + "\n");
        std::string name = p.substr(0, p.find_first_of("=<>"));
        std::string ver = p.find("==") != std::string::npos ? p.substr(p.find("==") + 2) : "1.0";
        installed += " " + name + "-" + ver;
        sh.fs().mkdir_p("/usr/local/lib/python3/site-packages/" + name);
        if (name == "gunicorn") sh.fs().write("/usr/local/bin/gunicorn", "#!sim:gunicorn\n");
    }
    if (!pkgs.empty()) io.out.write("Successfully installed" + installed + "\n");
    return 0;
}

int cmd_gunicorn(Shell& sh, const Argv& argv, Io& io) {
    std::string bind = "127.0.0.1:8000", chdir = sh.cwd;
    int workers = 1;
    std::vector<std::string> positional;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        auto value = [&](const std::string& flag) -> std::string {
            if (a == flag && i + 1 < argv.size()) return argv[++i];
            if (a.rfind(flag + "=", 0) == 0) return a.substr(flag.size() + 1);
            return "";
        };
        std::string v;
        if (!(v = value("--bind")).empty() || !(v = value("-b")).empty())
            bind = v;
        else if (!(v = value("--workers")).empty() || !(v = value("-w")).empty())
            workers = std::atoi(v.c_str());
        else if (!(v = value("--chdir")).empty())
            chdir = sh.abs(v);
        else if (a == "--version" || a == "-v") {
            io.out.write("gunicorn (version 20.1.0)\n");
            return 0;
        } else if (a[0] != '-')
            positional.push_back(a);
    }
    const char* usage = "usage: gunicorn [OPTIONS] [APP_MODULE]\n";
    if (positional.size() > 1) {
        std::string extra;
        for (size_t i = 1; i < positional.size(); ++i) extra += (i > 1 ? " " : "") + positional[i];
        io.err.write(std::string(usage) + "gunicorn: error: unrecognized arguments: " + extra + "\n");
        return 2;
    }
    if (positional.empty()) {
        io.err.write(std::string(usage) + "gunicorn: error: No application module specified.\n");
        return 1;
    }
    io.err.write(gtime() + " [1] [INFO] Starting gunicorn 20.1.0\n" + gtime() + " [1] [INFO] Listening at: http://" +
                 bind + " (1)\n" + gtime() + " [1] [INFO] Using worker: sync\n" + gtime() +
                 " [8] [INFO] Booting worker with pid: 8\n");
    std::string module = positional[0].substr(0, positional[0].find(':'));
    std::string file = module;
    std::replace(file.begin(), file.end(), '.', '/');
    std::string fail;
    if (!sh.fs().is_file(chdir + "/" + file + ".py"))
        fail = "ModuleNotFoundError: No module named '" + module.substr(0, module.find('.')) + "'";
    else
        fail = django_setup(sh, chdir);
    if (!fail.empty()) {
        io.err.write(gtime() +
                     " [8] [ERROR] Exception in worker process\nTraceback (most recent call last):\n"
                     "  File \"/usr/local/lib/python3/site-packages/gunicorn/arbiter.py\", line 589, in spawn_worker\n "
                     "   worker.init_process()\n" +
                     fail + "\n" + gtime() + " [8] [INFO] Worker exiting (pid: 8)\n" + gtime() +
                     " [1] [INFO] Shutting down: Master\n" + gtime() + " [1] [INFO] Reason: Worker failed to boot.\n");
        return 3;
    }
    if (sh.started) {
        std::string cmd;
        for (size_t i = 0; i < argv.size(); ++i) cmd += (i ? " " : "") + argv[i];
        *sh.started = StartedServer{"/usr/local/bin/python " + cmd, bind_port(bind), workers, ""};
    }
    return 0;
}

int cmd_nginx(Shell& sh, const Argv& argv, Io& io) {
    bool test = std::find(argv.begin(), argv.end(), "-t") != argv.end();
    if (std::find(argv.begin(), argv.end(), "-v") != argv.end()) {
        io.err.write("nginx version: nginx/" + sh.var("NGINX_VERSION") + "\n");
        return 0;
    }
    // Parse the conf.d files the stock nginx.conf includes, then resolve upstream hosts (nginx
    // resolves them once, at start).
    int port = 0;
    for (const auto& name : sh.fs().list("/etc/nginx/conf.d")) {
        if (name.size() < 5 || name.substr(name.size() - 5) != ".conf") continue;
        std::string path = "/etc/nginx/conf.d/" + name;
        const std::string* text = sh.fs().read(path);
        if (!text) continue;
        auto conf = parse_nginx_conf(*text, path, "http");
        if (!conf.ok()) {
            io.err.write(nginx_error_line(conf.error()) + "\n");
            if (test) io.err.write("nginx: configuration file /etc/nginx/nginx.conf test failed\n");
            return 1;
        }
        for (const auto& d : conf->directives) {
            if (d.name == "server")
                for (const auto& s : d.block)
                    if (s.name == "listen" && port == 0)
                        port = std::atoi(s.args[0].c_str() +
                                         (s.args[0].rfind(':') == std::string::npos ? 0 : s.args[0].rfind(':') + 1));
            if (d.name != "upstream" && d.name != "server") continue;
            std::vector<const NginxDirective*> targets;
            if (d.name == "upstream") {
                for (const auto& s : d.block)
                    if (s.name == "server") targets.push_back(&s);
            } else {
                for (const auto& loc : d.block)
                    for (const auto& s : loc.block)
                        if (s.name == "proxy_pass") targets.push_back(&s);
            }
            for (const auto* t : targets) {
                std::string hostport = t->args[0];
                if (hostport.rfind("http://", 0) == 0) hostport = hostport.substr(7);
                hostport = hostport.substr(0, hostport.find('/'));
                std::string host = hostport.substr(0, hostport.find(':'));
                bool is_upstream_name = false;
                for (const auto& u : conf->directives)
                    if (u.name == "upstream" && !u.args.empty() && u.args[0] == host) is_upstream_name = true;
                if (is_upstream_name || host == "localhost" || host == "127.0.0.1" || host.empty()) continue;
                if (sh.kind() != MachineKind::kContainer) continue;
                const Container& self = sh.ctx().world.containers.at(sh.container());
                if (!resolve_container(sh.ctx().world, self, host)) {
                    io.err.write(std::string("2021/10/07 12:00:00") + " [emerg] 1#1: host not found in upstream \"" +
                                 hostport + "\" in " + path + ":" + std::to_string(t->line) + "\n");
                    io.err.write("nginx: [emerg] host not found in upstream \"" + hostport + "\" in " + path + ":" +
                                 std::to_string(t->line) + "\n");
                    return 1;
                }
            }
        }
    }
    if (test) {
        io.err.write(
            "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
            "nginx: configuration file /etc/nginx/nginx.conf test is successful\n");
        return 0;
    }
    if (sh.started) {
        std::string cmd;
        for (size_t i = 0; i < argv.size(); ++i) cmd += (i ? " " : "") + argv[i];
        *sh.started = StartedServer{"nginx: master process " + cmd, port == 0 ? 80 : port, 1, ""};
    }
    return 0;
}

int cmd_nginx_entrypoint(Shell& sh, const Argv& argv, Io& io) {
    io.out.write(
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n");
    if (!sh.fs().is_file("/etc/nginx/conf.d/default.conf"))
        io.out.write(
            "10-listen-on-ipv6-by-default.sh: error: /etc/nginx/conf.d/default.conf is not a file or does not exist\n");
    io.out.write("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    if (argv.size() < 2) return 0;
    Argv rest(argv.begin() + 1, argv.end());
    return sh.exec(rest, io);
}

int cmd_postgres(Shell& sh, const Argv& argv, Io& io) {
    io.out.write(std::string(kSimTime) + ".000 UTC [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432\n" +
                 kSimTime + ".000 UTC [1] LOG:  database system is ready to accept connections\n");
    if (sh.started) *sh.started = StartedServer{"postgres", 5432, 0, ""};
    return 0;
}

}  // namespace gramlab::deploy

// Dispatches `gramlab SUBCOMMAND ...`: parses options the way Django's argparse-based
// commands do (same usage errors, exit code 2), reads the project's files from disk, calls
// the core facade and writes what it returns (stdout, stderr, migration files).
#include "server/cli.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <unistd.h>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/gramlab.hpp"
#include "server/deploy_command.hpp"

namespace gramlab::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kTopHelp =
    "Usage: gramlab <subcommand> [options] [args]\n"
    "\n"
    "gramlab runs Django 3.2's model layer (manage.py commands) on a models.py, natively.\n"
    "Type 'gramlab <subcommand> --help' for help on a specific subcommand.\n"
    "\n"
    "Available subcommands:\n"
    "\n"
    "[gramlab]\n"
    "    check            run Django's system checks on the models\n"
    "    deploy           step through the deploy pipeline simulator (gramlab deploy --help)\n"
    "    dumpdata         print the database as a JSON fixture\n"
    "    loaddata         load JSON fixtures into the database\n"
    "    makemigrations   write new migrations for model changes\n"
    "    migrate          apply migrations to the database\n"
    "    shell            run Django ORM statements (manage.py shell); --json for graders\n"
    "    showmigrations   list migrations and whether they are applied\n"
    "    sqlmigrate       print the SQL of one migration\n"
    "    version          print the version\n"
    "\n"
    "Options common to every subcommand:\n"
    "  --models PATH     models.py (or a models/ package folder); default ./models.py\n"
    "  --app LABEL       the app label; default: the folder holding models.py\n"
    "  --settings PATH   settings.py; default: settings.py beside models.py if present\n"
    "  --database URL    sqlite:///PATH or sqlite://:memory:; default sqlite:///db.sqlite3 beside models.py\n"
    "  --now TIME        fix the clock (e.g. 2024-01-15T12:00:00Z) for reproducible output\n"
    "  -v {0,1,2,3}, --verbosity {0,1,2,3}\n"
    "                    Django's verbosity level; 0=minimal output, 1=normal output,\n"
    "                    2=verbose output, 3=very verbose output\n";

struct CommandSpec {
    const char* name;
    const char* usage_args;  // after the common options
    const char* help;
    std::vector<std::string> flags;        // boolean options
    std::vector<std::string> value_opts;   // options taking a value (besides the common ones)
    size_t min_positional, max_positional;
    std::vector<std::string> positional_names;
};

const std::vector<CommandSpec>& specs() {
    static const std::vector<CommandSpec> s = {
        {"check", "[app_label ...]", "Checks the entire Django project for potential problems.", {"--deploy"}, {"--tag", "-t"}, 0, 100, {}},
        {"makemigrations", "[--dry-run] [--check] [-n NAME] [app_label ...]",
         "Creates new migration(s) for apps.", {"--dry-run", "--check", "--noinput", "--no-input", "--merge", "--empty"},
         {"-n", "--name"}, 0, 100, {}},
        {"migrate", "[app_label] [migration_name]",
         "Updates database schema. Manages both apps with migrations and those without.",
         {"--noinput", "--no-input", "--fake", "--plan"}, {}, 0, 2, {}},
        {"loaddata", "fixture [fixture ...]", "Installs the named fixture(s) in the database.", {}, {"--app-fixtures"}, 1, 100,
         {"fixture"}},
        {"dumpdata", "[--indent N] [app_label[.ModelName] ...]",
         "Output the contents of the database as a fixture of the given format (using each model's default manager "
         "unless --all is specified).", {"--all", "-a"}, {"--indent", "--format"}, 0, 100, {}},
        {"showmigrations", "[app_label ...]", "Shows all available migrations for the current project", {"--list", "-l"}, {}, 0, 100, {}},
        {"shell", "[--json] [-c COMMAND]",
         "Runs Python statements against the project's models like manage.py shell: interactively on a terminal, "
         "else the statements read from standard input (or -c). --json prints one JSON object per statement: "
         "statement, output, error, queries.", {"--json"}, {"-c", "--command", "--time-budget-ms", "--pin-random", "--result-rows"}, 0, 0, {}},
        {"sqlmigrate", "app_label migration_name",
         "Prints the SQL statements for the named migration.", {"--backwards"}, {}, 2, 2,
         {"app_label", "migration_name"}},
    };
    return s;
}

struct Parsed {
    std::map<std::string, std::string> opts;
    std::vector<std::string> flags;
    std::vector<std::string> positional;
    bool has_flag(const std::string& f) const {
        for (const auto& x : flags)
            if (x == f) return true;
        return false;
    }
};

const std::vector<std::string> kCommonValueOpts = {"--models", "--app", "--settings", "--database", "--now", "-v", "--verbosity"};

// The levels each command implements as Django does. Above them Django prints what gramlab
// does not have (migrate: each migration's timing and the signal handlers' lines; loaddata:
// where it looked for fixtures), so such a level is refused rather than silently ignored.
int max_verbosity(const std::string& cmd) {
    if (cmd == "migrate" || cmd == "loaddata") return 1;
    return 3;
}

std::string usage(const CommandSpec& s) {
    return std::string("usage: gramlab ") + s.name + " [-h] [--models PATH] [--app LABEL] [--settings PATH] "
           "[--database URL] [--now TIME] [-v {0,1,2,3}] " + s.usage_args + "\n";
}

// argparse-style errors: usage line, "gramlab CMD: error: ...", exit 2.
int usage_error(const CommandSpec& s, const std::string& msg) {
    std::cerr << usage(s) << "gramlab " << s.name << ": error: " << msg << "\n";
    return 2;
}

bool read_file(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

std::string display_path(const fs::path& p) {
    // makemigrations: a path relative to the working directory when below it.
    std::error_code ec;
    fs::path rel = fs::relative(p, fs::current_path(ec), ec);
    std::string s = rel.generic_string();
    if (ec || s.empty() || s.rfind("..", 0) == 0) return fs::absolute(p, ec).generic_string();
    return s;
}

// "2024-01-15T12:00:00Z" → tm (the core's parse_clock); empty → now.
bool parse_now(const std::string& text, std::tm& tm) {
    if (text.empty()) {
        std::time_t t = std::time(nullptr);
        tm = *std::gmtime(&t);
        return true;
    }
    std::optional<std::string> clock = parse_clock(text);
    if (!clock) return false;
    int y, mo, d, h, mi, sec;
    if (std::sscanf(clock->c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) != 6) return false;
    tm = {};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = sec;
    return true;
}

std::string format_tm(const std::tm& tm, const char* fmt) {
    char buf[64];
    std::strftime(buf, sizeof buf, fmt, &tm);
    return buf;
}

struct Loaded {
    ProjectFiles files;
    fs::path app_dir;
    fs::path migrations_dir;
    std::string database;
};

// Reads the app folder into (path inside the folder → text) and lets the core decide what
// Django would import (project_files_from_folder); paths are shown relative to the cwd.
int load_project_files(const Parsed& p, Loaded& out) {
    fs::path models = p.opts.count("--models") ? fs::path(p.opts.at("--models")) : fs::path("models.py");
    std::error_code ec;
    bool package = fs::is_directory(models, ec);
    if (!package && !fs::exists(models, ec) && models.filename() == "models.py" &&
        fs::exists(models.parent_path() / "models" / "__init__.py", ec)) {
        models = models.parent_path() / "models";
        package = true;
    }
    fs::path app_dir = models.parent_path();
    if (app_dir.empty()) app_dir = ".";
    std::string app_label = p.opts.count("--app") ? p.opts.at("--app")
                                                  : fs::absolute(app_dir, ec).lexically_normal().filename().string();
    if (app_label.empty() || app_label == ".") app_label = fs::absolute(app_dir, ec).parent_path().filename().string();
    std::map<std::string, std::string> files;       // path inside the app folder → text
    std::map<std::string, fs::path> real;           // the same path → where it was read from
    auto add = [&](const std::string& rel, const fs::path& from) {
        std::string text;
        if (!read_file(from, text)) return false;
        files[rel] = std::move(text);
        real[rel] = from;
        return true;
    };
    if (package) {
        for (const auto& entry : fs::directory_iterator(models, ec)) {
            if (entry.path().extension() != ".py") continue;
            if (!add("models/" + entry.path().filename().string(), entry.path())) {
                std::cerr << "gramlab: cannot read " << entry.path().string() << "\n";
                return 1;
            }
        }
        if (files.empty()) {
            std::cerr << "gramlab: " << models.string() << " has no __init__.py\n";
            return 1;
        }
    } else if (!add("models.py", models)) {
        std::cerr << "gramlab: cannot read " << models.string() << " (use --models PATH to point at your models.py)\n";
        return 1;
    }
    fs::path settings = p.opts.count("--settings") ? fs::path(p.opts.at("--settings")) : app_dir / "settings.py";
    if (fs::exists(settings, ec)) {
        if (!add("settings.py", settings)) {
            std::cerr << "gramlab: cannot read " << settings.string() << "\n";
            return 1;
        }
    } else if (p.opts.count("--settings")) {
        std::cerr << "gramlab: settings file " << settings.string() << " does not exist\n";
        return 1;
    }
    out.migrations_dir = app_dir / "migrations";
    if (fs::is_directory(out.migrations_dir, ec)) {
        for (const auto& entry : fs::directory_iterator(out.migrations_dir, ec)) {
            if (entry.path().extension() != ".py") continue;
            if (!add("migrations/" + entry.path().filename().string(), entry.path())) return 1;
        }
    }
    out.files = project_files_from_folder(app_label, files, [&](const std::string& rel) {
        auto it = real.find(rel);
        return display_path(it != real.end() ? it->second : app_dir / rel);
    });
    out.app_dir = app_dir;
    out.database = p.opts.count("--database") ? p.opts.at("--database")
                                              : "sqlite:///" + (app_dir / "db.sqlite3").string();
    return 0;
}

int emit(const CommandResult& r, const Loaded* loaded) {
    for (const auto& [path, text] : r.files) {
        fs::path target = loaded ? loaded->migrations_dir / fs::path(path).filename() : fs::path(path);
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (!fs::exists(target.parent_path() / "__init__.py", ec)) std::ofstream(target.parent_path() / "__init__.py");
        std::ofstream out(target, std::ios::binary);
        out << text;
        if (!out) {
            std::cerr << "gramlab: cannot write " << target.string() << "\n";
            return 1;
        }
    }
    std::cout << r.out;
    std::cerr << r.err;
    return r.exit_code;
}

int run_command(const CommandSpec& spec, const std::vector<std::string>& args) {
    Parsed p;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << usage(spec) << "\n" << spec.help << "\n\n" << kTopHelp;
            return 0;
        }
        std::string key = a, val;
        bool has_eq = false;
        if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
            key = a.substr(0, a.find('='));
            val = a.substr(a.find('=') + 1);
            has_eq = true;
        } else if (a.size() > 2 && a.rfind("-v", 0) == 0) {
            // argparse's attached short option: -v2 (and -v=2)
            key = "-v";
            val = a.substr(a[2] == '=' ? 3 : 2);
            has_eq = true;
        }
        bool is_value = std::find(kCommonValueOpts.begin(), kCommonValueOpts.end(), key) != kCommonValueOpts.end() ||
                        std::find(spec.value_opts.begin(), spec.value_opts.end(), key) != spec.value_opts.end();
        if (is_value) {
            if (!has_eq) {
                // argparse takes no value that looks like an option ("-v --models x").
                auto is_option = [](const std::string& s) {
                    return s.size() > 1 && s[0] == '-' && !(std::isdigit(static_cast<unsigned char>(s[1])) || s[1] == '.');
                };
                if (i + 1 >= args.size() || is_option(args[i + 1]))
                    return usage_error(spec, "argument " + (key == "-v" || key == "--verbosity" ? std::string("-v/--verbosity") : key) +
                                                 ": expected one argument");
                val = args[++i];
            }
            p.opts[key == "-n" ? "--name" : key == "-v" ? "--verbosity" : key] = val;
            continue;
        }
        if (std::find(spec.flags.begin(), spec.flags.end(), a) != spec.flags.end()) {
            p.flags.push_back(a);
            continue;
        }
        if (a.size() > 1 && a[0] == '-') return usage_error(spec, "unrecognized arguments: " + a);
        p.positional.push_back(a);
    }
    if (p.positional.size() < spec.min_positional) {
        std::string missing;
        for (size_t i = p.positional.size(); i < spec.positional_names.size(); ++i)
            missing += (missing.empty() ? "" : ", ") + spec.positional_names[i];
        return usage_error(spec, "the following arguments are required: " + missing);
    }
    if (p.positional.size() > spec.max_positional) {
        std::string extra;
        for (size_t i = spec.max_positional; i < p.positional.size(); ++i) extra += (extra.empty() ? "" : " ") + p.positional[i];
        return usage_error(spec, "unrecognized arguments: " + extra);
    }
    // Options Django has that gramlab does not implement yet are refused, never ignored.
    for (const char* unsupported : {"--fake", "--plan", "--merge", "--empty", "--deploy", "--backwards"})
        if (p.has_flag(unsupported)) {
            std::cerr << "gramlab " << spec.name << ": " << unsupported << " is not supported in gramlab yet\n";
            return 2;
        }
    int verbosity = 1;
    if (p.opts.count("--verbosity")) {
        // type=int, choices=[0, 1, 2, 3] (BaseCommand.create_parser)
        const std::string& v = p.opts.at("--verbosity");
        char* end = nullptr;
        long n = std::strtol(v.c_str(), &end, 10);
        size_t first = v.find_first_not_of(" \t");
        if (v.empty() || first == std::string::npos || *end != '\0')
            return usage_error(spec, "argument -v/--verbosity: invalid int value: '" + v + "'");
        if (n < 0 || n > 3)
            return usage_error(spec, "argument -v/--verbosity: invalid choice: " + std::to_string(n) + " (choose from 0, 1, 2, 3)");
        verbosity = static_cast<int>(n);
        if (verbosity > max_verbosity(spec.name)) {
            std::cerr << "gramlab " << spec.name << ": -v " << verbosity << " is not supported in gramlab yet (use 0 or 1)\n";
            return 2;
        }
    }
    std::tm now{};
    if (!parse_now(p.opts.count("--now") ? p.opts.at("--now") : "", now))
        return usage_error(spec, "argument --now: invalid time '" + p.opts.at("--now") + "' (use 2024-01-15T12:00:00Z)");

    Loaded loaded;
    if (int rc = load_project_files(p, loaded)) return rc;
    loaded.files.now = format_tm(now, "%Y-%m-%d %H:%M:%S");
    Project project(loaded.files);
    const std::string cmd = spec.name;
    if (cmd == "check") return emit(project.check(), &loaded);
    if (cmd == "makemigrations") {
        for (const auto& app : p.positional)
            if (app != loaded.files.app_label) {
                std::cerr << "App '" << app << "' could not be found. Is it in INSTALLED_APPS?\n";
                return 2;
            }
        // Questions go to the terminal as Django asks them; --noinput uses the
        // non-interactive questioner.
        migrations::InteractiveQuestioner questioner(
            [](const std::string& text) { std::cout << text << std::flush; },
            []() -> std::optional<std::string> {
                std::string line;
                if (!std::getline(std::cin, line)) return std::nullopt;
                return line;
            });
        MakemigrationsOptions o;
        if (!p.has_flag("--noinput") && !p.has_flag("--no-input")) o.questioner = &questioner;
        o.dry_run = p.has_flag("--dry-run");
        o.check = p.has_flag("--check");
        o.name = p.opts.count("--name") ? p.opts.at("--name") : "";
        o.now = format_tm(now, "%Y-%m-%d %H:%M");
        o.now_compact = format_tm(now, "%Y%m%d_%H%M");
        o.verbosity = verbosity;
        CommandResult r = project.makemigrations(o);
        if (!p.positional.empty() && r.out == "No changes detected\n")
            r.out = "No changes detected in app '" + p.positional[0] + "'\n";
        return emit(r, &loaded);
    }
    if (cmd == "sqlmigrate") return emit(project.sqlmigrate(p.positional[0], p.positional[1], verbosity), &loaded);
    auto conn = db::Connection::open(loaded.database);
    if (!conn.ok()) {
        std::cerr << conn.error().to_string() << "\n";
        return 1;
    }
    if (cmd == "migrate") {
        std::string app = p.positional.size() > 0 ? p.positional[0] : "";
        std::string target = p.positional.size() > 1 ? p.positional[1] : "";
        return emit(project.migrate(*conn.value(), app, target, format_tm(now, "%Y-%m-%d %H:%M:%S") + ".000000", verbosity),
                    &loaded);
    }
    if (cmd == "showmigrations") return emit(project.showmigrations(*conn.value(), verbosity), &loaded);
    if (cmd == "shell") {
        if (!project.apps().ok()) return emit(project.check(), &loaded);
        shell::SessionOptions so;
        so.now = format_tm(now, "%Y-%m-%d %H:%M:%S");
        if (p.opts.count("--time-budget-ms")) so.time_budget_ms = std::atoi(p.opts.at("--time-budget-ms").c_str());
        if (p.opts.count("--pin-random")) so.pinned_random = p.opts.at("--pin-random");
        if (p.opts.count("--result-rows")) so.result_rows = std::max<int64_t>(0, std::atoll(p.opts.at("--result-rows").c_str()));
        auto session = project.shell(*conn.value(), so);
        bool json = p.has_flag("--json");
        auto show = [&](const std::vector<shell::StatementResult>& results) {
            for (const auto& r : results) {
                if (json) {
                    std::cout << shell::to_json(r) << "\n";
                    continue;
                }
                if (r.output) std::cout << *r.output;
                if (r.error) {
                    std::cout << std::flush;
                    std::cerr << r.error->type << (r.error->message.empty() ? "" : ": " + r.error->message) << "\n";
                }
            }
            std::cout << std::flush;
        };
        std::string command = p.opts.count("-c") ? p.opts.at("-c") : p.opts.count("--command") ? p.opts.at("--command") : "";
        if (!command.empty()) {
            show(session->run(command));
            return 0;
        }
        if (!isatty(0) || json) {
            std::ostringstream ss;
            ss << std::cin.rdbuf();
            show(session->run(ss.str()));
            return 0;
        }
        // Interactive: the console's prompts; a block ends at an empty line.
        std::cout << "Python 3.11 (gramlab " << "0.1.0" << ", Django 3.2.25 ORM)\n(InteractiveConsole)\n";
        std::string block, line;
        for (;;) {
            std::cout << (block.empty() ? ">>> " : "... ") << std::flush;
            if (!std::getline(std::cin, line)) {
                if (!block.empty()) show(session->run(block));
                std::cout << "\n";
                break;
            }
            bool opens = !line.empty() && line.find_last_not_of(" \t") != std::string::npos &&
                         line[line.find_last_not_of(" \t")] == ':';
            if (block.empty() && !opens) {
                show(session->run(line));
                continue;
            }
            if (!block.empty() && line.find_first_not_of(" \t") == std::string::npos) {
                show(session->run(block));
                block.clear();
                continue;
            }
            block += line + "\n";
        }
        return 0;
    }
    if (cmd == "loaddata") {
        // A fixture is a path, or a name looked up in <app>/fixtures/ (name.json).
        std::vector<std::pair<std::string, std::string>> fixtures;
        for (const auto& name : p.positional) {
            std::vector<fs::path> candidates = {fs::path(name), loaded.app_dir / "fixtures" / name,
                                                loaded.app_dir / "fixtures" / (name + ".json")};
            std::string text;
            bool found = false;
            for (const auto& c : candidates) {
                std::error_code ec;
                if (fs::is_regular_file(c, ec) && read_file(c, text)) {
                    fixtures.emplace_back(display_path(c), text);
                    found = true;
                    break;
                }
            }
            if (!found) {
                std::cerr << "CommandError: No fixture named '" << fs::path(name).stem().string() << "' found.\n";
                return 1;
            }
        }
        return emit(project.loaddata(*conn.value(), fixtures, verbosity), &loaded);
    }
    if (cmd == "dumpdata") {
        int indent = -1;
        if (p.opts.count("--indent")) {
            char* end = nullptr;
            long v = std::strtol(p.opts.at("--indent").c_str(), &end, 10);
            if (*end != '\0' || p.opts.at("--indent").empty())
                return usage_error(spec, "argument --indent: invalid int value: '" + p.opts.at("--indent") + "'");
            indent = static_cast<int>(v);
        }
        if (p.opts.count("--format") && p.opts.at("--format") != "json") {
            std::cerr << "CommandError: Unknown serialization format: " << p.opts.at("--format") << "\n";
            return 1;
        }
        return emit(project.dumpdata(*conn.value(), p.positional, indent, p.has_flag("--all") || p.has_flag("-a")), &loaded);
    }
    return 1;
}

}  // namespace

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        if (args.size() > 1 && args[0] == "help") {
            for (const auto& s : specs())
                if (args[1] == s.name) return run_command(s, {"--help"});
        }
        std::cout << kTopHelp;
        return 0;
    }
    const std::string& cmd = args[0];
    if (cmd == "version" || cmd == "--version") {
        std::cout << "gramlab 0.1.0 (Django 3.2.25 compatible)\n";
        return 0;
    }
    if (cmd == "deploy") return run_deploy(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
    for (const auto& s : specs())
        if (cmd == s.name) return run_command(s, std::vector<std::string>(args.begin() + 1, args.end()));
    std::cerr << "Unknown command: '" << cmd << "'\nType 'gramlab help' for usage.\n";
    return 1;
}

}  // namespace gramlab::cli

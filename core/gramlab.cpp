// The facade's commands: each reproduces the matching django/core/management/commands/*.py
// handle() over the core modules, with Django's messages and exit codes.
#include "core/gramlab.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "core/backends/sqlite/explain.hpp"
#include "core/common/base64.hpp"
#include "core/common/diagnostic.hpp"
#include "core/deploy/deploy_json.hpp"
#include "core/deploy/simulator.hpp"
#include "core/deploy/terminal.hpp"
#include "core/migrations/autodetector.hpp"
#include "core/models/checks.hpp"
#include "core/orm/manager_rows.hpp"
#include "core/serializers/json_serializer.hpp"
#include "core/shell/interp.hpp"

namespace gramlab {

namespace {

std::string source_of(const ProjectFiles& files, const std::string& path) {
    for (const auto& f : files.model_files)
        if (f.path == path) return f.text;
    if (files.settings && files.settings->path == path) return files.settings->text;
    for (const auto& m : files.migration_files)
        if (m.path == path) return m.text;
    return "";
}

}  // namespace

Project::Project(ProjectFiles files)
    : files_(std::move(files)),
      apps_(models::load_project({files_.app_label, files_.model_files, files_.settings, files_.now})) {}

std::unique_ptr<shell::Session> Project::shell(db::Connection& conn, shell::SessionOptions options) const {
    if (!apps_.ok()) return nullptr;
    return std::make_unique<shell::Session>(apps_.value(), conn, files_.app_label, std::move(options));
}

CommandResult Project::import_failure(const Error& e) const {
    // Python's traceback ends with the failing line, carets and "Kind: message".
    CommandResult r;
    r.exit_code = 1;
    std::string text = "Traceback (most recent call last):\n";
    if (e.span.valid() && !e.file.empty()) {
        std::string src = source_of(files_, e.file);
        LineCol lc = line_col(src, e.span.offset);
        std::string_view line = line_text(src, lc.line);
        size_t lead = 0;
        while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
        // Python's traceback line, plus the column (gramlab's addition, for editors and learners).
        text += "  File \"" + e.file + "\", line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) +
                (e.kind == "SyntaxError" ? "" : ", in <module>") + "\n";
        text += "    " + std::string(line.substr(lead)) + "\n";
        int col = lc.column - 1 - static_cast<int>(lead);
        if (col < 0) col = 0;
        size_t len = std::max<size_t>(1, std::min<size_t>(e.span.length, line.size() > static_cast<size_t>(col) + lead ? line.size() - lead - col : 1));
        text += "    " + std::string(static_cast<size_t>(col), ' ') + std::string(len, '^') + "\n";
    }
    text += e.to_string() + "\n";
    r.err = text;
    return r;
}

std::optional<CommandResult> Project::checks_fail(std::string* warnings_out) const {
    auto msgs = models::run_checks(apps_.value());
    models::CheckReport rep = models::format_check_report(msgs, false);
    if (rep.serious) {
        CommandResult r;
        r.exit_code = 1;
        models::CheckReport full = models::format_check_report(msgs, true);
        r.err = full.text + "\n";
        return r;
    }
    if (warnings_out && !rep.text.empty()) *warnings_out = rep.text + "\n";
    return std::nullopt;
}

CommandResult Project::check() const {
    if (!apps_.ok()) return import_failure(apps_.error());
    auto msgs = models::run_checks(apps_.value());
    models::CheckReport rep = models::format_check_report(msgs, true);
    CommandResult r;
    if (rep.serious) r.exit_code = 1;
    (rep.to_stderr ? r.err : r.out) = rep.text + "\n";
    return r;
}

Result<migrations::MigrationSet> Project::migration_set() const {
    migrations::MigrationSet set = migrations::MigrationSet::with_contrib(apps_.value());
    for (const auto& f : files_.migration_files) {
        auto m = migrations::load_migration(f, files_.app_label, apps_.value().settings);
        if (!m.ok()) return m.take_error();
        set.add(std::move(m.value()));
    }
    return set;
}

CommandResult Project::makemigrations(const MakemigrationsOptions& opts) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    std::string warnings;
    if (auto fail = checks_fail(&warnings)) return *fail;
    auto set = migration_set();
    if (!set.ok()) return import_failure(set.error());
    const std::string& app = files_.app_label;
    std::vector<migrations::Key> plan;
    for (const auto& leaf : set.value().leaf_nodes())
        for (const auto& k : set.value().forwards_plan(leaf))
            if (std::find(plan.begin(), plan.end(), k) == plan.end()) plan.push_back(k);
    auto from = set.value().state_after(plan);
    if (!from.ok()) return import_failure(from.error());
    migrations::ProjectState to = migrations::state_from_apps(apps_.value());
    std::vector<std::pair<std::string, std::string>> leaves;
    for (const auto& l : set.value().leaf_nodes()) leaves.push_back(l);
    migrations::NonInteractiveQuestioner non_interactive;
    auto detected = migrations::detect_changes(from.value(), to, app, leaves,
                                               opts.questioner ? *opts.questioner : non_interactive);
    CommandResult r;
    r.err = warnings;
    if (!detected.ok()) {
        // The learner chose "Quit" (or non-interactive mode needed a default): sys.exit(N).
        r.exit_code = detected.error().kind == "SystemExit" ? std::atoi(detected.error().message.c_str()) : 1;
        if (detected.error().kind != "SystemExit") r.err += detected.error().to_string() + "\n";
        return r;
    }
    const migrations::Changes& ch = detected.value();
    if (ch.operations.empty()) {
        if (opts.verbosity >= 1) r.out += "No changes detected\n";
        return r;
    }
    migrations::Migration m;
    m.app_label = app;
    auto existing = set.value().app_migrations(app);
    m.initial = existing.empty();
    m.dependencies = ch.dependencies;
    if (!existing.empty()) m.dependencies.insert(m.dependencies.begin(), {app, set.value().leaf(app)});
    // Django sorts dependencies: the swappable one first, then by app label.
    std::stable_sort(m.dependencies.begin(), m.dependencies.end(), [](const auto& a, const auto& b) {
        if (a.target == "__setting__" || b.target == "__setting__") return a.target == "__setting__" && b.target != "__setting__";
        return a.app_label < b.app_label;
    });
    m.operations = ch.operations;
    int next = 1;
    for (const auto& k : existing) {
        int n = std::atoi(k.second.c_str());
        if (n >= next) next = n + 1;
    }
    char num[16];
    std::snprintf(num, sizeof num, "%04d", next);
    m.name = std::string(num) + "_" + (opts.name.empty() ? migrations::suggest_name(m, opts.now_compact) : opts.name);
    std::string rel = files_.migrations_dir + "/" + m.name + ".py";
    if (opts.verbosity >= 1) {
        r.out += "Migrations for '" + app + "':\n  " + rel + "\n";
        for (const auto& op : m.operations) r.out += "    - " + migrations::describe(op) + "\n";
    }
    // Django 3.2 writes the files before --check exits with 1 (only --dry-run keeps them
    // back); --dry-run -v 3 prints them instead.
    if (!opts.dry_run) {
        r.files.emplace_back(rel, migrations::write_migration(m, opts.now));
    } else if (opts.verbosity == 3) {
        std::string text = migrations::write_migration(m, opts.now);
        if (text.empty() || text.back() != '\n') text += '\n';
        r.out += "Full migrations file '" + m.name + ".py':\n" + text;
    }
    if (opts.check) r.exit_code = 1;
    return r;
}

CommandResult Project::sqlmigrate(const std::string& app, const std::string& name, int verbosity) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    CommandResult r;
    auto set = migration_set();
    if (!set.ok()) return import_failure(set.error());
    auto ms = set.value().app_migrations(app);
    if (std::find(apps_.value().app_labels.begin(), apps_.value().app_labels.end(), app) ==
        apps_.value().app_labels.end()) {
        r.err = "CommandError: App '" + app + "' could not be found. Is it in INSTALLED_APPS?\n";
        r.exit_code = 1;
        return r;
    }
    if (ms.empty()) {
        r.err = "CommandError: App '" + app + "' does not have migrations\n";
        r.exit_code = 1;
        return r;
    }
    std::vector<migrations::Key> matches;
    for (const auto& k : ms)
        if (k.second.rfind(name, 0) == 0) matches.push_back(k);
    for (const auto& k : ms)
        if (k.second == name) matches = {k};
    if (matches.size() > 1) {
        r.err = "CommandError: More than one migration matches '" + name + "' in app '" + app +
                "'. Please be more specific.\n";
        r.exit_code = 1;
        return r;
    }
    if (matches.empty()) {
        r.err = "CommandError: Cannot find a migration matching '" + name + "' from app '" + app + "'\n";
        r.exit_code = 1;
        return r;
    }
    auto sql = migrations::migration_sql(set.value(), matches[0], files_.now);
    if (!sql.ok()) return import_failure(sql.error());
    if (sql.value().empty()) {
        // Nothing to print, so no BEGIN/COMMIT either (BaseCommand wraps only output).
        if (verbosity >= 1) r.err = "No operations found.\n";
        return r;
    }
    r.out = "BEGIN;\n";
    for (const auto& s : sql.value()) r.out += (s.rfind("--", 0) == 0 ? s : s + ";") + "\n";
    r.out += "COMMIT;\n";
    return r;
}

CommandResult Project::migrate(db::Connection& conn, const std::string& app, const std::string& target,
                               const std::string& applied_at, int verbosity) const {
    CommandResult r = migrate_at_verbosity_1(conn, app, target, applied_at);
    if (verbosity == 0) r.out.clear();  // every line of Django's migrate is behind verbosity >= 1
    return r;
}

CommandResult Project::migrate_at_verbosity_1(db::Connection& conn, const std::string& app, const std::string& target,
                                              const std::string& applied_at) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    std::string warnings;
    if (auto fail = checks_fail(&warnings)) return *fail;
    CommandResult r;
    r.err = warnings;
    auto set = migration_set();
    if (!set.ok()) return import_failure(set.error());
    const auto& s = set.value();
    // Targets: every leaf, one app's leaf, a named migration, or (app, "zero").
    std::vector<std::pair<migrations::Key, bool>> targets;  // (key, is_zero)
    if (app.empty()) {
        for (const auto& l : s.leaf_nodes()) targets.push_back({l, false});
    } else {
        if (std::find(apps_.value().app_labels.begin(), apps_.value().app_labels.end(), app) ==
            apps_.value().app_labels.end()) {
            r.err += "CommandError: No installed app with label '" + app + "'.\n";
            r.exit_code = 1;
            return r;
        }
        if (s.app_migrations(app).empty()) {
            r.err += "CommandError: App '" + app + "' does not have migrations.\n";
            r.exit_code = 1;
            return r;
        }
        if (target.empty()) {
            targets.push_back({{app, s.leaf(app)}, false});
        } else if (target == "zero") {
            targets.push_back({{app, ""}, true});
        } else {
            std::vector<migrations::Key> found;
            for (const auto& k : s.app_migrations(app))
                if (k.second.rfind(target, 0) == 0) found.push_back(k);
            for (const auto& k : s.app_migrations(app))
                if (k.second == target) found = {k};
            if (found.size() != 1) {
                r.err += found.empty() ? "CommandError: Cannot find a migration matching '" + target + "' from app '" +
                                             app + "'.\n"
                                       : "CommandError: More than one migration matches '" + target + "' in app '" +
                                             app + "'. Please be more specific.\n";
                r.exit_code = 1;
                return r;
            }
            targets.push_back({found[0], false});
        }
    }
    Status st = migrations::ensure_migrations_table(conn);
    if (!st.ok()) {
        r.err += st.error().to_string() + "\n";
        r.exit_code = 1;
        return r;
    }
    auto applied = migrations::applied_migrations(conn);
    if (!applied.ok()) {
        r.err += applied.error().to_string() + "\n";
        r.exit_code = 1;
        return r;
    }
    // executor.migration_plan
    std::set<migrations::Key> done = applied.value();
    std::vector<std::pair<migrations::Key, bool>> plan;  // (migration, backwards)
    for (const auto& [t, zero] : targets) {
        std::vector<migrations::Key> roots;
        if (zero) {
            auto ms = s.app_migrations(t.first);
            if (!ms.empty()) roots.push_back(ms.front());
        } else if (done.count(t)) {
            roots = s.children_in_app(t);
        }
        if (zero || done.count(t)) {
            for (const auto& root : roots)
                for (const auto& k : s.backwards_plan(root))
                    if (done.count(k)) {
                        plan.push_back({k, true});
                        done.erase(k);
                    }
        } else {
            for (const auto& k : s.forwards_plan(t))
                if (!done.count(k)) {
                    plan.push_back({k, false});
                    done.insert(k);
                }
        }
    }
    r.out += "Operations to perform:\n";
    if (target.empty()) {
        std::set<std::string> labels;
        for (const auto& t : targets) labels.insert(t.first.first);
        std::string joined;
        for (const auto& a : labels) joined += (joined.empty() ? "" : ", ") + a;
        r.out += "  Apply all migrations: " + (joined.empty() ? std::string("(none)") : joined) + "\n";
    } else if (targets[0].second) {
        r.out += "  Unapply all migrations: " + app + "\n";
    } else {
        r.out += "  Target specific migration: " + targets[0].first.second + ", from " + app + "\n";
    }
    r.out += "Running migrations:\n";
    if (plan.empty()) r.out += "  No migrations to apply.\n";
    bool rendered = false;
    for (const auto& [k, backwards] : plan) {
        if (backwards && !rendered) {
            r.out += "  Rendering model states... DONE\n";
            rendered = true;
        }
        r.out += std::string(backwards ? "  Unapplying " : "  Applying ") + k.first + "." + k.second + "...";
        Status a = backwards ? migrations::unapply_migration(conn, s, k, files_.now)
                             : migrations::apply_migration(conn, s, k, applied_at);
        if (!a.ok()) {
            r.out += "\n";
            r.err += a.error().to_string() + "\n";
            r.exit_code = 1;
            return r;
        }
        r.out += " OK\n";
    }
    if (plan.empty()) {
        // Changes in models not reflected in migrations (the autodetector finds some).
        std::vector<migrations::Key> all;
        for (const auto& leaf : s.leaf_nodes())
            for (const auto& k : s.forwards_plan(leaf)) all.push_back(k);
        auto from = s.state_after(all);
        if (from.ok()) {
            migrations::ProjectState to = migrations::state_from_apps(apps_.value());
            if (!migrations::detect_changes(from.value(), to, files_.app_label, {}).operations.empty())
                r.out += "  Your models in app(s): '" + files_.app_label +
                         "' have changes that are not yet reflected in a migration, and so won't be applied.\n"
                         "  Run 'manage.py makemigrations' to make new migrations, and then re-run 'manage.py "
                         "migrate' to apply them.\n";
        }
    }
    return r;
}

CommandResult Project::showmigrations(db::Connection& conn, int verbosity) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    CommandResult r;
    auto set = migration_set();
    if (!set.ok()) return import_failure(set.error());
    auto applied = migrations::applied_migration_times(conn);
    std::map<migrations::Key, std::string> done = applied.ok() ? applied.value() : std::map<migrations::Key, std::string>{};
    std::vector<std::string> labels = apps_.value().app_labels;
    std::sort(labels.begin(), labels.end());
    for (const auto& app : labels) {
        r.out += app + "\n";
        auto ms = set.value().app_migrations(app);
        if (ms.empty()) r.out += " (no migrations)\n";
        for (const auto& k : ms) {
            auto at = done.find(k);
            if (at == done.end()) {
                r.out += " [ ] " + k.second + "\n";
                continue;
            }
            r.out += " [X] " + k.second;
            // applied.strftime('%Y-%m-%d %H:%M:%S'): the stored text without its microseconds.
            if (verbosity >= 2) r.out += " (applied at " + at->second.substr(0, 19) + ")";
            r.out += "\n";
        }
    }
    return r;
}

CommandResult Project::loaddata(db::Connection& conn, const std::vector<std::pair<std::string, std::string>>& fixtures,
                                int verbosity) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    std::string warnings;
    if (auto fail = checks_fail(&warnings)) return *fail;
    CommandResult r;
    r.err = warnings;
    std::vector<serializers::Fixture> list;
    for (const auto& [name, text] : fixtures) list.push_back({name, text});
    auto n = serializers::load_fixtures(conn, apps_.value(), list);
    if (!n.ok()) {
        r.err += n.error().to_string() + "\n";
        r.exit_code = 1;
        return r;
    }
    if (verbosity >= 1)
        r.out = "Installed " + std::to_string(n.value()) + " object(s) from " + std::to_string(fixtures.size()) +
                " fixture(s)\n";
    return r;
}

CommandResult Project::dumpdata(db::Connection& conn, const std::vector<std::string>& labels, int indent,
                                bool use_base_manager) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    std::string warnings;
    if (auto fail = checks_fail(&warnings)) return *fail;
    CommandResult r;
    r.err = warnings;
    const models::Apps& apps = apps_.value();
    std::vector<const models::ModelDef*> list;
    auto add = [&](const models::ModelDef* m) {
        if (std::find(list.begin(), list.end(), m) == list.end()) list.push_back(m);
    };
    if (labels.empty()) {
        for (const auto& app : apps.app_labels)
            for (const auto* m : apps.app_models(app)) add(m);
    }
    for (const auto& label : labels) {
        auto dot = label.find('.');
        std::string app = label.substr(0, dot);
        if (std::find(apps.app_labels.begin(), apps.app_labels.end(), app) == apps.app_labels.end()) {
            r.err += "CommandError: No installed app with label '" + app + "'.\n";
            r.exit_code = 1;
            return r;
        }
        if (dot == std::string::npos) {
            for (const auto* m : apps.app_models(app)) add(m);
        } else {
            const models::ModelDef* m = apps.get_model(label);
            if (!m || m->abstract) {
                r.err += "CommandError: Unknown model: " + label + "\n";
                r.exit_code = 1;
                return r;
            }
            add(m);
        }
    }
    // Without --all: objects = model._default_manager, for the rows and (through the related
    // managers, which subclass it) for the many-to-many ids that point at a model.
    std::map<const models::ModelDef*, orm::ManagerRows> visible;
    if (!use_base_manager) {
        std::vector<const models::ModelDef*> asked = list;
        for (const auto* m : list)
            for (const auto* mf : m->local_many_to_many())
                if (const auto* target = apps.get_model(mf->remote_label)) asked.push_back(target);
        std::unique_ptr<shell::Session> session;
        for (const auto* m : asked) {
            if (m->managers.empty() || visible.count(m)) continue;  // Django's plain `objects`
            if (!session) session = shell(conn, shell::SessionOptions{});
            shell::Interp& in = session->interp();
            orm::ManagerRows rows;
            if (!orm::default_manager_rows(in, m, rows)) {
                std::string msg = "an error in the manager's get_queryset()";
                if (auto* e = shell::as<shell::ExceptionObj>(in.exc)) {
                    std::string text;
                    if (e->str(in, text)) msg = text;
                }
                in.exc = nullptr;
                r.err += "CommandError: Unable to serialize database: " + msg + "\n";
                r.exit_code = 1;
                return r;
            }
            visible[m] = std::move(rows);
        }
    }
    auto out = serializers::dump_data(conn, apps, list, indent, &visible);
    if (!out.ok()) {
        r.err += "CommandError: Unable to serialize database: " + out.error().message + "\n";
        r.exit_code = 1;
        return r;
    }
    r.out = out.value();
    return r;
}

// ------------------------------------------------------------------ workspaces

namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "migrations/0001_initial.py" → "0001_initial"; "" for files Django's loader skips.
std::string migration_name(const std::string& path) {
    const std::string prefix = "migrations/";
    if (path.rfind(prefix, 0) != 0 || !ends_with(path, ".py")) return "";
    std::string file = path.substr(prefix.size());
    if (file.empty() || file.find('/') != std::string::npos || file == "__init__.py" || file[0] == '_' || file[0] == '~')
        return "";
    return file.substr(0, file.size() - 3);
}

std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::optional<std::string> parse_clock(const std::string& text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    // "T" or " " between date and time; whichever form reads more fields wins.
    int n = std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec);
    if (n < 6) {
        int y2 = 0, mo2 = 0, d2 = 0, h2 = 0, mi2 = 0, sec2 = 0;
        int n2 = std::sscanf(text.c_str(), "%d-%d-%d %d:%d:%d", &y2, &mo2, &d2, &h2, &mi2, &sec2);
        if (n2 > n) {
            n = n2, y = y2, mo = mo2, d = d2, h = h2, mi = mi2, sec = sec2;
        }
    }
    if (n < 3) return std::nullopt;
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        sec < 0 || sec > 59)
        return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, sec);
    return std::string(buf);
}

ProjectFiles project_files_from_folder(const std::string& app_label, const std::map<std::string, std::string>& files,
                                       const std::function<std::string(const std::string&)>& display) {
    auto shown = [&](const std::string& rel) { return display ? display(rel) : app_label + "/" + rel; };
    ProjectFiles out;
    out.app_label = app_label;
    bool package = false;
    for (const auto& [path, text] : files)
        if (path.rfind("models/", 0) == 0 && ends_with(path, ".py") && path.find('/', 7) == std::string::npos)
            package = true;
    for (const auto& [path, text] : files) {
        if (package && path.rfind("models/", 0) == 0 && ends_with(path, ".py") &&
            path.find('/', 7) == std::string::npos) {
            std::string stem = path.substr(7, path.size() - 10);
            out.model_files.push_back({stem == "__init__" ? "models" : "models." + stem, shown(path), text});
        } else if (!package && path == "models.py") {
            out.model_files.push_back({"models", shown(path), text});
        } else if (path == "settings.py") {
            out.settings = models::SourceFile{"settings", shown(path), text};
        } else if (std::string name = migration_name(path); !name.empty()) {
            out.migration_files.push_back({name, shown(path), text});
        }
    }
    out.migrations_dir = shown("migrations");
    return out;
}

std::string workspace_to_json(const Workspace& w) {
    nlohmann::ordered_json j;
    j["format"] = "gramlab-workspace";
    j["version"] = 1;
    j["app_label"] = w.app_label;
    j["files"] = nlohmann::ordered_json::object();
    for (const auto& [path, text] : w.files) j["files"][path] = text;
    j["database"] = w.database ? nlohmann::ordered_json(base64_encode(*w.database)) : nlohmann::ordered_json();
    j["history"] = w.history;
    j["deploy"] = {{"files", nlohmann::ordered_json::object()}};
    for (const auto& [path, text] : w.deploy_files) j["deploy"]["files"][path] = text;
    return dump(j);
}

Result<Workspace> workspace_from_json(std::string_view text) {
    auto bad = [](const std::string& m) { return Error::make("ValueError", "workspace: " + m); };
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
    auto str_map = [](const nlohmann::json& o, std::map<std::string, std::string>& out) {
        if (!o.is_object()) return false;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().is_string()) return false;
            out[it.key()] = it.value().get<std::string>();
        }
        return true;
    };
    if (j.contains("format") && !(j["format"].is_string() && j["format"].get<std::string>() == "gramlab-workspace"))
        return bad("\"format\" must be \"gramlab-workspace\"");
    if (j.contains("version") && !(j["version"].is_number_integer() && j["version"].get<int64_t>() == 1))
        return bad("unsupported version (this gramlab reads version 1)");
    Workspace w;
    if (j.contains("app_label")) {
        if (!j["app_label"].is_string() || j["app_label"].get<std::string>().empty())
            return bad("\"app_label\" must be a non-empty string");
        w.app_label = j["app_label"].get<std::string>();
    }
    if (!j.contains("files") || !str_map(j["files"], w.files))
        return bad("\"files\" must be an object of path → text");
    if (j.contains("database") && !j["database"].is_null()) {
        if (!j["database"].is_string()) return bad("\"database\" must be base64 text or null");
        auto bytes = base64_decode(j["database"].get<std::string>());
        if (!bytes.ok()) return bad("\"database\": " + bytes.error().message);
        w.database = std::move(bytes.value());
    }
    if (j.contains("history")) {
        if (!j["history"].is_array()) return bad("\"history\" must be a list of strings");
        for (const auto& h : j["history"]) {
            if (!h.is_string()) return bad("\"history\" must be a list of strings");
            w.history.push_back(h.get<std::string>());
        }
    }
    if (j.contains("deploy")) {
        const auto& d = j["deploy"];
        if (!d.is_object() || (d.contains("files") && !str_map(d["files"], w.deploy_files)))
            return bad("\"deploy\" must be {\"files\": {path: text}}");
    }
    return w;
}

struct WorkspaceSession::Deploy {
    std::optional<deploy::Scenario> scenario;
    std::unique_ptr<deploy::Terminal> terminal;
    std::unique_ptr<deploy::Simulator> pipeline;  // the Deploy window's timeline (made on first use)
    std::string error;  // why there is no terminal
};

WorkspaceSession::WorkspaceSession(Workspace w, Options options) : doc_(std::move(w)), options_(std::move(options)) {
    ProjectFiles files = project_files_from_folder(doc_.app_label, doc_.files);
    files.now = options_.now;
    project_ = std::make_unique<Project>(std::move(files));
    auto conn = db::Connection::open("sqlite://:memory:");
    if (!conn.ok()) {  // out of memory only
        open_log_ = conn.error().to_string() + "\n";
        ok_ = false;
        return;
    }
    conn_ = std::move(conn.value());
    if (doc_.database) {
        Status st = conn_->deserialize(*doc_.database);
        if (!st.ok()) {
            open_log_ += st.error().to_string() + "\n";
            ok_ = false;
        }
    } else if (project_->apps().ok()) {
        CommandResult m = project_->migrate(*conn_, "", "", options_.now + ".000000");
        open_log_ += m.out + m.err;
        ok_ = ok_ && m.exit_code == 0;
        std::vector<std::pair<std::string, std::string>> fixtures;
        for (const auto& [path, text] : doc_.files)
            if (path.rfind("fixtures/", 0) == 0 && ends_with(path, ".json")) fixtures.emplace_back(path, text);
        if (m.exit_code == 0 && !fixtures.empty()) {
            CommandResult l = project_->loaddata(*conn_, fixtures);
            open_log_ += l.out + l.err;
            ok_ = ok_ && l.exit_code == 0;
        }
    } else {
        open_log_ += project_->check().err;
        ok_ = false;
    }
    start_shell();
    deploy_ = std::make_unique<Deploy>();
    if (doc_.deploy_files.empty()) {
        deploy_->error = "gramlab: this workspace has no deploy scenario\n";
    } else if (auto sc = deploy::scenario_from_files(doc_.deploy_files); sc.ok()) {
        deploy_->scenario = std::move(sc.value());
        deploy_->terminal = std::make_unique<deploy::Terminal>(*deploy_->scenario);
    } else {
        deploy_->error = sc.error().to_string() + "\n";
    }
}

WorkspaceSession::~WorkspaceSession() = default;

void WorkspaceSession::start_shell() {
    session_.reset();
    if (!conn_) return;
    shell::SessionOptions so;
    so.now = options_.now;
    so.time_budget_ms = options_.time_budget_ms;
    so.pinned_random = options_.pinned_random;
    so.result_rows = options_.result_rows;
    so.interrupt = &interrupt_;
    so.poll_stop = poll_stop_;
    session_ = project_->shell(*conn_, so);
}

void WorkspaceSession::set_poll_stop(std::function<bool()> poll) {
    poll_stop_ = poll;
    if (session_) session_->set_poll_stop(std::move(poll));
}

std::string WorkspaceSession::shell_json(const std::string& source, const Options& options) {
    if (options.result_rows != options_.result_rows) {  // only what is reported: no restart
        options_.result_rows = options.result_rows;
        if (session_) session_->set_result_rows(options_.result_rows);
    }
    if (options.now != options_.now || options.time_budget_ms != options_.time_budget_ms ||
        options.pinned_random != options_.pinned_random) {
        options_ = options;
        start_shell();
    }
    interrupt_.store(false);
    if (!session_) {
        // As the CLI: models.py does not import, so the shell prints the import error.
        nlohmann::ordered_json err = {{"statement", source}, {"output", nullptr},
                                      {"error", {{"type", "ImportError"}, {"message", open_log_}}},
                                      {"queries", nlohmann::ordered_json::array()}};
        return "[" + dump(err) + "]";
    }
    std::string out = "[";
    bool first = true;
    for (const auto& r : session_->run(source)) {
        out += first ? "" : ",\n";
        out += shell::to_json(r);
        first = false;
        doc_.history.push_back(r.statement);
    }
    return out + "]";
}

std::string WorkspaceSession::deploy_sh_json(const std::string& lines) {
    std::string out = "[";
    bool first = true;
    size_t pos = 0;
    while (pos <= lines.size()) {
        size_t nl = lines.find('\n', pos);
        std::string line = lines.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? lines.size() + 1 : nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        nlohmann::ordered_json j;
        if (deploy_->terminal) {
            deploy::CommandResult r = deploy_->terminal->run(line);
            j = deploy::command_to_json(r.command, r.out, r.err, r.exit_code);
        } else {
            j = deploy::command_to_json(line, "", deploy_->error, 1);
        }
        out += (first ? "" : ",\n") + deploy::dump_line(j);
        first = false;
    }
    return out + "]";
}

std::string WorkspaceSession::explain_json(const std::string& sql, const std::string& params_json) {
    using J = nlohmann::ordered_json;
    auto fail = [](const std::string& message) {
        return deploy::dump_line(J{{"plan", J::array()}, {"suggestions", J::array()}, {"error", message}});
    };
    if (!conn_) return fail("no database");
    std::string text = sql;
    while (!text.empty() && (text.back() == ';' || std::isspace(static_cast<unsigned char>(text.back())))) text.pop_back();
    if (text.empty()) return fail("no SQL to explain");
    if (text.find(';') != std::string::npos) return fail("one statement only");
    std::vector<Value> params;
    if (!params_json.empty()) {
        nlohmann::json p = nlohmann::json::parse(params_json, nullptr, false);
        if (p.is_discarded() || !p.is_array()) return fail("params must be a JSON array");
        for (const auto& v : p) {
            if (v.is_null()) params.push_back(Value::none());
            else if (v.is_boolean()) params.push_back(Value::of_bool(v.get<bool>()));
            else if (v.is_number_integer()) params.push_back(Value::of_int(v.get<int64_t>()));
            else if (v.is_number()) params.push_back(Value::of_float(v.get<double>()));
            else if (v.is_string()) params.push_back(Value::of_str(v.get<std::string>()));
            else params.push_back(Value::of_str(v.dump()));
        }
    }
    auto rows = conn_->query("EXPLAIN QUERY PLAN " + text, params);
    if (!rows.ok()) return fail(rows.error().message);
    std::vector<backends::sqlite::PlanRow> plan;
    for (const auto& r : rows.value()) {
        if (r.size() < 4) continue;
        backends::sqlite::PlanRow pr;
        pr.id = static_cast<int>(r[0].as_int().value_or(0));
        pr.parent = static_cast<int>(r[1].as_int().value_or(0));
        pr.detail = r[3].text;
        plan.push_back(std::move(pr));
    }
    backends::sqlite::PlanExplanation ex = backends::sqlite::explain_plan(plan, text);
    J steps = J::array();
    for (size_t i = 0; i < ex.steps.size(); ++i)
        steps.push_back({{"id", plan[i].id},
                         {"parent", plan[i].parent},
                         {"depth", ex.steps[i].depth},
                         {"detail", ex.steps[i].detail},
                         {"explanation", ex.steps[i].explanation},
                         {"full_scan", ex.steps[i].full_scan}});
    return deploy::dump_line(J{{"plan", steps}, {"suggestions", ex.suggestions}, {"error", nullptr}});
}

std::string WorkspaceSession::deploy_pipeline_json(const std::string& move, int64_t position) {
    using J = nlohmann::ordered_json;
    if (!deploy_->scenario) return deploy::dump_line(J{{"error", deploy_->error}});
    if (!deploy_->pipeline) deploy_->pipeline = std::make_unique<deploy::Simulator>(*deploy_->scenario);
    deploy::Simulator& sim = *deploy_->pipeline;
    if (move == "forward") {
        sim.forward();
    } else if (move == "back") {
        sim.back();
    } else if (move == "reset") {
        sim.reset();
    } else if (move == "end") {
        sim.run_to_end();
    } else if (move == "failure") {
        sim.run_to_failure();
    } else if (move == "goto") {
        int64_t target = std::clamp<int64_t>(position, 0, static_cast<int64_t>(sim.steps().size()));
        sim.reset();
        while (static_cast<int64_t>(sim.position()) < target && sim.forward()) {
        }
    } else if (!move.empty()) {
        return deploy::dump_line(J{{"error", "unknown move '" + move +
                                                 "' (choose from forward, back, reset, end, failure, goto)"}});
    }
    J steps = J::array();
    for (const auto& step : sim.steps()) steps.push_back(deploy::step_to_json(step));
    J faults = J::array();
    for (auto f : deploy::all_faults()) faults.push_back(deploy::fault_name(f));
    return deploy::dump_line(J{{"steps", steps},
                               {"summary", deploy::summary_to_json(sim, deploy_->scenario->files)},
                               {"all_faults", faults}});
}

std::string WorkspaceSession::deploy_fault_json(const std::string& fault, bool on) {
    using J = nlohmann::ordered_json;
    deploy::Fault f;
    if (!deploy::parse_fault(fault, f)) return deploy::dump_line(J{{"error", "unknown fault '" + fault + "'"}});
    if (!deploy_->scenario) return deploy::dump_line(J{{"error", deploy_->error}});
    if (!deploy_->pipeline) deploy_->pipeline = std::make_unique<deploy::Simulator>(*deploy_->scenario);
    deploy_->pipeline->set_fault(f, on);
    return deploy_pipeline_json("");
}

std::string WorkspaceSession::deploy_request_json(const std::string& method, const std::string& path,
                                                  const std::string& body) {
    using J = nlohmann::ordered_json;
    if (!deploy_->scenario) return deploy::dump_line(J{{"error", deploy_->error}});
    if (!deploy_->pipeline) deploy_->pipeline = std::make_unique<deploy::Simulator>(*deploy_->scenario);
    deploy::World world = deploy_->pipeline->world();  // a copy: a what-if, not a step
    deploy::DeployContext ctx{world, nullptr, nullptr, {}};
    deploy::HttpRequest req;
    req.method = method.empty() ? "GET" : method;
    req.path = path.empty() || path[0] != '/' ? "/" + path : path;
    req.body = body;
    return deploy::dump_line(deploy::http_outcome_to_json(req, deploy::http_request(ctx, "localhost", 80, req)));
}

Workspace WorkspaceSession::workspace() const {
    Workspace w = doc_;
    if (conn_) w.database = conn_->serialize();
    return w;
}

}  // namespace gramlab

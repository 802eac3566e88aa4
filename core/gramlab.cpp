// The facade's commands: each reproduces the matching django/core/management/commands/*.py
// handle() over the core modules, with Django's messages and exit codes.
#include "core/gramlab.hpp"

#include <algorithm>
#include <cstdio>

#include "core/common/diagnostic.hpp"
#include "core/migrations/autodetector.hpp"
#include "core/models/checks.hpp"
#include "core/serializers/json_serializer.hpp"

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
        r.out += "No changes detected\n";
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
    r.out += "Migrations for '" + app + "':\n  " + rel + "\n";
    for (const auto& op : m.operations) r.out += "    - " + migrations::describe(op) + "\n";
    if (opts.check) {
        r.exit_code = 1;
        return r;
    }
    if (!opts.dry_run) r.files.emplace_back(rel, migrations::write_migration(m, opts.now));
    return r;
}

CommandResult Project::sqlmigrate(const std::string& app, const std::string& name) const {
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
    r.out = "BEGIN;\n";
    for (const auto& s : sql.value()) r.out += (s.rfind("--", 0) == 0 ? s : s + ";") + "\n";
    r.out += "COMMIT;\n";
    return r;
}

CommandResult Project::migrate(db::Connection& conn, const std::string& app, const std::string& target,
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

CommandResult Project::showmigrations(db::Connection& conn) const {
    if (!apps_.ok()) return import_failure(apps_.error());
    CommandResult r;
    auto set = migration_set();
    if (!set.ok()) return import_failure(set.error());
    auto applied = migrations::applied_migrations(conn);
    std::set<migrations::Key> done = applied.ok() ? applied.value() : std::set<migrations::Key>{};
    std::vector<std::string> labels = apps_.value().app_labels;
    std::sort(labels.begin(), labels.end());
    for (const auto& app : labels) {
        r.out += app + "\n";
        auto ms = set.value().app_migrations(app);
        if (ms.empty()) r.out += " (no migrations)\n";
        for (const auto& k : ms) r.out += std::string(done.count(k) ? " [X] " : " [ ] ") + k.second + "\n";
    }
    return r;
}

CommandResult Project::loaddata(db::Connection& conn,
                                const std::vector<std::pair<std::string, std::string>>& fixtures) const {
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
    r.out = "Installed " + std::to_string(n.value()) + " object(s) from " + std::to_string(fixtures.size()) +
            " fixture(s)\n";
    return r;
}

CommandResult Project::dumpdata(db::Connection& conn, const std::vector<std::string>& labels, int indent) const {
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
    auto out = serializers::dump_data(conn, apps, list, indent);
    if (!out.ok()) {
        r.err += "CommandError: Unable to serialize database: " + out.error().message + "\n";
        r.exit_code = 1;
        return r;
    }
    r.out = out.value();
    return r;
}

}  // namespace gramlab

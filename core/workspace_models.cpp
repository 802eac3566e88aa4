// WorkspaceSession's model commands, for the playground's Models and Schema windows: edit a
// file of the app folder, then check / makemigrations / migrate / sqlmigrate it as the CLI
// does (the same Project functions, their texts unchanged), plus the model registry as data
// for the ER diagram. Every function answers one JSON object (docs/js-api.md).
#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/backends/sqlite/schema.hpp"
#include "core/common/diagnostic.hpp"
#include "core/gramlab.hpp"
#include "core/migrations/state.hpp"
#include "core/models/checks.hpp"
#include "core/orm/meta.hpp"

namespace gramlab {

namespace {

using ojson = nlohmann::ordered_json;

std::string dump(const ojson& j) { return j.dump(-1, ' ', false, ojson::error_handler_t::replace); }

ojson command_json(const CommandResult& r) {
    ojson j;
    j["exit_code"] = r.exit_code;
    j["out"] = r.out;
    j["err"] = r.err;
    return j;
}

// "instagram/models.py" (as messages show it) → "models.py" (the workspace's key).
std::string workspace_path(const std::string& app_label, const std::string& shown) {
    const std::string prefix = app_label + "/";
    return shown.rfind(prefix, 0) == 0 ? shown.substr(prefix.size()) : shown;
}

const char* level_name(models::CheckLevel l) {
    switch (l) {
        case models::CheckLevel::kDebug: return "DEBUG";
        case models::CheckLevel::kInfo: return "INFO";
        case models::CheckLevel::kWarning: return "WARNING";
        case models::CheckLevel::kError: return "ERROR";
        case models::CheckLevel::kCritical: return "CRITICAL";
    }
    return "ERROR";
}

// The text of `shown` ("instagram/models.py") among the project's files.
std::string source_text(const ProjectFiles& files, const std::string& shown) {
    for (const auto& f : files.model_files)
        if (f.path == shown) return f.text;
    if (files.settings && files.settings->path == shown) return files.settings->text;
    for (const auto& m : files.migration_files)
        if (m.path == shown) return m.text;
    return "";
}

ojson position(const ProjectFiles& files, const std::string& shown, const SourceSpan& span, ojson j) {
    j["file"] = shown.empty() ? ojson(nullptr) : ojson(workspace_path(files.app_label, shown));
    int line = 0, column = 0;
    if (span.valid() && !shown.empty()) {
        LineCol lc = line_col(source_text(files, shown), span.offset);
        line = lc.line;
        column = lc.column;
    }
    j["line"] = line;
    j["column"] = column;
    return j;
}

const char* relation_name(const models::Field& f) {
    switch (f.kind()) {
        case models::FieldKind::kForeignKey: return "foreign_key";
        case models::FieldKind::kOneToOne: return "one_to_one";
        case models::FieldKind::kManyToMany: return "many_to_many";
        default: return nullptr;
    }
}

}  // namespace

void WorkspaceSession::reload_project() {
    session_.reset();  // it points into the old project's registry
    ProjectFiles files = project_files_from_folder(doc_.app_label, doc_.files);
    files.now = options_.now;
    project_ = std::make_unique<Project>(std::move(files));
    start_shell();
}

std::string WorkspaceSession::set_file_json(const std::string& path, const std::string& text, bool remove) {
    if (remove) doc_.files.erase(path);
    else doc_.files[path] = text;
    reload_project();
    return check_json();
}

std::string WorkspaceSession::check_json() const {
    ojson j = command_json(project_->check());
    ojson messages = ojson::array();
    const ProjectFiles& files = project_->files();
    if (!project_->apps().ok()) {
        const Error& e = project_->apps().error();
        ojson m;
        m["level"] = "ERROR";
        m["id"] = e.kind;
        m["message"] = e.message;
        m["hint"] = e.hint;
        m["obj"] = "";
        messages.push_back(position(files, e.file, e.span, m));
    } else {
        const models::Apps& apps = project_->apps().value();
        for (const auto& c : models::run_checks(apps)) {
            ojson m;
            m["level"] = level_name(c.level);
            m["id"] = c.id;
            m["message"] = c.msg;
            m["hint"] = c.hint;
            m["obj"] = c.obj;
            // Checks name their object ("instagram.Post.location"); its declaration is the place.
            std::string file = c.file;
            SourceSpan span = c.span;
            if (file.empty()) {
                size_t dot1 = c.obj.find('.'), dot2 = dot1 == std::string::npos ? dot1 : c.obj.find('.', dot1 + 1);
                if (const models::ModelDef* model = apps.get_model(c.obj.substr(0, dot2))) {
                    file = model->file;
                    span = model->span;
                    if (dot2 != std::string::npos)
                        if (const models::Field* f = model->field(c.obj.substr(dot2 + 1)); f && !f->file.empty()) {
                            file = f->file;
                            span = f->span;
                        }
                }
            }
            messages.push_back(position(files, file, span, m));
        }
    }
    j["messages"] = messages;
    return dump(j);
}

std::string WorkspaceSession::makemigrations_json(const std::string& name) {
    MakemigrationsOptions o;
    o.name = name;
    // options_.now is "2024-01-15 12:00:00": the header's minute and the suggested name's stamp.
    o.now = options_.now.substr(0, 16);
    std::string compact;
    for (char c : options_.now.substr(0, 16))
        if (c != '-' && c != ':') compact += c == ' ' ? '_' : c;
    o.now_compact = compact;
    CommandResult r = project_->makemigrations(o);
    ojson j = command_json(r);
    ojson out_files = ojson::array();
    for (const auto& [shown, text] : r.files) {
        std::string path = workspace_path(doc_.app_label, shown);
        doc_.files[path] = text;
        out_files.push_back({{"path", path}, {"text", text}});
    }
    j["files"] = out_files;
    if (!r.files.empty()) reload_project();
    return dump(j);
}

std::string WorkspaceSession::migrate_json(const std::string& app, const std::string& target) {
    ojson sql = ojson::array();
    ojson j;
    if (!conn_) {
        j = command_json({"", "gramlab: no database\n", 1, {}});
    } else {
        CommandResult r = project_->migrate(*conn_, app, target, options_.now + ".000000");
        j = command_json(r);
        // "  Applying instagram.0002_post_likes... OK": the SQL of each applied migration.
        size_t pos = 0;
        const std::string mark = "  Applying ";
        while ((pos = r.out.find(mark, pos)) != std::string::npos) {
            size_t b = pos + mark.size(), dots = r.out.find("...", b);
            pos = b;
            if (dots == std::string::npos) break;
            std::string key = r.out.substr(b, dots - b);
            size_t dot = key.find('.');
            if (dot == std::string::npos) continue;
            CommandResult s = project_->sqlmigrate(key.substr(0, dot), key.substr(dot + 1));
            sql.push_back({{"migration", key}, {"sql", s.exit_code == 0 ? s.out : s.err}});
        }
    }
    j["sql"] = sql;
    return dump(j);
}

std::string WorkspaceSession::sqlmigrate_json(const std::string& app, const std::string& name) const {
    return dump(command_json(project_->sqlmigrate(app, name)));
}

std::string WorkspaceSession::schema_json() const {
    ojson j;
    j["app_label"] = doc_.app_label;
    ojson models_j = ojson::array(), edges = ojson::array();
    if (!project_->apps().ok()) {
        j["models"] = models_j;
        j["edges"] = edges;
        j["error"] = project_->apps().error().to_string();
        return dump(j);
    }
    const models::Apps& apps = project_->apps().value();
    migrations::ProjectState state = migrations::state_from_apps(apps);
    // The app's models, then the models of other apps its relations point to.
    std::vector<const models::ModelDef*> shown = apps.app_models(doc_.app_label);
    for (size_t i = 0; i < shown.size(); ++i)
        for (const auto& f : shown[i]->fields)
            if (f.is_relation())
                if (const models::ModelDef* to = apps.get_model(f.remote_label);
                    to && std::find(shown.begin(), shown.end(), to) == shown.end())
                    shown.push_back(to);
    auto ddl_of = [&](const std::string& table) {
        std::string ddl;
        if (!conn_) return ddl;
        auto rows = conn_->query("SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
                                 "ORDER BY type DESC, name",
                                 {Value::of_str(table)});
        if (!rows.ok()) return ddl;
        for (const auto& row : rows.value())
            if (!row.empty() && row[0].is_str()) ddl += row[0].text + ";\n";
        return ddl;
    };
    for (const models::ModelDef* m : shown) {
        ojson jm;
        jm["label"] = m->label();
        jm["name"] = m->name;
        jm["app_label"] = m->app_label;
        jm["db_table"] = m->db_table();
        ojson fields = ojson::array();
        std::string ddl = ddl_of(m->db_table());
        for (const auto& f : m->fields) {
            ojson jf;
            jf["name"] = f.name;
            jf["type"] = std::string(f.cls->name);
            jf["column"] = f.many_to_many() ? ojson(nullptr) : ojson(f.column());
            jf["db_type"] = backends::sqlite::db_type(f, state, m->app_label);
            jf["null"] = f.null();
            jf["primary_key"] = f.primary_key() || (f.is_auto() && m->pk() == &f);
            jf["unique"] = f.unique();
            const char* rel = relation_name(f);
            jf["related_model"] = rel ? ojson(f.remote_label) : ojson(nullptr);
            jf["relation"] = rel ? ojson(rel) : ojson(nullptr);
            fields.push_back(jf);
            if (rel) {
                std::string cardinality = f.kind() == models::FieldKind::kManyToMany ? "N:M"
                                          : f.kind() == models::FieldKind::kOneToOne ? "1:1" : "N:1";
                edges.push_back({{"from", m->label()}, {"to", f.remote_label}, {"field", f.name}, {"kind", rel},
                                 {"cardinality", cardinality}, {"null", f.null()}});
            }
            if (f.many_to_many() && f.through_label.empty()) {
                std::string table, from_col, to_col;
                orm::m2m_through(apps, *m, f, table, from_col, to_col);
                ddl += ddl_of(table);
            }
        }
        jm["fields"] = fields;
        jm["ddl"] = ddl;
        models_j.push_back(jm);
    }
    j["models"] = models_j;
    j["edges"] = edges;
    j["error"] = nullptr;
    return dump(j);
}

}  // namespace gramlab

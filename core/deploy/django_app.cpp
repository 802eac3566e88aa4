// The deployed Django project over the core facade: finding the project in a container's
// files, choosing its database from settings + environment, manage.py's database commands,
// seeding the databases that exist before the story starts, and reading Python reprs back.
#include "core/deploy/django_app.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/deploy/commands.hpp"
#include "core/deploy/docker.hpp"

namespace gramlab::deploy {

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string env_get(const std::vector<std::pair<std::string, std::string>>& env, const std::string& k) {
    for (const auto& [n, v] : env)
        if (n == k) return v;
    return "";
}

// The settings module manage.py/wsgi.py name ("config.settings" → "config/settings.py").
std::string settings_rel_path(const Fs& fs, const std::string& root) {
    std::string module = "config.settings";
    for (const char* f : {"/manage.py", "/config/wsgi.py"}) {
        const std::string* t = fs.read(root + f);
        if (!t) continue;
        size_t p = t->find("DJANGO_SETTINGS_MODULE");
        if (p == std::string::npos) continue;
        size_t comma = t->find(',', p);
        size_t q1 = comma == std::string::npos ? comma : t->find_first_of("'\"", comma);
        size_t q2 = q1 == std::string::npos ? q1 : t->find_first_of("'\"", q1 + 1);
        if (q2 != std::string::npos) module = t->substr(q1 + 1, q2 - q1 - 1);
    }
    std::replace(module.begin(), module.end(), '.', '/');
    return module + ".py";
}

bool quoted_in(const std::string& text, const std::string& word) {
    return text.find("\"" + word + "\"") != std::string::npos || text.find("'" + word + "'") != std::string::npos;
}

const std::string kSimNow = std::string(kSimTime);

}  // namespace

Result<ProjectFiles> deployed_project(const Fs& fs, const std::string& root_in) {
    std::string root = root_in == "/" ? "" : root_in;
    ProjectFiles files;
    files.now = kSimNow;
    std::string settings_rel = settings_rel_path(fs, root);
    const std::string* settings = fs.read(root + "/" + settings_rel);
    if (settings) files.settings = models::SourceFile{"settings", settings_rel, *settings};
    std::string settings_dir = settings_rel.substr(0, settings_rel.find('/'));
    std::string app;
    for (const auto& name : fs.list(root.empty() ? "/" : root)) {
        if (name == settings_dir || !fs.is_file(root + "/" + name + "/models.py")) continue;
        if (!settings || quoted_in(*settings, name)) {
            app = name;
            break;
        }
    }
    if (app.empty()) {
        Error e = Error::make("ModuleNotFoundError", "No module named 'models'");
        if (!settings) e.message = "No module named '" + settings_dir + "'";
        return e;
    }
    files.app_label = app;
    files.model_files.push_back({"models", app + "/models.py", *fs.read(root + "/" + app + "/models.py")});
    files.migrations_dir = app + "/migrations";
    std::string mdir = root + "/" + app + "/migrations";
    for (const auto& name : fs.list(mdir)) {
        if (!ends_with(name, ".py") || name == "__init__.py" || !fs.is_file(mdir + "/" + name)) continue;
        files.migration_files.push_back(
            {name.substr(0, name.size() - 3), app + "/migrations/" + name, *fs.read(mdir + "/" + name)});
    }
    return files;
}

AppDatabase app_database(World& w, const Container* container, Fs& fs, const std::string& root,
                         const std::vector<std::pair<std::string, std::string>>& env) {
    AppDatabase where;
    std::string engine = env_get(env, "SQL_ENGINE");
    if (engine.empty() || engine.find("sqlite") != std::string::npos) {
        where.fs = &fs;
        where.path = Fs::normalize(root + "/db.sqlite3");
        where.name = "file:" + where.path;
        return where;
    }
    std::string host = env_get(env, "SQL_HOST");
    if (host.empty()) host = "localhost";
    where.host = host;
    const Container* dbc = container ? resolve_container(w, *container, host) : nullptr;
    std::string key;
    if (dbc)
        key = dbc->mounts.empty() ? "container:" + dbc->name : "volume:" + dbc->mounts[0].first;
    else if (host.find('.') != std::string::npos && w.databases.count("rds:" + host))
        key = "rds:" + host;
    if (!key.empty()) {
        where.db = &w.databases[key];
        where.name = key;
    }
    return where;
}

std::string unreachable_database_error(const AppDatabase& where) {
    if (where.host == "localhost" || where.host == "127.0.0.1")
        return "django.db.utils.OperationalError: could not connect to server: Connection refused\n"
               "\tIs the server running on host \"" +
               where.host + "\" (127.0.0.1) and accepting\n\tTCP/IP connections on port 5432?\n";
    return "django.db.utils.OperationalError: could not translate host name \"" + where.host +
           "\" to address: Name or service not known\n";
}

Result<std::unique_ptr<db::Connection>> open_database(const AppDatabase& where) {
    auto conn = db::Connection::open("sqlite://:memory:");
    if (!conn.ok()) return conn.take_error();
    const std::string* image = nullptr;
    if (where.db) image = &where.db->image;
    if (where.fs) image = where.fs->read(where.path);
    if (image && !image->empty()) {
        Status st = conn.value()->deserialize(*image);
        if (!st.ok()) {
            // A file that is not a database: sqlite3's message, as Django shows it.
            return Error::make("django.db.utils.DatabaseError", "file is not a database");
        }
    }
    return conn;
}

void store_database(Database& d, db::Connection& conn) {
    d.image = conn.serialize();
    d.tables.clear();
    auto names =
        conn.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    if (!names.ok()) return;
    for (const auto& row : names.value()) {
        if (row.empty() || !row[0].is_str()) continue;
        // The identifier comes from the catalog, quoted (embedded quotes doubled); no values in the text.
        std::string quoted = "\"";
        for (char c : row[0].text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += "\"";
        auto n = conn.query("SELECT COUNT(*) FROM " + quoted);
        int64_t rows = 0;
        if (n.ok() && !n.value().empty() && !n.value()[0].empty())
            if (auto v = n.value()[0][0].as_int()) rows = *v;
        d.tables.emplace_back(row[0].text, rows);
    }
}

void store_database(AppDatabase& where, db::Connection& conn) {
    if (where.db) store_database(*where.db, conn);
    if (where.fs) where.fs->write(where.path, conn.serialize());
}

gramlab::CommandResult manage_database_command(
    const ProjectFiles& files, AppDatabase& where, const std::vector<std::string>& args,
    const std::function<const std::string*(const std::string&)>& fixture_file) {
    gramlab::CommandResult r;
    std::string sub = args.empty() ? "" : args[0];
    std::vector<std::string> positional;
    for (size_t i = 1; i < args.size(); ++i)
        if (!args[i].empty() && args[i][0] != '-') positional.push_back(args[i]);
    if (!where.reachable()) {
        r.err = "Traceback (most recent call last):\n  File \"manage.py\", line 22, in <module>\n    main()\n" +
                unreachable_database_error(where);
        r.exit_code = 1;
        return r;
    }
    auto conn = open_database(where);
    if (!conn.ok()) {
        r.err = conn.error().to_string() + "\n";
        r.exit_code = 1;
        return r;
    }
    Project project(files);
    if (sub == "migrate") {
        std::string app = positional.size() > 0 ? positional[0] : "";
        std::string target = positional.size() > 1 ? positional[1] : "";
        r = project.migrate(*conn.value(), app, target, kSimNow + ".000000");
    } else if (sub == "showmigrations") {
        r = project.showmigrations(*conn.value());
    } else if (sub == "loaddata") {
        if (positional.empty()) {
            r.err =
                "usage: manage.py loaddata [-h] fixture [fixture ...]\n"
                "manage.py loaddata: error: the following arguments are required: fixture\n";
            r.exit_code = 2;
            return r;
        }
        std::vector<std::pair<std::string, std::string>> fixtures;
        for (const auto& label : positional) {
            const std::string* text = fixture_file ? fixture_file(label) : nullptr;
            if (!text) {
                std::string shown = label;
                if (ends_with(shown, ".json")) shown = shown.substr(0, shown.size() - 5);
                r.err = "CommandError: No fixture named '" + Fs::basename(shown) + "' found.\n";
                r.exit_code = 1;
                return r;
            }
            std::string name = Fs::basename(label);
            if (ends_with(name, ".json")) name = name.substr(0, name.size() - 5);
            fixtures.emplace_back(name, *text);
        }
        r = project.loaddata(*conn.value(), fixtures);
    } else {
        r.err = "Unknown command: '" + sub + "'\n";
        r.exit_code = 1;
        return r;
    }
    if (r.exit_code == 0 || sub == "migrate")
        store_database(where, *conn.value());  // migrations applied before a failure stay
    return r;
}

ProjectFiles with_initial_migrations(ProjectFiles files) {
    if (!files.migration_files.empty()) return files;
    Project p(files);
    MakemigrationsOptions opts;
    gramlab::CommandResult r = p.makemigrations(opts);
    for (const auto& [path, text] : r.files) {
        std::string base = Fs::basename(path);
        if (!ends_with(base, ".py") || base == "__init__.py") continue;
        files.migration_files.push_back(
            {base.substr(0, base.size() - 3), files.app_label + "/migrations/" + base, text});
    }
    return files;
}

bool seed_database(Database& d, const ProjectFiles& files_in, const std::string& fixture_json) {
    ProjectFiles files = with_initial_migrations(files_in);
    Project project(files);
    if (!project.apps().ok()) return false;
    auto conn = db::Connection::open("sqlite://:memory:");
    if (!conn.ok()) return false;
    if (!d.image.empty() && !conn.value()->deserialize(d.image).ok()) return false;
    if (project.migrate(*conn.value(), "", "", kSimNow + ".000000").exit_code != 0) return false;
    // Keep only what the learner's models declare.
    nlohmann::json objects = nlohmann::json::parse(fixture_json, nullptr, false);
    nlohmann::json kept = nlohmann::json::array();
    if (objects.is_array()) {
        for (const auto& o : objects) {
            if (!o.is_object() || !o.contains("model") || !o["model"].is_string()) continue;
            const models::ModelDef* m = project.apps().value().get_model(o["model"].get<std::string>());
            if (!m) continue;
            nlohmann::json copy = o;
            nlohmann::json fields = nlohmann::json::object();
            if (o.contains("fields") && o["fields"].is_object())
                for (const auto& [k, v] : o["fields"].items())
                    if (m->field(k)) fields[k] = v;
            copy["fields"] = fields;
            kept.push_back(copy);
        }
    }
    if (!kept.empty() && project.loaddata(*conn.value(), {{"seed", kept.dump()}}).exit_code != 0) return false;
    store_database(d, *conn.value());
    return true;
}

// ---- Python literals → JSON

namespace {

using OJ = nlohmann::ordered_json;

struct LitParser {
    const std::string& s;
    size_t i = 0;
    int depth = 0;

    void ws() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    }
    bool lit(const char* w) {
        size_t n = std::char_traits<char>::length(w);
        if (s.compare(i, n, w) != 0) return false;
        i += n;
        return true;
    }
    static void utf8(uint32_t cp, std::string& out) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x110000) {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    bool hex(size_t n, uint32_t& cp) {
        if (i + n > s.size()) return false;
        cp = 0;
        for (size_t k = 0; k < n; ++k) {
            char c = s[i + k];
            int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                : -1;
            if (d < 0) return false;
            cp = cp * 16 + static_cast<uint32_t>(d);
        }
        i += n;
        return true;
    }
    bool str(std::string& out) {
        char q = s[i++];
        while (i < s.size() && s[i] != q) {
            if (s[i] != '\\') {
                out += s[i++];
                continue;
            }
            if (++i >= s.size()) return false;
            char e = s[i++];
            uint32_t cp = 0;
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '\'':
                    out += '\'';
                    break;
                case '"':
                    out += '"';
                    break;
                case 'x':
                    if (!hex(2, cp)) return false;
                    utf8(cp, out);
                    break;
                case 'u':
                    if (!hex(4, cp)) return false;
                    utf8(cp, out);
                    break;
                case 'U':
                    if (!hex(8, cp)) return false;
                    utf8(cp, out);
                    break;
                default:
                    return false;
            }
        }
        if (i >= s.size()) return false;
        ++i;
        return true;
    }
    bool seq(char close, OJ& out) {
        out = OJ::array();
        ws();
        while (i < s.size() && s[i] != close) {
            OJ item;
            if (!value(item)) return false;
            out.push_back(std::move(item));
            ws();
            if (i < s.size() && s[i] == ',') {
                ++i;
                ws();
            } else if (i >= s.size() || s[i] != close) {
                return false;
            }
        }
        if (i >= s.size()) return false;
        ++i;
        return true;
    }
    bool value(OJ& out) {
        if (++depth > 64) return false;
        ws();
        bool ok = false;
        if (i >= s.size()) {
            ok = false;
        } else if (s[i] == '\'' || s[i] == '"') {
            std::string t;
            ok = str(t);
            out = t;
        } else if (s[i] == '(') {
            ++i;
            ok = seq(')', out);
        } else if (s[i] == '[') {
            ++i;
            ok = seq(']', out);
        } else if (s[i] == '{') {
            ++i;
            out = OJ::object();
            ws();
            ok = true;
            while (ok && i < s.size() && s[i] != '}') {
                OJ k, v;
                ok = value(k) && k.is_string();
                ws();
                ok = ok && i < s.size() && s[i] == ':';
                if (ok) ++i;
                ok = ok && value(v);
                if (ok) out[k.get<std::string>()] = std::move(v);
                ws();
                if (ok && i < s.size() && s[i] == ',') ++i, ws();
            }
            ok = ok && i < s.size() && s[i] == '}';
            if (ok) ++i;
        } else if (lit("None")) {
            out = nullptr;
            ok = true;
        } else if (lit("True")) {
            out = true;
            ok = true;
        } else if (lit("False")) {
            out = false;
            ok = true;
        } else {
            size_t start = i;
            if (s[i] == '-' || s[i] == '+') ++i;
            bool is_float = false;
            while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                                    ((s[i] == '-' || s[i] == '+') && (s[i - 1] == 'e' || s[i - 1] == 'E')))) {
                if (s[i] == '.' || s[i] == 'e' || s[i] == 'E' || s[i] == 'n' || s[i] == 'i') is_float = true;
                ++i;
            }
            std::string num = s.substr(start, i - start);
            if (num.empty() || num == "-" || num == "+") {
                ok = false;
            } else if (!is_float) {
                char* end = nullptr;
                errno = 0;
                long long v = std::strtoll(num.c_str(), &end, 10);
                ok = end && *end == '\0' && errno == 0;
                out = static_cast<int64_t>(v);
            } else {
                char* end = nullptr;
                double v = std::strtod(num.c_str(), &end);
                ok = end && *end == '\0';
                out = v;
            }
        }
        --depth;
        return ok;
    }
};

}  // namespace

bool parse_python_literal(const std::string& text, std::string& json_out) {
    LitParser p{text};
    OJ v;
    if (!p.value(v)) return false;
    p.ws();
    if (p.i != text.size()) return false;
    json_out = v.dump(-1, ' ', false, OJ::error_handler_t::replace);
    return true;
}

}  // namespace gramlab::deploy

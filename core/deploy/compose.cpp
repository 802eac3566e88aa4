// YAML → ComposeService values, with the checks docker-compose 1.29 applies before it runs
// (config schema keys, depends_on targets) and its variable interpolation
// (https://docs.docker.com/compose/compose-file/compose-file-v3/#variable-substitution).
#include "core/deploy/compose.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>

namespace gramlab::deploy {

const ComposeService* ComposeFile::service(const std::string& name) const {
    for (const auto& s : services)
        if (s.name == name) return &s;
    return nullptr;
}

std::vector<const ComposeService*> ComposeFile::start_order() const {
    std::vector<const ComposeService*> out;
    std::set<std::string> done, visiting;
    std::function<void(const ComposeService&)> visit = [&](const ComposeService& s) {
        if (done.count(s.name) || visiting.count(s.name)) return;
        visiting.insert(s.name);
        for (const auto& d : s.depends_on)
            if (const auto* dep = service(d)) visit(*dep);
        done.insert(s.name);
        out.push_back(&s);
    };
    for (const auto& s : services) visit(s);
    return out;
}

std::vector<std::string> shlex_split(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    bool have = false;
    char q = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (q) {
            if (c == q)
                q = 0;
            else if (c == '\\' && q == '"' && i + 1 < s.size())
                cur += s[++i];
            else
                cur += c;
        } else if (c == '"' || c == '\'') {
            q = c;
            have = true;
        } else if (c == '\\' && i + 1 < s.size()) {
            cur += s[++i];
            have = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (have || !cur.empty()) out.push_back(cur);
            cur.clear();
            have = false;
        } else {
            cur += c;
        }
    }
    if (have || !cur.empty()) out.push_back(cur);
    return out;
}

Result<std::string> interpolate(std::string_view s, const std::map<std::string, std::string>& vars,
                                std::vector<std::string>& warnings) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '$') {
            out += s[i];
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == '$') {
            out += '$';
            ++i;
            continue;
        }
        std::string name, op, arg;
        if (i + 1 < s.size() && s[i + 1] == '{') {
            size_t close = s.find('}', i + 2);
            if (close == std::string_view::npos)
                return Error::make("ConfigError", "Invalid interpolation format for \"" + std::string(s) + "\"");
            std::string body(s.substr(i + 2, close - i - 2));
            size_t k = 0;
            while (k < body.size() && (std::isalnum(static_cast<unsigned char>(body[k])) || body[k] == '_')) ++k;
            name = body.substr(0, k);
            std::string rest = body.substr(k);
            if (!rest.empty()) {
                if (rest.rfind(":-", 0) == 0 || rest.rfind(":?", 0) == 0)
                    op = rest.substr(0, 2), arg = rest.substr(2);
                else if (rest[0] == '-' || rest[0] == '?')
                    op = rest.substr(0, 1), arg = rest.substr(1);
                else
                    return Error::make("ConfigError", "Invalid interpolation format for \"" + std::string(s) + "\"");
            }
            if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])))
                return Error::make("ConfigError", "Invalid interpolation format for \"" + std::string(s) + "\"");
            i = close;
        } else {
            // compose's Template idpattern [_a-z][_a-z0-9]*: any other character after `$`
            // (a digit, a space, the end of the string) is an invalid interpolation.
            size_t k = i + 1;
            if (k < s.size() && (std::isalpha(static_cast<unsigned char>(s[k])) || s[k] == '_'))
                while (k < s.size() && (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_')) ++k;
            name = std::string(s.substr(i + 1, k - i - 1));
            if (name.empty())
                return Error::make("ConfigError", "Invalid interpolation format for \"" + std::string(s) + "\"");
            i = k - 1;
        }
        auto it = vars.find(name);
        bool set = it != vars.end();
        bool empty = !set || it->second.empty();
        if (op == ":-")
            out += empty ? arg : it->second;
        else if (op == "-")
            out += set ? it->second : arg;
        else if (op == ":?" || op == "?") {
            if (op == ":?" ? empty : !set) return Error::make("ConfigError", "Missing mandatory value: " + arg);
            out += it->second;
        } else {
            if (!set) {
                std::string w = "The " + name + " variable is not set. Defaulting to a blank string.";
                if (std::find(warnings.begin(), warnings.end(), w) == warnings.end()) warnings.push_back(w);
            } else {
                out += it->second;
            }
        }
    }
    return out;
}

namespace {

std::string py_str_repr(const std::string& v) {
    // Python picks single quotes unless the text has a ' and no ".
    char q = v.find('\'') != std::string::npos && v.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, q);
    for (char c : v) {
        if (c == '\\' || c == q)
            out += std::string{'\\', c};
        else if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out + q;
}

}  // namespace

std::string python_repr(const YamlNode& n) {
    if (n.is_null()) return "None";
    if (n.is_scalar()) {
        if (n.quoted) return py_str_repr(n.scalar);
        const std::string& t = n.scalar;
        if (t == "true" || t == "True" || t == "TRUE" || t == "yes" || t == "Yes" || t == "on" || t == "On")
            return "True";
        if (t == "false" || t == "False" || t == "FALSE" || t == "no" || t == "No" || t == "off" || t == "Off")
            return "False";
        if (t == "~" || t == "null" || t == "Null" || t == "NULL") return "None";
        bool number = !t.empty();
        for (size_t i = 0; i < t.size(); ++i)
            number &= std::isdigit(static_cast<unsigned char>(t[i])) || (i == 0 && t[i] == '-' && t.size() > 1);
        return number ? t : py_str_repr(t);
    }
    std::string out;
    if (n.is_seq()) {
        for (const auto& it : n.items) out += (out.empty() ? "" : ", ") + python_repr(it);
        return "[" + out + "]";
    }
    for (const auto& [k, v] : n.entries) out += (out.empty() ? "" : ", ") + python_repr(k) + ": " + python_repr(v);
    return "{" + out + "}";
}

Result<std::string> interpolate_option(const YamlNode& scalar, const YamlNode& option, const std::string& key,
                                       const std::string& service, const std::map<std::string, std::string>& vars,
                                       std::vector<std::string>& warnings) {
    auto r = interpolate(scalar.scalar, vars, warnings);
    if (r.ok()) return r;
    Error e = r.take_error();
    e.kind = "ERROR";
    e.span = scalar.span;
    // compose/config/interpolation.py, interpolate_value()
    std::string in = service.empty() ? "" : " in service \"" + service + "\"";
    if (e.message.rfind("Missing mandatory value: ", 0) == 0)
        e.message = "Missing mandatory value for \"" + key + "\" option interpolating " +
                    (option.is_scalar() ? option.scalar : python_repr(option)) + in + ": " + e.message.substr(25);
    else
        e.message = "Invalid interpolation format for \"" + key + "\" option" + in + ": \"" + scalar.scalar + "\"";
    return e;
}

std::vector<std::pair<std::string, std::string>> read_env_file(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t p = 0;
    while (p < text.size()) {
        size_t nl = text.find('\n', p);
        std::string line(text.substr(p, nl == std::string_view::npos ? std::string_view::npos : nl - p));
        p = nl == std::string_view::npos ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        size_t a = line.find_first_not_of(" \t");
        if (a == std::string::npos || line[a] == '#') continue;
        size_t eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string v = line.substr(eq + 1);
        if (v.size() >= 2 && (v[0] == '"' || v[0] == '\'') && v.back() == v[0]) v = v.substr(1, v.size() - 2);
        std::string k = line.substr(a, eq - a);
        bool replaced = false;
        for (auto& [ok, ov] : out)
            if (ok == k) ov = v, replaced = true;
        if (!replaced) out.emplace_back(k, v);
    }
    return out;
}

namespace {

const std::set<std::string> kServiceKeys = {
    "build",   "image",      "command",      "entrypoint",     "environment", "env_file",    "ports", "expose",
    "volumes", "depends_on", "restart",      "container_name", "networks",    "working_dir", "user",  "healthcheck",
    "labels",  "logging",    "network_mode", "extra_hosts",    "stdin_open",  "tty"};

class ComposeReader {
  public:
    ComposeReader(const std::string& file, const std::map<std::string, std::string>& vars) : file_(file), vars_(vars) {}
    ComposeFile cf;

    Error invalid(const std::string& why, SourceSpan span) {
        Error e = Error::make("ERROR", "The Compose file '" + file_ + "' is invalid because:\n" + why, span);
        e.file = file_;
        return e;
    }
    Result<std::string> scalar(const YamlNode& n, const std::string& where) {
        if (n.is_null()) return std::string();
        if (!n.is_scalar()) return invalid(where + " contains an invalid type, it should be a string", n.span);
        std::string key = where.substr(where.rfind('.') + 1);
        std::string service = where.rfind("services.", 0) == 0 ? where.substr(9, where.find('.', 9) - 9) : "";
        auto r = interpolate_option(n, option_ ? *option_ : n, key, service, vars_, cf.warnings);
        if (!r.ok()) {
            Error e = r.take_error();
            e.file = file_;
            return e;
        }
        return r.value();
    }
    Result<std::vector<std::string>> list_or_string(const YamlNode& n, const std::string& where) {
        std::vector<std::string> out;
        if (n.is_seq()) {
            for (const auto& it : n.items) {
                auto s = scalar(it, where);
                if (!s.ok()) return s.take_error();
                out.push_back(s.value());
            }
            return out;
        }
        auto s = scalar(n, where);
        if (!s.ok()) return s.take_error();
        return shlex_split(s.value());
    }

    Status service(const std::string& name, const YamlNode& n) {
        ComposeService s;
        s.name = name;
        s.span = n.span;
        if (!n.is_map()) return invalid("services." + name + " must be a mapping", n.span);
        for (const auto& [k, v] : n.entries) {
            const std::string& key = k.scalar;
            std::string where = "services." + name + "." + key;
            option_ = &v;
            if (!kServiceKeys.count(key))
                return invalid("Unsupported config option for services." + name + ": '" + key + "'", k.span);
            if (key == "build") {
                if (v.is_map()) {
                    if (const auto* c = v.get("context")) GRAMLAB_TRY(assign(s.build_context, *c, where));
                    if (const auto* d = v.get("dockerfile")) GRAMLAB_TRY(assign(s.build_dockerfile, *d, where));
                } else {
                    GRAMLAB_TRY(assign(s.build_context, v, where));
                }
                if (s.build_dockerfile.empty()) s.build_dockerfile = "Dockerfile";
            } else if (key == "image") {
                GRAMLAB_TRY(assign(s.image, v, where));
            } else if (key == "command" || key == "entrypoint") {
                auto l = list_or_string(v, where);
                if (!l.ok()) return l.take_error();
                (key == "command" ? s.command : s.entrypoint) = l.value();
            } else if (key == "environment") {
                // A name without a value takes the value compose itself runs with (shell or
                // .env), and stays unset in the container when there is none.
                if (v.is_map()) {
                    for (const auto& [ek, ev] : v.entries) {
                        auto val = scalar(ev, where);
                        if (!val.ok()) return val.take_error();
                        if (!ev.is_null())
                            s.environment.emplace_back(ek.scalar, val.value());
                        else if (vars_.count(ek.scalar))
                            s.environment.emplace_back(ek.scalar, vars_.at(ek.scalar));
                    }
                } else {
                    auto l = list_or_string(v, where);
                    if (!l.ok()) return l.take_error();
                    for (const auto& kv : l.value()) {
                        size_t eq = kv.find('=');
                        if (eq != std::string::npos)
                            s.environment.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
                        else if (vars_.count(kv))
                            s.environment.emplace_back(kv, vars_.at(kv));
                    }
                }
            } else if (key == "env_file") {
                auto l = v.is_seq() ? list_or_string(v, where)
                                    : Result<std::vector<std::string>>(std::vector<std::string>{});
                if (!l.ok()) return l.take_error();
                s.env_file = l.value();
                if (v.is_scalar()) s.env_file = {v.scalar};
            } else if (key == "ports") {
                if (!v.is_seq()) return invalid(where + " contains an invalid type, it should be an array", v.span);
                for (const auto& p : v.items) {
                    auto t = scalar(p, where);
                    if (!t.ok()) return t.take_error();
                    PortMapping pm;
                    std::string spec = t.value();
                    size_t c = spec.rfind(':');
                    std::string cport = c == std::string::npos ? spec : spec.substr(c + 1);
                    std::string hport = c == std::string::npos ? "" : spec.substr(0, c);
                    size_t c2 = hport.rfind(':');
                    if (c2 != std::string::npos) hport = hport.substr(c2 + 1);
                    pm.container = std::atoi(cport.c_str());
                    pm.host = hport.empty() ? 0 : std::atoi(hport.c_str());
                    if (pm.container <= 0)
                        return invalid(where + " contains an invalid type, it should be a number, or an object",
                                       p.span);
                    s.ports.push_back(pm);
                }
            } else if (key == "expose") {
                auto l = list_or_string(v, where);
                if (!l.ok()) return l.take_error();
                s.expose = l.value();
            } else if (key == "volumes") {
                auto l = list_or_string(v, where);
                if (!l.ok()) return l.take_error();
                for (const auto& spec : l.value()) {
                    VolumeMount m;
                    size_t c = spec.find(':');
                    if (c == std::string::npos) {
                        m.target = spec;
                    } else {
                        m.source = spec.substr(0, c);
                        m.target = spec.substr(c + 1);
                        size_t c2 = m.target.find(':');
                        if (c2 != std::string::npos) {
                            m.mode = m.target.substr(c2 + 1);
                            m.target = m.target.substr(0, c2);
                        }
                        m.named = !m.source.empty() && m.source[0] != '.' && m.source[0] != '/' && m.source[0] != '~';
                    }
                    s.volumes.push_back(m);
                }
            } else if (key == "depends_on") {
                if (v.is_map()) {
                    for (const auto& [dk, dv] : v.entries) s.depends_on.push_back(dk.scalar);
                } else {
                    auto l = list_or_string(v, where);
                    if (!l.ok()) return l.take_error();
                    s.depends_on = l.value();
                }
            } else if (key == "restart") {
                GRAMLAB_TRY(assign(s.restart, v, where));
            } else if (key == "container_name") {
                GRAMLAB_TRY(assign(s.container_name, v, where));
            }
        }
        if (s.image.empty() && s.build_context.empty()) {
            // compose/config/config.py validate_service(): this message names no file.
            Error e = Error::make("ERROR",
                                  "The Compose file is invalid because:\nService " + name +
                                      " has neither an image nor a build context specified. At least one must be "
                                      "provided.",
                                  n.span);
            e.file = file_;
            return e;
        }
        cf.services.push_back(std::move(s));
        return Status::Ok();
    }

  private:
    Status assign(std::string& dst, const YamlNode& n, const std::string& where) {
        auto r = scalar(n, where);
        if (!r.ok()) return r.take_error();
        dst = r.value();
        return Status::Ok();
    }
    const std::string& file_;
    const std::map<std::string, std::string>& vars_;
    const YamlNode* option_ = nullptr;  // the value of the service option being read
};

}  // namespace

Result<ComposeFile> parse_compose(std::string_view text, const std::string& file,
                                  const std::map<std::string, std::string>& vars) {
    auto doc = parse_yaml(text, file);
    if (!doc.ok()) return doc.take_error();
    const YamlNode& root = doc.value();
    ComposeReader r(file, vars);
    if (!root.is_map())
        return r.invalid("Top level object in '" + file + "' needs to be an object not '<class 'str'>'.", root.span);
    for (const auto& [k, v] : root.entries) {
        const std::string& key = k.scalar;
        if (key == "version") {
            r.cf.version = v.str();
        } else if (key == "services") {
            if (!v.is_map()) return r.invalid("services must be a mapping", v.span);
            for (const auto& [sk, sv] : v.entries) GRAMLAB_TRY(r.service(sk.scalar, sv));
        } else if (key == "volumes") {
            for (const auto& [vk, vv] : v.entries) r.cf.volumes.push_back(vk.scalar);
        } else if (key != "networks" && key != "secrets" && key != "configs" && key.rfind("x-", 0) != 0) {
            return r.invalid(
                "Invalid top-level property \"" + key +
                    "\". Valid top-level sections for this Compose file "
                    "are: version, services, networks, volumes, secrets, configs, and extensions starting with \"x-\".",
                k.span);
        }
    }
    for (const auto& s : r.cf.services) {
        for (const auto& d : s.depends_on)
            if (!r.cf.service(d)) {
                Error e = Error::make(
                    "ERROR", "Service '" + s.name + "' depends on service '" + d + "' which is undefined.", s.span);
                e.file = file;
                return e;
            }
        for (const auto& m : s.volumes)
            if (m.named && std::find(r.cf.volumes.begin(), r.cf.volumes.end(), m.source) == r.cf.volumes.end()) {
                // The spec as compose normalised it: no trailing slash, the mode added.
                std::string target =
                    m.target.size() > 1 && m.target.back() == '/' ? m.target.substr(0, m.target.size() - 1) : m.target;
                Error e = Error::make("ERROR",
                                      "Named volume \"" + m.source + ":" + target + ":" + m.mode +
                                          "\" is used in service \"" + s.name +
                                          "\" but no declaration was found in the volumes section.",
                                      s.span);
                e.file = file;
                return e;
            }
    }
    return std::move(r.cf);
}

}  // namespace gramlab::deploy

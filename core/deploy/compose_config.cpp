// compose 1.29's view of a compose file as `config` prints it: config.py (interpolation,
// resolve_environment, resolve_build_args, normalize ports/volumes/depends_on) followed by
// serialize.py's denormalize_config and PyYAML (yaml_writer.cpp).
#include "core/deploy/compose_config.hpp"

#include <cctype>
#include <charconv>

#include "core/deploy/compose.hpp"
#include "core/deploy/fs.hpp"
#include "core/deploy/yaml_writer.hpp"

namespace gramlab::deploy {

namespace {

class ConfigWriter {
  public:
    ConfigWriter(const std::map<std::string, std::string>& vars, const std::string& dir, const FileReader& read)
        : vars_(vars), dir_(dir), read_(read) {}

    Result<PyValue> document(const YamlNode& root) {
        PyValue doc = PyValue::mapping();
        const YamlNode* version = root.get("version");
        doc.set("version", str(version && version->is_scalar() ? version->scalar : "3.9"));
        PyValue services = PyValue::mapping();
        if (const YamlNode* ss = root.get("services"); ss && ss->is_map())
            for (const auto& [k, v] : ss->entries) {
                auto svc = service(k.scalar, v);
                if (!svc.ok()) return svc.take_error();
                services.set(k.scalar, std::move(svc.value()));
            }
        doc.set("services", std::move(services));
        for (const char* section : {"networks", "volumes", "secrets", "configs"}) {
            const YamlNode* n = root.get(section);
            if (!n || !n->is_map() || n->entries.empty()) continue;
            PyValue m = PyValue::mapping();
            for (const auto& [k, v] : n->entries) {
                auto val = generic(v, section, "");
                if (!val.ok()) return val.take_error();
                m.set(k.scalar, val->kind == PyValue::Kind::kNone ? PyValue::mapping() : std::move(val.value()));
            }
            doc.set(section, std::move(m));
        }
        return doc;
    }

  private:
    const std::map<std::string, std::string>& vars_;
    const std::string& dir_;
    const FileReader& read_;
    std::vector<std::string> warnings_;  // already printed by the CLI from parse_compose

    // serialize_string_escape_dollar: every string is written with `$` doubled, and bool-like
    // words in double quotes.
    static PyValue str(const std::string& s) {
        std::string esc;
        for (char c : s) esc += c == '$' ? std::string("$$") : std::string(1, c);
        PyValue v = PyValue::of_str(esc);
        std::string lower;
        for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        v.force_double_quotes = lower == "y" || lower == "n" || lower == "yes" || lower == "no" || lower == "on" ||
                                lower == "off" || lower == "true" || lower == "false";
        return v;
    }

    // A scalar as PyYAML loaded it (plain text may be an int, bool or null), interpolated when a
    // string: `COUNT: 3` stays 3, `PORT: "${P}"` becomes the string '8080'.
    Result<PyValue> scalar(const YamlNode& n, const YamlNode& option, const std::string& key,
                           const std::string& service) {
        if (n.is_null()) return PyValue::none();
        std::string type = n.quoted ? "str" : yaml11_resolve(n.scalar);
        if (type == "int") {
            std::string digits;
            for (char c : n.scalar)
                if (c != '_' && c != '+') digits += c;
            std::int64_t value = 0;
            auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
            if (ec == std::errc() && end == digits.data() + digits.size()) return PyValue::of_int(value);
        }
        if (type == "bool") {
            const std::string& t = n.scalar;
            return PyValue::of_bool(t == "yes" || t == "Yes" || t == "YES" || t == "true" || t == "True" ||
                                    t == "TRUE" || t == "on" || t == "On" || t == "ON");
        }
        if (type == "null") return PyValue::none();
        auto r = interpolate_option(n, option, key, service, vars_, warnings_);
        if (!r.ok()) return r.take_error();
        return str(r.value());
    }

    Result<PyValue> generic(const YamlNode& n, const std::string& key, const std::string& service) {
        return generic_in(n, n, key, service);
    }
    Result<PyValue> generic_in(const YamlNode& n, const YamlNode& option, const std::string& key,
                               const std::string& service) {
        if (n.is_seq()) {
            PyValue l = PyValue::list();
            for (const auto& it : n.items) {
                auto v = generic_in(it, option, key, service);
                if (!v.ok()) return v.take_error();
                l.items.push_back(std::move(v.value()));
            }
            return l;
        }
        if (n.is_map()) {
            PyValue m = PyValue::mapping();
            for (const auto& [k, v] : n.entries) {
                auto val = generic_in(v, option, key, service);
                if (!val.ok()) return val.take_error();
                m.set(k.scalar, std::move(val.value()));
            }
            return m;
        }
        return scalar(n, option, key, service);
    }

    Result<std::string> text(const YamlNode& n, const YamlNode& option, const std::string& key,
                             const std::string& service) {
        if (n.is_null()) return std::string();
        return interpolate_option(n, option, key, service, vars_, warnings_);
    }

    std::string host_path(const std::string& p) const {
        if (p.rfind("~", 0) == 0) return "/home/ubuntu" + p.substr(1);
        return Fs::normalize(p, dir_);
    }

    Result<PyValue> service(const std::string& name, const YamlNode& n) {
        PyValue out = PyValue::mapping();
        PyValue env = PyValue::mapping();
        bool has_env = false;
        // env_file first, then environment on top (resolve_environment).
        if (const YamlNode* ef = n.get("env_file")) {
            std::vector<const YamlNode*> files;
            if (ef->is_seq())
                for (const auto& it : ef->items) files.push_back(&it);
            else
                files.push_back(ef);
            for (const YamlNode* f : files) {
                auto path = text(*f, *ef, "env_file", name);
                if (!path.ok()) return path.take_error();
                std::string abs = Fs::normalize(path.value(), dir_);
                const std::string* content = read_(abs);
                if (!content) return Error::make("ERROR", "Couldn't find env file: " + abs);
                for (const auto& [k, v] : read_env_file(*content)) env.set(k, str(v));
                has_env = true;
            }
        }
        for (const auto& [k, v] : n.entries) {
            const std::string& key = k.scalar;
            if (key == "env_file") continue;
            if (key == "environment") {
                has_env = true;
                if (v.is_map()) {
                    for (const auto& [ek, ev] : v.entries) {
                        if (ev.is_null()) {
                            auto it = vars_.find(ek.scalar);
                            env.set(ek.scalar, it == vars_.end() ? PyValue::none() : str(it->second));
                            continue;
                        }
                        auto val = scalar(ev, v, key, name);
                        if (!val.ok()) return val.take_error();
                        env.set(ek.scalar, std::move(val.value()));
                    }
                } else if (v.is_seq()) {
                    for (const auto& it : v.items) {
                        auto kv = text(it, v, key, name);
                        if (!kv.ok()) return kv.take_error();
                        size_t eq = kv->find('=');
                        if (eq != std::string::npos) {
                            env.set(kv->substr(0, eq), str(kv->substr(eq + 1)));
                        } else {
                            auto found = vars_.find(kv.value());
                            env.set(kv.value(), found == vars_.end() ? PyValue::none() : str(found->second));
                        }
                    }
                }
                continue;
            }
            Result<PyValue> val = PyValue::none();
            if (key == "build")
                val = build(v, name);
            else if (key == "ports")
                val = ports(v, name);
            else if (key == "volumes")
                val = volumes(v, name);
            else if (key == "depends_on")
                val = depends_on(v, name);
            else if (key == "networks" && v.is_seq()) {
                PyValue m = PyValue::mapping();  // the list form is a map with no settings
                for (const auto& it : v.items) {
                    auto net = text(it, v, key, name);
                    if (!net.ok()) return net.take_error();
                    m.set(net.value(), PyValue::none());
                }
                val = std::move(m);
            } else if ((key == "command" || key == "entrypoint") && v.is_seq()) {
                PyValue l = PyValue::list();
                for (const auto& it : v.items) {
                    auto t = text(it, v, key, name);
                    if (!t.ok()) return t.take_error();
                    l.items.push_back(str(t.value()));
                }
                val = std::move(l);
            } else if (key == "command" || key == "entrypoint" || key == "image" || key == "restart" ||
                       key == "container_name") {
                auto t = text(v, v, key, name);
                if (!t.ok()) return t.take_error();
                val = str(t.value());
            } else {
                val = generic(v, key, name);
            }
            if (!val.ok()) return val.take_error();
            out.set(key, std::move(val.value()));
        }
        if (has_env) out.set("environment", std::move(env));
        return out;
    }

    Result<PyValue> build(const YamlNode& v, const std::string& service) {
        PyValue b = PyValue::mapping();
        if (!v.is_map()) {
            auto ctx = text(v, v, "build", service);
            if (!ctx.ok()) return ctx.take_error();
            b.set("context", str(host_path(ctx.value())));
            return b;
        }
        for (const auto& [k, val] : v.entries) {
            if (k.scalar == "context" && val.is_scalar()) {
                auto ctx = text(val, v, "build", service);
                if (!ctx.ok()) return ctx.take_error();
                b.set("context", str(host_path(ctx.value())));
                continue;
            }
            auto x = generic_in(val, v, "build", service);
            if (!x.ok()) return x.take_error();
            b.set(k.scalar, std::move(x.value()));
        }
        return b;
    }

    // Short syntax "[IP:][HOST:]CONTAINER[/PROTOCOL]" → {published, target[, protocol]}, one per
    // port of a range; with an IP compose keeps the legacy string "IP:HOST:CONTAINER/PROTOCOL".
    Result<PyValue> ports(const YamlNode& v, const std::string& service) {
        PyValue l = PyValue::list();
        if (!v.is_seq()) return generic(v, "ports", service);
        for (const auto& it : v.items) {
            if (it.is_map()) {
                auto m = generic_in(it, v, "ports", service);
                if (!m.ok()) return m.take_error();
                l.items.push_back(std::move(m.value()));
                continue;
            }
            auto spec_r = text(it, v, "ports", service);
            if (!spec_r.ok()) return spec_r.take_error();
            std::string spec = spec_r.value(), proto;
            if (size_t slash = spec.find('/'); slash != std::string::npos) {
                proto = spec.substr(slash + 1);
                spec = spec.substr(0, slash);
            }
            std::vector<std::string> parts;
            size_t p = 0;
            while (true) {
                size_t c = spec.find(':', p);
                parts.push_back(spec.substr(p, c == std::string::npos ? std::string::npos : c - p));
                if (c == std::string::npos) break;
                p = c + 1;
            }
            std::string ip = parts.size() == 3 ? parts[0] : "";
            std::string published = parts.size() >= 2 ? parts[parts.size() - 2] : "";
            std::string target = parts.back();
            if (!ip.empty()) {
                l.items.push_back(str(ip + ":" + published + ":" + target + "/" + (proto.empty() ? "tcp" : proto)));
                continue;
            }
            auto range = [](const std::string& r) {
                size_t dash = r.find('-');
                int a = std::atoi(r.c_str());
                int b = dash == std::string::npos ? a : std::atoi(r.c_str() + dash + 1);
                return std::make_pair(a, b);
            };
            auto [t0, t1] = range(target);
            auto [p0, p1] = published.empty() ? std::make_pair(0, 0) : range(published);
            for (int t = t0; t <= t1 && t - t0 < 65536; ++t) {
                PyValue m = PyValue::mapping();
                if (!proto.empty()) m.set("protocol", str(proto));
                if (!published.empty()) m.set("published", PyValue::of_int(p1 > p0 ? p0 + (t - t0) : p0));
                m.set("target", PyValue::of_int(t));
                l.items.push_back(std::move(m));
            }
        }
        return l;
    }

    // "SOURCE:TARGET[:MODE]" → "SOURCE:TARGET:MODE" (host paths absolute, TARGET normalised),
    // a bare "TARGET" stays as it is.
    Result<PyValue> volumes(const YamlNode& v, const std::string& service) {
        if (!v.is_seq()) return generic(v, "volumes", service);
        PyValue l = PyValue::list();
        for (const auto& it : v.items) {
            if (it.is_map()) {
                auto m = generic_in(it, v, "volumes", service);
                if (!m.ok()) return m.take_error();
                l.items.push_back(std::move(m.value()));
                continue;
            }
            auto spec_r = text(it, v, "volumes", service);
            if (!spec_r.ok()) return spec_r.take_error();
            const std::string& spec = spec_r.value();
            size_t c = spec.find(':');
            if (c == std::string::npos) {
                l.items.push_back(str(Fs::normalize(spec)));
                continue;
            }
            std::string source = spec.substr(0, c), target = spec.substr(c + 1), mode = "rw";
            if (size_t c2 = target.find(':'); c2 != std::string::npos) {
                mode = target.substr(c2 + 1);
                target = target.substr(0, c2);
            }
            bool host = !source.empty() && (source[0] == '.' || source[0] == '/' || source[0] == '~');
            l.items.push_back(str((host ? host_path(source) : source) + ":" + Fs::normalize(target) + ":" + mode));
        }
        return l;
    }

    Result<PyValue> depends_on(const YamlNode& v, const std::string& service) {
        if (!v.is_seq()) return generic(v, "depends_on", service);
        PyValue m = PyValue::mapping();
        for (const auto& it : v.items) {
            auto name = text(it, v, "depends_on", service);
            if (!name.ok()) return name.take_error();
            PyValue cond = PyValue::mapping();
            cond.set("condition", str("service_started"));
            m.set(name.value(), std::move(cond));
        }
        return m;
    }
};

}  // namespace

Result<std::string> compose_config(const YamlNode& root, const std::map<std::string, std::string>& vars,
                                   const std::string& project_dir, const FileReader& read_file) {
    ConfigWriter w(vars, project_dir, read_file);
    auto doc = w.document(root);
    if (!doc.ok()) return doc.take_error();
    return pyyaml_dump(doc.value());
}

}  // namespace gramlab::deploy

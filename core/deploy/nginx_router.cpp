// Routing tables from nginx directives, and the location search (ngx_http_core_find_location).
#include "core/deploy/nginx_router.hpp"

#include <cctype>

namespace gramlab::deploy {

long long parse_nginx_size(const std::string& s) {
    if (s.empty()) return -1;
    long long n = 0;
    size_t i = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) n = n * 10 + (s[i] - '0');
    if (i == 0) return -1;
    if (i == s.size()) return n;
    if (i + 1 != s.size()) return -1;
    char u = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
    if (u == 'k') return n * 1024;
    if (u == 'm') return n * 1024 * 1024;
    if (u == 'g') return n * 1024 * 1024 * 1024;
    return -1;
}

namespace {

Error conf_error(const std::string& what, const NginxDirective& d, const std::string& file) {
    Error e = Error::make("emerg", what + " in " + file + ":" + std::to_string(d.line), d.span);
    e.file = file;
    return e;
}

Status read_location(const NginxDirective& d, const std::string& file, NginxLocation& loc) {
    if (d.args.size() == 2) {
        loc.modifier = d.args[0];
        loc.pattern = d.args[1];
        if (loc.modifier != "=" && loc.modifier != "^~" && loc.modifier != "~" && loc.modifier != "~*")
            return conf_error("invalid location modifier \"" + loc.modifier + "\"", d, file);
    } else {
        loc.pattern = d.args[0];
    }
    if (loc.modifier == "~" || loc.modifier == "~*") {
        auto rx = MiniRegex::compile(loc.pattern, loc.modifier == "~*");
        if (!rx.ok()) {
            Error e = rx.take_error();
            e.message += " in " + file + ":" + std::to_string(d.line);
            e.file = file;
            e.span = d.span;
            return e;
        }
        loc.regex = rx.value();
    }
    for (const auto& s : d.block) {
        if (s.name == "proxy_pass") {
            loc.proxy_pass = s.args[0];
            std::string rest = loc.proxy_pass.rfind("http://", 0) == 0 ? loc.proxy_pass.substr(7) : loc.proxy_pass;
            bool has_uri = rest.find('/') != std::string::npos;
            if (has_uri && (loc.modifier == "~" || loc.modifier == "~*"))
                return conf_error(
                    "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside "
                    "named location, or inside \"if\" statement, or inside \"limit_except\" block",
                    s, file);
            if (loc.proxy_pass.rfind("http://", 0) != 0 && loc.proxy_pass.rfind("https://", 0) != 0)
                return conf_error("invalid URL prefix in \"" + loc.proxy_pass + "\"", s, file);
        } else if (s.name == "root") {
            loc.root = s.args[0];
        } else if (s.name == "alias") {
            loc.alias = s.args[0];
        } else if (s.name == "return") {
            loc.return_code = std::atoi(s.args[0].c_str());
            loc.return_text = s.args.size() > 1 ? s.args[1] : "";
        } else if (s.name == "client_max_body_size") {
            loc.max_body = parse_nginx_size(s.args[0]);
            if (loc.max_body < 0) return conf_error("\"client_max_body_size\" directive invalid value", s, file);
        }
    }
    if (!loc.root.empty() && !loc.alias.empty())
        return conf_error("\"alias\" directive is duplicate, \"root\" directive was specified earlier", d, file);
    return Status::Ok();
}

}  // namespace

Result<NginxSite> build_site(const NginxConf& conf, const std::string& file) {
    NginxSite site;
    for (const auto& d : conf.directives) {
        if (d.name == "upstream") {
            auto& servers = site.upstreams[d.args[0]];
            for (const auto& s : d.block)
                if (s.name == "server")
                    servers.push_back(s.args[0].find(':') == std::string::npos ? s.args[0] + ":80" : s.args[0]);
            if (servers.empty()) return conf_error("no servers are inside upstream", d, file);
        } else if (d.name == "client_max_body_size") {
            site.http_max_body = parse_nginx_size(d.args[0]);
        } else if (d.name == "server") {
            NginxServer srv;
            for (const auto& s : d.block) {
                if (s.name == "listen") {
                    std::string a = s.args[0];
                    size_t c = a.rfind(':');
                    srv.listen.push_back(std::atoi(a.c_str() + (c == std::string::npos ? 0 : c + 1)));
                    for (size_t k = 1; k < s.args.size(); ++k)
                        if (s.args[k] == "default_server") srv.default_server = true;
                } else if (s.name == "server_name") {
                    srv.names = s.args;
                } else if (s.name == "root") {
                    srv.root = s.args[0];
                } else if (s.name == "client_max_body_size") {
                    srv.max_body = parse_nginx_size(s.args[0]);
                } else if (s.name == "location") {
                    NginxLocation loc;
                    GRAMLAB_TRY(read_location(s, file, loc));
                    srv.locations.push_back(std::move(loc));
                    for (const auto& inner : s.block) {  // nested locations are searched flat
                        if (inner.name != "location") continue;
                        NginxLocation nl;
                        GRAMLAB_TRY(read_location(inner, file, nl));
                        srv.locations.push_back(std::move(nl));
                    }
                }
            }
            if (srv.listen.empty()) srv.listen.push_back(80);
            for (size_t a = 0; a < srv.locations.size(); ++a)
                for (size_t b = 0; b < a; ++b)
                    if (srv.locations[a].modifier != "~" && srv.locations[a].modifier != "~*" &&
                        srv.locations[a].pattern == srv.locations[b].pattern &&
                        (srv.locations[a].modifier == "=") == (srv.locations[b].modifier == "="))
                        return conf_error("duplicate location \"" + srv.locations[a].pattern + "\"", d, file);
            site.servers.push_back(std::move(srv));
        }
    }
    return site;
}

int match_location(const NginxServer& server, const std::string& uri) {
    int longest = -1;
    size_t longest_len = 0;
    for (size_t i = 0; i < server.locations.size(); ++i) {
        const auto& l = server.locations[i];
        if (l.modifier == "=" && l.pattern == uri) return static_cast<int>(i);
        if ((l.modifier.empty() || l.modifier == "^~") && uri.compare(0, l.pattern.size(), l.pattern) == 0 &&
            l.pattern.size() >= longest_len && (longest < 0 || l.pattern.size() > longest_len)) {
            longest = static_cast<int>(i);
            longest_len = l.pattern.size();
        }
    }
    if (longest >= 0 && server.locations[static_cast<size_t>(longest)].modifier == "^~") return longest;
    for (size_t i = 0; i < server.locations.size(); ++i) {
        const auto& l = server.locations[i];
        if ((l.modifier == "~" || l.modifier == "~*") && l.regex.search(uri)) return static_cast<int>(i);
    }
    return longest;
}

const NginxLocation* auto_redirect(const NginxServer& server, const std::string& uri) {
    const NginxLocation* to = nullptr;
    for (const auto& l : server.locations) {
        bool prefix = l.modifier.empty() || l.modifier == "^~";
        if ((prefix || l.modifier == "=") && l.pattern == uri) return nullptr;  // /api itself is a location
        if (prefix && !l.proxy_pass.empty() && l.pattern.size() > 1 && l.pattern == uri + "/") to = &l;
    }
    return to;
}

Route route_request(const NginxSite& site, int port, const std::string& host_header, const std::string& uri_in,
                    size_t body_size, std::map<std::string, int>& rr) {
    Route r;
    const NginxServer* srv = nullptr;
    std::string host = host_header.substr(0, host_header.find(':'));
    for (const auto& s : site.servers) {
        bool on_port = false;
        for (int p : s.listen) on_port |= p == port;
        if (!on_port) continue;
        for (const auto& n : s.names)
            if (n == host) srv = &s;
        if (srv) break;
    }
    if (!srv)
        for (const auto& s : site.servers)
            for (int p : s.listen)
                if (p == port && s.default_server && !srv) srv = &s;
    if (!srv)
        for (const auto& s : site.servers)
            for (int p : s.listen)
                if (p == port && !srv) srv = &s;
    if (!srv) {
        r.status = 404;
        return r;
    }
    std::string uri = uri_in.substr(0, uri_in.find('?'));
    std::string query = uri_in.find('?') == std::string::npos ? "" : uri_in.substr(uri_in.find('?'));
    if (const NginxLocation* to = auto_redirect(*srv, uri)) {
        r.kind = Route::kReturn;
        r.status = 301;
        r.text = uri + "/" + query;
        r.location = to->describe();
        return r;
    }
    int li = match_location(*srv, uri);
    if (li < 0) {
        r.kind = Route::kStatic;
        r.file = (srv->root.empty() ? "/usr/share/nginx/html" : srv->root) + uri;
        return r;
    }
    const NginxLocation& loc = srv->locations[static_cast<size_t>(li)];
    r.location = loc.describe();
    long long max_body = loc.max_body >= 0 ? loc.max_body : srv->max_body >= 0 ? srv->max_body : site.http_max_body;
    if (max_body > 0 && static_cast<long long>(body_size) > max_body) {
        r.status = 413;
        return r;
    }
    if (loc.return_code) {
        r.kind = Route::kReturn;
        r.status = loc.return_code;
        r.text = loc.return_text;
        return r;
    }
    if (!loc.proxy_pass.empty()) {
        r.kind = Route::kProxy;
        std::string rest = loc.proxy_pass.substr(loc.proxy_pass.find("://") + 3);
        size_t slash = rest.find('/');
        std::string hostport = rest.substr(0, slash);
        r.upstream = hostport;
        if (slash == std::string::npos) {
            r.upstream_uri = uri + query;  // no URI part: the request URI is passed unchanged
        } else {
            // With a URI part, the part of the URI matching the location is replaced by it.
            std::string part = rest.substr(slash);
            std::string tail = uri.size() >= loc.pattern.size() && loc.modifier != "~" && loc.modifier != "~*"
                                   ? uri.substr(loc.pattern.size())
                                   : uri;
            r.upstream_uri = part + tail + query;
        }
        auto up = site.upstreams.find(hostport);
        if (up != site.upstreams.end()) {
            int& next = rr[hostport];
            size_t n = up->second.size();
            r.target = up->second[static_cast<size_t>(next) % n];
            for (size_t k = 1; k < n; ++k) r.next_targets.push_back(up->second[(static_cast<size_t>(next) + k) % n]);
            next = (next + 1) % static_cast<int>(n);
        } else {
            r.target = hostport.find(':') == std::string::npos ? hostport + ":80" : hostport;
        }
        return r;
    }
    r.kind = Route::kStatic;
    if (!loc.alias.empty())
        r.file = loc.alias + uri.substr(std::min(uri.size(), loc.pattern.size()));
    else
        r.file = (loc.root.empty() ? (srv->root.empty() ? "/usr/share/nginx/html" : srv->root) : loc.root) + uri;
    return r;
}

}  // namespace gramlab::deploy

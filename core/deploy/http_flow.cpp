// curl → docker-proxy → nginx → gunicorn → app, with nginx's log formats and error pages.
#include "core/deploy/http_flow.hpp"

#include <algorithm>

#include "core/deploy/commands.hpp"
#include "core/deploy/docker.hpp"
#include "core/deploy/nginx_router.hpp"
#include "core/deploy/python_http_server.hpp"

namespace gramlab::deploy {

namespace {

std::string nginx_error_page(int status, const std::string& version) {
    std::string title = std::to_string(status) + " " + reason_phrase(status);
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
           "</h1></center>\r\n<hr><center>nginx/" + version + "</center>\r\n</body>\r\n</html>\r\n";
}

HttpResponse error_response(int status, const std::string& version) {
    HttpResponse r;
    r.status = status;
    r.reason = reason_phrase(status);
    r.headers = {{"Server", "nginx/" + version}, {"Content-Type", "text/html"}};
    r.body = nginx_error_page(status, version);
    return r;
}

std::string env_of(const Container& c, const std::string& k) {
    for (const auto& [n, v] : c.env)
        if (n == k) return v;
    return "";
}

// The app behind gunicorn/runserver in container `c`.
HttpResponse call_app(DeployContext& ctx, Container& c, const HttpRequest& req, std::vector<std::string>& trace) {
    AppEnvironment env;
    env.code = &c.fs;
    env.code_root = c.workdir;
    env.env = c.env;
    env.database = app_database(ctx.world, &c, c.fs, c.workdir, c.env);
    trace.push_back("gunicorn: worker 8 (" + c.name + ") → WSGI config.wsgi:application → " + req.method + " " +
                    req.path);
    if (!env.database.reachable()) {
        trace.push_back("app: database unreachable (SQL_HOST=\"" + env.database.host + "\")");
    } else {
        std::string summary = "new, empty";
        if (env.database.db && !env.database.db->image.empty()) {
            summary = "no tables";
            int64_t rows = 0;
            size_t n = 0;
            for (const auto& [t, r] : env.database.db->tables)
                if (t.rfind("django_", 0) != 0 && t.rfind("auth_", 0) != 0) rows += r, ++n;
            if (!env.database.db->tables.empty())
                summary = std::to_string(n) + " app " + (n == 1 ? "table, " : "tables, ") + std::to_string(rows) +
                          (rows == 1 ? " row" : " rows");
        } else if (env.database.fs && env.database.fs->is_file(env.database.path)) {
            summary = "sqlite file";
        }
        trace.push_back("app: database " + env.database.name + " (" + summary + ")");
    }
    DefaultAppHandler fallback;
    AppHandler* app = ctx.app ? ctx.app : &fallback;
    HttpResponse r = app->handle(req, env);
    if (req.method == "HEAD") r.body.clear();  // gunicorn sends the headers only
    trace.insert(trace.end(), env.notes.begin(), env.notes.end());
    trace.push_back("app: " + std::to_string(r.status) + " " + r.reason);
    return r;
}

const Process* listener(const Container& c, int port) {
    for (const auto& p : c.processes)
        if (p.port == port) return &p;
    return nullptr;
}

}  // namespace

HttpOutcome http_request(DeployContext& ctx, const std::string& host, int port, const HttpRequest& req_in) {
    HttpOutcome o;
    World& w = ctx.world;
    HttpRequest req = req_in;
    if (req.header("Host").empty()) req.headers.emplace_back("Host", host);
    auto record = [&](int status, const std::string& via) {
        w.requests.push_back(HttpExchange{req.method + " " + req.path, status, via});
    };
    auto refused = [&]() {
        o.connected = false;
        o.curl_error =
            "curl: (7) Failed to connect to " + host + " port " + std::to_string(port) + ": Connection refused";
        o.trace.push_back("host:" + std::to_string(port) + ": nothing listening");
        record(0, "connection refused");
        return o;
    };
    if (!w.host_alive) {
        o.curl_error =
            "curl: (28) Failed to connect to " + host + " port " + std::to_string(port) + ": Connection timed out";
        record(0, "instance terminated");
        return o;
    }
    auto hp = w.host_ports.find(port);
    if (hp == w.host_ports.end()) return refused();
    if (hp->second.rfind("docker-proxy ", 0) != 0) {
        o.connected = true;
        o.trace.push_back("host:" + std::to_string(port) + " → " + hp->second + " (not a container)");
        o.response.status = 200;
        o.response.body = "<html><body><h1>It works!</h1></body></html>\n";
        record(200, hp->second);
        return o;
    }
    std::string cname = hp->second.substr(13);
    auto cit = w.containers.find(cname);
    if (cit == w.containers.end() || cit->second.status != "running") return refused();
    Container& front = cit->second;
    int cport = port;
    for (const auto& [h, cp] : front.ports)
        if (h == port) cport = cp;
    o.connected = true;
    o.trace.push_back("host:" + std::to_string(port) + " → docker-proxy → " + cname + ":" + std::to_string(cport));
    const Process* proc = listener(front, cport);
    if (!proc) {
        o.connected = false;
        o.curl_error = "curl: (56) Recv failure: Connection reset by peer";
        record(0, cname + " (nothing listening on " + std::to_string(cport) + ")");
        return o;
    }
    if (!proc->root.empty()) {
        o.response = python_http_server(front.fs, proc->root, req);
        o.trace.push_back("python http.server (" + proc->root + "): " + std::to_string(o.response.status));
        record(o.response.status, cname);
        return o;
    }
    if (proc->cmd.find("nginx") == std::string::npos) {
        o.response = call_app(ctx, front, req, o.trace);
        record(o.response.status, cname);
        return o;
    }
    // nginx: load every conf.d file (the stock nginx.conf includes conf.d/*.conf).
    std::string version = env_of(front, "NGINX_VERSION");
    NginxSite site;
    for (const auto& name : front.fs.list("/etc/nginx/conf.d")) {
        const std::string* text = front.fs.read("/etc/nginx/conf.d/" + name);
        if (!text) continue;
        auto conf = parse_nginx_conf(*text, "/etc/nginx/conf.d/" + name, "http");
        if (!conf.ok()) continue;
        auto s = build_site(conf.value(), "/etc/nginx/conf.d/" + name);
        if (!s.ok()) continue;
        for (auto& [k, v] : s->upstreams) site.upstreams[k] = v;
        for (auto& srv : s->servers) site.servers.push_back(std::move(srv));
    }
    Route route = route_request(site, cport, req.header("Host"), req.path, req.body.size(), w.round_robin);
    o.trace.push_back("nginx: " + (route.location.empty() ? std::string("no location") : route.location) + " matches " +
                      req.path);
    std::string request_line = req.method + " " + req.path + " HTTP/1.1";
    auto access = [&](int status, size_t bytes) {
        front.logs += "172.18.0.1 - - [07/Oct/2021:12:00:00 +0000] \"" + request_line + "\" " + std::to_string(status) +
                      " " + std::to_string(bytes) + " \"-\" \"curl/7.68.0\" \"-\"\n";
    };
    if (route.kind == Route::kError || route.status == 413) {
        int st = route.status ? route.status : 404;
        if (st == 413)
            front.logs += "2021/10/07 12:00:00 [error] 22#22: *1 client intended to send too large body: " +
                          std::to_string(req.body.size()) + " bytes, client: 172.18.0.1, server: , request: \"" +
                          request_line + "\", host: \"" + host + "\"\n";
        o.response = error_response(st, version);
        access(st, o.response.body.size());
        o.trace.push_back("nginx: " + std::to_string(st) + " " + reason_phrase(st));
        record(st, cname);
        return o;
    }
    if (route.kind == Route::kReturn) {
        // ngx_http_rewrite_module: `return 301 URL` redirects with nginx's page as the body;
        // `return CODE TEXT` sends TEXT; `return CODE` alone sends the error page of a 4xx/5xx.
        int st = route.status;
        bool redirect = st == 301 || st == 302 || st == 303 || st == 307 || st == 308;
        if (redirect || (route.text.empty() && st >= 400)) {
            o.response = error_response(st, version);
            if (redirect) o.response.headers.emplace_back("Location", route.text);
        } else {
            o.response.status = st;
            o.response.reason = reason_phrase(st);
            o.response.body = route.text;
        }
        access(route.status, o.response.body.size());
        record(route.status, cname);
        return o;
    }
    if (route.kind == Route::kStatic) {
        std::string path = Fs::normalize(route.file);
        if (front.fs.is_dir(path)) path += path.back() == '/' ? "index.html" : "/index.html";
        if (const std::string* body = front.fs.read(path)) {
            o.response.body = *body;
            o.response.headers = {{"Server", "nginx/" + version}};
        } else {
            o.response = error_response(404, version);
            front.logs += "2021/10/07 12:00:00 [error] 22#22: *1 open() \"" + path +
                          "\" failed (2: No such file or directory), client: 172.18.0.1, server: , request: \"" +
                          request_line + "\"\n";
        }
        o.trace.push_back("nginx: static file " + path);
        access(o.response.status, o.response.body.size());
        record(o.response.status, cname);
        return o;
    }
    // proxy_pass: nginx resolved the names when it started; a container that stopped since
    // cannot be reached. On a connection error nginx passes the request to the upstream's next
    // server (proxy_next_upstream error), and answers 502 when no server accepts it.
    std::vector<std::string> targets = {route.target};
    targets.insert(targets.end(), route.next_targets.begin(), route.next_targets.end());
    const Container* backend = nullptr;
    int up_port = 0;
    for (const auto& target : targets) {
        std::string up_host = target.substr(0, target.find(':'));
        up_port = std::atoi(target.c_str() + target.find(':') + 1);
        o.trace.push_back("nginx: proxy_pass http://" + route.upstream + " → " + target + " " + route.upstream_uri);
        const Container* found = nullptr;
        for (const auto& [n, c] : w.containers) {
            bool shared = false;
            for (const auto& net : c.networks)
                if (std::find(front.networks.begin(), front.networks.end(), net) != front.networks.end()) shared = true;
            if (shared && (c.service == up_host || c.name == up_host)) found = &c;
        }
        if (found && found->status == "running" && listener(*found, up_port)) {
            backend = found;
            break;
        }
        std::string why = !found || found->status != "running" ? "113: Host is unreachable" : "111: Connection refused";
        front.logs += "2021/10/07 12:00:00 [error] 22#22: *1 connect() failed (" + why +
                      ") while connecting to upstream, client: 172.18.0.1, server: , request: \"" + request_line +
                      "\", upstream: \"http://172.18.0.2:" + std::to_string(up_port) + route.upstream_uri +
                      "\", host: \"" + host + "\"\n";
        o.trace.push_back("nginx: connect() to " + target + " failed (" + why + ")");
    }
    if (!backend) {
        o.response = error_response(502, version);
        access(502, o.response.body.size());
        o.trace.back() += " → 502 Bad Gateway";
        record(502, cname + " → " + route.target);
        return o;
    }
    HttpRequest up = req;
    up.path = route.upstream_uri;
    Container& back = w.containers.at(backend->name);
    const Process* served_by = listener(back, up_port);
    if (!served_by->root.empty()) {
        o.response = python_http_server(back.fs, served_by->root, up);
        o.trace.push_back("python http.server (" + back.name + ":" + served_by->root +
                          "): " + std::to_string(o.response.status));
    } else {
        o.response = call_app(ctx, back, up, o.trace);
    }
    o.response.headers.insert(o.response.headers.begin(), {"Server", "nginx/" + version});
    access(o.response.status, o.response.body.size());
    record(o.response.status, cname + " → " + back.name);
    return o;
}

int cmd_curl(Shell& sh, const Argv& argv, Io& io) {
    HttpRequest req;
    bool include = false, fail = false;
    std::string url;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "-i" || a == "--include")
            include = true;
        else if (a == "-f" || a == "--fail")
            fail = true;
        else if ((a == "-X" || a == "--request") && i + 1 < argv.size())
            req.method = argv[++i];
        else if ((a == "-d" || a == "--data") && i + 1 < argv.size()) {
            req.body = argv[++i];
            if (req.method == "GET") req.method = "POST";
        } else if ((a == "-H" || a == "--header") && i + 1 < argv.size()) {
            std::string h = argv[++i];
            size_t c = h.find(':');
            req.headers.emplace_back(h.substr(0, c),
                                     c == std::string::npos ? "" : h.substr(h.find_first_not_of(' ', c + 1)));
        } else if (a[0] != '-')
            url = a;
    }
    if (url.empty()) {
        io.err.write("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    }
    if (sh.kind() == MachineKind::kContainer) {
        io.err.write("sh: 1: curl: not found\n");
        return 127;
    }
    std::string rest = url.rfind("http://", 0) == 0 ? url.substr(7) : url;
    size_t slash = rest.find('/');
    std::string hostport = rest.substr(0, slash);
    req.path = slash == std::string::npos ? "/" : rest.substr(slash);
    std::string host = hostport.substr(0, hostport.find(':'));
    int port = hostport.find(':') == std::string::npos ? 80 : std::atoi(hostport.c_str() + hostport.find(':') + 1);
    HttpOutcome o = http_request(sh.ctx(), host, port, req);
    if (!o.connected) {
        io.err.write(o.curl_error + "\n");
        return o.curl_error.find("(28)") != std::string::npos   ? 28
               : o.curl_error.find("(56)") != std::string::npos ? 56
                                                                : 7;
    }
    if (fail && o.response.status >= 400) {
        io.err.write("curl: (22) The requested URL returned error: " + std::to_string(o.response.status) + " " +
                     o.response.reason + "\n");
        return 22;
    }
    if (include) {
        io.out.write("HTTP/1.1 " + std::to_string(o.response.status) + " " + o.response.reason + "\r\n");
        for (const auto& [k, v] : o.response.headers) io.out.write(k + ": " + v + "\r\n");
        io.out.write("Content-Length: " + std::to_string(o.response.body.size()) + "\r\n\r\n");
    }
    io.out.write(o.response.body);
    return 0;
}

}  // namespace gramlab::deploy

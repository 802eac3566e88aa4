// The default app: a tiny Django REST framework stand-in over the world's posts.
#include "core/deploy/http.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

namespace gramlab::deploy {

std::string HttpRequest::header(const std::string& name) const {
    for (const auto& [k, v] : headers) {
        if (k.size() != name.size()) continue;
        bool eq = true;
        for (size_t i = 0; i < k.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(k[i])) != std::tolower(static_cast<unsigned char>(name[i])))
                eq = false;
        if (eq) return v;
    }
    return "";
}

std::string reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 410:
            return "Gone";
        case 413:
            return "Request Entity Too Large";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Temporarily Unavailable";
        case 504:
            return "Gateway Time-out";
        default:
            return "Unknown";
    }
}

std::vector<std::string> post_fields(const std::string& models_py) {
    std::vector<std::string> out;
    size_t cls = models_py.find("class Post(");
    if (cls == std::string::npos) return out;
    size_t pos = models_py.find('\n', cls);
    while (pos != std::string::npos && pos + 1 < models_py.size()) {
        size_t next = models_py.find('\n', pos + 1);
        std::string line = models_py.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        pos = next;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        if (!std::isspace(static_cast<unsigned char>(line[0]))) break;  // class body ended
        size_t a = line.find_first_not_of(" \t");
        size_t eq = line.find('=');
        if (eq == std::string::npos || line.find("models.") == std::string::npos) continue;
        std::string name = line.substr(a, eq - a);
        while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
        bool ident = !name.empty();
        for (char c : name)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) ident = false;
        if (ident) out.push_back(name);
    }
    return out;
}

HttpResponse DefaultAppHandler::handle(const HttpRequest& req, AppEnvironment& env) {
    HttpResponse r;
    std::string path = req.path.substr(0, req.path.find('?'));
    if (path != "/api/posts/") {
        r.status = 404;
        r.reason = "Not Found";
        r.headers = {{"Content-Type", "text/html"}};
        r.body =
            "<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n"
            "  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";
        return r;
    }
    if (req.method != "GET") {
        r.status = 405;
        r.reason = "Method Not Allowed";
        r.headers = {{"Content-Type", "application/json"}};
        r.body = "{\"detail\":\"Method \\\"" + req.method + "\\\" not allowed.\"}";
        return r;
    }
    if (!env.database) {
        r.status = 500;
        r.reason = "Internal Server Error";
        r.headers = {{"Content-Type", "text/html"}};
        r.body = "<h1>Server Error (500)</h1>";
        return r;
    }
    std::vector<std::string> fields;
    if (env.code) {
        for (const auto& rel : env.code->walk(env.code_root)) {
            if (rel.size() >= 9 && rel.substr(rel.size() - 9) == "models.py") {
                const std::string* text = env.code->read(env.code_root + "/" + rel);
                if (text && text->find("class Post(") != std::string::npos) fields = post_fields(*text);
            }
        }
    }
    // Items keep the field order models.py declares (ordered_json), as DRF's serializer does.
    std::string body = "[";
    for (size_t i = 0; i < env.database->size(); ++i) {
        const auto& p = (*env.database)[i];
        nlohmann::json stored = nlohmann::json::parse(p.fields, nullptr, false);
        nlohmann::ordered_json item;
        item["id"] = p.id;
        for (const auto& f : fields)
            item[f] = stored.is_object() && stored.contains(f) ? nlohmann::ordered_json::parse(stored[f].dump())
                                                               : nlohmann::ordered_json();
        body += (i ? "," : "") + item.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    body += "]";
    r.headers = {{"Content-Type", "application/json"}, {"Allow", "GET, HEAD, OPTIONS"}};
    r.body = body;
    return r;
}

}  // namespace gramlab::deploy

// The learner's app behind gunicorn: Django's URL routing for the API, the core ORM (a shell
// session over the deployed models.py and the app's database) for the rows, and Django REST
// framework's ModelSerializer + JSONRenderer for the answer; Django's 404/500 pages otherwise.
#include "core/deploy/http.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/deploy/commands.hpp"

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

std::string django_not_found_page() {
    return "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n"
           "  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n";
}

std::string django_server_error_page() {
    return "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n"
           "  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n";
}

namespace {

using OJ = nlohmann::ordered_json;

HttpResponse html(int status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.reason = reason_phrase(status);
    r.headers = {{"Content-Type", "text/html"}};
    r.body = std::move(body);
    return r;
}

// rest_framework.renderers.JSONRenderer: compact separators, ensure_ascii=False, and U+2028 /
// U+2029 escaped (they end lines in JavaScript).
HttpResponse drf_json(int status, const OJ& data) {
    HttpResponse r;
    r.status = status;
    r.reason = reason_phrase(status);
    r.headers = {{"Content-Type", "application/json"}, {"Vary", "Accept"}, {"Allow", "GET, HEAD, OPTIONS"}};
    std::string text = data.dump(-1, ' ', false, OJ::error_handler_t::replace);
    for (const char* sep : {"\xE2\x80\xA8", "\xE2\x80\xA9"}) {
        std::string esc = sep[2] == '\xA8' ? "\\u2028" : "\\u2029";
        for (size_t p = text.find(sep); p != std::string::npos; p = text.find(sep, p + esc.size()))
            text.replace(p, 3, esc);
    }
    r.body = std::move(text);
    return r;
}

// One serializer field: its JSON name, the shell expression that reads it from instance `o`,
// and how the read value becomes DRF's representation.
struct ApiField {
    std::string name;
    std::string expr;
    const models::Field* field = nullptr;
};

std::string or_none(const std::string& attr, const std::string& method) {
    return "(o." + attr + "." + method + " if o." + attr + " is not None else None)";
}

// ModelSerializer.get_field_names with fields='__all__': the pk, the other concrete non-relation
// fields, then forward relations (FK/one-to-one as the related pk, many-to-many as a pk list).
std::vector<ApiField> api_fields(const models::ModelDef& m) {
    std::vector<ApiField> out;
    const models::Field* pk = m.pk();
    if (pk) out.push_back({pk->name, "o.pk", pk});
    for (const models::Field* f : m.local_fields()) {
        if (f == pk || f->is_fk()) continue;
        std::string e = "o." + f->name;
        switch (f->kind()) {
            case models::FieldKind::kDate:
            case models::FieldKind::kDateTime:
            case models::FieldKind::kTime:
                e = or_none(f->name, "isoformat()");
                break;
            case models::FieldKind::kDecimal:
            case models::FieldKind::kUUID:
            case models::FieldKind::kDuration:
                e = "(str(o." + f->name + ") if o." + f->name + " is not None else None)";
                break;
            case models::FieldKind::kFile:
            case models::FieldKind::kImage:
                e = "(str(o." + f->name + ") if o." + f->name + " else None)";
                break;
            default:
                break;
        }
        out.push_back({f->name, e, f});
    }
    for (const models::Field* f : m.local_fields())
        if (f != pk && f->is_fk()) out.push_back({f->name, "o." + f->attname(), f});
    for (const models::Field* f : m.local_many_to_many())
        out.push_back({f->name, "[x.pk for x in o." + f->name + ".all()]", f});
    return out;
}

// DRF's to_representation for the value the shell printed.
OJ represent(const ApiField& af, OJ v, const std::string& request_path, const std::string& host) {
    if (v.is_null() || !af.field) return v;
    switch (af.field->kind()) {
        case models::FieldKind::kDateTime: {
            // DateTimeField: isoformat(), "+00:00" written as "Z".
            std::string t = v.is_string() ? v.get<std::string>() : "";
            if (t.size() > 6 && t.compare(t.size() - 6, 6, "+00:00") == 0) t = t.substr(0, t.size() - 6) + "Z";
            return t;
        }
        case models::FieldKind::kDecimal: {
            // DecimalField (COERCE_DECIMAL_TO_STRING): quantized to decimal_places.
            std::string t = v.is_string() ? v.get<std::string>() : "";
            auto places = af.field->get("decimal_places").as_int();
            if (!places || t.find_first_of("eE") != std::string::npos) return t;
            size_t dot = t.find('.');
            std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
            std::string whole = t.substr(0, dot);
            if (frac.size() < static_cast<size_t>(*places))
                frac.append(static_cast<size_t>(*places) - frac.size(), '0');
            if (frac.size() > static_cast<size_t>(*places)) frac.resize(static_cast<size_t>(*places));
            return *places > 0 ? whole + "." + frac : whole;
        }
        case models::FieldKind::kFile:
        case models::FieldKind::kImage: {
            // FileField: request.build_absolute_uri(file.url); with MEDIA_URL unset the url is the
            // bare name, relative to the request's path.
            std::string name = v.is_string() ? v.get<std::string>() : "";
            std::string dir = request_path.substr(0, request_path.rfind('/') + 1);
            return "http://" + host + dir + name;
        }
        default:
            return v;
    }
}

bool digits(const std::string& s) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

// Whether the deployed urls.py files route a detail view ("posts/<int:pk>/").
bool routes_detail(const Fs& code, const std::string& root) {
    for (const auto& rel : code.walk(root)) {
        if (rel.size() < 7 || rel.compare(rel.size() - 7, 7, "urls.py") != 0) continue;
        const std::string* text = code.read(root + "/" + rel);
        if (text && (text->find("<int:pk>") != std::string::npos || text->find("<pk>") != std::string::npos))
            return true;
    }
    return false;
}

}  // namespace

HttpResponse DefaultAppHandler::handle(const HttpRequest& req, AppEnvironment& env) {
    std::string path = req.path.substr(0, req.path.find('?'));
    const std::string prefix = "/api/posts/";
    std::string pk;
    if (path.rfind(prefix, 0) != 0) return html(404, django_not_found_page());
    if (path.size() > prefix.size()) {
        pk = path.substr(prefix.size());
        if (pk.back() != '/' || !digits(pk.substr(0, pk.size() - 1)) || !env.code ||
            !routes_detail(*env.code, env.code_root))
            return html(404, django_not_found_page());
        pk.pop_back();
    }
    if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
        HttpResponse r = drf_json(405, OJ{{"detail", "Method \"" + req.method + "\" not allowed."}});
        return r;
    }
    auto fail = [&](const std::string& why) {
        env.notes.push_back("app: " + why);
        return html(500, django_server_error_page());
    };
    if (!env.code) return fail("no code");
    auto files = deployed_project(*env.code, env.code_root);
    if (!files.ok()) return fail(files.error().to_string());
    Project project(files.value());
    if (!project.apps().ok()) return fail(project.apps().error().to_string());
    const models::ModelDef* model = project.apps().value().get_model(files->app_label + ".Post");
    if (!model) return fail("ImportError: cannot import name 'Post' from '" + files->app_label + ".models'");
    if (!env.database.reachable()) {
        std::string e = unreachable_database_error(env.database);
        return fail(e.substr(0, e.find('\n')));
    }
    auto conn = open_database(env.database);
    if (!conn.ok()) return fail(conn.error().to_string());
    shell::SessionOptions opts;
    opts.now = kSimTime;
    auto session = project.shell(*conn.value(), opts);
    if (!session) return fail("the models could not be imported");
    std::vector<ApiField> fields = api_fields(*model);
    std::string tuple = "(";
    for (const auto& f : fields) tuple += f.expr + ", ";
    tuple += ")";
    std::string code = "from " + files->app_label + ".models import Post\n";
    if (pk.empty())
        code += "for o in Post.objects.all():\n    print(repr(" + tuple + "))\n";
    else
        code += "o = Post.objects.get(pk=" + pk + ")\nprint(repr(" + tuple + "))\n";
    std::string printed;
    for (const auto& r : session->run(code)) {
        for (const auto& q : r.queries) env.notes.push_back("app: SQL " + q.sql);
        if (r.error) {
            if (!pk.empty() && r.error->type.size() >= 12 &&
                r.error->type.compare(r.error->type.size() - 12, 12, "DoesNotExist") == 0)
                return drf_json(404, OJ{{"detail", "Not found."}});
            std::string type = r.error->type == "OperationalError" ? "django.db.utils.OperationalError" : r.error->type;
            return fail(type + ": " + r.error->message);
        }
        if (r.output) printed += *r.output;
    }
    std::string host = req.header("Host").empty() ? "localhost" : req.header("Host");
    OJ items = OJ::array();
    size_t pos = 0;
    while (pos < printed.size()) {
        size_t nl = printed.find('\n', pos);
        std::string line = printed.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? printed.size() : nl + 1;
        std::string json;
        if (!parse_python_literal(line, json)) return fail("unreadable row: " + line.substr(0, 80));
        OJ row = OJ::parse(json, nullptr, false);
        if (!row.is_array() || row.size() != fields.size()) return fail("unreadable row: " + line.substr(0, 80));
        OJ item = OJ::object();
        for (size_t i = 0; i < fields.size(); ++i) item[fields[i].name] = represent(fields[i], row[i], path, host);
        items.push_back(std::move(item));
    }
    if (pk.empty()) {
        env.notes.push_back("app: " + std::to_string(items.size()) + (items.size() == 1 ? " row" : " rows"));
        return drf_json(200, items);
    }
    if (items.size() != 1) return fail("no row printed");
    return drf_json(200, items[0]);
}

}  // namespace gramlab::deploy

// SimpleHTTPRequestHandler (Lib/http/server.py, Python 3.8): send_head, list_directory and
// send_error's DEFAULT_ERROR_MESSAGE, over a simulated filesystem.
#include "core/deploy/python_http_server.hpp"

#include <algorithm>
#include <cctype>

namespace gramlab::deploy {

namespace {

// Python 3.8 formats the code twice: "%(code)d" and "%(code)s" (the HTTPStatus member's name).
HttpResponse error_page(int code, const std::string& message, const std::string& explain) {
    HttpResponse r;
    r.status = code;
    r.reason = reason_phrase(code);
    r.headers = {{"Server", "SimpleHTTP/0.6 Python/3.8.3"}, {"Content-Type", "text/html;charset=utf-8"}};
    r.body =
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"\n"
        "        \"http://www.w3.org/TR/html4/strict.dtd\">\n"
        "<html>\n"
        "    <head>\n"
        "        <meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\">\n"
        "        <title>Error response</title>\n"
        "    </head>\n"
        "    <body>\n"
        "        <h1>Error response</h1>\n"
        "        <p>Error code: " +
        std::to_string(code) +
        "</p>\n"
        "        <p>Message: " +
        message +
        ".</p>\n"
        "        <p>Error code explanation: HTTPStatus." +
        std::string(code == 404 ? "NOT_FOUND" : "NOT_IMPLEMENTED") + " - " + explain +
        ".</p>\n"
        "    </body>\n"
        "</html>\n";
    return r;
}

std::string listing(const Fs& fs, const std::string& dir, const std::string& shown) {
    std::vector<std::string> names = fs.list(dir);
    std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        std::string la = a, lb = b;
        for (auto& c : la) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (auto& c : lb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return la < lb;
    });
    std::string title = "Directory listing for " + shown;
    std::string out =
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
        "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n<title>" +
        title + "</title>\n</head>\n<body>\n<h1>" + title + "</h1>\n<hr>\n<ul>\n";
    for (const auto& n : names) {
        std::string shown_name = n + (fs.is_dir(dir + "/" + n) ? "/" : "");
        out += "<li><a href=\"" + shown_name + "\">" + shown_name + "</a></li>\n";
    }
    return out + "</ul>\n<hr>\n</body>\n</html>\n";
}

}  // namespace

HttpResponse python_http_server(const Fs& fs, const std::string& root, const HttpRequest& req) {
    if (req.method != "GET" && req.method != "HEAD")
        return error_page(501, "Unsupported method ('" + req.method + "')", "Server does not support this operation");
    std::string path = req.path.substr(0, req.path.find_first_of("?#"));
    std::string query = req.path.find('?') == std::string::npos ? "" : req.path.substr(req.path.find('?'));
    std::string file = Fs::normalize("." + path, root);
    HttpResponse r;
    r.headers = {{"Server", "SimpleHTTP/0.6 Python/3.8.3"}};
    if (fs.is_dir(file)) {
        if (path.empty() || path.back() != '/') {
            r.status = 301;
            r.reason = reason_phrase(301);
            r.headers.emplace_back("Location", path + "/" + query);
            return r;
        }
        for (const char* index : {"index.html", "index.htm"})
            if (const std::string* body = fs.read(file + "/" + index)) {
                r.body = *body;
                return r;
            }
        r.headers.emplace_back("Content-type", "text/html; charset=utf-8");
        r.body = listing(fs, file, path);
        return r;
    }
    const std::string* body = path.empty() || path.back() == '/' ? nullptr : fs.read(file);
    if (!body) return error_page(404, "File not found", "Nothing matches the given URI");
    r.body = *body;
    return r;
}

}  // namespace gramlab::deploy

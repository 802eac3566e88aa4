// HTTP requests and responses as they travel curl → nginx → gunicorn → the app, and the
// AppHandler interface the app answers through (WSGI's role). The default handler serves
// GET /api/posts/ from the world's database so the deploy story works end to end; the lead
// connects the ORM through the same interface later.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/deploy/fs.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

struct HttpRequest {
    std::string method = "GET";
    std::string path = "/";  // path + optional ?query
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string header(const std::string& name) const;
};

struct HttpResponse {
    int status = 200;
    std::string reason = "OK";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

//! What the app sees when a request reaches it inside the web container: its code (the
//! container filesystem under `code_root`), its environment, and its database (nullptr when
//! the database cannot be reached).
struct AppEnvironment {
    const Fs* code = nullptr;
    std::string code_root;
    std::vector<std::pair<std::string, std::string>> env;
    std::vector<Post>* database = nullptr;
    std::string database_name;
};

//! The WSGI application behind gunicorn.
class AppHandler {
  public:
    virtual ~AppHandler() = default;
    //! Answers one request. Must not throw; errors are HTTP responses (500 with Django's text).
    virtual HttpResponse handle(const HttpRequest& req, AppEnvironment& env) = 0;
};

//! GET /api/posts/ → 200 JSON list of posts, each with "id" and the fields Post declares in the
//! deployed models.py (so stale code shows stale fields); other paths → Django's 404 page.
class DefaultAppHandler : public AppHandler {
  public:
    HttpResponse handle(const HttpRequest& req, AppEnvironment& env) override;
};

//! Field names of `class Post(...)` in a models.py text, in order ("title", "content", ...).
std::vector<std::string> post_fields(const std::string& models_py);

//! Reason phrase for a status code ("Bad Gateway" for 502).
std::string reason_phrase(int status);

}  // namespace gramlab::deploy

// HTTP requests and responses as they travel curl → nginx → gunicorn → the app, and the
// AppHandler interface the app answers through (WSGI's role). The default handler is the
// learner's Django app: GET /api/posts/ and /api/posts/<pk>/ answered by the core ORM over the
// deployed models.py and the app's database, serialised as Django REST framework does.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/deploy/django_app.hpp"
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
//! container filesystem under `code_root`), its environment, and its database (where settings
//! point; possibly unreachable). The app writes what it did (the SQL it ran, the exception
//! behind a 500) to `notes`, which the request's trace shows.
struct AppEnvironment {
    const Fs* code = nullptr;
    std::string code_root;
    std::vector<std::pair<std::string, std::string>> env;
    AppDatabase database;
    std::vector<std::string> notes;
};

//! The WSGI application behind gunicorn.
class AppHandler {
  public:
    virtual ~AppHandler() = default;
    //! Answers one request. Must not throw; errors are HTTP responses (500 with Django's text).
    virtual HttpResponse handle(const HttpRequest& req, AppEnvironment& env) = 0;
};

//! The deployed app (settings DEBUG=False): GET /api/posts/ → Post.objects.all() through the
//! core ORM, serialised as DRF's ModelSerializer(fields='__all__') + ListAPIView renders it;
//! GET /api/posts/<pk>/ (when a urls.py routes "<int:pk>") → RetrieveAPIView, {"detail":"Not
//! found."} for a missing pk; other paths → Django's 404 page; a database error (no such table
//! before `migrate`, an unreachable server) → Django's 500 page. The model and its fields are
//! the deployed models.py's, so stale code shows stale fields.
class DefaultAppHandler : public AppHandler {
  public:
    HttpResponse handle(const HttpRequest& req, AppEnvironment& env) override;
};

//! Django 3.2's built-in error pages (DEBUG=False, no 404.html/500.html templates).
std::string django_not_found_page();
std::string django_server_error_page();

//! Reason phrase for a status code ("Bad Gateway" for 502).
std::string reason_phrase(int status);

}  // namespace gramlab::deploy

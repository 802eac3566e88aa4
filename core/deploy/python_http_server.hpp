// `python -m http.server` (Python 3.8's SimpleHTTPRequestHandler): the static file server the
// recipes use as a stand-in upstream. Serves files under a directory of a container, index.html
// or a generated listing for directories, 301 to add a missing trailing slash, 404 and 501 with
// Python's "Error response" page.
#pragma once

#include <string>

#include "core/deploy/fs.hpp"
#include "core/deploy/http.hpp"

namespace gramlab::deploy {

//! Answers `req` as `python -m http.server --directory root` would from `fs`:
//!   GET /docs/x      → 200 with the file's bytes
//!   GET /docs        → 301, Location: /docs/
//!   GET /docs/       → docs/index.html, else "Directory listing for /docs/"
//!   POST /x          → 501 "Unsupported method ('POST')"
HttpResponse python_http_server(const Fs& fs, const std::string& root, const HttpRequest& req);

}  // namespace gramlab::deploy

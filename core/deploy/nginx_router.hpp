// nginx request routing over a parsed configuration: server selection by listen port and
// server_name, location matching in nginx's documented order (exact `=`, longest prefix with
// `^~` stopping the search, regexes in order, else the longest prefix), proxy_pass URI rewriting
// (with vs. without a URI part), upstream round robin, root vs alias, client_max_body_size.
// Mirrors http://nginx.org/en/docs/http/ngx_http_core_module.html#location.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/deploy/mini_regex.hpp"
#include "core/deploy/nginx_conf.hpp"

namespace gramlab::deploy {

struct NginxLocation {
    std::string modifier;  // "", "=", "^~", "~", "~*"
    std::string pattern;
    MiniRegex regex;  // for ~ and ~*
    std::string proxy_pass, root, alias;
    int return_code = 0;
    std::string return_text;
    long long max_body = -1;  // -1 = inherit
    //! As nginx -T would print the header: "location ^~ /static/".
    std::string describe() const { return "location " + (modifier.empty() ? "" : modifier + " ") + pattern; }
};

struct NginxServer {
    std::vector<int> listen;
    bool default_server = false;
    std::vector<std::string> names;
    std::string root;
    long long max_body = -1;
    std::vector<NginxLocation> locations;  // in file order
};

struct NginxSite {
    std::map<std::string, std::vector<std::string>> upstreams;  // name → "host:port"...
    std::vector<NginxServer> servers;
    long long http_max_body = 1024 * 1024;  // nginx's default 1m
};

//! Builds routing tables from the directives of a conf.d file (http context). Errors read as
//! nginx's: `"proxy_pass" cannot have URI part in location given by regular expression, ...`.
Result<NginxSite> build_site(const NginxConf& conf, const std::string& file);

//! The index of the location nginx picks for `uri`, or -1 when none matches.
int match_location(const NginxServer& server, const std::string& uri);

//! ngx_http_core_module, location: "If a location is defined by a prefix string that ends with the
//! slash character, and requests are processed by ... proxy_pass, ... in response to a request with
//! URI equal to this string, but without the trailing slash, a permanent redirect with the code 301
//! will be returned". The location that redirects `uri` so, or nullptr:
//!   location /api/ { proxy_pass http://web:8000; }   GET /api  →  301, Location: /api/
const NginxLocation* auto_redirect(const NginxServer& server, const std::string& uri);

struct Route {
    enum Kind { kProxy, kStatic, kReturn, kError } kind = kError;
    int status = 0;        // kReturn / kError
    std::string text;      // kReturn body / redirect target
    std::string location;  // describe() of the chosen location
    std::string upstream;  // the upstream block name or host:port as written
    std::string target;    // host:port actually connected to
    //! proxy_next_upstream (default "error timeout"): the upstream's other servers, in the order
    //! nginx tries them when connecting to `target` fails.
    std::vector<std::string> next_targets;
    std::string upstream_uri;  // URI sent upstream
    std::string file;          // kStatic: path in the nginx container
};

//! Routes one request. `rr` keeps round-robin positions per upstream across requests.
Route route_request(const NginxSite& site, int port, const std::string& host_header, const std::string& uri,
                    size_t body_size, std::map<std::string, int>& rr);

//! "10m" → 10485760; "0" → 0 (unlimited); -1 on a malformed size.
long long parse_nginx_size(const std::string& s);

}  // namespace gramlab::deploy

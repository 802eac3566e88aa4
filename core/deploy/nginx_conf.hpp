// nginx.conf parser: directives, blocks, quoting and comments, with nginx's own checks of
// directive names, contexts and terminators (ngx_conf_file.c). Errors read as nginx prints them:
// `nginx: [emerg] unexpected "}" in /etc/nginx/conf.d/nginx.conf:12`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace gramlab::deploy {

struct NginxDirective {
    std::string name;
    std::vector<std::string> args;  // quotes removed
    bool has_block = false;
    std::vector<NginxDirective> block;
    int line = 0;
    SourceSpan span;
};

struct NginxConf {
    std::vector<NginxDirective> directives;
};

//! Parses `text` as if included in `context` ("main" for nginx.conf itself, "http" for a
//! conf.d/*.conf file). `file` is the path nginx would print (e.g. /etc/nginx/conf.d/nginx.conf).
//! Error kind is "emerg"; message is nginx's text including " in FILE:LINE".
Result<NginxConf> parse_nginx_conf(std::string_view text, const std::string& file, const std::string& context = "http");

//! `nginx: [emerg] MESSAGE`, the line nginx prints on stderr for a configuration error.
std::string nginx_error_line(const Error& e);

}  // namespace gramlab::deploy

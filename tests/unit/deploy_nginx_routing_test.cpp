// nginx request routing, from http://nginx.org/en/docs/http/ngx_http_core_module.html#location
// (matching order), ngx_http_proxy_module.html#proxy_pass (with/without URI),
// ngx_http_upstream_module.html (round robin) and client_max_body_size.
#include <gtest/gtest.h>

#include "core/deploy/nginx_router.hpp"

namespace gramlab::deploy {
namespace {

NginxSite site_of(const std::string& text) {
    auto conf = parse_nginx_conf(text, "nginx.conf");
    EXPECT_TRUE(conf.ok()) << (conf.ok() ? "" : conf.error().message);
    auto site = build_site(conf.value(), "nginx.conf");
    EXPECT_TRUE(site.ok()) << (site.ok() ? "" : site.error().message);
    return site.ok() ? site.value() : NginxSite{};
}

// The example from the location documentation: configurations A..E.
const char* kDocExample =
    "server {\n"
    "    listen 80;\n"
    "    location = / { return 200 A; }\n"
    "    location / { return 200 B; }\n"
    "    location /documents/ { return 200 C; }\n"
    "    location ^~ /images/ { return 200 D; }\n"
    "    location ~* \\.(gif|jpg|jpeg)$ { return 200 E; }\n"
    "}\n";

std::string pick(const NginxSite& site, const std::string& uri) {
    std::map<std::string, int> rr;
    Route r = route_request(site, 80, "localhost", uri, 0, rr);
    return r.kind == Route::kReturn ? r.text : "(none)";
}

TEST(DeployNginxLocationTest, DocumentationExample) {
    NginxSite site = site_of(kDocExample);
    EXPECT_EQ(pick(site, "/"), "A");                         // exact match wins
    EXPECT_EQ(pick(site, "/index.html"), "B");               // longest prefix "/"
    EXPECT_EQ(pick(site, "/documents/document.html"), "C");  // longest prefix "/documents/"
    EXPECT_EQ(pick(site, "/images/1.gif"), "D");             // ^~ stops the regex search
    EXPECT_EQ(pick(site, "/documents/1.jpg"), "E");          // regex beats the remembered prefix
}

TEST(DeployNginxLocationTest, RegexesAreTriedInOrder) {
    NginxSite site =
        site_of("server { location ~ ^/api { return 200 first; } location ~ ^/api/posts { return 200 second; } }");
    EXPECT_EQ(pick(site, "/api/posts/"), "first");
}

TEST(DeployNginxLocationTest, CaseSensitivity) {
    NginxSite site = site_of(
        "server { location / { return 200 prefix; } location ~ \\.PNG$ { return 200 cs; } "
        "location ~* \\.jpg$ { return 200 ci; } }");
    EXPECT_EQ(pick(site, "/a.PNG"), "cs");
    EXPECT_EQ(pick(site, "/a.png"), "prefix");
    EXPECT_EQ(pick(site, "/a.JPG"), "ci");
}

TEST(DeployNginxLocationTest, ExactDoesNotMatchLongerUris) {
    NginxSite site = site_of("server { location = /api { return 200 exact; } location /api { return 200 prefix; } }");
    EXPECT_EQ(pick(site, "/api"), "exact");
    EXPECT_EQ(pick(site, "/api/"), "prefix");
}

TEST(DeployNginxLocationTest, NoMatchingLocation) {
    NginxSite site = site_of("server { location /api/ { return 200 api; } }");
    std::map<std::string, int> rr;
    Route r = route_request(site, 80, "", "/other", 0, rr);
    EXPECT_EQ(r.kind, Route::kStatic);
    EXPECT_EQ(r.file, "/usr/share/nginx/html/other");
}

TEST(DeployNginxProxyTest, WithoutUriPassesRequestUriUnchanged) {
    NginxSite site = site_of("server { location /api/ { proxy_pass http://web:8000; } }");
    std::map<std::string, int> rr;
    Route r = route_request(site, 80, "", "/api/posts/?page=2", 0, rr);
    EXPECT_EQ(r.kind, Route::kProxy);
    EXPECT_EQ(r.target, "web:8000");
    EXPECT_EQ(r.upstream_uri, "/api/posts/?page=2");
}

TEST(DeployNginxProxyTest, WithUriReplacesTheMatchedPrefix) {
    NginxSite site = site_of(
        "server { location /api/ { proxy_pass http://web:8000/; } "
        "location /name/ { proxy_pass http://web:8000/remote/; } }");
    std::map<std::string, int> rr;
    EXPECT_EQ(route_request(site, 80, "", "/api/posts/", 0, rr).upstream_uri, "/posts/");
    EXPECT_EQ(route_request(site, 80, "", "/name/x", 0, rr).upstream_uri, "/remote/x");
}

TEST(DeployNginxProxyTest, UriPartInRegexLocationIsAnError) {
    auto conf =
        parse_nginx_conf("server {\n  location ~ ^/api {\n    proxy_pass http://web:8000/x;\n  }\n}\n", "nginx.conf");
    ASSERT_TRUE(conf.ok());
    auto site = build_site(conf.value(), "nginx.conf");
    ASSERT_FALSE(site.ok());
    EXPECT_EQ(site.error().message,
              "\"proxy_pass\" cannot have URI part in location given by regular expression, or inside "
              "named location, or inside \"if\" statement, or inside \"limit_except\" block in nginx.conf:3");
}

TEST(DeployNginxProxyTest, UpstreamRoundRobin) {
    NginxSite site = site_of(
        "upstream app { server web1:8000; server web2:8000; server web3:8000; }\n"
        "server { location / { proxy_pass http://app; } }");
    std::map<std::string, int> rr;
    std::string seq;
    for (int i = 0; i < 4; ++i) seq += route_request(site, 80, "", "/", 0, rr).target + " ";
    EXPECT_EQ(seq, "web1:8000 web2:8000 web3:8000 web1:8000 ");
}

TEST(DeployNginxProxyTest, ClientMaxBodySize) {
    NginxSite site = site_of(
        "server { client_max_body_size 10k; location / { proxy_pass http://web:8000; } "
        "location /upload/ { client_max_body_size 0; proxy_pass http://web:8000; } }");
    std::map<std::string, int> rr;
    EXPECT_EQ(route_request(site, 80, "", "/", 10 * 1024, rr).kind, Route::kProxy);
    EXPECT_EQ(route_request(site, 80, "", "/", 10 * 1024 + 1, rr).status, 413);
    EXPECT_EQ(route_request(site, 80, "", "/upload/", 50 * 1024 * 1024, rr).kind, Route::kProxy);  // 0 = unlimited
    NginxSite dflt = site_of("server { location / { proxy_pass http://web:8000; } }");
    EXPECT_EQ(route_request(dflt, 80, "", "/", 1024 * 1024 + 1, rr).status, 413);  // default 1m
}

TEST(DeployNginxStaticTest, RootVersusAlias) {
    NginxSite site = site_of(
        "server { location /static/ { alias /home/app/staticfiles/; } "
        "location /media/ { root /home/app; } }");
    std::map<std::string, int> rr;
    EXPECT_EQ(route_request(site, 80, "", "/static/css/a.css", 0, rr).file, "/home/app/staticfiles/css/a.css");
    EXPECT_EQ(route_request(site, 80, "", "/media/p.png", 0, rr).file, "/home/app/media/p.png");
}

TEST(DeployNginxServerTest, ServerNameAndDefaultServer) {
    NginxSite site = site_of(
        "server { listen 80; server_name a.com; location / { return 200 a; } }\n"
        "server { listen 80 default_server; server_name b.com; location / { return 200 b; } }\n");
    std::map<std::string, int> rr;
    EXPECT_EQ(route_request(site, 80, "a.com", "/", 0, rr).text, "a");
    EXPECT_EQ(route_request(site, 80, "b.com:80", "/", 0, rr).text, "b");
    EXPECT_EQ(route_request(site, 80, "other", "/", 0, rr).text, "b");
}

TEST(DeployNginxServerTest, BadRegexIsReported) {
    auto conf = parse_nginx_conf("server {\n  location ~ ^/(api {\n  }\n}\n", "nginx.conf");
    ASSERT_TRUE(conf.ok());
    auto site = build_site(conf.value(), "nginx.conf");
    ASSERT_FALSE(site.ok());
    EXPECT_EQ(site.error().message, "pcre_compile() failed: missing ) in \"^/(api\" in nginx.conf:2");
}

TEST(DeployNginxServerTest, SizeParsing) {
    EXPECT_EQ(parse_nginx_size("10m"), 10 * 1024 * 1024);
    EXPECT_EQ(parse_nginx_size("100K"), 100 * 1024);
    EXPECT_EQ(parse_nginx_size("0"), 0);
    EXPECT_EQ(parse_nginx_size("1x"), -1);
}

}  // namespace
}  // namespace gramlab::deploy

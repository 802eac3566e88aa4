// nginx request routing, from http://nginx.org/en/docs/http/ngx_http_core_module.html#location
// (matching order), ngx_http_proxy_module.html#proxy_pass (with/without URI),
// ngx_http_upstream_module.html (round robin) and client_max_body_size.
#include <gtest/gtest.h>

#include "core/deploy/nginx_router.hpp"
#include "core/deploy/python_http_server.hpp"
#include "core/deploy/terminal.hpp"

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

// The cases below were found by the differential checks against nginx 1.22
// (tests/deploy_real/nginx/); each cites the documentation of the behaviour.

// ngx_conf_file.c (nginx's configuration syntax, "\"" escapes): in quoted and bare words, \t \r
// \n are control characters and \" \' \\ the character; any other backslash stays, so a regex
// keeps its escaped dot.
TEST(DeployNginxConfEscapeTest, QuotedTextAndRegexBackslashes) {
    NginxSite site = site_of(
        "server { location = / { return 200 \"A\\n\"; } location ~ \\.txt$ { return 200 txt; } "
        "location / { return 200 prefix; } }");
    EXPECT_EQ(pick(site, "/"), "A\n");
    EXPECT_EQ(pick(site, "/f.txt"), "txt");
    EXPECT_EQ(pick(site, "/ftxt"), "prefix");  // `\.` is a literal dot, not "any character"
}

// ngx_http_core_module.html#location: a prefix location ending with "/" that proxies answers the
// URI without the slash with a 301 to the URI with it (unless that URI has its own location).
TEST(DeployNginxLocationTest, AutoRedirectForProxiedPrefixWithSlash) {
    NginxSite site = site_of(
        "server { location /api/ { proxy_pass http://web:8000; } location /static/ { root /srv; } "
        "location / { proxy_pass http://other:8000; } }");
    std::map<std::string, int> rr;
    Route r = route_request(site, 80, "", "/api?page=2", 0, rr);
    EXPECT_EQ(r.kind, Route::kReturn);
    EXPECT_EQ(r.status, 301);
    EXPECT_EQ(r.text, "/api/?page=2");
    EXPECT_EQ(route_request(site, 80, "", "/static", 0, rr).target, "other:8000");  // root: no redirect
    NginxSite own =
        site_of("server { location = /api { return 200 own; } location /api/ { proxy_pass http://web:8000; } }");
    EXPECT_EQ(route_request(own, 80, "", "/api", 0, rr).text, "own");
}

// ngx_http_proxy_module.html#proxy_next_upstream ("error" by default): the other servers of the
// upstream, in the order nginx tries them after the round-robin pick.
TEST(DeployNginxProxyTest, NextUpstreamOrder) {
    NginxSite site = site_of(
        "upstream app { server a:8000; server b:8000; server c:8000; }\n"
        "server { location / { proxy_pass http://app; } }");
    std::map<std::string, int> rr;
    Route first = route_request(site, 80, "", "/", 0, rr);
    EXPECT_EQ(first.target, "a:8000");
    EXPECT_EQ(first.next_targets, (std::vector<std::string>{"b:8000", "c:8000"}));
    Route second = route_request(site, 80, "", "/", 0, rr);
    EXPECT_EQ(second.next_targets, (std::vector<std::string>{"c:8000", "a:8000"}));
    EXPECT_TRUE(route_request(site_of("server { location / { proxy_pass http://web:8000; } }"), 80, "", "/", 0, rr)
                    .next_targets.empty());
}

// Python 3.8 Lib/http/server.py, SimpleHTTPRequestHandler.send_head / list_directory / send_error.
TEST(DeployPythonHttpServerTest, FilesDirectoriesAndErrors) {
    Fs fs;
    fs.write("/srv/a.txt", "a\n");
    fs.write("/srv/docs/x", "x\n");
    fs.write("/srv/site/index.html", "<h1>index</h1>\n");
    auto get = [&fs](const std::string& path, const std::string& method = "GET") {
        HttpRequest req;
        req.method = method;
        req.path = path;
        return python_http_server(fs, "/srv", req);
    };
    EXPECT_EQ(get("/a.txt?x=1").body, "a\n");
    HttpResponse dir = get("/docs?x=1");
    EXPECT_EQ(dir.status, 301);
    EXPECT_EQ(dir.headers.back(), (std::pair<std::string, std::string>{"Location", "/docs/?x=1"}));
    EXPECT_NE(get("/docs/").body.find("<title>Directory listing for /docs/</title>\n"), std::string::npos);
    EXPECT_NE(get("/").body.find("<li><a href=\"docs/\">docs/</a></li>\n"), std::string::npos);
    EXPECT_EQ(get("/site/").body, "<h1>index</h1>\n");
    HttpResponse missing = get("/nope");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.body.find("<p>Message: File not found.</p>"), std::string::npos);
    EXPECT_EQ(get("/a.txt/").status, 404);  // a file asked for as a directory
    HttpResponse post = get("/a.txt", "POST");
    EXPECT_EQ(post.status, 501);
    EXPECT_NE(post.body.find("<p>Message: Unsupported method ('POST').</p>"), std::string::npos);
}

// A compose project on the simulated host: nginx in front of two `python -m http.server`
// upstreams, as tests/deploy_real/nginx/ sets it up against the real nginx.
Scenario upstream_scenario(const std::string& conf) {
    Scenario s;
    s.files["nginx/nginx.conf"] = conf;
    s.files["nginx/Dockerfile"] =
        "FROM nginx:1.19.0-alpine\nRUN rm /etc/nginx/conf.d/default.conf\nCOPY nginx.conf /etc/nginx/conf.d\n";
    for (const char* name : {"a", "b"}) {
        s.files[std::string(name) + "/files/x"] = std::string(name) + " /x\n";
        s.files[std::string(name) + "/Dockerfile"] =
            "FROM python:3.8.3-alpine\nWORKDIR /srv\nCOPY files/ /srv/\nCMD [\"python\", \"-m\", \"http.server\", "
            "\"8000\"]\n";
    }
    s.files["docker-compose.yml"] =
        "services:\n  a:\n    build: ./a\n  b:\n    build: ./b\n  nginx:\n    build: ./nginx\n    ports:\n      - "
        "8080:80\n    depends_on: [a, b]\n";
    return s;
}

std::string status_and_body(Terminal& t, const std::string& path) {
    CommandResult r = t.run("curl -i http://localhost:8080" + path);
    if (r.exit_code != 0) return r.err;
    return r.out.substr(9, 3) + " " + r.out.substr(r.out.find("\r\n\r\n") + 4);
}

TEST(DeployNginxUpstreamTest, NextServerWhenOneIsDownThen502) {
    Terminal t(
        upstream_scenario("upstream app { server a:8000; server b:8000; }\nserver { listen 80; location / { proxy_pass "
                          "http://app; } }\n"));
    ASSERT_EQ(t.run("docker-compose up -d --build").exit_code, 0);
    EXPECT_EQ(status_and_body(t, "/x"), "200 a /x\n");
    EXPECT_EQ(status_and_body(t, "/x"), "200 b /x\n");
    t.run("docker stop ubuntu_a_1");
    EXPECT_EQ(status_and_body(t, "/x"), "200 b /x\n");  // a refuses: the request goes on to b
    EXPECT_EQ(status_and_body(t, "/x"), "200 b /x\n");
    t.run("docker stop ubuntu_b_1");
    std::string bad = status_and_body(t, "/x");
    EXPECT_EQ(bad.substr(0, 4), "502 ");
    EXPECT_NE(bad.find("<title>502 Bad Gateway</title>"), std::string::npos);
    std::string logs = t.run("docker logs ubuntu_nginx_1").out;
    EXPECT_NE(logs.find("connect() failed (113: Host is unreachable) while connecting to upstream"), std::string::npos);
}

// ngx_http_rewrite_module.html#return: "return code URL" redirects (nginx's page is the body),
// "return code text" sends the text, and "return code" alone sends the error page.
TEST(DeployNginxUpstreamTest, ReturnBodies) {
    Terminal t(upstream_scenario(
        "server { listen 80; location = /gone { return 410; } location = /moved { return 301 /new/; }\n"
        "  location = /text { return 418 \"short and stout\\n\"; } location = /empty { return 204; }\n"
        "  location /x/ { proxy_pass http://a:8000/; } }\n"));
    ASSERT_EQ(t.run("docker-compose up -d --build").exit_code, 0);
    EXPECT_NE(status_and_body(t, "/gone").find("<title>410 Gone</title>"), std::string::npos);
    std::string moved = t.run("curl -i http://localhost:8080/moved").out;
    EXPECT_NE(moved.find("Location: /new/\r\n"), std::string::npos);
    EXPECT_NE(moved.find("<title>301 Moved Permanently</title>"), std::string::npos);
    EXPECT_EQ(status_and_body(t, "/text"), "418 short and stout\n");
    EXPECT_EQ(status_and_body(t, "/empty"), "204 ");
    EXPECT_NE(status_and_body(t, "/x").find("<title>301 Moved Permanently</title>"), std::string::npos);
    EXPECT_EQ(status_and_body(t, "/x/x"), "200 a /x\n");
}

}  // namespace
}  // namespace gramlab::deploy

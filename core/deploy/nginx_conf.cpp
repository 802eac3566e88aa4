// Tokenizer and block parser for nginx.conf, with a table of the directives the simulator knows:
// where each may appear, whether it takes a block, how many arguments (ngx_command_t flags).
#include "core/deploy/nginx_conf.hpp"

#include <cstring>

namespace gramlab::deploy {

namespace {

// Mirrors ngx_command_t: name, contexts it may appear in (space separated), block or not,
// min/max arguments (-1 = any).
struct DirectiveSpec {
    const char* name;
    const char* contexts;
    bool block;
    int min_args;
    int max_args;
};

const DirectiveSpec kSpecs[] = {
    {"user", "main", false, 1, 2},
    {"worker_processes", "main", false, 1, 1},
    {"pid", "main", false, 1, 1},
    {"error_log", "main http server location", false, 1, 2},
    {"events", "main", true, 0, 0},
    {"worker_connections", "events", false, 1, 1},
    {"http", "main", true, 0, 0},
    {"include", "main events http server location upstream types", false, 1, 1},
    {"default_type", "http server location", false, 1, 1},
    {"sendfile", "http server location", false, 1, 1},
    {"keepalive_timeout", "http server location", false, 1, 2},
    {"access_log", "http server location", false, 1, -1},
    {"log_format", "http", false, 2, -1},
    {"gzip", "http server location", false, 1, 1},
    {"gzip_types", "http server location", false, 1, -1},
    {"types", "http server location", true, 0, 0},
    {"upstream", "http", true, 1, 1},
    {"server", "http upstream", true, 0, -1},  // block in http; `server host:port` in upstream
    {"listen", "server", false, 1, -1},
    {"server_name", "server", false, 1, -1},
    {"location", "server location", true, 1, 2},
    {"root", "http server location", false, 1, 1},
    {"alias", "location", false, 1, 1},
    {"index", "http server location", false, 1, -1},
    {"try_files", "server location", false, 2, -1},
    {"return", "server location", false, 1, 2},
    {"rewrite", "server location", false, 2, 3},
    {"autoindex", "http server location", false, 1, 1},
    {"expires", "http server location", false, 1, 2},
    {"add_header", "http server location", false, 2, 3},
    {"error_page", "http server location", false, 2, -1},
    {"client_max_body_size", "http server location", false, 1, 1},
    {"proxy_pass", "location", false, 1, 1},
    {"proxy_set_header", "http server location", false, 2, 2},
    {"proxy_redirect", "http server location", false, 1, 2},
    {"proxy_http_version", "http server location", false, 1, 1},
    {"proxy_read_timeout", "http server location", false, 1, 1},
    {"proxy_connect_timeout", "http server location", false, 1, 1},
    {"keepalive", "upstream", false, 1, 1},
    {"least_conn", "upstream", false, 0, 0},
    {"ip_hash", "upstream", false, 0, 0},
};

const DirectiveSpec* find_spec(const std::string& name) {
    for (const auto& s : kSpecs)
        if (name == s.name) return &s;
    return nullptr;
}

bool in_context(const DirectiveSpec& s, const std::string& ctx) {
    std::string all = std::string(" ") + s.contexts + " ";
    return all.find(" " + ctx + " ") != std::string::npos;
}

struct Tok {
    enum Kind { kWord, kSemi, kOpen, kClose, kEnd } kind;
    std::string text;
    SourceSpan span;
};

class ConfParser {
  public:
    ConfParser(std::string_view s, const std::string& file) : s_(s), file_(file) {}

    Result<std::vector<NginxDirective>> parse_block(const std::string& ctx, bool nested) {
        std::vector<NginxDirective> out;
        while (true) {
            auto t = next();
            if (!t.ok()) return t.take_error();
            Tok tok = t.value();
            if (tok.kind == Tok::kEnd) {
                if (nested) return emerg("unexpected end of file, expecting \"}\"", tok.span);
                return out;
            }
            if (tok.kind == Tok::kClose) {
                if (!nested) return emerg("unexpected \"}\"", tok.span);
                return out;
            }
            if (tok.kind == Tok::kSemi) return emerg("unexpected \";\"", tok.span);
            if (tok.kind == Tok::kOpen) return emerg("unexpected \"{\"", tok.span);
            NginxDirective d;
            d.name = tok.text;
            d.span = tok.span;
            d.line = line_col(s_, tok.span.offset).line;
            Tok end;
            while (true) {
                auto a = next();
                if (!a.ok()) return a.take_error();
                if (a->kind == Tok::kWord) {
                    d.args.push_back(a->text);
                    continue;
                }
                end = a.value();
                break;
            }
            if (end.kind == Tok::kEnd) return emerg("unexpected end of file, expecting \";\" or \"}\"", end.span);
            if (end.kind == Tok::kClose) return emerg("unexpected \"}\"", end.span);
            const DirectiveSpec* spec = find_spec(d.name);
            if (!spec) return emerg("unknown directive \"" + d.name + "\"", d.span);
            bool upstream_server = d.name == "server" && ctx == "upstream";
            bool wants_block = spec->block && !upstream_server;
            if (!in_context(*spec, ctx)) return emerg("\"" + d.name + "\" directive is not allowed here", d.span);
            if (wants_block && end.kind != Tok::kOpen)
                return emerg("directive \"" + d.name + "\" has no opening \"{\"", d.span);
            if (!wants_block && end.kind == Tok::kOpen)
                return emerg("directive \"" + d.name + "\" is not terminated by \";\"", d.span);
            int n = static_cast<int>(d.args.size());
            int min_args = upstream_server ? 1 : spec->min_args;
            int max_args = upstream_server ? -1 : spec->max_args;
            if (n < min_args || (max_args >= 0 && n > max_args))
                return emerg("invalid number of arguments in \"" + d.name + "\" directive", d.span);
            if (wants_block) {
                d.has_block = true;
                std::string inner = d.name;
                auto body = parse_block(inner, true);
                if (!body.ok()) return body.take_error();
                d.block = std::move(body.value());
            }
            out.push_back(std::move(d));
        }
    }

  private:
    Error emerg(const std::string& what, SourceSpan span) {
        int line = line_col(s_, span.valid() ? span.offset : static_cast<uint32_t>(s_.size())).line;
        Error e = Error::make("emerg", what + " in " + file_ + ":" + std::to_string(line), span);
        e.file = file_;
        return e;
    }

    Result<Tok> next() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                ++i_;
            } else if (c == '#') {
                while (i_ < s_.size() && s_[i_] != '\n') ++i_;
            } else {
                break;
            }
        }
        uint32_t start = static_cast<uint32_t>(i_);
        if (i_ >= s_.size()) return Tok{Tok::kEnd, "", {start, 0}};
        char c = s_[i_];
        if (c == ';') return ++i_, Tok{Tok::kSemi, ";", {start, 1}};
        if (c == '{') return ++i_, Tok{Tok::kOpen, "{", {start, 1}};
        if (c == '}') return ++i_, Tok{Tok::kClose, "}", {start, 1}};
        std::string w;
        if (c == '"' || c == '\'') {
            char q = c;
            ++i_;
            while (i_ < s_.size() && s_[i_] != q) {
                if (s_[i_] == '\\' && i_ + 1 < s_.size()) {
                    unescape(s_[i_ + 1], w);
                    i_ += 2;
                    continue;
                }
                w += s_[i_++];
            }
            if (i_ >= s_.size()) return emerg("unexpected end of file, expecting \";\" or \"}\"", {start, 1});
            ++i_;
            return Tok{Tok::kWord, w, {start, static_cast<uint32_t>(i_ - start)}};
        }
        while (i_ < s_.size()) {
            char d = s_[i_];
            if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == ';' || d == '{' || d == '}') break;
            if (d == '\\' && i_ + 1 < s_.size()) {
                unescape(s_[i_ + 1], w);
                i_ += 2;
                continue;
            }
            w += d;
            ++i_;
        }
        return Tok{Tok::kWord, w, {start, static_cast<uint32_t>(i_ - start)}};
    }

    // ngx_conf_read_token: in quoted and bare words alike, \" \' \\ stand for the character and
    // \t \r \n for the control character; any other backslash stays, so the regex `\.txt$` keeps
    // its escaped dot.
    static void unescape(char n, std::string& w) {
        if (n == 't')
            w += '\t';
        else if (n == 'r')
            w += '\r';
        else if (n == 'n')
            w += '\n';
        else if (n == '"' || n == '\'' || n == '\\')
            w += n;
        else
            w += std::string{'\\', n};
    }

    std::string_view s_;
    const std::string& file_;
    size_t i_ = 0;
};

}  // namespace

Result<NginxConf> parse_nginx_conf(std::string_view text, const std::string& file, const std::string& context) {
    ConfParser p(text, file);
    auto ds = p.parse_block(context, false);
    if (!ds.ok()) return ds.take_error();
    NginxConf conf;
    conf.directives = std::move(ds.value());
    return conf;
}

std::string nginx_error_line(const Error& e) {
    return "nginx: [" + e.kind + "] " + e.message;
}

}  // namespace gramlab::deploy

// Tokenizer + recursive-descent parser of the sh subset (list → and_or → pipeline → command),
// following the POSIX Shell Command Language grammar (XCU 2.10) for the parts it supports.
#include "core/deploy/sh_parser.hpp"

#include <cctype>

namespace gramlab::deploy {

namespace {

struct Tok {
    enum Kind { kWord, kOp, kNewline, kEnd } kind = kEnd;
    std::string text;
    SourceSpan span;
};

Error syntax_error(const std::string& file, std::string message, SourceSpan span) {
    Error e = Error::make("Syntax error", std::move(message), span);
    e.file = file;
    return e;
}

class Lexer {
  public:
    Lexer(std::string_view s, const std::string& file) : s_(s), file_(file) {}

    Result<std::vector<Tok>> run() {
        std::vector<Tok> out;
        while (true) {
            skip_blanks();
            if (i_ >= s_.size()) break;
            char c = s_[i_];
            uint32_t start = static_cast<uint32_t>(i_);
            if (c == '#') {
                while (i_ < s_.size() && s_[i_] != '\n') ++i_;
                continue;
            }
            if (c == '\n') {
                ++i_;
                out.push_back({Tok::kNewline, "\n", {start, 1}});
                continue;
            }
            std::string op = match_op();
            if (!op.empty()) {
                out.push_back({Tok::kOp, op, {start, static_cast<uint32_t>(op.size())}});
                continue;
            }
            std::string word;
            auto st = read_word(word);
            if (!st.ok()) return st.take_error();
            out.push_back({Tok::kWord, word, {start, static_cast<uint32_t>(i_ - start)}});
        }
        out.push_back({Tok::kEnd, "", {static_cast<uint32_t>(s_.size()), 0}});
        return out;
    }

  private:
    void skip_blanks() {
        while (i_ < s_.size()) {
            if (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\r')
                ++i_;
            else if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == '\n')
                i_ += 2;
            else
                break;
        }
    }
    bool at(std::string_view op) const { return s_.substr(i_, op.size()) == op; }
    std::string match_op() {
        static const char* kOps[] = {"2>&1", "2>>", ">&2", "2>", "&&", "||", ">>", ";;",
                                     "|",    ";",   "&",   ">",  "<",  "(",  ")"};
        for (const char* op : kOps) {
            if (at(op)) {
                i_ += std::string_view(op).size();
                return op;
            }
        }
        return "";
    }
    static bool is_meta(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<' ||
               c == '>' || c == '(' || c == ')';
    }
    Status read_word(std::string& w) {
        while (i_ < s_.size() && !is_meta(s_[i_])) {
            char c = s_[i_];
            if (c == '\\') {
                if (i_ + 1 < s_.size() && s_[i_ + 1] == '\n') {
                    i_ += 2;
                    continue;
                }
                w += c;
                ++i_;
                if (i_ < s_.size()) w += s_[i_++];
            } else if (c == '\'') {
                size_t end = s_.find('\'', i_ + 1);
                if (end == std::string_view::npos)
                    return syntax_error(file_, "Unterminated quoted string", {static_cast<uint32_t>(i_), 1});
                w += s_.substr(i_, end - i_ + 1);
                i_ = end + 1;
            } else if (c == '"') {
                size_t j = i_ + 1;
                while (j < s_.size() && s_[j] != '"') j += (s_[j] == '\\' && j + 1 < s_.size()) ? 2 : 1;
                if (j >= s_.size())
                    return syntax_error(file_, "Unterminated quoted string", {static_cast<uint32_t>(i_), 1});
                w += s_.substr(i_, j - i_ + 1);
                i_ = j + 1;
            } else if (c == '$' && i_ + 1 < s_.size() && (s_[i_ + 1] == '{' || s_[i_ + 1] == '(')) {
                char open = s_[i_ + 1], close = open == '{' ? '}' : ')';
                size_t j = i_ + 2;
                int depth = 1;
                while (j < s_.size() && depth > 0) {
                    if (s_[j] == open)
                        ++depth;
                    else if (s_[j] == close)
                        --depth;
                    ++j;
                }
                if (depth > 0) {
                    return syntax_error(file_, open == '{' ? "Missing '}'" : "end of file unexpected (expecting \")\")",
                                        {static_cast<uint32_t>(i_), 2});
                }
                w += s_.substr(i_, j - i_);
                i_ = j;
            } else {
                w += c;
                ++i_;
            }
        }
        return Status::Ok();
    }

    std::string_view s_;
    const std::string& file_;
    size_t i_ = 0;
};

bool is_assignment(const std::string& w) {
    size_t eq = w.find('=');
    if (eq == std::string::npos || eq == 0) return false;
    if (!(std::isalpha(static_cast<unsigned char>(w[0])) || w[0] == '_')) return false;
    for (size_t i = 1; i < eq; ++i)
        if (!(std::isalnum(static_cast<unsigned char>(w[i])) || w[i] == '_')) return false;
    return true;
}

class Parser {
  public:
    Parser(std::vector<Tok> toks, const std::string& file) : t_(std::move(toks)), file_(file) {}

    Result<ShScript> script() {
        ShScript s;
        while (true) {
            while (peek().kind == Tok::kNewline) ++p_;
            if (peek().kind == Tok::kEnd) break;
            auto ao = and_or();
            if (!ao.ok()) return ao.take_error();
            s.items.push_back(std::move(ao.value()));
            const Tok& sep = peek();
            if (sep.kind == Tok::kOp && (sep.text == ";" || sep.text == "&")) {
                ++p_;
            } else if (sep.kind == Tok::kNewline) {
                ++p_;
            } else if (sep.kind != Tok::kEnd) {
                return unexpected(sep);
            }
        }
        return s;
    }

  private:
    const Tok& peek() const { return t_[p_]; }
    Error unexpected(const Tok& t) {
        if (t.kind == Tok::kEnd) return syntax_error(file_, "end of file unexpected", t.span);
        if (t.kind == Tok::kNewline) return syntax_error(file_, "newline unexpected", t.span);
        return syntax_error(file_, "\"" + t.text + "\" unexpected", t.span);
    }

    Result<ShAndOr> and_or() {
        ShAndOr ao;
        while (true) {
            auto pl = pipeline();
            if (!pl.ok()) return pl.take_error();
            ao.pipelines.push_back(std::move(pl.value()));
            const Tok& t = peek();
            if (t.kind == Tok::kOp && (t.text == "&&" || t.text == "||")) {
                ao.ops.push_back(t.text);
                ++p_;
                while (peek().kind == Tok::kNewline) ++p_;  // `a &&\n b` is allowed
                continue;
            }
            return ao;
        }
    }

    Result<ShPipeline> pipeline() {
        ShPipeline pl;
        if (peek().kind == Tok::kWord && peek().text == "!") {
            pl.negate = true;
            ++p_;
        }
        while (true) {
            auto c = command();
            if (!c.ok()) return c.take_error();
            pl.commands.push_back(std::move(c.value()));
            if (peek().kind == Tok::kOp && peek().text == "|") {
                ++p_;
                while (peek().kind == Tok::kNewline) ++p_;
                continue;
            }
            return pl;
        }
    }

    Result<ShCommand> command() {
        ShCommand c;
        SourceSpan span;
        while (true) {
            const Tok& t = peek();
            if (t.kind == Tok::kWord) {
                if (c.words.empty() && is_assignment(t.text)) {
                    size_t eq = t.text.find('=');
                    c.assigns.emplace_back(t.text.substr(0, eq), ShWord{t.text.substr(eq + 1), t.span});
                } else {
                    c.words.push_back(ShWord{t.text, t.span});
                }
                span = SourceSpan::cover(span, t.span);
                ++p_;
            } else if (t.kind == Tok::kOp &&
                       (t.text == ">" || t.text == ">>" || t.text == "<" || t.text == "2>" || t.text == "2>>")) {
                std::string op = t.text;
                span = SourceSpan::cover(span, t.span);
                ++p_;
                if (peek().kind != Tok::kWord) return unexpected(peek());
                c.redirects.push_back(ShRedirect{op, ShWord{peek().text, peek().span}});
                span = SourceSpan::cover(span, peek().span);
                ++p_;
            } else if (t.kind == Tok::kOp && (t.text == "2>&1" || t.text == ">&2")) {
                c.redirects.push_back(ShRedirect{t.text, ShWord{}});
                span = SourceSpan::cover(span, t.span);
                ++p_;
            } else {
                break;
            }
        }
        if (c.words.empty() && c.assigns.empty() && c.redirects.empty()) return unexpected(peek());
        c.span = span;
        return c;
    }

    std::vector<Tok> t_;
    const std::string& file_;
    size_t p_ = 0;
};

}  // namespace

Result<ShScript> parse_sh(std::string_view text, const std::string& file) {
    Lexer lx(text, file);
    auto toks = lx.run();
    if (!toks.ok()) return toks.take_error();
    Parser p(std::move(toks.value()), file);
    return p.script();
}

std::string sh_error_line(std::string_view text, const Error& e) {
    LineCol lc = line_col(text, e.span.valid() ? e.span.offset : 0);
    return (e.file.empty() ? std::string("sh") : e.file) + ": " + std::to_string(lc.line) + ": " + e.to_string();
}

}  // namespace gramlab::deploy

// Line assembly (comments, `\` continuations) and per-instruction argument parsing of the
// Dockerfile format, mirroring moby/buildkit's frontend/dockerfile/parser (line_parsers.go).
#include "core/deploy/dockerfile.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace gramlab::deploy {

namespace {

const char* kKnown[] = {"ADD",    "ARG",   "CMD",         "COPY",  "ENTRYPOINT", "ENV",
                        "EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
                        "RUN",    "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",     "WORKDIR"};

std::string trim(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return std::string(s.substr(a, b - a));
}

std::vector<std::string> split_ws(std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    char quote = 0;
    for (char c : s) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else
                cur += c;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (!cur.empty()) out.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

Error parse_error(const std::string& file, int line, const std::string& what, SourceSpan span) {
    Error e = Error::make("Error response from daemon",
                          "dockerfile parse error line " + std::to_string(line) + ": " + what, span);
    e.file = file;
    return e;
}

}  // namespace

bool parse_json_string_array(std::string_view text, std::vector<std::string>& out) {
    std::string t = trim(text);
    if (t.empty() || t[0] != '[') return false;
    auto j = nlohmann::json::parse(t, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_array()) return false;
    std::vector<std::string> items;
    for (const auto& v : j) {
        if (!v.is_string()) return false;
        items.push_back(v.get<std::string>());
    }
    out = std::move(items);
    return true;
}

Result<Dockerfile> parse_dockerfile(std::string_view text, const std::string& file) {
    Dockerfile df;
    size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
        // Assemble one logical line: physical lines joined while they end in a backslash;
        // comment lines inside a continuation are dropped (as the builder does).
        size_t start = pos;
        int first_line = line_no + 1;
        std::string logical;
        bool first = true;
        while (pos < text.size()) {
            size_t nl = text.find('\n', pos);
            if (nl == std::string_view::npos) nl = text.size();
            std::string_view phys = text.substr(pos, nl - pos);
            if (!phys.empty() && phys.back() == '\r') phys.remove_suffix(1);
            pos = nl + 1;
            ++line_no;
            std::string t = trim(phys);
            if (t.empty() && first) {
                start = pos;
                first_line = line_no + 1;
                continue;
            }
            if (!t.empty() && t[0] == '#') {
                if (first) {
                    start = pos;
                    first_line = line_no + 1;
                }
                continue;
            }
            first = false;
            if (!t.empty() && t.back() == '\\') {
                logical += t.substr(0, t.size() - 1);
                continue;
            }
            logical += t;
            break;
        }
        logical = trim(logical);
        if (logical.empty()) continue;
        SourceSpan span{static_cast<uint32_t>(start), 0};
        size_t ws = 0;
        while (ws < logical.size() && !std::isspace(static_cast<unsigned char>(logical[ws]))) ++ws;
        std::string kw = logical.substr(0, ws);
        span.length = static_cast<uint32_t>(kw.size());
        std::string upper = kw;
        std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
        if (std::find(std::begin(kKnown), std::end(kKnown), upper) == std::end(kKnown))
            return parse_error(file, first_line, "unknown instruction: " + upper, span);
        DockerInstruction ins;
        ins.keyword = upper;
        ins.original = logical;
        ins.line = first_line;
        ins.span = span;
        std::string rest = trim(std::string_view(logical).substr(ws));
        // Leading --flags (COPY --chown=..., --from=...).
        while (rest.rfind("--", 0) == 0 && (upper == "COPY" || upper == "ADD" || upper == "FROM" || upper == "RUN")) {
            size_t e = rest.find_first_of(" \t");
            ins.flags.push_back(rest.substr(0, e));
            rest = e == std::string::npos ? "" : trim(std::string_view(rest).substr(e));
        }
        if (upper == "CMD" || upper == "ENTRYPOINT" || upper == "RUN" || upper == "SHELL" || upper == "HEALTHCHECK") {
            if (parse_json_string_array(rest, ins.args)) {
                ins.exec_form = true;
            } else {
                if (upper == "SHELL")
                    return parse_error(file, first_line, "SHELL requires the arguments to be in JSON form", span);
                if (!rest.empty()) ins.args.push_back(rest);
            }
            if (upper == "RUN" && ins.args.empty())
                return parse_error(file, first_line, "RUN requires at least one argument", span);
        } else if (upper == "ENV" || upper == "LABEL" || upper == "ARG") {
            std::vector<std::string> words = split_ws(rest);
            if (words.empty()) return parse_error(file, first_line, upper + " requires at least one argument", span);
            if (upper != "ARG" && words[0].find('=') == std::string::npos) {
                // Legacy `ENV KEY value with spaces`.
                if (words.size() < 2) return parse_error(file, first_line, upper + " must have two arguments", span);
                size_t k = rest.find_first_of(" \t");
                ins.args.push_back(words[0] + "=" + trim(std::string_view(rest).substr(k)));
            } else {
                for (const auto& w : words) {
                    if (w.find('=') == 0) return parse_error(file, first_line, upper + " names can not be blank", span);
                    if (upper != "ARG" && w.find('=') == std::string::npos)
                        return parse_error(
                            file, first_line,
                            "Syntax error - can't find = in \"" + w + "\". Must be of the form: name=value", span);
                    ins.args.push_back(w);
                }
            }
        } else if (upper == "COPY" || upper == "ADD") {
            if (!parse_json_string_array(rest, ins.args))
                ins.args = split_ws(rest);
            else
                ins.exec_form = true;
            if (ins.args.size() < 2)
                return parse_error(file, first_line,
                                   upper +
                                       " requires at least two arguments, but only one was provided. "
                                       "Destination could not be determined.",
                                   span);
        } else if (upper == "FROM") {
            ins.args = split_ws(rest);
            if (ins.args.size() != 1 && ins.args.size() != 3)
                return parse_error(file, first_line, "FROM requires either one or three arguments", span);
        } else {
            if (upper == "VOLUME" && parse_json_string_array(rest, ins.args))
                ins.exec_form = true;
            else
                ins.args = split_ws(rest);
            if (ins.args.empty() && upper != "EXPOSE")
                return parse_error(file, first_line, upper + " requires at least one argument", span);
            if ((upper == "WORKDIR" || upper == "USER" || upper == "STOPSIGNAL") && ins.args.size() != 1)
                return parse_error(file, first_line, upper + " requires exactly one argument", span);
            if (upper == "EXPOSE" && ins.args.empty())
                return parse_error(file, first_line, "EXPOSE requires at least one argument", span);
        }
        df.instructions.push_back(std::move(ins));
    }
    return df;
}

}  // namespace gramlab::deploy

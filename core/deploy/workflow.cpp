// Workflow YAML → Workflow, and the `${{ }}` expression evaluator (a small Pratt-style parser).
#include "core/deploy/workflow.hpp"

#include <cctype>
#include <set>

#include "core/deploy/yaml_reader.hpp"

namespace gramlab::deploy {

namespace {

Error wf_error(std::string_view text, const std::string& file, SourceSpan span, const std::string& what) {
    LineCol lc = line_col(text, span.valid() ? span.offset : 0);
    Error e = Error::make(
        "Invalid workflow file",
        file + " (Line: " + std::to_string(lc.line) + ", Col: " + std::to_string(lc.column) + "): " + what, span);
    e.file = file;
    return e;
}

StrPairs read_pairs(const YamlNode* n) {
    StrPairs out;
    if (!n || !n->is_map()) return out;
    for (const auto& [k, v] : n->entries) out.emplace_back(k.scalar, v.str());
    return out;
}

}  // namespace

Result<Workflow> parse_workflow(std::string_view text, const std::string& file) {
    auto doc = parse_yaml(text, file);
    if (!doc.ok()) {
        Error e = doc.take_error();
        LineCol lc = line_col(text, e.span.valid() ? e.span.offset : 0);
        e.kind = "Invalid workflow file";
        e.message = "You have an error in your yaml syntax on line " + std::to_string(lc.line) + " (" + e.message + ")";
        return e;
    }
    const YamlNode& root = doc.value();
    if (!root.is_map()) return wf_error(text, file, root.span, "Unexpected value ''");
    Workflow wf;
    static const std::set<std::string> kTop = {"name",     "on",          "env",         "jobs",
                                               "defaults", "concurrency", "permissions", "run-name"};
    static const std::set<std::string> kJob = {
        "name",     "runs-on",           "needs",       "env",     "if",         "steps", "defaults", "timeout-minutes",
        "strategy", "continue-on-error", "environment", "outputs", "permissions"};
    static const std::set<std::string> kStep = {
        "name",           "id", "uses", "with", "run", "env", "if", "working-directory", "shell", "continue-on-error",
        "timeout-minutes"};
    for (const auto& [k, v] : root.entries) {
        if (!kTop.count(k.scalar)) return wf_error(text, file, k.span, "Unexpected value '" + k.scalar + "'");
    }
    wf.name = root.get("name") ? root.get("name")->str() : file;
    const YamlNode* on = root.get("on");
    if (!on) return wf_error(text, file, root.span, "Required property is missing: on");
    if (on->is_scalar()) wf.events.push_back(on->scalar);
    for (const auto& it : on->items) wf.events.push_back(it.str());
    for (const auto& [ek, ev] : on->entries) {
        wf.events.push_back(ek.scalar);
        if (ek.scalar == "push")
            if (const auto* br = ev.get("branches")) {
                for (const auto& b : br->items) wf.branches.push_back(b.str());
                if (br->is_scalar()) wf.branches.push_back(br->scalar);
            }
    }
    wf.env = read_pairs(root.get("env"));
    const YamlNode* jobs = root.get("jobs");
    if (!jobs || !jobs->is_map()) return wf_error(text, file, root.span, "Required property is missing: jobs");
    for (const auto& [jk, jv] : jobs->entries) {
        WorkflowJob job;
        job.id = jk.scalar;
        if (!jv.is_map()) return wf_error(text, file, jv.span, "Unexpected value '" + jv.str() + "'");
        for (const auto& [k, v] : jv.entries)
            if (!kJob.count(k.scalar)) return wf_error(text, file, k.span, "Unexpected value '" + k.scalar + "'");
        job.name = jv.get("name") ? jv.get("name")->str() : job.id;
        if (!jv.get("runs-on")) return wf_error(text, file, jv.span, "Required property is missing: runs-on");
        job.runs_on = jv.get("runs-on")->str();
        if (const auto* needs = jv.get("needs")) {
            if (needs->is_scalar()) job.needs.push_back(needs->scalar);
            for (const auto& n : needs->items) job.needs.push_back(n.str());
        }
        job.env = read_pairs(jv.get("env"));
        job.if_expr = jv.get("if") ? jv.get("if")->str() : "";
        const YamlNode* steps = jv.get("steps");
        if (!steps || !steps->is_seq()) return wf_error(text, file, jv.span, "Required property is missing: steps");
        for (const auto& sv : steps->items) {
            WorkflowStep st;
            st.span = sv.span;
            st.line = line_col(text, sv.span.valid() ? sv.span.offset : 0).line;
            if (!sv.is_map()) return wf_error(text, file, sv.span, "Unexpected value '" + sv.str() + "'");
            for (const auto& [k, v] : sv.entries)
                if (!kStep.count(k.scalar)) return wf_error(text, file, k.span, "Unexpected value '" + k.scalar + "'");
            st.id = sv.get("id") ? sv.get("id")->str() : "";
            st.uses = sv.get("uses") ? sv.get("uses")->str() : "";
            if (const auto* run = sv.get("run")) {
                st.run = run->str();
                st.run_span = run->span;
            }
            if (st.uses.empty() && st.run.empty())
                return wf_error(text, file, sv.span,
                                "There's not enough info to determine what you meant. Add one of these properties: "
                                "run, shell, uses, with, working-directory");
            if (!st.uses.empty() && !st.run.empty())
                return wf_error(text, file, sv.span,
                                "One of the following properties is required: uses, run. Both were provided.");
            st.with = read_pairs(sv.get("with"));
            st.env = read_pairs(sv.get("env"));
            st.if_expr = sv.get("if") ? sv.get("if")->str() : "";
            st.working_directory = sv.get("working-directory") ? sv.get("working-directory")->str() : "";
            st.continue_on_error = sv.get("continue-on-error") && sv.get("continue-on-error")->str() == "true";
            if (const auto* n = sv.get("name"))
                st.name = n->str();
            else if (!st.uses.empty())
                st.name = "Run " + st.uses;
            else
                st.name = "Run " + st.run.substr(0, st.run.find('\n'));
            job.steps.push_back(std::move(st));
        }
        wf.jobs.push_back(std::move(job));
    }
    return wf;
}

namespace {

// Expression values: strings, with booleans as "true"/"false" (enough for the contexts used here).
struct Value {
    std::string s;
    bool is_bool = false;
    bool truthy() const { return is_bool ? s == "true" : !s.empty() && s != "0"; }
};

class ExprParser {
  public:
    ExprParser(std::string_view e, const ExprContext& c) : e_(e), c_(c) {}
    Result<Value> parse() {
        auto v = or_expr();
        if (!v.ok()) return v;
        skip();
        if (i_ < e_.size()) return err("Unexpected symbol: '" + std::string(e_.substr(i_)) + "'");
        return v;
    }

  private:
    Error err(const std::string& m) {
        return Error::make("Invalid workflow file", "Unrecognized expression '" + std::string(e_) + "': " + m);
    }
    void skip() {
        while (i_ < e_.size() && std::isspace(static_cast<unsigned char>(e_[i_]))) ++i_;
    }
    bool eat(std::string_view op) {
        skip();
        if (e_.substr(i_, op.size()) == op) {
            i_ += op.size();
            return true;
        }
        return false;
    }
    Result<Value> or_expr() {
        auto l = and_expr();
        if (!l.ok()) return l;
        while (eat("||")) {
            auto r = and_expr();
            if (!r.ok()) return r;
            if (!l->truthy()) l = r;
        }
        return l;
    }
    Result<Value> and_expr() {
        auto l = cmp_expr();
        if (!l.ok()) return l;
        while (eat("&&")) {
            auto r = cmp_expr();
            if (!r.ok()) return r;
            if (l->truthy()) l = r;
        }
        return l;
    }
    Result<Value> cmp_expr() {
        auto l = unary();
        if (!l.ok()) return l;
        if (eat("==") || (eat("!=") && (neg_ = true))) {
            bool neg = neg_;
            neg_ = false;
            auto r = unary();
            if (!r.ok()) return r;
            bool eq = l->s == r->s;  // GitHub compares strings case-insensitively
            if (!eq && l->s.size() == r->s.size()) {
                eq = true;
                for (size_t k = 0; k < l->s.size(); ++k)
                    if (std::tolower(static_cast<unsigned char>(l->s[k])) !=
                        std::tolower(static_cast<unsigned char>(r->s[k])))
                        eq = false;
            }
            return Value{(eq != neg) ? "true" : "false", true};
        }
        return l;
    }
    Result<Value> unary() {
        if (eat("!")) {
            auto v = unary();
            if (!v.ok()) return v;
            return Value{v->truthy() ? "false" : "true", true};
        }
        return primary();
    }
    Result<Value> primary() {
        skip();
        if (i_ >= e_.size()) return err("Unexpected end of expression");
        if (eat("(")) {
            auto v = or_expr();
            if (!eat(")")) return err("Expected ')'");
            return v;
        }
        if (e_[i_] == '\'') {
            std::string s;
            ++i_;
            while (i_ < e_.size()) {
                if (e_[i_] == '\'' && i_ + 1 < e_.size() && e_[i_ + 1] == '\'')
                    s += '\'', i_ += 2;
                else if (e_[i_] == '\'')
                    break;
                else
                    s += e_[i_++];
            }
            if (i_ >= e_.size()) return err("Unterminated string");
            ++i_;
            return Value{s};
        }
        std::string path;
        while (i_ < e_.size() &&
               (std::isalnum(static_cast<unsigned char>(e_[i_])) || e_[i_] == '_' || e_[i_] == '.' || e_[i_] == '-'))
            path += e_[i_++];
        if (path.empty()) return err("Unexpected symbol: '" + std::string(1, e_[i_]) + "'");
        if (eat("(")) {
            if (!eat(")")) return err("Unexpected arguments");
            if (path == "success") return Value{c_.job_failed ? "false" : "true", true};
            if (path == "failure") return Value{c_.job_failed ? "true" : "false", true};
            if (path == "always") return Value{"true", true};
            if (path == "cancelled") return Value{"false", true};
            return err("Unrecognized function: '" + path + "'");
        }
        if (path == "true" || path == "false") return Value{path, true};
        size_t dot = path.find('.');
        std::string ctx = path.substr(0, dot), key = dot == std::string::npos ? "" : path.substr(dot + 1);
        const std::map<std::string, std::string>* m = nullptr;
        if (ctx == "secrets")
            m = &c_.secrets;
        else if (ctx == "env")
            m = &c_.env;
        else if (ctx == "github")
            m = &c_.github;
        else if (ctx == "steps" || ctx == "runner" || ctx == "job" || ctx == "matrix" || ctx == "inputs" ||
                 ctx == "vars")
            return Value{""};
        else
            return err("Unrecognized named-value: '" + ctx + "'");
        auto it = m->find(key);
        return Value{it == m->end() ? "" : it->second};
    }
    std::string_view e_;
    const ExprContext& c_;
    size_t i_ = 0;
    bool neg_ = false;
};

}  // namespace

Result<std::string> eval_expression(std::string_view expr, const ExprContext& ctx) {
    ExprParser p(expr, ctx);
    auto v = p.parse();
    if (!v.ok()) return v.take_error();
    return v->s;
}

Result<std::string> substitute_expressions(std::string_view text, const ExprContext& ctx) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t open = text.find("${{", i);
        if (open == std::string_view::npos) {
            out += text.substr(i);
            break;
        }
        size_t close = text.find("}}", open + 3);
        if (close == std::string_view::npos) {
            out += text.substr(i);
            break;
        }
        out += text.substr(i, open - i);
        auto v = eval_expression(text.substr(open + 3, close - open - 3), ctx);
        if (!v.ok()) return v.take_error();
        out += v.value();
        i = close + 2;
    }
    return out;
}

Result<bool> eval_condition(std::string_view cond, const ExprContext& ctx) {
    std::string c(cond);
    while (!c.empty() && std::isspace(static_cast<unsigned char>(c.back()))) c.pop_back();
    if (c.rfind("${{", 0) == 0 && c.size() >= 5 && c.substr(c.size() - 2) == "}}") c = c.substr(3, c.size() - 5);
    if (c.find_first_not_of(" \t") == std::string::npos) return !ctx.job_failed;
    bool has_status = c.find("success()") != std::string::npos || c.find("failure()") != std::string::npos ||
                      c.find("always()") != std::string::npos || c.find("cancelled()") != std::string::npos;
    auto v = eval_expression(c, ctx);
    if (!v.ok()) return v.take_error();
    bool t = v.value() == "true" || (v.value() != "false" && !v.value().empty());
    if (!has_status && ctx.job_failed) return false;
    return t;
}

}  // namespace gramlab::deploy

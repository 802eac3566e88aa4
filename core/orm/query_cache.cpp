// The compiled-query cache and the canonical encoding of QuerySet method arguments.
#include "core/orm/query_cache.hpp"

#include <charconv>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/models/base.hpp"
#include "core/orm/expressions.hpp"
#include "core/orm/query.hpp"
#include "core/orm/queryset.hpp"

namespace gramlab::orm {

std::shared_ptr<const CompiledSelect> QueryCache::find(const std::string& recipe) const {
    auto it = entries_.find(recipe);
    return it == entries_.end() ? nullptr : it->second;
}

void QueryCache::store(const std::string& recipe, std::shared_ptr<const CompiledSelect> compiled) {
    if (entries_.size() >= kMaxEntries) entries_.clear();
    entries_[recipe] = std::move(compiled);
}

std::shared_ptr<QuerySetObj> QueryCache::make(const std::string& recipe) const {
    auto it = templates_.find(recipe);
    if (it == templates_.end()) return nullptr;
    const QuerySetObj& t = *it->second;
    // The copy shares the template's Query until it changes it (SharedQuery copies then), so
    // the template never changes.
    return std::make_shared<QuerySetObj>(t, t.query);
}

std::shared_ptr<const QuerySetObj> QueryCache::find_template(const std::string& recipe) const {
    auto it = templates_.find(recipe);
    return it == templates_.end() ? nullptr : it->second;
}

void QueryCache::remember(const QuerySetObj& made) {
    if (made.recipe.empty() || made.cache || made.known_instance) return;
    if (templates_.size() >= kMaxEntries) templates_.clear();
    auto t = std::make_shared<QuerySetObj>(made, made.query);  // shared: see make()
    t->recipe = made.recipe;
    templates_[made.recipe] = std::move(t);
}

std::string root_recipe(const models::ModelDef* model) {
    // The definition's address alone (the cache is cleared whenever definitions are rebound,
    // bind_project): at most 15 characters, so every manager's QuerySet copies it without
    // allocating.
    char buf[24];
    std::snprintf(buf, sizeof buf, "@%" PRIxPTR, reinterpret_cast<std::uintptr_t>(model));
    return buf;
}

namespace {

bool append_value(const shell::Ref& v, std::string& out);

// Digits straight into the recipe (std::to_string would make a string per number).
template <typename Int>
void append_int(Int v, std::string& out) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void append_text(const std::string& s, std::string& out) {
    append_int(s.size(), out);
    out += ':';
    out += s;
}

bool append_q(const QNode& q, std::string& out) {
    out += "{";
    out += q.connector;
    out += q.negated ? "!" : "";
    for (const auto& c : q.children) {
        out += ',';
        if (c.node) {
            if (!append_q(*c.node, out)) return false;
        } else {
            append_text(c.lookup, out);
            out += '=';
            if (!append_value(c.value, out)) return false;
        }
    }
    out += "}";
    return true;
}

// An expression as the learner wrote it (F, Value, Count(...), Lower(...), arithmetic).
// Resolved or compiler-made nodes (columns, raw SQL, subqueries, explicit output fields)
// are not encoded: their state is more than these fields.
bool append_expr(const ExprNode& e, std::string& out) {
    switch (e.kind) {
        case ExprNode::Kind::kCol:
        case ExprNode::Kind::kRaw:
        case ExprNode::Kind::kWrapper: return false;
        default: break;
    }
    if (e.field || e.out_field || e.keep_field || e.subquery || e.filter_where || !e.sql.empty() || !e.params.empty() ||
        !e.alias.empty() || !e.column.empty() || !e.model_label.empty())
        return false;
    out += "<";
    out += std::to_string(static_cast<int>(e.kind));
    out += ',';
    append_text(e.name, out);
    append_text(e.op, out);
    append_text(e.py_name, out);
    append_text(e.frame, out);
    append_text(e.frame_sql, out);
    append_text(e.frame_error, out);
    out += e.distinct ? 'D' : 'd';
    out += std::to_string(static_cast<int>(e.out));
    out += ',';
    out += std::to_string(e.order_desc);
    out += std::to_string(e.order_nulls);
    if (e.value) {
        out += 'v';
        if (!append_value(e.value, out)) return false;
    }
    if (e.filter) {
        out += 'q';
        if (!append_q(*e.filter, out)) return false;
    }
    for (const auto& a : e.args) {
        out += 'a';
        if (!a || !append_expr(*a, out)) return false;
    }
    for (const auto& a : e.concat_sources) {
        out += 'c';
        if (!a || !append_expr(*a, out)) return false;
    }
    out += ">";
    return true;
}

bool append_value(const shell::Ref& v, std::string& out) {
    if (!v) return false;
    switch (v->kind) {
        case shell::Kind::kNone: out += 'N'; return true;
        case shell::Kind::kBool: out += static_cast<shell::BoolObj*>(v.get())->value ? 'T' : 'F'; return true;
        case shell::Kind::kInt:
            out += 'i';
            append_int(static_cast<shell::IntObj*>(v.get())->value, out);
            out += ';';
            return true;
        case shell::Kind::kFloat: {
            double d = static_cast<shell::FloatObj*>(v.get())->value;
            unsigned long long bits = 0;
            std::memcpy(&bits, &d, sizeof bits);
            out += 'f';
            append_int(bits, out);
            out += ';';
            return true;
        }
        case shell::Kind::kStr:
            out += 's';
            append_text(static_cast<shell::StrObj*>(v.get())->value, out);
            return true;
        case shell::Kind::kList:
        case shell::Kind::kTuple: {
            auto* seq = static_cast<shell::SeqObj*>(v.get());
            if (!seq->row_name.empty()) return false;
            out += v->kind == shell::Kind::kList ? '[' : '(';
            for (const auto& x : seq->items)
                if (!append_value(x, out)) return false;
            out += v->kind == shell::Kind::kList ? ']' : ')';
            return true;
        }
        case shell::Kind::kNative:
            if (auto* e = shell::as<ExprObj>(v)) {
                out += 'E';
                return e->expr && append_expr(*e->expr, out);
            }
            if (auto* q = shell::as<QObj>(v)) {
                out += 'Q';
                return q->q && append_q(*q->q, out);
            }
            return false;
        default: return false;
    }
}

}  // namespace

bool append_canonical_args(const shell::Args& args, std::string& out) {
    out += '(';
    for (const auto& p : args.pos) {
        if (!append_value(p, out)) return false;
        out += ',';
    }
    for (const auto& kv : args.kw) {
        append_text(kv.first, out);
        out += '=';
        if (!append_value(kv.second, out)) return false;
        out += ',';
    }
    out += ')';
    return true;
}

}  // namespace gramlab::orm

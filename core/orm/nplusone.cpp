// N+1 detection over a statement's query log (see nplusone.hpp).
#include "core/orm/nplusone.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace gramlab::orm {

namespace {

bool is_count_query(const std::string& sql) { return sql.rfind("SELECT COUNT(*)", 0) == 0; }

std::string fix_for(const RelatedAccess& a, const std::string& template_sql) {
    if (a.single) return "select_related('" + a.path + "')";
    // A related count per row is one annotate(Count()) on the outer query.
    if (is_count_query(template_sql) && a.path.find("__") == std::string::npos && !a.last_query_name.empty())
        return "annotate(" + a.path + "_count=Count('" + a.last_query_name + "'))";
    return "prefetch_related('" + a.path + "')";
}

}  // namespace

std::vector<NPlusOne> find_n_plus_one(const std::vector<LoggedQuery>& log) {
    if (log.size() < 2) return {};  // a pattern is at least two queries of one shape
    // Groups: (root query, relation path, query shape) → indexes, in order of first sight.
    using Key = std::tuple<int64_t, std::string, std::string, std::string>;
    std::map<Key, size_t> index;
    std::vector<std::pair<const RelatedAccess*, std::vector<int>>> groups;
    for (size_t i = 0; i < log.size(); ++i) {
        const auto& a = log[i].access;
        if (!a || a->origin < 0 || a->path.empty()) continue;
        Key k{a->origin, a->model, a->path, log[i].template_sql};
        auto it = index.find(k);
        if (it == index.end()) {
            index.emplace(k, groups.size());
            groups.push_back({a.get(), {static_cast<int>(i)}});
        } else {
            groups[it->second].second.push_back(static_cast<int>(i));
        }
    }
    struct Found {
        NPlusOne n;
        int64_t origin;
        bool dropped = false;
    };
    std::vector<Found> found;
    for (const auto& g : groups) {
        if (g.second.size() < 2) continue;
        Found f;
        f.origin = g.first->origin;
        f.n.model = g.first->model;
        f.n.relation = g.first->path;
        f.n.fix = fix_for(*g.first, log[static_cast<size_t>(g.second.front())].template_sql);
        f.n.queries = g.second;
        for (size_t i = 0; i < log.size(); ++i)
            if (log[i].seq == f.origin) f.n.origin_query = static_cast<int>(i);
        found.push_back(std::move(f));
    }
    // One select_related('a__b') or prefetch_related('a__b') also removes the repetition of
    // 'a': fold a pattern into a longer one of the same kind from the same rows.
    auto kind = [](const std::string& fix) { return fix.substr(0, fix.find('(')); };
    for (auto& shorter : found) {
        for (auto& longer : found) {
            if (&shorter == &longer || longer.dropped || shorter.origin != longer.origin) continue;
            if (kind(shorter.n.fix) != kind(longer.n.fix) || kind(longer.n.fix) == "annotate") continue;
            if (longer.n.relation.rfind(shorter.n.relation + "__", 0) != 0) continue;
            longer.n.queries.insert(longer.n.queries.end(), shorter.n.queries.begin(), shorter.n.queries.end());
            std::sort(longer.n.queries.begin(), longer.n.queries.end());
            shorter.dropped = true;
            break;
        }
    }
    std::vector<NPlusOne> out;
    const int total = static_cast<int>(log.size());
    for (auto& f : found) {
        if (f.dropped) continue;
        f.n.queries_before = total;
        // select_related joins into the outer query; prefetch_related runs one query per step.
        int extra = 0;
        if (kind(f.n.fix) == "prefetch_related") {
            extra = 1;
            for (size_t p = f.n.relation.find("__"); p != std::string::npos; p = f.n.relation.find("__", p + 2)) ++extra;
        }
        f.n.queries_after = total - static_cast<int>(f.n.queries.size()) + extra;
        out.push_back(std::move(f.n));
    }
    return out;
}

}  // namespace gramlab::orm

// Plan rows → sentences and index suggestions (see explain.hpp). The wording follows SQLite's
// documentation of EXPLAIN QUERY PLAN (sqlite.org/eqp.html); the columns a query filters or
// orders on are read from Django's SQL, which always writes them as "table"."column".
#include "core/backends/sqlite/explain.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gramlab::backends::sqlite {

namespace {

bool starts_with(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

// The word after `prefix` up to a space ("SCAN instagram_post USING ..." → "instagram_post").
std::string word_after(const std::string& s, const std::string& prefix) {
    if (!starts_with(s, prefix)) return "";
    size_t end = s.find(' ', prefix.size());
    return s.substr(prefix.size(), end == std::string::npos ? std::string::npos : end - prefix.size());
}

// The text between " USING ... INDEX " and " (" ("idx_name").
std::string index_name(const std::string& s) {
    size_t at = s.find("INDEX ");
    if (at == std::string::npos) return "";
    at += 6;
    size_t end = s.find(' ', at);
    return s.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// "(post_id=? AND upload_time>?)" → "post_id=? AND upload_time>?".
std::string condition(const std::string& s) {
    size_t open = s.rfind(" (");
    if (open == std::string::npos || s.back() != ')') return "";
    return s.substr(open + 2, s.size() - open - 3);
}

// The SQL's table aliases: "instagram_post" U0 → U0 = instagram_post (Django's subqueries).
std::map<std::string, std::string> aliases(const std::string& sql) {
    std::map<std::string, std::string> out;
    size_t pos = 0;
    while ((pos = sql.find("\" ", pos)) != std::string::npos) {
        size_t open = sql.rfind('"', pos - 1);
        size_t end = pos + 2;
        while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
        std::string alias = sql.substr(pos + 2, end - pos - 2);
        // Django's aliases are a capital letter and a number (U0, T3, V1); keywords are not.
        bool is_alias = alias.size() >= 2 && std::isupper(static_cast<unsigned char>(alias[0])) &&
                        std::all_of(alias.begin() + 1, alias.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (open != std::string::npos && is_alias) out[alias] = sql.substr(open + 1, pos - open - 1);
        pos += 2;
    }
    return out;
}

// The columns of `table` (or its alias) the SQL compares in WHERE/ON or orders by after
// `keyword` ("WHERE", "ORDER BY"): "table"."column" occurrences after the keyword.
std::vector<std::string> columns_after(const std::string& sql, const std::string& keyword, const std::string& table) {
    std::vector<std::string> out;
    size_t start = sql.find(keyword);
    if (start == std::string::npos) return out;
    size_t stop = sql.size();
    if (keyword == "WHERE") {
        for (const char* k : {" GROUP BY ", " ORDER BY ", " LIMIT "}) {
            size_t at = sql.find(k, start);
            if (at != std::string::npos) stop = std::min(stop, at);
        }
    }
    const std::string needle = "\"" + table + "\".\"";
    for (size_t at = sql.find(needle, start); at != std::string::npos && at < stop; at = sql.find(needle, at + 1)) {
        size_t col = at + needle.size(), end = sql.find('"', col);
        if (end == std::string::npos) break;
        std::string c = sql.substr(col, end - col);
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::string django_index_hint(const std::string& column) {
    return "add db_index=True to that field (or Meta.indexes = [models.Index(fields=['" +
           (column.size() > 3 && column.substr(column.size() - 3) == "_id" ? column.substr(0, column.size() - 3) : column) +
           "'])]), then makemigrations and migrate";
}

}  // namespace

PlanExplanation explain_plan(const std::vector<PlanRow>& rows, const std::string& sql) {
    PlanExplanation out;
    std::map<int, int> depth_of;
    std::set<std::string> suggested;
    const auto alias = aliases(sql);
    auto real_table = [&](const std::string& t) {
        auto it = alias.find(t);
        return it == alias.end() ? t : it->second;
    };
    auto suggest = [&](const std::string& table, const std::string& column, const std::string& why) {
        std::string key = table + "." + column;
        if (column.empty() || column == "id" || !suggested.insert(key).second) return;
        out.suggestions.push_back("An index on " + key + " " + why + ": " + django_index_hint(column) + ".");
    };
    std::string last_table;  // the table of the last SCAN/SEARCH (for ORDER BY suggestions)
    bool single_table = true;
    for (const auto& r : rows) {
        PlanStep step;
        auto parent = depth_of.find(r.parent);
        step.depth = parent == depth_of.end() ? 0 : parent->second + 1;
        depth_of[r.id] = step.depth;
        step.detail = r.detail;
        const std::string& d = r.detail;
        std::string table = word_after(d, "SCAN ");
        if (table.empty()) table = word_after(d, "SEARCH ");
        const std::string real = real_table(table);
        if (!table.empty()) {
            if (!last_table.empty() && last_table != real) single_table = false;
            last_table = real;
        }
        const std::string shown = real == table ? table : table + " (" + real + ")";
        if (d == "SCAN CONSTANT ROW") {  // SELECT without FROM
            step.explanation = "Reads no table: the SELECT has no FROM, so it computes one row of constants.";
        } else if (starts_with(d, "SCAN ") && d.find("USING COVERING INDEX") != std::string::npos) {
            step.explanation = "Reads all of index " + index_name(d) + ", which holds every column this step needs, "
                               "instead of the table " + shown + ".";
        } else if (starts_with(d, "SCAN ") && d.find("USING INDEX") != std::string::npos) {
            step.explanation = "Reads every row of " + shown + " in the order of index " + index_name(d) +
                               " (so no separate sort is needed).";
        } else if (starts_with(d, "SCAN ")) {
            step.full_scan = true;
            step.explanation = "Reads every row of " + shown + " (a full table scan): no index narrows this step.";
            for (const auto& c : columns_after(sql, "WHERE", table))
                suggest(real, c, "could turn this full scan into a search (the query filters on it)");
        } else if (starts_with(d, "SEARCH ") && d.find("INTEGER PRIMARY KEY") != std::string::npos) {
            step.explanation = "Finds the row(s) of " + shown + " directly by primary key (" + condition(d) +
                               "): the fastest lookup there is.";
        } else if (starts_with(d, "SEARCH ") && d.find("AUTOMATIC") != std::string::npos) {
            step.full_scan = true;
            std::string cond = condition(d);
            step.explanation = "Builds a temporary index on " + shown + " (" + cond +
                               ") for this query, every time it runs, because no index exists for it.";
            std::string column = cond.substr(0, cond.find_first_of("=<>! "));
            suggest(real, column, "would save building a temporary one on every run");
        } else if (starts_with(d, "SEARCH ")) {
            bool covering = d.find("COVERING INDEX") != std::string::npos;
            step.explanation = "Finds only the matching rows of " + shown + " through index " + index_name(d) + " (" +
                               condition(d) + ") instead of reading the whole table" +
                               (covering ? "; the index holds every column needed, so the table is not read." : ".");
        } else if (starts_with(d, "USE TEMP B-TREE FOR ORDER BY") || starts_with(d, "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") ||
                   starts_with(d, "USE TEMP B-TREE FOR LAST")) {
            step.explanation = "Sorts the rows in a temporary B-tree for ORDER BY: no index gives them in that order.";
            if (single_table && !last_table.empty()) {
                std::vector<std::string> cols = columns_after(sql, "ORDER BY", last_table);
                if (cols.empty()) {
                    for (const auto& [a, t] : alias)
                        if (t == last_table)
                            for (const auto& c : columns_after(sql, "ORDER BY", a)) cols.push_back(c);
                }
                if (!cols.empty()) suggest(last_table, cols[0], "would return the rows already sorted (ORDER BY)");
            }
        } else if (starts_with(d, "USE TEMP B-TREE FOR GROUP BY")) {
            step.explanation = "Groups the rows in a temporary B-tree (GROUP BY, as annotate() with an aggregate asks).";
        } else if (starts_with(d, "USE TEMP B-TREE FOR DISTINCT")) {
            step.explanation = "Removes duplicate rows with a temporary B-tree (DISTINCT, as distinct() asks).";
        } else if (starts_with(d, "CORRELATED SCALAR SUBQUERY")) {
            step.explanation = "Runs a subquery again for every row of the outer query (it refers to the outer row).";
        } else if (starts_with(d, "SCALAR SUBQUERY")) {
            step.explanation = "Runs a subquery once and uses its single value.";
        } else if (starts_with(d, "CORRELATED LIST SUBQUERY")) {
            step.explanation = "Runs the subquery of an IN (...) again for every row of the outer query.";
        } else if (starts_with(d, "LIST SUBQUERY")) {
            step.explanation = "Runs the subquery of an IN (...) once and keeps its values to look rows up in.";
        } else if (starts_with(d, "CO-ROUTINE") || starts_with(d, "MATERIALIZE")) {
            step.explanation = "Computes a subquery (" + d.substr(d.find(' ') + 1) +
                               ") first and reads its rows like a table.";
        } else if (starts_with(d, "COMPOUND QUERY") || starts_with(d, "LEFT-MOST SUBQUERY") ||
                   starts_with(d, "UNION") || starts_with(d, "INTERSECT") || starts_with(d, "EXCEPT")) {
            step.explanation = "Combines the results of several SELECTs (" + d + ").";
        } else {
            step.explanation = "SQLite's step: " + d + ".";
        }
        out.steps.push_back(std::move(step));
    }
    return out;
}

}  // namespace gramlab::backends::sqlite

// EXPLAIN QUERY PLAN in plain words, for the playground's SQL window: each row SQLite's
// planner reports (SCAN, SEARCH ... USING INDEX, USE TEMP B-TREE FOR ORDER BY, subqueries) is
// said in a sentence, and where the plan reads a whole table or sorts for a column the query
// filters or orders on, the index that could help is named with the Django way to add it.
// Pure functions over the plan rows and the SQL text; running the EXPLAIN is the caller's job.
#pragma once

#include <string>
#include <vector>

namespace gramlab::backends::sqlite {

//! One row of EXPLAIN QUERY PLAN: id, parent, detail ("SEARCH instagram_post USING INDEX ...").
struct PlanRow {
    int id = 0;
    int parent = 0;
    std::string detail;
};

struct PlanStep {
    int depth = 0;            // nesting under its parent rows (0: top level)
    std::string detail;       // SQLite's words
    std::string explanation;  // the same in plain words
    bool full_scan = false;   // reads every row of a table, or builds a temporary index each time
};

struct PlanExplanation {
    std::vector<PlanStep> steps;
    //! "An index on instagram_post.location could turn the full scan into a search: ..."
    std::vector<std::string> suggestions;
};

//! Explains `rows` (in SQLite's order) of the plan of `sql`.
PlanExplanation explain_plan(const std::vector<PlanRow>& rows, const std::string& sql);

}  // namespace gramlab::backends::sqlite

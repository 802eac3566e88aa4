// N+1 detection: finds, in one statement's query log, the same relation loaded lazily once
// per row of an earlier query (`for p in Post.objects.all(): p.post_author`), and names the
// fix Django offers: select_related() for forward foreign keys and one-to-ones (one JOIN),
// prefetch_related() for reverse relations (one more query), annotate(Count()) for a
// related count per row. The playground shows it as "12 queries → 2" with the rewrite.
#pragma once

#include <string>
#include <vector>

#include "core/orm/runtime.hpp"

namespace gramlab::orm {

struct NPlusOne {
    std::string model;          // the model the repeated relation starts from ("instagram.Post")
    std::string relation;       // the path followed per row ("post_author", "posts__comment_set")
    std::string fix;            // the QuerySet call that removes the repetition: "select_related('post_author')"
    std::vector<int> queries;   // indexes of the repeated queries in the statement's log
    int origin_query = -1;      // index of the query that loaded the rows (-1: an earlier statement)
    int queries_before = 0;     // the statement's query count
    int queries_after = 0;      // its query count with the fix applied
};

//! The N+1 patterns in `log` (one statement's queries), in order of first repetition. A
//! relation counts when it was loaded at least twice from rows of the same query.
std::vector<NPlusOne> find_n_plus_one(const std::vector<LoggedQuery>& log);

}  // namespace gramlab::orm

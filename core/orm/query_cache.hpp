// The compiled-query cache: SQL compiled once per QuerySet "recipe" and reused.
//
// A learner runs the same statement again and again (the shell's history, graders re-running
// an exercise, the playground's Run button). Building the Query and compiling its SQL is most
// of gramlab's own work for a small query, so a QuerySet remembers how it was derived — its
// recipe: the model's default manager followed by QuerySet methods whose arguments are all
// literals — and the compiled SQL, parameters and row plan are cached under that recipe.
// A recipe is only ever given to a QuerySet whose state it determines completely; anything
// else (related managers, model instances or other non-literal arguments, clones made
// internally) has an empty recipe and is compiled as before.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "core/orm/compiler.hpp"
#include "core/shell/object.hpp"

namespace gramlab::models {
struct ModelDef;
}

namespace gramlab::orm {

struct RowParts;

//! What Compiler::select() produced for one recipe.
struct CompiledSelect {
    SqlText text;
    std::string native_sql;  // text.sql with SQLite's placeholders, made once (sqlite_placeholders)
    SelectPlan plan;
    bool empty = false;  // EmptyResultSet: no query is run
    //! How the rows hold their models (core/orm/model.hpp), made at the first run that returns
    //! model rows and the same at every run after it.
    mutable std::shared_ptr<const RowParts> row_parts;
};

class QuerySetObj;

class QueryCache {
public:
    std::shared_ptr<const CompiledSelect> find(const std::string& recipe) const;
    void store(const std::string& recipe, std::shared_ptr<const CompiledSelect> compiled);
    //! A QuerySet made by a recipe before (never handed out: callers copy it), so the same
    //! method call with the same literal arguments does not build the Query again. The copy's
    //! recipe is left empty: the caller moves its own in (a copy would cost an allocation).
    std::shared_ptr<QuerySetObj> make(const std::string& recipe) const;
    //! The QuerySet make() copies, for a caller that only runs it (never changes it).
    std::shared_ptr<const QuerySetObj> find_template(const std::string& recipe) const;
    void remember(const QuerySetObj& made);
    void clear() {
        entries_.clear();
        templates_.clear();
    }

private:
    // Bounded: a session that builds endless distinct queries starts over instead of growing.
    static constexpr size_t kMaxEntries = 512;
    std::unordered_map<std::string, std::shared_ptr<const CompiledSelect>> entries_;
    std::unordered_map<std::string, std::shared_ptr<const QuerySetObj>> templates_;
};

//! The recipe of `Model.objects.all()` for this model definition.
std::string root_recipe(const models::ModelDef* model);
//! Appends an unambiguous encoding of the call's arguments (positional, then keywords in
//! order) to `out`. False when some argument is not a literal the encoding covers (then the
//! result has no recipe).
bool append_canonical_args(const shell::Args& args, std::string& out);

}  // namespace gramlab::orm

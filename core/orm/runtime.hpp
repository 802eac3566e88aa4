// The ORM's per-session state: Django's exception and base classes (Model, Manager,
// AbstractBaseUser, BaseUserManager), the model classes built from the registry, the code
// learners wrote in models.py (bound to its own globals), the database connection with
// Django's query log (connection.queries), transactions and savepoints, and the record of
// which QuerySets were evaluated and why.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/common/random.hpp"
#include "core/db/connection.hpp"
#include "core/models/base.hpp"
#include "core/orm/errors.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

class ModelClass;
class ThroughModels;

struct RelatedAccess;

//! One query as connection.queries shows it, plus its parameters.
struct LoggedQuery {
    std::string sql;           // Django's last_executed_query: parameters quoted inline
    std::vector<Value> params;
    double ms = 0.0;
    std::string template_sql;  // with %s placeholders (str(qs.query) style)
    int64_t seq = -1;          // session-wide number of the query (instances remember theirs)
    //! Set when the query lazily loaded related objects (N+1 detection, nplusone.hpp).
    std::shared_ptr<const RelatedAccess> access;
};

//! How instances were reached: the query that loaded the root instances and the relation
//! path followed from them. Queries run while following a relation carry it, so the same
//! relation loaded once per row of one query (an N+1 pattern) can be found and named.
struct RelatedAccess {
    std::string model;            // label of the root model ("instagram.Post")
    std::string path;             // "" for the root, "post_author", "posts__comment_set"
    bool single = true;           // only forward FKs / one-to-ones: select_related() can join it
    std::string last_query_name;  // the last step's query name ("comment" for comment_set)
    int64_t origin = -1;          // seq of the query that loaded the root instances
};

//! `parent`'s path extended by one relation step (nullptr when `parent` is).
std::shared_ptr<const RelatedAccess> follow(const std::shared_ptr<const RelatedAccess>& parent,
                                            const std::string& step, bool single, const std::string& query_name);

//! Why a QuerySet ran its query (or reused its cache), for the playground's SQL window.
struct Evaluation {
    std::string model;   // "instagram.Post"
    std::string reason;  // "repr", "iteration", "len", "bool", "list", "slice with step", "index", "get", ...
    bool cache_reused = false;
    int query_index = -1;  // index into the statement's queries (-1 when the cache was reused)
};

class QueryCache;
struct RowLayout;

//! Django's SQLite cursor's conversion of its SQL: %s → ?, %% → %.
std::string sqlite_placeholders(const std::string& sql);

class OrmRuntime {
public:
    explicit OrmRuntime(shell::Interp& in);
    ~OrmRuntime();

    shell::Interp& in;
    DjangoExceptions exceptions;
    shell::ClassRef model_base, abstract_base_user, permissions_mixin, base_manager, manager_class, base_user_manager;

    //! Binds the project: model classes, the app's models module (with the learner's
    //! manager classes and functions), contrib modules. Call once apps and conn are set.
    bool bind_project(const std::string& app_label);
    std::map<const models::ModelDef*, std::shared_ptr<ModelClass>> classes;
    //! The intermediary models of many-to-many fields (auto-created ones have classes too:
    //! `Post.likes.through`). Built by bind_project.
    std::unique_ptr<ThroughModels> through_models;
    //! Globals of the learner's models.py: methods run with these.
    std::map<std::string, shell::Ref> models_globals;
    //! Learner-written classes in models.py by name (managers, helpers).
    std::map<std::string, shell::ClassRef> user_classes;

    //! Runs SQL written with %s placeholders; logs it like Django's debug cursor. Rows go to
    //! `rows` when given. Database errors become Django's exceptions (pending).
    bool execute(const std::string& sql, const std::vector<Value>& params, std::vector<db::Row>* rows = nullptr,
                 bool log = true);
    //! The same with the rows packed (QuerySet evaluation: model rows are kept unread) and
    //! the SQL already in SQLite's placeholders when `native` is set (sqlite_placeholders(sql)).
    bool execute_packed(const std::string& sql, const std::string* native, const std::vector<Value>& params,
                        std::vector<db::PackedRow>& rows);
    //! Logs a statement Django would log without running anything (e.g. "BEGIN" that
    //! gramlab runs as a savepoint).
    void log_only(const std::string& sql);
    std::vector<LoggedQuery> log;
    //! Appends to `log` (the statement's queries) and to queries_log.
    void log_query(LoggedQuery q);
    //! django.db.connection.queries_log: every query the session logged, as Django's debug
    //! cursor records it ({'sql': ..., 'time': '0.000'}), across statements and bounded like
    //! BaseDatabaseWrapper.queries_limit; reset_queries() empties it (not `log`, which is
    //! the statement's record for the JSON contract).
    struct ConnectionQuery {
        std::string sql;
        double seconds = 0.0;
    };
    std::deque<ConnectionQuery> queries_log;
    static constexpr size_t kQueriesLimit = 9000;
    std::vector<Evaluation> evaluations;
    int64_t query_seq = 0;
    //! Compiled SELECTs by QuerySet recipe, for the life of the session's models.
    std::unique_ptr<QueryCache> query_cache;
    //! get()'s cache key is built here: the buffer is kept between statements, so looking
    //! up a cached get() allocates nothing.
    std::string get_recipe_buffer;
    //! Per model: how its rows become instances (core/orm/model.hpp row_layout()).
    std::map<const models::ModelDef*, std::shared_ptr<const RowLayout>> row_layouts;
    //! ModelDef::label() made once per model: every evaluation and every query's rows record it.
    const std::string& label_of(const models::ModelDef* m);
    std::unordered_map<const models::ModelDef*, std::string> labels;
    //! Per method name, the function a manager's QuerySet method is (ManagerObj::getattr binds
    //! it to the manager at each access, as Python makes a bound method per access).
    std::unordered_map<std::string, shell::Ref> manager_methods;
    //! The same for QuerySet methods (queryset_method() binds them to the QuerySet).
    std::unordered_map<std::string, shell::Ref> queryset_methods;
    //! The relation being followed while a lazy related load runs its query (else null).
    std::shared_ptr<const RelatedAccess> current_access;

    // transaction.atomic(): depth of learner atomic blocks; savepoint names.
    int atomic_depth = 0;
    int savepoint_seq = 0;
    //! Django's connection.needs_rollback: an ORM write failed inside an atomic block with no
    //! savepoint of its own (mark_for_rollback_on_error). Every query then raises
    //! TransactionManagementError until the block ends, and the block rolls back.
    bool needs_rollback = false;
    //! Atomic blocks' savepoint ids, innermost last ("" for a block without one).
    std::vector<std::string> atomic_savepoint_ids;
    //! transaction.on_commit() callbacks with the savepoints active when registered; run after
    //! the outermost block commits, dropped when it (or one of those savepoints) rolls back.
    struct CommitHook {
        std::vector<std::string> savepoint_ids;
        shell::Ref fn;
    };
    std::vector<CommitHook> commit_hooks;
    void discard_commit_hooks(const std::string& sid);
    //! BaseDatabaseWrapper.validate_no_broken_transaction(): false with the error raised.
    bool validate_no_broken_transaction();
    //! transaction.mark_for_rollback_on_error(): called when an ORM write fails.
    void mark_for_rollback_on_error() {
        if (atomic_depth > 0) needs_rollback = true;
    }
    //! Enters/leaves a Django atomic block (savepoint=true for nested ones).
    bool atomic_enter(bool savepoint, std::string& sid);
    bool atomic_exit(bool commit, bool savepoint, const std::string& sid);

    int64_t last_insert_rowid() const;
    int64_t changes() const;

    //! django.utils.crypto.get_random_string: from `random`, or the pinned pattern repeated
    //! (reproducible sessions and the differential tests pin it to "gramlab").
    std::string random_string(size_t n);
    std::string pinned_random;
    std::unique_ptr<RandomSource> random;
    std::string hash_password(const std::string& pw, const std::string& salt);

    shell::ClassRef empty_result_set, related_manager_class, many_related_manager_class, queryset_class, raw_queryset_class;
    //! django.db.models.base.ModelState, made on first use (`type(obj._state)`).
    shell::ClassRef model_state_class;
    //! django.db.models.Choices / TextChoices / IntegerChoices by name (core/orm/choices.cpp).
    std::map<std::string, shell::ClassRef> choices_bases;
    //! Field defaults written as a choices member (`default=Kind.DAILY`): a new instance holds
    //! the member itself, as in Django, not its value.
    std::map<const models::Field*, shell::Ref> enum_defaults;
    std::map<std::string, shell::Ref> contrib_globals;

    //! Every live model instance of the session, so the cycles between related instances (FK
    //! caches, prefetched lists) can be broken when the session ends. An intrusive list
    //! (ModelInstance links itself out when destroyed): a loaded row's instance costs two
    //! pointer writes here, and its memory goes back to the allocator as soon as it dies.
    void track(class ModelInstance& obj);
    void untrack(class ModelInstance& obj);
    //! The live instances, held strongly (so clearing one's caches cannot free another
    //! while the caller walks them).
    std::vector<std::shared_ptr<class ModelInstance>> live_instances() const;
    class ModelInstance* live_head = nullptr;

    //! Every class the runtime holds (for the Interp's teardown of reference cycles).
    void collect_classes(std::vector<shell::ClassRef>& out);

    //! Outside atomic blocks a write (INSERT/UPDATE/DELETE/REPLACE) gets a savepoint of its
    //! own, as autocommit gives each its own transaction: true when one was opened. The
    //! matching end checks deferred foreign keys (the commit's check), rolls the write back
    //! when it failed, and closes it.
    bool begin_autocommit_write(const std::string& sql);
    void end_autocommit_write(Status& st);
    //! A failed statement's exception: KeyboardInterrupt when stopped, the budget's error when
    //! SQLite was interrupted for it, else Django's database error. Always false.
    bool raise_statement_error(const Status& st);

private:
    void install_modules();
    //! execute() and execute_packed(): rows go to `rows` or `packed` when set; `native` is
    //! the SQL with SQLite's placeholders (made from `sql` when null).
    bool run_sql(const std::string& sql, const std::string* native, const std::vector<Value>& params,
                 std::vector<db::Row>* rows, std::vector<db::PackedRow>* packed, bool log_it);
};

//! Tags the queries run in its scope with `access` (no change when `access` is null).
class AccessScope {
public:
    AccessScope(OrmRuntime& rt, std::shared_ptr<const RelatedAccess> access) : rt_(rt), saved_(rt.current_access) {
        if (access) rt_.current_access = std::move(access);
    }
    ~AccessScope() { rt_.current_access = std::move(saved_); }
    AccessScope(const AccessScope&) = delete;
    AccessScope& operator=(const AccessScope&) = delete;

private:
    OrmRuntime& rt_;
    std::shared_ptr<const RelatedAccess> saved_;
};

//! Model.full_clean(): ValidationError with Django's message dict when a field is invalid.
shell::Ref full_clean(shell::Interp& in, class ModelInstance& obj);
//! prefetch_related() for a list of instances.
//! `objects[i]`, when set, is the Prefetch() object lookups[i] (its prefetch_to) came from.
bool do_prefetch(shell::Interp& in, const models::ModelDef* m, std::vector<shell::Ref>& objs,
                 const std::vector<std::string>& lookups, const std::vector<shell::Ref>& objects = {});
shell::Ref get_or_create(shell::Interp& in, std::shared_ptr<class QuerySetObj>& qs, shell::Args& a, bool update);
shell::Ref bulk_create(shell::Interp& in, std::shared_ptr<class QuerySetObj>& qs, shell::Args& a);
//! QuerySet.bulk_update(objs, fields, batch_size=None): one UPDATE ... SET f = CASE WHEN pk
//! THEN value ... END WHERE pk IN (...) per batch, in an atomic block; returns None (3.2).
shell::Ref bulk_update(shell::Interp& in, std::shared_ptr<class QuerySetObj>& qs, shell::Args& a);
//! Binds `QuerySet.<method>(self, *params)` (the first `required` of them without defaults) the
//! way Python binds a call, with its messages. `out` gets one entry per parameter, null when
//! not given.
bool bind_arguments(shell::Interp& in, const std::string& method, const std::vector<const char*>& params, size_t required,
                    const shell::Args& a, std::vector<shell::Ref>& out);

}  // namespace gramlab::orm

// Query expressions: F, Value, arithmetic, database functions (Lower, Concat, ...),
// aggregates (Count, Sum, ...), Q objects, and the Python objects that carry them in the
// shell. An expression is written unresolved (F('numOfLike') + 1) and resolved against a
// Query, which turns field names into columns and joins.
// Mirrors django/db/models/expressions.py, aggregates.py, functions/ and query_utils.py (Q).
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/models/fields.hpp"
#include "core/shell/object.hpp"

namespace gramlab::orm {

class Query;
struct WhereNode;
struct QNode;
using QPtr = std::shared_ptr<QNode>;

struct ExprNode;
using ExprPtr = std::shared_ptr<ExprNode>;

//! What an expression's output is, for converting results and for Django's output_field rules.
enum class OutKind { kUnknown, kInt, kFloat, kDecimal, kStr, kBool, kDateTime, kDate, kField };

struct ExprNode {
    enum class Kind {
        kF,          // F('name'): name = lookup path
        kValue,      // Value(x): value
        kCol,        // resolved column: alias, column, field
        kCombined,   // lhs op rhs (args[0], args[1]); op = "+", "-", "*", "/", "%%", "^"
        kFunc,       // function: name = SQL function, args; template chosen by the compiler
        kAggregate,  // name = COUNT/SUM/AVG/MAX/MIN; args[0] (or star); distinct; filter
        kStar,       // '*' inside COUNT(*)
        kRef,        // a reference to an annotation by alias (name)
        kWrapper,    // ExpressionWrapper(args[0], output_field)
        kRaw,        // raw SQL fragment with params (compiler-generated subqueries)
    };
    Kind kind;
    std::string name;
    shell::Ref value;
    std::vector<ExprPtr> args;
    std::string op;
    bool distinct = false;
    QPtr filter;
    // Resolved column.
    std::string alias, column;
    const models::Field* field = nullptr;
    std::string model_label;  // the model owning `field`
    OutKind out = OutKind::kUnknown;
    const models::Field* out_field = nullptr;  // output_field when it is a field
    // kRaw
    std::string sql;
    std::vector<Value> params;
    std::string py_name;                        // class name for repr ("Count", "Lower")
    int order_desc = -1;                        // .asc() = 0 / .desc() = 1 on an expression
    int order_nulls = 0;                        // OrderBy(nulls_first=True) = 1 / nulls_last=True = 2
    std::vector<ExprPtr> concat_sources;        // Concat/ConcatPair: the arguments as written
    std::shared_ptr<models::Field> keep_field;  // owns out_field for ExpressionWrapper(output_field=...)
    std::shared_ptr<Query> subquery;            // EXISTS(subquery)
    std::shared_ptr<WhereNode> filter_where;   // resolved aggregate filter=
    //! Set when Django's _resolve_output_field fails with "Expression contains mixed types:
    //! <this>" (DecimalField and FloatField combined, ...): the SELECT clause refuses it.
    std::string mixed_types;
    // Window(frame=RowRange(...)): the frame's str() (its repr, lenient like Django's __str__),
    // and its SQL or, when start/end are out of range, the ValueError its as_sql raises.
    std::string frame, frame_sql, frame_error;
    // Python repr as Django prints it (F(numOfLike), Count(F(comment)), ...), computed on demand.
    explicit ExprNode(Kind k) : kind(k) {}

    bool contains_aggregate() const;
    //! Deep copy (resolution mutates nodes, so each query resolves its own copy).
    ExprPtr clone() const;
};

//! A Q object: children are (lookup, value) pairs or nested Q nodes.
struct QNode {
    std::string connector = "AND";
    bool negated = false;
    struct Child {
        std::string lookup;  // empty when `node` is set
        shell::Ref value;
        QPtr node;
    };
    std::vector<Child> children;
};

//! repr() of an expression the way Django prints it: F(numOfLike), Value(1),
//! Count(F(comment)), <CombinedExpression: F(numOfLike) + Value(1)>, <Q: (AND: ('a', 1))>.
bool expr_repr(shell::Interp& in, const ExprNode& e, std::string& out, bool top = true);
//! Sets out/out_field from the arguments (Django's _resolve_output_field).
void infer_output(ExprNode& e);
//! The expression's output is a DecimalField (or a Decimal value): SQLite's results go through
//! Django's decimal converter, and SQLiteNumericMixin casts functions and arithmetic AS NUMERIC.
bool is_decimal_output(const ExprNode& e);
//! CombinedExpression.resolve_expression's temporal cases: a DurationField on one side only is a
//! DurationExpression (django_format_dtdelta), date/datetime minus the same type a
//! TemporalSubtraction (django_timestamp_diff, a DurationField).
void resolve_temporal(ExprNode& e);

//! Trunc(expression, kind, output_field=DateField() or DateTimeField()) as dates() and
//! datetimes() make it: the SQLite function django_date_trunc / django_datetime_trunc.
ExprPtr make_trunc(const std::string& field_name, const std::string& kind, bool to_datetime);
bool is_trunc(const ExprNode& e);
//! TruncBase.resolve_expression's checks once args[0] is resolved (AssertionError for a source
//! that is not a date, time or datetime; ValueError for a truncation the field cannot take);
//! sets the output field. False with the exception pending.
bool resolve_trunc(shell::Interp& in, ExprNode& e);
//! The field a resolved Trunc truncates (its column's field, or the expression's output).
const models::Field* trunc_source(const ExprNode& e);
bool q_repr(shell::Interp& in, const QNode& q, std::string& out);
//! Window(...): a kFunc named "WINDOW" holding the source expression, then `op` (a count)
//! PARTITION BY expressions, then the ORDER BY ones.
bool is_window(const ExprNode& e);
//! Whether a selected annotation goes into the GROUP BY (get_group_by_cols: an aggregate
//! contributes nothing, a Window nothing, anything else itself).
bool groups_by_itself(const ExprNode& e);
//! Expression.conditional: the output is a BooleanField (it can stand alone in filter()).
bool is_conditional(const ExprNode& e);
bool q_repr_str(shell::Interp& in, const QNode& q, std::string& out);

// ---------------------------------------------------------------- shell objects

//! An expression as a Python value (F(...), Count(...), Lower(...), ...).
class ExprObj final : public shell::Object {
public:
    explicit ExprObj(ExprPtr e) : Object(shell::Kind::kNative), expr(std::move(e)) {}
    ExprPtr expr;
    std::string type_name() const override;
    bool repr(shell::Interp& in, std::string& out) override { return expr_repr(in, *expr, out); }
    shell::Ref binop(shell::Interp& in, int op, const shell::Ref& other, bool reflected) override;
    shell::Ref unary(shell::Interp& in, int op) override;
    shell::Ref getattr(shell::Interp& in, const std::string& name) override;
};

class QObj final : public shell::Object {
public:
    explicit QObj(QPtr q) : Object(shell::Kind::kNative), q(std::move(q)) {}
    QPtr q;
    std::string type_name() const override { return "Q"; }
    bool repr(shell::Interp& in, std::string& out) override { return q_repr(in, *q, out); }
    shell::Ref binop(shell::Interp& in, int op, const shell::Ref& other, bool reflected) override;
    shell::Ref unary(shell::Interp& in, int op) override;
    int truthy(shell::Interp&) override { return !q->children.empty(); }
};

//! RowRange(start, end) / ValueRange(start, end): a window frame (expressions.WindowFrame).
class FrameObj final : public shell::Object {
public:
    FrameObj(std::string type, std::string cls, shell::Ref start, shell::Ref end)
        : Object(shell::Kind::kNative), frame_type(std::move(type)), cls(std::move(cls)), start(std::move(start)), end(std::move(end)) {}
    std::string frame_type;  // "ROWS" / "RANGE"
    std::string cls;         // "RowRange" / "ValueRange"
    shell::Ref start, end;
    std::string type_name() const override { return cls; }
    //! WindowFrame.__str__ (no checks) and as_sql (ValueError text in `error` when out of range).
    std::string frame_text() const;
    std::string sql(std::string& error) const;
    bool repr(shell::Interp&, std::string& out) override {
        out = "<" + cls + ": " + frame_text() + ">";
        return true;
    }
};

//! A field instance used as output_field (models.IntegerField()).
class FieldObj final : public shell::Object {
public:
    explicit FieldObj(std::shared_ptr<models::Field> f) : Object(shell::Kind::kNative), field(std::move(f)) {}
    std::shared_ptr<models::Field> field;
    std::string type_name() const override { return field && field->cls ? std::string(field->cls->name) : "Field"; }
    bool repr(shell::Interp& in, std::string& out) override {
        out = "<django.db.models.fields." + type_name() + ">";
        return true;
    }
};

//! Turns a Python value used in an expression into an expression node (F stays F,
//! plain values become Value(x)).
ExprPtr to_expr(const shell::Ref& v);
//! A function's argument as Func._parse_expressions takes it: a str names a field (F), '*' is
//! the star of Count('*'), anything else goes through to_expr.
ExprPtr arg_expr(const shell::Ref& v);

//! Installs F, Value, Q, Count, Sum, Avg, Max, Min, ExpressionWrapper, Lower, Upper,
//! Length, Concat, Coalesce, ... into `module` (django.db.models / .functions).
void install_expression_api(shell::Interp& in, shell::ModuleObj& models_module, shell::ModuleObj& functions_module);

}  // namespace gramlab::orm

// Field value conversion between Python objects and SQLite values.
#include "core/orm/field_values.hpp"

#include <cmath>
#include <cstdlib>

#include "core/backends/sqlite/decimal_values.hpp"
#include "core/orm/errors.hpp"
#include "core/orm/model.hpp"
#include "core/orm/runtime.hpp"
#include "core/shell/datetime.hpp"
#include "core/shell/decimal.hpp"
#include "core/shell/text.hpp"

namespace gramlab::orm {

using models::Field;
using models::FieldKind;
using shell::Interp;
using shell::Kind;
using shell::Ref;

bool is_integer_kind(const Field& f) {
    switch (f.kind()) {
        case FieldKind::kAuto: case FieldKind::kBigAuto: case FieldKind::kSmallAuto:
        case FieldKind::kInteger: case FieldKind::kBigInteger: case FieldKind::kSmallInteger:
        case FieldKind::kPositiveInteger: case FieldKind::kPositiveSmallInteger: case FieldKind::kPositiveBigInteger:
            return true;
        default: return false;
    }
}

namespace {

bool is_text_kind(FieldKind k) {
    return k == FieldKind::kChar || k == FieldKind::kText || k == FieldKind::kEmail || k == FieldKind::kURL ||
           k == FieldKind::kSlug || k == FieldKind::kFilePath || k == FieldKind::kGenericIPAddress ||
           k == FieldKind::kFile || k == FieldKind::kImage;
}

std::nullptr_t expected_number(Interp& in, const Field& f, const Ref& v, bool value_error) {
    std::string r;
    if (!in.repr(v, r)) return nullptr;
    // An unbound field (a transform's output_field, IntegerField() written at the prompt) has
    // the name None.
    return in.raise(value_error ? in.ValueError : in.TypeError,
                    "Field '" + (f.name.empty() ? std::string("None") : f.name) + "' expected a number but got " + r + ".");
}

std::nullptr_t validation_error(Interp& in, const std::string& message) {
    // ValidationError's str() is the repr of its message list: ['“x” value must be ...']
    auto e = std::make_shared<shell::ExceptionObj>(django_exceptions(in).ValidationError,
                                                   std::vector<Ref>{Interp::list({Interp::string(message)})});
    e->message_override = "[" + shell::repr_str(message) + "]";
    e->has_override = true;
    return in.raise_obj(e);
}

}  // namespace

Ref decimal_from_db(Interp& in, const Field* f, const Value& v, bool column) {
    if (v.is_none()) return in.None;
    shell::decimal::Number n;
    shell::decimal::Context ctx;
    if (!backends::sqlite::decimal_from_db(v, f, column, n, ctx)) return in.type_error("argument must be int or float");
    if (!shell::check_decimal_signals(in, ctx.flags)) return nullptr;
    return shell::make_decimal(std::move(n));
}

Ref from_db(Interp& in, const Field& f, const Value& v) {
    if (v.is_none()) return in.None;
    FieldKind k = f.kind();
    if (k == FieldKind::kBoolean || k == FieldKind::kNullBoolean) {
        auto n = v.as_int();
        return in.boolean(n ? *n != 0 : v.truthy());
    }
    if (is_integer_kind(f) || f.is_fk()) {
        if (auto n = v.as_int()) return Interp::integer(*n);
        // A REAL stored in an integer column: Django's SQLite backend hands it over as a float.
        if (v.kind == Value::Kind::kFloat) return Interp::floating(v.number);
        return Interp::string(v.text);
    }
    if (k == FieldKind::kFloat) {
        if (v.kind == Value::Kind::kFloat) return Interp::floating(v.number);
        if (auto n = v.as_int()) return Interp::floating(static_cast<double>(*n));
        return Interp::floating(std::strtod(v.text.c_str(), nullptr));
    }
    if (k == FieldKind::kDuration) {  // convert_durationfield_value: microseconds
        if (auto n = v.as_int()) return std::make_shared<shell::TimeDeltaObj>(*n);
    }
    if (k == FieldKind::kDateTime) {
        int64_t us;
        bool off;
        if (v.is_str() && shell::parse_datetime_text(v.text, us, off))
            return std::make_shared<shell::DateTimeObj>(us, in.apps && !in.apps->settings.use_tz ? shell::Tz::kNaive : shell::Tz::kPytzUtc);
        return Interp::string(v.text);
    }
    if (k == FieldKind::kDate) {
        int64_t d;
        if (v.is_str() && shell::parse_date_text(v.text.substr(0, 10), d)) return std::make_shared<shell::DateObj>(d);
        return Interp::string(v.text);
    }
    if (k == FieldKind::kTime) {
        int64_t us;
        if (v.is_str() && shell::parse_time_text(v.text, us)) return std::make_shared<shell::TimeObj>(us);
        return Interp::string(v.text);
    }
    if (k == FieldKind::kDecimal) {
        // Conversion never fails here (rows are converted lazily, where nothing can raise): a
        // value Django's converter would refuse (text a raw write stored, more digits than
        // max_digits) comes back as read: the text, or the Decimal unquantized.
        shell::decimal::Number n;
        shell::decimal::Context ctx;
        if (backends::sqlite::decimal_from_db(v, &f, true, n, ctx) && !(ctx.flags & shell::decimal::kInvalidOperation))
            return shell::make_decimal(std::move(n));
        if (backends::sqlite::decimal_from_db(v, &f, false, n, ctx)) return shell::make_decimal(std::move(n));
        return Interp::string(v.text);
    }
    if (v.kind == Value::Kind::kInt) return Interp::integer(*v.as_int());
    if (v.kind == Value::Kind::kFloat) return Interp::floating(v.number);
    if (v.kind == Value::Kind::kBytes) return std::make_shared<shell::BytesObj>(v.text);
    return Interp::string(v.text);
}

Ref to_python(Interp& in, const Field& f, const Ref& v) {
    if (v->kind == Kind::kNone) return v;
    FieldKind k = f.kind();
    if (k == FieldKind::kBoolean || k == FieldKind::kNullBoolean) {
        if (v->kind == Kind::kBool) return v;
        if (v->kind == Kind::kInt) {
            int64_t n = static_cast<shell::IntObj*>(v.get())->value;
            if (n == 0 || n == 1) return in.boolean(n == 1);
        }
        if (auto* s = shell::as<shell::StrObj>(v)) {
            if (s->value == "t" || s->value == "True" || s->value == "1") return in.True;
            if (s->value == "f" || s->value == "False" || s->value == "0") return in.False;
        }
        std::string text;
        if (!in.str(v, text)) return nullptr;
        return validation_error(in, "\xe2\x80\x9c" + text + "\xe2\x80\x9d value must be either True or False.");
    }
    if (is_integer_kind(f)) {
        if (v->kind == Kind::kInt) return v;
        if (v->kind == Kind::kBool) return Interp::integer(static_cast<shell::BoolObj*>(v.get())->value);
        Ref r = in.call(in.cls_int, {v});
        // IntegerField.to_python(): int(value); TypeError/ValueError become a ValidationError,
        // anything else (OverflowError for infinity) goes through.
        if (!r && !in.pending_is(in.TypeError) && !in.pending_is(in.ValueError)) return nullptr;
        if (!r) {
            in.exc = nullptr;
            std::string text;
            if (!in.str(v, text)) return nullptr;
            return validation_error(in, "\xe2\x80\x9c" + text + "\xe2\x80\x9d value must be an integer.");
        }
        return r;
    }
    if (is_text_kind(k)) {
        if (v->kind == Kind::kStr) return v;
        std::string s;
        if (!in.str(v, s)) return nullptr;
        return Interp::string(s);
    }
    if (k == FieldKind::kDateTime) {
        if (v->kind == Kind::kDateTime) return v;
        if (v->kind == Kind::kDate)
            return std::make_shared<shell::DateTimeObj>(static_cast<shell::DateObj*>(v.get())->days * 86400000000LL, shell::Tz::kNaive);
        if (auto* s = shell::as<shell::StrObj>(v)) {
            int64_t us;
            bool off;
            if (shell::parse_datetime_text(s->value, us, off))
                return std::make_shared<shell::DateTimeObj>(us, off ? shell::Tz::kPytzUtc : shell::Tz::kNaive);
            int64_t d;
            if (shell::parse_date_text(s->value, d)) return std::make_shared<shell::DateTimeObj>(d * 86400000000LL, shell::Tz::kNaive);
            return validation_error(in, "\xe2\x80\x9c" + s->value +
                                            "\xe2\x80\x9d value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.");
        }
        return v;
    }
    if (k == FieldKind::kDate) {
        if (v->kind == Kind::kDate) return v;
        if (v->kind == Kind::kDateTime) {
            int64_t us = static_cast<shell::DateTimeObj*>(v.get())->micros;
            int64_t days = us >= 0 ? us / 86400000000LL : -((-us + 86400000000LL - 1) / 86400000000LL);
            return std::make_shared<shell::DateObj>(days);
        }
        if (auto* s = shell::as<shell::StrObj>(v)) {
            int64_t d;
            if (shell::parse_date_text(s->value, d)) return std::make_shared<shell::DateObj>(d);
            return validation_error(in, "\xe2\x80\x9c" + s->value + "\xe2\x80\x9d value has an invalid date format. It must be in YYYY-MM-DD format.");
        }
        return v;
    }
    if (k == FieldKind::kDecimal) {
        if (v->kind == Kind::kDecimal) return v;
        namespace dec = shell::decimal;
        dec::Number n;
        if (v->kind == Kind::kFloat) {
            // DecimalField.to_python: self.context.create_decimal_from_float(value), the context
            // being Context(prec=max_digits).
            dec::Context ctx;
            if (auto digits = f.get("max_digits").as_int()) ctx.prec = *digits;
            n = dec::round_to_context(dec::from_double(static_cast<shell::FloatObj*>(v.get())->value), ctx);
            if (!shell::check_decimal_signals(in, ctx.flags)) return nullptr;
            return shell::make_decimal(std::move(n));
        }
        if (shell::decimal_from_object(in, v, n)) return shell::make_decimal(std::move(n));
        // decimal.Decimal(value): InvalidOperation, TypeError and ValueError become Django's
        // ValidationError; anything else goes through.
        if (!in.pending_is(in.TypeError) && !in.pending_is(in.ValueError) && !in.pending_is(in.ArithmeticError)) return nullptr;
        in.exc = nullptr;
        std::string text;
        if (!in.str(v, text)) return nullptr;
        return validation_error(in, "\xe2\x80\x9c" + text + "\xe2\x80\x9d value must be a decimal number.");
    }
    if (k == FieldKind::kFloat) {
        if (v->kind == Kind::kFloat) return v;
        Ref r = in.call(in.cls_float, {v});
        if (!r) {
            in.exc = nullptr;
            std::string text;
            if (!in.str(v, text)) return nullptr;
            return validation_error(in, "\xe2\x80\x9c" + text + "\xe2\x80\x9d value must be a float.");
        }
        return r;
    }
    return v;
}

bool to_db(Interp& in, const Field& f, const Ref& v_in, Value& out) {
    Ref v = v_in;
    if (v->kind == Kind::kNone) {
        out = Value::none();
        return true;
    }
    if (f.is_fk() || f.many_to_many()) {
        // A model instance stands for its primary key.
        if (auto* inst = shell::as<ModelInstance>(v)) {
            v = inst->pk_value();
            if (v->kind == Kind::kNone) {
                out = Value::none();
                return true;
            }
        }
        const Field* target = in.apps ? target_field_of(*in.apps, f) : nullptr;
        if (target) return to_db(in, *target, v, out);
    }
    FieldKind k = f.kind();
    if (is_integer_kind(f)) {
        if (v->kind == Kind::kInt) { out = Value::of_int(static_cast<shell::IntObj*>(v.get())->value); return true; }
        if (v->kind == Kind::kBool) { out = Value::of_int(static_cast<shell::BoolObj*>(v.get())->value); return true; }
        if (v->kind == Kind::kFloat) {
            // IntegerField.get_prep_value(): int(value), a ValueError (NaN) reworded; infinity's
            // OverflowError goes through, and so does the driver's for ints beyond 64 bits.
            double d = static_cast<shell::FloatObj*>(v.get())->value;
            if (std::isnan(d)) {
                expected_number(in, f, v, true);
                return false;
            }
            int64_t n;
            if (!in.float_to_int(d, n)) {
                if (!std::isinf(d)) {
                    in.exc = nullptr;
                    in.raise(in.OverflowError, "Python int too large to convert to SQLite INTEGER");
                }
                return false;
            }
            out = Value::of_int(n);
            return true;
        }
        if (v->kind == Kind::kStr) {
            Ref r = in.call(in.cls_int, {v});
            if (!r) {
                in.exc = nullptr;
                expected_number(in, f, v, true);
                return false;
            }
            out = Value::of_int(static_cast<shell::IntObj*>(r.get())->value);
            return true;
        }
        if (Ref r = v->getattr(in, "__int__")) {
            Ref n = in.call(r, {});
            if (!n) return false;
            return to_db(in, f, n, out);
        }
        in.exc = nullptr;
        expected_number(in, f, v, false);
        return false;
    }
    if (k == FieldKind::kFloat) {
        if (v->kind == Kind::kFloat) { out = Value::of_float(static_cast<shell::FloatObj*>(v.get())->value); return true; }
        Ref r = in.call(in.cls_float, {v});
        if (!r) {
            bool value_error = in.pending_is(in.ValueError);
            in.exc = nullptr;
            expected_number(in, f, v, value_error);
            return false;
        }
        out = Value::of_float(static_cast<shell::FloatObj*>(r.get())->value);
        return true;
    }
    if (k == FieldKind::kBoolean || k == FieldKind::kNullBoolean) {
        Ref b = to_python(in, f, v);
        if (!b) return false;
        out = Value::of_bool(b->kind == Kind::kBool && static_cast<shell::BoolObj*>(b.get())->value);
        return true;
    }
    if (k == FieldKind::kDateTime || k == FieldKind::kDate || k == FieldKind::kTime) {
        Ref p = to_python(in, f, v);
        if (!p) return false;
        if (auto* dt = shell::as<shell::DateTimeObj>(p)) {
            out = Value::of_str(k == FieldKind::kDate ? shell::format_db_date(dt->micros >= 0 ? dt->micros / 86400000000LL : -((-dt->micros + 86400000000LL - 1) / 86400000000LL))
                                                      : shell::format_db_datetime(dt->micros));
            return true;
        }
        if (auto* d = shell::as<shell::DateObj>(p)) {
            out = Value::of_str(shell::format_db_date(d->days));
            return true;
        }
        if (auto* t = shell::as<shell::TimeObj>(p)) {
            out = Value::of_str(shell::format_db_time(t->micros));
            return true;
        }
        std::string s;
        if (!in.str(p, s)) return false;
        out = Value::of_str(s);
        return true;
    }
    if (k == FieldKind::kDecimal) {
        // get_db_prep_save: adapt_decimalfield_value(to_python(value)), i.e. utils.format_number:
        // quantized to decimal_places under Context(prec=max_digits) (InvalidOperation when the
        // digits do not fit), stored as the fixed-point text '{:f}'.
        Ref d = to_python(in, f, v);
        if (!d) return false;
        auto* obj = shell::as<shell::DecimalObj>(d);
        if (!obj) return false;
        shell::decimal::Context ctx;
        std::string text = backends::sqlite::format_number(obj->value, f, ctx);
        if (!shell::check_decimal_signals(in, ctx.flags)) return false;
        out = Value::of_str(text);
        return true;
    }
    if (v->kind == Kind::kStr) { out = Value::of_str(static_cast<shell::StrObj*>(v.get())->value); return true; }
    if (v->kind == Kind::kInt) {
        if (is_text_kind(k)) { out = Value::of_str(std::to_string(static_cast<shell::IntObj*>(v.get())->value)); return true; }
        out = Value::of_int(static_cast<shell::IntObj*>(v.get())->value);
        return true;
    }
    if (v->kind == Kind::kBytes) {
        out.kind = Value::Kind::kBytes;
        out.text = static_cast<shell::BytesObj*>(v.get())->value;
        return true;
    }
    std::string s;
    if (!in.str(v, s)) return false;
    out = Value::of_str(s);
    return true;
}

Ref field_default(Interp& in, const Field& f) {
    if (!in.orm->enum_defaults.empty())
        if (auto it = in.orm->enum_defaults.find(&f); it != in.orm->enum_defaults.end()) return it->second;
    Value d = f.get("default");
    if (models::is_not_provided(d)) {
        // Django: CharField-like fields without null default to '' ... only when
        // empty_strings_allowed and not null; others to None.
        FieldKind k = f.kind();
        if (!f.null() && is_text_kind(k)) return Interp::string("");
        return in.None;
    }
    return value_to_object(in, d);
}

}  // namespace gramlab::orm

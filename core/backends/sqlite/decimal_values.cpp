// DecimalField's SQLite conversions (see decimal_values.hpp).
#include "core/backends/sqlite/decimal_values.hpp"

namespace gramlab::backends::sqlite {

namespace dec = shell::decimal;

namespace {

//! Decimal(1).scaleb(-places): the exponent quantize() rounds to.
dec::Number places_exponent(int64_t places) {
    dec::Number one = dec::from_int(1);
    one.exponent = -places;
    return one;
}

}  // namespace

bool decimal_from_db(const Value& v, const models::Field* field, bool column, dec::Number& out, dec::Context& ctx) {
    dec::Number n;
    if (v.kind == Value::Kind::kInt) n = dec::from_int(*v.as_int());
    else if (v.kind == Value::Kind::kFloat) n = dec::from_double(v.number);
    else return false;
    // SQLite keeps 15 significant digits of a REAL: the float's noise beyond them goes.
    dec::Context fifteen;
    fifteen.prec = 15;
    out = dec::round_to_context(n, fifteen);
    auto places = field ? field->get("decimal_places").as_int() : std::nullopt;
    auto digits = field ? field->get("max_digits").as_int() : std::nullopt;
    if (!column || !places || !digits) return true;
    ctx.prec = *digits;
    out = dec::quantize(out, places_exponent(*places), ctx.rounding, ctx);
    return true;
}

std::string format_number(const dec::Number& value, const models::Field& field, dec::Context& ctx) {
    if (auto digits = field.get("max_digits").as_int()) ctx.prec = *digits;
    auto places = field.get("decimal_places").as_int();
    dec::Number n = places ? dec::quantize(value, places_exponent(*places), ctx.rounding, ctx) : dec::round_to_context(value, ctx);
    std::string text, error;
    dec::format(n, "f", text, error);
    return text;
}

}  // namespace gramlab::backends::sqlite

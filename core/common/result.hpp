// Result<T>: a value or an Error, the return type of everything in core that can fail on
// user input (Abseil StatusOr style; core never throws across its API).
#pragma once

#include <optional>
#include <utility>
#include <variant>

#include "core/common/error.hpp"

namespace gramlab {

template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return std::get<0>(v_); }
    const Error& error() const { return std::get<1>(v_); }
    Error&& take_error() { return std::get<1>(std::move(v_)); }

private:
    std::variant<T, Error> v_;
};

//! Result<void>.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : error_(std::move(error)) {}
    static Status Ok() { return Status(); }
    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *error_; }
    Error&& take_error() { return std::move(*error_); }

private:
    std::optional<Error> error_;
};

}  // namespace gramlab

//! Propagates the error of a Status/Result expression; otherwise continues.
#define GRAMLAB_TRY(expr)                                      \
    do {                                                       \
        auto&& gramlab_try_ = (expr);                          \
        if (!gramlab_try_.ok()) return gramlab_try_.take_error(); \
    } while (0)

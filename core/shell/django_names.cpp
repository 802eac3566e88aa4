// The generated table of Django 3.2's public module names and the lookup in it.
#include "core/shell/django_names.hpp"

#include <algorithm>
#include <iterator>

namespace gramlab::shell {

namespace {

constexpr const char* kNames[] = {
#include "core/shell/django_names.inc"
};

}  // namespace

bool django_has_name(const std::string& module, const std::string& name) {
    if (module.compare(0, 6, "django") != 0) return false;
    const std::string key = module + ":" + name;
    // The generator writes each module's names sorted, modules in its own order: a linear scan
    // over 500 short strings costs nothing next to an import.
    return std::any_of(std::begin(kNames), std::end(kNames), [&](const char* n) { return key == n; });
}

}  // namespace gramlab::shell

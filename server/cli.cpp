// Dispatches `gramlab SUBCOMMAND ...` to the subcommand implementations and prints the
// top-level help, like `django-admin help`.
#include "server/cli.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace gramlab::cli {

namespace {

constexpr const char* kTopHelp =
    "Usage: gramlab <subcommand> [options] [args]\n"
    "\n"
    "gramlab runs Django 3.2's model layer (manage.py commands) on a models.py, natively.\n"
    "Type 'gramlab <subcommand> --help' for help on a specific subcommand.\n"
    "\n"
    "Available subcommands:\n"
    "\n"
    "[gramlab]\n"
    "    check\n"
    "    dumpdata\n"
    "    loaddata\n"
    "    makemigrations\n"
    "    migrate\n"
    "    showmigrations\n"
    "    sqlmigrate\n"
    "    version\n";

}  // namespace

int run(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << kTopHelp;
        return 0;
    }
    const std::string& cmd = args[0];
    if (cmd == "version" || cmd == "--version") {
        std::cout << "gramlab 0.1.0 (Django 3.2.25 compatible)\n";
        return 0;
    }
    std::cerr << "Unknown command: '" << cmd << "'\nType 'gramlab help' for usage.\n";
    return 1;
}

}  // namespace gramlab::cli

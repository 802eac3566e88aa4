// Entry point of the native `gramlab` binary: hands argv to the CLI dispatcher.
#include "server/cli.hpp"

int main(int argc, char** argv) { return gramlab::cli::run(argc, argv); }

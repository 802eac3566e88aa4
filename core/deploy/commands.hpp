// The simulated programs, by name: coreutils-like tools (coreutils.cpp), the app servers
// (servers.cpp: python manage.py, gunicorn, nginx), and the host's docker / docker-compose /
// curl (docker_cli.cpp, compose_runner.cpp, http_flow.cpp). find_command() (shell.hpp) looks
// them up; each mirrors its real tool's output and exit codes for the cases the material uses.
#pragma once

#include <string>
#include <vector>

#include "core/deploy/shell.hpp"

namespace gramlab::deploy {

using Argv = std::vector<std::string>;

// coreutils.cpp
int cmd_echo(Shell&, const Argv&, Io&);
int cmd_pwd(Shell&, const Argv&, Io&);
int cmd_env(Shell&, const Argv&, Io&);
int cmd_cat(Shell&, const Argv&, Io&);
int cmd_ls(Shell&, const Argv&, Io&);
int cmd_mkdir(Shell&, const Argv&, Io&);
int cmd_rm(Shell&, const Argv&, Io&);
int cmd_cp(Shell&, const Argv&, Io&);
int cmd_mv(Shell&, const Argv&, Io&);
int cmd_touch(Shell&, const Argv&, Io&);
int cmd_noop(Shell&, const Argv&, Io&);  // chmod, chown, sleep, sync
int cmd_whoami(Shell&, const Argv&, Io&);
int cmd_hostname(Shell&, const Argv&, Io&);
int cmd_df(Shell&, const Argv&, Io&);
int cmd_ps(Shell&, const Argv&, Io&);
int cmd_sh(Shell&, const Argv&, Io&);
int cmd_sudo(Shell&, const Argv&, Io&);
int cmd_pkg(Shell&, const Argv&, Io&);  // apt-get / apk: package installs succeed quietly

// servers.cpp
int cmd_python(Shell&, const Argv&, Io&);
int cmd_pip(Shell&, const Argv&, Io&);
int cmd_gunicorn(Shell&, const Argv&, Io&);
int cmd_nginx(Shell&, const Argv&, Io&);
int cmd_nginx_entrypoint(Shell&, const Argv&, Io&);
int cmd_postgres(Shell&, const Argv&, Io&);

// docker_cli.cpp, compose_runner.cpp, http_flow.cpp, rsync.cpp
int cmd_docker(Shell&, const Argv&, Io&);
int cmd_docker_compose(Shell&, const Argv&, Io&);
int cmd_curl(Shell&, const Argv&, Io&);

// systemctl.cpp: systemctl / service (the docker unit)
int cmd_systemctl(Shell&, const Argv&, Io&);

//! A fixed clock for logs: "2021-10-07 12:00:00".
inline const char* kSimTime = "2021-10-07 12:00:00";

}  // namespace gramlab::deploy

// `docker-compose config` (v1 CLI, 1.29): the compose file as compose resolved it, printed as
// compose/config/serialize.py does: variables interpolated (`$` escaped as `$$` again), env_file
// merged into environment, build contexts and host paths made absolute, ports in the long
// syntax, volumes with their mode, depends_on with its condition, keys sorted.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/common/result.hpp"
#include "core/deploy/yaml_reader.hpp"

namespace gramlab::deploy {

//! Reads a file of the simulated host (absolute path), or nullptr when there is none.
using FileReader = std::function<const std::string*(const std::string&)>;

//! The text `docker-compose config` prints for the parsed compose file `root` (a YAML mapping).
//! `vars` is the interpolation environment (the project's .env overlaid by the shell's), and
//! `project_dir` the folder relative paths start from.
//! REQUIRES: parse_compose() accepted the same text with the same vars (that reports the schema
//! errors; this only adds compose's messages for values it did not read).
//!   services: {web: {build: ., ports: ["80:80"]}}   →   services:
//!                                                          web:
//!                                                            build:
//!                                                              context: /home/ubuntu/srv/ubuntu
//!                                                            ports:
//!                                                            - published: 80
//!                                                              target: 80
//!                                                        version: '3.9'
Result<std::string> compose_config(const YamlNode& root, const std::map<std::string, std::string>& vars,
                                   const std::string& project_dir, const FileReader& read_file);

}  // namespace gramlab::deploy

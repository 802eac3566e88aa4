// docker-compose file model (Compose file format 3.x as read by the v1 CLI, docker-compose 1.29):
// services with build/image/command/entrypoint/environment/env_file/ports/volumes/depends_on/
// restart, top-level named volumes, and ${VAR} interpolation with :-, -, :? and ?.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/result.hpp"
#include "core/deploy/yaml_reader.hpp"

namespace gramlab::deploy {

struct PortMapping {
    int host = 0;  // 0 = not published (container port only)
    int container = 0;
};

struct VolumeMount {
    std::string source;  // named volume or host path ("" = anonymous)
    std::string target;
    bool named = false;       // a top-level named volume (survives `down`, not `down -v`)
    std::string mode = "rw";  // "ro" when mounted read-only
};

struct ComposeService {
    std::string name;
    std::string build_context;     // "" when the service has no build:
    std::string build_dockerfile;  // default "Dockerfile"
    std::string image;
    std::optional<std::vector<std::string>> command;     // overrides the image CMD
    std::optional<std::vector<std::string>> entrypoint;  // overrides the image ENTRYPOINT (and resets CMD)
    std::vector<std::pair<std::string, std::string>> environment;
    std::vector<std::string> env_file;
    std::vector<PortMapping> ports;
    std::vector<std::string> expose;
    std::vector<VolumeMount> volumes;
    std::vector<std::string> depends_on;
    std::string restart = "no";
    std::string container_name;
    SourceSpan span;
};

struct ComposeFile {
    std::string version;
    std::vector<ComposeService> services;  // in file order
    std::vector<std::string> volumes;      // top-level named volumes
    std::vector<std::string> warnings;     // "The X variable is not set. Defaulting to a blank string."
    const ComposeService* service(const std::string& name) const;
    //! Services ordered so each comes after its depends_on (compose's start order).
    std::vector<const ComposeService*> start_order() const;
};

//! Parses and interpolates a compose file. `vars` is the environment for ${VAR} (shell env plus
//! the project's .env). Errors read like docker-compose 1.29 (`ERROR: ...` is added by the CLI):
//!   "The Compose file './docker-compose.yml' is invalid because:\nUnsupported config option for services.web: 'buidl'"
Result<ComposeFile> parse_compose(std::string_view text, const std::string& file,
                                  const std::map<std::string, std::string>& vars);

//! Compose's interpolation of one string (`$$` is a literal `$`). Unset variables become "" and
//! are reported in `warnings`; `${X:?msg}` fails with compose's message.
Result<std::string> interpolate(std::string_view s, const std::map<std::string, std::string>& vars,
                                std::vector<std::string>& warnings);

//! Splits a command string the way compose does (shlex: quotes group, no variable expansion).
std::vector<std::string> shlex_split(std::string_view s);

//! Interpolates one scalar of a service option with compose's messages for failures:
//!   Missing mandatory value for "environment" option interpolating ['MODE=${MODE?}'] in service "web": ...
//!   Invalid interpolation format for "image" option in service "web": "${ X}"
//! `option` is the option's whole (uninterpolated) value, which compose quotes as Python would.
Result<std::string> interpolate_option(const YamlNode& scalar, const YamlNode& option, const std::string& key,
                                       const std::string& service, const std::map<std::string, std::string>& vars,
                                       std::vector<std::string>& warnings);

//! A YAML value as Python's repr() shows it after PyYAML loaded it: ['a', 'b'], {'A': 1}, None.
std::string python_repr(const YamlNode& n);

//! KEY=VALUE lines of an env_file or the project's .env (comments and blank lines skipped, one
//! level of matching quotes removed), in file order.
std::vector<std::pair<std::string, std::string>> read_env_file(std::string_view text);

}  // namespace gramlab::deploy

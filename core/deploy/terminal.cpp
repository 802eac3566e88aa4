// A fresh host world for the terminal, and one command at a time through the host shell.
#include "core/deploy/terminal.hpp"

namespace gramlab::deploy {

Terminal::Terminal(const Scenario& scenario, AppHandler* app) {
    world_ = std::make_unique<World>();
    World& w = *world_;
    w.host.mkdir_p("/home/ubuntu/.ssh");
    w.host.mkdir_p("/tmp");
    w.host_ports = {{22, "sshd"}};
    w.host.mkdir_p(kProjectDir);
    for (const auto& [path, text] : scenario.files) w.host.write(std::string(kProjectDir) + "/" + path, text);
    // The .env the workflow would have created from the ENV_VARS secret.
    auto env = scenario.secrets.find("ENV_VARS");
    if (env != scenario.secrets.end() && !w.host.exists(std::string(kProjectDir) + "/.env"))
        w.host.write(std::string(kProjectDir) + "/.env", env->second);
    seed_external_database(w, scenario);
    ctx_ = std::make_unique<DeployContext>(DeployContext{w, nullptr, app, {}});
    shell_ = std::make_unique<Shell>(*ctx_, MachineKind::kHost);
    shell_->cwd = kProjectDir;
    shell_->script_name = "bash";
}

CommandResult Terminal::run(const std::string& line) {
    CommandResult r;
    r.command = line;
    Io io;
    r.exit_code = shell_->run_script(line, "bash", io);
    r.out = io.out.buf;
    r.err = io.err.buf;
    return r;
}

}  // namespace gramlab::deploy

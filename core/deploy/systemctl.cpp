// `systemctl` / `service` on the simulated EC2 host. Only the docker unit is modelled: restarting
// it (as an instance reboot does) stops every container and starts again those whose restart
// policy asks for it, which is why the material's compose files say `restart: always`.
#include "core/deploy/commands.hpp"
#include "core/deploy/docker.hpp"

namespace gramlab::deploy {

namespace {

int unit_action(Shell& sh, const std::string& action, const std::string& unit_in, Io& io) {
    std::string unit = unit_in.size() > 8 && unit_in.substr(unit_in.size() - 8) == ".service"
                           ? unit_in.substr(0, unit_in.size() - 8)
                           : unit_in;
    if (unit != "docker") {
        io.err.write("Failed to " + action + " " + unit + ".service: Unit " + unit + ".service not found.\n");
        return 5;
    }
    if (action == "restart" || action == "start") {
        docker_daemon_restart(sh.ctx());
        return 0;
    }
    if (action == "status") {
        io.out.write(
            "● docker.service - Docker Application Container Engine\n"
            "     Loaded: loaded (/lib/systemd/system/docker.service; enabled; vendor preset: enabled)\n"
            "     Active: active (running) since Thu 2021-10-07 12:00:00 UTC\n");
        return 0;
    }
    io.err.write("(simulated) systemctl " + action + " docker is not modelled; try restart or status\n");
    return 1;
}

}  // namespace

int cmd_systemctl(Shell& sh, const Argv& argv, Io& io) {
    // systemctl ACTION UNIT  |  service UNIT ACTION
    bool service = argv[0] == "service";
    if (argv.size() < 3) {
        io.err.write(service
                         ? "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n"
                         : "Too few arguments.\n");
        return 1;
    }
    return service ? unit_action(sh, argv[2], argv[1], io) : unit_action(sh, argv[1], argv[2], io);
}

}  // namespace gramlab::deploy

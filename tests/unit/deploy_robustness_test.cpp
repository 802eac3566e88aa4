// Robustness: every parser on every prefix of the default scenario's files and on
// deterministic byte mutations of them must return (ok or an Error with a span inside the text),
// never crash or hang; the simulator must survive broken scenario files.
#include <gtest/gtest.h>

#include "core/deploy/compose.hpp"
#include "core/deploy/dockerfile.hpp"
#include "core/deploy/nginx_conf.hpp"
#include "core/deploy/sh_parser.hpp"
#include "core/deploy/workflow.hpp"
#include "deploy_test_util.hpp"

namespace gramlab::deploy {
namespace {

void parse_all(const std::string& text) {
    auto check = [&](const auto& r) {
        if (!r.ok() && r.error().span.valid()) {
            EXPECT_LE(r.error().span.offset, text.size());
        }
    };
    check(parse_yaml(text, "f"));
    check(parse_workflow(text, "f"));
    check(parse_compose(text, "f", {}));
    check(parse_dockerfile(text, "f"));
    check(parse_nginx_conf(text, "f"));
    check(parse_sh(text, "f"));
}

TEST(DeployRobustnessTest, PrefixesOfScenarioFiles) {
    Scenario s = testing::default_scenario();
    for (const auto& [path, text] : s.files) {
        for (size_t n = 0; n <= text.size(); n += (text.size() > 300 ? 29 : 3)) parse_all(text.substr(0, n));
    }
}

TEST(DeployRobustnessTest, ByteMutations) {
    Scenario s = testing::default_scenario();
    uint32_t seed = 12345;
    const char kBytes[] = "{}[]:;\"'\\$#\n \t-|&><()=*?~!,.";
    for (const auto& [path, text] : s.files) {
        if (text.empty()) continue;
        for (int k = 0; k < 25; ++k) {
            std::string m = text;
            for (int j = 0; j < 3; ++j) {
                seed = seed * 1103515245u + 12345u;
                size_t pos = (seed >> 8) % m.size();
                seed = seed * 1103515245u + 12345u;
                m[pos] = kBytes[(seed >> 8) % (sizeof(kBytes) - 1)];
            }
            parse_all(m);
        }
    }
}

TEST(DeployRobustnessTest, SimulatorSurvivesBrokenFiles) {
    for (const char* file : {".github/workflows/deploy.yml", "docker-compose.prod.yml", "Dockerfile.prod",
                             "nginx/nginx.conf", "config/scripts/deploy.sh", "nginx/Dockerfile"}) {
        Scenario s = testing::default_scenario();
        s.files[file] = s.files[file].substr(0, s.files[file].size() / 2) + "\n}{ ]\"";
        Simulator sim(s);
        EXPECT_FALSE(sim.steps().empty()) << file;
        sim.run_to_end();
        EXPECT_FALSE(sim.errors().empty() && sim.steps().back().status == "ok" &&
                     std::string(file) != "nginx/Dockerfile")
            << file;
    }
    Scenario empty;
    Simulator sim(empty);
    EXPECT_EQ(testing::step_titles(sim),
              "1 ok git push\n2 ok GitHub Actions: no workflow\n3 failed curl http://localhost/api/posts/ (on the EC2 "
              "host)\n");
}

}  // namespace
}  // namespace gramlab::deploy

// The deploy simulator's facade: a scenario (the learner's files, path → text, plus the
// repository secrets), optional faults, and the recorded timeline of steps the pipeline produced
// (push → Actions → host → deploy.sh → docker-compose → nginx → gunicorn → app). Stepping
// forward/back, reset, run to end and run to the first failure move over recorded snapshots.
// Hosts (CLI, playground) read scenario files themselves; the engine does no I/O.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/deploy/http.hpp"
#include "core/deploy/timeline.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

//! A scenario: the repository's files by relative path (".github/workflows/deploy.yml", ...)
//! and its Actions secrets. A file "secrets.yml" in a scenario folder holds the secrets
//! (a YAML map) and is not part of the repository.
struct Scenario {
    std::map<std::string, std::string> files;
    std::map<std::string, std::string> secrets;
};

//! Builds a Scenario from a folder's files (relative path → text); "secrets.yml" becomes secrets.
Result<Scenario> scenario_from_files(const std::map<std::string, std::string>& files);

//! The what-ifs of the material, each producing the failure a real deployment shows.
enum class Fault {
    kMissingSecret,           // secrets.ENV_VARS deleted: empty .env, Django refuses to start
    kPathTypo,                // the ssh step runs .../config/script/deploy.sh (missing "s")
    kDbInProdTerminated,      // db moved into the prod compose file, then the instance is terminated
    kWebDown,                 // the web container stops after the deploy: nginx answers 502
    kPortInUse,               // something already listens on host port 80
    kCmdToEntrypoint,         // Dockerfile.prod's CMD written as ENTRYPOINT
    kNoBuildAfterCodeChange,  // models.py changes, deploy.sh runs `up -d` without --build
};

//! "missing-secret", "path-typo", "db-in-prod-terminated", "web-down", "port-in-use",
//! "cmd-to-entrypoint", "no-build-after-change".
std::string fault_name(Fault f);
bool parse_fault(const std::string& name, Fault& out);
std::vector<Fault> all_faults();

//! The external database (RDS) the ENV_VARS secret's SQL_HOST names, with the posts users already
//! made; it lives outside the EC2 instance, so it survives the instance.
void seed_external_database(World& w, const Scenario& s);

//! Diagnostics for every scenario file the simulator understands, parsed with its own parser.
std::vector<Error> check_scenario(const Scenario& s);

class Simulator {
  public:
    //! Records the whole pipeline for `scenario` with `faults`. `app` (may be null → the default
    //! handler) answers requests that reach gunicorn; it must outlive the simulator.
    explicit Simulator(Scenario scenario, std::set<Fault> faults = {}, AppHandler* app = nullptr);

    const std::vector<Step>& steps() const { return timeline_->steps(); }
    //! Steps applied so far (0 = nothing has happened yet).
    size_t position() const { return position_; }
    //! The world after `position()` steps.
    const World& world() const { return timeline_->snapshot(position_); }
    const std::vector<Error>& errors() const { return errors_; }
    const std::set<Fault>& faults() const { return faults_; }

    bool forward();  // false at the end
    bool back();     // false at the start
    void reset() { position_ = 0; }
    void run_to_end() { position_ = steps().size(); }
    //! Moves to just after the first failed step (or the end); returns whether one failed.
    bool run_to_failure();
    //! Turns a fault on/off and re-records the pipeline; the position is kept where possible.
    void set_fault(Fault f, bool on);

  private:
    void record();

    Scenario scenario_;
    std::set<Fault> faults_;
    AppHandler* app_;
    std::unique_ptr<World> world_;
    std::unique_ptr<Timeline> timeline_;
    std::vector<Error> errors_;
    size_t position_ = 0;
};

}  // namespace gramlab::deploy

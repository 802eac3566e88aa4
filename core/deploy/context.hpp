// What every part of the engine shares while it runs: the world it mutates, the timeline it
// records steps on (absent when a learner types commands in `gramlab deploy sh`), the app
// behind gunicorn, and a few knobs. Passed by reference; the engine keeps no global state.
#pragma once

#include <string>
#include <vector>

#include "core/deploy/http.hpp"
#include "core/deploy/timeline.hpp"
#include "core/deploy/world.hpp"

namespace gramlab::deploy {

struct DeployContext {
    World& world;
    Timeline* timeline = nullptr;        // set in pipeline mode: compose/actions open steps on it
    AppHandler* app = nullptr;           // nullptr → a DefaultAppHandler
    std::vector<std::string> log_masks;  // secret values the Actions runner prints as ***

    //! Opens a step when recording a pipeline; no-op in terminal mode.
    void step(const std::string& title) {
        if (timeline) timeline->begin(title);
    }
    void mark(const std::string& status) {
        if (timeline) timeline->mark(status);
    }
};

}  // namespace gramlab::deploy

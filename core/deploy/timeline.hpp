// The step recorder: the pipeline opens a step (title), appends log lines, and closes it with a
// status; closing snapshots the world and diffs it against the previous snapshot. Step back /
// reset / run-to-failure are then index moves over the recorded snapshots.
#pragma once

#include <string>
#include <vector>

#include "core/deploy/world.hpp"

namespace gramlab::deploy {

struct Step {
    int index = 0;  // 1-based
    std::string title;
    std::vector<Change> changes;
    std::vector<std::string> logs;
    std::string status = "ok";  // "ok" | "failed" | "skipped"
};

class Timeline {
  public:
    //! REQUIRES: `world` outlives the timeline. Snapshot 0 is the world as it is now.
    explicit Timeline(World& world) : world_(world) { snapshots_.push_back(world); }

    //! Closes the open step (as "ok" unless marked) and opens a new one titled `title`.
    void begin(const std::string& title);
    //! Appends text to the open step's log, split into lines (a partial line waits for the rest).
    void write(const std::string& text);
    void log(const std::string& line) { write(line + "\n"); }
    //! Marks the open step's status (kept when it closes).
    void mark(const std::string& status);
    //! Closes the open step, if any.
    void end();
    bool open() const { return open_; }

    const std::vector<Step>& steps() const { return steps_; }
    //! World after step `i` (0 = before the first step).
    const World& snapshot(size_t i) const { return snapshots_.at(i); }
    size_t snapshot_count() const { return snapshots_.size(); }

  private:
    World& world_;
    std::vector<Step> steps_;
    std::vector<World> snapshots_;
    std::string pending_;
    bool open_ = false;
};

}  // namespace gramlab::deploy

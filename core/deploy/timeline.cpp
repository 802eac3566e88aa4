// Step boundaries: snapshot + diff at each close.
#include "core/deploy/timeline.hpp"

namespace gramlab::deploy {

void Timeline::begin(const std::string& title) {
    end();
    Step s;
    s.index = static_cast<int>(steps_.size()) + 1;
    s.title = title;
    steps_.push_back(std::move(s));
    open_ = true;
}

void Timeline::write(const std::string& text) {
    if (!open_) begin("(untitled)");
    pending_ += text;
    size_t nl;
    while ((nl = pending_.find('\n')) != std::string::npos) {
        steps_.back().logs.push_back(pending_.substr(0, nl));
        pending_.erase(0, nl + 1);
    }
}

void Timeline::mark(const std::string& status) {
    if (open_) steps_.back().status = status;
}

void Timeline::end() {
    if (!open_) return;
    if (!pending_.empty()) {
        steps_.back().logs.push_back(pending_);
        pending_.clear();
    }
    steps_.back().changes = diff_worlds(snapshots_.back(), world_);
    snapshots_.push_back(world_);
    open_ = false;
}

}  // namespace gramlab::deploy

// CPython's set table for int keys: open addressing, up to 9 linear probes from the home slot
// (when they fit before the table's end), then perturbed jumps i = i*5 + 1 + (perturb >>= 5);
// the table is rebuilt at 4x the used count once fill*5 >= mask*3.
// Probe arithmetic is 64-bit (CPython's size_t on a 64-bit build) also where size_t is 32 bits (WASM),
// so perturbation sequences, and so iteration orders, are the same everywhere.
#include "core/shell/set_order.hpp"

namespace gramlab::shell {

namespace {

constexpr uint64_t kLinearProbes = 9;
constexpr unsigned kPerturbShift = 5;

}  // namespace

int64_t py_int_hash(int64_t v) {
    constexpr int64_t kModulus = (int64_t{1} << 61) - 1;  // _PyHASH_MODULUS
    const uint64_t magnitude = v >= 0 ? static_cast<uint64_t>(v) : 0 - static_cast<uint64_t>(v);
    int64_t h = static_cast<int64_t>(magnitude % static_cast<uint64_t>(kModulus));
    if (v < 0) h = -h;
    return h == -1 ? -2 : h;
}

long IntSetOrder::find(int64_t v, int64_t hash) const {
    const uint64_t mask = table_.size() - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    for (;;) {
        uint64_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
        for (uint64_t k = 0, j = i; k <= probes; ++k, ++j) {
            const Slot& s = table_[j];
            if (s.state == State::kEmpty) return -1;
            if (s.state == State::kActive && s.key == v) return static_cast<long>(j);
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void IntSetOrder::add(int64_t v, int64_t hash) {
    const uint64_t mask = table_.size() - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    Slot* freeslot = nullptr;
    for (;;) {
        uint64_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
        for (uint64_t k = 0, j = i; k <= probes; ++k, ++j) {
            Slot& s = table_[j];
            if (s.state == State::kEmpty) {
                if (freeslot) {
                    // The last dummy (discarded key) seen on the probe path is reused.
                    *freeslot = Slot{v, hash, State::kActive};
                    ++used_;
                    return;
                }
                s = Slot{v, hash, State::kActive};
                ++fill_;
                ++used_;
                if (fill_ * 5 >= mask * 3) resize(used_ > 50000 ? used_ * 2 : used_ * 4);
                return;
            }
            if (s.state == State::kActive && s.key == v) return;
            if (s.state == State::kDummy) freeslot = &s;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

bool IntSetOrder::discard(int64_t v, int64_t hash) {
    long j = find(v, hash);
    if (j < 0) return false;
    table_[static_cast<size_t>(j)].state = State::kDummy;
    --used_;
    return true;
}

void IntSetOrder::insert_clean(std::vector<Slot>& table, int64_t key, int64_t hash) const {
    const uint64_t mask = table.size() - 1;
    uint64_t i = static_cast<uint64_t>(hash) & mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    for (;;) {
        if (table[i].state == State::kEmpty) {
            table[i] = Slot{key, hash, State::kActive};
            return;
        }
        if (i + kLinearProbes <= mask) {
            for (uint64_t j = 1; j <= kLinearProbes; ++j) {
                if (table[i + j].state == State::kEmpty) {
                    table[i + j] = Slot{key, hash, State::kActive};
                    return;
                }
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void IntSetOrder::resize(size_t minused) {
    size_t newsize = 8;
    while (newsize <= minused) newsize <<= 1;
    std::vector<Slot> table(newsize);
    for (const Slot& s : table_)
        if (s.state == State::kActive) insert_clean(table, s.key, s.hash);
    table_.swap(table);
    fill_ = used_;
}

bool IntSetOrder::pop(int64_t& key) {
    if (used_ == 0) return false;
    const size_t mask = table_.size() - 1;
    size_t i = finger_ & mask;
    while (table_[i].state != State::kActive) i = (i + 1) & mask;
    key = table_[i].key;
    table_[i].state = State::kDummy;
    --used_;
    finger_ = i + 1;
    return true;
}

void IntSetOrder::clear() {
    table_.assign(8, Slot{});
    fill_ = used_ = 0;
}

void IntSetOrder::reserve_for_merge(size_t incoming) {
    if ((fill_ + incoming) * 5 >= (table_.size() - 1) * 3) resize((used_ + incoming) * 2);
}

bool IntSetOrder::merge_into_empty(const IntSetOrder& other) {
    if (fill_ != 0) return false;
    if (other.used_ == 0) return true;
    reserve_for_merge(other.used_);
    if (table_.size() == other.table_.size() && other.fill_ == other.used_) {
        table_ = other.table_;
    } else {
        for (const Slot& s : other.table_)
            if (s.state == State::kActive) insert_clean(table_, s.key, s.hash);
    }
    fill_ = used_ = other.used_;
    return true;
}

std::vector<int64_t> IntSetOrder::items() const {
    std::vector<int64_t> out;
    out.reserve(used_);
    for (const Slot& s : table_)
        if (s.state == State::kActive) out.push_back(s.key);
    return out;
}

}  // namespace gramlab::shell

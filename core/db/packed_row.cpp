// PackedRow: cells and bytes in one allocation (see packed_row.hpp).
#include "core/db/packed_row.hpp"

#include <cstring>
#include <new>

namespace gramlab::db {

PackedRow PackedRow::allocate(size_t cells, size_t text_bytes) {
    PackedRow r;
    r.size_ = static_cast<uint32_t>(cells);
    // Cells are 16 bytes, so the byte area after them needs no padding; new char[] is
    // aligned for any fundamental type.
    r.data_.reset(new char[cells * sizeof(Cell) + text_bytes]);
    for (size_t i = 0; i < cells; ++i) new (r.cells() + i) Cell();
    return r;
}

void PackedRow::set_int(size_t i, int64_t v) {
    Cell& c = cells()[i];
    c.type = Type::kInt;
    c.number.i = v;
}

void PackedRow::set_float(size_t i, double v) {
    Cell& c = cells()[i];
    c.type = Type::kFloat;
    c.number.d = v;
}

void PackedRow::set_bytes(size_t i, Type t, const void* data, size_t n) {
    Cell& c = cells()[i];
    c.type = t;
    c.length = static_cast<uint32_t>(n);
    c.number.offset = used_;
    if (n) std::memcpy(byte_area() + used_, data, n);
    used_ += static_cast<uint32_t>(n);
}

std::string_view PackedRow::bytes_at(size_t i) const {
    const Type t = type(i);
    if (t != Type::kText && t != Type::kBlob) return {};
    const Cell& c = cells()[i];
    return {byte_area() + c.number.offset, c.length};
}

Value PackedRow::value(size_t i) const {
    switch (type(i)) {
        case Type::kNull: return Value::none();
        case Type::kInt: return Value::of_int(cells()[i].number.i);
        case Type::kFloat: return Value::of_float(cells()[i].number.d);
        case Type::kText: return Value::of_str(std::string(bytes_at(i)));
        case Type::kBlob: {
            Value v;
            v.kind = Value::Kind::kBytes;
            v.text = std::string(bytes_at(i));
            return v;
        }
    }
    return Value::none();
}

}  // namespace gramlab::db

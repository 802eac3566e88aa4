// PackedRow: one result row held compactly, every cell and all of its text in a single
// allocation, for rows the ORM keeps until an instance first reads its values (RowSource in
// core/orm/model.hpp). A Row (std::vector<Value>) costs ~100 bytes per cell, one allocation
// per row and one more per text longer than the short-string buffer; a QuerySet of 20 Posts
// paid ~80 allocations and frees for rows that are often never read. This costs one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/models/value.hpp"

namespace gramlab::db {

class PackedRow {
public:
    //! SQLite's storage classes.
    enum class Type : uint8_t { kNull, kInt, kFloat, kText, kBlob };

    PackedRow() = default;
    PackedRow(PackedRow&& o) noexcept : data_(std::move(o.data_)), size_(o.size_), used_(o.used_) { o.size_ = o.used_ = 0; }
    PackedRow& operator=(PackedRow&& o) noexcept {
        data_ = std::move(o.data_);
        size_ = o.size_;
        used_ = o.used_;
        o.size_ = o.used_ = 0;
        return *this;
    }

    size_t size() const { return size_; }
    //! Cells past the end read as NULL.
    Type type(size_t i) const { return i < size_ ? cells()[i].type : Type::kNull; }
    bool is_null(size_t i) const { return type(i) == Type::kNull; }
    int64_t int_at(size_t i) const { return type(i) == Type::kInt ? cells()[i].number.i : 0; }
    //! The bytes of a text or blob cell (empty for other cells).
    std::string_view bytes_at(size_t i) const;
    //! The Value the cell is as a Row cell: None, int, float, str or bytes.
    Value value(size_t i) const;

    //! Building (Connection): `cells` cells, all NULL, and room for `text_bytes` bytes of
    //! text and blobs, filled in cell order by the setters.
    static PackedRow allocate(size_t cells, size_t text_bytes);
    void set_int(size_t i, int64_t v);
    void set_float(size_t i, double v);
    //! Appends the bytes after those of the cells set before it.
    void set_bytes(size_t i, Type t, const void* data, size_t n);

private:
    struct Cell {
        Type type = Type::kNull;
        uint32_t length = 0;  // text and blob bytes
        union {
            int64_t i;
            double d;
            uint64_t offset;  // of the bytes, from the start of the byte area
        } number{};
    };
    Cell* cells() const { return reinterpret_cast<Cell*>(data_.get()); }
    char* byte_area() const { return data_.get() + size_ * sizeof(Cell); }

    std::unique_ptr<char[]> data_;  // size_ Cells, then the bytes
    uint32_t size_ = 0;
    uint32_t used_ = 0;  // bytes appended so far
};

}  // namespace gramlab::db

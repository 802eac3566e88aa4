// FieldFile / ImageFieldFile (see files.hpp). Mirrors django/db/models/fields/files.py:
// repr "<ImageFieldFile: profile/minji.jpg>" ("None" when empty), str() the name or '',
// bool() whether there is a name, == against a str or another file by name, .url through
// the default storage (MEDIA_URL + name) and ValueError when there is no file.
#include "core/orm/files.hpp"

#include "core/orm/model.hpp"

namespace gramlab::orm {

namespace {

using shell::Interp;
using shell::Args;
using shell::Kind;
using shell::Ref;

// django.utils.encoding.filepath_to_uri: quote(path, safe="/~!*()'") over the UTF-8 bytes.
std::string filepath_to_uri(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : path) {
        unsigned char c = static_cast<unsigned char>(ch == '\\' ? '/' : ch);
        bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string("_.-~/!*()'").find(static_cast<char>(c)) != std::string::npos;
        if (safe) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

class FieldFileObj final : public shell::Object {
public:
    FieldFileObj(Ref instance, const models::Field* field, Ref name)
        : Object(Kind::kNative), instance(std::move(instance)), field(field), name(std::move(name)) {}
    Ref instance;
    const models::Field* field;
    Ref name;  // str or None

    std::string type_name() const override {
        return field->kind() == models::FieldKind::kImage ? "ImageFieldFile" : "FieldFile";
    }
    std::string text() const {
        auto* s = shell::as<shell::StrObj>(name);
        return s ? s->value : "";
    }
    bool repr(Interp&, std::string& out) override {
        std::string t = text();
        out = "<" + type_name() + ": " + (t.empty() ? "None" : t) + ">";
        return true;
    }
    bool str(Interp&, std::string& out) override {
        out = text();
        return true;
    }
    int truthy(Interp&) override { return text().empty() ? 0 : 1; }
    int eq(Interp& in, const Ref& other) override {
        // FieldFile.__eq__: compares names with anything that has one, else the name itself.
        Ref mine = name ? name : in.None;
        if (auto* o = dynamic_cast<FieldFileObj*>(other.get())) return in.equals(mine, o->name ? o->name : in.None);
        return in.equals(mine, other);
    }
    bool hash(Interp& in, uint64_t& out) override { return (name ? name : in.None)->hash(in, out); }
    bool require_file(Interp& in) {
        if (!text().empty()) return true;
        in.value_error("The '" + field->name + "' attribute has no file associated with it.");
        return false;
    }
    Ref getattr(Interp& in, const std::string& attr) override {
        if (attr == "name") return name ? name : in.None;
        if (attr == "instance") return instance;
        if (attr == "url") {
            if (!require_file(in)) return nullptr;
            // FileSystemStorage.url(): MEDIA_URL (Django's default '' reads as '/' once the
            // script prefix is added) + filepath_to_uri(name).
            std::string path = text();
            size_t start = path.find_first_not_of('/');
            return Interp::string("/" + filepath_to_uri(start == std::string::npos ? "" : path.substr(start)));
        }
        if (attr == "path" || attr == "size" || attr == "file" || attr == "width" || attr == "height") {
            if (!require_file(in)) return nullptr;
            return in.not_supported("files on disk (FieldFile." + attr + ")");
        }
        if (attr == "open" || attr == "read" || attr == "save" || attr == "delete" || attr == "chunks")
            return in.not_supported("files on disk (FieldFile." + attr + "())");
        return in.attribute_error(*this, attr);
    }
    bool setattr(Interp& in, const std::string& attr, Ref value) override {
        if (attr != "name") {
            in.attribute_error(*this, attr);
            return false;
        }
        name = value;
        // The instance stores what its column will get.
        if (auto* inst = shell::as<ModelInstance>(instance)) inst->values[field->attname()] = value;
        return true;
    }
};

}  // namespace

bool is_file_field(const models::Field& f) {
    return f.kind() == models::FieldKind::kFile || f.kind() == models::FieldKind::kImage;
}

Ref make_field_file(Interp& in, const Ref& instance, const models::Field& f, const Ref& name) {
    return std::make_shared<FieldFileObj>(instance, &f, name ? name : in.None);
}

Ref field_file_name(const Ref& v) {
    auto* f = dynamic_cast<FieldFileObj*>(v.get());
    return f ? f->name : nullptr;
}

}  // namespace gramlab::orm

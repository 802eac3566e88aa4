// django.db.models.enums at the shell (see choices.hpp).
#include "core/orm/choices.hpp"

#include <vector>

#include "core/orm/runtime.hpp"

namespace gramlab::orm {

namespace {

using shell::Args;
using shell::ClassRef;
using shell::Interp;
using shell::Kind;
using shell::Ref;

class ChoicesClassObj;

// What a member knows besides its value: its class, name and label.
struct MemberInfo {
    std::weak_ptr<ChoicesClassObj> cls;
    std::string name;
    Ref label;
    Ref plain;  // .value: the value as a plain str / int
};

Ref member_attr(Interp& in, const MemberInfo& m, const std::string& attr);
bool member_repr(Interp& in, const MemberInfo& m, std::string& out);
std::string member_type_name(const MemberInfo& m);

// A TextChoices member: a str (equal to, hashed as and bound to SQL as its value).
class TextMember final : public shell::StrObj {
public:
    TextMember(std::string value, MemberInfo m) : StrObj(std::move(value)), info(std::move(m)) { enum_member = true; }
    MemberInfo info;
    std::string type_name() const override { return member_type_name(info); }
    bool repr(Interp& in, std::string& out) override { return member_repr(in, info, out); }
    Ref getattr(Interp& in, const std::string& name) override {
        if (Ref r = member_attr(in, info, name)) return r;
        return in.exc ? nullptr : StrObj::getattr(in, name);
    }
};

// An IntegerChoices member: an int.
class IntMember final : public shell::IntObj {
public:
    IntMember(int64_t value, MemberInfo m) : IntObj(value), info(std::move(m)) { enum_member = true; }
    MemberInfo info;
    std::string type_name() const override { return member_type_name(info); }
    bool repr(Interp& in, std::string& out) override { return member_repr(in, info, out); }
    bool str(Interp& in, std::string& out) override { return IntObj::repr(in, out); }
    Ref getattr(Interp& in, const std::string& name) override {
        if (Ref r = member_attr(in, info, name)) return r;
        return in.exc ? nullptr : IntObj::getattr(in, name);
    }
};

const MemberInfo* info_of(const Ref& r) {
    if (!r || !r->enum_member) return nullptr;
    if (r->kind == Kind::kStr) return &static_cast<TextMember*>(r.get())->info;
    if (r->kind == Kind::kInt) return &static_cast<IntMember*>(r.get())->info;
    return nullptr;
}

// The enum class: ChoicesMeta's class attributes and EnumMeta's protocol.
class ChoicesClassObj final : public shell::ClassObj {
public:
    using ClassObj::ClassObj;
    struct Member {
        std::string name;
        Ref member;
    };
    std::vector<Member> members;
    Ref empty_label;  // __empty__, or null

    bool repr(Interp&, std::string& out) override {
        out = "<enum '" + name + "'>";
        return true;
    }
    std::string display_name() const { return qualname.empty() ? name : qualname; }

    Ref getattr(Interp& in, const std::string& attr) override {
        for (const auto& m : members)
            if (m.name == attr) return m.member;
        if (attr == "choices" || attr == "values" || attr == "labels" || attr == "names") {
            std::vector<Ref> out;
            if (empty_label) {
                if (attr == "choices") out.push_back(Interp::tuple({in.None, empty_label}));
                else if (attr == "values") out.push_back(in.None);
                else if (attr == "labels") out.push_back(empty_label);
                else out.push_back(Interp::string("__empty__"));
            }
            for (const auto& m : members) {
                const MemberInfo& i = *info_of(m.member);
                if (attr == "choices") out.push_back(Interp::tuple({i.plain, i.label}));
                else if (attr == "values") out.push_back(i.plain);
                else if (attr == "labels") out.push_back(i.label);
                else out.push_back(Interp::string(m.name));
            }
            return Interp::list(std::move(out));
        }
        if (attr == "__members__") {
            auto d = Interp::dict();
            for (const auto& m : members) d->entries.emplace_back(Interp::string(m.name), m.member);
            return d;
        }
        return ClassObj::getattr(in, attr);
    }
    // Visibility('public'): the member with that value (EnumMeta.__call__).
    Ref call(Interp& in, Args& args) override {
        if (args.pos.size() != 1 || !args.kw.empty())
            return in.not_supported("calling a choices class with other than one value (the functional Enum API)");
        for (const auto& m : members) {
            if (m.member == args.pos[0]) return m.member;
            int eq = in.equals(info_of(m.member)->plain, args.pos[0]);
            if (eq < 0) return nullptr;
            if (eq == 1) return m.member;
        }
        std::string r;
        if (!in.repr(args.pos[0], r)) return nullptr;
        return in.value_error(r + " is not a valid " + display_name());
    }
    // Visibility['PUBLIC']: by name.
    Ref getitem(Interp& in, const Ref& key) override {
        if (key->kind == Kind::kStr)
            for (const auto& m : members)
                if (m.name == static_cast<shell::StrObj*>(key.get())->value) return m.member;
        return in.raise_obj(std::make_shared<shell::ExceptionObj>(in.KeyError, std::vector<Ref>{key}));
    }
    bool iterate(Interp&, std::vector<Ref>& out) override {
        for (const auto& m : members) out.push_back(m.member);
        return true;
    }
    int64_t length(Interp&) override { return static_cast<int64_t>(members.size()); }
    // ChoicesMeta.__contains__: a member of this class, or (for a plain value) any member's value.
    int contains(Interp& in, const Ref& item) override {
        if (const MemberInfo* i = info_of(item)) {
            auto c = i->cls.lock();
            return c.get() == this ? 1 : 0;
        }
        for (const auto& m : members) {
            int eq = in.equals(info_of(m.member)->plain, item);
            if (eq != 0) return eq;
        }
        return 0;
    }
};

std::string member_type_name(const MemberInfo& m) {
    auto c = m.cls.lock();
    return c ? c->name : "Choices";
}

bool member_repr(Interp& in, const MemberInfo& m, std::string& out) {
    // Enum.__repr__ with a data type: "<Visibility.PUBLIC: 'public'>".
    std::string value;
    if (!in.repr(m.plain, value)) return false;
    out = "<" + member_type_name(m) + "." + m.name + ": " + value + ">";
    return true;
}

Ref member_attr(Interp& in, const MemberInfo& m, const std::string& attr) {
    if (attr == "name" || attr == "_name_") return Interp::string(m.name);
    if (attr == "value" || attr == "_value_") return m.plain;
    if (attr == "label") return m.label;
    if (attr == "__class__") {
        auto c = m.cls.lock();
        return c ? Ref(c) : in.None;
    }
    return nullptr;
}

// str.title() on the member's name with '_' as spaces: DRAFT_POST → 'Draft Post'.
std::string label_from_name(const std::string& name) {
    std::string out;
    bool after_letter = false;
    for (char ch : name) {
        unsigned char c = static_cast<unsigned char>(ch == '_' ? ' ' : ch);
        bool letter = std::isalpha(c) != 0;
        if (letter) out += static_cast<char>(after_letter ? std::tolower(c) : std::toupper(c));
        else out += static_cast<char>(c);
        after_letter = letter || c >= 0x80;
    }
    return out;
}

}  // namespace

std::string choices_base(const py::Stmt& class_def) {
    for (const auto& b : class_def.bases) {
        const std::string& id = b->id;  // a Name's id, or an Attribute's attribute name
        if ((b->kind == py::ExprKind::kName || b->kind == py::ExprKind::kAttribute) &&
            (id == "TextChoices" || id == "IntegerChoices" || id == "Choices"))
            return id;
    }
    return "";
}

ClassRef choices_base_class(Interp& in, const std::string& name) {
    auto& bases = in.orm->choices_bases;
    auto it = bases.find(name);
    if (it != bases.end()) return it->second;
    ClassRef c;
    if (name == "Choices") {
        c = std::make_shared<shell::ClassObj>("Choices", "django.db.models.enums", std::vector<ClassRef>{in.cls_object});
    } else {
        ClassRef data = name == "IntegerChoices" ? in.cls_int : in.cls_str;
        c = std::make_shared<shell::ClassObj>(name, "django.db.models.enums",
                                              std::vector<ClassRef>{data, choices_base_class(in, "Choices")});
    }
    bases[name] = c;
    return c;
}

ClassRef make_choices_class(Interp& in, const py::Stmt& class_def, const std::string& base, const std::string& module,
                            const std::string& qualname, shell::Frame& enclosing) {
    if (base == "Choices") {
        in.not_supported("models.Choices without a data type (use TextChoices or IntegerChoices)");
        return nullptr;
    }
    const bool integer = base == "IntegerChoices";
    auto cls = std::make_shared<ChoicesClassObj>(class_def.name, module, std::vector<ClassRef>{choices_base_class(in, base)});
    if (qualname != class_def.name) cls->qualname = qualname;
    shell::Frame body;
    body.globals = enclosing.globals;
    body.is_module = false;
    body.is_class_body = true;
    body.defining_class = cls;
    for (const auto& st : class_def.body) {
        const bool simple_assign = st->kind == py::StmtKind::kAssign && st->targets.size() == 1 &&
                                   st->targets[0]->kind == py::ExprKind::kName;
        if (!simple_assign) {
            if (st->kind == py::StmtKind::kPass || st->kind == py::StmtKind::kExpr) continue;  // pass, a docstring
            in.not_supported("a choices class body with other than `NAME = value, label` lines");
            return nullptr;
        }
        const std::string& name = st->targets[0]->id;
        if (in.exec(*st, body) == shell::Flow::kRaise) return nullptr;
        Ref raw = body.locals()[name];
        if (name == "__empty__") {
            cls->empty_label = raw;
            continue;
        }
        if (name.size() > 1 && name[0] == '_') {  // _ignore_, sunder and dunder names: not members
            cls->dict[name] = raw;
            continue;
        }
        // ChoicesMeta.__new__: a tuple ending in a str is (value..., label).
        Ref value = raw, label;
        if (raw->kind == Kind::kTuple) {
            const auto& items = static_cast<shell::SeqObj*>(raw.get())->items;
            if (items.size() > 1 && items.back()->kind == Kind::kStr) {
                label = items.back();
                value = items.size() == 2 ? items[0] : Interp::tuple(std::vector<Ref>(items.begin(), items.end() - 1));
            }
        }
        if (!label) label = Interp::string(label_from_name(name));
        MemberInfo info{cls, name, label, nullptr};
        Ref member;
        if (integer) {
            Args a;
            a.pos.push_back(value);
            Ref as_int = value->kind == Kind::kInt && !value->enum_member ? value : in.call(in.cls_int, a);
            if (!as_int) return nullptr;
            info.plain = as_int;
            member = std::make_shared<IntMember>(static_cast<shell::IntObj*>(as_int.get())->value, std::move(info));
        } else {
            std::string text;
            if (!in.str(value, text)) return nullptr;
            info.plain = Interp::string(text);
            member = std::make_shared<TextMember>(text, std::move(info));
        }
        // A later name with an existing value is an alias of the first member (Enum).
        bool alias = false;
        for (const auto& m : cls->members)
            if (in.equals(info_of(m.member)->plain, info_of(member)->plain) == 1) {
                cls->dict[name] = m.member;
                alias = true;
            }
        if (!alias) cls->members.push_back({name, member});
        body.locals()[name] = member;
    }
    return cls;
}

}  // namespace gramlab::orm

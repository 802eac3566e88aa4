// MigrationWriter + OperationWriter + the value serializers (see writer.hpp).
#include "core/migrations/writer.hpp"

#include <algorithm>
#include <map>

#include "core/models/fields.hpp"

namespace gramlab::migrations {

namespace {

std::string serialize_path(const std::string& path, std::set<std::string>& imports) {
    auto dot = path.rfind('.');
    if (dot == std::string::npos) return path;
    std::string module = path.substr(0, dot), name = path.substr(dot + 1);
    if (module == "builtins") return name;  // TypeSerializer: builtins need no import
    if (path == "django.utils.timezone.utc") {  // DatetimeDatetimeSerializer
        imports.insert("from django.utils.timezone import utc");
        return "utc";
    }
    // A classmethod such as datetime.date.today is imported through its class's module.
    for (const char* cls : {"datetime.date", "datetime.datetime", "datetime.time", "datetime.timedelta", "uuid.UUID",
                            "decimal.Decimal"})
        if (module == cls) {
            imports.insert("import " + module.substr(0, module.find('.')));
            return path;
        }
    if (module == "django.db.models") {
        imports.insert("from django.db import models");
        return "models." + name;
    }
    imports.insert("import " + module);
    return path;
}

std::string serialize_q(const Value& q, std::set<std::string>& imports) {
    // Q.deconstruct: one non-Q child → kwargs; else children as args (+ _connector/_negated).
    // Django 3.2.25's Q.deconstruct always passes children as positional tuples.
    std::string out = serialize_path("django.db.models.Q", imports) + "(";
    std::vector<std::string> parts;
    const Value* negated = q.kwarg("_negated");
    const Value* connector = q.kwarg("_connector");
    for (const auto& c : q.items) parts.push_back(serialize_value(c, imports));
    std::vector<std::pair<std::string, std::string>> kws;
    if (connector) kws.emplace_back("_connector", serialize_value(*connector, imports));
    if (negated) kws.emplace_back("_negated", "True");
    std::sort(kws.begin(), kws.end());
    for (auto& kv : kws) parts.push_back(kv.first + "=" + kv.second);
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out + ")";
}

std::string serialize_field(const Field& f, std::set<std::string>& imports) {
    models::Deconstructed d = models::deconstruct(f);
    std::string out = serialize_path(d.path, imports) + "(";
    for (size_t i = 0; i < d.kwargs.size(); ++i)
        out += (i ? ", " : "") + d.kwargs[i].first + "=" + serialize_value(d.kwargs[i].second, imports);
    return out + ")";
}

// OperationWriter: one keyword argument, with lists and dicts expanded one item per line.
// Only CreateModel expands its options (serialization_expand_args); other values are
// serialised inline.
void write_arg(const std::string& name, const Value& v, int indent, std::string& out, std::set<std::string>& imports,
               bool expand = false) {
    std::string pad(static_cast<size_t>(indent) * 4, ' ');
    if (expand && v.kind == Value::Kind::kDict) {
        out += pad + name + "={\n";
        std::vector<std::pair<std::string, std::string>> items;
        for (size_t i = 0; i + 1 < v.items.size(); i += 2)
            items.emplace_back(serialize_value(v.items[i], imports), serialize_value(v.items[i + 1], imports));
        for (auto& kv : items) out += pad + "    " + kv.first + ": " + kv.second + ",\n";
        out += pad + "},\n";
    } else if (expand && (v.kind == Value::Kind::kList || v.kind == Value::Kind::kTuple)) {
        out += pad + name + "=[\n";
        for (const auto& item : v.items) out += pad + "    " + serialize_value(item, imports) + ",\n";
        out += pad + "],\n";
    } else {
        out += pad + name + "=" + serialize_value(v, imports) + ",\n";
    }
}

// OperationWriter writes a dict argument in its own order (ModelState keeps Meta options in
// Options.DEFAULT_NAMES order); only nested dict values are sorted by the serializer.
Value options_dict(const std::vector<std::pair<std::string, Value>>& options) {
    Value d;
    d.kind = Value::Kind::kDict;
    for (const auto& kv : options) {
        d.items.push_back(Value::of_str(kv.first));
        d.items.push_back(kv.second);
    }
    return d;
}

// managers=[('name', path.to.Manager()), ...] as MigrationWriter serializes them.
void write_managers(const std::vector<models::ManagerDef>& managers, const std::string& pad, std::string& out,
                    std::set<std::string>& imports) {
    out += pad + "managers=[\n";
    for (const auto& mg : managers) out += pad + "    ('" + mg.name + "', " + serialize_path(mg.class_path, imports) + "()),\n";
    out += pad + "],\n";
}

std::string write_operation(const Operation& op, std::set<std::string>& imports) {
    static const std::map<OpKind, const char*> names = {
        {OpKind::kCreateModel, "CreateModel"},       {OpKind::kDeleteModel, "DeleteModel"},
        {OpKind::kAddField, "AddField"},             {OpKind::kRemoveField, "RemoveField"},
        {OpKind::kAlterField, "AlterField"},         {OpKind::kRenameField, "RenameField"},
        {OpKind::kAddIndex, "AddIndex"},             {OpKind::kRemoveIndex, "RemoveIndex"},
        {OpKind::kAddConstraint, "AddConstraint"},   {OpKind::kRemoveConstraint, "RemoveConstraint"},
        {OpKind::kAlterUniqueTogether, "AlterUniqueTogether"},
        {OpKind::kAlterIndexTogether, "AlterIndexTogether"},
        {OpKind::kAlterModelOptions, "AlterModelOptions"}, {OpKind::kRenameModel, "RenameModel"},
        {OpKind::kAlterModelTable, "AlterModelTable"},     {OpKind::kRunSQL, "RunSQL"},
        {OpKind::kRunPython, "RunPython"},         {OpKind::kAlterModelManagers, "AlterModelManagers"}};
    std::string out = "        migrations." + std::string(names.at(op.kind)) + "(\n";
    const int ind = 3;
    std::string pad(ind * 4, ' ');
    switch (op.kind) {
        case OpKind::kCreateModel: {
            write_arg("name", Value::of_str(op.model), ind, out, imports);
            out += pad + "fields=[\n";
            for (const auto& f : op.create.fields)
                out += pad + "    ('" + f.name + "', " + serialize_field(f, imports) + "),\n";
            out += pad + "],\n";
            if (!op.create.options.empty())
                write_arg("options", options_dict(op.create.options), ind, out, imports, /*expand=*/true);
            if (!op.create.bases.empty()) write_arg("bases", Value::tuple(op.create.bases), ind, out, imports);
            if (!op.create.managers.empty()) write_managers(op.create.managers, pad, out, imports);
            break;
        }
        case OpKind::kAlterModelManagers:
            write_arg("name", Value::of_str(op.model), ind, out, imports);
            write_managers(op.managers, pad, out, imports);
            break;
        case OpKind::kDeleteModel: write_arg("name", Value::of_str(op.model), ind, out, imports); break;
        case OpKind::kAddField: case OpKind::kAlterField:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            write_arg("name", Value::of_str(op.name), ind, out, imports);
            out += pad + "field=" + serialize_field(op.field, imports) + ",\n";
            if (!op.preserve_default) out += pad + "preserve_default=False,\n";
            break;
        case OpKind::kRemoveField:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            write_arg("name", Value::of_str(op.name), ind, out, imports);
            break;
        case OpKind::kRenameField:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            write_arg("old_name", Value::of_str(op.name), ind, out, imports);
            write_arg("new_name", Value::of_str(op.new_name), ind, out, imports);
            break;
        case OpKind::kRenameModel:
            write_arg("old_name", Value::of_str(op.name), ind, out, imports);
            write_arg("new_name", Value::of_str(op.new_name), ind, out, imports);
            break;
        case OpKind::kAddIndex:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            out += pad + "index=" + serialize_value(op.value, imports) + ",\n";
            break;
        case OpKind::kRemoveIndex: case OpKind::kRemoveConstraint:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            write_arg("name", Value::of_str(op.name), ind, out, imports);
            break;
        case OpKind::kAddConstraint:
            write_arg("model_name", Value::of_str(op.model), ind, out, imports);
            out += pad + "constraint=" + serialize_value(op.value, imports) + ",\n";
            break;
        case OpKind::kAlterUniqueTogether: case OpKind::kAlterIndexTogether:
            write_arg("name", Value::of_str(op.model), ind, out, imports);
            out += pad + (op.kind == OpKind::kAlterUniqueTogether ? "unique_together=" : "index_together=") +
                   serialize_value(op.value, imports) + ",\n";
            break;
        case OpKind::kAlterModelOptions:
            write_arg("name", Value::of_str(op.model), ind, out, imports);
            write_arg("options", options_dict(op.options), ind, out, imports);
            break;
        case OpKind::kAlterModelTable:
            write_arg("name", Value::of_str(op.model), ind, out, imports);
            write_arg("table", op.value, ind, out, imports);
            break;
        case OpKind::kRunSQL: write_arg("sql", Value::of_str(op.sql), ind, out, imports); break;
        case OpKind::kRunPython: break;
    }
    out += "        ),\n";
    return out;
}

}  // namespace

std::string serialize_value(const Value& v, std::set<std::string>& imports) {
    switch (v.kind) {
        case Value::Kind::kRef: return serialize_path(v.text, imports);
        case Value::Kind::kSetting:
            imports.insert("from django.conf import settings");
            return "settings." + v.text;
        case Value::Kind::kDecimal:
            imports.insert("from decimal import Decimal");
            return "Decimal('" + v.text + "')";
        case Value::Kind::kCall: {
            if (v.text == "django.db.models.Q") return serialize_q(v, imports);
            std::string out = serialize_path(v.text, imports) + "(";
            bool first = true;
            for (const auto& a : v.items) {
                out += (first ? "" : ", ") + serialize_value(a, imports);
                first = false;
            }
            Kwargs kws = v.kwargs;
            std::sort(kws.begin(), kws.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& kv : kws) {
                out += (first ? "" : ", ") + kv.first + "=" + serialize_value(kv.second, imports);
                first = false;
            }
            return out + ")";
        }
        case Value::Kind::kList: case Value::Kind::kTuple: case Value::Kind::kSet: {
            if (v.kind == Value::Kind::kSet && v.items.empty()) return "set()";
            std::string out = v.kind == Value::Kind::kList ? "[" : v.kind == Value::Kind::kTuple ? "(" : "{";
            for (size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + serialize_value(v.items[i], imports);
            if (v.kind == Value::Kind::kTuple && v.items.size() == 1) out += ",";
            return out + (v.kind == Value::Kind::kList ? "]" : v.kind == Value::Kind::kTuple ? ")" : "}");
        }
        case Value::Kind::kDict: {
            std::vector<std::pair<std::string, std::string>> items;
            for (size_t i = 0; i + 1 < v.items.size(); i += 2)
                items.emplace_back(serialize_value(v.items[i], imports), serialize_value(v.items[i + 1], imports));
            std::sort(items.begin(), items.end());
            std::string out = "{";
            for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].first + ": " + items[i].second;
            return out + "}";
        }
        default: return py_repr(v);
    }
}

std::string write_migration(const Migration& m, const std::string& generated_on) {
    std::set<std::string> imports;
    std::string deps;
    for (const auto& d : m.dependencies) {
        if (d.target == "__setting__") {
            imports.insert("from django.conf import settings");
            deps += "        migrations.swappable_dependency(settings.AUTH_USER_MODEL),\n";
        } else {
            deps += "        ('" + d.app_label + "', '" + d.target + "'),\n";
        }
    }
    std::string ops;
    for (const auto& op : m.operations) ops += write_operation(op, imports);
    if (imports.count("from django.db import models")) {
        imports.erase("from django.db import models");
        imports.insert("from django.db import migrations, models");
    } else {
        imports.insert("from django.db import migrations");
    }
    std::vector<std::string> sorted(imports.begin(), imports.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
        auto second_word = [](const std::string& s) {
            auto sp = s.find(' ');
            auto sp2 = s.find(' ', sp + 1);
            return s.substr(sp + 1, sp2 == std::string::npos ? std::string::npos : sp2 - sp - 1);
        };
        return second_word(a) < second_word(b);
    });
    std::string out = "# Generated by Django 3.2.25 on " + generated_on + "\n\n";
    for (const auto& i : sorted) out += i + "\n";
    out += "\n\nclass Migration(migrations.Migration):\n\n";
    if (m.initial) out += "    initial = True\n\n";
    out += "    dependencies = [\n" + deps + "    ]\n\n";
    out += "    operations = [\n" + ops + "    ]\n";
    return out;
}

std::string suggest_name(const Migration& m, const std::string& timestamp_compact) {
    if (m.initial) return "initial";
    // Migration.suggest_name (3.2): one operation with a migration_name_fragment, or all
    // CreateModel operations.
    auto fragment = [](const Operation& op) -> std::string {
        switch (op.kind) {
            case OpKind::kCreateModel: return models::lower(op.model);
            case OpKind::kDeleteModel: return "delete_" + models::lower(op.model);
            case OpKind::kAddField: return op.model + "_" + op.name;
            case OpKind::kRemoveField: return "remove_" + op.model + "_" + op.name;
            case OpKind::kAlterField: return "alter_" + op.model + "_" + op.name;
            case OpKind::kRenameField: return "rename_" + op.name + "_" + op.model + "_" + op.new_name;
            case OpKind::kRenameModel: return "rename_" + models::lower(op.name) + "_" + models::lower(op.new_name);
            case OpKind::kAddIndex: return op.model + "_" + models::lower(index_name(op.value));
            case OpKind::kRemoveIndex: return "remove_" + op.model + "_" + models::lower(op.name);
            case OpKind::kAddConstraint: return op.model + "_" + models::lower(index_name(op.value));
            case OpKind::kRemoveConstraint: return "remove_" + op.model + "_" + models::lower(op.name);
            case OpKind::kAlterUniqueTogether: return "alter_" + models::lower(op.model) + "_unique_together";
            case OpKind::kAlterIndexTogether: return "alter_" + models::lower(op.model) + "_index_together";
            case OpKind::kAlterModelOptions: return "alter_" + models::lower(op.model) + "_options";
            case OpKind::kAlterModelTable: return "alter_" + models::lower(op.model) + "_table";
            case OpKind::kAlterModelManagers: return "alter_" + models::lower(op.model) + "_managers";
            default: return "";
        }
    };
    if (m.operations.size() == 1) {
        std::string f = fragment(m.operations[0]);
        if (!f.empty()) return f;
    } else if (!m.operations.empty() &&
               std::all_of(m.operations.begin(), m.operations.end(),
                           [](const Operation& o) { return o.kind == OpKind::kCreateModel; })) {
        std::string out;
        for (size_t i = 0; i < m.operations.size(); ++i)
            out += (i ? "_" : "") + models::lower(m.operations[i].model);
        return out;
    }
    return "auto_" + timestamp_compact;
}

}  // namespace gramlab::migrations

// The questioner's prompts (Django 3.2 wording) and the evaluation of typed defaults.
#include "core/migrations/questioner.hpp"

#include "core/python/parser.hpp"

namespace gramlab::migrations {

namespace {

Error system_exit(int code) { return Error::make("SystemExit", std::to_string(code)); }

Result<Value> eval_expr(const py::Expr& e) {
    using K = py::ExprKind;
    switch (e.kind) {
        case K::kConstant:
            switch (e.const_kind) {
                case py::ConstKind::kNone: return Value::none();
                case py::ConstKind::kBool: return Value::of_bool(e.bool_value);
                case py::ConstKind::kInt: return Value::of_int_text(e.int_text);
                case py::ConstKind::kFloat: return Value::of_float(e.float_value);
                case py::ConstKind::kStr: return Value::of_str(e.id);
                default: break;
            }
            break;
        case K::kUnaryOp:
            if (e.unary_op == py::UnaryOpKind::kUSub) {
                auto v = eval_expr(*e.value);
                if (!v.ok()) return v;
                Value x = v.value();
                if (x.kind == Value::Kind::kInt) x.text = x.text[0] == '-' ? x.text.substr(1) : "-" + x.text;
                else if (x.kind == Value::Kind::kFloat) x = Value::of_float(-x.number);
                return x;
            }
            break;
        case K::kList: case K::kTuple: {
            std::vector<Value> items;
            for (const auto& el : e.elts) {
                auto v = eval_expr(*el);
                if (!v.ok()) return v;
                items.push_back(v.value());
            }
            return e.kind == K::kList ? Value::list(items) : Value::tuple(items);
        }
        case K::kAttribute: {
            std::string path = py::unparse(e);
            if (path == "timezone.now") return Value::ref("django.utils.timezone.now");
            if (path.rfind("datetime.", 0) == 0) return Value::ref(path);
            return Error::make("NameError", "name '" + path.substr(0, path.find('.')) + "' is not defined");
        }
        case K::kCall: {
            std::string callee = py::unparse(*e.value);
            if (callee == "datetime.date" || callee == "datetime.datetime" || callee == "datetime.time") {
                std::vector<Value> args;
                for (const auto& a : e.elts) {
                    auto v = eval_expr(*a);
                    if (!v.ok()) return v;
                    args.push_back(v.value());
                }
                return Value::call(callee, args);
            }
            return Error::make("NameError", "name '" + callee.substr(0, callee.find('.')) + "' is not defined");
        }
        case K::kName:
            return Error::make("NameError", "name '" + e.id + "' is not defined");
        default: break;
    }
    return Error::make("SyntaxError", "gramlab cannot evaluate this default");
}

}  // namespace

Result<Value> eval_default_code(const std::string& code) {
    auto parsed = py::parse_module(code);
    if (!parsed.ok()) return parsed.errors.front();
    if (parsed.module.body.size() != 1 || parsed.module.body[0]->kind != py::StmtKind::kExpr)
        return Error::make("SyntaxError", "invalid syntax");
    return eval_expr(*parsed.module.body[0]->value);
}

Result<Value> NonInteractiveQuestioner::ask_not_null_addition(const std::string&, const std::string&) {
    return system_exit(3);
}
Result<std::optional<Value>> NonInteractiveQuestioner::ask_not_null_alteration(const std::string&,
                                                                                const std::string&) {
    return std::optional<Value>();
}
Result<Value> NonInteractiveQuestioner::ask_auto_now_add_addition(const std::string&, const std::string&) {
    return system_exit(3);
}

std::optional<std::string> InteractiveQuestioner::input(const std::string& prompt) {
    say_(prompt);
    auto line = read_line_();
    say_((line ? *line : std::string()) + "\n");
    return line;
}

bool InteractiveQuestioner::boolean_input(const std::string& question, bool default_answer) {
    auto result = input(question + " ");
    if (!result || result->empty()) return default_answer;
    while (result && (result->empty() || (std::tolower((*result)[0]) != 'y' && std::tolower((*result)[0]) != 'n')))
        result = input("Please answer yes or no: ");
    return result && std::tolower((*result)[0]) == 'y';
}

int InteractiveQuestioner::choice_input(const std::string& question, const std::vector<std::string>& choices) {
    say_(question + "\n");
    for (size_t i = 0; i < choices.size(); ++i) say_(" " + std::to_string(i + 1) + ") " + choices[i] + "\n");
    auto result = input("Select an option: ");
    for (int guard = 0; guard < 100; ++guard) {
        if (!result) return static_cast<int>(choices.size());  // end of input: the last choice (quit)
        char* end = nullptr;
        long v = std::strtol(result->c_str(), &end, 10);
        if (!result->empty() && *end == '\0' && v > 0 && v <= static_cast<long>(choices.size())) return static_cast<int>(v);
        result = input("Please select a valid option: ");
    }
    return static_cast<int>(choices.size());
}

Result<Value> InteractiveQuestioner::ask_default(const std::string& default_code) {
    say_("Please enter the default value now, as valid Python\n");
    if (!default_code.empty())
        say_("You can accept the default '" + default_code +
             "' by pressing 'Enter' or you can provide another value.\n");
    say_("The datetime and django.utils.timezone modules are available, so you can do e.g. timezone.now\n");
    say_("Type 'exit' to exit this prompt\n");
    for (int guard = 0; guard < 100; ++guard) {
        auto code = input(default_code.empty() ? ">>> " : "[default: " + default_code + "] >>> ");
        if (!code) return system_exit(1);
        std::string c = *code;
        if (c.empty() && !default_code.empty()) c = default_code;
        if (c.empty()) {
            say_("Please enter some code, or 'exit' (with no quotes) to exit.\n");
        } else if (c == "exit") {
            return system_exit(1);
        } else {
            auto v = eval_default_code(c);
            if (v.ok()) return v;
            say_("Invalid input: " + v.error().message + "\n");
        }
    }
    return system_exit(1);
}

bool InteractiveQuestioner::ask_rename(const std::string& model_name, const std::string& old_name,
                                       const std::string& new_name, const std::string& field_class) {
    return boolean_input("Did you rename " + model_name + "." + old_name + " to " + model_name + "." + new_name +
                             " (a " + field_class + ")? [y/N]",
                         false);
}

bool InteractiveQuestioner::ask_rename_model(const std::string& app_label, const std::string& old_name,
                                             const std::string& new_name) {
    return boolean_input("Did you rename the " + app_label + "." + old_name + " model to " + new_name + "? [y/N]",
                         false);
}

Result<Value> InteractiveQuestioner::ask_not_null_addition(const std::string& field_name,
                                                           const std::string& model_name) {
    int choice = choice_input(
        "You are trying to add a non-nullable field '" + field_name + "' to " + model_name +
            " without a default; we can't do that (the database needs something to populate existing rows).\n"
            "Please select a fix:",
        {"Provide a one-off default now (will be set on all existing rows with a null value for this column)",
         "Quit, and let me add a default in models.py"});
    if (choice == 2) return system_exit(3);
    return ask_default();
}

Result<std::optional<Value>> InteractiveQuestioner::ask_not_null_alteration(const std::string& field_name,
                                                                            const std::string& model_name) {
    int choice = choice_input(
        "You are trying to change the nullable field '" + field_name + "' on " + model_name +
            " to non-nullable without a default; we can't do that (the database needs something to populate "
            "existing rows).\nPlease select a fix:",
        {"Provide a one-off default now (will be set on all existing rows with a null value for this column)",
         "Ignore for now, and let me handle existing rows with NULL myself (e.g. because you added a RunPython or "
         "RunSQL operation to handle NULL values in a previous data migration)",
         "Quit, and let me add a default in models.py"});
    if (choice == 2) return std::optional<Value>();
    if (choice == 3) return system_exit(3);
    auto v = ask_default();
    if (!v.ok()) return v.take_error();
    return std::optional<Value>(v.value());
}

Result<Value> InteractiveQuestioner::ask_auto_now_add_addition(const std::string& field_name,
                                                               const std::string& model_name) {
    int choice = choice_input("You are trying to add the field '" + field_name + "' with 'auto_now_add=True' to " +
                                  model_name +
                                  " without a default; the database needs something to populate existing rows.\n",
                              {"Provide a one-off default now (will be set on all existing rows)",
                               "Quit, and let me add a default in models.py"});
    if (choice == 2) return system_exit(3);
    return ask_default("timezone.now");
}

}  // namespace gramlab::migrations

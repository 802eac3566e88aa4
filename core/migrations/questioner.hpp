// The questioner makemigrations consults when it cannot decide alone: was a field or model
// renamed, and what one-off default fills existing rows of a new non-null column. Hosts
// implement the asking (a terminal, the playground, a script of answers); the prompts and
// their wording are Django's. Mirrors django/db/migrations/questioner.py.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/common/result.hpp"
#include "core/models/value.hpp"

namespace gramlab::migrations {

class Questioner {
public:
    virtual ~Questioner() = default;
    //! "Did you rename post.writer to post.author_name (a CharField)? [y/N]"
    virtual bool ask_rename(const std::string& model_name, const std::string& old_name, const std::string& new_name,
                            const std::string& field_class) = 0;
    //! "Did you rename the app.Writer model to Author? [y/N]"
    virtual bool ask_rename_model(const std::string& app_label, const std::string& old_name,
                                  const std::string& new_name) = 0;
    //! The one-off default for a new non-null field; an Error (kind "SystemExit") to quit.
    virtual Result<Value> ask_not_null_addition(const std::string& field_name, const std::string& model_name) = 0;
    //! For a field becoming non-null: a default, nullopt to ignore, or SystemExit.
    virtual Result<std::optional<Value>> ask_not_null_alteration(const std::string& field_name,
                                                                 const std::string& model_name) = 0;
    //! For a new auto_now_add field: the one-off default (timezone.now by default).
    virtual Result<Value> ask_auto_now_add_addition(const std::string& field_name, const std::string& model_name) = 0;
};

//! NonInteractiveMigrationQuestioner: never renames; quits (exit code 3) on a needed default.
class NonInteractiveQuestioner : public Questioner {
public:
    bool ask_rename(const std::string&, const std::string&, const std::string&, const std::string&) override {
        return false;
    }
    bool ask_rename_model(const std::string&, const std::string&, const std::string&) override { return false; }
    Result<Value> ask_not_null_addition(const std::string&, const std::string&) override;
    Result<std::optional<Value>> ask_not_null_alteration(const std::string&, const std::string&) override;
    Result<Value> ask_auto_now_add_addition(const std::string&, const std::string&) override;
};

//! InteractiveMigrationQuestioner over a line-based conversation: `say` prints text (no
//! newline added), `read_line` returns the next answer or nullopt at end of input.
class InteractiveQuestioner : public Questioner {
public:
    InteractiveQuestioner(std::function<void(const std::string&)> say,
                          std::function<std::optional<std::string>()> read_line)
        : say_(std::move(say)), read_line_(std::move(read_line)) {}
    bool ask_rename(const std::string& model_name, const std::string& old_name, const std::string& new_name,
                    const std::string& field_class) override;
    bool ask_rename_model(const std::string& app_label, const std::string& old_name,
                          const std::string& new_name) override;
    Result<Value> ask_not_null_addition(const std::string& field_name, const std::string& model_name) override;
    Result<std::optional<Value>> ask_not_null_alteration(const std::string& field_name,
                                                         const std::string& model_name) override;
    Result<Value> ask_auto_now_add_addition(const std::string& field_name, const std::string& model_name) override;

private:
    std::optional<std::string> input(const std::string& prompt);
    bool boolean_input(const std::string& question, bool default_answer);
    int choice_input(const std::string& question, const std::vector<std::string>& choices);
    Result<Value> ask_default(const std::string& default_code = "");

    std::function<void(const std::string&)> say_;
    std::function<std::optional<std::string>()> read_line_;
};

//! Evaluates a default typed at the prompt ("5", "'x'", "timezone.now", "datetime.date(2024, 1, 1)").
Result<Value> eval_default_code(const std::string& code);

}  // namespace gramlab::migrations

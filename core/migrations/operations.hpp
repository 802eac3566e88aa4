// Migration operations: what each does to the project state (state_forwards), how it
// describes itself, what it references (for the optimizer) and how it reduces with a later
// operation. SQL lives in the schema editor (backends/), text in the writer.
// Mirrors django/db/migrations/operations/{models,fields}.py.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/migrations/state.hpp"

namespace gramlab::migrations {

enum class OpKind {
    kCreateModel, kDeleteModel, kAddField, kRemoveField, kAlterField, kRenameField,
    kAddIndex, kRemoveIndex, kAddConstraint, kRemoveConstraint, kAlterUniqueTogether,
    kAlterIndexTogether, kAlterModelOptions, kRenameModel, kAlterModelTable, kRunPython, kRunSQL,
    kAlterModelManagers,
};

struct Operation {
    OpKind kind;
    std::string model;      // CreateModel/DeleteModel name ("Post"); field ops: model_name ("post")
    std::string name;       // field / index / constraint name; RenameField old_name; RenameModel old_name
    std::string new_name;   // RenameField / RenameModel
    Field field;            // AddField / AlterField
    bool preserve_default = true;
    ModelState create;      // CreateModel: fields, options, bases, managers
    Value value;            // AddIndex: index; AddConstraint: constraint; Alter*Together: set; options dict
    std::vector<std::pair<std::string, Value>> options;  // AlterModelOptions
    std::vector<ManagerDef> managers;  // AlterModelManagers
    std::string sql;        // RunSQL (forward)

    std::string model_lower() const { return models::lower(model); }
};

//! "Create model Post", "Add field title to post", ... (Operation.describe()).
std::string describe(const Operation& op);

//! Applies the operation to the state (Operation.state_forwards).
Status state_forwards(const Operation& op, const std::string& app_label, ProjectState& state);

//! Operation.references_model: whether the operation mentions the model (for the optimizer).
bool references_model(const Operation& op, const std::string& name_lower, const std::string& app_label);

//! Operation.reduce(other): nullopt = cannot reduce (False); a value with `through` =
//! True (the other can be optimized through this); or the list replacing both.
struct ReduceResult {
    bool through = false;
    std::vector<Operation> replacement;
    bool has_replacement = false;
};
ReduceResult reduce(const Operation& op, const Operation& other, const std::string& app_label);

//! MigrationOptimizer.optimize: repeatedly reduces pairs until nothing changes.
std::vector<Operation> optimize(std::vector<Operation> ops, const std::string& app_label);

//! The name of an index value (models.Index(...)) or constraint value, as stored.
std::string index_name(const Value& index);

}  // namespace gramlab::migrations

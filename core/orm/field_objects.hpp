// The Python objects _meta hands out for a model's fields: a Field (CharField, ForeignKey, ...)
// with Django's attributes (name, attname, column, max_length, null, blank, primary_key,
// related_model, many_to_many, is_relation, get_internal_type(), ...) and a reverse relation
// (ManyToOneRel, OneToOneRel, ManyToManyRel). Mirrors django/db/models/fields/ and
// fields/reverse_related.py as far as a learner inspects them.
#pragma once

#include "core/models/base.hpp"
#include "core/orm/meta.hpp"
#include "core/shell/interp.hpp"

namespace gramlab::orm {

//! `field` of model `m`: repr "<django.db.models.fields.CharField: location>".
shell::Ref field_object(shell::Interp& in, const models::ModelDef& m, const models::Field& field);
//! A reverse relation of `m`: repr "<ManyToOneRel: instagram.image>".
shell::Ref reverse_relation_object(shell::Interp& in, const models::ModelDef& m, const ReverseRel& rel);

}  // namespace gramlab::orm

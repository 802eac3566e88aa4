// The contrib apps a Django 3.2 startproject installs (auth, contenttypes), written as
// model source that gramlab's own loader reads, so `from django.contrib.auth.models import
// AbstractBaseUser, User` and settings.AUTH_USER_MODEL work as in Django.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gramlab::models {

struct ContribApp {
    std::string_view label;        // "auth"
    std::string_view module;       // "django.contrib.auth.models"
    std::string_view source;       // model source (Python subset)
    std::vector<std::string_view> migrations;  // migration names in order, as Django 3.2 ships them
};

//! The contrib apps gramlab knows, in dependency order (contenttypes before auth).
const std::vector<ContribApp>& contrib_apps();

//! Maps an INSTALLED_APPS entry to its app label: "django.contrib.auth" → "auth",
//! "blog.apps.BlogConfig" → "blog", "blog" → "blog".
std::string app_label_of(const std::string& installed_app);

}  // namespace gramlab::models

// The five benchmark cases of issue 3, shared by every column of the benchmark:
//   statement  what a learner types into `manage.py shell`; the Django baseline
//              (bench/django_baseline.py) executes exactly this text, and gramlab's shell
//              will be given exactly this text (gramlab::shell::Session::run).
//   sql        what Django 3.2 sends to SQLite for it (recorded from real Django 3.2.25 with
//              `django_baseline.py --sql`; bench/run.sh re-checks it on every run), which the
//              hand-written C API baseline prepares once and runs.
//   param      the one bound parameter, or kNoParam.
// The ids are fixed properties of the generated dataset (bench/make_dataset.cpp): post 50000
// exists, user 42 is a "power user" with about 200 posts (so the [:20] slice really cuts).
#pragma once

#include <array>
#include <cstdint>

namespace gramlab::bench {

inline constexpr std::int64_t kNoParam = -1;
inline constexpr std::int64_t kPostPk = 50000;
inline constexpr std::int64_t kPowerUser = 42;

struct Case {
    const char* name;       // benchmark name suffix: BM_CApi/<name>, BM_Gramlab/<name>
    const char* statement;  // the Django shell statement (Python)
    const char* sql;        // Django 3.2's SQL, '?' placeholders
    std::int64_t param;     // bound to the single '?', or kNoParam
};

#define GRAMLAB_POST_COLUMNS                                                                   \
    "\"instagram_post\".\"id\", \"instagram_post\".\"post_author_id\", "                      \
    "\"instagram_post\".\"location\", \"instagram_post\".\"numOfLike\", "                     \
    "\"instagram_post\".\"post_content\", \"instagram_post\".\"is_comment\", "                \
    "\"instagram_post\".\"upload_time\""

inline constexpr std::array<Case, 5> kCases = {{
    {"pk_lookup",
     "p = Post.objects.get(pk=50000)",
     "SELECT " GRAMLAB_POST_COLUMNS " FROM \"instagram_post\" WHERE \"instagram_post\".\"id\" = ? LIMIT 21",
     kPostPk},
    {"fk_filter_order_slice",
     "posts = list(Post.objects.filter(post_author_id=42).order_by('-upload_time')[:20])",
     "SELECT " GRAMLAB_POST_COLUMNS " FROM \"instagram_post\" WHERE \"instagram_post\".\"post_author_id\" = ? "
     "ORDER BY \"instagram_post\".\"upload_time\" DESC LIMIT 20",
     kPowerUser},
    {"select_related_page",
     "posts = list(Post.objects.select_related('post_author')[:20])",
     "SELECT " GRAMLAB_POST_COLUMNS ", \"instagram_user\".\"id\", \"instagram_user\".\"password\", "
     "\"instagram_user\".\"last_login\", \"instagram_user\".\"username\", \"instagram_user\".\"instagram_id\", "
     "\"instagram_user\".\"is_professional\" FROM \"instagram_post\" INNER JOIN \"instagram_user\" "
     "ON (\"instagram_post\".\"post_author_id\" = \"instagram_user\".\"id\") "
     "ORDER BY \"instagram_post\".\"upload_time\" DESC LIMIT 20",
     kNoParam},
    {"annotate_count",
     "posts = list(Post.objects.annotate(n=Count('comment'))[:20])",
     // Django >= 3.1 leaves Meta.ordering out of GROUP BY queries: no ORDER BY here.
     "SELECT " GRAMLAB_POST_COLUMNS ", COUNT(\"instagram_comment\".\"id\") AS \"n\" FROM \"instagram_post\" "
     "LEFT OUTER JOIN \"instagram_comment\" ON (\"instagram_post\".\"id\" = \"instagram_comment\".\"post_id\") "
     "GROUP BY " GRAMLAB_POST_COLUMNS " LIMIT 20",
     kNoParam},
    {"filtered_count",
     "n = Comment.objects.filter(post__post_author_id=42).count()",
     "SELECT COUNT(*) AS \"__count\" FROM \"instagram_comment\" INNER JOIN \"instagram_post\" "
     "ON (\"instagram_comment\".\"post_id\" = \"instagram_post\".\"id\") WHERE \"instagram_post\".\"post_author_id\" = ?",
     kPowerUser},
}};

#undef GRAMLAB_POST_COLUMNS

}  // namespace gramlab::bench

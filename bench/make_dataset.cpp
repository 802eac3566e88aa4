// make_dataset: the benchmark's large Instagram database, deterministic and cached.
//
//   make_dataset --gramlab PATH/TO/gramlab [--source-dir REPO] [--out-dir DIR] [--force]
//
// 1. The schema is made the way a learner makes it: the given (release) gramlab binary runs
//    `gramlab migrate --models examples/instagram/models.py --settings
//    examples/instagram/settings.py --database sqlite:///FILE --now 2024-01-15T12:00:00Z`,
//    i.e. the committed migrations of examples/instagram (plus contrib auth/contenttypes).
// 2. The rows are inserted with prepared statements in one transaction (foreign keys on and
//    checked at COMMIT, as Django's deferred constraints are), values stored the way Django
//    3.2 stores them on SQLite (datetimes as UTC text "YYYY-MM-DD HH:MM:SS[.ffffff]",
//    booleans 0/1, unusable passwords "!" + 40 characters as make_password(None) makes them).
//
// The content is fixed by kSeed and a hand-written PRNG (no std:: distributions, whose
// output differs between standard libraries): the same generator version gives the same rows,
// and with the same SQLite the same bytes. Sizes: 10,000 users, ~6,000 profiles, 100,000
// posts, ~95,000 images, 300,000 comments, 3,000 stories; Korean text (and emoji) in every
// content field, blanks in optional profile fields, NULL last_login for ~30% of users.
// Fixed properties the benchmark cases rely on (bench/cases.hpp): post 50000 exists; users
// 1..100 are "power users" who wrote 20% of the posts (~200 each), e.g. user 42.
//
// Output: the file is written under a temporary name and renamed when complete, to
//   <out-dir>/instagram-g<kGeneratorVersion>-<hash of the example's models/settings/migrations>.sqlite3
// An existing file with that name is reused (nothing is generated). The path is printed on
// stdout; progress and statistics go to stderr. Bump kGeneratorVersion whenever the
// generated content changes.
#include <sqlite3.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

constexpr int kGeneratorVersion = 1;
constexpr std::uint64_t kSeed = 20240115;

constexpr int kUsers = 10000;
constexpr int kPowerUsers = 100;  // users 1..100 write 20% of the posts
constexpr int kPosts = 100000;
constexpr int kComments = 300000;
constexpr int kStories = 3000;

[[noreturn]] void die(const std::string& msg) {
    std::fprintf(stderr, "make_dataset: %s\n", msg.c_str());
    std::exit(2);
}

// ---- deterministic randomness -------------------------------------------------------------
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {  // splitmix64
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) {  // [0, n)
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }
    std::int64_t range(std::int64_t lo, std::int64_t hi) {  // [lo, hi]
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo + 1)));
    }
    bool percent(int p) { return below(100) < static_cast<std::uint64_t>(p); }
    template <typename T, std::size_t N>
    const T& pick(const std::array<T, N>& a) {
        return a[below(N)];
    }
};

// ---- datetimes as Django stores them --------------------------------------------------------
constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kDay = 86400 * kSecond;

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::int64_t utc(int y, unsigned m, unsigned d) { return days_from_civil(y, m, d) * kDay; }

// str(datetime) of the naive UTC value: Django's SQLite adapt_datetimefield_value.
std::string django_datetime(std::int64_t micros) {
    std::int64_t days = micros / kDay;
    std::int64_t rem = micros % kDay;
    if (rem < 0) { rem += kDay; --days; }
    // civil_from_days (H. Hinnant)
    const std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    const std::int64_t secs = rem / kSecond, us = rem % kSecond;
    char buf[40];
    if (us)
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld.%06lld", static_cast<long long>(y), m, d,
                      static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                      static_cast<long long>(secs % 60), static_cast<long long>(us));
    else
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld", static_cast<long long>(y), m, d,
                      static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                      static_cast<long long>(secs % 60));
    return buf;
}

// ---- text ---------------------------------------------------------------------------------
using S = const char*;
constexpr std::array<S, 20> kSurnames = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임",
                                         "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"};
constexpr std::array<S, 20> kSurnamesLatin = {"kim", "lee",  "park", "choi", "jung", "kang", "cho",
                                              "yoon", "jang", "lim", "han",  "oh",   "seo",  "shin",
                                              "kwon", "hwang", "ahn", "song", "ryu", "hong"};
constexpr std::array<S, 20> kGiven = {"민준", "서연", "도윤", "서윤", "시우", "지우", "하준", "하은", "주원", "지호",
                                      "지민", "수아", "예준", "지유", "유준", "채원", "건우", "서현", "현우", "민서"};
constexpr std::array<S, 20> kGivenLatin = {"minjun", "seoyeon", "doyoon", "seoyun", "siwoo",  "jiwoo",  "hajun",
                                           "haeun",  "juwon",   "jiho",   "jimin",  "sua",    "yejun",  "jiyu",
                                           "yujun",  "chaewon", "geonwoo", "seohyun", "hyunwoo", "minseo"};
constexpr std::array<S, 16> kLocations = {"서울 강남구",     "서울 마포구 연남동", "부산 해운대",     "제주도 서귀포시",
                                          "대구 동성로",     "인천 송도",          "광주 충장로",     "대전 유성구",
                                          "경주 불국사",     "강릉 경포대",        "전주 한옥마을",   "여수 밤바다",
                                          "속초 설악산",     "서울 종로구 익선동", "수원 화성",       "Seoul, South Korea"};
constexpr std::array<S, 10> kOpeners = {"오늘은", "주말에", "드디어", "오랜만에", "퇴근하고",
                                        "아침 일찍", "친구들이랑", "가족과 함께", "혼자서", "비 오는 날"};
constexpr std::array<S, 10> kPlaces = {"한강공원에서", "카페에서",     "바닷가에서", "산 정상에서",  "시장에서",
                                       "전시회에서",   "동네 맛집에서", "도서관에서", "캠핑장에서", "공항에서"};
constexpr std::array<S, 10> kActions = {"커피 한 잔 했어요",    "산책을 했어요",      "사진을 많이 찍었어요",
                                        "맛있는 떡볶이를 먹었어요", "노을을 봤어요",  "책을 읽었어요",
                                        "새 운동화를 샀어요",   "자전거를 탔어요",    "친구 생일을 축하했어요",
                                        "여유를 즐겼어요"};
constexpr std::array<S, 8> kFeelings = {"정말 행복했다.",     "너무 좋았어요!",  "다음에 또 오고 싶다.", "피곤하지만 뿌듯해요.",
                                        "날씨가 완벽했어요 ☀️", "기분 최고 😊", "잊지 못할 하루.",      "추천합니다 👍"};
constexpr std::array<S, 12> kHashtags = {"#일상", "#데일리", "#여행",     "#맛집",        "#카페",        "#주말",
                                         "#행복", "#서울",   "#instagood", "#먹스타그램", "#오늘의기록", "#풍경"};
constexpr std::array<S, 15> kReactions = {"좋아요!",        "너무 멋져요 👍", "어디예요?",      "저도 가보고 싶어요",
                                          "사진 진짜 예쁘다", "ㅋㅋㅋㅋ",       "와 대박",        "다음에 같이 가요!",
                                          "부러워요 ㅠㅠ",   "맛있겠다 😋",    "분위기 좋네요",  "잘 보고 갑니다",
                                          "오 여기 어디야?", "최고예요 🔥",    "축하해!"};
constexpr std::array<S, 8> kStoryTexts = {"출근길 ☕", "오늘의 점심", "운동 완료 💪", "퇴근!",
                                       "비 온다 🌧️", "주말 계획 세우는 중", "새벽 감성", "여행 준비 중 ✈️"};
constexpr std::array<S, 8> kBios = {"서울 사는 직장인",         "커피와 여행을 좋아해요 ☕✈️", "사진 찍는 걸 좋아합니다 📷",
                                    "맛집 탐방 중",             "일상 기록용 계정",            "고양이 집사 🐱",
                                    "운동하는 개발자",          "매일 조금씩 성장하기"};

std::string post_text(Rng& r) {
    std::string s;
    const int sentences = static_cast<int>(r.range(1, 3));
    for (int i = 0; i < sentences; ++i) {
        if (!s.empty()) s += ' ';
        s += r.pick(kOpeners);
        s += ' ';
        s += r.pick(kPlaces);
        s += ' ';
        s += r.pick(kActions);
        s += ". ";
        s += r.pick(kFeelings);
    }
    const int tags = static_cast<int>(r.below(5));
    for (int i = 0; i < tags; ++i) {
        s += (i == 0 ? "\n" : " ");
        s += r.pick(kHashtags);
    }
    return s;
}

std::string comment_text(Rng& r, const std::vector<std::string>& instagram_ids) {
    std::string s;
    if (r.percent(15)) {
        s += '@';
        s += instagram_ids[r.below(instagram_ids.size())];
        s += ' ';
    }
    s += r.pick(kReactions);
    if (r.percent(30)) {
        s += ' ';
        s += r.pick(kReactions);
    }
    return s;
}

// ---- SQLite helpers -----------------------------------------------------------------------
struct Db {
    sqlite3* h = nullptr;
    ~Db() { sqlite3_close(h); }
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string m = err ? err : "?";
            sqlite3_free(err);
            die(sql + ": " + m);
        }
    }
    std::int64_t scalar(const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) die(sql + ": " + sqlite3_errmsg(h));
        std::int64_t v = -1;
        if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        return v;
    }
};

// One INSERT prepared once; add() binds the values in order, steps and resets.
class Insert {
public:
    Insert(Db& db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db.h, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
            die(sql + ": " + sqlite3_errmsg(db.h));
    }
    ~Insert() { sqlite3_finalize(st_); }
    Insert& i64(std::int64_t v) { sqlite3_bind_int64(st_, ++col_, v); return *this; }
    Insert& text(const std::string& v) {
        sqlite3_bind_text(st_, ++col_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Insert& null() { sqlite3_bind_null(st_, ++col_); return *this; }
    void add() {
        if (sqlite3_step(st_) != SQLITE_DONE) die(std::string("insert failed: ") + sqlite3_errmsg(db_.h));
        sqlite3_reset(st_);
        col_ = 0;
    }

private:
    Db& db_;
    sqlite3_stmt* st_ = nullptr;
    int col_ = 0;
};

// ---- the cache key ------------------------------------------------------------------------
std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    if (!f) die("cannot read " + p.string());
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// FNV-1a 64 over the inputs that decide the schema: models.py, settings.py, migrations/*.py.
std::string schema_hash(const fs::path& app) {
    std::vector<fs::path> files = {app / "models.py", app / "settings.py"};
    std::vector<fs::path> migrations;
    for (const auto& e : fs::directory_iterator(app / "migrations"))
        if (e.path().extension() == ".py") migrations.push_back(e.path());
    std::sort(migrations.begin(), migrations.end());
    files.insert(files.end(), migrations.begin(), migrations.end());
    std::uint64_t h = 0xcbf29ce484222325ULL;
    auto feed = [&](const std::string& s) {
        for (unsigned char c : s) { h ^= c; h *= 0x100000001b3ULL; }
        h ^= 0xff; h *= 0x100000001b3ULL;  // separator
    };
    for (const auto& f : files) {
        feed(f.filename().string());
        feed(read_file(f));
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string(buf, 12);
}

// Runs argv with its stdout sent to our stderr; returns the exit status.
int run(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);
    pid_t pid;
    const int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) die("cannot run " + args[0]);
    int status = 0;
    if (waitpid(pid, &status, 0) < 0) die("waitpid failed");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// ---- the rows -----------------------------------------------------------------------------
void fill(Db& db) {
    Rng r{kSeed};
    const std::int64_t t_start = utc(2022, 1, 1);

    // Users
    std::vector<std::string> instagram_ids(kUsers);
    {
        Insert ins(db, "INSERT INTO \"instagram_user\" (\"id\", \"password\", \"last_login\", \"username\", "
                       "\"instagram_id\", \"is_professional\") VALUES (?, ?, ?, ?, ?, ?)");
        static const char kAlnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int id = 1; id <= kUsers; ++id) {
            const auto sn = r.below(kSurnames.size()), gn = r.below(kGiven.size());
            std::string password = "!";
            for (int i = 0; i < 40; ++i) password += kAlnum[r.below(62)];
            char iid[40];
            std::snprintf(iid, sizeof iid, "%s.%s_%05d", kGivenLatin[gn], kSurnamesLatin[sn], id);
            instagram_ids[id - 1] = iid;
            ins.i64(id).text(password);
            if (r.percent(70))
                ins.text(django_datetime(utc(2023, 6, 1) + r.range(0, 200 * kDay)));
            else
                ins.null();
            ins.text(std::string(kSurnames[sn]) + kGiven[gn]).text(iid).i64(r.percent(10) ? 1 : 0).add();
        }
    }
    // Profiles (~60% of users)
    int profiles = 0;
    {
        Insert ins(db, "INSERT INTO \"instagram_profile\" (\"id\", \"user_id\", \"profile_picture\", \"profile_name\", "
                       "\"profile_website\", \"profile_info\") VALUES (?, ?, ?, ?, ?, ?)");
        for (int user = 1; user <= kUsers; ++user) {
            if (!r.percent(60)) continue;
            const std::string& iid = instagram_ids[user - 1];
            ins.i64(++profiles).i64(user);
            ins.text(r.percent(50) ? "profile/" + iid + ".jpg" : "");
            ins.text(std::string(r.pick(kGiven)) + (r.percent(50) ? " 🌸" : "의 일상"));
            ins.text(r.percent(30) ? "https://blog.example.kr/" + iid : "");
            ins.text(r.percent(50) ? std::string(r.pick(kBios)) : "");
            ins.add();
        }
    }
    // Posts: creation times strictly increasing (one every ~10 minutes over two years);
    // upload_time is auto_now, so ~10% were edited later. All upload_time values distinct, so
    // ORDER BY upload_time has one answer in every implementation.
    std::vector<std::int64_t> created(kPosts + 1);
    std::int64_t t = t_start;
    for (int id = 1; id <= kPosts; ++id) {
        t += r.range(1, 1260) * kSecond + r.range(0, kSecond - 1);
        created[id] = t;
    }
    std::unordered_set<std::int64_t> used(created.begin() + 1, created.end());
    {
        Insert ins(db, "INSERT INTO \"instagram_post\" (\"id\", \"post_author_id\", \"location\", \"numOfLike\", "
                       "\"post_content\", \"is_comment\", \"upload_time\") VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (int id = 1; id <= kPosts; ++id) {
            const std::int64_t author = r.percent(20) ? r.range(1, kPowerUsers) : r.range(1, kUsers);
            std::int64_t upload = created[id];
            if (r.percent(10)) {
                upload += r.range(1, 30 * kDay);
                while (!used.insert(upload).second) ++upload;
            }
            const std::int64_t likes = r.percent(5) ? r.range(0, 100000) : r.range(0, 1000);
            ins.i64(id).i64(author).text(r.pick(kLocations)).i64(likes).text(post_text(r));
            ins.i64(r.percent(95) ? 1 : 0).text(django_datetime(upload)).add();
        }
    }
    // Images: 0-3 per post
    int images = 0;
    {
        Insert ins(db, "INSERT INTO \"instagram_image\" (\"id\", \"post_id\", \"img_url\") VALUES (?, ?, ?)");
        for (int post = 1; post <= kPosts; ++post) {
            const auto x = r.below(100);
            const int k = x < 40 ? 0 : x < 75 ? 1 : x < 90 ? 2 : 3;
            for (int i = 1; i <= k; ++i) {
                ins.i64(++images).i64(post)
                    .text("https://cdn.example.com/posts/" + std::to_string(post) + "/" + std::to_string(i) + ".jpg")
                    .add();
            }
        }
    }
    // Comments: on uniformly chosen posts, within two weeks after the post was created
    {
        Insert ins(db, "INSERT INTO \"instagram_comment\" (\"id\", \"post_id\", \"comment_author_id\", "
                       "\"comment_content\", \"upload_time\") VALUES (?, ?, ?, ?, ?)");
        for (int id = 1; id <= kComments; ++id) {
            const std::int64_t post = r.range(1, kPosts);
            ins.i64(id).i64(post).i64(r.range(1, kUsers)).text(comment_text(r, instagram_ids));
            ins.text(django_datetime(created[post] + r.range(kSecond, 14 * kDay))).add();
        }
    }
    // Stories
    {
        Insert ins(db, "INSERT INTO \"instagram_story\" (\"id\", \"story_author_id\", \"story_content\", "
                       "\"upload_time\") VALUES (?, ?, ?, ?)");
        for (int id = 1; id <= kStories; ++id) {
            ins.i64(id).i64(r.range(1, kUsers)).text(r.pick(kStoryTexts));
            ins.text(django_datetime(utc(2023, 12, 1) + r.range(0, 31 * kDay))).add();
        }
    }
}

// What the benchmark relies on, printed to stderr (bench/run.sh copies it into the docs).
void print_stats(Db& db) {
    std::fprintf(stderr,
                 "make_dataset: users %lld, profiles %lld, posts %lld, images %lld, comments %lld, stories %lld\n"
                 "make_dataset: user %d has %lld posts and %lld comments on them; post %d exists: %lld\n",
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_user")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_profile")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_post")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_image")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_comment")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_story")), 42,
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_post WHERE post_author_id = 42")),
                 static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_comment c JOIN instagram_post p "
                                                  "ON c.post_id = p.id WHERE p.post_author_id = 42")),
                 50000, static_cast<long long>(db.scalar("SELECT COUNT(*) FROM instagram_post WHERE id = 50000")));
}

}  // namespace

int main(int argc, char** argv) {
    std::string gramlab, out_dir;
#ifdef GRAMLAB_SOURCE_DIR
    std::string source_dir = GRAMLAB_SOURCE_DIR;
#else
    std::string source_dir = ".";
#endif
    bool force = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) die(a + " needs a value");
            return argv[++i];
        };
        if (a == "--gramlab") gramlab = value();
        else if (a == "--source-dir") source_dir = value();
        else if (a == "--out-dir") out_dir = value();
        else if (a == "--force") force = true;
        else if (a == "--version") { std::printf("%d\n", kGeneratorVersion); return 0; }
        else if (a == "--help" || a == "-h") {
            std::printf("usage: make_dataset --gramlab PATH [--source-dir REPO] [--out-dir DIR] [--force]\n");
            return 0;
        } else die("unknown argument " + a);
    }
    if (gramlab.empty()) die("--gramlab PATH (the release gramlab binary) is required");
    const fs::path app = fs::path(source_dir) / "examples" / "instagram";
    if (out_dir.empty()) out_dir = (fs::path(source_dir) / ".cache" / "bench").string();
    fs::create_directories(out_dir);
    const fs::path out = fs::absolute(fs::path(out_dir) / ("instagram-g" + std::to_string(kGeneratorVersion) + "-" +
                                                           schema_hash(app) + ".sqlite3"));
    if (fs::exists(out) && !force) {
        std::fprintf(stderr, "make_dataset: cached %s\n", out.c_str());
        Db db;
        if (sqlite3_open_v2(out.c_str(), &db.h, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            die("cannot open " + out.string());
        print_stats(db);
        std::printf("%s\n", out.c_str());
        return 0;
    }

    const fs::path tmp = out.string() + ".tmp";
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(tmp.string() + suffix);
    const auto t0 = std::chrono::steady_clock::now();
    std::fprintf(stderr, "make_dataset: %s migrate (schema of examples/instagram)\n", gramlab.c_str());
    const int rc = run({gramlab, "migrate", "--models", (app / "models.py").string(), "--settings",
                        (app / "settings.py").string(), "--database", "sqlite:///" + tmp.string(), "--now",
                        "2024-01-15T12:00:00Z"});
    if (rc != 0) die("gramlab migrate failed (exit " + std::to_string(rc) + ")");

    {
        Db db;
        if (sqlite3_open_v2(tmp.c_str(), &db.h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
            die("cannot open " + tmp.string());
        for (const char* table : {"instagram_user", "instagram_profile", "instagram_post", "instagram_image",
                                  "instagram_comment", "instagram_story"}) {
            if (db.scalar(std::string("SELECT COUNT(*) FROM \"") + table + "\"") != 0)
                die(std::string("table ") + table + " missing or not empty after migrate");
        }
        // Journal off and no fsync while filling: neither setting persists in the file.
        db.exec("PRAGMA foreign_keys = ON; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
        db.exec("BEGIN");
        fill(db);
        db.exec("COMMIT");  // deferred foreign keys are checked here

        print_stats(db);
    }
    fs::rename(tmp, out);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "make_dataset: wrote %s (%.1f MB) in %.1f s\n", out.c_str(),
                 static_cast<double>(fs::file_size(out)) / 1e6, secs);
    std::printf("%s\n", out.c_str());
    return 0;
}

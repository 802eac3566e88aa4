// Tests for Django's password hashing (core/auth/hashers.cpp) and the seeded randomness it
// draws salts from (core/common/random.hpp). Mirrors Django's tests/auth_tests/test_hashers.py.
//
// Golden encoded passwords were made with real Django 3.2.25 (/usr/bin/python3):
//   from django.conf import settings; settings.configure()
//   from django.contrib.auth.hashers import make_password, PBKDF2PasswordHasher
//   make_password('비밀번호123', salt='gramlabsalt01')      # 260000 iterations
//   PBKDF2PasswordHasher().encode('pw', 'abc', 1)           # fewer iterations for cheap cases
// Only two checks in the whole suite run the full 260000 iterations (tests run under ASan and
// as WASM): DjangoGoldenAt260000Iterations and CheckPasswordAcceptsDjangoHashAt260000.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/auth/hashers.hpp"
#include "core/common/base64.hpp"

using namespace gramlab;
using namespace gramlab::auth;

namespace {

// PBKDF2PasswordHasher().encode(password, salt, iterations) in Django 3.2.25.
struct Golden {
    const char* password;
    const char* salt;
    uint32_t iterations;
    const char* encoded;
};

const Golden kDjangoGolden[] = {
    {"pw", "abc", 1, "pbkdf2_sha256$1$abc$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY="},
    {"pw", "abc", 2, "pbkdf2_sha256$2$abc$C6LhxlXjdcJxq3pUq3sgHZyk5blk7+S6zblohXPjxII="},
    {"wrong", "abc", 1, "pbkdf2_sha256$1$abc$+MJlXvNEaUvUUvxS3FJIZnC/bgSYzobTABmOFZxu5ZQ="},
    {"비밀번호123", "gramlabsalt01", 2, "pbkdf2_sha256$2$gramlabsalt01$gm7rn0mEU6HNurx6pvmRnypLSD316Vi6o1WogRFGcDk="},
    {"한글 패스워드 🙂", "소금", 10, "pbkdf2_sha256$10$소금$I44OYXCRJY/p7YG/Wr3EZmOaiXUQRdGp+GMns29xRlk="},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
     "longpasswordsalt", 3, "pbkdf2_sha256$3$longpasswordsalt$AgfVCRxP/iN3oZtAQ6SxBJbEJ5SotjIftBXAUybQDTg="},
    {"", "emptypw", 1, "pbkdf2_sha256$1$emptypw$22VMz1wDPnaIl7XAAWq4CaFiM+vGIOe4qH77CvyZtQg="},
};

// make_password('비밀번호123', salt='gramlabsalt01') and make_password('pw', salt='abc').
constexpr const char* kKoreanAt260000 =
    "pbkdf2_sha256$260000$gramlabsalt01$VK+lf9PYiBS2RP/hqg7Q5l7yO0beAvmLAjk1s2GmPp8=";
constexpr const char* kPwAt260000 = "pbkdf2_sha256$260000$abc$DSacBknn4fvdQDGcMW+j7JUw3WxnW2Xykvk5uxq1GXU=";

std::string error_of(const Result<std::string>& r) { return r.ok() ? "ok: " + r.value() : r.error().to_string(); }

}  // namespace

// --- randomness -----------------------------------------------------------------------------

TEST(HasherRandomTest, SplitMix64MatchesReferenceStream) {
    // Vigna's splitmix64.c from seed 0.
    SplitMix64 r(0);
    EXPECT_EQ(r.next(), 0xe220a8397b1dcdafull);
    EXPECT_EQ(r.next(), 0x6e789e6aa1b965f4ull);
    EXPECT_EQ(r.next(), 0x06c45d188009454full);
}

TEST(HasherRandomTest, GetRandomStringIsReproducibleAndUsesDjangoAlphabet) {
    SplitMix64 a(42), b(42), c(43);
    std::string s = get_random_string(a, 64);
    EXPECT_EQ(s, get_random_string(b, 64));
    EXPECT_NE(s, get_random_string(c, 64));
    EXPECT_EQ(s.size(), 64u);
    EXPECT_EQ(s.find_first_not_of(kRandomStringChars), std::string::npos);
    SplitMix64 d(1);
    EXPECT_EQ(get_random_string(d, 5, "x"), "xxxxx");
    EXPECT_EQ(get_random_string(d, 5, ""), "");
}

TEST(HasherRandomTest, RandomBelowCoversRangeUniformly) {
    SplitMix64 r(9);
    int counts[6] = {};
    for (int i = 0; i < 6000; ++i) ++counts[random_below(r, 6)];
    for (int n : counts) {
        EXPECT_GT(n, 850);
        EXPECT_LT(n, 1150);
    }
    EXPECT_EQ(random_below(r, 1), 0u);
}

// --- PBKDF2PasswordHasher -------------------------------------------------------------------

TEST(PBKDF2PasswordHasherTest, EncodeMatchesDjangoGolden) {
    PBKDF2PasswordHasher hasher;
    for (const Golden& g : kDjangoGolden) {
        EXPECT_EQ(error_of(hasher.encode(g.password, g.salt, g.iterations)), std::string("ok: ") + g.encoded)
            << g.password;
    }
}

TEST(PBKDF2PasswordHasherTest, DjangoGoldenAt260000Iterations) {
    // A Korean (UTF-8) password at Django 3.2's default work factor; the first of the two
    // full-cost checks in the suite.
    EXPECT_EQ(error_of(make_password("비밀번호123", "gramlabsalt01")), std::string("ok: ") + kKoreanAt260000);
}

TEST(PBKDF2PasswordHasherTest, SaltsAre22CharactersAndReproducible) {
    PBKDF2PasswordHasher hasher;
    SplitMix64 a(42), b(42);
    std::string salt = hasher.salt(a);
    EXPECT_EQ(salt, "z72SYu7MDwnY8NCONRJsMf");
    EXPECT_EQ(hasher.salt(b), salt);
    EXPECT_NE(hasher.salt(a), salt);
}

TEST(PBKDF2PasswordHasherTest, EncodeRejectsEmptySaltAndDollar) {
    PBKDF2PasswordHasher hasher;
    EXPECT_EQ(error_of(hasher.encode("pw", "", 1)), "AssertionError");
    EXPECT_EQ(error_of(hasher.encode("pw", "a$b", 1)), "AssertionError");
    EXPECT_EQ(error_of(make_password("pw", "")), "AssertionError");
}

TEST(PBKDF2PasswordHasherTest, ZeroIterationsMeansTheHashersOwn) {
    PBKDF2PasswordHasher two(2);
    EXPECT_EQ(two.iterations(), 2u);
    EXPECT_EQ(error_of(two.encode("pw", "abc")), std::string("ok: ") + kDjangoGolden[1].encoded);
}

TEST(PBKDF2PasswordHasherTest, DecodeSplitsFourFields) {
    PBKDF2PasswordHasher hasher;
    Result<DecodedPassword> d = hasher.decode(kPwAt260000);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->algorithm, "pbkdf2_sha256");
    EXPECT_EQ(d->iterations, 260000u);
    EXPECT_EQ(d->salt, "abc");
    EXPECT_EQ(d->hash, "DSacBknn4fvdQDGcMW+j7JUw3WxnW2Xykvk5uxq1GXU=");
    // split('$', 3): any further '$' belongs to the hash.
    Result<DecodedPassword> extra = hasher.decode("pbkdf2_sha256$1$abc$x$y");
    ASSERT_TRUE(extra.ok());
    EXPECT_EQ(extra->hash, "x$y");
}

TEST(PBKDF2PasswordHasherTest, DecodeErrorsCarryPythonMessages) {
    PBKDF2PasswordHasher hasher;
    auto err = [&](std::string_view encoded) {
        Result<DecodedPassword> d = hasher.decode(encoded);
        return d.ok() ? std::string("ok") : d.error().to_string();
    };
    EXPECT_EQ(err("pbkdf2_sha256$1$salt"), "ValueError: not enough values to unpack (expected 4, got 3)");
    EXPECT_EQ(err("pbkdf2_sha256"), "ValueError: not enough values to unpack (expected 4, got 1)");
    EXPECT_EQ(err("pbkdf2_sha256$abc$salt$hash"), "ValueError: invalid literal for int() with base 10: 'abc'");
    EXPECT_EQ(err("pbkdf2_sha256$$salt$hash"), "ValueError: invalid literal for int() with base 10: ''");
    EXPECT_EQ(err("pbkdf2_sha256$99999999999$salt$hash"),
              "ValueError: invalid literal for int() with base 10: '99999999999'");
    EXPECT_EQ(err("md5$1$salt$hash"), "AssertionError");
}

TEST(PBKDF2PasswordHasherTest, VerifyComparesTheWholeEncodedString) {
    PBKDF2PasswordHasher hasher;
    EXPECT_TRUE(hasher.verify("pw", kDjangoGolden[0].encoded));
    EXPECT_FALSE(hasher.verify("pW", kDjangoGolden[0].encoded));
    EXPECT_TRUE(hasher.verify("한글 패스워드 🙂", kDjangoGolden[4].encoded));
    EXPECT_TRUE(hasher.verify("", kDjangoGolden[6].encoded));
    // Same derived key, but not as Django prints it: unpadded hash, leading-zero iterations.
    EXPECT_FALSE(hasher.verify("pw", "pbkdf2_sha256$1$abc$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY"));
    EXPECT_FALSE(hasher.verify("pw", "pbkdf2_sha256$01$abc$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY="));
    EXPECT_FALSE(hasher.verify("pw", "pbkdf2_sha256$0$abc$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY="));
    EXPECT_FALSE(hasher.verify("pw", "pbkdf2_sha256$1$$S9VRebWDtVpJrvCSC/54KHyFg+k0nspnR67lr5y4XzY="));
}

TEST(PBKDF2PasswordHasherTest, MustUpdateOnOtherIterationsOrShortSalt) {
    PBKDF2PasswordHasher hasher;
    // 22 characters carry 131 bits >= 128; 21 carry 125.
    EXPECT_FALSE(hasher.must_update("pbkdf2_sha256$260000$7Ghf2mN0qLkR3sTuVwXyZa$x"));
    EXPECT_TRUE(hasher.must_update("pbkdf2_sha256$260000$7Ghf2mN0qLkR3sTuVwXyZ$x"));
    EXPECT_TRUE(hasher.must_update("pbkdf2_sha256$1$7Ghf2mN0qLkR3sTuVwXyZa$x"));
    EXPECT_TRUE(hasher.must_update(kPwAt260000));  // salt "abc"
    EXPECT_FALSE(hasher.must_update("pbkdf2_sha256$x"));
}

// --- module functions -----------------------------------------------------------------------

TEST(HashersTest, CheckPasswordAcceptsDjangoHashAt260000) {
    // The second and last full-cost check in the suite.
    EXPECT_TRUE(check_password("pw", kPwAt260000));
}

TEST(HashersTest, CheckPasswordTrueAndFalse) {
    EXPECT_TRUE(check_password("pw", kDjangoGolden[0].encoded));
    EXPECT_FALSE(check_password("wrong", kDjangoGolden[0].encoded));
    EXPECT_TRUE(check_password("wrong", kDjangoGolden[2].encoded));
    EXPECT_TRUE(check_password("비밀번호123", kDjangoGolden[3].encoded));
    EXPECT_FALSE(check_password("비밀번호124", kDjangoGolden[3].encoded));
    EXPECT_FALSE(check_password("", kDjangoGolden[0].encoded));
    EXPECT_TRUE(check_password(std::string(100, 'x'), kDjangoGolden[5].encoded));
    EXPECT_FALSE(check_password(std::string(99, 'x'), kDjangoGolden[5].encoded));
}

TEST(HashersTest, CheckPasswordFalseForMissingMalformedAndUnknown) {
    EXPECT_FALSE(check_password(std::nullopt, kDjangoGolden[0].encoded));
    EXPECT_FALSE(check_password("pw", ""));
    EXPECT_FALSE(check_password("pw", "pbkdf2_sha256$abc$salt$hash"));  // Django raises ValueError here
    EXPECT_FALSE(check_password("pw", "pbkdf2_sha256$1$salt"));         // Django raises ValueError here
    EXPECT_FALSE(check_password("pw", "pbkdf2_sha256$0$abc$x"));
    EXPECT_FALSE(check_password("pw", "md5$x$y"));
    EXPECT_FALSE(check_password("pw", "pbkdf2_sha1$1$abc$hash"));
    EXPECT_FALSE(check_password("pw", std::string(32, 'a')));  // would be unsalted MD5
    EXPECT_FALSE(check_password("pw", "default$1$abc$hash"));
}

TEST(HashersTest, CheckPasswordCallsSetterOnlyWhenCorrectAndOutdated) {
    std::vector<std::string> calls;
    auto setter = [&](std::string_view raw) { calls.emplace_back(raw); };
    // Django: check_password('pw', <1 iteration>, setter=...) → True, setter('pw').
    EXPECT_TRUE(check_password("pw", kDjangoGolden[0].encoded, setter));
    EXPECT_FALSE(check_password("nope", kDjangoGolden[0].encoded, setter));
    ASSERT_EQ(calls.size(), 1u);
    EXPECT_EQ(calls[0], "pw");
}

TEST(HashersTest, UnusablePasswordIsBangPlus40SeededCharacters) {
    SplitMix64 a(42), b(42);
    Result<std::string> p = make_password(std::nullopt, a);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value(), "!z72SYu7MDwnY8NCONRJsMfb5QNVfDvXs1etrbNgu");
    EXPECT_EQ(p->size(), 1 + kUnusablePasswordSuffixLength);
    EXPECT_EQ(p.value(), make_password(std::nullopt, b).value());
    EXPECT_FALSE(is_password_usable(p.value()));
    EXPECT_FALSE(check_password("", p.value()));
    EXPECT_FALSE(check_password(p.value(), p.value()));
    EXPECT_FALSE(check_password("pw", "!"));
}

TEST(HashersTest, IsPasswordUsable) {
    EXPECT_TRUE(is_password_usable(kPwAt260000));
    EXPECT_TRUE(is_password_usable(""));
    EXPECT_TRUE(is_password_usable("garbage"));
    EXPECT_TRUE(is_password_usable(std::nullopt));
    EXPECT_FALSE(is_password_usable("!"));
    EXPECT_FALSE(is_password_usable("!abc"));
}

TEST(HashersTest, MakePasswordDrawsReproducibleSalt) {
    // Seed 7 gives salt "7sE7eLYshlb4ymAett9wPp"; Django 3.2.25:
    //   PBKDF2PasswordHasher().encode('비밀번호', '7sE7eLYshlb4ymAett9wPp', 1)
    PBKDF2PasswordHasher fast(1);
    SplitMix64 r(7);
    EXPECT_EQ(error_of(make_password("비밀번호", r, {}, fast)),
              "ok: pbkdf2_sha256$1$7sE7eLYshlb4ymAett9wPp$K622LAGdU2qURQBxJ8qMocgTEZoSoljOp4/6pjyeZSA=");
    SplitMix64 unused(7);
    EXPECT_EQ(error_of(make_password("pw", unused, "abc", fast)), std::string("ok: ") + kDjangoGolden[0].encoded);
    EXPECT_EQ(error_of(make_password("pw", unused, "a$bc", fast)), "AssertionError");
}

TEST(HashersTest, IdentifyHasherByPrefix) {
    auto algorithm = [](std::string_view encoded) {
        Result<const PBKDF2PasswordHasher*> h = identify_hasher(encoded);
        return h.ok() ? std::string((*h)->algorithm()) : h.error().to_string();
    };
    EXPECT_EQ(algorithm(kPwAt260000), "pbkdf2_sha256");
    EXPECT_EQ(algorithm("pbkdf2_sha256"), "pbkdf2_sha256");
    EXPECT_EQ(algorithm("default$x"), "pbkdf2_sha256");  // Django's get_hasher('default'), too
    EXPECT_EQ(algorithm("md5$x$y"),
              "ValueError: Unknown password hashing algorithm 'md5'. Did you specify it in the PASSWORD_HASHERS "
              "setting?");
    EXPECT_EQ(algorithm(""),
              "ValueError: Unknown password hashing algorithm ''. Did you specify it in the PASSWORD_HASHERS setting?");
    EXPECT_EQ(algorithm(std::string(32, 'a')),
              "ValueError: Unknown password hashing algorithm 'unsalted_md5'. Did you specify it in the "
              "PASSWORD_HASHERS setting?");
    EXPECT_EQ(algorithm("md5$$" + std::string(32, 'a')),
              "ValueError: Unknown password hashing algorithm 'unsalted_md5'. Did you specify it in the "
              "PASSWORD_HASHERS setting?");
    EXPECT_EQ(algorithm("sha1$$" + std::string(40, 'a')),
              "ValueError: Unknown password hashing algorithm 'unsalted_sha1'. Did you specify it in the "
              "PASSWORD_HASHERS setting?");
    EXPECT_EQ(algorithm("sha1$$" + std::string(39, 'a')),
              "ValueError: Unknown password hashing algorithm 'sha1'. Did you specify it in the PASSWORD_HASHERS "
              "setting?");
    Result<const PBKDF2PasswordHasher*> by_name = get_hasher("pbkdf2_sha256");
    ASSERT_TRUE(by_name.ok());
    EXPECT_EQ(by_name.value(), get_hasher().value());
}

TEST(HashersTest, ConstantTimeCompare) {
    EXPECT_TRUE(constant_time_compare("", ""));
    EXPECT_TRUE(constant_time_compare("abc", "abc"));
    EXPECT_FALSE(constant_time_compare("abc", "abd"));
    EXPECT_FALSE(constant_time_compare("abc", "ab"));
    EXPECT_FALSE(constant_time_compare("ab", "abc"));
    EXPECT_FALSE(constant_time_compare("", "a"));
    EXPECT_FALSE(constant_time_compare(std::string_view("a\0", 2), "a"));
}

TEST(HashersTest, InstagramFixtureHoldsCurrentDjangoHashes) {
    // The shipped users were hashed by Django 3.2 at its default work factor: each decodes,
    // carries a 32-byte key, and needs no update (only the salt length would flag them).
    std::ifstream in(std::string(GRAMLAB_SOURCE_DIR) + "/examples/instagram/fixtures/instagram.json");
    ASSERT_TRUE(in.good());
    std::stringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    const std::string key = "\"password\": \"";
    PBKDF2PasswordHasher hasher;
    int seen = 0;
    for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
        size_t start = at + key.size();
        std::string encoded = text.substr(start, text.find('"', start) - start);
        ++seen;
        ASSERT_TRUE(is_password_usable(encoded)) << encoded;
        Result<DecodedPassword> d = hasher.decode(encoded);
        ASSERT_TRUE(d.ok()) << encoded;
        EXPECT_EQ(d->iterations, PBKDF2PasswordHasher::kDefaultIterations);
        Result<std::string> raw = base64_decode(d->hash);
        ASSERT_TRUE(raw.ok()) << encoded;
        EXPECT_EQ(raw->size(), 32u);
        EXPECT_EQ(base64_encode(raw.value()), d->hash);
        EXPECT_EQ(hasher.must_update(encoded), d->salt.size() < 22) << encoded;
    }
    EXPECT_GE(seen, 1);
}

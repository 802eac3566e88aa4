// Tests for the hashing primitives behind Django's password hasher: SHA-256
// (core/common/sha256.cpp, FIPS 180-2 vectors), HMAC-SHA256 (RFC 4231), PBKDF2-HMAC-SHA256
// (RFC 7914 section 11 and the widely used RFC 6070-style SHA-256 vectors) and base64
// (core/common/base64.cpp, RFC 4648 vectors and Python's binascii error messages).
// Vectors not taken from an RFC were computed with Python's hashlib / hmac / base64.
#include <gtest/gtest.h>

#include <string>

#include "core/common/base64.hpp"
#include "core/common/sha256.hpp"

using namespace gramlab;

namespace {

std::string hex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        unsigned char b = static_cast<unsigned char>(c);
        out += kHex[b >> 4];
        out += kHex[b & 0xf];
    }
    return out;
}

std::string repeat(char c, size_t n) { return std::string(n, c); }

}  // namespace

// --- SHA-256 --------------------------------------------------------------------------------

TEST(Sha256Test, FipsAbc) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256Test, Fips448BitMessage) {
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, FipsOneMillionA) {
    // Fed in uneven pieces so the block buffer is exercised at every offset.
    Sha256 h;
    std::string chunk = repeat('a', 997);
    size_t left = 1000000;
    while (left > 0) {
        size_t n = std::min(left, chunk.size());
        h.update(std::string_view(chunk).substr(0, n));
        left -= n;
    }
    EXPECT_EQ(hex_digest(h.final()), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256Test, Nist896BitMessage) {
    EXPECT_EQ(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                         "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256Test, PaddingAroundBlockBoundaries) {
    // 55 bytes fit the length in the last block; 56..63 need an extra block (hashlib values).
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex(repeat('a', 55)), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256_hex(repeat('a', 56)), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(sha256_hex(repeat('a', 63)), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
    EXPECT_EQ(sha256_hex(repeat('a', 64)), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
    EXPECT_EQ(sha256_hex(repeat('a', 119)), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
    EXPECT_EQ(sha256_hex(repeat('a', 120)), "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST(Sha256Test, IncrementalMatchesOneShotAtEverySplit) {
    std::string msg;
    for (int i = 0; i < 150; ++i) msg += static_cast<char>(i * 7 + 3);
    std::string expected = sha256_hex(msg);
    for (size_t split = 0; split <= msg.size(); ++split) {
        Sha256 h;
        h.update(std::string_view(msg).substr(0, split));
        h.update(std::string_view(msg).substr(split));
        EXPECT_EQ(hex_digest(h.final()), expected) << "split at " << split;
    }
}

TEST(Sha256Test, FinalResetsToEmptyMessage) {
    Sha256 h;
    h.update("abc");
    (void)h.final();
    EXPECT_EQ(hex_digest(h.final()), sha256_hex(""));
    h.update("abc");
    EXPECT_EQ(hex_digest(h.final()), sha256_hex("abc"));
}

// --- HMAC-SHA256 (RFC 4231) -----------------------------------------------------------------

TEST(HmacSha256Test, Rfc4231Case1) {
    EXPECT_EQ(hex_digest(hmac_sha256(repeat('\x0b', 20), "Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256Test, Rfc4231Case2KeyShorterThanOutput) {
    EXPECT_EQ(hex_digest(hmac_sha256("Jefe", "what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256Test, Rfc4231Case3) {
    EXPECT_EQ(hex_digest(hmac_sha256(repeat('\xaa', 20), repeat('\xdd', 50))),
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
}

TEST(HmacSha256Test, Rfc4231Case4) {
    std::string key;
    for (int i = 1; i <= 25; ++i) key += static_cast<char>(i);
    EXPECT_EQ(hex_digest(hmac_sha256(key, repeat('\xcd', 50))),
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
}

TEST(HmacSha256Test, Rfc4231Case6KeyLongerThanBlock) {
    EXPECT_EQ(hex_digest(hmac_sha256(repeat('\xaa', 131), "Test Using Larger Than Block-Size Key - Hash Key First")),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256Test, Rfc4231Case7KeyAndDataLongerThanBlock) {
    EXPECT_EQ(hex_digest(hmac_sha256(repeat('\xaa', 131),
                                     "This is a test using a larger than block-size key and a larger than block-size "
                                     "data. The key needs to be hashed before being used by the HMAC algorithm.")),
              "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(HmacSha256Test, ExactBlockSizeKeyAndEmptyKey) {
    // Python: hmac.new(b'k' * 64, b'msg', 'sha256'), hmac.new(b'', b'', 'sha256')
    EXPECT_EQ(hex_digest(hmac_sha256(repeat('k', 64), "msg")),
              "d62ad25bb128e96ab6ef43464aaf2bb91b5b85f013381e9ba6be747e8d0911b2");
    EXPECT_EQ(hex_digest(hmac_sha256("", "")), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacSha256Test, IncrementalAndReusableAfterFinal) {
    HmacSha256 mac("Jefe");
    mac.update("what do ya want ");
    mac.update("for nothing?");
    EXPECT_EQ(hex_digest(mac.final()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    mac.update("what do ya want for nothing?");
    EXPECT_EQ(hex_digest(mac.final()), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// --- PBKDF2-HMAC-SHA256 ---------------------------------------------------------------------

TEST(Pbkdf2HmacSha256Test, Rfc7914Section11) {
    // P = "passwd", S = "salt", c = 1, dkLen = 64: two output blocks.
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("passwd", "salt", 1, 64)),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
}

TEST(Pbkdf2HmacSha256Test, PasswordSaltIterations) {
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("password", "salt", 1)),
              "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("password", "salt", 2)),
              "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("password", "salt", 4096)),
              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

TEST(Pbkdf2HmacSha256Test, LongInputsAndPartialLastBlock) {
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40)),
              "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9");
}

TEST(Pbkdf2HmacSha256Test, EmbeddedNulBytes) {
    using namespace std::string_view_literals;
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("pass\0word"sv, "sa\0lt"sv, 4096, 16)), "89b69d0516f829893c696226650a8687");
}

TEST(Pbkdf2HmacSha256Test, KeyLongerThanBlockAndTinyOutputs) {
    // hashlib.pbkdf2_hmac('sha256', b'k' * 65, b'salt', 2, 33) and (b'k' * 64, b'', 3, 1)
    EXPECT_EQ(hex(pbkdf2_hmac_sha256(repeat('k', 65), "salt", 2, 33)),
              "ddff3f4befbd87f443c0d32abcea246f26aa533be46caa8829e6dba1e8566728aa");
    EXPECT_EQ(hex(pbkdf2_hmac_sha256(repeat('k', 64), "", 3, 1)), "50");
    EXPECT_EQ(pbkdf2_hmac_sha256("pw", "salt", 1, 0), "");
}

// --- base64 ---------------------------------------------------------------------------------

TEST(Base64Test, Rfc4648Vectors) {
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* encoded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
        EXPECT_EQ(base64_encode(plain[i]), encoded[i]);
        Result<std::string> back = base64_decode(encoded[i]);
        ASSERT_TRUE(back.ok()) << encoded[i];
        EXPECT_EQ(back.value(), plain[i]);
    }
}

TEST(Base64Test, RoundTripsEveryByteValueAndLength) {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(255 - i);
    for (size_t n = 0; n <= all.size(); ++n) {
        std::string data = all.substr(0, n);
        std::string text = base64_encode(data);
        EXPECT_EQ(text.size(), (n + 2) / 3 * 4);
        Result<std::string> back = base64_decode(text);
        ASSERT_TRUE(back.ok()) << text;
        EXPECT_EQ(back.value(), data);
    }
    EXPECT_EQ(base64_encode("\xfb\xff\xbf"), "+/+/");
}

TEST(Base64Test, DjangoHashFieldDecodesTo32Bytes) {
    Result<std::string> raw = base64_decode("DSacBknn4fvdQDGcMW+j7JUw3WxnW2Xykvk5uxq1GXU=");
    ASSERT_TRUE(raw.ok());
    EXPECT_EQ(raw->size(), 32u);
}

TEST(Base64Test, NonZeroUnusedBitsAreAcceptedLikePython) {
    Result<std::string> r = base64_decode("QR==");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value(), "A");
}

TEST(Base64Test, ErrorsCarryPythonMessages) {
    // base64.b64decode(s, validate=True) on Python 3.11 → binascii.Error: <message>
    struct Case {
        const char* text;
        const char* error;
    };
    const Case cases[] = {
        {"QQ", "binascii.Error: Incorrect padding"},
        {"QQ=", "binascii.Error: Incorrect padding"},
        {"QUJDRA", "binascii.Error: Incorrect padding"},
        {"Q", "binascii.Error: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than a "
              "multiple of 4"},
        {"QUJDR", "binascii.Error: Invalid base64-encoded string: number of data characters (5) cannot be 1 more than "
                  "a multiple of 4"},
        {"Q===", "binascii.Error: Invalid base64-encoded string: number of data characters (1) cannot be 1 more than "
                 "a multiple of 4"},
        {"====", "binascii.Error: Leading padding not allowed"},
        {"QQ=a", "binascii.Error: Discontinuous padding not allowed"},
        {"A=B=", "binascii.Error: Discontinuous padding not allowed"},
        {"QQ==QQ==", "binascii.Error: Excess data after padding"},
        {"QQ===", "binascii.Error: Excess data after padding"},
        {"QUJD*", "binascii.Error: Only base64 data is allowed"},
        {"QUJ D", "binascii.Error: Only base64 data is allowed"},
        {"QUJD\n", "binascii.Error: Only base64 data is allowed"},
        {"QUJD-_", "binascii.Error: Only base64 data is allowed"},
    };
    for (const Case& c : cases) {
        Result<std::string> r = base64_decode(c.text);
        ASSERT_FALSE(r.ok()) << c.text;
        EXPECT_EQ(r.error().to_string(), c.error) << c.text;
    }
}

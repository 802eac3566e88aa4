// Tests for SHA-1, SHA-224, SHA-384 and SHA-512 (core/common/sha_family.cpp, sha256.cpp),
// behind Django's SHA1/SHA224/SHA384/SHA512 database functions on SQLite: the FIPS 180-4
// example messages, Korean UTF-8 text, and every length around the padding's block
// boundaries (55/56 and 111/112 bytes). Expected digests computed with Python's hashlib.
#include <gtest/gtest.h>

#include <string>

#include "core/common/sha256.hpp"
#include "core/common/sha_family.hpp"

using namespace gramlab;

namespace {

struct Vector {
    std::string message;
    const char* sha1;
    const char* sha224;
    const char* sha384;
    const char* sha512;
};

const Vector kVectors[] = {
    {"",
     "da39a3ee5e6b4b0d3255bfef95601890afd80709",
     "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
     "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b",
     "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"},
    {"abc",
     "a9993e364706816aba3e25717850c26c9cd0d89d",
     "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {"abcdbcdecdefdefgefghfghighijhijkijkljklmjklmnklmnolmnopmnopqnopq",
     "f096cc990cdf3b89b420cab73383569484f25d44",
     "a928e36f74276a013a0b9e90030d6bd2b5b562d2e79ad82ee9bff0b5",
     "1ada913246ec609e6cd7e3d0d51cfa50f80cd0297ae7f6d653a44caf5079fe76786dbcad36f402f325d2546a44414e8a",
     "129ae607ea671d0d6f5c2001debb6acccbc5ef8bbd133493b3ad9979cb588b4d095c475a4898c102710da41ec5295374259009e7cb2b220b60e0051dd4d8c7d8"},
    {"\xea\xb9\x80\xeb\xaf\xbc\xec\xa7\x80 \xf0\x9f\x93\xb7",
     "59e97f29755ee82f21a6b83b8851a33cc97d9d21",
     "ce8f86bfcff5e21dbca2a8a99a7b617ccedba0d40950ccc41af17432",
     "aadb6b1c09d22d6d23d6992228c00e4b3434bfcdd02505c5541b47339ca00aac0b1f2c1cb83eee6eff367e725c7c68f6",
     "98122378cdc01269a5b616961ebe799b29b6122c9d0b35a20095f45f04acbb53208cd0fff2a937e732fc76d08d68afdcde0aeb6ddf52bb7d6721174d6ba7397e"},
    {std::string(55, 'a'),
     "c1c8bbdc22796e28c0e15163d20899b65621d65a",
     "fb0bd626a70c28541dfa781bb5cc4d7d7f56622a58f01a0b1ddd646f",
     "5d91ac7e74e62b5c728904b40f10784d66b7af9cb6302123e48c92f0432ceb8d2a92c02de77dcb29ed75c4b42bde46f4",
     "b0220c772cbf6c1822e2cb38a437d0e1d58772417a4bbb21c961364f8b6143e05aa6316dca8d1d7b19e16448419076395f6086cb55101fbd6d5497b148e1745f"},
    {std::string(56, 'a'),
     "c2db330f6083854c99d4b5bfb6e8f29f201be699",
     "d40854fc9caf172067136f2e29e1380b14626bf6f0dd06779f820dcd",
     "8a8d9649ea04e993a6ca7135af7e3392cc5fca84f8531cac7aa3feed4eb98f55dcbe0f3284b61c6f35f98b02cc644b4c",
     "962b64aae357d2a4fee3ded8b539bdc9d325081822b0bfc55583133aab44f18bafe11d72a7ae16c79ce2ba620ae2242d5144809161945f1367f41b3972e26e04"},
    {std::string(63, 'a'),
     "03f09f5b158a7a8cdad920bddc29b81c18a551f5",
     "1d4e051f4d6fed2a63fd2421e65834cec00d64456553de3496ae8b1d",
     "7e7f097e95b52bb8f53383450ecaf9868187c130981730c03b6d573adfc0b991e365244e5b4bfa082bfb43c517d37120",
     "c1b0f5c6d3b03dfe4a2602e67242f54e344090b66e01100a469b129f583f016c7e27dddeaa438393dcc7ec54b0b57c9ba7af007f9b56db5f6fb677d972a31362"},
    {std::string(64, 'a'),
     "0098ba824b5c16427bd7a1122a5a442a25ec644d",
     "a88cd5cde6d6fe9136a4e58b49167461ea95d388ca2bdb7afdc3cbf4",
     "2e404b9339da795776e510d96930b3be2904c500395b8cb7413334b82d4dec413b4b8113045a05bbbcff846f027423f6",
     "01d35c10c6c38c2dcf48f7eebb3235fb5ad74a65ec4cd016e2354c637a8fb49b695ef3c1d6f7ae4cd74d78cc9c9bcac9d4f23a73019998a7f73038a5c9b2dbde"},
    {std::string(111, 'a'),
     "ac877859d427d9192054eea8feb3b8a403ef83a5",
     "4aeec1a49b2c1bc663abf2809b36faaa64359523d4f26d02dbc2cba3",
     "3c37955051cb5c3026f94d551d5b5e2ac38d572ae4e07172085fed81f8466b8f90dc23a8ffcdea0b8d8e58e8fdacc80a",
     "fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2"},
    {std::string(112, 'a'),
     "689993727ba37386bb032495e9dbdfb4dd1ba744",
     "0336b66821946e7f1052102e3b9c29f3039efe9b261746370305f894",
     "187d4e07cb306103c69967bf544d0dfbe9042577599c73c330abc0cb64c61236d5ed565ee19119d8c31779a38f791fcd",
     "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca"},
    {std::string(127, 'a'),
     "89d95fa32ed44a7c610b7ee38517ddf57e0bb975",
     "0822db3f33424aead078f71ed05f30edc077a3c254b7c79c89a7a4a1",
     "9bd06b1763c2cf7aef40e795dc65bc96d59c41b537f3ad72ebdefd485476b5717c1aeb37c327fe9c1831b12b9efd08ae",
     "828613968b501dc00a97e08c73b118aa8876c26b8aac93df128502ab360f91bab50a51e088769a5c1eff4782ace147dce3642554199876374291f5d921629502"},
    {std::string(128, 'a'),
     "ad5b3fdbcb526778c2839d2f151ea753995e26a0",
     "39873a2441c56608137850f4c54dde157710b9a2b83c8bdc756dd643",
     "edb12730a366098b3b2beac75a3bef1b0969b15c48e2163c23d96994f8d1bef760c7e27f3c464d3829f56c0d53808b0b",
     "b73d1929aa615934e61a871596b3f3b33359f42b8175602e89f7e06e5f658a243667807ed300314b95cacdd579f3e33abdfbe351909519a846d465c59582f321"},
    {std::string(1000, 'a'),
     "291e9a6c66994949b57ba5e650361e98fc36b1ba",
     "4e8f0ce90b64661a2b5e84be6d93a7d9b76871062f1814433d04a03d",
     "f54480689c6b0b11d0303285d9a81b21a93bca6ba5a1b4472765dca4da45ee328082d469c650cd3b61b16d3266ab8ced",
     "67ba5535a46e3f86dbfbed8cbbaf0125c76ed549ff8b0b9e03e0c88cf90fa634fa7b12b47d77b694de488ace8d9a65967dc96df599727d3292a8d9d447709c97"},
};

}  // namespace

TEST(ShaFamilyTest, MatchesHashlib) {
    for (const Vector& v : kVectors) {
        SCOPED_TRACE("message of " + std::to_string(v.message.size()) + " bytes");
        EXPECT_EQ(sha1_hex(v.message), v.sha1);
        EXPECT_EQ(sha224_hex(v.message), v.sha224);
        EXPECT_EQ(sha384_hex(v.message), v.sha384);
        EXPECT_EQ(sha512_hex(v.message), v.sha512);
    }
}

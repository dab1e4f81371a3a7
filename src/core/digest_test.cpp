#include "core/digest.hpp"

#include <gtest/gtest.h>

namespace ac {
namespace {

TEST(Digest, Sha256MatchesTheStandard) {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Digest, HmacSha256MatchesRfc4231) {
    // RFC 4231 test case 2.
    EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    // Test case 6: a key longer than the block size.
    EXPECT_EQ(HmacSha256Hex(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First"),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Digest, Base64RoundTripsAndRefusesGarbage) {
    // RFC 4648 section 10.
    EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
    EXPECT_EQ(Base64Encode("fo"), "Zm8=");
    EXPECT_EQ(Base64Decode("Zm9vYmE="), "fooba");
    EXPECT_EQ(Base64Decode("Zm9v\nYmFy"), "foobar");
    const std::string binary("\x00\xff\x89PNG\r\n", 7);
    EXPECT_EQ(Base64Decode(Base64Encode(binary)), binary);
    EXPECT_EQ(Base64Decode("Zm9v!"), std::nullopt);
    EXPECT_EQ(Base64Decode("Zm9vY"), std::nullopt);
}

}  // namespace
}  // namespace ac

#include "common/utf8.h"

#include <gtest/gtest.h>

namespace tend {
namespace {

TEST(Utf8Test, ValidTextPasses) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii, long enough for the eight-byte path"));
  EXPECT_TRUE(IsValidUtf8("Müller GmbH – Zürich 東京 😀"));
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8Test, EachKindOfBadSequenceIsFoundAtItsByte) {
  EXPECT_EQ(FirstInvalidUtf8("abc\xFF"), 3u);
  EXPECT_EQ(FirstInvalidUtf8("abcdefghij\x80"), 10u);   // a lone continuation byte
  EXPECT_EQ(FirstInvalidUtf8("x\xC3"), 1u);             // truncated at the end
  EXPECT_EQ(FirstInvalidUtf8("\xC3("), 0u);             // bad continuation
  EXPECT_EQ(FirstInvalidUtf8("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(FirstInvalidUtf8("\xE0\x80\xAF"), 0u);      // overlong
  EXPECT_EQ(FirstInvalidUtf8("ok\xED\xA0\x80"), 2u);    // a surrogate
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("\xF5\x80\x80\x80"), 0u);
  EXPECT_EQ(InvalidUtf8Message("ab\xFE", 2), "invalid UTF-8 at byte 3 (0xFE)");
}

TEST(Utf8Test, ToValidUtf8ReplacesEachBadByte) {
  EXPECT_EQ(ToValidUtf8("ok"), "ok");
  EXPECT_EQ(ToValidUtf8("last read: '[1,\xCF'"), "last read: '[1,\xEF\xBF\xBD'");
  EXPECT_EQ(ToValidUtf8("\xFF\xFEx"), "\xEF\xBF\xBD\xEF\xBF\xBDx");
  EXPECT_TRUE(IsValidUtf8(ToValidUtf8("\xC3(\xE2\x82")));
}

}  // namespace
}  // namespace tend

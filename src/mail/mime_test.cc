#include "mail/mime.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace tend::mail {
namespace {

TEST(MimeTest, QuotedPrintableKeepsLinesShortAndEncodesWhatItMust) {
  EXPECT_EQ(QuotedPrintable("a=b\nc"), "a=3Db\r\nc");
  EXPECT_EQ(QuotedPrintable("trailing \r\nnext\t"), "trailing=20\r\nnext=09");
  EXPECT_EQ(QuotedPrintable("Grüße"), "Gr=C3=BC=C3=9Fe");
  std::string longline(200, 'x');
  std::string qp = QuotedPrintable(longline);
  size_t start = 0, letters = 0;
  while (start < qp.size()) {
    size_t end = qp.find("\r\n", start);
    if (end == std::string::npos) end = qp.size();
    EXPECT_LE(end - start, 76u);
    std::string line = qp.substr(start, end - start);
    letters += std::count(line.begin(), line.end(), 'x');
    start = end + 2;
  }
  EXPECT_EQ(letters, 200u);
  // An encoded byte is never cut by a soft break: every "=" starts "=XX" or a soft break.
  std::string ues;
  for (int i = 0; i < 40; ++i) ues += "ü";
  std::string enc = QuotedPrintable(ues);
  for (size_t at = 0; (at = enc.find('=', at)) != std::string::npos; ++at) {
    ASSERT_LT(at + 2, enc.size() + 1);
    bool soft = enc.compare(at, 3, "=\r\n") == 0;
    bool hex = at + 2 < enc.size() && std::isxdigit(static_cast<unsigned char>(enc[at + 1])) &&
               std::isxdigit(static_cast<unsigned char>(enc[at + 2]));
    EXPECT_TRUE(soft || hex) << enc.substr(at, 3);
  }
  EXPECT_EQ(enc.find("=_"), std::string::npos);
}

TEST(MimeTest, SubjectsOutsideAsciiAreEncodedWords) {
  EXPECT_EQ(EncodeHeaderText("How likely are you to recommend us?"),
            "How likely are you to recommend us?");
  EXPECT_EQ(EncodeHeaderText("Grüße"), "=?UTF-8?B?R3LDvMOfZQ==?=");
  EXPECT_EQ(EncodeHeaderText("a\r\nBcc: x@example.com"), "a  Bcc: x@example.com");
  EXPECT_EQ(EncodeHeaderText("=?x?="), "=?UTF-8?B?PT94Pz0=?=");
  // Long text: several words, folded, none over 75 characters, no character split.
  std::string s;
  for (int i = 0; i < 30; ++i) s += "é";
  std::string e = EncodeHeaderText(s);
  EXPECT_NE(e.find("\r\n "), std::string::npos);
  size_t start = 0;
  while (start < e.size()) {
    size_t end = e.find("\r\n ", start);
    if (end == std::string::npos) end = e.size();
    EXPECT_LE(end - start, 75u);
    start = end + 3;
  }
  EXPECT_EQ(e.rfind("=?UTF-8?B?w6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6nDqcOpw6k=?=\r\n ", 0),
            0u);
}

TEST(MimeTest, MessageIsMultipartAlternativeWithBothParts) {
  MimeMessage m;
  m.from = "Tend <cs@example.com>";
  m.to = "ann@example.org";
  m.subject = "Hi";
  m.text = "Hello\nthere";
  m.html = "<p>Hello</p>";
  m.headers = "List-Unsubscribe: <https://t.example/u/x>\r\n";
  m.message_id = "tend.1.ab@example.com";
  m.date = 1765152309000;  // 2025-12-08 00:05:09 UTC
  m.boundary_tag = "1_ff";
  std::string out = BuildMime(m);
  EXPECT_EQ(out.rfind("From: Tend <cs@example.com>\r\nTo: ann@example.org\r\nSubject: Hi\r\n"
                      "Date: Mon, 08 Dec 2025 00:05:09 +0000\r\n"
                      "Message-ID: <tend.1.ab@example.com>\r\nMIME-Version: 1.0\r\n",
                      0),
            0u);
  EXPECT_NE(out.find("List-Unsubscribe: <https://t.example/u/x>\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Type: multipart/alternative; boundary=\"=_tend_1_ff\"\r\n\r\n"),
            std::string::npos);
  size_t text = out.find("--=_tend_1_ff\r\nContent-Type: text/plain; charset=utf-8\r\n"
                         "Content-Transfer-Encoding: quoted-printable\r\n\r\nHello\r\nthere\r\n");
  size_t html = out.find("--=_tend_1_ff\r\nContent-Type: text/html; charset=utf-8\r\n");
  ASSERT_NE(text, std::string::npos);
  ASSERT_NE(html, std::string::npos);
  EXPECT_LT(text, html);
  EXPECT_TRUE(out.ends_with("</p>\r\n--=_tend_1_ff--\r\n"));
  // Every line ends in CRLF.
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\n') EXPECT_EQ(out[i - 1], '\r') << i;
  }
}

}  // namespace
}  // namespace tend::mail

#include "rules/expr/lexer.h"

#include <charconv>
#include <cmath>
#include <string>

namespace tend::rules::expr {

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kString:
      return "text literal";
    case TokenKind::kIdent:
      return "name";
    case TokenKind::kQuotedIdent:
      return "quoted name";
    case TokenKind::kLParen:
      return "'('";
    case TokenKind::kRParen:
      return "')'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kConcat:
      return "'||'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNe:
      return "'<>'";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kLe:
      return "'<='";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kGe:
      return "'>='";
    case TokenKind::kAnd:
      return "AND";
    case TokenKind::kOr:
      return "OR";
    case TokenKind::kNot:
      return "NOT";
    case TokenKind::kIs:
      return "IS";
    case TokenKind::kNull:
      return "NULL";
    case TokenKind::kTrue:
      return "TRUE";
    case TokenKind::kFalse:
      return "FALSE";
    case TokenKind::kBetween:
      return "BETWEEN";
    case TokenKind::kIn:
      return "IN";
    case TokenKind::kLike:
      return "LIKE";
    case TokenKind::kCase:
      return "CASE";
    case TokenKind::kWhen:
      return "WHEN";
    case TokenKind::kThen:
      return "THEN";
    case TokenKind::kElse:
      return "ELSE";
    case TokenKind::kEndKw:
      return "END";
  }
  return "token";
}

namespace {

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Keyword {
  std::string_view word;
  TokenKind kind;
};
constexpr Keyword kKeywords[] = {
    {"and", TokenKind::kAnd},     {"or", TokenKind::kOr},           {"not", TokenKind::kNot},
    {"is", TokenKind::kIs},       {"null", TokenKind::kNull},       {"true", TokenKind::kTrue},
    {"false", TokenKind::kFalse}, {"between", TokenKind::kBetween}, {"in", TokenKind::kIn},
    {"like", TokenKind::kLike},   {"case", TokenKind::kCase},       {"when", TokenKind::kWhen},
    {"then", TokenKind::kThen},   {"else", TokenKind::kElse},       {"end", TokenKind::kEndKw},
};

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  LexResult Run() {
    LexResult result;
    for (;;) {
      SkipSpaceAndComments();
      Token tok;
      tok.offset = static_cast<int>(pos_);
      tok.line = line_;
      tok.column = static_cast<int>(pos_ - line_start_) + 1;
      if (pos_ >= src_.size()) {
        tok.kind = TokenKind::kEnd;
        result.tokens.push_back(std::move(tok));
        return result;
      }
      if (!LexOne(tok)) {
        result.error = std::move(error_);
        return result;
      }
      tok.length = static_cast<int>(pos_) - tok.offset;
      result.tokens.push_back(std::move(tok));
    }
  }

 private:
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0';
  }

  void Advance() {
    if (src_[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }

  void SkipSpaceAndComments() {
    while (pos_ < src_.size()) {
      char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        Advance();
      } else if (c == '-' && Peek(1) == '-') {
        while (pos_ < src_.size() && src_[pos_] != '\n') Advance();
      } else {
        return;
      }
    }
  }

  bool Fail(const Token& at, std::string message) {
    error_ = Diagnostic{at.line, at.column, "expr.syntax", "syntax error: " + std::move(message)};
    return false;
  }

  // Lexes the token starting at pos_ into `tok`. Returns false (and sets error_) on error.
  bool LexOne(Token& tok) {
    char c = src_[pos_];
    if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return LexNumber(tok);
    if (IsIdentStart(c)) return LexIdent(tok);
    if (c == '\'') return LexQuoted(tok, '\'', TokenKind::kString);
    if (c == '"') return LexQuoted(tok, '"', TokenKind::kQuotedIdent);
    auto one = [&](TokenKind k, size_t n) {
      tok.kind = k;
      for (size_t i = 0; i < n; ++i) Advance();
      return true;
    };
    switch (c) {
      case '(':
        return one(TokenKind::kLParen, 1);
      case ')':
        return one(TokenKind::kRParen, 1);
      case ',':
        return one(TokenKind::kComma, 1);
      case '+':
        return one(TokenKind::kPlus, 1);
      case '-':
        return one(TokenKind::kMinus, 1);
      case '*':
        return one(TokenKind::kStar, 1);
      case '/':
        return one(TokenKind::kSlash, 1);
      case '%':
        return one(TokenKind::kPercent, 1);
      case '=':
        return one(TokenKind::kEq, Peek(1) == '=' ? 2 : 1);
      case '<':
        if (Peek(1) == '=') return one(TokenKind::kLe, 2);
        if (Peek(1) == '>') return one(TokenKind::kNe, 2);
        return one(TokenKind::kLt, 1);
      case '>':
        if (Peek(1) == '=') return one(TokenKind::kGe, 2);
        return one(TokenKind::kGt, 1);
      case '!':
        if (Peek(1) == '=') return one(TokenKind::kNe, 2);
        break;
      case '|':
        if (Peek(1) == '|') return one(TokenKind::kConcat, 2);
        break;
      default:
        break;
    }
    std::string shown =
        (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            ? "byte 0x" + ToHex(static_cast<unsigned char>(c))
            : "'" + std::string(1, c) + "'";
    return Fail(tok, "unexpected character " + shown);
  }

  static std::string ToHex(unsigned v) {
    static constexpr char kHex[] = "0123456789abcdef";
    return std::string{kHex[v >> 4], kHex[v & 15]};
  }

  bool LexNumber(Token& tok) {
    size_t start = pos_;
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.') {
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      Advance();
      if (Peek() == '+' || Peek() == '-') Advance();
      while (IsDigit(Peek())) Advance();
    }
    if (IsIdentChar(Peek()) || Peek() == '.') {
      while (IsIdentChar(Peek()) || Peek() == '.') Advance();
      return Fail(tok, "invalid number '" + std::string(src_.substr(start, pos_ - start)) + "'");
    }
    std::string_view digits = src_.substr(start, pos_ - start);
    double value = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(value)) {
      return Fail(tok, "number '" + std::string(digits) + "' is out of range");
    }
    tok.kind = TokenKind::kNumber;
    tok.number = value;
    tok.text = std::string(digits);
    return true;
  }

  bool LexIdent(Token& tok) {
    std::string name;
    for (;;) {
      while (IsIdentChar(Peek())) {
        name += Lower(Peek());
        Advance();
      }
      if (Peek() == '.' && IsIdentStart(Peek(1))) {
        name += '.';
        Advance();
        continue;
      }
      break;
    }
    tok.kind = TokenKind::kIdent;
    if (name.find('.') == std::string::npos) {
      for (const Keyword& k : kKeywords) {
        if (k.word == name) tok.kind = k.kind;
      }
    }
    tok.text = std::move(name);
    return true;
  }

  bool LexQuoted(Token& tok, char quote, TokenKind kind) {
    Advance();  // opening quote
    std::string value;
    for (;;) {
      if (pos_ >= src_.size()) {
        return Fail(tok, quote == '\'' ? "unterminated text literal" : "unterminated quoted name");
      }
      char c = src_[pos_];
      if (c == quote) {
        if (Peek(1) == quote) {
          value += quote;
          Advance();
          Advance();
          continue;
        }
        Advance();
        break;
      }
      value += c;
      Advance();
    }
    if (kind == TokenKind::kQuotedIdent) {
      if (value.empty()) return Fail(tok, "empty quoted name");
      for (char& ch : value) ch = Lower(ch);
    }
    tok.kind = kind;
    tok.text = std::move(value);
    return true;
  }

  std::string_view src_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  std::optional<Diagnostic> error_;
};

}  // namespace

LexResult Lex(std::string_view source) { return Lexer(source).Run(); }

}  // namespace tend::rules::expr

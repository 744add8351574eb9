// CsvReader: a streaming RFC 4180 reader, hand-written for the import hot path.
//
// Accepts quoted fields with embedded commas, doubled quotes and line breaks, LF or CRLF
// line ends, an optional UTF-8 byte-order mark, and a last record without a line end.
// Blank lines are skipped. Memory is bounded by the buffer size plus the longest record,
// never by the file size.
//
// Failures use the Status channel: an unterminated quoted field, or characters after a
// closing quote, stop the reader with a message naming the file and line; I/O errors too.
// A record holding bytes that are not UTF-8 is still returned, with bad_utf8() saying
// which field and where, so that callers reject that row and go on.
//
// Not thread-safe. Fields returned by fields() stay valid until the next call to Next().
#ifndef TEND_COMMON_CSV_READER_H_
#define TEND_COMMON_CSV_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"

namespace tend {

class CsvReader {
 public:
  // Opens `path` for streaming. Fails with kNotFound/kInternal when it cannot be read.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path);
  // Reads from memory; `name` is used in messages.
  static std::unique_ptr<CsvReader> FromString(std::string data, std::string name);

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Advances to the next record. Returns false at the end of input or on error; tell them
  // apart with status().
  bool Next();

  std::span<const std::string_view> fields() const { return fields_; }
  // The 1-based physical line on which the current record starts.
  int64_t line() const { return record_line_; }
  // The current record's raw text (without the line end), for reject files.
  std::string_view raw() const { return raw_; }
  const Status& status() const { return status_; }
  // The current record's first field that is not valid UTF-8, when there is one.
  struct BadUtf8 {
    size_t field;         // 0-based
    std::string message;  // "invalid UTF-8 at byte N (0xHH)", N counted within the field
  };
  const std::optional<BadUtf8>& bad_utf8() const { return bad_utf8_; }
  const std::string& name() const { return name_; }
  // Bytes consumed so far and the input's size (0 when unknown), for progress display.
  int64_t bytes_consumed() const { return consumed_base_ + static_cast<int64_t>(pos_); }
  int64_t total_bytes() const { return total_bytes_; }

 private:
  CsvReader(int fd, std::string name, int64_t total_bytes);

  // Reads more input, keeping buf_[pos_, end_). Returns false at end of input.
  bool Refill();
  // Finds the end of the record starting at pos_. Returns the offset of its '\n' (or end_ at
  // end of input), or -1 when more input is needed.
  int64_t FindRecordEnd(int64_t* newlines);
  // Splits buf_[pos_, end) into fields_, unquoting in place.
  bool Split(size_t end);
  // Sets bad_utf8_ for the record just split.
  void CheckUtf8();

  int fd_;
  std::string name_;
  int64_t total_bytes_;
  std::vector<char> buf_;
  size_t pos_ = 0;   // start of unconsumed data
  size_t end_ = 0;   // end of valid data
  size_t scan_ = 0;  // how far FindRecordEnd has scanned from pos_ (resumes there)
  bool scan_in_quotes_ = false;
  int64_t scan_newlines_ = 0;
  bool eof_ = false;
  bool first_ = true;
  int64_t consumed_base_ = 0;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
  std::string_view raw_;
  std::string raw_copy_;  // the raw text of a record that Split() unquotes in place
  std::vector<std::string_view> fields_;
  std::optional<BadUtf8> bad_utf8_;
  Status status_;
};

}  // namespace tend

#endif  // TEND_COMMON_CSV_READER_H_

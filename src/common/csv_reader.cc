#include "common/csv_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/utf8.h"

namespace tend {

namespace {
constexpr size_t kChunk = 1 << 20;
}  // namespace

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    if (err == ENOENT) return NotFound("ingest.fileNotFound", path + ": no such file");
    return Internal("ingest.cannotRead", path + ": " + std::strerror(err));
  }
  struct stat st;
  int64_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) size = st.st_size;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return InvalidArgument("ingest.notAFile", path + ": is a directory, expected a CSV file");
  }
  std::string base = path;
  if (auto slash = base.rfind('/'); slash != std::string::npos) base = base.substr(slash + 1);
  return std::unique_ptr<CsvReader>(new CsvReader(fd, base, size));
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string data, std::string name) {
  auto r = std::unique_ptr<CsvReader>(new CsvReader(-1, std::move(name), data.size()));
  r->buf_.assign(data.begin(), data.end());
  r->buf_.resize(data.size() + 1);
  r->end_ = data.size();
  r->eof_ = true;
  return r;
}

CsvReader::CsvReader(int fd, std::string name, int64_t total_bytes)
    : fd_(fd), name_(std::move(name)), total_bytes_(total_bytes) {}

CsvReader::~CsvReader() {
  if (fd_ >= 0) ::close(fd_);
}

bool CsvReader::Refill() {
  if (eof_) return false;
  // Move the unconsumed tail to the front, then grow if a record fills the buffer.
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    consumed_base_ += static_cast<int64_t>(pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (buf_.size() < end_ + kChunk + 1) buf_.resize(std::max(buf_.size() * 2, end_ + kChunk + 1));
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - 1 - end_);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status_ = Internal("ingest.cannotRead", name_ + ": " + std::strerror(errno));
      eof_ = true;
      return false;
    }
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<size_t>(n);
    return true;
  }
}

int64_t CsvReader::FindRecordEnd(int64_t* newlines) {
  const char* b = buf_.data();
  size_t i = pos_ + scan_;
  bool inq = scan_in_quotes_;
  int64_t nl = scan_newlines_;
  while (i < end_) {
    if (!inq) {
      // Fast path: jump to the next line end; only look closer when a quote precedes it.
      const void* p = std::memchr(b + i, '\n', end_ - i);
      size_t stop = p ? static_cast<size_t>(static_cast<const char*>(p) - b) : end_;
      const void* q = std::memchr(b + i, '"', stop - i);
      if (q == nullptr) {
        if (p != nullptr) {
          *newlines = nl + 1;
          scan_ = 0;
          scan_in_quotes_ = false;
          scan_newlines_ = 0;
          return static_cast<int64_t>(stop);
        }
        i = end_;
        break;
      }
      i = static_cast<size_t>(static_cast<const char*>(q) - b) + 1;
      inq = true;
    } else {
      const void* q = std::memchr(b + i, '"', end_ - i);
      size_t stop = q ? static_cast<size_t>(static_cast<const char*>(q) - b) : end_;
      for (size_t k = i; k < stop; ++k) nl += b[k] == '\n';
      if (q == nullptr) {
        i = end_;
        break;
      }
      i = stop + 1;
      inq = false;  // a doubled quote re-enters the quoted state on the next iteration
    }
  }
  scan_ = i - pos_;
  scan_in_quotes_ = inq;
  scan_newlines_ = nl;
  if (eof_ && end_ > pos_) {
    // The last record has no line end.
    *newlines = nl;
    scan_ = 0;
    scan_newlines_ = 0;
    bool unterminated = scan_in_quotes_;
    scan_in_quotes_ = false;
    if (unterminated) {
      status_ = InvalidArgument("ingest.unterminatedQuote",
                                name_ + ":" + std::to_string(next_line_) +
                                    ": quoted field is not closed before the end of the file");
      return -2;
    }
    return static_cast<int64_t>(end_);
  }
  return -1;
}

bool CsvReader::Split(size_t end) {
  fields_.clear();
  char* b = buf_.data();
  size_t rec_end = end;
  if (rec_end > pos_ && b[rec_end - 1] == '\r') --rec_end;
  raw_ = std::string_view(b + pos_, rec_end - pos_);
  // Unquoting rewrites the buffer in place; keep the record's text for raw() first.
  if (std::memchr(b + pos_, '"', rec_end - pos_) != nullptr) {
    raw_copy_.assign(raw_);
    raw_ = raw_copy_;
  }
  size_t i = pos_;
  for (;;) {
    if (i < rec_end && b[i] == '"') {
      // Quoted field: unquote in place (the result is never longer than the source).
      size_t w = i, r = i + 1;
      for (;;) {
        if (r >= rec_end) {
          // Only reachable when a closing quote was the CR we trimmed; treat as unterminated.
          status_ = InvalidArgument(
              "ingest.unterminatedQuote",
              name_ + ":" + std::to_string(record_line_) + ": quoted field is not closed");
          return false;
        }
        if (b[r] == '"') {
          if (r + 1 < rec_end && b[r + 1] == '"') {
            b[w++] = '"';
            r += 2;
            continue;
          }
          ++r;
          break;
        }
        b[w++] = b[r++];
      }
      fields_.emplace_back(b + i, w - i);
      if (r == rec_end) break;
      if (b[r] != ',') {
        status_ = InvalidArgument("ingest.badQuote",
                                  name_ + ":" + std::to_string(record_line_) +
                                      ": unexpected character after a closing quote in field " +
                                      std::to_string(fields_.size()));
        return false;
      }
      i = r + 1;
      if (i == rec_end) {
        fields_.emplace_back();
        break;
      }
    } else {
      const void* c = std::memchr(b + i, ',', rec_end - i);
      size_t stop = c ? static_cast<size_t>(static_cast<const char*>(c) - b) : rec_end;
      fields_.emplace_back(b + i, stop - i);
      if (c == nullptr) break;
      i = stop + 1;
      if (i == rec_end) {
        fields_.emplace_back();
        break;
      }
    }
  }
  return true;
}

void CsvReader::CheckUtf8() {
  bad_utf8_.reset();
  if (IsValidUtf8(raw_)) return;  // the usual case: one pass over the record
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (auto at = FirstInvalidUtf8(fields_[i])) {
      bad_utf8_ = BadUtf8{i, InvalidUtf8Message(fields_[i], *at)};
      return;
    }
  }
}

bool CsvReader::Next() {
  if (!status_.ok()) return false;
  for (;;) {
    if (first_) {
      // Fill enough to see a byte-order mark.
      while (end_ - pos_ < 3 && Refill()) {
      }
      if (!status_.ok()) return false;
      first_ = false;
      if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, "\xEF\xBB\xBF", 3) == 0) pos_ += 3;
    }
    if (pos_ >= end_) {
      if (!Refill()) return false;
      continue;
    }
    int64_t newlines = 0;
    int64_t end = FindRecordEnd(&newlines);
    if (end == -2) return false;
    if (end < 0) {
      if (!Refill() && !status_.ok()) return false;
      continue;
    }
    size_t e = static_cast<size_t>(end);
    record_line_ = next_line_;
    next_line_ += newlines;
    bool blank = e == pos_ || (e == pos_ + 1 && buf_[pos_] == '\r');
    if (blank) {
      pos_ = e < end_ ? e + 1 : e;
      continue;
    }
    if (!Split(e)) return false;
    pos_ = e < end_ ? e + 1 : e;
    CheckUtf8();
    return true;
  }
}

}  // namespace tend

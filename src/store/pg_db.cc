#include "store/pg_db.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tend::store {

namespace {

void IgnoreNotice(void*, const char*) {}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

}  // namespace

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgres://") || location.starts_with("postgresql://");
}

std::string RedactUrl(std::string_view url) {
  std::string out(url);
  size_t scheme = out.find("://");
  if (scheme == std::string::npos) return out;
  size_t at = out.find('@', scheme + 3);
  size_t slash = out.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return out;
  size_t colon = out.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return out;
  return out.replace(colon + 1, at - colon - 1, "***");
}

bool IsUniqueViolation(const Status& st) { return st.id() == "store.unique"; }

bool IsRetryable(const Status& st) {
  return st.id() == "store.serialization" || st.id() == "store.deadlock";
}

// ---- PgStmt ----

void PgStmt::Clear() {
  if (res_) PQclear(res_);
  res_ = nullptr;
  row_ = -1;
}

PgStmt& PgStmt::Reset() {
  Clear();
  values_.clear();
  null_.clear();
  binary_.clear();
  return *this;
}

PgStmt& PgStmt::Set(int i, std::string_view v, bool binary) {
  size_t k = static_cast<size_t>(i - 1);
  if (values_.size() <= k) {
    values_.resize(k + 1);
    null_.resize(k + 1, 1);
    binary_.resize(k + 1, 0);
  }
  values_[k].assign(v);
  null_[k] = 0;
  binary_[k] = binary ? 1 : 0;
  return *this;
}

PgStmt& PgStmt::BindNull(int i) {
  Set(i, "", false);
  null_[static_cast<size_t>(i - 1)] = 1;
  return *this;
}

PgStmt& PgStmt::Bind(int i, double v) {
  if (std::isnan(v)) return Set(i, "NaN", false);
  if (std::isinf(v)) return Set(i, v > 0 ? "Infinity" : "-Infinity", false);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return Set(i, buf, false);
}

Status PgStmt::Execute() {
  Status st = ExecuteOnce();
  if (st.ok() || db_->in_txn_ || st.id() != "store.connectionLost") return st;
  TEND_RETURN_IF_ERROR(db_->EnsureConnected());  // outside a transaction: once more
  return ExecuteOnce();
}

Status PgStmt::ExecuteOnce() {
  Clear();
  if (!db_->in_txn_) TEND_RETURN_IF_ERROR(db_->EnsureConnected());
  PGconn* conn = db_->raw();
  if (!prepared_) {
    PGresult* p = PQprepare(conn, name_.c_str(), sql_.c_str(), 0, nullptr);
    if (PQresultStatus(p) != PGRES_COMMAND_OK) {
      Status st = db_->Error(p, sql_);
      PQclear(p);
      return st;
    }
    PQclear(p);
    prepared_ = true;
  }
  std::vector<const char*> vals(values_.size());
  std::vector<int> lens(values_.size());
  for (size_t k = 0; k < values_.size(); ++k) {
    vals[k] = null_[k] ? nullptr : values_[k].data();
    lens[k] = static_cast<int>(values_[k].size());
  }
  res_ = PQexecPrepared(conn, name_.c_str(), static_cast<int>(values_.size()), vals.data(),
                        lens.data(), binary_.data(), 0);
  ExecStatusType rs = PQresultStatus(res_);
  if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) {
    Status st = db_->Error(res_, sql_);
    Clear();
    return st;
  }
  return Status::Ok();
}

Result<bool> PgStmt::Step() {
  if (!res_) {
    TEND_RETURN_IF_ERROR(Execute());
  }
  ++row_;
  return row_ < PQntuples(res_);
}

Status PgStmt::Run() {
  if (res_) return Status::Ok();  // already executed by Step()
  return Execute();
}

int64_t PgStmt::Affected() const {
  if (!res_) return 0;
  return std::strtoll(PQcmdTuples(res_), nullptr, 10);
}

int64_t PgStmt::Int(int col) const { return std::strtoll(PQgetvalue(res_, row_, col), nullptr, 10); }

double PgStmt::Double(int col) const { return std::strtod(PQgetvalue(res_, row_, col), nullptr); }

std::string_view PgStmt::Blob(int col) {
  std::string_view hex = Text(col);
  blob_.clear();
  if (hex.starts_with("\\x")) {
    blob_.reserve((hex.size() - 2) / 2);
    for (size_t k = 2; k + 1 < hex.size(); k += 2) {
      blob_.push_back(static_cast<char>(HexValue(hex[k]) << 4 | HexValue(hex[k + 1])));
    }
  } else {
    size_t n = 0;
    unsigned char* raw =
        PQunescapeBytea(reinterpret_cast<const unsigned char*>(std::string(hex).c_str()), &n);
    if (raw) blob_.assign(reinterpret_cast<const char*>(raw), n);
    PQfreemem(raw);
  }
  return blob_;
}

// ---- PgDb ----

Result<std::unique_ptr<PgDb>> PgDb::Connect(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (!conn) return Internal("store.cannotOpen", RedactUrl(url) + ": out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn);
    return Status(ErrorCode::kUnavailable, "store.cannotConnect",
                  RedactUrl(url) + ": cannot connect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  std::unique_ptr<PgDb> db(new PgDb(conn, url));
  TEND_RETURN_IF_ERROR(db->Configure());
  return db;
}

Status PgDb::Configure() {
  // Byte-order text, UTC, and no surprises from the server's defaults.
  PGresult* res = PQexec(conn_,
                         "SET client_encoding = 'UTF8'; SET TimeZone = 'UTC'; "
                         "SET extra_float_digits = 1; SET application_name = 'tend'");
  Status st = PQresultStatus(res) == PGRES_COMMAND_OK ? Status::Ok() : Error(res, "SET");
  PQclear(res);
  return st;
}

Status PgDb::EnsureConnected() {
  if (PQstatus(conn_) == CONNECTION_OK) return Status::Ok();
  PQreset(conn_);
  for (auto& [sql, stmt] : cache_) stmt->prepared_ = false;
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status(ErrorCode::kUnavailable, "store.connectionLost",
                  RedactUrl(url_) + ": cannot reconnect to PostgreSQL: " + msg);
  }
  PQsetNoticeProcessor(conn_, IgnoreNotice, nullptr);
  return Configure();
}

PgDb::~PgDb() {
  cache_.clear();
  PQfinish(conn_);
}

Status PgDb::Exec(std::string_view sql) {
  std::string text(sql);
  for (int attempt = 0;; ++attempt) {
    if (!in_txn_) TEND_RETURN_IF_ERROR(EnsureConnected());
    PGresult* res = PQexec(conn_, text.c_str());
    ExecStatusType rs = PQresultStatus(res);
    Status st = Status::Ok();
    if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK) st = Error(res, sql);
    PQclear(res);
    if (st.ok() || in_txn_ || attempt > 0 || st.id() != "store.connectionLost") return st;
  }
}

Result<PgStmt*> PgDb::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    std::string name = "tend_" + std::to_string(cache_.size() + 1);
    it = cache_.emplace(sql, std::make_unique<PgStmt>(this, name, sql)).first;
  }
  return &it->second->Reset();
}

Status PgDb::Error(const PGresult* res, std::string_view sql) const {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  std::string msg = res ? PQresultErrorMessage(res) : "";
  if (msg.empty()) msg = PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (msg.starts_with("ERROR:  ")) msg = msg.substr(8);
  std::string where = msg + " (in: " + std::string(sql.substr(0, 80)) + ")";
  if (code == "23505") return InvalidArgument("store.unique", where);
  if (code.starts_with("23")) return InvalidArgument("store.constraint", where);
  if (code == "40001") return Status(ErrorCode::kUnavailable, "store.serialization", where);
  if (code == "40P01") return Status(ErrorCode::kUnavailable, "store.deadlock", where);
  if (code.starts_with("08") || code.starts_with("57P") || PQstatus(conn_) != CONNECTION_OK) {
    return Status(ErrorCode::kUnavailable, "store.connectionLost",
                  RedactUrl(url_) + ": lost the connection to PostgreSQL: " + where);
  }
  return Internal("store.postgres", where);
}

}  // namespace tend::store

#include "ingest/importer.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <unordered_map>

#include "common/csv_reader.h"
#include "common/csv_writer.h"
#include "common/field_parse.h"
#include "common/string_index.h"
#include "common/time.h"
#include "ingest/event_folder.h"
#include "metrics/usage_state.h"
#include "revenue/checks.h"

namespace tend::ingest {

namespace {

using store::AccountRecord;
using store::ActivityRecord;
using store::AttributeDef;
using store::AttributeValue;
using store::ContactRecord;
using store::DealRecord;
using store::SurveyRecord;
using store::TicketRecord;


std::string Quote(std::string_view v) {
  std::string out = "\"";
  for (char c : v.substr(0, 60)) out += c == '"' ? '\'' : c;
  if (v.size() > 60) out += "...";
  return out + "\"";
}

// Lower-cases and replaces anything but [a-z0-9_] with '_' so a custom attribute can be
// named in expressions.
std::string AttributeName(std::string_view header) {
  std::string out;
  for (char c : Trim(header)) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out += ok ? c : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out = "_" + out;
  return out;
}

ValueType InferType(const std::vector<std::string_view>& values) {
  bool any = false, num = true, date = true, boolean = true;
  for (std::string_view v : values) {
    if (v.empty()) continue;
    any = true;
    if (num && !ParseNumber(v)) num = false;
    if (date && !ParseDate(v)) date = false;
    if (boolean) {
      auto b = ParseBool(v);
      if (!b || v == "1" || v == "0") boolean = false;
    }
    if (!num && !date && !boolean) return ValueType::kText;
  }
  if (!any) return ValueType::kText;
  if (num) return ValueType::kNumber;
  if (date) return ValueType::kDate;
  if (boolean) return ValueType::kBool;
  return ValueType::kText;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// One import command: the state shared by its files, and the problem collector.
class ImportRun {
 public:
  ImportRun(store::Store& store, const ImportOptions& options) : store_(store), options_(options) {}

  Status Prepare() {
    if (!options_.reject_path.empty()) {
      rejects_ = std::make_unique<std::ofstream>(options_.reject_path, std::ios::trunc);
      if (!rejects_->good()) {
        return InvalidArgument("ingest.cannotWriteRejects",
                               options_.reject_path + ": cannot write the reject file");
      }
      *rejects_ << "file,line,error,row\n";
    }
    TEND_ASSIGN_OR_RETURN(auto accounts, store_.LoadAccounts());
    for (const auto& a : accounts) accounts_.Insert(a.account_id);
    TEND_ASSIGN_OR_RETURN(auto contacts, store_.LoadContacts());
    for (const auto& c : contacts) contact_account_[c.contact_id] = c.account_id;
    TEND_ASSIGN_OR_RETURN(auto defs, store_.LoadAttributeDefs());
    for (const auto& d : defs) attribute_types_[d.name] = d.type;
    return Status::Ok();
  }

  Status ImportOne(const ImportFile& file, FileReport* report) {
    std::unique_ptr<CsvReader> reader;
    mapped_ = file.mapped.get();
    if (mapped_) {
      reader = CsvReader::FromString(mapped_->csv, mapped_->source);
    } else {
      TEND_ASSIGN_OR_RETURN(reader, CsvReader::Open(file.path));
    }
    report->file = reader->name();
    report->kind = file.kind;
    auto start = std::chrono::steady_clock::now();
    Status st = ImportReader(*reader, file.kind, report);
    report->seconds = Seconds(start);
    return st;
  }

  Status ImportReader(CsvReader& reader, ImportKind kind, FileReport* report) {
    file_ = reader.name();
    report_ = report;
    if (!reader.Next()) {
      if (!reader.status().ok()) return FileProblem(reader.status().message());
      return FileProblem(file_ + ": the file is empty; expected a header row");
    }
    // Map the header.
    std::span<const ImportField> specs = ImportFields(kind);
    col_.assign(specs.size(), -1);
    extra_.clear();
    header_size_ = reader.fields().size();
    if (header_size_ > kMaxCsvColumns) {
      return FileProblem(file_ + ":1: " + std::to_string(header_size_) +
                         " columns; a file may have at most " + std::to_string(kMaxCsvColumns));
    }
    if (const auto& bad = reader.bad_utf8()) {
      return FileProblem(file_ + ":1: column " + std::to_string(bad->field + 1) + ": " +
                         bad->message);
    }
    header_names_.clear();
    for (std::string_view h : reader.fields()) header_names_.emplace_back(Trim(h));
    for (size_t i = 0; i < reader.fields().size(); ++i) {
      std::string_view h = Trim(reader.fields()[i]);
      bool known = false;
      for (size_t c = 0; c < specs.size(); ++c) {
        if (specs[c].name == h) {
          if (col_[c] >= 0) {
            return FileProblem(file_ + ":1: column " + std::string(h) + " appears twice");
          }
          col_[c] = static_cast<int>(i);
          known = true;
        }
      }
      if (!known) {
        if (h.empty())
          return FileProblem(file_ + ":1: column " + std::to_string(i + 1) + " has no name");
        extra_.push_back({std::string(h), static_cast<int>(i)});
      }
    }
    std::string missing;
    for (size_t c = 0; c < specs.size(); ++c) {
      if (specs[c].required && col_[c] < 0)
        missing += (missing.empty() ? "" : ", ") + std::string(specs[c].name);
    }
    if (!missing.empty()) {
      std::string expected;
      for (const auto& s : specs) expected += (expected.empty() ? "" : ",") + std::string(s.name);
      return FileProblem(file_ + ":1: missing column" +
                         (missing.find(',') != std::string::npos ? "s " : " ") + missing +
                         " (expected a header with " + expected + ")");
    }
    if (kind != ImportKind::kAccounts) {
      for (const auto& [name, idx] : extra_) report->ignored_columns.push_back(name);
    }
    switch (kind) {
      case ImportKind::kAccounts:
        return ImportAccounts(reader);
      case ImportKind::kEvents:
        return ImportEvents(reader);
      default:
        break;
    }
    while (NextRow(reader)) {
      switch (kind) {
        case ImportKind::kContacts:
          TEND_RETURN_IF_ERROR(ContactRow());
          break;
        case ImportKind::kSurveys:
          TEND_RETURN_IF_ERROR(SurveyRow());
          break;
        case ImportKind::kTickets:
          TEND_RETURN_IF_ERROR(TicketRow());
          break;
        case ImportKind::kActivities:
          TEND_RETURN_IF_ERROR(ActivityRow());
          break;
        case ImportKind::kDeals:
          TEND_RETURN_IF_ERROR(DealRow());
          break;
        case ImportKind::kSubscriptions:
          TEND_RETURN_IF_ERROR(SubscriptionRow());
          break;
        case ImportKind::kPurchases:
          TEND_RETURN_IF_ERROR(PurchaseRow());
          break;
        case ImportKind::kFeedback:
          TEND_RETURN_IF_ERROR(FeedbackRow());
          break;
        default:
          break;
      }
      FinishRow();
    }
    if (kind == ImportKind::kContacts) TEND_RETURN_IF_ERROR(WriteLeftContacts());
    return reader.status().ok() ? Status::Ok() : FileProblem(reader.status().message());
  }

  int64_t problems() const { return problems_; }
  // True when a whole file could not be read (bad header, broken quoting): then nothing is
  // written, even with a reject file.
  bool file_failed() const { return file_failed_; }
  std::vector<std::string> TakeMessages() { return std::move(messages_); }

  Status Finish() {
    if (rejects_) {
      rejects_->flush();
      if (!rejects_->good()) {
        return Internal("ingest.cannotWriteRejects", options_.reject_path + ": write failed");
      }
    }
    return Status::Ok();
  }

 private:
  // ---- rows and problems ----

  // Advances to the next data row, checking its field count. Returns false at the end.
  bool NextRow(CsvReader& reader) {
    for (;;) {
      if (!reader.Next()) return false;
      line_ = SourceLine(reader.line());
      raw_ = reader.raw();
      row_bad_ = false;
      row_reasons_.clear();
      ++report_->rows;
      if ((report_->rows & 0xFFFF) == 0 && options_.progress) {
        options_.progress(file_, reader.bytes_consumed(), reader.total_bytes(), report_->rows);
      }
      fields_ = reader.fields();
      if (fields_.size() != header_size_) {
        RowProblem("", "expected " + std::to_string(header_size_) + " fields, found " +
                           std::to_string(fields_.size()));
        FinishRow();
        continue;
      }
      if (BadUtf8Row(reader) || MappedRowBad(reader)) {
        FinishRow();
        continue;
      }
      return true;
    }
  }

  // The value of spec column `c` (trimmed), or "" when the file lacks the column.
  std::string_view Get(int c) const {
    int i = col_[static_cast<size_t>(c)];
    return i < 0 ? std::string_view() : Trim(fields_[static_cast<size_t>(i)]);
  }

  // The source line of the record starting on `line` of the file read (mapped imports read
  // tend's layout of another file).
  int64_t SourceLine(int64_t line) const { return mapped_ ? mapped_->SourceLine(line) : line; }

  // Rejects the current record when the mapping could not convert its values.
  bool MappedRowBad(const CsvReader& reader) {
    if (!mapped_) return false;
    auto record = mapped_->RecordAt(reader.line());
    if (!record) return false;
    auto it = mapped_->row_problems.find(*record);
    if (it == mapped_->row_problems.end()) return false;
    for (const auto& [field, what] : it->second) RowProblem(field, what);
    return true;
  }

  void RowProblem(std::string_view column, const std::string& what) {
    ++problems_;
    std::string msg = file_ + ":" + std::to_string(line_) + ": ";
    if (mapped_ && !column.empty()) {
      auto label = mapped_->labels.find(std::string(column));
      if (label != mapped_->labels.end()) {
        msg += "column " + label->second + ": ";
        column = {};
      }
    }
    if (!column.empty()) msg += "column " + std::string(column) + ": ";
    msg += what;
    if (messages_.size() < options_.max_messages) messages_.push_back(msg);
    row_reasons_ += (row_reasons_.empty() ? "" : "; ") + msg.substr(msg.find(": ") + 2);
    row_bad_ = true;
  }

  // A problem with the whole file: counted, and the file is abandoned.
  Status FileProblem(const std::string& msg) {
    ++problems_;
    if (messages_.size() < options_.max_messages) messages_.push_back(msg);
    file_failed_ = true;
    return Status::Ok();
  }

  void FinishRow() {
    if (!row_bad_) return;
    ++report_->rejected;
    if (rejects_) {
      auto q = [](std::string_view v) { return CsvField(v, CsvQuote::kAlways); };
      *rejects_ << q(file_) << ',' << line_ << ',' << q(row_reasons_) << ',' << q(raw_) << '\n';
    }
  }

  // Whether the current row may be written: it has no problem and, without a reject file,
  // no earlier row had one either (nothing is written then, but checking continues).
  bool Writable() const { return !row_bad_ && (rejects_ || problems_ == 0); }

  std::optional<double> Number(int c, std::string_view name, bool required = false) {
    std::string_view v = Get(c);
    if (v.empty()) {
      if (required) RowProblem(name, "a number is required");
      return std::nullopt;
    }
    auto n = ParseNumber(v);
    if (!n) RowProblem(name, Quote(v) + " is not a number");
    return n;
  }

  std::optional<EpochDay> Date(int c, std::string_view name) {
    std::string_view v = Get(c);
    if (v.empty()) return std::nullopt;
    auto d = ParseDate(v);
    if (!d) RowProblem(name, Quote(v) + " is not a date (expected YYYY-MM-DD)");
    return d;
  }

  std::optional<EpochMs> Time(int c, std::string_view name, bool required) {
    std::string_view v = Get(c);
    if (v.empty()) {
      if (required) RowProblem(name, "a time is required");
      return std::nullopt;
    }
    auto t = ParseTime(v);
    if (!t) RowProblem(name, Quote(v) + " is not an ISO-8601 time");
    return t;
  }

  std::string Enum(int c, std::string_view name, std::initializer_list<std::string_view> allowed,
                   bool required) {
    std::string_view v = Get(c);
    if (v.empty()) {
      if (required) RowProblem(name, "a value is required");
      return "";
    }
    if (!OneOf(v, allowed)) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
      RowProblem(name, Quote(v) + " is not one of " + list);
    }
    return std::string(v);
  }

  std::string Id(int c, std::string_view name) {
    std::string_view v = Get(c);
    if (v.empty()) RowProblem(name, "an id is required");
    return std::string(v);
  }

  std::string AccountRef(int c) {
    std::string_view v = Get(c);
    if (v.empty()) {
      RowProblem("account_id", "an account id is required");
    } else if (accounts_.Find(v) == StringIndex::kNotFound) {
      RowProblem("account_id", "unknown account " + Quote(v));
    }
    return std::string(v);
  }

  // An optional contact reference; when `account` is given the contact must belong to it.
  std::string ContactRef(int c, std::string_view column, std::string_view account) {
    std::string_view v = Get(c);
    if (v.empty()) return "";
    auto it = contact_account_.find(std::string(v));
    if (it == contact_account_.end()) {
      RowProblem(column, "unknown contact " + Quote(v));
    } else if (!account.empty() && it->second != account) {
      RowProblem(column, "contact " + Quote(v) + " belongs to account " + Quote(it->second) +
                             ", not " + Quote(account));
    }
    return std::string(v);
  }

  // ---- kinds ----

  Status ImportAccounts(CsvReader& reader) {
    // Custom attribute types are inferred per column, so read the (small) file first.
    struct Row {
      int64_t line;
      std::string raw;
      std::vector<std::string> fields;
    };
    std::vector<Row> rows;
    while (NextRow(reader)) {
      rows.push_back({line_, std::string(raw_), {fields_.begin(), fields_.end()}});
    }
    if (!reader.status().ok()) return FileProblem(reader.status().message());
    struct Extra {
      std::string header, name;
      int index;
      ValueType type;
    };
    std::vector<Extra> extras;
    for (const auto& [header, idx] : extra_) {
      Extra e{header, AttributeName(header), idx, ValueType::kText};
      auto over = options_.attribute_types.find(e.name);
      if (over == options_.attribute_types.end()) over = options_.attribute_types.find(header);
      auto known = attribute_types_.find(e.name);
      if (over != options_.attribute_types.end()) {
        e.type = over->second;
      } else if (known != attribute_types_.end()) {
        e.type = known->second;
      } else {
        std::vector<std::string_view> values;
        for (const Row& r : rows) values.push_back(Trim(r.fields[static_cast<size_t>(idx)]));
        e.type = InferType(values);
      }
      if (known != attribute_types_.end() && known->second != e.type) {
        return FileProblem(file_ + ":1: column " + header + ": attribute " + e.name +
                           " is stored as " + std::string(ValueTypeName(known->second)) + ", not " +
                           std::string(ValueTypeName(e.type)));
      }
      if (known == attribute_types_.end() && Writable()) {
        TEND_RETURN_IF_ERROR(store_.SaveAttributeDef(AttributeDef{e.name, e.type}));
        attribute_types_[e.name] = e.type;
      }
      extras.push_back(e);
    }
    for (Row& r : rows) {
      line_ = r.line;
      raw_ = r.raw;
      row_bad_ = false;
      row_reasons_.clear();
      std::vector<std::string_view> views(r.fields.begin(), r.fields.end());
      fields_ = views;
      AccountRecord a;
      a.account_id = Id(0, "account_id");
      a.name = std::string(Get(1));
      a.industry = std::string(Get(2));
      a.segment = std::string(Get(3));
      a.region = std::string(Get(4));
      a.arr = Number(5, "arr");
      if (a.arr && *a.arr < 0) RowProblem("arr", "must not be negative");
      a.start_date = Date(6, "start_date");
      a.renewal_date = Date(7, "renewal_date");
      a.csm = std::string(Get(8));
      a.status = Enum(9, "status", {"active", "churned"}, false);
      if (a.status.empty()) a.status = "active";
      a.churned_on = Date(10, "churned_on");
      if (a.churned_on && a.status == "active") {
        RowProblem("churned_on", "must be empty unless status is churned");
      }
      for (const Extra& e : extras) {
        std::string_view v = Trim(fields_[static_cast<size_t>(e.index)]);
        AttributeValue av;
        av.name = e.name;
        if (!v.empty()) {
          switch (e.type) {
            case ValueType::kNumber:
              if (auto n = ParseNumber(v))
                av.num = *n;
              else
                RowProblem(e.header, Quote(v) + " is not a number");
              break;
            case ValueType::kDate:
              if (auto d = ParseDate(v))
                av.num = *d;
              else
                RowProblem(e.header, Quote(v) + " is not a date (expected YYYY-MM-DD)");
              break;
            case ValueType::kBool:
              if (auto b = ParseBool(v))
                av.num = *b ? 1 : 0;
              else
                RowProblem(e.header, Quote(v) + " is not a boolean (true/false)");
              break;
            default:
              av.text = std::string(v);
          }
        }
        a.attributes.push_back(std::move(av));
      }
      if (Writable()) {
        TEND_RETURN_IF_ERROR(store_.UpsertAccount(a));
        ++report_->imported;
      }
      if (!row_bad_) accounts_.Insert(a.account_id);
      FinishRow();
    }
    return Status::Ok();
  }

  Status ContactRow() {
    ContactRecord c;
    c.contact_id = Id(0, "contact_id");
    c.account_id = AccountRef(1);
    c.name = std::string(Get(2));
    c.email = std::string(Get(3));
    if (!c.email.empty() && c.email.find('@') == std::string::npos) {
      RowProblem("email", Quote(c.email) + " is not an email address");
    }
    c.title = std::string(Get(4));
    c.seniority = Enum(5, "seniority", {"ic", "manager", "director", "vp", "c_level"}, false);
    c.role = Enum(6, "role", {"champion", "decision_maker", "user", "admin"}, false);
    c.status = Enum(7, "status", {"active", "left", "bounced"}, false);
    if (Writable()) {
      if (store::HasLeft(c)) {
        left_contacts_.push_back(c);  // written after the others: see WriteLeftContacts
      } else {
        TEND_RETURN_IF_ERROR(store_.UpsertContact(c));
      }
      ++report_->imported;
    }
    if (!row_bad_) contact_account_[c.contact_id] = c.account_id;
    return Status::Ok();
  }

  // The contacts of the file who left, written after all the others: whether one of them left
  // for another account is decided against the whole file (and the workspace), not against the
  // rows before it (docs/advocacy.md "Milestones": a namesake must be the only one).
  Status WriteLeftContacts() {
    for (const ContactRecord& c : left_contacts_) TEND_RETURN_IF_ERROR(store_.UpsertContact(c));
    left_contacts_.clear();
    return Status::Ok();
  }

  Status SurveyRow() {
    SurveyRecord s;
    auto ts = Time(0, "ts", true);
    s.account_id = AccountRef(1);
    s.contact_id = ContactRef(2, "contact_id", s.account_id);
    s.survey = Enum(3, "survey", {"nps", "csat", "advocacy_nps"}, true);
    std::string_view score = Get(4);
    int lo = s.survey == "csat" ? 1 : 0, hi = s.survey == "csat" ? 5 : 10;
    auto v = ParseIntIn(score, lo, hi);
    if (!v) {
      RowProblem("score", Quote(score) + " is not a whole number from " + std::to_string(lo) +
                              " to " + std::to_string(hi) + " (" +
                              (s.survey.empty() ? "survey" : s.survey) + ")");
    }
    s.comment = std::string(col_[5] >= 0 ? fields_[static_cast<size_t>(col_[5])] : "");
    s.survey_id = std::string(Get(6));
    if (Writable()) {
      s.ts = *ts;
      s.score = *v;
      // An answer already stored as it is (the same survey_id and values, or the same whole
      // row) is counted as a duplicate, not as imported.
      TEND_ASSIGN_OR_RETURN(bool stored, store_.UpsertSurvey(s));
      ++(stored ? report_->imported : report_->duplicates);
    }
    return Status::Ok();
  }

  Status TicketRow() {
    TicketRecord t;
    t.ticket_id = Id(0, "ticket_id");
    t.account_id = AccountRef(1);
    t.opened_at = Time(2, "opened_at", false);
    t.closed_at = Time(3, "closed_at", false);
    t.priority = Enum(4, "priority", {"low", "normal", "high", "urgent"}, false);
    t.status = Enum(5, "status", {"open", "closed"}, true);
    if (t.opened_at && t.closed_at && *t.closed_at < *t.opened_at) {
      RowProblem("closed_at", "is before opened_at");
    }
    if (t.status == "open" && t.closed_at)
      RowProblem("closed_at", "must be empty for an open ticket");
    std::string_view csat = Get(6);
    if (!csat.empty()) {
      auto v = ParseIntIn(csat, 1, 5);
      if (!v)
        RowProblem("csat", Quote(csat) + " is not a whole number from 1 to 5");
      else
        t.csat = *v;
    }
    if (Writable()) {
      TEND_RETURN_IF_ERROR(store_.UpsertTicket(t));
      ++report_->imported;
    }
    return Status::Ok();
  }

  Status ActivityRow() {
    ActivityRecord a;
    auto ts = Time(0, "ts", true);
    a.account_id = AccountRef(1);
    a.contact_id = ContactRef(2, "contact_id", a.account_id);
    a.type = Enum(3, "type",
                  {"meeting", "call", "email", "qbr", "note", "beta_response", "community_post",
                   "social_mention", "reference_call", "case_study", "speaking", "advisory_board"},
                  true);
    a.subject = std::string(Get(4));
    a.author = std::string(Get(5));
    a.notes = std::string(col_[6] >= 0 ? fields_[static_cast<size_t>(col_[6])] : "");
    if (Writable()) {
      a.ts = *ts;
      TEND_RETURN_IF_ERROR(store_.UpsertActivity(a).status());
      ++report_->imported;
    }
    return Status::Ok();
  }

  Status DealRow() {
    DealRecord d;
    d.deal_id = Id(0, "deal_id");
    d.prospect = std::string(Get(1));
    d.amount = Number(2, "amount");
    d.stage = Enum(3, "stage", {"open", "won", "lost"}, true);
    d.closed_at = Date(4, "closed_at");
    if (d.stage == "open" && d.closed_at) RowProblem("closed_at", "must be empty for an open deal");
    d.reference_contact_id = ContactRef(5, "reference_contact_id", "");
    if (Writable()) {
      TEND_RETURN_IF_ERROR(store_.UpsertDeal(d));
      ++report_->imported;
    }
    return Status::Ok();
  }

  // subscriptions.csv and purchases.csv (revenue/checks.h holds the rules the API shares).
  Status SubscriptionRow() {
    store::SubscriptionRecord r;
    r.subscription_id = Id(0, "subscription_id");
    r.account_id = AccountRef(1);
    r.product = std::string(Get(2));
    if (r.product.empty()) RowProblem("product", "a product is required");
    r.plan = std::string(Get(3));
    auto quantity = Number(4, "quantity", true);
    r.unit_price = Number(5, "unit_price");
    auto arr = Number(6, "arr", true);
    auto start = Date(7, "start_date");
    auto end = Date(8, "end_date");
    if (!start && Get(7).empty()) RowProblem("start_date", "a date is required");
    if (!end && Get(8).empty()) RowProblem("end_date", "a date is required");
    r.status = Enum(9, "status", {"active", "cancelled", "expired"}, true);
    if (quantity && arr && start && end && !r.status.empty()) {
      r.quantity = *quantity;
      r.arr = *arr;
      r.start_date = *start;
      r.end_date = *end;
      for (const auto& p : revenue::CheckSubscription(r)) {
        if (p.field != "status") RowProblem(p.field, p.what);  // Enum() checked it
      }
    }
    if (Writable()) {
      TEND_RETURN_IF_ERROR(store_.UpsertSubscription(r));
      ++report_->imported;
    }
    return Status::Ok();
  }

  Status PurchaseRow() {
    store::PurchaseRecord r;
    r.purchase_id = Id(0, "purchase_id");
    r.account_id = AccountRef(1);
    auto ts = Time(2, "ts", true);
    r.product = std::string(Get(3));
    auto amount = Number(4, "amount", true);
    r.kind = Enum(5, "kind", {"new", "renewal", "expansion", "contraction", "one_time", "refund"},
                  true);
    if (amount && !r.kind.empty()) {
      r.amount = *amount;
      for (const auto& p : revenue::CheckPurchase(r)) {
        if (p.field != "kind") RowProblem(p.field, p.what);  // Enum() checked it
      }
    }
    if (Writable()) {
      r.ts = *ts;
      TEND_RETURN_IF_ERROR(store_.UpsertPurchase(r));
      ++report_->imported;
    }
    return Status::Ok();
  }

  // A feedback item (docs/feedback.md). `request` names a request by its title; an unknown
  // title creates the request (status new).
  Status FeedbackRow() {
    if (!feedback_loaded_) {
      TEND_ASSIGN_OR_RETURN(product_areas_, store_.ListProductAreas());
      TEND_ASSIGN_OR_RETURN(auto requests, store_.ListFeedbackRequests());
      for (const auto& r : requests) {
        if (!r.merged_into) request_ids_.emplace(r.title, r.request_id);
      }
      feedback_loaded_ = true;
    }
    store::FeedbackItemRecord f;
    f.external_id = Id(0, "feedback_id");
    auto ts = Time(1, "ts", true);
    f.account_id = AccountRef(2);
    f.contact_id = ContactRef(3, "contact_id", f.account_id);
    f.source = VocabularyValue(4, "source", store::kFeedbackSources);
    f.source_ref = std::string(Get(5));
    f.kind = VocabularyValue(6, "kind", store::kFeedbackKinds);
    f.importance = VocabularyValue(7, "importance", store::kFeedbackImportances);
    f.text = std::string(Get(8));
    if (f.text.empty()) RowProblem("text", "the text is required");
    f.product_area = std::string(Get(9));
    if (!f.product_area.empty() && !product_areas_.empty() &&
        std::find(product_areas_.begin(), product_areas_.end(), f.product_area) ==
            product_areas_.end()) {
      RowProblem("product_area", Quote(f.product_area) + " is not a product area");
    }
    f.created_by = std::string(Get(10));
    std::string request(Get(11));
    if (!Writable()) return Status::Ok();
    f.created_at = *ts;
    if (!request.empty()) {
      auto it = request_ids_.find(request);
      if (it == request_ids_.end()) {
        store::FeedbackRequestRecord r;
        r.title = request;
        r.product_area = f.product_area;
        r.created_at = r.updated_at = *ts;
        r.created_by = "import";
        TEND_ASSIGN_OR_RETURN(int64_t id, store_.InsertFeedbackRequest(r));
        it = request_ids_.emplace(request, id).first;
      }
      f.request_id = it->second;
    }
    TEND_RETURN_IF_ERROR(store_.UpsertFeedbackItem(f).status());
    ++report_->imported;
    return Status::Ok();
  }

  // A required value of a fixed vocabulary.
  template <size_t N>
  std::string VocabularyValue(int c, std::string_view name,
                              const std::array<std::string_view, N>& allowed) {
    std::string_view v = Get(c);
    if (std::find(allowed.begin(), allowed.end(), v) != allowed.end()) return std::string(v);
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
    RowProblem(name, v.empty() ? "a value is required (one of " + list + ")"
                               : Quote(v) + " is not one of " + list);
    return std::string(v);
  }

  // The hot path: rows are parsed and checked here, and folded into each account's usage
  // state by an EventFolder; the touched states are written once at the end.
  Status ImportEvents(CsvReader& reader) {
    TEND_ASSIGN_OR_RETURN(std::vector<std::string> names, store_.LoadEventNames());
    StringIndex event_ids;
    for (const auto& n : names) event_ids.Insert(n);
    size_t known_names = names.size();
    EventFolder folder(accounts_.size(),
                       [this](uint32_t a) { return store_.LoadUsage(accounts_.Key(a)); });
    const int c_ts = col_[0], c_acc = col_[1], c_user = col_[2], c_event = col_[3], c_msg = col_[4];
    const size_t width = header_size_;
    while (reader.Next()) {
      auto f = reader.fields();
      ++report_->rows;
      if ((report_->rows & 0xFFFF) == 0 && options_.progress) {
        options_.progress(file_, reader.bytes_consumed(), reader.total_bytes(), report_->rows);
      }
      if (f.size() != width) {
        StartRow(reader);
        RowProblem(
            "", "expected " + std::to_string(width) + " fields, found " + std::to_string(f.size()));
        FinishRow();
        continue;
      }
      if (reader.bad_utf8() || (mapped_ && mapped_->RecordAt(reader.line()) &&
                                mapped_->row_problems.count(*mapped_->RecordAt(reader.line())))) {
        StartRow(reader);
        if (!BadUtf8Row(reader)) MappedRowBad(reader);
        FinishRow();
        row_bad_ = false;
        continue;
      }
      std::string_view ts_text = f[c_ts], acc = f[c_acc], user = f[c_user], ev = f[c_event];
      auto ts = ParseTime(ts_text);
      uint32_t a = accounts_.Find(acc);
      if (!ts || a == StringIndex::kNotFound) {
        // Slow path: maybe padded with spaces, else a located problem.
        StartRow(reader);
        ts_text = Trim(ts_text);
        acc = Trim(acc);
        ts = ParseTime(ts_text);
        a = accounts_.Find(acc);
        if (!ts) RowProblem("ts", Quote(ts_text) + " is not an ISO-8601 time");
        if (acc.empty())
          RowProblem("account_id", "an account id is required");
        else if (a == StringIndex::kNotFound)
          RowProblem("account_id", "unknown account " + Quote(acc));
      }
      user = Trim(user);
      ev = Trim(ev);
      if (user.empty() || ev.empty()) {
        StartRow(reader);
        if (user.empty()) RowProblem("user_id", "a user id is required");
        if (ev.empty()) RowProblem("event", "an event name is required");
      }
      if (row_bad_) {
        FinishRow();
        row_bad_ = false;
        continue;
      }
      if (c_msg >= 0) {
        std::string_view msg = Trim(f[c_msg]);
        if (!msg.empty()) {
          TEND_ASSIGN_OR_RETURN(bool fresh, store_.InsertMessageId(msg));
          if (!fresh) {
            ++report_->duplicates;
            continue;
          }
        }
      }
      if (!Writable()) continue;
      TEND_RETURN_IF_ERROR(folder.Add(a, *ts, user, event_ids.Insert(ev)));
      ++report_->imported;
    }
    if (!reader.status().ok()) return FileProblem(reader.status().message());
    if (rejects_ || problems_ == 0) {
      for (size_t i = known_names; i < event_ids.size(); ++i) {
        TEND_RETURN_IF_ERROR(
            store_.AddEventName(static_cast<uint32_t>(i), event_ids.Key(static_cast<uint32_t>(i))));
      }
      TEND_RETURN_IF_ERROR(folder.ForEachTouched([this](uint32_t a,
                                                        const metrics::AccountUsage& u) {
        return store_.SaveUsage(accounts_.Key(a), u.Serialize(), static_cast<int64_t>(u.events()));
      }));
    }
    return Status::Ok();
  }

  // Makes the reader's current record the row that problems are reported against.
  // Rejects the current row when a field is not valid UTF-8 (nothing of it is stored, so
  // no page can be broken by its text later). Returns whether it did.
  bool BadUtf8Row(const CsvReader& reader) {
    const auto& bad = reader.bad_utf8();
    if (!bad) return false;
    RowProblem(bad->field < header_names_.size() ? header_names_[bad->field] : "", bad->message);
    return true;
  }

  void StartRow(const CsvReader& reader) {
    if (line_ == SourceLine(reader.line()) && !row_reasons_.empty()) return;
    line_ = SourceLine(reader.line());
    raw_ = reader.raw();
    row_reasons_.clear();
  }

  store::Store& store_;
  const ImportOptions& options_;
  std::unique_ptr<std::ofstream> rejects_;
  StringIndex accounts_;
  std::unordered_map<std::string, std::string> contact_account_;
  std::vector<ContactRecord> left_contacts_;  // of the contacts file being read
  // feedback.csv: the product areas and the requests by title, loaded with its first row.
  bool feedback_loaded_ = false;
  std::vector<std::string> product_areas_;
  std::map<std::string, int64_t> request_ids_;
  std::map<std::string, ValueType> attribute_types_;

  // The file being read.
  std::string file_;
  FileReport* report_ = nullptr;
  std::vector<int> col_;  // spec column -> field index, -1 when absent
  std::vector<std::pair<std::string, int>> extra_;
  size_t header_size_ = 0;
  std::vector<std::string> header_names_;  // trimmed, by field
  bool file_failed_ = false;

  // The row being read.
  std::span<const std::string_view> fields_;
  int64_t line_ = 0;
  const MappedFile* mapped_ = nullptr;  // the file being read, when it is a mapped import
  std::string_view raw_;
  bool row_bad_ = false;
  std::string row_reasons_;

  int64_t problems_ = 0;
  std::vector<std::string> messages_;
};

}  // namespace

Result<std::vector<ImportFile>> FindImportFiles(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return NotFound("ingest.noDirectory", dir + ": not a directory");
  }
  std::vector<ImportFile> files;
  for (ImportKind k : ImportOrder()) {
    std::string path = dir + "/" + std::string(ImportKindName(k)) + ".csv";
    if (std::filesystem::is_regular_file(path, ec)) files.push_back({k, path});
  }
  if (files.empty()) {
    return NotFound("ingest.noFiles",
                    dir +
                        ": no known files (accounts.csv, contacts.csv, events.csv, surveys.csv, "
                        "tickets.csv, activities.csv, deals.csv, subscriptions.csv, "
                        "purchases.csv)");
  }
  return files;
}

Result<ImportReport> RunImport(store::Store& store, std::vector<ImportFile> files,
                               const ImportOptions& options) {
  std::stable_sort(files.begin(), files.end(), [](const ImportFile& a, const ImportFile& b) {
    return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  });
  ImportReport report;
  TEND_RETURN_IF_ERROR(store.Begin());
  ImportRun run(store, options);
  auto fail = [&](Status st) {
    (void)store.Rollback();
    return st;
  };
  Status st = run.Prepare();
  if (!st.ok()) return fail(st);
  for (const ImportFile& f : files) {
    report.files.emplace_back();
    st = run.ImportOne(f, &report.files.back());
    if (!st.ok()) return fail(st);
  }
  st = run.Finish();
  if (!st.ok()) return fail(st);
  report.problems = run.problems();
  report.messages = run.TakeMessages();
  if (options.dry_run) {
    TEND_RETURN_IF_ERROR(store.Rollback());
    report.dry_run = true;
    if (report.problems > 0 && (options.reject_path.empty() || run.file_failed())) {
      for (auto& f : report.files) f.imported = 0;
    }
    return report;
  }
  if (report.problems > 0 && (options.reject_path.empty() || run.file_failed())) {
    TEND_RETURN_IF_ERROR(store.Rollback());
    for (auto& f : report.files) f.imported = 0;
    return report;
  }
  st = store.Commit();
  if (!st.ok()) return fail(st);
  report.committed = true;
  return report;
}

}  // namespace tend::ingest

#include "store/sqlite_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

#include "common/time.h"
#include "store/migrations.h"
#include "store/sqlite_feedback_store.h"

namespace tend::store {

namespace {

std::string TypeName(ValueType t) {
  switch (t) {
    case ValueType::kNumber:
      return "number";
    case ValueType::kDate:
      return "date";
    case ValueType::kBool:
      return "bool";
    default:
      return "text";
  }
}

ValueType TypeFromName(std::string_view s) {
  if (s == "number") return ValueType::kNumber;
  if (s == "date") return ValueType::kDate;
  if (s == "bool") return ValueType::kBool;
  return ValueType::kText;
}

// Reads every remaining row of `s` with `read`.
template <typename T, typename F>
Result<std::vector<T>> ReadRows(Stmt* s, F read) {
  std::vector<T> out;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.push_back(read(s));
  }
  return out;
}

// An activity from the columns activity_id, ts, account_id, contact_id, type, subject,
// author, notes, source.
ActivityRecord ReadActivity(Stmt* s) {
  ActivityRecord a;
  a.activity_id = s->Int(0);
  a.ts = s->Int(1);
  a.account_id = s->Str(2);
  a.contact_id = s->Str(3);
  a.type = s->Str(4);
  a.subject = s->Str(5);
  a.author = s->Str(6);
  a.notes = s->Str(7);
  a.source = s->Str(8);
  return a;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<SqliteDb> db, int version) : db_(std::move(db)), version_(version) {}
  ~SqliteStore() override {
    if (in_txn_) (void)db_->Exec("ROLLBACK");
  }

  int schema_version() const override { return version_; }

  Result<std::unique_ptr<Store>> OpenAnother() override {
    OpenOptions o;
    o.create = false;
    o.migrate = false;
    return OpenSqliteStore(db_->path(), o);
  }

  Status Begin() override {
    TEND_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    in_txn_ = true;
    return Status::Ok();
  }
  Status Commit() override {
    TEND_RETURN_IF_ERROR(db_->Exec("COMMIT"));
    in_txn_ = false;
    return Status::Ok();
  }
  Status Rollback() override {
    if (!in_txn_) return Status::Ok();
    in_txn_ = false;
    return db_->Exec("ROLLBACK");
  }

  Result<bool> InsertAccountIfMissing(std::string_view account_id, std::string_view name) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO accounts (account_id, name, status) VALUES "
                                       "(?,?,'active') ON CONFLICT (account_id) DO NOTHING"));
    TEND_RETURN_IF_ERROR(s->Bind(1, account_id).Bind(2, name).Run());
    return sqlite3_changes(db_->raw()) > 0;
  }

  Status UpsertAccount(const AccountRecord& a) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO accounts (account_id, name, industry, segment, region, arr, start_date, "
            "renewal_date, csm, status, churned_on) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT (account_id) DO UPDATE SET name = excluded.name, industry = "
            "excluded.industry, segment = excluded.segment, region = excluded.region, arr = "
            "excluded.arr, start_date = excluded.start_date, renewal_date = excluded.renewal_date, "
            "csm = excluded.csm, status = excluded.status, churned_on = excluded.churned_on"));
    s->Bind(1, a.account_id).BindTextOrNull(2, a.name).BindTextOrNull(3, a.industry);
    s->BindTextOrNull(4, a.segment).BindTextOrNull(5, a.region).Bind(6, a.arr);
    s->Bind(7, a.start_date).Bind(8, a.renewal_date).BindTextOrNull(9, a.csm);
    s->Bind(10, a.status).Bind(11, a.churned_on);
    TEND_RETURN_IF_ERROR(s->Run());
    for (const AttributeValue& v : a.attributes) {
      TEND_ASSIGN_OR_RETURN(
          Stmt * t,
          db_->Prepare(
              "INSERT INTO account_attributes (account_id, name, num, text) VALUES (?,?,?,?) "
              "ON CONFLICT (account_id, name) DO UPDATE SET num = excluded.num, text = "
              "excluded.text"));
      t->Bind(1, a.account_id).Bind(2, v.name).Bind(3, v.num).Bind(4, v.text);
      TEND_RETURN_IF_ERROR(t->Run());
    }
    return Status::Ok();
  }

  Result<std::vector<AccountRecord>> LoadAccounts() override {
    std::vector<AccountRecord> out;
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT account_id, name, industry, segment, region, arr, start_date, renewal_date, "
            "csm, status, churned_on FROM accounts ORDER BY account_id"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      AccountRecord a;
      a.account_id = s->Str(0);
      a.name = s->Str(1);
      a.industry = s->Str(2);
      a.segment = s->Str(3);
      a.region = s->Str(4);
      a.arr = s->OptDouble(5);
      a.start_date = s->OptInt(6);
      a.renewal_date = s->OptInt(7);
      a.csm = s->Str(8);
      a.status = s->Str(9);
      a.churned_on = s->OptInt(10);
      out.push_back(std::move(a));
    }
    TEND_ASSIGN_OR_RETURN(Stmt * t, db_->Prepare("SELECT account_id, name, num, text FROM "
                                                 "account_attributes ORDER BY account_id, name"));
    size_t i = 0;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, t->Step());
      if (!row) break;
      std::string_view id = t->Text(0);
      while (i < out.size() && out[i].account_id < id) ++i;
      if (i == out.size() || out[i].account_id != id) continue;
      AttributeValue v;
      v.name = t->Str(1);
      v.num = t->OptDouble(2);
      if (!t->IsNull(3)) v.text = t->Str(3);
      out[i].attributes.push_back(std::move(v));
    }
    return out;
  }

  Result<std::vector<AttributeDef>> LoadAttributeDefs() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT name, type FROM attribute_defs ORDER BY name"));
    return ReadRows<AttributeDef>(s, [&](Stmt* s) {
      return AttributeDef{s->Str(0), TypeFromName(s->Text(1))};
    });
  }

  Status SaveAttributeDef(const AttributeDef& def) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO attribute_defs (name, type) VALUES (?, ?) "
                                       "ON CONFLICT (name) DO UPDATE SET type = excluded.type"));
    return s->Bind(1, def.name).Bind(2, TypeName(def.type)).Run();
  }

  Status UpsertContact(const ContactRecord& c) override {
    TEND_RETURN_IF_ERROR(NoteContactChange(c));
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO contacts (contact_id, account_id, name, email, title, seniority, role) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT (contact_id) DO UPDATE SET account_id = "
            "excluded.account_id, name = excluded.name, email = excluded.email, title = "
            "excluded.title, seniority = excluded.seniority, role = excluded.role"));
    s->Bind(1, c.contact_id).Bind(2, c.account_id).BindTextOrNull(3, c.name);
    s->BindTextOrNull(4, c.email).BindTextOrNull(5, c.title).BindTextOrNull(6, c.seniority);
    s->BindTextOrNull(7, c.role);
    return s->Run();
  }

  // Records in contact_changes how `c` differs from what is stored (see Store::UpsertContact).
  Status NoteContactChange(const ContactRecord& c) {
    TEND_ASSIGN_OR_RETURN(Stmt * q,
                          db_->Prepare("SELECT account_id, title, seniority FROM contacts WHERE "
                                       "contact_id = ?"));
    q->Bind(1, c.contact_id);
    TEND_ASSIGN_OR_RETURN(bool found, q->Step());
    ContactChangeRecord ch;
    ch.contact_id = c.contact_id;
    ch.new_account_id = c.account_id;
    ch.new_title = c.title;
    ch.new_seniority = c.seniority;
    std::vector<ContactChangeRecord> changes;
    if (found) {
      ch.old_account_id = q->Str(0);
      ch.old_title = q->Str(1);
      ch.old_seniority = q->Str(2);
      q->Reset();
      if (ch.old_account_id != c.account_id) {
        ch.kind = "company";
        changes.push_back(ch);
      } else if (!c.title.empty() && !ch.old_title.empty() && ch.old_title != c.title) {
        ch.kind = "title";
        changes.push_back(ch);
      }
    } else {
      q->Reset();
      // A new record for a person already known at another account: same name, same email
      // before the @ (their address changes with the company's domain).
      const size_t at = c.email.find('@');
      if (!c.name.empty() && at != std::string::npos && at > 0) {
        TEND_ASSIGN_OR_RETURN(
            Stmt * p, db_->Prepare("SELECT contact_id, account_id, title, seniority, email FROM "
                                   "contacts WHERE name = ? AND account_id <> ? ORDER BY "
                                   "contact_id"));
        p->Bind(1, c.name).Bind(2, c.account_id);
        const std::string local = Lower(c.email.substr(0, at + 1));
        for (;;) {
          TEND_ASSIGN_OR_RETURN(bool row, p->Step());
          if (!row) break;
          std::string email = Lower(p->Str(4));
          if (email.compare(0, local.size(), local) != 0) continue;
          ch.kind = "company";
          ch.previous_contact_id = p->Str(0);
          ch.old_account_id = p->Str(1);
          ch.old_title = p->Str(2);
          ch.old_seniority = p->Str(3);
          changes.push_back(ch);
          break;
        }
        p->Reset();
      }
    }
    for (const auto& x : changes) {
      TEND_ASSIGN_OR_RETURN(
          Stmt * s, db_->Prepare("INSERT INTO contact_changes (ts, contact_id, "
                                 "previous_contact_id, kind, old_title, new_title, "
                                 "old_seniority, new_seniority, old_account_id, new_account_id) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?)"));
      s->Bind(1, static_cast<int64_t>(NowMs())).Bind(2, x.contact_id);
      s->BindTextOrNull(3, x.previous_contact_id).Bind(4, x.kind);
      s->BindTextOrNull(5, x.old_title).BindTextOrNull(6, x.new_title);
      s->BindTextOrNull(7, x.old_seniority).BindTextOrNull(8, x.new_seniority);
      s->BindTextOrNull(9, x.old_account_id).BindTextOrNull(10, x.new_account_id);
      TEND_RETURN_IF_ERROR(s->Run());
    }
    return Status::Ok();
  }

  static std::string Lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  }

  // The contacts matching `where` (an SQL condition on one parameter, or empty for all).
  Result<std::vector<ContactRecord>> ReadContacts(const char* where, std::string_view arg) {
    std::string sql =
        "SELECT contact_id, account_id, name, email, title, seniority, role FROM contacts";
    if (*where) sql += std::string(" WHERE ") + where;
    sql += " ORDER BY contact_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    if (*where) s->Bind(1, arg);
    return ReadRows<ContactRecord>(s, [&](Stmt* s) {
      return ContactRecord{s->Str(0), s->Str(1), s->Str(2), s->Str(3),
                           s->Str(4), s->Str(5), s->Str(6)};
    });
  }

  Result<std::vector<ContactRecord>> LoadContacts() override { return ReadContacts("", ""); }

  Result<std::vector<ContactRecord>> ListContacts(std::string_view account_id) override {
    return ReadContacts("account_id = ?", account_id);
  }

  Result<std::optional<ContactRecord>> GetContact(std::string_view contact_id) override {
    TEND_ASSIGN_OR_RETURN(auto rows, ReadContacts("contact_id = ?", contact_id));
    if (rows.empty()) return std::optional<ContactRecord>();
    return std::optional<ContactRecord>(std::move(rows[0]));
  }

  Result<bool> UpsertSurvey(const SurveyRecord& r) override {
    // The identity (store.h): the source's id, else the whole row. The row key extends the
    // pre-v7 key (ts|account|contact|survey) by score and comment, as migration 7 did.
    std::string key = !r.survey_id.empty()
                          ? "id|" + r.survey_id
                          : std::to_string(r.ts) + "|" + r.account_id + "|" + r.contact_id + "|" +
                                r.survey + "|" + std::to_string(static_cast<int64_t>(r.score)) +
                                "|" + r.comment;
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO surveys (survey_key, ts, account_id, contact_id, survey, score, comment, "
            "survey_id) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (survey_key) DO UPDATE SET ts = "
            "excluded.ts, account_id = excluded.account_id, contact_id = excluded.contact_id, "
            "survey = excluded.survey, score = excluded.score, comment = excluded.comment "
            "WHERE surveys.ts IS DISTINCT FROM excluded.ts OR surveys.account_id IS DISTINCT FROM "
            "excluded.account_id OR surveys.contact_id IS DISTINCT FROM excluded.contact_id OR "
            "surveys.survey IS DISTINCT FROM excluded.survey OR surveys.score IS DISTINCT FROM "
            "excluded.score OR surveys.comment IS DISTINCT FROM excluded.comment"));
    s->Bind(1, key).Bind(2, static_cast<int64_t>(r.ts)).Bind(3, r.account_id);
    s->BindTextOrNull(4, r.contact_id).Bind(5, r.survey).Bind(6, r.score);
    s->BindTextOrNull(7, r.comment).BindTextOrNull(8, r.survey_id);
    TEND_RETURN_IF_ERROR(s->Run());
    return sqlite3_changes(db_->raw()) > 0;
  }

  Result<std::vector<SurveyRecord>> LoadSurveys() override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT ts, account_id, contact_id, survey, score, comment, survey_id FROM surveys "
            "ORDER BY account_id, ts"));
    return ReadRows<SurveyRecord>(s, [&](Stmt* s) {
      return SurveyRecord{s->Int(0),    s->Str(1), s->Str(2), s->Str(3),
                          s->Double(4), s->Str(5), s->Str(6)};
    });
  }

  Result<std::vector<SurveyRecord>> ListSurveys(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT ts, account_id, contact_id, survey, score, comment, survey_id FROM "
                     "surveys WHERE account_id = ? ORDER BY ts"));
    s->Bind(1, account_id);
    return ReadRows<SurveyRecord>(s, [&](Stmt* s) {
      return SurveyRecord{s->Int(0),    s->Str(1), s->Str(2), s->Str(3),
                          s->Double(4), s->Str(5), s->Str(6)};
    });
  }

  Result<std::vector<TicketRecord>> ListTickets(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT ticket_id, account_id, opened_at, "
                                                 "closed_at, priority, status, csat FROM tickets "
                                                 "WHERE account_id = ? ORDER BY ticket_id"));
    s->Bind(1, account_id);
    return ReadRows<TicketRecord>(s, [&](Stmt* s) {
      return TicketRecord{s->Str(0), s->Str(1), s->OptInt(2),   s->OptInt(3),
                          s->Str(4), s->Str(5), s->OptDouble(6)};
    });
  }

  Status UpsertTicket(const TicketRecord& t) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO tickets (ticket_id, account_id, opened_at, closed_at, priority, status, "
            "csat) "
            "VALUES (?,?,?,?,?,?,?) ON CONFLICT (ticket_id) DO UPDATE SET account_id = "
            "excluded.account_id, opened_at = excluded.opened_at, closed_at = excluded.closed_at, "
            "priority = excluded.priority, status = excluded.status, csat = excluded.csat"));
    s->Bind(1, t.ticket_id).Bind(2, t.account_id).Bind(3, t.opened_at).Bind(4, t.closed_at);
    s->BindTextOrNull(5, t.priority).Bind(6, t.status).Bind(7, t.csat);
    return s->Run();
  }

  Result<std::vector<TicketRecord>> LoadTickets() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT ticket_id, account_id, opened_at, "
                                                 "closed_at, priority, status, csat FROM tickets "
                                                 "ORDER BY account_id, ticket_id"));
    return ReadRows<TicketRecord>(s, [&](Stmt* s) {
      return TicketRecord{s->Str(0), s->Str(1), s->OptInt(2),   s->OptInt(3),
                          s->Str(4), s->Str(5), s->OptDouble(6)};
    });
  }

  Result<int64_t> UpsertActivity(const ActivityRecord& a) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO activities (activity_key, ts, account_id, contact_id, type, subject, "
            "author, "
            "notes, source) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (activity_key) DO UPDATE SET "
            "notes = excluded.notes RETURNING activity_id"));
    // Imported and system entries are identified by what they say, so importing or
    // refreshing again adds nothing; what people log is always new.
    std::string key;
    if (a.source == "import" || a.source == "system") {
      key = (a.source == "system" ? "system|" : "") + std::to_string(a.ts) + "|" + a.account_id +
            "|" + a.contact_id + "|" + a.type + "|" + a.subject;
      if (a.source == "system") key += "|" + a.notes;
    }
    s->BindTextOrNull(1, key).Bind(2, static_cast<int64_t>(a.ts)).Bind(3, a.account_id);
    s->BindTextOrNull(4, a.contact_id).Bind(5, a.type).BindTextOrNull(6, a.subject);
    s->BindTextOrNull(7, a.author).BindTextOrNull(8, a.notes).Bind(9, a.source);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    int64_t id = row ? s->Int(0) : 0;
    TEND_RETURN_IF_ERROR(s->Run());
    return id;
  }

  Result<std::vector<ActivityRecord>> LoadActivities() override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT activity_id, ts, account_id, contact_id, type, subject, author, notes, source "
            "FROM activities ORDER BY account_id, ts, activity_id"));
    return ReadRows<ActivityRecord>(s, ReadActivity);
  }

  Result<std::vector<ActivityRecord>> LoadContactActivities(
      const std::vector<std::string>& types) override {
    std::string sql =
        "SELECT activity_id, ts, account_id, contact_id, type, subject, author, '', source FROM "
        "activities WHERE contact_id IS NOT NULL AND contact_id <> '' AND type IN (";
    for (size_t i = 0; i < types.size(); ++i) sql += i ? ",?" : "?";
    sql += types.empty() ? "NULL) ORDER BY account_id, ts, activity_id"
                         : ") ORDER BY account_id, ts, activity_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    for (size_t i = 0; i < types.size(); ++i) s->Bind(static_cast<int>(i + 1), types[i]);
    return ReadRows<ActivityRecord>(s, ReadActivity);
  }

  Status ForEachSurveyFact(
      const std::function<void(std::string_view, EpochMs, std::string_view, double)>& fn) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT account_id, ts, survey, score FROM surveys ORDER BY account_id, ts"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      fn(s->Text(0), s->Int(1), s->Text(2), s->Double(3));
    }
    return Status::Ok();
  }

  Status ForEachContactRole(
      const std::function<void(std::string_view, std::string_view)>& fn) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT account_id, role FROM contacts ORDER BY account_id"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      fn(s->Text(0), s->Text(1));
    }
    return Status::Ok();
  }

  Status ForEachTicket(const std::function<void(const TicketRecord&)>& fn) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT account_id, opened_at, closed_at, priority, status, csat FROM tickets "
                     "ORDER BY account_id, opened_at"));
    TicketRecord t;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      t.account_id.assign(s->Text(0));
      t.opened_at = s->OptInt(1);
      t.closed_at = s->OptInt(2);
      t.priority.assign(s->Text(3));
      t.status.assign(s->Text(4));
      t.csat = s->OptDouble(5);
      fn(t);
    }
    return Status::Ok();
  }

  Status ForEachActivityFact(
      const std::function<void(std::string_view, EpochMs, std::string_view)>& fn) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT account_id, ts, type FROM activities ORDER BY account_id, ts"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      fn(s->Text(0), s->Int(1), s->Text(2));
    }
    return Status::Ok();
  }

  Status UpsertDeal(const DealRecord& d) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO deals (deal_id, prospect, amount, stage, closed_at, reference_contact_id) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT (deal_id) DO UPDATE SET prospect = "
            "excluded.prospect, "
            "amount = excluded.amount, stage = excluded.stage, closed_at = excluded.closed_at, "
            "reference_contact_id = excluded.reference_contact_id"));
    s->Bind(1, d.deal_id).BindTextOrNull(2, d.prospect).Bind(3, d.amount).Bind(4, d.stage);
    s->Bind(5, d.closed_at).BindTextOrNull(6, d.reference_contact_id);
    return s->Run();
  }

  Result<std::vector<DealRecord>> LoadDeals() override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT deal_id, prospect, amount, stage, closed_at, reference_contact_id FROM deals "
            "ORDER BY deal_id"));
    return ReadRows<DealRecord>(s, [&](Stmt* s) {
      return DealRecord{s->Str(0),
                        s->Str(1),
                        s->OptDouble(2),
                        s->Str(3),
                        s->IsNull(4) ? std::nullopt : std::optional<EpochDay>(s->Int(4)),
                        s->Str(5)};
    });
  }

  Result<std::vector<std::string>> LoadEventNames() override {
    std::vector<std::string> out;
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT event_id, name FROM event_names ORDER BY event_id"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      if (s->Int(0) != static_cast<int64_t>(out.size())) {
        return DataLoss("store.eventNames",
                        "event-name dictionary has a gap at id " + std::to_string(out.size()));
      }
      out.push_back(s->Str(1));
    }
    return out;
  }

  Status AddEventName(uint32_t id, std::string_view name) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO event_names (event_id, name) VALUES (?, ?)"));
    return s->Bind(1, static_cast<int64_t>(id)).Bind(2, name).Run();
  }

  Result<std::optional<std::string>> LoadUsage(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT state FROM account_usage WHERE account_id = ?"));
    s->Bind(1, account_id);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<std::string>();
    std::optional<std::string> out(std::string(s->Blob(0)));
    s->Reset();
    return out;
  }

  Status ForEachUsage(
      const std::function<Status(std::string_view, std::string_view)>& fn) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT account_id, state FROM account_usage"));
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      Status st = fn(s->Text(0), s->Blob(1));
      if (!st.ok()) {
        s->Reset();
        return st;
      }
    }
    return Status::Ok();
  }

  Status SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("INSERT INTO account_usage (account_id, events, state) VALUES (?,?,?) "
                     "ON CONFLICT (account_id) DO UPDATE SET events = excluded.events, state = "
                     "excluded.state"));
    return s->Bind(1, account_id).Bind(2, events).BindBlob(3, blob).Run();
  }

  // ---- Users, sessions, API tokens, write keys ----

  // A user from the columns of kUserColumns.
  static constexpr const char* kUserColumns =
      "user_id, email, name, role, password_hash, disabled, created_at, failed_logins, "
      "last_failed_at";
  static UserRecord ReadUser(Stmt* s) {
    UserRecord u;
    u.user_id = s->Int(0);
    u.email = s->Str(1);
    u.name = s->Str(2);
    u.role = s->Str(3);
    u.password_hash = s->Str(4);
    u.disabled = s->Int(5) != 0;
    u.created_at = s->Int(6);
    u.failed_logins = static_cast<int>(s->Int(7));
    u.last_failed_at = s->OptInt(8);
    return u;
  }

  // The one row `s` yields (read with `read`), or nullopt.
  template <typename T, typename F>
  static Result<std::optional<T>> ReadOne(Stmt* s, F read) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<T> out;
    if (row) out = read(s);
    s->Reset();
    return out;
  }

  Result<int64_t> InsertUser(const UserRecord& u) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("INSERT INTO users (email, name, role, password_hash, disabled, created_at) "
                     "VALUES (?,?,?,?,?,?)"));
    s->Bind(1, u.email).Bind(2, u.name).Bind(3, u.role).BindTextOrNull(4, u.password_hash);
    s->Bind(5, static_cast<int64_t>(u.disabled ? 1 : 0))
        .Bind(6, static_cast<int64_t>(u.created_at));
    Status st = s->Run();
    if (st.code() == ErrorCode::kInvalidArgument &&
        st.message().find("UNIQUE") != std::string::npos) {
      return AlreadyExists("store.userExists", "a user with email " + u.email + " exists");
    }
    TEND_RETURN_IF_ERROR(st);
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateUser(const UserRecord& u) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE users SET name = ?, role = ?, password_hash = ?, "
                                       "disabled = ? WHERE user_id = ?"));
    s->Bind(1, u.name).Bind(2, u.role).BindTextOrNull(3, u.password_hash);
    s->Bind(4, static_cast<int64_t>(u.disabled ? 1 : 0)).Bind(5, u.user_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noUser", "no user " + std::to_string(u.user_id));
    }
    return Status::Ok();
  }

  Result<std::vector<UserRecord>> LoadUsers() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kUserColumns +
                                                 " FROM users ORDER BY user_id"));
    return ReadRows<UserRecord>(s, ReadUser);
  }

  Result<std::optional<UserRecord>> FindUserByEmail(std::string_view email) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kUserColumns +
                                                 " FROM users WHERE email = ?"));
    s->Bind(1, email);
    return ReadOne<UserRecord>(s, ReadUser);
  }

  Result<std::optional<UserRecord>> GetUserById(int64_t user_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kUserColumns +
                                                 " FROM users WHERE user_id = ?"));
    s->Bind(1, user_id);
    return ReadOne<UserRecord>(s, ReadUser);
  }

  Status RecordFailedLogin(int64_t user_id, EpochMs at) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE users SET failed_logins = failed_logins + 1, "
                                       "last_failed_at = ? WHERE user_id = ?"));
    return s->Bind(1, static_cast<int64_t>(at)).Bind(2, user_id).Run();
  }

  Status ResetFailedLogins(int64_t user_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE users SET failed_logins = 0, last_failed_at = NULL "
                                       "WHERE user_id = ?"));
    return s->Bind(1, user_id).Run();
  }

  Status InsertSession(const SessionRecord& r) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO sessions (token_hash, user_id, csrf_token, "
                                       "created_at, expires_at) VALUES (?,?,?,?,?)"));
    s->Bind(1, r.token_hash).Bind(2, r.user_id).Bind(3, r.csrf_token);
    s->Bind(4, static_cast<int64_t>(r.created_at)).Bind(5, static_cast<int64_t>(r.expires_at));
    return s->Run();
  }

  Result<std::optional<SessionRecord>> FindSession(std::string_view token_hash) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT token_hash, user_id, csrf_token, created_at, expires_at "
                               "FROM sessions WHERE token_hash = ?"));
    s->Bind(1, token_hash);
    return ReadOne<SessionRecord>(s, [](Stmt* s) {
      return SessionRecord{s->Str(0), s->Int(1), s->Str(2), s->Int(3), s->Int(4)};
    });
  }

  Status DeleteSession(std::string_view token_hash) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    return s->Bind(1, token_hash).Run();
  }

  Status DeleteSessionsOfUser(int64_t user_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE user_id = ?"));
    return s->Bind(1, user_id).Run();
  }

  Status DeleteExpiredSessions(EpochMs now) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM sessions WHERE expires_at <= ?"));
    return s->Bind(1, static_cast<int64_t>(now)).Run();
  }

  static constexpr const char* kApiTokenColumns =
      "token_id, user_id, name, token_hash, prefix, created_at, last_used_at, revoked_at";
  static ApiTokenRecord ReadApiToken(Stmt* s) {
    return ApiTokenRecord{s->Int(0), s->Int(1), s->Str(2),    s->Str(3),
                          s->Str(4), s->Int(5), s->OptInt(6), s->OptInt(7)};
  }

  Result<int64_t> InsertApiToken(const ApiTokenRecord& t) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO api_tokens (user_id, name, token_hash, prefix, "
                               "created_at, last_used_at, revoked_at) VALUES (?,?,?,?,?,?,?)"));
    s->Bind(1, t.user_id).Bind(2, t.name).Bind(3, t.token_hash).Bind(4, t.prefix);
    s->Bind(5, static_cast<int64_t>(t.created_at)).Bind(6, t.last_used_at).Bind(7, t.revoked_at);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::optional<ApiTokenRecord>> FindApiTokenByHash(std::string_view token_hash) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kApiTokenColumns +
                                                 " FROM api_tokens WHERE token_hash = ?"));
    s->Bind(1, token_hash);
    return ReadOne<ApiTokenRecord>(s, ReadApiToken);
  }

  Result<std::vector<ApiTokenRecord>> ListApiTokens(int64_t user_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare(std::string("SELECT ") + kApiTokenColumns +
                                       " FROM api_tokens WHERE user_id = ? ORDER BY token_id"));
    s->Bind(1, user_id);
    return ReadRows<ApiTokenRecord>(s, ReadApiToken);
  }

  Status RevokeApiToken(int64_t user_id, int64_t token_id, EpochMs at) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) "
                                       "WHERE token_id = ? AND user_id = ?"));
    TEND_RETURN_IF_ERROR(
        s->Bind(1, static_cast<int64_t>(at)).Bind(2, token_id).Bind(3, user_id).Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noToken", "no API token " + std::to_string(token_id));
    }
    return Status::Ok();
  }

  Status TouchApiToken(int64_t token_id, EpochMs at) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("UPDATE api_tokens SET last_used_at = ? WHERE token_id = ?"));
    return s->Bind(1, static_cast<int64_t>(at)).Bind(2, token_id).Run();
  }

  static constexpr const char* kWriteKeyColumns =
      "key_id, name, key_hash, prefix, created_at, revoked_at";
  static WriteKeyRecord ReadWriteKey(Stmt* s) {
    return WriteKeyRecord{s->Int(0), s->Str(1), s->Str(2), s->Str(3), s->Int(4), s->OptInt(5)};
  }

  Result<int64_t> InsertWriteKey(const WriteKeyRecord& k) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO write_keys (name, key_hash, prefix, created_at, "
                               "revoked_at) VALUES (?,?,?,?,?)"));
    s->Bind(1, k.name).Bind(2, k.key_hash).Bind(3, k.prefix);
    s->Bind(4, static_cast<int64_t>(k.created_at)).Bind(5, k.revoked_at);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::optional<WriteKeyRecord>> FindWriteKeyByHash(std::string_view key_hash) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kWriteKeyColumns +
                                                 " FROM write_keys WHERE key_hash = ?"));
    s->Bind(1, key_hash);
    return ReadOne<WriteKeyRecord>(s, ReadWriteKey);
  }

  Result<std::vector<WriteKeyRecord>> ListWriteKeys() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kWriteKeyColumns +
                                                 " FROM write_keys ORDER BY key_id"));
    return ReadRows<WriteKeyRecord>(s, ReadWriteKey);
  }

  Status RevokeWriteKey(int64_t key_id, EpochMs at) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE write_keys SET revoked_at = COALESCE(revoked_at, ?) "
                                       "WHERE key_id = ?"));
    TEND_RETURN_IF_ERROR(s->Bind(1, static_cast<int64_t>(at)).Bind(2, key_id).Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noWriteKey", "no write key " + std::to_string(key_id));
    }
    return Status::Ok();
  }

  // ---- Server event journal ----
  Result<int64_t> AppendJournal(const JournalEvent& e) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO event_journal (account_id, user_id, event, ts) "
                                       "VALUES (?,?,?,?)"));
    TEND_RETURN_IF_ERROR(s->BindTextOrNull(1, e.account_id)
                             .Bind(2, e.user_id)
                             .Bind(3, e.event)
                             .Bind(4, static_cast<int64_t>(e.ts))
                             .Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn,
                             int64_t limit) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT seq, account_id, user_id, event, ts FROM event_journal "
                               "WHERE account_id IS NOT NULL ORDER BY seq LIMIT ?"));
    s->Bind(1, limit > 0 ? limit : int64_t{-1});
    JournalEvent e;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      e.seq = s->Int(0);
      e.account_id.assign(s->Text(1));
      e.user_id.assign(s->Text(2));
      e.event.assign(s->Text(3));
      e.ts = s->Int(4);
      Status st = fn(e);
      if (!st.ok()) {
        s->Reset();
        return st;
      }
    }
    return Status::Ok();
  }

  Result<std::vector<JournalEvent>> AttributeJournal(std::string_view user_id,
                                                     std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * q,
                          db_->Prepare("SELECT seq, user_id, event, ts FROM event_journal WHERE "
                                       "account_id IS NULL AND user_id = ? ORDER BY seq"));
    q->Bind(1, user_id);
    std::vector<JournalEvent> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      JournalEvent& e = out.emplace_back();
      e.seq = q->Int(0);
      e.account_id.assign(account_id);
      e.user_id.assign(q->Text(1));
      e.event.assign(q->Text(2));
      e.ts = q->Int(3);
    }
    if (out.empty()) return out;
    TEND_ASSIGN_OR_RETURN(Stmt * u,
                          db_->Prepare("UPDATE event_journal SET account_id = ? WHERE account_id "
                                       "IS NULL AND user_id = ?"));
    TEND_RETURN_IF_ERROR(u->Bind(1, account_id).Bind(2, user_id).Run());
    return out;
  }

  Status DeleteJournalThrough(int64_t seq) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM event_journal WHERE account_id IS "
                                                 "NOT NULL AND seq <= ?"));
    return s->Bind(1, seq).Run();
  }

  Result<std::pair<int64_t, int64_t>> CountJournal() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT COUNT(account_id), COUNT(*) FROM event_journal"));
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::pair<int64_t, int64_t> out{0, 0};
    if (row) out = {s->Int(0), s->Int(1) - s->Int(0)};
    s->Reset();
    return out;
  }

  Status SetUserGroup(std::string_view user_id, std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO segment_user_groups (user_id, account_id) VALUES "
                               "(?,?) ON CONFLICT (user_id) DO UPDATE SET account_id = "
                               "excluded.account_id"));
    return s->Bind(1, user_id).Bind(2, account_id).Run();
  }

  Result<std::optional<std::string>> GetUserGroup(std::string_view user_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT account_id FROM segment_user_groups WHERE user_id = ?"));
    s->Bind(1, user_id);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<std::string> out;
    if (row) out = std::string(s->Text(0));
    s->Reset();
    return out;
  }

  Status HoldIdentify(const HeldIdentifyRecord& h) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO segment_held_identifies (user_id, ts, received_at, "
                               "traits) VALUES (?,?,?,?)"));
    return s->Bind(1, h.user_id)
        .Bind(2, static_cast<int64_t>(h.ts))
        .Bind(3, static_cast<int64_t>(h.received_at))
        .Bind(4, h.traits)
        .Run();
  }

  Result<std::vector<HeldIdentifyRecord>> TakeHeldIdentifies(std::string_view user_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * q, db_->Prepare("SELECT seq, ts, received_at, traits FROM segment_held_identifies "
                               "WHERE user_id = ? ORDER BY seq"));
    q->Bind(1, user_id);
    std::vector<HeldIdentifyRecord> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      HeldIdentifyRecord& h = out.emplace_back();
      h.seq = q->Int(0);
      h.user_id.assign(user_id);
      h.ts = q->Int(1);
      h.received_at = q->Int(2);
      h.traits = q->Str(3);
    }
    if (out.empty()) return out;
    TEND_ASSIGN_OR_RETURN(Stmt * d,
                          db_->Prepare("DELETE FROM segment_held_identifies WHERE user_id = ?"));
    TEND_RETURN_IF_ERROR(d->Bind(1, user_id).Run());
    return out;
  }

  Result<std::pair<int64_t, int64_t>> CountHeldIdentifies() override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM segment_held_identifies"));
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::pair<int64_t, int64_t> out{0, 0};
    if (row) out = {s->Int(0), s->Int(1)};
    s->Reset();
    return out;
  }

  Result<bool> InsertMessageId(std::string_view message_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO event_message_ids (message_id) "
                                                 "VALUES (?) ON CONFLICT (message_id) DO NOTHING"));
    TEND_RETURN_IF_ERROR(s->Bind(1, message_id).Run());
    return sqlite3_changes(db_->raw()) > 0;
  }

  Status ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) override {
    TEND_ASSIGN_OR_RETURN(Stmt * del, db_->Prepare("DELETE FROM definition_files"));
    TEND_RETURN_IF_ERROR(del->Run());
    for (const auto& f : files) {
      TEND_ASSIGN_OR_RETURN(
          Stmt * s,
          db_->Prepare("INSERT INTO definition_files (path, content, applied_at) VALUES (?,?,?)"));
      TEND_RETURN_IF_ERROR(
          s->Bind(1, f.path).Bind(2, f.content).Bind(3, static_cast<int64_t>(f.applied_at)).Run());
    }
    return Status::Ok();
  }

  Result<std::vector<DefinitionFileRecord>> LoadDefinitionFiles() override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT path, content, applied_at FROM definition_files ORDER BY path"));
    return ReadRows<DefinitionFileRecord>(s, [&](Stmt* s) {
      return DefinitionFileRecord{s->Str(0), s->Str(1), s->Int(2)};
    });
  }

  Status SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) override {
    // Many rows per statement: a refresh writes one row per account, and per-statement
    // overhead dominates at 100,000 accounts.
    constexpr size_t kBatch = 128;
    auto sql = [](size_t n) {
      std::string q =
          "INSERT INTO score_history (scorecard, account_id, day, overall, color, measures) "
          "VALUES ";
      for (size_t i = 0; i < n; ++i) q += i ? ",(?,?,?,?,?,?)" : "(?,?,?,?,?,?)";
      return q +
             " ON CONFLICT (scorecard, day, account_id) DO UPDATE SET overall = excluded.overall, "
             "color = excluded.color, measures = excluded.measures";
    };
    for (size_t at = 0; at < rows.size(); at += kBatch) {
      size_t n = std::min(kBatch, rows.size() - at);
      TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql(n)));
      for (size_t k = 0; k < n; ++k) {
        const ScoreHistoryRecord& r = rows[at + k];
        int b = static_cast<int>(k * 6);
        s->BindStatic(b + 1, r.scorecard).BindStatic(b + 2, r.account_id);
        s->Bind(b + 3, static_cast<int64_t>(r.day)).Bind(b + 4, r.overall);
        if (r.color.empty())
          s->BindNull(b + 5);
        else
          s->BindStatic(b + 5, r.color);
        s->BindStatic(b + 6, r.measures);
      }
      TEND_RETURN_IF_ERROR(s->Run());
    }
    return Status::Ok();
  }

  Result<std::vector<ScoreHistoryRecord>> LoadScoresOnDay(std::string_view scorecard, EpochDay day,
                                                          bool with_measures) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(with_measures
                         ? "SELECT account_id, overall, color, measures FROM score_history "
                           "WHERE scorecard = ? AND day = ?"
                         : "SELECT account_id, overall, color, '' FROM score_history "
                           "WHERE scorecard = ? AND day = ?"));
    s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(day));
    return ReadRows<ScoreHistoryRecord>(s, [&](Stmt* s) {
      return ScoreHistoryRecord{std::string(scorecard), s->Str(0), day,
                                s->OptDouble(1),        s->Str(2), s->Str(3)};
    });
  }

  Result<std::vector<ScoreHistoryRecord>> LoadAccountHistory(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT scorecard, day, overall, color, measures FROM score_history "
                               "WHERE account_id = ? ORDER BY scorecard, day"));
    s->Bind(1, account_id);
    return ReadRows<ScoreHistoryRecord>(s, [&](Stmt* s) {
      return ScoreHistoryRecord{s->Str(0),
                                std::string(account_id),
                                static_cast<EpochDay>(s->Int(1)),
                                s->OptDouble(2),
                                s->Str(3),
                                s->Str(4)};
    });
  }

  Result<int64_t> AddOverride(const OverrideRecord& o) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO score_overrides (scorecard, measure, account_id, score, comment, author, "
            "created_at) VALUES (?,?,?,?,?,?,?)"));
    s->Bind(1, o.scorecard).Bind(2, o.measure).Bind(3, o.account_id).Bind(4, o.score);
    s->Bind(5, o.comment).Bind(6, o.author).Bind(7, static_cast<int64_t>(o.created_at));
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::vector<OverrideRecord>> LoadOverrides() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT override_id, scorecard, measure, "
                                                 "account_id, score, comment, author, created_at "
                                                 "FROM score_overrides ORDER BY override_id"));
    return ReadRows<OverrideRecord>(s, [&](Stmt* s) {
      return OverrideRecord{s->Int(0),       s->Str(1), s->Str(2), s->Str(3),
                            s->OptDouble(4), s->Str(5), s->Str(6), s->Int(7)};
    });
  }

  // ---- Cockpit ----

  static CtaRecord ReadCta(Stmt* s) {
    CtaRecord c;
    c.cta_id = s->Int(0);
    c.account_id = s->Str(1);
    c.rule = s->Str(2);
    c.type = s->Str(3);
    c.priority = s->Str(4);
    c.title = s->Str(5);
    c.description = s->Str(6);
    c.owner = s->Str(7);
    c.status = s->Str(8);
    c.close_reason = s->Str(9);
    c.due_day = s->OptDay(10);
    c.snoozed_until = s->OptDay(11);
    c.playbook = s->Str(12);
    c.reason_code = s->Str(13);
    c.created_at = s->Int(14);
    c.updated_at = s->Int(15);
    c.closed_at = s->OptInt(16);
    return c;
  }

  Result<int64_t> InsertCta(const CtaRecord& c) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO ctas (account_id, rule, type, priority, title, description, owner, "
            "status, "
            "close_reason, due_day, snoozed_until, playbook, reason_code, created_at, updated_at, "
            "closed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, c.account_id).BindTextOrNull(2, c.rule).Bind(3, c.type).Bind(4, c.priority);
    s->Bind(5, c.title)
        .BindTextOrNull(6, c.description)
        .BindTextOrNull(7, c.owner)
        .Bind(8, c.status);
    s->BindTextOrNull(9, c.close_reason).Bind(10, c.due_day).Bind(11, c.snoozed_until);
    s->BindTextOrNull(12, c.playbook).BindTextOrNull(13, c.reason_code);
    s->Bind(14, static_cast<int64_t>(c.created_at)).Bind(15, static_cast<int64_t>(c.updated_at));
    s->Bind(16, c.closed_at);
    Status st = s->Run();
    if (st.code() == ErrorCode::kInvalidArgument && !c.rule.empty() &&
        st.message().find("UNIQUE") != std::string::npos) {
      return AlreadyExists("store.ctaExists",
                           "rule " + c.rule + " already has an open CTA for " + c.account_id);
    }
    TEND_RETURN_IF_ERROR(st);
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateCta(const CtaRecord& c) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "UPDATE ctas SET type = ?, priority = ?, title = ?, description = ?, owner = ?, "
            "status = ?, close_reason = ?, due_day = ?, snoozed_until = ?, updated_at = ?, "
            "closed_at = ? WHERE cta_id = ?"));
    s->Bind(1, c.type).Bind(2, c.priority).Bind(3, c.title).BindTextOrNull(4, c.description);
    s->BindTextOrNull(5, c.owner).Bind(6, c.status).BindTextOrNull(7, c.close_reason);
    s->Bind(8, c.due_day).Bind(9, c.snoozed_until).Bind(10, static_cast<int64_t>(c.updated_at));
    s->Bind(11, c.closed_at).Bind(12, c.cta_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noCta", "no CTA " + std::to_string(c.cta_id));
    }
    return Status::Ok();
  }

  Result<std::vector<CtaRecord>> ListCtas(const CtaFilter& f) override {
    std::string sql =
        "SELECT cta_id, account_id, rule, type, priority, title, description, owner, status, "
        "close_reason, due_day, snoozed_until, playbook, reason_code, created_at, updated_at, "
        "closed_at FROM ctas WHERE 1 = 1";
    std::vector<std::string> args;
    if (!f.statuses.empty()) {
      sql += " AND status IN (";
      for (size_t i = 0; i < f.statuses.size(); ++i) {
        sql += i ? ",?" : "?";
        args.push_back(f.statuses[i]);
      }
      sql += ")";
    }
    if (!f.account_id.empty()) sql += " AND account_id = ?", args.push_back(f.account_id);
    if (!f.account_ids.empty()) {
      sql += " AND account_id IN (";
      for (size_t i = 0; i < f.account_ids.size(); ++i) {
        sql += i ? ",?" : "?";
        args.push_back(f.account_ids[i]);
      }
      sql += ")";
    }
    if (!f.owner.empty()) sql += " AND owner = ?", args.push_back(f.owner);
    if (!f.rule.empty()) sql += " AND rule = ?", args.push_back(f.rule);
    if (f.cta_id) sql += " AND cta_id = ?", args.push_back(std::to_string(*f.cta_id));
    sql += " ORDER BY cta_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    for (size_t i = 0; i < args.size(); ++i) s->Bind(static_cast<int>(i + 1), args[i]);
    return ReadRows<CtaRecord>(s, [&](Stmt* s) { return ReadCta(s); });
  }

  Result<int64_t> AddCtaEvent(const CtaEventRecord& e) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO cta_events (cta_id, at, actor, kind, detail) VALUES (?,?,?,?,?)"));
    s->Bind(1, e.cta_id).Bind(2, static_cast<int64_t>(e.at)).Bind(3, e.actor).Bind(4, e.kind);
    s->BindTextOrNull(5, e.detail);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::vector<CtaEventRecord>> ListCtaEvents(int64_t cta_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT event_id, cta_id, at, actor, kind, detail FROM cta_events WHERE cta_id = ? "
            "ORDER BY at, event_id"));
    s->Bind(1, cta_id);
    return ReadRows<CtaEventRecord>(s, [&](Stmt* s) {
      return CtaEventRecord{s->Int(0), s->Int(1), s->Int(2), s->Str(3), s->Str(4), s->Str(5)};
    });
  }

  static TaskRecord ReadTask(Stmt* s) {
    TaskRecord t;
    t.task_id = s->Int(0);
    t.cta_id = s->OptInt(1);
    t.objective_id = s->OptInt(2);
    t.account_id = s->Str(3);
    t.title = s->Str(4);
    t.owner = s->Str(5);
    t.due_day = s->OptDay(6);
    t.status = s->Str(7);
    t.notes = s->Str(8);
    t.position = static_cast<int>(s->Int(9));
    t.completed_at = s->OptInt(10);
    return t;
  }

  Result<int64_t> InsertTask(const TaskRecord& t) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO tasks (cta_id, objective_id, account_id, title, owner, due_day, status, "
            "notes, position, completed_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, t.cta_id).Bind(2, t.objective_id).Bind(3, t.account_id).Bind(4, t.title);
    s->BindTextOrNull(5, t.owner).Bind(6, t.due_day).Bind(7, t.status).BindTextOrNull(8, t.notes);
    s->Bind(9, static_cast<int64_t>(t.position)).Bind(10, t.completed_at);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateTask(const TaskRecord& t) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("UPDATE tasks SET title = ?, owner = ?, due_day = ?, status = ?, notes = ?, "
                     "completed_at = ? WHERE task_id = ?"));
    s->Bind(1, t.title).BindTextOrNull(2, t.owner).Bind(3, t.due_day).Bind(4, t.status);
    s->BindTextOrNull(5, t.notes).Bind(6, t.completed_at).Bind(7, t.task_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0)
      return NotFound("store.noTask", "no task " + std::to_string(t.task_id));
    return Status::Ok();
  }

  Result<std::optional<TaskRecord>> GetTask(int64_t task_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT task_id, cta_id, objective_id, account_id, title, "
                                       "owner, due_day, status, notes, "
                                       "position, completed_at FROM tasks WHERE task_id = ?"));
    s->Bind(1, task_id);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<TaskRecord> out;
    if (row) out = ReadTask(s);
    s->Reset();
    return out;
  }

  Result<std::vector<TaskRecord>> ListTasks(std::optional<int64_t> cta_id,
                                            std::optional<int64_t> objective_id,
                                            std::string_view account_id) override {
    std::string sql =
        "SELECT task_id, cta_id, objective_id, account_id, title, owner, due_day, status, notes, "
        "position, completed_at FROM tasks WHERE ";
    if (cta_id)
      sql += "cta_id = ?";
    else if (objective_id)
      sql += "objective_id = ?";
    else
      sql += "account_id = ?";
    sql += " ORDER BY position, task_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    if (cta_id)
      s->Bind(1, *cta_id);
    else if (objective_id)
      s->Bind(1, *objective_id);
    else
      s->Bind(1, account_id);
    return ReadRows<TaskRecord>(s, [&](Stmt* s) { return ReadTask(s); });
  }

  Result<int64_t> InsertPlan(const PlanRecord& p) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO success_plans (account_id, name, "
                                                 "template, status, created_by, created_at) "
                                                 "VALUES (?,?,?,?,?,?)"));
    s->Bind(1, p.account_id).Bind(2, p.name).BindTextOrNull(3, p.template_name).Bind(4, p.status);
    s->BindTextOrNull(5, p.created_by).Bind(6, static_cast<int64_t>(p.created_at));
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::vector<PlanRecord>> ListPlans(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT plan_id, account_id, name, template, status, created_by, created_at FROM "
            "success_plans WHERE account_id = ? ORDER BY plan_id"));
    s->Bind(1, account_id);
    return ReadRows<PlanRecord>(s, [&](Stmt* s) {
      return PlanRecord{s->Int(0), s->Str(1), s->Str(2), s->Str(3),
                        s->Str(4), s->Str(5), s->Int(6)};
    });
  }

  Result<int64_t> InsertObjective(const ObjectiveRecord& o) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO objectives (plan_id, title, description, due_day, status, position) "
            "VALUES (?,?,?,?,?,?)"));
    s->Bind(1, o.plan_id).Bind(2, o.title).BindTextOrNull(3, o.description).Bind(4, o.due_day);
    s->Bind(5, o.status).Bind(6, static_cast<int64_t>(o.position));
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateObjective(const ObjectiveRecord& o) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("UPDATE objectives SET title = ?, description = ?, due_day = ?, status = ? "
                     "WHERE objective_id = ?"));
    s->Bind(1, o.title).BindTextOrNull(2, o.description).Bind(3, o.due_day).Bind(4, o.status);
    s->Bind(5, o.objective_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noObjective", "no objective " + std::to_string(o.objective_id));
    }
    return Status::Ok();
  }

  static ObjectiveRecord ReadObjective(Stmt* s) {
    ObjectiveRecord o;
    o.objective_id = s->Int(0);
    o.plan_id = s->Int(1);
    o.title = s->Str(2);
    o.description = s->Str(3);
    o.due_day = s->OptDay(4);
    o.status = s->Str(5);
    o.position = static_cast<int>(s->Int(6));
    return o;
  }

  Result<std::vector<ObjectiveRecord>> ListObjectives(int64_t plan_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT objective_id, plan_id, title, description, due_day, status, position FROM "
            "objectives WHERE plan_id = ? ORDER BY position, objective_id"));
    s->Bind(1, plan_id);
    return ReadRows<ObjectiveRecord>(s, [&](Stmt* s) { return ReadObjective(s); });
  }

  Result<std::optional<ObjectiveRecord>> GetObjective(int64_t objective_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT objective_id, plan_id, title, description, due_day, status, position FROM "
            "objectives WHERE objective_id = ?"));
    s->Bind(1, objective_id);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<ObjectiveRecord> out;
    if (row) out = ReadObjective(s);
    s->Reset();
    return out;
  }

  Result<std::vector<ActivityRecord>> ListActivities(std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT activity_id, ts, account_id, contact_id, type, subject, author, notes, source "
            "FROM activities WHERE account_id = ? ORDER BY ts DESC, activity_id DESC"));
    s->Bind(1, account_id);
    return ReadRows<ActivityRecord>(s, ReadActivity);
  }

  Result<std::optional<ActivityRecord>> GetActivity(int64_t activity_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "SELECT activity_id, ts, account_id, contact_id, type, subject, author, notes, source "
            "FROM activities WHERE activity_id = ?"));
    s->Bind(1, activity_id);
    TEND_ASSIGN_OR_RETURN(auto rows, ReadRows<ActivityRecord>(s, ReadActivity));
    if (rows.empty()) return std::optional<ActivityRecord>();
    return std::optional<ActivityRecord>(std::move(rows[0]));
  }

  Status UpdateActivity(const ActivityRecord& a) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("UPDATE activities SET ts = ?, type = ?, subject = ?, notes = ?, "
                               "contact_id = ? WHERE activity_id = ?"));
    return s->Bind(1, static_cast<int64_t>(a.ts))
        .Bind(2, a.type)
        .BindTextOrNull(3, a.subject)
        .BindTextOrNull(4, a.notes)
        .BindTextOrNull(5, a.contact_id)
        .Bind(6, a.activity_id)
        .Run();
  }

  Status SetAccountAttribute(std::string_view account_id, const AttributeValue& v) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * t,
        db_->Prepare(
            "INSERT INTO account_attributes (account_id, name, num, text) VALUES (?,?,?,?) "
            "ON CONFLICT (account_id, name) DO UPDATE SET num = excluded.num, text = "
            "excluded.text"));
    return t->Bind(1, account_id).Bind(2, v.name).Bind(3, v.num).Bind(4, v.text).Run();
  }

  Result<std::vector<std::pair<std::string, std::string>>> LoadRuleState() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT rule, account_id FROM rule_state"));
    std::vector<std::pair<std::string, std::string>> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.emplace_back(s->Str(0), s->Str(1));
    }
    return out;
  }

  Result<std::vector<std::pair<std::string, std::string>>> LoadRuleStateOf(
      const std::vector<std::string>& account_ids) override {
    std::vector<std::pair<std::string, std::string>> out;
    // In chunks, so the number of parameters stays well under SQLite's limit.
    constexpr size_t kChunk = 500;
    for (size_t at = 0; at < account_ids.size(); at += kChunk) {
      size_t n = std::min(kChunk, account_ids.size() - at);
      std::string sql = "SELECT rule, account_id FROM rule_state WHERE account_id IN (?";
      for (size_t k = 1; k < n; ++k) sql += ",?";
      sql += ")";
      TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
      for (size_t k = 0; k < n; ++k) s->BindStatic(static_cast<int>(k + 1), account_ids[at + k]);
      for (;;) {
        TEND_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        out.emplace_back(s->Str(0), s->Str(1));
      }
    }
    return out;
  }

  Status SetRuleState(std::string_view rule, std::string_view account_id, bool matched,
                      EpochMs since) override {
    if (matched) {
      TEND_ASSIGN_OR_RETURN(
          Stmt * s, db_->Prepare("INSERT INTO rule_state (rule, account_id, since) VALUES (?,?,?) "
                                 "ON CONFLICT (rule, account_id) DO NOTHING"));
      return s->Bind(1, rule).Bind(2, account_id).Bind(3, static_cast<int64_t>(since)).Run();
    }
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("DELETE FROM rule_state WHERE rule = ? AND account_id = ?"));
    return s->Bind(1, rule).Bind(2, account_id).Run();
  }

  Status SaveDailySummary(const DailySummaryRecord& d) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("INSERT INTO score_daily (scorecard, day, accounts, average, red, yellow, "
                     "green, arr_red, arr_yellow, arr_total) VALUES (?,?,?,?,?,?,?,?,?,?) "
                     "ON CONFLICT (scorecard, day) DO UPDATE SET accounts = excluded.accounts, "
                     "average = excluded.average, red = excluded.red, yellow = excluded.yellow, "
                     "green = excluded.green, arr_red = excluded.arr_red, arr_yellow = "
                     "excluded.arr_yellow, arr_total = excluded.arr_total"));
    return s->Bind(1, d.scorecard)
        .Bind(2, static_cast<int64_t>(d.day))
        .Bind(3, d.accounts)
        .Bind(4, d.average)
        .Bind(5, d.red)
        .Bind(6, d.yellow)
        .Bind(7, d.green)
        .Bind(8, d.arr_red)
        .Bind(9, d.arr_yellow)
        .Bind(10, d.arr_total)
        .Run();
  }

  Result<std::vector<DailySummaryRecord>> LoadDailySummaries(std::string_view scorecard,
                                                             EpochDay from_day) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT scorecard, day, accounts, average, red, yellow, green, arr_red, "
                     "arr_yellow, arr_total FROM score_daily WHERE scorecard = ? AND day >= ? "
                     "ORDER BY day"));
    s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(from_day));
    return ReadRows<DailySummaryRecord>(s, [&](Stmt* s) {
      DailySummaryRecord d;
      d.scorecard = s->Str(0);
      d.day = static_cast<EpochDay>(s->Int(1));
      d.accounts = s->Int(2);
      if (!s->IsNull(3)) d.average = s->Double(3);
      d.red = s->Int(4);
      d.yellow = s->Int(5);
      d.green = s->Int(6);
      d.arr_red = s->Double(7);
      d.arr_yellow = s->Double(8);
      d.arr_total = s->Double(9);
      return d;
    });
  }

  Result<std::vector<CtaCount>> CountOpenCtas() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT type, priority, COUNT(*) FROM ctas WHERE status "
                                       "<> 'closed' GROUP BY type, priority ORDER BY type, "
                                       "priority"));
    return ReadRows<CtaCount>(s, [&](Stmt* s) {
      return CtaCount{s->Str(0), s->Str(1), s->Int(2)};
    });
  }

  Result<std::vector<SavedViewRecord>> ListSavedViews(int64_t user_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT view_id, user_id, name, query, created_at FROM "
                                       "saved_views WHERE user_id = ? ORDER BY name, view_id"));
    s->Bind(1, user_id);
    return ReadRows<SavedViewRecord>(s, [&](Stmt* s) {
      return SavedViewRecord{s->Int(0), s->Int(1), s->Str(2), s->Str(3), s->Int(4)};
    });
  }

  Result<int64_t> InsertSavedView(const SavedViewRecord& v) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO saved_views (user_id, name, query, "
                                                 "created_at) VALUES (?,?,?,?)"));
    TEND_RETURN_IF_ERROR(s->Bind(1, v.user_id)
                             .Bind(2, v.name)
                             .Bind(3, v.query)
                             .Bind(4, static_cast<int64_t>(v.created_at))
                             .Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status DeleteSavedView(int64_t user_id, int64_t view_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("DELETE FROM saved_views WHERE user_id = ? AND view_id = ?"));
    TEND_RETURN_IF_ERROR(s->Bind(1, user_id).Bind(2, view_id).Run());
    if (sqlite3_changes(db_->raw()) == 0) {
      return NotFound("store.noView", "no saved view " + std::to_string(view_id));
    }
    return Status::Ok();
  }

  Status SavePredictionHistory(std::string_view target, EpochDay day,
                               const std::vector<std::pair<std::string, double>>& rows) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO prediction_history (target, account_id, day, "
                               "probability) VALUES (?,?,?,?) ON CONFLICT (target, account_id, "
                               "day) DO UPDATE SET probability = excluded.probability"));
    for (const auto& [account, p] : rows) {
      s->Reset();
      TEND_RETURN_IF_ERROR(
          s->Bind(1, target).Bind(2, account).Bind(3, static_cast<int64_t>(day)).Bind(4, p).Run());
    }
    return Status::Ok();
  }

  Result<std::vector<std::pair<EpochDay, double>>> LoadPredictionHistory(
      std::string_view target, std::string_view account_id) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("SELECT day, probability FROM prediction_history WHERE target = ? "
                               "AND account_id = ? ORDER BY day"));
    s->Bind(1, target).Bind(2, account_id);
    return ReadRows<std::pair<EpochDay, double>>(
        s, [](Stmt* s) { return std::make_pair(static_cast<EpochDay>(s->Int(0)), s->Double(1)); });
  }

  // ---- Advocacy program ----
  static constexpr const char* kAdvocateCols =
      "contact_id, account_id, status, tier, consent, consent_at, preferred, snoozed_until, "
      "reason, since, updated_at, updated_by";
  static AdvocateRecord ReadAdvocate(Stmt* s) {
    AdvocateRecord a;
    a.contact_id = s->Str(0);
    a.account_id = s->Str(1);
    a.status = s->Str(2);
    a.tier = s->Str(3);
    a.consent = s->Int(4) != 0;
    a.consent_at = s->OptInt(5);
    a.preferred = s->Str(6);
    a.snoozed_until = s->OptDay(7);
    a.reason = s->Str(8);
    a.since = s->Int(9);
    a.updated_at = s->Int(10);
    a.updated_by = s->Str(11);
    return a;
  }

  Status UpsertAdvocate(const AdvocateRecord& a) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(std::string("INSERT INTO advocates (") + kAdvocateCols +
                     ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (contact_id) DO UPDATE SET "
                     "account_id = excluded.account_id, status = excluded.status, tier = "
                     "excluded.tier, consent = excluded.consent, consent_at = excluded.consent_at, "
                     "preferred = excluded.preferred, snoozed_until = excluded.snoozed_until, "
                     "reason = excluded.reason, updated_at = excluded.updated_at, updated_by = "
                     "excluded.updated_by"));
    s->Bind(1, a.contact_id).Bind(2, a.account_id).Bind(3, a.status).BindTextOrNull(4, a.tier);
    s->Bind(5, static_cast<int64_t>(a.consent ? 1 : 0)).Bind(6, a.consent_at);
    s->BindTextOrNull(7, a.preferred).Bind(8, a.snoozed_until).BindTextOrNull(9, a.reason);
    s->Bind(10, static_cast<int64_t>(a.since)).Bind(11, static_cast<int64_t>(a.updated_at));
    s->BindTextOrNull(12, a.updated_by);
    return s->Run();
  }

  Result<std::vector<AdvocateRecord>> ListAdvocates() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kAdvocateCols +
                                                 " FROM advocates ORDER BY contact_id"));
    return ReadRows<AdvocateRecord>(s, ReadAdvocate);
  }

  Result<std::optional<AdvocateRecord>> GetAdvocate(std::string_view contact_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kAdvocateCols +
                                                 " FROM advocates WHERE contact_id = ?"));
    s->Bind(1, contact_id);
    TEND_ASSIGN_OR_RETURN(auto rows, ReadRows<AdvocateRecord>(s, ReadAdvocate));
    if (rows.empty()) return std::optional<AdvocateRecord>();
    return std::optional<AdvocateRecord>(std::move(rows[0]));
  }

  static constexpr const char* kAskCols =
      "ask_id, contact_id, account_id, activity, status, asked_at, answered_at, completed_at, "
      "outcome, note, request_id, asked_by";
  static AskRecord ReadAsk(Stmt* s) {
    AskRecord a;
    a.ask_id = s->Int(0);
    a.contact_id = s->Str(1);
    a.account_id = s->Str(2);
    a.activity = s->Str(3);
    a.status = s->Str(4);
    a.asked_at = s->Int(5);
    a.answered_at = s->OptInt(6);
    a.completed_at = s->OptInt(7);
    a.outcome = s->Str(8);
    a.note = s->Str(9);
    a.request_id = s->OptInt(10);
    a.asked_by = s->Str(11);
    return a;
  }

  Result<int64_t> InsertAsk(const AskRecord& a) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO advocacy_asks (contact_id, account_id, activity, "
                               "status, asked_at, answered_at, completed_at, outcome, note, "
                               "request_id, asked_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, a.contact_id).Bind(2, a.account_id).Bind(3, a.activity).Bind(4, a.status);
    s->Bind(5, static_cast<int64_t>(a.asked_at)).Bind(6, a.answered_at).Bind(7, a.completed_at);
    s->BindTextOrNull(8, a.outcome).BindTextOrNull(9, a.note).Bind(10, a.request_id);
    s->BindTextOrNull(11, a.asked_by);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateAsk(const AskRecord& a) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("UPDATE advocacy_asks SET status = ?, answered_at = ?, "
                                       "completed_at = ?, outcome = ?, note = ? WHERE ask_id = ?"));
    s->Bind(1, a.status).Bind(2, a.answered_at).Bind(3, a.completed_at);
    s->BindTextOrNull(4, a.outcome).BindTextOrNull(5, a.note).Bind(6, a.ask_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0)
      return NotFound("store.noAsk", "no ask " + std::to_string(a.ask_id));
    return Status::Ok();
  }

  Result<std::optional<AskRecord>> GetAsk(int64_t ask_id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kAskCols +
                                                 " FROM advocacy_asks WHERE ask_id = ?"));
    s->Bind(1, ask_id);
    TEND_ASSIGN_OR_RETURN(auto rows, ReadRows<AskRecord>(s, ReadAsk));
    if (rows.empty()) return std::optional<AskRecord>();
    return std::optional<AskRecord>(std::move(rows[0]));
  }

  Result<std::vector<AskRecord>> ListAsks(std::string_view contact_id) override {
    std::string sql = std::string("SELECT ") + kAskCols + " FROM advocacy_asks";
    if (!contact_id.empty()) sql += " WHERE contact_id = ?";
    sql += " ORDER BY asked_at, ask_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    if (!contact_id.empty()) s->Bind(1, contact_id);
    return ReadRows<AskRecord>(s, ReadAsk);
  }

  Result<int64_t> InsertLedgerEntry(const LedgerRecord& e) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO advocacy_ledger (contact_id, account_id, ts, "
                                       "direction, kind, units, note, ask_id, author) VALUES "
                                       "(?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, e.contact_id).Bind(2, e.account_id).Bind(3, static_cast<int64_t>(e.ts));
    s->Bind(4, e.direction).Bind(5, e.kind).Bind(6, e.units).BindTextOrNull(7, e.note);
    s->Bind(8, e.ask_id).BindTextOrNull(9, e.author);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Result<std::vector<LedgerRecord>> ListLedger(std::string_view contact_id) override {
    std::string sql =
        "SELECT entry_id, contact_id, account_id, ts, direction, kind, units, note, ask_id, "
        "author FROM advocacy_ledger";
    if (!contact_id.empty()) sql += " WHERE contact_id = ?";
    sql += " ORDER BY ts, entry_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    if (!contact_id.empty()) s->Bind(1, contact_id);
    return ReadRows<LedgerRecord>(s, [](Stmt* s) {
      LedgerRecord e;
      e.entry_id = s->Int(0);
      e.contact_id = s->Str(1);
      e.account_id = s->Str(2);
      e.ts = s->Int(3);
      e.direction = s->Str(4);
      e.kind = s->Str(5);
      e.units = s->Double(6);
      e.note = s->Str(7);
      e.ask_id = s->OptInt(8);
      e.author = s->Str(9);
      return e;
    });
  }

  static constexpr const char* kRequestCols =
      "request_id, created_at, requested_by, requested_by_user, deal_id, prospect, industry, "
      "segment, region, product, deadline, notes, status, ask_id, outcome, updated_at";
  static ReferenceRequestRecord ReadRequest(Stmt* s) {
    ReferenceRequestRecord r;
    r.request_id = s->Int(0);
    r.created_at = s->Int(1);
    r.requested_by = s->Str(2);
    r.requested_by_user = s->OptInt(3);
    r.deal_id = s->Str(4);
    r.prospect = s->Str(5);
    r.industry = s->Str(6);
    r.segment = s->Str(7);
    r.region = s->Str(8);
    r.product = s->Str(9);
    r.deadline = s->OptDay(10);
    r.notes = s->Str(11);
    r.status = s->Str(12);
    r.ask_id = s->OptInt(13);
    r.outcome = s->Str(14);
    r.updated_at = s->Int(15);
    return r;
  }

  Result<int64_t> InsertReferenceRequest(const ReferenceRequestRecord& r) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("INSERT INTO reference_requests (created_at, requested_by, "
                     "requested_by_user, deal_id, prospect, industry, segment, region, product, "
                     "deadline, notes, status, ask_id, outcome, updated_at) VALUES "
                     "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    s->Bind(1, static_cast<int64_t>(r.created_at)).Bind(2, r.requested_by);
    s->Bind(3, r.requested_by_user).BindTextOrNull(4, r.deal_id).Bind(5, r.prospect);
    s->BindTextOrNull(6, r.industry).BindTextOrNull(7, r.segment).BindTextOrNull(8, r.region);
    s->BindTextOrNull(9, r.product).Bind(10, r.deadline).BindTextOrNull(11, r.notes);
    s->Bind(12, r.status).Bind(13, r.ask_id).BindTextOrNull(14, r.outcome);
    s->Bind(15, static_cast<int64_t>(r.updated_at));
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateReferenceRequest(const ReferenceRequestRecord& r) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("UPDATE reference_requests SET status = ?, ask_id = ?, outcome = "
                               "?, notes = ?, deadline = ?, updated_at = ? WHERE request_id = ?"));
    s->Bind(1, r.status).Bind(2, r.ask_id).BindTextOrNull(3, r.outcome);
    s->BindTextOrNull(4, r.notes).Bind(5, r.deadline).Bind(6, static_cast<int64_t>(r.updated_at));
    s->Bind(7, r.request_id);
    TEND_RETURN_IF_ERROR(s->Run());
    if (sqlite3_changes(db_->raw()) == 0)
      return NotFound("store.noRequest", "no reference request " + std::to_string(r.request_id));
    return Status::Ok();
  }

  Result<std::optional<ReferenceRequestRecord>> GetReferenceRequest(int64_t id) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(std::string("SELECT ") + kRequestCols +
                                                 " FROM reference_requests WHERE request_id = ?"));
    s->Bind(1, id);
    TEND_ASSIGN_OR_RETURN(auto rows, ReadRows<ReferenceRequestRecord>(s, ReadRequest));
    if (rows.empty()) return std::optional<ReferenceRequestRecord>();
    return std::optional<ReferenceRequestRecord>(std::move(rows[0]));
  }

  Result<std::vector<ReferenceRequestRecord>> ListReferenceRequests() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare(std::string("SELECT ") + kRequestCols +
                                       " FROM reference_requests ORDER BY request_id DESC"));
    return ReadRows<ReferenceRequestRecord>(s, ReadRequest);
  }

  Result<std::vector<ContactChangeRecord>> ListContactChanges(bool unprocessed_only) override {
    std::string sql =
        "SELECT change_id, ts, contact_id, previous_contact_id, kind, old_title, new_title, "
        "old_seniority, new_seniority, old_account_id, new_account_id, processed, champion "
        "FROM contact_changes";
    if (unprocessed_only) sql += " WHERE processed = 0";
    sql += " ORDER BY change_id";
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
    return ReadRows<ContactChangeRecord>(s, [](Stmt* s) {
      ContactChangeRecord c;
      c.change_id = s->Int(0);
      c.ts = s->Int(1);
      c.contact_id = s->Str(2);
      c.previous_contact_id = s->Str(3);
      c.kind = s->Str(4);
      c.old_title = s->Str(5);
      c.new_title = s->Str(6);
      c.old_seniority = s->Str(7);
      c.new_seniority = s->Str(8);
      c.old_account_id = s->Str(9);
      c.new_account_id = s->Str(10);
      c.processed = s->Int(11) != 0;
      c.champion = s->Int(12) != 0;
      return c;
    });
  }

  Status MarkContactChangeProcessed(int64_t change_id, bool champion) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("UPDATE contact_changes SET processed = 1, "
                                                 "champion = ? WHERE change_id = ?"));
    return s->Bind(1, static_cast<int64_t>(champion ? 1 : 0)).Bind(2, change_id).Run();
  }

  Result<std::optional<EpochDay>> LatestHistoryDayBefore(std::string_view scorecard,
                                                         EpochDay day) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("SELECT MAX(day) FROM score_history WHERE scorecard = ? AND day < ?"));
    s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(day));
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<EpochDay> out;
    if (row && !s->IsNull(0)) out = static_cast<EpochDay>(s->Int(0));
    s->Reset();
    return out;
  }

  Status AddRuleFiring(const RuleFiringRecord& f) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO rule_firings (rule, account_id, at, "
                                                 "day, ctx, outcome) VALUES (?,?,?,?,?,?)"));
    s->Bind(1, f.rule).Bind(2, f.account_id).Bind(3, static_cast<int64_t>(f.at));
    s->Bind(4, static_cast<int64_t>(f.day)).Bind(5, f.values).Bind(6, f.outcome);
    return s->Run();
  }

  Result<std::vector<RuleFiringRecord>> ListRuleFirings(std::string_view account_id,
                                                        int limit) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            account_id.empty()
                ? "SELECT firing_id, rule, account_id, at, day, ctx, outcome FROM rule_firings "
                  "ORDER BY at DESC, firing_id DESC LIMIT ?"
                : "SELECT firing_id, rule, account_id, at, day, ctx, outcome FROM rule_firings "
                  "WHERE account_id = ? ORDER BY at DESC, firing_id DESC LIMIT ?"));
    if (account_id.empty()) {
      s->Bind(1, static_cast<int64_t>(limit));
    } else {
      s->Bind(1, account_id).Bind(2, static_cast<int64_t>(limit));
    }
    return ReadRows<RuleFiringRecord>(s, [&](Stmt* s) {
      return RuleFiringRecord{
          s->Int(0), s->Str(1), s->Str(2), s->Int(3), static_cast<EpochDay>(s->Int(4)),
          s->Str(5), s->Str(6)};
    });
  }

  Result<int64_t> InsertWebhookDelivery(const WebhookDeliveryRecord& d) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare(
            "INSERT INTO webhook_deliveries (rule, account_id, url, payload, status, attempts, "
            "last_error, next_attempt_at, created_at, delivered_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    s->BindTextOrNull(1, d.rule).BindTextOrNull(2, d.account_id).Bind(3, d.url).Bind(4, d.payload);
    s->Bind(5, d.status).Bind(6, static_cast<int64_t>(d.attempts)).BindTextOrNull(7, d.last_error);
    s->Bind(8, d.next_attempt_at)
        .Bind(9, static_cast<int64_t>(d.created_at))
        .Bind(10, d.delivered_at);
    TEND_RETURN_IF_ERROR(s->Run());
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_->raw()));
  }

  Status UpdateWebhookDelivery(const WebhookDeliveryRecord& d) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s,
        db_->Prepare("UPDATE webhook_deliveries SET status = ?, attempts = ?, last_error = ?, "
                     "next_attempt_at = ?, delivered_at = ? WHERE delivery_id = ?"));
    s->Bind(1, d.status).Bind(2, static_cast<int64_t>(d.attempts)).BindTextOrNull(3, d.last_error);
    s->Bind(4, d.next_attempt_at).Bind(5, d.delivered_at).Bind(6, d.delivery_id);
    return s->Run();
  }

  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(
      std::string_view status) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare(status.empty() ? "SELECT delivery_id, rule, account_id, url, "
                                                "payload, status, attempts, last_error, "
                                                "next_attempt_at, created_at, delivered_at FROM "
                                                "webhook_deliveries ORDER BY delivery_id"
                                              : "SELECT delivery_id, rule, account_id, url, "
                                                "payload, status, attempts, last_error, "
                                                "next_attempt_at, created_at, delivered_at FROM "
                                                "webhook_deliveries WHERE status = ? "
                                                "ORDER BY delivery_id"));
    if (!status.empty()) s->Bind(1, status);
    std::vector<WebhookDeliveryRecord> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      WebhookDeliveryRecord d;
      d.delivery_id = s->Int(0);
      d.rule = s->Str(1);
      d.account_id = s->Str(2);
      d.url = s->Str(3);
      d.payload = s->Str(4);
      d.status = s->Str(5);
      d.attempts = static_cast<int>(s->Int(6));
      d.last_error = s->Str(7);
      d.next_attempt_at = s->OptInt(8);
      d.created_at = s->Int(9);
      d.delivered_at = s->OptInt(10);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::optional<std::string>> GetWebhookSecret(std::string_view url) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT secret FROM webhook_secrets WHERE url = ?"));
    s->Bind(1, url);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<std::string> out;
    if (row) out = s->Str(0);
    s->Reset();
    return out;
  }

  Status SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) override {
    TEND_ASSIGN_OR_RETURN(
        Stmt * s, db_->Prepare("INSERT INTO webhook_secrets (url, secret, created_at) VALUES "
                               "(?,?,?) ON CONFLICT (url) DO UPDATE SET secret = "
                               "excluded.secret, created_at = excluded.created_at"));
    return s->Bind(1, url).Bind(2, secret).Bind(3, static_cast<int64_t>(at)).Run();
  }

  Result<std::vector<std::pair<std::string, EpochMs>>> ListWebhookSecrets() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("SELECT url, created_at FROM webhook_secrets ORDER BY url"));
    std::vector<std::pair<std::string, EpochMs>> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      out.emplace_back(s->Str(0), s->Int(1));
    }
    return out;
  }

  Status BackupTo(const std::string& path) override {
    std::string tmp = path + ".partial";
    std::remove(tmp.c_str());
    sqlite3* out = nullptr;
    if (sqlite3_open_v2(tmp.c_str(), &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      std::string msg = out ? sqlite3_errmsg(out) : "cannot open";
      sqlite3_close(out);
      return InvalidArgument("store.backup", tmp + ": " + msg);
    }
    sqlite3_backup* b = sqlite3_backup_init(out, "main", db_->raw(), "main");
    int rc = SQLITE_ERROR;
    if (b) {
      // Pages in steps, so writers on other connections are not held up for the whole copy.
      do {
        rc = sqlite3_backup_step(b, 1024);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      sqlite3_backup_finish(b);
    }
    std::string msg = sqlite3_errmsg(out);
    sqlite3_close(out);
    if (rc != SQLITE_DONE) {
      std::remove(tmp.c_str());
      return Internal("store.backup", "backup to " + path + " failed: " + msg);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
      std::remove(tmp.c_str());
      return Internal("store.backup", "cannot move the backup into place at " + path);
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> CheckIntegrity() override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("PRAGMA integrity_check"));
    std::vector<std::string> out;
    for (;;) {
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      std::string line = s->Str(0);
      if (line != "ok") out.push_back(line);
    }
    return out;
  }

  Result<WorkspaceCounts> Counts() override {
    WorkspaceCounts c;
    struct Q {
      const char* sql;
      int64_t* out;
    } qs[] = {
        {"SELECT COUNT(*) FROM accounts", &c.accounts},
        {"SELECT COUNT(*) FROM contacts", &c.contacts},
        {"SELECT COALESCE(SUM(events), 0) + (SELECT COUNT(account_id) FROM event_journal) "
         "FROM account_usage",
         &c.events},
        {"SELECT COUNT(*) FROM surveys", &c.surveys},
        {"SELECT COUNT(*) FROM tickets", &c.tickets},
        {"SELECT COUNT(*) FROM activities", &c.activities},
        {"SELECT COUNT(*) FROM deals", &c.deals},
    };
    for (const Q& q : qs) {
      TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(q.sql));
      TEND_ASSIGN_OR_RETURN(bool row, s->Step());
      *q.out = row ? s->Int(0) : 0;
      s->Reset();
    }
    return c;
  }

  Result<std::optional<std::string>> GetMeta(std::string_view key) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT value FROM workspace_meta WHERE key = ?"));
    s->Bind(1, key);
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    std::optional<std::string> out;
    if (row) out = s->Str(0);
    s->Reset();
    return out;
  }

  Status SetMeta(std::string_view key, std::string_view value) override {
    TEND_ASSIGN_OR_RETURN(Stmt * s,
                          db_->Prepare("INSERT INTO workspace_meta (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    return s->Bind(1, key).Bind(2, value).Run();
  }

  // ---- Feedback (the SQL is in sqlite_feedback_store.cc) ----
  Result<int64_t> UpsertFeedbackItem(const FeedbackItemRecord& item) override {
    return feedback_.UpsertFeedbackItem(item);
  }
  Result<std::optional<FeedbackItemRecord>> GetFeedbackItem(int64_t item_id) override {
    return feedback_.GetFeedbackItem(item_id);
  }
  Result<std::vector<FeedbackItemRecord>> ListFeedbackItems(
      const FeedbackItemFilter& filter) override {
    return feedback_.ListFeedbackItems(filter);
  }
  Status LinkFeedbackItem(int64_t item_id, std::optional<int64_t> request_id) override {
    return feedback_.LinkFeedbackItem(item_id, request_id);
  }
  Result<int64_t> MoveFeedbackItems(int64_t from, int64_t to) override {
    return feedback_.MoveFeedbackItems(from, to);
  }
  Result<int64_t> InsertFeedbackRequest(const FeedbackRequestRecord& request) override {
    return feedback_.InsertFeedbackRequest(request);
  }
  Status UpdateFeedbackRequest(const FeedbackRequestRecord& request) override {
    return feedback_.UpdateFeedbackRequest(request);
  }
  Result<std::optional<FeedbackRequestRecord>> GetFeedbackRequest(int64_t request_id) override {
    return feedback_.GetFeedbackRequest(request_id);
  }
  Result<std::vector<FeedbackRequestRecord>> ListFeedbackRequests() override {
    return feedback_.ListFeedbackRequests();
  }
  Result<std::vector<std::string>> ListProductAreas() override {
    return feedback_.ListProductAreas();
  }
  Status AddProductArea(std::string_view name) override { return feedback_.AddProductArea(name); }
  Result<std::vector<std::pair<std::string, int64_t>>> CountOpenBlockerRequests() override {
    return feedback_.CountOpenBlockerRequests();
  }
  // ---- end of feedback ----

 private:
  std::unique_ptr<SqliteDb> db_;
  int version_;
  bool in_txn_ = false;
  SqliteFeedbackStore feedback_{*db_};
};

Result<int> ReadVersion(SqliteDb& db) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db.Prepare("PRAGMA user_version"));
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  int v = row ? static_cast<int>(s->Int(0)) : 0;
  s->Reset();
  return v;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

namespace {

// Lock files hold "<what> <pid>\n" of the process holding them (serve, restore), so the
// one refused can say who it waits for.
void NoteHolder(int fd, const char* what) {
  std::string note = std::string(what) + " " + std::to_string(static_cast<long>(::getpid())) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, note.data(), note.size(), 0) < 0) {
    // The lock holds without the note; messages then name no process.
  }
}

std::string HolderText(int fd) {
  char buf[64] = {};
  ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string note = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
  size_t sp = note.find(' ');
  long pid = sp == std::string::npos ? 0 : std::strtol(note.c_str() + sp + 1, nullptr, 10);
  std::string what = sp == std::string::npos ? "" : note.substr(0, sp);
  if (what == "restore") return "tend restore (pid " + std::to_string(pid) + ")";
  if (what == "serve" && pid > 0) return "another tend serve (pid " + std::to_string(pid) + ")";
  return "another tend process";
}

}  // namespace

Result<std::unique_ptr<ServeLock>> ServeLock::Acquire(const std::string& path) {
  const std::string lock = path + ".lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("store.lock", lock + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    std::string holder = HolderText(fd);
    ::close(fd);
    return FailedPrecondition("store.inUse",
                              path + " is in use by " + holder +
                                  ": one tend serve per SQLite workspace; stop that one "
                                  "first, or serve another workspace (lock file " +
                                  lock + ")");
  }
  NoteHolder(fd, "serve");
  return std::unique_ptr<ServeLock>(new ServeLock(fd));
}

ServeLock::~ServeLock() {
  if (::ftruncate(fd_, 0) != 0) {
    // A stale note is only read while the lock is held again, which rewrites it.
  }
  ::close(fd_);
}

Status RestoreSqliteStore(const std::string& backup, const std::string& target) {
  // No server may be serving the target: it would go on with the old workspace in memory.
  const std::string lock = target + ".lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Internal("store.lock", lock + ": " + std::strerror(errno));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    return FailedPrecondition("store.inUse", target + " is being served by " + HolderText(fd) +
                                                 ": stop the server, then restore");
  }
  NoteHolder(fd, "restore");
  {
    // The backup must be a workspace this binary can open, and sound.
    OpenOptions o;
    o.create = false;
    o.migrate = false;
    TEND_ASSIGN_OR_RETURN(auto check, OpenSqliteStore(backup, o));
    TEND_ASSIGN_OR_RETURN(auto problems, check->CheckIntegrity());
    if (!problems.empty()) {
      return InvalidArgument("store.badBackup",
                             backup + ": the backup is damaged: " + problems.front());
    }
  }
  TEND_ASSIGN_OR_RETURN(auto src, SqliteDb::Open(backup, false));
  TEND_ASSIGN_OR_RETURN(auto dst, SqliteDb::Open(target, true));
  sqlite3_busy_timeout(dst->raw(), 2000);
  sqlite3_backup* b = sqlite3_backup_init(dst->raw(), "main", src->raw(), "main");
  if (!b) return Internal("store.restore", target + ": " + sqlite3_errmsg(dst->raw()));
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    return Status(ErrorCode::kUnavailable, "store.restore",
                  target + ": could not replace the workspace (" + sqlite3_errstr(rc) +
                      "); stop the server using it first");
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                               const OpenOptions& options) {
  TEND_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, options.create));
  sqlite3_busy_timeout(db->raw(), 10000);
  TEND_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL").WithContext(path));
  TEND_RETURN_IF_ERROR(
      db->Exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
               "PRAGMA temp_store = MEMORY"));
  TEND_ASSIGN_OR_RETURN(int version, ReadVersion(*db));
  int latest = LatestSchemaVersion();
  if (version > latest) {
    return FailedPrecondition("store.schemaTooNew",
                              path + ": the workspace's schema is version " +
                                  std::to_string(version) + ", newer than this tend supports (" +
                                  std::to_string(latest) + "); upgrade tend to open it");
  }
  int target = options.max_version >= 0 ? options.max_version : latest;
  if (options.migrate) {
    for (const Migration& m : Migrations()) {
      if (m.version <= version || m.version > target) continue;
      TEND_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
      Status st = db->Exec(m.sql);
      if (st.ok()) st = db->Exec("PRAGMA user_version = " + std::to_string(m.version));
      if (!st.ok()) {
        (void)db->Exec("ROLLBACK");
        return st.WithContext(path + ": migration " + std::to_string(m.version));
      }
      TEND_RETURN_IF_ERROR(db->Exec("COMMIT"));
      version = m.version;
    }
  }
  return std::unique_ptr<Store>(new SqliteStore(std::move(db), version));
}

}  // namespace tend::store

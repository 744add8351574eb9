// PgStore: accounts, attributes, contacts, surveys, tickets, activities, deals.
#include <array>

#include "common/time.h"
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"
#include "store/record_keys.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

constexpr std::array<std::pair<ValueType, std::string_view>, 4> kTypeNames = {{
    {ValueType::kNumber, "number"},
    {ValueType::kDate, "date"},
    {ValueType::kBool, "bool"},
    {ValueType::kText, "text"},
}};

std::string_view NameOfType(ValueType t) {
  for (const auto& [type, name] : kTypeNames) {
    if (type == t) return name;
  }
  return "text";
}

ValueType TypeOfName(std::string_view s) {
  for (const auto& [type, name] : kTypeNames) {
    if (name == s) return type;
  }
  return ValueType::kText;
}

constexpr const char* kAccountCols =
    "account_id, name, industry, segment, region, arr, start_date, renewal_date, csm, status, "
    "churned_on";
constexpr const char* kContactCols =
    "contact_id, account_id, name, email, title, seniority, role, status";
constexpr const char* kSurveyCols = "ts, account_id, contact_id, survey, score, comment, survey_id";
constexpr const char* kTicketCols =
    "ticket_id, account_id, opened_at, closed_at, priority, status, csat";
constexpr const char* kActivityCols =
    "activity_id, ts, account_id, contact_id, type, subject, author, notes, source";
constexpr const char* kDealCols = "deal_id, prospect, amount, stage, closed_at, reference_contact_id";

ContactRecord ReadContact(PgStmt* s) {
  return ContactRecord{s->Str(0), s->Str(1), s->Str(2), s->Str(3),
                       s->Str(4), s->Str(5), s->Str(6), s->Str(7)};
}
SurveyRecord ReadSurvey(PgStmt* s) {
  return SurveyRecord{s->Int(0), s->Str(1), s->Str(2), s->Str(3), s->Double(4), s->Str(5), s->Str(6)};
}
TicketRecord ReadTicket(PgStmt* s) {
  return TicketRecord{s->Str(0), s->Str(1), s->OptInt(2), s->OptInt(3),
                      s->Str(4), s->Str(5), s->OptDouble(6)};
}
ActivityRecord ReadActivityRow(PgStmt* s) {
  return ActivityRecord{s->Int(0), s->Int(1), s->Str(2), s->Str(3), s->Str(4),
                        s->Str(5), s->Str(6), s->Str(7), s->Str(8)};
}

std::string Select(const char* cols, std::string_view rest) {
  return std::string("SELECT ") + cols + " " + std::string(rest);
}

}  // namespace

Result<bool> PgStore::InsertAccountIfMissing(std::string_view account_id, std::string_view name) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare("INSERT INTO accounts (account_id, name, status) VALUES "
                                     "($1, $2, 'active') ON CONFLICT (account_id) DO NOTHING"));
  TEND_RETURN_IF_ERROR(BindAll(s, account_id, name)->Run());
  return s->Affected() > 0;
}

Status PgStore::UpsertAccount(const AccountRecord& a) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("accounts", kAccountCols, "account_id")));
  TEND_RETURN_IF_ERROR(BindAll(s, a.account_id, OrNull{a.name}, OrNull{a.industry},
                               OrNull{a.segment}, OrNull{a.region}, a.arr, a.start_date,
                               a.renewal_date, OrNull{a.csm}, a.status, a.churned_on)
                           ->Run());
  for (const AttributeValue& v : a.attributes) {
    TEND_RETURN_IF_ERROR(SetAccountAttribute(a.account_id, v));
  }
  return Status::Ok();
}

Result<std::vector<AccountRecord>> PgStore::LoadAccounts() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kAccountCols, "FROM accounts ORDER BY account_id")));
  TEND_ASSIGN_OR_RETURN(auto out, pg::Rows<AccountRecord>(s, [](PgStmt* s) {
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
    return a;
  }));
  TEND_ASSIGN_OR_RETURN(PgStmt * t, db_->Prepare("SELECT account_id, name, num, text FROM "
                                                 "account_attributes ORDER BY account_id, name"));
  size_t i = 0;
  TEND_RETURN_IF_ERROR(pg::EachRow(t, [&](PgStmt* t) {
    std::string_view id = t->Text(0);
    while (i < out.size() && out[i].account_id < id) ++i;
    if (i == out.size() || out[i].account_id != id) return Status::Ok();
    AttributeValue v;
    v.name = t->Str(1);
    v.num = t->OptDouble(2);
    if (!t->IsNull(3)) v.text = t->Str(3);
    out[i].attributes.push_back(std::move(v));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<AttributeDef>> PgStore::LoadAttributeDefs() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT name, type FROM attribute_defs ORDER BY name"));
  return pg::Rows<AttributeDef>(
      s, [](PgStmt* s) { return AttributeDef{s->Str(0), TypeOfName(s->Text(1))}; });
}

Status PgStore::SaveAttributeDef(const AttributeDef& def) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("attribute_defs", "name, type", "name")));
  return BindAll(s, def.name, NameOfType(def.type))->Run();
}

Status PgStore::SetAccountAttribute(std::string_view account_id, const AttributeValue& v) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("account_attributes",
                                                               "account_id, name, num, text",
                                                               "account_id, name")));
  return BindAll(s, account_id, v.name, v.num, v.text)->Run();
}

Status PgStore::UpsertContact(const ContactRecord& c) {
  TEND_RETURN_IF_ERROR(NoteContactChange(c));
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("contacts", kContactCols, "contact_id")));
  return BindAll(s, c.contact_id, c.account_id, OrNull{c.name}, OrNull{c.email}, OrNull{c.title},
                 OrNull{c.seniority}, OrNull{c.role}, OrNull{c.status})
      ->Run();
}

// Which writes are changes is the workspace's rule (OpenOptions::contact_changes, advocacy's
// DecideContactChanges in tend); here only its reads and writes.
Status PgStore::NoteContactChange(const ContactRecord& c) {
  if (!options_.contact_changes) return Status::Ok();
  TEND_ASSIGN_OR_RETURN(auto stored, GetContact(c.contact_id));
  std::vector<ContactRecord> namesakes;
  const std::string local = EmailLocalPart(c.email);
  if (!c.name.empty() && !local.empty() && (!stored || (HasLeft(c) && !HasLeft(*stored)))) {
    // contacts_by_person (migration 12). lower() may change non-ASCII letters too (the
    // database's collation), EmailLocalPart does not: such a local part finds no namesake.
    TEND_ASSIGN_OR_RETURN(
        PgStmt * p,
        db_->Prepare(Select(kContactCols,
                            "FROM contacts WHERE name = $1 AND lower(substr(email, 1, "
                            "strpos(email, '@'))) = $2 AND account_id <> $3 LIMIT 2")));
    TEND_ASSIGN_OR_RETURN(
        namesakes, pg::Rows<ContactRecord>(BindAll(p, c.name, local, c.account_id), ReadContact));
  }
  for (ContactChangeRecord& change : options_.contact_changes(c, stored, namesakes)) {
    change.ts = clock().NowMs();
    TEND_RETURN_IF_ERROR(RecordContactChange(change).status());
  }
  return Status::Ok();
}

Result<std::vector<ContactRecord>> PgStore::ReadContacts(const char* where, std::string_view arg) {
  std::string sql = Select(kContactCols, "FROM contacts");
  if (*where) sql += std::string(" WHERE ") + where;
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(sql + " ORDER BY contact_id"));
  if (*where) s->Bind(1, arg);
  return pg::Rows<ContactRecord>(s, ReadContact);
}

Result<std::vector<ContactRecord>> PgStore::LoadContacts() { return ReadContacts("", ""); }

Result<std::vector<ContactRecord>> PgStore::ListContacts(std::string_view account_id) {
  return ReadContacts("account_id = $1", account_id);
}

Result<std::optional<ContactRecord>> PgStore::GetContact(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(auto rows, ReadContacts("contact_id = $1", contact_id));
  if (rows.empty()) return std::optional<ContactRecord>();
  return std::optional<ContactRecord>(std::move(rows[0]));
}

Result<bool> PgStore::UpsertSurvey(const SurveyRecord& r) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare(pg::InsertSql(
          "surveys", "survey_key, ts, account_id, contact_id, survey, score, comment, survey_id",
          "survey_key",
          "WHERE (surveys.ts, surveys.account_id, surveys.contact_id, surveys.survey, "
          "surveys.score, surveys.comment, surveys.survey_id) IS DISTINCT FROM (excluded.ts, "
          "excluded.account_id, excluded.contact_id, excluded.survey, excluded.score, "
          "excluded.comment, excluded.survey_id)")));
  TEND_RETURN_IF_ERROR(BindAll(s, SurveyKey(r), r.ts, r.account_id, OrNull{r.contact_id}, r.survey,
                               r.score, OrNull{r.comment}, OrNull{r.survey_id})
                           ->Run());
  return s->Affected() > 0;
}

Result<std::vector<SurveyRecord>> PgStore::LoadSurveys() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kSurveyCols, "FROM surveys ORDER BY "
                                                                     "account_id, ts, survey, score")));
  return pg::Rows<SurveyRecord>(s, ReadSurvey);
}

Result<std::vector<SurveyRecord>> PgStore::ListSurveys(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kSurveyCols, "FROM surveys WHERE "
                                                                     "account_id = $1 ORDER BY ts, "
                                                                     "survey, score")));
  return pg::Rows<SurveyRecord>(BindAll(s, account_id), ReadSurvey);
}

Result<std::vector<TicketRecord>> PgStore::ListTickets(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kTicketCols, "FROM tickets WHERE "
                                                                     "account_id = $1 ORDER BY "
                                                                     "ticket_id")));
  return pg::Rows<TicketRecord>(BindAll(s, account_id), ReadTicket);
}

Status PgStore::UpsertTicket(const TicketRecord& t) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("tickets", kTicketCols, "ticket_id")));
  return BindAll(s, t.ticket_id, t.account_id, t.opened_at, t.closed_at, OrNull{t.priority},
                 t.status, t.csat)
      ->Run();
}

Result<std::vector<TicketRecord>> PgStore::LoadTickets() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kTicketCols, "FROM tickets ORDER BY "
                                                                     "account_id, ticket_id")));
  return pg::Rows<TicketRecord>(s, ReadTicket);
}

Result<int64_t> PgStore::UpsertActivity(const ActivityRecord& a) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("INSERT INTO activities (activity_key, ts, account_id, contact_id, type, "
                   "subject, author, notes, source) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) ON "
                   "CONFLICT (activity_key) DO UPDATE SET notes = excluded.notes RETURNING "
                   "activity_id"));
  return pg::FirstInt(BindAll(s, OrNull{ActivityKey(a)}, a.ts, a.account_id, OrNull{a.contact_id},
                              a.type, OrNull{a.subject}, OrNull{a.author}, OrNull{a.notes},
                              a.source));
}

Result<std::vector<ActivityRecord>> PgStore::LoadActivities() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kActivityCols, "FROM activities ORDER BY "
                                                                       "account_id, ts, "
                                                                       "activity_id")));
  return pg::Rows<ActivityRecord>(s, ReadActivityRow);
}

Result<std::vector<ActivityRecord>> PgStore::LoadContactActivities(
    const std::vector<std::string>& types) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("SELECT activity_id, ts, account_id, contact_id, type, subject, author, '', "
                   "source FROM activities WHERE contact_id IS NOT NULL AND contact_id <> '' AND "
                   "type = ANY($1::text[]) ORDER BY account_id, ts, activity_id"));
  return pg::Rows<ActivityRecord>(BindAll(s, pg::TextArray(types)), ReadActivityRow);
}

Result<std::vector<ActivityRecord>> PgStore::ListActivities(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kActivityCols,
                                                        "FROM activities WHERE account_id = $1 "
                                                        "ORDER BY ts DESC, activity_id DESC")));
  return pg::Rows<ActivityRecord>(BindAll(s, account_id), ReadActivityRow);
}

Result<std::optional<ActivityRecord>> PgStore::GetActivity(int64_t activity_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kActivityCols, "FROM activities WHERE "
                                                                       "activity_id = $1")));
  return pg::One<ActivityRecord>(BindAll(s, activity_id), ReadActivityRow);
}

Status PgStore::UpdateActivity(const ActivityRecord& a) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s,
                        db_->Prepare("UPDATE activities SET ts = $1, type = $2, subject = $3, "
                                     "notes = $4, contact_id = $5 WHERE activity_id = $6"));
  return BindAll(s, a.ts, a.type, OrNull{a.subject}, OrNull{a.notes}, OrNull{a.contact_id},
                 a.activity_id)
      ->Run();
}

Status PgStore::ForEachSurveyFact(
    const std::function<void(std::string_view, EpochMs, std::string_view, double)>& fn) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT account_id, ts, survey, score FROM "
                                                 "surveys ORDER BY account_id, ts, survey, score"));
  return pg::EachRow(s, [&](PgStmt* s) {
    fn(s->Text(0), s->Int(1), s->Text(2), s->Double(3));
    return Status::Ok();
  });
}

Status PgStore::ForEachContactRole(const std::function<void(std::string_view, std::string_view)>& fn) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT account_id, role FROM contacts ORDER BY "
                                                 "account_id, role NULLS FIRST"));
  return pg::EachRow(s, [&](PgStmt* s) {
    fn(s->Text(0), s->Text(1));
    return Status::Ok();
  });
}

Status PgStore::ForEachTicket(const std::function<void(const TicketRecord&)>& fn) {
  TEND_ASSIGN_OR_RETURN(
      PgStmt * s,
      db_->Prepare("SELECT account_id, opened_at, closed_at, priority, status, csat FROM tickets "
                   "ORDER BY account_id, opened_at NULLS FIRST, closed_at NULLS FIRST, priority "
                   "NULLS FIRST, status, csat NULLS FIRST"));
  TicketRecord t;
  return pg::EachRow(s, [&](PgStmt* s) {
    t.account_id.assign(s->Text(0));
    t.opened_at = s->OptInt(1);
    t.closed_at = s->OptInt(2);
    t.priority.assign(s->Text(3));
    t.status.assign(s->Text(4));
    t.csat = s->OptDouble(5);
    fn(t);
    return Status::Ok();
  });
}

Status PgStore::ForEachActivityFact(
    const std::function<void(std::string_view, EpochMs, std::string_view)>& fn) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT account_id, ts, type FROM activities "
                                                 "ORDER BY account_id, ts, type"));
  return pg::EachRow(s, [&](PgStmt* s) {
    fn(s->Text(0), s->Int(1), s->Text(2));
    return Status::Ok();
  });
}

Status PgStore::UpsertDeal(const DealRecord& d) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("deals", kDealCols, "deal_id")));
  return BindAll(s, d.deal_id, OrNull{d.prospect}, d.amount, d.stage, d.closed_at,
                 OrNull{d.reference_contact_id})
      ->Run();
}

Result<std::vector<DealRecord>> PgStore::LoadDeals() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(Select(kDealCols, "FROM deals ORDER BY deal_id")));
  return pg::Rows<DealRecord>(s, [](PgStmt* s) {
    return DealRecord{s->Str(0), s->Str(1), s->OptDouble(2), s->Str(3), s->OptDay(4), s->Str(5)};
  });
}

}  // namespace tend::store

// SqliteStore's AccountStore: accounts and attributes, contacts, surveys, tickets, activities
// and deals.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

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

const RowMap<AccountRecord>& Accounts() {
  using R = AccountRecord;
  static const RowMap<R> m(
      "accounts",
      {Col<&R::account_id>("account_id"), TextOrNull<&R::name>("name"),
       TextOrNull<&R::industry>("industry"), TextOrNull<&R::segment>("segment"),
       TextOrNull<&R::region>("region"), Col<&R::arr>("arr"), Col<&R::start_date>("start_date"),
       Col<&R::renewal_date>("renewal_date"), TextOrNull<&R::csm>("csm"), Col<&R::status>("status"),
       Col<&R::churned_on>("churned_on")});
  return m;
}

const RowMap<ContactRecord>& Contacts() {
  using R = ContactRecord;
  static const RowMap<R> m("contacts",
                           {Col<&R::contact_id>("contact_id"), Col<&R::account_id>("account_id"),
                            TextOrNull<&R::name>("name"), TextOrNull<&R::email>("email"),
                            TextOrNull<&R::title>("title"), TextOrNull<&R::seniority>("seniority"),
                            TextOrNull<&R::role>("role"), TextOrNull<&R::status>("status")});
  return m;
}

const RowMap<SurveyRecord>& Surveys() {
  using R = SurveyRecord;
  static const RowMap<R> m(
      "surveys",
      {Col<&R::ts>("ts"), Col<&R::account_id>("account_id"),
       TextOrNull<&R::contact_id>("contact_id"), Col<&R::survey>("survey"), Col<&R::score>("score"),
       TextOrNull<&R::comment>("comment"), TextOrNull<&R::survey_id>("survey_id")});
  return m;
}

const RowMap<TicketRecord>& Tickets() {
  using R = TicketRecord;
  static const RowMap<R> m(
      "tickets",
      {Col<&R::ticket_id>("ticket_id"), Col<&R::account_id>("account_id"),
       Col<&R::opened_at>("opened_at"), Col<&R::closed_at>("closed_at"),
       TextOrNull<&R::priority>("priority"), Col<&R::status>("status"), Col<&R::csat>("csat")});
  return m;
}

const RowMap<ActivityRecord>& Activities() {
  using R = ActivityRecord;
  static const RowMap<R> m(
      "activities",
      {Col<&R::activity_id>("activity_id"), Col<&R::ts>("ts"), Col<&R::account_id>("account_id"),
       TextOrNull<&R::contact_id>("contact_id"), Col<&R::type>("type"),
       TextOrNull<&R::subject>("subject"), TextOrNull<&R::author>("author"),
       TextOrNull<&R::notes>("notes"), Col<&R::source>("source")});
  return m;
}

const RowMap<DealRecord>& Deals() {
  using R = DealRecord;
  static const RowMap<R> m(
      "deals", {Col<&R::deal_id>("deal_id"), TextOrNull<&R::prospect>("prospect"),
                Col<&R::amount>("amount"), Col<&R::stage>("stage"), Col<&R::closed_at>("closed_at"),
                TextOrNull<&R::reference_contact_id>("reference_contact_id")});
  return m;
}

constexpr const char* kUpsertAttribute =
    "INSERT INTO account_attributes (account_id, name, num, text) VALUES (?,?,?,?) "
    "ON CONFLICT (account_id, name) DO UPDATE SET num = excluded.num, text = excluded.text";

}  // namespace

Result<bool> SqliteStore::InsertAccountIfMissing(std::string_view account_id,
                                                 std::string_view name) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO accounts (account_id, name, status) VALUES "
                                     "(?,?,'active') ON CONFLICT (account_id) DO NOTHING"));
  TEND_RETURN_IF_ERROR(s->Bind(1, account_id).Bind(2, name).Run());
  return Changed();
}

Status SqliteStore::UpsertAccount(const AccountRecord& a) {
  static const std::string kSql = Accounts().Upsert("account_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Accounts().Bind(*s, a);
  TEND_RETURN_IF_ERROR(s->Run());
  for (const AttributeValue& v : a.attributes)
    TEND_RETURN_IF_ERROR(SetAccountAttribute(a.account_id, v));
  return Status::Ok();
}

Result<std::vector<AccountRecord>> SqliteStore::LoadAccounts() {
  static const std::string kSql = Accounts().Select() + " ORDER BY account_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  TEND_ASSIGN_OR_RETURN(std::vector<AccountRecord> out, ReadAll(s, Accounts()));
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

Result<std::vector<AttributeDef>> SqliteStore::LoadAttributeDefs() {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT name, type FROM attribute_defs ORDER BY name"));
  return ReadRows<AttributeDef>(s, [&](Stmt* s) {
    return AttributeDef{s->Str(0), TypeFromName(s->Text(1))};
  });
}

Status SqliteStore::SaveAttributeDef(const AttributeDef& def) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO attribute_defs (name, type) VALUES (?, ?) "
                                     "ON CONFLICT (name) DO UPDATE SET type = excluded.type"));
  return s->Bind(1, def.name).Bind(2, TypeName(def.type)).Run();
}

Status SqliteStore::SetAccountAttribute(std::string_view account_id, const AttributeValue& v) {
  TEND_ASSIGN_OR_RETURN(Stmt * t, db_->Prepare(kUpsertAttribute));
  return t->Bind(1, account_id).Bind(2, v.name).Bind(3, v.num).Bind(4, v.text).Run();
}

Status SqliteStore::UpsertContact(const ContactRecord& c) {
  TEND_RETURN_IF_ERROR(NoteContactChange(c));
  static const std::string kSql = Contacts().Upsert("contact_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Contacts().Bind(*s, c);
  return s->Run();
}

Status SqliteStore::NoteContactChange(const ContactRecord& c) {
  if (!options_.contact_changes) return Status::Ok();
  TEND_ASSIGN_OR_RETURN(std::optional<ContactRecord> stored, GetContact(c.contact_id));
  std::vector<ContactRecord> namesakes;
  const std::string local = EmailLocalPart(c.email);
  if (!c.name.empty() && !local.empty() && (!stored || (HasLeft(c) && !HasLeft(*stored)))) {
    // contacts_by_person (migration 12); lower() in SQLite changes ASCII letters only.
    static const std::string kSql =
        Contacts().Select() +
        " WHERE name = ? AND lower(substr(email, 1, instr(email, '@'))) = ? AND account_id <> ? "
        "LIMIT 2";
    TEND_ASSIGN_OR_RETURN(Stmt * p, db_->Prepare(kSql));
    p->Bind(1, c.name).Bind(2, local).Bind(3, c.account_id);
    TEND_ASSIGN_OR_RETURN(namesakes, ReadAll(p, Contacts()));
  }
  for (ContactChangeRecord& change : options_.contact_changes(c, stored, namesakes)) {
    change.ts = clock().NowMs();
    TEND_RETURN_IF_ERROR(RecordContactChange(change).status());
  }
  return Status::Ok();
}

Result<std::vector<ContactRecord>> SqliteStore::ReadContacts(const char* where,
                                                             std::string_view arg) {
  std::string sql = Contacts().Select();
  if (*where) sql += std::string(" WHERE ") + where;
  sql += " ORDER BY contact_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
  if (*where) s->Bind(1, arg);
  return ReadAll(s, Contacts());
}

Result<std::vector<ContactRecord>> SqliteStore::LoadContacts() { return ReadContacts("", ""); }

Result<std::vector<ContactRecord>> SqliteStore::ListContacts(std::string_view account_id) {
  return ReadContacts("account_id = ?", account_id);
}

Result<std::optional<ContactRecord>> SqliteStore::GetContact(std::string_view contact_id) {
  TEND_ASSIGN_OR_RETURN(auto rows, ReadContacts("contact_id = ?", contact_id));
  if (rows.empty()) return std::optional<ContactRecord>();
  return std::optional<ContactRecord>(std::move(rows[0]));
}

Result<bool> SqliteStore::UpsertSurvey(const SurveyRecord& r) {
  // The identity (account_store.h): the source's id, else the whole row. The row key extends
  // the pre-v7 key (ts|account|contact|survey) by score and comment, as migration 7 did.
  std::string key = !r.survey_id.empty()
                        ? "id|" + r.survey_id
                        : std::to_string(r.ts) + "|" + r.account_id + "|" + r.contact_id + "|" +
                              r.survey + "|" + std::to_string(static_cast<int64_t>(r.score)) + "|" +
                              r.comment;
  static const std::string kSql =
      "INSERT INTO surveys (survey_key, " + Surveys().Names() +
      ") VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (survey_key) DO UPDATE SET ts = "
      "excluded.ts, account_id = excluded.account_id, contact_id = excluded.contact_id, "
      "survey = excluded.survey, score = excluded.score, comment = excluded.comment "
      "WHERE surveys.ts IS DISTINCT FROM excluded.ts OR surveys.account_id IS DISTINCT FROM "
      "excluded.account_id OR surveys.contact_id IS DISTINCT FROM excluded.contact_id OR "
      "surveys.survey IS DISTINCT FROM excluded.survey OR surveys.score IS DISTINCT FROM "
      "excluded.score OR surveys.comment IS DISTINCT FROM excluded.comment";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, key);
  Surveys().Bind(*s, r, 0, 2);
  TEND_RETURN_IF_ERROR(s->Run());
  return Changed();
}

Result<std::vector<SurveyRecord>> SqliteStore::LoadSurveys() {
  static const std::string kSql = Surveys().Select() + " ORDER BY account_id, ts";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Surveys());
}

Result<std::vector<SurveyRecord>> SqliteStore::ListSurveys(std::string_view account_id) {
  static const std::string kSql = Surveys().Select() + " WHERE account_id = ? ORDER BY ts";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Surveys());
}

Result<std::vector<TicketRecord>> SqliteStore::ListTickets(std::string_view account_id) {
  static const std::string kSql = Tickets().Select() + " WHERE account_id = ? ORDER BY ticket_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Tickets());
}

Status SqliteStore::UpsertTicket(const TicketRecord& t) {
  static const std::string kSql = Tickets().Upsert("ticket_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Tickets().Bind(*s, t);
  return s->Run();
}

Result<std::vector<TicketRecord>> SqliteStore::LoadTickets() {
  static const std::string kSql = Tickets().Select() + " ORDER BY account_id, ticket_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Tickets());
}

Result<int64_t> SqliteStore::UpsertActivity(const ActivityRecord& a) {
  static const std::string kSql =
      "INSERT INTO activities (activity_key, " + Activities().Names(1) +
      ") VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (activity_key) DO UPDATE SET notes = "
      "excluded.notes RETURNING activity_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  // Imported and system entries are identified by what they say, so importing or
  // refreshing again adds nothing; what people log is always new.
  std::string key;
  if (a.source == "import" || a.source == "system") {
    key = (a.source == "system" ? "system|" : "") + std::to_string(a.ts) + "|" + a.account_id +
          "|" + a.contact_id + "|" + a.type + "|" + a.subject;
    if (a.source == "system") key += "|" + a.notes;
  }
  s->BindTextOrNull(1, key);
  Activities().Bind(*s, a, 1, 2);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  int64_t id = row ? s->Int(0) : 0;
  TEND_RETURN_IF_ERROR(s->Run());
  return id;
}

Result<std::vector<ActivityRecord>> SqliteStore::LoadActivities() {
  static const std::string kSql = Activities().Select() + " ORDER BY account_id, ts, activity_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Activities());
}

Result<std::vector<ActivityRecord>> SqliteStore::LoadContactActivities(
    const std::vector<std::string>& types) {
  // The columns of Activities(), with the notes left out.
  std::string sql =
      "SELECT activity_id, ts, account_id, contact_id, type, subject, author, '', source FROM "
      "activities WHERE contact_id IS NOT NULL AND contact_id <> '' AND type IN (";
  for (size_t i = 0; i < types.size(); ++i) sql += i ? ",?" : "?";
  sql += types.empty() ? "NULL) ORDER BY account_id, ts, activity_id"
                       : ") ORDER BY account_id, ts, activity_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(sql));
  for (size_t i = 0; i < types.size(); ++i) s->Bind(static_cast<int>(i + 1), types[i]);
  return ReadAll(s, Activities());
}

Result<std::vector<ActivityRecord>> SqliteStore::ListActivities(std::string_view account_id) {
  static const std::string kSql =
      Activities().Select() + " WHERE account_id = ? ORDER BY ts DESC, activity_id DESC";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, account_id);
  return ReadAll(s, Activities());
}

Result<std::optional<ActivityRecord>> SqliteStore::GetActivity(int64_t activity_id) {
  static const std::string kSql = Activities().Select() + " WHERE activity_id = ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, activity_id);
  return ReadFirst(s, Activities());
}

Status SqliteStore::UpdateActivity(const ActivityRecord& a) {
  static const std::string kSql =
      Activities().Update({"ts", "type", "subject", "notes", "contact_id"}, "activity_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  int key = Activities().BindNamed(*s, a, {"ts", "type", "subject", "notes", "contact_id"});
  return s->Bind(key, a.activity_id).Run();
}

Status SqliteStore::ForEachSurveyFact(
    const std::function<void(std::string_view, EpochMs, std::string_view, double)>& fn) {
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

Status SqliteStore::ForEachContactRole(
    const std::function<void(std::string_view, std::string_view)>& fn) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT account_id, role FROM contacts ORDER BY account_id"));
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    fn(s->Text(0), s->Text(1));
  }
  return Status::Ok();
}

Status SqliteStore::ForEachTicket(const std::function<void(const TicketRecord&)>& fn) {
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

Status SqliteStore::ForEachActivityFact(
    const std::function<void(std::string_view, EpochMs, std::string_view)>& fn) {
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

Status SqliteStore::UpsertDeal(const DealRecord& d) {
  static const std::string kSql = Deals().Upsert("deal_id");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Deals().Bind(*s, d);
  return s->Run();
}

Result<std::vector<DealRecord>> SqliteStore::LoadDeals() {
  static const std::string kSql = Deals().Select() + " ORDER BY deal_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Deals());
}

}  // namespace tend::store

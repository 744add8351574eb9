// PgStore: product usage (event names, usage states, message ids) and the server's event
// journal with its Segment side tables.
#include <algorithm>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

namespace {

// A (count, count) pair from the one row of `s`.
Result<std::pair<int64_t, int64_t>> TwoCounts(PgStmt* s) {
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::pair<int64_t, int64_t> out{0, 0};
  if (row) out = {s->Int(0), s->Int(1)};
  s->Reset();
  return out;
}

}  // namespace

Result<std::vector<std::string>> PgStore::LoadEventNames() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT event_id, name FROM event_names ORDER BY event_id"));
  std::vector<std::string> out;
  TEND_RETURN_IF_ERROR(pg::EachRow(s, [&](PgStmt* s) {
    if (s->Int(0) != static_cast<int64_t>(out.size())) {
      return DataLoss("store.eventNames",
                      "event-name dictionary has a gap at id " + std::to_string(out.size()));
    }
    out.push_back(s->Str(1));
    return Status::Ok();
  }));
  return out;
}

Status PgStore::AddEventName(uint32_t id, std::string_view name) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("event_names", "event_id, name", "")));
  return BindAll(s, id, name)->Run();
}

Result<std::optional<std::string>> PgStore::LoadUsage(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT state FROM account_usage WHERE account_id = $1"));
  return pg::One<std::string>(BindAll(s, account_id),
                              [](PgStmt* s) { return std::string(s->Blob(0)); });
}

Status PgStore::ForEachUsage(const std::function<Status(std::string_view, std::string_view)>& fn) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT account_id, state FROM account_usage"));
  return pg::EachRow(s, [&](PgStmt* s) { return fn(s->Text(0), s->Blob(1)); });
}

Status PgStore::SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("account_usage",
                                                               "account_id, events, state",
                                                               "account_id")));
  BindAll(s, account_id, events)->BindBlob(3, blob);
  return s->Run();
}

Result<bool> PgStore::InsertMessageId(std::string_view message_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("INSERT INTO event_message_ids (message_id) "
                                                 "VALUES ($1) ON CONFLICT (message_id) DO NOTHING"));
  TEND_RETURN_IF_ERROR(BindAll(s, message_id)->Run());
  return s->Affected() > 0;
}

Result<int64_t> PgStore::AppendJournal(const JournalEvent& e) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("event_journal",
                                                               "account_id, user_id, event, ts", "",
                                                               "RETURNING seq")));
  return pg::FirstInt(BindAll(s, OrNull{e.account_id}, e.user_id, e.event, e.ts));
}

Status PgStore::ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn,
                                    int64_t limit) {
  // LIMIT NULL is LIMIT ALL.
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT seq, account_id, user_id, event, ts FROM "
                                                 "event_journal WHERE account_id IS NOT NULL "
                                                 "ORDER BY seq LIMIT $1"));
  BindAll(s, limit > 0 ? std::optional<int64_t>(limit) : std::nullopt);
  JournalEvent e;
  return pg::EachRow(s, [&](PgStmt* s) {
    e.seq = s->Int(0);
    e.account_id.assign(s->Text(1));
    e.user_id.assign(s->Text(2));
    e.event.assign(s->Text(3));
    e.ts = s->Int(4);
    return fn(e);
  });
}

Result<std::vector<JournalEvent>> PgStore::AttributeJournal(std::string_view user_id,
                                                            std::string_view account_id) {
  // One statement: the rows it attributes are exactly the rows it returns.
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("UPDATE event_journal SET account_id = $1 WHERE "
                                                 "account_id IS NULL AND user_id = $2 RETURNING "
                                                 "seq, user_id, event, ts"));
  TEND_ASSIGN_OR_RETURN(auto out, pg::Rows<JournalEvent>(BindAll(s, account_id, user_id), [&](PgStmt* s) {
    JournalEvent e;
    e.seq = s->Int(0);
    e.account_id.assign(account_id);
    e.user_id = s->Str(1);
    e.event = s->Str(2);
    e.ts = s->Int(3);
    return e;
  }));
  std::sort(out.begin(), out.end(),
            [](const JournalEvent& a, const JournalEvent& b) { return a.seq < b.seq; });
  return out;
}

Status PgStore::DeleteJournalThrough(int64_t seq) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM event_journal WHERE account_id IS "
                                                 "NOT NULL AND seq <= $1"));
  return BindAll(s, seq)->Run();
}

Result<std::pair<int64_t, int64_t>> PgStore::CountJournal() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT COUNT(account_id), COUNT(*) - "
                                                 "COUNT(account_id) FROM event_journal"));
  return TwoCounts(s);
}

Status PgStore::SetUserGroup(std::string_view user_id, std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("segment_user_groups",
                                                               "user_id, account_id", "user_id")));
  return BindAll(s, user_id, account_id)->Run();
}

Result<std::optional<std::string>> PgStore::GetUserGroup(std::string_view user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT account_id FROM segment_user_groups "
                                                 "WHERE user_id = $1"));
  return pg::One<std::string>(BindAll(s, user_id), [](PgStmt* s) { return s->Str(0); });
}

Status PgStore::HoldIdentify(const HeldIdentifyRecord& h) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("segment_held_identifies",
                                                               "user_id, ts, received_at, traits",
                                                               "")));
  return BindAll(s, h.user_id, h.ts, h.received_at, h.traits)->Run();
}

Result<std::vector<HeldIdentifyRecord>> PgStore::TakeHeldIdentifies(std::string_view user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM segment_held_identifies WHERE "
                                                 "user_id = $1 RETURNING seq, ts, received_at, "
                                                 "traits"));
  TEND_ASSIGN_OR_RETURN(auto out, pg::Rows<HeldIdentifyRecord>(BindAll(s, user_id), [&](PgStmt* s) {
    HeldIdentifyRecord h;
    h.seq = s->Int(0);
    h.user_id.assign(user_id);
    h.ts = s->Int(1);
    h.received_at = s->Int(2);
    h.traits = s->Str(3);
    return h;
  }));
  std::sort(out.begin(), out.end(),
            [](const HeldIdentifyRecord& a, const HeldIdentifyRecord& b) { return a.seq < b.seq; });
  return out;
}

Result<std::pair<int64_t, int64_t>> PgStore::CountHeldIdentifies() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM "
                                                 "segment_held_identifies"));
  return TwoCounts(s);
}

}  // namespace tend::store

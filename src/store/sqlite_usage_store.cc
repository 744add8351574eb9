// SqliteStore's UsageStore: event names, usage state, message ids, the event journal, Segment
// user groups and held identify calls.
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<JournalEvent>& Journal() {
  using R = JournalEvent;
  static const RowMap<R> m(
      "event_journal", {Col<&R::seq>("seq"), TextOrNull<&R::account_id>("account_id"),
                        Col<&R::user_id>("user_id"), Col<&R::event>("event"), Col<&R::ts>("ts")});
  return m;
}

const RowMap<HeldIdentifyRecord>& HeldIdentifies() {
  using R = HeldIdentifyRecord;
  static const RowMap<R> m("segment_held_identifies",
                           {Col<&R::seq>("seq"), Col<&R::user_id>("user_id"), Col<&R::ts>("ts"),
                            Col<&R::received_at>("received_at"), Col<&R::traits>("traits")});
  return m;
}

// The one row of two counts `s` yields, or {0, 0}.
Result<std::pair<int64_t, int64_t>> ReadCounts(Stmt* s) {
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::pair<int64_t, int64_t> out{0, 0};
  if (row) out = {s->Int(0), s->Int(1)};
  s->Reset();
  return out;
}

}  // namespace

Result<std::vector<std::string>> SqliteStore::LoadEventNames() {
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

Status SqliteStore::AddEventName(uint32_t id, std::string_view name) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO event_names (event_id, name) VALUES (?, ?)"));
  return s->Bind(1, static_cast<int64_t>(id)).Bind(2, name).Run();
}

Result<std::optional<std::string>> SqliteStore::LoadUsage(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("SELECT state FROM account_usage WHERE account_id = ?"));
  s->Bind(1, account_id);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  if (!row) return std::optional<std::string>();
  std::optional<std::string> out(std::string(s->Blob(0)));
  s->Reset();
  return out;
}

Status SqliteStore::ForEachUsage(
    const std::function<Status(std::string_view, std::string_view)>& fn) {
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

Status SqliteStore::SaveUsage(std::string_view account_id, std::string_view blob, int64_t events) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare("INSERT INTO account_usage (account_id, events, state) VALUES (?,?,?) "
                   "ON CONFLICT (account_id) DO UPDATE SET events = excluded.events, state = "
                   "excluded.state"));
  return s->Bind(1, account_id).Bind(2, events).BindBlob(3, blob).Run();
}

Result<bool> SqliteStore::InsertMessageId(std::string_view message_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("INSERT INTO event_message_ids (message_id) "
                                               "VALUES (?) ON CONFLICT (message_id) DO NOTHING"));
  TEND_RETURN_IF_ERROR(s->Bind(1, message_id).Run());
  return Changed();
}

Result<int64_t> SqliteStore::AppendJournal(const JournalEvent& e) {
  static const std::string kSql = Journal().Insert(1);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Journal().Bind(*s, e, 1);
  TEND_RETURN_IF_ERROR(s->Run());
  return LastInsertId();
}

Status SqliteStore::ForEachJournalEvent(const std::function<Status(const JournalEvent&)>& fn,
                                        int64_t limit) {
  static const std::string kSql =
      Journal().Select() + " WHERE account_id IS NOT NULL ORDER BY seq LIMIT ?";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, limit > 0 ? limit : int64_t{-1});
  JournalEvent e;
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    Journal().ReadInto(*s, e);
    Status st = fn(e);
    if (!st.ok()) {
      s->Reset();
      return st;
    }
  }
  return Status::Ok();
}

Result<std::vector<JournalEvent>> SqliteStore::AttributeJournal(std::string_view user_id,
                                                                std::string_view account_id) {
  static const std::string kSql =
      Journal().Select() + " WHERE account_id IS NULL AND user_id = ? ORDER BY seq";
  TEND_ASSIGN_OR_RETURN(Stmt * q, db_->Prepare(kSql));
  q->Bind(1, user_id);
  TEND_ASSIGN_OR_RETURN(std::vector<JournalEvent> out, ReadAll(q, Journal()));
  if (out.empty()) return out;
  for (JournalEvent& e : out) e.account_id.assign(account_id);
  TEND_ASSIGN_OR_RETURN(Stmt * u,
                        db_->Prepare("UPDATE event_journal SET account_id = ? WHERE account_id "
                                     "IS NULL AND user_id = ?"));
  TEND_RETURN_IF_ERROR(u->Bind(1, account_id).Bind(2, user_id).Run());
  return out;
}

Status SqliteStore::DeleteJournalThrough(int64_t seq) {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("DELETE FROM event_journal WHERE account_id IS "
                                               "NOT NULL AND seq <= ?"));
  return s->Bind(1, seq).Run();
}

Result<std::pair<int64_t, int64_t>> SqliteStore::CountJournal() {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare("SELECT COUNT(account_id), COUNT(*) - COUNT(account_id) FROM event_journal"));
  return ReadCounts(s);
}

Status SqliteStore::SetUserGroup(std::string_view user_id, std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("INSERT INTO segment_user_groups (user_id, account_id) VALUES "
                                     "(?,?) ON CONFLICT (user_id) DO UPDATE SET account_id = "
                                     "excluded.account_id"));
  return s->Bind(1, user_id).Bind(2, account_id).Run();
}

Result<std::optional<std::string>> SqliteStore::GetUserGroup(std::string_view user_id) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("SELECT account_id FROM segment_user_groups WHERE user_id = ?"));
  s->Bind(1, user_id);
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<std::string> out;
  if (row) out = std::string(s->Text(0));
  s->Reset();
  return out;
}

Status SqliteStore::HoldIdentify(const HeldIdentifyRecord& h) {
  static const std::string kSql = HeldIdentifies().Insert(1);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  HeldIdentifies().Bind(*s, h, 1);
  return s->Run();
}

Result<std::vector<HeldIdentifyRecord>> SqliteStore::TakeHeldIdentifies(std::string_view user_id) {
  static const std::string kSql = HeldIdentifies().Select() + " WHERE user_id = ? ORDER BY seq";
  TEND_ASSIGN_OR_RETURN(Stmt * q, db_->Prepare(kSql));
  q->Bind(1, user_id);
  TEND_ASSIGN_OR_RETURN(std::vector<HeldIdentifyRecord> out, ReadAll(q, HeldIdentifies()));
  if (out.empty()) return out;
  TEND_ASSIGN_OR_RETURN(Stmt * d,
                        db_->Prepare("DELETE FROM segment_held_identifies WHERE user_id = ?"));
  TEND_RETURN_IF_ERROR(d->Bind(1, user_id).Run());
  return out;
}

Result<std::pair<int64_t, int64_t>> SqliteStore::CountHeldIdentifies() {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare("SELECT COUNT(*), COUNT(DISTINCT user_id) FROM segment_held_identifies"));
  return ReadCounts(s);
}

}  // namespace tend::store

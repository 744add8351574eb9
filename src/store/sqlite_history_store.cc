// SqliteStore's HistoryStore: definition files as applied, score history and overrides, daily
// summaries, saved views and the rule engine's state.
#include <algorithm>
#include <string>

#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

namespace {

const RowMap<DefinitionFileRecord>& DefinitionFiles() {
  using R = DefinitionFileRecord;
  static const RowMap<R> m("definition_files", {Col<&R::path>("path"), Col<&R::content>("content"),
                                                Col<&R::applied_at>("applied_at")});
  return m;
}

const RowMap<OverrideRecord>& Overrides() {
  using R = OverrideRecord;
  static const RowMap<R> m(
      "score_overrides",
      {Col<&R::override_id>("override_id"), Col<&R::scorecard>("scorecard"),
       Col<&R::measure>("measure"), Col<&R::account_id>("account_id"), Col<&R::score>("score"),
       Col<&R::comment>("comment"), Col<&R::author>("author"), Col<&R::created_at>("created_at")});
  return m;
}

const RowMap<DailySummaryRecord>& DailySummaries() {
  using R = DailySummaryRecord;
  static const RowMap<R> m(
      "score_daily",
      {Col<&R::scorecard>("scorecard"), Col<&R::day>("day"), Col<&R::accounts>("accounts"),
       Col<&R::average>("average"), Col<&R::red>("red"), Col<&R::yellow>("yellow"),
       Col<&R::green>("green"), Col<&R::arr_red>("arr_red"), Col<&R::arr_yellow>("arr_yellow"),
       Col<&R::arr_total>("arr_total")});
  return m;
}

const RowMap<SavedViewRecord>& SavedViews() {
  using R = SavedViewRecord;
  static const RowMap<R> m("saved_views", {Col<&R::view_id>("view_id"), Col<&R::user_id>("user_id"),
                                           Col<&R::name>("name"), Col<&R::query>("query"),
                                           Col<&R::created_at>("created_at")});
  return m;
}

// (rule, account) pairs from the rows of `s`, appended to `out`.
Status ReadRulePairs(Stmt* s, std::vector<std::pair<std::string, std::string>>& out) {
  for (;;) {
    TEND_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    out.emplace_back(s->Str(0), s->Str(1));
  }
  return Status::Ok();
}

}  // namespace

Status SqliteStore::ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) {
  TEND_ASSIGN_OR_RETURN(Stmt * del, db_->Prepare("DELETE FROM definition_files"));
  TEND_RETURN_IF_ERROR(del->Run());
  static const std::string kSql = DefinitionFiles().Insert();
  for (const auto& f : files) {
    TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
    DefinitionFiles().Bind(*s, f);
    TEND_RETURN_IF_ERROR(s->Run());
  }
  return Status::Ok();
}

Result<std::vector<DefinitionFileRecord>> SqliteStore::LoadDefinitionFiles() {
  static const std::string kSql = DefinitionFiles().Select() + " ORDER BY path";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, DefinitionFiles());
}

Status SqliteStore::SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) {
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

Result<std::vector<ScoreHistoryRecord>> SqliteStore::LoadScoresOnDay(std::string_view scorecard,
                                                                     EpochDay day,
                                                                     bool with_measures) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s,
      db_->Prepare(with_measures ? "SELECT account_id, overall, color, measures FROM score_history "
                                   "WHERE scorecard = ? AND day = ?"
                                 : "SELECT account_id, overall, color, '' FROM score_history "
                                   "WHERE scorecard = ? AND day = ?"));
  s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(day));
  return ReadRows<ScoreHistoryRecord>(s, [&](Stmt* s) {
    return ScoreHistoryRecord{std::string(scorecard), s->Str(0), day,
                              s->OptDouble(1),        s->Str(2), s->Str(3)};
  });
}

Result<std::vector<ScoreHistoryRecord>> SqliteStore::LoadAccountHistory(
    std::string_view account_id) {
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

Result<std::optional<EpochDay>> SqliteStore::LatestHistoryDayBefore(std::string_view scorecard,
                                                                    EpochDay day) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("SELECT MAX(day) FROM score_history WHERE scorecard = ? AND day < ?"));
  s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(day));
  TEND_ASSIGN_OR_RETURN(bool row, s->Step());
  std::optional<EpochDay> out;
  if (row && !s->IsNull(0)) out = static_cast<EpochDay>(s->Int(0));
  s->Reset();
  return out;
}

Result<int64_t> SqliteStore::AddOverride(const OverrideRecord& o) {
  static const std::string kSql = Overrides().Insert(1);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  Overrides().Bind(*s, o, 1);
  TEND_RETURN_IF_ERROR(s->Run());
  return LastInsertId();
}

Result<std::vector<OverrideRecord>> SqliteStore::LoadOverrides() {
  static const std::string kSql = Overrides().Select() + " ORDER BY override_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  return ReadAll(s, Overrides());
}

Status SqliteStore::SaveDailySummary(const DailySummaryRecord& d) {
  static const std::string kSql = DailySummaries().Upsert("scorecard, day");
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  DailySummaries().Bind(*s, d);
  return s->Run();
}

Result<std::vector<DailySummaryRecord>> SqliteStore::LoadDailySummaries(std::string_view scorecard,
                                                                        EpochDay from_day) {
  static const std::string kSql =
      DailySummaries().Select() + " WHERE scorecard = ? AND day >= ? ORDER BY day";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, scorecard).Bind(2, static_cast<int64_t>(from_day));
  return ReadAll(s, DailySummaries());
}

Result<std::vector<SavedViewRecord>> SqliteStore::ListSavedViews(int64_t user_id) {
  static const std::string kSql =
      SavedViews().Select() + " WHERE user_id = ? ORDER BY name, view_id";
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  s->Bind(1, user_id);
  return ReadAll(s, SavedViews());
}

Result<int64_t> SqliteStore::InsertSavedView(const SavedViewRecord& v) {
  static const std::string kSql = SavedViews().Insert(1);
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare(kSql));
  SavedViews().Bind(*s, v, 1);
  TEND_RETURN_IF_ERROR(s->Run());
  return LastInsertId();
}

Status SqliteStore::DeleteSavedView(int64_t user_id, int64_t view_id) {
  TEND_ASSIGN_OR_RETURN(Stmt * s,
                        db_->Prepare("DELETE FROM saved_views WHERE user_id = ? AND view_id = ?"));
  TEND_RETURN_IF_ERROR(s->Bind(1, user_id).Bind(2, view_id).Run());
  if (!Changed()) return NotFound("store.noView", "no saved view " + std::to_string(view_id));
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteStore::LoadRuleState() {
  TEND_ASSIGN_OR_RETURN(Stmt * s, db_->Prepare("SELECT rule, account_id FROM rule_state"));
  std::vector<std::pair<std::string, std::string>> out;
  TEND_RETURN_IF_ERROR(ReadRulePairs(s, out));
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> SqliteStore::LoadRuleStateOf(
    const std::vector<std::string>& account_ids) {
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
    TEND_RETURN_IF_ERROR(ReadRulePairs(s, out));
  }
  return out;
}

Status SqliteStore::SetRuleState(std::string_view rule, std::string_view account_id, bool matched,
                                 EpochMs since) {
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

}  // namespace tend::store

// PgStore: definitions, score history, overrides, daily summaries, saved views, rule state.
#include <algorithm>
#include <map>
#include <tuple>

#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;
using pg::OrNull;

Status PgStore::ReplaceDefinitionFiles(const std::vector<DefinitionFileRecord>& files) {
  TEND_RETURN_IF_ERROR(db_->Exec("DELETE FROM definition_files"));
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("definition_files",
                                                               "path, content, applied_at", "")));
  for (const auto& f : files) {
    s->Reset();
    TEND_RETURN_IF_ERROR(BindAll(s, f.path, f.content, f.applied_at)->Run());
  }
  return Status::Ok();
}

Result<std::vector<DefinitionFileRecord>> PgStore::LoadDefinitionFiles() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT path, content, applied_at FROM "
                                                 "definition_files ORDER BY path"));
  return pg::Rows<DefinitionFileRecord>(
      s, [](PgStmt* s) { return DefinitionFileRecord{s->Str(0), s->Str(1), s->Int(2)}; });
}

Status PgStore::SaveScoreHistory(const std::vector<ScoreHistoryRecord>& rows) {
  // One statement may not update a row twice (PostgreSQL refuses); SQLite lets the last row
  // win, so keep only the last of each (scorecard, day, account).
  std::map<std::tuple<std::string_view, EpochDay, std::string_view>, size_t> last;
  for (size_t k = 0; k < rows.size(); ++k) {
    last[{rows[k].scorecard, rows[k].day, rows[k].account_id}] = k;
  }
  std::vector<const ScoreHistoryRecord*> keep;
  for (size_t k = 0; k < rows.size(); ++k) {
    if (last[{rows[k].scorecard, rows[k].day, rows[k].account_id}] == k) keep.push_back(&rows[k]);
  }
  // Many rows per statement: per-statement round trips dominate at 100,000 accounts.
  constexpr size_t kBatch = 128;
  for (size_t at = 0; at < keep.size(); at += kBatch) {
    size_t n = std::min(kBatch, keep.size() - at);
    std::string sql =
        "INSERT INTO score_history (scorecard, account_id, day, overall, color, measures) VALUES ";
    for (size_t k = 0; k < n; ++k) {
      sql += (k ? ",(" : "(") + pg::Placeholders(static_cast<int>(k * 6 + 1), 6) + ")";
    }
    sql += " ON CONFLICT (scorecard, day, account_id) DO UPDATE SET overall = excluded.overall, "
           "color = excluded.color, measures = excluded.measures";
    TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(sql));
    for (size_t k = 0; k < n; ++k) {
      const ScoreHistoryRecord& r = *keep[at + k];
      int b = static_cast<int>(k * 6);
      s->Bind(b + 1, r.scorecard).Bind(b + 2, r.account_id).Bind(b + 3, static_cast<int64_t>(r.day));
      s->Bind(b + 4, r.overall).BindTextOrNull(b + 5, r.color).Bind(b + 6, r.measures);
    }
    TEND_RETURN_IF_ERROR(s->Run());
  }
  return Status::Ok();
}

Result<std::vector<ScoreHistoryRecord>> PgStore::LoadScoresOnDay(std::string_view scorecard,
                                                                 EpochDay day, bool with_measures) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(with_measures
                                                     ? "SELECT account_id, overall, color, "
                                                       "measures FROM score_history WHERE "
                                                       "scorecard = $1 AND day = $2"
                                                     : "SELECT account_id, overall, color, '' "
                                                       "FROM score_history WHERE scorecard = $1 "
                                                       "AND day = $2"));
  return pg::Rows<ScoreHistoryRecord>(BindAll(s, scorecard, day), [&](PgStmt* s) {
    return ScoreHistoryRecord{std::string(scorecard), s->Str(0), day,
                              s->OptDouble(1),        s->Str(2), s->Str(3)};
  });
}

Result<std::vector<ScoreHistoryRecord>> PgStore::LoadAccountHistory(std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT scorecard, day, overall, color, measures "
                                                 "FROM score_history WHERE account_id = $1 ORDER "
                                                 "BY scorecard, day"));
  return pg::Rows<ScoreHistoryRecord>(BindAll(s, account_id), [&](PgStmt* s) {
    return ScoreHistoryRecord{s->Str(0),       std::string(account_id), static_cast<EpochDay>(s->Int(1)),
                              s->OptDouble(2), s->Str(3),               s->Str(4)};
  });
}

Result<std::optional<EpochDay>> PgStore::LatestHistoryDayBefore(std::string_view scorecard,
                                                                EpochDay day) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT MAX(day) FROM score_history WHERE "
                                                 "scorecard = $1 AND day < $2"));
  TEND_ASSIGN_OR_RETURN(auto max, pg::One<std::optional<EpochDay>>(
                                      BindAll(s, scorecard, day),
                                      [](PgStmt* s) { return s->OptDay(0); }));
  return max ? *max : std::nullopt;
}

Result<int64_t> PgStore::AddOverride(const OverrideRecord& o) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "score_overrides",
                                        "scorecard, measure, account_id, score, comment, author, "
                                        "created_at",
                                        "", "RETURNING override_id")));
  return pg::FirstInt(
      BindAll(s, o.scorecard, o.measure, o.account_id, o.score, o.comment, o.author, o.created_at));
}

Result<std::vector<OverrideRecord>> PgStore::LoadOverrides() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT override_id, scorecard, measure, "
                                                 "account_id, score, comment, author, created_at "
                                                 "FROM score_overrides ORDER BY override_id"));
  return pg::Rows<OverrideRecord>(s, [](PgStmt* s) {
    return OverrideRecord{s->Int(0),       s->Str(1), s->Str(2), s->Str(3),
                          s->OptDouble(4), s->Str(5), s->Str(6), s->Int(7)};
  });
}

Status PgStore::SaveDailySummary(const DailySummaryRecord& d) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql(
                                        "score_daily",
                                        "scorecard, day, accounts, average, red, yellow, green, "
                                        "arr_red, arr_yellow, arr_total",
                                        "scorecard, day")));
  return BindAll(s, d.scorecard, d.day, d.accounts, d.average, d.red, d.yellow, d.green, d.arr_red,
                 d.arr_yellow, d.arr_total)
      ->Run();
}

Result<std::vector<DailySummaryRecord>> PgStore::LoadDailySummaries(std::string_view scorecard,
                                                                    EpochDay from_day) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT scorecard, day, accounts, average, red, "
                                                 "yellow, green, arr_red, arr_yellow, arr_total "
                                                 "FROM score_daily WHERE scorecard = $1 AND day "
                                                 ">= $2 ORDER BY day"));
  return pg::Rows<DailySummaryRecord>(BindAll(s, scorecard, from_day), [](PgStmt* s) {
    return DailySummaryRecord{s->Str(0),    static_cast<EpochDay>(s->Int(1)),
                              s->Int(2),    s->OptDouble(3),
                              s->Int(4),    s->Int(5),
                              s->Int(6),    s->Double(7),
                              s->Double(8), s->Double(9)};
  });
}

Result<std::vector<SavedViewRecord>> PgStore::ListSavedViews(int64_t user_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT view_id, user_id, name, query, created_at "
                                                 "FROM saved_views WHERE user_id = $1 ORDER BY "
                                                 "name, view_id"));
  return pg::Rows<SavedViewRecord>(BindAll(s, user_id), [](PgStmt* s) {
    return SavedViewRecord{s->Int(0), s->Int(1), s->Str(2), s->Str(3), s->Int(4)};
  });
}

Result<int64_t> PgStore::InsertSavedView(const SavedViewRecord& v) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("saved_views",
                                                               "user_id, name, query, created_at",
                                                               "", "RETURNING view_id")));
  return pg::FirstInt(BindAll(s, v.user_id, v.name, v.query, v.created_at));
}

Status PgStore::DeleteSavedView(int64_t user_id, int64_t view_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM saved_views WHERE user_id = $1 AND "
                                                 "view_id = $2"));
  Status run = BindAll(s, user_id, view_id)->Run();
  return pg::ChangedOne(s, run, "store.noView", "no saved view " + std::to_string(view_id));
}

Result<std::vector<std::pair<std::string, std::string>>> PgStore::LoadRuleState() {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT rule, account_id FROM rule_state"));
  return pg::Rows<std::pair<std::string, std::string>>(
      s, [](PgStmt* s) { return std::make_pair(s->Str(0), s->Str(1)); });
}

Result<std::vector<std::pair<std::string, std::string>>> PgStore::LoadRuleStateOf(
    const std::vector<std::string>& account_ids) {
  if (account_ids.empty()) return std::vector<std::pair<std::string, std::string>>();
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT rule, account_id FROM rule_state WHERE "
                                                 "account_id = ANY($1::text[])"));
  return pg::Rows<std::pair<std::string, std::string>>(
      BindAll(s, pg::TextArray(account_ids)),
      [](PgStmt* s) { return std::make_pair(s->Str(0), s->Str(1)); });
}

Status PgStore::SetRuleState(std::string_view rule, std::string_view account_id, bool matched,
                             EpochMs since) {
  if (matched) {
    TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("INSERT INTO rule_state (rule, account_id, "
                                                   "since) VALUES ($1, $2, $3) ON CONFLICT (rule, "
                                                   "account_id) DO NOTHING"));
    return BindAll(s, rule, account_id, since)->Run();
  }
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("DELETE FROM rule_state WHERE rule = $1 AND "
                                                 "account_id = $2"));
  return BindAll(s, rule, account_id)->Run();
}

}  // namespace tend::store

// SqliteStore's PredictionStore: the probabilities of each target per account and day.
#include <string>

#include "store/prediction_document.h"
#include "store/sqlite_row.h"
#include "store/sqlite_store_impl.h"

namespace tend::store {

Status SqliteStore::SavePredictionHistory(std::string_view target, EpochDay day,
                                          const std::vector<std::pair<std::string, double>>& rows) {
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

Result<std::vector<std::pair<EpochDay, double>>> SqliteStore::LoadPredictionHistory(
    std::string_view target, std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(
      Stmt * s, db_->Prepare("SELECT day, probability FROM prediction_history WHERE target = ? "
                             "AND account_id = ? ORDER BY day"));
  s->Bind(1, target).Bind(2, account_id);
  return ReadRows<std::pair<EpochDay, double>>(
      s, [](Stmt* s) { return std::make_pair(static_cast<EpochDay>(s->Int(0)), s->Double(1)); });
}

// The latest scoring and the model stay in workspace_meta, as before the stores were split
// (no migration): "predictions.<target>" (prediction_document.h) and "model.<target>".
Status SqliteStore::SaveLatestPredictions(const PredictionSet& set) {
  if (set.target.empty()) return InvalidArgument("store.noTarget", "predictions need a target");
  return SetMeta("predictions." + set.target, EncodePredictions(set));
}

Result<std::optional<PredictionSet>> SqliteStore::LoadLatestPredictions(std::string_view target) {
  TEND_ASSIGN_OR_RETURN(auto text, GetMeta("predictions." + std::string(target)));
  if (!text) return std::optional<PredictionSet>();
  TEND_ASSIGN_OR_RETURN(PredictionSet set, DecodePredictions(*text));
  return std::optional<PredictionSet>(std::move(set));
}

Result<std::optional<std::string>> SqliteStore::LoadModelDocument(std::string_view target) {
  return GetMeta("model." + std::string(target));
}

Status SqliteStore::SaveModelDocument(std::string_view target, std::string_view document) {
  return SetMeta("model." + std::string(target), document);
}

}  // namespace tend::store

// PgStore's PredictionStore: the probabilities of each target per account and day, the latest
// scoring and the trained models.
#include <string>

#include "store/prediction_document.h"
#include "store/pg_rows.h"
#include "store/pg_store_impl.h"

namespace tend::store {

using pg::BindAll;

Status PgStore::SavePredictionHistory(std::string_view target, EpochDay day,
                                      const std::vector<std::pair<std::string, double>>& rows) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare(pg::InsertSql("prediction_history",
                                                               "target, account_id, day, "
                                                               "probability",
                                                               "target, account_id, day")));
  for (const auto& [account, p] : rows) {
    s->Reset();
    TEND_RETURN_IF_ERROR(BindAll(s, target, account, day, p)->Run());
  }
  return Status::Ok();
}

Result<std::vector<std::pair<EpochDay, double>>> PgStore::LoadPredictionHistory(
    std::string_view target, std::string_view account_id) {
  TEND_ASSIGN_OR_RETURN(PgStmt * s, db_->Prepare("SELECT day, probability FROM prediction_history "
                                                 "WHERE target = $1 AND account_id = $2 ORDER BY "
                                                 "day"));
  return pg::Rows<std::pair<EpochDay, double>>(BindAll(s, target, account_id), [](PgStmt* s) {
    return std::make_pair(static_cast<EpochDay>(s->Int(0)), s->Double(1));
  });
}

// The latest scoring and the model live in workspace_meta, as on SQLite:
// "predictions.<target>" (prediction_document.h) and "model.<target>".
Status PgStore::SaveLatestPredictions(const PredictionSet& set) {
  if (set.target.empty()) return InvalidArgument("store.noTarget", "predictions need a target");
  return SetMeta("predictions." + set.target, EncodePredictions(set));
}

Result<std::optional<PredictionSet>> PgStore::LoadLatestPredictions(std::string_view target) {
  TEND_ASSIGN_OR_RETURN(auto text, GetMeta("predictions." + std::string(target)));
  if (!text) return std::optional<PredictionSet>();
  TEND_ASSIGN_OR_RETURN(PredictionSet set, DecodePredictions(*text));
  return std::optional<PredictionSet>(std::move(set));
}

Result<std::optional<std::string>> PgStore::LoadModelDocument(std::string_view target) {
  return GetMeta("model." + std::string(target));
}

Status PgStore::SaveModelDocument(std::string_view target, std::string_view document) {
  return SetMeta("model." + std::string(target), document);
}

}  // namespace tend::store

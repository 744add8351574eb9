#include "predict/prediction_history.h"

namespace tend::predict {

Status RecordPredictionHistory(store::PredictionStore& store, Target target,
                               const ScoreResult& scored) {
  std::vector<std::pair<std::string, double>> rows;
  rows.reserve(scored.accounts.size());
  for (const auto& a : scored.accounts) rows.emplace_back(a.account_id, a.probability);
  return store.SavePredictionHistory(TargetName(target), scored.as_of, rows);
}

}  // namespace tend::predict

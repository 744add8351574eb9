// PredictionStore: the durable state of one domain. Churn and advocate predictions: the
// probabilities of each target per account and day.
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_PREDICTION_STORE_H_
#define TEND_STORE_PREDICTION_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "common/time.h"
#include "store/prediction_records.h"

namespace tend::store {

class PredictionStore {
 public:
  virtual ~PredictionStore() = default;

  // ---- Prediction history ----
  // Upserts the probabilities of `target` on `day`, by (target, account_id, day).
  virtual Status SavePredictionHistory(std::string_view target, EpochDay day,
                                       const std::vector<std::pair<std::string, double>>& rows) = 0;
  // One account's probabilities of `target`, by day.
  virtual Result<std::vector<std::pair<EpochDay, double>>> LoadPredictionHistory(
      std::string_view target, std::string_view account_id) = 0;

  // ---- The latest scoring and the trained model of each target ----
  // Replaces the latest scoring of set.target. kInvalidArgument when the target is empty.
  virtual Status SaveLatestPredictions(const PredictionSet& set) = 0;
  // The latest scoring of `target`, or nullopt when it was never scored. kDataLoss
  // ("store.badPredictions") when what is stored is damaged; entries without an account id
  // or a numeric probability are skipped.
  virtual Result<std::optional<PredictionSet>> LoadLatestPredictions(std::string_view target) = 0;
  // The trained model of `target` in predict's own format (predict/model_store.h: JSON with
  // the encoder and the model bytes), or nullopt when none was trained; Save replaces it.
  virtual Result<std::optional<std::string>> LoadModelDocument(std::string_view target) = 0;
  virtual Status SaveModelDocument(std::string_view target, std::string_view document) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_PREDICTION_STORE_H_

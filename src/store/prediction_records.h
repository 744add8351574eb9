// Plain records of the prediction store (see prediction_store.h): the latest scoring of a
// target, account by account, with the reasons predict/ gave for each probability.
#ifndef TEND_STORE_PREDICTION_RECORDS_H_
#define TEND_STORE_PREDICTION_RECORDS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace tend::store {

// One feature's push on a probability, and how predict/ says it to people.
struct PredictionReason {
  std::string column;
  double contribution = 0;
  std::string text;
};

struct PredictedAccount {
  std::string account_id;
  double probability = 0;
  std::vector<PredictionReason> reasons;  // strongest first
};

// One scoring of one target (churn | advocate), highest probability first.
struct PredictionSet {
  std::string target;
  std::string as_of;             // the day scored, YYYY-MM-DD
  std::string scored_at;         // when, as common/time.h FormatTime writes it
  std::string model_trained_at;  // the model's training time, as stored with the model
  int horizon_days = 0;
  int64_t exact_reasons = 0;  // the first this many accounts have exact (SHAP) reasons
  std::vector<PredictedAccount> accounts;
};

}  // namespace tend::store

#endif  // TEND_STORE_PREDICTION_RECORDS_H_

// The text form of a PredictionSet, as every store keeps it (workspace_meta
// "predictions.<target>") and as `tend predict score --format json` prints it:
//
//   {"target", "as_of", "scored_at", "model_trained_at", "horizon_days", "exact_reasons",
//    "accounts": [{"account_id", "probability", "reasons": [{"column", "contribution",
//    "text"}]}]}
//
// in that key order. Decoding fails with kDataLoss ("store.badPredictions") when the text is
// not a JSON object with an "accounts" array; accounts without a string "account_id" or a
// numeric "probability" are skipped, missing fields are left at their defaults.
#ifndef TEND_STORE_PREDICTION_DOCUMENT_H_
#define TEND_STORE_PREDICTION_DOCUMENT_H_

#include <string>
#include <string_view>

#include "common/result.h"
#include "store/prediction_records.h"

namespace tend::store {

std::string EncodePredictions(const PredictionSet& set);
Result<PredictionSet> DecodePredictions(std::string_view text);

}  // namespace tend::store

#endif  // TEND_STORE_PREDICTION_DOCUMENT_H_

// Models and predictions kept in the workspace, through the PredictionStore
// (store/prediction_store.h): the model as a document only predict/ reads, the latest scoring
// as a typed store::PredictionSet.
//
//   model document        JSON: format version, target, horizon, trained_at, as_of, snapshots,
//                         feature names, the encoder, cross-validated metrics and the XGBoost
//                         model (UBJSON, base64) under "xgboost_ubj_base64"
//   latest predictions    store::PredictionSet: as_of, model trained_at, one {account_id,
//                         probability, reasons} per scored account
//
// Failures (Status): kNotFound "predict.noModel" when no model was trained for the target;
// kDataLoss "predict.badModel" when the stored JSON is damaged; store errors as they come.
#ifndef TEND_PREDICT_MODEL_STORE_H_
#define TEND_PREDICT_MODEL_STORE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "predict/feature_encoder.h"
#include "predict/workspace_features.h"
#include "store/prediction_store.h"

namespace tend::predict {

inline constexpr int kModelFormatVersion = 1;

struct StoredModel {
  nlohmann::ordered_json info;  // everything but the encoder and the model bytes
  FeatureEncoder encoder;
  std::string xgboost_bytes;
};

// Writes the model of `target`: `info` plus the encoder and the model bytes.
Status SaveModel(store::PredictionStore& store, Target target, const nlohmann::ordered_json& info,
                 const FeatureEncoder& encoder, std::string_view xgboost_bytes);
Result<StoredModel> LoadModel(store::PredictionStore& store, Target target);
// Replaces the latest scoring of predictions.target.
Status SavePredictions(store::PredictionStore& store, const store::PredictionSet& predictions);

std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tend::predict

#endif  // TEND_PREDICT_MODEL_STORE_H_

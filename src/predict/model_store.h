// Models and predictions kept in the workspace, through Store::SetMeta/GetMeta (the predict
// module has no tables of its own).
//
//   model.<target>        JSON: format version, target, horizon, trained_at, as_of, snapshots,
//                         feature names, the encoder, cross-validated metrics and the XGBoost
//                         model (UBJSON, base64) under "xgboost_ubj_base64"
//   predictions.<target>  JSON: as_of, model trained_at, one {account_id, probability,
//                         reasons} per scored account
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
#include "store/store.h"

namespace tend::predict {

inline constexpr int kModelFormatVersion = 1;

struct StoredModel {
  nlohmann::ordered_json info;  // everything but the encoder and the model bytes
  FeatureEncoder encoder;
  std::string xgboost_bytes;
};

// Writes model.<target>: `info` plus the encoder and the model bytes.
Status SaveModel(store::Store& store, Target target, const nlohmann::ordered_json& info,
                 const FeatureEncoder& encoder, std::string_view xgboost_bytes);
Result<StoredModel> LoadModel(store::Store& store, Target target);
Status SavePredictions(store::Store& store, Target target,
                       const nlohmann::ordered_json& predictions);

std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not base64.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace tend::predict

#endif  // TEND_PREDICT_MODEL_STORE_H_

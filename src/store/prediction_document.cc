#include "store/prediction_document.h"

#include <nlohmann/json.hpp>

#include "common/json_text.h"

namespace tend::store {

std::string EncodePredictions(const PredictionSet& set) {
  nlohmann::ordered_json j;
  j["target"] = set.target;
  j["as_of"] = set.as_of;
  j["scored_at"] = set.scored_at;
  j["model_trained_at"] = set.model_trained_at;
  j["horizon_days"] = set.horizon_days;
  j["exact_reasons"] = set.exact_reasons;
  nlohmann::ordered_json accounts = nlohmann::ordered_json::array();
  for (const PredictedAccount& a : set.accounts) {
    nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
    for (const PredictionReason& r : a.reasons) {
      reasons.push_back({{"column", r.column}, {"contribution", r.contribution}, {"text", r.text}});
    }
    accounts.push_back(
        {{"account_id", a.account_id}, {"probability", a.probability}, {"reasons", reasons}});
  }
  j["accounts"] = std::move(accounts);
  return DumpJson(j);
}

namespace {

std::string Text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<PredictionSet> DecodePredictions(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("accounts") || !j["accounts"].is_array()) {
    return DataLoss("store.badPredictions",
                    "stored predictions are damaged; run tend predict score again");
  }
  PredictionSet set;
  set.target = Text(j, "target");
  set.as_of = Text(j, "as_of");
  set.scored_at = Text(j, "scored_at");
  set.model_trained_at = Text(j, "model_trained_at");
  if (j.contains("horizon_days") && j["horizon_days"].is_number_integer()) {
    set.horizon_days = j["horizon_days"].get<int>();
  }
  if (j.contains("exact_reasons") && j["exact_reasons"].is_number_integer()) {
    set.exact_reasons = j["exact_reasons"].get<int64_t>();
  }
  for (const auto& a : j["accounts"]) {
    if (!a.is_object() || !a.contains("account_id") || !a.contains("probability")) continue;
    if (!a["account_id"].is_string() || !a["probability"].is_number()) continue;
    PredictedAccount& p = set.accounts.emplace_back();
    p.account_id = a["account_id"].get<std::string>();
    p.probability = a["probability"].get<double>();
    if (!a.contains("reasons") || !a["reasons"].is_array()) continue;
    for (const auto& r : a["reasons"]) {
      if (!r.is_object()) continue;
      PredictionReason& reason = p.reasons.emplace_back();
      reason.column = Text(r, "column");
      if (r.contains("contribution") && r["contribution"].is_number()) {
        reason.contribution = r["contribution"].get<double>();
      }
      reason.text = Text(r, "text");
    }
  }
  return set;
}

}  // namespace tend::store

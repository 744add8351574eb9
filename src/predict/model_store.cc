#include "predict/model_store.h"

#include "common/json_text.h"

namespace tend::predict {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const uint32_t v =
        (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int s : {18, 12, 6, 0}) out += kAlphabet[(v >> s) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= uint8_t(bytes[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    uint32_t v = 0;
    int pad = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = text[i + k];
      if (c == '=' && i + 4 == text.size() && k >= 2) {
        ++pad;
        v <<= 6;
        continue;
      }
      const int d = value(c);
      if (d < 0 || pad) return std::nullopt;
      v = (v << 6) | static_cast<uint32_t>(d);
    }
    out += static_cast<char>((v >> 16) & 255);
    if (pad < 2) out += static_cast<char>((v >> 8) & 255);
    if (pad < 1) out += static_cast<char>(v & 255);
  }
  return out;
}

Status SaveModel(store::PredictionStore& store, Target target, const nlohmann::ordered_json& info,
                 const FeatureEncoder& encoder, std::string_view xgboost_bytes) {
  nlohmann::ordered_json j = info;
  j["encoder"] = encoder.ToJson();
  j["xgboost_ubj_base64"] = Base64Encode(xgboost_bytes);
  return store.SaveModelDocument(TargetName(target), DumpJson(j));
}

Result<StoredModel> LoadModel(store::PredictionStore& store, Target target) {
  TEND_ASSIGN_OR_RETURN(auto text, store.LoadModelDocument(TargetName(target)));
  if (!text) {
    return NotFound("predict.noModel",
                    "no " + std::string(TargetName(target)) +
                        " model in the workspace; run `tend predict train --target " +
                        std::string(TargetName(target)) + "` first");
  }
  StoredModel out;
  try {
    out.info = nlohmann::ordered_json::parse(*text);
    if (out.info.at("format_version").get<int>() > kModelFormatVersion) {
      return FailedPrecondition("predict.newerModel",
                                "the stored " + std::string(TargetName(target)) +
                                    " model is from a newer tend; train it again");
    }
    TEND_ASSIGN_OR_RETURN(
        out.encoder,
        FeatureEncoder::FromJson(nlohmann::json::parse(DumpJson(out.info.at("encoder")))));
    auto bytes = Base64Decode(out.info.at("xgboost_ubj_base64").get<std::string>());
    if (!bytes) return DataLoss("predict.badModel", "the stored model's bytes are not base64");
    out.xgboost_bytes = std::move(*bytes);
  } catch (const nlohmann::json::exception& e) {
    return DataLoss("predict.badModel", std::string("the stored model is damaged: ") + e.what());
  }
  out.info.erase("encoder");
  out.info.erase("xgboost_ubj_base64");
  return out;
}

Status SavePredictions(store::PredictionStore& store, const store::PredictionSet& predictions) {
  return store.SaveLatestPredictions(predictions);
}

}  // namespace tend::predict

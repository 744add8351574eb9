#include "api/json/common_json.h"

#include "common/cell.h"

namespace tend::api::json {

nlohmann::json CellJson(const Column* c, size_t row) {
  return c ? tend::CellJson(*c, row) : nlohmann::json(nullptr);
}

nlohmann::json OptJson(std::optional<double> v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json DateJson(const std::optional<EpochDay>& d) {
  return d ? nlohmann::json(FormatDate(*d)) : nlohmann::json(nullptr);
}

nlohmann::json TimeJson(const std::optional<EpochMs>& t) {
  return t ? nlohmann::json(FormatTime(*t)) : nlohmann::json(nullptr);
}

}  // namespace tend::api::json

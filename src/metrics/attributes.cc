#include "metrics/attributes.h"

namespace tend::metrics {

void AttributeValue(std::string_view name, const WorkspaceData& data, size_t i, EpochDay d,
                    Column* out, size_t row) {
  const store::AccountRecord& a = data.account(i);
  auto text = [&](const std::string& v) {
    if (v.empty())
      out->SetNull(row);
    else
      out->SetText(row, v);
  };
  auto date = [&](const std::optional<EpochDay>& v) {
    if (v)
      out->SetNum(row, *v);
    else
      out->SetNull(row);
  };
  if (name == "account_id") return text(a.account_id);
  if (name == "name") return text(a.name);
  if (name == "industry") return text(a.industry);
  if (name == "segment") return text(a.segment);
  if (name == "region") return text(a.region);
  if (name == "csm") return text(a.csm);
  if (name == "status") return text(a.status);
  if (name == "arr") {
    if (a.arr)
      out->SetNum(row, *a.arr);
    else
      out->SetNull(row);
    return;
  }
  if (name == "start_date") return date(a.start_date);
  if (name == "renewal_date") return date(a.renewal_date);
  if (name == "churned_on") return date(a.churned_on);
  if (name == "tenure_days") {
    if (a.start_date)
      out->SetNum(row, d - *a.start_date);
    else
      out->SetNull(row);
    return;
  }
  if (name == "days_to_renewal") {
    if (a.renewal_date)
      out->SetNum(row, *a.renewal_date - d);
    else
      out->SetNull(row);
    return;
  }
  if (name == "churn_risk" || name == "advocate_propensity") {
    auto p = data.Prediction(name == "churn_risk" ? 0 : 1, i);
    if (p)
      out->SetNum(row, *p);
    else
      out->SetNull(row);
    return;
  }
  if (name == "active_advocates") {
    out->SetNum(row, data.advocacy(i).active);
    return;
  }
  if (name == "days_since_champion_left" || name == "days_since_champion_arrived") {
    if (auto day = data.ChampionMove(i, name == "days_since_champion_left", d))
      out->SetNum(row, d - *day);
    else
      out->SetNull(row);
    return;
  }
  if (name == "open_blocker_requests") {
    out->SetNum(row, data.open_blocker_requests(i));
    return;
  }
  if (name == "advocacy_tier") {
    return text(std::string(WorkspaceData::AdvocacyTierName(data.advocacy(i).tier)));
  }
  for (const store::AttributeValue& v : a.attributes) {
    if (v.name != name) continue;
    if (out->type == ValueType::kText) {
      if (v.text)
        out->SetText(row, *v.text);
      else
        out->SetNull(row);
    } else {
      if (v.num)
        out->SetNum(row, *v.num);
      else
        out->SetNull(row);
    }
    return;
  }
  out->SetNull(row);
}

}  // namespace tend::metrics

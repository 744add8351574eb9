#include "metrics/attributes.h"

namespace tend::metrics {

namespace {

// The revenue names (definitions/attributes.h); false when `name` is not one of them, or
// (days_to_renewal) the account has no subscriptions and its renewal_date column counts.
bool RevenueValue(std::string_view name, const revenue::AccountRevenue& rev, EpochDay d,
                  Column* out, size_t row) {
  auto num = [&](const std::optional<double>& v) {
    if (v)
      out->SetNum(row, *v);
    else
      out->SetNull(row);
    return true;
  };
  if (name == "arr") return num(rev.Arr(d));
  if (name == "arr_change_90d") return num(rev.ArrChange90d(d));
  if (name == "seats_purchased") return num(rev.SeatsPurchased(d));
  if (name == "expansion_arr_365d") return num(rev.ExpansionArr365d(d));
  if (name == "contraction_arr_365d") return num(rev.ContractionArr365d(d));
  if (name == "days_to_renewal" && rev.arr().derived()) {
    auto next = rev.arr().NextEnd(d);
    return num(next ? std::optional<double>(*next - d) : std::nullopt);
  }
  if (name == "renewal_stage") {
    auto next = rev.NextRenewal(d);
    if (next)
      out->SetText(row, next->stage);
    else
      out->SetNull(row);
    return true;
  }
  return false;
}

}  // namespace

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
  auto num = [&](const std::optional<double>& v) {
    if (v)
      out->SetNum(row, *v);
    else
      out->SetNull(row);
  };
  if (RevenueValue(name, data.revenue(i), d, out, row)) return;
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
    return num(data.Prediction(name == "churn_risk" ? 0 : 1, i));
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

#include "revenue/renewals.h"

#include "revenue/checks.h"

namespace tend::revenue {

namespace {
constexpr std::string_view kStages[] = {"upcoming", "in_progress", "renewed", "churned",
                                        "downsell"};
constexpr std::string_view kForecasts[] = {"commit", "best_case", "at_risk"};

}  // namespace

bool IsRenewalStage(std::string_view s) { return InList(s, kStages); }
bool IsRenewalForecast(std::string_view s) { return InList(s, kForecasts); }

Renewal DeriveRenewal(const store::SubscriptionRecord& subscription,
                      std::span<const store::SubscriptionRecord> account_subscriptions,
                      const store::RenewalRecord* edit, std::string_view csm, EpochDay as_of) {
  Renewal r;
  r.subscription_id = subscription.subscription_id;
  r.account_id = subscription.account_id;
  r.product = subscription.product;
  r.renewal_date = subscription.end_date;
  r.arr = subscription.arr;
  r.owner = std::string(csm);
  r.arr_at_stake = subscription.arr;
  if (subscription.end_date > as_of) {
    r.stage = "upcoming";
    r.forecast = "best_case";
  } else {
    for (const auto& s : account_subscriptions) {
      if (s.subscription_id == subscription.subscription_id || s.product != subscription.product)
        continue;
      if (s.start_date >= subscription.end_date &&
          s.start_date <= subscription.end_date + kRenewalGraceDays && s.start_date <= as_of) {
        r.renewed_arr += s.arr;
      }
    }
    r.stage = r.renewed_arr <= 0               ? "churned"
              : r.renewed_arr < subscription.arr ? "downsell"
                                                 : "renewed";
    r.forecast = r.stage == "renewed" ? "commit" : "at_risk";
  }
  if (edit) {
    r.edited = true;
    if (!edit->stage.empty()) r.stage = edit->stage;
    if (!edit->owner.empty()) r.owner = edit->owner;
    if (!edit->forecast.empty()) r.forecast = edit->forecast;
    if (edit->arr_at_stake) r.arr_at_stake = *edit->arr_at_stake;
    r.notes = edit->notes;
  }
  return r;
}

Status ValidateRenewalEdit(const store::RenewalRecord& edit) {
  if (!edit.stage.empty() && !IsRenewalStage(edit.stage)) {
    return InvalidArgument("revenue.badRenewal",
                           "stage: \"" + edit.stage +
                               "\" is not one of upcoming|in_progress|renewed|churned|downsell");
  }
  if (!edit.forecast.empty() && !IsRenewalForecast(edit.forecast)) {
    return InvalidArgument("revenue.badRenewal", "forecast: \"" + edit.forecast +
                                                     "\" is not one of commit|best_case|at_risk");
  }
  if (edit.arr_at_stake && !(*edit.arr_at_stake >= 0)) {
    return InvalidArgument("revenue.badRenewal", "arr_at_stake: must be a number >= 0");
  }
  return Status::Ok();
}

}  // namespace tend::revenue

// tend revenue metrics|arr|renewals|renewal: the revenue domain (revenue/, docs/revenue.md).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/json/revenue_json.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "common/time.h"
#include "revenue/portfolio.h"
#include "revenue/renewals.h"
#include "revenue/retention.h"

namespace tend::cli {

namespace {

std::string Money(double v) { return Compact(v); }
std::string Ratio(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

void PrintFigures(const std::string& label, const revenue::RetentionFigures& f,
                  std::vector<std::vector<std::string>>* t) {
  t->push_back({label, Ratio(f.grr), Ratio(f.nrr), Ratio(f.logo_retention), Money(f.starting_arr),
                Money(f.new_arr), Money(f.expansion_arr), Money(f.contraction_arr),
                Money(f.churned_arr), Money(f.ending_arr)});
}

Result<EpochDay> DayOption(const std::string& flag, const std::string& v, EpochDay fallback) {
  if (v.empty()) return fallback;
  auto d = ParseDate(v);
  if (!d) {
    return InvalidArgument("cli.badDate",
                           flag + " \"" + v + "\" is not a date (expected YYYY-MM-DD)");
  }
  return *d;
}

}  // namespace

int RunRevenue(int argc, char** argv) {
  CLI::App app{"Revenue: retention figures, ARR history, renewals (docs/revenue.md).",
               "tend revenue"};
  app.require_subcommand(1);
  std::string db, as_of, from, to, by, format = "table", account, sub, stage, owner, forecast,
                                       notes, cohort;
  int window_days = revenue::kRetentionWindowDays, within = 90;
  std::optional<double> at_stake;
  AddDbOption(app, &db);
  auto* metrics = app.add_subcommand(
      "metrics", "GRR, NRR, logo retention and the ARR bridge over the window ending on a day");
  metrics->add_option("--as-of", as_of, "the as-of day D, YYYY-MM-DD (default: today)");
  metrics->add_option("--by", by, "one figure set per segment, csm, region or product")
      ->check(CLI::IsMember({"segment", "csm", "region", "product"}));
  metrics->add_option("--window-days", window_days, "window length (default 365)")
      ->check(CLI::Range(1, 3660));
  metrics->add_option("--cohort", cohort, "only accounts that started in this month, YYYY-MM");
  metrics->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  auto* arr = app.add_subcommand("arr", "ARR by day with the new/expansion/contraction/churn bridge");
  arr->add_option("--from", from, "first day, YYYY-MM-DD")->required();
  arr->add_option("--to", to, "last day, YYYY-MM-DD (default: today)");
  arr->add_option("--account", account, "one account (default: the portfolio)");
  arr->add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  auto* renewals = app.add_subcommand("renewals", "renewals due within some days of a day");
  renewals->add_option("--as-of", as_of, "the day, YYYY-MM-DD (default: today)");
  renewals->add_option("--within", within, "days ahead (default 90)")->check(CLI::Range(0, 3660));
  renewals->add_option("--format", format, "json or table")
      ->check(CLI::IsMember({"json", "table"}));
  auto* renewal = app.add_subcommand("renewal", "set a renewal's stage, owner, forecast, ARR at stake");
  renewal->add_option("subscription", sub, "subscription id")->required();
  renewal->add_option("--stage", stage, "upcoming|in_progress|renewed|churned|downsell");
  renewal->add_option("--owner", owner, "who owns it");
  renewal->add_option("--forecast", forecast, "commit|best_case|at_risk");
  renewal->add_option("--arr-at-stake", at_stake, "the ARR at stake");
  renewal->add_option("--notes", notes, "notes");
  for (auto* sub : app.get_subcommands({})) AddDbOption(*sub, &db);
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;

  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  const EpochDay today = DayOf(NowMs());

  if (renewal->parsed()) {
    store::RenewalRecord r{sub, stage, owner, forecast, at_stake, notes, NowMs()};
    if (Status v = revenue::ValidateRenewalEdit(r); !v.ok()) return Fail(v);
    auto subs = st.LoadSubscriptions();
    if (!subs.ok()) return Fail(subs.status());
    bool known = false;
    for (const auto& s : *subs) known = known || s.subscription_id == sub;
    if (!known) return Fail(NotFound("revenue.noSubscription", "no subscription " + sub));
    if (Status s = st.UpsertRenewal(r); !s.ok()) return Fail(s);
    std::printf("renewal of %s updated\n", sub.c_str());
    return 0;
  }

  auto portfolio = revenue::LoadPortfolio(st);
  if (!portfolio.ok()) return Fail(portfolio.status());

  if (metrics->parsed()) {
    auto day = DayOption("--as-of", as_of, today);
    if (!day.ok()) return Fail(day.status());
    if (!cohort.empty() && !revenue::IsMonth(cohort)) {
      return Fail(InvalidArgument("cli.badMonth",
                                  "--cohort \"" + cohort + "\" is not a month (expected YYYY-MM)"));
    }
    std::map<std::string, revenue::RetentionFigures> groups;
    if (by.empty()) {
      groups[""] = revenue::Retention(*portfolio, *day, window_days, cohort);
    } else {
      groups = revenue::RetentionBy(*portfolio, *day, *revenue::ParseGroupBy(by), window_days,
                                    cohort);
    }
    if (format == "json") {
      nlohmann::json j = by.empty() ? api::RetentionJson(groups[""]) : api::RetentionByJson(groups);
      std::printf("%s\n", DumpJson(j, 2).c_str());
      return 0;
    }
    std::vector<std::vector<std::string>> t = {{by.empty() ? "portfolio" : by, "grr", "nrr",
                                                "logo_retention", "starting_arr", "new_arr",
                                                "expansion_arr", "contraction_arr", "churned_arr",
                                                "ending_arr"}};
    for (const auto& [k, f] : groups) PrintFigures(by.empty() ? "all" : k, f, &t);
    std::printf("revenue from %s to %s (%d days)\n", FormatDate(*day - window_days).c_str(),
                FormatDate(*day).c_str(), window_days);
    PrintTable(t);
    return 0;
  }

  if (arr->parsed()) {
    auto first = DayOption("--from", from, today);
    auto last = DayOption("--to", to, today);
    if (!first.ok()) return Fail(first.status());
    if (!last.ok()) return Fail(last.status());
    if (*last < *first) return Fail(InvalidArgument("cli.badRange", "--to is before --from"));
    std::vector<size_t> only;
    if (!account.empty()) {
      for (size_t i = 0; i < portfolio->accounts().size(); ++i) {
        if (portfolio->accounts()[i].account.account_id == account) only.push_back(i);
      }
      if (only.empty()) return Fail(NotFound("revenue.noAccount", "no account " + account));
    }
    auto days = portfolio->History(*first, *last, account.empty() ? nullptr : &only);
    if (format == "json") {
      std::printf("%s\n", DumpJson(api::ArrHistoryJson(days), 2).c_str());
      return 0;
    }
    std::vector<std::vector<std::string>> t = {
        {"day", "arr", "new", "expansion", "contraction", "churn"}};
    for (const auto& d : days) {
      t.push_back({FormatDate(d.day), Money(d.arr), Money(d.bridge.new_arr),
                   Money(d.bridge.expansion), Money(d.bridge.contraction), Money(d.bridge.churn)});
    }
    PrintTable(t);
    return 0;
  }

  auto day = DayOption("--as-of", as_of, today);
  if (!day.ok()) return Fail(day.status());
  std::vector<revenue::Renewal> due;
  for (const auto& pa : portfolio->accounts()) {
    for (auto& r : pa.revenue.Renewals(*day)) {
      if (r.renewal_date >= *day && r.renewal_date <= *day + within) due.push_back(std::move(r));
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
    return a.renewal_date < b.renewal_date;
  });
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : due) out.push_back(api::RenewalJson(r));
    std::printf("%s\n", DumpJson(out, 2).c_str());
    return 0;
  }
  std::vector<std::vector<std::string>> t = {
      {"renewal_date", "account", "subscription", "product", "stage", "forecast", "owner",
       "arr_at_stake"}};
  for (const auto& r : due) {
    t.push_back({FormatDate(r.renewal_date), r.account_id, r.subscription_id, r.product, r.stage,
                 r.forecast, r.owner, Money(r.arr_at_stake)});
  }
  PrintTable(t);
  return 0;
}

}  // namespace tend::cli

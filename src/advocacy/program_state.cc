#include "advocacy/program_state.h"

#include <map>
#include <set>

namespace tend::advocacy {

Result<ProgramState> LoadProgramState(store::Store& store) {
  ProgramState s;
  TEND_ASSIGN_OR_RETURN(s.settings, LoadSettings(store));
  TEND_ASSIGN_OR_RETURN(s.advocates, store.ListAdvocates());
  TEND_ASSIGN_OR_RETURN(s.ledger, store.ListLedger(""));
  TEND_ASSIGN_OR_RETURN(s.requests, store.ListReferenceRequests());
  TEND_ASSIGN_OR_RETURN(s.facts, LoadProgramFacts(store));
  s.asks = s.facts.asks;
  return s;
}

Balance AdvocateBalance(const ProgramState& state, const std::string& contact_id, EpochMs now) {
  return BalanceOf(contact_id, state.asks, state.ledger, state.facts.activities, now);
}

Burnout ComputeBurnout(const ProgramState& state, EpochMs now) {
  Burnout b;
  const EpochDay q = QuarterStart(DayOf(now));
  std::map<std::string, int> asks_q;
  for (const auto& a : state.asks) {
    if (DayOf(a.asked_at) >= q) ++asks_q[a.contact_id];
  }
  int asks_of_active = 0;
  for (const auto& a : state.advocates) {
    if (a.status != "active") continue;
    ++b.active;
    const int n = asks_q.count(a.contact_id) ? asks_q[a.contact_id] : 0;
    asks_of_active += n;
    const TierInfo* t = state.settings.Tier(a.tier);
    if (t && n >= t->quarterly_cap && n > 0) ++b.over_cap;
    if (AdvocateBalance(state, a.contact_id, now).warning) ++b.extraction_warnings;
  }
  if (b.active > 0) b.asks_per_advocate = static_cast<double>(asks_of_active) / b.active;
  int answered = 0, declined = 0;
  const EpochMs from = now - 90 * kMsPerDay;
  for (const auto& a : state.asks) {
    if (!a.answered_at || *a.answered_at <= from) continue;
    ++answered;
    declined += a.status == "declined";
  }
  if (answered > 0) b.decline_rate = static_cast<double>(declined) / answered;
  return b;
}

nlohmann::json ProgramDashboardJson(const ProgramState& state, EpochDay as_of, EpochMs now) {
  auto opt = [](const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  const ProgramMetrics m = ComputeProgramMetrics(state.facts, as_of);
  // The trend: the metrics at the end of each of the six months before as_of's month, and
  // as of as_of.
  nlohmann::json trend = nlohmann::json::array();
  const CivilDate c = CivilFromDays(as_of);
  for (int back = 6; back >= 0; --back) {
    EpochDay d = as_of;
    if (back > 0) {
      int y = c.year, mo = static_cast<int>(c.month) - back + 1;  // the month after the end
      while (mo <= 0) {
        mo += 12;
        --y;
      }
      d = DaysFromCivil(y, static_cast<unsigned>(mo), 1) - 1;
    }
    const ProgramMetrics p = ComputeProgramMetrics(state.facts, d);
    int asks = 0, accepted = 0;
    for (const auto& [type, x] : p.participation) {
      asks += x.asks;
      accepted += x.accepted;
    }
    trend.push_back({{"as_of", FormatDate(d)},
                     {"advocacy_nps", opt(p.advocacy_nps)},
                     {"advocate_renewal_rate", opt(p.advocate_renewal_rate)},
                     {"influenced_amount", p.influenced_amount},
                     {"influenced_deals", p.influenced_deals},
                     {"participation", asks ? nlohmann::json(double(accepted) / asks) : nullptr}});
  }
  nlohmann::json tiers = nlohmann::json::array();
  std::map<std::string, int> funnel = {
      {"invited", 0}, {"active", 0}, {"paused", 0}, {"retired", 0}, {"dismissed", 0}};
  for (const auto& a : state.advocates) {
    if (a.status != "candidate") ++funnel[a.status];
  }
  for (const auto& t : state.settings.tiers) {
    int active = 0, invited = 0, paused = 0;
    for (const auto& a : state.advocates) {
      if (a.tier != t.tier) continue;
      active += a.status == "active";
      invited += a.status == "invited";
      paused += a.status == "paused";
    }
    nlohmann::json j = SettingsJson(Settings{0, 0, {t}})["tiers"][0];
    j["active"] = active;
    j["invited"] = invited;
    j["paused"] = paused;
    tiers.push_back(j);
  }
  std::map<std::string, int> requests = {{"requested", 0}, {"asked", 0},     {"accepted", 0},
                                         {"declined", 0},  {"completed", 0}, {"cancelled", 0}};
  for (const auto& r : state.requests) ++requests[r.status];
  const Burnout b = ComputeBurnout(state, now);
  return {{"as_of", FormatDate(as_of)},
          {"metrics", ProgramMetricsJson(m, /*details=*/true)},
          {"trend", trend},
          {"tiers", tiers},
          {"funnel", funnel},
          {"requests", requests},
          {"burnout",
           {{"asks_per_advocate", opt(b.asks_per_advocate)},
            {"decline_rate", opt(b.decline_rate)},
            {"over_cap", b.over_cap},
            {"extraction_warnings", b.extraction_warnings},
            {"active_advocates", b.active}}},
          {"settings", SettingsJson(state.settings)}};
}

}  // namespace tend::advocacy

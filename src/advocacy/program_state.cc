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

ProgramDashboard ComputeProgramDashboard(const ProgramState& state, EpochDay as_of, EpochMs now) {
  ProgramDashboard out;
  out.as_of = as_of;
  out.metrics = ComputeProgramMetrics(state.facts, as_of);
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
    ProgramDashboard::TrendPoint t;
    t.as_of = d;
    t.metrics = ComputeProgramMetrics(state.facts, d);
    int asks = 0, accepted = 0;
    for (const auto& [type, x] : t.metrics.participation) {
      asks += x.asks;
      accepted += x.accepted;
    }
    if (asks) t.participation = double(accepted) / asks;
    out.trend.push_back(std::move(t));
  }
  out.funnel = {{"invited", 0}, {"active", 0}, {"paused", 0}, {"retired", 0}, {"dismissed", 0}};
  for (const auto& a : state.advocates) {
    if (a.status != "candidate") ++out.funnel[a.status];
  }
  for (const auto& t : state.settings.tiers) {
    ProgramDashboard::TierCount n;
    n.tier = t;
    for (const auto& a : state.advocates) {
      if (a.tier != t.tier) continue;
      n.active += a.status == "active";
      n.invited += a.status == "invited";
      n.paused += a.status == "paused";
    }
    out.tiers.push_back(std::move(n));
  }
  out.requests = {{"requested", 0}, {"asked", 0},     {"accepted", 0},
                  {"declined", 0},  {"completed", 0}, {"cancelled", 0}};
  for (const auto& r : state.requests) ++out.requests[r.status];
  out.burnout = ComputeBurnout(state, now);
  out.settings = state.settings;
  return out;
}

}  // namespace tend::advocacy

#include "advocacy/program_metrics.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace tend::advocacy {

const std::array<std::string, 4>& AdvocacyActivities() {
  static const std::array<std::string, 4> kTypes = {"reference_call", "case_study", "speaking",
                                                    "advisory_board"};
  return kTypes;
}

bool IsAdvocacyActivity(std::string_view type) {
  const auto& t = AdvocacyActivities();
  return std::find(t.begin(), t.end(), type) != t.end();
}

Result<ProgramFacts> LoadProgramFacts(store::Store& store) {
  ProgramFacts f;
  TEND_ASSIGN_OR_RETURN(auto surveys, store.LoadSurveys());
  for (auto& s : surveys) {
    if (s.survey == "advocacy_nps") f.advocacy_nps.push_back(std::move(s));
  }
  const auto& types = AdvocacyActivities();
  TEND_ASSIGN_OR_RETURN(f.activities, store.LoadContactActivities({types.begin(), types.end()}));
  TEND_ASSIGN_OR_RETURN(f.deals, store.LoadDeals());
  TEND_ASSIGN_OR_RETURN(f.asks, store.ListAsks(""));
  return f;
}

ProgramMetrics ComputeProgramMetrics(const ProgramFacts& facts, EpochDay d) {
  ProgramMetrics m;
  m.as_of = d;
  const EpochDay w_lo = d - 364;
  auto in = [](EpochDay x, EpochDay lo, EpochDay hi) { return x >= lo && x <= hi; };

  // Advocacy NPS: each contact's latest response in W.
  std::unordered_map<std::string, std::pair<EpochMs, double>> latest;
  int anonymous = 0;
  for (const auto& s : facts.advocacy_nps) {
    if (!in(DayOf(s.ts), w_lo, d)) continue;
    std::string key =
        s.contact_id.empty() ? "#" + std::to_string(anonymous++) : "c:" + s.contact_id;
    auto [it, fresh] = latest.try_emplace(key, s.ts, s.score);
    if (!fresh &&
        (s.ts > it->second.first || (s.ts == it->second.first && s.score > it->second.second))) {
      it->second = {s.ts, s.score};
    }
  }
  for (const auto& [key, v] : latest) {
    ++m.nps_responses;
    if (v.second >= 9) ++m.promoters;
    if (v.second <= 6) ++m.detractors;
  }
  if (m.nps_responses > 0) {
    m.advocacy_nps = 100.0 * (m.promoters - m.detractors) / m.nps_responses;
  }

  // Participation over the 90 days ending with D.
  for (const auto& type : AdvocacyActivities()) m.participation[type];
  for (const auto& a : facts.asks) {
    if (!in(DayOf(a.asked_at), d - 89, d)) continue;
    Participation& p = m.participation[a.activity];
    ++p.asks;
    if (a.status == "accepted" || a.status == "completed") ++p.accepted;
  }
  for (auto& [type, p] : m.participation) {
    if (p.asks > 0) p.rate = static_cast<double>(p.accepted) / p.asks;
  }

  // Advocate renewal.
  std::unordered_set<std::string> before, during;
  for (const auto& a : facts.activities) {
    const EpochDay day = DayOf(a.ts);
    if (in(day, d - 729, d - 365)) before.insert(a.contact_id);
    if (in(day, w_lo, d)) during.insert(a.contact_id);
  }
  m.renewal_base = static_cast<int>(before.size());
  for (const auto& c : before) m.renewal_renewed += during.count(c) ? 1 : 0;
  if (m.renewal_base > 0) {
    m.advocate_renewal_rate = static_cast<double>(m.renewal_renewed) / m.renewal_base;
  }

  // Influence on new business.
  bool any_won = false;
  for (const auto& deal : facts.deals) {
    if (deal.stage != "won" || !deal.closed_at || !in(*deal.closed_at, w_lo, d)) continue;
    any_won = true;
    const double amount = deal.amount.value_or(0);
    m.won_amount += amount;
    if (!deal.reference_contact_id.empty()) {
      ++m.influenced_deals;
      m.influenced_amount += amount;
    }
  }
  if (any_won && m.won_amount > 0) m.influenced_share = m.influenced_amount / m.won_amount;
  return m;
}

}  // namespace tend::advocacy

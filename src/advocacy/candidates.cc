#include "advocacy/candidates.h"

#include <algorithm>

namespace tend::advocacy {

std::vector<Candidate> RankCandidates(const PeopleFacts& people, const Signals& signals,
                                      const std::vector<store::AdvocateRecord>& advocates,
                                      const Settings& settings, EpochDay today) {
  std::unordered_map<std::string, const store::AdvocateRecord*> program;
  for (const auto& a : advocates) program[a.contact_id] = &a;
  std::unordered_map<std::string, double> best;
  std::vector<Candidate> out;
  for (const auto& c : people.contacts) {
    const AccountSignals* acc = signals.Find(c.account_id);
    if (!acc || acc->account.status != "active") continue;
    Propensity p = ScoreContact(c, people, acc, signals.as_of());
    double& b = best[c.account_id];
    b = std::max(b, p.score);
    std::string status = "new";
    if (auto it = program.find(c.contact_id); it != program.end()) {
      const auto& a = *it->second;
      if (a.status != "candidate" || (a.snoozed_until && *a.snoozed_until > today)) continue;
      status = "candidate";
    }
    if (p.score < settings.min_score) continue;
    out.push_back({&c, std::move(p), 0, status});
  }
  for (auto& c : out) c.account_score = best[c.contact->account_id];
  std::sort(out.begin(), out.end(), [](const Candidate& x, const Candidate& y) {
    if (x.propensity.score != y.propensity.score) return x.propensity.score > y.propensity.score;
    if (x.account_score != y.account_score) return x.account_score > y.account_score;
    return x.contact->contact_id < y.contact->contact_id;
  });
  return out;
}

std::unordered_map<std::string, double> AccountPropensity(const PeopleFacts& people,
                                                          const Signals& signals) {
  std::unordered_map<std::string, double> best;
  for (const auto& c : people.contacts) {
    const AccountSignals* acc = signals.Find(c.account_id);
    if (!acc) continue;
    double& b = best[c.account_id];
    b = std::max(b, ScoreContact(c, people, acc, signals.as_of()).score);
  }
  return best;
}

}  // namespace tend::advocacy

#include "advocacy/queries.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "advocacy/candidates.h"

namespace tend::advocacy {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return s;
}

}  // namespace

std::vector<const store::AdvocateRecord*> ListAdvocates(const ProgramState& state,
                                                        const AdvocateFilter& f) {
  std::vector<const store::AdvocateRecord*> out;
  for (const auto& a : state.advocates) {
    if (a.status == "candidate" || a.status == "dismissed") continue;
    if (!f.tier.empty() && a.tier != f.tier) continue;
    if (!f.status.empty() && a.status != f.status) continue;
    out.push_back(&a);
  }
  return out;
}

Standing StandingOf(const ProgramState& state, const std::string& contact_id, EpochMs now) {
  return {LoadOf(state.asks, contact_id, now), AdvocateBalance(state, contact_id, now)};
}

AdvocateView ViewAdvocate(const ProgramState& state, const store::AdvocateRecord* advocate,
                          store::ContactRecord contact, const Signals& signals, EpochMs now) {
  AdvocateView v;
  v.advocate = advocate;
  v.account = signals.Find(contact.account_id);
  v.tier = advocate ? state.settings.Tier(advocate->tier) : nullptr;
  v.standing = StandingOf(state, contact.contact_id, now);
  v.contact = std::move(contact);
  return v;
}

std::vector<LedgerLine> AdvocateLedger(const ProgramState& state, const std::string& id) {
  std::vector<LedgerLine> out;
  for (const auto& e : state.ledger) {
    if (e.contact_id != id) continue;
    out.push_back({e.entry_id, e.ts, e.direction, e.kind, e.units, e.note, e.author, "ledger"});
  }
  for (const auto& act : state.facts.activities) {
    if (act.contact_id != id) continue;
    out.push_back({std::nullopt, act.ts, "gave", act.type, KindUnits(act.type), act.subject,
                   act.author, act.source == "system" ? "ask" : "timeline"});
  }
  std::sort(out.begin(), out.end(),
            [](const LedgerLine& x, const LedgerLine& y) { return x.ts > y.ts; });
  return out;
}

Result<AdvocateProfile> LoadAdvocateProfile(store::Store& store, const ProgramState& state,
                                            const Signals& signals,
                                            const store::ContactRecord& contact, EpochMs now) {
  const std::string& id = contact.contact_id;
  AdvocateProfile p;
  const store::AdvocateRecord* a = nullptr;
  for (const auto& x : state.advocates) {
    if (x.contact_id == id) a = &x;
  }
  p.view = ViewAdvocate(state, a, contact, signals, now);
  TEND_ASSIGN_OR_RETURN(auto people, LoadAccountPeople(store, contact.account_id));
  p.propensity = ScoreContact(contact, people, p.view.account, signals.as_of());
  p.ledger = AdvocateLedger(state, id);
  for (auto it = state.asks.rbegin(); it != state.asks.rend(); ++it) {
    if (it->contact_id == id) p.asks.push_back(*it);
  }
  TEND_ASSIGN_OR_RETURN(auto changes, store.ListContactChanges(false));
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    if (it->contact_id == id || it->previous_contact_id == id) p.milestones.push_back(*it);
  }
  TEND_ASSIGN_OR_RETURN(auto activities, store.ListActivities(contact.account_id));
  for (auto& act : activities) {
    if (act.contact_id == id && p.timeline.size() < 50) p.timeline.push_back(std::move(act));
  }
  return p;
}

std::vector<CandidateRow> CandidateQueue(const PeopleFacts& people, const Signals& signals,
                                         const std::vector<store::AdvocateRecord>& advocates,
                                         const Settings& settings, EpochDay today) {
  std::vector<CandidateRow> out;
  for (const auto& cand : RankCandidates(people, signals, advocates, settings, today)) {
    const auto* acc = signals.Find(cand.contact->account_id);
    CandidateRow r;
    r.contact_id = cand.contact->contact_id;
    r.name = cand.contact->name;
    r.title = cand.contact->title;
    r.seniority = cand.contact->seniority;
    r.role = cand.contact->role;
    r.account_id = cand.contact->account_id;
    if (acc) {
      r.account_name = acc->account.name;
      r.account_color = acc->color;
      r.csm = acc->account.csm;
    }
    r.score = cand.propensity.score;
    r.account_score = cand.account_score;
    r.status = cand.status;
    r.reasons = cand.propensity.reasons;
    out.push_back(std::move(r));
  }
  return out;
}

uint64_t CandidateQueueFingerprint(const Settings& settings,
                                   const std::vector<store::AdvocateRecord>& advocates,
                                   EpochDay today) {
  std::string key = std::to_string(settings.min_score) + "|" + std::to_string(today);
  for (const auto& a : advocates) {
    key += a.contact_id + ":" + a.status + ":" + std::to_string(a.updated_at) + ";";
  }
  return std::hash<std::string>{}(key);
}

CandidatePage SearchCandidates(const std::vector<CandidateRow>& queue, const std::string& q,
                               int offset, int limit) {
  const std::string needle = Lower(q);
  CandidatePage page;
  for (const auto& r : queue) {
    if (!needle.empty() && Lower(r.name).find(needle) == std::string::npos &&
        Lower(r.account_name).find(needle) == std::string::npos &&
        Lower(r.contact_id).find(needle) == std::string::npos) {
      continue;
    }
    ++page.total;
    if (page.total <= offset || static_cast<int>(page.rows.size()) >= limit) continue;
    page.rows.push_back(&r);
  }
  return page;
}

}  // namespace tend::advocacy

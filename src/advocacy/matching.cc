#include "advocacy/matching.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace tend::advocacy {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool SameText(std::string_view a, std::string_view b) { return !a.empty() && Lower(a) == Lower(b); }

}  // namespace

const Match* MatchResult::Find(const std::string& contact_id) const {
  for (const auto& m : matches) {
    if (m.advocate->contact_id == contact_id) return &m;
  }
  return nullptr;
}

std::string MatchResult::WhyExcluded(const std::string& contact_id) const {
  for (const auto& e : excluded) {
    if (e.advocate->contact_id == contact_id) return e.reason;
  }
  return "";
}

MatchResult MatchRequest(const store::ReferenceRequestRecord& r, const Settings& settings,
                         const std::vector<store::AdvocateRecord>& advocates,
                         const std::vector<store::AskRecord>& asks, const Signals& signals,
                         EpochMs now) {
  MatchResult out;
  const TierInfo* tier = settings.Tier("reference_network");
  const int cap = tier ? tier->quarterly_cap : 0;
  for (const auto& a : advocates) {
    if (a.tier != "reference_network" || a.status != "active" || !a.consent) continue;
    const AccountSignals* acc = signals.Find(a.account_id);
    const Load load = LoadOf(asks, a.contact_id, now);
    auto exclude = [&](std::string why) { out.excluded.push_back({&a, std::move(why)}); };
    if (!acc || acc->account.status != "active") {
      exclude("the account is not an active customer");
      continue;
    }
    if (load.asks_this_quarter >= cap) {
      exclude(fmt::format("at the quarterly cap ({} of {} asks this quarter)",
                          load.asks_this_quarter, cap));
      continue;
    }
    if (load.last_asked_at) {
      const int64_t days = (now - *load.last_asked_at) / kMsPerDay;
      if (days < settings.recency_days) {
        exclude(days == 0 ? fmt::format("asked today (minimum {} days between asks)",
                                        settings.recency_days)
                          : fmt::format("asked {} day{} ago (minimum {})", days,
                                        days == 1 ? "" : "s", settings.recency_days));
        continue;
      }
    }
    if (acc->color == "red") {
      exclude(fmt::format("account health is red ({:.0f})", acc->overall.value_or(0)));
      continue;
    }
    if (!acc->open_risk_cta.empty()) {
      exclude("open risk CTA: " + acc->open_risk_cta);
      continue;
    }
    Match m;
    m.advocate = &a;
    m.asks_this_quarter = load.asks_this_quarter;
    m.quarterly_cap = cap;
    m.last_asked_at = load.last_asked_at;
    const auto& rec = acc->account;
    if (SameText(r.industry, rec.industry)) {
      m.fit += 40;
      m.reasons.push_back("same industry (" + rec.industry + ")");
    }
    if (SameText(r.segment, rec.segment)) {
      m.fit += 25;
      m.reasons.push_back("same segment (" + rec.segment + ")");
    }
    if (SameText(r.region, rec.region)) {
      m.fit += 15;
      m.reasons.push_back("same region (" + rec.region + ")");
    }
    if (!r.product.empty()) {
      const std::string want = Lower(r.product);
      for (const auto& attr : rec.attributes) {
        if (attr.text && Lower(*attr.text).find(want) != std::string::npos) {
          m.fit += 10;
          m.reasons.push_back("uses " + *attr.text + " (" + attr.name + ")");
          break;
        }
      }
    }
    const double room = cap > 0 ? 1.0 - static_cast<double>(load.asks_this_quarter) / cap : 0;
    m.fit += 5 * room;
    m.reasons.push_back(
        fmt::format("{} of {} asks used this quarter", load.asks_this_quarter, cap));
    if (!load.last_asked_at) {
      m.fit += 3;
      m.reasons.push_back("never asked before");
    }
    if (acc->color == "green") {
      m.fit += 2;
      m.reasons.push_back(fmt::format("health green ({:.0f})", acc->overall.value_or(0)));
    }
    out.matches.push_back(std::move(m));
  }
  std::stable_sort(out.matches.begin(), out.matches.end(), [](const Match& x, const Match& y) {
    if (x.fit != y.fit) return x.fit > y.fit;
    return x.advocate->contact_id < y.advocate->contact_id;
  });
  return out;
}

Result<MatchResult> MatchStoredRequest(store::Store& store, const Settings& settings,
                                       int64_t request_id, const Signals& signals, EpochMs now,
                                       std::vector<store::AdvocateRecord>* advocates,
                                       std::vector<store::AskRecord>* asks) {
  TEND_ASSIGN_OR_RETURN(auto r, store.GetReferenceRequest(request_id));
  if (!r) return NotFound("advocacy.noRequest", fmt::format("no reference request {}", request_id));
  TEND_ASSIGN_OR_RETURN(*advocates, store.ListAdvocates());
  TEND_ASSIGN_OR_RETURN(*asks, store.ListAsks(""));
  return MatchRequest(*r, settings, *advocates, *asks, signals, now);
}

Status AskMatched(Program& program, store::Store& store, int64_t request_id,
                  const std::string& contact_id, const Signals& signals, const std::string& actor) {
  std::vector<store::AdvocateRecord> advocates;
  std::vector<store::AskRecord> asks;
  TEND_ASSIGN_OR_RETURN(auto m, MatchStoredRequest(store, program.settings(), request_id, signals,
                                                   NowMs(), &advocates, &asks));
  if (!m.Find(contact_id)) {
    std::string why = m.WhyExcluded(contact_id);
    return FailedPrecondition("advocacy.notMatched",
                              contact_id + " is not a match for request " +
                                  std::to_string(request_id) + ": " +
                                  (why.empty() ? "not an active, consenting member of the "
                                                 "reference network"
                                               : why));
  }
  return program.AskForRequest(request_id, contact_id, actor);
}

}  // namespace tend::advocacy

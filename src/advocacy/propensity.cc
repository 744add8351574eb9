#include "advocacy/propensity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tend::advocacy {

namespace {

// The activity types propensity counts.
const std::vector<std::string> kPeopleActivityTypes = {"community_post", "social_mention", "qbr",
                                                       "beta_response"};

void Index(PeopleFacts& p, std::vector<store::SurveyRecord> surveys,
           std::vector<store::ActivityRecord> activities) {
  for (auto& s : surveys) {
    if (s.survey == "nps") p.nps_by_account[s.account_id].push_back(s);
    if (!s.contact_id.empty()) p.surveys_by_contact[s.contact_id].push_back(std::move(s));
  }
  for (auto& a : activities) {
    if (!a.contact_id.empty()) p.activities_by_contact[a.contact_id].push_back(std::move(a));
  }
}

// The latest response of `kind` on or before D and within 365 days (ties: the higher score).
const store::SurveyRecord* Latest(const std::vector<store::SurveyRecord>* list,
                                  std::string_view kind, EpochDay d) {
  if (!list) return nullptr;
  const store::SurveyRecord* best = nullptr;
  for (const auto& s : *list) {
    const EpochDay day = DayOf(s.ts);
    if (s.survey != kind || day > d || day < d - 364) continue;
    if (!best || s.ts > best->ts || (s.ts == best->ts && s.score > best->score)) best = &s;
  }
  return best;
}

template <typename M>
const typename M::mapped_type* FindIn(const M& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : &it->second;
}

std::string Percent(double share) { return fmt::format("{:.0f}%", share * 100); }

}  // namespace

Result<PeopleFacts> LoadPeopleFacts(store::AccountStore& store) {
  PeopleFacts p;
  TEND_ASSIGN_OR_RETURN(p.contacts, store.LoadContacts());
  TEND_ASSIGN_OR_RETURN(auto surveys, store.LoadSurveys());
  TEND_ASSIGN_OR_RETURN(auto activities, store.LoadContactActivities(kPeopleActivityTypes));
  Index(p, std::move(surveys), std::move(activities));
  return p;
}

Result<PeopleFacts> LoadAccountPeople(store::AccountStore& store, const std::string& account_id) {
  PeopleFacts p;
  TEND_ASSIGN_OR_RETURN(p.contacts, store.ListContacts(account_id));
  TEND_ASSIGN_OR_RETURN(auto surveys, store.ListSurveys(account_id));
  TEND_ASSIGN_OR_RETURN(auto activities, store.ListActivities(account_id));
  Index(p, std::move(surveys), std::move(activities));
  return p;
}

Propensity ScoreContact(const store::ContactRecord& contact, const PeopleFacts& people,
                        const AccountSignals* account, EpochDay d) {
  Propensity out;
  out.contact_id = contact.contact_id;
  out.account_id = contact.account_id;
  auto add = [&](const char* signal, double points, std::string text) {
    if (points != 0) out.reasons.push_back({signal, points, std::move(text)});
  };
  const auto* surveys = FindIn(people.surveys_by_contact, contact.contact_id);

  // Product enthusiasm.
  if (const auto* nps = Latest(surveys, "nps", d)) {
    const int v = static_cast<int>(nps->score);
    if (v >= 9)
      add("nps", 20, fmt::format("NPS {} (promoter)", v));
    else if (v >= 7)
      add("nps", 5, fmt::format("NPS {} (passive)", v));
    else
      add("nps", -20, fmt::format("NPS {} (detractor)", v));
  } else if (const auto* nps =
                 Latest(FindIn(people.nps_by_account, contact.account_id), "nps", d)) {
    const int v = static_cast<int>(nps->score);
    if (v >= 9)
      add("nps", 10, fmt::format("account NPS {} (promoter)", v));
    else if (v <= 6)
      add("nps", -10, fmt::format("account NPS {} (detractor)", v));
  }
  if (const auto* a = Latest(surveys, "advocacy_nps", d); a && a->score >= 9) {
    add("advocacy_nps", 10, fmt::format("would recommend: advocacy NPS {}", a->score));
  }
  if (surveys) {
    int n = 0, low = 0, good = 0;
    double sum = 0;
    for (const auto& s : *surveys) {
      const EpochDay day = DayOf(s.ts);
      if (s.survey != "csat" || day > d || day < d - 364) continue;
      ++n;
      sum += s.score;
      good += s.score >= 4 ? 1 : 0;
      low += s.score <= 2 ? 1 : 0;
    }
    if (n >= 2 && good == n) {
      add("csat", 10,
          fmt::format("consistently positive CSAT ({} responses, average {:.1f})", n, sum / n));
    } else if (low > 0) {
      add("csat", -5, fmt::format("{} poor CSAT response{}", low, low > 1 ? "s" : ""));
    }
  }
  if (account && account->usage_percentile > 0) {
    const double pts = std::round(15 * account->usage_percentile);
    if (pts >= 1) {
      add("usage", pts,
          fmt::format("usage: {:.0f} features and {:.0f} active users in 30 days (top {})",
                      account->features_30d, account->users_30d,
                      Percent(1 - account->usage_percentile + 0.005)));
    }
  }
  int posts = 0, mentions = 0, qbrs = 0, betas = 0;
  if (const auto* acts = FindIn(people.activities_by_contact, contact.contact_id)) {
    for (const auto& a : *acts) {
      const EpochDay day = DayOf(a.ts);
      if (day > d || day < d - 364) continue;
      posts += a.type == "community_post";
      mentions += a.type == "social_mention";
      qbrs += a.type == "qbr";
      betas += a.type == "beta_response";
    }
  }
  if (posts + mentions > 0) {
    add("public", std::min(12, 4 * (posts + mentions)),
        fmt::format("public enthusiasm: {} community post{}, {} social mention{}", posts,
                    posts == 1 ? "" : "s", mentions, mentions == 1 ? "" : "s"));
  }

  // Relationship quality.
  if (account) {
    if (account->color == "green") {
      add("health", 10, fmt::format("health green ({:.0f})", account->overall.value_or(0)));
    } else if (account->color == "yellow") {
      add("health", -5, fmt::format("health yellow ({:.0f})", account->overall.value_or(0)));
    } else if (account->color == "red") {
      add("health", -25, fmt::format("health red ({:.0f})", account->overall.value_or(0)));
    }
    if (account->tenure_days > 365) {
      add("tenure", 8, fmt::format("customer for {:.1f} years", account->tenure_days / 365.0));
    } else if (account->tenure_days > 182) {
      add("tenure", 4, fmt::format("customer for {} months", account->tenure_days / 30));
    }
    if (account->churn_risk) {
      if (*account->churn_risk < 0.2) {
        add("churn_risk", 4, "low churn risk (" + Percent(*account->churn_risk) + ")");
      } else if (*account->churn_risk >= 0.5) {
        add("churn_risk", -15, "churn risk " + Percent(*account->churn_risk));
      }
    }
    if (!account->open_risk_cta.empty()) {
      add("risk_cta", -15, "open risk CTA: " + account->open_risk_cta);
    }
  }
  if (qbrs > 0)
    add("qbr", std::min(9, 3 * qbrs), fmt::format("attended {} QBR{}", qbrs, qbrs > 1 ? "s" : ""));
  if (betas > 0) {
    add("beta", std::min(9, 3 * betas),
        fmt::format("{} beta/research response{}", betas, betas > 1 ? "s" : ""));
  }
  const std::string& sen = contact.seniority;
  const int sen_pts = sen == "c_level"    ? 12
                      : sen == "vp"       ? 10
                      : sen == "director" ? 7
                      : sen == "manager"  ? 4
                                          : 0;
  if (sen_pts) {
    add("seniority", sen_pts,
        fmt::format("seniority: {}{}",
                    sen == "c_level" ? "C-level"
                    : sen == "vp"    ? "VP"
                                     : sen,
                    contact.title.empty() ? "" : " (" + contact.title + ")"));
  }
  if (contact.role == "champion") add("role", 5, "the account's champion");
  if (contact.role == "decision_maker") add("role", 3, "a decision maker");
  if (account) {
    const double pts = std::round(8 * account->arr_percentile);
    if (pts >= 1) {
      add("size", pts,
          fmt::format("account size: ARR {:.0f}k (top {})", account->account.arr.value_or(0) / 1000,
                      Percent(1 - account->arr_percentile + 0.005)));
    }
  }

  double sum = 0;
  for (const auto& r : out.reasons) sum += r.points;
  out.score = std::clamp(sum, 0.0, 100.0);
  std::stable_sort(out.reasons.begin(), out.reasons.end(), [](const Reason& a, const Reason& b) {
    return std::abs(a.points) > std::abs(b.points);
  });
  return out;
}

}  // namespace tend::advocacy

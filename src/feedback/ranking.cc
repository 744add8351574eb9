#include "feedback/ranking.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

namespace tend::feedback {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void Accumulate(RequestFigures& f) {
  for (AccountFigures& a : f.by_account) {
    double arr = a.account.arr;
    ++f.accounts;
    f.arr += arr;
    if (a.blocker) f.blocker_arr += arr;
    if (a.renewing) f.renewing_arr += arr;
    bool red_or_yellow = a.account.color == "red" || a.account.color == "yellow";
    if (a.account.color == "red") ++f.red;
    if (a.account.color == "yellow") ++f.yellow;
    a.at_risk = red_or_yellow || (a.renewing && a.blocker);
    if (a.at_risk) f.arr_at_risk += arr;
    ++f.segments[a.account.segment];
  }
}

}  // namespace

const std::vector<std::string>& FigureNames() {
  static const std::vector<std::string> kNames = {
      "items",        "accounts",    "contacts", "arr", "blocker_arr",
      "renewing_arr", "arr_at_risk", "red",      "yellow", "red_or_yellow"};
  return kNames;
}

double Figure(const RequestFigures& f, const std::string& name) {
  if (name == "items") return static_cast<double>(f.items);
  if (name == "accounts") return static_cast<double>(f.accounts);
  if (name == "contacts") return static_cast<double>(f.contacts);
  if (name == "arr") return f.arr;
  if (name == "blocker_arr") return f.blocker_arr;
  if (name == "renewing_arr") return f.renewing_arr;
  if (name == "arr_at_risk") return f.arr_at_risk;
  if (name == "red") return static_cast<double>(f.red);
  if (name == "yellow") return static_cast<double>(f.yellow);
  return static_cast<double>(f.red + f.yellow);  // red_or_yellow
}

Status CheckQuery(const RankQuery& q) {
  const auto& names = FigureNames();
  auto known = [&](const std::string& n) {
    return std::find(names.begin(), names.end(), n) != names.end();
  };
  if (!known(q.sort) && q.sort != "title" && q.sort != "request_id" && q.sort != "updated_at") {
    std::string list;
    for (const auto& n : names) list += n + ", ";
    return InvalidArgument("sort", "\"" + q.sort + "\" is not one of " + list +
                                       "title, request_id, updated_at");
  }
  for (const auto* bounds : {&q.min, &q.max}) {
    for (const auto& [name, v] : *bounds) {
      if (!known(name)) {
        return InvalidArgument((bounds == &q.min ? "min_" : "max_") + name,
                               "\"" + name + "\" is not a figure");
      }
    }
  }
  for (const auto& s : q.statuses) {
    bool ok = false;
    for (std::string_view x : store::kRequestStatuses) ok = ok || x == s;
    if (!ok) return InvalidArgument("status", "\"" + s + "\" is not a request status");
  }
  return Status::Ok();
}

RequestFigures ComputeFigures(const store::FeedbackRequestRecord& request,
                              const std::vector<store::FeedbackItemRecord>& items,
                              const std::map<std::string, AccountFacts>& accounts,
                              EpochDay today) {
  RequestFigures f;
  f.request = request;
  std::map<std::string, AccountFigures> by;
  std::set<std::string> contacts;
  for (const auto& it : items) {
    if (it.request_id != request.request_id) continue;
    ++f.items;
    auto acc = accounts.find(it.account_id);
    if (acc == accounts.end() || acc->second.status == "churned") continue;
    AccountFigures& a = by[it.account_id];
    if (a.items == 0) {
      a.account = acc->second;
      a.renewing = a.account.renewal_date && *a.account.renewal_date >= today &&
                   *a.account.renewal_date <= today + kRenewalHorizonDays;
    }
    ++a.items;
    if (it.importance == "blocker") a.blocker = true;
    if (!it.contact_id.empty()) {
      contacts.insert(it.contact_id);
      if (std::find(a.contacts.begin(), a.contacts.end(), it.contact_id) == a.contacts.end())
        a.contacts.push_back(it.contact_id);
    }
  }
  f.contacts = static_cast<int64_t>(contacts.size());
  for (auto& [id, a] : by) {
    std::sort(a.contacts.begin(), a.contacts.end());
    f.by_account.push_back(std::move(a));
  }
  std::stable_sort(f.by_account.begin(), f.by_account.end(),
                   [](const AccountFigures& x, const AccountFigures& y) {
                     return x.account.arr > y.account.arr;
                   });
  Accumulate(f);
  return f;
}

std::vector<RequestFigures> RankRequests(const std::vector<store::FeedbackRequestRecord>& requests,
                                         const std::vector<store::FeedbackItemRecord>& items,
                                         const std::map<std::string, AccountFacts>& accounts,
                                         EpochDay today, const RankQuery& q) {
  // Group the items once, so ranking is linear in items.
  std::unordered_map<int64_t, std::vector<store::FeedbackItemRecord>> by_request;
  for (const auto& it : items) {
    if (it.request_id) by_request[*it.request_id].push_back(it);
  }
  static const std::vector<store::FeedbackItemRecord> kNone;
  std::string words = Lower(q.q);
  std::vector<RequestFigures> out;
  for (const auto& r : requests) {
    if (r.merged_into && !q.include_merged) continue;
    if (!q.statuses.empty() &&
        std::find(q.statuses.begin(), q.statuses.end(), r.status) == q.statuses.end())
      continue;
    if (!q.product_area.empty() && Lower(r.product_area) != Lower(q.product_area)) continue;
    if (!words.empty() && Lower(r.title + "\n" + r.description).find(words) == std::string::npos)
      continue;
    auto found = by_request.find(r.request_id);
    RequestFigures f =
        ComputeFigures(r, found == by_request.end() ? kNone : found->second, accounts, today);
    if (!q.segment.empty() && !f.segments.contains(q.segment)) continue;
    bool keep = true;
    for (const auto& [name, v] : q.min) keep = keep && Figure(f, name) >= v;
    for (const auto& [name, v] : q.max) keep = keep && Figure(f, name) <= v;
    if (keep) out.push_back(std::move(f));
  }
  auto key_less = [&](const RequestFigures& a, const RequestFigures& b) {
    if (q.sort == "title") return Lower(a.request.title) < Lower(b.request.title);
    if (q.sort == "request_id") return a.request.request_id < b.request.request_id;
    if (q.sort == "updated_at") return a.request.updated_at < b.request.updated_at;
    return Figure(a, q.sort) < Figure(b, q.sort);
  };
  std::stable_sort(out.begin(), out.end(), [&](const RequestFigures& a, const RequestFigures& b) {
    if (key_less(a, b)) return !q.descending;
    if (key_less(b, a)) return q.descending;
    return a.request.request_id < b.request.request_id;
  });
  return out;
}

}  // namespace tend::feedback

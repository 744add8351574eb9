#include "scorecard/account_list.h"

#include <algorithm>
#include <cctype>

#include "common/cell.h"

namespace tend::scorecard {

namespace {

std::string MainScorecardOf(HealthSession& s) {
  auto sc = s.FindScorecard("");
  return sc.ok() ? (*sc)->name : "";
}

AccountListRow RowOf(HealthSession& s, const std::string& sc, size_t i) {
  const auto& e = s.engine();
  AccountListRow r;
  r.account = s.data().account(i);
  if (r.account.renewal_date) r.days_to_renewal = *r.account.renewal_date - e.as_of();
  r.churn_risk = s.data().Prediction(0, i);
  if (!sc.empty()) {
    r.overall = NumberAt(e.Find(sc + ".overall"), i);
    if (const Column* color = e.Find(sc + ".color"); color && !color->IsNull(i)) {
      r.color = color->text[i];
    }
    r.change_7d = NumberAt(e.Find(sc + ".overall_change_7d"), i);
    r.change_30d = NumberAt(e.Find(sc + ".overall_change_30d"), i);
  }
  return r;
}

bool Contains(const std::vector<std::string>& list, std::string_view v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

bool IsAccountSortKey(std::string_view key) {
  return std::find(std::begin(kAccountSortKeys), std::end(kAccountSortKeys), key) !=
         std::end(kAccountSortKeys);
}

std::string Lowercase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> LowercaseList(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= s.size() && !s.empty()) {
    size_t comma = s.find(',', at);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(Lowercase(s.substr(at, comma - at)));
    at = comma + 1;
  }
  return out;
}

AccountListRow AccountRowAt(HealthSession& s, size_t i) { return RowOf(s, MainScorecardOf(s), i); }

std::vector<uint32_t> BuildAccountOrder(HealthSession& s, const std::string& key,
                                        bool descending) {
  const auto& data = s.data();
  const std::string sc = MainScorecardOf(s);
  std::vector<uint32_t> order(data.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  if (key == "account_id") {
    if (descending) std::reverse(order.begin(), order.end());
    return order;
  }
  if (key == "name") {
    std::vector<std::string> names(data.size());
    for (size_t i = 0; i < names.size(); ++i) names[i] = Lowercase(data.account(i).name);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return descending ? names[b] < names[a] : names[a] < names[b];
    });
    return order;
  }
  // Numeric keys; NULLs last.
  std::vector<double> v(data.size());
  std::vector<char> has(data.size());
  const Column* col = nullptr;
  if (key == "overall") col = s.engine().Find(sc + ".overall");
  if (key == "change_7d") col = s.engine().Find(sc + ".overall_change_7d");
  for (size_t i = 0; i < v.size(); ++i) {
    std::optional<double> x;
    const auto& a = data.account(i);
    if (key == "arr") x = a.arr;
    if (key == "renewal_date" || key == "days_to_renewal") {
      if (a.renewal_date) x = *a.renewal_date;
    }
    if (key == "churn_risk") x = data.Prediction(0, i);
    if (col) x = NumberAt(col, i);
    has[i] = x.has_value();
    v[i] = x.value_or(0);
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (has[a] != has[b]) return has[a] > has[b];
    return descending ? v[b] < v[a] : v[a] < v[b];
  });
  return order;
}

std::vector<std::string> BuildNameIndex(HealthSession& s) {
  const auto& data = s.data();
  std::vector<std::string> names(data.size());
  for (size_t i = 0; i < data.size(); ++i) {
    names[i] = Lowercase(data.account(i).name) + "\n" + Lowercase(data.account(i).account_id);
  }
  return names;
}

AccountListPage ListAccounts(HealthSession& s, const AccountListQuery& query,
                             const std::vector<uint32_t>& order,
                             const std::vector<std::string>* names) {
  AccountListPage page;
  page.scorecard = MainScorecardOf(s);
  page.as_of = s.engine().as_of();
  const auto& data = s.data();
  const std::string& sc = page.scorecard;
  const Column* color_col = sc.empty() ? nullptr : s.engine().Find(sc + ".color");
  const EpochDay d = page.as_of;
  if (query.q.empty()) names = nullptr;
  auto matches = [&](size_t i) {
    const auto& a = data.account(i);
    if (query.status != "all" && a.status != query.status) return false;
    if (names && (*names)[i].find(query.q) == std::string::npos) return false;
    if (!query.colors.empty()) {
      std::string_view col =
          color_col && !color_col->IsNull(i) ? std::string_view(color_col->text[i]) : "none";
      if (!Contains(query.colors, col)) return false;
    }
    if (!query.segments.empty() && !Contains(query.segments, Lowercase(a.segment))) return false;
    if (!query.csms.empty() && !Contains(query.csms, Lowercase(a.csm))) return false;
    if (query.renewal_within_days) {
      if (!a.renewal_date) return false;
      int days = *a.renewal_date - d;
      if (days < 0 || days > *query.renewal_within_days) return false;
    }
    return true;
  };
  // The cursor is the last account of the previous page: resume after it.
  std::optional<size_t> cursor_idx;
  if (!query.cursor.empty()) cursor_idx = data.Index(query.cursor);
  bool started = !cursor_idx;
  bool more = false;
  const size_t n = order.size();
  for (size_t k = 0; k < n; ++k) {
    size_t i = order[k];
    if (!matches(i)) {
      if (!started && i == *cursor_idx) started = true;
      continue;
    }
    ++page.total;
    if (!started) {
      if (i == *cursor_idx) started = true;
      continue;
    }
    if (static_cast<int>(page.rows.size()) < query.limit) {
      page.rows.push_back(RowOf(s, sc, i));
    } else {
      more = true;
    }
  }
  if (more) page.next_cursor = page.rows.back().account.account_id;
  return page;
}

}  // namespace tend::scorecard

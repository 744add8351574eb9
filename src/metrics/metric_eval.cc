#include "metrics/metric_eval.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "definitions/activity_types.h"
#include "metrics/event_match.h"

namespace tend::metrics {

DayRange WindowRange(int window, int offset, EpochDay d) {
  EpochDay hi = d - offset;
  EpochDay lo = window > 0 ? hi - window + 1 : std::numeric_limits<EpochDay>::min() / 2;
  return {lo, hi};
}

CompiledMetric::CompiledMetric(const MetricDef& def, const WorkspaceData& data) : def_(def) {
  filter_events_ = !def.events.empty();
  ResolveEvents(data);
  if (def.types.empty()) {
    type_mask_ = ~0u;
  } else {
    for (const auto& t : def.types) {
      uint8_t k = definitions::ParseActivityType(t);
      if (k < 32) type_mask_ |= 1u << k;
    }
  }
  if (def.priorities.empty()) {
    priority_mask_ = 0xFF;
  } else {
    for (const auto& p : def.priorities) {
      uint8_t k = ParsePriority(p);
      if (k < 8) priority_mask_ |= static_cast<uint8_t>(1u << k);
    }
  }
  if (!def.statuses.empty()) {
    want_open_ = std::find(def.statuses.begin(), def.statuses.end(), "open") != def.statuses.end();
    want_closed_ =
        std::find(def.statuses.begin(), def.statuses.end(), "closed") != def.statuses.end();
  }
  survey_ = static_cast<uint8_t>(ParseSurveyType(def.survey));
  for (const auto& r : def.roles) {
    uint8_t k = ParseContactRole(r);
    if (k < 8) role_mask_ |= static_cast<uint8_t>(1u << k);
  }
}

void CompiledMetric::ResolveEvents(const WorkspaceData& data) const {
  // Event names the workspace had not seen yet may appear later (a new event arrives); the
  // dictionary only grows, so only the new names are looked at. event_ids_ holds the ids the
  // `events` filter matches; for distinct_features, event_ids_[id] is the id that `id`
  // counts as: the first name of its family (event_match.h), so all pages are one feature.
  const auto& names = data.event_names();
  if (resolved_names_ == names.size()) return;
  if (resolved_names_ == SIZE_MAX || resolved_names_ > names.size()) {
    resolved_names_ = 0;
    event_ids_.clear();
  }
  for (size_t id = resolved_names_; id < names.size(); ++id) {
    if (def_.kind == MetricKind::kDistinctFeatures) {
      uint32_t counted = static_cast<uint32_t>(id);
      const std::string_view family = EventFamily(names[id]);
      if (family != names[id] || IsEventFamily(names[id])) {
        for (size_t k = 0; k < id; ++k) {
          if (EventFamily(names[k]) == family) {
            counted = event_ids_[k];
            break;
          }
        }
      }
      event_ids_.push_back(counted);
      continue;
    }
    for (const auto& filter : def_.events) {
      if (EventMatches(filter, names[id])) {
        event_ids_.push_back(static_cast<uint32_t>(id));
        break;
      }
    }
  }
  resolved_names_ = names.size();
}

bool CompiledMetric::Matches(uint32_t event_id) const {
  return std::find(event_ids_.begin(), event_ids_.end(), event_id) != event_ids_.end();
}

namespace {
inline EpochMs DayStart(EpochDay d) { return static_cast<EpochMs>(d) * kMsPerDay; }
}  // namespace

// What a metric gathers from one or more accounts before it becomes a value: account scope
// gathers one account, workspace scope all of them, so both share one definition.
struct CompiledMetric::Acc {
  double count = 0;                  // sums (events, users, responses, tickets, activities)
  double sum = 0;                    // averages: the sum ...
  int n = 0;                         // ... and the number of values
  std::optional<EpochMs> best_ts;    // latest survey: its time ...
  double best = 0;                   // ... and score (ties in time: the higher)
  std::optional<EpochDay> last_day;  // days since: the latest day
  DayBits days;                      // active days
  std::vector<uint8_t> seen;         // distinct features: event ids seen
};

void CompiledMetric::Gather(const WorkspaceData& data, size_t i, EpochDay d, Acc& acc) const {
  DayRange r = WindowRange(def_.window, def_.offset, d);
  const UsageView& u = data.usage(i);
  auto latest = [&](std::optional<EpochDay> day) {
    if (day && (!acc.last_day || *day > *acc.last_day)) acc.last_day = day;
  };
  switch (def_.kind) {
    case MetricKind::kEventCount:
      if (!filter_events_) {
        acc.count += static_cast<double>(SeriesSum(u.totals(), r.lo, r.hi));
      } else {
        for (const FeatureEntry& f : u.features()) {
          if (Matches(f.event_id))
            acc.count += static_cast<double>(SeriesSum(u.feature_days(f), r.lo, r.hi));
        }
      }
      return;
    case MetricKind::kDistinctUsers:
      for (size_t k = 0; k < u.users(); ++k) acc.count += u.UserActive(k, r.lo, r.hi) ? 1 : 0;
      return;
    case MetricKind::kDistinctFeatures:
      if (acc.seen.size() < data.event_names().size())
        acc.seen.resize(data.event_names().size(), 0);
      for (const FeatureEntry& f : u.features()) {
        const uint32_t family = event_ids_[f.event_id];
        if (!acc.seen[family] && SeriesAny(u.feature_days(f), r.lo, r.hi)) acc.seen[family] = 1;
      }
      return;
    case MetricKind::kActiveDays:
      if (!filter_events_) {
        auto t = u.totals();
        for (auto it = std::lower_bound(t.begin(), t.end(), r.lo,
                                        [](const DayCount&x, EpochDay v) { return x.day < v; });
             it != t.end() && it->day <= r.hi; ++it) {
          acc.days.Set(it->day);
        }
      } else {
        for (const FeatureEntry& f : u.features()) {
          if (!Matches(f.event_id)) continue;
          for (const DayCount& e : u.feature_days(f)) {
            if (e.day >= r.lo && e.day <= r.hi) acc.days.Set(e.day);
          }
        }
      }
      return;
    case MetricKind::kDaysSinceLastEvent: {
      auto last = SeriesLastOnOrBefore(u.totals(), r.hi);
      if (last && *last >= r.lo) latest(last);
      return;
    }
    case MetricKind::kSurveyLatest:
    case MetricKind::kSurveyAverage:
    case MetricKind::kSurveyCount: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      for (const SurveyFact& s : data.surveys(i)) {
        if (static_cast<uint8_t>(s.survey) != survey_ || s.ts < lo || s.ts >= hi) continue;
        acc.count += 1;
        acc.sum += s.score;
        ++acc.n;
        if (!acc.best_ts || s.ts > *acc.best_ts || (s.ts == *acc.best_ts && s.score > acc.best)) {
          acc.best_ts = s.ts;
          acc.best = s.score;
        }
      }
      return;
    }
    case MetricKind::kTicketCount: {
      // Tickets opened in the window (before its end when there is none), counted by their
      // status at the end of the window: open when not closed by then.
      const EpochMs end = DayStart(r.hi + 1), lo = DayStart(r.lo);
      for (const TicketFact& t : data.tickets(i)) {
        if (t.priority < 8 ? !(priority_mask_ & (1u << t.priority)) : priority_mask_ != 0xFF)
          continue;
        if (t.opened_at && *t.opened_at >= end) continue;
        if (def_.window > 0 && (!t.opened_at || *t.opened_at < lo)) continue;
        bool open_then = t.open || (t.closed_at && *t.closed_at >= end);
        if (open_then ? want_open_ : want_closed_) acc.count += 1;
      }
      return;
    }
    case MetricKind::kTicketCsatAverage: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      for (const TicketFact& t : data.tickets(i)) {
        if (!t.csat) continue;
        EpochMs when = t.closed_at ? *t.closed_at : (t.opened_at ? *t.opened_at : 0);
        if (when < lo || when >= hi) continue;
        acc.sum += *t.csat;
        ++acc.n;
      }
      return;
    }
    case MetricKind::kActivityCount:
    case MetricKind::kDaysSinceActivity: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      for (const ActivityFact& a : data.activities(i)) {
        if (a.type >= 32 || !(type_mask_ & (1u << a.type)) || a.ts < lo || a.ts >= hi) continue;
        acc.count += 1;
        latest(DayOf(a.ts));
      }
      return;
    }
    case MetricKind::kContactCount:
      for (uint8_t role : data.contact_roles(i)) {
        if (def_.roles.empty() || (role < 8 && (role_mask_ & (1u << role)))) acc.count += 1;
      }
      return;
    case MetricKind::kExpression:
      return;
  }
}

std::optional<double> CompiledMetric::Finish(const Acc& acc, EpochDay d) const {
  switch (def_.kind) {
    case MetricKind::kEventCount:
    case MetricKind::kDistinctUsers:
    case MetricKind::kSurveyCount:
    case MetricKind::kTicketCount:
    case MetricKind::kActivityCount:
    case MetricKind::kContactCount:
      return acc.count;
    case MetricKind::kDistinctFeatures: {
      int n = 0;
      for (uint8_t s : acc.seen) n += s;
      return n;
    }
    case MetricKind::kActiveDays: {
      DayRange r = WindowRange(def_.window, def_.offset, d);
      return acc.days.Count(r.lo, r.hi);
    }
    case MetricKind::kDaysSinceLastEvent:
    case MetricKind::kDaysSinceActivity:
      if (!acc.last_day) return std::nullopt;
      return d - *acc.last_day;
    case MetricKind::kSurveyLatest:
      if (!acc.best_ts) return std::nullopt;
      return acc.best;
    case MetricKind::kSurveyAverage:
    case MetricKind::kTicketCsatAverage:
      if (acc.n == 0) return std::nullopt;
      return acc.sum / acc.n;
    case MetricKind::kExpression:
      break;
  }
  return std::nullopt;
}

std::optional<double> CompiledMetric::ComputeWorkspace(const WorkspaceData& data,
                                                       EpochDay d) const {
  ResolveEvents(data);
  Acc acc;
  for (size_t i = 0; i < data.size(); ++i) Gather(data, i, d, acc);
  return Finish(acc, d);
}

std::vector<uint8_t> CompiledMetric::WorkspaceFeatures(const WorkspaceData& data,
                                                       EpochDay d) const {
  ResolveEvents(data);
  Acc acc;
  acc.seen.assign(data.event_names().size(), 0);
  for (size_t i = 0; i < data.size(); ++i) Gather(data, i, d, acc);
  return acc.seen;
}

bool CompiledMetric::AddsFeature(const WorkspaceData& data, size_t i, EpochDay d,
                                 const std::vector<uint8_t>& present) const {
  DayRange r = WindowRange(def_.window, def_.offset, d);
  const UsageView& u = data.usage(i);
  ResolveEvents(data);
  for (const FeatureEntry& f : u.features()) {
    const uint32_t family = event_ids_[f.event_id];
    bool known = family < present.size() && present[family];
    if (!known && SeriesAny(u.feature_days(f), r.lo, r.hi)) return true;
  }
  return false;
}

std::optional<double> CompiledMetric::Compute(const WorkspaceData& data, size_t i,
                                              EpochDay d) const {
  if (def_.scope == MetricScope::kWorkspace) return ComputeWorkspace(data, d);
  ResolveEvents(data);
  Acc acc;
  Gather(data, i, d, acc);
  return Finish(acc, d);
}

Column CompiledMetric::ComputeAll(const WorkspaceData& data, EpochDay d) const {
  Column c(ValueType::kNumber, data.size());
  if (def_.scope == MetricScope::kWorkspace) {
    auto v = ComputeWorkspace(data, d);
    if (v) {
      for (size_t i = 0; i < data.size(); ++i) c.SetNum(i, *v);
    }
    return c;
  }
  ResolveEvents(data);
  for (size_t i = 0; i < data.size(); ++i) {
    Acc acc;
    Gather(data, i, d, acc);
    if (auto v = Finish(acc, d)) c.SetNum(i, *v);
  }
  return c;
}

}  // namespace tend::metrics

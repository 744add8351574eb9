#include "metrics/metric_eval.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace tend::metrics {

DayRange WindowRange(int window, int offset, EpochDay d) {
  EpochDay hi = d - offset;
  EpochDay lo = window > 0 ? hi - window + 1 : std::numeric_limits<EpochDay>::min() / 2;
  return {lo, hi};
}

CompiledMetric::CompiledMetric(const MetricDef& def, const WorkspaceData& data) : def_(def) {
  filter_events_ = !def.events.empty();
  for (const auto& name : def.events) {
    if (auto id = data.EventId(name)) event_ids_.push_back(*id);
  }
  if (def.types.empty()) {
    type_mask_ = ~0u;
  } else {
    for (const auto& t : def.types) {
      uint8_t k = ParseActivityType(t);
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
}

namespace {
inline EpochMs DayStart(EpochDay d) { return static_cast<EpochMs>(d) * kMsPerDay; }
}  // namespace

std::optional<double> CompiledMetric::ComputeWorkspace(const WorkspaceData& data, EpochDay d) const {
  DayRange r = WindowRange(def_.window, def_.offset, d);
  if (def_.kind == MetricKind::kDistinctFeatures) {
    std::vector<uint8_t> seen = WorkspaceFeatures(data, d);
    int n = 0;
    for (uint8_t s : seen) n += s;
    return n;
  }
  // Other workspace aggregates: the sum over accounts.
  MetricDef local = def_;
  local.scope = MetricScope::kAccount;
  CompiledMetric account_level(local, data);
  double sum = 0;
  for (size_t i = 0; i < data.size(); ++i) {
    if (auto v = account_level.Compute(data, i, d)) sum += *v;
  }
  return sum;
}

std::vector<uint8_t> CompiledMetric::WorkspaceFeatures(const WorkspaceData& data, EpochDay d) const {
  DayRange r = WindowRange(def_.window, def_.offset, d);
  std::vector<uint8_t> seen(data.event_names().size(), 0);
  for (size_t i = 0; i < data.size(); ++i) {
    const UsageView& u = data.usage(i);
    for (const FeatureEntry& f : u.features()) {
      if (!seen[f.event_id] && SeriesAny(u.feature_days(f), r.lo, r.hi)) seen[f.event_id] = 1;
    }
  }
  return seen;
}

bool CompiledMetric::AddsFeature(const WorkspaceData& data, size_t i, EpochDay d,
                                 const std::vector<uint8_t>& present) const {
  DayRange r = WindowRange(def_.window, def_.offset, d);
  const UsageView& u = data.usage(i);
  for (const FeatureEntry& f : u.features()) {
    bool known = f.event_id < present.size() && present[f.event_id];
    if (!known && SeriesAny(u.feature_days(f), r.lo, r.hi)) return true;
  }
  return false;
}

bool CompiledMetric::Matches(uint32_t event_id) const {
  return std::find(event_ids_.begin(), event_ids_.end(), event_id) != event_ids_.end();
}

std::optional<double> CompiledMetric::Compute(const WorkspaceData& data, size_t i,
                                              EpochDay d) const {
  if (def_.scope == MetricScope::kWorkspace) return ComputeWorkspace(data, d);
  DayRange r = WindowRange(def_.window, def_.offset, d);
  const UsageView& u = data.usage(i);
  switch (def_.kind) {
    case MetricKind::kEventCount: {
      if (!filter_events_) return static_cast<double>(SeriesSum(u.totals(), r.lo, r.hi));
      uint64_t n = 0;
      for (const FeatureEntry& f : u.features()) {
        if (Matches(f.event_id)) n += SeriesSum(u.feature_days(f), r.lo, r.hi);
      }
      return static_cast<double>(n);
    }
    case MetricKind::kDistinctUsers: {
      int n = 0;
      for (size_t k = 0; k < u.users(); ++k) n += u.UserActive(k, r.lo, r.hi) ? 1 : 0;
      return n;
    }
    case MetricKind::kDistinctFeatures: {
      int n = 0;
      for (const FeatureEntry& f : u.features()) n += SeriesAny(u.feature_days(f), r.lo, r.hi) ? 1 : 0;
      return n;
    }
    case MetricKind::kActiveDays: {
      if (!filter_events_) return SeriesDaysWithAny(u.totals(), r.lo, r.hi);
      DayBits days;
      for (const FeatureEntry& f : u.features()) {
        if (!Matches(f.event_id)) continue;
        for (const DayCount& e : u.feature_days(f)) {
          if (e.day >= r.lo && e.day <= r.hi) days.Set(e.day);
        }
      }
      return days.Count(r.lo, r.hi);
    }
    case MetricKind::kDaysSinceLastEvent: {
      auto last = SeriesLastOnOrBefore(u.totals(), r.hi);
      if (!last || *last < r.lo) return std::nullopt;
      return d - *last;
    }
    case MetricKind::kSurveyLatest:
    case MetricKind::kSurveyAverage:
    case MetricKind::kSurveyCount: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      std::optional<EpochMs> best_ts;
      double best = 0, sum = 0;
      int n = 0;
      for (const SurveyFact& s : data.surveys(i)) {
        if (static_cast<uint8_t>(s.survey) != survey_ || s.ts < lo || s.ts >= hi) continue;
        ++n;
        sum += s.score;
        if (!best_ts || s.ts > *best_ts || (s.ts == *best_ts && s.score > best)) {
          best_ts = s.ts;
          best = s.score;
        }
      }
      if (def_.kind == MetricKind::kSurveyCount) return n;
      if (n == 0) return std::nullopt;
      return def_.kind == MetricKind::kSurveyLatest ? best : sum / n;
    }
    case MetricKind::kTicketCount: {
      // Status is as of D: a ticket is open on D when it was opened before D ends and not
      // closed by then.
      const EpochMs end = DayStart(d + 1);
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      int n = 0;
      for (const TicketFact& t : data.tickets(i)) {
        if (t.priority < 8 ? !(priority_mask_ & (1u << t.priority)) : priority_mask_ != 0xFF) continue;
        if (t.opened_at && *t.opened_at >= end) continue;
        if (def_.window > 0 && (!t.opened_at || *t.opened_at < lo || *t.opened_at >= hi)) continue;
        bool open_on_d = t.open ? true : (t.closed_at && *t.closed_at >= end);
        if (open_on_d ? want_open_ : want_closed_) ++n;
      }
      return n;
    }
    case MetricKind::kTicketCsatAverage: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      double sum = 0;
      int n = 0;
      for (const TicketFact& t : data.tickets(i)) {
        if (!t.csat) continue;
        EpochMs when = t.closed_at ? *t.closed_at : (t.opened_at ? *t.opened_at : 0);
        if (when < lo || when >= hi) continue;
        sum += *t.csat;
        ++n;
      }
      if (n == 0) return std::nullopt;
      return sum / n;
    }
    case MetricKind::kActivityCount:
    case MetricKind::kDaysSinceActivity: {
      const EpochMs lo = DayStart(r.lo), hi = DayStart(r.hi + 1);
      int n = 0;
      std::optional<EpochMs> last;
      for (const ActivityFact& a : data.activities(i)) {
        if (a.type >= 32 || !(type_mask_ & (1u << a.type)) || a.ts < lo || a.ts >= hi) continue;
        ++n;
        if (!last || a.ts > *last) last = a.ts;
      }
      if (def_.kind == MetricKind::kActivityCount) return n;
      if (!last) return std::nullopt;
      return d - DayOf(*last);
    }
    case MetricKind::kExpression:
      break;
  }
  return std::nullopt;
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
  for (size_t i = 0; i < data.size(); ++i) {
    if (auto v = Compute(data, i, d)) c.SetNum(i, *v);
  }
  return c;
}

}  // namespace tend::metrics

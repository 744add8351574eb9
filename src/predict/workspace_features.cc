#include "predict/workspace_features.h"

#include <algorithm>
#include <cmath>

#include "definitions/activity_types.h"
#include "metrics/workspace_data.h"

namespace tend::predict {
namespace {

const char* const kAttributeFeatures[] = {"arr",     "tenure_days", "days_to_renewal",
                                          "segment", "region",      "industry"};

}  // namespace

std::optional<Target> ParseTarget(std::string_view s) {
  if (s == "churn") return Target::kChurn;
  if (s == "advocate") return Target::kAdvocate;
  return std::nullopt;
}

std::string_view TargetName(Target t) { return t == Target::kChurn ? "churn" : "advocate"; }

Result<std::unique_ptr<WorkspaceFeatures>> WorkspaceFeatures::Open(store::Store& store) {
  std::unique_ptr<WorkspaceFeatures> wf(new WorkspaceFeatures(store));
  TEND_ASSIGN_OR_RETURN(wf->session_, scorecard::HealthSession::Open(store));
  TEND_ASSIGN_OR_RETURN(wf->overrides_, store.LoadOverrides());
  const definitions::Definitions& defs = wf->session_->defs();
  for (const auto& m : defs.metrics) wf->feature_names_.push_back(m.name);
  for (const auto& sc : defs.scorecards) {
    for (const auto& m : sc.measures) {
      if (!m.manual) wf->feature_names_.push_back(sc.name + "." + m.name + ".value");
      wf->feature_names_.push_back(sc.name + "." + m.name);
    }
    wf->feature_names_.push_back(sc.name + ".overall");
  }
  for (const char* a : kAttributeFeatures) wf->feature_names_.push_back(a);
  const metrics::WorkspaceData& data = wf->session_->data();
  for (size_t i = 0; i < data.size(); ++i) {
    auto totals = data.usage(i).totals();
    if (totals.empty()) continue;
    const EpochDay first = totals.front().day, last = totals.back().day;
    if (!wf->first_event_day_ || first < *wf->first_event_day_) wf->first_event_day_ = first;
    if (!wf->last_event_day_ || last > *wf->last_event_day_) wf->last_event_day_ = last;
  }
  for (const char* t : {"reference_call", "case_study", "speaking", "advisory_board"}) {
    wf->advocacy_types_.push_back(definitions::ParseActivityType(t));
  }
  return wf;
}

EpochDay WorkspaceFeatures::DefaultAsOf() const {
  return last_event_day_ ? *last_event_day_ : DayOf(NowMs());
}

std::vector<EpochDay> WorkspaceFeatures::Snapshots(EpochDay cutoff, int horizon_days,
                                                   int step_days) const {
  std::vector<EpochDay> days;
  const EpochDay earliest = first_event_day_ ? *first_event_day_ : cutoff - horizon_days;
  for (EpochDay t = cutoff - horizon_days; t >= earliest; t -= step_days) days.push_back(t);
  std::reverse(days.begin(), days.end());
  return days;
}

bool WorkspaceFeatures::ActiveAt(size_t i, EpochDay t) const {
  const store::AccountRecord& a = session_->data().account(i);
  if (a.start_date && *a.start_date > t) return false;
  if (a.churned_on) return *a.churned_on > t;
  return a.status != "churned";
}

float WorkspaceFeatures::Label(Target target, size_t i, EpochDay t, int horizon_days) const {
  const metrics::WorkspaceData& data = session_->data();
  if (target == Target::kChurn) {
    const auto& churned_on = data.account(i).churned_on;
    return churned_on && *churned_on > t && *churned_on <= t + horizon_days ? 1.0f : 0.0f;
  }
  for (const metrics::ActivityFact& a : data.activities(i)) {
    const EpochDay d = DayOf(a.ts);
    if (d > t && d <= t + horizon_days &&
        std::find(advocacy_types_.begin(), advocacy_types_.end(), a.type) !=
            advocacy_types_.end()) {
      return 1.0f;
    }
  }
  return 0.0f;
}

void WorkspaceFeatures::AppendSnapshot(EpochDay t, SnapshotRows* out) {
  // Only what was known by the end of T: overrides set later are left out.
  const EpochMs end_of_t = static_cast<EpochMs>(t + 1) * kMsPerDay - 1;
  std::vector<store::OverrideRecord> known;
  for (const auto& o : overrides_) {
    if (o.created_at <= end_of_t) known.push_back(o);
  }
  scorecard::HealthEngine& engine = session_->engine();
  engine.SetOverrides(known);
  engine.Refresh(t);
  const metrics::WorkspaceData& data = session_->data();
  std::vector<size_t> rows;
  for (size_t i = 0; i < data.size(); ++i) {
    if (ActiveAt(i, t)) rows.push_back(i);
  }
  if (out->frame.columns.empty()) {
    for (const std::string& name : feature_names_) {
      const Column* c = engine.Get(name);
      if (!c || c->type == ValueType::kNull) continue;
      FrameColumn col;
      col.name = name;
      col.kind = c->type == ValueType::kText ? FeatureKind::kCategorical : FeatureKind::kNumeric;
      out->frame.columns.push_back(std::move(col));
    }
  }
  for (FrameColumn& col : out->frame.columns) {
    const Column* c = engine.Get(col.name);
    for (size_t i : rows) {
      if (col.kind == FeatureKind::kCategorical) {
        col.cat.push_back(c && c->type == ValueType::kText && !c->IsNull(i) ? c->text[i] : "");
        continue;
      }
      double v = kMissing;
      if (c && c->type != ValueType::kText && !c->IsNull(i) && std::isfinite(c->num[i])) {
        v = c->type == ValueType::kDate ? static_cast<double>(t) - c->num[i] : c->num[i];
      }
      col.num.push_back(v);
    }
  }
  for (size_t i : rows) {
    out->account_ids.push_back(data.account(i).account_id);
    out->days.push_back(t);
  }
  out->frame.rows += rows.size();
}

SnapshotRows WorkspaceFeatures::FeaturesAt(EpochDay t) {
  SnapshotRows out;
  AppendSnapshot(t, &out);
  return out;
}

SnapshotRows WorkspaceFeatures::Build(Target target, const std::vector<EpochDay>& days,
                                      int horizon_days) {
  SnapshotRows out;
  for (EpochDay t : days) {
    const size_t before = out.account_ids.size();
    AppendSnapshot(t, &out);
    for (size_t r = before; r < out.account_ids.size(); ++r) {
      const size_t i = *session_->data().Index(out.account_ids[r]);
      out.labels.push_back(Label(target, i, t, horizon_days));
    }
  }
  return out;
}

}  // namespace tend::predict

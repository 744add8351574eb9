// WorkspaceFeatures: point-in-time training sets from a workspace, for churn and advocacy.
//
// A snapshot day T gives one row per account active at T (start_date <= T, and churned_on
// empty or after T; an account marked churned without a date is left out). Its features are
// the values as of T of every metric, every scorecard measure's value and score and each
// scorecard's overall (HealthEngine::Refresh(T): every window ends at T, so nothing after T
// is read; overrides are the ones set by the end of T), plus the attributes arr, tenure_days,
// days_to_renewal, segment, region and industry. Never status or churned_on (they would leak
// the label). Date-valued metrics become "days before T".
//
// Labels over a horizon H: churn = churned_on in (T, T+H]; advocate = an advocacy activity
// (reference_call, case_study, speaking, advisory_board) on a day in (T, T+H].
//
// Snapshots(cutoff, H): T = cutoff - H, cutoff - H - 30, ... back to the first event's day,
// so every label is known by `cutoff`.
//
// Failures (Status): HealthSession::Open's (kFailedPrecondition "scorecard.noDefinitions"
// when nothing was applied), store errors. Not thread-safe; `store` must outlive it.
#ifndef TEND_PREDICT_WORKSPACE_FEATURES_H_
#define TEND_PREDICT_WORKSPACE_FEATURES_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "predict/frame.h"
#include "scorecard/health_session.h"
#include "store/store.h"

namespace tend::predict {

enum class Target { kChurn, kAdvocate };
std::optional<Target> ParseTarget(std::string_view s);
std::string_view TargetName(Target t);

// Rows of one or more snapshots.
struct SnapshotRows {
  Frame frame;
  std::vector<float> labels;  // filled by Build(); empty from FeaturesAt()
  std::vector<std::string> account_ids;
  std::vector<EpochDay> days;
};

class WorkspaceFeatures {
 public:
  static Result<std::unique_ptr<WorkspaceFeatures>> Open(store::Store& store);

  // The latest event's day (else today): the default as-of day.
  EpochDay DefaultAsOf() const;
  // The earliest event's day, or nullopt without events.
  std::optional<EpochDay> FirstEventDay() const { return first_event_day_; }
  std::vector<EpochDay> Snapshots(EpochDay cutoff, int horizon_days, int step_days = 30) const;

  // The features as of `t` of every account active at `t` (labels left empty).
  SnapshotRows FeaturesAt(EpochDay t);
  // The rows of every snapshot in `days`, with labels of `target` over `horizon_days`.
  SnapshotRows Build(Target target, const std::vector<EpochDay>& days, int horizon_days);
  // The label of account `i` at `t`.
  float Label(Target target, size_t i, EpochDay t, int horizon_days) const;

 private:
  explicit WorkspaceFeatures(store::Store& store) : store_(store) {}
  bool ActiveAt(size_t i, EpochDay t) const;
  // Appends the rows of snapshot `t` to `out`.
  void AppendSnapshot(EpochDay t, SnapshotRows* out);

  store::Store& store_;
  std::unique_ptr<scorecard::HealthSession> session_;
  std::vector<store::OverrideRecord> overrides_;
  std::vector<std::string> feature_names_;  // engine column names, in feature order
  std::optional<EpochDay> first_event_day_, last_event_day_;
  std::vector<uint8_t> advocacy_types_;
};

}  // namespace tend::predict

#endif  // TEND_PREDICT_WORKSPACE_FEATURES_H_

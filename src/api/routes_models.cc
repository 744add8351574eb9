// Routes: the prediction models (their metrics and features, retraining) and an account's
// predictions with their reasons.
#include <map>

#include "api/json/calibration_json.h"
#include "api/route.h"
#include "scorecard/calibration.h"
#include "predict/prediction_history.h"
#include "predict/workspace_features.h"
#include "predict/workspace_model.h"

namespace tend::api {

namespace {

// The stored predictions per target, parsed once per refresh (they change only when
// someone scores, which is followed by a reload); kept in LiveWorkspace::read_cache.
struct StoredPredictions {
  std::map<std::string, store::PredictedAccount> by_account[2];  // target -> account -> entry
  nlohmann::json summary[2];                            // as_of, scored_at, model_trained_at
};

Result<StoredPredictions> LoadPredictions(Ctx& c) {
  StoredPredictions out;
  for (int t = 0; t < 2; ++t) {
    std::string name = t == 0 ? "churn" : "advocate";
    auto loaded = c.store.LoadLatestPredictions(name);
    if (!loaded.ok() && loaded.status().code() == ErrorCode::kDataLoss) continue;
    TEND_ASSIGN_OR_RETURN(auto set, std::move(loaded));
    if (!set) continue;
    for (store::PredictedAccount& a : set->accounts) {
      std::string id = a.account_id;
      out.by_account[t][id] = std::move(a);
    }
    out.summary[t] = {{"as_of", set->as_of},
                      {"scored_at", set->scored_at},
                      {"model_trained_at", set->model_trained_at},
                      {"horizon_days", set->horizon_days}};
  }
  return out;
}

Status AccountPredictions(Ctx& c) {
  std::string id = c.Param(0);
  bool known = c.state.live->Read(
      [&](scorecard::HealthSession& s) { return s.data().Index(id).has_value(); });
  if (!known) return NotFound("api.noAccount", "no account " + id);
  ReadCache::Freshness f;
  f.fingerprint = static_cast<uint64_t>(c.state.live->last_refresh_at());
  TEND_ASSIGN_OR_RETURN(auto stored, c.state.live->read_cache().Get<StoredPredictions>(
                                         "predictions", f, [&] { return LoadPredictions(c); }));
  const StoredPredictions& cache = *stored;
  nlohmann::json out{{"account_id", id}};
  for (int t = 0; t < 2; ++t) {
    const char* name = t == 0 ? "churn" : "advocate";
    auto it = cache.by_account[t].find(id);
    if (it == cache.by_account[t].end()) {
      out[name] = nullptr;
      continue;
    }
    nlohmann::json reasons = nlohmann::json::array();
    for (const store::PredictionReason& r : it->second.reasons) {
      reasons.push_back({{"column", r.column}, {"contribution", r.contribution}, {"text", r.text}});
    }
    nlohmann::json p{{"probability", it->second.probability}, {"reasons", reasons}};
    p["model"] = cache.summary[t];
    // The trend: every scoring of this account, by day.
    TEND_ASSIGN_OR_RETURN(auto history, c.store.LoadPredictionHistory(name, id));
    nlohmann::json trend = nlohmann::json::array();
    for (const auto& [day, prob] : history) {
      trend.push_back({{"day", FormatDate(day)}, {"probability", prob}});
    }
    p["trend"] = trend;
    out[name] = p;
  }
  c.Send(200, out);
  return Status::Ok();
}

Status Models(Ctx& c) {
  nlohmann::json models = nlohmann::json::array();
  for (const char* name : {"churn", "advocate"}) {
    TEND_ASSIGN_OR_RETURN(auto meta, c.store.LoadModelDocument(name));
    if (!meta) {
      models.push_back({{"target", name}, {"trained", false}});
      continue;
    }
    auto j = nlohmann::json::parse(*meta, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      models.push_back({{"target", name}, {"trained", false}, {"error", "damaged"}});
      continue;
    }
    // The model bytes and the encoder are for the engine, not for people.
    j.erase("xgboost_ubj_base64");
    j.erase("encoder");
    j["target"] = name;
    j["trained"] = true;
    auto preds = c.store.LoadLatestPredictions(name);
    if (preds.ok() && *preds) {
      j["predictions"] = {{"as_of", (*preds)->as_of},
                          {"scored_at", (*preds)->scored_at},
                          {"accounts", (*preds)->accounts.size()}};
    } else if (!preds.ok() && preds.status().code() != ErrorCode::kDataLoss) {
      return preds.status();
    }
    models.push_back(j);
  }
  c.Send(200, {{"models", models}});
  return Status::Ok();
}

// The target of the path and the options of the body ({"horizon_days", "folds"}).
Result<predict::WorkspaceModelOptions> ModelOptions(Ctx& c) {
  std::string name = c.Param(0);
  auto target = predict::ParseTarget(name);
  if (!target) return NotFound("api.noTarget", "no model target " + name + " (churn, advocate)");
  predict::WorkspaceModelOptions o;
  o.target = *target;
  if (!c.body.empty()) {
    TEND_ASSIGN_OR_RETURN(auto j, c.Json());
    TEND_ASSIGN_OR_RETURN(auto horizon, IntField(c, j, "horizon_days", false));
    TEND_ASSIGN_OR_RETURN(auto folds, IntField(c, j, "folds", false));
    if (horizon) {
      if (*horizon < 7 || *horizon > 730) return FieldError(c, "horizon_days", "must be 7..730");
      o.horizon_days = static_cast<int>(*horizon);
    }
    if (folds) {
      if (*folds < 2 || *folds > 10) return FieldError(c, "folds", "must be 2..10");
      o.folds = static_cast<int>(*folds);
    }
  }
  o.as_of = c.state.live->as_of();
  return o;
}

Status Train(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(predict::WorkspaceModelOptions o, ModelOptions(c));
  TEND_ASSIGN_OR_RETURN(auto info, predict::TrainWorkspaceModel(c.store, o));
  TEND_ASSIGN_OR_RETURN(auto scored, predict::ScoreWorkspace(c.store, o.target, o.as_of));
  // One transaction for the history (the route manages its own).
  TEND_RETURN_IF_ERROR(c.store.Begin());
  Status recorded = predict::RecordPredictionHistory(c.store, o.target, scored);
  if (recorded.ok()) recorded = c.store.Commit();
  if (!recorded.ok()) {
    (void)c.store.Rollback();
    return recorded;
  }
  // Rules and measures read the new probabilities after a reload.
  c.after_commit.push_back([&c] { return c.state.live->Reload(false); });
  nlohmann::json out = info;
  out.erase("xgboost_ubj_base64");
  out.erase("encoder");
  out["scored_accounts"] = scored.accounts.size();
  c.Send(200, out);
  return Status::Ok();
}

Status Backtest(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(predict::WorkspaceModelOptions o, ModelOptions(c));
  TEND_ASSIGN_OR_RETURN(auto report, predict::BacktestWorkspace(c.store, o));
  c.Send(200, report);
  return Status::Ok();
}

// Replays a scorecard on past days against what happened next (scorecard/calibration.h).
// Read-only and costly (one refresh per sample day), so kept per parameters until the next
// refresh of the live workspace.
Status Calibrate(Ctx& c) {
  scorecard::CalibrationOptions o;
  o.scorecard = c.Param(0);
  TEND_ASSIGN_OR_RETURN(o.horizon_days, IntQuery(c, "horizon_days", o.horizon_days, 0, 3650));
  TEND_ASSIGN_OR_RETURN(o.step_days, IntQuery(c, "step_days", o.step_days, 0, 3650));
  TEND_ASSIGN_OR_RETURN(o.lookback_days, IntQuery(c, "lookback_days", o.lookback_days, 0, 3650));
  TEND_ASSIGN_OR_RETURN(o.as_of, OptionalDateQuery(c, "as_of"));
  ReadCache::Freshness f;
  f.fingerprint = static_cast<uint64_t>(c.state.live->last_refresh_at());
  f.max_age = std::chrono::minutes(10);
  const std::string key = "calibration/" + o.scorecard + "/" + std::to_string(o.horizon_days) +
                          "/" + std::to_string(o.step_days) + "/" +
                          std::to_string(o.lookback_days) + "/" +
                          (o.as_of ? FormatDate(*o.as_of) : std::string());
  TEND_ASSIGN_OR_RETURN(auto report,
                        c.state.live->read_cache().Get<nlohmann::json>(
                            key, f, [&]() -> Result<nlohmann::json> {
                              TEND_ASSIGN_OR_RETURN(auto cal,
                                                    scorecard::CalibrateScorecard(c.store, o));
                              return json::CalibrationJson(cal);
                            }));
  c.Send(200, *report);
  return Status::Ok();
}

}  // namespace

void AddModelRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/models", Access::kReader, "models",
               "the churn and advocacy models: metrics, features, training date", Models});
  r.push_back({"POST", "/api/models/{target}/train", Access::kOps, "models",
               "retrain a model (churn or advocate) and score every account", Train,
               "horizon_days:integer,folds:integer", "", 1 << 20, /*own_txn=*/true});
  r.push_back({"POST", "/api/models/{target}/backtest", Access::kOps, "models",
               "back-test: train up to T - H, predict, compare with what happened in (T - H, T]",
               Backtest, "horizon_days:integer", "", 1 << 20, /*own_txn=*/true});
  r.push_back({"GET", "/api/scorecards/{name}/calibration", Access::kReader, "models",
               "does the health score predict churn? AUC, churn by color, lift by decile and per "
               "measure over past days, with suggested weights (nothing is applied)",
               Calibrate, "", "horizon_days,step_days,lookback_days,as_of"});
  r.push_back({"GET", "/api/accounts/{id}/predictions", Access::kAnyUser, "models",
               "an account's churn risk and advocate propensity, with their reasons",
               AccountPredictions});
}

}  // namespace tend::api

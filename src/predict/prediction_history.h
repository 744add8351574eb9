// The history of each scoring's probabilities (store table prediction_history), so the
// Customer 360 can show how an account's churn risk moved. `tend predict score`, the models
// route and the server's daily refresh record every scoring.
#ifndef TEND_PREDICT_PREDICTION_HISTORY_H_
#define TEND_PREDICT_PREDICTION_HISTORY_H_

#include "common/status.h"
#include "predict/workspace_model.h"
#include "store/prediction_store.h"

namespace tend::predict {

// Records `scored` (as of scored.as_of) under `target`. Scoring the same day again replaces
// that day's values. Runs in the caller's transaction, if any.
Status RecordPredictionHistory(store::PredictionStore& store, Target target,
                               const ScoreResult& scored);

}  // namespace tend::predict

#endif  // TEND_PREDICT_PREDICTION_HISTORY_H_

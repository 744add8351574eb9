#include "predict/xgboost_model.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "predict/evaluation.h"

namespace tend::predict {
namespace {

Status XgbError(std::string_view what) {
  return Internal("predict.xgboost", "XGBoost: " + std::string(what) + ": " + XGBGetLastError());
}

#define TEND_XGB(call, what)                \
  do {                                      \
    if ((call) != 0) return XgbError(what); \
  } while (0)

struct DMatrixDeleter {
  void operator()(void* h) const {
    if (h) XGDMatrixFree(h);
  }
};
using DMatrix = std::unique_ptr<void, DMatrixDeleter>;

Result<DMatrix> MakeDMatrix(const Matrix& x, std::span<const float> y) {
  DMatrixHandle h = nullptr;
  TEND_XGB(XGDMatrixCreateFromMat(x.data.data(), x.rows, x.cols,
                                  std::numeric_limits<float>::quiet_NaN(), &h),
           "building a matrix");
  DMatrix m(h);
  if (!y.empty()) {
    TEND_XGB(XGDMatrixSetFloatInfo(h, "label", y.data(), y.size()), "setting labels");
  }
  return m;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

Status SetParams(BoosterHandle h, const XgbParams& p) {
  const std::pair<const char*, std::string> kv[] = {
      {"objective", "binary:logistic"},
      {"eval_metric", "auc"},
      {"tree_method", "hist"},
      {"eta", Num(p.eta)},
      {"max_depth", std::to_string(p.max_depth)},
      {"subsample", Num(p.subsample)},
      {"colsample_bytree", Num(p.colsample_bytree)},
      {"min_child_weight", Num(p.min_child_weight)},
      {"lambda", Num(p.lambda)},
      {"nthread", std::to_string(p.nthread)},
      {"seed", std::to_string(p.seed % 2147483647)},
      {"verbosity", "0"},
  };
  for (const auto& [k, v] : kv)
    TEND_XGB(XGBoosterSetParam(h, k, v.c_str()), std::string("setting ") + k);
  return Status::Ok();
}

}  // namespace

void XgbModel::BoosterDeleter::operator()(void* handle) const {
  if (handle) XGBoosterFree(handle);
}

XgbModel::~XgbModel() = default;

Result<XgbModel> XgbModel::Train(const Matrix& x, std::span<const float> y, const XgbParams& params,
                                 int rounds) {
  TEND_ASSIGN_OR_RETURN(DMatrix train, MakeDMatrix(x, y));
  DMatrixHandle dmats[] = {train.get()};
  BoosterHandle h = nullptr;
  TEND_XGB(XGBoosterCreate(dmats, 1, &h), "creating a booster");
  XgbModel model;
  model.booster_.reset(h);
  TEND_RETURN_IF_ERROR(SetParams(h, params));
  for (int it = 0; it < rounds; ++it) {
    TEND_XGB(XGBoosterUpdateOneIter(h, it, train.get()), "training");
  }
  model.rounds_ = rounds;
  return model;
}

Result<XgbModel> XgbModel::TrainWithEarlyStopping(const Matrix& x, std::span<const float> y,
                                                  const XgbParams& params) {
  // The inner split: one of round(1 / inner_fraction) stratified folds is held out.
  const int k = std::max(2, static_cast<int>(std::lround(1.0 / params.inner_fraction)));
  std::vector<int> fold = StratifiedFolds(y, k, params.seed ^ 0x5eedULL);
  std::vector<size_t> fit_rows, val_rows;
  for (size_t r = 0; r < x.rows; ++r) (fold[r] == 0 ? val_rows : fit_rows).push_back(r);
  auto take = [&](const std::vector<size_t>& rows, Matrix* m, std::vector<float>* labels) {
    *m = Matrix(rows.size(), x.cols);
    for (size_t i = 0; i < rows.size(); ++i) {
      std::memcpy(&m->data[i * x.cols], x.row(rows[i]), x.cols * sizeof(float));
      labels->push_back(y[rows[i]]);
    }
  };
  Matrix fit_x, val_x;
  std::vector<float> fit_y, val_y;
  take(fit_rows, &fit_x, &fit_y);
  take(val_rows, &val_x, &val_y);
  bool both_classes = false;
  for (float v : val_y) both_classes |= v != val_y.front();
  int best_rounds = params.max_rounds / 2;
  if (both_classes) {
    TEND_ASSIGN_OR_RETURN(DMatrix dfit, MakeDMatrix(fit_x, fit_y));
    TEND_ASSIGN_OR_RETURN(DMatrix dval, MakeDMatrix(val_x, val_y));
    DMatrixHandle dmats[] = {dfit.get(), dval.get()};
    BoosterHandle raw = nullptr;
    TEND_XGB(XGBoosterCreate(dmats, 2, &raw), "creating a booster");
    std::unique_ptr<void, BoosterDeleter> h(raw);
    TEND_RETURN_IF_ERROR(SetParams(raw, params));
    DMatrixHandle eval_sets[] = {dval.get()};
    const char* eval_names[] = {"val"};
    double best = -1;
    for (int it = 0; it < params.max_rounds; ++it) {
      TEND_XGB(XGBoosterUpdateOneIter(raw, it, dfit.get()), "training");
      const char* out = nullptr;
      TEND_XGB(XGBoosterEvalOneIter(raw, it, eval_sets, eval_names, 1, &out), "evaluating");
      const char* colon = std::strrchr(out, ':');
      const double auc = colon ? std::strtod(colon + 1, nullptr) : 0;
      if (auc > best + 1e-6) {
        best = auc;
        best_rounds = it + 1;
      } else if (it + 1 - best_rounds >= params.patience) {
        break;
      }
    }
  }
  // Trained on all rows, so a little more than the held-out run needed.
  const int rounds =
      std::max(params.min_rounds, static_cast<int>(std::lround(best_rounds / (1.0 - 1.0 / k))));
  return Train(x, y, params, rounds);
}

Result<XgbModel> XgbModel::Deserialize(std::string_view bytes, int nthread) {
  BoosterHandle h = nullptr;
  TEND_XGB(XGBoosterCreate(nullptr, 0, &h), "creating a booster");
  XgbModel model;
  model.booster_.reset(h);
  if (XGBoosterLoadModelFromBuffer(h, bytes.data(), bytes.size()) != 0) {
    return DataLoss("predict.badModel",
                    std::string("the stored model does not load: ") + XGBGetLastError());
  }
  TEND_XGB(XGBoosterSetParam(h, "nthread", std::to_string(nthread).c_str()), "setting nthread");
  int n = 0;
  if (XGBoosterBoostedRounds(h, &n) == 0) model.rounds_ = n;
  return model;
}

Result<std::vector<double>> XgbModel::Predict(const Matrix& x) const {
  if (x.rows == 0) return std::vector<double>{};
  TEND_ASSIGN_OR_RETURN(DMatrix d, MakeDMatrix(x, {}));
  bst_ulong len = 0;
  const float* out = nullptr;
  TEND_XGB(XGBoosterPredict(booster_.get(), d.get(), 0, 0, 0, &len, &out), "predicting");
  return std::vector<double>(out, out + len);
}

Result<Matrix> XgbModel::Contributions(const Matrix& x) const {
  Matrix c(x.rows, x.cols + 1);
  if (x.rows == 0) return c;
  TEND_ASSIGN_OR_RETURN(DMatrix d, MakeDMatrix(x, {}));
  bst_ulong len = 0;
  const float* out = nullptr;
  TEND_XGB(XGBoosterPredict(booster_.get(), d.get(), 4, 0, 0, &len, &out),
           "computing contributions");
  if (len != c.data.size()) {
    return Internal("predict.xgboost", "XGBoost returned " + std::to_string(len) +
                                           " contributions, expected " +
                                           std::to_string(c.data.size()));
  }
  std::memcpy(c.data.data(), out, len * sizeof(float));
  return c;
}

Result<std::string> XgbModel::Serialize() const {
  bst_ulong len = 0;
  const char* out = nullptr;
  TEND_XGB(XGBoosterSaveModelToBuffer(booster_.get(), "{\"format\": \"ubj\"}", &len, &out),
           "saving");
  return std::string(out, len);
}

}  // namespace tend::predict

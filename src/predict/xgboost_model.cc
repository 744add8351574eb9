#include "predict/xgboost_model.h"

#include <xgboost/c_api.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <thread>

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

XgbParams XgbParams::ForRows(size_t rows) {
  XgbParams p;
  if (rows >= kLargeTrainingRows) {
    p.eta = 0.1;
    p.patience = 30;
    p.min_gain = 1e-4;
  }
  return p;
}

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
      if (auc > best + params.min_gain) {
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

namespace {

// One tree of the model as Saabas's method needs it: the splits, and each node's mean value
// (a leaf's value; an inner node's children's means weighted by their hessian sums, as
// XGBoost's FillNodeMeanValues computes them).
struct SaabasTree {
  std::vector<int32_t> left, right, feature;
  std::vector<float> threshold;  // inner nodes: go left when x < threshold
  std::vector<uint8_t> default_left;
  std::vector<double> mean;
};

double NodeMean(SaabasTree& t, const std::vector<double>& hess, const std::vector<float>& cond,
                int32_t node) {
  if (t.left[node] < 0) return t.mean[node] = cond[node];
  const int32_t l = t.left[node], r = t.right[node];
  const double ml = NodeMean(t, hess, cond, l), mr = NodeMean(t, hess, cond, r);
  return t.mean[node] = (ml * hess[l] + mr * hess[r]) / hess[node];
}

// The trees and the base margin of a binary:logistic tree model, from its JSON form.
Status ParseSaabas(const std::string& json, std::vector<SaabasTree>* trees, double* base_margin) {
  try {
    const nlohmann::json j = nlohmann::json::parse(json);
    const auto& learner = j.at("learner");
    const double base_score =
        std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    *base_margin = -std::log(1.0 / base_score - 1.0);
    for (const auto& tj : learner.at("gradient_booster").at("model").at("trees")) {
      SaabasTree t;
      t.left = tj.at("left_children").get<std::vector<int32_t>>();
      t.right = tj.at("right_children").get<std::vector<int32_t>>();
      t.feature = tj.at("split_indices").get<std::vector<int32_t>>();
      t.threshold = tj.at("split_conditions").get<std::vector<float>>();
      t.default_left = tj.at("default_left").get<std::vector<uint8_t>>();
      const auto hess = tj.at("sum_hessian").get<std::vector<double>>();
      const size_t n = t.left.size();
      if (n == 0 || t.right.size() != n || t.feature.size() != n || t.threshold.size() != n ||
          t.default_left.size() != n || hess.size() != n) {
        return Internal("predict.xgboost", "XGBoost's model JSON: a tree's arrays disagree");
      }
      t.mean.assign(n, 0.0);
      NodeMean(t, hess, t.threshold, 0);
      trees->push_back(std::move(t));
    }
  } catch (const std::exception& e) {
    return Internal("predict.xgboost", std::string("XGBoost's model JSON: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace

Result<Matrix> XgbModel::Contributions(const Matrix& x, bool approximate) const {
  Matrix c(x.rows, x.cols + 1);
  if (x.rows == 0) return c;
  if (approximate) {
    // Saabas's method over the trees, on two threads: along the row's path each split
    // credits its feature with the change in the node mean; the root's mean and the base
    // margin go to the bias. (The same values as XGBoost's approx_contribs, which costs
    // several times as much through the C API.)
    bst_ulong len = 0;
    const char* out = nullptr;
    TEND_XGB(XGBoosterSaveModelToBuffer(booster_.get(), R"({"format": "json"})", &len, &out),
             "saving as JSON");
    std::vector<SaabasTree> trees;
    double base_margin = 0;
    TEND_RETURN_IF_ERROR(ParseSaabas(std::string(out, len), &trees, &base_margin));
    for (const SaabasTree& t : trees) {
      for (int32_t f : t.feature) {
        if (f < 0 || static_cast<size_t>(f) >= x.cols) {
          return Internal("predict.xgboost", "the model splits on feature " + std::to_string(f) +
                                                 ", the matrix has " + std::to_string(x.cols));
        }
      }
    }
    auto rows = [&](size_t from, size_t to) {
      for (size_t r = from; r < to; ++r) {
        const float* xr = x.row(r);
        float* cr = &c.data[r * c.cols];
        std::fill(cr, cr + c.cols, 0.0f);
        double bias = base_margin;
        for (const SaabasTree& t : trees) {
          int32_t node = 0;
          double value = t.mean[0];
          bias += value;
          while (t.left[node] >= 0) {
            const float v = xr[t.feature[node]];
            const int32_t next = std::isnan(v)
                                     ? (t.default_left[node] ? t.left[node] : t.right[node])
                                 : v < t.threshold[node] ? t.left[node]
                                                         : t.right[node];
            cr[t.feature[node]] += static_cast<float>(t.mean[next] - value);
            value = t.mean[next];
            node = next;
          }
        }
        cr[x.cols] = static_cast<float>(bias);
      }
    };
    const size_t half = x.rows / 2;
    std::thread worker(rows, half, x.rows);
    rows(0, half);
    worker.join();
    return c;
  }
  TEND_ASSIGN_OR_RETURN(DMatrix d, MakeDMatrix(x, {}));
  // "type": 2: contributions (exact SHAP, TreeSHAP).
  const char* config =
      R"({"type": 2, "training": false, "iteration_begin": 0, "iteration_end": 0, )"
      R"("strict_shape": false})";
  const bst_ulong* shape = nullptr;
  bst_ulong dim = 0;
  const float* out = nullptr;
  TEND_XGB(XGBoosterPredictFromDMatrix(booster_.get(), d.get(), config, &shape, &dim, &out),
           "computing contributions");
  bst_ulong len = 1;
  for (bst_ulong i = 0; i < dim; ++i) len *= shape[i];
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

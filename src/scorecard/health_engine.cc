#include "scorecard/health_engine.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <thread>

#include "definitions/attributes.h"
#include "metrics/attributes.h"

namespace tend::scorecard {

using metrics::MetricKind;

namespace {

std::string MapKey(const Column& c, size_t row) {
  switch (c.type) {
    case ValueType::kText:
      return c.text[row];
    case ValueType::kBool:
      return c.num[row] != 0 ? "true" : "false";
    default: {
      double v = c.num[row];
      char buf[64];
      if (v == std::floor(v) && std::fabs(v) < 1e15) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
      } else {
        std::snprintf(buf, sizeof buf, "%.15g", v);
      }
      return buf;
    }
  }
}

// Stores `v` in row `row` of `c`.
void WriteValue(const rules::expr::Value& v, Column* c, size_t row) {
  if (v.is_null()) {
    c->SetNull(row);
  } else if (c->type == ValueType::kText) {
    c->SetText(row, v.text());
  } else {
    c->SetNum(row, v.raw_num());
  }
}

}  // namespace

std::optional<double> ScoreValue(const Scoring& scoring, const Column& value, size_t row) {
  if (value.IsNull(row)) return std::nullopt;
  switch (scoring.kind) {
    case SchemeKind::kSteps: {
      double v = value.num[row];
      for (const Band& b : scoring.steps) {
        if (b.Contains(v)) return b.score;
      }
      return std::nullopt;
    }
    case SchemeKind::kLinear: {
      double t = (value.num[row] - scoring.from) / (scoring.to - scoring.from);
      t = std::min(1.0, std::max(0.0, t));
      return scoring.score_from + t * (scoring.score_to - scoring.score_from);
    }
    case SchemeKind::kMap: {
      auto it = scoring.map.find(MapKey(value, row));
      if (it != scoring.map.end()) return it->second;
      return scoring.map_default;
    }
    case SchemeKind::kExpression:
      return std::nullopt;  // evaluated by the engine
  }
  return std::nullopt;
}

struct HealthEngine::Node {
  enum class Kind { kMetric, kExpressionMetric, kMeasure, kScorecard } kind;
  std::string name;
  std::unique_ptr<metrics::CompiledMetric> metric;
  const rules::expr::Program* program = nullptr;
  const ScorecardDef* scorecard = nullptr;
  const MeasureDef* measure = nullptr;
  // A workspace-scope distinct-features metric: the event ids present at the last refresh.
  std::vector<uint8_t> present;
};

HealthEngine::HealthEngine(const definitions::Definitions& defs, metrics::WorkspaceData& data)
    : defs_(defs), data_(data) {
  for (const std::string& key : defs.order) {
    auto colon = key.find(':');
    std::string kind = key.substr(0, colon), name = key.substr(colon + 1);
    Node n;
    n.name = name;
    if (kind == "metric") {
      const metrics::MetricDef* m = defs.FindMetric(name);
      if (m->kind == MetricKind::kExpression) {
        n.kind = Node::Kind::kExpressionMetric;
        n.program = defs.metric_programs.at(name).get();
      } else {
        n.kind = Node::Kind::kMetric;
        n.metric = std::make_unique<metrics::CompiledMetric>(*m, data);
      }
    } else if (kind == "measure") {
      auto dot = name.find('.');
      n.kind = Node::Kind::kMeasure;
      n.scorecard = defs.FindScorecard(name.substr(0, dot));
      for (const auto& m : n.scorecard->measures) {
        if (m.name == name.substr(dot + 1)) n.measure = &m;
      }
    } else {
      n.kind = Node::Kind::kScorecard;
      n.scorecard = defs.FindScorecard(name);
    }
    nodes_.push_back(std::move(n));
  }
}

HealthEngine::~HealthEngine() = default;

void HealthEngine::SetOverrides(const std::vector<store::OverrideRecord>& overrides) {
  overrides_.clear();
  for (const auto& o : overrides) overrides_[o.scorecard + "." + o.measure][o.account_id] = o.score;
}

void HealthEngine::SetPriorOverall(const std::string& scorecard, int days_ago, Column prior) {
  prior_[scorecard + "@" + std::to_string(days_ago)] = std::move(prior);
}

Column& HealthEngine::Slot(const std::string& name, ValueType t) {
  Column& c = columns_[name];
  if (c.size() != data_.size() || c.type != t) c = Column(t, data_.size());
  return c;
}

const Column* HealthEngine::Get(std::string_view name) {
  if (auto it = columns_.find(name); it != columns_.end()) return &it->second;
  auto t = definitions::AttributeType(name, data_.attribute_defs());
  // A field that rules set but the workspace does not have yet: NULL everywhere.
  if (!t) t = definitions::AttributeType(name, defs_.rule_fields);
  if (!t) return nullptr;
  Column c(*t, data_.size());
  for (size_t i = 0; i < data_.size(); ++i) metrics::AttributeValue(name, data_, i, as_of_, &c, i);
  return &(columns_[std::string(name)] = std::move(c));
}

std::vector<const Column*> HealthEngine::Inputs(const rules::expr::Program& p,
                                                const Column* value) {
  std::vector<const Column*> in;
  in.reserve(p.names().size());
  for (const std::string& n : p.names()) {
    if (value && n == "value") {
      in.push_back(value);
      continue;
    }
    const Column* c = Get(n);
    TEND_DCHECK(c != nullptr, "a checked name has no column");
    in.push_back(c);
  }
  return in;
}

void HealthEngine::Refresh(EpochDay d) {
  if (d != as_of_) {
    // Attribute columns such as tenure_days depend on D.
    for (auto it = columns_.begin(); it != columns_.end();) {
      if (definitions::AttributeType(it->first, data_.attribute_defs()))
        it = columns_.erase(it);
      else
        ++it;
    }
  }
  as_of_ = d;
  // Metrics read only the workspace data, so they are computed first, on two threads; then
  // every other node in dependency order.
  std::vector<Node*> metrics;
  for (Node& n : nodes_) {
    if (n.kind == Node::Kind::kMetric) metrics.push_back(&n);
  }
  std::vector<Column> out(metrics.size());
  auto compute = [&](size_t from, size_t step) {
    for (size_t k = from; k < metrics.size(); k += step) out[k] = ComputeMetric(*metrics[k]);
  };
  for (Node* n : metrics) n->metric->Prepare(data_);
  if (metrics.size() > 1 && data_.size() > 2000) {
    std::thread worker(compute, 1, 2);
    compute(0, 2);
    worker.join();
  } else {
    compute(0, 1);
  }
  for (size_t k = 0; k < metrics.size(); ++k) columns_[metrics[k]->name] = std::move(out[k]);
  for (Node& n : nodes_) {
    if (n.kind != Node::Kind::kMetric) ComputeNode(n, std::nullopt);
  }
}

Column HealthEngine::ComputeMetric(Node& n) {
  const size_t rows = data_.size();
  if (n.metric->def().scope == metrics::MetricScope::kWorkspace &&
      n.metric->def().kind == MetricKind::kDistinctFeatures) {
    // One pass gives both the value and the set RefreshAccount checks against.
    n.present = n.metric->WorkspaceFeatures(data_, as_of_);
    double count = 0;
    for (uint8_t p : n.present) count += p;
    Column c(ValueType::kNumber, rows);
    for (size_t i = 0; i < rows; ++i) c.SetNum(i, count);
    return c;
  }
  return n.metric->ComputeAll(data_, as_of_);
}

void HealthEngine::ApplyPriors() {
  auto names_trend = [](const rules::expr::Program* p) {
    if (!p) return false;
    for (const auto& n : p->names()) {
      if (n.size() > 18 &&
          (n.ends_with(".overall_change_7d") || n.ends_with(".overall_change_30d")))
        return true;
    }
    return false;
  };
  bool deep = false;
  for (const Node& n : nodes_) {
    deep |= names_trend(n.program);
    if (n.measure) {
      deep |=
          names_trend(n.measure->value.get()) || names_trend(n.measure->scoring.expression.get());
    }
  }
  if (deep) {
    for (Node& n : nodes_) ComputeNode(n, std::nullopt);
    return;
  }
  for (Node& n : nodes_) {
    if (n.kind == Node::Kind::kScorecard) ComputeNode(n, std::nullopt);
  }
}

const Column* HealthEngine::Find(std::string_view name) const {
  auto it = columns_.find(name);
  return it == columns_.end() ? nullptr : &it->second;
}

bool HealthEngine::RefreshAccount(size_t i) {
  // Attribute columns built so far (the account's record may have changed too).
  for (auto& [name, col] : columns_) {
    if (definitions::AttributeType(name, data_.attribute_defs()) ||
        definitions::AttributeType(name, defs_.rule_fields)) {
      metrics::AttributeValue(name, data_, i, as_of_, &col, i);
    }
  }
  for (Node& n : nodes_) {
    if (n.kind == Node::Kind::kMetric &&
        n.metric->def().scope == metrics::MetricScope::kWorkspace) {
      // One account's event changes a workspace-wide value only by adding a feature; other
      // workspace aggregates (sums) change with every event and need a full refresh.
      if (n.metric->def().kind != MetricKind::kDistinctFeatures) return false;
      if (n.metric->AddsFeature(data_, i, as_of_, n.present)) return false;
      continue;
    }
    ComputeNode(n, i);
  }
  return true;
}

void HealthEngine::ComputeNode(Node& n, std::optional<size_t> row) {
  const size_t rows = data_.size();
  size_t lo = row ? *row : 0, hi = row ? *row + 1 : rows;
  switch (n.kind) {
    case Node::Kind::kMetric: {
      if (!row) {
        columns_[n.name] = ComputeMetric(n);
      } else {
        Column& c = Slot(n.name, ValueType::kNumber);
        if (auto v = n.metric->Compute(data_, *row, as_of_))
          c.SetNum(*row, *v);
        else
          c.SetNull(*row);
      }
      return;
    }
    case Node::Kind::kExpressionMetric: {
      auto in = Inputs(*n.program, nullptr);
      if (!row) {
        columns_[n.name] = n.program->Evaluate(in, rows);
      } else {
        Column& c = Slot(n.name, n.program->type());
        WriteValue(n.program->EvaluateRow(in, *row), &c, *row);
      }
      return;
    }
    case Node::Kind::kMeasure: {
      const MeasureDef& m = *n.measure;
      std::string base = n.scorecard->name + "." + m.name;
      const Column* value = nullptr;
      if (m.value) {
        auto in = Inputs(*m.value, nullptr);
        if (!row) {
          columns_[base + ".value"] = m.value->Evaluate(in, rows);
        } else {
          Column& c = Slot(base + ".value", m.value->type());
          WriteValue(m.value->EvaluateRow(in, *row), &c, *row);
        }
        value = &columns_[base + ".value"];
      } else {
        value = &Slot(base + ".value", ValueType::kNumber);  // manual: no value
      }
      Column& score = Slot(base, ValueType::kNumber);
      if (m.scoring.kind == SchemeKind::kExpression && m.scoring.expression) {
        auto in = Inputs(*m.scoring.expression, value);
        if (!row) {
          // A NULL value makes the measure N/A, whatever the expression would say.
          Column s = m.scoring.expression->Evaluate(in, rows);
          for (size_t i = 0; i < rows; ++i) {
            if (s.IsNull(i) || value->IsNull(i))
              score.SetNull(i);
            else
              score.SetNum(i, std::min(100.0, std::max(0.0, s.num[i])));
          }
        } else {
          rules::expr::Value v = m.scoring.expression->EvaluateRow(in, *row);
          if (v.is_null() || value->IsNull(*row))
            score.SetNull(*row);
          else
            score.SetNum(*row, std::min(100.0, std::max(0.0, v.number())));
        }
      } else {
        for (size_t i = lo; i < hi; ++i) {
          if (m.manual) {
            score.SetNull(i);
            continue;
          }
          if (auto s = ScoreValue(m.scoring, *value, i))
            score.SetNum(i, *s);
          else
            score.SetNull(i);
        }
      }
      if (auto ov = overrides_.find(base); ov != overrides_.end()) {
        for (const auto& [account, s] : ov->second) {
          auto idx = data_.Index(account);
          if (!idx || *idx < lo || *idx >= hi || !s) continue;
          score.SetNum(*idx, *s);
        }
      }
      return;
    }
    case Node::Kind::kScorecard: {
      const ScorecardDef& sc = *n.scorecard;
      std::vector<const Column*> scores;
      for (const auto& m : sc.measures) scores.push_back(&columns_[sc.name + "." + m.name]);
      Column& overall = Slot(sc.name + ".overall", ValueType::kNumber);
      Column& color = Slot(sc.name + ".color", ValueType::kText);
      std::vector<Column*> groups;
      for (const auto& g : sc.groups)
        groups.push_back(&Slot(sc.name + "." + g.name, ValueType::kNumber));
      Column& c7 = Slot(sc.name + ".overall_change_7d", ValueType::kNumber);
      Column& c30 = Slot(sc.name + ".overall_change_30d", ValueType::kNumber);
      const Column* p7 = prior_.count(sc.name + "@7") ? &prior_[sc.name + "@7"] : nullptr;
      const Column* p30 = prior_.count(sc.name + "@30") ? &prior_[sc.name + "@30"] : nullptr;
      for (size_t i = lo; i < hi; ++i) {
        double sum = 0, wsum = 0;
        std::vector<double> gsum(groups.size(), 0), gw(groups.size(), 0);
        for (size_t k = 0; k < sc.measures.size(); ++k) {
          if (scores[k]->IsNull(i)) continue;
          double w = sc.measures[k].weight;
          sum += w * scores[k]->num[i];
          wsum += w;
          for (size_t g = 0; g < sc.groups.size(); ++g) {
            if (sc.groups[g].name == sc.measures[k].group) {
              gsum[g] += w * scores[k]->num[i];
              gw[g] += w;
            }
          }
        }
        for (size_t g = 0; g < groups.size(); ++g) {
          if (gw[g] > 0)
            groups[g]->SetNum(i, RoundHalfUp(gsum[g] / gw[g], 2));
          else
            groups[g]->SetNull(i);
        }
        if (wsum == 0) {
          overall.SetNull(i);
          color.SetNull(i);
          c7.SetNull(i);
          c30.SetNull(i);
          continue;
        }
        double o = RoundHalfUp(sum / wsum, 2);
        overall.SetNum(i, o);
        color.SetNull(i);
        for (const Band& b : sc.bands) {
          if (b.Contains(o)) {
            color.SetText(i, b.color);
            break;
          }
        }
        auto change = [&](const Column* p, Column& out) {
          if (p && i < p->size() && !p->IsNull(i))
            out.SetNum(i, RoundHalfUp(o - p->num[i], 2));
          else
            out.SetNull(i);
        };
        change(p7, c7);
        change(p30, c30);
      }
      return;
    }
  }
}

std::vector<store::ScoreHistoryRecord> HealthEngine::HistoryRows(const ScorecardDef& sc,
                                                                 const std::vector<size_t>& rows) {
  std::vector<store::ScoreHistoryRecord> out;
  out.reserve(rows.size());
  const Column* overall = Get(sc.name + ".overall");
  const Column* color = Get(sc.name + ".color");
  std::vector<const Column*> values, scores;
  for (const auto& m : sc.measures) {
    values.push_back(Get(sc.name + "." + m.name + ".value"));
    scores.push_back(Get(sc.name + "." + m.name));
  }
  auto num = [](std::string* s, const Column* c, size_t i) {
    if (c->IsNull(i)) {
      *s += "null";
      return;
    }
    if (c->type == ValueType::kText) {
      *s += '"';
      for (char ch : c->text[i]) {
        if (ch == '"' || ch == '\\') *s += '\\';
        if (static_cast<unsigned char>(ch) < 0x20) continue;
        *s += ch;
      }
      *s += '"';
      return;
    }
    if (c->type == ValueType::kBool) {
      *s += c->num[i] != 0 ? "true" : "false";
      return;
    }
    // Shortest round-trip form; to_chars is several times faster than snprintf here,
    // which matters at 100,000 accounts x measures per refresh.
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, c->num[i]);
    s->append(buf, ec == std::errc() ? end : buf);
  };
  for (size_t i : rows) {
    store::ScoreHistoryRecord r;
    r.scorecard = sc.name;
    r.account_id = data_.account(i).account_id;
    r.day = as_of_;
    if (!overall->IsNull(i)) r.overall = overall->num[i];
    if (!color->IsNull(i)) r.color = color->text[i];
    std::string& m = r.measures;
    m = "{";
    for (size_t k = 0; k < sc.measures.size(); ++k) {
      if (k) m += ',';
      m += '"' + sc.measures[k].name + "\":{\"value\":";
      num(&m, values[k], i);
      m += ",\"score\":";
      num(&m, scores[k], i);
      m += '}';
    }
    m += '}';
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace tend::scorecard

#include "definitions/definitions.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "definitions/activity_types.h"
#include "definitions/attributes.h"

namespace tend::definitions {

namespace {

using metrics::MetricDef;
using metrics::MetricKind;
using rules::expr::Diagnostic;
using rules::expr::Program;
using scorecard::Band;
using scorecard::MeasureDef;
using scorecard::SchemeKind;
using scorecard::ScorecardDef;
using scorecard::SourcePos;

// Names a scorecard gives its own results; no measure or group may take them.
bool IsReservedResult(const std::string& s) {
  return s == "overall" || s == "color" || s == "overall_change_7d" || s == "overall_change_30d";
}

bool IsIdentifier(const std::string& s) {
  if (s.empty() || !(std::islower(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

// One file being read: its lines (to locate expressions inside scalars) and its errors.
struct FileCtx {
  const DefinitionFile* file;
  std::vector<std::string> lines;
};

class Compiler {
 public:
  Compiler(const std::vector<store::AttributeDef>& custom) { defs_.custom_attributes = custom; }

  void AddFile(const DefinitionFile& f) {
    files_.push_back(std::make_unique<FileCtx>());
    FileCtx& ctx = *files_.back();
    ctx.file = &f;
    std::stringstream ss(f.content);
    std::string line;
    while (std::getline(ss, line)) ctx.lines.push_back(line);
    YAML::Node root;
    try {
      root = YAML::Load(f.content);
    } catch (const YAML::ParserException& e) {
      Error(SourcePos{f.path, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
      return;
    }
    if (!root || root.IsNull()) return;
    if (!root.IsMap()) {
      Error(PosOf(ctx, root),
            "expected a mapping with keys metrics, scorecards, rules, playbooks, "
            "success_plan_templates, surveys");
      return;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      std::string key = it->first.Scalar();
      if (key == "metrics") {
        ForEachItem(ctx, it->second, "metrics", [&](const YAML::Node& n) { ParseMetric(ctx, n); });
      } else if (key == "scorecards") {
        ForEachItem(ctx, it->second, "scorecards",
                    [&](const YAML::Node& n) { ParseScorecard(ctx, n); });
      } else if (key == "rules") {
        ForEachItem(ctx, it->second, "rules", [&](const YAML::Node& n) { ParseRule(ctx, n); });
      } else if (key == "playbooks") {
        ForEachItem(ctx, it->second, "playbooks",
                    [&](const YAML::Node& n) { ParsePlaybook(ctx, n); });
      } else if (key == "surveys") {
        ForEachItem(ctx, it->second, "surveys", [&](const YAML::Node& n) { ParseSurvey(ctx, n); });
      } else if (key == "success_plan_templates") {
        ForEachItem(ctx, it->second, "success_plan_templates",
                    [&](const YAML::Node& n) { ParsePlanTemplate(ctx, n); });
      } else {
        Error(PosOf(ctx, it->first),
              "unknown key \"" + key +
                  "\" (expected metrics, scorecards, rules, playbooks, success_plan_templates, "
                  "surveys)");
      }
    }
  }

  std::variant<Definitions, std::vector<std::string>> Finish(std::vector<DefinitionFile> files) {
    // Compile every node, in dependency order, detecting cycles.
    for (const auto& m : defs_.metrics) Visit("metric:" + m.name);
    for (const auto& sc : defs_.scorecards) {
      for (const auto& m : sc.measures) Visit("measure:" + sc.name + "." + m.name);
      Visit("scorecard:" + sc.name);
    }
    CompileRules();
    if (!errors_.empty()) {
      std::vector<std::string> out;
      for (const auto& [pos, msg] : errors_) out.push_back(msg);
      return out;
    }
    defs_.files = std::move(files);
    return std::move(defs_);
  }

 private:
  // ---- errors and positions ----
  void Error(const SourcePos& pos, const std::string& msg) {
    std::string full = pos.ToString() + ": " + msg;
    errors_.emplace(std::make_tuple(pos.file, pos.line, pos.column, errors_.size()), full);
  }

  SourcePos PosOf(const FileCtx& ctx, const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return SourcePos{ctx.file->path, m.line + 1, m.column + 1};
  }

  template <typename Fn>
  void ForEachItem(FileCtx& ctx, const YAML::Node& n, const std::string& what, Fn fn) {
    if (n.IsNull()) return;
    if (!n.IsSequence()) {
      Error(PosOf(ctx, n), what + ": expected a list");
      return;
    }
    for (const auto& item : n) {
      if (!item.IsMap()) {
        Error(PosOf(ctx, item), what + ": expected each item to be a mapping");
        continue;
      }
      fn(item);
    }
  }

  void CheckKeys(FileCtx& ctx, const YAML::Node& n, std::initializer_list<std::string_view> allowed,
                 const std::string& what) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        Error(PosOf(ctx, it->first),
              "unknown key \"" + key + "\" in " + what + " (expected one of " + list + ")");
      }
    }
  }

  std::optional<std::string> Str(FileCtx& ctx, const YAML::Node& n, const std::string& key,
                                 bool required, const std::string& what) {
    YAML::Node v = n[key];
    if (!v || v.IsNull()) {
      if (required) Error(PosOf(ctx, n), what + ": missing \"" + key + "\"");
      return std::nullopt;
    }
    if (!v.IsScalar()) {
      Error(PosOf(ctx, v), what + ": \"" + key + "\" must be a single value");
      return std::nullopt;
    }
    return v.Scalar();
  }

  std::optional<double> Num(FileCtx& ctx, const YAML::Node& v, const std::string& what) {
    if (!v.IsScalar()) {
      Error(PosOf(ctx, v), what + ": expected a number");
      return std::nullopt;
    }
    try {
      size_t used = 0;
      double d = std::stod(v.Scalar(), &used);
      if (used == v.Scalar().size() && std::isfinite(d)) return d;
    } catch (...) {
    }
    Error(PosOf(ctx, v), what + ": \"" + v.Scalar() + "\" is not a number");
    return std::nullopt;
  }

  // A score: a number from 0 to 100.
  std::optional<double> Score(FileCtx& ctx, const YAML::Node& v, const std::string& what) {
    auto n = Num(ctx, v, what);
    if (n && (*n < 0 || *n > 100)) {
      Error(PosOf(ctx, v), what + " must be from 0 to 100, not " + v.Scalar());
      return std::nullopt;
    }
    return n;
  }

  // A whole number of days: 30 or "30d".
  std::optional<int> Days(FileCtx& ctx, const YAML::Node& v, const std::string& what, int min) {
    std::string s = v.IsScalar() ? v.Scalar() : "";
    if (!s.empty() && s.back() == 'd') s.pop_back();
    int d = 0;
    bool ok = !s.empty() && s.size() <= 6 && std::all_of(s.begin(), s.end(), ::isdigit);
    if (ok) d = std::stoi(s);
    if (!ok || d < min || d > 36500) {
      Error(PosOf(ctx, v), what + ": expected a whole number of days from " + std::to_string(min) +
                               " to 36500, not \"" +
                               (v.IsScalar() ? v.Scalar() : std::string("?")) + "\"");
      return std::nullopt;
    }
    return d;
  }

  std::vector<std::string> StrList(FileCtx& ctx, const YAML::Node& n, const std::string& key,
                                   std::initializer_list<std::string_view> allowed,
                                   const std::string& what) {
    std::vector<std::string> out;
    YAML::Node v = n[key];
    if (!v || v.IsNull()) return out;
    auto add = [&](const YAML::Node& item) {
      if (!item.IsScalar()) {
        Error(PosOf(ctx, item), what + ": \"" + key + "\" must list plain values");
        return;
      }
      std::string s = item.Scalar();
      if (allowed.size() && std::find(allowed.begin(), allowed.end(), s) == allowed.end()) {
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
        Error(PosOf(ctx, item), what + ": \"" + s + "\" is not one of " + list);
        return;
      }
      out.push_back(s);
    };
    if (v.IsSequence()) {
      for (const auto& item : v) add(item);
    } else {
      add(v);
    }
    return out;
  }

  // ---- metrics ----
  void ParseMetric(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n,
              {"name", "type", "window", "offset", "events", "survey", "status", "priority",
               "types", "roles", "scope", "expr", "description"},
              "metric");
    auto name = Str(ctx, n, "name", true, "metric");
    if (!name) return;
    std::string what = "metric " + *name;
    if (!IsIdentifier(*name)) {
      Error(PosOf(ctx, n["name"]), what + ": a name must be lowercase letters, digits and _");
      return;
    }
    MetricDef m;
    m.name = *name;
    if (auto t = Str(ctx, n, "type", true, what)) {
      if (!metrics::ParseMetricKind(*t, &m.kind)) {
        Error(
            PosOf(ctx, n["type"]),
            what + ": unknown type \"" + *t +
                "\" (expected event_count, distinct_users, "
                "distinct_features, active_days, days_since_last_event, survey_latest, "
                "survey_average, survey_count, ticket_count, ticket_csat_average, activity_count, "
                "days_since_activity, contact_count or expression)");
        return;
      }
    } else {
      return;
    }
    if (n["window"]) {
      if (auto d = Days(ctx, n["window"], what + ": window", 1)) m.window = *d;
    }
    if (n["offset"]) {
      if (auto d = Days(ctx, n["offset"], what + ": offset", 0)) m.offset = *d;
    }
    m.events = StrList(ctx, n, "events", {}, what);
    if (auto s = Str(ctx, n, "survey", false, what)) {
      if (*s != "nps" && *s != "csat" && *s != "advocacy_nps") {
        Error(PosOf(ctx, n["survey"]),
              what + ": survey \"" + *s + "\" is not one of nps|csat|advocacy_nps");
      }
      m.survey = *s;
    }
    bool is_survey = m.kind == MetricKind::kSurveyLatest || m.kind == MetricKind::kSurveyAverage ||
                     m.kind == MetricKind::kSurveyCount;
    if (is_survey && m.survey.empty())
      Error(PosOf(ctx, n), what + ": missing \"survey\" (nps, csat or advocacy_nps)");
    m.statuses = StrList(ctx, n, "status", {"open", "closed"}, what);
    m.priorities = StrList(ctx, n, "priority", {"low", "normal", "high", "urgent"}, what);
    std::vector<std::string_view> types;
    m.types = StrList(ctx, n, "types", {}, what);
    for (const auto& t : m.types) {
      if (ParseActivityType(t) == 255) {
        Error(PosOf(ctx, n["types"]), what + ": \"" + t + "\" is not an activity type");
      }
    }
    m.roles = StrList(ctx, n, "roles", {"champion", "decision_maker", "user", "admin"}, what);
    if (auto s = Str(ctx, n, "scope", false, what)) {
      if (*s == "workspace")
        m.scope = metrics::MetricScope::kWorkspace;
      else if (*s != "account")
        Error(PosOf(ctx, n["scope"]), what + ": scope must be account or workspace");
    }
    if (auto d = Str(ctx, n, "description", false, what)) m.description = *d;
    if (m.kind == MetricKind::kExpression) {
      auto e = Str(ctx, n, "expr", true, what);
      if (!e) return;
      m.expression = *e;
      expr_sites_["metric:" + m.name] = ExprSite{&ctx, n["expr"]};
    }
    if (auto prev = node_pos_.find("metric:" + m.name); prev != node_pos_.end()) {
      Error(PosOf(ctx, n), what + ": defined twice (also at " + prev->second.ToString() + ")");
      return;
    }
    if (AttributeType(m.name, defs_.custom_attributes)) {
      Error(PosOf(ctx, n["name"]), what + ": the name is taken by an account attribute");
      return;
    }
    node_pos_["metric:" + m.name] = PosOf(ctx, n);
    defs_.metrics.push_back(std::move(m));
  }

  // ---- scorecards ----
  std::vector<Band> ParseBands(FileCtx& ctx, const YAML::Node& list, const std::string& what,
                               bool color) {
    std::vector<Band> bands;
    if (!list.IsSequence() || list.size() == 0) {
      Error(PosOf(ctx, list), what + ": expected a list of bands");
      return bands;
    }
    for (const auto& item : list) {
      if (!item.IsMap()) {
        Error(PosOf(ctx, item), what + ": each band must be a mapping");
        continue;
      }
      CheckKeys(ctx, item, {"min", "below", color ? "color" : "score"}, what);
      Band b;
      b.pos = PosOf(ctx, item);
      if (item["min"]) b.min = Num(ctx, item["min"], what + ": min");
      if (item["below"]) b.below = Num(ctx, item["below"], what + ": below");
      if (color) {
        auto c = Str(ctx, item, "color", true, what);
        if (c) b.color = *c;
      } else if (!item["score"]) {
        Error(b.pos, what + ": missing \"score\"");
      } else if (auto s = Score(ctx, item["score"], what + ": score")) {
        b.score = *s;
      }
      bands.push_back(b);
    }
    // Bands must be ordered, without overlaps or gaps: each starts where the previous ends.
    for (size_t i = 0; i < bands.size(); ++i) {
      const Band& b = bands[i];
      if (b.min && b.below && *b.min >= *b.below) {
        Error(b.pos, what + ": band is empty (min " + Fmt(*b.min) + " is not below " +
                         Fmt(*b.below) + ")");
      }
      if (i == 0) continue;
      const Band& p = bands[i - 1];
      if (!p.below) {
        Error(b.pos,
              what + ": bands are not in increasing order (the previous band has no upper bound)");
      } else if (!b.min) {
        Error(b.pos,
              what + ": overlapping bands (this band has no \"min\" but follows one that ends at " +
                  Fmt(*p.below) + ")");
      } else if (*b.min < *p.below) {
        if (p.min && *b.min < *p.min) {
          Error(b.pos, what + ": bands are not in increasing order (min " + Fmt(*b.min) +
                           " comes after a band starting at " + Fmt(*p.min) + ")");
        } else {
          Error(b.pos, what + ": overlapping bands (min " + Fmt(*b.min) +
                           " is below the previous band's end " + Fmt(*p.below) + ")");
        }
      } else if (*b.min > *p.below) {
        Error(b.pos, what + ": gap between bands (values from " + Fmt(*p.below) + " to " +
                         Fmt(*b.min) + " fall in no band)");
      }
    }
    return bands;
  }

  static std::string Fmt(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }

  void ParseScorecard(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n, {"name", "label", "measures", "groups", "bands", "description"}, "scorecard");
    auto name = Str(ctx, n, "name", true, "scorecard");
    if (!name) return;
    std::string what = "scorecard " + *name;
    if (!IsIdentifier(*name)) {
      Error(PosOf(ctx, n["name"]), what + ": a name must be lowercase letters, digits and _");
      return;
    }
    if (auto prev = node_pos_.find("scorecard:" + *name); prev != node_pos_.end()) {
      Error(PosOf(ctx, n), what + ": defined twice (also at " + prev->second.ToString() + ")");
      return;
    }
    ScorecardDef sc;
    sc.name = *name;
    sc.label = Str(ctx, n, "label", false, what).value_or(*name);
    sc.pos = PosOf(ctx, n);
    if (n["groups"]) {
      ForEachItem(ctx, n["groups"], what + ": groups", [&](const YAML::Node& g) {
        CheckKeys(ctx, g, {"name", "label"}, what + " group");
        auto gname = Str(ctx, g, "name", true, what + " group");
        if (!gname) return;
        if (!IsIdentifier(*gname)) {
          Error(PosOf(ctx, g["name"]),
                what + ": group name must be lowercase letters, digits and _");
          return;
        }
        if (IsReservedResult(*gname)) {
          // Reported once here; the group is still declared so its measures are not also
          // reported as naming an unknown group (the definitions are rejected anyway).
          Error(PosOf(ctx, g["name"]),
                what + ": \"" + *gname + "\" is reserved for the scorecard's own results");
        }
        for (const auto& other : sc.groups) {
          if (other.name == *gname) {
            Error(PosOf(ctx, g["name"]), what + ": group \"" + *gname + "\" is declared twice");
            return;
          }
        }
        sc.groups.push_back({*gname, Str(ctx, g, "label", false, what).value_or(*gname)});
      });
    }
    sc.bands = n["bands"] ? ParseBands(ctx, n["bands"], what + ": bands", true)
                          : scorecard::DefaultBands();
    if (n["bands"] && !sc.bands.empty()) {
      const Band& first = sc.bands.front();
      const Band& last = sc.bands.back();
      if (first.min && *first.min > 0) {
        Error(first.pos, what + ": bands: overall scores from 0 to " + Fmt(*first.min) +
                             " have no color (start the first band at 0 or omit its min)");
      }
      if (last.below && *last.below <= 100) {
        Error(last.pos, what + ": bands: overall scores from " + Fmt(*last.below) +
                            " to 100 have no color (omit the last band's below)");
      }
    }
    if (!n["measures"] || !n["measures"].IsSequence() || n["measures"].size() == 0) {
      Error(PosOf(ctx, n), what + ": expected a non-empty list of measures");
    } else {
      ForEachItem(ctx, n["measures"], what + ": measures",
                  [&](const YAML::Node& m) { ParseMeasure(ctx, m, &sc); });
    }
    node_pos_["scorecard:" + sc.name] = sc.pos;
    defs_.scorecards.push_back(std::move(sc));
  }

  void ParseMeasure(FileCtx& ctx, const YAML::Node& n, ScorecardDef* sc) {
    CheckKeys(ctx, n,
              {"name", "label", "group", "value", "weight", "scoring", "manual", "description"},
              "measure");
    auto name = Str(ctx, n, "name", true, "scorecard " + sc->name + ": measure");
    if (!name) return;
    std::string what = "measure " + sc->name + "." + *name;
    if (!IsIdentifier(*name)) {
      Error(PosOf(ctx, n["name"]), what + ": a name must be lowercase letters, digits and _");
      return;
    }
    if (IsReservedResult(*name)) {
      Error(PosOf(ctx, n["name"]),
            what + ": \"" + *name + "\" is reserved for the scorecard's own results");
      return;
    }
    for (const auto& other : sc->measures) {
      if (other.name == *name) {
        Error(PosOf(ctx, n), what + ": defined twice (also at " + other.pos.ToString() + ")");
        return;
      }
    }
    for (const auto& g : sc->groups) {
      if (g.name == *name) {
        Error(PosOf(ctx, n["name"]), what + ": a group of the scorecard has the same name");
        return;
      }
    }
    MeasureDef m;
    m.name = *name;
    m.pos = PosOf(ctx, n);
    m.label = Str(ctx, n, "label", false, what).value_or(*name);
    m.description = Str(ctx, n, "description", false, what).value_or("");
    if (auto g = Str(ctx, n, "group", false, what)) {
      bool known =
          std::any_of(sc->groups.begin(), sc->groups.end(), [&](auto& x) { return x.name == *g; });
      if (!known)
        Error(PosOf(ctx, n["group"]),
              what + ": unknown group \"" + *g + "\" (declare it under the scorecard's groups)");
      m.group = *g;
    }
    if (!n["weight"]) {
      Error(m.pos, what + ": missing \"weight\" (a positive number)");
    } else {
      auto w = n["weight"].IsScalar() ? std::optional<double>() : std::nullopt;
      try {
        size_t used = 0;
        double d = std::stod(n["weight"].Scalar(), &used);
        if (used == n["weight"].Scalar().size()) w = d;
      } catch (...) {
      }
      if (!w || !(*w > 0) || !std::isfinite(*w)) {
        Error(PosOf(ctx, n["weight"]),
              what + ": weight must be a positive number, not \"" + n["weight"].Scalar() + "\"");
      } else {
        m.weight = *w;
      }
    }
    if (n["manual"]) {
      std::string v = Lower(n["manual"].IsScalar() ? n["manual"].Scalar() : "");
      if (v == "true" || v == "yes") {
        m.manual = true;
      } else if (v != "false" && v != "no") {
        Error(PosOf(ctx, n["manual"]), what + ": manual must be true or false");
      }
    }
    if (!m.manual) {
      if (!n["value"] || !n["value"].IsScalar()) {
        Error(m.pos, what + ": missing \"value\" (an expression), or set manual: true");
      } else {
        expr_sites_["measure:" + sc->name + "." + m.name] = ExprSite{&ctx, n["value"]};
      }
    }
    // Scoring scheme.
    YAML::Node s = n["scoring"];
    if (!s) {
      m.scoring.kind = SchemeKind::kLinear;  // value taken as a score 0..100, clamped
    } else if (!s.IsMap()) {
      Error(PosOf(ctx, s),
            what + ": scoring must be a mapping with one of steps, linear, map, expr");
    } else {
      CheckKeys(ctx, s, {"steps", "linear", "map", "default", "expr"}, what + " scoring");
      int kinds =
          (s["steps"] ? 1 : 0) + (s["linear"] ? 1 : 0) + (s["map"] ? 1 : 0) + (s["expr"] ? 1 : 0);
      if (kinds != 1) {
        Error(PosOf(ctx, s), what + ": scoring needs exactly one of steps, linear, map, expr");
      } else if (s["steps"]) {
        m.scoring.kind = SchemeKind::kSteps;
        m.scoring.steps = ParseBands(ctx, s["steps"], what + ": steps", false);
      } else if (s["linear"]) {
        m.scoring.kind = SchemeKind::kLinear;
        YAML::Node l = s["linear"];
        if (!l.IsMap()) {
          Error(PosOf(ctx, l), what + ": linear needs from and to");
        } else {
          CheckKeys(ctx, l, {"from", "to", "score_from", "score_to"}, what + " linear");
          if (!l["from"] || !l["to"]) Error(PosOf(ctx, l), what + ": linear needs from and to");
          if (l["from"]) m.scoring.from = Num(ctx, l["from"], what + ": from").value_or(0);
          if (l["to"]) m.scoring.to = Num(ctx, l["to"], what + ": to").value_or(100);
          if (l["score_from"])
            m.scoring.score_from = Score(ctx, l["score_from"], what + ": score_from").value_or(0);
          if (l["score_to"])
            m.scoring.score_to = Score(ctx, l["score_to"], what + ": score_to").value_or(100);
          if (m.scoring.from == m.scoring.to)
            Error(PosOf(ctx, l), what + ": linear from and to must differ");
        }
      } else if (s["map"]) {
        m.scoring.kind = SchemeKind::kMap;
        if (!s["map"].IsMap()) {
          Error(PosOf(ctx, s["map"]), what + ": map must map values to scores");
        } else {
          for (auto it = s["map"].begin(); it != s["map"].end(); ++it) {
            if (auto v = Score(ctx, it->second, what + ": map score"))
              m.scoring.map[it->first.Scalar()] = *v;
          }
        }
        if (s["default"]) m.scoring.map_default = Score(ctx, s["default"], what + ": default");
      } else {
        m.scoring.kind = SchemeKind::kExpression;
        if (!s["expr"].IsScalar())
          Error(PosOf(ctx, s["expr"]), what + ": expr must be an expression");
        else
          expr_sites_["scoring:" + sc->name + "." + m.name] = ExprSite{&ctx, s["expr"]};
      }
    }
    sc->measures.push_back(std::move(m));
  }

  // ---- rules, playbooks, success-plan templates ----
  // A template's text; its {{...}} names are checked once everything is known (with
  // `contact`: also the contact.* names of survey mail).
  std::string Template(FileCtx& ctx, const YAML::Node& n, const std::string& key,
                       const std::string& what, bool required, bool contact = false) {
    auto v = Str(ctx, n, key, required, what);
    if (!v) return "";
    if (n[key]) templates_.push_back({&ctx, n[key], what, contact});
    return *v;
  }

  std::string OneOfStr(FileCtx& ctx, const YAML::Node& n, const std::string& key,
                       std::initializer_list<std::string_view> allowed, const std::string& what,
                       const std::string& fallback) {
    auto v = Str(ctx, n, key, false, what);
    if (!v) return fallback;
    if (std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
      Error(PosOf(ctx, n[key]), what + ": " + key + " \"" + *v + "\" is not one of " + list);
    }
    return *v;
  }

  int DaysOr(FileCtx& ctx, const YAML::Node& n, const std::string& key, const std::string& what,
             int fallback) {
    if (!n[key]) return fallback;
    return Days(ctx, n[key], what + ": " + key, 0).value_or(fallback);
  }

  void ParseRule(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n, {"name", "description", "when", "actions", "auto_close", "enabled"}, "rule");
    auto name = Str(ctx, n, "name", true, "rule");
    if (!name) return;
    std::string what = "rule " + *name;
    if (!IsIdentifier(*name)) {
      Error(PosOf(ctx, n["name"]), what + ": a name must be lowercase letters, digits and _");
      return;
    }
    if (defs_.FindRule(*name)) {
      Error(PosOf(ctx, n), what + ": defined twice");
      return;
    }
    rules::RuleDef r;
    r.name = *name;
    r.pos = PosOf(ctx, n);
    r.description = Str(ctx, n, "description", false, what).value_or("");
    r.auto_close = Bool(ctx, n, "auto_close", what, false);
    r.enabled = Bool(ctx, n, "enabled", what, true);
    if (!n["when"] || !n["when"].IsScalar()) {
      Error(r.pos, what + ": missing \"when\" (a condition)");
    } else {
      rule_sites_[r.name] = ExprSite{&ctx, n["when"]};
    }
    if (!n["actions"] || !n["actions"].IsSequence() || n["actions"].size() == 0) {
      Error(r.pos, what + ": expected a non-empty list of actions");
    } else {
      for (const auto& a : n["actions"]) {
        if (!a.IsMap() || a.size() != 1) {
          Error(PosOf(ctx, a), what +
                                   ": each action is a mapping with one of cta, set_field, "
                                   "set_score, success_plan, webhook, send_survey");
          continue;
        }
        std::string kind = a.begin()->first.Scalar();
        YAML::Node b = a.begin()->second;
        rules::ActionDef act;
        act.pos = PosOf(ctx, a);
        std::string aw = what + ": " + kind;
        if (!b.IsMap() && kind != "send_survey") {
          Error(PosOf(ctx, b), aw + ": expected a mapping");
          continue;
        }
        if (kind == "cta") {
          act.kind = rules::ActionKind::kCta;
          CheckKeys(ctx, b,
                    {"type", "priority", "title", "description", "owner", "due_in_days", "playbook",
                     "reason", "renewal"},
                    aw);
          act.cta_type = OneOfStr(
              ctx, b, "type",
              {"risk", "opportunity", "lifecycle", "advocacy", "expansion", "activity"}, aw, "");
          if (act.cta_type.empty())
            Error(act.pos, aw + ": missing \"type\" (risk, opportunity, lifecycle, advocacy, "
                                "expansion or activity)");
          act.priority =
              OneOfStr(ctx, b, "priority", {"low", "medium", "high", "urgent"}, aw, "medium");
          act.title = Template(ctx, b, "title", aw, true);
          act.description = Template(ctx, b, "description", aw, false);
          act.owner = Str(ctx, b, "owner", false, aw).value_or("csm");
          act.due_in_days = DaysOr(ctx, b, "due_in_days", aw, 7);
          act.reason = Str(ctx, b, "reason", false, aw).value_or("");
          act.renewal = OneOfStr(ctx, b, "renewal", {"next"}, aw, "");
          if (auto p = Str(ctx, b, "playbook", false, aw)) {
            act.playbook = *p;
            playbook_refs_.push_back({*p, PosOf(ctx, b["playbook"]), aw});
          }
        } else if (kind == "set_field") {
          act.kind = rules::ActionKind::kSetField;
          CheckKeys(ctx, b, {"field", "value", "expr"}, aw);
          auto f = Str(ctx, b, "field", true, aw);
          if (f) {
            act.field = *f;
            if (!IsIdentifier(*f))
              Error(PosOf(ctx, b["field"]),
                    aw + ": a field name must be lowercase letters, digits and _");
            for (const auto& [std_name, t] : StandardAttributes()) {
              if (std_name == *f)
                Error(PosOf(ctx, b["field"]),
                      aw + ": \"" + *f + "\" is a standard attribute; rules set custom fields");
            }
          }
          if (b["expr"]) {
            field_sites_.push_back({&ctx, b["expr"], r.name, defs_.rules.size(), r.actions.size()});
          } else if (auto v = Str(ctx, b, "value", true, aw)) {
            act.literal = *v;
            ValueType t = ValueType::kText;
            std::string lv = Lower(*v);
            if (lv == "true" || lv == "false" || lv == "yes" || lv == "no") {
              t = ValueType::kBool;
            } else {
              try {
                size_t used = 0;
                std::stod(*v, &used);
                if (used == v->size()) t = ValueType::kNumber;
              } catch (...) {
              }
            }
            DeclareField(ctx, b["field"], act.field, t, aw);
          }
        } else if (kind == "set_score") {
          act.kind = rules::ActionKind::kSetScore;
          CheckKeys(ctx, b, {"scorecard", "measure", "score", "comment"}, aw);
          act.scorecard = Str(ctx, b, "scorecard", false, aw).value_or("health");
          act.measure = Str(ctx, b, "measure", true, aw).value_or("");
          if (b["score"])
            act.score = Score(ctx, b["score"], aw + ": score").value_or(0);
          else
            Error(act.pos, aw + ": missing \"score\"");
          act.comment = Template(ctx, b, "comment", aw, false);
          score_refs_.push_back({act.scorecard, act.measure, act.pos, aw});
        } else if (kind == "success_plan") {
          act.kind = rules::ActionKind::kSuccessPlan;
          CheckKeys(ctx, b, {"template"}, aw);
          act.plan_template = Str(ctx, b, "template", true, aw).value_or("");
          plan_refs_.push_back({act.plan_template, act.pos, aw});
        } else if (kind == "send_survey") {
          act.kind = rules::ActionKind::kSendSurvey;
          if (!b.IsScalar() || b.Scalar().empty()) {
            Error(PosOf(ctx, b), aw + ": expected the name of a survey");
            continue;
          }
          act.survey = b.Scalar();
          survey_refs_.push_back({act.survey, act.pos, aw});
        } else if (kind == "webhook") {
          act.kind = rules::ActionKind::kWebhook;
          CheckKeys(ctx, b, {"url", "format", "text"}, aw);
          act.url = Str(ctx, b, "url", true, aw).value_or("");
          if (!act.url.empty() && act.url.rfind("http://", 0) != 0 &&
              act.url.rfind("https://", 0) != 0) {
            Error(PosOf(ctx, b["url"]), aw + ": url must start with http:// or https://");
          }
          act.format = OneOfStr(ctx, b, "format", {"json", "slack"}, aw, "json");
          act.text = Template(ctx, b, "text", aw, false);
        } else {
          Error(PosOf(ctx, a.begin()->first),
                what + ": unknown action \"" + kind +
                    "\" (expected cta, set_field, set_score, success_plan, webhook or "
                    "send_survey)");
          continue;
        }
        r.actions.push_back(std::move(act));
      }
    }
    defs_.rules.push_back(std::move(r));
  }

  bool Bool(FileCtx& ctx, const YAML::Node& n, const std::string& key, const std::string& what,
            bool fallback) {
    if (!n[key]) return fallback;
    std::string v = Lower(n[key].IsScalar() ? n[key].Scalar() : "");
    if (v == "true" || v == "yes") return true;
    if (v == "false" || v == "no") return false;
    Error(PosOf(ctx, n[key]), what + ": " + key + " must be true or false");
    return fallback;
  }

  std::vector<cockpit::TaskTemplate> Tasks(FileCtx& ctx, const YAML::Node& n,
                                           const std::string& what) {
    std::vector<cockpit::TaskTemplate> out;
    if (!n["tasks"]) return out;
    ForEachItem(ctx, n["tasks"], what + ": tasks", [&](const YAML::Node& t) {
      CheckKeys(ctx, t, {"title", "due_in_days", "owner"}, what + " task");
      cockpit::TaskTemplate tt;
      auto title = Str(ctx, t, "title", true, what + " task");
      if (!title) return;
      tt.title = *title;
      tt.due_in_days = DaysOr(ctx, t, "due_in_days", what, 7);
      tt.owner_role = Str(ctx, t, "owner", false, what).value_or("csm");
      out.push_back(tt);
    });
    return out;
  }

  // The name, label and description shared by playbooks and plan templates; false (with an
  // error) when the name is missing or taken.
  template <typename T>
  bool NamedHeader(FileCtx& ctx, const YAML::Node& n, const std::string& kind, bool taken,
                   const std::optional<std::string>& name, T* out, std::string* what) {
    if (!name) return false;
    *what = kind + " " + *name;
    if (taken) {
      Error(PosOf(ctx, n), *what + ": defined twice");
      return false;
    }
    out->name = *name;
    out->label = Str(ctx, n, "label", false, *what).value_or(*name);
    out->description = Str(ctx, n, "description", false, *what).value_or("");
    return true;
  }

  void ParsePlaybook(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n, {"name", "label", "description", "tasks"}, "playbook");
    auto name = Str(ctx, n, "name", true, "playbook");
    cockpit::PlaybookDef p;
    std::string what;
    if (!NamedHeader(ctx, n, "playbook", name && defs_.FindPlaybook(*name), name, &p, &what))
      return;
    p.tasks = Tasks(ctx, n, what);
    if (p.tasks.empty()) Error(PosOf(ctx, n), what + ": expected a non-empty list of tasks");
    defs_.playbooks.push_back(std::move(p));
  }

  void ParseSurvey(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n, {"name", "kind", "subject", "body", "question", "expires_in_days", "questions"},
              "survey");
    auto name = Str(ctx, n, "name", true, "survey");
    if (!name) return;
    std::string what = "survey " + *name;
    if (!IsIdentifier(*name)) {
      Error(PosOf(ctx, n["name"]), what + ": a name must be lowercase letters, digits and _");
      return;
    }
    if (defs_.FindSurvey(*name)) {
      Error(PosOf(ctx, n), what + ": defined twice");
      return;
    }
    surveys::SurveyDef s;
    s.name = *name;
    s.pos = PosOf(ctx, n);
    s.kind = OneOfStr(ctx, n, "kind", {"nps", "csat", "advocacy_nps"}, what, "nps");
    if (!n["kind"]) Error(s.pos, what + ": missing \"kind\" (nps, csat or advocacy_nps)");
    s.subject = Template(ctx, n, "subject", what, true, /*contact=*/true);
    s.body = Template(ctx, n, "body", what, true, /*contact=*/true);
    s.question = Str(ctx, n, "question", false, what).value_or("");
    if (n["expires_in_days"]) {
      s.expires_in_days = Days(ctx, n["expires_in_days"], what + ": expires_in_days", 1).value_or(30);
    }
    if (n["questions"]) {
      ForEachItem(ctx, n["questions"], what + ": questions", [&](const YAML::Node& q) {
        CheckKeys(ctx, q, {"id", "type", "text", "options", "min", "max"}, what + " question");
        surveys::SurveyQuestion sq;
        auto id = Str(ctx, q, "id", true, what + " question");
        if (!id) return;
        std::string qw = what + ": question " + *id;
        if (!IsIdentifier(*id)) {
          Error(PosOf(ctx, q["id"]), qw + ": an id must be lowercase letters, digits and _");
        }
        for (const auto& other : s.questions) {
          if (other.id == *id) Error(PosOf(ctx, q), qw + ": defined twice");
        }
        sq.id = *id;
        sq.type = OneOfStr(ctx, q, "type", {"single_choice", "scale", "text"}, qw, "text");
        sq.text = Str(ctx, q, "text", true, qw).value_or("");
        if (q["options"]) {
          if (!q["options"].IsSequence()) {
            Error(PosOf(ctx, q["options"]), qw + ": options must be a list");
          } else {
            for (const auto& o : q["options"]) {
              if (o.IsScalar() && !o.Scalar().empty()) {
                sq.options.push_back(o.Scalar());
              } else {
                Error(PosOf(ctx, o), qw + ": each option is a text");
              }
            }
          }
        }
        if (sq.type == "single_choice" && sq.options.size() < 2) {
          Error(PosOf(ctx, q), qw + ": a single_choice question needs at least two options");
        }
        if (sq.type != "single_choice" && q["options"]) {
          Error(PosOf(ctx, q["options"]), qw + ": only single_choice questions have options");
        }
        if (sq.type == "scale") {
          if (q["min"]) sq.min = static_cast<int>(Num(ctx, q["min"], qw + ": min").value_or(1));
          if (q["max"]) sq.max = static_cast<int>(Num(ctx, q["max"], qw + ": max").value_or(5));
          if (sq.min >= sq.max || sq.min < 0 || sq.max > 100) {
            Error(PosOf(ctx, q), qw + ": a scale needs 0 <= min < max <= 100");
          }
        }
        s.questions.push_back(std::move(sq));
      });
    }
    defs_.surveys.push_back(std::move(s));
  }

  void ParsePlanTemplate(FileCtx& ctx, const YAML::Node& n) {
    CheckKeys(ctx, n, {"name", "label", "description", "objectives"}, "success plan template");
    auto name = Str(ctx, n, "name", true, "success plan template");
    cockpit::PlanTemplateDef p;
    std::string what;
    if (!NamedHeader(ctx, n, "success plan template", name && defs_.FindPlanTemplate(*name), name,
                     &p, &what)) {
      return;
    }
    if (n["objectives"]) {
      ForEachItem(ctx, n["objectives"], what + ": objectives", [&](const YAML::Node& o) {
        CheckKeys(ctx, o, {"title", "description", "due_in_days", "tasks"}, what + " objective");
        cockpit::ObjectiveTemplate ot;
        auto title = Str(ctx, o, "title", true, what + " objective");
        if (!title) return;
        ot.title = *title;
        ot.description = Str(ctx, o, "description", false, what).value_or("");
        ot.due_in_days = DaysOr(ctx, o, "due_in_days", what, 30);
        ot.tasks = Tasks(ctx, o, what);
        p.objectives.push_back(std::move(ot));
      });
    }
    if (p.objectives.empty())
      Error(PosOf(ctx, n), what + ": expected a non-empty list of objectives");
    defs_.plan_templates.push_back(std::move(p));
  }

  // Records that rules set custom field `name` of type `t` (one type per field).
  void DeclareField(FileCtx& ctx, const YAML::Node& at, const std::string& name, ValueType t,
                    const std::string& what) {
    if (name.empty()) return;
    if (t == ValueType::kNull) t = ValueType::kText;
    auto known = AttributeType(name, defs_.custom_attributes);
    if (!known) known = AttributeType(name, defs_.rule_fields);
    if (known && *known != t) {
      Error(PosOf(ctx, at), what + ": field \"" + name + "\" holds " +
                                std::string(ValueTypeName(*known)) + ", not " +
                                std::string(ValueTypeName(t)));
      return;
    }
    if (!known) defs_.rule_fields.push_back({name, t});
  }

  // Rules come last: their conditions may name anything, and nothing names a rule. The
  // expressions of set_field actions are compiled first so conditions can name the fields.
  void CompileRules() {
    for (const auto& f : field_sites_) {
      auto p = CompileAt(ExprSite{f.ctx, f.node}, std::nullopt, "rule " + f.rule + ": set_field");
      if (!p) continue;
      auto& act = defs_.rules[f.rule_index].actions[f.action_index];
      act.value = p;
      DeclareField(*f.ctx, f.node, act.field, p->type(), "rule " + f.rule + ": set_field");
    }
    field_sites_.clear();
    for (auto& r : defs_.rules) {
      auto site = rule_sites_.find(r.name);
      if (site == rule_sites_.end()) continue;
      r.condition = CompileAt(site->second, std::nullopt, "rule " + r.name);
      if (r.condition && r.condition->type() != ValueType::kBool &&
          r.condition->type() != ValueType::kNull) {
        Error(PosOf(*site->second.ctx, site->second.node),
              "rule " + r.name + ": type error: a condition must be true or false, not " +
                  std::string(ValueTypeName(r.condition->type())));
      }
    }
    for (const auto& f : field_sites_) {
      auto p = CompileAt(ExprSite{f.ctx, f.node}, std::nullopt, "rule " + f.rule + ": set_field");
      if (!p) continue;
      auto& act = defs_.rules[f.rule_index].actions[f.action_index];
      act.value = p;
      DeclareField(*f.ctx, f.node, act.field, p->type(), "rule " + f.rule + ": set_field");
    }
    for (const auto& t : templates_) {
      for (const std::string& name : rules::TemplateNames(t.node.Scalar())) {
        if (t.contact && surveys::IsContactTemplateName(name)) continue;
        std::string n = Lower(rules::TemplateNameToExpressionName(name));
        if (!ResolveName(n)) {
          Error(PosOf(*t.ctx, t.node), t.what + ": unknown name \"" + name + "\" in {{...}}");
        }
      }
    }
    for (const auto& ref : playbook_refs_) {
      if (!defs_.FindPlaybook(ref.name))
        Error(ref.pos, ref.what + ": unknown playbook \"" + ref.name + "\"");
    }
    for (const auto& ref : survey_refs_) {
      if (!defs_.FindSurvey(ref.name)) Error(ref.pos, ref.what + ": unknown survey \"" + ref.name + "\"");
    }
    for (const auto& ref : plan_refs_) {
      if (!defs_.FindPlanTemplate(ref.name))
        Error(ref.pos, ref.what + ": unknown success plan template \"" + ref.name + "\"");
    }
    for (const auto& ref : score_refs_) {
      const ScorecardDef* sc = defs_.FindScorecard(ref.scorecard);
      bool ok = sc && std::any_of(sc->measures.begin(), sc->measures.end(),
                                  [&](auto& m) { return m.name == ref.measure; });
      if (!ok)
        Error(ref.pos,
              ref.what + ": unknown measure \"" + ref.scorecard + "." + ref.measure + "\"");
    }
  }

  // ---- compiling, in dependency order ----
  struct ExprSite {
    FileCtx* ctx;
    YAML::Node node;
  };

  // The schema of a node's expressions: resolves names, visiting what they depend on.
  class NodeSchema : public rules::expr::Schema {
   public:
    NodeSchema(Compiler* c, std::optional<ValueType> value_type) : c_(c), value_type_(value_type) {}
    std::optional<ValueType> TypeOf(std::string_view name) const override {
      if (value_type_ && name == "value") return *value_type_;
      return c_->ResolveName(name);
    }

   private:
    Compiler* c_;
    std::optional<ValueType> value_type_;
  };

  std::optional<ValueType> ResolveName(std::string_view name) {
    if (auto t = AttributeType(name, defs_.custom_attributes)) return t;
    if (auto t = AttributeType(name, defs_.rule_fields)) return t;
    std::string n(name);
    if (defs_.FindMetric(n)) return Visit("metric:" + n);
    auto dot = n.find('.');
    if (dot == std::string::npos) return std::nullopt;
    std::string sc_name = n.substr(0, dot), rest = n.substr(dot + 1);
    const ScorecardDef* sc = defs_.FindScorecard(sc_name);
    if (!sc) return std::nullopt;
    if (rest == "overall" || rest == "color" || rest == "overall_change_7d" ||
        rest == "overall_change_30d") {
      Visit("scorecard:" + sc_name);
      return rest == "color" ? ValueType::kText : ValueType::kNumber;
    }
    for (const auto& g : sc->groups) {
      if (g.name == rest) {
        Visit("scorecard:" + sc_name);
        return ValueType::kNumber;
      }
    }
    bool value = rest.size() > 6 && rest.substr(rest.size() - 6) == ".value";
    std::string mname = value ? rest.substr(0, rest.size() - 6) : rest;
    for (const auto& m : sc->measures) {
      if (m.name != mname) continue;
      auto t = Visit("measure:" + sc_name + "." + mname);
      if (!value) return ValueType::kNumber;
      return t;
    }
    return std::nullopt;
  }

  // Compiles a node once; returns its value type. Detects cycles through `stack_`.
  std::optional<ValueType> Visit(const std::string& node) {
    if (auto it = types_.find(node); it != types_.end()) return it->second;
    auto on_stack = std::find(stack_.begin(), stack_.end(), node);
    if (on_stack != stack_.end()) {
      std::string path;
      for (auto it = on_stack; it != stack_.end(); ++it) path += Display(*it) + " -> ";
      path += Display(node);
      if (!cycle_reported_.count(node)) {
        cycle_reported_.insert(node);
        Error(NodePos(node), "cycle between definitions: " + path);
      }
      return ValueType::kNumber;  // keep checking the rest
    }
    stack_.push_back(node);
    std::optional<ValueType> t = CompileNode(node);
    stack_.pop_back();
    types_[node] = t;
    defs_.order.push_back(node);
    return t;
  }

  static std::string Display(const std::string& node) { return node.substr(node.find(':') + 1); }

  SourcePos NodePos(const std::string& node) {
    if (auto it = expr_sites_.find(node); it != expr_sites_.end())
      return PosOf(*it->second.ctx, it->second.node);
    if (node.rfind("measure:", 0) == 0) {
      std::string rest = node.substr(8);
      auto dot = rest.find('.');
      if (const auto* sc = defs_.FindScorecard(rest.substr(0, dot))) {
        for (const auto& m : sc->measures) {
          if (m.name == rest.substr(dot + 1)) return m.pos;
        }
      }
    }
    if (auto it = node_pos_.find(node); it != node_pos_.end()) return it->second;
    return SourcePos{};
  }

  // Compiles the expression at `site`; reports diagnostics at their file positions.
  std::shared_ptr<const Program> CompileAt(const ExprSite& site,
                                           std::optional<ValueType> value_type,
                                           const std::string& what) {
    std::string source = site.node.Scalar();
    NodeSchema schema(this, value_type);
    auto result = Program::Compile(source, schema);
    if (auto* diags = std::get_if<std::vector<Diagnostic>>(&result)) {
      std::vector<SourcePos> where = ScalarPositions(*site.ctx, site.node, source);
      for (const Diagnostic& d : *diags) {
        // The diagnostic's offset in the expression, then where that character sits in the file.
        size_t offset = 0;
        int line = 1;
        for (size_t k = 0; k < source.size() && line < d.line; ++k) {
          if (source[k] == '\n') {
            ++line;
            offset = k + 1;
          }
        }
        offset += static_cast<size_t>(std::max(1, d.column) - 1);
        SourcePos pos =
            where.empty() ? PosOf(*site.ctx, site.node) : where[std::min(offset, where.size() - 1)];
        Error(pos, what + ": " + d.message);
      }
      return nullptr;
    }
    return std::make_shared<const Program>(std::get<Program>(std::move(result)));
  }

  // Where each character of a scalar's value sits in its file, plus one position past the
  // end. Plain, quoted ('' and \ escapes), literal (|) and folded (>) scalars, on one or more
  // lines: each value character is matched to the next source character that can have
  // produced it (a line break or fold to the end of its line).
  std::vector<SourcePos> ScalarPositions(const FileCtx& ctx, const YAML::Node& n,
                                         const std::string& value) const {
    std::vector<SourcePos> out;
    size_t line = static_cast<size_t>(std::max(0, n.Mark().line));
    size_t col = static_cast<size_t>(std::max(0, n.Mark().column));
    if (line >= ctx.lines.size()) return out;
    const std::string& path = ctx.file->path;
    char style = col < ctx.lines[line].size() ? ctx.lines[line][col] : ' ';
    bool quoted = style == '"' || style == '\'';
    size_t indent = 0;
    if (quoted) {
      ++col;
    } else if (style == '|' || style == '>') {
      ++line;
      if (line >= ctx.lines.size()) return out;
      indent = ctx.lines[line].find_first_not_of(' ');
      if (indent == std::string::npos) indent = 0;
      col = indent;
    }
    auto next_line = [&] {
      ++line;
      if (line >= ctx.lines.size()) return false;
      const std::string& t = ctx.lines[line];
      size_t first = t.find_first_not_of(" \t");
      col = style == '|' || style == '>' ? std::min(indent, t.size())
                                         : (first == std::string::npos ? t.size() : first);
      return true;
    };
    for (char v : value) {
      for (;;) {
        if (line >= ctx.lines.size()) {
          out.push_back(SourcePos{path, static_cast<int>(ctx.lines.size()), 1});
          break;
        }
        const std::string& t = ctx.lines[line];
        if (col >= t.size()) {
          // A line break in the source: a newline or a fold in the value.
          SourcePos here{path, static_cast<int>(line + 1), static_cast<int>(col + 1)};
          if (!next_line()) {
            out.push_back(here);
            break;
          }
          if (v == ' ' || v == '\n') {
            out.push_back(here);
            break;
          }
          continue;
        }
        SourcePos here{path, static_cast<int>(line + 1), static_cast<int>(col + 1)};
        char c = t[col];
        if (style == '\'' && c == '\'' && col + 1 < t.size() && t[col + 1] == '\'') {
          out.push_back(here);
          col += 2;
          break;
        }
        if (style == '"' && c == '\\') {
          out.push_back(here);
          col += 2;
          break;
        }
        ++col;
        if (c == v) {
          out.push_back(here);
          break;
        }
      }
    }
    // One past the end, for diagnostics at the end of the expression.
    if (line < ctx.lines.size()) {
      out.push_back(SourcePos{path, static_cast<int>(line + 1), static_cast<int>(col + 1)});
    } else if (!out.empty()) {
      out.push_back(out.back());
    }
    return out;
  }

  std::optional<ValueType> CompileNode(const std::string& node) {
    if (node.rfind("metric:", 0) == 0) {
      std::string name = node.substr(7);
      const MetricDef* m = defs_.FindMetric(name);
      if (!m) return std::nullopt;
      if (m->kind != MetricKind::kExpression) return ValueType::kNumber;
      auto site = expr_sites_.find(node);
      if (site == expr_sites_.end()) return std::nullopt;
      auto p = CompileAt(site->second, std::nullopt, "metric " + name);
      if (!p) return ValueType::kNumber;
      defs_.metric_programs[name] = p;
      return p->type();
    }
    if (node.rfind("measure:", 0) == 0) {
      std::string rest = node.substr(8);
      auto dot = rest.find('.');
      ScorecardDef* sc = FindScorecardMut(rest.substr(0, dot));
      if (!sc) return std::nullopt;
      MeasureDef* m = nullptr;
      for (auto& x : sc->measures) {
        if (x.name == rest.substr(dot + 1)) m = &x;
      }
      if (!m) return std::nullopt;
      std::string what = "measure " + rest;
      std::optional<ValueType> vt = ValueType::kNumber;
      if (!m->manual) {
        auto site = expr_sites_.find(node);
        if (site == expr_sites_.end()) return std::nullopt;
        m->value = CompileAt(site->second, std::nullopt, what);
        if (!m->value) return ValueType::kNumber;
        vt = m->value->type();
        auto pos = PosOf(*site->second.ctx, site->second.node);
        switch (m->scoring.kind) {
          case SchemeKind::kSteps:
          case SchemeKind::kLinear:
            if (vt != ValueType::kNumber && vt != ValueType::kNull) {
              Error(pos, what + ": type error: " +
                             (m->scoring.kind == SchemeKind::kSteps ? "steps" : "linear") +
                             " scoring needs a number, but the value is " +
                             std::string(ValueTypeName(*vt)));
            }
            break;
          case SchemeKind::kMap:
            if (vt == ValueType::kDate)
              Error(pos, what + ": map scoring needs text, a number or a boolean, not a date");
            break;
          case SchemeKind::kExpression:
            break;
        }
      }
      if (m->scoring.kind == SchemeKind::kExpression) {
        auto site = expr_sites_.find("scoring:" + rest);
        if (site != expr_sites_.end()) {
          m->scoring.expression = CompileAt(site->second, vt, what + " scoring");
          if (m->scoring.expression && m->scoring.expression->type() != ValueType::kNumber &&
              m->scoring.expression->type() != ValueType::kNull) {
            Error(PosOf(*site->second.ctx, site->second.node),
                  what + ": type error: a scoring expression must give a number, not " +
                      std::string(ValueTypeName(m->scoring.expression->type())));
          }
        }
      }
      return vt;
    }
    if (node.rfind("scorecard:", 0) == 0) {
      const ScorecardDef* sc = defs_.FindScorecard(node.substr(10));
      if (!sc) return std::nullopt;
      for (const auto& m : sc->measures) Visit("measure:" + sc->name + "." + m.name);
      return ValueType::kNumber;
    }
    return std::nullopt;
  }

  ScorecardDef* FindScorecardMut(std::string_view name) {
    for (auto& s : defs_.scorecards) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  Definitions defs_;
  std::vector<std::unique_ptr<FileCtx>> files_;
  std::map<std::string, ExprSite> expr_sites_;
  std::map<std::string, ExprSite> rule_sites_;
  struct TemplateSite {
    FileCtx* ctx;
    YAML::Node node;
    std::string what;
    bool contact = false;  // survey mail: contact.* names too
  };
  std::vector<TemplateSite> templates_;
  struct FieldSite {
    FileCtx* ctx;
    YAML::Node node;
    std::string rule;
    size_t rule_index, action_index;
  };
  std::vector<FieldSite> field_sites_;
  struct Ref {
    std::string name;
    SourcePos pos;
    std::string what;
  };
  std::vector<Ref> playbook_refs_, plan_refs_, survey_refs_;
  struct ScoreRef {
    std::string scorecard, measure;
    SourcePos pos;
    std::string what;
  };
  std::vector<ScoreRef> score_refs_;
  std::map<std::string, SourcePos> node_pos_;
  std::map<std::string, std::optional<ValueType>> types_;
  std::vector<std::string> stack_;
  std::set<std::string> cycle_reported_;
  // Sorted by position so messages read top to bottom.
  std::map<std::tuple<std::string, int, int, size_t>, std::string> errors_;
};

}  // namespace

namespace {
// The element of `list` whose name is `name`, or nullptr.
template <typename T>
const T* FindNamed(const std::vector<T>& list, std::string_view name) {
  for (const T& x : list) {
    if (x.name == name) return &x;
  }
  return nullptr;
}
}  // namespace

const metrics::MetricDef* Definitions::FindMetric(std::string_view name) const {
  return FindNamed(metrics, name);
}
const scorecard::ScorecardDef* Definitions::FindScorecard(std::string_view name) const {
  return FindNamed(scorecards, name);
}
const rules::RuleDef* Definitions::FindRule(std::string_view name) const {
  return FindNamed(rules, name);
}
const cockpit::PlaybookDef* Definitions::FindPlaybook(std::string_view name) const {
  return FindNamed(playbooks, name);
}
const surveys::SurveyDef* Definitions::FindSurvey(std::string_view name) const {
  return FindNamed(surveys, name);
}

const cockpit::PlanTemplateDef* Definitions::FindPlanTemplate(std::string_view name) const {
  return FindNamed(plan_templates, name);
}

std::variant<std::shared_ptr<const rules::expr::Program>, std::string> CompileCondition(
    const Definitions& defs, const std::string& condition) {
  class DefsSchema : public rules::expr::Schema {
   public:
    explicit DefsSchema(const Definitions& d) : d_(d) {}
    std::optional<ValueType> TypeOf(std::string_view name) const override {
      return NameType(d_, name);
    }

   private:
    const Definitions& d_;
  } schema(defs);
  auto result = Program::Compile(condition, schema);
  if (auto* diags = std::get_if<std::vector<Diagnostic>>(&result)) {
    return rules::expr::RenderAll(*diags, condition);
  }
  auto p = std::make_shared<const Program>(std::get<Program>(std::move(result)));
  if (p->type() != ValueType::kBool && p->type() != ValueType::kNull) {
    return "type error: a condition must be true or false, not " +
           std::string(ValueTypeName(p->type()));
  }
  return p;
}

std::variant<Definitions, std::vector<std::string>> Compile(
    std::vector<DefinitionFile> files, const std::vector<store::AttributeDef>& custom_attributes) {
  Compiler c(custom_attributes);
  for (const auto& f : files) c.AddFile(f);
  return c.Finish(std::move(files));
}

Result<std::vector<DefinitionFile>> ReadDefinitionFiles(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> paths;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         it != fs::recursive_directory_iterator(); ++it) {
      auto ext = it->path().extension().string();
      if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml"))
        paths.push_back(it->path().string());
    }
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) return NotFound("definitions.noFiles", path + ": no .yaml or .yml files");
  } else if (fs::is_regular_file(path, ec)) {
    paths.push_back(path);
  } else {
    return NotFound("definitions.notFound", path + ": no such file or folder");
  }
  std::vector<DefinitionFile> out;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return Internal("definitions.cannotRead", p + ": cannot read");
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back({p, ss.str()});
  }
  return out;
}

std::optional<ValueType> NameType(const Definitions& defs, std::string_view name) {
  if (auto t = AttributeType(name, defs.custom_attributes)) return t;
  if (auto t = AttributeType(name, defs.rule_fields)) return t;
  if (const auto* m = defs.FindMetric(name)) {
    if (m->kind != MetricKind::kExpression) return ValueType::kNumber;
    auto it = defs.metric_programs.find(m->name);
    return it == defs.metric_programs.end() ? std::nullopt
                                            : std::optional<ValueType>(it->second->type());
  }
  std::string n(name);
  auto dot = n.find('.');
  if (dot == std::string::npos) return std::nullopt;
  const auto* sc = defs.FindScorecard(n.substr(0, dot));
  if (!sc) return std::nullopt;
  std::string rest = n.substr(dot + 1);
  if (rest == "color") return ValueType::kText;
  if (rest == "overall" || rest == "overall_change_7d" || rest == "overall_change_30d")
    return ValueType::kNumber;
  for (const auto& g : sc->groups) {
    if (g.name == rest) return ValueType::kNumber;
  }
  bool value = rest.size() > 6 && rest.substr(rest.size() - 6) == ".value";
  std::string mname = value ? rest.substr(0, rest.size() - 6) : rest;
  for (const auto& m : sc->measures) {
    if (m.name != mname) continue;
    if (!value) return ValueType::kNumber;
    return m.value ? m.value->type() : ValueType::kNumber;
  }
  return std::nullopt;
}

}  // namespace tend::definitions

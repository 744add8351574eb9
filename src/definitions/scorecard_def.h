// ScorecardDef: a health scorecard as declared in YAML, with its expressions compiled.
//
// A scorecard has measures (a value expression, a weight and a scoring scheme turning the
// value into a score 0..100), optional groups of measures with their own scores, an overall
// score (weighted mean of the measures that are not N/A, rounded half-up to 2 decimals) and a
// color from ordered bands over the rounded overall.
#ifndef TEND_DEFINITIONS_SCORECARD_DEF_H_
#define TEND_DEFINITIONS_SCORECARD_DEF_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rules/expr/program.h"

namespace tend::scorecard {

// Where a definition came from, for messages: file:line:column (1-based).
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

// A half-open range [min, below) mapped to a result; a missing bound is unbounded.
struct Band {
  std::optional<double> min, below;
  double score = 0;   // steps
  std::string color;  // color bands
  SourcePos pos;
  bool Contains(double v) const { return (!min || v >= *min) && (!below || v < *below); }
};

enum class SchemeKind { kSteps, kLinear, kMap, kExpression };

struct Scoring {
  SchemeKind kind = SchemeKind::kLinear;
  std::vector<Band> steps;                // kSteps
  double from = 0, to = 100;              // kLinear: value range ...
  double score_from = 0, score_to = 100;  // ... mapped onto this score range, clamped
  std::map<std::string, double> map;      // kMap: value (as text) -> score
  std::optional<double> map_default;      // kMap: score for values not in the map
  std::shared_ptr<const rules::expr::Program> expression;  // kExpression, over `value`
};

struct MeasureDef {
  std::string name;
  std::string label;
  std::string group;  // empty: none
  std::string description;
  double weight = 1;
  bool manual = false;  // scored only by people (overrides), no value expression
  std::shared_ptr<const rules::expr::Program> value;
  Scoring scoring;
  SourcePos pos;
};

struct GroupDef {
  std::string name;
  std::string label;
};

struct ScorecardDef {
  std::string name;
  std::string label;
  std::vector<MeasureDef> measures;
  std::vector<GroupDef> groups;
  std::vector<Band> bands;  // colors over the rounded overall, ordered
  SourcePos pos;
};

// The default bands: red < 50 <= yellow < 75 <= green.
std::vector<Band> DefaultBands();

}  // namespace tend::scorecard

#endif  // TEND_DEFINITIONS_SCORECARD_DEF_H_

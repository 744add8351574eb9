// Generic tabular data for `tend predict eval`: reads a CSV file with a binary label,
// infers each column's type and turns the usable ones into a Frame.
//
// Type inference (InferColumnRole) per column, over its values with blanks and the usual
// missing markers (NA, N/A, NaN, null, none, ?) set aside:
//   numeric      every present value is a number (ParseNumber after trimming);
//   categorical  text with few distinct values (<= 50, or <= 200 and <= 5% of rows);
//   identifier   text whose values are (nearly) all distinct: excluded;
//   free_text    other many-valued text, or long text: excluded;
//   constant     one distinct value, or none at all: excluded.
// The --id column and the label column are never features.
//
// Failures (Status): kNotFound "predict.missingColumn" when the id or label column is not
// in the header; kInvalidArgument "predict.labelClasses" when the label does not have
// exactly two distinct values, "predict.unknownPositive" when --positive is not one of them,
// "predict.blankLabel" / "predict.badRow" with file:line; reader errors as they come.
#ifndef TEND_PREDICT_TABULAR_H_
#define TEND_PREDICT_TABULAR_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "predict/frame.h"

namespace tend::predict {

enum class ColumnRole { kNumeric, kCategorical, kIdentifier, kFreeText, kConstant, kId, kLabel };
// "numeric", "categorical", "identifier", "free_text", "constant", "id", "label".
std::string_view ColumnRoleName(ColumnRole role);

// True for blank text and the usual missing-value markers.
bool IsMissingText(std::string_view s);
// The role of a column from its raw values (see the file comment).
ColumnRole InferColumnRole(std::span<const std::string> values);

struct ColumnInfo {
  std::string name;
  ColumnRole role;
  size_t distinct = 0;  // distinct present values
  size_t missing = 0;   // blank or missing-marker values
};

struct LabelledTable {
  Frame frame;                      // the feature columns only
  std::vector<float> labels;        // 1 = positive
  std::vector<ColumnInfo> columns;  // every column of the file, in file order
  std::string positive, negative;   // the label's two values
};

// Reads `path`. `positive` empty: 1, true, yes or y when the label is such a pair, else the
// rarer value (the later one in byte order on a tie).
Result<LabelledTable> ReadLabelledCsv(const std::string& path, const std::string& id_column,
                                      const std::string& label_column, const std::string& positive);

}  // namespace tend::predict

#endif  // TEND_PREDICT_TABULAR_H_

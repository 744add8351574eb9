#include "definitions/scorecard_def.h"

namespace tend::scorecard {

std::vector<Band> DefaultBands() {
  Band red, yellow, green;
  red.below = 50;
  red.color = "red";
  yellow.min = 50;
  yellow.below = 75;
  yellow.color = "yellow";
  green.min = 75;
  green.color = "green";
  return {red, yellow, green};
}

}  // namespace tend::scorecard

#include "common/clock.h"

namespace tend {

const Clock& DefaultClock() {
  static const SystemClock clock;
  return clock;
}

}  // namespace tend

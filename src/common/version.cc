#include "common/version.h"

#ifndef TEND_VERSION
#define TEND_VERSION "unknown"
#endif

namespace tend {

const char* Version() { return TEND_VERSION; }

}  // namespace tend

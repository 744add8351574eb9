// The version of this build of tend (CMake's project version): `tend --version`, the
// tend_build_info metric, the User-Agent of webhook deliveries.
#ifndef TEND_COMMON_VERSION_H_
#define TEND_COMMON_VERSION_H_

namespace tend {

const char* Version();

}  // namespace tend

#endif  // TEND_COMMON_VERSION_H_

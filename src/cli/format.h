// Small output helpers shared by the commands.
#ifndef TEND_CLI_FORMAT_H_
#define TEND_CLI_FORMAT_H_

#include <cstdint>
#include <string>

namespace tend::cli {

// 1234567 -> "1,234,567".
std::string Thousands(int64_t n);

}  // namespace tend::cli

#endif  // TEND_CLI_FORMAT_H_

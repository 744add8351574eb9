// Workspace templates embedded in the binary from examples/templates/*.yaml.
#ifndef TEND_CLI_TEMPLATES_H_
#define TEND_CLI_TEMPLATES_H_

#include <string>
#include <vector>

namespace tend::cli {

struct Template {
  std::string name;     // the file name without .yaml
  std::string content;  // the YAML
};

const std::vector<Template>& Templates();

}  // namespace tend::cli

#endif  // TEND_CLI_TEMPLATES_H_

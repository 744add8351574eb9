// YAML files embedded in the binary: workspace templates from examples/templates/*.yaml (tend
// init --template) and import mappings from examples/import-presets/*.yaml (tend import
// --preset).
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
const std::vector<Template>& ImportPresets();

}  // namespace tend::cli

#endif  // TEND_CLI_TEMPLATES_H_

// Success-plan templates: objectives with their task templates, as declared in YAML next to
// rules and playbooks.
#ifndef TEND_DEFINITIONS_PLAN_TEMPLATE_DEF_H_
#define TEND_DEFINITIONS_PLAN_TEMPLATE_DEF_H_

#include <string>
#include <vector>

#include "definitions/playbook_def.h"

namespace tend::cockpit {

struct ObjectiveTemplate {
  std::string title;
  std::string description;
  int due_in_days = 30;  // from the plan's creation
  std::vector<TaskTemplate> tasks;
};

struct PlanTemplateDef {
  std::string name;
  std::string label;
  std::string description;
  std::vector<ObjectiveTemplate> objectives;
};

}  // namespace tend::cockpit

#endif  // TEND_DEFINITIONS_PLAN_TEMPLATE_DEF_H_

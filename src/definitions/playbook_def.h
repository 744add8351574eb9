// Playbooks: the task templates attached to CTAs, as declared in YAML next to rules and
// scorecards (success-plan templates: plan_template_def.h).
#ifndef TEND_DEFINITIONS_PLAYBOOK_DEF_H_
#define TEND_DEFINITIONS_PLAYBOOK_DEF_H_

#include <string>
#include <vector>

namespace tend::cockpit {

struct TaskTemplate {
  std::string title;
  int due_in_days = 7;             // from the CTA's (or objective's) creation
  std::string owner_role = "csm";  // an account text field (csm), else a user's name
};

struct PlaybookDef {
  std::string name;
  std::string label;
  std::string description;
  std::vector<TaskTemplate> tasks;
};

}  // namespace tend::cockpit

#endif  // TEND_DEFINITIONS_PLAYBOOK_DEF_H_

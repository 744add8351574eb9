// Playbooks (task templates attached to CTAs) and success-plan templates, as declared in
// YAML next to rules and scorecards.
#ifndef TEND_COCKPIT_PLAYBOOK_DEF_H_
#define TEND_COCKPIT_PLAYBOOK_DEF_H_

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

#endif  // TEND_COCKPIT_PLAYBOOK_DEF_H_

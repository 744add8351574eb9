// Cockpit: the CSM's workspace: calls-to-action with their lifecycle and playbook tasks,
// success plans from templates, and the timeline (imported and logged activities, plus
// system entries for CTAs opened and closed and for color changes).
//
// Every method writes through the Store and keeps a CTA's history (cta_events): who did
// what and when. Failures (Status): kNotFound for unknown ids, kInvalidArgument for values
// outside their enums, kFailedPrecondition for lifecycle moves that make no sense (closing a
// closed CTA). Not thread-safe; use one Cockpit per Store connection.
#ifndef TEND_COCKPIT_COCKPIT_H_
#define TEND_COCKPIT_COCKPIT_H_

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "definitions/plan_template_def.h"
#include "definitions/playbook_def.h"
#include "store/account_store.h"
#include "store/cockpit_store.h"
#include "store/store.h"

namespace tend::cockpit {

// The close reasons a CTA accepts.
bool IsCloseReason(std::string_view reason);

// Resolves a playbook task's owner role for an account: "csm" (or another account text
// field) gives that field's value; anything else is taken as a user's name or email.
std::string ResolveOwner(const std::string& role, const store::AccountRecord* account);

struct CtaDetail {
  store::CtaRecord cta;
  std::vector<store::TaskRecord> tasks;
  std::vector<store::CtaEventRecord> history;
};

struct PlanDetail {
  store::PlanRecord plan;
  std::vector<store::ObjectiveRecord> objectives;
  std::vector<std::vector<store::TaskRecord>> tasks;  // per objective
};

class Cockpit {
 public:
  // CTAs, tasks and plans live in `store`, the activities it logs in `timeline`; `clock` stamps
  // what it writes.
  Cockpit(store::CockpitStore& store, store::AccountStore& timeline,
          const Clock& clock = DefaultClock())
      : store_(store), timeline_(timeline), clock_(clock) {}
  // The same over one workspace Store.
  explicit Cockpit(store::Store& store, const Clock& clock = DefaultClock())
      : Cockpit(store, store, clock) {}

  // Creates a CTA (status open) with the tasks of `playbook` (if given), a history entry and
  // a timeline entry. `today` anchors due dates. kAlreadyExists when the rule already has an
  // open CTA for the account.
  Result<int64_t> CreateCta(store::CtaRecord cta, const PlaybookDef* playbook,
                            const store::AccountRecord* account, EpochDay today,
                            const std::string& actor);
  Result<CtaDetail> GetCta(int64_t cta_id);
  Status StartCta(int64_t cta_id, const std::string& actor);
  Status CloseCta(int64_t cta_id, const std::string& reason, const std::string& comment,
                  const std::string& actor);
  // Hides the CTA until `until` (it stays open; rules do not raise it again meanwhile).
  Status SnoozeCta(int64_t cta_id, EpochDay until, const std::string& actor);
  Status ReassignCta(int64_t cta_id, const std::string& owner, const std::string& actor);
  Status CommentCta(int64_t cta_id, const std::string& text, const std::string& actor);

  Status CompleteTask(int64_t task_id, const std::string& actor);
  Status ReassignTask(int64_t task_id, const std::string& owner, const std::string& actor);
  Status NoteTask(int64_t task_id, const std::string& notes, const std::string& actor);

  // Creates a success plan (and its objectives and tasks) for an account from a template.
  Result<int64_t> CreatePlan(const std::string& account_id, const PlanTemplateDef& tmpl,
                             const store::AccountRecord* account, EpochDay today,
                             const std::string& actor);
  Result<std::vector<PlanDetail>> Plans(const std::string& account_id);
  Status SetObjectiveStatus(int64_t objective_id, const std::string& status);

  // Logs an activity on the timeline (source "user" or "system").
  Result<int64_t> Log(store::ActivityRecord activity);

 private:
  Result<store::CtaRecord> Load(int64_t cta_id);
  Status Event(int64_t cta_id, const std::string& actor, const std::string& kind,
               const std::string& detail);
  store::CockpitStore& store_;
  store::AccountStore& timeline_;
  const Clock& clock_;
};

}  // namespace tend::cockpit

#endif  // TEND_COCKPIT_COCKPIT_H_

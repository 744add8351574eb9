// CockpitStore: the durable state of one domain. The CSM cockpit: CTAs and their history, tasks,
// success plans and objectives, and what the rule engine leaves for it: rule firings and webhook
// deliveries and secrets.
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_COCKPIT_STORE_H_
#define TEND_STORE_COCKPIT_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/cockpit_records.h"

namespace tend::store {

class CockpitStore {
 public:
  virtual ~CockpitStore() = default;

  // ---- Cockpit: CTAs, tasks, success plans ----
  // Fails with kAlreadyExists ("store.ctaExists") when the rule already has a CTA for the
  // account that is not closed.
  virtual Result<int64_t> InsertCta(const CtaRecord& cta) = 0;
  virtual Status UpdateCta(const CtaRecord& cta) = 0;
  virtual Result<std::vector<CtaRecord>> ListCtas(const CtaFilter& filter) = 0;
  virtual Result<int64_t> AddCtaEvent(const CtaEventRecord& event) = 0;
  virtual Result<std::vector<CtaEventRecord>> ListCtaEvents(int64_t cta_id) = 0;
  virtual Result<int64_t> InsertTask(const TaskRecord& task) = 0;
  virtual Status UpdateTask(const TaskRecord& task) = 0;
  virtual Result<std::optional<TaskRecord>> GetTask(int64_t task_id) = 0;
  // Tasks of a CTA, or of an objective, or (both empty) of an account.
  virtual Result<std::vector<TaskRecord>> ListTasks(std::optional<int64_t> cta_id,
                                                    std::optional<int64_t> objective_id,
                                                    std::string_view account_id) = 0;
  virtual Result<int64_t> InsertPlan(const PlanRecord& plan) = 0;
  virtual Result<std::vector<PlanRecord>> ListPlans(std::string_view account_id) = 0;
  virtual Result<int64_t> InsertObjective(const ObjectiveRecord& objective) = 0;
  virtual Status UpdateObjective(const ObjectiveRecord& objective) = 0;
  virtual Result<std::vector<ObjectiveRecord>> ListObjectives(int64_t plan_id) = 0;
  virtual Result<std::optional<ObjectiveRecord>> GetObjective(int64_t objective_id) = 0;

  // CTAs that are not closed, counted by type and priority.
  virtual Result<std::vector<CtaCount>> CountOpenCtas() = 0;

  // ---- Rule firings and webhooks ----
  virtual Status AddRuleFiring(const RuleFiringRecord& firing) = 0;
  // Firings for an account (or all when empty), newest first, at most `limit`.
  virtual Result<std::vector<RuleFiringRecord>> ListRuleFirings(std::string_view account_id,
                                                                int limit) = 0;
  virtual Result<int64_t> InsertWebhookDelivery(const WebhookDeliveryRecord& d) = 0;
  virtual Status UpdateWebhookDelivery(const WebhookDeliveryRecord& d) = 0;
  // Deliveries with `status` (all when empty), oldest first.
  virtual Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(
      std::string_view status) = 0;
  // The signing secret of the webhook receiver at `url` (nullopt when it has none yet);
  // SetWebhookSecret creates or replaces it.
  virtual Result<std::optional<std::string>> GetWebhookSecret(std::string_view url) = 0;
  virtual Status SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) = 0;
  // Every receiver with a secret: (url, created_at), by url.
  virtual Result<std::vector<std::pair<std::string, EpochMs>>> ListWebhookSecrets() = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_COCKPIT_STORE_H_

// FakeCockpitStore: an in-memory CockpitStore for unit tests (no SQLite), with the contract
// of cockpit_store.h as SqliteStore keeps it: ids assigned from 1, one open CTA per (rule,
// account) ("store.ctaExists"), kNotFound for updates of unknown ids, the same orders.
// Not thread-safe.
#ifndef TEND_STORE_FAKE_COCKPIT_STORE_H_
#define TEND_STORE_FAKE_COCKPIT_STORE_H_

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "store/cockpit_store.h"

namespace tend::store {

class FakeCockpitStore : public CockpitStore {
 public:
  Result<int64_t> InsertCta(const CtaRecord& cta) override {
    for (const CtaRecord& c : ctas_) {
      if (!cta.rule.empty() && c.rule == cta.rule && c.account_id == cta.account_id &&
          c.status != "closed" && cta.status != "closed") {
        return AlreadyExists("store.ctaExists",
                             "rule " + cta.rule + " already has an open CTA for " + cta.account_id);
      }
    }
    return Add(ctas_, cta, &CtaRecord::cta_id);
  }
  Status UpdateCta(const CtaRecord& cta) override {
    CtaRecord* c = Find(ctas_, &CtaRecord::cta_id, cta.cta_id);
    if (!c) return NotFound("store.noCta", "no CTA " + std::to_string(cta.cta_id));
    // What UPDATE sets: everything but the account, rule, playbook, reason code and creation.
    CtaRecord kept = *c;
    *c = cta;
    c->account_id = kept.account_id;
    c->rule = kept.rule;
    c->playbook = kept.playbook;
    c->reason_code = kept.reason_code;
    c->renewal_id = kept.renewal_id;
    c->created_at = kept.created_at;
    return Status::Ok();
  }
  Result<std::vector<CtaRecord>> ListCtas(const CtaFilter& f) override {
    auto any = [](const std::vector<std::string>& set, const std::string& v) {
      return set.empty() || std::find(set.begin(), set.end(), v) != set.end();
    };
    std::vector<CtaRecord> out;
    for (const CtaRecord& c : ctas_) {
      if (!any(f.statuses, c.status) || !any(f.account_ids, c.account_id)) continue;
      if (!f.account_id.empty() && c.account_id != f.account_id) continue;
      if (!f.owner.empty() && c.owner != f.owner) continue;
      if (!f.rule.empty() && c.rule != f.rule) continue;
      if (f.cta_id && c.cta_id != *f.cta_id) continue;
      out.push_back(c);
    }
    return out;
  }
  Result<int64_t> AddCtaEvent(const CtaEventRecord& event) override {
    return Add(events_, event, &CtaEventRecord::event_id);
  }
  Result<std::vector<CtaEventRecord>> ListCtaEvents(int64_t cta_id) override {
    std::vector<CtaEventRecord> out;
    for (const auto& e : events_) {
      if (e.cta_id == cta_id) out.push_back(e);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    return out;
  }

  Result<int64_t> InsertTask(const TaskRecord& task) override {
    return Add(tasks_, task, &TaskRecord::task_id);
  }
  Status UpdateTask(const TaskRecord& task) override {
    TaskRecord* t = Find(tasks_, &TaskRecord::task_id, task.task_id);
    if (!t) return NotFound("store.noTask", "no task " + std::to_string(task.task_id));
    t->title = task.title;
    t->owner = task.owner;
    t->due_day = task.due_day;
    t->status = task.status;
    t->notes = task.notes;
    t->completed_at = task.completed_at;
    return Status::Ok();
  }
  Result<std::optional<TaskRecord>> GetTask(int64_t task_id) override {
    return Get(tasks_, &TaskRecord::task_id, task_id);
  }
  Result<std::vector<TaskRecord>> ListTasks(std::optional<int64_t> cta_id,
                                            std::optional<int64_t> objective_id,
                                            std::string_view account_id) override {
    std::vector<TaskRecord> out;
    for (const TaskRecord& t : tasks_) {
      bool match = cta_id         ? t.cta_id == cta_id
                   : objective_id ? t.objective_id == objective_id
                                  : t.account_id == account_id;
      if (match) out.push_back(t);
    }
    ByPosition(out);
    return out;
  }

  Result<int64_t> InsertPlan(const PlanRecord& plan) override {
    return Add(plans_, plan, &PlanRecord::plan_id);
  }
  Result<std::vector<PlanRecord>> ListPlans(std::string_view account_id) override {
    std::vector<PlanRecord> out;
    for (const auto& p : plans_) {
      if (p.account_id == account_id) out.push_back(p);
    }
    return out;
  }
  Result<int64_t> InsertObjective(const ObjectiveRecord& objective) override {
    return Add(objectives_, objective, &ObjectiveRecord::objective_id);
  }
  Status UpdateObjective(const ObjectiveRecord& objective) override {
    ObjectiveRecord* o = Find(objectives_, &ObjectiveRecord::objective_id, objective.objective_id);
    if (!o) {
      return NotFound("store.noObjective",
                      "no objective " + std::to_string(objective.objective_id));
    }
    o->title = objective.title;
    o->description = objective.description;
    o->due_day = objective.due_day;
    o->status = objective.status;
    return Status::Ok();
  }
  Result<std::vector<ObjectiveRecord>> ListObjectives(int64_t plan_id) override {
    std::vector<ObjectiveRecord> out;
    for (const auto& o : objectives_) {
      if (o.plan_id == plan_id) out.push_back(o);
    }
    ByPosition(out);
    return out;
  }
  Result<std::optional<ObjectiveRecord>> GetObjective(int64_t objective_id) override {
    return Get(objectives_, &ObjectiveRecord::objective_id, objective_id);
  }

  Result<std::vector<CtaCount>> CountOpenCtas() override {
    std::map<std::pair<std::string, std::string>, int64_t> counts;
    for (const auto& c : ctas_) {
      if (c.status != "closed") ++counts[{c.type, c.priority}];
    }
    std::vector<CtaCount> out;
    for (const auto& [key, n] : counts) out.push_back({key.first, key.second, n});
    return out;
  }

  Status AddRuleFiring(const RuleFiringRecord& firing) override {
    Add(firings_, firing, &RuleFiringRecord::firing_id);
    return Status::Ok();
  }
  Result<std::vector<RuleFiringRecord>> ListRuleFirings(std::string_view account_id,
                                                        int limit) override {
    std::vector<RuleFiringRecord> out;
    for (auto it = firings_.rbegin(); it != firings_.rend(); ++it) {
      if (account_id.empty() || it->account_id == account_id) out.push_back(*it);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.at > b.at; });
    if (limit >= 0 && out.size() > static_cast<size_t>(limit))
      out.resize(static_cast<size_t>(limit));
    return out;
  }
  Result<int64_t> InsertWebhookDelivery(const WebhookDeliveryRecord& d) override {
    return Add(deliveries_, d, &WebhookDeliveryRecord::delivery_id);
  }
  Status UpdateWebhookDelivery(const WebhookDeliveryRecord& d) override {
    if (WebhookDeliveryRecord* w =
            Find(deliveries_, &WebhookDeliveryRecord::delivery_id, d.delivery_id)) {
      w->status = d.status;
      w->attempts = d.attempts;
      w->last_error = d.last_error;
      w->next_attempt_at = d.next_attempt_at;
      w->delivered_at = d.delivered_at;
    }
    return Status::Ok();
  }
  Result<std::vector<WebhookDeliveryRecord>> ListWebhookDeliveries(
      std::string_view status) override {
    std::vector<WebhookDeliveryRecord> out;
    for (const auto& d : deliveries_) {
      if (status.empty() || d.status == status) out.push_back(d);
    }
    return out;
  }
  Result<std::optional<std::string>> GetWebhookSecret(std::string_view url) override {
    auto it = secrets_.find(std::string(url));
    if (it == secrets_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second.first);
  }
  Status SetWebhookSecret(std::string_view url, std::string_view secret, EpochMs at) override {
    secrets_[std::string(url)] = {std::string(secret), at};
    return Status::Ok();
  }
  Result<std::vector<std::pair<std::string, EpochMs>>> ListWebhookSecrets() override {
    std::vector<std::pair<std::string, EpochMs>> out;
    for (const auto& [url, s] : secrets_) out.emplace_back(url, s.second);
    return out;
  }

 private:
  // Appends `row` with the next id (rows stay in id order); returns the id.
  template <typename T>
  static int64_t Add(std::vector<T>& rows, T row, int64_t T::*id) {
    row.*id = rows.empty() ? 1 : rows.back().*id + 1;
    rows.push_back(std::move(row));
    return rows.back().*id;
  }
  template <typename T>
  static T* Find(std::vector<T>& rows, int64_t T::*id, int64_t want) {
    for (T& r : rows) {
      if (r.*id == want) return &r;
    }
    return nullptr;
  }
  template <typename T>
  static std::optional<T> Get(std::vector<T>& rows, int64_t T::*id, int64_t want) {
    T* r = Find(rows, id, want);
    return r ? std::optional<T>(*r) : std::nullopt;
  }
  // By position, then id (rows are in id order already).
  template <typename T>
  static void ByPosition(std::vector<T>& rows) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const T& a, const T& b) { return a.position < b.position; });
  }

  std::vector<CtaRecord> ctas_;
  std::vector<CtaEventRecord> events_;
  std::vector<TaskRecord> tasks_;
  std::vector<PlanRecord> plans_;
  std::vector<ObjectiveRecord> objectives_;
  std::vector<RuleFiringRecord> firings_;
  std::vector<WebhookDeliveryRecord> deliveries_;
  std::map<std::string, std::pair<std::string, EpochMs>> secrets_;
};

}  // namespace tend::store

#endif  // TEND_STORE_FAKE_COCKPIT_STORE_H_

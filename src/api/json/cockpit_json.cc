#include "api/json/cockpit_json.h"

#include "api/json/common_json.h"

namespace tend::api::json {

nlohmann::json CtaJson(const store::CtaRecord& c) {
  return {{"cta_id", c.cta_id},
          {"account_id", c.account_id},
          {"rule", c.rule},
          {"type", c.type},
          {"priority", c.priority},
          {"title", c.title},
          {"description", c.description},
          {"owner", c.owner},
          {"status", c.status},
          {"close_reason", c.close_reason},
          {"due_date", DateJson(c.due_day)},
          {"snoozed_until", DateJson(c.snoozed_until)},
          {"playbook", c.playbook},
          {"reason_code", c.reason_code},
          {"renewal_id", c.renewal_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.renewal_id)},
          {"created_at", FormatTime(c.created_at)},
          {"updated_at", FormatTime(c.updated_at)},
          {"closed_at", TimeJson(c.closed_at)}};
}

nlohmann::json TaskJson(const store::TaskRecord& t) {
  return {
      {"task_id", t.task_id},
      {"cta_id", t.cta_id ? nlohmann::json(*t.cta_id) : nlohmann::json(nullptr)},
      {"objective_id", t.objective_id ? nlohmann::json(*t.objective_id) : nlohmann::json(nullptr)},
      {"account_id", t.account_id},
      {"title", t.title},
      {"owner", t.owner},
      {"due_date", DateJson(t.due_day)},
      {"status", t.status},
      {"notes", t.notes},
      {"position", t.position},
      {"completed_at", TimeJson(t.completed_at)}};
}

nlohmann::json ActivityJson(const store::ActivityRecord& a) {
  return {{"activity_id", a.activity_id}, {"ts", FormatTime(a.ts)}, {"account_id", a.account_id},
          {"contact_id", a.contact_id},   {"type", a.type},         {"subject", a.subject},
          {"author", a.author},           {"notes", a.notes},       {"source", a.source}};
}

}  // namespace tend::api::json

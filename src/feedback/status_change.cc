#include "feedback/status_change.h"

#include <map>
#include <nlohmann/json.hpp>

#include "cockpit/cockpit.h"
#include "common/json_text.h"
#include "feedback/feedback.h"

namespace tend::feedback {

namespace {

struct Asker {
  const store::AccountRecord* account = nullptr;
  std::vector<std::string> contacts;  // names (ids when unnamed), in order of asking
};

std::string ContactList(const std::vector<std::string>& contacts) {
  if (contacts.empty()) return "no contact was named";
  std::string out;
  for (const auto& c : contacts) out += (out.empty() ? "" : ", ") + c;
  return out;
}

}  // namespace

Result<StatusChange> SetRequestStatus(store::Store& store, int64_t request_id,
                                      const std::string& status, const std::string& actor,
                                      EpochDay today, EpochMs now) {
  if (!OneOf(status, store::kRequestStatuses)) {
    return InvalidArgument("status", "\"" + status + "\" is not one of " +
                                         Joined(store::kRequestStatuses));
  }
  StatusChange out;
  TEND_ASSIGN_OR_RETURN(out.request, GetRequest(store, request_id));
  out.from = out.request.status;
  if (out.from == status) return out;
  out.changed = true;
  out.request.status = status;
  out.request.updated_at = now;
  TEND_RETURN_IF_ERROR(store.UpdateFeedbackRequest(out.request));
  const int64_t id = out.request.request_id;

  store::FeedbackItemFilter f;
  f.request_id = id;
  TEND_ASSIGN_OR_RETURN(auto items, store.ListFeedbackItems(f));
  TEND_ASSIGN_OR_RETURN(auto accounts, store.LoadAccounts());
  std::map<std::string, const store::AccountRecord*> by_id;
  for (const auto& a : accounts) by_id[a.account_id] = &a;
  std::map<std::string, Asker> askers;  // by account id
  for (const auto& it : items) {
    auto a = by_id.find(it.account_id);
    if (a == by_id.end() || a->second->status == "churned") continue;
    Asker& asker = askers[it.account_id];
    asker.account = a->second;
    if (it.contact_id.empty()) continue;
    TEND_ASSIGN_OR_RETURN(auto contact, store.GetContact(it.contact_id));
    std::string who = contact && !contact->name.empty() ? contact->name : it.contact_id;
    if (contact && !contact->email.empty()) who += " <" + contact->email + ">";
    if (std::find(asker.contacts.begin(), asker.contacts.end(), who) == asker.contacts.end())
      asker.contacts.push_back(who);
  }

  const std::string what = "Request \"" + out.request.title + "\" is now " + status;
  const bool loop = status == "planned" || status == "shipped";
  cockpit::Cockpit cockpit(store);
  nlohmann::json accounts_json = nlohmann::json::array();
  for (const auto& [account_id, asker] : askers) {
    accounts_json.push_back({{"account_id", account_id},
                             {"name", asker.account->name},
                             {"csm", asker.account->csm},
                             {"contacts", asker.contacts}});
    if (!loop) continue;
    store::CtaRecord cta;
    cta.account_id = account_id;
    cta.rule = "feedback.request." + std::to_string(id) + "." + status;
    cta.type = "product_update";
    cta.priority = "medium";
    cta.title = what + ": tell the customer";
    cta.description = "Who asked: " + ContactList(asker.contacts) + "." +
                      (out.request.target_release.empty()
                           ? ""
                           : " Target release: " + out.request.target_release + ".") +
                      (out.request.external_link.empty() ? "" : " " + out.request.external_link);
    cta.owner = asker.account->csm;
    cta.reason_code = "request:" + std::to_string(id);
    cta.due_day = today + 7;
    auto made = cockpit.CreateCta(cta, nullptr, asker.account, today, actor);
    if (made.ok()) {
      out.cta_ids.push_back(*made);
    } else if (made.status().code() != ErrorCode::kAlreadyExists) {
      return made.status();
    }
    store::ActivityRecord entry;
    entry.ts = now;
    entry.account_id = account_id;
    entry.type = "product_update";
    entry.subject = what;
    entry.notes = "request " + std::to_string(id) + ": " + out.from + " -> " + status +
                  "; asked by " + ContactList(asker.contacts);
    entry.author = actor;
    entry.source = "system";
    TEND_RETURN_IF_ERROR(cockpit.Log(entry).status());
    ++out.timeline_entries;
  }

  TEND_ASSIGN_OR_RETURN(auto url, store.GetMeta(kFeedbackWebhookKey));
  if (url && !url->empty()) {
    nlohmann::json payload = {{"event", "request.status_changed"},
                              {"request_id", id},
                              {"title", out.request.title},
                              {"product_area", out.request.product_area},
                              {"from", out.from},
                              {"to", status},
                              {"external_link", out.request.external_link},
                              {"target_release", out.request.target_release},
                              {"actor", actor},
                              {"at", FormatTime(now)},
                              {"accounts", accounts_json}};
    store::WebhookDeliveryRecord d;
    d.rule = "feedback.request_status";
    d.url = *url;
    d.payload = DumpJson(payload);
    d.created_at = now;
    d.next_attempt_at = now;
    TEND_RETURN_IF_ERROR(store.InsertWebhookDelivery(d).status());
    ++out.webhooks;
  }
  return out;
}

}  // namespace tend::feedback

// FakeAccountStore: an in-memory AccountStore for unit tests (no SQLite), keeping the contract
// of account_store.h as SqliteStore does: upserts by id, imported and system activities
// identified by what they say, the same orders. It records no contact changes and checks no
// foreign keys. Not thread-safe.
#ifndef TEND_STORE_FAKE_ACCOUNT_STORE_H_
#define TEND_STORE_FAKE_ACCOUNT_STORE_H_

#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "store/account_store.h"

namespace tend::store {

class FakeAccountStore : public AccountStore {
 public:
  Status UpsertAccount(const AccountRecord& account) override {
    AccountRecord& a = accounts_[account.account_id];
    std::vector<AttributeValue> attributes = std::move(a.attributes);
    a = account;
    a.attributes = std::move(attributes);
    for (const AttributeValue& v : account.attributes) Set(a, v);
    return Status::Ok();
  }
  Result<bool> InsertAccountIfMissing(std::string_view account_id, std::string_view name) override {
    if (accounts_.count(std::string(account_id))) return false;
    AccountRecord& a = accounts_[std::string(account_id)];
    a.account_id = account_id;
    a.name = name;
    return true;
  }
  Result<std::vector<AccountRecord>> LoadAccounts() override {
    std::vector<AccountRecord> out;
    for (const auto& [id, a] : accounts_) out.push_back(a);
    return out;
  }
  Result<std::vector<AttributeDef>> LoadAttributeDefs() override {
    std::vector<AttributeDef> out;
    for (const auto& [name, def] : attribute_defs_) out.push_back(def);
    return out;
  }
  Status SaveAttributeDef(const AttributeDef& def) override {
    attribute_defs_[def.name] = def;
    return Status::Ok();
  }
  Status SetAccountAttribute(std::string_view account_id, const AttributeValue& value) override {
    auto it = accounts_.find(std::string(account_id));
    if (it == accounts_.end()) {
      return InvalidArgument("store.noAccount", "no account " + std::string(account_id));
    }
    Set(it->second, value);
    return Status::Ok();
  }

  Status UpsertContact(const ContactRecord& contact) override {
    contacts_[contact.contact_id] = contact;
    return Status::Ok();
  }
  Result<std::vector<ContactRecord>> LoadContacts() override { return Contacts(""); }
  Result<std::vector<ContactRecord>> ListContacts(std::string_view account_id) override {
    if (account_id.empty()) return std::vector<ContactRecord>();
    return Contacts(account_id);
  }
  Result<std::optional<ContactRecord>> GetContact(std::string_view contact_id) override {
    auto it = contacts_.find(std::string(contact_id));
    if (it == contacts_.end()) return std::optional<ContactRecord>();
    return std::optional<ContactRecord>(it->second);
  }

  Result<bool> UpsertSurvey(const SurveyRecord& survey) override {
    for (SurveyRecord& s : surveys_) {
      bool same_id = !survey.survey_id.empty() && s.survey_id == survey.survey_id;
      bool same_row = survey.survey_id.empty() && s.survey_id.empty() && SameAnswer(s, survey);
      if (!same_id && !same_row) continue;
      if (SameAnswer(s, survey)) return false;
      s = survey;
      return true;
    }
    surveys_.push_back(survey);
    return true;
  }
  Result<std::vector<SurveyRecord>> LoadSurveys() override {
    std::vector<SurveyRecord> out = surveys_;
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.account_id, a.ts) < std::tie(b.account_id, b.ts);
    });
    return out;
  }
  Result<std::vector<SurveyRecord>> ListSurveys(std::string_view account_id) override {
    std::vector<SurveyRecord> out;
    for (const auto& s : surveys_) {
      if (s.account_id == account_id) out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.ts < b.ts; });
    return out;
  }
  Result<std::vector<TicketRecord>> ListTickets(std::string_view account_id) override {
    std::vector<TicketRecord> out;
    for (const auto& [id, t] : tickets_) {
      if (t.account_id == account_id) out.push_back(t);
    }
    return out;
  }
  Status UpsertTicket(const TicketRecord& ticket) override {
    tickets_[ticket.ticket_id] = ticket;
    return Status::Ok();
  }
  Result<std::vector<TicketRecord>> LoadTickets() override {
    std::vector<TicketRecord> out;
    for (const auto& [id, t] : tickets_) out.push_back(t);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.account_id < b.account_id; });
    return out;
  }

  Result<int64_t> UpsertActivity(const ActivityRecord& activity) override {
    if (activity.source == "import" || activity.source == "system") {
      for (ActivityRecord& a : activities_) {
        if (a.source != activity.source || a.ts != activity.ts ||
            a.account_id != activity.account_id || a.contact_id != activity.contact_id ||
            a.type != activity.type || a.subject != activity.subject ||
            (activity.source == "system" && a.notes != activity.notes)) {
          continue;
        }
        a.notes = activity.notes;
        return a.activity_id;
      }
    }
    ActivityRecord a = activity;
    a.activity_id = static_cast<int64_t>(activities_.size()) + 1;
    activities_.push_back(a);
    return a.activity_id;
  }
  Result<std::vector<ActivityRecord>> LoadActivities() override {
    std::vector<ActivityRecord> out = activities_;
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return std::tie(a.account_id, a.ts) < std::tie(b.account_id, b.ts);
    });
    return out;
  }
  Result<std::vector<ActivityRecord>> LoadContactActivities(
      const std::vector<std::string>& types) override {
    TEND_ASSIGN_OR_RETURN(std::vector<ActivityRecord> all, LoadActivities());
    std::vector<ActivityRecord> out;
    for (ActivityRecord& a : all) {
      if (a.contact_id.empty() || std::find(types.begin(), types.end(), a.type) == types.end())
        continue;
      a.notes.clear();
      out.push_back(std::move(a));
    }
    return out;
  }
  Result<std::vector<ActivityRecord>> ListActivities(std::string_view account_id) override {
    std::vector<ActivityRecord> out;
    for (auto it = activities_.rbegin(); it != activities_.rend(); ++it) {
      if (it->account_id == account_id) out.push_back(*it);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.ts > b.ts; });
    return out;
  }
  Result<std::optional<ActivityRecord>> GetActivity(int64_t activity_id) override {
    if (activity_id < 1 || activity_id > static_cast<int64_t>(activities_.size())) {
      return std::optional<ActivityRecord>();
    }
    return std::optional<ActivityRecord>(activities_[activity_id - 1]);
  }
  Status UpdateActivity(const ActivityRecord& activity) override {
    if (activity.activity_id < 1 ||
        activity.activity_id > static_cast<int64_t>(activities_.size())) {
      return Status::Ok();  // as UPDATE: no row, no change
    }
    ActivityRecord& a = activities_[activity.activity_id - 1];
    a.ts = activity.ts;
    a.type = activity.type;
    a.subject = activity.subject;
    a.notes = activity.notes;
    a.contact_id = activity.contact_id;
    return Status::Ok();
  }

  Status ForEachSurveyFact(
      const std::function<void(std::string_view account_id, EpochMs ts, std::string_view survey,
                               double score)>& fn) override {
    TEND_ASSIGN_OR_RETURN(auto rows, LoadSurveys());
    for (const auto& s : rows) fn(s.account_id, s.ts, s.survey, s.score);
    return Status::Ok();
  }
  Status ForEachTicket(const std::function<void(const TicketRecord&)>& fn) override {
    TEND_ASSIGN_OR_RETURN(auto rows, LoadTickets());
    for (TicketRecord& t : rows) {
      t.ticket_id.clear();
      fn(t);
    }
    return Status::Ok();
  }
  Status ForEachContactRole(
      const std::function<void(std::string_view account_id, std::string_view role)>& fn) override {
    std::vector<ContactRecord> rows = Contacts("");
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.account_id < b.account_id; });
    for (const auto& c : rows) fn(c.account_id, c.role);
    return Status::Ok();
  }
  Status ForEachActivityFact(const std::function<void(std::string_view account_id, EpochMs ts,
                                                      std::string_view type)>& fn) override {
    TEND_ASSIGN_OR_RETURN(auto rows, LoadActivities());
    for (const auto& a : rows) fn(a.account_id, a.ts, a.type);
    return Status::Ok();
  }
  Status UpsertDeal(const DealRecord& deal) override {
    deals_[deal.deal_id] = deal;
    return Status::Ok();
  }
  Result<std::vector<DealRecord>> LoadDeals() override {
    std::vector<DealRecord> out;
    for (const auto& [id, d] : deals_) out.push_back(d);
    return out;
  }

 private:
  static void Set(AccountRecord& a, const AttributeValue& v) {
    for (AttributeValue& old : a.attributes) {
      if (old.name == v.name) {
        old = v;
        return;
      }
    }
    a.attributes.push_back(v);
    std::sort(a.attributes.begin(), a.attributes.end(),
              [](const auto& x, const auto& y) { return x.name < y.name; });
  }
  static bool SameAnswer(const SurveyRecord& a, const SurveyRecord& b) {
    return std::tie(a.ts, a.account_id, a.contact_id, a.survey, a.score, a.comment) ==
           std::tie(b.ts, b.account_id, b.contact_id, b.survey, b.score, b.comment);
  }
  // The contacts of `account_id` (all when empty), by contact_id.
  std::vector<ContactRecord> Contacts(std::string_view account_id) const {
    std::vector<ContactRecord> out;
    for (const auto& [id, c] : contacts_) {
      if (account_id.empty() || c.account_id == account_id) out.push_back(c);
    }
    return out;
  }

  std::map<std::string, AccountRecord> accounts_;
  std::map<std::string, AttributeDef> attribute_defs_;
  std::map<std::string, ContactRecord> contacts_;
  std::vector<SurveyRecord> surveys_;
  std::map<std::string, TicketRecord> tickets_;
  std::vector<ActivityRecord> activities_;
  std::map<std::string, DealRecord> deals_;
};

}  // namespace tend::store

#endif  // TEND_STORE_FAKE_ACCOUNT_STORE_H_

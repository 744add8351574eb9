// AccountStore: the durable state of one domain. Accounts and the facts about them: custom
// attributes, contacts, surveys, tickets, activities (the timeline too) and deals.
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_ACCOUNT_STORE_H_
#define TEND_STORE_ACCOUNT_STORE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/account_records.h"
#include "store/advocacy_records.h"

namespace tend::store {

// Decides the contact changes (change_id and ts left 0) that writing `incoming` makes, given
// the stored contact with its id (nullopt when new) and `namesakes`: when incoming has a name
// and an email with a part before the @, and is new or leaves with this write (HasLeft now and
// not before), contacts of other accounts with the same name and the same EmailLocalPart: at
// most two (any two when more match), so that a rule can tell one match from several without
// the store reading every namesake (an indexed lookup, whatever the names); else empty. The rule is
// the advocacy program's (advocacy/contact_moves.h); the store only records what it decides.
using ContactChangeRule = std::function<std::vector<ContactChangeRecord>(
    const ContactRecord& incoming, const std::optional<ContactRecord>& stored,
    const std::vector<ContactRecord>& namesakes)>;

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // ---- Accounts and their custom attributes ----
  virtual Status UpsertAccount(const AccountRecord& account) = 0;
  // Creates a bare account unless one with that id exists; returns whether it did.
  virtual Result<bool> InsertAccountIfMissing(std::string_view account_id,
                                              std::string_view name) = 0;
  // All accounts with their custom attributes, ordered by account_id.
  virtual Result<std::vector<AccountRecord>> LoadAccounts() = 0;
  virtual Result<std::vector<AttributeDef>> LoadAttributeDefs() = 0;
  virtual Status SaveAttributeDef(const AttributeDef& def) = 0;

  // ---- Contacts, surveys, tickets, activities, deals ----
  // Creates or updates a contact. Records, stamped now, the ContactChangeRecords that the
  // workspace's ContactChangeRule (below) decides for the write: a title change, or a move
  // between companies; none when the store was opened without a rule.
  virtual Status UpsertContact(const ContactRecord& contact) = 0;
  virtual Result<std::vector<ContactRecord>> LoadContacts() = 0;
  // One account's contacts; one contact by id (nullopt when unknown).
  virtual Result<std::vector<ContactRecord>> ListContacts(std::string_view account_id) = 0;
  virtual Result<std::optional<ContactRecord>> GetContact(std::string_view contact_id) = 0;
  // A survey answer is a fact. Its identity is survey.survey_id when set (the same id
  // again updates the answer), else the whole row (ts, account, contact, survey, score,
  // comment): two different answers are never merged. Returns whether anything was stored
  // (false: the same answer was there already).
  virtual Result<bool> UpsertSurvey(const SurveyRecord& survey) = 0;
  virtual Result<std::vector<SurveyRecord>> LoadSurveys() = 0;
  // One account's surveys (by time) and tickets (by id).
  virtual Result<std::vector<SurveyRecord>> ListSurveys(std::string_view account_id) = 0;
  virtual Result<std::vector<TicketRecord>> ListTickets(std::string_view account_id) = 0;
  virtual Status UpsertTicket(const TicketRecord& ticket) = 0;
  virtual Result<std::vector<TicketRecord>> LoadTickets() = 0;
  // Imported activities are identified by (ts, account, contact, type, subject), system
  // ones by that and their notes, so writing one again changes nothing; those people log (source
  // "user") are always new. Returns the activity's id.
  virtual Result<int64_t> UpsertActivity(const ActivityRecord& activity) = 0;
  virtual Result<std::vector<ActivityRecord>> LoadActivities() = 0;
  // The activities that name a contact and have one of `types`, without their notes, in
  // account and time order (what the advocacy program reads about people).
  virtual Result<std::vector<ActivityRecord>> LoadContactActivities(
      const std::vector<std::string>& types) = 0;
  // The lean reads the metrics engine needs, in account order (then time): every survey's
  // account, time, kind and score; every ticket (ticket_id left empty); every activity's
  // account, time and type.
  virtual Status ForEachSurveyFact(
      const std::function<void(std::string_view account_id, EpochMs ts, std::string_view survey,
                               double score)>& fn) = 0;
  virtual Status ForEachTicket(const std::function<void(const TicketRecord&)>& fn) = 0;
  virtual Status ForEachContactRole(
      const std::function<void(std::string_view account_id, std::string_view role)>& fn) = 0;
  virtual Status ForEachActivityFact(
      const std::function<void(std::string_view account_id, EpochMs ts, std::string_view type)>&
          fn) = 0;
  virtual Status UpsertDeal(const DealRecord& deal) = 0;
  virtual Result<std::vector<DealRecord>> LoadDeals() = 0;

  // One account's activities (the timeline), newest first.
  virtual Result<std::vector<ActivityRecord>> ListActivities(std::string_view account_id) = 0;
  virtual Result<std::optional<ActivityRecord>> GetActivity(int64_t activity_id) = 0;
  // Changes an activity's time, type, subject, notes and contact.
  virtual Status UpdateActivity(const ActivityRecord& activity) = 0;
  // Sets (upserts) one custom attribute of one account.
  virtual Status SetAccountAttribute(std::string_view account_id, const AttributeValue& value) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_ACCOUNT_STORE_H_

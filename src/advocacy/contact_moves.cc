#include "advocacy/contact_moves.h"

#include <string>

namespace tend::advocacy {

namespace {

// The only namesake at another account with incoming's name and local part; nullptr when none
// or several match.
const store::ContactRecord* OnlyMatch(const store::ContactRecord& incoming,
                                      const std::vector<store::ContactRecord>& namesakes) {
  const std::string local = store::EmailLocalPart(incoming.email);
  if (incoming.name.empty() || local.empty()) return nullptr;
  const store::ContactRecord* match = nullptr;
  for (const store::ContactRecord& other : namesakes) {
    if (other.name != incoming.name || other.account_id == incoming.account_id) continue;
    if (other.contact_id == incoming.contact_id || store::EmailLocalPart(other.email) != local)
      continue;
    if (match) return nullptr;
    match = &other;
  }
  return match;
}

// A company move of the person from record `from` to record `to`.
store::ContactChangeRecord Move(const store::ContactRecord& from, const store::ContactRecord& to) {
  store::ContactChangeRecord ch;
  ch.kind = "company";
  ch.contact_id = to.contact_id;
  ch.previous_contact_id = from.contact_id;
  ch.old_account_id = from.account_id;
  ch.new_account_id = to.account_id;
  ch.old_title = from.title;
  ch.new_title = to.title;
  ch.old_seniority = from.seniority;
  ch.new_seniority = to.seniority;
  return ch;
}

}  // namespace

std::vector<store::ContactChangeRecord> DecideContactChanges(
    const store::ContactRecord& incoming, const std::optional<store::ContactRecord>& stored,
    const std::vector<store::ContactRecord>& namesakes) {
  std::vector<store::ContactChangeRecord> changes;
  if (stored && stored->account_id != incoming.account_id) {
    store::ContactChangeRecord ch = Move(*stored, incoming);
    ch.previous_contact_id.clear();  // the same record
    changes.push_back(std::move(ch));
    return changes;
  }
  if (stored && !incoming.title.empty() && !stored->title.empty() &&
      stored->title != incoming.title) {
    store::ContactChangeRecord ch = Move(*stored, incoming);
    ch.kind = "title";
    ch.previous_contact_id.clear();
    changes.push_back(std::move(ch));
  }
  // The second of a person's two records: new, or leaving now.
  if (stored && (store::HasLeft(*stored) || !store::HasLeft(incoming))) return changes;
  const store::ContactRecord* other = OnlyMatch(incoming, namesakes);
  if (!other || store::HasLeft(*other) == store::HasLeft(incoming)) return changes;
  changes.push_back(store::HasLeft(incoming) ? Move(incoming, *other) : Move(*other, incoming));
  return changes;
}

}  // namespace tend::advocacy

#include "advocacy/contact_moves.h"

#include <cctype>
#include <string>

namespace tend::advocacy {

namespace {

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

std::vector<store::ContactChangeRecord> DecideContactChanges(
    const store::ContactRecord& incoming, const std::optional<store::ContactRecord>& stored,
    const std::vector<store::ContactRecord>& namesakes) {
  store::ContactChangeRecord ch;
  ch.contact_id = incoming.contact_id;
  ch.new_account_id = incoming.account_id;
  ch.new_title = incoming.title;
  ch.new_seniority = incoming.seniority;
  std::vector<store::ContactChangeRecord> changes;
  if (stored) {
    ch.old_account_id = stored->account_id;
    ch.old_title = stored->title;
    ch.old_seniority = stored->seniority;
    if (ch.old_account_id != incoming.account_id) {
      ch.kind = "company";
      changes.push_back(ch);
    } else if (!incoming.title.empty() && !ch.old_title.empty() && ch.old_title != incoming.title) {
      ch.kind = "title";
      changes.push_back(ch);
    }
    return changes;
  }
  const size_t at = incoming.email.find('@');
  if (incoming.name.empty() || at == std::string::npos || at == 0) return changes;
  const std::string local = Lower(incoming.email.substr(0, at + 1));
  for (const store::ContactRecord& other : namesakes) {
    if (other.name != incoming.name || other.account_id == incoming.account_id) continue;
    if (Lower(other.email).compare(0, local.size(), local) != 0) continue;
    ch.kind = "company";
    ch.previous_contact_id = other.contact_id;
    ch.old_account_id = other.account_id;
    ch.old_title = other.title;
    ch.old_seniority = other.seniority;
    changes.push_back(ch);
    break;
  }
  return changes;
}

}  // namespace tend::advocacy

#include "store/contact_change.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace tend::store {

namespace {

std::string LowerCopy(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::vector<ContactChangeRecord> DecideContactChanges(
    const ContactRecord& in, const std::optional<ContactRecord>& stored,
    const std::vector<ContactRecord>& same_name_elsewhere) {
  ContactChangeRecord ch;
  ch.contact_id = in.contact_id;
  ch.new_account_id = in.account_id;
  ch.new_title = in.title;
  ch.new_seniority = in.seniority;
  if (stored) {
    ch.old_account_id = stored->account_id;
    ch.old_title = stored->title;
    ch.old_seniority = stored->seniority;
    if (ch.old_account_id != in.account_id) {
      ch.kind = "company";
    } else if (!in.title.empty() && !ch.old_title.empty() && ch.old_title != in.title) {
      ch.kind = "title";
    } else {
      return {};
    }
    return {ch};
  }
  const size_t at = in.email.find('@');
  if (in.name.empty() || at == std::string::npos || at == 0) return {};
  const std::string local = LowerCopy(in.email.substr(0, at + 1));
  for (const ContactRecord& other : same_name_elsewhere) {
    if (LowerCopy(other.email).compare(0, local.size(), local) != 0) continue;
    ch.kind = "company";
    ch.previous_contact_id = other.contact_id;
    ch.old_account_id = other.account_id;
    ch.old_title = other.title;
    ch.old_seniority = other.seniority;
    return {ch};
  }
  return {};
}

}  // namespace tend::store

// The job-change decision of Store::UpsertContact, as one pure function so every store makes
// it alike (PgStore calls it; SqliteStore::NoteContactChange makes the same decision inline).
// The advocacy module is taking this decision over: at that merge, this function is the one
// place to swap for advocacy's.
#ifndef TEND_STORE_CONTACT_CHANGE_H_
#define TEND_STORE_CONTACT_CHANGE_H_

#include <optional>
#include <vector>

#include "store/records.h"

namespace tend::store {

// The changes writing `incoming` records, given the stored contact with its id (nullopt: a
// new contact) and, for a new one, the contacts with the same name at other accounts by
// contact_id. An existing contact: "company" when its account changes, else "title" when both
// titles are set and differ. A new one: "company" from the first same-named contact whose
// email has the same part before the @ (case-insensitive). ts is left 0 for the caller.
std::vector<ContactChangeRecord> DecideContactChanges(
    const ContactRecord& incoming, const std::optional<ContactRecord>& stored,
    const std::vector<ContactRecord>& same_name_elsewhere);

}  // namespace tend::store

#endif  // TEND_STORE_CONTACT_CHANGE_H_

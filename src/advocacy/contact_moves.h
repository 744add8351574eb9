// The advocacy program's rule for following people between records: which changes writing a
// contact makes (a new title, a move to another company), so the program can react to a
// champion who moved (program.h ProcessMilestones).
//
// The store records what this decides (store::OpenOptions::contact_changes is set to it where
// tend opens a workspace); the store itself knows no rule.
#ifndef TEND_ADVOCACY_CONTACT_MOVES_H_
#define TEND_ADVOCACY_CONTACT_MOVES_H_

#include <optional>
#include <vector>

#include "store/account_records.h"
#include "store/advocacy_records.h"

namespace tend::advocacy {

// The changes (change_id and ts left 0) that writing `incoming` makes. A move needs evidence
// that the person left one account for the other (docs/advocacy.md, "Milestones"):
// - a stored contact (`stored`, same contact_id) at another account: a company move;
// - else a stored contact whose title changes (both titles given): a title change;
// - a person's two records: a contact of another account with the same name and the same email
//   before the @ (the address changes with the company; ASCII case ignored), the only one of
//   `namesakes` that matches so, where exactly one of the two records has left (HasLeft): a
//   company move from the one who left to the other (previous_contact_id), found when the second
//   of the two is written: a new contact, or a stored one who leaves with this write.
//   A namesake who has not left is never a move (different people share names and
//   "john.sato1@"); two or more matching namesakes are never a move (which one moved?).
// `namesakes` are what the store passes (store/account_store.h ContactChangeRule); those of
// incoming's own account or with another name or local part are ignored.
std::vector<store::ContactChangeRecord> DecideContactChanges(
    const store::ContactRecord& incoming, const std::optional<store::ContactRecord>& stored,
    const std::vector<store::ContactRecord>& namesakes);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_CONTACT_MOVES_H_

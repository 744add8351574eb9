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

// The changes (change_id and ts left 0) that writing `incoming` makes:
// - a stored contact (`stored`, same contact_id) at another account: a company move;
// - else a stored contact whose title changes (both titles given): a title change;
// - a new contact who is a person known at another account: a company move from that record
//   (previous_contact_id). The same person is the same name and the same email before the @
//   (the address changes with the company's domain), compared without case; `namesakes` are
//   the contacts of other accounts with incoming's name, by contact_id, and the first that
//   matches is taken.
std::vector<store::ContactChangeRecord> DecideContactChanges(
    const store::ContactRecord& incoming, const std::optional<store::ContactRecord>& stored,
    const std::vector<store::ContactRecord>& namesakes);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_CONTACT_MOVES_H_

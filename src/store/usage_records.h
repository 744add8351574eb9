// Plain records of the usage store. Product usage: the server's event journal and held Segment
// identify calls (see usage_store.h). Text fields that are empty mean "not given" and are stored as
// NULL where the schema allows; dates are epoch days, times epoch ms.
#ifndef TEND_STORE_USAGE_RECORDS_H_
#define TEND_STORE_USAGE_RECORDS_H_

#include <cstdint>
#include <string>

#include "common/time.h"

namespace tend::store {

// A Segment identify call held until the user's account is known. `traits` is the
// LiveWorkspace's JSON encoding of the call's traits.
struct HeldIdentifyRecord {
  int64_t seq = 0;
  std::string user_id;
  EpochMs ts = 0, received_at = 0;
  std::string traits;
};

// One event the server received, in its journal until a checkpoint folds it into the
// account's usage state. `account_id` is empty while the user's account is unknown.
struct JournalEvent {
  int64_t seq = 0;
  std::string account_id, user_id, event;
  EpochMs ts = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_USAGE_RECORDS_H_

// The server's event journal: events received through the ingestion API are appended to
// the store's journal (durable before they are acknowledged) and applied to the in-memory
// state at once; a checkpoint later folds them into the accounts' stored usage states, so
// the journal stays short and a restart replays only what was not yet folded.
#ifndef TEND_INGEST_EVENT_JOURNAL_H_
#define TEND_INGEST_EVENT_JOURNAL_H_

#include <cstdint>

#include "common/result.h"
#include "store/store.h"

namespace tend::ingest {

// Folds every journal event that has an account into that account's stored usage state
// (metrics/usage_state.h) and deletes it from the journal, in one transaction: after a crash
// either all of it happened or none. Events whose user has no account yet stay. At most
// `limit` events (> 0) of at most 200 accounts per call, so one call holds the workspace's
// write lock briefly; call again until it returns 0. Returns the number of events folded. Failures: store
// errors; kDataLoss for a damaged stored state.
Result<int64_t> CheckpointJournal(store::Store& store, int64_t limit = 20000);

}  // namespace tend::ingest

#endif  // TEND_INGEST_EVENT_JOURNAL_H_

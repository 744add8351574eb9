// AdvocacyStore: the durable state of one domain. The advocacy program (see advocacy/program.h):
// advocates, asks, the give/receive ledger, reference requests and the contact changes found when
// contacts are written.
// A part of store::Store; failures and transactions as store.h says.
#ifndef TEND_STORE_ADVOCACY_STORE_H_
#define TEND_STORE_ADVOCACY_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "store/advocacy_records.h"

namespace tend::store {

class AdvocacyStore {
 public:
  virtual ~AdvocacyStore() = default;

  // ---- Advocacy program ----
  virtual Status UpsertAdvocate(const AdvocateRecord& advocate) = 0;
  // All advocates (every status), by contact_id; one by contact id.
  virtual Result<std::vector<AdvocateRecord>> ListAdvocates() = 0;
  virtual Result<std::optional<AdvocateRecord>> GetAdvocate(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertAsk(const AskRecord& ask) = 0;
  virtual Status UpdateAsk(const AskRecord& ask) = 0;
  virtual Result<std::optional<AskRecord>> GetAsk(int64_t ask_id) = 0;
  // Asks of one contact (all when empty), oldest first.
  virtual Result<std::vector<AskRecord>> ListAsks(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertLedgerEntry(const LedgerRecord& entry) = 0;
  // Ledger entries of one contact (all when empty), oldest first.
  virtual Result<std::vector<LedgerRecord>> ListLedger(std::string_view contact_id) = 0;
  virtual Result<int64_t> InsertReferenceRequest(const ReferenceRequestRecord& request) = 0;
  virtual Status UpdateReferenceRequest(const ReferenceRequestRecord& request) = 0;
  virtual Result<std::optional<ReferenceRequestRecord>> GetReferenceRequest(int64_t id) = 0;
  // All reference requests, newest first.
  virtual Result<std::vector<ReferenceRequestRecord>> ListReferenceRequests() = 0;
  // Contact changes (only the unprocessed ones when `unprocessed_only`), oldest first.
  virtual Result<std::vector<ContactChangeRecord>> ListContactChanges(bool unprocessed_only) = 0;
  // Marks a change processed, saying whether the person was a champion.
  virtual Status MarkContactChangeProcessed(int64_t change_id, bool champion) = 0;
  // Records one contact change as given (change_id is assigned, processed and champion start
  // false); returns its id. Which changes a contact write makes is decided in advocacy/
  // (contact_moves.h).
  virtual Result<int64_t> RecordContactChange(const ContactChangeRecord& change) = 0;

  // The program settings as advocacy/ wrote them (its JSON, program.h Settings), or nullopt
  // when never set; Save replaces them.
  virtual Result<std::optional<std::string>> LoadProgramSettings() = 0;
  virtual Status SaveProgramSettings(std::string_view settings) = 0;
};

}  // namespace tend::store

#endif  // TEND_STORE_ADVOCACY_STORE_H_

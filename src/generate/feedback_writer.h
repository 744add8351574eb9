// The generator's feedback.csv (docs/feedback.md, docs/formats.md): what the accounts'
// people asked for, deterministic from the seed like the other files.
//
// Accounts at risk (declining, churning) ask more and call more of it a blocker; about one
// item in ten is not linked to a request. Requests are named by title in the `request`
// column (the importer creates them), from a fixed catalogue of requests over product areas.
#ifndef TEND_GENERATE_FEEDBACK_WRITER_H_
#define TEND_GENERATE_FEEDBACK_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"

namespace tend::generate {

// What the writer needs of one planned account.
struct FeedbackAccountPlan {
  std::string id;
  bool at_risk = false;  // declining or churned
  EpochDay first_day = 0, last_day = 0;  // items are dated within [first_day, last_day]
  std::vector<std::string> contact_ids;
};

// Writes `path` (header feedback_id,ts,account_id,contact_id,source,source_ref,kind,
// importance,text,product_area,created_by,request, rows by ts) and returns the rows written.
// kInternal "ingest.generateWriteFailed" when the file cannot be written.
Result<int64_t> WriteFeedbackCsv(const std::string& path,
                                 const std::vector<FeedbackAccountPlan>& accounts, uint64_t seed);

}  // namespace tend::generate

#endif  // TEND_GENERATE_FEEDBACK_WRITER_H_

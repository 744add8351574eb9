// Sources: what on an account can become a feedback item in two clicks (docs/feedback.md):
// survey answers with a comment, tickets, and calls, meetings and QBRs on the timeline, each
// with the source and source_ref a feedback item gets and the text to start from.
#ifndef TEND_FEEDBACK_SOURCES_H_
#define TEND_FEEDBACK_SOURCES_H_

#include <string>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace tend::feedback {

struct FeedbackSource {
  std::string source;      // survey | ticket | call | meeting | qbr
  std::string source_ref;  // survey:<id> | ticket:<id> | activity:<id>
  std::string contact_id;
  std::string text;  // the comment, the ticket line, the subject and notes
  EpochMs ts = 0;
  bool logged = false;  // a feedback item already names this source_ref
};

// The account's sources, newest first, at most `limit` of each kind.
Result<std::vector<FeedbackSource>> FeedbackSources(store::Store& store,
                                                    const std::string& account_id, size_t limit);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_SOURCES_H_

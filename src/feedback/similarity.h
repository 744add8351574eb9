// Similarity: which existing requests use words like a piece of feedback, so people link
// it instead of filing a duplicate. TF-IDF cosine over word tokens (docs/feedback.md):
// tokens are lower-cased runs of letters and digits of 2+ characters, minus a short list of
// English stop words; a request's document is its title (counted twice) and description;
// idf = ln((1 + N) / (1 + df)) + 1 over the N candidate requests.
#ifndef TEND_FEEDBACK_SIMILARITY_H_
#define TEND_FEEDBACK_SIMILARITY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/feedback_records.h"

namespace tend::feedback {

std::vector<std::string> Tokens(std::string_view text);

struct Suggestion {
  int64_t request_id = 0;
  std::string title, status;
  double score = 0;  // cosine, 0..1
};

// The `limit` requests (merged ones skipped) most similar to `text`, best first, those with
// a score above 0 only (ties by request_id).
std::vector<Suggestion> SimilarRequests(std::string_view text,
                                        const std::vector<store::FeedbackRequestRecord>& requests,
                                        size_t limit);

}  // namespace tend::feedback

#endif  // TEND_FEEDBACK_SIMILARITY_H_

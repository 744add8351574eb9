// The identities the store gives facts that carry no id of their own, shared by the stores
// so both key the same rows alike (see Store::UpsertSurvey and Store::UpsertActivity).
#ifndef TEND_STORE_RECORD_KEYS_H_
#define TEND_STORE_RECORD_KEYS_H_

#include <cstdint>
#include <string>

#include "store/records.h"

namespace tend::store {

// survey_id when set ("id|<id>"), else the whole row: ts|account|contact|survey|score|comment
// with the score truncated to an integer (the key migration 7 gave older rows).
inline std::string SurveyKey(const SurveyRecord& r) {
  if (!r.survey_id.empty()) return "id|" + r.survey_id;
  return std::to_string(r.ts) + "|" + r.account_id + "|" + r.contact_id + "|" + r.survey + "|" +
         std::to_string(static_cast<int64_t>(r.score)) + "|" + r.comment;
}

// Imported and system activities are identified by what they say (system ones also by their
// notes); what people log (any other source) has no key and is always new (empty).
inline std::string ActivityKey(const ActivityRecord& a) {
  if (a.source != "import" && a.source != "system") return "";
  std::string key = (a.source == "system" ? "system|" : "") + std::to_string(a.ts) + "|" +
                    a.account_id + "|" + a.contact_id + "|" + a.type + "|" + a.subject;
  if (a.source == "system") key += "|" + a.notes;
  return key;
}

}  // namespace tend::store

#endif  // TEND_STORE_RECORD_KEYS_H_

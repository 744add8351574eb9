// Which account traits a Segment write key may set (docs/api.md "What a write key may
// change").
//
// Write keys ship inside client apps and web pages, so what they send is a claim, not a
// fact. A group call may create an account and set its descriptive traits (name, industry,
// segment, region), but the protected traits, ownership and revenue (kProtectedTraits: csm,
// arr, renewal_date, start_date), are dropped unless the workspace names them as trusted
// (the setting kTrustedTraitsMeta, `tend writekey trust`, PUT /api/writekeys/trusted-traits)
// and the key is a server key: a browser key (one with allowed origins) never sets them.
#ifndef TEND_INGEST_TRUSTED_TRAITS_H_
#define TEND_INGEST_TRUSTED_TRAITS_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "ingest/segment.h"
#include "store/store.h"

namespace tend::ingest {

inline constexpr std::array<std::string_view, 4> kProtectedTraits = {"csm", "arr", "renewal_date",
                                                                     "start_date"};
// The workspace_meta key of the trusted traits (comma-separated).
inline constexpr std::string_view kTrustedTraitsMeta = "segment.trusted_traits";

bool IsProtectedTrait(std::string_view name);

// Parses a comma-separated list of trait names, each one of kProtectedTraits (duplicates
// dropped, kProtectedTraits' order). kInvalidArgument "segment.badTrustedTrait" naming an
// unknown name and the protected ones.
Result<std::vector<std::string>> ParseTrustedTraits(std::string_view list);
std::string JoinTraits(const std::vector<std::string>& traits);

// The workspace's trusted traits (none when never set).
Result<std::vector<std::string>> LoadTrustedTraits(store::Store& store);
Status SaveTrustedTraits(store::Store& store, const std::vector<std::string>& traits);

// Drops from the batch's group messages the protected traits this key may not set: all of
// them for a browser key, else those not in `trusted`. Returns the names dropped (distinct,
// in kProtectedTraits' order).
std::vector<std::string> DropUntrustedTraits(SegmentBatch* batch,
                                             const std::vector<std::string>& trusted,
                                             bool browser_key);

}  // namespace tend::ingest

#endif  // TEND_INGEST_TRUSTED_TRAITS_H_

#include "ingest/trusted_traits.h"

#include <algorithm>
#include <cctype>

#include "common/split.h"

namespace tend::ingest {

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

bool IsProtectedTrait(std::string_view name) {
  return std::find(kProtectedTraits.begin(), kProtectedTraits.end(), name) !=
         kProtectedTraits.end();
}

Result<std::vector<std::string>> ParseTrustedTraits(std::string_view list) {
  std::vector<std::string> named;
  for (std::string_view item : SplitList(list)) {
    if (!IsProtectedTrait(item)) {
      std::string known;
      for (auto p : kProtectedTraits) known += (known.empty() ? "" : ", ") + std::string(p);
      return InvalidArgument("segment.badTrustedTrait",
                             "\"" + std::string(item) +
                                 "\" is not a protected trait; the protected ones are " + known +
                                 " (every other trait may always be set)");
    }
    named.emplace_back(item);
  }
  std::vector<std::string> out;
  for (auto p : kProtectedTraits) {
    if (Contains(named, p)) out.emplace_back(p);
  }
  return out;
}

std::string JoinTraits(const std::vector<std::string>& traits) {
  std::string out;
  for (const auto& t : traits) out += (out.empty() ? "" : ",") + t;
  return out;
}

Result<std::vector<std::string>> LoadTrustedTraits(store::Store& store) {
  TEND_ASSIGN_OR_RETURN(auto value, store.GetMeta(kTrustedTraitsMeta));
  if (!value) return std::vector<std::string>{};
  return ParseTrustedTraits(*value);
}

Status SaveTrustedTraits(store::Store& store, const std::vector<std::string>& traits) {
  return store.SetMeta(kTrustedTraitsMeta, JoinTraits(traits));
}

std::vector<std::string> DropUntrustedTraits(SegmentBatch* batch,
                                             const std::vector<std::string>& trusted,
                                             bool browser_key) {
  std::vector<std::string> dropped;
  for (SegmentMessage& m : batch->messages) {
    if (m.type != SegmentType::kGroup) continue;
    std::erase_if(m.traits, [&](const SegmentTrait& t) {
      if (!IsProtectedTrait(t.key) || (!browser_key && Contains(trusted, t.key))) return false;
      if (!Contains(dropped, t.key)) dropped.push_back(t.key);
      return true;
    });
  }
  std::vector<std::string> ordered;
  for (auto p : kProtectedTraits) {
    if (Contains(dropped, p)) ordered.emplace_back(p);
  }
  return ordered;
}

}  // namespace tend::ingest

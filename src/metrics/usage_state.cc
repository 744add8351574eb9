#include "metrics/usage_state.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace tend::metrics {

// ---- Series and bitmap queries ----

namespace {
inline size_t LowerBound(std::span<const DayCount> e, EpochDay d) {
  auto it = std::lower_bound(e.begin(), e.end(), d,
                             [](const DayCount& x, EpochDay v) { return x.day < v; });
  return static_cast<size_t>(it - e.begin());
}
}  // namespace

uint64_t SeriesSum(std::span<const DayCount> e, EpochDay lo, EpochDay hi) {
  uint64_t s = 0;
  for (size_t i = LowerBound(e, lo); i < e.size() && e[i].day <= hi; ++i) s += e[i].count;
  return s;
}

int SeriesDaysWithAny(std::span<const DayCount> e, EpochDay lo, EpochDay hi) {
  int n = 0;
  for (size_t i = LowerBound(e, lo); i < e.size() && e[i].day <= hi; ++i) ++n;
  return n;
}

bool SeriesAny(std::span<const DayCount> e, EpochDay lo, EpochDay hi) {
  size_t i = LowerBound(e, lo);
  return i < e.size() && e[i].day <= hi;
}

std::optional<EpochDay> SeriesLastOnOrBefore(std::span<const DayCount> e, EpochDay d) {
  size_t i = LowerBound(e, d + 1);
  if (i == 0) return std::nullopt;
  return e[i - 1].day;
}

// ---- DaySeries ----

size_t DaySeries::LowerBound(EpochDay d) const { return metrics::LowerBound(entries_, d); }

void DaySeries::Add(EpochDay day, uint32_t n) {
  if (entries_.empty() || entries_.back().day < day) {
    entries_.push_back({day, n});
    return;
  }
  if (entries_.back().day == day) {
    entries_.back().count += n;
    return;
  }
  size_t i = LowerBound(day);
  if (i < entries_.size() && entries_[i].day == day) {
    entries_[i].count += n;
  } else {
    entries_.insert(entries_.begin() + static_cast<ptrdiff_t>(i), DayCount{day, n});
  }
}

uint64_t DaySeries::Sum(EpochDay lo, EpochDay hi) const { return SeriesSum(entries_, lo, hi); }
int DaySeries::DaysWithAny(EpochDay lo, EpochDay hi) const {
  return SeriesDaysWithAny(entries_, lo, hi);
}
bool DaySeries::Any(EpochDay lo, EpochDay hi) const { return SeriesAny(entries_, lo, hi); }
std::optional<EpochDay> DaySeries::LastOnOrBefore(EpochDay d) const {
  return SeriesLastOnOrBefore(entries_, d);
}

// ---- DayBits ----

namespace {
inline int32_t WordOf(EpochDay d) { return d >= 0 ? d / 64 : -((-d + 63) / 64); }
inline int BitOf(EpochDay d) { return static_cast<int>(d - WordOf(d) * 64); }
// Bits lo..hi (inclusive, 0..63) set.
inline uint64_t Mask(int lo, int hi) {
  uint64_t upper = hi >= 63 ? ~0ULL : ((1ULL << (hi + 1)) - 1);
  return upper & (~0ULL << lo);
}
}  // namespace

void DayBits::Set(EpochDay day) {
  int32_t w = WordOf(day);
  if (words_.empty()) {
    first_word_ = w;
    words_.push_back(0);
  } else if (w < first_word_) {
    words_.insert(words_.begin(), static_cast<size_t>(first_word_ - w), 0);
    first_word_ = w;
  } else if (w >= first_word_ + static_cast<int32_t>(words_.size())) {
    words_.resize(static_cast<size_t>(w - first_word_ + 1), 0);
  }
  words_[static_cast<size_t>(w - first_word_)] |= 1ULL << BitOf(day);
}

int BitsCount(int32_t first_word, const uint64_t* words, size_t n, EpochDay lo, EpochDay hi) {
  if (n == 0 || hi < lo) return 0;
  int32_t wlo = WordOf(lo), whi = WordOf(hi);
  int32_t last = first_word + static_cast<int32_t>(n) - 1;
  int c = 0;
  for (int32_t w = std::max(wlo, first_word); w <= std::min(whi, last); ++w) {
    uint64_t bits = words[w - first_word];
    int blo = w == wlo ? BitOf(lo) : 0;
    int bhi = w == whi ? BitOf(hi) : 63;
    c += std::popcount(bits & Mask(blo, bhi));
  }
  return c;
}

bool BitsAny(int32_t first_word, const uint64_t* words, size_t n, EpochDay lo, EpochDay hi) {
  if (n == 0 || hi < lo) return false;
  int32_t wlo = WordOf(lo), whi = WordOf(hi);
  int32_t last = first_word + static_cast<int32_t>(n) - 1;
  for (int32_t w = std::max(wlo, first_word); w <= std::min(whi, last); ++w) {
    uint64_t bits = words[w - first_word];
    int blo = w == wlo ? BitOf(lo) : 0;
    int bhi = w == whi ? BitOf(hi) : 63;
    if (bits & Mask(blo, bhi)) return true;
  }
  return false;
}

int DayBits::Count(EpochDay lo, EpochDay hi) const {
  return BitsCount(first_word_, words_.data(), words_.size(), lo, hi);
}

bool DayBits::Any(EpochDay lo, EpochDay hi) const {
  return BitsAny(first_word_, words_.data(), words_.size(), lo, hi);
}

std::optional<EpochDay> DayBits::LastOnOrBefore(EpochDay d) const {
  if (words_.empty()) return std::nullopt;
  int32_t wd = WordOf(d);
  int32_t last = first_word_ + static_cast<int32_t>(words_.size()) - 1;
  for (int32_t w = std::min(wd, last); w >= first_word_; --w) {
    uint64_t bits = words_[static_cast<size_t>(w - first_word_)];
    if (w == wd) bits &= Mask(0, BitOf(d));
    if (bits) return w * 64 + (63 - std::countl_zero(bits));
  }
  return std::nullopt;
}

// ---- AccountUsage ----

uint32_t AccountUsage::AddUser(std::string_view user_id) {
  users_.push_back(UserUsage{std::string(user_id), {}});
  return static_cast<uint32_t>(users_.size() - 1);
}

uint32_t AccountUsage::FindOrAddUser(std::string_view user_id) {
  for (size_t i = 0; i < users_.size(); ++i) {
    if (users_[i].user_id == user_id) return static_cast<uint32_t>(i);
  }
  return AddUser(user_id);
}

FeatureUsage& AccountUsage::Feature(uint32_t event_id) {
  if (last_feature_ < features_.size() && features_[last_feature_].event_id == event_id) {
    return features_[last_feature_];
  }
  for (size_t i = 0; i < features_.size(); ++i) {
    if (features_[i].event_id == event_id) {
      last_feature_ = static_cast<uint32_t>(i);
      return features_[i];
    }
  }
  features_.push_back(FeatureUsage{event_id, {}});
  last_feature_ = static_cast<uint32_t>(features_.size() - 1);
  return features_.back();
}

uint32_t AccountUsage::FeatureIndex(uint32_t event_id) {
  for (size_t i = 0; i < features_.size(); ++i) {
    if (features_[i].event_id == event_id) return static_cast<uint32_t>(i);
  }
  features_.push_back(FeatureUsage{event_id, {}});
  return static_cast<uint32_t>(features_.size() - 1);
}

uint32_t AccountUsage::AppendFeature(uint32_t event_id) {
  features_.push_back(FeatureUsage{event_id, {}});
  return static_cast<uint32_t>(features_.size() - 1);
}

void AccountUsage::AddEventAt(EpochMs ts, uint32_t user_slot, uint32_t feature_index) {
  EpochDay day = DayOf(ts);
  users_[user_slot].days.Set(day);
  features_[feature_index].days.Add(day);
  totals_.Add(day);
  if (events_ == 0 || ts > last_event_ms_) last_event_ms_ = ts;
  ++events_;
}

void AccountUsage::AddEvent(EpochMs ts, uint32_t user_slot, uint32_t event_id) {
  EpochDay day = DayOf(ts);
  users_[user_slot].days.Set(day);
  Feature(event_id).days.Add(day);
  totals_.Add(day);
  if (events_ == 0 || ts > last_event_ms_) last_event_ms_ = ts;
  ++events_;
}

// ---- Serialization ----
// Layout (little-endian, every section 8-byte aligned; the blob itself must be too):
//   header: u8 version=2, u8[3] 0, u32 n_totals, u32 n_features, u32 n_users,
//           i32 user_first_word, u32 user_words, u64 events, i64 last_event_ms   (40 bytes)
//   DayCount totals[n_totals]
//   FeatureEntry features[n_features]                  (16 bytes each)
//   DayCount feature_entries[sum of counts]
//   u64 user_bits[n_users * user_words]                (all users share one word range)
//   u32 user_offsets[n_users + 1], then the user ids' bytes, zero-padded to 8.

namespace {

constexpr uint8_t kVersion = 2;
constexpr size_t kHeader = 40;

static_assert(sizeof(DayCount) == 8, "DayCount must be packed");
static_assert(sizeof(FeatureEntry) == 16, "FeatureEntry must be packed");

template <typename T>
void Put(std::string& out, size_t at, T v) {
  std::memcpy(out.data() + at, &v, sizeof v);
}

template <typename T>
T Get(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline size_t Pad8(size_t n) { return (n + 7) & ~size_t{7}; }

}  // namespace

std::string AccountUsage::Serialize() const {
  // The common word range of all users' bitmaps.
  int32_t first = 0, last = -1;
  bool any = false;
  for (const auto& u : users_) {
    if (u.days.empty()) continue;
    int32_t f = u.days.first_word(), l = f + static_cast<int32_t>(u.days.words().size()) - 1;
    if (!any || f < first) first = f;
    if (!any || l > last) last = l;
    any = true;
  }
  size_t user_words = any ? static_cast<size_t>(last - first + 1) : 0;
  size_t n_entries = 0;
  for (const auto& f : features_) n_entries += f.days.entries().size();
  size_t ids = 0;
  for (const auto& u : users_) ids += u.user_id.size();
  size_t size = kHeader + totals_.entries().size() * 8 + features_.size() * 16 + n_entries * 8 +
                users_.size() * user_words * 8 + Pad8((users_.size() + 1) * 4 + ids);
  std::string out(size, '\0');
  out[0] = static_cast<char>(kVersion);
  Put<uint32_t>(out, 4, static_cast<uint32_t>(totals_.entries().size()));
  Put<uint32_t>(out, 8, static_cast<uint32_t>(features_.size()));
  Put<uint32_t>(out, 12, static_cast<uint32_t>(users_.size()));
  Put<int32_t>(out, 16, first);
  Put<uint32_t>(out, 20, static_cast<uint32_t>(user_words));
  Put<uint64_t>(out, 24, events_);
  Put<int64_t>(out, 32, last_event_ms_);
  size_t at = kHeader;
  if (!totals_.empty()) {
    std::memcpy(out.data() + at, totals_.entries().data(), totals_.entries().size() * 8);
  }
  at += totals_.entries().size() * 8;
  uint32_t offset = 0;
  for (const auto& f : features_) {
    FeatureEntry e{f.event_id, offset, static_cast<uint32_t>(f.days.entries().size()), 0};
    std::memcpy(out.data() + at, &e, sizeof e);
    at += sizeof e;
    offset += e.count;
  }
  for (const auto& f : features_) {
    if (!f.days.empty()) {
      std::memcpy(out.data() + at, f.days.entries().data(), f.days.entries().size() * 8);
    }
    at += f.days.entries().size() * 8;
  }
  for (const auto& u : users_) {
    const auto& w = u.days.words();
    for (size_t k = 0; k < w.size(); ++k) {
      size_t slot = static_cast<size_t>(u.days.first_word() - first) + k;
      Put<uint64_t>(out, at + slot * 8, w[k]);
    }
    at += user_words * 8;
  }
  uint32_t id_at = 0;
  for (const auto& u : users_) {
    Put<uint32_t>(out, at, id_at);
    at += 4;
    id_at += static_cast<uint32_t>(u.user_id.size());
  }
  Put<uint32_t>(out, at, id_at);
  at += 4;
  for (const auto& u : users_) {
    std::memcpy(out.data() + at, u.user_id.data(), u.user_id.size());
    at += u.user_id.size();
  }
  return out;
}

Result<UsageView> UsageView::Open(std::string_view blob) {
  auto damaged = [] { return DataLoss("metrics.badUsageState", "stored usage state is damaged"); };
  if (reinterpret_cast<uintptr_t>(blob.data()) % 8 != 0) {
    return InvalidArgument("metrics.misaligned", "usage blob is not 8-byte aligned");
  }
  if (blob.size() < kHeader || static_cast<uint8_t>(blob[0]) != kVersion) return damaged();
  const char* p = blob.data();
  UsageView v;
  v.n_totals_ = Get<uint32_t>(p + 4);
  v.n_features_ = Get<uint32_t>(p + 8);
  v.n_users_ = Get<uint32_t>(p + 12);
  v.user_first_word_ = Get<int32_t>(p + 16);
  v.user_words_ = Get<uint32_t>(p + 20);
  v.events_ = Get<uint64_t>(p + 24);
  v.last_event_ms_ = Get<int64_t>(p + 32);
  size_t at = kHeader;
  auto need = [&](size_t n) { return n <= blob.size() && at <= blob.size() - n; };
  if (!need(v.n_totals_ * 8)) return damaged();
  v.totals_ = reinterpret_cast<const DayCount*>(p + at);
  at += v.n_totals_ * 8;
  if (!need(v.n_features_ * 16)) return damaged();
  v.features_ = reinterpret_cast<const FeatureEntry*>(p + at);
  at += v.n_features_ * 16;
  size_t entries = 0;
  for (size_t i = 0; i < v.n_features_; ++i) {
    if (v.features_[i].offset != entries) return damaged();
    entries += v.features_[i].count;
  }
  if (!need(entries * 8)) return damaged();
  v.feature_entries_ = reinterpret_cast<const DayCount*>(p + at);
  at += entries * 8;
  if (v.user_words_ > (1u << 16) || !need(v.n_users_ * v.user_words_ * 8)) return damaged();
  v.user_bits_ = reinterpret_cast<const uint64_t*>(p + at);
  at += v.n_users_ * v.user_words_ * 8;
  if (!need((v.n_users_ + 1) * 4)) return damaged();
  v.user_offsets_ = reinterpret_cast<const uint32_t*>(p + at);
  at += (v.n_users_ + 1) * 4;
  v.user_ids_ = p + at;
  uint32_t prev = 0;
  for (size_t u = 0; u <= v.n_users_; ++u) {
    if (v.user_offsets_[u] < prev) return damaged();
    prev = v.user_offsets_[u];
  }
  if (!need(prev) || Pad8(at + prev) != blob.size()) return damaged();
  return v;
}

Result<AccountUsage> AccountUsage::Deserialize(std::string_view blob) {
  // Copy into aligned memory so the view can read it in place.
  std::vector<uint64_t> aligned((blob.size() + 7) / 8);
  // (memcpy with a null pointer is undefined even for 0 bytes: an empty blob has none.)
  if (!blob.empty()) std::memcpy(aligned.data(), blob.data(), blob.size());
  TEND_ASSIGN_OR_RETURN(
      UsageView v, UsageView::Open(std::string_view(reinterpret_cast<const char*>(aligned.data()),
                                                    blob.size())));
  return FromView(v);
}

AccountUsage AccountUsage::FromView(const UsageView& v) {
  AccountUsage a;
  a.events_ = v.events();
  a.last_event_ms_ = v.last_event().value_or(0);
  a.totals_.mutable_entries().assign(v.totals().begin(), v.totals().end());
  for (const FeatureEntry& f : v.features()) {
    FeatureUsage fu{f.event_id, {}};
    auto days = v.feature_days(f);
    fu.days.mutable_entries().assign(days.begin(), days.end());
    a.features_.push_back(std::move(fu));
  }
  a.users_.reserve(v.users());
  for (size_t u = 0; u < v.users(); ++u) {
    UserUsage user{std::string(v.user_id(u)), {}};
    std::vector<uint64_t> words(v.user_words_, 0);
    if (v.user_words_ > 0) {
      std::memcpy(words.data(), v.user_bits_ + u * v.user_words_, v.user_words_ * 8);
    }
    // Trim empty words at both ends.
    size_t lo = 0, hi = words.size();
    while (lo < hi && words[lo] == 0) ++lo;
    while (hi > lo && words[hi - 1] == 0) --hi;
    if (lo < hi) {
      user.days.Assign(v.user_first_word_ + static_cast<int32_t>(lo),
                       std::vector<uint64_t>(words.begin() + static_cast<ptrdiff_t>(lo),
                                             words.begin() + static_cast<ptrdiff_t>(hi)));
    }
    a.users_.push_back(std::move(user));
  }
  return a;
}

}  // namespace tend::metrics

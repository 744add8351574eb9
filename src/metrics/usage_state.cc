#include "metrics/usage_state.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace tend::metrics {

// ---- DaySeries ----

size_t DaySeries::LowerBound(EpochDay d) const {
  auto it = std::lower_bound(entries_.begin(), entries_.end(), d,
                             [](const DayCount& e, EpochDay v) { return e.day < v; });
  return static_cast<size_t>(it - entries_.begin());
}

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

uint64_t DaySeries::Sum(EpochDay lo, EpochDay hi) const {
  uint64_t s = 0;
  for (size_t i = LowerBound(lo); i < entries_.size() && entries_[i].day <= hi; ++i) {
    s += entries_[i].count;
  }
  return s;
}

int DaySeries::DaysWithAny(EpochDay lo, EpochDay hi) const {
  int n = 0;
  for (size_t i = LowerBound(lo); i < entries_.size() && entries_[i].day <= hi; ++i) ++n;
  return n;
}

bool DaySeries::Any(EpochDay lo, EpochDay hi) const {
  size_t i = LowerBound(lo);
  return i < entries_.size() && entries_[i].day <= hi;
}

std::optional<EpochDay> DaySeries::LastOnOrBefore(EpochDay d) const {
  size_t i = LowerBound(d + 1);
  if (i == 0) return std::nullopt;
  return entries_[i - 1].day;
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

int DayBits::Count(EpochDay lo, EpochDay hi) const {
  if (words_.empty() || hi < lo) return 0;
  int32_t wlo = WordOf(lo), whi = WordOf(hi);
  int32_t last = first_word_ + static_cast<int32_t>(words_.size()) - 1;
  int n = 0;
  for (int32_t w = std::max(wlo, first_word_); w <= std::min(whi, last); ++w) {
    uint64_t bits = words_[static_cast<size_t>(w - first_word_)];
    int blo = w == wlo ? BitOf(lo) : 0;
    int bhi = w == whi ? BitOf(hi) : 63;
    n += std::popcount(bits & Mask(blo, bhi));
  }
  return n;
}

bool DayBits::Any(EpochDay lo, EpochDay hi) const {
  if (words_.empty() || hi < lo) return false;
  int32_t wlo = WordOf(lo), whi = WordOf(hi);
  int32_t last = first_word_ + static_cast<int32_t>(words_.size()) - 1;
  for (int32_t w = std::max(wlo, first_word_); w <= std::min(whi, last); ++w) {
    uint64_t bits = words_[static_cast<size_t>(w - first_word_)];
    int blo = w == wlo ? BitOf(lo) : 0;
    int bhi = w == whi ? BitOf(hi) : 63;
    if (bits & Mask(blo, bhi)) return true;
  }
  return false;
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
// Layout (little-endian): u8 version=1, u64 events, i64 last_event_ms,
//   u32 n_totals, n * (i32 day, u32 count),
//   u32 n_features, per feature: u32 event_id, u32 n, n * (i32 day, u32 count),
//   u32 n_users, per user: u32 id_len, id bytes, i32 first_word, u32 n_words, n * u64.

namespace {

class Writer {
 public:
  template <typename T>
  void Put(T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.append(b, sizeof(T));
  }
  void PutBytes(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string Take() { return std::move(out_); }
  void Reserve(size_t n) { out_.reserve(n); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename T>
  bool Get(T* v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool GetBytes(void* p, size_t n) {
    if (in_.size() - pos_ < n) return false;
    std::memcpy(p, in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

static_assert(sizeof(DayCount) == 8, "DayCount must be packed for bulk copies");

void PutSeries(Writer& w, const DaySeries& s) {
  w.Put<uint32_t>(static_cast<uint32_t>(s.entries().size()));
  w.PutBytes(s.entries().data(), s.entries().size() * sizeof(DayCount));
}

bool GetSeries(Reader& r, DaySeries* s) {
  uint32_t n;
  if (!r.Get(&n) || n > (1u << 26)) return false;
  auto& e = s->mutable_entries();
  e.resize(n);
  return r.GetBytes(e.data(), n * sizeof(DayCount));
}

}  // namespace

std::string AccountUsage::Serialize() const {
  Writer w;
  size_t estimate = 32 + totals_.entries().size() * 8 + users_.size() * 48;
  for (const auto& f : features_) estimate += 8 + f.days.entries().size() * 8;
  w.Reserve(estimate);
  w.Put<uint8_t>(1);
  w.Put<uint64_t>(events_);
  w.Put<int64_t>(last_event_ms_);
  PutSeries(w, totals_);
  w.Put<uint32_t>(static_cast<uint32_t>(features_.size()));
  for (const auto& f : features_) {
    w.Put<uint32_t>(f.event_id);
    PutSeries(w, f.days);
  }
  w.Put<uint32_t>(static_cast<uint32_t>(users_.size()));
  for (const auto& u : users_) {
    w.Put<uint32_t>(static_cast<uint32_t>(u.user_id.size()));
    w.PutBytes(u.user_id.data(), u.user_id.size());
    w.Put<int32_t>(u.days.first_word());
    w.Put<uint32_t>(static_cast<uint32_t>(u.days.words().size()));
    w.PutBytes(u.days.words().data(), u.days.words().size() * 8);
  }
  return w.Take();
}

Result<AccountUsage> AccountUsage::Deserialize(std::string_view blob) {
  auto damaged = [] {
    return DataLoss("metrics.badUsageState", "stored usage state is damaged");
  };
  Reader r(blob);
  AccountUsage a;
  uint8_t version;
  if (!r.Get(&version) || version != 1) return damaged();
  if (!r.Get(&a.events_) || !r.Get(&a.last_event_ms_) || !GetSeries(r, &a.totals_)) {
    return damaged();
  }
  uint32_t nf;
  if (!r.Get(&nf) || nf > (1u << 20)) return damaged();
  a.features_.resize(nf);
  for (auto& f : a.features_) {
    if (!r.Get(&f.event_id) || !GetSeries(r, &f.days)) return damaged();
  }
  uint32_t nu;
  if (!r.Get(&nu) || nu > (1u << 24)) return damaged();
  a.users_.resize(nu);
  for (auto& u : a.users_) {
    uint32_t len, nw;
    int32_t first;
    if (!r.Get(&len) || len > (1u << 16)) return damaged();
    u.user_id.resize(len);
    if (!r.GetBytes(u.user_id.data(), len) || !r.Get(&first) || !r.Get(&nw) || nw > (1u << 16)) {
      return damaged();
    }
    std::vector<uint64_t> words(nw);
    if (!r.GetBytes(words.data(), nw * 8)) return damaged();
    u.days.Assign(first, std::move(words));
  }
  if (!r.done()) return damaged();
  return a;
}

}  // namespace tend::metrics

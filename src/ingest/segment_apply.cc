#include "ingest/segment_apply.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/field_parse.h"

namespace tend::ingest {

namespace {

const SegmentTrait* FindTrait(const SegmentMessage& m, std::string_view key) {
  for (const auto& t : m.traits) {
    if (t.key == key) return &t;
  }
  return nullptr;
}

// Sets `*field` to the trait's text when the trait is there, non-empty and different;
// returns whether it changed.
bool CopyText(const SegmentMessage& m, std::string_view key, std::string* field) {
  const auto* t = FindTrait(m, key);
  if (!t || t->text.empty() || *field == t->text) return false;
  *field = t->text;
  return true;
}

// Copies the traits Segment group calls commonly carry onto the account record. Returns
// whether anything changed.
bool ApplyGroupTraits(const SegmentMessage& m, store::AccountRecord* a) {
  bool changed = false;
  for (auto [key, field] : {std::pair{"name", &a->name}, {"industry", &a->industry},
                            {"segment", &a->segment}, {"region", &a->region}, {"csm", &a->csm}}) {
    changed |= CopyText(m, key, field);
  }
  if (const auto* t = FindTrait(m, "arr"); t && t->number && a->arr != t->number) {
    a->arr = t->number;
    changed = true;
  }
  for (auto [key, field] :
       {std::pair{"renewal_date", &a->renewal_date}, {"start_date", &a->start_date}}) {
    if (const auto* t = FindTrait(m, key)) {
      if (auto d = ParseDate(t->text); d && *field != d) {
        *field = d;
        changed = true;
      }
    }
  }
  return changed;
}

bool ApplyIdentifyTraits(const SegmentMessage& m, store::ContactRecord* c) {
  bool changed = CopyText(m, "name", &c->name);
  if (c->name.empty()) {
    const auto* first = FindTrait(m, "firstName");
    const auto* last = FindTrait(m, "lastName");
    if (first || last) {
      c->name = (first ? first->text : "") + (first && last ? " " : "") + (last ? last->text : "");
      changed = true;
    }
  }
  for (auto [key, field] : {std::pair{"email", &c->email}, {"title", &c->title},
                            {"seniority", &c->seniority}, {"role", &c->role}}) {
    changed |= CopyText(m, key, field);
  }
  return changed;
}

// A held identify's traits as stored (store::HeldIdentifyRecord): [[key, text, number], ...].
std::string EncodeTraits(const std::vector<SegmentTrait>& traits) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : traits) {
    a.push_back({t.key, t.text, t.number ? nlohmann::json(*t.number) : nlohmann::json()});
  }
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<SegmentTrait> DecodeTraits(const std::string& text) {
  std::vector<SegmentTrait> out;
  auto a = nlohmann::json::parse(text, nullptr, false);
  if (!a.is_array()) return out;
  for (const auto& e : a) {
    if (!e.is_array() || e.size() != 3 || !e[0].is_string() || !e[1].is_string()) continue;
    SegmentTrait t{e[0].get<std::string>(), e[1].get<std::string>(), std::nullopt};
    if (e[2].is_number()) t.number = e[2].get<double>();
    out.push_back(std::move(t));
  }
  return out;
}

// One batch's durable writes, inside the caller's transaction.
class BatchWriter {
 public:
  BatchWriter(store::Store& store, const SegmentApplier::Lookups& lookups,
              std::unordered_map<std::string, std::string>& user_groups, EpochMs now,
              AppliedBatch& out)
      : store_(store), lookups_(lookups), user_groups_(user_groups), now_(now), out_(out) {}

  Status Run(const SegmentBatch& batch) {
    IngestReport& report = out_.report;
    report.outcomes.assign(batch.messages.size(), {});
    for (size_t k = 0; k < batch.messages.size(); ++k) {
      TEND_RETURN_IF_ERROR(Message(batch.messages[k], report.outcomes[k]));
    }
    if (report.identified > 0 && lookups_.on_contacts_changed) {
      // Contacts whose title or company changed: milestones, and CTAs for champions.
      TEND_ASSIGN_OR_RETURN(out_.milestone_accounts, lookups_.on_contacts_changed(store_));
    }
    for (const auto& id : changed_) out_.changed_accounts[id] = accounts_[id];
    return Status::Ok();
  }

 private:
  Status Message(const SegmentMessage& m, IngestReport::Outcome& outcome) {
    IngestReport& report = out_.report;
    if (!m.message_id.empty()) {
      bool fresh = seen_ids_.insert(m.message_id).second;
      if (fresh) {
        TEND_ASSIGN_OR_RETURN(fresh, store_.InsertMessageId(m.message_id));
      }
      if (!fresh) {
        ++report.duplicates;
        outcome.what = "duplicate";
        return Status::Ok();
      }
    }
    std::string account = m.group_id;
    if (m.type == SegmentType::kGroup) {
      if (account.empty()) {
        ++report.skipped;
        return Status::Ok();
      }
      outcome = {account, "grouped"};
      return Group(m, account);
    }
    if (account.empty()) {
      TEND_ASSIGN_OR_RETURN(account, GroupOf(m.user_id));
    }
    if (m.type == SegmentType::kIdentify) {
      if (account.empty()) {
        // A contact needs an account: held until the user's group call names it.
        store::HeldIdentifyRecord h;
        h.user_id = m.user_id;
        h.ts = m.ts;
        h.received_at = now_;
        h.traits = EncodeTraits(m.traits);
        TEND_RETURN_IF_ERROR(store_.HoldIdentify(h));
        ++report.held;
        outcome.what = "held";
        return Status::Ok();
      }
      TEND_RETURN_IF_ERROR(Identify(m, account));
      outcome = {account, "identified"};
      return Status::Ok();
    }
    store::JournalEvent e;
    e.account_id = account;
    e.user_id = m.user_id;
    e.event = m.event;
    e.ts = m.ts;
    if (!account.empty()) TEND_RETURN_IF_ERROR(EnsureKnown(account));
    TEND_ASSIGN_OR_RETURN(e.seq, store_.AppendJournal(e));
    ++report.accepted;
    outcome = {account, account.empty() ? "unattributed" : "accepted"};
    if (account.empty()) {
      ++report.unattributed;
    } else {
      out_.events_by_account[account].push_back(std::move(e));
    }
    return Status::Ok();
  }

  Status Group(const SegmentMessage& m, const std::string& account) {
    IngestReport& report = out_.report;
    TEND_ASSIGN_OR_RETURN(store::AccountRecord * a, EnsureAccount(account));
    if (ApplyGroupTraits(m, a)) {
      TEND_RETURN_IF_ERROR(store_.UpsertAccount(*a));
      changed_.insert(account);
    }
    ++report.grouped;
    TEND_RETURN_IF_ERROR(store_.SetUserGroup(m.user_id, account));
    user_groups_[m.user_id] = account;
    TEND_ASSIGN_OR_RETURN(auto waiting, store_.AttributeJournal(m.user_id, account));
    for (auto& e : waiting) out_.events_by_account[account].push_back(std::move(e));
    // Identify calls that came before this first group call, in their order.
    TEND_ASSIGN_OR_RETURN(auto held, store_.TakeHeldIdentifies(m.user_id));
    for (const auto& h : held) {
      SegmentMessage im;
      im.type = SegmentType::kIdentify;
      im.user_id = m.user_id;
      im.ts = h.ts;
      im.traits = DecodeTraits(h.traits);
      TEND_RETURN_IF_ERROR(Identify(im, account));
      ++report.released;
    }
    return Status::Ok();
  }

  // An identify's traits on the user's contact at `account`.
  Status Identify(const SegmentMessage& m, const std::string& account) {
    TEND_RETURN_IF_ERROR(EnsureKnown(account));
    TEND_ASSIGN_OR_RETURN(auto existing, store_.GetContact(m.user_id));
    store::ContactRecord c = existing ? *existing : store::ContactRecord{};
    c.contact_id = m.user_id;
    bool moved = c.account_id != account;
    c.account_id = account;
    if (ApplyIdentifyTraits(m, &c) || moved || !existing) {
      TEND_RETURN_IF_ERROR(store_.UpsertContact(c));
      ++out_.report.identified;
    }
    return Status::Ok();
  }

  // The account's record being changed by this batch, else a copy of the loaded one.
  store::AccountRecord* AccountRecord(const std::string& id) {
    if (auto it = accounts_.find(id); it != accounts_.end()) return &it->second;
    if (auto a = lookups_.loaded_account(id)) return &(accounts_[id] = std::move(*a));
    return nullptr;
  }

  Result<store::AccountRecord*> EnsureAccount(const std::string& id) {
    if (auto* a = AccountRecord(id)) return a;
    TEND_RETURN_IF_ERROR(store_.InsertAccountIfMissing(id, id).status());
    out_.new_accounts = true;
    store::AccountRecord a;
    a.account_id = id;
    a.name = id;
    return &(accounts_[id] = std::move(a));
  }

  Status EnsureKnown(const std::string& id) {
    if (known_.count(id) || accounts_.count(id)) return Status::Ok();
    if (!lookups_.is_loaded(id)) {
      // Not loaded: new (a Segment groupId tend has not seen), or imported meanwhile by
      // another process; either way the reload after this batch brings it in.
      TEND_RETURN_IF_ERROR(store_.InsertAccountIfMissing(id, id).status());
      out_.new_accounts = true;
    }
    known_.insert(id);
    return Status::Ok();
  }

  Result<std::string> GroupOf(const std::string& user) {
    if (auto it = user_groups_.find(user); it != user_groups_.end()) return it->second;
    TEND_ASSIGN_OR_RETURN(auto g, store_.GetUserGroup(user));
    if (!g) return std::string();
    user_groups_[user] = *g;
    return *g;
  }

  store::Store& store_;
  const SegmentApplier::Lookups& lookups_;
  std::unordered_map<std::string, std::string>& user_groups_;
  const EpochMs now_;
  AppliedBatch& out_;
  std::map<std::string, store::AccountRecord> accounts_;  // created or changed
  std::set<std::string> changed_;                         // of those, changed
  std::set<std::string> known_;                           // seen to exist in this batch
  std::set<std::string> seen_ids_;                        // message ids within this batch
};

}  // namespace

Result<AppliedBatch> SegmentApplier::Apply(store::Store& store, const SegmentBatch& batch,
                                           const Lookups& lookups, EpochMs now) {
  AppliedBatch out;
  out.report.skipped = batch.skipped;
  TEND_RETURN_IF_ERROR(store.Begin());
  if (Status st = BatchWriter(store, lookups, user_groups_, now, out).Run(batch); !st.ok()) {
    (void)store.Rollback();
    user_groups_.clear();  // may hold this batch's groups
    return st;
  }
  TEND_RETURN_IF_ERROR(store.Commit());
  if (!out.milestone_accounts.empty()) {
    TEND_ASSIGN_OR_RETURN(out.contact_changes, store.ListContactChanges(false));
  }
  return out;
}

std::vector<size_t> ApplyToData(const AppliedBatch& applied, metrics::WorkspaceData& data) {
  std::set<size_t> touched;
  for (const auto& [account, list] : applied.events_by_account) {
    auto i = data.Index(account);
    if (!i) continue;  // a new account: the caller reloads
    std::vector<metrics::WorkspaceData::NewEvent> ne;
    ne.reserve(list.size());
    for (const auto& e : list) ne.push_back({e.ts, e.user_id, e.event});
    data.AddEvents(*i, ne);
    touched.insert(*i);
  }
  if (!applied.milestone_accounts.empty()) {
    data.SetChampionMoves(applied.contact_changes);
    for (const auto& id : applied.milestone_accounts) {
      if (auto i = data.Index(id)) touched.insert(*i);
    }
  }
  for (const auto& [id, record] : applied.changed_accounts) {
    if (auto i = data.Index(id)) {
      data.SetAccount(*i, record);
      touched.insert(*i);
    }
  }
  return {touched.begin(), touched.end()};
}

}  // namespace tend::ingest

// Program: the advocacy program's records and their lifecycles (docs/advocacy.md).
//
//   advocates  candidate -> invited -> active -> paused -> retired (paused -> active and
//              invited -> retired too; retired is final); `dismissed` takes a candidate out
//              of the queue. Consent and preferred activities are recorded; only active,
//              consenting advocates are asked. A tier's capacity (settings) caps its invited
//              and active members.
//   asks       asked -> accepted | declined; accepted -> completed (with an outcome), which
//              logs the advocacy activity on the timeline. An advocate is asked at most their
//              tier's quarterly cap times per calendar quarter.
//   requests   (reference requests from sales) requested -> asked -> accepted | declined ->
//              completed; a declined request can be asked again; an open one can be
//              cancelled. Each step is logged on the advocate's timeline.
//   ledger     what advocates gave and received. The balance over the last 180 days compares
//              what the program asked for (asks, weighted by activity) plus what advocates
//              gave outside asks (imported advocacy activities, ledger entries) with what it
//              gave back (received entries); the extraction warning is on when the first is
//              larger.
//
// Failures (Status): kNotFound for unknown ids, kInvalidArgument (id "advocacy.<field>") for
// bad values, kFailedPrecondition for moves the lifecycle or the settings forbid. Not
// thread-safe; one Program per Store connection. Callers run each operation in a transaction.
#ifndef TEND_ADVOCACY_PROGRAM_H_
#define TEND_ADVOCACY_PROGRAM_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "common/time.h"
#include "store/store.h"

namespace tend::advocacy {

struct TierInfo {
  std::string tier, label, activity, commitment, benefits;
  int quarterly_cap = 1;
  std::optional<int> capacity, min_members;
};

struct Settings {
  int recency_days = 30;  // matching skips advocates asked more recently
  double min_score = 50;  // the candidates queue lists contacts scoring at least this
  std::vector<TierInfo> tiers;
  const TierInfo* Tier(std::string_view tier) const;
};

// The four tiers with their default caps and capacities.
Settings DefaultSettings();
// Kept by the AdvocacyStore (LoadProgramSettings); defaults where nothing is stored.
Result<Settings> LoadSettings(store::AdvocacyStore& store);
Status SaveSettings(store::AdvocacyStore& store, const Settings& settings);
nlohmann::json SettingsJson(const Settings& settings);
// Reads changes onto `base` (only the keys present). kInvalidArgument naming the field
// ("tiers[2].capacity") for a bad value.
Result<Settings> ParseSettings(const nlohmann::json& j, Settings base);

// The weight of a ledger kind or ask activity (reference_call 1, case_study 3, ...); 0 when
// unknown.
double KindUnits(std::string_view kind);
bool IsGivenKind(std::string_view kind);
bool IsReceivedKind(std::string_view kind);
// A contact change as a milestone: "company_move", "promotion" (a title change to a higher
// seniority: ic < manager < director < vp < c_level) or "title_change".
std::string_view MilestoneKind(const store::ContactChangeRecord& change);
// "a,b,,c" -> {"a", "b", "c"} (how preferred activities are stored and typed).
std::vector<std::string> SplitList(const std::string& s);
// The first day of the calendar quarter that contains `d`.
EpochDay QuarterStart(EpochDay d);

// An advocate's load: asks in the quarter of `now`, and the latest ask.
struct Load {
  int asks_this_quarter = 0;
  std::optional<EpochMs> last_asked_at;
};
Load LoadOf(const std::vector<store::AskRecord>& asks, std::string_view contact_id, EpochMs now);

struct Balance {
  int window_days = 180;
  double gave = 0, received = 0;
  bool warning = false;
  std::string text;
};
// `activities`: the contact's advocacy activities on the timeline (imported or logged by
// people; those a completed ask logged are skipped, the ask counts instead).
Balance BalanceOf(std::string_view contact_id, const std::vector<store::AskRecord>& asks,
                  const std::vector<store::LedgerRecord>& ledger,
                  const std::vector<store::ActivityRecord>& activities, EpochMs now);

// What an operation logged on the timeline (the server re-scores those accounts).
struct Logged {
  std::string account_id;
  EpochMs ts;
  std::string type;
};

class Program {
 public:
  // `clock` stamps what the program writes.
  Program(store::Store& store, Settings settings, const Clock& clock = DefaultClock())
      : store_(store), settings_(std::move(settings)), clock_(clock) {}
  const Settings& settings() const { return settings_; }

  // ---- Candidates ----
  Result<store::AdvocateRecord> Invite(const std::string& contact_id, const std::string& tier,
                                       const std::string& note, const std::string& actor);
  Status Snooze(const std::string& contact_id, int days, const std::string& reason,
                const std::string& actor);
  Status Dismiss(const std::string& contact_id, const std::string& reason,
                 const std::string& actor);

  // ---- Advocates ----
  struct Change {
    std::optional<std::string> status, tier;
    std::optional<bool> consent;
    std::optional<std::vector<std::string>> preferred;
    std::string note;
  };
  Result<store::AdvocateRecord> Update(const std::string& contact_id, const Change& change,
                                       const std::string& actor);
  Result<int64_t> AddLedger(const std::string& contact_id, const std::string& direction,
                            const std::string& kind, std::optional<double> units,
                            const std::string& note, std::optional<EpochDay> day,
                            const std::string& actor);

  // ---- Asks ----
  Result<int64_t> Ask(const std::string& contact_id, const std::string& activity,
                      const std::string& note, std::optional<int64_t> request_id,
                      const std::string& actor);
  Status AnswerAsk(int64_t ask_id, bool accepted, const std::string& reason,
                   const std::string& actor);
  Status CompleteAsk(int64_t ask_id, const std::string& outcome, const std::string& actor);

  // ---- Reference requests ----
  Result<int64_t> CreateRequest(store::ReferenceRequestRecord request, const std::string& actor,
                                std::optional<int64_t> user_id);
  // REQUIRES: the caller checked that `contact_id` is among the request's matches.
  Status AskForRequest(int64_t request_id, const std::string& contact_id, const std::string& actor);
  Status AnswerRequest(int64_t request_id, bool accepted, const std::string& reason,
                       const std::string& actor);
  Status CompleteRequest(int64_t request_id, const std::string& outcome, const std::string& actor);
  Status CancelRequest(int64_t request_id, const std::string& actor);

  // ---- Milestones ----
  // Turns unprocessed contact changes into milestones on the timeline ("Promotion: ...",
  // "... left for ...", "... joined from ..."), marks each company move whose person was a
  // champion (role champion, or an invited/active/paused advocate), and moves advocates with
  // their contact. The CTAs come from rules: a champion's move shows in the attributes
  // days_since_champion_left / days_since_champion_arrived of the two accounts (the saas
  // template's champion_left and champion_arrived rules). Returns the accounts touched.
  Result<std::vector<std::string>> ProcessContactChanges(const std::string& actor);

  // Timeline entries written by the operations so far.
  const std::vector<Logged>& logged() const { return logged_; }

 private:
  Result<store::AdvocateRecord> Advocate(const std::string& contact_id);
  Result<store::ContactRecord> Contact(const std::string& contact_id);
  Result<store::ReferenceRequestRecord> Request(int64_t request_id);
  Result<store::AskRecord> AskById(int64_t ask_id);
  // Snooze and Dismiss: a contact not in the program (or a candidate) gets `status`.
  Status Triage(const std::string& contact_id, const std::string& status,
                std::optional<EpochDay> snoozed_until, const std::string& reason,
                const std::string& actor);
  // kFailedPrecondition when `tier` has no room for one more invited/active member.
  Status CheckCapacity(const std::string& tier, const std::string& contact_id);
  Status Log(const std::string& account_id, const std::string& contact_id, const std::string& type,
             const std::string& subject, const std::string& notes, const std::string& actor);

  store::Store& store_;
  Settings settings_;
  const Clock& clock_;
  std::vector<Logged> logged_;
};

// Program(store, LoadSettings(store)).ProcessContactChanges(actor): what `tend rules run`,
// the server's reloads and its Segment ingestion call. REQUIRES: a transaction is open.
Result<std::vector<std::string>> ProcessMilestones(store::Store& store, const std::string& actor);

}  // namespace tend::advocacy

#endif  // TEND_ADVOCACY_PROGRAM_H_

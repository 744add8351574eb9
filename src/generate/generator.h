// Generate: writes a deterministic, realistic synthetic tend workspace as CSV files.
//
// The workspace is what a mid-sized B2B software vendor would export into tend: accounts,
// their contacts, about six months of product-usage events, surveys (NPS, CSAT, advocacy
// NPS), support tickets, CSM activities and sales deals. The data carries the signals the
// rest of tend looks for: weekday seasonality, usage that declines before churn, at-risk and
// growing accounts, detractor NPS on troubled accounts, advocacy on healthy promoter accounts,
// features launched late or retired, and champions who change jobs (the same person appears
// at a second account with a new contact id, the same name and email local part, the new
// company's domain and a newer title).
//
// File formats (header rows, columns, enums, id shapes) are documented in the comment of
// Generate() below. All files are RFC 4180 CSV with LF line endings, UTF-8 text, and quoting
// only where a field holds a comma, quote, CR or LF.
//
// Memory: accounts and contacts are planned in memory (about 1 KB per account); events are
// produced one day at a time, so a day's events are the most held at once.
//
// Determinism: the output depends only on GenerateOptions. It uses its own PRNG
// (common/rng.h), never the clock, and never iterates an unordered container, so the same
// options give byte-identical files on the same build.
//
// Thread-safety: Generate() holds no global state; concurrent calls must use different
// out_dir values.
#ifndef TEND_GENERATE_GENERATOR_H_
#define TEND_GENERATE_GENERATOR_H_

#include <cstdint>
#include <string>

#include "common/result.h"
#include "common/time.h"

namespace tend::generate {

struct GenerateOptions {
  int accounts = 1000;  // 1 .. 9,999,999
  uint64_t seed = 1;
  // Last day of data (inclusive), from --end YYYY-MM-DD. 1975-01-01 .. 9998-12-31; the
  // default 0 (1970-01-01) is rejected, so callers must set it.
  EpochDay end_day = 0;
  std::string out_dir;     // created (with parents) if missing; files in it are replaced
  int history_days = 183;  // days of usage events ending at end_day; 1 .. 3660
};

// Rows written to each file (header rows not counted).
struct GenerateReport {
  int64_t accounts = 0;
  int64_t contacts = 0;
  int64_t events = 0;
  int64_t surveys = 0;
  int64_t tickets = 0;
  int64_t activities = 0;
  int64_t deals = 0;
  int64_t subscriptions = 0;
  int64_t purchases = 0;
  int64_t feedback = 0;
};

// Writes accounts.csv, contacts.csv, events.csv, surveys.csv, tickets.csv, activities.csv,
// deals.csv, subscriptions.csv, purchases.csv and feedback.csv into options.out_dir and returns the row counts.
//
// Files and their header rows:
//   accounts.csv    account_id,name,industry,segment,region,arr,start_date,renewal_date,csm,
//                   status,churned_on,employees,plan
//   contacts.csv    contact_id,account_id,name,email,title,seniority,role,status
//   events.csv      ts,account_id,user_id,event          (sorted by ts ascending)
//   surveys.csv     ts,account_id,contact_id,survey,score,comment   (sorted by ts)
//   tickets.csv     ticket_id,account_id,opened_at,closed_at,priority,status,csat
//   activities.csv  ts,account_id,contact_id,type,subject            (sorted by ts)
//   deals.csv       deal_id,prospect,amount,stage,closed_at,reference_contact_id
//   subscriptions.csv  subscription_id,account_id,product,plan,quantity,unit_price,arr,
//                   start_date,end_date,status     (by account, then start_date)
//   purchases.csv   purchase_id,account_id,ts,product,amount,kind  (by account, then ts)
//   (how they follow the accounts: generate/revenue_plan.h)
//   feedback.csv    feedback_id,ts,account_id,contact_id,source,source_ref,kind,importance,
//                   text,product_area,created_by,request   (generate/feedback_writer.h)
// Ids: accounts A0000001.., contacts C00000001.., tickets T00000001.., deals D0000001..,
// subscriptions S00000001.., purchases P00000001..; user
// ids U<7-digit account number>_<index, at least 2 digits>. Dates are YYYY-MM-DD, times
// YYYY-MM-DDTHH:MM:SSZ (UTC). Enums:
//   segment smb|mid_market|enterprise; region na|emea|apac|latam; status active|churned;
//   plan starter|growth|enterprise; seniority ic|manager|director|vp|c_level;
//   role champion|decision_maker|user|admin; survey nps (0..10)|csat (1..5)|advocacy_nps
//   (0..10); priority low|normal|high|urgent; ticket status open|closed (csat 1..5 or empty);
//   activity type meeting|call|email|qbr|note|beta_response|community_post|social_mention|
//   reference_call|case_study|speaking|advisory_board; deal stage open|won|lost.
// Guarantees: every account_id and contact_id referenced exists; surveys and activities name
// contacts of the same account (activity contact_id may be empty for notes); events lie in
// [end_day - history_days + 1, end_day] and never on or after a churned account's
// churned_on; nothing is dated after end_day. About 500 events per account on average with
// the default history_days (it scales linearly with history_days).
//
// Errors (Status, files may be partly written):
//   kInvalidArgument "ingest.generateBadOptions"  accounts, history_days or end_day out of
//                                                 range, or out_dir empty;
//   kInternal "ingest.generateCannotCreateDir"    out_dir cannot be created;
//   kInternal "ingest.generateWriteFailed"        a file cannot be created or written.
Result<GenerateReport> Generate(const GenerateOptions& options);

}  // namespace tend::generate

#endif  // TEND_GENERATE_GENERATOR_H_

#include "store/migrations.h"

namespace tend::store {

namespace {

constexpr Migration kMigrations[] = {
    {1, "accounts, contacts, surveys, tickets, activities, deals, usage", R"sql(
CREATE TABLE workspace_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE accounts (
  account_id TEXT PRIMARY KEY,
  name TEXT,
  industry TEXT,
  segment TEXT,
  region TEXT,
  arr REAL,
  start_date INTEGER,
  renewal_date INTEGER,
  csm TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'churned')),
  churned_on INTEGER
);
CREATE TABLE attribute_defs (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('number', 'date', 'bool', 'text'))
);
CREATE TABLE account_attributes (
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  name TEXT NOT NULL REFERENCES attribute_defs(name),
  num REAL,
  text TEXT,
  PRIMARY KEY (account_id, name)
);
CREATE TABLE contacts (
  contact_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  name TEXT,
  email TEXT,
  title TEXT,
  seniority TEXT,
  role TEXT
);
CREATE INDEX contacts_by_account ON contacts(account_id, role);
CREATE TABLE surveys (
  survey_key TEXT PRIMARY KEY,
  ts INTEGER NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  contact_id TEXT REFERENCES contacts(contact_id),
  survey TEXT NOT NULL,
  score REAL NOT NULL,
  comment TEXT
);
-- Covering indexes: the metrics engine reads (account, time, kind, value) in account order.
CREATE INDEX surveys_by_account ON surveys(account_id, ts, survey, score);
CREATE TABLE tickets (
  ticket_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  opened_at INTEGER,
  closed_at INTEGER,
  priority TEXT,
  status TEXT NOT NULL,
  csat REAL
);
CREATE INDEX tickets_by_account ON tickets(account_id, opened_at, closed_at, priority, status, csat);
CREATE TABLE activities (
  activity_id INTEGER PRIMARY KEY,
  activity_key TEXT UNIQUE,
  ts INTEGER NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  contact_id TEXT REFERENCES contacts(contact_id),
  type TEXT NOT NULL,
  subject TEXT,
  author TEXT,
  notes TEXT,
  source TEXT NOT NULL DEFAULT 'import'
);
CREATE INDEX activities_by_account ON activities(account_id, ts, type);
CREATE TABLE deals (
  deal_id TEXT PRIMARY KEY,
  prospect TEXT,
  amount REAL,
  stage TEXT NOT NULL,
  closed_at INTEGER,
  reference_contact_id TEXT REFERENCES contacts(contact_id)
);
CREATE TABLE event_names (
  event_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE account_usage (
  account_id TEXT PRIMARY KEY REFERENCES accounts(account_id),
  events INTEGER NOT NULL,
  state BLOB NOT NULL
);
-- Counting events reads this small index, not the (large) usage blobs.
CREATE INDEX account_usage_events ON account_usage(account_id, events);
CREATE TABLE event_message_ids (
  message_id TEXT PRIMARY KEY
);
)sql"},
    {2, "definitions, score history, overrides", R"sql(
CREATE TABLE definition_files (
  path TEXT PRIMARY KEY,
  content TEXT NOT NULL,
  applied_at INTEGER NOT NULL
);
CREATE TABLE score_history (
  scorecard TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  day INTEGER NOT NULL,
  overall REAL,
  color TEXT,
  measures TEXT NOT NULL,
  PRIMARY KEY (scorecard, day, account_id)
) WITHOUT ROWID;  -- SQLite: rows clustered by day, so a refresh appends (PostgreSQL: plain table)
CREATE INDEX score_history_by_account ON score_history(account_id, scorecard, day);
CREATE TABLE score_overrides (
  override_id INTEGER PRIMARY KEY,
  scorecard TEXT NOT NULL,
  measure TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  score REAL,
  comment TEXT NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX score_overrides_by_account ON score_overrides(account_id);
)sql"},
    {3, "cockpit: CTAs, tasks, success plans, rule firings, webhook deliveries", R"sql(
CREATE TABLE ctas (
  cta_id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  rule TEXT,
  type TEXT NOT NULL,
  priority TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  owner TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
  close_reason TEXT,
  due_day INTEGER,
  snoozed_until INTEGER,
  playbook TEXT,
  reason_code TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE INDEX ctas_by_account ON ctas(account_id, status);
CREATE INDEX ctas_by_owner ON ctas(owner, status);
-- At most one CTA per rule and account that is not closed.
CREATE UNIQUE INDEX ctas_one_open_per_rule ON ctas(rule, account_id) WHERE status <> 'closed' AND rule IS NOT NULL;
CREATE TABLE cta_events (
  event_id INTEGER PRIMARY KEY,
  cta_id INTEGER NOT NULL REFERENCES ctas(cta_id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX cta_events_by_cta ON cta_events(cta_id, at);
CREATE TABLE success_plans (
  plan_id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  template TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'cancelled')),
  created_by TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX success_plans_by_account ON success_plans(account_id);
CREATE TABLE objectives (
  objective_id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES success_plans(plan_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  description TEXT,
  due_day INTEGER,
  status TEXT NOT NULL DEFAULT 'not_started'
    CHECK (status IN ('not_started', 'on_track', 'at_risk', 'done')),
  position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX objectives_by_plan ON objectives(plan_id, position);
CREATE TABLE tasks (
  task_id INTEGER PRIMARY KEY,
  cta_id INTEGER REFERENCES ctas(cta_id) ON DELETE CASCADE,
  objective_id INTEGER REFERENCES objectives(objective_id) ON DELETE CASCADE,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner TEXT,
  due_day INTEGER,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  notes TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  completed_at INTEGER
);
CREATE INDEX tasks_by_cta ON tasks(cta_id, position);
CREATE INDEX tasks_by_objective ON tasks(objective_id, position);
CREATE TABLE rule_firings (
  firing_id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  day INTEGER NOT NULL,
  ctx TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX rule_firings_by_account ON rule_firings(account_id, at);
CREATE INDEX rule_firings_by_rule ON rule_firings(rule, at);
CREATE TABLE webhook_deliveries (
  delivery_id INTEGER PRIMARY KEY,
  rule TEXT,
  account_id TEXT,
  url TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
);
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries(status, next_attempt_at);
-- The (rule, account) pairs whose condition held at the last run, and since when.
CREATE TABLE rule_state (
  rule TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(account_id) ON DELETE CASCADE,
  since INTEGER NOT NULL,
  PRIMARY KEY (rule, account_id)
);
)sql"},
    {4, "server: users, sessions, API tokens, write keys, event journal", R"sql(
-- People who sign in. Passwords are argon2id strings (libsodium crypto_pwhash_str).
CREATE TABLE users (
  user_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'ops', 'csm', 'sales', 'viewer')),
  password_hash TEXT,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  last_failed_at INTEGER
);
-- Login sessions; only a hash of the cookie value is stored.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
-- Bearer tokens for automation; only a hash is stored, the prefix identifies one to people.
CREATE TABLE api_tokens (
  token_id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
-- Segment-compatible write keys (HTTP Basic user of /v1/*).
CREATE TABLE write_keys (
  key_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
-- Events received by the server, durable before they are acknowledged, until a checkpoint
-- folds them into the accounts' usage states. account_id is NULL while the user's account
-- is unknown (no groupId and no earlier group call).
CREATE TABLE event_journal (
  seq INTEGER PRIMARY KEY,
  account_id TEXT,
  user_id TEXT NOT NULL,
  event TEXT NOT NULL,
  ts INTEGER NOT NULL
);
CREATE INDEX event_journal_unattributed ON event_journal(user_id) WHERE account_id IS NULL;
-- The account of each user's latest Segment group call.
CREATE TABLE segment_user_groups (
  user_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL
);
)sql"},
    {5, "dashboard summaries, saved views, rule state by account", R"sql(
-- The server runs the rules for the accounts an event touched.
CREATE INDEX IF NOT EXISTS rule_state_by_account ON rule_state(account_id);
-- Per scorecard and day: how many accounts had which color, the average overall and the ARR
-- by color (the dashboard's trends), written with each day's history.
CREATE TABLE score_daily (
  scorecard TEXT NOT NULL,
  day INTEGER NOT NULL,
  accounts INTEGER NOT NULL,
  average REAL,
  red INTEGER NOT NULL,
  yellow INTEGER NOT NULL,
  green INTEGER NOT NULL,
  arr_red REAL NOT NULL,
  arr_yellow REAL NOT NULL,
  arr_total REAL NOT NULL,
  PRIMARY KEY (scorecard, day)
);
-- The history stored before this table existed (ARR as it is now).
INSERT INTO score_daily
SELECT h.scorecard, h.day, COUNT(*), AVG(h.overall),
       SUM(CASE WHEN h.color = 'red' THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.color = 'yellow' THEN 1 ELSE 0 END),
       SUM(CASE WHEN h.color = 'green' THEN 1 ELSE 0 END),
       COALESCE(SUM(CASE WHEN h.color = 'red' THEN a.arr END), 0),
       COALESCE(SUM(CASE WHEN h.color = 'yellow' THEN a.arr END), 0),
       COALESCE(SUM(a.arr), 0)
FROM score_history h LEFT JOIN accounts a ON a.account_id = h.account_id
GROUP BY h.scorecard, h.day;
-- A user's saved account-list views (the list's query string).
CREATE TABLE saved_views (
  view_id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX saved_views_by_user ON saved_views(user_id);
)sql"},
    {6, "advocacy program: advocates, asks, ledger, reference requests, contact changes", R"sql(
-- A contact's place in the advocacy program (one row per contact ever triaged).
CREATE TABLE advocates (
  contact_id TEXT PRIMARY KEY REFERENCES contacts(contact_id),
  account_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('candidate', 'invited', 'active', 'paused', 'retired',
                                         'dismissed')),
  tier TEXT,
  consent INTEGER NOT NULL DEFAULT 0,
  consent_at INTEGER,
  preferred TEXT,
  snoozed_until INTEGER,
  reason TEXT,
  since INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);
CREATE INDEX advocates_by_status ON advocates(status, tier);
-- What the program asked an advocate for.
CREATE TABLE advocacy_asks (
  ask_id INTEGER PRIMARY KEY,
  contact_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  activity TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('asked', 'accepted', 'declined', 'completed')),
  asked_at INTEGER NOT NULL,
  answered_at INTEGER,
  completed_at INTEGER,
  outcome TEXT,
  note TEXT,
  request_id INTEGER,
  asked_by TEXT
);
CREATE INDEX advocacy_asks_by_contact ON advocacy_asks(contact_id, asked_at);
CREATE INDEX advocacy_asks_by_time ON advocacy_asks(asked_at);
-- What advocates gave and received beyond the timeline's advocacy activities.
CREATE TABLE advocacy_ledger (
  entry_id INTEGER PRIMARY KEY,
  contact_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('gave', 'received')),
  kind TEXT NOT NULL,
  units REAL NOT NULL,
  note TEXT,
  ask_id INTEGER,
  author TEXT
);
CREATE INDEX advocacy_ledger_by_contact ON advocacy_ledger(contact_id, ts);
CREATE TABLE reference_requests (
  request_id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  requested_by TEXT NOT NULL,
  requested_by_user INTEGER,
  deal_id TEXT,
  prospect TEXT NOT NULL,
  industry TEXT,
  segment TEXT,
  region TEXT,
  product TEXT,
  deadline INTEGER,
  notes TEXT,
  status TEXT NOT NULL CHECK (status IN ('requested', 'asked', 'accepted', 'declined',
                                         'completed', 'cancelled')),
  ask_id INTEGER,
  outcome TEXT,
  updated_at INTEGER NOT NULL
);
-- Title and company changes of contacts, found when contacts are written (import, Segment
-- identify); the advocacy program turns them into milestones and CTAs.
CREATE TABLE contact_changes (
  change_id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  contact_id TEXT NOT NULL,
  previous_contact_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('title', 'company')),
  old_title TEXT,
  new_title TEXT,
  old_seniority TEXT,
  new_seniority TEXT,
  old_account_id TEXT,
  new_account_id TEXT,
  processed INTEGER NOT NULL DEFAULT 0,
  -- set when processed: the person was a champion (role champion, or an advocate)
  champion INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX contact_changes_by_contact ON contact_changes(contact_id);
-- Each scoring's probabilities, per target, account and day (the churn-risk trend).
CREATE TABLE prediction_history (
  target TEXT NOT NULL,
  account_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  probability REAL NOT NULL,
  PRIMARY KEY (target, account_id, day)
);
CREATE INDEX contacts_by_name ON contacts(name);
)sql"},
    {7, "held Segment identifies, survey identity, webhook secrets", R"sql(
-- Segment identify calls for users whose account is not known yet (identify usually comes
-- before the first group call): held, oldest first, and applied when the user's group call
-- arrives. traits is a JSON array of [key, text, number-or-null].
CREATE TABLE segment_held_identifies (
  seq INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL,
  ts INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  traits TEXT NOT NULL
);
CREATE INDEX segment_held_identifies_by_user ON segment_held_identifies(user_id, seq);
-- A survey answer is a fact: its identity is the file's survey_id when there is one, else
-- the whole row (time, account, contact, survey, score, comment), so two different answers
-- are never merged. Earlier keys named only time, account, contact and survey.
ALTER TABLE surveys ADD COLUMN survey_id TEXT;
UPDATE surveys SET survey_key = survey_key || '|' || CAST(CAST(score AS INTEGER) AS TEXT) ||
  '|' || COALESCE(comment, '');
-- The signing secret of each webhook receiver (URL): deliveries carry an HMAC-SHA256
-- signature made with it (X-Tend-Signature).
CREATE TABLE webhook_secrets (
  url TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql"},
    {8, "revenue: subscriptions, purchases, renewal edits", R"sql(
-- Subscription terms (revenue/): arr counts on the days [start_date, end_date).
CREATE TABLE subscriptions (
  subscription_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  product TEXT NOT NULL,
  plan TEXT,
  quantity REAL NOT NULL,
  unit_price REAL,
  arr REAL NOT NULL,
  start_date INTEGER NOT NULL,
  end_date INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'expired'))
);
CREATE INDEX subscriptions_by_account ON subscriptions(account_id, start_date);
-- Orders and invoices.
CREATE TABLE purchases (
  purchase_id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  ts INTEGER NOT NULL,
  product TEXT,
  amount REAL NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new', 'renewal', 'expansion', 'contraction', 'one_time',
                                     'refund'))
);
CREATE INDEX purchases_by_account ON purchases(account_id, ts);
-- What people set on a renewal (the end of a subscription); NULL: the derived value.
CREATE TABLE renewals (
  subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(subscription_id),
  stage TEXT CHECK (stage IN ('upcoming', 'in_progress', 'renewed', 'churned', 'downsell')),
  owner TEXT,
  forecast TEXT CHECK (forecast IN ('commit', 'best_case', 'at_risk')),
  arr_at_stake REAL,
  notes TEXT,
  updated_at INTEGER NOT NULL
);
)sql"},
    {9, "the voice of the customer: feedback items, requests, product areas; role product",
     R"sql(
-- Product-side requests (docs/feedback.md). merged_into: the request this one was merged
-- into (its items moved there).
CREATE TABLE feedback_requests (
  request_id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  product_area TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'under_review', 'planned', 'in_progress',
                                         'shipped', 'declined')),
  external_link TEXT,
  target_release TEXT,
  merged_into INTEGER REFERENCES feedback_requests(request_id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT
);
-- What a customer said; external_id is feedback.csv's feedback_id.
CREATE TABLE feedback_items (
  item_id INTEGER PRIMARY KEY,
  external_id TEXT UNIQUE,
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  contact_id TEXT REFERENCES contacts(contact_id),
  source TEXT NOT NULL CHECK (source IN ('call', 'meeting', 'qbr', 'ticket', 'survey', 'email',
                                         'community', 'other')),
  source_ref TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('feature_request', 'bug', 'praise', 'complaint',
                                     'question')),
  text TEXT NOT NULL,
  product_area TEXT,
  importance TEXT NOT NULL CHECK (importance IN ('nice', 'important', 'blocker')),
  created_by TEXT,
  created_at INTEGER NOT NULL,
  request_id INTEGER REFERENCES feedback_requests(request_id)
);
CREATE INDEX feedback_items_by_account ON feedback_items(account_id, created_at);
CREATE INDEX feedback_items_by_request ON feedback_items(request_id);
-- The product areas CS Ops maintains (empty: any area is accepted).
CREATE TABLE product_areas (name TEXT PRIMARY KEY);
-- The role product: the users table's CHECK gains it (a CHECK-only change, made in place as
-- SQLite documents, so the sessions and tokens that reference users are untouched).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''sales'', ''viewer'')',
                                       '''sales'', ''viewer'', ''product'')')
  WHERE type = 'table' AND name = 'users';
PRAGMA writable_schema = RESET;
)sql"},
    {10, "a CTA's renewal", R"sql(
-- The renewal (its subscription_id) a CTA is about (docs/revenue.md); NULL: none.
ALTER TABLE ctas ADD COLUMN renewal_id TEXT;
)sql"},
    {11, "the outbox of outgoing mail", R"sql(
-- Every message tend sends (mail/, docs/operations.md "Outgoing mail"), kept with its
-- status. headers: extra header lines (List-Unsubscribe). next_attempt_at: when a sender
-- may claim it next (while one holds it, the end of its lease).
CREATE TABLE outbox (
  mail_id INTEGER PRIMARY KEY,
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  headers TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  ref TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
)sql"},
    {12, "whether a contact left; contacts found by person", R"sql(
-- Whether the person is still at the account (NULL: not given); a company move needs one of a
-- person's two records to have left (docs/advocacy.md, "Milestones").
ALTER TABLE contacts ADD COLUMN status TEXT CHECK (status IN ('active', 'left', 'bounced'));
-- A person's records at other accounts, found by name and email before the @ (contacts_by_name
-- was by name alone: every namesake was read).
DROP INDEX contacts_by_name;
CREATE INDEX contacts_by_person ON contacts(name, lower(substr(email, 1, instr(email, '@'))));
)sql"},
    {13, "surveys sent by tend: invites with their answers, unsubscribed addresses", R"sql(
-- One invite per recipient of a survey (surveys/, docs/surveys.md): token_hash is the hex
-- SHA-256 of the personal link's token; answered_at is the first answer's time, score and
-- comment the latest answer.
CREATE TABLE survey_invites (
  invite_id INTEGER PRIMARY KEY,
  survey TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'advocacy_nps')),
  account_id TEXT NOT NULL REFERENCES accounts(account_id),
  contact_id TEXT NOT NULL,
  email TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  mail_id INTEGER REFERENCES outbox(mail_id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  answered_at INTEGER,
  score REAL,
  comment TEXT
);
CREATE INDEX survey_invites_by_contact ON survey_invites(contact_id, created_at);
CREATE INDEX survey_invites_by_survey ON survey_invites(survey, invite_id);
-- Addresses that asked for no more mail (the unsubscribe link, List-Unsubscribe).
CREATE TABLE mail_unsubscribes (
  email TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);
)sql"},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace tend::store

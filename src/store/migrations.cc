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
CREATE INDEX contacts_by_account ON contacts(account_id);
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
);
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
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace tend::store

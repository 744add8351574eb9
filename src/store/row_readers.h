// Reading the wide records from a row for the PostgreSQL store: S is a statement with
// Int/Str/OptInt/OptDay (PgStmt). The columns are in the order of the *Cols lists of the
// pg_*_store.cc files. The SQLite store maps the same records with RowMap (sqlite_row.h);
// making RowMap generic over the statement would let both stores share one column table per
// record and retire this file.
#ifndef TEND_STORE_ROW_READERS_H_
#define TEND_STORE_ROW_READERS_H_

#include "store/records.h"

namespace tend::store {

template <typename S>
CtaRecord ReadCtaRow(S* s) {
  CtaRecord c;
  c.cta_id = s->Int(0);
  c.account_id = s->Str(1);
  c.rule = s->Str(2);
  c.type = s->Str(3);
  c.priority = s->Str(4);
  c.title = s->Str(5);
  c.description = s->Str(6);
  c.owner = s->Str(7);
  c.status = s->Str(8);
  c.close_reason = s->Str(9);
  c.due_day = s->OptDay(10);
  c.snoozed_until = s->OptDay(11);
  c.playbook = s->Str(12);
  c.reason_code = s->Str(13);
  c.created_at = s->Int(14);
  c.updated_at = s->Int(15);
  c.closed_at = s->OptInt(16);
  c.renewal_id = s->Str(17);
  return c;
}

template <typename S>
TaskRecord ReadTaskRow(S* s) {
  TaskRecord t;
  t.task_id = s->Int(0);
  t.cta_id = s->OptInt(1);
  t.objective_id = s->OptInt(2);
  t.account_id = s->Str(3);
  t.title = s->Str(4);
  t.owner = s->Str(5);
  t.due_day = s->OptDay(6);
  t.status = s->Str(7);
  t.notes = s->Str(8);
  t.position = static_cast<int>(s->Int(9));
  t.completed_at = s->OptInt(10);
  return t;
}

template <typename S>
WebhookDeliveryRecord ReadDeliveryRow(S* s) {
  WebhookDeliveryRecord d;
  d.delivery_id = s->Int(0);
  d.rule = s->Str(1);
  d.account_id = s->Str(2);
  d.url = s->Str(3);
  d.payload = s->Str(4);
  d.status = s->Str(5);
  d.attempts = static_cast<int>(s->Int(6));
  d.last_error = s->Str(7);
  d.next_attempt_at = s->OptInt(8);
  d.created_at = s->Int(9);
  d.delivered_at = s->OptInt(10);
  return d;
}

template <typename S>
UserRecord ReadUserRow(S* s) {
  UserRecord u;
  u.user_id = s->Int(0);
  u.email = s->Str(1);
  u.name = s->Str(2);
  u.role = s->Str(3);
  u.password_hash = s->Str(4);
  u.disabled = s->Int(5) != 0;
  u.created_at = s->Int(6);
  u.failed_logins = static_cast<int>(s->Int(7));
  u.last_failed_at = s->OptInt(8);
  return u;
}

}  // namespace tend::store

#endif  // TEND_STORE_ROW_READERS_H_

// Umbrella include for the records of every domain store, kept while code moves to the
// per-domain headers (store/<domain>_records.h). New code includes the domain header it needs.
#ifndef TEND_STORE_RECORDS_H_
#define TEND_STORE_RECORDS_H_

#include "store/account_records.h"
#include "store/advocacy_records.h"
#include "store/auth_records.h"
#include "store/cockpit_records.h"
#include "store/history_records.h"
#include "store/usage_records.h"

#endif  // TEND_STORE_RECORDS_H_

// tend doctor [--db F] [--format json|table]: checks a workspace and says what needs care.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "auth/auth.h"
#include "cli/command.h"
#include "cli/format.h"
#include "common/json_text.h"
#include "scorecard/health_session.h"
#include "store/open_store.h"

namespace tend::cli {

namespace {

struct Check {
  std::string name;
  std::string level;  // ok | warn | fail
  std::string detail;
};

}  // namespace

int RunDoctor(int argc, char** argv) {
  CLI::App app{
      "Check a workspace: schema, integrity, definitions, counts, last refresh, "
      "failed webhooks, users. Exit 1 when something failed.",
      "tend doctor"};
  std::string db, format = "table";
  AddDbOption(app, &db);
  app.add_option("--format", format, "json or table")->check(CLI::IsMember({"json", "table"}));
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, /*create=*/false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  std::vector<Check> checks;
  auto add = [&](std::string name, std::string level, std::string detail) {
    checks.push_back({std::move(name), std::move(level), std::move(detail)});
  };
  const std::string location = ResolveDbPath(db);
  const bool pg = store::IsPostgresLocation(location);
  add("store", "ok",
      pg ? "PostgreSQL " + store::DisplayLocation(location) + " (connected)" : "SQLite " + location);
  add("schema", "ok",
      "version " + std::to_string(st.schema_version()) +
          " (this tend: " + std::to_string(store::LatestSchemaVersion()) + ")");
  if (auto p = st.CheckIntegrity(); !p.ok()) {
    add("integrity", "fail", p.status().message());
  } else if (!p->empty()) {
    add("integrity", "fail", std::to_string(p->size()) + " problem(s): " + p->front());
  } else {
    add("integrity", "ok", pg ? "the database is sound" : "the file is sound");
  }
  if (auto d = scorecard::LoadDefinitions(st); d.ok()) {
    add("definitions", "ok",
        std::to_string(d->metrics.size()) + " metrics, " + std::to_string(d->scorecards.size()) +
            " scorecard(s), " + std::to_string(d->rules.size()) + " rules, " +
            std::to_string(d->playbooks.size()) + " playbooks");
  } else {
    add("definitions", d.status().id() == "scorecard.noDefinitions" ? "warn" : "fail",
        d.status().message());
  }
  if (auto c = st.Counts(); c.ok()) {
    add("counts", c->accounts ? "ok" : "warn",
        Thousands(c->accounts) + " accounts, " + Thousands(c->contacts) + " contacts, " +
            Thousands(c->events) + " events, " + Thousands(c->surveys) + " surveys, " +
            Thousands(c->tickets) + " tickets, " + Thousands(c->activities) + " activities");
  } else {
    add("counts", "fail", c.status().message());
  }
  auto day = st.GetMeta("last_refresh_day");
  auto at = st.GetMeta("last_refresh_at");
  if (day.ok() && *day && at.ok() && *at) {
    EpochDay d = static_cast<EpochDay>(std::stol(**day));
    EpochMs t = std::stoll(**at);
    int age = DayOf(NowMs()) - DayOf(t);
    add("last refresh", age > 1 ? "warn" : "ok",
        "as of " + FormatDate(d) + ", run " + FormatTime(t) +
            (age > 1 ? " (" + std::to_string(age) + " days ago)" : ""));
  } else {
    add("last refresh", "warn", "never refreshed (tend score, tend rules run or tend serve)");
  }
  if (auto f = st.ListWebhookDeliveries("failed"); f.ok()) {
    add("webhooks", f->empty() ? "ok" : "warn",
        f->empty() ? "no failed deliveries"
                   : std::to_string(f->size()) + " failed (tend webhooks retry)");
  }
  if (auto j = st.CountJournal(); j.ok()) {
    add("event journal", j->second ? "warn" : "ok",
        Thousands(j->first) + " events waiting to be folded, " + Thousands(j->second) +
            " of users without an account");
  }
  auth::Auth a(st);
  if (auto users = a.ListUsers(); users.ok()) {
    int admins = 0;
    for (const auto& u : *users) admins += u.role == auth::Role::kAdmin && !u.disabled;
    add("users", admins ? "ok" : "warn",
        std::to_string(users->size()) + " user(s), " + std::to_string(admins) + " active admin(s)" +
            (admins ? "" : " (tend user add --role admin)"));
  }
  bool failed = false;
  for (const auto& c : checks) failed |= c.level == "fail";
  if (format == "json") {
    nlohmann::ordered_json j;
    j["ok"] = !failed;
    j["checks"] = nlohmann::json::array();
    for (const auto& c : checks) {
      j["checks"].push_back({{"name", c.name}, {"level", c.level}, {"detail", c.detail}});
    }
    std::printf("%s\n", DumpJson(j, 2).c_str());
  } else {
    for (const auto& c : checks) {
      std::printf("%-5s %-14s %s\n", c.level.c_str(), c.name.c_str(), c.detail.c_str());
    }
  }
  return failed ? 1 : 0;
}

}  // namespace tend::cli

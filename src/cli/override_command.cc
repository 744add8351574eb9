// tend override [--db F] --account A --measure M [--scorecard S] (--score N | --clear) --comment C
#include <cstdio>
#include <cstdlib>

#include "cli/command.h"
#include "cli/format.h"
#include "common/time.h"
#include "scorecard/health_session.h"

namespace tend::cli {

int RunOverride(int argc, char** argv) {
  CLI::App app{
      "Set a measure's score for an account by hand (a manual measure, or an override "
      "of a computed one), with a comment. Who, when and why are kept.",
      "tend override"};
  std::string db, account, measure, scorecard_name, comment, by;
  double score = 0;
  bool clear = false;
  AddDbOption(app, &db);
  app.add_option("--account", account, "account id")->required();
  app.add_option("--measure", measure, "measure name")->required();
  app.add_option("--scorecard", scorecard_name, "scorecard (default: health, else the first)");
  auto* score_opt = app.add_option("--score", score, "score 0..100")->check(CLI::Range(0.0, 100.0));
  app.add_flag("--clear", clear, "remove the override: the computed score applies again")
      ->excludes(score_opt);
  app.add_option("--comment", comment, "why (required)")->required();
  app.add_option("--by", by, "who (default: $USER)");
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  if (!clear && score_opt->count() == 0)
    return Fail(InvalidArgument("cli.noScore", "give --score N or --clear"));
  if (comment.empty()) return Fail(InvalidArgument("cli.noComment", "--comment must say why"));
  if (by.empty()) by = std::getenv("USER") ? std::getenv("USER") : "cli";
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  auto defs = scorecard::LoadDefinitions(**ws);
  if (!defs.ok()) return Fail(defs.status());
  const scorecard::ScorecardDef* sc =
      scorecard_name.empty() ? (defs->FindScorecard("health") ? defs->FindScorecard("health")
                                : defs->scorecards.empty()    ? nullptr
                                                              : &defs->scorecards[0])
                             : defs->FindScorecard(scorecard_name);
  if (!sc) return Fail(NotFound("cli.unknownScorecard", "no scorecard \"" + scorecard_name + "\""));
  bool known = false;
  for (const auto& m : sc->measures) known |= m.name == measure;
  if (!known)
    return Fail(NotFound("cli.unknownMeasure",
                         "scorecard " + sc->name + " has no measure \"" + measure + "\""));
  auto accounts = (*ws)->LoadAccounts();
  if (!accounts.ok()) return Fail(accounts.status());
  bool acct = false;
  for (const auto& a : *accounts) acct |= a.account_id == account;
  if (!acct) return Fail(NotFound("cli.unknownAccount", "no account \"" + account + "\""));
  store::OverrideRecord o;
  o.scorecard = sc->name;
  o.measure = measure;
  o.account_id = account;
  if (!clear) o.score = score;
  o.comment = comment;
  o.author = by;
  o.created_at = NowMs();
  auto id = (*ws)->AddOverride(o);
  if (!id.ok()) return Fail(id.status());
  std::printf("%s %s.%s for %s by %s (%s)\n", clear ? "cleared" : ("set " + Compact(score)).c_str(),
              sc->name.c_str(), measure.c_str(), account.c_str(), by.c_str(), comment.c_str());
  return 0;
}

}  // namespace tend::cli

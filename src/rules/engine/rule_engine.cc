#include "rules/engine/rule_engine.h"

#include "common/clock.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cockpit/cockpit.h"
#include "common/cell.h"
#include "common/json_text.h"
#include "common/round.h"
#include "common/time.h"
#include "surveys/surveys.h"

namespace tend::rules {

namespace {

double MsSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

std::string Render(const std::string& text, scorecard::HealthEngine& engine, size_t row) {
  return RenderTemplate(text, [&](const std::string& name) {
    std::string key = TemplateNameToExpressionName(name);
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const Column* c = engine.Get(key);
    return c ? FormatCell(*c, row) : std::string();
  });
}

Result<Preview> RuleEngine::PreviewCondition(const std::string& condition) {
  auto compiled = definitions::CompileCondition(session_.defs(), condition);
  if (auto* err = std::get_if<std::string>(&compiled)) {
    return InvalidArgument("rules.badCondition", *err);
  }
  auto program = std::get<std::shared_ptr<const expr::Program>>(compiled);
  scorecard::HealthEngine& e = session_.engine();
  std::vector<const Column*> in;
  for (const auto& n : program->names()) in.push_back(e.Get(n));
  Column result = program->Evaluate(in, session_.data().size());
  Preview p;
  p.names = program->names();
  for (size_t i : session_.ActiveAccounts()) {
    if (result.IsNull(i) || result.num[i] == 0) continue;
    Preview::Row r;
    r.account_id = session_.data().account(i).account_id;
    for (const Column* c : in) r.values.push_back(FormatCell(*c, i));
    p.rows.push_back(std::move(r));
  }
  return p;
}

Result<RuleRunReport> RuleEngine::Run(const std::string& actor) { return RunOn(nullptr, actor); }

Result<RuleRunReport> RuleEngine::RunAccounts(const std::vector<size_t>& rows,
                                              const std::string& actor) {
  return RunOn(&rows, actor);
}

Result<RuleRunReport> RuleEngine::RunOn(const std::vector<size_t>* only, const std::string& actor) {
  auto start = std::chrono::steady_clock::now();
  RuleRunReport report;
  const definitions::Definitions& defs = session_.defs();
  scorecard::HealthEngine& engine = session_.engine();
  metrics::WorkspaceData& data = session_.data();
  store::Store& store = session_.store();
  const EpochDay today = engine.as_of();
  const std::vector<size_t> active = session_.ActiveAccounts();

  // 1. Evaluate every condition (column-wise, all accounts at once).
  auto eval_start = std::chrono::steady_clock::now();
  // For a few accounts (`only`), each condition is evaluated row by row instead.
  std::vector<size_t> rows;
  if (only) {
    rows = *only;
  } else {
    rows.resize(data.size());
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  }
  std::vector<Column> results;
  std::vector<std::vector<char>> row_results;  // [rule][position in rows]: 1 when it holds
  std::vector<std::vector<const Column*>> inputs;
  for (const RuleDef& r : defs.rules) {
    std::vector<const Column*> in;
    if (r.enabled && r.condition) {
      for (const auto& n : r.condition->names()) in.push_back(engine.Get(n));
      if (only) {
        std::vector<char> held(rows.size(), 0);
        for (size_t j = 0; j < rows.size(); ++j) {
          expr::Value v = r.condition->EvaluateRow(in, rows[j]);
          held[j] = !v.is_null() && v.raw_num() != 0;
        }
        row_results.push_back(std::move(held));
      } else {
        results.push_back(r.condition->Evaluate(in, data.size()));
      }
    } else if (only) {
      row_results.emplace_back(rows.size(), 0);
    } else {
      results.emplace_back(ValueType::kBool, data.size());
    }
    inputs.push_back(std::move(in));
  }
  auto holds = [&](size_t k, size_t j) {
    if (only) return row_results[k][j] != 0;
    const Column& res = results[k];
    size_t i = rows[j];
    return !res.IsNull(i) && res.num[i] != 0;
  };
  report.evaluate_ms = MsSince(eval_start);

  // 2. Act, in one transaction.
  std::vector<std::pair<std::string, std::string>> state_rows;
  store::CtaFilter open_filter;
  open_filter.statuses = {"open", "in_progress"};
  std::vector<store::CtaRecord> open_ctas;
  if (only && rows.size() <= 5000) {
    // Some accounts (the server after events): read only their state and CTAs.
    std::vector<std::string> ids;
    for (size_t i : rows) ids.push_back(data.account(i).account_id);
    TEND_ASSIGN_OR_RETURN(state_rows, store.LoadRuleStateOf(ids));
    for (size_t at = 0; at < ids.size(); at += 500) {
      open_filter.account_ids.assign(ids.begin() + at,
                                     ids.begin() + std::min(ids.size(), at + 500));
      TEND_ASSIGN_OR_RETURN(auto ctas, store.ListCtas(open_filter));
      for (auto& c : ctas) open_ctas.push_back(std::move(c));
    }
  } else {
    TEND_ASSIGN_OR_RETURN(state_rows, store.LoadRuleState());
    TEND_ASSIGN_OR_RETURN(open_ctas, store.ListCtas(open_filter));
  }
  std::set<std::pair<std::string, std::string>> was_matched(state_rows.begin(), state_rows.end());
  std::map<std::pair<std::string, std::string>, store::CtaRecord> open_by_rule;
  for (auto& c : open_ctas) {
    if (!c.rule.empty()) open_by_rule[{c.rule, c.account_id}] = c;
  }
  TEND_ASSIGN_OR_RETURN(auto overrides, store.LoadOverrides());
  std::map<std::string, std::optional<double>> latest_override;  // sc|measure|account
  for (const auto& o : overrides)
    latest_override[o.scorecard + "|" + o.measure + "|" + o.account_id] = o.score;

  // One instant for everything a run stamps (firings, timeline entries, the CTAs it opens and
  // their history), so a run's records order the same way whichever millisecond each was
  // written in.
  const EpochMs now = NowMs();
  const FakeClock run_clock(now);
  cockpit::Cockpit cockpit(store, run_clock);
  TEND_RETURN_IF_ERROR(store.Begin());
  auto fail = [&](Status st) {
    (void)store.Rollback();
    return st;
  };
  std::vector<bool> is_active(data.size(), false);
  for (size_t i : active) is_active[i] = true;

  for (size_t k = 0; k < defs.rules.size(); ++k) {
    const RuleDef& r = defs.rules[k];
    if (!r.enabled || !r.condition) continue;
    ++report.rules;
    bool raises_cta = false;
    for (const auto& a : r.actions) raises_cta |= a.kind == ActionKind::kCta;
    for (size_t j = 0; j < rows.size(); ++j) {
      const size_t i = rows[j];
      const std::string& account_id = data.account(i).account_id;
      bool matched = is_active[i] && holds(k, j);
      auto key = std::make_pair(r.name, account_id);
      bool before = was_matched.count(key) > 0;
      auto open = open_by_rule.find(key);
      if (!matched) {
        if (before) {
          Status st = store.SetRuleState(r.name, account_id, false, now);
          if (!st.ok()) return fail(st);
        }
        // A churned account no longer matches, so its auto-close CTAs close too.
        if (r.auto_close && open != open_by_rule.end()) {
          Status st =
              cockpit.CloseCta(open->second.cta_id, "resolved_by_rule",
                               "the condition of rule " + r.name + " no longer holds", actor);
          if (!st.ok()) return fail(st);
          ++report.ctas_closed;
        }
        continue;
      }
      ++report.matched;
      bool fires = !before || (raises_cta && open == open_by_rule.end());
      if (!before) {
        Status st = store.SetRuleState(r.name, account_id, true, now);
        if (!st.ok()) return fail(st);
      }
      if (!fires) continue;
      ++report.fired;
      std::vector<std::string> outcome;
      for (const ActionDef& a : r.actions) {
        switch (a.kind) {
          case ActionKind::kCta: {
            // Looked up again: an earlier cta action of this rule may have just opened one.
            if (auto now_open = open_by_rule.find(key); now_open != open_by_rule.end()) {
              outcome.push_back("cta " + std::to_string(now_open->second.cta_id) + " already open");
              break;
            }
            store::CtaRecord c;
            c.account_id = account_id;
            c.rule = r.name;
            c.type = a.cta_type;
            c.priority = a.priority;
            c.title = Render(a.title, engine, i);
            c.description = Render(a.description, engine, i);
            c.owner = cockpit::ResolveOwner(a.owner, &data.account(i));
            c.due_day = today + a.due_in_days;
            c.reason_code = a.reason;
            if (a.renewal == "next") {
              if (auto next = data.revenue(i).NextRenewal(today)) c.renewal_id = next->subscription_id;
            }
            const cockpit::PlaybookDef* pb =
                a.playbook.empty() ? nullptr : defs.FindPlaybook(a.playbook);
            auto id = cockpit.CreateCta(c, pb, &data.account(i), today, actor);
            if (!id.ok()) return fail(id.status());
            c.cta_id = *id;
            open_by_rule[key] = c;
            ++report.ctas_created;
            report.created_ctas.push_back(*id);
            outcome.push_back("cta " + std::to_string(*id) + " created");
            break;
          }
          case ActionKind::kSetField: {
            store::AttributeValue v;
            v.name = a.field;
            std::optional<ValueType> type;
            if (a.value) {
              std::vector<const Column*> in;
              for (const auto& n : a.value->names()) in.push_back(engine.Get(n));
              expr::Value x = a.value->EvaluateRow(in, i);
              type = a.value->type();
              if (!x.is_null()) {
                if (x.type() == ValueType::kText)
                  v.text = x.text();
                else
                  v.num = x.raw_num();
              }
            } else {
              std::string lv = a.literal;
              for (char& ch : lv)
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
              type = definitions::NameType(defs, a.field);
              if (type == ValueType::kBool)
                v.num = (lv == "true" || lv == "yes") ? 1 : 0;
              else if (type == ValueType::kNumber)
                v.num = std::stod(a.literal);
              else
                v.text = a.literal;
            }
            if (!type || *type == ValueType::kNull) type = ValueType::kText;
            // Declare the field for the workspace the first time a rule sets it.
            bool known = false;
            for (const auto& d : data.attribute_defs()) known |= d.name == a.field;
            if (!known) {
              Status st = store.SaveAttributeDef({a.field, *type});
              if (!st.ok()) return fail(st);
            }
            const Column* cur = engine.Get(a.field);
            bool same =
                cur && ((cur->IsNull(i) && !v.num && !v.text) ||
                        (!cur->IsNull(i) &&
                         ((v.text && cur->type == ValueType::kText && cur->text[i] == *v.text) ||
                          (v.num && cur->type != ValueType::kText && cur->num[i] == *v.num))));
            if (same) break;
            Status st = store.SetAccountAttribute(account_id, v);
            if (!st.ok()) return fail(st);
            ++report.fields_set;
            outcome.push_back(a.field + " set");
            break;
          }
          case ActionKind::kSetScore: {
            std::string okey = a.scorecard + "|" + a.measure + "|" + account_id;
            auto it = latest_override.find(okey);
            if (it != latest_override.end() && it->second == a.score) break;
            store::OverrideRecord o;
            o.scorecard = a.scorecard;
            o.measure = a.measure;
            o.account_id = account_id;
            o.score = a.score;
            o.comment = a.comment.empty() ? "set by rule " + r.name : Render(a.comment, engine, i);
            o.author = "rule:" + r.name;
            o.created_at = now;
            auto id = store.AddOverride(o);
            if (!id.ok()) return fail(id.status());
            latest_override[okey] = a.score;
            ++report.scores_set;
            outcome.push_back(a.scorecard + "." + a.measure + " scored");
            break;
          }
          case ActionKind::kSuccessPlan: {
            auto plans = store.ListPlans(account_id);
            if (!plans.ok()) return fail(plans.status());
            bool has = false;
            for (const auto& p : *plans)
              has |= p.template_name == a.plan_template && p.status == "active";
            if (has) break;
            const cockpit::PlanTemplateDef* t = defs.FindPlanTemplate(a.plan_template);
            if (!t) break;
            auto id = cockpit.CreatePlan(account_id, *t, &data.account(i), today, actor);
            if (!id.ok()) return fail(id.status());
            ++report.plans_created;
            outcome.push_back("plan " + std::to_string(*id) + " created");
            break;
          }
          case ActionKind::kSendSurvey: {
            // To the account's contacts with an address (throttling and unsubscribes apply).
            const surveys::SurveyDef* def = defs.FindSurvey(a.survey);
            auto options = surveys::LoadSendOptions(store);
            if (!options.ok()) return fail(options.status());
            if (!def || options->public_url.empty()) {
              outcome.push_back("survey " + a.survey +
                                " not sent: no public URL yet (tend serve --public-url)");
              break;
            }
            auto contacts = store.ListContacts(account_id);
            if (!contacts.ok()) return fail(contacts.status());
            std::vector<std::string> ids;
            for (const auto& ct : *contacts) {
              if (!ct.email.empty()) ids.push_back(ct.contact_id);
            }
            auto sent = surveys::SendSurvey(
                store, *def, ids, *options,
                [&](const std::string&, const std::string& name) {
                  return Render("{{" + name + "}}", engine, i);
                },
                now);
            if (!sent.ok()) return fail(sent.status());
            report.surveys_queued += sent->queued;
            outcome.push_back("survey " + a.survey + ": " + std::to_string(sent->queued) +
                              " queued");
            break;
          }
          case ActionKind::kWebhook: {
            nlohmann::json payload;
            std::string text = a.text.empty() ? "Rule " + r.name + " fired for " +
                                                    data.account(i).name + " (" + account_id + ")"
                                              : Render(a.text, engine, i);
            if (a.format == "slack") {
              payload["text"] = text;
            } else {
              payload["rule"] = r.name;
              payload["account_id"] = account_id;
              payload["account_name"] = data.account(i).name;
              payload["message"] = text;
              payload["as_of"] = FormatDate(today);
              nlohmann::json vals = nlohmann::json::object();
              for (size_t n = 0; n < r.condition->names().size(); ++n) {
                vals[r.condition->names()[n]] = CellJson(*inputs[k][n], i);
              }
              payload["values"] = vals;
            }
            store::WebhookDeliveryRecord d;
            d.rule = r.name;
            d.account_id = account_id;
            d.url = a.url;
            d.payload = DumpJson(payload);
            d.created_at = now;
            d.next_attempt_at = now;
            auto id = store.InsertWebhookDelivery(d);
            if (!id.ok()) return fail(id.status());
            ++report.webhooks_queued;
            outcome.push_back("webhook queued");
            break;
          }
        }
      }
      store::RuleFiringRecord f;
      f.rule = r.name;
      f.account_id = account_id;
      f.at = now;
      f.day = today;
      nlohmann::json vals = nlohmann::json::object();
      for (size_t n = 0; n < r.condition->names().size(); ++n) {
        vals[r.condition->names()[n]] = CellJson(*inputs[k][n], i);
      }
      f.values = DumpJson(vals);
      std::string joined;
      for (const auto& o : outcome) joined += (joined.empty() ? "" : "; ") + o;
      f.outcome = joined.empty() ? "no change" : joined;
      Status st = store.AddRuleFiring(f);
      if (!st.ok()) return fail(st);
      // Every firing also goes on the account's timeline.
      store::ActivityRecord entry;
      entry.ts = now;
      entry.account_id = account_id;
      entry.type = "rule_fired";
      entry.subject = "Rule " + r.name + ": " + f.outcome;
      entry.notes = f.values;
      entry.author = actor;
      entry.source = "system";
      if (auto id = store.UpsertActivity(entry); !id.ok()) return fail(id.status());
    }
  }
  TEND_RETURN_IF_ERROR(store.Commit());
  report.total_ms = MsSince(start);
  return report;
}

}  // namespace tend::rules

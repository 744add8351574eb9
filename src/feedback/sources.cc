#include "feedback/sources.h"

#include <algorithm>
#include <set>

namespace tend::feedback {

Result<std::vector<FeedbackSource>> FeedbackSources(store::Store& store,
                                                    const std::string& account_id, size_t limit) {
  store::FeedbackItemFilter f;
  f.account_id = account_id;
  TEND_ASSIGN_OR_RETURN(auto items, store.ListFeedbackItems(f));
  std::set<std::string> logged;
  for (const auto& i : items) {
    if (!i.source_ref.empty()) logged.insert(i.source_ref);
  }
  std::vector<FeedbackSource> surveys, tickets, calls;
  TEND_ASSIGN_OR_RETURN(auto answers, store.ListSurveys(account_id));
  for (const auto& s : answers) {
    if (s.comment.empty()) continue;
    std::string id = s.survey_id.empty() ? s.survey + "@" + FormatTime(s.ts) : s.survey_id;
    surveys.push_back({"survey", "survey:" + id, s.contact_id, s.comment, s.ts, false});
  }
  TEND_ASSIGN_OR_RETURN(auto all_tickets, store.ListTickets(account_id));
  for (const auto& t : all_tickets) {
    std::string text = "Ticket " + t.ticket_id + " (" + (t.priority.empty() ? "-" : t.priority) +
                       ", " + t.status + ")";
    tickets.push_back({"ticket", "ticket:" + t.ticket_id, "", text, t.opened_at.value_or(0), false});
  }
  TEND_ASSIGN_OR_RETURN(auto activities, store.ListActivities(account_id));
  for (const auto& a : activities) {
    if (a.type != "call" && a.type != "meeting" && a.type != "qbr") continue;
    std::string text = a.subject + (a.notes.empty() ? "" : ": " + a.notes);
    calls.push_back({a.type, "activity:" + std::to_string(a.activity_id), a.contact_id, text,
                     a.ts, false});
  }
  std::vector<FeedbackSource> out;
  for (auto* list : {&surveys, &tickets, &calls}) {
    std::stable_sort(list->begin(), list->end(),
                     [](const FeedbackSource& a, const FeedbackSource& b) { return a.ts > b.ts; });
    if (list->size() > limit) list->resize(limit);
    for (auto& s : *list) {
      s.logged = logged.contains(s.source_ref);
      out.push_back(std::move(s));
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const FeedbackSource& a, const FeedbackSource& b) { return a.ts > b.ts; });
  return out;
}

}  // namespace tend::feedback

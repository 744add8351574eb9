// The public survey page (/s/TOKEN): small, server-rendered HTML that works on a phone
// without scripts: the score buttons, an optional comment, and the messages around them.
// Pure functions; every value is HTML-escaped.
#ifndef TEND_SURVEYS_PAGE_H_
#define TEND_SURVEYS_PAGE_H_

#include <optional>
#include <string>

namespace tend::surveys {

struct PageView {
  std::string action;    // where the form posts (the page's own path)
  std::string kind;      // nps | csat | advocacy_nps
  std::string question;  // empty: the kind's standard wording
  std::optional<int> score;  // the answer so far
  std::string comment;
  std::string notice;  // "Thank you!" after an answer; empty: none
  std::string error;   // a problem with what was sent; empty: none
};

std::string SurveyPageHtml(const PageView& view);

// A page with only a heading and a message (a bad or expired link, unsubscribed).
std::string MessagePageHtml(const std::string& title, const std::string& message);

// The unsubscribe page: a button that posts to `action`.
std::string UnsubscribePageHtml(const std::string& action);

}  // namespace tend::surveys

#endif  // TEND_SURVEYS_PAGE_H_

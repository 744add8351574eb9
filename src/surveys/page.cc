#include "surveys/page.h"

#include "definitions/survey_def.h"
#include "mail/mime.h"

namespace tend::surveys {

namespace {

using mail::EscapeHtml;

std::string Head(const std::string& title) {
  return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
         "<meta name=\"robots\" content=\"noindex\"><title>" +
         EscapeHtml(title) +
         "</title><style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:32rem;"
         "padding:1rem;color:#222}.scores{display:flex;flex-wrap:wrap;gap:.3rem}"
         ".scores label{flex:1 0 2.4rem;text-align:center;border:1px solid #888;border-radius:"
         ".3rem;padding:.6rem 0}.scores input{display:block;margin:0 auto .2rem}"
         "textarea{width:100%;box-sizing:border-box;min-height:6rem}button{margin-top:1rem;"
         "padding:.7rem 1.2rem;font-size:1rem}.notice{color:#1f6a3f}.error{color:#9e2a2a}"
         "</style></head><body>";
}

}  // namespace

std::string SurveyPageHtml(const PageView& v) {
  std::string q = v.question.empty() ? StandardQuestion(v.kind) : v.question;
  std::string out = Head(q);
  out += "<main><h1>" + EscapeHtml(q) + "</h1>";
  if (!v.notice.empty()) out += "<p class=\"notice\" role=\"status\">" + EscapeHtml(v.notice) + "</p>";
  if (!v.error.empty()) out += "<p class=\"error\" role=\"alert\">" + EscapeHtml(v.error) + "</p>";
  out += "<form method=\"post\" action=\"" + EscapeHtml(v.action) +
         "\"><fieldset class=\"scores\"><legend>Your score</legend>";
  for (int s = SurveyMinScore(v.kind); s <= SurveyMaxScore(v.kind); ++s) {
    std::string n = std::to_string(s);
    out += "<label><input type=\"radio\" name=\"score\" value=\"" + n + "\"" +
           (v.score == s ? " checked" : "") + ">" + n + "</label>";
  }
  out += "</fieldset><p><label for=\"comment\">Why? (optional)</label><br><textarea "
         "id=\"comment\" name=\"comment\" maxlength=\"4000\">" +
         EscapeHtml(v.comment) +
         "</textarea></p><button type=\"submit\">Send</button></form></main></body></html>";
  return out;
}

std::string MessagePageHtml(const std::string& title, const std::string& message) {
  return Head(title) + "<main><h1>" + EscapeHtml(title) + "</h1><p>" + EscapeHtml(message) +
         "</p></main></body></html>";
}

std::string UnsubscribePageHtml(const std::string& action) {
  return Head("Unsubscribe") +
         "<main><h1>Unsubscribe</h1><p>Stop receiving surveys from us at this address?</p>"
         "<form method=\"post\" action=\"" +
         EscapeHtml(action) +
         "\"><button type=\"submit\">Unsubscribe</button></form></main></body></html>";
}

}  // namespace tend::surveys

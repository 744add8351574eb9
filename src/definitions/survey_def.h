// Surveys as declared in YAML next to rules (docs/surveys.md): what is asked (an NPS, CSAT or
// advocacy NPS question, plus optional questions), the mail's subject and body templates, and
// how long the personal link answers.
#ifndef TEND_DEFINITIONS_SURVEY_DEF_H_
#define TEND_DEFINITIONS_SURVEY_DEF_H_

#include <string>
#include <vector>

#include "definitions/scorecard_def.h"

namespace tend::surveys {

// An optional question after the score.
struct SurveyQuestion {
  std::string id;    // a lowercase identifier, unique in its survey
  std::string type;  // single_choice | scale | text
  std::string text;
  std::vector<std::string> options;  // single_choice: the choices
  int min = 1, max = 5;              // scale: the range
};

struct SurveyDef {
  std::string name;
  std::string kind;  // nps | csat | advocacy_nps
  // Templates with the {{...}} names of CTA titles (account, metrics, scores) and
  // {{contact.name}}, {{contact.first_name}}, {{contact.title}}.
  std::string subject, body;
  std::string question;  // the score question; empty: the kind's standard wording
  int expires_in_days = 30;
  std::vector<SurveyQuestion> questions;
  scorecard::SourcePos pos;
};

// nps and advocacy_nps score 0..10, csat 1..5.
inline int SurveyMinScore(const std::string& kind) { return kind == "csat" ? 1 : 0; }
inline int SurveyMaxScore(const std::string& kind) { return kind == "csat" ? 5 : 10; }
inline bool IsNpsKind(const std::string& kind) { return kind == "nps" || kind == "advocacy_nps"; }
// The score question of a survey that words none.
inline std::string StandardQuestion(const std::string& kind) {
  if (kind == "csat") return "How satisfied are you with us?";
  if (kind == "advocacy_nps") {
    return "How likely are you to recommend our customer program to a peer?";
  }
  return "How likely are you to recommend us to a friend or colleague?";
}
// The names survey templates may use besides the account's: {{contact.name}},
// {{contact.first_name}}, {{contact.title}}.
inline bool IsContactTemplateName(const std::string& name) {
  return name == "contact.name" || name == "contact.first_name" || name == "contact.title";
}
// The score question `def` asks.
inline std::string QuestionOf(const SurveyDef& def) {
  return def.question.empty() ? StandardQuestion(def.kind) : def.question;
}

}  // namespace tend::surveys

#endif  // TEND_DEFINITIONS_SURVEY_DEF_H_

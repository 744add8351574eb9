// JSON forms of surveys: what a send did, and a survey's results.
#ifndef TEND_API_JSON_SURVEY_JSON_H_
#define TEND_API_JSON_SURVEY_JSON_H_

#include <nlohmann/json.hpp>

#include "surveys/results.h"
#include "surveys/surveys.h"

namespace tend::api::json {

nlohmann::json SendResultJson(const surveys::SendResult& r);
// `kind` decides whether nps and the promoter counts are given (nps kinds) or null.
nlohmann::json SurveyResultsJson(const surveys::SurveyResults& r, const std::string& kind);

}  // namespace tend::api::json

#endif  // TEND_API_JSON_SURVEY_JSON_H_

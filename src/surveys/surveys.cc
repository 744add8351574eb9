#include "surveys/surveys.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "common/utf8.h"
#include "definitions/rule_def.h"
#include "mail/mime.h"
#include "mail/outbox.h"

namespace tend::surveys {

namespace {

constexpr size_t kTokenBytes = 32;

std::string NewToken() {
  unsigned char raw[kTokenBytes];
  randombytes_buf(raw, sizeof raw);
  std::string out(sodium_base64_encoded_len(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();  // the NUL
  return out;
}

bool WellFormedToken(std::string_view t) {
  return t.size() == 43 && std::all_of(t.begin(), t.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string FirstName(const std::string& name) { return name.substr(0, name.find(' ')); }

// The mail of one invite: the body's paragraphs, the score buttons (one-click links), the
// personal link and the unsubscribe link.
mail::OutgoingMail InviteMail(const SurveyDef& def, const std::string& subject,
                              const std::string& body, const std::string& link,
                              const std::string& unsubscribe) {
  const std::string question = QuestionOf(def);
  const int lo = SurveyMinScore(def.kind), hi = SurveyMaxScore(def.kind);
  std::string html =
      "<!doctype html><html><body style=\"font-family:sans-serif;max-width:600px\">";
  std::string text;
  size_t at = 0;
  while (at <= body.size()) {  // paragraphs: separated by blank lines
    size_t end = body.find("\n\n", at);
    std::string para = body.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!para.empty()) {
      html += "<p>" + mail::EscapeHtml(para) + "</p>";
      text += para + "\n\n";
    }
    if (end == std::string::npos) break;
    at = end + 2;
  }
  html += "<p><b>" + mail::EscapeHtml(question) + "</b></p><p>";
  text += question + "\n";
  for (int s = lo; s <= hi; ++s) {
    const std::string url = link + "?score=" + std::to_string(s);
    html += "<a href=\"" + mail::EscapeHtml(url) +
            "\" style=\"display:inline-block;padding:8px 10px;margin:2px;border:1px solid "
            "#888;border-radius:4px;text-decoration:none;color:#222\">" +
            std::to_string(s) + "</a>";
    text += "  " + std::to_string(s) + ": " + url + "\n";
  }
  html += "</p><p><a href=\"" + mail::EscapeHtml(link) + "\">Open the survey</a></p>";
  html += "<p style=\"color:#888;font-size:12px\">You received this because you are a contact "
          "of ours. <a href=\"" + mail::EscapeHtml(unsubscribe) + "\">Unsubscribe</a></p>";
  html += "</body></html>";
  text += "\nOpen the survey: " + link + "\n\nUnsubscribe: " + unsubscribe + "\n";
  mail::OutgoingMail m;
  m.subject = subject;
  m.html = std::move(html);
  m.text = std::move(text);
  m.headers = {{"List-Unsubscribe", "<" + unsubscribe + ">"},
               {"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"}};
  m.kind = "survey";
  return m;
}

}  // namespace

std::string TokenHash(std::string_view token) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  char hex[sizeof h * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

Result<SendOptions> LoadSendOptions(store::Store& store) {
  SendOptions out;
  TEND_ASSIGN_OR_RETURN(auto url, store.GetMeta(kPublicUrlMetaKey));
  out.public_url = url.value_or("");
  while (!out.public_url.empty() && out.public_url.back() == '/') out.public_url.pop_back();
  TEND_ASSIGN_OR_RETURN(auto days, store.GetMeta(kThrottleMetaKey));
  if (days) {
    try {
      out.throttle_days = std::max(0, std::stoi(*days));
    } catch (...) {
    }
  }
  return out;
}

Result<SendResult> SendSurvey(store::Store& store, const SurveyDef& def,
                              const std::vector<std::string>& contact_ids,
                              const SendOptions& options, const TemplateValues& values,
                              EpochMs now) {
  if (sodium_init() < 0) return Internal("surveys.sodium", "libsodium failed to initialise");
  SendResult out;
  std::set<std::string> seen;
  const EpochMs throttle = static_cast<EpochMs>(options.throttle_days) * 24 * 3600 * 1000;
  for (const std::string& id : contact_ids) {
    if (!seen.insert(id).second) continue;
    TEND_ASSIGN_OR_RETURN(auto contact, store.GetContact(id));
    if (!contact) {
      out.skipped.push_back({id, "unknown_contact"});
      continue;
    }
    const std::string email = Lower(contact->email);
    if (email.empty() || !mail::CheckAddress(email).ok()) {
      out.skipped.push_back({id, "no_email"});
      continue;
    }
    TEND_ASSIGN_OR_RETURN(bool unsubscribed, store.IsUnsubscribed(email));
    if (unsubscribed) {
      out.skipped.push_back({id, "unsubscribed"});
      continue;
    }
    TEND_ASSIGN_OR_RETURN(auto last, store.LastSurveyInvite(id));
    if (last && now - *last < throttle) {
      out.skipped.push_back({id, "throttled"});
      continue;
    }
    auto value = [&](const std::string& name) -> std::string {
      if (name == "contact.name") return contact->name;
      if (name == "contact.first_name") return FirstName(contact->name);
      if (name == "contact.title") return contact->title;
      return values ? values(contact->account_id, name) : "";
    };
    const std::string token = NewToken();
    const std::string link = options.public_url + "/s/" + token;
    mail::OutgoingMail m = InviteMail(def, rules::RenderTemplate(def.subject, value),
                                      rules::RenderTemplate(def.body, value), link,
                                      link + "/unsubscribe");
    m.to = email;
    store::SurveyInviteRecord inv;
    inv.survey = def.name;
    inv.kind = def.kind;
    inv.account_id = contact->account_id;
    inv.contact_id = id;
    inv.email = email;
    inv.token_hash = TokenHash(token);
    inv.created_at = now;
    inv.expires_at = now + static_cast<EpochMs>(def.expires_in_days) * 24 * 3600 * 1000;
    m.ref = "survey:" + def.name;
    TEND_ASSIGN_OR_RETURN(inv.mail_id, mail::QueueMail(store, m, now));
    TEND_RETURN_IF_ERROR(store.InsertSurveyInvite(inv).status());
    ++out.queued;
  }
  return out;
}

Result<store::SurveyInviteRecord> OpenInvite(store::Store& store, std::string_view token,
                                             EpochMs now) {
  std::optional<store::SurveyInviteRecord> inv;
  if (WellFormedToken(token)) {
    TEND_ASSIGN_OR_RETURN(inv, store.FindSurveyInvite(TokenHash(token)));
  }
  if (!inv) {
    return NotFound("survey.badToken",
                    "this survey link is not valid (check that the whole link was copied)");
  }
  if (now >= inv->expires_at) {
    return FailedPrecondition("survey.expired", "this survey link has expired");
  }
  return *inv;
}

Result<AnswerResult> Answer(store::Store& store, std::string_view token, std::optional<int> score,
                            std::optional<std::string> comment, EpochMs now) {
  TEND_ASSIGN_OR_RETURN(store::SurveyInviteRecord inv, OpenInvite(store, token, now));
  const int lo = SurveyMinScore(inv.kind), hi = SurveyMaxScore(inv.kind);
  if (score && (*score < lo || *score > hi)) {
    return InvalidArgument("survey.badScore", "the score must be a whole number from " +
                                                  std::to_string(lo) + " to " +
                                                  std::to_string(hi));
  }
  if (comment && (comment->size() > kMaxCommentBytes || !IsValidUtf8(*comment))) {
    return InvalidArgument("survey.commentTooLong",
                           "the comment must be text of at most " +
                               std::to_string(kMaxCommentBytes) + " bytes");
  }
  if (!score && !inv.score) {
    return InvalidArgument("survey.noScore", "choose a score first");
  }
  if (inv.answered_at && now - *inv.answered_at > kAnswerWindowMs) {
    return FailedPrecondition("survey.answerClosed",
                              "this survey was answered already; the answer can no longer be "
                              "changed");
  }
  AnswerResult out;
  out.first = !inv.answered_at;
  const double new_score = score ? static_cast<double>(*score) : *inv.score;
  const std::string new_comment = comment ? *comment : inv.comment;
  TEND_RETURN_IF_ERROR(store.AnswerSurveyInvite(inv.invite_id, new_score, new_comment, now));
  inv.score = new_score;
  inv.comment = new_comment;
  if (!inv.answered_at) inv.answered_at = now;
  store::SurveyRecord r;
  r.ts = *inv.answered_at;
  r.account_id = inv.account_id;
  r.contact_id = inv.contact_id;
  r.survey = inv.kind;
  r.score = new_score;
  r.comment = new_comment;
  r.survey_id = "tend-invite-" + std::to_string(inv.invite_id);
  TEND_RETURN_IF_ERROR(store.UpsertSurvey(r).status());
  out.invite = std::move(inv);
  return out;
}

Status UnsubscribeByToken(store::Store& store, std::string_view token, EpochMs now) {
  std::optional<store::SurveyInviteRecord> inv;
  if (WellFormedToken(token)) {
    TEND_ASSIGN_OR_RETURN(inv, store.FindSurveyInvite(TokenHash(token)));
  }
  if (!inv) return NotFound("survey.badToken", "this link is not valid");
  return store.Unsubscribe(inv->email, now);
}

}  // namespace tend::surveys

#include "feedback/account_facts.h"

namespace tend::feedback {

std::map<std::string, AccountFacts> AccountFactsOf(scorecard::HealthSession& session) {
  std::map<std::string, AccountFacts> out;
  auto card = session.FindScorecard("");
  const Column* color = card.ok() ? session.engine().Find((*card)->name + ".color") : nullptr;
  const auto& data = session.data();
  for (size_t i = 0; i < data.size(); ++i) {
    const store::AccountRecord& a = data.account(i);
    AccountFacts f;
    f.account_id = a.account_id;
    f.name = a.name;
    f.segment = a.segment;
    f.csm = a.csm;
    f.status = a.status;
    f.arr = a.arr.value_or(0);
    f.renewal_date = a.renewal_date;
    if (color && i < color->size() && !color->IsNull(i)) f.color = color->text[i];
    out.emplace(a.account_id, std::move(f));
  }
  return out;
}

}  // namespace tend::feedback

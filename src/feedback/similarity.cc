#include "feedback/similarity.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

namespace tend::feedback {

namespace {

const std::set<std::string, std::less<>>& StopWords() {
  static const std::set<std::string, std::less<>> kWords = {
      "a",    "an",   "and",  "are",  "as",   "at",   "be",   "but", "by",   "can",
      "do",   "for",  "from", "has",  "have", "in",   "is",   "it",  "its",  "of",
      "on",   "or",   "our",  "so",   "that", "the",  "their", "them", "they", "this",
      "to",   "was",  "we",   "were", "when", "with", "would", "you", "your", "need",
      "want", "wants", "like", "please", "could", "should", "us", "not", "no", "if"};
  return kWords;
}

using Vector = std::map<std::string, double>;

double Norm(const Vector& v) {
  double s = 0;
  for (const auto& [k, x] : v) s += x * x;
  return std::sqrt(s);
}

}  // namespace

std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.size() >= 2 && !StopWords().contains(cur)) out.push_back(cur);
    cur.clear();
  };
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      cur += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

std::vector<Suggestion> SimilarRequests(std::string_view text,
                                        const std::vector<store::FeedbackRequestRecord>& requests,
                                        size_t limit) {
  std::vector<const store::FeedbackRequestRecord*> docs;
  std::vector<std::map<std::string, double>> tf;
  std::map<std::string, double> df;
  for (const auto& r : requests) {
    if (r.merged_into) continue;
    std::map<std::string, double> counts;
    for (int twice = 0; twice < 2; ++twice) {
      for (auto& t : Tokens(r.title)) counts[t] += 1;
    }
    for (auto& t : Tokens(r.description)) counts[t] += 1;
    for (const auto& [t, n] : counts) df[t] += 1;
    docs.push_back(&r);
    tf.push_back(std::move(counts));
  }
  const double n = static_cast<double>(docs.size());
  auto idf = [&](const std::string& t) {
    auto it = df.find(t);
    return std::log((1 + n) / (1 + (it == df.end() ? 0 : it->second))) + 1;
  };
  Vector query;
  for (auto& t : Tokens(text)) query[t] += 1;
  for (auto& [t, x] : query) x *= idf(t);
  double qn = Norm(query);
  std::vector<Suggestion> out;
  if (qn == 0) return out;
  for (size_t i = 0; i < docs.size(); ++i) {
    Vector d;
    for (const auto& [t, c] : tf[i]) d[t] = c * idf(t);
    double dot = 0;
    for (const auto& [t, x] : query) {
      auto it = d.find(t);
      if (it != d.end()) dot += x * it->second;
    }
    double dn = Norm(d);
    if (dot <= 0 || dn == 0) continue;
    out.push_back({docs[i]->request_id, docs[i]->title, docs[i]->status, dot / (qn * dn)});
  }
  std::sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.request_id < b.request_id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace tend::feedback

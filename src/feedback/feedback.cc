#include "feedback/feedback.h"

namespace tend::feedback {

namespace {

Status Field(const char* field, const std::string& what) { return InvalidArgument(field, what); }

Status CheckArea(const std::string& area, const std::vector<std::string>& areas) {
  if (area.empty() || areas.empty() || OneOf(area, areas)) return Status::Ok();
  return Field("product_area", "\"" + area + "\" is not a product area (known: " +
                                   Joined(areas) + "; CS Ops adds them with tend feedback areas add)");
}

Status CheckEnum(const char* field, const std::string& v, const auto& list) {
  if (OneOf(v, list)) return Status::Ok();
  if (v.empty()) return Field(field, "is required (one of " + Joined(list) + ")");
  return Field(field, "\"" + v + "\" is not one of " + Joined(list));
}

}  // namespace

Status CheckItem(const store::FeedbackItemRecord& item, const std::vector<std::string>& areas) {
  if (item.account_id.empty()) return Field("account_id", "is required");
  TEND_RETURN_IF_ERROR(CheckEnum("source", item.source, store::kFeedbackSources));
  TEND_RETURN_IF_ERROR(CheckEnum("kind", item.kind, store::kFeedbackKinds));
  TEND_RETURN_IF_ERROR(CheckEnum("importance", item.importance, store::kFeedbackImportances));
  if (item.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Field("text", "is required (what the customer said)");
  }
  return CheckArea(item.product_area, areas);
}

Status CheckRequest(const store::FeedbackRequestRecord& r, const std::vector<std::string>& areas) {
  if (r.title.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Field("title", "is required");
  }
  TEND_RETURN_IF_ERROR(CheckEnum("status", r.status, store::kRequestStatuses));
  return CheckArea(r.product_area, areas);
}

Result<store::FeedbackRequestRecord> GetRequest(store::FeedbackStore& store, int64_t id) {
  for (int hops = 0; hops < 64; ++hops) {
    TEND_ASSIGN_OR_RETURN(auto r, store.GetFeedbackRequest(id));
    if (!r) return NotFound("feedback.noRequest", "no request " + std::to_string(id));
    if (!r->merged_into) return std::move(*r);
    id = *r->merged_into;
  }
  return Internal("feedback.mergeCycle", "request merges form a cycle");
}

Result<int64_t> LogItem(store::FeedbackStore& store, store::FeedbackItemRecord item,
                        bool account_known, std::optional<std::string> contact_account,
                        EpochMs now) {
  TEND_ASSIGN_OR_RETURN(auto areas, store.ListProductAreas());
  TEND_RETURN_IF_ERROR(CheckItem(item, areas));
  if (!account_known) {
    return NotFound("feedback.noAccount", "no account " + item.account_id);
  }
  if (!item.contact_id.empty()) {
    if (!contact_account) return NotFound("feedback.noContact", "no contact " + item.contact_id);
    if (*contact_account != item.account_id) {
      return Field("contact_id", "contact " + item.contact_id + " belongs to account " +
                                     *contact_account + ", not " + item.account_id);
    }
  }
  if (item.request_id) {
    TEND_ASSIGN_OR_RETURN(auto r, GetRequest(store, *item.request_id));
    item.request_id = r.request_id;
  }
  if (item.created_at == 0) item.created_at = now;
  item.external_id.clear();
  return store.UpsertFeedbackItem(item);
}

Result<int64_t> CreateRequest(store::FeedbackStore& store, store::FeedbackRequestRecord r,
                              EpochMs now) {
  if (r.status.empty()) r.status = "new";
  TEND_ASSIGN_OR_RETURN(auto areas, store.ListProductAreas());
  TEND_RETURN_IF_ERROR(CheckRequest(r, areas));
  r.merged_into.reset();
  r.created_at = r.updated_at = now;
  return store.InsertFeedbackRequest(r);
}

Status LinkItem(store::FeedbackStore& store, int64_t item_id, std::optional<int64_t> request_id) {
  TEND_ASSIGN_OR_RETURN(auto item, store.GetFeedbackItem(item_id));
  if (!item) return NotFound("feedback.noItem", "no feedback item " + std::to_string(item_id));
  if (request_id) {
    TEND_ASSIGN_OR_RETURN(auto r, GetRequest(store, *request_id));
    request_id = r.request_id;
  }
  return store.LinkFeedbackItem(item_id, request_id);
}

Result<int64_t> MergeRequests(store::FeedbackStore& store, int64_t from, int64_t into,
                              EpochMs now) {
  TEND_ASSIGN_OR_RETURN(auto a, store.GetFeedbackRequest(from));
  TEND_ASSIGN_OR_RETURN(auto b, store.GetFeedbackRequest(into));
  if (!a) return NotFound("feedback.noRequest", "no request " + std::to_string(from));
  if (!b) return NotFound("feedback.noRequest", "no request " + std::to_string(into));
  if (from == into) {
    return FailedPrecondition("feedback.badMerge", "a request cannot be merged into itself");
  }
  if (a->merged_into || b->merged_into) {
    return FailedPrecondition("feedback.badMerge",
                              "request " + std::to_string(a->merged_into ? from : into) +
                                  " was already merged into request " +
                                  std::to_string(a->merged_into ? *a->merged_into
                                                                : *b->merged_into));
  }
  TEND_ASSIGN_OR_RETURN(int64_t moved, store.MoveFeedbackItems(from, into));
  a->merged_into = into;
  a->updated_at = now;
  TEND_RETURN_IF_ERROR(store.UpdateFeedbackRequest(*a));
  b->updated_at = now;
  TEND_RETURN_IF_ERROR(store.UpdateFeedbackRequest(*b));
  return moved;
}

}  // namespace tend::feedback

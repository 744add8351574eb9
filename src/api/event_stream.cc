#include "api/event_stream.h"

#include <algorithm>

namespace tend::api {

std::optional<std::string> EventStream::Subscriber::Next(std::chrono::milliseconds timeout) {
  MutexLock l(&mu_);
  cv_.wait_for(mu_, timeout, [&]() TEND_REQUIRES(mu_) { return closed_ || !queue_.empty(); });
  if (!queue_.empty()) {
    std::string m = std::move(queue_.front());
    queue_.pop_front();
    return m;
  }
  if (closed_) return std::string();
  return std::nullopt;
}

std::shared_ptr<EventStream::Subscriber> EventStream::Subscribe(
    std::function<bool(std::string_view kind)> wants) {
  MutexLock l(&mu_);
  if (closed_ || subs_.size() >= max_subscribers_) return nullptr;
  subs_.push_back(std::make_shared<Subscriber>());
  subs_.back()->wants_ = std::move(wants);
  return subs_.back();
}

void EventStream::Unsubscribe(const std::shared_ptr<Subscriber>& s) {
  MutexLock l(&mu_);
  subs_.erase(std::remove(subs_.begin(), subs_.end(), s), subs_.end());
}

void EventStream::Publish(const std::string& kind, const std::string& data) {
  std::string msg = "event: " + kind + "\ndata: " + data + "\n\n";
  MutexLock l(&mu_);
  for (auto& s : subs_) {
    if (s->wants_ && !s->wants_(kind)) continue;
    {
      MutexLock sl(&s->mu_);
      if (s->queue_.size() >= kMaxQueued) s->queue_.pop_front();
      s->queue_.push_back(msg);
    }
    s->cv_.notify_one();
  }
}

void EventStream::CloseAll() {
  MutexLock l(&mu_);
  closed_ = true;
  for (auto& s : subs_) {
    {
      MutexLock sl(&s->mu_);
      s->closed_ = true;
    }
    s->cv_.notify_all();
  }
}

size_t EventStream::size() const {
  MutexLock l(&mu_);
  return subs_.size();
}

}  // namespace tend::api

// EventStream: fans server events (changed scores, new CTAs) out to the open
// GET /api/stream connections (server-sent events).
//
// Each subscriber has a bounded queue: a client that does not read loses its oldest
// messages rather than making the server hold memory for it. The number of subscribers is
// capped (Subscribe returns nullptr beyond it) because each open stream holds one of the
// HTTP server's worker threads; the server sizes its pool as API workers + this cap, so open
// streams never starve other requests.
//
// Thread-safety: every method may be called from any thread; the subscriber list and each
// queue are guarded by their mutex (clang checks it: common/thread_annotations.h).
#ifndef TEND_API_EVENT_STREAM_H_
#define TEND_API_EVENT_STREAM_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/thread_annotations.h"

namespace tend::api {

class EventStream {
 public:
  class Subscriber {
   public:
    // Waits up to `timeout` for the next message ("event: <kind>\ndata: <json>\n\n").
    // nullopt on timeout; an empty string once the stream is closed.
    std::optional<std::string> Next(std::chrono::milliseconds timeout);

   private:
    friend class EventStream;
    Mutex mu_;
    std::condition_variable_any cv_;
    std::deque<std::string> queue_ TEND_GUARDED_BY(mu_);
    bool closed_ TEND_GUARDED_BY(mu_) = false;
    std::function<bool(std::string_view kind)> wants_;  // null: every kind
  };

  explicit EventStream(size_t max_subscribers) : max_subscribers_(max_subscribers) {}

  // `wants` picks the kinds of event this subscriber receives (null: all); the server passes
  // the caller's role through MaySeeEvent (api/visibility.h).
  std::shared_ptr<Subscriber> Subscribe(std::function<bool(std::string_view kind)> wants = nullptr);
  void Unsubscribe(const std::shared_ptr<Subscriber>& s);
  // Sends an event of kind `kind` with JSON `data` to every subscriber.
  void Publish(const std::string& kind, const std::string& data);
  // Ends every stream (shutdown).
  void CloseAll();
  size_t size() const;
  size_t max_subscribers() const { return max_subscribers_; }

 private:
  static constexpr size_t kMaxQueued = 1000;
  const size_t max_subscribers_;
  mutable Mutex mu_;
  std::vector<std::shared_ptr<Subscriber>> subs_ TEND_GUARDED_BY(mu_);
  bool closed_ TEND_GUARDED_BY(mu_) = false;
};

}  // namespace tend::api

#endif  // TEND_API_EVENT_STREAM_H_

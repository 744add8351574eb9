// StorePool: store connections for the server's worker threads. A Store is used by one
// thread at a time, so each request leases one and gives it back when done.
#ifndef TEND_API_STORE_POOL_H_
#define TEND_API_STORE_POOL_H_

#include <memory>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "store/store.h"

namespace tend::api {

class StorePool {
 public:
  // `base` opens the others (Store::OpenAnother); it is not itself handed out.
  explicit StorePool(std::unique_ptr<store::Store> base) : base_(std::move(base)) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> s) : pool_(pool), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (s_) pool_->Return(std::move(s_));
    }
    store::Store& operator*() { return *s_; }
    store::Store* operator->() { return s_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> s_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> l(mu_);
      if (!idle_.empty()) {
        auto s = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(s));
      }
    }
    std::unique_ptr<store::Store> s;
    {
      std::lock_guard<std::mutex> l(base_mu_);
      TEND_ASSIGN_OR_RETURN(s, base_->OpenAnother());
    }
    return Lease(this, std::move(s));
  }

 private:
  void Return(std::unique_ptr<store::Store> s) {
    (void)s->Rollback();  // a handler that failed mid-transaction leaves nothing open
    std::lock_guard<std::mutex> l(mu_);
    idle_.push_back(std::move(s));
  }
  std::mutex base_mu_;
  std::unique_ptr<store::Store> base_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

}  // namespace tend::api

#endif  // TEND_API_STORE_POOL_H_

// Clang thread-safety annotations (-Wthread-safety) and the mutexes they can check.
//
// A member written `T x_ TEND_GUARDED_BY(mu_);` may only be touched with `mu_` held, a method
// declared `TEND_REQUIRES(mu_)` only called with it held; clang proves both at compile time
// (the `thread_safety` test compiles the annotated files with -Werror=thread-safety). The
// standard mutexes carry no annotations in libstdc++, so annotated code uses the thin
// wrappers below: Mutex with MutexLock, SharedMutex with ReaderLock and WriterLock. Other
// compilers see the macros as nothing and the wrappers as the std types they hold.
//
// Thread-safety: the mutexes are what they wrap (std::mutex, std::shared_mutex).
#ifndef TEND_COMMON_THREAD_ANNOTATIONS_H_
#define TEND_COMMON_THREAD_ANNOTATIONS_H_

#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define TEND_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TEND_THREAD_ANNOTATION(x)
#endif

#define TEND_CAPABILITY(x) TEND_THREAD_ANNOTATION(capability(x))
#define TEND_SCOPED_CAPABILITY TEND_THREAD_ANNOTATION(scoped_lockable)
#define TEND_GUARDED_BY(x) TEND_THREAD_ANNOTATION(guarded_by(x))
#define TEND_PT_GUARDED_BY(x) TEND_THREAD_ANNOTATION(pt_guarded_by(x))
#define TEND_REQUIRES(...) TEND_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define TEND_REQUIRES_SHARED(...) TEND_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define TEND_EXCLUDES(...) TEND_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define TEND_ACQUIRE(...) TEND_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define TEND_ACQUIRE_SHARED(...) TEND_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define TEND_RELEASE(...) TEND_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define TEND_RELEASE_SHARED(...) TEND_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define TEND_RELEASE_GENERIC(...) TEND_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define TEND_NO_THREAD_SAFETY_ANALYSIS TEND_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace tend {

// std::mutex, as a capability. lock()/unlock() make it BasicLockable, so
// std::condition_variable_any can wait on it.
class TEND_CAPABILITY("mutex") Mutex {
 public:
  void Lock() TEND_ACQUIRE() { mu_.lock(); }
  void Unlock() TEND_RELEASE() { mu_.unlock(); }
  void lock() TEND_ACQUIRE() { mu_.lock(); }
  void unlock() TEND_RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class TEND_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) TEND_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() TEND_RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

// std::shared_mutex, as a capability: exclusive (Lock) or shared (LockShared).
class TEND_CAPABILITY("mutex") SharedMutex {
 public:
  void Lock() TEND_ACQUIRE() { mu_.lock(); }
  void Unlock() TEND_RELEASE() { mu_.unlock(); }
  void LockShared() TEND_ACQUIRE_SHARED() { mu_.lock_shared(); }
  void UnlockShared() TEND_RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds a SharedMutex shared (readers) for its scope.
class TEND_SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex* mu) TEND_ACQUIRE_SHARED(mu) : mu_(mu) { mu_->LockShared(); }
  ~ReaderLock() TEND_RELEASE() { mu_->UnlockShared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex* const mu_;
};

// Holds a SharedMutex exclusively (writers) for its scope; Unlock() ends it early.
class TEND_SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex* mu) TEND_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~WriterLock() TEND_RELEASE() {
    if (held_) mu_->Unlock();
  }
  void Unlock() TEND_RELEASE() {
    mu_->Unlock();
    held_ = false;
  }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex* const mu_;
  bool held_ = true;
};

}  // namespace tend

#endif  // TEND_COMMON_THREAD_ANNOTATIONS_H_

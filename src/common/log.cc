#include "common/log.h"

#include <spdlog/sinks/base_sink.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "common/time.h"

namespace tend {

namespace {

std::string_view LevelName(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warning";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "info";
  }
}

EpochMs MsOf(spdlog::log_clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

nlohmann::json Head(EpochMs ts, spdlog::level::level_enum level, std::string_view msg) {
  nlohmann::json j = nlohmann::json::object();
  j["ts"] = FormatTime(ts);
  j["level"] = LevelName(level);
  j["msg"] = msg;
  return j;
}

// The one sink: standard error or a file (reopenable), text or JSON.
class LogSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  LogSink(bool json, std::string path, std::FILE* out)
      : json_(json), path_(std::move(path)), out_(out) {}
  ~LogSink() override {
    if (out_ && out_ != stderr) std::fclose(out_);
  }

  bool json() const { return json_; }

  // Writes a whole line (without its newline) under the sink's lock.
  void WriteLine(std::string_view line) {
    std::lock_guard<std::mutex> l(mutex_);
    Put(line);
  }

  Status Reopen() {
    std::lock_guard<std::mutex> l(mutex_);
    if (path_.empty()) return Status::Ok();
    std::FILE* f = std::fopen(path_.c_str(), "a");
    if (!f) {
      return Status(ErrorCode::kUnavailable, "log.cannotOpen",
                    path_ + ": cannot open the log file: " + std::strerror(errno));
    }
    std::fclose(out_);
    out_ = f;
    return Status::Ok();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    if (json_) {
      nlohmann::json j =
          Head(MsOf(msg.time), msg.level, std::string_view(msg.payload.data(), msg.payload.size()));
      Put(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    spdlog::memory_buf_t buf;
    formatter_->format(msg, buf);
    std::fwrite(buf.data(), 1, buf.size(), out_);
    std::fflush(out_);
  }
  void flush_() override { std::fflush(out_); }

 private:
  void Put(std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fputc('\n', out_);
    std::fflush(out_);
  }

  const bool json_;
  const std::string path_;
  std::FILE* out_;
};

std::mutex g_mu;
std::shared_ptr<LogSink> g_sink;  // guarded by g_mu (the pointer; the sink locks itself)

std::shared_ptr<LogSink> Sink() {
  std::lock_guard<std::mutex> l(g_mu);
  return g_sink;
}

}  // namespace

Status ConfigureLogging(const LogOptions& options) {
  std::FILE* out = stderr;
  if (!options.file.empty()) {
    out = std::fopen(options.file.c_str(), "a");
    if (!out) {
      return InvalidArgument("log.cannotOpen",
                             options.file + ": cannot open the log file: " + std::strerror(errno));
    }
  }
  auto sink = std::make_shared<LogSink>(options.json, options.file, out);
  auto logger = std::make_shared<spdlog::logger>("", sink);
  logger->set_level(spdlog::get_level());
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  std::lock_guard<std::mutex> l(g_mu);
  g_sink = sink;
  return Status::Ok();
}

Status ReopenLog() {
  auto sink = Sink();
  return sink ? sink->Reopen() : Status::Ok();
}

bool LogIsJson() {
  auto sink = Sink();
  return sink && sink->json();
}

std::string JsonLogLine(spdlog::level::level_enum level, std::string_view msg,
                        const nlohmann::json& fields) {
  nlohmann::json j = Head(NowMs(), level, msg);
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) j[k] = v;
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void LogLine(spdlog::level::level_enum level, std::string_view msg, const nlohmann::json& fields,
             std::string_view text) {
  auto sink = Sink();
  if (sink && sink->json()) {
    sink->WriteLine(JsonLogLine(level, msg, fields));
    return;
  }
  if (!text.empty()) {
    spdlog::log(level, "{}", text);
    return;
  }
  std::string line(msg);
  if (fields.is_object()) {
    for (const auto& [k, v] : fields.items()) {
      line += " " + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
    }
  }
  spdlog::log(level, "{}", line);
}

}  // namespace tend

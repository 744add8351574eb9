// Routes: definitions (read, validate, preview a rule, apply), refresh, stats, CSV import,
// webhook deliveries; and the server's own routes, listed here for the OpenAPI document.
#include <filesystem>
#include <fstream>
#include <regex>

#include "api/json/common_json.h"
#include "api/route.h"
#include "definitions/definitions.h"
#include "ingest/import_kind.h"
#include "ingest/importer.h"

namespace tend::api {

namespace {

Status GetDefinitions(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto files, c.store.LoadDefinitionFiles());
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : files) {
    out.push_back(
        {{"path", f.path}, {"content", f.content}, {"applied_at", FormatTime(f.applied_at)}});
  }
  c.Send(200, {{"files", out}});
  return Status::Ok();
}

// Reads {"files": [{"path", "content"}, ...]}.
Result<std::vector<definitions::DefinitionFile>> FilesField(Ctx& c, const nlohmann::json& j) {
  auto it = j.find("files");
  if (it == j.end() || !it->is_array() || it->empty()) {
    return FieldError(c, "files", "must be a non-empty array of {path, content}");
  }
  std::vector<definitions::DefinitionFile> files;
  for (size_t k = 0; k < it->size(); ++k) {
    const auto& f = (*it)[k];
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("content") ||
        !f["content"].is_string()) {
      return FieldError(c, "files",
                        "item " + std::to_string(k) +
                            " must be {\"path\": string, \"content\": "
                            "string}");
    }
    files.push_back({f["path"].get<std::string>(), f["content"].get<std::string>()});
  }
  return files;
}

// "file:line:column: message" -> an object.
nlohmann::json ErrorJson(const std::string& e) {
  static const std::regex kPos(R"(^([^:]+):(\d+):(\d+): (.*)$)");
  std::smatch m;
  if (std::regex_match(e, m, kPos)) {
    return {{"file", m[1].str()},
            {"line", std::stoi(m[2].str())},
            {"column", std::stoi(m[3].str())},
            {"message", m[4].str()},
            {"text", e}};
  }
  return {{"file", nullptr}, {"line", nullptr}, {"column", nullptr}, {"message", e}, {"text", e}};
}

Result<std::variant<definitions::Definitions, std::vector<std::string>>> CompileBody(
    Ctx& c, std::vector<definitions::DefinitionFile>* files) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(*files, FilesField(c, j));
  TEND_ASSIGN_OR_RETURN(auto attrs, c.store.LoadAttributeDefs());
  return definitions::Compile(*files, attrs);
}

Status ValidateDefinitions(Ctx& c) {
  std::vector<definitions::DefinitionFile> files;
  TEND_ASSIGN_OR_RETURN(auto compiled, CompileBody(c, &files));
  nlohmann::json errors = nlohmann::json::array();
  if (auto* e = std::get_if<std::vector<std::string>>(&compiled)) {
    for (const auto& m : *e) errors.push_back(ErrorJson(m));
  }
  c.Send(200, {{"valid", errors.empty()}, {"errors", errors}});
  return Status::Ok();
}

Status ApplyDefinitions(Ctx& c) {
  std::vector<definitions::DefinitionFile> files;
  TEND_ASSIGN_OR_RETURN(auto compiled, CompileBody(c, &files));
  if (auto* e = std::get_if<std::vector<std::string>>(&compiled)) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& m : *e) errors.push_back(ErrorJson(m));
    c.error_field = "files";
    c.Send(422, {{"error",
                  {{"code", "definitions.invalid"},
                   {"message", std::to_string(e->size()) + " error(s); nothing was applied"},
                   {"field", "files"},
                   {"errors", errors}}}});
    return Status::Ok();
  }
  std::vector<store::DefinitionFileRecord> records;
  EpochMs now = NowMs();
  for (const auto& f : files) records.push_back({f.path, f.content, now});
  TEND_RETURN_IF_ERROR(c.store.ReplaceDefinitionFiles(records));
  c.after_commit.push_back([&c] { return c.state.live->Reload(true); });
  const auto& defs = std::get<definitions::Definitions>(compiled);
  c.Send(200, {{"applied", files.size()},
               {"metrics", defs.metrics.size()},
               {"scorecards", defs.scorecards.size()},
               {"rules", defs.rules.size()},
               {"playbooks", defs.playbooks.size()}});
  return Status::Ok();
}

Status PreviewRule(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto j, c.Json());
  TEND_ASSIGN_OR_RETURN(std::string condition, StringField(c, j, "condition", true));
  TEND_ASSIGN_OR_RETURN(std::optional<int64_t> limit, IntField(c, j, "limit", false));
  auto p = c.state.live->PreviewCondition(condition);
  if (!p.ok()) {
    if (p.status().id() == "rules.badCondition") c.error_field = "condition";
    return p.status();
  }
  nlohmann::json rows = nlohmann::json::array();
  size_t max = limit ? static_cast<size_t>(std::max<int64_t>(1, *limit)) : 200;
  c.state.live->Read([&](scorecard::HealthSession& s) {
    const std::string sc = MainScorecard(s);
    const Column* overall = s.engine().Find(sc + ".overall");
    const Column* color = s.engine().Find(sc + ".color");
    for (size_t k = 0; k < p->rows.size() && k < max; ++k) {
      nlohmann::json values = nlohmann::json::object();
      for (size_t n = 0; n < p->names.size(); ++n) values[p->names[n]] = p->rows[k].values[n];
      nlohmann::json row{{"account_id", p->rows[k].account_id}, {"values", values}};
      if (auto i = s.data().Index(p->rows[k].account_id)) {
        const auto& a = s.data().account(*i);
        row["name"] = a.name;
        row["csm"] = a.csm;
        row["overall"] = json::OptJson(NumAt(overall, *i));
        row["color"] = json::CellJson(color, *i);
      }
      rows.push_back(std::move(row));
    }
    return 0;
  });
  c.Send(200, {{"names", p->names}, {"matches", p->rows.size()}, {"accounts", rows}});
  return Status::Ok();
}

Status Refresh(Ctx& c) {
  TEND_RETURN_IF_ERROR(c.state.live->Reload(true));
  c.Send(200,
         {{"as_of", FormatDate(c.state.live->as_of())}, {"ms", c.state.live->last_refresh_ms()}});
  return Status::Ok();
}

Status Stats(Ctx& c) {
  TEND_ASSIGN_OR_RETURN(auto n, c.store.Counts());
  TEND_ASSIGN_OR_RETURN(auto journal, c.store.CountJournal());
  c.Send(200, {{"accounts", n.accounts},
               {"contacts", n.contacts},
               {"events", n.events},
               {"surveys", n.surveys},
               {"tickets", n.tickets},
               {"activities", n.activities},
               {"deals", n.deals},
               {"events_unattributed", journal.second},
               {"as_of", FormatDate(c.state.live->as_of())},
               {"last_refresh_at", FormatTime(c.state.live->last_refresh_at())},
               {"last_refresh_ms", c.state.live->last_refresh_ms()}});
  return Status::Ok();
}

Status Import(Ctx& c) {
  std::string kind_name = c.Param(0);
  auto kind = ingest::ParseImportKind(kind_name);
  if (!kind) {
    return NotFound("api.badKind", "unknown import kind \"" + kind_name +
                                       "\" (accounts, contacts, events, surveys, tickets, "
                                       "activities, deals, subscriptions, purchases)");
  }
  if (c.body.empty()) return InvalidArgument("api.badRequest", "the body must be a CSV file");
  std::string filename = c.Query("filename");
  if (filename.empty()) filename = kind_name + ".csv";
  filename = std::filesystem::path(filename).filename().string();  // no directories
  bool skip_bad = c.Query("skip_bad") == "true";
  // The importer reads files: write the upload to a private temporary folder.
  char tmpl[] = "/tmp/tend-upload-XXXXXX";
  if (!mkdtemp(tmpl)) return Internal("api.tmp", "cannot create a temporary folder");
  std::filesystem::path dir(tmpl);
  struct Cleanup {
    std::filesystem::path d;
    ~Cleanup() {
      std::error_code ec;
      std::filesystem::remove_all(d, ec);
    }
  } cleanup{dir};
  std::filesystem::path file = dir / filename;
  {
    std::ofstream out(file, std::ios::binary);
    out.write(c.body.data(), static_cast<std::streamsize>(c.body.size()));
    if (!out) return Internal("api.tmp", "cannot write the upload to " + file.string());
  }
  ingest::ImportOptions options;
  if (skip_bad) options.reject_path = (dir / "rejected.csv").string();
  TEND_ASSIGN_OR_RETURN(auto report, ingest::RunImport(c.store, {{*kind, file.string()}}, options));
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : report.files) {
    files.push_back({{"file", filename},
                     {"kind", std::string(ingest::ImportKindName(f.kind))},
                     {"rows", f.rows},
                     {"imported", f.imported},
                     {"duplicates", f.duplicates},
                     {"rejected", f.rejected},
                     {"seconds", f.seconds},
                     {"ignored_columns", f.ignored_columns}});
  }
  nlohmann::json out{{"committed", report.committed},
                     {"files", files},
                     {"problems", report.problems},
                     {"messages", report.messages}};
  if (!report.committed) {
    c.error_field = "file";
    c.Send(422, {{"error",
                  {{"code", "ingest.rejected"},
                   {"message", std::to_string(report.problems) +
                                   " problem(s) in the file; nothing was imported"},
                   {"field", "file"},
                   {"messages", report.messages},
                   {"problems", report.problems}}}});
    return Status::Ok();
  }
  if (skip_bad) {
    std::ifstream in(options.reject_path);
    std::string rejected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    out["rejected_csv"] = rejected;
  }
  c.after_commit.push_back([&c] { return c.state.live->Reload(false); });
  c.Send(200, out);
  return Status::Ok();
}

Status Webhooks(Ctx& c) {
  std::string status = c.Query("status");
  if (!status.empty() && status != "pending" && status != "delivered" && status != "failed") {
    c.error_field = "status";
    return InvalidArgument("api.badQuery", "status must be pending, delivered or failed");
  }
  TEND_ASSIGN_OR_RETURN(auto rows, c.store.ListWebhookDeliveries(status));
  nlohmann::json out = nlohmann::json::array();
  for (auto it = rows.rbegin(); it != rows.rend() && out.size() < 500; ++it) {
    const auto& d = *it;
    out.push_back({{"delivery_id", d.delivery_id},
                   {"rule", d.rule},
                   {"account_id", d.account_id},
                   {"url", d.url},
                   {"status", d.status},
                   {"attempts", d.attempts},
                   {"last_error", d.last_error},
                   {"created_at", FormatTime(d.created_at)},
                   {"delivered_at", json::TimeJson(d.delivered_at)},
                   {"next_attempt_at", json::TimeJson(d.next_attempt_at)}});
  }
  c.Send(200, {{"deliveries", out}});
  return Status::Ok();
}

}  // namespace

void AddAdminRoutes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/definitions", Access::kReader, "definitions",
               "the definition files in force (YAML)", GetDefinitions});
  r.push_back({"POST", "/api/definitions/validate", Access::kOps, "definitions",
               "validate definition files without applying them", ValidateDefinitions,
               "!files:array"});
  r.push_back({"POST", "/api/definitions/preview", Access::kOps, "definitions",
               "the accounts a rule condition matches now", PreviewRule,
               "!condition:string,limit:integer"});
  r.push_back({"PUT", "/api/definitions", Access::kOps, "definitions",
               "apply definition files (all or nothing) and refresh", ApplyDefinitions,
               "!files:array"});
  r.push_back({"POST", "/api/refresh", Access::kOps, "data",
               "refresh every account's scores now and run the rules", Refresh, "", "", 1 << 20,
               /*own_txn=*/true});
  r.push_back({"GET", "/api/stats", Access::kAnyUser, "data", "what the workspace holds", Stats});
  r.push_back({"POST", "/api/import/{kind}", Access::kOps, "data",
               "import a CSV file (same rules as tend import)", Import, "text/csv",
               "filename,skip_bad", 256u << 20, /*own_txn=*/true});
  r.push_back(
      {"GET", "/api/webhooks", Access::kOps, "data", "webhook deliveries", Webhooks, "", "status"});
  // Served by the server itself.
  r.push_back({"GET", "/api/stream", Access::kAnyUser, "live",
               "server-sent events: score, cta, cta_updated, refresh", nullptr});
  r.push_back(
      {"GET", "/healthz", Access::kPublic, "operations", "liveness and last refresh", nullptr});
  r.push_back({"GET", "/readyz", Access::kPublic, "operations",
               "readiness: 200 when the workspace is loaded and the database answers, else 503",
               nullptr});
  r.push_back({"GET", "/metrics", Access::kPublic, "operations", "Prometheus metrics (text format)",
               nullptr});
  r.push_back(
      {"GET", "/api/openapi.json", Access::kPublic, "operations", "this document", nullptr});
}

}  // namespace tend::api

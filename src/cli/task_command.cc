// tend task done|assign|note ID
#include <cstdio>

#include "cli/cockpit_common.h"
#include "cli/command.h"
#include "cockpit/cockpit.h"

namespace tend::cli {

int RunTask(int argc, char** argv) {
  CLI::App app{"Work a task of a CTA's playbook or of a success plan.", "tend task"};
  app.require_subcommand(1);
  std::string db, by, owner, text;
  int64_t id = 0;
  AddDbOption(app, &db);
  auto* done = app.add_subcommand("done", "complete it");
  auto* assign = app.add_subcommand("assign", "give it to someone else");
  assign->add_option("--owner", owner, "the new owner")->required();
  auto* note = app.add_subcommand("note", "set its notes");
  note->add_option("--text", text, "the notes")->required();
  for (auto* sub : {done, assign, note}) {
    sub->add_option("id", id, "the task's id")->required();
    AddDbOption(*sub, &db);
    sub->add_option("--by", by, "who is acting (default: $USER)");
  }
  if (int rc = ParseArgs(app, argc, argv); rc >= 0) return rc;
  auto ws = OpenWorkspace(db, false);
  if (!ws.ok()) return Fail(ws.status());
  store::Store& st = **ws;
  cockpit::Cockpit cp(st);
  Status s = st.Begin();
  if (s.ok()) {
    if (done->parsed())
      s = cp.CompleteTask(id, Actor(by));
    else if (assign->parsed())
      s = cp.ReassignTask(id, owner, Actor(by));
    else
      s = cp.NoteTask(id, text, Actor(by));
  }
  if (!s.ok()) {
    (void)st.Rollback();
    return Fail(s);
  }
  s = st.Commit();
  if (!s.ok()) return Fail(s);
  std::printf("task %lld: %s\n", static_cast<long long>(id),
              done->parsed()     ? "done"
              : assign->parsed() ? ("assigned to " + owner).c_str()
                                 : "notes set");
  return 0;
}

}  // namespace tend::cli

#!/usr/bin/env bash
# make demo: a demo workspace of 2,000 accounts with six months of history ending today,
# scored with the example scorecard. A second run reuses the workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
tend=build/tend
dir=demo
db=$dir/tend.db
today=$(date -u +%F)
if [ ! -f "$db" ]; then
  mkdir -p "$dir"
  echo "== generating a synthetic workspace (2,000 accounts, six months ending $today)"
  "$tend" generate --accounts 2000 --seed 42 --end "$today" --out "$dir/data"
  echo "== importing it"
  "$tend" import --db "$db" "$dir/data"
  echo "== installing the default template (scorecard, rules, playbooks)"
  "$tend" init --db "$db" --template saas
fi
echo "== refreshing health scores as of the latest event, and running the rules"
"$tend" score --db "$db" --format csv --timing > "$dir/scores.csv"
"$tend" rules run --db "$db"
echo
echo "workspace: $db"
"$tend" stats --db "$db"
echo
echo "health of active accounts:"
python3 - "$dir/scores.csv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1])))
colors = collections.Counter(r["color"] or "n/a" for r in rows)
for c in ("green", "yellow", "red", "n/a"):
    if colors[c]:
        print(f"  {c:7s} {colors[c]:5d}  {'#' * (60 * colors[c] // max(1, len(rows)))}")
worst = sorted((r for r in rows if r["overall"]), key=lambda r: float(r["overall"]))[:5]
print("\nlowest health:")
for r in worst:
    print(f"  {r['account_id']}  {r['overall']:>6}  {r['color']}")
PY
echo
echo "open calls-to-action by rule:"
"$tend" ctas --db "$db" --format csv | python3 -c 'import csv,sys,collections; c=collections.Counter(r["rule"] for r in csv.DictReader(sys.stdin)); [print(f"  {k:22s} {v}") for k,v in c.most_common()]'
echo
echo "try: $tend score --db $db --format table | less"
echo "     $tend cta show --db $db 1"
echo "     $tend history --db $db --account A0000001"
echo "     $tend definitions --db $db"

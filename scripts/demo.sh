#!/usr/bin/env bash
# make demo: a living customer success team's workspace at http://127.0.0.1:8080.
#
# The first run builds it (about a minute): 2,000 accounts with six months of history ending
# today, the default scorecard, rules and playbooks, 90 days of score history (trends,
# sparklines, color changes), open CTAs, success plans, churn and advocacy models, an advocacy
# program (members in every tier, give-backs, reference requests), and one user per role.
# Later runs reuse it and start in seconds. Ctrl-C stops the server cleanly.
#   PORT=8081 make demo        another port
#   rm -rf demo && make demo   start afresh
set -euo pipefail
cd "$(dirname "$0")/.."
tend=build/tend
dir=demo
db=$dir/tend.db
port=${PORT:-8080}
today=$(date -u +%F)
password=demo-password

if [ ! -f "$dir/ready" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  echo "== generating a synthetic workspace (2,000 accounts, six months ending $today)"
  "$tend" generate --accounts 2000 --seed 42 --end "$today" --out "$dir/data"
  echo "== importing it"
  "$tend" import --db "$db" "$dir/data"
  echo "== installing the default template (scorecard, rules, playbooks, plan templates)"
  "$tend" init --db "$db" --template saas
  echo "== scoring the last 90 days (history, trends, color changes)"
  for back in $(seq 89 -1 1); do
    day=$(date -u -d "$today - $back days" +%F)
    "$tend" score --db "$db" --as-of "$day" --format csv > /dev/null
    printf '.'
  done
  echo
  "$tend" score --db "$db" --as-of "$today" --format csv > "$dir/scores.csv"
  echo "== running the rules (CTAs with playbooks)"
  "$tend" rules run --db "$db" --as-of "$today"
  echo "== success plans for the ten largest accounts"
  python3 - "$dir/data/accounts.csv" <<'PY' > "$dir/largest.txt"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r.get("status", "active") == "active"]
rows.sort(key=lambda r: -float(r["arr"] or 0))
for r in rows[:10]:
    print(r["account_id"])
PY
  templates=($("$tend" playbooks --db "$db" 2>/dev/null | sed -n 's/^success plan template \([a-z_]*\).*/\1/p'))
  if [ ${#templates[@]} -eq 0 ]; then templates=(onboarding); fi
  i=0
  while read -r account; do
    t=${templates[$((i % ${#templates[@]}))]}
    "$tend" plans --db "$db" --account "$account" --create "$t" --by demo > /dev/null || true
    i=$((i + 1))
  done < "$dir/largest.txt"
  echo "== training the churn model and scoring churn risk"
  "$tend" predict train --db "$db" --target churn --horizon 90d --folds 3 > "$dir/model.txt" 2>&1 \
    && for back in 84 77 70 63 56 49 42 35 28 21 14 7 0; do \
         "$tend" predict score --db "$db" --target churn --as-of "$(date -u -d "$today - $back days" +%F)" > /dev/null 2>&1; \
       done \
    || echo "   (model training skipped: see $dir/model.txt)"
  echo "== training the advocacy model"
  "$tend" predict train --db "$db" --target advocate --horizon 90d --folds 3 > "$dir/model-advocate.txt" 2>&1 \
    && "$tend" predict score --db "$db" --target advocate > /dev/null 2>&1 \
    || echo "   (advocacy model skipped: see $dir/model-advocate.txt)"
  echo "== the advocacy program (members in every tier, asks, give-backs, reference requests)"
  python3 scripts/demo_advocacy.py "$tend" "$db"
  echo "== demo users (password: $password)"
  csms=$(python3 -c 'import csv,sys,collections; c=collections.Counter(r["csm"] for r in csv.DictReader(open(sys.argv[1])) if r["csm"]); print("\n".join(n for n,_ in c.most_common(2)))' "$dir/data/accounts.csv")
  add() { echo "$password" | "$tend" user add --db "$db" --email "$1" --name "$2" --role "$3" > /dev/null; }
  add admin@demo.tend "Ada Admin" admin
  add ops@demo.tend "Oscar Ops" ops
  n=1
  while read -r name; do add "csm$n@demo.tend" "$name" csm; n=$((n + 1)); done <<< "$csms"
  add sales@demo.tend "Sam Sales" sales
  add viewer@demo.tend "Vera Viewer" viewer
  "$tend" writekey add --db "$db" --name demo > "$dir/writekey.txt" 2>/dev/null
  touch "$dir/ready"
fi

echo
"$tend" stats --db "$db"
echo
echo "tend is running at http://127.0.0.1:$port   (Ctrl-C stops it)"
echo "log in as (password $password):"
"$tend" user list --db "$db" | sed 's/^/  /'
echo "send events with the write key in $dir/writekey.txt, e.g.:"
echo "  curl -u \"\$(cat $dir/writekey.txt):\" http://127.0.0.1:$port/v1/track \\"
echo "    -d '{\"userId\":\"u1\",\"event\":\"Report Exported\",\"context\":{\"groupId\":\"A0000001\"}}'"
echo
exec "$tend" serve --db "$db" --port "$port" --quiet

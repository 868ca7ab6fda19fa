#!/usr/bin/env bash
# Makes the upgrade fixture: runs a released Roundup on a fresh data folder, fills it through the API, stops it and
# zips the folder (without logs and outbox) for UpgradeIT. Usage: make-fixture.sh APP_DIR OUT.zip
#   APP_DIR: the release's target/quarkus-app (built with ./mvnw package -DskipTests at the release's commit)
set -euo pipefail
app="$(cd "$1" && pwd)"; out="$(realpath -m "$2")"
work="$(mktemp -d)"; data="$work/data"; port=18731
admin=admin@upgrade.example.org; pass=upgrade-fixture-password
ROUNDUP_DATA_DIR="$data" QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=18732 ROUNDUP_BASE_URL="http://localhost:$port" \
  ROUNDUP_ADMIN_EMAIL=$admin ROUNDUP_ADMIN_PASSWORD=$pass ROUNDUP_ISSUES_DRAFT_CRON=off ROUNDUP_FEEDS_CHECK_EVERY=off \
  ROUNDUP_SEND_CHECK_EVERY=1s java -jar "$app/quarkus-run.jar" > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:18732/q/health/ready >/dev/null; do sleep 0.5; done
api() { curl -sf -u "$admin:$pass" -H 'X-Requested-By: fixture' -H 'Content-Type: application/json' "$@"; }
url=http://localhost:$port
printf 'reader1@upgrade.example.org,Reader One\nreader2@upgrade.example.org,Reader Two\nreader3@upgrade.example.org\n' \
  | curl -sf -u "$admin:$pass" -H 'X-Requested-By: fixture' -H 'Content-Type: text/csv' --data-binary @- "$url/api/subscribers/import?mode=confirmed" >/dev/null
api -d '{"email":"pending@upgrade.example.org","name":"Not Yet"}' "$url/api/subscribers" >/dev/null
gone=$(api -d '{"email":"gone@upgrade.example.org","confirmed":true}' "$url/api/subscribers" | jq .id)
api -X DELETE "$url/api/subscribers/$gone"
api -d '{"email":"editor@upgrade.example.org","name":"Eddie","password":"editor-fixture-password","role":"editor"}' "$url/api/editors" >/dev/null
token=$(api -d '{"name":"fixture script"}' "$url/api/tokens" | jq -r .token)
issue=$(api -d '{"from":"2016-01-04","to":"2016-01-11"}' "$url/api/issues" | jq .id)
api -X POST "$url/api/issues/$issue/send" >/dev/null
until [ "$(api "$url/api/issues/$issue/send" | jq -r .state)" = done ]; do sleep 0.5; done
link() { grep -h -A1 -i '^List-Unsubscribe:' $(grep -l "^To: .*$1" "$data"/outbox/*.eml) | grep -o '/unsubscribe/[^>]*' | head -n 1; }
link1=$(link reader1@upgrade.example.org); link2=$(link reader2@upgrade.example.org)
kill $pid; wait $pid || true
trap - EXIT
cat > "$data/fixture.properties" <<PROPS
# what UpgradeIT checks; made by make-fixture.sh
admin=$admin
password=$pass
token=$token
issue=$issue
reader1-unsubscribe=$link1
reader2-unsubscribe=$link2
PROPS
rm -rf "$data/outbox" "$data"/*.log "$data"/*.trace.db
(cd "$data" && rm -f "$out" && zip -q -r "$out" .)
ls -l "$out"

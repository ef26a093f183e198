# shellcheck shell=bash
# ./exchange rebuild [all|<projection>] — rebuilds PostgreSQL read models from the events while the
# current ones keep serving, then swaps the rebuilt ones in (docs/runbook.md, docs/adr/0012).
# ./exchange rebuild resume <replay id> — continues a stopped rebuild.
#
# A thin client of the replay API (/api/v1/audit/replays, in the projections service): it signs in
# as an auditor (EXCHANGE_AUDITOR_USER, default the demo auditor audrey; password
# EXCHANGE_AUDITOR_PASSWORD, default the user name), starts or resumes the replay, and prints its
# progress until it has finished. Ctrl-C stops the replay (what it built is kept); the command to
# resume it is printed.
REBUILD_USER="${EXCHANGE_AUDITOR_USER:-audrey}"
REBUILD_PASSWORD="${EXCHANGE_AUDITOR_PASSWORD:-$REBUILD_USER}"
REPLAYS_PATH=/api/v1/audit/replays

cmd_rebuild() {
  setup
  load_env
  ensure_package jq jq
  local token answer id started=$SECONDS
  token=$(rebuild_token) || die "cannot sign in as auditor '$REBUILD_USER' (set EXCHANGE_AUDITOR_USER/EXCHANGE_AUDITOR_PASSWORD)"
  if [[ ${1:-} == resume ]]; then
    [[ -n ${2:-} ]] || die "usage: ./exchange rebuild resume <replay id>"
    answer=$(replay_call "$token" POST "$REPLAYS_PATH/$2/resume") || die "cannot resume replay $2: $answer"
  else
    answer=$(replay_call "$token" POST "$REPLAYS_PATH" "{\"projection\":\"${1:-all}\"}") ||
      die "the replay was refused: $answer"
  fi
  id=$(jq -r .id <<<"$answer")
  info "replay $id of $(jq -r '.processors | join(", ")' <<<"$answer"): rebuilding into a schema of its own; the current read models keep serving"
  trap 'rebuild_interrupted "$id"' INT TERM
  rebuild_follow "$id"
  trap - INT TERM
  ok "read models rebuilt and swapped in, in $((SECONDS - started)) s"
}

rebuild_token() {
  local token
  token=$(curl -sf -d grant_type=password -d client_id=exchange-cli -d "username=$REBUILD_USER" \
    --data-urlencode "password=$REBUILD_PASSWORD" "$GATEWAY_URL/realms/exchange/protocol/openid-connect/token" |
    jq -r '.access_token // empty')
  [[ -n $token ]] && printf '%s' "$token"
}

# replay_call <token> <method> <path> [body]: prints the answer; fails on a refusal (the problem is printed)
replay_call() {
  local token="$1" method="$2" path="$3" status out
  local send=()
  [[ -z ${4:-} ]] || send=(-H 'Content-Type: application/json' -d "$4")
  out=$(mktemp)
  status=$(curl -s -o "$out" -w '%{http_code}' -X "$method" "$GATEWAY_URL$path" -H "Authorization: Bearer $token" \
    "${send[@]}")
  cat "$out"
  rm -f "$out"
  [[ $status == 2* ]]
}

# rebuild_follow <id>: the replay's progress, as the service measures it, until it has finished.
# A token lives minutes; it is taken again when it expires.
rebuild_follow() {
  local id="$1" token answer state line shown="" quiet_since=$SECONDS
  token=$(rebuild_token) || die "cannot sign in as auditor '$REBUILD_USER'"
  while :; do
    if ! answer=$(replay_call "$token" GET "$REPLAYS_PATH/$id"); then
      token=$(rebuild_token) || die "cannot sign in as auditor '$REBUILD_USER'"
      answer=$(replay_call "$token" GET "$REPLAYS_PATH/$id") || die "cannot read replay $id: $answer"
    fi
    state=$(jq -r .state <<<"$answer")
    line=$(jq -r '"\(.eventsDone) of \(.eventsTotal) records (\(if .eventsTotal > 0 then (100 * .eventsDone / .eventsTotal | floor) else 100 end)%), \(.eventsPerSecond // "…")/s, \(if .secondsLeft == null then "…" else "~\(.secondsLeft) s left" end)"' <<<"$answer")
    # a line when the count moves, else one every 30 s (a stuck replay shows as a repeated count)
    if [[ $line != "$shown" ]] || ((SECONDS - quiet_since >= 30)); then
      note "$(tr '[:upper:]' '[:lower:]' <<<"$state"): $line"
      shown=$line quiet_since=$SECONDS
    fi
    case $state in
      FINISHED) return 0 ;;
      FAILED) die "the replay failed, the current read models stay live: $(jq -r .failure <<<"$answer")" ;;
      STOPPED) die "the replay was stopped; continue it with: ./exchange rebuild resume $id" ;;
    esac
    sleep 1
  done
}

# Ctrl-C: the replay stops (what it built is kept) and the current read models stay live.
rebuild_interrupted() {
  local id="$1" token
  trap - INT TERM
  token=$(rebuild_token) && replay_call "$token" POST "$REPLAYS_PATH/$id/stop" >/dev/null
  warn "rebuild stopped: the current read models stay live; continue it with: ./exchange rebuild resume $id"
  exit 130
}

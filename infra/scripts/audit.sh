# shellcheck shell=bash
# Tamper evidence of the event store (ADR 0019): its keys, and ./exchange audit verify.

# The HMAC key that seals every event (base64 of 32 random bytes), generated on first use. The
# command side seals with it; the query side's verifier recomputes seals with it.
event_seal_key() {
  local f="$SECRETS/event-seal-key"
  if [[ ! -s $f ]]; then
    (umask 077; head -c 32 /dev/urandom | base64 -w0 >"$f")
  fi
  cat "$f"
}

# The Ed25519 pair that signs checkpoints, generated on first use: event-checkpoint-key (PKCS#8
# DER, base64: the command side only) and event-checkpoint-key.pub (X.509 DER, base64: verifiers).
ensure_event_checkpoint_keys() {
  local key="$SECRETS/event-checkpoint-key" der
  [[ -s $key && -s $key.pub ]] && return 0
  command -v openssl >/dev/null || ensure_package openssl openssl
  der=$(mktemp)
  (umask 077
    openssl genpkey -algorithm ed25519 -outform DER -out "$der" &&
      base64 -w0 "$der" >"$key" &&
      openssl pkey -inform DER -in "$der" -pubout -outform DER | base64 -w0 >"$key.pub") ||
    { rm -f "$der" "$key" "$key.pub"; die "cannot generate the event checkpoint keys with openssl"; }
  rm -f "$der"
}
event_checkpoint_private_key() { ensure_event_checkpoint_keys; cat "$SECRETS/event-checkpoint-key"; }
event_checkpoint_public_key() { ensure_event_checkpoint_keys; cat "$SECRETS/event-checkpoint-key.pub"; }

# Prints the event-chain environment of a service: the command side seals and signs, the query side
# verifies (seal key and public key only). Not in .run/env: tests use their own fixed keys.
event_chain_env() {
  case "$1" in
    command-side)
      printf '%s\n' "EXCHANGE_EVENT_SEAL_KEY=$(event_seal_key)" \
        "EXCHANGE_EVENT_CHECKPOINT_PRIVATE_KEY=$(event_checkpoint_private_key)" ;;
    query-side)
      printf '%s\n' "EXCHANGE_EVENT_SEAL_KEY=$(event_seal_key)" \
        "EXCHANGE_EVENT_CHECKPOINT_PUBLIC_KEY=$(event_checkpoint_public_key)" ;;
  esac
}

cmd_audit() {
  case "${1:-}" in
    verify) shift; audit_verify "$@" ;;
    *) die "usage: ./exchange audit verify" ;;
  esac
}

# ./exchange audit verify — runs the query side's verifier (POST /api/v1/audit/verifications)
# as an auditor, shows its progress and prints the report; exits 1 on any breach. The auditor is
# EXCHANGE_AUDIT_TOKEN (a bearer token), else EXCHANGE_AUDITOR_USER / EXCHANGE_AUDITOR_PASSWORD
# (default: the demo auditor audrey, local setup only).
audit_verify() {
  ensure_run_dir
  load_env
  ensure_package jq jq
  local token user="${EXCHANGE_AUDITOR_USER:-audrey}" report
  token=${EXCHANGE_AUDIT_TOKEN:-}
  if [[ -z $token ]]; then
    token=$(curl -fsS --max-time 10 -d grant_type=password -d client_id=exchange-cli \
      --data-urlencode "username=$user" --data-urlencode "password=${EXCHANGE_AUDITOR_PASSWORD:-$user}" \
      "$GATEWAY_URL/realms/$KEYCLOAK_REALM/protocol/openid-connect/token" | jq -r .access_token) ||
      die "cannot get a token for auditor $user (set EXCHANGE_AUDITOR_USER/EXCHANGE_AUDITOR_PASSWORD or EXCHANGE_AUDIT_TOKEN)"
  fi
  info "verifying the event store (seals, checkpoints, sequences, books, read models)"
  report=$(mktemp)
  # each line as it comes: progress lines redraw one status line, the report is kept
  curl -sS -N --fail-with-body -X POST -H "Authorization: Bearer $token" \
    "$GATEWAY_URL/api/v1/audit/verifications" | audit_progress "$report" ||
    { rm -f "$report"; die "the verification did not complete (is the query side up? ./exchange status)"; }
  audit_report "$report"
}

# Reads the answer's lines: draws a progress bar for progress lines, writes the report line to $1.
audit_progress() {
  local out="$1" line type position end events total rate left width=30 filled bar
  # (a last line without a newline, e.g. an error body, is read too)
  while IFS= read -r line || [[ -n $line ]]; do
    type=$(jq -r '.type // empty' <<<"$line" 2>/dev/null) || type=""
    case "$type" in
      progress)
        read -r position end events total rate left < <(jq -r \
          '[.position, .endPosition, .events, .totalEvents, .eventsPerSecond, (.secondsLeft // "?")] | @tsv' <<<"$line")
        filled=$((total > 0 ? width * events / total : width))
        printf -v bar '%*s' "$filled" ''; bar=${bar// /#}
        printf '\r  [%-*s] position %s of %s, %s events/s, ETA %s s ' "$width" "$bar" "$position" "$end" "$rate" "$left" >&2
        ;;
      report) printf '\n' >&2; printf '%s\n' "$line" >"$out" ;;
      *) printf '\n%s\n' "$line" >&2; return 1 ;;
    esac
  done
  [[ -s $out ]]
}

audit_report() {
  local report="$1" breaches
  jq -r '"  \(.events) events up to position \(.endPosition) in \(.tookMillis) ms; \(.checkpoints) signed checkpoints, the newest covering position \(.lastCheckpointPosition) (digest \(.lastCheckpointDigest // "none"))"' "$report"
  jq -r '.notes[] | "  note: \(.)"' "$report"
  breaches=$(jq '.breaches | length' "$report")
  if ((breaches == 0)); then
    rm -f "$report"
    ok "no breach: the event store is intact and the books balance"
    return 0
  fi
  jq -r '.breaches[] | "  \(.check) \(.kind):" + (if .position then " position \(.position)" else "" end)
    + (if .aggregateId then " aggregate \(.aggregateId)" else "" end) + (if .sequence != null then " sequence \(.sequence)" else "" end)
    + (if .eventId then " event \(.eventId)" else "" end) + "\n      \(.detail)"' "$report" >&2
  rm -f "$report"
  die "$breaches breach(es) — see docs/runbook.md, 'The event store does not verify'"
}

#!/usr/bin/env bash
# Makes every user with the realm role `admin` give a one-time code (TOTP) at every sign-in, through
# the browser and through the password grant alike; other users keep OTP optional. An admin without
# an authenticator yet is made to set one up at the next browser sign-in, and cannot get a token by
# password grant until then. See docs/identity.md ("One-time codes for admins").
#
#   KEYCLOAK_URL=http://127.0.0.1:8180 KEYCLOAK_ADMIN_PASSWORD=… infra/keycloak/require-admin-otp.sh [realm]
#
# Copies the built-in flows `browser` and `direct grant` (it never edits them), adds the admin rule to
# the copies and binds them to the realm. Run once per realm; a second run stops at the first copy.
# Needs curl and jq; KEYCLOAK_ADMIN_USER defaults to admin (the master realm's administrator).
set -euo pipefail

REALM="${1:-exchange}"
KC="${KEYCLOAK_URL:?KEYCLOAK_URL is required}"
ADMIN_USER="${KEYCLOAK_ADMIN_USER:-admin}"
: "${KEYCLOAK_ADMIN_PASSWORD:?KEYCLOAK_ADMIN_PASSWORD is required}"
ROLE=admin
BROWSER="browser with admin OTP"
DIRECT="direct grant with admin OTP"

TOKEN=$(curl -fsS "$KC/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
  --data-urlencode "username=$ADMIN_USER" --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" | jq -r .access_token)

api() { # api <method> <path below the realm> [json]
  local args=(-fsS -X "$1" -H "Authorization: Bearer $TOKEN")
  [[ -n ${3:-} ]] && args+=(-H 'Content-Type: application/json' -d "$3")
  curl "${args[@]}" "$KC/admin/realms/$REALM$2"
}
uri() { jq -rn --arg s "$1" '$s|@uri'; }

# add <flow> <provider>: a new execution (DISABLED) at the end of a flow; prints its id
add() {
  api POST "/authentication/flows/$(uri "$1")/executions/execution" "{\"provider\":\"$2\"}" >/dev/null
  api GET "/authentication/flows/$(uri "$1")/executions" |
    jq -r --arg p "$2" '[.[] | select(.level == 0 and .providerId == $p)] | last | .id'
}
# subflow <parent> <alias>: a new sub-flow at the end of a flow; prints its execution id
subflow() {
  api POST "/authentication/flows/$(uri "$1")/executions/flow" \
    "{\"alias\":\"$2\",\"type\":\"basic-flow\",\"description\":\"users with role $ROLE give a one-time code\"}" >/dev/null
  api GET "/authentication/flows/$(uri "$1")/executions" | jq -r --arg a "$2" '.[] | select(.displayName == $a) | .id'
}
# set <top-level flow> <execution id> <requirement> <priority>: the whole representation is sent
# back, as a PUT with only some fields resets the others (a missing priority becomes 0, first).
set_requirement() {
  local execution
  execution=$(api GET "/authentication/flows/$(uri "$1")/executions" |
    jq -c --arg id "$2" --arg r "$3" --argjson p "$4" '.[] | select(.id == $id) | .requirement = $r | .priority = $p')
  api PUT "/authentication/flows/$(uri "$1")/executions" "$execution" >/dev/null
}
# role_condition <execution id> <alias> <negate>
role_condition() {
  api POST "/authentication/executions/$1/config" \
    "{\"alias\":\"$2\",\"config\":{\"condUserRole\":\"$ROLE\",\"negate\":\"$3\"}}" >/dev/null
}

# require <top-level copy> <its optional-OTP sub-flow> <admin sub-flow alias> <OTP authenticator>
require() {
  local top="$1" optional="$2" alias="$3" otp="$4" flow condition code not_admin
  # the copy's own optional OTP applies to non-admins only (an admin would be asked twice)
  not_admin=$(add "$optional" conditional-user-role)
  set_requirement "$top" "$not_admin" REQUIRED 5
  role_condition "$not_admin" "$alias - not $ROLE" true
  # admins: a code, always
  flow=$(subflow "$(parent_of "$top" "$optional")" "$alias")
  condition=$(add "$alias" conditional-user-role)
  code=$(add "$alias" "$otp")
  set_requirement "$top" "$condition" REQUIRED 10
  set_requirement "$top" "$code" REQUIRED 20
  set_requirement "$top" "$flow" CONDITIONAL 1000
  role_condition "$condition" "$alias - $ROLE" false
}
# parent_of <top-level flow> <sub-flow alias>: the alias of the flow that holds the sub-flow
parent_of() {
  api GET "/authentication/flows/$(uri "$1")/executions" | jq -r --arg top "$1" --arg a "$2" '
    . as $all | (map(.displayName) | index($a)) as $i | $all[$i].level as $l
    | if $l == 0 then $top else ([$all[0:$i][] | select(.level == $l - 1)] | last | .displayName) end'
}

api POST "/authentication/flows/browser/copy" "{\"newName\":\"$BROWSER\"}"
api POST "/authentication/flows/$(uri "direct grant")/copy" "{\"newName\":\"$DIRECT\"}"
require "$BROWSER" "$BROWSER Browser - Conditional 2FA" "$ROLE OTP" auth-otp-form
require "$DIRECT" "$DIRECT Direct Grant - Conditional OTP" "$ROLE OTP in direct grant" direct-grant-validate-otp
api PUT "" "{\"browserFlow\":\"$BROWSER\",\"directGrantFlow\":\"$DIRECT\"}"
echo "realm $REALM: browser flow '$BROWSER', direct grant flow '$DIRECT' (role $ROLE needs OTP)"

# shellcheck shell=bash
# Keycloak (Quarkus distribution, dev mode with its file database) on 127.0.0.1:8180.
# Tokens are issued for the gateway URL (iss = http://127.0.0.1:8000/realms/exchange) no
# matter which port they were fetched from. The realm is imported from
# infra/keycloak/exchange-realm.json; demo users are added afterwards through the admin API.

KEYCLOAK_PORT=8180
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"
KEYCLOAK_PUBLIC_URL="http://127.0.0.1:8000" # the gateway
KEYCLOAK_REALM=exchange
KEYCLOAK_DATA="$DATA/keycloak"
REALM_FILE="$ROOT/infra/keycloak/exchange-realm.json"

# user:role:first:last — password = user name. Created only by the local/demo setup.
DEMO_USERS=(
  "alice:trader:Alice:Trader"
  "bob:trader:Bob:Trader"
  "audrey:auditor:Audrey:Auditor"
  "ana:analyst:Ana:Analyst"
  "root:admin:Root:Admin"
)

keycloak_home() { printf '%s/keycloak/keycloak-%s' "$DIST" "$(component_version keycloak.version)"; }

keycloak_health() { http_ok "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM/.well-known/openid-configuration"; }

keycloak_prepare() {
  local home version fingerprint
  home=$(keycloak_home)
  version=$(component_version keycloak.version)
  if [[ ! -x $home/bin/kc.sh || $(cat "$DIST/keycloak/.version" 2>/dev/null) != "$version" ]]; then
    info "unpacking Keycloak $version into $DIST/keycloak"
    rm -rf "$DIST/keycloak" && mkdir -p "$DIST/keycloak"
    mvn_components keycloak "$DIST/keycloak"
    [[ -x $home/bin/kc.sh ]] || die "Maven did not unpack Keycloak into $home (see $LOGS/maven-keycloak.log)"
    printf '%s\n' "$version" >"$DIST/keycloak/.version"
  fi
  # The distribution's data/ (dev database, import folder) lives in .run/data/keycloak.
  mkdir -p "$KEYCLOAK_DATA/import"
  if [[ ! -L $home/data ]]; then rm -rf "$home/data" && ln -s "$KEYCLOAK_DATA" "$home/data"; fi
  secret keycloak-admin >/dev/null
  secret exchange-command-client-secret >/dev/null
  # The realm is imported only into an empty database: when the realm file or the
  # generated secrets change, start from a fresh database (demo users are re-created).
  fingerprint=$(cat "$REALM_FILE" "$SECRETS/keycloak-admin" "$SECRETS/exchange-command-client-secret" |
    sha256sum | cut -d' ' -f1)
  if [[ -d $KEYCLOAK_DATA/h2 && $(cat "$KEYCLOAK_DATA/.fingerprint" 2>/dev/null) != "$fingerprint" ]]; then
    note "realm file or secrets changed: resetting the Keycloak dev database"
    rm -rf "$KEYCLOAK_DATA/h2"
  fi
  printf '%s\n' "$fingerprint" >"$KEYCLOAK_DATA/.fingerprint"
  cp "$REALM_FILE" "$KEYCLOAK_DATA/import/exchange-realm.json"
}

keycloak_launch() {
  # kc.sh runs java as a child (and relaunches it after a re-build): the process group
  # recorded by spawn covers both.
  spawn keycloak env JAVA_HOME="$JDK" \
    JAVA_OPTS_KC_HEAP="-Xms256m -Xmx512m" \
    KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD="$(secret keycloak-admin)" \
    EXCHANGE_COMMAND_CLIENT_SECRET="$(secret exchange-command-client-secret)" \
    "$(keycloak_home)/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port=$KEYCLOAK_PORT \
    --hostname="$KEYCLOAK_PUBLIC_URL" --hostname-backchannel-dynamic=true \
    --hostname-admin="$KEYCLOAK_URL" \
    --import-realm
}

# Admin access token for the master realm (admin-cli, bootstrap admin).
keycloak_admin_token() {
  curl -fsS --max-time 10 "$KEYCLOAK_URL/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli -d username=admin \
    --data-urlencode "password=$(secret keycloak-admin)" | jq -r .access_token
}

# kc_api <method> <path> [json]: admin REST call, prints the body.
kc_api() {
  local method="$1" path="$2" body="${3:-}"
  local args=(-fsS --max-time 10 -X "$method" -H "Authorization: Bearer $KC_TOKEN")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  curl "${args[@]}" "$KEYCLOAK_URL/admin/realms/$KEYCLOAK_REALM$path"
}

# Creates the demo users if missing (idempotent) and makes sure they hold their role.
keycloak_ensure_demo_users() {
  ensure_package jq jq
  local entry user role first last id role_json created=()
  KC_TOKEN=$(keycloak_admin_token) || die "cannot get a Keycloak admin token (see $LOGS/keycloak.log)"
  [[ -n $KC_TOKEN && $KC_TOKEN != null ]] || die "Keycloak returned no admin token"
  for entry in "${DEMO_USERS[@]}"; do
    IFS=: read -r user role first last <<<"$entry"
    id=$(kc_api GET "/users?username=$user&exact=true" | jq -r '.[0].id // empty') ||
      die "looking up Keycloak user $user failed (see $LOGS/keycloak.log)"
    if [[ -z $id ]]; then
      kc_api POST /users "$(jq -n --arg u "$user" --arg f "$first" --arg l "$last" '{
          username: $u, enabled: true, emailVerified: true, requiredActions: [],
          firstName: $f, lastName: $l, email: ($u + "@exchange.local"),
          credentials: [{type: "password", value: $u, temporary: false}]}')" >/dev/null ||
        die "creating Keycloak user $user failed"
      id=$(kc_api GET "/users?username=$user&exact=true" | jq -r '.[0].id // empty') ||
        die "looking up Keycloak user $user failed"
      created+=("$user")
    fi
    role_json=$(kc_api GET "/roles/$role") || die "realm role $role missing"
    kc_api POST "/users/$id/role-mappings/realm" "[$role_json]" >/dev/null ||
      die "assigning role $role to $user failed"
  done
  if ((${#created[@]})); then ok "keycloak: demo users created: ${created[*]}"; else ok "keycloak: demo users present"; fi
}

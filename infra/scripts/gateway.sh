# shellcheck shell=bash
# Gateway: Debian's nginx with the config rendered from infra/gateway/nginx.conf,
# listening on 127.0.0.1:8000. Master runs as the caller, workers as the service user.

GATEWAY_PORT=8000
GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
GATEWAY_CONF="$CONF/gateway"
# Browser origins allowed to call /api/ (CORS), separated by spaces or commas; "none" for no CORS at all.
GATEWAY_CORS_ORIGINS_DEFAULT="http://localhost:3000 http://127.0.0.1:3000"

gateway_health() {
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$GATEWAY_URL/realms/exchange") == 200 ]]
}

# Writes the CORS allow-list as lines of an nginx map ("<origin>" $http_origin;) from
# EXCHANGE_CORS_ORIGINS. An origin is a scheme, a host and maybe a port, exactly as a browser sends it
# in the Origin header: no path, no trailing slash, no wildcard.
gateway_cors_origins() {
  local origins=${EXCHANGE_CORS_ORIGINS-$GATEWAY_CORS_ORIGINS_DEFAULT} origin map="$GATEWAY_CONF/cors-origins.map"
  local -a list
  : >"$map"
  [[ $origins == none ]] && return 0
  IFS=', ' read -r -a list <<<"$origins"
  for origin in "${list[@]}"; do
    [[ $origin =~ ^https?://([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$ ]] ||
      die "EXCHANGE_CORS_ORIGINS: '$origin' is not an origin such as https://app.example.com or http://localhost:3000"
    printf '"%s" $http_origin;\n' "$origin" >>"$map"
  done
}

gateway_prepare() {
  ensure_package nginx nginx
  local user_directive="" nginx_bin
  mkdir -p "$GATEWAY_CONF"/temp/{client_body,proxy,fastcgi,uwsgi,scgi}
  gateway_cors_origins
  if is_root; then
    user_directive="user $SERVICE_USER $SERVICE_USER;"
    chown -R "$SERVICE_USER:$SERVICE_USER" "$GATEWAY_CONF/temp"
  fi
  sed -e "s#@RUN_CONF@#$GATEWAY_CONF#g" -e "s#@LOGS@#$LOGS#g" \
    -e "s#@PID_FILE@#$(pid_file gateway)#g" -e "s#@USER_DIRECTIVE@#$user_directive#g" \
    "$ROOT/infra/gateway/nginx.conf" >"$GATEWAY_CONF/nginx.conf"
  nginx_bin=$(command -v nginx)
  "$nginx_bin" -t -q -p "$GATEWAY_CONF" -e "$LOGS/gateway.log" -c "$GATEWAY_CONF/nginx.conf" \
    >"$LOGS/gateway-configtest.log" 2>&1 ||
    { cat "$LOGS/gateway-configtest.log" >&2; die "nginx rejected $GATEWAY_CONF/nginx.conf"; }
}

# nginx daemonizes itself (daemon on) and writes its own pid file (.run/pids/gateway.pid).
gateway_launch() {
  local log
  log=$(fresh_log gateway)
  "$(command -v nginx)" -p "$GATEWAY_CONF" -e "$log" -c "$GATEWAY_CONF/nginx.conf" </dev/null >>"$log" 2>&1 9>&- ||
    { show_log_tail gateway; die "nginx failed to start — see $log"; }

  for _ in 1 2 3 4 5 6 7 8 9 10; do [[ -s $(pid_file gateway) ]] && break; sleep 0.2; done
}

# QUIT = graceful shutdown of the master and its workers.
gateway_stop_signal() { echo QUIT; }

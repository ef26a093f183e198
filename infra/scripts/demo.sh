# shellcheck shell=bash
# The demo setup of the local stack: markets BTC-USDT, ETH-USDT and ETH-BTC and funded demo traders,
# created through the public API as the demo admin. Every call is idempotent (re-opening a market
# with the same rules is accepted, deposits carry fixed ids), so `up` can run it every time.

DEMO_MARKETS=(
  '{"base":"BTC","quote":"USDT","tickSize":"0.01","stepSize":"0.00001","minQuantity":"0.00001","maxQuantity":"1000","minNotional":"5","makerFeeRate":"0.001","takerFeeRate":"0.001"}'
  '{"base":"ETH","quote":"USDT","tickSize":"0.01","stepSize":"0.0001","minQuantity":"0.0001","maxQuantity":"10000","minNotional":"5","makerFeeRate":"0.001","takerFeeRate":"0.001"}'
  '{"base":"ETH","quote":"BTC","tickSize":"0.00001","stepSize":"0.001","minQuantity":"0.001","maxQuantity":"10000","minNotional":"0.0001","makerFeeRate":"0.001","takerFeeRate":"0.002"}'
)
# user:asset:amount
DEMO_FUNDS=(alice:USDT:100000 alice:BTC:2 alice:ETH:20 bob:USDT:100000 bob:BTC:2 bob:ETH:20)

demo_token() {
  curl -sf -d grant_type=password -d client_id=exchange-cli -d "username=$1" -d "password=$1" \
    "$GATEWAY_URL/realms/exchange/protocol/openid-connect/token" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

demo_post() {
  local token="$1" path="$2" body="$3" status
  status=$(curl -s -o "$LOGS/demo-last-response.json" -w '%{http_code}' -X POST "$GATEWAY_URL$path" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body")
  [[ $status == 2* ]] || { warn "demo setup: POST $path answered $status: $(cat "$LOGS/demo-last-response.json")"; return 1; }
}

demo_seed() {
  local token market entry user asset amount failed=0
  token=$(demo_token root)
  [[ -n $token ]] || { warn "demo setup: cannot sign in as root; markets and funds not created"; return 1; }
  for market in "${DEMO_MARKETS[@]}"; do
    demo_post "$token" /api/v1/admin/markets "$market" || failed=1
  done
  for entry in "${DEMO_FUNDS[@]}"; do
    IFS=: read -r user asset amount <<<"$entry"
    demo_post "$token" /api/v1/admin/deposits \
      "{\"user\":\"$user\",\"asset\":\"$asset\",\"amount\":\"$amount\",\"depositId\":\"demo-$user-$asset\"}" ||
      failed=1
  done
  [[ $failed -eq 0 ]] || return 1
  ok "demo: markets BTC-USDT, ETH-USDT, ETH-BTC open; alice and bob funded (100000 USDT, 2 BTC, 20 ETH each)"
}

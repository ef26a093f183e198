# shellcheck shell=bash
# ./exchange bench — benchmarks. They compile and run JVMs of their own and never start or stop a
# component of the local stack: `bench engine` does not talk to it at all, `bench system` is a
# client of the running stack (through the gateway, like any trader).

BENCH_DIR="$RUN/bench"
# The dependency plugin version infra/components/pom.xml already uses, so it is in ~/.m2 for -o.
DEPENDENCY_PLUGIN="org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
ENGINE_BENCH_MAIN="org.exchange.command.market.engine.bench.EngineBenchmarkRunner"
SYSTEM_BENCH_MAIN="org.exchange.loadgen.SystemBenchmark"

bench_usage() {
  die "usage: ./exchange bench engine [--flow FILE] [--quick]
       ./exchange bench system [--duration 60s] [--rate auto|max|N] [--traders N] [--concurrency N] [--seed N] [--quick]
       ./exchange bench recovery [--events N] [--quick] [--property KEY=VALUE]..."
}

cmd_bench() {
  case "${1:-}" in
    engine) shift; bench_engine "$@" ;;
    system) shift; bench_system "$@" ;;
    recovery) shift; bench_recovery "$@" ;;
    *) bench_usage ;;
  esac
}

# ./exchange bench engine [--flow FILE] [--quick]
#   Matching engine alone on one thread (LimitOrderBook, with the reference book beside it):
#   throughput, allocation per command (-prof gc), sampled latency, bytes per resting order.
#   The standard flow is OrderFlowGenerator's; --flow replays a flow file (CSV v1) instead.
#   --quick is a smoke run (one short fork each, small flow): checks the pipeline, not the engine.
bench_engine() {
  local flow="" args=()
  while (($#)); do
    case "$1" in
      --flow)
        [[ $# -ge 2 ]] || bench_usage
        flow="$2"
        [[ $flow == /* ]] || flow="$CALLER_DIR/$flow"
        [[ -r $flow ]] || die "cannot read flow file $flow"
        args+=(--flow "$flow")
        shift 2
        ;;
      --quick) args+=(--quick); shift ;;
      *) bench_usage ;;
    esac
  done
  bench_prepare engine
  info "engine benchmark on JDK $(jdk_major "$JDK") (${args[*]:-full run, standard flow})"
  "$JAVA" -Xmx768m -cp "$BENCH_CLASSPATH" "$ENGINE_BENCH_MAIN" --out "$BENCH_PREFIX" "${BENCH_MACHINE[@]}" \
    "${args[@]}" || die "the benchmark failed (partial output above)"
  ok "summary: $BENCH_PREFIX.txt"
  ok "JSON (summary + JMH results): $BENCH_PREFIX.json"
}

# bench_prepare <name>: JDK, .run/bench, the report prefix (BENCH_PREFIX), command-side's test
# classpath (BENCH_CLASSPATH, compiled) and the machine's description for the report (BENCH_MACHINE).
bench_prepare() {
  find_jdk
  link_run_dir
  mkdir -p "$BENCH_DIR"
  BENCH_PREFIX="$BENCH_DIR/$1-$(date +%Y%m%d-%H%M%S)"
  BENCH_CLASSPATH=$(bench_classpath command-side test)
  BENCH_MACHINE=(--cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)" --nproc "$(nproc)"
    --memory "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)")
}

# ./exchange bench recovery [--events N] [--quick] [--property KEY=VALUE]...
#   One market with N stored events (default 1,000,000; --quick 20,000) on a throwaway database of the
#   shared PostgreSQL: the time from a restart until it matches an order, with and without its
#   snapshot (RecoveryBenchmark). Needs the components of ./exchange up (or .run/env); starts and
#   stops only command-side contexts of its own, inside its JVM, with no Kafka publisher and no sagas.
#   --property sets a Spring property of the restarted contexts (to compare settings on one machine).
bench_recovery() {
  local args=()
  while (($#)); do
    case "$1" in
      --events | --property) [[ $# -ge 2 ]] || bench_usage; args+=("$1" "$2"); shift 2 ;;
      --quick) args+=(--quick); shift ;;
      *) bench_usage ;;
    esac
  done
  [[ -f $ENV_FILE ]] && load_env
  bench_prepare recovery
  info "recovery benchmark on JDK $(jdk_major "$JDK") (${args[*]:-1,000,000 events})"
  "$JAVA" -Xmx3g -cp "$BENCH_CLASSPATH" org.exchange.command.market.RecoveryBenchmark --out "$BENCH_PREFIX" \
    "${BENCH_MACHINE[@]}" "${args[@]}" || die "the benchmark failed (partial output above)"
  ok "summary: $BENCH_PREFIX.txt"
  ok "JSON: $BENCH_PREFIX.json"
}

# ./exchange bench system [--duration 60s] [--rate auto|max|N] [--traders N] [--concurrency N] [--seed N] [--quick]
#   The whole running stack under the standard order flow, through the gateway (infra/loadgen):
#   PostgreSQL's single-row commit rate (pgbench, 1 and 8 clients), then the flow as fast as the
#   exchange takes it, then at half the settled rate that reached (--rate max or N: one phase only).
#   --duration is per phase (default 60 s). --quick is the smoke run of ./exchange test (4 traders,
#   5 s phases): it checks that the report is whole and sane, not any figure.
bench_system() {
  local args=()
  while (($#)); do
    case "$1" in
      --duration | --rate | --traders | --concurrency | --seed)
        [[ $# -ge 2 ]] || bench_usage
        args+=("$1" "$2")
        shift 2
        ;;
      --quick) args+=(--quick); shift ;;
      *) bench_usage ;;
    esac
  done
  find_jdk
  [[ -f $ENV_FILE ]] || die "the stack is not running (no $ENV_FILE): start it with ./exchange up"
  load_env
  local name down=()
  gateway_health || down+=(gateway)
  for name in $(active_service_names); do service_health "$name" || down+=("$name"); done
  ((${#down[@]} == 0)) || die "the stack is not running (down: ${down[*]}): start it with ./exchange up, then bench again"
  mkdir -p "$BENCH_DIR"
  local pgbench=()
  if command -v pgbench >/dev/null 2>&1 || (ensure_package pgbench postgresql-contrib); then
    pgbench=(--pgbench "$(command -v pgbench)")
  else
    warn "pgbench unavailable: PostgreSQL's commit rate is measured over JDBC instead"
  fi
  local prefix cp
  prefix="$BENCH_DIR/system-$(date +%Y%m%d-%H%M%S)"
  cp=$(bench_classpath infra/loadgen runtime)
  info "system benchmark on the running stack ($GATEWAY_URL) ${args[*]:-full run}"
  "$JAVA" -Xmx512m -cp "$cp" "$SYSTEM_BENCH_MAIN" --out "$prefix" --run-dir "$RUN" --gateway "$GATEWAY_URL" \
    "${pgbench[@]}" "${args[@]}" || die "the system benchmark failed (output above)"
  ok "summary: $prefix.txt"
  ok "JSON: $prefix.json"
}

# bench_classpath <module> test|runtime: compiles the module and what it depends on in this reactor
# (test classes too, with JMH's generated harness), and prints the module's test or runtime
# classpath. Offline first (~/.m2 is the cache), online if that fails.
bench_classpath() {
  local module="$1" scope="$2" log="$BENCH_DIR/build.log"
  local args=(-B -q -pl "$module" -am test-compile "$DEPENDENCY_PLUGIN:build-classpath"
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope="$scope")
  info "compiling $module and its tests (log: $log)" >&2
  if ! mvn_run -o "${args[@]}" >"$log" 2>&1; then
    note "offline build failed; trying again online" >&2
    mvn_run "${args[@]}" >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "build of $module failed (see $log)"; }
  fi
  [[ $scope == test ]] && printf '%s:' "$ROOT/$module/target/test-classes"
  printf '%s:%s' "$ROOT/$module/target/classes" "$(cat "$ROOT/$module/target/bench-classpath.txt")"
}

#!/usr/bin/env bash
# Three network namespaces, one per party, joined by a bridge and shaped with tc like Ditto's evaluation networks:
#   lan: 5 Gbps, 0.4 ms round trip      wan: 400 Mbps, 40 ms round trip
# Each party's outgoing traffic goes through netem (half the round trip of delay) and tbf (the rate), so a
# message between two parties sees the full round trip and each party's sends share its rate, as on one NIC.
# Nothing is changed in the root namespace: the bridge lives in its own namespace too.
#
# Usage (as root):
#   scripts/netns-shape.sh up lan|wan [--rate-only]   create and shape (--rate-only: tbf only, for kernels without sch_netem)
#   scripts/netns-shape.sh hosts                      the three party addresses, for `ditto keygen --parties-host`
#   scripts/netns-shape.sh run ID -- COMMAND...       run a command in party ID's namespace
#   scripts/netns-shape.sh status                     namespaces, addresses and qdiscs
#   scripts/netns-shape.sh down                       remove everything
# Environment: DITTO_NETNS_PREFIX (default "ditto"), DITTO_NETNS_SUBNET (default "10.77.0": party i is .(i+1)/24).
#
# Example, three parties of the demo job on the wan profile:
#   scripts/netns-shape.sh up wan
#   ditto keygen --out /tmp/wan --parties-host "$(scripts/netns-shape.sh hosts)" --force
#   for i in 0 1 2; do scripts/netns-shape.sh run $i -- ditto party --config /tmp/wan/parties.json --id $i > /tmp/wan/out$i.json & done; wait
#   scripts/netns-shape.sh down
set -euo pipefail

prefix="${DITTO_NETNS_PREFIX:-ditto}"
subnet="${DITTO_NETNS_SUBNET:-10.77.0}"
switch="${prefix}-sw"

die() { echo "netns-shape: error: $1" >&2; exit "${2:-1}"; }
party_ns() { echo "${prefix}-p$1"; }
address() { echo "${subnet}.$(( $1 + 1 ))"; }

need_root() {
  [[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces and tc need CAP_NET_ADMIN)."
  command -v ip >/dev/null || die "the ip command (iproute2) is missing."
  command -v tc >/dev/null || die "the tc command (iproute2) is missing."
}

profile() {
  case "$1" in
    lan) rate=5gbit; delay_us=200; burst=640kb ;;   # 0.4 ms round trip = 0.2 ms each way
    wan) rate=400mbit; delay_us=20000; burst=64kb ;; # 40 ms round trip = 20 ms each way
    *) die "unknown profile '$1'; use lan or wan." 2 ;;
  esac
}

has_netem() {
  # Probe in a throw-away namespace: the kernel module may simply not exist (some VMs).
  local probe="${prefix}-probe"
  ip netns add "$probe" 2>/dev/null || return 1
  ip -n "$probe" link add p0 type veth peer name p1 2>/dev/null || { ip netns del "$probe"; return 1; }
  local ok=1
  tc -n "$probe" qdisc add dev p0 root netem delay 1ms 2>/dev/null && ok=0
  ip netns del "$probe"
  return $ok
}

up() {
  local name="${1:-}" rate_only="${2:-}"
  [[ -n "$name" ]] || die "up needs a profile: lan or wan." 2
  profile "$name"
  if [[ "$rate_only" != "--rate-only" ]] && ! has_netem; then
    die "this kernel has no sch_netem, so the ${name} round trip cannot be emulated; pass --rate-only to shape bandwidth only." 3
  fi
  ip netns list | grep -q "^${switch}\b" && die "namespaces with prefix '${prefix}' exist already; run 'down' first." 2
  ip netns add "$switch"
  ip -n "$switch" link add br0 type bridge
  ip -n "$switch" link set br0 up
  for id in 0 1 2; do
    local ns; ns=$(party_ns "$id")
    ip netns add "$ns"
    ip -n "$switch" link add "v$id" type veth peer name eth0 netns "$ns"
    ip -n "$switch" link set "v$id" master br0 up
    ip -n "$ns" addr add "$(address "$id")/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up
    if [[ "$rate_only" == "--rate-only" ]]; then
      tc -n "$ns" qdisc add dev eth0 root handle 1: tbf rate "$rate" burst "$burst" latency 50ms
    else
      tc -n "$ns" qdisc add dev eth0 root handle 1: netem delay "${delay_us}us" limit 100000
      tc -n "$ns" qdisc add dev eth0 parent 1:1 handle 10: tbf rate "$rate" burst "$burst" latency 50ms
    fi
  done
  echo "netns-shape: ${name} up (${rate}$([[ "$rate_only" == "--rate-only" ]] && echo ", no delay: rate only" || echo ", $(( delay_us * 2 )) us round trip")): parties at $(hosts)"
}

hosts() { echo "$(address 0),$(address 1),$(address 2)"; }

run() {
  local id="${1:-}"
  [[ "$id" =~ ^[012]$ ]] || die "run needs a party id 0, 1 or 2." 2
  shift
  [[ "${1:-}" == "--" ]] && shift
  [[ $# -gt 0 ]] || die "run needs a command after --." 2
  exec ip netns exec "$(party_ns "$id")" "$@"
}

status() {
  for ns in "$switch" "$(party_ns 0)" "$(party_ns 1)" "$(party_ns 2)"; do
    if ip netns list | grep -q "^${ns}\b"; then
      echo "== ${ns}"; ip -n "$ns" -br addr; tc -n "$ns" qdisc show
    else
      echo "== ${ns}: absent"
    fi
  done
}

down() {
  for ns in "$(party_ns 0)" "$(party_ns 1)" "$(party_ns 2)" "$switch"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  echo "netns-shape: ${prefix} namespaces removed"
}

command="${1:-}"
shift || true
case "$command" in
  up) need_root; up "$@" ;;
  hosts) hosts ;;
  run) need_root; run "$@" ;;
  status) need_root; status ;;
  down) need_root; down ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac

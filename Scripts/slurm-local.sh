#!/usr/bin/env bash
# A one-node Slurm cluster on this machine, for trying the cluster path (Scripts/slurm-array.sh) and for
# the cluster tests (Tests/cluster/run.sh). Needs root and Debian's slurm-wlm and munge packages
# (apt-get install -y slurm-wlm munge); no systemd. Everything lives in one temporary directory
# (config, munge key and socket, state, spool, logs, PID files), so the machine's /etc is not touched.
#
#   Scripts/slurm-local.sh start      # munged, slurmctld, slurmd; returns when sinfo shows the node idle
#   export SLURM_CONF=/tmp/winnow-slurm/slurm.conf   # printed by start: sbatch, squeue, sinfo use it
#   Scripts/slurm-local.sh stop       # cancels the jobs, ends exactly the daemons started, removes the directory
#   Scripts/slurm-local.sh status     # exit 0 when the three daemons run
#
# Both commands are safe to repeat: start leaves a running cluster alone, stop without one does nothing.
# WINNOW_SLURM_DIR (default ${TMPDIR:-/tmp}/winnow-slurm) and WINNOW_SLURM_PORT (slurmctld's port,
# default 6817; slurmd takes the next one) choose another place or port.
set -euo pipefail
dir=${WINNOW_SLURM_DIR:-${TMPDIR:-/tmp}/winnow-slurm}
port=${WINNOW_SLURM_PORT:-6817}
conf=$dir/slurm.conf
daemons=(munged slurmctld slurmd)

alive() { [ -s "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }
all_alive() { for d in "${daemons[@]}"; do alive "$d" || return 1; done; }

# Waits until the node is idle (ReturnToService=2 brings it back by itself after a restart).
wait_idle() {
  local state=""
  for _ in $(seq 1 120); do
    state=$(SLURM_CONF=$conf sinfo -h -N -o %T 2>/dev/null | head -1 || true)
    if [ "$state" = idle ]; then return 0; fi
    sleep 0.5
  done
  echo "slurm-local: the node is '${state:-unknown}', not idle, after 60 s; logs in $dir/log" >&2
  tail -n 5 "$dir"/log/*.log >&2 || true
  return 1
}

stop_daemons() {
  # Jobs first: a job's slurmstepd outlives slurmd, so ending only the daemons would leave it running.
  if alive slurmctld; then
    SLURM_CONF=$conf scancel --full --quiet --user="$(id -un)" 2>/dev/null || true
    for _ in $(seq 1 40); do
      [ -z "$(SLURM_CONF=$conf squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.5
    done
  fi
  # Reverse order: slurmd, slurmctld, then munged (both Slurm daemons need it to shut down cleanly).
  for d in slurmd slurmctld munged; do
    alive "$d" || { rm -f "$dir/$d.pid"; continue; }
    local pid
    pid=$(cat "$dir/$d.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/$d.pid"
  done
}

write_config() {
  # The node as slurmd sees it (CPUs, sockets, cores), with a little memory left to the machine.
  local node memory
  node=$(slurmd -C | head -1 | sed 's/ RealMemory=[0-9]*//')
  memory=$(awk '/^MemTotal:/ { m = int($2 / 1024 * 0.9); print (m > 1024 ? m : 1024) }' /proc/meminfo)
  local host=${node#NodeName=}
  host=${host%% *}
  cat > "$conf" <<EOF
# Written by Scripts/slurm-local.sh: a one-node cluster in $dir.
ClusterName=winnow-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Short waits: a cancelled task gets SIGTERM, then SIGKILL after KillWait seconds.
KillWait=10
MinJobAge=300
InactiveLimit=0
SlurmctldTimeout=30
SlurmdTimeout=60
$node NodeAddr=127.0.0.1 RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  for tool in munged slurmctld slurmd sinfo sbatch; do
    command -v "$tool" >/dev/null || { echo "slurm-local: $tool not found: apt-get install -y slurm-wlm munge" >&2; exit 69; }
  done
  [ "$(id -u)" -eq 0 ] || { echo "slurm-local: must run as root (slurmd starts the jobs)" >&2; exit 77; }
  if all_alive; then
    echo "slurm-local: already running in $dir" >&2
  else
    stop_daemons   # a partial start (one daemon died): begin again
    # Another Slurm (or a second cluster test) on the same ports would make ours fail obscurely.
    if ss -Hltn "sport = :$port or sport = :$((port + 1))" 2>/dev/null | grep -q .; then
      echo "slurm-local: port $port or $((port + 1)) is in use (another Slurm?); set WINNOW_SLURM_PORT to another port" >&2
      exit 75
    fi
    rm -rf "$dir"
    mkdir -p "$dir"/state "$dir"/spool "$dir"/log "$dir"/munge
    chmod 755 "$dir"
    dd if=/dev/urandom bs=1024 count=1 of="$dir/munge/munge.key" status=none
    chown -R munge: "$dir/munge"
    chmod 755 "$dir/munge"   # munged wants its socket directory searchable by all
    chmod 400 "$dir/munge/munge.key"
    runuser -u munge -- test -x "$dir/munge" || { echo "slurm-local: the munge user cannot reach $dir (a parent directory is not searchable)" >&2; exit 1; }
    write_config
    # munged as its own user (it refuses a key that others could read); the socket is in our directory.
    runuser -u munge -- munged --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
      --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
    for _ in $(seq 1 40); do [ -s "$dir/munge/munged.pid" ] && break; sleep 0.25; done
    cp "$dir/munge/munged.pid" "$dir/munged.pid"
    # -c: a cold start, no state from an earlier cluster in this directory.
    SLURM_CONF=$conf slurmctld -c
    SLURM_CONF=$conf slurmd
    for d in slurmctld slurmd; do
      for _ in $(seq 1 40); do [ -s "$dir/$d.pid" ] && break; sleep 0.25; done
    done
    all_alive || { echo "slurm-local: a daemon did not start; logs in $dir/log" >&2; tail -n 5 "$dir"/log/*.log "$dir/munge/munged.log" >&2 || true; exit 1; }
  fi
  wait_idle
  echo "slurm-local: one node idle; export SLURM_CONF=$conf" >&2
  echo "export SLURM_CONF=$conf"
}

case ${1:-} in
  start) start ;;
  stop)
    if [ -d "$dir" ]; then
      stop_daemons
      rm -rf "$dir"
      echo "slurm-local: stopped" >&2
    else
      echo "slurm-local: not running" >&2
    fi
    ;;
  status) all_alive && SLURM_CONF=$conf sinfo ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 64 ;;
esac

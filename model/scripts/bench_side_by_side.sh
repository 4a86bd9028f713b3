#!/usr/bin/env bash
# seqtune bench and its PyTorch peer, interleaved (seqtune, then the peer, at each setting), one JSON
# line per run in OUT (default bench-side-by-side.jsonl) with the tag, the load average and the result.
#
#   mvn -B -q -DskipTests package -pl workers -am      # builds workers/target/seqtune.jar
#   model/scripts/bench_side_by_side.sh [OUT]
#
# Needs Debian's python3-torch and libopenblas0-pthread for the peer (/usr/bin/python3). Timings on a
# shared machine vary with its load; compare the pairs, and cpu_s (CPU seconds per step or run). A decoding
# run at 4 x 256 lasts a quarter of a second, so those medians take 10 (greedy) and 5 (beam) runs; a
# GPT-2 124M training step varies by 10% from one to the next, so that median takes 4 steps.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-bench-side-by-side.jsonl}"
export OMP_WAIT_POLICY=passive
S="java -Xmx6g -Dai.djl.offline=true -jar $here/workers/target/seqtune.jar bench"
P="/usr/bin/python3 $here/model/scripts/bench_pytorch_peer.py"
run() {
  local tag=$1 start result
  shift
  start=$(date +%s)
  result=$("$@" 2>/dev/null | tail -1)
  echo "{\"tag\": \"$tag\", \"load\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"wall\": $(($(date +%s) - start)), \"out\": ${result:-null}}" >>"$out"
}
pair() { run "$1" $S "${@:2}"; run "$1" $P "${@:2}"; }
for t in 1 2; do
  pair train-4x256-t$t train --threads $t --warmup 2 --steps 5
  pair greedy-4x256-t$t generate --threads $t --runs 10
  pair beam4-4x256-t$t generate --threads $t --runs 5 --beams 4 --batch 4
  pair train-124m-t$t train --shape gpt2-124m --batch 4 --threads $t --warmup 1 --steps 4
done
pair greedy-124m-t1 generate --shape gpt2-124m --batch 4 --new-tokens 32 --threads 1 --runs 2
pair beam4-124m-t1 generate --shape gpt2-124m --batch 1 --beams 4 --new-tokens 32 --threads 1 --runs 2
pair lora16-opt-1.3b-bf16 train --shape opt-1.3b --lora-rank 16 --dtype bfloat16 --batch 4 --warmup 1 --steps 3 --threads 2
pair full-opt-350m train --shape opt-350m --batch 4 --warmup 1 --steps 3 --threads 2
pair greedy-opt-1.3b-bf16 generate --shape opt-1.3b --dtype bfloat16 --batch 4 --new-tokens 16 --runs 1 --threads 2
pair beam4-opt-1.3b-bf16 generate --shape opt-1.3b --dtype bfloat16 --batch 1 --beams 4 --new-tokens 16 --runs 1 --threads 2

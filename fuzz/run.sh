#!/bin/sh
# fuzz/run.sh: run the libFuzzer targets (see fuzz/README.md).
#   run.sh check B TARGET...        each target over its seed corpus once
#   run.sh fuzz B SECONDS TARGET... each target for SECONDS, one at a time,
#                                   new inputs merged into B/work/TARGET
# B is the build dir of the targets (build/fuzz). The targets that need a
# database copy the demo template of ./youcheng (test/common.js makes it
# once per binary) into a temp dir of their own.
set -e
cd "$(dirname "$0")/.."
mode=$1; B=$2; shift 2
if [ "$mode" = fuzz ]; then secs=$1; shift; fi
YC_FUZZ_TEMPLATE=$(node test/common.js youcheng | sed -n 's/^template //p')
[ -n "$YC_FUZZ_TEMPLATE" ] || { echo "fuzz: no demo template (node test/common.js youcheng)"; exit 1; }
export YC_FUZZ_TEMPLATE
# Leaks are findings too; a crash's input is kept in B/crashes.
export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
mkdir -p "$B/crashes" "$B/logs"
# CPU seconds (user + system) of the children so far: on a shared machine
# the executions per CPU second say more than those per wall second.
# (times runs in this shell: a subshell's children are not ours.)
cpu() { times > "$B/logs/times"; cpu=$(tail -1 "$B/logs/times" | awk '{ n=0; for(i=1;i<=2;i++){ split($i,a,"m"); sub("s","",a[2]); n+=a[1]*60+a[2] } print n }'); }
# The product sources each target is about: their edge coverage is
# printed after a run (libFuzzer's -print_coverage over the corpus).
files() {
	case $1 in
	import_partners) echo src/core/partner_import.c src/core/csvimport.c ;;
	import_exchanges) echo src/core/exchange.c ;;
	import_opportunities) echo src/core/opportunity.c ;;
	import_profiles) echo src/core/profile.c ;;
	import_export) echo src/core/export.c src/core/csvimport.c ;;
	import_twins) echo src/core/twins_import.c src/core/twins.c src/text/country_norm.c ;;
	json_body) echo src/web/http.c src/web/record.c src/core/input.c ;;
	http_query) echo src/web/http.c src/core/page.c ;;
	form) echo src/web/ui.c src/web/record.c ;;
	multipart) echo src/web/ui_twins.c src/web/ui_news.c ;;
	text_fold) echo src/text/norm.c ;;
	text_names) echo src/text/zhname.c src/text/country_norm.c src/text/lang.c ;;
	fts_tokenizer) echo src/store/sqlite_fts.c src/text/norm.c ;;
	markdown) echo src/text/markdown.c ;;
	mention) echo src/core/mention.c ;;
	esac
}
fail=0
for t in "$@"; do
	bin="$B/fuzz/$t"; seeds="fuzz/corpus/$t"; log="$B/logs/$t.log"
	dict=""; [ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
	[ -d "$seeds" ] || { echo "fuzz: $t has no seed corpus ($seeds)"; fail=1; continue; }
	start=$(date +%s.%N); cpu; cpu0=$cpu
	if [ "$mode" = check ]; then
		# -runs=0: the seeds are run once each, nothing is mutated.
		if "$bin" -runs=0 -artifact_prefix="$B/crashes/$t-" "$seeds" > "$log" 2>&1; then rc=0; else rc=$?; fi
	else
		mkdir -p "$B/work/$t"
		if "$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=30 -rss_limit_mb=4096 $dict \
		   -artifact_prefix="$B/crashes/$t-" "$B/work/$t" "$seeds" > "$log" 2>&1; then rc=0; else rc=$?; fi
	fi
	end=$(date +%s.%N); cpu; cpu1=$cpu
	cpus=$(awk "BEGIN{print $cpu1 - $cpu0}")
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	seedn=$(ls "$seeds" | wc -l)
	if [ "$mode" = check ]; then
		printf '%-22s %3s seeds  cov %-6s ft %-6s %5.1f s (%.1f s CPU)  %s\n' "$t" "$seedn" "${cov:-?}" "${ft:-?}" \
		       "$(awk "BEGIN{print $end - $start}")" "$cpus" "$([ $rc = 0 ] && echo ok || echo FAILED)"
	else
		workn=$(ls "$B/work/$t" | wc -l)
		printf '%-22s %9s execs  %6s exec/s  %7.0f exec/CPU-s  cov %-6s ft %-6s corpus %s+%s  %s\n' "$t" "${execs:-?}" "${rate:-?}" \
		       "$(awk "BEGIN{c=$cpus; print (c>0 ? ${execs:-0}/c : 0)}")" "${cov:-?}" "${ft:-?}" "$seedn" "$workn" "$([ $rc = 0 ] && echo ok || echo FAILED)"
	fi
	if [ "$mode" = fuzz ] && [ $rc = 0 ]; then
		"$bin" -runs=0 -print_coverage=1 "$B/work/$t" "$seeds" > "$log.cov" 2>&1 || true
		for f in $(files $t); do
			awk -v f="$f" '/^(UN)?COVERED_FUNC:/ && index($NF, f ":") { split($5, a, "/"); c += a[1]; n += a[2] }
			     END { if( n ) printf "    %-28s edges %5d/%-5d %5.1f%%\n", f, c, n, 100*c/n }' "$log.cov"
		done
	fi
	if [ $rc != 0 ]; then
		fail=1
		echo "== $t failed (exit $rc): $log"; grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -20
	fi
done
exit $fail

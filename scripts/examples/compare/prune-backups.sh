#!/usr/bin/env bash
# prune-backups.csbs in bash + KooCLI (`hcloud`, the official Huawei Cloud CLI) + jq. Not run by the tests.
# List the automatic backups (autobk_…) older than the retention, ask, then delete them, keeping each server's newest.
set -euo pipefail
RETENTION_DAYS=30
YES=${YES:-false}  # YES=true answers the question (a job without a terminal)
MARKER=autobk
REGION=${HUAWEICLOUD_REGION:-cn-north-4}
cbr() { hcloud CBR "$@" --cli-region="$REGION" --cli-output=json; }

# Every available backup, newest first, page by page (the API returns at most 100 per page).
all='[]'
offset=0
while :; do
  page=$(cbr ListBackups --status=available --sort=created_at:desc --limit=100 --offset="$offset")
  all=$(jq -c --argjson p "$page" '. + $p.backups' <<<"$all")
  (( $(jq '.backups | length' <<<"$page") < 100 )) && break
  offset=$((offset + 100))
done
cutoff=$(( $(date -u +%s) - RETENTION_DAYS * 86400 ))
# created_at is "2026-12-06T13:22:22.678916" (UTC without a zone): drop the fraction, add a Z.
old=$(jq -c --arg m "$MARKER" --argjson cutoff "$cutoff" '
  reduce .[] as $b ({seen: [], old: []};
    if (.seen | index($b.resource_id)) == null then .seen += [$b.resource_id]
    elif ($b.name | contains($m)) and
         (($b.created_at | sub("\\.[0-9]+$"; "") | sub("(?<z>[+-][0-9:]+|Z)?$"; "Z") | fromdateiso8601) < $cutoff)
    then .old += [$b] else . end) | .old' <<<"$all")

echo "$(jq length <<<"$old") automatic backups older than ${RETENTION_DAYS}d (of $(jq length <<<"$all")):"
jq -r '.[] | "  \(.id) \(.name) of \(.resource_name), made \(.created_at)"' <<<"$old"

count=$(jq length <<<"$old")
if (( count > 0 )) && [[ $YES != true ]]; then
  [[ -r /dev/tty ]] || { echo "no terminal to ask on: set YES=true" >&2; exit 64; }
  read -r -p "delete $count backups older than ${RETENTION_DAYS}d? [y/N] " answer </dev/tty
  [[ ${answer,,} == y || ${answer,,} == yes ]] || { echo "not confirmed" >&2; exit 1; }
fi

failed=()
for id in $(jq -r '.[].id' <<<"$old"); do
  ok=false
  for attempt in 1 2 3; do
    if cbr DeleteBackup --backup_id="$id" >/dev/null; then
      deadline=$(( $(date +%s) + 1800 ))
      while (( $(date +%s) < deadline )); do
        if ! cbr ShowBackup --backup_id="$id" >/dev/null 2>&1; then ok=true; break; fi
        sleep 10
      done
      $ok && break
    fi
    (( attempt < 3 )) && sleep 30
  done
  $ok || failed+=("$id")
done
if (( ${#failed[@]} > 0 )); then
  echo "retention cleanup: ${#failed[@]} of $(jq length <<<"$old") deletes failed: ${failed[*]}"
  exit 1
fi
echo "retention cleanup: $(jq length <<<"$old") deleted"

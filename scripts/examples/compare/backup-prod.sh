#!/usr/bin/env bash
# backup-prod.csbs in bash + KooCLI (`hcloud`, the official Huawei Cloud CLI) + jq. Not run by the tests.
# Back up every production server, retry each failed one twice, report the ones that still failed and exit 1.
set -euo pipefail
VAULT_NAME=prod-backups
IFS=, read -r -a PROD <<<"${PROD_SERVERS:-ecs-9f93-0003,ecs-9f93-0004}"
REGION=${HUAWEICLOUD_REGION:-cn-north-4}
cbr() { hcloud CBR "$@" --cli-region="$REGION" --cli-output=json; }

vault_id=$(cbr ListVaults --name="$VAULT_NAME" | jq -r '.vaults[0].id // empty')
if [[ -z $vault_id ]]; then
  vault_id=$(cbr CreateVault --vault.name="$VAULT_NAME" --vault.resources.1.id="" \
    --vault.billing.consistent_level=crash_consistent --vault.billing.object_type=server \
    --vault.billing.protect_type=backup --vault.billing.size=500 | jq -r '.vault.id')
fi
servers=$(cbr ListProtectable --protectable_type=server --limit=1000)

backup_one() { # id name: attach (to the vault that protects it, if any), back up, wait until available
  local id=$1 name=$2 home status cp_id
  home=$(jq -r --arg id "$id" '.instances[] | select(.id == $id) | .protectable.vault.id // empty' <<<"$servers")
  home=${home:-$vault_id}
  if ! cbr ShowVault --vault_id="$home" | jq -e --arg id "$id" '.vault.resources[] | select(.id == $id)' >/dev/null; then
    cbr AddVaultResource --vault_id="$home" --resources.1.id="$id" --resources.1.type=OS::Nova::Server >/dev/null || return 1
  fi
  cp_id=$(cbr CreateCheckpoint --checkpoint.vault_id="$home" --checkpoint.parameters.auto_trigger=false \
    --checkpoint.parameters.name="prod-$name" --checkpoint.parameters.resources.1="$id" | jq -r '.checkpoint.id') || return 1
  local deadline=$(( $(date +%s) + 7200 ))
  while (( $(date +%s) < deadline )); do
    status=$(cbr ListBackups --checkpoint_id="$cp_id" --resource_id="$id" | jq -r '.backups[0].status // "protecting"')
    case $status in
      available) return 0 ;;
      protecting|creating|waiting_protect) sleep 10 ;;
      *) echo "backup of $name ended $status" >&2; return 1 ;;
    esac
  done
  echo "backup of $name timed out" >&2
  return 1
}

failed=()
done_count=0
while IFS=$'\t' read -r id name status; do
  prod=false
  for p in "${PROD[@]}"; do [[ $p == "$name" ]] && prod=true; done
  $prod || continue
  if [[ $status == "SHUTOFF" ]]; then failed+=("$name (cannot be backed up now, status $status)"); continue; fi
  ok=false
  for attempt in 1 2 3; do
    if backup_one "$id" "$name"; then ok=true; break; fi
    (( attempt < 3 )) && sleep $(( 60 * (1 << (attempt - 1)) ))
  done
  if $ok; then done_count=$((done_count + 1)); else failed+=("$name (failed 3 times)"); fi
done < <(jq -r '.instances[] | [.id, .name, .status] | @tsv' <<<"$servers")

if (( ${#failed[@]} > 0 )); then
  echo "prod backup: ${#failed[@]} of $(( ${#failed[@]} + done_count )) servers failed:"
  printf '  %s\n' "${failed[@]}"
  exit 1
fi
echo "prod backup: all $done_count production servers backed up"

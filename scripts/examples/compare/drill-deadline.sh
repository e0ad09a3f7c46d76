#!/usr/bin/env bash
# drill-deadline.csbs in bash + KooCLI (`hcloud`, the official Huawei Cloud CLI) + jq. Not run by the tests.
# Back up the production server, restore onto a scratch server, check it runs, all within a time budget.
set -euo pipefail
BUDGET=3600
SERVER=e8cc6bfd-d324-4b88-9109-9fb0ba70676f
SCRATCH=${1:-8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25}
HOME_VAULT=drill-vault
REGION=${HUAWEICLOUD_REGION:-cn-north-4}
cbr() { hcloud CBR "$@" --cli-region="$REGION" --cli-output=json; }
started=$(date +%s)
fail() { echo "drill failed after $(( $(date +%s) - started ))s of ${BUDGET}s: $*"; exit 1; }
left() { echo $(( BUDGET - ($(date +%s) - started) )); }

# The vault that already protects the server, if one does.
protected=$(cbr ListProtectable --protectable_type=server --limit=1000 |
  jq -r --arg id "$SERVER" '.instances[] | select(.id == $id) | .protectable.vault.name // empty') || fail "list servers"
HOME_VAULT=${protected:-$HOME_VAULT}
vault_id=$(cbr ListVaults --name="$HOME_VAULT" | jq -r '.vaults[0].id // empty') || fail "list vaults"
if [[ -z $vault_id ]]; then
  vault_id=$(cbr CreateVault --vault.name="$HOME_VAULT" --vault.resources.1.id="" \
    --vault.billing.consistent_level=crash_consistent --vault.billing.object_type=server \
    --vault.billing.protect_type=backup --vault.billing.size=100 | jq -r '.vault.id') || fail "create vault"
fi
if ! cbr ShowVault --vault_id="$vault_id" | jq -e --arg id "$SERVER" '.vault.resources[] | select(.id == $id)' >/dev/null; then
  cbr AddVaultResource --vault_id="$vault_id" --resources.1.id="$SERVER" --resources.1.type=OS::Nova::Server \
    >/dev/null || fail "attach $SERVER"
fi
cp_id=$(cbr CreateCheckpoint --checkpoint.vault_id="$vault_id" --checkpoint.parameters.auto_trigger=false \
  --checkpoint.parameters.name=drill --checkpoint.parameters.resources.1="$SERVER" | jq -r '.checkpoint.id') ||
  fail "create backup"
backup_id=""
while (( $(left) > 0 )); do
  read -r backup_id status < <(cbr ListBackups --checkpoint_id="$cp_id" --resource_id="$SERVER" |
    jq -r '.backups[0] | "\(.id // "") \(.status // "protecting")"')
  [[ $status == available ]] && break
  [[ $status == error ]] && fail "the backup of $SERVER ended error"
  sleep 10
done
(( $(left) > 0 )) || fail "deadline passed while backing up"

# Restore onto the scratch server: map the backup's disk backups onto its disks, system disk first.
children=$(cbr ShowBackup --backup_id="$backup_id" | jq -c '.backup.children | sort_by(.extend_info.system_disk | not)')
volumes=$(hcloud EVS ListVolumes --cli-region="$REGION" --server_id="$SCRATCH" --cli-output=json |
  jq -c '.volumes | sort_by(.bootable != "true")')
(( $(jq length <<<"$children") == $(jq length <<<"$volumes") )) || fail "scratch server has another number of disks"
mapping_args=()
for i in $(seq 0 $(( $(jq length <<<"$children") - 1 ))); do
  n=$((i + 1))
  mapping_args+=("--restore.mappings.$n.backup_id=$(jq -r ".[$i].id" <<<"$children")")
  mapping_args+=("--restore.mappings.$n.volume_id=$(jq -r ".[$i].id" <<<"$volumes")")
done
cbr RestoreBackup --backup_id="$backup_id" --restore.server_id="$SCRATCH" --restore.power_on=true \
  "${mapping_args[@]}" >/dev/null || fail "start the restore"
while (( $(left) > 0 )); do
  status=$(cbr ShowBackup --backup_id="$backup_id" | jq -r '.backup.status')
  [[ $status == restoring ]] || break
  sleep 10
done
(( $(left) > 0 )) || fail "deadline passed while restoring"
[[ $status == available ]] || fail "the restore of $backup_id ended $status"
state=$(hcloud ECS ShowServer --cli-region="$REGION" --server_id="$SCRATCH" --cli-output=json | jq -r '.server.status')
[[ $state == ACTIVE ]] || fail "scratch server is $state after the restore"
echo "drill passed in $(( $(date +%s) - started ))s of ${BUDGET}s: backup of $SERVER restored onto $SCRATCH"

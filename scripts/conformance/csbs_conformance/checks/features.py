"""What the service supports in the caller's region: cbr-features and replication-capabilities (the emulator
replicates to its other region, cn-south-1, and makes no dual-AZ backups)."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import check, expect_equal, expect_error

OTHER_REGION = "cn-south-1"

FEATURE_KEYS = ["features.backup_double_az", "replication.destination_dgw_regions",
                "replication.destination_regions", "replication.enable", "replication.source_region"]


@check("features.list_and_show")
def list_and_show(ctx):
    region = ctx.settings["OS_REGION_NAME"]
    features = ctx.cbr.list_features(cbr.ListFeaturesRequest()).body
    expect_equal(sorted(features), FEATURE_KEYS, "list_features keys")
    expect_equal((features["replication.enable"], features["replication.source_region"],
                  features["replication.destination_regions"]), (True, region, [OTHER_REGION]),
                 "replication features")
    shown = ctx.cbr.show_feature(cbr.ShowFeatureRequest(feature_key="replication.source_region")).body
    expect_equal(shown, {"replication.source_region": region}, "show_feature(replication.source_region)")
    expect_error(lambda: ctx.cbr.show_feature(cbr.ShowFeatureRequest(feature_key="features.unknown")), 400,
                 "BackupService.9900")


@check("features.replication_capabilities")
def replication_capabilities(ctx):
    regions = ctx.cbr.show_replication_capabilities(cbr.ShowReplicationCapabilitiesRequest()).regions
    expect_equal([(r.name, r.replication_destinations) for r in regions],
                 [(ctx.settings["OS_REGION_NAME"], [OTHER_REGION])], "regions and their replication destinations")

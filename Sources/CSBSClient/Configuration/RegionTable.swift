/// Region → service endpoints. Regions not in the table use the common naming
/// `https://<service>.<region>.myhuaweicloud.com`, which every listed region follows too; the table exists to
/// name the known regions and to hold the exceptions (none today besides the naming for new services).
public enum RegionTable {
    /// Huawei Cloud regions with CBR (from the official SDK's region table).
    public static let knownRegions: [String] = [
        "af-north-1", "af-south-1", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "cn-east-2", "cn-east-3", "cn-east-4", "cn-east-5", "cn-north-1", "cn-north-2",
        "cn-north-4", "cn-north-9", "cn-north-11", "cn-north-12", "cn-south-1", "cn-south-2", "cn-south-4",
        "cn-southwest-2", "cn-southwest-3", "la-north-2", "la-south-2", "me-east-1", "my-kualalumpur-1",
        "na-mexico-1", "ru-northwest-2", "sa-brazil-1", "tr-west-1",
    ]

    /// Whether `region` is in ``knownRegions``.
    public static func isKnown(_ region: String) -> Bool {
        knownRegions.contains(region)
    }

    /// The IAM, CBR and CSBS endpoints of a region.
    public static func endpoints(for region: String) -> ServiceEndpoints {
        ServiceEndpoints(
            iam: "https://iam.\(region).myhuaweicloud.com",
            cbr: "https://cbr.\(region).myhuaweicloud.com",
            csbs: "https://csbs.\(region).myhuaweicloud.com"
        )
    }
}

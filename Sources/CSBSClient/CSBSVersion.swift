/// The version of csbs: `csbs --version` prints it.
public enum CSBSVersion {
    public static let current = "0.1.0"
}

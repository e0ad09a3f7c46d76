/// What the script interpreter tells a dry run about a lookup, for the answers that the request alone cannot
/// decide. A real transport ignores these values; they cost nothing outside a dry run.
///
/// The rule a dry run follows: objects the script did not create are assumed to exist, under a placeholder id
/// derived from the name given (`<vault:prod>`), so `use vault prod` or `delete vault prod` show the requests
/// they would send. A converging statement (`vault NAME size N`, `policy NAME …`) instead finds only what the
/// script created, so it shows its creating path.
public enum DryRunHint {
    /// Set around a converging statement's lookup: a dry run answers "none" for an object the script did not
    /// create (or refer to) earlier.
    @TaskLocal public static var converging = false

    /// Set around a lookup by name whose request does not carry the name (`bind policy NAME` lists every
    /// policy): a dry run adds a placeholder object with this name when the script has not created one.
    @TaskLocal public static var expectedName: String?
}

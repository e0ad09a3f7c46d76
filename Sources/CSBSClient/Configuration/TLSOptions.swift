/// How HTTPS peers are trusted. The default trusts the system's certificate store.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM file of extra CA certificates to trust (in addition to the system store), e.g. a corporate proxy's.
    public var caBundlePath: String?
    /// Accept any certificate, for a lab endpoint with a self-signed certificate. Never the default; the client
    /// logs a warning on every connection it makes this way.
    public var insecureSkipTLSVerification: Bool

    public init(caBundlePath: String? = nil, insecureSkipTLSVerification: Bool = false) {
        self.caBundlePath = caBundlePath
        self.insecureSkipTLSVerification = insecureSkipTLSVerification
    }
}

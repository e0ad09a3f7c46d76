import CSBSLocalFiles
import FoundationEssentials
import NIOSSL

/// How HTTPS peers are trusted, and whether plain http may carry credentials to another machine. The default
/// trusts the system's certificate store and sends credentials over plain http to this machine only.
public struct TLSOptions: Sendable, Hashable {
    /// A PEM file of extra CA certificates to trust (in addition to the system store), e.g. a corporate proxy's.
    public var caBundlePath: String?
    /// Accept any certificate, for a lab endpoint with a self-signed certificate. Never the default; the client
    /// logs a warning on every connection it makes this way.
    public var insecureSkipTLSVerification: Bool
    /// Send credentials over plain http to hosts that are not this machine (`--allow-insecure-http`). Never the
    /// default; without it such a configuration is refused (see ``ClientConfiguration/checkTransportSecurity()``),
    /// and with it the client says so once (``ClientNotice/plainHTTPAllowed(_:)``).
    public var allowInsecureHTTP: Bool

    public init(caBundlePath: String? = nil, insecureSkipTLSVerification: Bool = false, allowInsecureHTTP: Bool = false) {
        self.caBundlePath = caBundlePath
        self.insecureSkipTLSVerification = insecureSkipTLSVerification
        self.allowInsecureHTTP = allowInsecureHTTP
    }
}

extension TLSOptions {
    /// The largest CA bundle read (16 MiB; the system's own bundle is about 200 KiB).
    public static let maximumCABundleSize = 16 << 20

    /// Checks that `path` is a readable PEM file of at least one certificate, so that a wrong bundle is a
    /// configuration error before anything is sent rather than a TLS failure of the first request.
    /// - Throws: ``ClientError`` `.configuration`.
    static func checkCABundle(_ path: String) throws {
        let data: Data
        do {
            data = try LocalFiles.read(path, limit: maximumCABundleSize)
        } catch let failure as LocalFiles.Failure {
            throw ClientError(kind: .configuration, message: "the CA bundle: \(failure)")
        }
        let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data))
        guard let certificates, !certificates.isEmpty else {
            throw ClientError(
                kind: .configuration, message: "the CA bundle \(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
            )
        }
    }
}

import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// The process's HTTP clients, one per distinct ``TLSOptions``, created on first use and kept for the life of
/// the process (as `HTTPClient.shared` is). A registry rather than per-transport clients because an
/// `HTTPClient` must be shut down before it is released, and transports are freely copied values.
enum HTTPClientPool {
    private static let clients = Mutex<[TLSOptions: HTTPClient]>([:])
    /// One event loop thread for all of them: the client's work is waiting on the network, and a loop per core
    /// only adds a thread (and its malloc arena) to every start.
    private static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    static func client(for tls: TLSOptions) -> HTTPClient {
        clients.withLock { clients in
            if let existing = clients[tls] { return existing }
            let client = HTTPClient(eventLoopGroup: eventLoops, configuration: configuration(tls))
            clients[tls] = client
            return client
        }
    }

    private static func configuration(_ tls: TLSOptions) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        if tls.caBundlePath != nil || tls.insecureSkipTLSVerification {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            if let path = tls.caBundlePath {
                tlsConfiguration.additionalTrustRoots = [.file(path)]
            }
            if tls.insecureSkipTLSVerification {
                tlsConfiguration.certificateVerification = .none
            }
            configuration.tlsConfiguration = tlsConfiguration
        }
        return configuration
    }
}

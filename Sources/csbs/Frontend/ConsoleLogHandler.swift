import CSBSCommandLine
import Logging

/// Where the client library's log goes in csbs: its warnings (TLS verification turned off) on stderr as
/// `csbs: warning: …`, through the one terminal sanitizer like every other message that may hold a service's text,
/// and nothing below a warning. What a user needs of the client's retries and reconciliations comes as notices
/// (``Backend/notice``) and, with `--verbose`, as its trace.
///
/// Without it swift-log's default handler printed every `info` raw, with a timestamp and the module's name: a
/// reconciled lost answer put the service's resource IDs on the terminal unescaped.
struct ConsoleLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .warning

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        Console.err(Self.line(level: event.level, message: event.message.description))
    }

    /// The line for one message: `csbs: warning: …` (`error` for error and critical), controls escaped, URL
    /// credentials masked.
    static func line(level: Logger.Level, message: String) -> String {
        let label = level >= .error ? "error" : "warning"
        return "csbs: \(label): " + Backend.shownOnStderr(message)
    }

    /// The logger csbs gives every client it makes (``Backend/client(_:)``).
    static let clientLogger = Logger(label: "csbs.client") { _ in ConsoleLogHandler() }
}

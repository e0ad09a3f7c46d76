extension FaultRule {
    /// The compact syntax of `csbs serve --fault`, for help texts.
    public static let specSyntax = """
        OPERATION[:OPTION,...] where OPERATION is an SDK operation name (create_checkpoint, list_vault, ...) or *, \
        and OPTION is status=N, code=ERROR_CODE, msg=TEXT (must be last), count=N, probability=P, retry-after=SECONDS, \
        latency=MS, drop, after, checkpoint-error. Examples: create_checkpoint:status=503,count=2; \
        *:status=429,code=APIGW.0308,retry-after=1,probability=0.1; show_checkpoint:drop,after; \
        create_checkpoint:checkpoint-error
        """

    /// Parses the compact syntax (``specSyntax``).
    /// - Throws: ``FaultSpecError`` naming what is wrong.
    public init(spec: String) throws {
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(operation: String(parts[0]).trimmingSpaces)
        if parts.count > 1 { try apply(options: parts[1]) }
        if let problem { throw FaultSpecError(spec: spec, reason: problem) }
    }

    private mutating func apply(options: Substring) throws {
        var rest = options
        while !rest.isEmpty {
            if rest.hasPrefix("msg=") {
                errorMessage = String(rest.dropFirst(4))
                return
            }
            let comma = rest.firstIndex(of: ",") ?? rest.endIndex
            try apply(option: String(rest[..<comma]).trimmingSpaces, in: String(options))
            rest = comma == rest.endIndex ? "" : rest[rest.index(after: comma)...]
        }
    }

    private mutating func apply(option: String, in spec: String) throws {
        let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
        let key = pair.first ?? ""
        let value = pair.count > 1 ? pair[1] : nil
        func number<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
            guard let value, let number = T(value) else {
                throw FaultSpecError(spec: spec, reason: "\(key) needs a number")
            }
            return number
        }
        switch key {
        case "status": status = try number(Int.self)
        case "code": errorCode = value
        case "count": count = try number(Int.self)
        case "probability": probability = try number(Double.self)
        case "retry-after": retryAfter = try number(Int.self)
        case "latency": latencyMs = try number(Int.self)
        case "drop": drop = true
        case "after": phase = .after
        case "before": phase = .before
        case "checkpoint-error": checkpointError = true
        default: throw FaultSpecError(spec: spec, reason: "unknown option '\(key)'")
        }
    }
}

/// A `--fault` value that does not parse.
public struct FaultSpecError: Error, Equatable, CustomStringConvertible {
    /// The text given.
    public var spec: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "invalid fault '\(spec)': \(reason)" }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

import CSBSClient
import CSBSSyntax

/// Runs parsed scripts against a ``CBRClient``, keeping the session's context (the selected vault) between runs,
/// so a REPL can feed it one line at a time.
public struct Interpreter: Sendable {
    /// What earlier statements selected.
    public struct Context: Sendable {
        public var vault: Vault?

        public init(vault: Vault? = nil) {
            self.vault = vault
        }
    }

    public let client: CBRClient
    public let output: any ScriptOutput
    public var context: Context

    public init(client: CBRClient, output: any ScriptOutput, context: Context = Context()) {
        self.client = client
        self.output = output
        self.context = context
    }

    /// Runs every statement in order and stops at the first failure, which is also reported to ``output``.
    /// The script must have parsed without errors.
    @discardableResult
    public mutating func run(_ script: Script, in file: SourceFile) async -> Result<Void, RuntimeFailure> {
        for statement in script.statements {
            do {
                try await execute(statement, in: file)
            } catch {
                let failure = Self.failure(from: error, at: statement.range)
                output.diagnostic(failure.diagnostic, in: file)
                return .failure(failure)
            }
        }
        return .success(())
    }

    mutating func execute(_ statement: Stmt, in file: SourceFile) async throws {
        switch statement {
        case .vault(let vault): try await execute(vault)
        case .attach(let attach): try await execute(attach)
        case .backup(let backup): try await execute(backup)
        }
    }

    static func failure(from error: any Error, at range: SourceRange) -> RuntimeFailure {
        switch error {
        case let failure as RuntimeFailure:
            return failure
        case let error as CSBSError where error.kind == .waitTimeout:
            return RuntimeFailure(
                category: .waitTimeout, diagnostic: Diagnostic(RuntimeMessages.waitTimeout(error), range: range),
                underlying: error
            )
        case let error as CSBSError:
            return RuntimeFailure(
                category: .command, diagnostic: Diagnostic(RuntimeMessages.clientError(error), range: range),
                underlying: error
            )
        case is CancellationError:
            return RuntimeFailure(
                category: .interrupted, diagnostic: Diagnostic(RuntimeMessages.interrupted("running"), range: range)
            )
        default:
            let message = SimpleDiagnosticMessage(id: MessageID(domain: "runtime", name: "internalError"), message: "\(error)")
            return RuntimeFailure(category: .command, diagnostic: Diagnostic(message, range: range))
        }
    }

    /// The vault earlier statements selected, or a located failure.
    func selectedVault(for statement: String, at range: SourceRange) throws -> Vault {
        guard let vault = context.vault else {
            throw RuntimeFailure(
                category: .command, diagnostic: Diagnostic(RuntimeMessages.noVaultSelected(statement), range: range)
            )
        }
        return vault
    }
}

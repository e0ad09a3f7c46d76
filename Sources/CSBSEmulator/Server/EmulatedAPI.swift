import HTTPTypes
import Hummingbird

/// The emulated API: every IAM, CBR and CSBS route with the SDK operation it is.
///
/// A route and its operation name are declared once, in their controller's `routes`. From there the router
/// registers the route (``register(store:progress:in:)``), the request scope names each request after the route it
/// matched (``operation(method:endpointPath:)``), and fault rules accept exactly these names (``operationNames``).
enum EmulatedAPI {
    /// The controllers, in registration order (which decides the router's order among overlapping paths).
    static let controllers: [any APIController.Type] = [
        IAMController.self, VaultController.self, CheckpointController.self, CSBSController.self,
        BackupController.self, OperationLogController.self, ProtectableController.self, PolicyController.self,
        VaultTagController.self, VaultResourceController.self, FeatureController.self,
        BackupExpirationController.self, CSBSQuotaController.self, MemberController.self, AgentController.self,
        OrganizationPolicyController.self, TenantController.self, CSBSPolicyController.self,
        CSBSTagController.self, VaultOrderController.self, CSBSMigrationController.self, BackupSyncController.self,
    ]

    /// Every route with its full path, in registration order.
    static let endpoints: [APIEndpoint] = controllers.flatMap { $0.endpoints }

    /// Every operation name (the fault rules' `operation` values besides `*`).
    static let operationNames = Set(endpoints.map(\.operation))

    /// The operation of each route, keyed by ``APIEndpoint/key``.
    private static let operationsByKey = Dictionary(uniqueKeysWithValues: endpoints.map { ($0.key, $0.operation) })

    /// The operation of the route a request matched.
    /// - Parameters:
    ///   - method: The request's method.
    ///   - endpointPath: The matched route's path as the router reports it (`context.endpointPath`); `nil` before
    ///     routing or when no route matched.
    /// - Returns: The SDK operation name, or `nil` for the control API and unknown routes.
    static func operation(method: HTTPRequest.Method, endpointPath: String?) -> String? {
        guard let endpointPath else { return nil }
        return operationsByKey[APIEndpoint.key(method: method, path: endpointPath)]
    }

    /// Registers every route in the router group of its service.
    /// - Parameters:
    ///   - store: The emulator's state.
    ///   - progress: The emulator's clock and durations.
    ///   - group: The router group of a service, with its middleware.
    static func register(
        store: EmulatorStore,
        progress: BackupProgress,
        in group: (APIService) -> RouterGroup<EmulatorRequestContext>
    ) {
        for controller in controllers {
            controller.register(on: group(controller.service), store: store, progress: progress)
        }
    }
}

/// A route as the router sees it: method, full path pattern and SDK operation.
struct APIEndpoint: Sendable, Equatable {
    var method: HTTPRequest.Method
    /// The full path pattern, e.g. `/v3/{project_id}/vaults/{vault_id}` (Hummingbird's rendering).
    var path: RouterPath
    var operation: String

    /// The lookup key: method and the rendered path.
    var key: String { Self.key(method: method, path: path.description) }

    static func key(method: HTTPRequest.Method, path: String) -> String {
        "\(method.rawValue) \(path)"
    }
}

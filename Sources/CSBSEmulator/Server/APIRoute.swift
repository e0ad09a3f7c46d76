import HTTPTypes
import Hummingbird

/// One route of the emulated API, as its controller declares it: method, path below the controller's route group,
/// the SDK operation name it is known by (fault rules, request log), and the handler.
///
/// Controllers list their routes in a static `routes` array (``APIController/routes``), e.g.
/// `.get(":vault_id", operation: "show_vault", use: Self.show)`; ``EmulatedAPI`` registers them.
struct APIRoute<Controller: APIController>: Sendable {
    /// A route handler.
    typealias Handler = @Sendable (Request, EmulatorRequestContext) async throws -> Response

    /// The HTTP method.
    var method: HTTPRequest.Method
    /// The path below the route group of ``APIController/service``, e.g. `vaults/:vault_id`.
    var path: RouterPath
    /// The official SDK operation name, e.g. `show_vault` (unique across the emulated API).
    var operation: String
    /// The handler of a given controller: an unapplied method reference such as `VaultController.show`.
    var handler: @Sendable (Controller) -> Handler

    /// A `GET` route.
    static func get(
        _ path: RouterPath = "", operation: String, use handler: @escaping @Sendable (Controller) -> Handler
    ) -> Self {
        Self(method: .get, path: path, operation: operation, handler: handler)
    }

    /// A `POST` route.
    static func post(
        _ path: RouterPath = "", operation: String, use handler: @escaping @Sendable (Controller) -> Handler
    ) -> Self {
        Self(method: .post, path: path, operation: operation, handler: handler)
    }

    /// A `PUT` route.
    static func put(
        _ path: RouterPath = "", operation: String, use handler: @escaping @Sendable (Controller) -> Handler
    ) -> Self {
        Self(method: .put, path: path, operation: operation, handler: handler)
    }

    /// A `DELETE` route.
    static func delete(
        _ path: RouterPath = "", operation: String, use handler: @escaping @Sendable (Controller) -> Handler
    ) -> Self {
        Self(method: .delete, path: path, operation: operation, handler: handler)
    }
}

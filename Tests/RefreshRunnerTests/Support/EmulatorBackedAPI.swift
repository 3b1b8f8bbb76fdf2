import AlibabaCDN
import CDNEmulator
import Foundation
import Synchronization

@testable import RefreshRunner

/// A ``RefreshAPI`` that hands signed calls straight to an ``EmulatorService``.
///
/// The emulator's rules without a socket; a dropped connection becomes a lost answer.
struct EmulatorBackedAPI: RefreshAPI {
    let service: EmulatorService
    var credentials = Credentials(
        accessKeyID: EmulatorConfiguration.sandboxAccessKeyID,
        accessKeySecret: EmulatorConfiguration.sandboxAccessKeySecret, origin: "test")
    /// Records the type and `Force` of every refresh call, when set.
    var refreshes: RefreshLog?

    func refreshObjectCaches(objectPath: String, objectType: ObjectType, force: Bool?) async throws(APICallError)
        -> TaskSubmissionResponse
    {
        refreshes?.entries.withLock { $0.append((objectType, force)) }
        return try call(.refreshObjectCaches(objectPath: objectPath, objectType: objectType, force: force))
    }

    func pushObjectCache(objectPath: String, area: String?) async throws(APICallError) -> TaskSubmissionResponse {
        try call(.pushObjectCache(objectPath: objectPath, area: area))
    }

    func describeRefreshQuota() async throws(APICallError) -> RefreshQuotaResponse {
        try call(.describeRefreshQuota())
    }

    func describeRefreshTaskByID(_ taskIDs: [String]) async throws(APICallError) -> RefreshTasksByID {
        try call(.describeRefreshTaskByID(taskIDs))
    }

    func describeRefreshTasks(_ filter: RefreshTasksFilter) async throws(APICallError) -> RefreshTasksPage {
        try call(.describeRefreshTasks(filter))
    }

    private func call<T: Decodable>(_ request: APIRequest) throws(APICallError) -> T {
        let signed = SignedRPCRequest(
            request: request, credentials: credentials, timestamp: APITimestamp.format(Date()),
            nonce: UUID().uuidString)
        let outcome = service.handle(
            EmulatorRequest(
                method: "POST", path: "/", query: signed.queryString,
                headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(signed.formBody.utf8)))
        guard case .respond(let reply) = outcome.action else {
            throw .transport(TransportFailure(kind: .connectionLost, detail: "dropped"))
        }
        if reply.status == 200 {
            do {
                return try JSONDecoder().decode(T.self, from: Data(reply.body))
            } catch {
                throw .unexpectedResponse(httpStatus: 200, detail: "\(error)")
            }
        }
        let body =
            (try? JSONDecoder().decode(APIErrorBody.self, from: Data(reply.body)))
            ?? APIErrorBody(code: "", message: "")
        throw .api(
            APIFailure(
                httpStatus: reply.status, body: body,
                retryAfterSeconds: reply.headers["x-acs-retry-after"].flatMap(Double.init).map { $0 / 1000 }))
    }
}

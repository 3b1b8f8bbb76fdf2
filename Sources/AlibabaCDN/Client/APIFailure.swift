/// An error answer of the API.
package struct APIFailure: Sendable, Equatable {
    package var httpStatus: Int
    package var body: APIErrorBody
    /// `x-acs-retry-after`, in seconds.
    package var retryAfterSeconds: Double?

    package init(httpStatus: Int, body: APIErrorBody, retryAfterSeconds: Double? = nil) {
        self.httpStatus = httpStatus
        self.body = body
        self.retryAfterSeconds = retryAfterSeconds
    }

    package var classification: ErrorClass { body.classification(httpStatus: httpStatus) }
}

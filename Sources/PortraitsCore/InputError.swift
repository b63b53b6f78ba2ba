/// An error in the user's input, with where it is: file, layer, feature or line, key.
///
/// Every error the tool reports to a user is one of these, so the message always names the place:
/// `communes.gpkg, layer communes, feature 12: field insee_com is empty`.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    public var location: String
    public var message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}

/// Several input errors found in one pass, reported together.
public struct InputErrors: Error, CustomStringConvertible, Sendable {
    public var errors: [InputError]

    public init(_ errors: [InputError]) { self.errors = errors }

    public var description: String {
        errors.map { "- \($0.description)" }.joined(separator: "\n")
    }
}

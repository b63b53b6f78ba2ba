import PortraitsCore
import Yams

/// A strict view of a YAML mapping: unknown keys and wrong types are errors that name the file,
/// the line and the key path (`land_cover.layers[1].millesime`).
package struct YAMLMap {
    package let mapping: Node.Mapping
    package let path: String
    package let source: String

    package init(_ node: Node, path: String, source: String, allowed: [String]) throws {
        guard let m = node.mapping else {
            throw InputError(Self.at(source, node), "\(path.isEmpty ? "the document" : path) must be a mapping of keys to values")
        }
        self.mapping = m
        self.path = path
        self.source = source
        for (k, v) in m {
            guard let key = k.string else { throw InputError(Self.at(source, k), "\(path): keys must be text") }
            if !allowed.contains(key) {
                throw InputError(Self.at(source, v), "\(qualified(key)): unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
    }

    package static func at(_ source: String, _ node: Node) -> String {
        if let mark = node.mark { return "\(source), line \(mark.line)" }
        return source
    }

    package func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    package func node(_ key: String) -> Node? {
        guard let n = mapping[key] else { return nil }
        if n.null != nil { return nil }
        return n
    }

    package func has(_ key: String) -> Bool { node(key) != nil }

    package func missing(_ key: String) -> InputError {
        InputError(source, "\(qualified(key)) is required")
    }

    package func string(_ key: String) throws -> String? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n else { throw InputError(Self.at(source, n), "\(qualified(key)) must be text") }
        return s.string
    }

    package func requiredString(_ key: String) throws -> String {
        guard let s = try string(key), !s.isEmpty else { throw missing(key) }
        return s
    }

    package func int(_ key: String) throws -> Int? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n, let v = Int(s.string) else { throw InputError(Self.at(source, n), "\(qualified(key)) must be a whole number") }
        return v
    }

    package func map(_ key: String, allowed: [String]) throws -> YAMLMap? {
        guard let n = node(key) else { return nil }
        return try YAMLMap(n, path: qualified(key), source: source, allowed: allowed)
    }

    package func list(_ key: String) throws -> [Node] {
        guard let n = node(key) else { return [] }
        guard case .sequence(let seq) = n else { throw InputError(Self.at(source, n), "\(qualified(key)) must be a list") }
        return Array(seq)
    }

    package func stringList(_ key: String) throws -> [String] {
        try list(key).enumerated().map { i, n in
            guard case .scalar(let s) = n else { throw InputError(Self.at(source, n), "\(qualified(key))[\(i)] must be text") }
            return s.string
        }
    }

    /// A mapping of text to text (`{couverture: CODE_CS, usage: CODE_US}`).
    package func stringMap(_ key: String) throws -> [String: String]? {
        guard let n = node(key) else { return nil }
        guard let m = n.mapping else { throw InputError(Self.at(source, n), "\(qualified(key)) must be a mapping") }
        var out: [String: String] = [:]
        for (k, v) in m {
            guard let ks = k.string, case .scalar(let vs) = v else { throw InputError(Self.at(source, v), "\(qualified(key)) must map text to text") }
            out[ks] = vs.string
        }
        return out
    }

    package static func load(text: String, source: String) throws -> Node {
        try YAMLLimits.check(text, source: source)
        do {
            guard let node = try Yams.compose(yaml: text) else { throw InputError(source, "the file is empty") }
            return node
        } catch let e as InputError {
            throw e
        } catch let e as YamlError {
            throw InputError(source, "not valid YAML: \(e)")
        }
    }
}

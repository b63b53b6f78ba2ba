
/// Where pages and files are written: the output writer, or one unit of it.
public protocol FileSink: Sendable {
    func write(_ path: String, _ bytes: [UInt8]) throws
}

extension FileSink {
    public func write(_ path: String, _ text: String) throws { try write(path, Array(text.utf8)) }
}

import Foundation
import PortraitsCore

/// File-system operations whose errors a person understands: every failure is an `InputError`
/// naming the path and the cause in plain words ("no space left on the device"), never a raw
/// Foundation error code. Paths given on the command line keep their `..` (`absolute(_:)`).
public enum FileSystem {
    /// The cause of a failed system call, in plain words.
    public static func cause(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "read-only file system"
        case ENOENT: return "no such file or folder"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "is a folder"
        case EEXIST: return "already exists"
        case ENAMETOOLONG: return "the path is too long"
        case EMFILE, ENFILE: return "too many open files"
        case EIO: return "input/output error (a failing disk?)"
        case ELOOP: return "too many symbolic links"
        default: return String(cString: strerror(code))
        }
    }

    /// A message for any error thrown while reading or writing files: our own errors as they are,
    /// Foundation's (NSCocoaErrorDomain, NSPOSIXErrorDomain) translated into plain words.
    public static func describe(_ error: Error) -> String {
        if error is InputError || error is InputErrors { return "\(error)" }
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain || posixCode(ns) != nil else { return "\(error)" }
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        return (path.map { "\($0): " } ?? "") + cause(of: error)
    }

    /// The cause of a Foundation file error in plain words: its POSIX code when it carries one,
    /// else the Cocoa code's meaning.
    public static func cause(of error: Error) -> String {
        let ns = error as NSError
        if let posix = posixCode(ns) { return cause(errno: posix) }
        let byCocoaCode: [Int: Int32] = [NSFileWriteOutOfSpaceError: ENOSPC, NSFileWriteNoPermissionError: EACCES,
                                         NSFileReadNoPermissionError: EACCES, NSFileWriteVolumeReadOnlyError: EROFS,
                                         NSFileNoSuchFileError: ENOENT, NSFileReadNoSuchFileError: ENOENT, NSFileWriteFileExistsError: EEXIST]
        guard ns.domain == NSCocoaErrorDomain, let code = byCocoaCode[ns.code] else { return "the file system refused the operation" }
        return cause(errno: code)
    }

    package static func posixCode(_ ns: NSError) -> Int32? {
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return posixCode(u) }
        return nil
    }

    /// An absolute, lexically normalised path: relative paths are taken from the current folder and
    /// keep their `..` (`../site` from /a/b is /a/site); `.` and empty parts are dropped.
    public static func absolute(_ path: String, from base: String = FileManager.default.currentDirectoryPath) -> String {
        PathNormalizer.absolute(path, from: base)
    }

    /// The path with symbolic links resolved in the part of it that exists (the rest appended), so
    /// that two spellings of one folder compare equal.
    public static func canonical(_ path: String) -> String {
        var head = absolute(path)
        var tail: [String] = []
        while head != "/" {
            if let r = realpath(head, nil) {
                defer { free(r) }
                let resolved = String(cString: r)
                return tail.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + tail.reversed().joined(separator: "/")
            }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return "/" + tail.reversed().joined(separator: "/")
    }

    /// True when `inner` is `outer` or lies inside it (both canonical).
    public static func isSameOrInside(_ inner: String, _ outer: String) -> Bool {
        inner == outer || outer == "/" || inner.hasPrefix(outer + "/")
    }

    public enum Kind { case missing, file, folder }

    public static func kind(_ path: String) -> Kind {
        var st = stat()
        guard stat(path, &st) == 0 else { return .missing }
        return (st.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// The deepest folder of `path` that exists (the path itself when it does).
    public static func existingAncestor(_ path: String) -> String {
        var p = absolute(path)
        while p != "/" && kind(p) == .missing { p = (p as NSString).deletingLastPathComponent }
        return p
    }

    /// Bytes available to this user on the device holding `path` (or its deepest existing folder).
    public static func freeBytes(_ path: String) -> Int64? {
        var s = statvfs()
        guard statvfs(existingAncestor(path), &s) == 0 else { return nil }
        return Int64(s.f_bavail) * Int64(s.f_frsize)
    }

    /// Fails unless a file can be created in the deepest existing folder of `path` (which a build
    /// will create if needed). `role` says what the path is for ("the output folder").
    public static func checkWritable(_ path: String, role: String) throws {
        let folder = existingAncestor(path)
        guard kind(folder) == .folder else { throw InputError(path, "\(role) cannot be made: \(folder) is a file") }
        let probe = (folder as NSString).appendingPathComponent(".portraits-probe-\(getpid())")
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw InputError(path, "\(role) cannot be written: \(folder): \(cause(errno: errno))")
        }
        close(fd)
        unlink(probe)
    }

    /// Creates a folder and its parents.
    public static func createFolder(_ path: String) throws {
        var made = ""
        for p in absolute(path).split(separator: "/") {
            made += "/" + p
            if kind(made) == .folder { continue }
            if mkdir(made, 0o755) != 0 && errno != EEXIST {
                throw InputError(made, "cannot create the folder: \(cause(errno: errno))")
            }
        }
        guard kind(path) == .folder else { throw InputError(path, "cannot create the folder: a file has that name") }
    }

    /// Writes a whole file, reporting the cause of any failure. An existing file is unlinked first,
    /// never truncated: in a staging folder it may be a hard link to the live site's file.
    public static func write(_ path: String, _ bytes: [UInt8]) throws {
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(path, "cannot write the file: \(cause(errno: errno))") }
        var done = 0
        let failure: Int32? = bytes.withUnsafeBytes { buf in
            while done < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + done, buf.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return nil
        }
        let closed = close(fd) == 0 ? nil : errno
        if let code = failure ?? closed {
            unlink(path)
            throw InputError(path, "cannot write the file: \(cause(errno: code))")
        }
    }

    /// Renames a file or folder (same device).
    public static func rename(_ from: String, _ to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw InputError(from, "cannot move to \(to): \(cause(errno: errno))")
        }
    }

    /// Removes a file or a whole folder.
    public static func remove(_ path: String) throws {
        guard kind(path) != .missing else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw InputError(path, "cannot remove: \(cause(of: error))")
        }
    }
}

/// Territory and class codes become file names: only a safe subset of characters is accepted.
public enum SafeCode {
    /// True when `code` is non-empty, at most 64 characters of ASCII letters, digits, `-`, `_` and `.`,
    /// and neither `.` nor `..`.
    public static func isValid(_ code: String) -> Bool {
        guard !code.isEmpty, code.utf8.count <= 64, code != ".", code != ".." else { return false }
        return code.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == 0x2D || b == 0x5F || b == 0x2E
        }
    }
}

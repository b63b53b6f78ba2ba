/// The official shapes of territory codes, checked where codes are read so that a code that lost
/// its leading zero (`1002` for `01002`, a number column in a spreadsheet) or a placeholder never
/// becomes a territory of its own.
public enum TerritoryCodes {
    /// An INSEE commune code: five characters, digits, or `2A`/`2B` then three digits (Corse).
    public static func isCommune(_ code: String) -> Bool {
        let b = Array(code.utf8)
        guard b.count == 5 else { return false }
        let digits = b.allSatisfy(isDigit)
        let corse = b[0] == 0x32 && (b[1] == 0x41 || b[1] == 0x42) && b[2...].allSatisfy(isDigit)
        return digits || corse
    }

    /// An INSEE département code: two digits, `2A`, `2B`, or three digits for overseas (971…976).
    public static func isDepartement(_ code: String) -> Bool {
        let b = Array(code.utf8)
        if b.count == 2 { return b.allSatisfy(isDigit) || code == "2A" || code == "2B" }
        return b.count == 3 && b[0] == 0x39 && b[1] == 0x37 && isDigit(b[2])
    }

    /// An INSEE région code: two digits.
    public static func isRegion(_ code: String) -> Bool {
        let b = Array(code.utf8)
        return b.count == 2 && b.allSatisfy(isDigit)
    }

    /// An EPCI's SIREN: nine digits.
    public static func isEPCI(_ code: String) -> Bool {
        let b = Array(code.utf8)
        return b.count == 9 && b.allSatisfy(isDigit)
    }

    /// What the official tables write for a commune that belongs to no EPCI: nothing (NULL or empty),
    /// `NC` (ADMIN EXPRESS: "non concerné") or `ZZZZZZZZZ` (INSEE).
    public static func meansNoEPCI(_ code: String) -> Bool {
        code.isEmpty || code.uppercased() == "NC" || code == "ZZZZZZZZZ"
    }

    /// A hint when a code looks like a number that lost its leading zeros.
    public static func lostZeros(_ code: String, length: Int) -> String {
        guard !code.isEmpty, code.count < length, code.utf8.allSatisfy(isDigit) else { return "" }
        let padded = String(repeating: "0", count: length - code.count) + code
        return " (a code stored as a number loses its leading zeros: \(padded) becomes \(code); store the column as text)"
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}

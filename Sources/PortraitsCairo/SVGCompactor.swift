/// Shortens the numbers of an SVG written by Cairo: Cairo prints coordinates with six decimals
/// (glyph outlines are most of a chart's bytes); two decimals of a pixel are invisible. Each decimal
/// number is rounded to `decimals` places and trailing zeros are dropped (`-7.906250` → `-7.91`,
/// `2.000000` → `2`). Integers, names and ids are left as they are, except Cairo's surface ids
/// (`id="surface212"`), which count surfaces process-wide: they become `surface1`, so the same scene
/// gives the same bytes whatever was drawn before it.
public enum SVGCompactor {
    public static func compact(_ input: [UInt8], decimals: Int = 2) -> [UInt8] {
        pathData(roundNumbers(renumberSurfaces(input), decimals: decimals))
    }

    /// Path data (`d="…"`) without the spaces SVG does not need (`M 148 34 L 616 34 Z M 148 34 `
    /// → `M148 34L616 34Z`): no space around a command letter, and no move after the last close,
    /// which Cairo writes and which draws nothing.
    static func pathData(_ input: [UInt8]) -> [UInt8] {
        let marker = Array(" d=\"".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        let n = input.count
        @inline(__always) func isCommand(_ c: UInt8) -> Bool { c == 0x4D || c == 0x4C || c == 0x43 || c == 0x5A }   // M L C Z
        while i < n {
            guard input[i] == 0x20, i + marker.count <= n, input[i..<(i + marker.count)].elementsEqual(marker),
                  let end = input[(i + marker.count)...].firstIndex(of: 0x22) else {
                out.append(input[i]); i += 1; continue
            }
            out += marker
            var d: [UInt8] = []
            for c in input[(i + marker.count)..<end] {
                if c == 0x20 {
                    if d.isEmpty || d.last == 0x20 || isCommand(d.last!) { continue }
                    d.append(c)
                } else if isCommand(c) {
                    if d.last == 0x20 { d.removeLast() }
                    d.append(c)
                } else {
                    d.append(c)
                }
            }
            if d.last == 0x20 { d.removeLast() }
            // A trailing move after the last close ("Z M x y") draws nothing.
            if let m = d.lastIndex(of: 0x4D), m > 0, d[m - 1] == 0x5A, !d[(m + 1)...].contains(where: isCommand) { d.removeSubrange(m...) }
            out += d
            out.append(0x22)
            i = end + 1
        }
        return out
    }

    /// Cairo writes its surface id once, before the drawing: only that first occurrence is rewritten.
    static func renumberSurfaces(_ input: [UInt8]) -> [UInt8] {
        let marker = Array("id=\"surface".utf8)
        var i = 0
        while i + marker.count <= input.count {
            if input[i] == marker[0], input[i..<(i + marker.count)].elementsEqual(marker) {
                var j = i + marker.count
                while j < input.count, input[j] >= 0x30 && input[j] <= 0x39 { j += 1 }
                var out: [UInt8] = []
                out.reserveCapacity(input.count)
                out += input[..<(i + marker.count)]
                out.append(0x31)
                out += input[j...]
                return out
            }
            i += 1
        }
        return input
    }

    static func roundNumbers(_ input: [UInt8], decimals: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2 / 3)
        input.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            // The XML declaration (`version="1.0"`) is copied as it is.
            if n > 5, b[0] == 0x3C, b[1] == 0x3F, let end = b.firstIndex(of: 0x3E) {
                out.append(contentsOf: b[0...end])
                i = end + 1
            }
            @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
            while i < n {
                let c = b[i]
                // A number starts with a digit not preceded by a letter, digit, '.', '#' or '_' (ids, colours).
                guard isDigit(c) else { out.append(c); i += 1; continue }
                let prev: UInt8 = i > 0 ? b[i - 1] : 0x20
                let partOfName = (prev >= 0x41 && prev <= 0x5A) || (prev >= 0x61 && prev <= 0x7A) || prev == 0x23 || prev == 0x5F || isDigit(prev) || prev == 0x2E
                if partOfName { out.append(c); i += 1; continue }
                let start = out.count
                var j = i
                while j < n && isDigit(b[j]) { out.append(b[j]); j += 1 }
                guard j + 1 < n, b[j] == 0x2E, isDigit(b[j + 1]) else { i = j; continue }
                var k = j + 1
                out.append(0x2E)
                let dot = out.count - 1
                while k < n && isDigit(b[k]) {
                    if k - j <= decimals { out.append(b[k]) }
                    k += 1
                }
                // Round half up on the first dropped digit, carrying through the kept digits.
                var point = dot
                if k - j - 1 > decimals, b[j + 1 + decimals] >= 0x35 {
                    var p = out.count - 1
                    var carry = true
                    while carry && p >= start {
                        if out[p] == 0x2E { p -= 1; continue }
                        if out[p] == 0x39 { out[p] = 0x30; p -= 1 } else { out[p] += 1; carry = false }
                    }
                    if carry { out.insert(0x31, at: start); point += 1 }
                }
                // Trailing zeros and a bare point go.
                while out.count - 1 > point, out[out.count - 1] == 0x30 { out.removeLast() }
                if out.last == 0x2E { out.removeLast() }
                // "-0" after rounding prints as "0".
                if start > 0, out[start - 1] == 0x2D, out[start...].allSatisfy({ $0 == 0x30 }) { out.remove(at: start - 1) }
                i = k
            }
        }
        return out
    }
}

/// Shortens the numbers of an SVG written by Cairo: Cairo prints coordinates with six decimals
/// (glyph outlines are most of a chart's bytes); two decimals of a pixel are invisible. Each decimal
/// number is rounded to `decimals` places and trailing zeros are dropped (`-7.906250` → `-7.91`,
/// `2.000000` → `2`). Integers, names and ids are left as they are, except Cairo's surface ids
/// (`id="surface212"`), which count surfaces process-wide: they become `surface1`, so the same scene
/// gives the same bytes whatever was drawn before it.
public enum SVGCompactor {
    public static func compact(_ input: [UInt8], decimals: Int = 2) -> [UInt8] {
        roundNumbers(renumberSurfaces(input), decimals: decimals)
    }

    static func renumberSurfaces(_ input: [UInt8]) -> [UInt8] {
        let marker = Array("id=\"surface".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            if input[i] == marker[0], i + marker.count <= input.count, input[i..<(i + marker.count)].elementsEqual(marker) {
                out.append(contentsOf: marker)
                out.append(0x31)
                i += marker.count
                while i < input.count, input[i] >= 0x30 && input[i] <= 0x39 { i += 1 }
                continue
            }
            out.append(input[i])
            i += 1
        }
        return out
    }

    static func roundNumbers(_ input: [UInt8], decimals: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 2 / 3)
        let n = input.count
        var i = 0
        // The XML declaration (`version="1.0"`) is copied as it is.
        if input.starts(with: Array("<?xml".utf8)), let end = input.firstIndex(of: 0x3E) {
            out.append(contentsOf: input[0...end])
            i = end + 1
        }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < n {
            let b = input[i]
            // A number starts with a digit not preceded by a letter, digit, '-', '#' or '_' (ids, colours).
            if isDigit(b) {
                let prev: UInt8 = i > 0 ? input[i - 1] : 0x20
                let partOfName = (prev >= 0x41 && prev <= 0x5A) || (prev >= 0x61 && prev <= 0x7A) || prev == 0x23 || prev == 0x5F || isDigit(prev) || prev == 0x2E
                if partOfName { out.append(b); i += 1; continue }
                var j = i
                while j < n && isDigit(input[j]) { j += 1 }
                guard j + 1 < n, input[j] == 0x2E, isDigit(input[j + 1]) else {
                    out.append(contentsOf: input[i..<j]); i = j; continue
                }
                var k = j + 1
                while k < n && isDigit(input[k]) { k += 1 }
                // Round the fraction to `decimals` digits with carry into the integer part.
                var intDigits = Array(input[i..<j])
                var frac = Array(input[(j + 1)..<k])
                if frac.count > decimals {
                    let roundUp = frac[decimals] >= 0x35
                    frac = Array(frac[0..<decimals])
                    if roundUp {
                        var carry = true
                        var p = frac.count - 1
                        while carry && p >= 0 {
                            if frac[p] == 0x39 { frac[p] = 0x30; p -= 1 } else { frac[p] += 1; carry = false }
                        }
                        if carry {
                            var q = intDigits.count - 1
                            while carry && q >= 0 {
                                if intDigits[q] == 0x39 { intDigits[q] = 0x30; q -= 1 } else { intDigits[q] += 1; carry = false }
                            }
                            if carry { intDigits.insert(0x31, at: 0) }
                        }
                    }
                }
                while let last = frac.last, last == 0x30 { frac.removeLast() }
                // "-0" after rounding prints as "0".
                if frac.isEmpty && intDigits.allSatisfy({ $0 == 0x30 }), out.last == 0x2D { out.removeLast() }
                out.append(contentsOf: intDigits)
                if !frac.isEmpty { out.append(0x2E); out.append(contentsOf: frac) }
                i = k
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }
}

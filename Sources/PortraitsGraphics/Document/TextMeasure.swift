/// How wide a string is drawn: the printed pages measure their text with the backend that draws it
/// (`TextMeasure.cairo`, in PortraitsCairo), so that a line is broken where it ends and never cut.
/// `estimated` (Typography's 0.6 em per character) serves where no backend is at hand.
public struct TextMeasure: Sendable {
    /// The advance of a string at size 1 (points per point of font size).
    private let advance: @Sendable (String, Bool) -> Double

    public init(advance: @escaping @Sendable (_ text: String, _ bold: Bool) -> Double) {
        self.advance = advance
    }

    public static let estimated = TextMeasure { text, bold in Typography.estimatedWidth(text, size: 1, bold: bold) }

    public func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.isEmpty ? 0 : advance(text, bold) * size
    }

    /// `text` broken into lines no wider than `width`: greedy, at spaces; a word wider than a line
    /// (a long code, an address) is broken between characters rather than cut. As French
    /// typography wants, a line never starts with « : », « ; », « ! », « ? » or « » » and never
    /// ends with « « » (the space before or after them does not break). Never drops a character
    /// and never adds one.
    public func wrap(_ text: String, width: Double, size: Double, bold: Bool = false) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in Self.tokens(text) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            // (a hundredth of a point of tolerance: a word exactly as wide as its column fits)
            if self.width(candidate, size: size, bold: bold) <= width + 0.01 {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = String(word)
            // A word alone too wide: its characters fill lines.
            while self.width(current, size: size, bold: bold) > width + 0.01 && current.count > 1 {
                var head = ""
                for ch in current {
                    if !head.isEmpty && self.width(head + String(ch), size: size, bold: bold) > width + 0.01 { break }
                    head.append(ch)
                }
                lines.append(head)
                current = String(current.dropFirst(head.count))
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// The words of `text`, a French double punctuation mark or a guillemet kept with its word.
    static func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var opener = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            if opener, !out.isEmpty {
                out[out.count - 1] += " " + word
                opener = word == "«"
            } else if let first = word.first, ":;!?»".contains(first), !word.contains(where: { $0.isLetter || $0.isNumber }), !out.isEmpty {
                out[out.count - 1] += " " + word
            } else {
                out.append(word)
                opener = word == "«"
            }
        }
        return out
    }

    /// The width of the widest word of `text`: a column narrower than this breaks a word.
    public func widestWord(_ text: String, size: Double, bold: Bool = false) -> Double {
        text.split(separator: " ").map { width(String($0), size: size, bold: bold) }.max() ?? 0
    }
}

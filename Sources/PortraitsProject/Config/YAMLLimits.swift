import PortraitsCore

/// Limits checked on a YAML text before the parser sees it, so that no project or nomenclature file
/// can crash the parser (nesting thousands deep overflows its stack) or make it run for minutes
/// (thousands of aliases each expanding a long string). A real project file is a few kilobytes,
/// nested five or six deep, with no alias or a handful.
package enum YAMLLimits {
    package static let maxBytes = 1_000_000
    package static let maxDepth = 40
    package static let maxAliases = 100

    /// Throws an error naming the file and the line where a limit is passed.
    package static func check(_ text: String, source: String) throws {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw InputError(source, "the file is \(bytes.count / 1000) kB: a project or nomenclature file is at most \(maxBytes / 1000) kB")
        }
        var line = 1
        var aliases = 0
        var flowDepth = 0
        var indents: [Int] = []   // indentation columns of the enclosing block nodes
        var quote: UInt8? = nil   // inside '…' or "…"
        var i = 0
        var atLineStart = true
        var lastSignificant: UInt8 = 0x0A
        // Inside a block scalar (`|` or `>`): its lines are text, whatever they hold, down to a line
        // indented no more than the line that opened it.
        var blockScalarParent: Int? = nil
        var pendingBlockScalar = false
        var lineIndent = 0
        func fail(_ what: String) -> InputError { InputError("\(source), line \(line)", what) }
        while i < bytes.count {
            let b = bytes[i]
            if atLineStart && quote == nil && flowDepth == 0 {
                var col = 0
                while i + col < bytes.count && bytes[i + col] == 0x20 { col += 1 }
                let blank = i + col >= bytes.count || bytes[i + col] == 0x0A || bytes[i + col] == 0x0D
                if let parent = blockScalarParent, blank || col > parent {
                    // A line of a block scalar: skip it whole, its line break included.
                    while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                    if i < bytes.count { i += 1; line += 1 }
                    continue
                }
                blockScalarParent = nil
                lineIndent = col
                // Block nesting: the indentation stack, plus one level per leading "- " or "? ".
                var j = i + col
                if j < bytes.count && bytes[j] != 0x0A && bytes[j] != 0x23 && bytes[j] != 0x0D {
                    while let last = indents.last, last > col { indents.removeLast() }
                    if indents.last != col { indents.append(col) }
                    var markers = 0
                    while j + 1 < bytes.count && (bytes[j] == 0x2D || bytes[j] == 0x3F) && (bytes[j + 1] == 0x20 || bytes[j + 1] == 0x0A) {
                        markers += 1
                        j += 2
                        while j < bytes.count && bytes[j] == 0x20 { j += 1 }
                    }
                    if indents.count + markers > maxDepth {
                        throw fail("nested more than \(maxDepth) levels deep: a project or nomenclature file needs a few levels")
                    }
                }
                atLineStart = false
            }
            // Where a node (a quoted text, an alias, a flow collection) can start: after a line start,
            // ": ", "- " or "? "; inside brackets also after "[", "{" or ",".
            let nodeStart: [UInt8] = flowDepth > 0 ? [0x0A, 0x3A, 0x2D, 0x5B, 0x7B, 0x2C, 0x3F] : [0x0A, 0x3A, 0x2D, 0x3F]
            if b == 0x0A {
                if quote == nil && flowDepth == 0 && pendingBlockScalar {
                    blockScalarParent = lineIndent // the line ended with `|`, `>`, `|-`, `>2`…
                }
                pendingBlockScalar = false
                line += 1
                atLineStart = true
                if quote == nil { lastSignificant = 0x0A }
            } else if let q = quote {
                if b == 0x5C && q == 0x22 {
                    i += 1 // an escaped character inside "…"
                } else if b == q {
                    // '' inside a single-quoted scalar is an escaped quote.
                    if q == 0x27 && i + 1 < bytes.count && bytes[i + 1] == 0x27 { i += 1 } else { quote = nil; lastSignificant = b }
                }
            } else if (b == 0x27 || b == 0x22) && nodeStart.contains(lastSignificant) {
                quote = b
            } else if b == 0x23 && (i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x0A) {
                while i + 1 < bytes.count && bytes[i + 1] != 0x0A { i += 1 } // a comment
            } else if (b == 0x5B || b == 0x7B) && nodeStart.contains(lastSignificant) {
                // A flow collection opens only where a node can start ("[0, 5[" in a text is text).
                flowDepth += 1
                if flowDepth + indents.count > maxDepth {
                    throw fail("nested more than \(maxDepth) levels deep: a project or nomenclature file needs a few levels")
                }
                lastSignificant = b
            } else if (b == 0x5D || b == 0x7D) && flowDepth > 0 {
                flowDepth -= 1
                lastSignificant = b
            } else if b == 0x2A && nodeStart.contains(lastSignificant) {
                aliases += 1
                if aliases > maxAliases {
                    throw fail("more than \(maxAliases) aliases (*name): a project or nomenclature file needs a few")
                }
                lastSignificant = b
            } else if b != 0x20 && b != 0x09 && b != 0x0D {
                if (b == 0x7C || b == 0x3E) && nodeStart.contains(lastSignificant) {
                    pendingBlockScalar = true
                } else if pendingBlockScalar && !(b == 0x2D || b == 0x2B || (b >= 0x30 && b <= 0x39)) {
                    pendingBlockScalar = false
                }
                lastSignificant = b
            }
            i += 1
        }
    }
}

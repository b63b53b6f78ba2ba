/// A string as a dictionary key by its UTF-8 bytes. Swift's `String` compares and hashes by
/// canonical equivalence ("é" precomposed equals "e" + combining accent), but Cairo lays out the
/// bytes: two spellings have different glyphs and clusters, so a cache of Cairo's answers must not
/// take one for the other.
struct UTF8Key: Hashable {
    let text: String

    static func == (a: UTF8Key, b: UTF8Key) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Bytes a cache entry keeps for this key (its text and the dictionary's slot, roughly).
    var weight: Int { text.utf8.count + 48 }
}

import DemarcModel
import Testing

/// The byte searches finishing and embedding lean on, against a plain scan.
@Suite("Byte searches")
struct BytesTests {
    static func plain(_ haystack: [UInt8], _ needle: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
        var i = start
        while i + needle.count <= haystack.count {
            if Array(haystack[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }

    @Test func literalsAreFoundWhereAPlainScanFindsThem() {
        let haystacks = ["", "-", "--", "-->", "a-->b-->", "<!-- x -- y -->", "--->", "</title", "x</title></title>", "日本-->語"]
        for text in haystacks {
            let bytes = Array(text.utf8)
            for start in 0...bytes.count + 1 {
                #expect(bytes.index(of: "-->", from: start) == Self.plain(bytes, Array("-->".utf8), from: start), "\(text) from \(start)")
                #expect(bytes.index(of: "</title>", from: start) == Self.plain(bytes, Array("</title>".utf8), from: start), "\(text) from \(start)")
                #expect(bytes.index(of: "-", from: start) == Self.plain(bytes, [0x2D], from: start), "\(text) from \(start)")
            }
        }
    }

    @Test func singleBytesAndLineFeeds() {
        let bytes = Array("ab\ncd".utf8)
        #expect(bytes.index(of: UInt8(ascii: "c"), from: 0) == 3)
        #expect(bytes.index(of: UInt8(ascii: "a"), from: 1) == nil)
        #expect(bytes.index(of: UInt8(ascii: "d"), from: 0, to: 4) == nil)
        #expect(bytes[0..<3].containsLineFeed && !bytes[3...].containsLineFeed)
    }
}

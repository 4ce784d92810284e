#if canImport(Glibc)
    import Glibc
#endif

extension Array where Element == UInt8 {
    /// The first index at or after `start` (and before `end`) holding
    /// `byte`, found by the C library's `memchr` — many bytes a step, where
    /// `firstIndex(of:)` takes one: finishing and embedding rendered files
    /// scan megabytes for `<`, `>` and line breaks.
    public func index(of byte: UInt8, from start: Int, to end: Int? = nil) -> Int? {
        let end = Swift.min(end ?? count, count)
        guard start < end else { return nil }
        return withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}

extension Array where Element == UInt8 {
    /// The first index at or after `start` where `needle` begins (by `memchr`).
    public func index(of needle: StaticString, from start: Int) -> Int? {
        withUnsafeBufferPointer { $0.index(of: needle, from: start) }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The first index at or after `start` where `needle` begins: its first
    /// byte found by `memchr`, the rest compared there.
    public func index(of needle: StaticString, from start: Int) -> Int? {
        guard let base = baseAddress else { return nil }
        return needle.withUTF8Buffer { needle -> Int? in
            guard let first = needle.first else { return start <= count ? start : nil }
            var from = start
            while from + needle.count <= count, let found = memchr(base + from, Int32(first), count - from) {
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                guard at + needle.count <= count else { return nil }
                if memcmp(base + at, needle.baseAddress!, needle.count) == 0 { return at }
                from = at + 1
            }
            return nil
        }
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether the bytes hold a line feed (by `memchr`).
    public var containsLineFeed: Bool {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0x0A, buffer.count) != nil
        }
    }
}

import Crypto
import Foundation

/// What a build wrote: every file with its SHA-256, the model it came from,
/// and the versions of what shapes the bytes. Stored as `manifest.json` at
/// the top of the output folder; sorted keys, so it is deterministic too.
public struct Manifest: Codable, Equatable, Sendable {
    public static let fileName = "manifest.json"

    public var generator: String
    public var model: ModelInfo
    /// Component → version (graphviz, cairo, pango, …).
    public var system: [String: String]
    /// Path relative to the output folder → lower-case hex SHA-256.
    public var files: [String: String]

    public struct ModelInfo: Codable, Equatable, Sendable {
        public var id: String
        public var version: String
        public var asOf: String

        public init(id: String, version: String, asOf: String) {
            self.id = id
            self.version = version
            self.asOf = asOf
        }
    }

    public init(generator: String, model: ModelInfo, system: [String: String], files: [String: String]) {
        self.generator = generator
        self.model = model
        self.system = system
        self.files = files
    }

    public static func hash(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Bytes (a digest) as lowercase hex.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [UInt8(ascii: "\n")]
    }

    public static func decode(_ bytes: [UInt8]) -> Manifest? {
        try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
    }
}

import Crypto
import Yams

/// One parsed model file: its YAML tree, before decoding. An overlay works on
/// these trees (it removes, replaces and refines the base's items), so what
/// comes out is decoded by the same code as a model written in one piece.
struct ModelDocument {
    var file: String
    var root: Node

    /// The top-level mapping's value at `key`.
    subscript(key: String) -> Node? {
        get { root.mapping?[key] }
        set {
            guard var mapping = root.mapping else { return }
            mapping[key] = newValue
            root = .mapping(mapping)
        }
    }
}

/// Which file a node came from, carried in its mark: the lines of the load's
/// file number i are shifted by i << 32, so a node moved by an overlay into a
/// base's tree still names its own file. `NodeReader` undoes the shift.
enum FileMarks {
    static let shift = 32

    /// The node with every mark in it shifted to file `index`.
    static func tag(_ node: Node, file index: Int) -> Node {
        guard index > 0 else { return node }
        return retag(node, by: index << shift)
    }

    /// The file index and the real line of a (shifted) line.
    static func split(_ line: Int) -> (index: Int, line: Int) {
        (line >> shift, line & ((1 << shift) - 1))
    }

    private static func retag(_ node: Node, by offset: Int) -> Node {
        switch node {
        case .scalar(var scalar):
            scalar.mark = moved(scalar.mark, by: offset)
            return .scalar(scalar)
        case .mapping(let mapping):
            let pairs = mapping.map { (retag($0.key, by: offset), retag($0.value, by: offset)) }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, moved(mapping.mark, by: offset)))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map { retag($0, by: offset) }, sequence.tag, sequence.style, moved(sequence.mark, by: offset)))
        case .alias:
            return node
        }
    }

    /// Yams gives `Mark` no public initialiser; it is two `Int`s (checked).
    private static func moved(_ mark: Mark?, by offset: Int) -> Mark? {
        guard let mark else { return nil }
        precondition(MemoryLayout<Mark>.size == 2 * MemoryLayout<Int>.size, "Yams's Mark is no longer two Ints")
        return unsafeBitCast((mark.line + offset, mark.column), to: Mark.self)
    }
}

/// SHA-256 over a model's files (each length-prefixed, in the order read)
/// and its base's hash: what an overlay's pin names. The same bytes give the
/// same hash wherever the files lie.
struct ContentHash {
    private var hasher = SHA256()

    mutating func add(_ bytes: [UInt8]) {
        let count = UInt64(bytes.count)
        hasher.update(data: (0..<8).map { UInt8(truncatingIfNeeded: count >> (8 * (7 - $0))) })
        hasher.update(data: bytes)
    }

    mutating func finish() -> String {
        hasher.finalize().map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

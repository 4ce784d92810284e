import CYaml

/// A pass over libyaml's events before anything is composed: it refuses
/// anchors and aliases at their own position (so an alias bomb, even as a
/// mapping key, is never expanded — Yams would hash the expanded keys) and
/// nesting beyond the limit (before libyaml's own limit of 1000 trips).
enum YAMLPrescan {
    typealias Problem = YAMLProblem

    /// The first problem, or nil. Syntax errors are left to the composer,
    /// which reports them with more context.
    static func check(_ text: String) -> Problem? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Problem? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func anchored(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> Problem? {
                    guard let anchor else { return nil }
                    let name = String(cString: anchor)
                    return Problem(
                        rule: .yamlAlias, line: line, column: column,
                        message: "YAML anchors are not allowed in a model (anchor '&\(name)')",
                        suggestion: "write the value out where it is used")
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    let name = event.data.alias.anchor.map { String(cString: $0) } ?? "?"
                    return Problem(
                        rule: .yamlAlias, line: line, column: column,
                        message: "YAML aliases are not allowed in a model (alias '*\(name)'); nothing was expanded",
                        suggestion: "write the value out")
                case YAML_SCALAR_EVENT:
                    if let p = anchored(event.data.scalar.anchor) { return p }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                    if let p = anchored(anchor) { return p }
                    depth += 1
                    if depth > ModelLimits.depth {
                        return Problem(
                            rule: .yamlTooDeep, line: line, column: column,
                            message: "lists and mappings nested deeper than \(ModelLimits.depth) levels")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                default:
                    break
                }
            }
        }
    }
}

/// JSON Schema (draft 2020-12) of one model file, printed by `demarc schema`:
/// written from the field table (`ModelFormat`), so it says what the loader reads.
public enum ModelSchema {
    /// The schema as pretty-printed JSON text, ending in a newline.
    public static let json: String = {
        var out = ""
        document.write(to: &out, indent: 0)
        return out + "\n"
    }()

    static var document: JSON {
        var defs: [(String, JSON)] = FormatType.shared.map { ($0.sharedName!, shared($0)) }
        defs += ModelFormat.definitions.map { ($0.name, definition($0)) }
        return .object([
            ("$schema", "https://json-schema.org/draft/2020-12/schema"),
            ("title", "Demarc model file"),
            (
                "description",
                "One file of a Demarc model (a model may be split across files, so every key is optional). `demarc check` checks the whole model."
            ),
            ("type", "object"),
            ("properties", .object(ModelFormat.topLevel.map { ($0.key, $0.inOverlay == nil ? field($0) : .object([("title", .string($0.title))])) })),
            ("additionalProperties", .bool(false)),
            // Keys whose value differs in an overlay (a patch of the base's).
            ("if", .object([("required", .array(["overlay"]))])),
            ("then", .object([("properties", .object(ModelFormat.topLevel.compactMap { f in f.inOverlay.map { (f.key, .object(value($0))) } }))])),
            ("else", .object([("properties", .object(ModelFormat.topLevel.filter { $0.inOverlay != nil }.map { ($0.key, field($0)) }))])),
            ("$defs", .object(defs)),
        ])
    }

    private static func shared(_ type: FormatType) -> JSON {
        var members: [(String, JSON)] = [("title", .string(type.sharedTitle)), ("description", .string(type.sharedDescription))]
        switch type {
        case .text:
            let languages = ModelFormat.languages
            let names = ModelFormat.languageNames
            let properties: [(String, JSON)] = languages.enumerated().map { index, language in
                let need = index == 0 ? "required unless model.languages puts another language first" : "a warning when missing, if the model is written in it"
                return (
                    language,
                    .object([
                        ("title", .string(names[index])), ("description", .string("The \(names[index]) text (\(need)).")),
                        ("type", "string"), ("minLength", .int(1)),
                    ])
                )
            }
            members.append(
                (
                    "oneOf",
                    .array([
                        .object([("title", .string("\(names[0]) only")), ("type", "string"), ("minLength", .int(1))]),
                        .object([
                            ("title", .string(names.joined(separator: " and "))), ("type", "object"),
                            ("minProperties", .int(1)), ("properties", .object(properties)),
                            ("additionalProperties", .bool(false)),
                        ]),
                    ])
                ))
        case .id:
            members += [
                ("type", "string"), ("pattern", "^[a-z0-9][a-z0-9-]*$"), ("maxLength", .int(Identifiers.maxLength)),
                ("not", .object([("enum", .array(Identifiers.windowsReserved.sorted().map { .string($0) }))])),
            ]
        case .entryId:
            members += [("type", "string"), ("minLength", .int(1))]
        case .date:
            members += [("type", "string"), ("pattern", #"^\d{4}-\d{2}-\d{2}$"#), ("format", "date")]
        case .colour:
            members += [("type", "string"), ("pattern", "^#[0-9a-fA-F]{6}$")]
        case .role:
            members += [("type", "string"), ("enum", .array(Role.allCases.map { .string($0.rawValue) }))]
        default:
            preconditionFailure("not a shared type")
        }
        return .object(members)
    }

    private static func definition(_ definition: FormatDefinition) -> JSON {
        let head: [(String, JSON)] = [("title", .string(definition.title)), ("description", .string(definition.description))]
        switch definition.body {
        case .object(let fields, let minProperties):
            var members = head + object(fields)
            if let minProperties { members.insert(("minProperties", .int(minProperties)), at: 3) }
            return .object(members)
        case .value(let type):
            return .object(head + value(type))
        }
    }

    private static func object(_ fields: [FormatField]) -> [(String, JSON)] {
        var members: [(String, JSON)] = [("type", "object")]
        let required = fields.filter(\.required).map { JSON.string($0.key) }
        if !required.isEmpty { members.append(("required", .array(required))) }
        members.append(("properties", .object(fields.map { ($0.key, field($0)) })))
        members.append(("additionalProperties", .bool(false)))
        return members
    }

    private static func field(_ field: FormatField) -> JSON {
        var members: [(String, JSON)] = [("title", .string(field.title))]
        if let description = field.description { members.append(("description", .string(description))) }
        return .object(members + value(field.type))
    }

    /// The schema keywords of a value of `type`.
    private static func value(_ type: FormatType) -> [(String, JSON)] {
        if let name = type.sharedName { return [("$ref", .string("#/$defs/\(name)"))] }
        switch type {
        case .url: return [("type", "string"), ("format", "uri")]
        case .path: return [("type", "string"), ("minLength", .int(1))]
        case .version: return [("type", .array(["string", "number"]))]
        case .flag: return [("type", "boolean")]
        case .page: return [("type", "integer"), ("minimum", .int(1))]
        case .choice(let words): return [("type", "string"), ("enum", .array(words.map { .string($0) }))]
        case .constant(let word): return [("const", .string(word))]
        case .formatVersion(let number): return [("const", .int(number))]
        case .list(let item, let minItems, let unique):
            var members: [(String, JSON)] = [("type", "array")]
            if minItems > 0 { members.append(("minItems", .int(minItems))) }
            if unique { members.append(("uniqueItems", .bool(true))) }
            return members + [("items", .object(value(item)))]
        case .map(let keys, let values):
            return [("type", "object"), ("propertyNames", .object(value(keys))), ("additionalProperties", .object(value(values)))]
        case .definition(let name):
            precondition(ModelFormat.definition(name) != nil, "the field table names an unknown definition '\(name)'")
            return [("$ref", .string("#/$defs/\(name)"))]
        case .inline(let fields): return object(fields)
        case .patch(let name, let key):
            guard let definition = ModelFormat.definition(name) else { preconditionFailure("the field table names an unknown definition '\(name)'") }
            return [("type", "object")] + (key.map { [("required", .array([.string($0)]))] } ?? []) + [
                ("properties", .object(definition.fields.map { ($0.key, field($0)) })), ("additionalProperties", .bool(false)),
            ]
        case .sha256: return [("type", "string"), ("pattern", "^[0-9a-f]{64}$")]
        case .oneOf(let alternatives): return [("oneOf", .array(alternatives.map(alternative)))]
        case .anyOf(let alternatives): return [("anyOf", .array(alternatives.map(alternative)))]
        case .text, .id, .entryId, .date, .colour, .role: preconditionFailure("shared types are handled above")
        }
    }

    private static func alternative(_ alternative: FormatAlternative) -> JSON {
        var members: [(String, JSON)] = [("title", .string(alternative.title))]
        if let description = alternative.description { members.append(("description", .string(description))) }
        return .object(members + value(alternative.type))
    }
}

/// A JSON value whose objects keep their members in order (the schema reads
/// as the table is written, and prints the same bytes every time).
enum JSON: ExpressibleByStringLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    init(stringLiteral value: String) { self = .string(value) }

    func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): out += Escape.jsonString(s)
        case .int(let n): out += String(n)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent + 1)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += pad
                out += Escape.jsonString(key)
                out += ": "
                value.write(to: &out, indent: indent + 1)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        }
    }
}

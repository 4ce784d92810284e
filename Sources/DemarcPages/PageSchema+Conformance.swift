import DemarcViews

extension PageSchema {
    /// Whether `object` has exactly the schema's keys, each holding its
    /// kind of value, all the way down: the look every page gets before it
    /// is rendered, with nothing made on the way (`problems` says what is
    /// wrong, when something is).
    public func conforms(_ object: PageObject) -> Bool {
        guard object.count == fields.count else { return false }
        for (key, field) in fields {
            guard let value = object[key] else { return false }
            switch (field, value) {
            case (.text, .text), (.markup, .markup), (.flag, .flag):
                continue
            case (.list(let schema), .list(let rows)):
                for row in rows where !schema.conforms(row) { return false }
            case (.object(let schema), .object(let inner)):
                if !schema.conforms(inner) { return false }
            default:
                return false
            }
        }
        return true
    }

    /// Where `object` does not match the schema: keys it lacks or has
    /// beyond the schema, and values of the wrong kind ("rows[2].title: …").
    public func problems(_ object: PageObject, at path: String = "") -> [String] {
        var out: [String] = []
        let prefix = path.isEmpty ? "" : path + "."
        for key in Set(fields.keys).union(object.keys).sorted() {
            guard let field = fields[key] else { out.append("\(prefix)\(key): not in the schema"); continue }
            guard let value = object[key] else { out.append("\(prefix)\(key): missing"); continue }
            switch (field, value) {
            case (.text, .text), (.markup, .markup), (.flag, .flag): break
            case (.list(let schema), .list(let rows)):
                for (index, row) in rows.enumerated() { out += schema.problems(row, at: "\(prefix)\(key)[\(index)]") }
            case (.object(let schema), .object(let inner)):
                out += schema.problems(inner, at: prefix + key)
            default:
                out.append("\(prefix)\(key): holds \(value.kindName), the schema says \(field.kindName)")
            }
        }
        return out
    }
}

extension PageValue {
    var kindName: String {
        switch self {
        case .text: return PageField.text.kindName
        case .markup: return PageField.markup.kindName
        case .flag: return PageField.flag.kindName
        case .list: return PageField.list([:]).kindName
        case .object: return PageField.object([:]).kindName
        }
    }
}

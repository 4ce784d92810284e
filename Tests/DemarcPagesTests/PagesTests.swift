import DemarcModel
@testable import DemarcPages
import DemarcTestSupport
import DemarcViews
import Foundation
import Testing

@Suite("Page templates")
struct PlaceholderTests {
    @Test func builtInTemplatesLoad() throws {
        _ = try PageTemplates.load()
    }
}

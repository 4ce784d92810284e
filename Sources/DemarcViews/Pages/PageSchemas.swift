/// The keys of each kind of page (what its template may name). The page
/// views fill exactly these; `PageSchema.problems` checks that they do.
enum PageSchemas {
    static let link: PageSchema = ["href": .text, "label": .text]
    static let entryLink: PageSchema = ["href": .text, "id": .text, "title": .text]
    static let line: PageSchema = ["text": .text]

    /// What every page has: language, title, the language switch, the footer.
    static let chrome: PageSchema = [
        "lang": .text, "title": .text, "site": .text, "footer": .text, "footerCSS": .markup,
        "homeLabel": .text, "homeHref": .text, "languagesLabel": .text,
        "languages": .list(["code": .text, "label": .text, "href": .text, "current": .flag]),
        "diagram": .markup, "hasDiagram": .flag, "diagramTitle": .text,
    ]

    static let index: PageSchema = [
        "facts": .list(["label": .text, "value": .text]),
        "offeringsTitle": .text,
        "offerings": .list(["href": .text, "name": .text, "demarcation": .text]),
        "countsTitle": .text, "countsCaption": .text, "countsRowHeader": .text,
        "countsColumns": .list(["name": .text]),
        "counts": .list(["label": .text, "isGap": .flag, "cells": .list(["value": .text])]),
        "hasRequirements": .flag, "requirementsTitle": .text, "requirements": .list(line),
        "hasChanges": .flag, "changesLink": .list(link),
        "gapsTitle": .text, "gapsIntro": .text, "noEntries": .text,
        "gaps": .list([
            "offering": .text, "href": .text, "hasEntries": .flag,
            "entries": .list(entryLink.adding(["coverage": .text])),
        ]),
        "entriesTitle": .text,
        "entries": .list(entryLink.adding(["kind": .text, "depth": .text])),
        "topicsTitle": .text,
        "topics": .list(["href": .text, "title": .text, "page": .text]),
        "legendTitle": .text,
        "coverage": .list(["symbol": .text, "word": .text, "meaning": .text]),
    ]

    static let offering: PageSchema = [
        "demarcationTitle": .text, "demarcation": .list(line),
        "layersCaption": .text, "columnLayer": .text, "columnOwner": .text,
        "layers": .list(["name": .text, "owner": .text, "band": .list(["label": .text])]),
        "roleTitle": .text, "roleCaption": .text, "roleLegend": .text,
        "columnEntry": .text, "columnCoverage": .text, "columnReason": .text, "columnStatement": .text,
        "columnEvidence": .text, "columnSource": .text,
        "roleParties": .list(["name": .text]),
        "rows": .list(
            entryLink.adding([
                "depth": .text, "roles": .list(["value": .text]), "coverage": .text, "reason": .text,
                "statements": .list(["href": .text, "topic": .text, "text": .text]),
                "evidence": .list(line), "source": .text,
            ])),
        "obligationsTitle": .text,
        "obligations": .list(["party": .text, "count": .text, "duties": .list(entryLink.adding(["part": .text]))]),
        "hasPassOn": .flag, "passOnTitle": .text, "passOn": .list(line),
        "questionsTitle": .text, "hasQuestions": .flag, "noQuestions": .text,
        "questions": .list(entryLink.adding(["coverage": .text, "text": .text])),
    ]

    static let changes: PageSchema = [
        "intro": .list(line), "hasChanges": .flag, "noChanges": .text,
        "groups": .list([
            "heading": .text,
            "lines": .list(["text": .text, "classes": .text, "hasClasses": .flag, "hasReasons": .flag, "before": .text, "after": .text]),
        ]),
    ]

    static let entry: PageSchema = [
        "entryID": .text, "kind": .text, "text": .text,
        "parent": .list(link), "childrenTitle": .text, "hasChildren": .flag, "children": .list(entryLink),
        "commentaryTitle": .text, "hasCommentary": .flag, "noCommentary": .text, "commentary": .list(line),
        "parametersTitle": .text, "parameters": .list(line),
        "resultsTitle": .text, "resultsCaption": .text,
        "columnOffering": .text, "columnDoneBy": .text, "columnAccountable": .text, "columnCoverage": .text,
        "results": .list(["href": .text, "offering": .text, "outcome": .text, "accountable": .text, "coverage": .text]),
        "reasonsTitle": .text, "reasons": .list(["label": .text, "text": .text]),
        "topicsTitle": .text, "hasTopics": .flag, "noTopics": .text,
        "topics": .list(["href": .text, "title": .text, "coverage": .text]),
        "questionsTitle": .text, "questions": .list(line),
        "editionsTitle": .text, "hasEditions": .flag, "noEditions": .text, "editions": .list(line),
    ]

    static let topic: PageSchema = [
        "source": .text, "responsible": .text,
        "statementTitle": .text, "statement": .text, "sic": .list(line),
        "perOfferingTitle": .text, "hasPerOffering": .flag,
        "perOffering": .list(["href": .text, "offering": .text, "statement": .text]),
        "evidenceTitle": .text, "hasEvidence": .flag, "noEvidence": .text,
        "evidence": .list(["kind": .text, "title": .text, "details": .list(line)]),
        "notesTitle": .text, "hasNotes": .flag, "notes": .list(line),
        "entriesTitle": .text, "hasEntries": .flag, "noEntries": .text,
        "entries": .list(entryLink.adding(["coverage": .text])),
    ]
}

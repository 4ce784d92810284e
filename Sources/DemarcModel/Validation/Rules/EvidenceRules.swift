/// The validation rules of evidence.
extension Validator {
    mutating func checkEvidence(asOf: Day) {
        for topic in partial.topics {
            for evidence in topic.evidence {
                if let until = evidence.validUntil, until < asOf {
                    warning(
                        .evidenceExpired, evidence.location,
                        "evidence '\(evidence.id)' of topic '\(topic.id)' was valid until \(until), before the model's as-of date \(asOf)",
                        suggestion: "renew it or record the current report")
                }
                if let from = evidence.validFrom, asOf < from {
                    warning(
                        .evidenceNotYetValid, evidence.location,
                        "evidence '\(evidence.id)' of topic '\(topic.id)' is valid only from \(from), after the model's as-of date \(asOf)")
                }
            }
        }
    }
}

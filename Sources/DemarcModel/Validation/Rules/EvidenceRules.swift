/// The validation rules of evidence.
extension Model {
    /// `demarc check --date D`: evidence that has expired, or will, by `date`.
    public func evidenceExpiring(by date: Day) -> [Diagnostic] {
        topics.flatMap { topic in
            topic.evidence.compactMap { evidence -> Diagnostic? in
                guard let until = evidence.validUntil, until <= date else { return nil }
                let when = until < metadata.asOf ? "expired on \(until)" : "is valid until \(until)"
                return Diagnostic(
                    .warning, .evidenceExpiresBy, at: evidence.location,
                    "evidence '\(evidence.id)' of topic '\(topic.id)' \(when), on or before \(date)",
                    suggestion: "record its next report or certificate before \(until), or tell the customers it lapses")
            }
        }
    }
}

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

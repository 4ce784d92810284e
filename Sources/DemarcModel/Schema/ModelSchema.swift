/// JSON Schema (draft 2020-12) of one model file, printed by `demarc schema`.
public enum ModelSchema {
    /// The schema as pretty-printed JSON text.
    public static let json = #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "Demarc model file",
          "description": "One file of a Demarc model (a model may be split across files, so every key is optional). `demarc check` checks the whole model.",
          "type": "object",
          "properties": {
            "demarc": {
              "title": "Format version",
              "description": "The format version: 1.",
              "const": 1
            },
            "model": {
              "$ref": "#/$defs/Model"
            },
            "parties": {
              "title": "Parties",
              "description": "Who does the work; lists are merged across files.",
              "type": "array",
              "items": {
                "$ref": "#/$defs/Party"
              }
            },
            "layers": {
              "title": "Layers",
              "description": "The stack, bottom to top; in one file.",
              "type": "array",
              "items": {
                "$ref": "#/$defs/Layer"
              }
            },
            "offerings": {
              "title": "Offerings",
              "type": "array",
              "items": {
                "$ref": "#/$defs/Offering"
              }
            },
            "topics": {
              "title": "Disclosure topics",
              "type": "array",
              "items": {
                "$ref": "#/$defs/Topic"
              }
            },
            "mapping": {
              "title": "Mapping",
              "description": "Per catalogue entry: its scope and the topics that answer it.",
              "type": "array",
              "items": {
                "$ref": "#/$defs/MappingEntry"
              }
            },
            "overrides": {
              "title": "Overrides",
              "type": "array",
              "items": {
                "$ref": "#/$defs/Override"
              }
            },
            "catalogue": {
              "$ref": "#/$defs/Catalogue"
            }
          },
          "additionalProperties": false,
          "$defs": {
            "Text": {
              "title": "Text",
              "description": "Human-readable text, Japanese first: a plain string (Japanese only; `demarc check` warns that English is missing) or a mapping with `ja` (required) and `en` (optional).",
              "oneOf": [
                {
                  "title": "Japanese only",
                  "type": "string",
                  "minLength": 1
                },
                {
                  "title": "Japanese and English",
                  "type": "object",
                  "required": [
                    "ja"
                  ],
                  "properties": {
                    "ja": {
                      "title": "Japanese",
                      "description": "The Japanese text (required).",
                      "type": "string",
                      "minLength": 1
                    },
                    "en": {
                      "title": "English",
                      "description": "The English text (optional; a warning when missing).",
                      "type": "string",
                      "minLength": 1
                    }
                  },
                  "additionalProperties": false
                }
              ]
            },
            "Id": {
              "title": "Id",
              "description": "An id of a party, layer, offering, topic, evidence item, parameter, source document, model or catalogue: ASCII `[a-z0-9][a-z0-9-]*`, at most 64 characters, never a name Windows reserves (con, prn, aux, nul, com0–com9, lpt0–lpt9). Used in file names as it is.",
              "type": "string",
              "pattern": "^[a-z0-9][a-z0-9-]*$",
              "maxLength": 64,
              "not": {
                "enum": [
                  "con",
                  "prn",
                  "aux",
                  "nul",
                  "com0",
                  "com1",
                  "com2",
                  "com3",
                  "com4",
                  "com5",
                  "com6",
                  "com7",
                  "com8",
                  "com9",
                  "lpt0",
                  "lpt1",
                  "lpt2",
                  "lpt3",
                  "lpt4",
                  "lpt5",
                  "lpt6",
                  "lpt7",
                  "lpt8",
                  "lpt9"
                ]
              }
            },
            "EntryId": {
              "title": "Catalogue entry id",
              "description": "The id of a catalogue entry: free text as the standard numbers it (e.g. `4.1.4(1)-2 a)`, Japanese too). Quote ids that YAML would read as numbers.",
              "type": "string",
              "minLength": 1
            },
            "Date": {
              "title": "Date",
              "description": "A calendar date `YYYY-MM-DD` (e.g. 2017-03-31); quoting is optional.",
              "type": "string",
              "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
              "format": "date"
            },
            "Colour": {
              "title": "Colour",
              "description": "An sRGB colour `#rrggbb`. Quote it: unquoted, YAML reads `#…` as a comment. Should reach 4.5:1 against white.",
              "type": "string",
              "pattern": "^#[0-9a-fA-F]{6}$"
            },
            "Role": {
              "title": "Role",
              "description": "agency 発注者 | contractor 受注者 | user 利用者 | provider 事業者 | third-party 第三者.",
              "type": "string",
              "enum": [
                "agency",
                "contractor",
                "user",
                "provider",
                "third-party"
              ]
            },
            "SourceRef": {
              "title": "Source reference",
              "description": "Where in a source document something is said: the document (an id from `model.sources`), the page, a note.",
              "type": "object",
              "minProperties": 1,
              "properties": {
                "document": {
                  "title": "Document",
                  "description": "The id of a document in `model.sources`.",
                  "$ref": "#/$defs/Id"
                },
                "page": {
                  "title": "Page",
                  "description": "The page number (1 or more).",
                  "type": "integer",
                  "minimum": 1
                },
                "note": {
                  "title": "Note",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            },
            "Source": {
              "title": "Source document",
              "description": "A document that topics and offerings cite by id.",
              "type": "object",
              "required": [
                "id",
                "title"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "description": "The id that source references (`document:`) use.",
                  "$ref": "#/$defs/Id"
                },
                "title": {
                  "title": "Title",
                  "$ref": "#/$defs/Text"
                },
                "publisher": {
                  "title": "Publisher",
                  "$ref": "#/$defs/Text"
                },
                "url": {
                  "title": "URL",
                  "description": "Where the document is published (optional).",
                  "type": "string",
                  "format": "uri"
                }
              },
              "additionalProperties": false
            },
            "Model": {
              "title": "Model metadata",
              "description": "What the model is: id, name, version and the date it describes (`as-of`). Given exactly once in a model.",
              "type": "object",
              "required": [
                "id",
                "name",
                "version",
                "as-of"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "description": "The model's id.",
                  "$ref": "#/$defs/Id"
                },
                "name": {
                  "title": "Name",
                  "$ref": "#/$defs/Text"
                },
                "version": {
                  "title": "Version",
                  "description": "The model's own version, e.g. 1.0.0.",
                  "type": [
                    "string",
                    "number"
                  ]
                },
                "as-of": {
                  "title": "As of",
                  "description": "The date the model describes (YYYY-MM-DD); output shows it, never the clock.",
                  "$ref": "#/$defs/Date"
                },
                "catalogue": {
                  "title": "Catalogue",
                  "description": "A folder or file holding the catalogue, relative to this file.",
                  "type": "string",
                  "minLength": 1
                },
                "provider": {
                  "title": "Provider",
                  "description": "The provider of the cloud service.",
                  "$ref": "#/$defs/Text"
                },
                "service": {
                  "title": "Service",
                  "description": "The cloud service the model describes.",
                  "$ref": "#/$defs/Text"
                },
                "sources": {
                  "title": "Sources",
                  "description": "Documents that topics and offerings cite by id.",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Source"
                  }
                },
                "notes": {
                  "title": "Notes",
                  "description": "Free notes: corrections of the source, licence remarks.",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Text"
                  }
                }
              },
              "additionalProperties": false
            },
            "Party": {
              "title": "Party",
              "description": "Who does the work. A model needs two or more parties.",
              "type": "object",
              "required": [
                "id",
                "name",
                "side",
                "role",
                "colour"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "name": {
                  "title": "Name",
                  "$ref": "#/$defs/Text"
                },
                "short": {
                  "title": "Short name",
                  "description": "For tight spaces (optional).",
                  "$ref": "#/$defs/Text"
                },
                "side": {
                  "title": "Side",
                  "description": "Which side of the demarcation: provider or customer.",
                  "type": "string",
                  "enum": [
                    "provider",
                    "customer"
                  ]
                },
                "role": {
                  "title": "Role",
                  "$ref": "#/$defs/Role"
                },
                "colour": {
                  "title": "Colour",
                  "description": "Text/line colour on white, `#rrggbb`; should reach 4.5:1 against white.",
                  "$ref": "#/$defs/Colour"
                },
                "name-in-text": {
                  "title": "Name in running text",
                  "description": "How running text refers to the party (e.g. en: the provider); the short name by default.",
                  "$ref": "#/$defs/Text"
                },
                "works-for": {
                  "title": "Works for",
                  "description": "The party it works for (a provider's subcontractor: CCM's third-party outsourced).",
                  "$ref": "#/$defs/Id"
                },
                "description": {
                  "title": "Description",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            },
            "Layer": {
              "title": "Layer",
              "description": "One layer of the stack. `layers` lists them bottom to top, in one file.",
              "type": "object",
              "required": [
                "id",
                "name"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "name": {
                  "title": "Name",
                  "$ref": "#/$defs/Text"
                },
                "description": {
                  "title": "Description",
                  "$ref": "#/$defs/Text"
                },
                "short": {
                  "$ref": "#/$defs/Text",
                  "description": "A short name for tight spaces (matrix column headers)."
                }
              },
              "additionalProperties": false
            },
            "Owner": {
              "title": "Owner",
              "description": "Who owns a layer in an offering: one party id, a list of two or more party ids (shared), or `{not-applicable: reason}`.",
              "oneOf": [
                {
                  "title": "One party",
                  "$ref": "#/$defs/Id"
                },
                {
                  "title": "Shared",
                  "description": "Two or more parties sharing the layer.",
                  "type": "array",
                  "minItems": 2,
                  "uniqueItems": true,
                  "items": {
                    "$ref": "#/$defs/Id"
                  }
                },
                {
                  "title": "Not applicable",
                  "type": "object",
                  "required": [
                    "not-applicable"
                  ],
                  "properties": {
                    "not-applicable": {
                      "title": "Not applicable",
                      "description": "Why the layer does not exist in this offering (required).",
                      "$ref": "#/$defs/Text"
                    }
                  },
                  "additionalProperties": false
                }
              ]
            },
            "Offering": {
              "title": "Offering",
              "description": "One offering of the service; it assigns every layer an owner.",
              "type": "object",
              "required": [
                "id",
                "name",
                "owners"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "name": {
                  "title": "Name",
                  "$ref": "#/$defs/Text"
                },
                "short": {
                  "title": "Short name",
                  "description": "For tight spaces (optional).",
                  "$ref": "#/$defs/Text"
                },
                "source": {
                  "title": "Source",
                  "$ref": "#/$defs/SourceRef"
                },
                "tenancy": {
                  "title": "Tenancy",
                  "description": "multi-tenant | dedicated (optional; used in reasons).",
                  "type": "string",
                  "enum": [
                    "multi-tenant",
                    "dedicated"
                  ]
                },
                "tenancy-source": {
                  "title": "Tenancy source",
                  "description": "Where the source says the tenancy.",
                  "$ref": "#/$defs/SourceRef"
                },
                "owners": {
                  "title": "Owners",
                  "description": "Layer id → owner: a party id, a list of two or more party ids, or `{not-applicable: reason}`.",
                  "type": "object",
                  "propertyNames": {
                    "$ref": "#/$defs/Id"
                  },
                  "additionalProperties": {
                    "$ref": "#/$defs/Owner"
                  }
                },
                "description": {
                  "$ref": "#/$defs/Text",
                  "description": "What the offering is."
                },
                "notes": {
                  "title": "Notes",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Text"
                  }
                }
              },
              "additionalProperties": false
            },
            "Responsible": {
              "title": "Responsible",
              "description": "The party the topic makes responsible: a party id, a list of party ids, or `follows-demarcation` when it depends on who owns the layers.",
              "anyOf": [
                {
                  "title": "Follows the demarcation",
                  "const": "follows-demarcation"
                },
                {
                  "title": "One party",
                  "$ref": "#/$defs/Id"
                },
                {
                  "title": "Parties",
                  "type": "array",
                  "minItems": 1,
                  "uniqueItems": true,
                  "items": {
                    "$ref": "#/$defs/Id"
                  }
                }
              ]
            },
            "Evidence": {
              "title": "Evidence",
              "description": "An item of evidence for a topic: an audit report, certification, registration, contract article or white paper.",
              "type": "object",
              "required": [
                "id",
                "kind",
                "title"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "kind": {
                  "title": "Kind",
                  "description": "audit-report | certification | ismap-registration | contract-article | white-paper.",
                  "type": "string",
                  "enum": [
                    "audit-report",
                    "certification",
                    "ismap-registration",
                    "contract-article",
                    "white-paper"
                  ]
                },
                "title": {
                  "title": "Title",
                  "$ref": "#/$defs/Text"
                },
                "reference": {
                  "title": "Reference",
                  "description": "Where in the document, e.g. 一般規程 第1章 第7条 (optional).",
                  "$ref": "#/$defs/Text"
                },
                "url": {
                  "title": "URL",
                  "type": "string",
                  "format": "uri"
                },
                "valid-from": {
                  "title": "Valid from",
                  "$ref": "#/$defs/Date"
                },
                "valid-until": {
                  "title": "Valid until",
                  "description": "Expired at the model's as-of date → warning.",
                  "$ref": "#/$defs/Date"
                }
              },
              "additionalProperties": false
            },
            "Topic": {
              "title": "Disclosure topic",
              "description": "What the provider says about itself, with evidence. Stable ids, so diffs can name them.",
              "type": "object",
              "required": [
                "id",
                "title",
                "source",
                "responsible",
                "statement"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "title": {
                  "title": "Title",
                  "$ref": "#/$defs/Text"
                },
                "source": {
                  "title": "Source",
                  "$ref": "#/$defs/SourceRef"
                },
                "responsible": {
                  "$ref": "#/$defs/Responsible"
                },
                "statement": {
                  "title": "Statement",
                  "description": "The disclosure in the modeller's own words.",
                  "$ref": "#/$defs/Text"
                },
                "statements": {
                  "title": "Statements per offering",
                  "description": "Offering id → statement, where the statement differs per offering (optional).",
                  "type": "object",
                  "propertyNames": {
                    "$ref": "#/$defs/Id"
                  },
                  "additionalProperties": {
                    "$ref": "#/$defs/Text"
                  }
                },
                "sic": {
                  "title": "Sic",
                  "description": "true: the source's text is defective here and quoted as is.",
                  "type": "boolean"
                },
                "commitment": {
                  "title": "Commitment",
                  "description": "What the provider commits to in this statement, in a few words (listed among the provider's commitments).",
                  "$ref": "#/$defs/Text"
                },
                "evidence": {
                  "title": "Evidence",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Evidence"
                  }
                },
                "notes": {
                  "title": "Notes",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Text"
                  }
                }
              },
              "additionalProperties": false
            },
            "Demand": {
              "title": "Demand",
              "description": "What must be written where.",
              "type": "object",
              "required": [
                "into",
                "text"
              ],
              "properties": {
                "into": {
                  "title": "Into",
                  "description": "specification 仕様書 | contract 契約 | selection-criteria 選定条件.",
                  "type": "string",
                  "enum": [
                    "specification",
                    "contract",
                    "selection-criteria"
                  ]
                },
                "text": {
                  "title": "Text",
                  "$ref": "#/$defs/Text"
                },
                "strength": {
                  "title": "Strength",
                  "description": "required (default) | desirable, where the standard only suggests it.",
                  "type": "string",
                  "enum": ["required", "desirable"]
                }
              },
              "additionalProperties": false
            },
            "Parameter": {
              "title": "Parameter",
              "description": "A value an entry asks for, e.g. a log retention period.",
              "type": "object",
              "required": [
                "id",
                "name",
                "value"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "name": {
                  "title": "Name",
                  "$ref": "#/$defs/Text"
                },
                "value": {
                  "title": "Value",
                  "$ref": "#/$defs/Text"
                },
                "strength": {
                  "title": "Strength",
                  "description": "required | desirable.",
                  "type": "string",
                  "enum": [
                    "required",
                    "desirable"
                  ]
                }
              },
              "additionalProperties": false
            },
            "Entry": {
              "title": "Catalogue entry",
              "description": "One entry of the standard: a requirement 遵守事項, a basic measure 基本対策事項 or an example 例.",
              "type": "object",
              "required": [
                "id",
                "kind",
                "text"
              ],
              "properties": {
                "id": {
                  "$ref": "#/$defs/EntryId"
                },
                "kind": {
                  "title": "Kind",
                  "description": "requirement 遵守事項 | basic-measure 基本対策事項 | example 例.",
                  "type": "string",
                  "enum": [
                    "requirement",
                    "basic-measure",
                    "example"
                  ]
                },
                "act": {
                  "title": "Act",
                  "description": "What it asks of the accountable party: decision (its own judgement) | confirmation (confirm what is done) | contract-term (state it in the contract) | measure. Default: requirements and basic measures decision, examples measure.",
                  "type": "string",
                  "enum": [
                    "decision",
                    "confirmation",
                    "contract-term",
                    "measure"
                  ]
                },
                "parent": {
                  "title": "Parent",
                  "description": "A basic-measure hangs under a requirement, an example under a basic-measure.",
                  "$ref": "#/$defs/EntryId"
                },
                "title": {
                  "title": "Title",
                  "$ref": "#/$defs/Text"
                },
                "text": {
                  "title": "Text",
                  "description": "The standard's text.",
                  "$ref": "#/$defs/Text"
                },
                "commentary": {
                  "title": "Commentary",
                  "description": "The guideline's commentary, point by point; [] for 「解説なし」.",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Text"
                  }
                },
                "source": {
                  "title": "Source",
                  "$ref": "#/$defs/SourceRef"
                },
                "demands": {
                  "title": "Demands",
                  "description": "What must be written where.",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Demand"
                  }
                },
                "conditions": {
                  "title": "Conditions",
                  "description": "【…の場合】: a text, or {when, then} with what must then be done.",
                  "type": "array",
                  "items": {
                    "anyOf": [
                      {"$ref": "#/$defs/Text"},
                      {
                        "type": "object",
                        "required": ["when"],
                        "properties": {"when": {"$ref": "#/$defs/Text"}, "then": {"$ref": "#/$defs/Text"}},
                        "additionalProperties": false
                      }
                    ]
                  }
                },
                "parameters": {
                  "title": "Parameters",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Parameter"
                  }
                }
              },
              "additionalProperties": false
            },
            "Correspondence": {
              "title": "Correspondence",
              "description": "An entry of this catalogue and its counterpart in another edition; never invented.",
              "type": "object",
              "required": [
                "entry",
                "edition",
                "other",
                "relation"
              ],
              "properties": {
                "entry": {
                  "title": "Entry",
                  "description": "The entry of this catalogue.",
                  "$ref": "#/$defs/EntryId"
                },
                "edition": {
                  "title": "Edition",
                  "description": "The other catalogue's id.",
                  "$ref": "#/$defs/Id"
                },
                "other": {
                  "title": "Other entry",
                  "description": "The entry of the other catalogue.",
                  "$ref": "#/$defs/EntryId"
                },
                "relation": {
                  "title": "Relation",
                  "description": "equivalent | broader | narrower | related.",
                  "type": "string",
                  "enum": [
                    "equivalent",
                    "broader",
                    "narrower",
                    "related"
                  ]
                },
                "note": {
                  "title": "Note",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            },
            "Catalogue": {
              "title": "Catalogue",
              "description": "The standard's own content, separate from any provider; usually its own folder.",
              "type": "object",
              "required": [
                "id",
                "standard",
                "edition",
                "accountable-role",
                "entries"
              ],
              "properties": {
                "id": {
                  "title": "Id",
                  "$ref": "#/$defs/Id"
                },
                "standard": {
                  "title": "Standard",
                  "$ref": "#/$defs/Text"
                },
                "edition": {
                  "title": "Edition",
                  "$ref": "#/$defs/Text"
                },
                "accountable-role": {
                  "title": "Accountable role",
                  "description": "The role of the party accountable for every entry.",
                  "$ref": "#/$defs/Role"
                },
                "source": {
                  "title": "Source",
                  "$ref": "#/$defs/SourceRef"
                },
                "entries": {
                  "title": "Entries",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Entry"
                  }
                },
                "correspondences": {
                  "title": "Correspondences",
                  "description": "Entries of other editions (X ↔ Y).",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Correspondence"
                  }
                }
              },
              "additionalProperties": false
            },
            "Answer": {
              "title": "Answer",
              "description": "A topic that answers the entry, and how well.",
              "type": "object",
              "required": [
                "topic",
                "coverage"
              ],
              "properties": {
                "topic": {
                  "title": "Topic",
                  "description": "A topic id.",
                  "$ref": "#/$defs/Id"
                },
                "coverage": {
                  "title": "Coverage",
                  "description": "full: the disclosure answers the entry | partial: part of it | customer-only: it only says the matter is the customer's.",
                  "type": "string",
                  "enum": [
                    "full",
                    "partial",
                    "customer-only"
                  ]
                },
                "basis": {
                  "title": "Basis",
                  "description": "source: the source's own arrow | interpretation: the modeller's.",
                  "type": "string",
                  "enum": [
                    "source",
                    "interpretation"
                  ]
                },
                "arrow": {
                  "title": "Arrow",
                  "description": "Where the source puts the arrow (optional).",
                  "$ref": "#/$defs/SourceRef"
                },
                "part": {
                  "title": "Part",
                  "description": "What the topic's own party does for this entry, in a few words.",
                  "$ref": "#/$defs/Text"
                },
                "parts": {
                  "title": "Parts",
                  "description": "What each party the statement speaks of does, by party id.",
                  "type": "object",
                  "additionalProperties": {
                    "$ref": "#/$defs/Text"
                  }
                },
                "missing": {
                  "title": "Missing",
                  "description": "What the disclosure leaves unanswered, as a noun phrase: it becomes the question to the provider.",
                  "$ref": "#/$defs/Text"
                },
                "note": {
                  "title": "Note",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            },
            "Consideration": {
              "title": "Consideration",
              "description": "A risk the commentary names, tied to tenancy.",
              "type": "object",
              "required": [
                "applies-to",
                "text"
              ],
              "properties": {
                "applies-to": {
                  "title": "Applies to",
                  "description": "multi-tenant | dedicated.",
                  "type": "string",
                  "enum": [
                    "multi-tenant",
                    "dedicated"
                  ]
                },
                "text": {
                  "title": "Text",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            },
            "MappingEntry": {
              "title": "Mapping item",
              "description": "The provider's side for one catalogue entry: its scope and the topics that answer it.",
              "type": "object",
              "required": [
                "entry"
              ],
              "properties": {
                "entry": {
                  "title": "Entry",
                  "description": "A catalogue entry id.",
                  "$ref": "#/$defs/EntryId"
                },
                "scope": {
                  "title": "Scope",
                  "description": "The layers the entry concerns (a list of layer ids), or the word `organisational`.",
                  "anyOf": [
                    {
                      "title": "Organisational",
                      "const": "organisational"
                    },
                    {
                      "title": "Layers",
                      "type": "array",
                      "minItems": 1,
                      "uniqueItems": true,
                      "items": {
                        "$ref": "#/$defs/Id"
                      }
                    }
                  ]
                },
                "scope-basis": {
                  "title": "Scope basis",
                  "description": "source | interpretation (default: interpretation).",
                  "type": "string",
                  "enum": [
                    "source",
                    "interpretation"
                  ]
                },
                "answers": {
                  "title": "Answers",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Answer"
                  }
                },
                "considerations": {
                  "title": "Considerations",
                  "description": "Risks the commentary names, tied to tenancy.",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Consideration"
                  }
                },
                "question": {
                  "title": "Question",
                  "description": "What the agency should ask where coverage is short (optional).",
                  "$ref": "#/$defs/Text"
                },
                "notes": {
                  "title": "Notes",
                  "type": "array",
                  "items": {
                    "$ref": "#/$defs/Text"
                  }
                }
              },
              "additionalProperties": false
            },
            "Override": {
              "title": "Override",
              "description": "A hand-entered answer for one cell (entry × offering), always with a reason.",
              "type": "object",
              "required": [
                "entry",
                "offering",
                "does",
                "reason"
              ],
              "properties": {
                "entry": {
                  "title": "Entry",
                  "$ref": "#/$defs/EntryId"
                },
                "offering": {
                  "title": "Offering",
                  "description": "An offering id.",
                  "$ref": "#/$defs/Id"
                },
                "does": {
                  "title": "Does",
                  "description": "Who does the entry there: a party id, a list of party ids, or `not-applicable`.",
                  "anyOf": [
                    {
                      "title": "Not applicable",
                      "const": "not-applicable"
                    },
                    {
                      "title": "One party",
                      "$ref": "#/$defs/Id"
                    },
                    {
                      "title": "Parties",
                      "type": "array",
                      "minItems": 1,
                      "uniqueItems": true,
                      "items": {
                        "$ref": "#/$defs/Id"
                      }
                    }
                  ]
                },
                "reason": {
                  "title": "Reason",
                  "description": "Why the rule gives the wrong result here (required).",
                  "$ref": "#/$defs/Text"
                }
              },
              "additionalProperties": false
            }
          }
        }
        """#
}

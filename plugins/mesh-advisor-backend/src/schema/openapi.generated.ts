// Generated from openapi.yaml by `yarn openapi:build`. Do not edit.
/* eslint-disable */
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "mesh-advisor",
    "version": "1",
    "description": "Mesh Advisor: which service mesh fits each catalog service, why, at what cost, and the adoption decisions teams recorded. Every request needs Backstage credentials; errors use Backstage's standard error shape.\nBounds (each refused with the status shown and a message naming the bound): request bodies up to 256 KiB (413), nested at most 32 levels (400); no NUL character (U+0000) in the path, a query parameter or any body string (400); `limit` a decimal integer 1–500 (400); a cursor only as returned for the same sort (400). POST /evaluate: at most 32 `mesh-advisor.io/*` annotations, each value at most 1024 characters, at most 64 entries in `requires` and `prefers` (400); an evaluation lists at most 50 annotation issues, then one counting the rest.\nWhen the catalog cannot be reached, reads are served from what is stored, marked `stale: true`, to callers who may read every catalog entity; anyone else, and every write, gets 503 with Retry-After. An unreachable catalog or database answers 503, never 500; error messages name no internal address, SQL or stack (the backend log has them under the logId a 500 or 503 names).",
    "license": {
      "name": "Apache-2.0",
      "url": "http://www.apache.org/licenses/LICENSE-2.0.html"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "tags": [
    {
      "name": "evaluations"
    },
    {
      "name": "decisions"
    },
    {
      "name": "knowledge-base"
    }
  ],
  "components": {
    "parameters": {
      "namespace": {
        "name": "namespace",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "kind": {
        "name": "kind",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "name": {
        "name": "name",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "decisionId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "description": "Page size, a decimal integer 1–500 (Infinity, 1.5, 1e400 and the like answer 400).",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 500,
          "default": 50
        }
      },
      "cursor": {
        "name": "cursor",
        "in": "query",
        "description": "The nextCursor of the previous page, with the same sort; any other value answers 400.",
        "schema": {
          "type": "string",
          "maxLength": 1000
        }
      }
    },
    "responses": {
      "ErrorResponse": {
        "description": "An error, in Backstage's standard shape.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The request body is over 256 KiB.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unavailable": {
        "description": "The catalog or the database cannot be reached, and nothing stored may be served instead; retry after the given seconds.",
        "headers": {
          "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {
              "type": "integer"
            }
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "error",
          "request",
          "response"
        ],
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "name",
              "message"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "request": {
            "type": "object",
            "properties": {
              "method": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "response": {
            "type": "object",
            "required": [
              "statusCode"
            ],
            "properties": {
              "statusCode": {
                "type": "integer"
              }
            }
          }
        }
      },
      "MeshId": {
        "type": "string",
        "enum": [
          "istio-ambient",
          "istio-sidecar",
          "linkerd",
          "cilium",
          "none"
        ]
      },
      "Status": {
        "type": "string",
        "enum": [
          "evaluated",
          "excluded",
          "not-applicable",
          "invalid"
        ]
      },
      "Confidence": {
        "type": "string",
        "enum": [
          "high",
          "medium",
          "low"
        ]
      },
      "DecisionStatus": {
        "type": "string",
        "enum": [
          "proposed",
          "accepted",
          "rejected",
          "superseded"
        ]
      },
      "SourceRef": {
        "type": "object",
        "required": [
          "id",
          "url",
          "title"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "url": {
            "type": "string"
          },
          "title": {
            "type": "string"
          }
        }
      },
      "Reason": {
        "type": "object",
        "required": [
          "factId",
          "text",
          "effect",
          "sources"
        ],
        "properties": {
          "factId": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "effect": {
            "type": "string",
            "enum": [
              "for",
              "against",
              "neutral"
            ]
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SourceRef"
            }
          }
        }
      },
      "Blocker": {
        "type": "object",
        "required": [
          "kind",
          "message",
          "factId",
          "sources"
        ],
        "properties": {
          "kind": {
            "type": "string",
            "enum": [
              "capability",
              "latency-budget",
              "platform"
            ]
          },
          "capability": {
            "type": "string"
          },
          "message": {
            "type": "string"
          },
          "factId": {
            "type": "string"
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SourceRef"
            }
          }
        }
      },
      "Adoption": {
        "type": "string",
        "description": "How a candidate relates to what the platform runs.",
        "enum": [
          "installed",
          "mode-change",
          "second-mesh",
          "adopt",
          "leave-mesh"
        ]
      },
      "FigureRange": {
        "type": "object",
        "required": [
          "low",
          "high"
        ],
        "properties": {
          "low": {
            "type": "number"
          },
          "high": {
            "type": "number"
          }
        }
      },
      "FigureInfo": {
        "type": "object",
        "required": [
          "factId",
          "basis",
          "value",
          "low",
          "high",
          "unit",
          "method",
          "sources"
        ],
        "properties": {
          "factId": {
            "type": "string"
          },
          "basis": {
            "type": "string",
            "enum": [
              "measured",
              "estimated"
            ]
          },
          "value": {
            "type": "number"
          },
          "low": {
            "type": "number"
          },
          "high": {
            "type": "number"
          },
          "unit": {
            "type": "string"
          },
          "method": {
            "type": "string"
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SourceRef"
            }
          }
        }
      },
      "Candidate": {
        "type": "object",
        "required": [
          "mesh",
          "name",
          "score",
          "blocked",
          "blockers",
          "adoption",
          "heldBack",
          "satisfied",
          "partial",
          "unverified",
          "immature",
          "beta",
          "preferredMet",
          "preferredMissing",
          "overhead",
          "operations",
          "breakdown",
          "reasons"
        ],
        "properties": {
          "mesh": {
            "$ref": "#/components/schemas/MeshId"
          },
          "name": {
            "type": "string"
          },
          "score": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100
          },
          "blocked": {
            "type": "boolean"
          },
          "blockers": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Blocker"
            }
          },
          "adoption": {
            "$ref": "#/components/schemas/Adoption"
          },
          "heldBack": {
            "type": "boolean",
            "description": "A second mesh ranked after the installed mesh's modes and no mesh, whatever its score, because a mode of the installed mesh meets every hard requirement."
          },
          "satisfied": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "partial": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "unverified": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "immature": {
            "type": "array",
            "description": "Hard requirements met only by a feature upstream calls alpha or experimental.",
            "items": {
              "type": "string"
            }
          },
          "beta": {
            "type": "array",
            "description": "Hard requirements met by a feature upstream calls beta.",
            "items": {
              "type": "string"
            }
          },
          "preferredMet": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "preferredMissing": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "overhead": {
            "type": "object",
            "required": [
              "placement",
              "needsL7Proxy",
              "memoryMiB",
              "cpuVcpu",
              "p50PerHopMs",
              "p99PerHopMs",
              "p99PerHopRange",
              "p99Basis",
              "p99ChainMs",
              "p99ChainRange",
              "callChainDepth",
              "replicas",
              "rps",
              "note",
              "figures"
            ],
            "properties": {
              "placement": {
                "type": "string",
                "enum": [
                  "pod",
                  "node",
                  "none"
                ]
              },
              "needsL7Proxy": {
                "type": "boolean"
              },
              "memoryMiB": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "cpuVcpu": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "p50PerHopMs": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "p99PerHopMs": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "p99PerHopRange": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/FigureRange"
                  },
                  {
                    "type": "null"
                  }
                ],
                "description": "The range the sources leave the p99 per hop in; a latency budget blocks only below its low end."
              },
              "p99Basis": {
                "type": [
                  "string",
                  "null"
                ],
                "enum": [
                  "measured",
                  "estimated",
                  null
                ]
              },
              "p99ChainMs": {
                "type": [
                  "number",
                  "null"
                ],
                "description": "Added p99 along the call chain without adding percentiles: p50 × (depth − 1) + p99."
              },
              "p99ChainRange": {
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/FigureRange"
                  },
                  {
                    "type": "null"
                  }
                ]
              },
              "callChainDepth": {
                "type": "integer"
              },
              "replicas": {
                "type": "number"
              },
              "rps": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "note": {
                "type": "string"
              },
              "figures": {
                "type": "array",
                "description": "The knowledge-base figures the estimate rests on, with basis, range and method.",
                "items": {
                  "$ref": "#/components/schemas/FigureInfo"
                }
              }
            }
          },
          "operations": {
            "type": "object",
            "required": [
              "complexity",
              "capacity",
              "fit",
              "note"
            ],
            "properties": {
              "complexity": {
                "type": "integer"
              },
              "capacity": {
                "type": "string",
                "enum": [
                  "low",
                  "medium",
                  "high"
                ]
              },
              "fit": {
                "type": "string",
                "enum": [
                  "comfortable",
                  "stretch",
                  "overload"
                ]
              },
              "note": {
                "type": "string"
              }
            }
          },
          "breakdown": {
            "type": "object",
            "additionalProperties": {
              "type": "number"
            }
          },
          "reasons": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Reason"
            }
          }
        }
      },
      "Evaluation": {
        "description": "The engine's result for one entity, with when it was stored.",
        "type": "object",
        "required": [
          "entityRef",
          "status",
          "issues",
          "requirements",
          "recommendation",
          "ranking",
          "whatWouldChange",
          "companion",
          "notes",
          "platform",
          "callChainDepth",
          "engineVersion",
          "knowledgeBaseVersion"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "status": {
            "$ref": "#/components/schemas/Status"
          },
          "issues": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "annotation",
                "value",
                "message"
              ],
              "properties": {
                "annotation": {
                  "type": "string"
                },
                "value": {
                  "type": "string"
                },
                "message": {
                  "type": "string"
                },
                "allowed": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "suggestion": {
                  "type": "string"
                }
              }
            }
          },
          "requirements": {
            "type": "object",
            "additionalProperties": true
          },
          "recommendation": {
            "type": [
              "object",
              "null"
            ],
            "required": [
              "mesh",
              "name",
              "adoption",
              "confidence",
              "score",
              "summary"
            ],
            "properties": {
              "mesh": {
                "$ref": "#/components/schemas/MeshId"
              },
              "name": {
                "type": "string"
              },
              "adoption": {
                "$ref": "#/components/schemas/Adoption"
              },
              "confidence": {
                "$ref": "#/components/schemas/Confidence"
              },
              "score": {
                "type": "integer"
              },
              "summary": {
                "type": "string"
              }
            }
          },
          "ranking": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Candidate"
            }
          },
          "whatWouldChange": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "kind",
                "change",
                "newTop"
              ],
              "properties": {
                "kind": {
                  "type": "string"
                },
                "change": {
                  "type": "string"
                },
                "newTop": {
                  "$ref": "#/components/schemas/MeshId"
                },
                "annotations": {
                  "type": "object",
                  "additionalProperties": {
                    "type": [
                      "string",
                      "null"
                    ]
                  }
                },
                "platform": {
                  "type": "object",
                  "additionalProperties": true
                }
              }
            }
          },
          "companion": {
            "type": [
              "object",
              "null"
            ],
            "additionalProperties": true
          },
          "notes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "platform": {
            "$ref": "#/components/schemas/PlatformContext"
          },
          "callChainDepth": {
            "type": "integer"
          },
          "engineVersion": {
            "type": "string"
          },
          "knowledgeBaseVersion": {
            "type": "string"
          },
          "evaluatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "when this result was computed (by a sweep, a catalog change or on request)"
          },
          "catalogVersion": {
            "type": [
              "string",
              "null"
            ],
            "description": "metadata.etag of the catalog entity the result was computed from; compare with the entity's etag to tell whether its last change is in (null: stored before this was recorded)"
          },
          "stale": {
            "type": "boolean",
            "description": "true when the last sweep could not read the catalog"
          },
          "live": {
            "type": "boolean",
            "description": "true when evaluated on request rather than read from storage"
          }
        }
      },
      "EvaluationRow": {
        "description": "One service in the overview table.",
        "type": "object",
        "required": [
          "entityRef",
          "name",
          "status",
          "recommendedMesh",
          "confidence",
          "score",
          "issueCount",
          "evaluatedAt",
          "stale"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "title": {
            "type": [
              "string",
              "null"
            ]
          },
          "owner": {
            "type": [
              "string",
              "null"
            ]
          },
          "system": {
            "type": [
              "string",
              "null"
            ]
          },
          "status": {
            "$ref": "#/components/schemas/Status"
          },
          "recommendedMesh": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/MeshId"
              },
              {
                "type": "null"
              }
            ]
          },
          "confidence": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/Confidence"
              },
              {
                "type": "null"
              }
            ]
          },
          "score": {
            "type": [
              "integer",
              "null"
            ]
          },
          "issueCount": {
            "type": "integer"
          },
          "evaluatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "stale": {
            "type": "boolean"
          },
          "decision": {
            "type": [
              "object",
              "null"
            ],
            "required": [
              "id",
              "chosen",
              "status"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "chosen": {
                "$ref": "#/components/schemas/MeshId"
              },
              "status": {
                "$ref": "#/components/schemas/DecisionStatus"
              }
            }
          }
        }
      },
      "PlatformContext": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "cni": {
            "type": "string",
            "minLength": 1
          },
          "currentMesh": {
            "$ref": "#/components/schemas/MeshId"
          },
          "clusters": {
            "type": "integer",
            "minimum": 1
          },
          "releasePolicy": {
            "type": "string",
            "enum": [
              "open-source-stable",
              "vendor-supported-ok"
            ],
            "description": "open-source-stable costs a mesh whose stable releases need a vendor subscription; default vendor-supported-ok."
          },
          "serviceCount": {
            "type": "integer",
            "minimum": 0
          },
          "smallPlatformThreshold": {
            "type": "integer",
            "minimum": 0
          },
          "weights": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "requirements": {
                "type": "number",
                "minimum": 0,
                "maximum": 100
              },
              "preferences": {
                "type": "number",
                "minimum": 0,
                "maximum": 100
              },
              "overhead": {
                "type": "number",
                "minimum": 0,
                "maximum": 100
              },
              "operations": {
                "type": "number",
                "minimum": 0,
                "maximum": 100
              },
              "platform": {
                "type": "number",
                "minimum": 0,
                "maximum": 100
              }
            }
          }
        }
      },
      "Entity": {
        "description": "A Backstage catalog entity.",
        "type": "object",
        "required": [
          "apiVersion",
          "kind",
          "metadata"
        ],
        "properties": {
          "apiVersion": {
            "type": "string",
            "minLength": 1
          },
          "kind": {
            "type": "string",
            "minLength": 1
          },
          "metadata": {
            "type": "object",
            "required": [
              "name"
            ],
            "properties": {
              "name": {
                "type": "string",
                "minLength": 1
              },
              "namespace": {
                "type": "string"
              },
              "annotations": {
                "type": "object",
                "additionalProperties": {
                  "type": "string"
                }
              }
            },
            "additionalProperties": true
          },
          "spec": {
            "type": "object",
            "additionalProperties": true
          },
          "relations": {
            "type": "array",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          }
        },
        "additionalProperties": true
      },
      "Decision": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "chosen",
          "status",
          "title",
          "context",
          "rationale",
          "alternatives",
          "author",
          "createdAt",
          "updatedAt",
          "version"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "entityRef": {
            "type": "string"
          },
          "chosen": {
            "$ref": "#/components/schemas/MeshId"
          },
          "status": {
            "$ref": "#/components/schemas/DecisionStatus"
          },
          "title": {
            "type": "string"
          },
          "context": {
            "type": "string"
          },
          "rationale": {
            "type": "string"
          },
          "alternatives": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/MeshId"
            }
          },
          "author": {
            "type": "string"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "version": {
            "type": "integer"
          },
          "supersedes": {
            "type": [
              "string",
              "null"
            ]
          },
          "supersededBy": {
            "type": [
              "string",
              "null"
            ]
          },
          "snapshot": {
            "type": [
              "object",
              "null"
            ],
            "additionalProperties": true
          }
        }
      },
      "DecisionEvent": {
        "type": "object",
        "required": [
          "type",
          "actor",
          "at",
          "toStatus",
          "version"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "created",
              "accepted",
              "rejected",
              "superseded"
            ]
          },
          "actor": {
            "type": "string"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "fromStatus": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/DecisionStatus"
              },
              {
                "type": "null"
              }
            ]
          },
          "toStatus": {
            "$ref": "#/components/schemas/DecisionStatus"
          },
          "version": {
            "type": "integer"
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "DriftState": {
        "type": "string",
        "description": "How a service's actual mesh compares with its needs and its accepted decision (see the backend README, Live state).",
        "enum": [
          "as-decided",
          "drift",
          "unmeshed-but-required",
          "blocked-mesh",
          "partially-meshed",
          "unknown",
          "undecided"
        ]
      },
      "DetectionEvidence": {
        "type": "object",
        "required": [
          "rule",
          "detail"
        ],
        "properties": {
          "rule": {
            "type": "string",
            "enum": [
              "istio-sidecar-container",
              "istio-native-sidecar",
              "istio-ambient-pod-label",
              "istio-ambient-namespace-label",
              "istio-ambient-opted-out",
              "istio-ambient-no-ztunnel",
              "istio-waypoint",
              "linkerd-proxy-container",
              "linkerd-native-sidecar",
              "cilium-envoy",
              "cilium-mutual-auth",
              "no-mesh"
            ]
          },
          "detail": {
            "type": "string"
          }
        }
      },
      "PodMeshState": {
        "type": "object",
        "required": [
          "cluster",
          "namespace",
          "name",
          "mesh",
          "version",
          "waypoint",
          "evidence"
        ],
        "properties": {
          "cluster": {
            "type": "string"
          },
          "namespace": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "mesh": {
            "$ref": "#/components/schemas/MeshId"
          },
          "version": {
            "type": [
              "string",
              "null"
            ]
          },
          "waypoint": {
            "type": [
              "string",
              "null"
            ]
          },
          "evidence": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/DetectionEvidence"
            }
          }
        }
      },
      "ActualState": {
        "type": "object",
        "description": "What one service actually runs across the clusters, as of the last live pass.",
        "required": [
          "entityRef",
          "mesh",
          "pods",
          "meshedPods",
          "meshedShare",
          "podsByMesh",
          "versions",
          "waypoints",
          "clusters",
          "namespaceLabels",
          "stale",
          "drift",
          "driftReason",
          "recommended",
          "decided",
          "evidence",
          "observedAt"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "mesh": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/MeshId"
              },
              {
                "type": "null"
              }
            ]
          },
          "pods": {
            "type": "integer"
          },
          "meshedPods": {
            "type": "integer"
          },
          "meshedShare": {
            "type": "number",
            "minimum": 0,
            "maximum": 1
          },
          "podsByMesh": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "versions": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "waypoints": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "clusters": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "namespaceLabels": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "stale": {
            "type": "boolean",
            "description": "some of its clusters could not be read this pass; the last known state is shown"
          },
          "drift": {
            "$ref": "#/components/schemas/DriftState"
          },
          "driftReason": {
            "type": "string"
          },
          "recommended": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/MeshId"
              },
              {
                "type": "null"
              }
            ]
          },
          "decided": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/MeshId"
              },
              {
                "type": "null"
              }
            ]
          },
          "evidence": {
            "type": "array",
            "maxItems": 5,
            "items": {
              "$ref": "#/components/schemas/PodMeshState"
            }
          },
          "observedAt": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "ClusterState": {
        "type": "object",
        "required": [
          "name",
          "reachable",
          "stale",
          "readAt",
          "error",
          "cni",
          "cniEvidence",
          "ztunnel",
          "ciliumEnvoy",
          "ciliumMutualAuth",
          "pods",
          "podsByMesh"
        ],
        "properties": {
          "name": {
            "type": "string"
          },
          "reachable": {
            "type": "boolean"
          },
          "stale": {
            "type": "boolean"
          },
          "readAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "error": {
            "type": [
              "string",
              "null"
            ]
          },
          "cni": {
            "type": [
              "string",
              "null"
            ]
          },
          "cniEvidence": {
            "type": [
              "string",
              "null"
            ]
          },
          "ztunnel": {
            "type": "boolean"
          },
          "ciliumEnvoy": {
            "type": "boolean"
          },
          "ciliumMutualAuth": {
            "type": "boolean"
          },
          "pods": {
            "type": "integer"
          },
          "podsByMesh": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            }
          }
        }
      },
      "DerivedPlatform": {
        "type": "object",
        "required": [
          "cni",
          "cniSource",
          "currentMesh",
          "currentMeshSource",
          "meshShares",
          "clusters"
        ],
        "properties": {
          "cni": {
            "type": "string"
          },
          "cniSource": {
            "type": "string",
            "enum": [
              "clusters",
              "config",
              "default"
            ]
          },
          "currentMesh": {
            "$ref": "#/components/schemas/MeshId"
          },
          "currentMeshSource": {
            "type": "string",
            "enum": [
              "clusters",
              "config",
              "default"
            ]
          },
          "meshShares": {
            "type": "object",
            "additionalProperties": {
              "type": "number"
            }
          },
          "clusters": {
            "type": "integer"
          }
        }
      }
    }
  },
  "paths": {
    "/entities/{namespace}/{kind}/{name}/evaluation": {
      "get": {
        "operationId": "GetEntityEvaluation",
        "tags": [
          "evaluations"
        ],
        "description": "The stored evaluation of one entity; with live=true, evaluated now from the current catalog entity. While the catalog is unreachable, the stored evaluation marked stale (to callers who may read every entity), else 503.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/name"
          },
          {
            "name": "live",
            "in": "query",
            "schema": {
              "type": "boolean",
              "default": false
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The evaluation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Evaluation"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/evaluations": {
      "get": {
        "operationId": "ListEvaluations",
        "tags": [
          "evaluations"
        ],
        "description": "Every stored evaluation the caller may read (catalog read permission; under a conditional decision, the services the catalog returns to them), filtered, sorted and paginated on the server.",
        "parameters": [
          {
            "name": "owner",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          },
          {
            "name": "system",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          },
          {
            "name": "mesh",
            "in": "query",
            "description": "The recommended mesh.",
            "schema": {
              "$ref": "#/components/schemas/MeshId"
            }
          },
          {
            "name": "status",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/Status"
            }
          },
          {
            "name": "decision",
            "in": "query",
            "description": "none: no decision in force · differs: the decision in force differs from the recommendation · proposed | accepted: a decision in that status",
            "schema": {
              "type": "string",
              "enum": [
                "none",
                "differs",
                "proposed",
                "accepted"
              ]
            }
          },
          {
            "name": "q",
            "in": "query",
            "description": "Text to find in the name, title, owner, system, description or tags.",
            "schema": {
              "type": "string",
              "maxLength": 200
            }
          },
          {
            "name": "sort",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "name",
                "mesh",
                "status",
                "score",
                "owner",
                "system",
                "evaluatedAt"
              ],
              "default": "name"
            }
          },
          {
            "name": "order",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "asc",
                "desc"
              ],
              "default": "asc"
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of evaluations.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items",
                    "totalCount",
                    "nextCursor"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/EvaluationRow"
                      }
                    },
                    "totalCount": {
                      "type": "integer"
                    },
                    "nextCursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/summary": {
      "get": {
        "operationId": "GetSummary",
        "tags": [
          "evaluations"
        ],
        "description": "Counts per recommended mesh and status (the platform's), staleness, and the platform-level recommendation; its unsatisfied services are only those the caller may read.",
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "total",
                    "byMesh",
                    "byStatus",
                    "stale",
                    "lastSweep",
                    "platform"
                  ],
                  "properties": {
                    "total": {
                      "type": "integer"
                    },
                    "byMesh": {
                      "type": "object",
                      "additionalProperties": {
                        "type": "integer"
                      }
                    },
                    "byStatus": {
                      "type": "object",
                      "additionalProperties": {
                        "type": "integer"
                      }
                    },
                    "stale": {
                      "type": "boolean"
                    },
                    "lastSweep": {
                      "type": [
                        "object",
                        "null"
                      ],
                      "properties": {
                        "startedAt": {
                          "type": "string",
                          "format": "date-time"
                        },
                        "finishedAt": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "format": "date-time"
                        },
                        "outcome": {
                          "type": "string",
                          "enum": [
                            "running",
                            "succeeded",
                            "failed"
                          ]
                        },
                        "message": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "services": {
                          "type": [
                            "integer",
                            "null"
                          ]
                        }
                      }
                    },
                    "lastSuccessAt": {
                      "type": [
                        "string",
                        "null"
                      ],
                      "format": "date-time"
                    },
                    "platform": {
                      "type": [
                        "object",
                        "null"
                      ],
                      "additionalProperties": true,
                      "description": "The one mesh for the platform, its ranking and the services it leaves unsatisfied (FleetRecommendation in the common package).",
                      "properties": {
                        "explanation": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Why the platform pick is not every service's own first choice, in one sentence; null when they agree."
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/evaluate": {
      "post": {
        "operationId": "Evaluate",
        "tags": [
          "evaluations"
        ],
        "description": "Evaluates an entity without storing anything (what-if). At most 32 mesh-advisor.io/* annotations, each value at most 1024 characters, at most 64 entries in requires and prefers (400 beyond); a body over 256 KiB answers 413.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "entity"
                ],
                "additionalProperties": false,
                "properties": {
                  "entity": {
                    "$ref": "#/components/schemas/Entity"
                  },
                  "platform": {
                    "$ref": "#/components/schemas/PlatformContext"
                  },
                  "callChainDepth": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 100
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The evaluation.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Evaluation"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          }
        }
      }
    },
    "/knowledge-base": {
      "get": {
        "operationId": "GetKnowledgeBase",
        "tags": [
          "knowledge-base"
        ],
        "description": "The knowledge base in use (bundled, with any override merged), with its version and sources.",
        "responses": {
          "200": {
            "description": "The knowledge base.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "version",
                    "asOf",
                    "sources",
                    "meshes",
                    "capabilities"
                  ],
                  "additionalProperties": true,
                  "properties": {
                    "version": {
                      "type": "string"
                    },
                    "asOf": {
                      "type": "string"
                    },
                    "sources": {
                      "type": "object",
                      "additionalProperties": true
                    },
                    "meshes": {
                      "type": "object",
                      "additionalProperties": true
                    },
                    "capabilities": {
                      "type": "object",
                      "additionalProperties": true
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/decisions": {
      "post": {
        "operationId": "CreateDecision",
        "tags": [
          "decisions"
        ],
        "description": "Files a decision (status proposed). The author is the caller's Backstage identity.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "entityRef",
                  "chosen",
                  "title",
                  "rationale"
                ],
                "additionalProperties": false,
                "properties": {
                  "entityRef": {
                    "type": "string",
                    "minLength": 3,
                    "maxLength": 255
                  },
                  "chosen": {
                    "$ref": "#/components/schemas/MeshId"
                  },
                  "title": {
                    "type": "string",
                    "minLength": 3,
                    "maxLength": 200
                  },
                  "context": {
                    "type": "string",
                    "maxLength": 20000
                  },
                  "rationale": {
                    "type": "string",
                    "minLength": 3,
                    "maxLength": 20000
                  },
                  "alternatives": {
                    "type": "array",
                    "maxItems": 5,
                    "items": {
                      "$ref": "#/components/schemas/MeshId"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The decision.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Decision"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      },
      "get": {
        "operationId": "ListDecisions",
        "tags": [
          "decisions"
        ],
        "parameters": [
          {
            "name": "entityRef",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "status",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/DecisionStatus"
            }
          },
          {
            "name": "chosen",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/MeshId"
            }
          },
          {
            "name": "author",
            "in": "query",
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of decisions, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items",
                    "nextCursor"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Decision"
                      }
                    },
                    "nextCursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "stale": {
                      "type": "boolean",
                      "description": "true when the catalog could not be asked which entities the caller may read, and the caller may read every one: the page comes from the store alone"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/decisions/{id}": {
      "get": {
        "operationId": "GetDecision",
        "tags": [
          "decisions"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/decisionId"
          }
        ],
        "responses": {
          "200": {
            "description": "The decision with its event history.",
            "content": {
              "application/json": {
                "schema": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/Decision"
                    },
                    {
                      "type": "object",
                      "required": [
                        "events"
                      ],
                      "properties": {
                        "events": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/DecisionEvent"
                          }
                        }
                      }
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/decisions/{id}/transitions": {
      "post": {
        "operationId": "TransitionDecision",
        "tags": [
          "decisions"
        ],
        "description": "accept or reject a proposed decision; supersede an accepted one with a newer decision about the same entity. Accepting supersedes the decision accepted before it (one decision in force per entity); a proposal filed before the accepted decision cannot be accepted (400).",
        "parameters": [
          {
            "$ref": "#/components/parameters/decisionId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "action",
                  "version"
                ],
                "additionalProperties": false,
                "properties": {
                  "action": {
                    "type": "string",
                    "enum": [
                      "accept",
                      "reject",
                      "supersede"
                    ]
                  },
                  "version": {
                    "type": "integer",
                    "minimum": 1,
                    "description": "The version being edited; a stale one gets 409."
                  },
                  "supersededBy": {
                    "type": "string",
                    "format": "uuid"
                  },
                  "note": {
                    "type": "string",
                    "maxLength": 2000
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The decision after the transition.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Decision"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "403": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "409": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/decisions/{id}/adr.md": {
      "get": {
        "operationId": "GetDecisionAdr",
        "tags": [
          "decisions"
        ],
        "description": "The decision as a MADR markdown document.",
        "parameters": [
          {
            "$ref": "#/components/parameters/decisionId"
          }
        ],
        "responses": {
          "200": {
            "description": "MADR markdown.",
            "content": {
              "text/markdown": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "503": {
            "$ref": "#/components/responses/Unavailable"
          }
        }
      }
    },
    "/live/clusters": {
      "get": {
        "operationId": "GetLiveClusters",
        "tags": [
          "live"
        ],
        "description": "The last live pass over the clusters configured for the Kubernetes plugin — each cluster's state (unreachable ones stale, with their last known figures), the platform context derived from them (app-config overriding), and counts of services per drift state and per actual mesh.",
        "responses": {
          "200": {
            "description": "The last live pass; `at` is null before the first one (or without clusters).",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "at",
                    "requests",
                    "clusters",
                    "platform",
                    "services"
                  ],
                  "properties": {
                    "at": {
                      "type": [
                        "string",
                        "null"
                      ],
                      "format": "date-time"
                    },
                    "requests": {
                      "type": "integer"
                    },
                    "clusters": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ClusterState"
                      }
                    },
                    "platform": {
                      "oneOf": [
                        {
                          "$ref": "#/components/schemas/DerivedPlatform"
                        },
                        {
                          "type": "null"
                        }
                      ]
                    },
                    "services": {
                      "type": "object",
                      "properties": {
                        "drift": {
                          "type": "object",
                          "additionalProperties": {
                            "type": "integer"
                          }
                        },
                        "mesh": {
                          "type": "object",
                          "additionalProperties": {
                            "type": "integer"
                          }
                        },
                        "pods": {
                          "type": "object",
                          "additionalProperties": {
                            "type": "integer"
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/live/services": {
      "get": {
        "operationId": "ListActualStates",
        "tags": [
          "live"
        ],
        "description": "The actual state of every service the caller may read (catalog read permission), by entity ref, filtered.",
        "parameters": [
          {
            "name": "drift",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/DriftState"
            }
          },
          {
            "name": "mesh",
            "in": "query",
            "description": "the mesh most of its pods run; unknown for services without pods",
            "schema": {
              "type": "string",
              "enum": [
                "istio-ambient",
                "istio-sidecar",
                "linkerd",
                "cilium",
                "none",
                "unknown"
              ]
            }
          },
          {
            "name": "stale",
            "in": "query",
            "schema": {
              "type": "boolean"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 100
            }
          },
          {
            "$ref": "#/components/parameters/cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of actual states.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "items",
                    "nextCursor"
                  ],
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/ActualState"
                      }
                    },
                    "nextCursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    },
    "/entities/{namespace}/{kind}/{name}/actual": {
      "get": {
        "operationId": "GetEntityActualState",
        "tags": [
          "live"
        ],
        "description": "What the service actually runs, with evidence and its drift state; 404 to whoever may not read the entity, and before a live pass has seen it.",
        "parameters": [
          {
            "$ref": "#/components/parameters/namespace"
          },
          {
            "$ref": "#/components/parameters/kind"
          },
          {
            "$ref": "#/components/parameters/name"
          }
        ],
        "responses": {
          "200": {
            "description": "The actual state.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ActualState"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/ErrorResponse"
          },
          "404": {
            "$ref": "#/components/responses/ErrorResponse"
          }
        }
      }
    }
  }
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);

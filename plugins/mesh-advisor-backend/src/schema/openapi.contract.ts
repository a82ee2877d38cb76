/*
 * The common package's wire types checked against openapi.yaml at compile
 * time, so the document stays the source of truth: `yarn tsc` fails when
 * either drifts from the other. Nothing here runs.
 *
 * Request bodies and queries must match the document exactly (what the
 * frontend sends is what the router accepts). A response must name the
 * document's fields, and every value of the common type must be one the
 * document allows; where the document is as precise as the type, both ways.
 * Field names are compared at the top level; nested objects by their values.
 * A drift fails as "Type 'false' does not satisfy the constraint 'true'" on
 * the line that names the pair.
 */
import type { internal } from '@backstage/backend-openapi-utils';
import type {
  ActualState,
  ActualStatePage,
  ActualStateQuery,
  ClusterState,
  Decision,
  DecisionEvent,
  DecisionListQuery,
  DecisionPage,
  DecisionTransition,
  DecisionWithEvents,
  DerivedPlatform,
  EvaluateRequest,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationRow,
  LiveClusters,
  MeshAdvisorSummary,
  NewDecision,
  StoredEvaluation,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { spec } from './openapi.generated';

type Doc = typeof spec;
type Path = internal.DocPath<Doc>;
type Method<P extends Path> = internal.DocPathMethod<Doc, P>;

/** A schema of components/schemas, as a type. */
type Schema<N extends keyof Doc['components']['schemas']> = internal.ToTypeSafe<
  internal.SchemaRef<Doc, Doc['components']['schemas'][N]>
>;
/** The body an operation answers with, for one status. */
type ResponseBody<
  P extends Path,
  M extends Method<P>,
  S extends keyof internal.ResponseSchemas<Doc, P, M>,
> = internal.ToTypeSafe<internal.ResponseSchemas<Doc, P, M>[S]>;
type RequestBody<
  P extends Path,
  M extends Method<P>,
> = internal.RequestBodyToJsonSchema<Doc, P, M>;
/** The router types every query parameter as present. */
type Query<P extends Path, M extends Method<P>> = internal.QuerySchema<
  Doc,
  P,
  M
>;

/** The named (not index-signature) keys of a type. */
type NamedKeys<T> = keyof {
  [K in keyof T as string extends K ? never : K]: T[K];
};
type Holds<T extends true> = T;
type Extends<A, B> = [A] extends [B] ? true : false;
type Both<A extends boolean, B extends boolean> = [A, B] extends [true, true]
  ? true
  : false;
type SameKeys<A, B> = Both<
  Extends<NamedKeys<A>, NamedKeys<B>>,
  Extends<NamedKeys<B>, NamedKeys<A>>
>;
/** The type and the document name the same fields and allow the same values. */
type Exactly<A, B> = Both<SameKeys<A, B>, Both<Extends<A, B>, Extends<B, A>>>;
/** The type and the document name the same fields, and the type's values are the document's. */
type Conforms<A, B> = Both<SameKeys<A, B>, Extends<A, B>>;

export type Contract = [
  // What clients send.
  Holds<Exactly<NewDecision, RequestBody<'/decisions', 'post'>>>,
  Holds<
    Exactly<
      DecisionTransition,
      RequestBody<'/decisions/{id}/transitions', 'post'>
    >
  >,
  // The document's Entity is looser than the catalog model's.
  Holds<Conforms<EvaluateRequest, RequestBody<'/evaluate', 'post'>>>,
  Holds<Exactly<Required<DecisionListQuery>, Query<'/decisions', 'get'>>>,
  Holds<Exactly<Required<EvaluationListQuery>, Query<'/evaluations', 'get'>>>,
  Holds<Exactly<Required<ActualStateQuery>, Query<'/live/services', 'get'>>>,
  // What the backend answers.
  Holds<Exactly<EvaluationRow, Schema<'EvaluationRow'>>>,
  Holds<Exactly<ActualState, Schema<'ActualState'>>>,
  Holds<Exactly<DerivedPlatform, Schema<'DerivedPlatform'>>>,
  Holds<Conforms<ClusterState, Schema<'ClusterState'>>>,
  Holds<Conforms<Decision, Schema<'Decision'>>>,
  Holds<Conforms<DecisionEvent, Schema<'DecisionEvent'>>>,
  Holds<Conforms<StoredEvaluation, Schema<'Evaluation'>>>,
  Holds<
    Conforms<DecisionWithEvents, ResponseBody<'/decisions/{id}', 'get', '200'>>
  >,
  Holds<Conforms<DecisionPage, ResponseBody<'/decisions', 'get', '200'>>>,
  Holds<Conforms<EvaluationPage, ResponseBody<'/evaluations', 'get', '200'>>>,
  Holds<Conforms<MeshAdvisorSummary, ResponseBody<'/summary', 'get', '200'>>>,
  Holds<Conforms<LiveClusters, ResponseBody<'/live/clusters', 'get', '200'>>>,
  Holds<
    Conforms<ActualStatePage, ResponseBody<'/live/services', 'get', '200'>>
  >,
];

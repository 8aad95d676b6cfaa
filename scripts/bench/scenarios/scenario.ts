/** What a benchmark scenario declares (the registry is scenarios/index.ts). */

/** One operation, as the GraphQL server and the BFF each receive it. */
export interface Operation {
  /** The GraphQL document and variables. */
  query: string;
  variables?: Record<string, unknown>;
  /** The BFF route answering the same data (scripts/bench/bff/routes.ts); it gets the same variables. */
  route: string;
  /** The signed-in user (x-user-id on both sides; default load.ts's DEFAULT_VIEWER). */
  viewer?: string;
}

export interface Scenario {
  /** The name `npm run bench -- --scenario <name>` takes. */
  name: string;
  /** The row label in the report. */
  title: string;
  /** What it measures, for docs/benchmark.md. */
  measures: string;
  /**
   * The operation a worker sends on its `iteration`-th request (most scenarios send the same one every
   * time; a write alternates so that every iteration does the same work).
   */
  operation(iteration: number, worker: number): Operation;
  /** The fewest upstream calls per command, and sequential round trips, that can answer it. */
  minimum: { calls: Record<string, number>; roundTrips: number };
}

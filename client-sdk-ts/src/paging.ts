import type { Client } from "openapi-fetch";
import type { components, operations, paths } from "./generated/openapi.js";

type Schemas = components["schemas"];
type Query<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;

/** Every entry of a paged list, fetching one page at a time as iteration proceeds. */
export async function* paged<T, K>(
  fetchPage: (key: K | undefined) => Promise<{ entries: T[]; next: K | undefined }>,
): AsyncGenerator<T, void, undefined> {
  let key: K | undefined = undefined;
  do {
    const page = await fetchPage(key);
    yield* page.entries;
    key = page.next;
  } while (key !== undefined);
}

/** Collects an async iterable (fetches every page). */
export async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const t of iterable) all.push(t);
  return all;
}

/** One iterator per paged list operation of the contract (pages.test.ts checks the list). */
export function pagers(api: Client<paths>) {
  return {
    /** items_list: cursor pages. */
    items(query: Omit<Query<"items_list">, "cursor"> = {}): AsyncGenerator<Schemas["Item"]> {
      return paged<Schemas["Item"], string>(async (cursor) => {
        const p = (await api.GET("/items", { params: { query: { ...query, cursor } } })).data!;
        return { entries: p.items, next: p.page.has_more ? p.page.next_cursor : undefined };
      });
    },
    /** offers_list: cursor pages of the offers on one item. */
    offers(query: Omit<Query<"offers_list">, "cursor">): AsyncGenerator<Schemas["Offer"]> {
      return paged<Schemas["Offer"], string>(async (cursor) => {
        const p = (await api.GET("/offers", { params: { query: { ...query, cursor } } })).data!;
        return { entries: p.offers, next: p.page.has_more ? p.page.next_cursor : undefined };
      });
    },
    /** echoes_list: numbered pages, newest first. */
    echoes(query: Omit<Query<"echoes_list">, "page"> = {}): AsyncGenerator<Schemas["EchoResponse"]> {
      return paged<Schemas["EchoResponse"], number>(async (page) => {
        const p = (await api.GET("/api/v1/echoes", { params: { query: { ...query, page: page ?? 1 } } })).data!;
        return { entries: p.echoes, next: p.has_more ? p.next_page : undefined };
      });
    },
    /** events_search: Motion's community events near a place, cursor pages sorted by start. */
    events(query: Omit<Query<"events_search">, "cursor"> = {}): AsyncGenerator<Schemas["MotionEvent"]> {
      return paged<Schemas["MotionEvent"], string>(async (cursor) => {
        const p = (await api.GET("/events/search", { params: { query: { ...query, cursor } } })).data!;
        return { entries: p.items, next: p.nextCursor };
      });
    },
    /** insights_history: Clarity Loop insights of one user, newest first, cursor pages. */
    insights(userId: string, query: Omit<Query<"insights_history">, "cursor"> = {}): AsyncGenerator<Schemas["Insight"]> {
      return paged<Schemas["Insight"], string>(async (cursor) => {
        const p = (await api.GET("/api/v1/insights/history/{user_id}", {
          params: { path: { user_id: userId }, query: { ...query, cursor } },
        })).data!;
        return { entries: p.data, next: p.pagination.has_next ? p.pagination.next_cursor : undefined };
      });
    },
    /** healthData_list: Clarity Loop health metrics of the caller, cursor pages. */
    healthData(query: Omit<Query<"healthData_list">, "cursor"> = {}): AsyncGenerator<Schemas["StoredMetric"]> {
      return paged<Schemas["StoredMetric"], string>(async (cursor) => {
        const p = (await api.GET("/api/v1/health-data", { params: { query: { ...query, cursor } } })).data!;
        return { entries: p.data, next: p.pagination.has_next ? p.pagination.next_cursor : undefined };
      });
    },
  };
}

/** Operation ids the pagers cover; a paged operation missing here fails pages.test.ts. */
export const PAGED_OPERATIONS = [
  "items_list", "offers_list", "echoes_list", "events_search", "insights_history", "healthData_list",
] as const;

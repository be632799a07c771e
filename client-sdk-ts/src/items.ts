import type { Client } from "openapi-fetch";
import type { components, paths } from "./generated/openapi.js";
import { newId } from "./ids.js";

type Item = components["schemas"]["Item"];

/** An item with the ETag it was read with; writes send it back as If-Match. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/** Items with their versions handled: no caller touches ETag/If-Match headers. */
export function itemsHelper(api: Client<paths>) {
  const versioned = (r: { data?: Item; response: Response }): Versioned<Item> => ({
    value: r.data!,
    etag: r.response.headers.get("ETag") ?? "",
  });
  const get = async (itemId: string) =>
    versioned(await api.GET("/items/{item_id}", { params: { path: { item_id: itemId } } }));
  const current = async (item: string | Versioned<Item>) => (typeof item === "string" ? get(item) : item);
  return {
    get,
    /** Sends a fresh Idempotency-Key, so a lost answer is retried safely. */
    async create(body: components["schemas"]["CreateItemRequest"]): Promise<Versioned<Item>> {
      return versioned(await api.POST("/items", { body, params: { header: { "Idempotency-Key": newId() } } }));
    },
    /** By id: reads the current version first. By Versioned: 412 PreconditionProblem if it changed. */
    async update(item: string | Versioned<Item>, patch: components["schemas"]["UpdateItemRequest"]): Promise<Versioned<Item>> {
      const v = await current(item);
      return versioned(await api.PATCH("/items/{item_id}", {
        params: { path: { item_id: v.value.item_id }, header: { "If-Match": v.etag } },
        body: patch,
      }));
    },
    async delete(item: string | Versioned<Item>): Promise<void> {
      const v = await current(item);
      await api.DELETE("/items/{item_id}", { params: { path: { item_id: v.value.item_id }, header: { "If-Match": v.etag } } });
    },
  };
}

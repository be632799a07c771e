/**
 * Identity storage: users (with e-mail and phone uniqueness markers), one-time codes, sessions
 * with their refresh tokens, and counters. Interfaces and records here know no AWS SDK or JAX-RS
 * types; the {@code Dynamo*} implementations own table names, keys, item mapping and conditional
 * writes, and turn every SDK exception into one of this package's {@link
 * dev.apiplatform.server.identity.store.IdentityStoreException}s.
 *
 * <p>Expiry instants ({@code expiresAt}) are stored as the TTL attribute {@code expires_at} in
 * epoch seconds, so they come back with second precision. An item counts as live while
 * {@code expires_at > now} (seconds); every read and conditional write applies that rule itself,
 * because TTL deletion is lazy on AWS and absent in DynamoDB Local. Other instants are stored as
 * ISO-8601 strings and keep their precision.
 */
package dev.apiplatform.server.identity.store;

/**
 * Geography for the platform: one {@link dev.apiplatform.server.geo.Geocoder} (offline gazetteer
 * by default, AWS Location when {@code GEO_PLACE_INDEX} is set; see {@link
 * dev.apiplatform.server.geo.Geocoders}), great-circle {@link dev.apiplatform.server.geo.Distance},
 * and the cell index math of radius search ({@link dev.apiplatform.server.geo.GeoCover}, {@link
 * dev.apiplatform.server.geo.EventKeys}).
 *
 * <h2>Key layout of Motion's events (table {@code <stage>-MotionEvents})</h2>
 *
 * <pre>
 * base table     PK eventId (S)                                   GET /events/{eventId}
 * GSI byGeoTime  PK geoBucket (S) = geohash4 # yyyy-MM             GET /events/search
 *                SK startKey  (S) = yyyy-MM-ddTHH:mm:ss.SSSZ # eventId
 *                projection ALL (a search needs no GetItem per hit)
 * GSI byCreator  PK createdByEmail (S), SK startKey (S)            GET /events/by-user (Limit)
 * </pre>
 *
 * A search for events starting in {@code [from, to)} within r of a center runs, for each cell of
 * {@code GeoCover.cells(center, r, 4)} and each UTC month the window touches, one Query
 * {@code geoBucket = :p AND startKey BETWEEN :lo AND :hi} ({@link
 * dev.apiplatform.server.geo.EventKeys#plan}), then keeps the items with haversine distance ≤ r
 * (and the tags asked for). It reads only those cells and that time range; nothing scans.
 * {@link dev.apiplatform.server.geo.DynamoEventIndex#search} does exactly that, with paging;
 * {@link dev.apiplatform.server.geo.EventKeys#indexAttributes} gives the attributes an event
 * item needs and {@link dev.apiplatform.server.geo.EventKeys#tableDefinition} the table.
 *
 * <ul>
 *   <li>Precision 4 (≈ 39 × 19.5 km at the equator): a 10-mile search needs 4–9 partitions and
 *       reads ≈ 1.7 items per match on the test set (GeoCoverTest prints the figure).
 *   <li>The month in the partition bounds each item collection's growth and spreads a busy
 *       metro's writes over time; a window of d days touches ⌈d/30⌉ + 1 months at most.
 *   <li>Sort keys have fixed-width UTC millis so string order is time order; {@code hi} ends in
 *       U+FFFF to include every id at the last millisecond. A cursor is the last {@code
 *       startKey} returned: the next page queries each partition from it and skips it.
 *   <li>Longitudes wrap: a circle across ±180° is covered by cells on both sides. Beyond
 *       ±85.078125° (28 cell rows at each end) events share one polar-cap partition
 *       ({@code n-cap#yyyy-MM}, {@code s-cap#yyyy-MM}): there a circle around the pole would
 *       otherwise need 1,024 partitions per row. Cells also narrow with latitude elsewhere
 *       (6.8 km wide at 80°): the HTTP layer should bound the radius and the plan's size.
 *   <li>GSIs are eventually consistent: a new event shows in search within about a second;
 *       {@code GET /events/{eventId}} reads the base table and sees it at once.
 * </ul>
 */
package dev.apiplatform.server.geo;

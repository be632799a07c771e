package dev.apiplatform.server.http.edge;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Puts the edge into a listener's filter chain: the strict codec in place of Grizzly's own, and
 * the body aggregator right before the server filter that calls Jersey.
 */
final class EdgeAddOn implements AddOn {

  private final EdgeSettings settings;
  private final BodyAggregator aggregator;

  EdgeAddOn(EdgeSettings settings, BodyAggregator aggregator) {
    this.settings = settings;
    this.aggregator = aggregator;
  }

  @Override
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int codecAt = builder.indexOfType(HttpServerFilter.class);
    if (codecAt < 0) throw new IllegalStateException("no HTTP codec in the filter chain");
    HttpServerFilter stock = (HttpServerFilter) builder.get(codecAt);
    StrictHttpCodec strict = new StrictHttpCodec(settings, listener);
    for (ContentEncoding encoding : stock.getContentEncodings()) strict.addContentEncoding(encoding);
    strict.setAllowPayloadForUndefinedHttpMethods(stock.isAllowPayloadForUndefinedHttpMethods());
    strict.setMaxPayloadRemainderToSkip(stock.getMaxPayloadRemainderToSkip());
    builder.set(codecAt, strict);
    int serverAt = builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
    if (serverAt < 0) throw new IllegalStateException("no HTTP server filter in the filter chain");
    builder.add(serverAt, aggregator);
  }
}

package dev.apiplatform.sdk;

import dev.apiplatform.client.ApiException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every entry of a paged list operation, fetched lazily one page at a time as iteration
 * proceeds. Each {@link #iterator()} starts again from the first page.
 */
public final class PagedIterable<T> implements Iterable<T> {

  /** One page: its entries and the token of the next one (null on the last page). */
  public static final class Page<T, K> {
    final List<T> entries;
    final K next;

    public Page(List<T> entries, K next) {
      this.entries = entries == null ? Collections.<T>emptyList() : entries;
      this.next = next;
    }
  }

  /** Fetches the page at {@code key} (null: the first page). */
  public interface Fetcher<T, K> {
    Page<T, K> fetch(K key) throws ApiException;
  }

  private final Fetcher<T, ?> fetcher;

  public <K> PagedIterable(Fetcher<T, K> fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public Iterator<T> iterator() {
    return new PageIterator<T, Object>(cast(fetcher));
  }

  public Stream<T> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
  }

  /** Fetches every page now. */
  public List<T> toList() {
    List<T> all = new ArrayList<T>();
    for (T t : this) {
      all.add(t);
    }
    return all;
  }

  @SuppressWarnings("unchecked")
  private static <T> Fetcher<T, Object> cast(Fetcher<T, ?> f) {
    return (Fetcher<T, Object>) f;
  }

  private static final class PageIterator<T, K> implements Iterator<T> {
    private final Fetcher<T, K> fetcher;
    private Iterator<T> current = Collections.<T>emptyList().iterator();
    private K next;
    private boolean started;

    PageIterator(Fetcher<T, K> fetcher) {
      this.fetcher = fetcher;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext()) {
        if (started && next == null) {
          return false;
        }
        Page<T, K> page;
        try {
          page = fetcher.fetch(next);
        } catch (ApiException e) {
          throw new PageFetchException(e);
        }
        started = true;
        current = page.entries.iterator();
        next = page.next;
      }
      return true;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}

package io.qiao.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged list: nothing is requested until iteration starts, then one request per page as the
 * caller advances. Iterate records with {@code for}/{@link #stream()}, or whole pages with
 * {@link #byPage()}; resume an interrupted walk with {@link #byPage(String)} from a page's
 * {@link Page#nextToken() continuation}.
 *
 * <p>Paging stops on the vendor's end signal (a page without a next token). It never loops forever: a page
 * whose next token equals the token that fetched it, or more pages than the cap, ends with a
 * {@link DecodeException}.
 *
 * @param <T> the record type
 */
public final class PagedIterable<T> implements Iterable<T> {
    /** The default page cap: far above any real listing, low enough to stop a runaway loop. */
    public static final int DEFAULT_MAX_PAGES = 1_000_000;

    private final PageFetcher<T> fetcher;
    private final String operation;
    private final int maxPages;

    /** Fetches the page a token points at; null is the first page. */
    @FunctionalInterface
    public interface PageFetcher<T> {
        Page<T> fetch(String continuationToken);
    }

    private PagedIterable(String operation, PageFetcher<T> fetcher, int maxPages) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        this.maxPages = maxPages;
    }

    public static <T> PagedIterable<T> of(String operation, PageFetcher<T> fetcher) {
        return new PagedIterable<>(operation, fetcher, DEFAULT_MAX_PAGES);
    }

    public static <T> PagedIterable<T> of(String operation, PageFetcher<T> fetcher, int maxPages) {
        return new PagedIterable<>(operation, fetcher, maxPages);
    }

    /** A single page that is already known; handy for tests and for APIs without paging. */
    public static <T> PagedIterable<T> ofList(String operation, List<T> items) {
        List<T> copy = List.copyOf(items);
        return of(operation, token -> Page.last(copy));
    }

    /** The same paging with each record transformed. */
    public <R> PagedIterable<R> map(Function<? super T, ? extends R> fn) {
        return new PagedIterable<>(operation, token -> {
            Page<T> p = fetcher.fetch(token);
            return new Page<R>(p.items().stream().<R>map(fn).toList(), p.nextToken());
        }, maxPages);
    }

    public PagedIterable<T> withMaxPages(int maxPages) {
        return new PagedIterable<>(operation, fetcher, maxPages);
    }

    @Override
    public Iterator<T> iterator() {
        Iterator<Page<T>> pages = byPage().iterator();
        return new Iterator<>() {
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!pages.hasNext()) {
                        return false;
                    }
                    current = pages.next().items().iterator();
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
        };
    }

    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** Whole pages from the first. */
    public Iterable<Page<T>> byPage() {
        return byPage(null);
    }

    /** Whole pages, starting at the page that {@code continuationToken} points at (null: the first). */
    public Iterable<Page<T>> byPage(String continuationToken) {
        return () -> new PageIterator(continuationToken);
    }

    public Stream<Page<T>> streamByPage() {
        return StreamSupport.stream(byPage().spliterator(), false);
    }

    private final class PageIterator implements Iterator<Page<T>> {
        private String token;
        private boolean done;
        private int fetched;

        PageIterator(String startToken) {
            this.token = startToken;
        }

        @Override
        public boolean hasNext() {
            return !done;
        }

        @Override
        public Page<T> next() {
            if (done) {
                throw new NoSuchElementException();
            }
            if (fetched >= maxPages) {
                throw new DecodeException(operation, "more than " + maxPages + " pages; stopping so that a paging "
                        + "bug cannot loop forever (raise the cap with withMaxPages if the listing is really this long)",
                        "", null);
            }
            Page<T> page = fetcher.fetch(token);
            fetched++;
            if (page == null) {
                throw new DecodeException(operation, "the page fetcher returned no page", "", null);
            }
            if (page.nextToken() != null && page.nextToken().equals(token)) {
                throw new DecodeException(operation, "the vendor returned the same continuation '" + token
                        + "' twice; stopping instead of fetching the same page forever", "", null);
            }
            token = page.nextToken();
            done = token == null;
            return page;
        }
    }
}

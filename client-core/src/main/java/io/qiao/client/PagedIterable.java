package io.qiao.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazily paged list: nothing is requested until iteration starts, then one request per page as the
 * caller advances. Iterate records with {@code for}/{@link #stream()}, or whole pages with
 * {@link #byPage()}; resume an interrupted walk with {@link #byPage(String)} from a page's
 * {@link Page#nextToken() continuation}.
 *
 * <p>Paging stops on the vendor's end signal (a page without a next token). It never loops forever: the walk
 * ends with a {@link PagingException} when
 * <ul>
 *   <li>a non-empty page holds exactly the records of the page before it in the same window (a vendor that
 *       ignores the page index and keeps saying more pages follow),</li>
 *   <li>a page's next token equals the token that fetched it,</li>
 *   <li>a window takes more pages than {@link PagingLimits#maxPagesPerWindow()} (default
 *       {@value PagingLimits#DEFAULT_MAX_PAGES_PER_WINDOW}) or, by the guard's clock, more time than
 *       {@link PagingLimits#timeBudgetPerWindow()} (default 30 minutes), or the whole listing more pages than
 *       {@link #withMaxPages(int)} (default {@value #DEFAULT_MAX_PAGES}).</li>
 * </ul>
 * The comparison is made on the pages as fetched, before {@link #map} or {@link #mapPages}, so a filter that
 * empties a page cannot hide a repetition. A client attaches its vendor name, limits and clock with
 * {@link #guardedBy(PagingGuard)} and tells where windows begin with {@link #windowedBy(ToIntFunction)}.
 *
 * @param <T> the record type
 */
public final class PagedIterable<T> implements Iterable<T> {
    /** The default page cap of a whole listing: far above any real listing, low enough to stop a runaway loop. */
    public static final int DEFAULT_MAX_PAGES = 1_000_000;

    private static final String DEFAULT_MORE_SIGNAL = "that more pages follow";

    private final String operation;
    private final PageFetcher<?> fetcher;
    private final Function<Page<?>, Page<T>> view;
    private final int maxPages;
    private final PagingGuard guard;
    private final ToIntFunction<String> windowOf;
    private final String moreSignal;

    /** Fetches the page a token points at; null is the first page. */
    @FunctionalInterface
    public interface PageFetcher<T> {
        Page<T> fetch(String continuationToken);
    }

    private PagedIterable(String operation, PageFetcher<?> fetcher, Function<Page<?>, Page<T>> view, int maxPages,
                          PagingGuard guard, ToIntFunction<String> windowOf, String moreSignal) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.view = view;
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        this.maxPages = maxPages;
        this.guard = Objects.requireNonNull(guard, "guard");
        this.windowOf = windowOf;
        this.moreSignal = Objects.requireNonNull(moreSignal, "moreSignal");
    }

    @SuppressWarnings("unchecked")
    private static <T> Function<Page<?>, Page<T>> identity() {
        return p -> (Page<T>) p;
    }

    public static <T> PagedIterable<T> of(String operation, PageFetcher<T> fetcher) {
        return of(operation, fetcher, DEFAULT_MAX_PAGES);
    }

    public static <T> PagedIterable<T> of(String operation, PageFetcher<T> fetcher, int maxPages) {
        return new PagedIterable<>(operation, fetcher, identity(), maxPages, PagingGuard.unnamed(), null,
                DEFAULT_MORE_SIGNAL);
    }

    /** A single page that is already known; handy for tests and for APIs without paging. */
    public static <T> PagedIterable<T> ofList(String operation, List<T> items) {
        List<T> copy = List.copyOf(items);
        return of(operation, token -> Page.last(copy));
    }

    /** The same paging with each record transformed. */
    public <R> PagedIterable<R> map(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return mapPages(p -> new Page<R>(p.items().stream().<R>map(fn).toList(), p.nextToken()));
    }

    /**
     * The same paging with each page transformed (filtered, re-keyed); the guard still watches the pages as
     * fetched. The function must keep the page's next token unless it means to end the walk.
     */
    public <R> PagedIterable<R> mapPages(Function<? super Page<T>, Page<R>> fn) {
        Objects.requireNonNull(fn, "fn");
        return new PagedIterable<>(operation, fetcher, view.andThen(fn), maxPages, guard, windowOf, moreSignal);
    }

    /** The same paging with another cap on the pages of the whole listing. */
    public PagedIterable<T> withMaxPages(int maxPages) {
        return new PagedIterable<>(operation, fetcher, view, maxPages, guard, windowOf, moreSignal);
    }

    /** The same paging guarded with a client's vendor name, {@link PagingLimits} and clock. */
    public PagedIterable<T> guardedBy(PagingGuard guard) {
        return new PagedIterable<>(operation, fetcher, view, maxPages, guard, windowOf, moreSignal);
    }

    /**
     * The same paging, told which window each continuation token belongs to (null: the first page), so that
     * the per-window limits and the repeated-page check start afresh with each window.
     */
    public PagedIterable<T> windowedBy(ToIntFunction<String> windowOfToken) {
        return new PagedIterable<>(operation, fetcher, view, maxPages, guard,
                Objects.requireNonNull(windowOfToken, "windowOfToken"), moreSignal);
    }

    /** How the vendor says more pages follow, for messages ("has_next=true", "TotalPages beyond this page"). */
    public PagedIterable<T> withMoreSignal(String moreSignal) {
        return new PagedIterable<>(operation, fetcher, view, maxPages, guard, windowOf, moreSignal);
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

    private static String duration(Duration d) {
        return d.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().substring(2).toLowerCase();
    }

    private final class PageIterator implements Iterator<Page<T>> {
        private String token;
        private boolean done;
        private int fetched;
        private int window = -1;
        private int pageInWindow;
        private Instant windowStarted;
        private List<?> previous;

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
            int w = windowOf == null ? 0 : windowOf.applyAsInt(token);
            if (w != window) {
                window = w;
                pageInWindow = 0;
                windowStarted = guard.clock().instant();
                previous = null;
            }
            int n = pageInWindow + 1;
            PagingLimits limits = guard.limits();
            if (fetched >= maxPages) {
                throw stop(n, "more than " + maxPages + " pages in one listing; listing stopped so that a paging "
                        + "bug cannot loop forever (raise the cap with withMaxPages if the listing is really this long)");
            }
            if (n > limits.maxPagesPerWindow()) {
                throw stop(n, "more than " + limits.maxPagesPerWindow() + " pages in one window, the cap set by "
                        + "PagingLimits.maxPagesPerWindow; listing stopped (raise the cap if a window really holds "
                        + "this many pages)");
            }
            if (n > 1) {
                Duration spent = Duration.between(windowStarted, guard.clock().instant());
                if (spent.compareTo(limits.timeBudgetPerWindow()) > 0) {
                    throw stop(n, "the window has been paging for " + duration(spent) + ", beyond the "
                            + duration(limits.timeBudgetPerWindow()) + " set by PagingLimits.timeBudgetPerWindow; "
                            + "listing stopped (raise the budget if a window is really this slow)");
                }
            }
            Page<?> page = fetcher.fetch(token);
            fetched++;
            pageInWindow = n;
            if (page == null) {
                throw new DecodeException(operation, "the page fetcher returned no page", "", null);
            }
            if (page.nextToken() != null && page.nextToken().equals(token)) {
                throw stop(n, "returned the same continuation '" + token + "' twice: the vendor keeps answering "
                        + moreSignal + " without moving on; listing stopped");
            }
            if (!page.items().isEmpty() && page.items().equals(previous)) {
                throw stop(n, "repeated page " + (n - 1) + "'s " + previous.size() + " records: the vendor keeps "
                        + "answering " + moreSignal + " with the same data; listing stopped");
            }
            if (!page.items().isEmpty()) {
                previous = page.items();
            }
            token = page.nextToken();
            done = token == null;
            return view.apply(page);
        }

        private PagingException stop(int n, String why) {
            String who = (guard.vendor() == null ? "" : guard.vendor() + " ") + operation;
            // The first window goes unnamed: most listings have one, and "page 3 of window 1" says nothing more.
            String where = "page " + n + (window > 0 ? " of window " + (window + 1) : "");
            return new PagingException(operation, n, who + " " + where + (why.startsWith("more") || why.startsWith("the")
                    ? ": " : " ") + why);
        }
    }
}

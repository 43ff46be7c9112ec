package io.qiao.kis.model;

/**
 * Which materials to list. KIS pages with {@code CurrentPage}/{@code ItemsOfPage}.
 *
 * @param pageSize ItemsOfPage, 1..1000
 * @param keyword  an optional search text sent as {@code SearchKey}, the name two public KIS clients send to
 *                 {@code Material/List} (a PHP SDK {@code Holt\KindeeKis} with {@code ParentId}/{@code Detail}/
 *                 {@code Ids}/{@code StartDate}/{@code EndDate}, and a Python open.jdy.com client). How KIS matches it
 *                 is not documented, so callers must not rely on it narrowing the result
 */
public record MaterialQuery(int pageSize, String keyword) {
    public static final int DEFAULT_PAGE_SIZE = 100;

    public MaterialQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("pageSize must be in 1..1000, was " + pageSize);
        }
    }

    public static MaterialQuery all() {
        return new MaterialQuery(DEFAULT_PAGE_SIZE, null);
    }

    public MaterialQuery withPageSize(int pageSize) {
        return new MaterialQuery(pageSize, keyword);
    }

    public MaterialQuery withKeyword(String keyword) {
        return new MaterialQuery(pageSize, keyword);
    }

    /** A builder: nothing set lists every material, {@value #DEFAULT_PAGE_SIZE} a page. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's values, to derive a variant. */
    public Builder toBuilder() {
        return new Builder().pageSize(pageSize).keyword(keyword);
    }

    /** Collects the filters; {@link #build()} checks them. */
    public static final class Builder {
        private int pageSize = DEFAULT_PAGE_SIZE;
        private String keyword;

        private Builder() {
        }

        /** ItemsOfPage, 1..1000. */
        public Builder pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** The search text sent as {@code Search}, or null; see the record's note on why it may not narrow. */
        public Builder keyword(String keyword) {
            this.keyword = keyword;
            return this;
        }

        /** The query; a bad page size is refused here. */
        public MaterialQuery build() {
            return new MaterialQuery(pageSize, keyword);
        }
    }
}

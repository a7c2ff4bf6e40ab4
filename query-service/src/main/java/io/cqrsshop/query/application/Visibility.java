package io.cqrsshop.query.application;

/**
 * The kind of read that must see the caller's writes before a query answers. Elasticsearch shows a
 * write to the two kinds at different times, so each has its own check (see {@link
 * ReadYourWrites}).
 */
public enum Visibility {
  /** A GET by id: real time, it sees a document as soon as the document is indexed. */
  LOOKUP,
  /** A search, count or aggregation: it sees a document only after the next index refresh. */
  SEARCH
}

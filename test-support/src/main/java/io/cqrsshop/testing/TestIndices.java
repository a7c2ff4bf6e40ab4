package io.cqrsshop.testing;

/**
 * An index prefix of a test's own on the shared test Elasticsearch (see {@link StackExtension} for
 * its scope): every index and alias under it is deleted after the test.
 */
public final class TestIndices extends StackExtension {

  private final String prefix = TestElasticsearch.uniquePrefix();

  public String prefix() {
    return prefix;
  }

  /** The test Elasticsearch's base URL. */
  public String url() {
    return TestElasticsearch.url();
  }

  @Override
  protected void stop() {
    TestElasticsearch.deleteIndices(prefix);
  }
}

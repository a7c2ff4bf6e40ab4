package io.cqrsshop.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The base of the test stacks' JUnit 5 extensions: real servers, databases or index prefixes that a
 * test starts when it creates the extension and that are removed after it, also when the test
 * failed. Register one with {@code @RegisterExtension}: in a static field the whole class shares
 * it, as a {@code @BeforeAll} set-up would; in an instance field each test gets its own, as a
 * {@code @BeforeEach} set-up would.
 */
public abstract class StackExtension
    implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, AutoCloseable {

  private boolean perClass;
  private boolean closed;

  @Override
  public void beforeAll(ExtensionContext context) {
    // Only an extension in a static field gets this call: it lives as long as the class.
    perClass = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      close();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Removes what this part of the stack started; later calls do nothing. */
  @Override
  public final synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        stop();
      } catch (Exception e) {
        throw new IllegalStateException("cannot remove " + getClass().getSimpleName(), e);
      }
    }
  }

  /** Stops and removes everything this part started, the last started first. */
  protected abstract void stop() throws Exception;
}

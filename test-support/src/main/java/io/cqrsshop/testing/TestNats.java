package io.cqrsshop.testing;

/**
 * A nats-server with JetStream of a test's own (see {@link StackExtension} for its scope), killed
 * and its store removed after it.
 */
public final class TestNats extends StackExtension {

  private final NatsServerProcess server = NatsServerProcess.start();

  /** The server, to stop, restart or kill it during a test. */
  public NatsServerProcess server() {
    return server;
  }

  public String url() {
    return server.url();
  }

  @Override
  protected void stop() {
    server.close();
  }
}

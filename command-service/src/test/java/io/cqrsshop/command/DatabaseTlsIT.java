package io.cqrsshop.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cqrsshop.testing.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * command-service reaches PostgreSQL as the prod overlay configures it: TLS with the server's
 * certificate checked against a CA file and the host name ({@code sslmode=verify-full}).
 */
class DatabaseTlsIT {

  @RegisterExtension static final TestStack stack = new TestStack();

  @TempDir Path directory;

  @Test
  void verifyFull_withTheServersCa_servesCommands() {
    Map<String, String> env = stack.env();
    env.put("COMMAND_DB_URL", stack.database.verifiedTlsUrl());

    CommandServiceApplication app = stack.startApp(env);

    assertThat(stack.client(app).createProduct(Requests.product(1)).getProductId()).isNotEmpty();
  }

  @Test
  void verifyFull_againstAnotherCa_refusesToStartAndSaysWhy() {
    Path stranger =
        TestCertificates.authority("not the database's CA")
            .writeCertificate(directory.resolve("other-ca.crt"));
    Map<String, String> env = stack.env();
    env.put(
        "COMMAND_DB_URL",
        stack
            .database
            .verifiedTlsUrl()
            .replaceFirst("sslrootcert=[^&]*", "sslrootcert=" + stranger));

    Throwable refused = catchThrowable(() -> stack.startApp(env));

    assertThat(refused).isNotNull();
    assertThat(messages(refused)).anyMatch(message -> message.contains("SSL"));
  }

  private static List<String> messages(Throwable failure) {
    return Stream.iterate(failure, t -> t != null, Throwable::getCause)
        .map(t -> String.valueOf(t.getMessage()))
        .toList();
  }
}

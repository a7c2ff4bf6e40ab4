package io.cqrsshop.runtime.security;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of TLS: credentials whose certificate (and client CA) are read again whenever
 * their files change, so a rotated certificate is served to new connections without a restart.
 *
 * <p>Changes are found by the files' content, not their modification time: Kubernetes rotates a
 * mounted Secret by swapping a symbolic link, and a certificate and key written within the same
 * clock tick would look unchanged. A half-written pair fails to load and is tried again at the next
 * check, while the previous certificate keeps being served.
 */
public final class ServerTls implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private final TlsSettings settings;
  private final ServerCredentials credentials;
  private final AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
  private final Optional<AdvancedTlsX509TrustManager> trust;
  private final ScheduledExecutorService refresher;
  private byte[] loaded;

  public ServerTls(TlsSettings settings, Duration refresh)
      throws IOException, GeneralSecurityException {
    this.settings = settings;
    this.trust =
        settings.clientCaFile().isPresent()
            ? Optional.of(
                AdvancedTlsX509TrustManager.newBuilder()
                    .setVerification(
                        AdvancedTlsX509TrustManager.Verification.CERTIFICATE_ONLY_VERIFICATION)
                    .build())
            : Optional.empty();
    load();
    TlsServerCredentials.Builder builder = TlsServerCredentials.newBuilder().keyManager(keys);
    trust.ifPresent(
        manager ->
            builder
                .trustManager(manager)
                .clientAuth(
                    settings.clientAuth().equals("require")
                        ? TlsServerCredentials.ClientAuth.REQUIRE
                        : TlsServerCredentials.ClientAuth.OPTIONAL));
    credentials = builder.build();
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("tls-reload").daemon().unstarted(runnable));
    refresher.scheduleWithFixedDelay(
        this::reloadIfChanged, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  public ServerCredentials credentials() {
    return credentials;
  }

  private synchronized void reloadIfChanged() {
    try {
      if (!Arrays.equals(fingerprint(), loaded)) {
        load();
        log.info("TLS certificate reloaded from {}", settings.certFile().orElseThrow());
      }
    } catch (IOException | GeneralSecurityException e) {
      log.warn("cannot reload the TLS certificate (the previous one stays): {}", e.toString());
    }
  }

  private synchronized void load() throws IOException, GeneralSecurityException {
    byte[] fingerprint = fingerprint();
    keys.updateIdentityCredentials(
        settings.certFile().orElseThrow().toFile(), settings.keyFile().orElseThrow().toFile());
    if (trust.isPresent()) {
      trust.get().updateTrustCredentials(settings.clientCaFile().get().toFile());
    }
    loaded = fingerprint;
  }

  private byte[] fingerprint() throws IOException, GeneralSecurityException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (Optional<Path> file :
        new Optional[] {settings.certFile(), settings.keyFile(), settings.clientCaFile()}) {
      if (file.isPresent()) {
        digest.update(Files.readAllBytes(file.get()));
      }
    }
    return digest.digest();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}

package io.cqrsshop.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made by a test, and the server and client certificates it signs, written
 * as PEM files as a service reads them (cert-manager and Kubernetes Secrets give the same).
 */
public final class TestCertificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

  private final String name;
  private final KeyPair key;
  private final X509Certificate certificate;

  private TestCertificates(String name, KeyPair key, X509Certificate certificate) {
    this.name = name;
    this.key = key;
    this.certificate = certificate;
  }

  /** A new CA. */
  public static TestCertificates authority(String name) {
    KeyPair key = keyPair();
    X500Name subject = new X500Name("CN=" + name);
    return new TestCertificates(name, key, sign(subject, key, subject, key, true, null));
  }

  /** A leaf certificate for {@code localhost} and 127.0.0.1, signed by this CA. */
  public Issued issue(String commonName) {
    KeyPair leaf = keyPair();
    X509Certificate issued =
        sign(
            new X500Name("CN=" + commonName),
            leaf,
            new X500Name("CN=" + name),
            key,
            false,
            commonName);
    return new Issued(leaf, issued);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Writes this CA's certificate; returns the file. */
  public Path writeCertificate(Path file) {
    return write(file, certificate);
  }

  /**
   * The serial number of the certificate a TLS server on {@code localhost:port} presents now,
   * verified against this CA (a bare handshake, as a new client connection makes).
   */
  public BigInteger servedSerial(int port) {
    try {
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate);
      javax.net.ssl.TrustManagerFactory trustManagers =
          javax.net.ssl.TrustManagerFactory.getInstance(
              javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
      context.init(null, trustManagers.getTrustManagers(), null);
      try (javax.net.ssl.SSLSocket socket =
          (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A certificate with its private key. */
  public record Issued(KeyPair key, X509Certificate certificate) {

    /** Writes {@code <prefix>.crt} and {@code <prefix>.key}, replacing what is there. */
    public Issued writeTo(Path directory, String prefix) {
      write(directory.resolve(prefix + ".crt"), certificate);
      // PKCS#8 ("PRIVATE KEY"), the form TLS libraries read for any key type.
      write(
          directory.resolve(prefix + ".key"),
          new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getPrivate().getEncoded()));
      return this;
    }

    public BigInteger serial() {
      return certificate.getSerialNumber();
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      X500Name subject,
      KeyPair subjectKey,
      X500Name issuer,
      KeyPair issuerKey,
      boolean authority,
      String commonName) {
    try {
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              subject,
              subjectKey.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
      if (authority) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.dNSName, "localhost"),
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                  new GeneralName(GeneralName.dNSName, commonName)
                }));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static Path write(Path file, Object pemObject) {
    try {
      StringWriter pem = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
        writer.writeObject(pemObject);
      }
      // Written beside and moved, as Kubernetes swaps a Secret's files: never half a file.
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, pem.toString());
      Files.move(
          temporary,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

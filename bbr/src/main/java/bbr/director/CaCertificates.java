package bbr.director;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code --ca-cert} bundle as the only trust anchors for the Director and UAA: a value containing
 * {@code BEGIN} is PEM text, anything else a file path (director-api.md §5). System roots are not consulted.
 */
public final class CaCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

    private CaCertificates() {
    }

    /** @throws IllegalArgumentException naming the file or the bad PEM block */
    public static SSLContext trusting(String pathOrPem) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers(pathOrPem), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not use the CA certificate: " + e.getMessage(), e);
        }
    }

    /** Trust managers for the bundle's certificates alone (also what the S3 client takes for AWS_CA_BUNDLE). */
    public static TrustManager[] trustManagers(String pathOrPem) {
        if (pathOrPem == null || pathOrPem.isBlank()) {
            throw new IllegalArgumentException("Expected CA cert to be non-empty");
        }
        String pem = pathOrPem.contains("BEGIN") ? pathOrPem : read(pathOrPem);
        List<X509Certificate> certificates = parse(pem);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Could not use the CA certificate: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> parse(String pem) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        int number = 0;
        while (matcher.find()) {
            number++;
            if (!matcher.group(1).equals("CERTIFICATE") || matcher.group(2).contains(":")) {
                throw new IllegalArgumentException("Parsing certificate " + number + ": Not a certificate");
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalArgumentException("Parsing certificate " + number + ": " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("Parsing certificate 1: Missing PEM block");
        }
        return certificates;
    }

    private static String read(String path) {
        Path file = Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path)
                .toAbsolutePath();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("open " + file + ": no such file or directory", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("open " + file + ": " + e.getMessage(), e);
        }
    }
}

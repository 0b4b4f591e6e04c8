package bbr.testbed.director;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsTest {

    private static DirectorSimulator director;

    @BeforeAll
    static void start() {
        director = DirectorSimulator.builder().start();
    }

    @AfterAll
    static void stop() {
        director.close();
    }

    @Test
    void info_isServedOverHttps_toAClientTrustingOnlyTheGeneratedCa() {
        HttpResponse<String> response = new SimulatorClient(director).get("/info", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(director.url()).matches("https://127\\.0\\.0\\.1:\\d+");
        assertThat(response.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @Test
    void serverCertificate_isRsa_namesTheAddressAndLocalhost_andChainsToTheCa() throws Exception {
        HttpResponse<String> response = new SimulatorClient(director).get("/info", null);
        X509Certificate server = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];

        assertThat(server.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(server.getSubjectAlternativeNames().stream().map(san -> san.get(1).toString()))
                .contains("127.0.0.1", "localhost");
        server.verify(director.ca().certificate().getPublicKey());
    }

    @Test
    void localhost_isAValidNameForTheDirectorToo() {
        String url = "https://localhost:" + director.port() + "/info";

        assertThat(new SimulatorClient(director).get(url, null).statusCode()).isEqualTo(200);
    }

    @Test
    void caCertFile_holdsThePemOfTheCa_thatParsesAsTheCaCertificate() throws Exception {
        String pem = Files.readString(director.caCertFile());

        assertThat(pem).isEqualTo(director.caCertPem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(parsed).isEqualTo(director.ca().certificate());
        assertThat(parsed.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aClientTrustingAnUnrelatedCa_refusesTheDirector() {
        HttpClient untrusting = HttpClient.newBuilder().sslContext(DirectorSimulator.unrelatedCa().clientContext())
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(director.url() + "/info")).build();
        int before = director.requests().all().size();

        assertThatThrownBy(() -> untrusting.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(director.requests().all()).hasSize(before); // no request got through
    }

    @Test
    void close_deletesTheTemporaryCaFile() {
        DirectorSimulator other = DirectorSimulator.builder().ca(director.ca()).start();
        other.close();

        assertThat(other.caCertFile()).doesNotExist();
    }
}

package io.tfmesh.inventory;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tfmesh.emulator.introspect.IntrospectCertificates;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.secret.SecretCipher;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificates for introspect over HTTPS: checked as PEM, stored encrypted, handed to the
 * connectors, and never shown again by the API or the pages.
 */
class IntrospectCertificatesIT extends IntegrationTestSupport {

	private static final String CLUSTERS = "/api/v1/clusters";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"_csrf\"");

	private static final IntrospectCertificates CERTIFICATES = IntrospectCertificates.create("inventory",
			List.of("10.0.0.10"));

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private ClusterService clusters;

	@Autowired
	private SecretCipher cipher;

	@Test
	void theCertificatesAreStoredEncryptedUsedAndNeverShown() throws Exception {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("tls-cloud"));
		Map<String, Object> body = Fixtures.cluster(unique("tls"), cloudId);
		body.put("introspect", certificates());

		Api.Response created = admin.post(CLUSTERS, body);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		assertThat(created.json().get("introspect").toString())
			.isEqualTo("{\"caCertificateSet\":true,\"clientCertificateSet\":true,\"clientKeySet\":true}");
		assertAbsent(created.body());
		assertAbsent(admin.get(CLUSTERS + "/" + id).body());
		assertAbsent(admin.get(CLUSTERS + "?size=200").body());
		assertAbsent(admin.get("/api/v1/audit?objectType=cluster&objectId=" + id).body());

		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM cluster WHERE id = ?", id);
		byte[] sealedKey = (byte[]) row.get("introspect_client_key_secret");
		assertThat(new String(sealedKey, StandardCharsets.ISO_8859_1)).doesNotContain("PRIVATE KEY");
		assertThat(cipher.decrypt(sealedKey, ClusterService.INTROSPECT_KEY)).isEqualTo(CERTIFICATES.clientKeyPem().strip());

		ClusterAccess.Introspect access = clusters.access(id).introspect();
		assertThat(access.tls()).isTrue();
		assertThat(access.caCertificate()).isEqualTo(CERTIFICATES.caCertificatePem().strip());
		assertThat(access.clientCertificate()).isEqualTo(CERTIFICATES.clientCertificatePem().strip());
		assertThat(access.toString()).doesNotContain("BEGIN");

		HttpClient browser = logIn();
		for (String page : List.of("/clusters/" + id, "/clusters/" + id + "/edit")) {
			HttpResponse<String> shown = get(browser, page);
			assertThat(shown.statusCode()).as(page).isEqualTo(200);
			assertAbsent(shown.body());
		}
		assertThat(get(browser, "/clusters/" + id).body()).contains("client key set");

		// left out, they stay; cleared, they go
		body.put("version", 0);
		body.remove("introspect");
		Api.Response kept = admin.put(CLUSTERS + "/" + id, body);
		assertThat(kept.json().at("/introspect/clientKeySet").asBoolean()).as(kept.toString()).isTrue();
		body.put("version", 1);
		body.put("introspect", Map.of("clear", true));
		Api.Response cleared = admin.put(CLUSTERS + "/" + id, body);
		assertThat(cleared.json().at("/introspect/caCertificateSet").asBoolean()).as(cleared.toString()).isFalse();
		assertThat(clusters.access(id).introspect()).isEqualTo(ClusterAccess.Introspect.PLAIN);
	}

	@Test
	void garbageIsRefusedWithTheFieldNamed() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("tls-cloud"));
		Map<String, Object> body = Fixtures.cluster(unique("tls-bad"), cloudId);
		body.put("introspect", Map.of("caCertificate", "not a certificate", "clientCertificate",
				"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "clientKey",
				"-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----"));

		Api.Response refused = admin.post(CLUSTERS, body);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(fields(refused.json())).containsExactlyInAnyOrder("introspect.caCertificate",
				"introspect.clientCertificate", "introspect.clientKey");
		assertThat(refused.body()).contains("PKCS#8");

		body.put("introspect", Map.of("clientCertificate", CERTIFICATES.clientCertificatePem()));
		Api.Response withoutKey = admin.post(CLUSTERS, body);
		assertThat(withoutKey.status()).isEqualTo(400);
		assertThat(fields(withoutKey.json())).containsExactly("introspect.clientKey");
	}

	@Test
	void theFormShowsAPemProblemAsAFieldError() throws Exception {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("tls-cloud"));
		HttpClient browser = logIn();
		String csrf = csrf(get(browser, "/clusters/new").body());
		Map<String, String> form = new LinkedHashMap<>();
		form.put("_csrf", csrf);
		form.put("name", unique("tls-form"));
		form.put("cloudId", Long.toString(cloudId));
		form.put("kubernetesApiUrl", "https://10.0.0.1:6443");
		form.put("kubernetesAuth", "TOKEN");
		form.put("token", "a-token");
		form.put("tfApiUrl", "http://10.0.0.1:8082");
		form.put("tfAuth", "NOAUTH");
		form.put("introspectClientKey", "garbage-key-material");

		HttpResponse<String> answer = post(browser, "/clusters", form);

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).as(answer.body().lines().filter(line -> line.contains("error")).toList().toString())
			.contains("is not usable PEM")
			.doesNotContain("garbage-key-material");
	}

	private static Map<String, Object> certificates() {
		Map<String, Object> introspect = new LinkedHashMap<>();
		introspect.put("caCertificate", CERTIFICATES.caCertificatePem());
		introspect.put("clientCertificate", CERTIFICATES.clientCertificatePem());
		introspect.put("clientKey", CERTIFICATES.clientKeyPem());
		return introspect;
	}

	private static void assertAbsent(String text) {
		for (String pem : List.of(CERTIFICATES.caCertificatePem(), CERTIFICATES.clientCertificatePem(),
				CERTIFICATES.clientKeyPem())) {
			assertThat(text).doesNotContain(pemBody(pem));
		}
	}

	/** The start of the Base64 inside a PEM, which no escaping changes. */
	private static String pemBody(String pem) {
		return pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow().substring(0, 40);
	}

	private static List<String> fields(JsonNode problem) {
		return problem.get("errors").findValuesAsString("field");
	}

	private HttpClient logIn() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String csrf = csrf(get(browser, "/login").body());
		HttpResponse<String> login = post(browser, "/login",
				Map.of("_csrf", csrf, "username", ADMIN, "password", ADMIN_PASSWORD));
		assertThat(login.statusCode()).isEqualTo(302);
		return browser;
	}

	private HttpResponse<String> get(HttpClient browser, String path) throws Exception {
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(HttpClient browser, String path, Map<String, String> form) throws Exception {
		String encoded = form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encoded))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String page) {
		Matcher matcher = CSRF.matcher(page);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
	}

}

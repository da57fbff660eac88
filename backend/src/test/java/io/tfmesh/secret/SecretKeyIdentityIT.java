package io.tfmesh.secret;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.system.database.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The database knows which key encrypted its secrets; another key is refused at start, never met as a 500. */
class SecretKeyIdentityIT {

	private static final String ADMIN_PASSWORD = "identity-admin-password";

	@TempDir
	Path firstDataDir;

	@TempDir
	Path secondDataDir;

	@Test
	void aSecondInstanceWithAnotherKeyRefusesToStartAndSaysWhichKeyToUse() throws Exception {
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(TfmeshApplication.class).run(
				"--server.port=0", "--tfmesh.data-dir=" + firstDataDir, "--tfmesh.admin.password=" + ADMIN_PASSWORD)) {
			Api admin = api(first).basic("admin", ADMIN_PASSWORD);
			long cloudId = Fixtures.createCloud(admin, "identity-cloud");
			assertThat(admin.post("/api/v1/clusters", Fixtures.cluster("identity-cluster", cloudId)).status())
				.isEqualTo(201);
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT fingerprint FROM secret_key_fingerprint", String.class))
				.isEqualTo(first.getBean(SecretCipher.class).fingerprint())
				.doesNotContain(Files.readString(firstDataDir.resolve("secret.key")).strip());
			EmbeddedPostgresServer database = first.getBean(EmbeddedPostgresServer.class);
			String[] sharedDatabase = { "--server.port=0", "--tfmesh.data-dir=" + secondDataDir,
					"--spring.datasource.url=" + database.jdbcUrl(),
					"--spring.datasource.username=" + database.username(),
					"--spring.datasource.password=" + database.password() };

			Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(TfmeshApplication.class)
				.run(sharedDatabase)
				.close());
			assertThat(NestedExceptionUtils.getMostSpecificCause(refused))
				.hasMessageContaining("were encrypted with another secret key")
				.hasMessageContaining("TFMESH_SECRET_KEY")
				.hasMessageContaining(secondDataDir.resolve("secret.key").toString());

			// a database from before fingerprints: its stored secrets tell whether the key fits
			jdbc.update("DELETE FROM secret_key_fingerprint");
			Throwable refusedByItsSecrets = catchThrowable(
					() -> new SpringApplicationBuilder(TfmeshApplication.class).run(sharedDatabase).close());
			assertThat(NestedExceptionUtils.getMostSpecificCause(refusedByItsSecrets))
				.hasMessageContaining("cannot be decrypted with it")
				.hasMessageContaining("TFMESH_SECRET_KEY");
			assertThat(jdbc.queryForList("SELECT fingerprint FROM secret_key_fingerprint", String.class)).isEmpty();

			String firstKey = Files.readString(firstDataDir.resolve("secret.key")).strip();
			try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TfmeshApplication.class)
				.run(append(sharedDatabase, "--tfmesh.secret-key=" + firstKey))) {
				assertThat(api(second).basic("admin", ADMIN_PASSWORD).get("/api/v1/clusters").status()).isEqualTo(200);
			}
			assertThat(jdbc.queryForObject("SELECT fingerprint FROM secret_key_fingerprint", String.class))
				.isEqualTo(first.getBean(SecretCipher.class).fingerprint());
		}
	}

	@Test
	void aSecretTheKeyCannotReadIsAConflictNamingTheCluster() throws Exception {
		try (ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class).run(
				"--server.port=0", "--tfmesh.data-dir=" + firstDataDir, "--tfmesh.admin.password=" + ADMIN_PASSWORD,
				"--tfmesh.fabric.observe-interval=0s")) {
			Api admin = api(tfmesh).basic("admin", ADMIN_PASSWORD);
			long cloudId = Fixtures.createCloud(admin, "unreadable-cloud");
			long clusterId = admin.post("/api/v1/clusters", Fixtures.cluster("unreadable-cluster", cloudId))
				.json()
				.get("id")
				.asLong();
			// written by another instance, with another key
			byte[] foreign = new SecretCipher(new SecretKeySpec(new byte[32], "AES")).encrypt(Fixtures.KUBECONFIG,
					"cluster.kubeconfig");
			tfmesh.getBean(JdbcTemplate.class)
				.update("UPDATE cluster SET k8s_kubeconfig_secret = ? WHERE id = ?", foreign, clusterId);

			Api.Response observed = admin.post("/api/v1/clusters/" + clusterId + "/observe", null);
			JsonNode problem = assertProblem(observed, 409, "conflict");
			assertThat(problem.get("detail").asString()).contains("cluster 'unreadable-cluster'")
				.contains("cluster.kubeconfig")
				.contains("enter the credential again");

			HttpResponse<String> page = pageObserve(tfmesh, clusterId);
			assertThat(page.statusCode()).isEqualTo(409);
			assertThat(page.body()).contains("cluster &#39;unreadable-cluster&#39;").contains("TFMESH_SECRET_KEY");
		}
	}

	/** Logs in to the dashboard and presses the cluster's "observe now" button. */
	private static HttpResponse<String> pageObserve(ConfigurableApplicationContext context, long clusterId)
			throws Exception {
		String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String loginCsrf = csrf(browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
				HttpResponse.BodyHandlers.ofString()).body(), "name=\"_csrf\" value=\"");
		browser.send(form(base + "/login", "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + loginCsrf),
				HttpResponse.BodyHandlers.ofString());
		String pageCsrf = csrf(browser.send(HttpRequest.newBuilder(URI.create(base + "/clusters/" + clusterId)).build(),
				HttpResponse.BodyHandlers.ofString()).body(), "name=\"_csrf\" content=\"");
		return browser.send(form(base + "/clusters/" + clusterId + "/observe", "_csrf=" + pageCsrf),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest form(String url, String body) {
		return HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private static String csrf(String html, String marker) {
		int start = html.indexOf(marker);
		assertThat(start).as("a CSRF token in the page").isNotNegative();
		start += marker.length();
		return html.substring(start, html.indexOf('"', start));
	}

	private static String[] append(String[] arguments, String argument) {
		String[] all = Arrays.copyOf(arguments, arguments.length + 1);
		all[arguments.length] = argument;
		return all;
	}

	private static Api api(ConfigurableApplicationContext context) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return new Api("http://localhost:" + port, context.getBean(JsonMapper.class));
	}

}

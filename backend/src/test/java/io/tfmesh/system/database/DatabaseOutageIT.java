package io.tfmesh.system.database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.TfmeshApplication;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A killed embedded server is noticed at once, reported as what it is, and started again. */
class DatabaseOutageIT {

	private static final String ADMIN_PASSWORD = "outage-admin-password";

	private static final HttpClient BROWSER = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@TempDir
	Path dataDir;

	@Test
	void aKilledServerIsReportedAsUnavailableAndStartedAgain() throws Exception {
		// the restart waits long enough for the outage to be observed
		try (ConfigurableApplicationContext tfmesh = new SpringApplicationBuilder(TfmeshApplication.class).run(
				"--server.port=0", "--tfmesh.data-dir=" + dataDir, "--tfmesh.admin.password=" + ADMIN_PASSWORD,
				"--tfmesh.embedded-db.watch-interval=200ms", "--tfmesh.embedded-db.restart-delay=10s")) {
			Api api = api(tfmesh);
			Api admin = api.basic("admin", ADMIN_PASSWORD);
			long cloudId = Fixtures.createCloud(admin, "outage-cloud");
			String token = admin.post("/api/v1/tokens", Map.of("name", "outage")).json().get("token").asString();
			assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

			EmbeddedPostgresServer server = tfmesh.getBean(EmbeddedPostgresServer.class);
			long postmasterPid = server.postmasterPid().orElseThrow();
			ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
			assertThat(postmaster.destroyForcibly()).isTrue();
			postmaster.onExit().get();

			Api.Response readiness = api.get("/actuator/health/readiness");
			assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
			assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
			assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);

			Api.Response byPassword = admin.get("/api/v1/clouds/" + cloudId);
			assertProblem(byPassword, 503, "database-unavailable");
			assertThat(byPassword.header("Retry-After")).isNotBlank();
			assertProblem(api.bearer(token).get("/api/v1/clouds"), 503, "database-unavailable");
			assertProblem(api.basic("admin", "not-the-password").get("/api/v1/clouds"), 503, "database-unavailable");

			HttpResponse<String> loginPage = browse(tfmesh, HttpRequest.newBuilder().GET(), "/login");
			assertThat(loginPage.statusCode()).isEqualTo(503);
			assertThat(loginPage.body()).contains("tfmesh is unavailable").doesNotContain("Wrong username or password");
			HttpResponse<String> login = browse(tfmesh,
					HttpRequest.newBuilder()
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ADMIN_PASSWORD)),
					"/login");
			assertThat(login.statusCode()).isEqualTo(303);
			assertThat(login.headers().firstValue("Location")).hasValueSatisfying(
					location -> assertThat(location).endsWith("/login").doesNotContain("error"));

			await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
				assertThat(admin.get("/api/v1/clouds/" + cloudId).status()).isEqualTo(200);
			});
			assertThat(server.postmasterPid()).isPresent().isNotEqualTo(Optional.of(postmasterPid));
			assertThat(admin.get("/api/v1/clouds/" + cloudId).json().get("name").asString()).isEqualTo("outage-cloud");
			assertThat(api.bearer(token).get("/api/v1/clouds").status()).isEqualTo(200);
			HttpResponse<String> loginAgain = browse(tfmesh, HttpRequest.newBuilder().GET(), "/login");
			assertThat(loginAgain.statusCode()).isEqualTo(200);
			assertThat(loginAgain.body()).doesNotContain("tfmesh is unavailable");
		}
	}

	private static HttpResponse<String> browse(ConfigurableApplicationContext context, HttpRequest.Builder request,
			String path) throws Exception {
		return BROWSER.send(request.uri(URI.create(baseUrl(context) + path)).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String baseUrl(ConfigurableApplicationContext context) {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static Api api(ConfigurableApplicationContext context) {
		return new Api(baseUrl(context), context.getBean(JsonMapper.class));
	}

}

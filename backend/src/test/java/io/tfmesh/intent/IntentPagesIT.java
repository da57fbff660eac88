package io.tfmesh.intent;

import java.io.IOException;
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

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator writes, reads and deletes intents through the dashboard's pages. */
class IntentPagesIT extends IntegrationTestSupport {

	private static final StoryCluster AWS_EAST = new StoryCluster();

	private static final StoryCluster GCP_WEST = new StoryCluster();

	private long awsEast;

	private long gcpWest;

	private long meshId;

	private PageSession pages;

	@BeforeAll
	static void startClusters() throws Exception {
		AWS_EAST.start("aws-east", "10.96.0.0/12", List.of("frontend"), null);
		GCP_WEST.start("gcp-west", "10.112.0.0/12", List.of("backend"), "backend");
	}

	@AfterAll
	static void stopClusters() {
		AWS_EAST.close();
		GCP_WEST.close();
	}

	@BeforeEach
	void registerObserveAndMesh() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		awsEast = AWS_EAST.register(admin, unique("aws-east"), cloudId);
		gcpWest = GCP_WEST.register(admin, unique("gcp-west"), cloudId);
		for (long cluster : List.of(awsEast, gcpWest)) {
			assertThat(admin.post("/api/v1/clusters/" + cluster + "/observe", "").status()).isEqualTo(200);
		}
		meshId = admin.post("/api/v1/meshes", Map.of("name", unique("seed"), "clusterIds", List.of(awsEast, gcpWest)))
			.json()
			.get("id")
			.asLong();
		pages = new PageSession(port, ADMIN, ADMIN_PASSWORD);
	}

	@Test
	void theFormShowsEveryMistakeUnderItsFieldThenCreatesTheIntent() {
		String form = pages.get("/intents/new").body();
		// the selects offer the first clusters by name, and the suite's shared inventory holds many
		assertThat(form).contains("id=\"intent-form\"", "name=\"sourceClusterId\"", "name=\"destinationClusterId\"");
		assertThat(pages.get("/intents/suggestions?list=destination-namespaces&destinationClusterId=" + gcpWest).body())
			.contains("id=\"destination-namespaces\"", "value=\"backend\"", "value=\"kube-system\"");
		assertThat(pages.get("/intents/suggestions?list=destination-services&destinationClusterId=" + gcpWest
				+ "&destinationNamespace=backend").body()).contains("value=\"orders\"").doesNotContain("kube-dns");

		Map<String, String> fields = seedForm();
		fields.put("ports", "8080, 70000");
		fields.put("destinationService", "payments");
		HttpResponse<String> refused = pages.post("/intents/new", "/intents", fields);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"ports-error\"", "ports are between 1 and 65535");

		fields.put("ports", "8080");
		refused = pages.post("/intents/new", "/intents", fields);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("id=\"destinationService-error\"",
				"has no Service &#39;payments&#39; in namespace &#39;backend&#39;");

		fields.put("destinationService", "orders");
		HttpResponse<String> created = pages.post("/intents/new", "/intents", fields);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches(".*/intents/\\d+");
		String detail = pages.get(URI.create(location).getPath()).body();
		assertThat(detail).contains("frontend@", "orders.backend@", "TCP 8080", "id=\"delete-intent\"");
		assertThat(pages.get("/intents?meshId=" + meshId).body()).contains("id=\"intent-table\"", "orders.backend@");
	}

	@Test
	void anIntentIsDeletedAfterConfirmation() {
		long id = api.asAdmin().post("/api/v1/intents", Map.of("sourceClusterId", awsEast, "sourceNamespace", "frontend",
				"destinationClusterId", gcpWest, "destinationNamespace", "backend", "destinationService", "orders",
				"protocol", "any")).json().get("id").asLong();
		assertThat(pages.get("/intents/" + id + "/delete").body()).contains("all ports", "id=\"confirm-delete\"");

		HttpResponse<String> deleted = pages.post("/intents/" + id + "/delete", "/intents/" + id + "/delete",
				Map.of("version", "0"));

		assertThat(deleted.statusCode()).isEqualTo(302);
		assertThat(api.asAdmin().get("/api/v1/intents/" + id).status()).isEqualTo(404);
	}

	@Test
	void theListSaysWhenThereIsNothingAndViewersCannotWrite() {
		long emptyMesh = api.asAdmin().post("/api/v1/meshes", Map.of("name", unique("empty"))).json().get("id").asLong();
		assertThat(pages.get("/intents?meshId=" + emptyMesh).body()).contains("No intent matches the search");

		Api viewerAccount = Fixtures.userWithRole(api, "viewer");
		assertThat(viewerAccount.get("/api/v1/intents").status()).isEqualTo(200);
		PageSession viewer = new PageSession(port, viewerUsername(viewerAccount), viewerPassword(viewerAccount));
		assertThat(viewer.get("/intents").statusCode()).isEqualTo(200);
		assertThat(viewer.get("/intents").body()).doesNotContain("id=\"new-intent\"");
		assertThat(viewer.get("/intents/new").statusCode()).isEqualTo(403);
	}

	private Map<String, String> seedForm() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("sourceClusterId", Long.toString(awsEast));
		fields.put("sourceNamespace", "frontend");
		fields.put("destinationClusterId", Long.toString(gcpWest));
		fields.put("destinationNamespace", "backend");
		fields.put("destinationService", "orders");
		fields.put("protocol", "tcp");
		fields.put("ports", "8080");
		fields.put("name", "");
		fields.put("description", "");
		return fields;
	}

	private static String viewerUsername(Api viewer) {
		return basic(viewer)[0];
	}

	private static String viewerPassword(Api viewer) {
		return basic(viewer)[1];
	}

	private static String[] basic(Api account) {
		String encoded = account.authorization().substring("Basic ".length());
		return new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split(":", 2);
	}

	/** A person logged in through the login form, as a browser is, with its session cookie. */
	static final class PageSession {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newHttpClient();

		private final String base;

		private String cookie = "";

		PageSession(int port, String username, String password) {
			this.base = "http://localhost:" + port;
			HttpResponse<String> login = post("/login", "/login", Map.of("username", username, "password", password));
			assertThat(login.statusCode()).isEqualTo(302);
			assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		}

		HttpResponse<String> get(String path) {
			return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
		}

		/** Posts the form of the page at {@code formPage}, with that page's CSRF token. */
		HttpResponse<String> post(String formPage, String action, Map<String, String> fields) {
			Matcher csrf = CSRF.matcher(get(formPage).body());
			assertThat(csrf.find()).as("CSRF token of " + formPage).isTrue();
			Map<String, String> all = new LinkedHashMap<>(fields);
			all.put("_csrf", csrf.group(1));
			String body = all.entrySet()
				.stream()
				.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return send(HttpRequest.newBuilder(URI.create(base + action))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			if (!cookie.isEmpty()) {
				request.header("Cookie", cookie);
			}
			try {
				HttpResponse<String> response = http.send(request.header("Accept", "text/html").build(),
						HttpResponse.BodyHandlers.ofString());
				response.headers()
					.allValues("Set-Cookie")
					.stream()
					.filter(value -> value.startsWith("JSESSIONID="))
					.findFirst()
					.ifPresent(value -> cookie = value.substring(0, value.indexOf(';')));
				return response;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

	}

}

package io.tfmesh.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.PROBLEM_JSON;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static io.tfmesh.support.ProblemAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that used to cost tfmesh minutes of CPU, its memory, or a 5xx: each now gets a quick
 * 4xx problem document naming what is wrong.
 */
class RequestHardeningIT extends IntegrationTestSupport {

	private static final HttpClient RAW = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aCloudWithFiveHundredDuplicateUnderlaysIsRefusedWithoutComparingThem() {
		Map<String, Object> cloud = Fixtures.cloud(unique("dups"));
		cloud.put("underlayCidrs", Collections.nCopies(500, "172.31.0.0/16"));

		// Api's 30 s timeout fails the test where the rules compared all 125,000 pairs first
		JsonNode problem = assertProblem(api.asAdmin().post("/api/v1/clouds", cloud), 400, "invalid-input");

		assertThat(fields(problem)).containsExactly("underlayCidrs");
	}

	@Test
	void duplicateUnderlaysWithinTheLimitAreReportedOnceEachAndCapped() {
		Map<String, Object> cloud = Fixtures.cloud(unique("dups"));
		cloud.put("underlayCidrs", Collections.nCopies(64, "172.31.0.0/16"));

		JsonNode problem = assertProblem(api.asAdmin().post("/api/v1/clouds", cloud), 400, "invalid-input");

		List<String> fields = fields(problem);
		assertThat(fields).hasSize(51).doesNotHaveDuplicates().contains("underlayCidrs[1]", "body");
		assertThat(fields).doesNotContain("underlayCidrs[0]");
	}

	@Test
	void aTenMegabyteKubeconfigIsRefusedBeforeItIsRead() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("big"));
		Map<String, Object> cluster = Fixtures.cluster(unique("big"), cloudId);
		Fixtures.section(cluster, "kubernetes").put("kubeconfig", "a: b\n".repeat(2 * 1024 * 1024));

		assertProblem(api.asAdmin().post("/api/v1/clusters", cluster), 413, "payload-too-large");
	}

	@Test
	void aKubeconfigOverItsLimitButInsideTheBodyLimitIsNamed() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("big"));
		Map<String, Object> cluster = Fixtures.cluster(unique("big"), cloudId);
		Fixtures.section(cluster, "kubernetes").put("kubeconfig", "a: b\n".repeat(300_000));

		String message = assertInvalidField(api.asAdmin().post("/api/v1/clusters", cluster), "kubernetes.kubeconfig");

		assertThat(message).contains("1048576");
	}

	@Test
	void aBodyWithoutLengthIsCutOffAtTheLimit() throws Exception {
		byte[] body = ("{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/clouds"))
			.header("Authorization", basicAdmin())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
	}

	@Test
	void multipartWithoutBoundaryIsABadRequestOnAnyEndpointForAnyone() throws Exception {
		Api viewer = Fixtures.userWithRole(api, "viewer");
		for (String path : List.of("/api/v1/clouds", "/api/v1/meshes", "/login")) {
			for (String method : List.of("GET", "POST")) {
				HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
					.header("Content-Type", "multipart/form-data")
					.header("Accept", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString("--x\r\n\r\n--x--"));
				if (path.startsWith("/api/")) {
					request.header("Authorization", viewer.authorization());
				}
				HttpResponse<String> response = send(request);

				assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isIn(400, 415);
			}
		}
	}

	@Test
	void aContentTypePatternIsRefusedAsUnsupported() throws Exception {
		for (String type : List.of("*/*", "application/*", "json")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/meshes"))
				.header("Authorization", basicAdmin())
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("{}")));

			assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(415);
		}
	}

	@Test
	void anUnknownPropertyIsRefusedByName() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("typo"));
		Map<String, Object> cluster = Fixtures.cluster(unique("typo"), cloudId);
		cluster.remove("bgpAsn");
		cluster.put("bgpASN", 65001);

		Api.Response refused = api.asAdmin().post("/api/v1/clusters", cluster);

		assertThat(assertInvalidField(refused, "bgpASN")).contains("unknown property 'bgpASN'").contains("bgpAsn");
	}

	@Test
	void anUnknownNestedPropertyIsNamedWithItsPath() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("typo"));
		Map<String, Object> cluster = Fixtures.cluster(unique("typo"), cloudId);
		Fixtures.section(cluster, "kubernetes").put("kubeConfig", "x");

		assertInvalidField(api.asAdmin().post("/api/v1/clusters", cluster), "kubernetes.kubeConfig");
	}

	@Test
	void aNulCharacterIsRefusedNamingTheField() {
		Map<String, Object> cloud = Fixtures.cloud(unique("nul"));
		cloud.put("region", "us-east\u00001");
		assertThat(assertInvalidField(api.asAdmin().post("/api/v1/clouds", cloud), "region")).contains("NUL");

		Map<String, Object> mesh = Map.of("name", unique("nul"), "description", "a\u0000b");
		assertInvalidField(api.asAdmin().post("/api/v1/meshes", mesh), "description");

		assertInvalidField(api.asAdmin().get("/api/v1/clouds?q=a%00b"), "q");
	}

	@Test
	void aNulCharacterInAFormFieldIsRefusedNamingTheField() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=ad%00min&password=x")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).isEqualTo("username");
	}

	@Test
	void theErrorPathAskedForDirectlyIsNotAServerError() {
		assertProblem(api.asAdmin().get("/error"), 404, "not-found");
		assertThat(api.asAdmin().header("Accept", "text/html").get("/error").status()).isEqualTo(404);
		assertThat(api.anonymous().get("/error").status()).isLessThan(500);
	}

	@Test
	void anOversizedHeaderGetsAProblemDocument() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/clouds"))
			.header("Authorization", basicAdmin())
			.header("X-Padding", "p".repeat(64 * 1024))
			.GET());

		assertThat(response.statusCode()).isIn(400, 431);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM_JSON));
		assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(response.statusCode());
	}

	@Test
	void catchAllCidrsAreRefusedForUnderlaysPoolsAndReservations() {
		Map<String, Object> cloud = Fixtures.cloud(unique("all"));
		cloud.put("underlayCidrs", List.of("0.0.0.0/0"));
		cloud.put("underlayGateway", "10.0.0.1");
		assertThat(assertInvalidField(api.asAdmin().post("/api/v1/clouds", cloud), "underlayCidrs[0]"))
			.contains("0.0.0.0/0");

		Map<String, Object> mesh = Map.of("name", unique("all"), "pools",
				List.of(Map.of("kind", "pod", "cidr", "::/0", "defaultPrefixLength", 64),
						Map.of("kind", "service", "cidr", "10.96.0.0/12", "defaultPrefixLength", 24),
						Map.of("kind", "fabric", "cidr", "10.64.0.0/16", "defaultPrefixLength", 24)));
		assertInvalidField(api.asAdmin().post("/api/v1/meshes", mesh), "pools[0].cidr");

		long meshId = createMesh();
		for (String cidr : List.of("0.0.0.0/0", "::/0")) {
			assertInvalidField(api.asAdmin()
				.post("/api/v1/meshes/" + meshId + "/reservations", Map.of("cidr", cidr, "note", "everything")), "cidr");
		}
	}

	@Test
	void allocationKindsThatAreNotAllocatedAreRefusedByField() {
		long meshId = createMesh();
		for (String kind : List.of("underlay", "reserved")) {
			Api.Response refused = api.asAdmin()
				.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("kinds", List.of("pod", kind)));
			assertThat(assertInvalidField(refused, "kinds[1]")).contains("pod, service and fabric");
		}
		Api.Response prefix = api.asAdmin()
			.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("prefixLengths", Map.of("underlay", 24)));
		assertInvalidField(prefix, "prefixLengths.underlay");

		Api.Response unknown = api.asAdmin()
			.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("kinds", List.of("pods")));
		assertThat(assertInvalidField(unknown, "kinds[0]")).contains("allowed values");
	}

	private long createMesh() {
		Api.Response mesh = api.asAdmin().post("/api/v1/meshes", Map.of("name", unique("mesh")));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		return mesh.json().get("id").asLong();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static String basicAdmin() {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return RAW.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

}

package io.tfmesh.system;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what: authentication and the three roles, on the REST API and Actuator. */
class SecurityIT extends IntegrationTestSupport {

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/clouds", "/api/v1/clusters", "/api/v1/audit", "/api/v1/users", "/api/v1/tokens",
			"/api/v1/clouds/1", "/actuator/prometheus" })
	void readsWithoutCredentialsAreUnauthenticated(String path) {
		assertUnauthenticated(api.anonymous().get(path));
	}

	@Test
	void writesWithoutCredentialsAreUnauthenticatedAndChangeNothing() {
		Api admin = api.asAdmin();
		Api anonymous = api.anonymous();
		String cloudName = unique("sec-anon");
		long cloudId = Fixtures.createCloud(admin, cloudName);
		long clusterId = Fixtures.createCluster(admin, unique("sec-anon"), cloudId);

		String intruder = unique("intruder");
		assertUnauthenticated(anonymous.post("/api/v1/clouds", Fixtures.cloud(intruder)));
		Map<String, Object> change = Fixtures.cloud(cloudName);
		change.put("region", "eu-north-1");
		change.put("version", 0);
		assertUnauthenticated(anonymous.put("/api/v1/clouds/" + cloudId, change));
		assertUnauthenticated(anonymous.delete("/api/v1/clusters/" + clusterId));
		assertUnauthenticated(anonymous.delete("/api/v1/clouds/" + cloudId));
		assertUnauthenticated(anonymous.post("/api/v1/clusters", Fixtures.cluster(intruder, cloudId)));
		assertUnauthenticated(anonymous.post("/api/v1/users",
				Map.of("username", intruder, "password", "password-" + intruder, "role", "admin")));
		assertUnauthenticated(anonymous.post("/api/v1/tokens", Map.of("name", intruder)));

		JsonNode cloud = admin.get("/api/v1/clouds/" + cloudId).json();
		assertThat(cloud.get("region").asString()).isEqualTo("us-east-1");
		assertThat(cloud.get("version").asLong()).isZero();
		assertThat(admin.get("/api/v1/clusters/" + clusterId).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/clouds?q=" + intruder).json().get("totalItems").asLong()).isZero();
		assertThat(admin.get("/api/v1/clusters?q=" + intruder).json().get("totalItems").asLong()).isZero();
		assertThat(admin.get("/api/v1/users?q=" + intruder).json().get("totalItems").asLong()).isZero();
		assertUnauthenticated(api.basic(intruder, "password-" + intruder).get("/api/v1/clouds"));
	}

	@Test
	void wrongPasswordUnknownUserAndGarbledHeaderAreUnauthenticated() {
		TestAccount operator = Fixtures.account(api, "operator");
		assertThat(operator.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertUnauthenticated(api.basic(operator.username(), operator.password() + "x").get("/api/v1/clouds"));
		assertUnauthenticated(api.basic(ADMIN, "not-the-admin-password").get("/api/v1/clouds"));
		assertUnauthenticated(api.basic(unique("nobody"), "whatever-password").get("/api/v1/clouds"));
		assertUnauthenticated(api.header("Authorization", "Basic !!!not-base64!!!").get("/api/v1/clouds"));
		String noColon = Base64.getEncoder().encodeToString("justausername".getBytes(StandardCharsets.UTF_8));
		assertUnauthenticated(api.header("Authorization", "Basic " + noColon).get("/api/v1/clouds"));

		// a wrong password is refused on writes too, and nothing is written
		String name = unique("wrong-pw");
		assertUnauthenticated(
				api.basic(operator.username(), "wrong-password").post("/api/v1/clouds", Fixtures.cloud(name)));
		assertThat(api.asAdmin().get("/api/v1/clouds?q=" + name).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void viewerReadsButCannotWriteAnything() {
		Api admin = api.asAdmin();
		Api viewer = Fixtures.userWithRole(api, "viewer");
		String cloudName = unique("sec-view");
		long cloudId = Fixtures.createCloud(admin, cloudName);
		String clusterName = unique("sec-view");
		long clusterId = Fixtures.createCluster(admin, clusterName, cloudId);
		TestAccount target = Fixtures.account(api, "operator");

		assertThat(viewer.get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/clouds/" + cloudId).status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/clusters").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/clusters/" + clusterId).status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/audit").status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/tokens").status()).isEqualTo(200);

		String newName = unique("sec-view-new");
		Map<String, Object> cloudChange = Fixtures.cloud(cloudName);
		cloudChange.put("region", "eu-north-1");
		cloudChange.put("version", 0);
		Map<String, Object> clusterChange = Fixtures.cluster(clusterName, cloudId);
		clusterChange.put("bgpAsn", 65099);
		clusterChange.put("version", 0);

		assertForbidden(viewer.post("/api/v1/clouds", Fixtures.cloud(newName)));
		assertForbidden(viewer.put("/api/v1/clouds/" + cloudId, cloudChange));
		assertForbidden(viewer.header("If-Match", "\"0\"").put("/api/v1/clouds/" + cloudId, cloudChange));
		assertForbidden(viewer.delete("/api/v1/clouds/" + cloudId));
		assertForbidden(viewer.post("/api/v1/clusters", Fixtures.cluster(newName, cloudId)));
		assertForbidden(viewer.put("/api/v1/clusters/" + clusterId, clusterChange));
		assertForbidden(viewer.delete("/api/v1/clusters/" + clusterId));
		assertForbidden(viewer.get("/api/v1/users"));
		assertForbidden(viewer.get("/api/v1/users/" + target.id()));
		assertForbidden(viewer.post("/api/v1/users",
				Map.of("username", newName, "password", "password-" + newName, "role", "admin")));
		assertForbidden(viewer.put("/api/v1/users/" + target.id(),
				Map.of("role", "viewer", "enabled", false, "version", 0)));
		assertForbidden(viewer.delete("/api/v1/users/" + target.id()));

		JsonNode cloud = admin.get("/api/v1/clouds/" + cloudId).json();
		assertThat(cloud.get("region").asString()).isEqualTo("us-east-1");
		assertThat(cloud.get("version").asLong()).isZero();
		JsonNode cluster = admin.get("/api/v1/clusters/" + clusterId).json();
		assertThat(cluster.get("bgpAsn").asLong()).isEqualTo(64512);
		assertThat(cluster.get("version").asLong()).isZero();
		assertThat(admin.get("/api/v1/clouds?q=" + newName).json().get("totalItems").asLong()).isZero();
		assertThat(admin.get("/api/v1/clusters?q=" + newName).json().get("totalItems").asLong()).isZero();
		assertThat(admin.get("/api/v1/users?q=" + newName).json().get("totalItems").asLong()).isZero();
		JsonNode user = admin.get("/api/v1/users/" + target.id()).json();
		assertThat(user.get("role").asString()).isEqualTo("operator");
		assertThat(user.get("enabled").asBoolean()).isTrue();
		assertThat(user.get("version").asLong()).isZero();
		assertThat(admin.get("/api/v1/audit?objectType=cloud&objectId=" + cloudId).json().get("totalItems").asLong())
			.isEqualTo(1);
		assertThat(admin.get("/api/v1/audit?objectType=cluster&objectId=" + clusterId).json().get("totalItems").asLong())
			.isEqualTo(1);
	}

	@Test
	void operatorWritesInventoryButCannotManageUsers() {
		Api operator = Fixtures.userWithRole(api, "operator");
		String cloudName = unique("sec-op");
		Api.Response cloud = operator.post("/api/v1/clouds", Fixtures.cloud(cloudName));
		assertThat(cloud.status()).as(cloud.toString()).isEqualTo(201);
		long cloudId = cloud.json().get("id").asLong();
		Map<String, Object> cloudChange = Fixtures.cloud(cloudName);
		cloudChange.put("region", "eu-north-1");
		cloudChange.put("version", 0);
		assertThat(operator.put("/api/v1/clouds/" + cloudId, cloudChange).status()).isEqualTo(200);

		String clusterName = unique("sec-op");
		Api.Response cluster = operator.post("/api/v1/clusters", Fixtures.cluster(clusterName, cloudId));
		assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
		long clusterId = cluster.json().get("id").asLong();
		Map<String, Object> clusterChange = Fixtures.cluster(clusterName, cloudId);
		clusterChange.put("bgpAsn", 65100);
		clusterChange.put("version", 0);
		assertThat(operator.put("/api/v1/clusters/" + clusterId, clusterChange).status()).isEqualTo(200);
		assertThat(operator.delete("/api/v1/clusters/" + clusterId).status()).isEqualTo(204);
		assertThat(operator.delete("/api/v1/clouds/" + cloudId).status()).isEqualTo(204);

		TestAccount target = Fixtures.account(api, "viewer");
		String newName = unique("sec-op-user");
		assertForbidden(operator.get("/api/v1/users"));
		assertForbidden(operator.get("/api/v1/users/" + target.id()));
		assertForbidden(operator.post("/api/v1/users",
				Map.of("username", newName, "password", "password-" + newName, "role", "admin")));
		assertForbidden(operator.put("/api/v1/users/" + target.id(),
				Map.of("role", "admin", "enabled", true, "version", 0)));
		assertForbidden(operator.delete("/api/v1/users/" + target.id()));

		JsonNode user = api.asAdmin().get("/api/v1/users/" + target.id()).json();
		assertThat(user.get("role").asString()).isEqualTo("viewer");
		assertThat(user.get("version").asLong()).isZero();
		assertThat(api.asAdmin().get("/api/v1/users?q=" + newName).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void adminManagesUsers() {
		assertThat(api.asAdmin().get("/api/v1/users").status()).isEqualTo(200);
		Api otherAdmin = Fixtures.userWithRole(api, "admin");
		assertThat(otherAdmin.get("/api/v1/users").status()).isEqualTo(200);
	}

	@Test
	void healthIsPublicAndShowsDetailsOnlyToAdmins() {
		Api.Response anonymous = api.anonymous().get("/actuator/health");
		assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(200);
		assertThat(anonymous.json().get("status").asString()).isEqualTo("UP");
		assertThat(anonymous.json().has("components")).as(anonymous.toString()).isFalse();

		Api.Response viewer = Fixtures.userWithRole(api, "viewer").get("/actuator/health");
		assertThat(viewer.status()).isEqualTo(200);
		assertThat(viewer.json().has("components")).as(viewer.toString()).isFalse();

		// health takes no HTTP Basic credentials (they would cost a password check on a public path), only tokens
		Api.Response adminBasic = api.asAdmin().get("/actuator/health");
		assertThat(adminBasic.status()).isEqualTo(200);
		assertThat(adminBasic.json().has("components")).as(adminBasic.toString()).isFalse();

		String token = api.asAdmin().post("/api/v1/tokens", Map.of("name", unique("health"))).json().get("token")
			.asString();
		Api.Response admin = api.bearer(token).get("/actuator/health");
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.json().path("components").path("db").path("status").asString()).as(admin.toString())
			.isEqualTo("UP");
	}

	@Test
	void prometheusNeedsAdmin() {
		assertUnauthenticated(api.anonymous().get("/actuator/prometheus"));
		assertForbidden(Fixtures.userWithRole(api, "viewer").get("/actuator/prometheus"));
		assertForbidden(Fixtures.userWithRole(api, "operator").get("/actuator/prometheus"));
		assertForbidden(Fixtures.userWithRole(api, "viewer").get("/actuator/metrics"));
		assertForbidden(Fixtures.userWithRole(api, "operator").get("/actuator/info"));

		Api.Response metrics = api.asAdmin().header("Accept", "text/plain").get("/actuator/prometheus");
		assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
		assertThat(metrics.body()).contains("# HELP").contains("jvm_");
	}

	@Test
	void apiIsStatelessAndSetsNoSessionCookie() {
		Api.Response response = api.asAdmin().get("/api/v1/clouds");
		assertThat(response.status()).isEqualTo(200);
		assertThat(headerNames(response)).doesNotContain("set-cookie");

		// a later call without credentials is not let in on any state of the first one
		assertUnauthenticated(api.anonymous().get("/api/v1/clouds"));
	}

	@Test
	void forbiddenAnswersDoNotLeakData() {
		Api viewer = Fixtures.userWithRole(api, "viewer");
		Api.Response response = viewer.get("/api/v1/users");
		assertForbidden(response);
		assertThat(response.body()).doesNotContain("\"username\"").doesNotContain(ADMIN_PASSWORD);
	}

	static void assertUnauthenticated(Api.Response response) {
		JsonNode problem = assertProblem(response, 401, "unauthenticated");
		assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
		String challenge = response.header("WWW-Authenticate");
		assertThat(challenge).as("WWW-Authenticate of " + response).isNotNull();
		assertThat(challenge).contains("Basic").contains("Bearer");
	}

	static void assertForbidden(Api.Response response) {
		JsonNode problem = assertProblem(response, 403, "forbidden");
		assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
	}

	static List<String> headerNames(Api.Response response) {
		return response.headers().keySet().stream().map(String::toLowerCase).toList();
	}

}

package io.tfmesh.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.DashboardSession;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.Fixtures.section;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Every write leaves one audit entry, written with the change; refused writes leave none. */
class AuditIT extends IntegrationTestSupport {

	private static final String AUDIT = "/api/v1/audit";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void cloudCreateUpdateDeleteAreRecordedWithBeforeAndAfter() {
		TestAccount operator = Fixtures.account(api, "operator");
		Api client = operator.client();
		String name = unique("audited");
		Api.Response created = client.post("/api/v1/clouds", Fixtures.cloud(name));
		long id = created.json().get("id").asLong();
		Map<String, Object> change = Fixtures.cloud(name);
		change.put("region", "ap-south-1");
		change.put("version", 0);
		assertThat(client.put("/api/v1/clouds/" + id, change).status()).isEqualTo(200);
		assertThat(client.delete("/api/v1/clouds/" + id).status()).isEqualTo(204);

		List<JsonNode> entries = items(api.asAdmin().get(AUDIT + "?objectType=cloud&objectId=" + id));
		assertThat(entries).hasSize(3);
		JsonNode deleted = entries.get(0);
		JsonNode updated = entries.get(1);
		JsonNode create = entries.get(2);
		for (JsonNode entry : entries) {
			assertThat(entry.get("actor").asString()).isEqualTo(operator.username());
			assertThat(entry.get("objectType").asString()).isEqualTo("cloud");
			assertThat(entry.get("objectId").asString()).isEqualTo(String.valueOf(id));
			assertThat(entry.get("objectName").asString()).isEqualTo(name);
			assertThat(entry.get("id").asLong()).isPositive();
			assertThat(Instant.parse(entry.get("at").asString())).isBefore(Instant.now().plusSeconds(60));
		}
		assertThat(create.get("action").asString()).isEqualTo("create");
		assertThat(isAbsent(create.path("before"))).isTrue();
		assertThat(create.get("after").get("name").asString()).isEqualTo(name);
		assertThat(create.get("after").get("region").asString()).isEqualTo("us-east-1");

		assertThat(updated.get("action").asString()).isEqualTo("update");
		assertThat(updated.get("before").get("region").asString()).isEqualTo("us-east-1");
		assertThat(updated.get("after").get("region").asString()).isEqualTo("ap-south-1");
		assertThat(updated.get("after").get("version").asLong()).isEqualTo(1);
		List<String> changed = new ArrayList<>();
		updated.get("changes").forEach(field -> changed.add(field.get("field").asString()));
		assertThat(changed).containsExactly("region");
		assertThat(updated.get("changes").get(0).get("before").asString()).isEqualTo("us-east-1");
		assertThat(updated.get("changes").get(0).get("after").asString()).isEqualTo("ap-south-1");

		assertThat(deleted.get("action").asString()).isEqualTo("delete");
		assertThat(deleted.get("before").get("region").asString()).isEqualTo("ap-south-1");
		assertThat(isAbsent(deleted.path("after"))).isTrue();

		// newest first, strictly
		assertThat(Instant.parse(deleted.get("at").asString()))
			.isAfterOrEqualTo(Instant.parse(updated.get("at").asString()));
		assertThat(deleted.get("id").asLong()).isGreaterThan(updated.get("id").asLong());
		assertThat(updated.get("id").asLong()).isGreaterThan(create.get("id").asLong());
	}

	@Test
	void filtersAndPagination() {
		TestAccount operator = Fixtures.account(api, "operator");
		Api client = operator.client();
		String name = unique("filtered");
		long cloudId = client.post("/api/v1/clouds", Fixtures.cloud(name)).json().get("id").asLong();
		Map<String, Object> change = Fixtures.cloud(name);
		change.put("region", "ap-south-1");
		change.put("version", 0);
		client.put("/api/v1/clouds/" + cloudId, change);
		long clusterId = Fixtures.createCluster(client, unique("filtered"), cloudId);
		assertThat(client.delete("/api/v1/clusters/" + clusterId).status()).isEqualTo(204);
		String actor = "actor=" + operator.username();

		Api admin = api.asAdmin();
		Api.Response all = admin.get(AUDIT + "?" + actor);
		assertThat(all.json().get("totalItems").asLong()).isEqualTo(4);
		assertThat(actions(all)).containsExactly("delete", "create", "update", "create");
		assertThat(types(all)).containsExactly("cluster", "cluster", "cloud", "cloud");

		assertThat(actions(admin.get(AUDIT + "?" + actor + "&action=create"))).containsExactly("create", "create");
		assertThat(actions(admin.get(AUDIT + "?" + actor + "&action=UPDATE"))).containsExactly("update");
		assertThat(types(admin.get(AUDIT + "?" + actor + "&objectType=cluster"))).containsExactly("cluster", "cluster");
		Api.Response byObject = admin.get(AUDIT + "?objectType=cluster&objectId=" + clusterId);
		assertThat(actions(byObject)).containsExactly("delete", "create");
		assertThat(actions(admin.get(AUDIT + "?objectType=cluster&objectId=" + clusterId + "&action=delete")))
			.containsExactly("delete");
		assertThat(actions(admin.get(AUDIT + "?" + actor + "&objectType=user"))).isEmpty();
		assertThat(admin.get(AUDIT + "?actor=" + unique("nobody")).json().get("totalItems").asLong()).isZero();

		Instant now = Instant.now();
		assertThat(admin.get(AUDIT + "?" + actor + "&from=" + now.plus(1, ChronoUnit.DAYS)).json().get("totalItems")
			.asLong()).isZero();
		assertThat(admin.get(AUDIT + "?" + actor + "&to=" + now.minus(1, ChronoUnit.DAYS)).json().get("totalItems")
			.asLong()).isZero();
		assertThat(admin.get(AUDIT + "?" + actor + "&from=" + now.minus(1, ChronoUnit.DAYS) + "&to="
				+ now.plus(1, ChronoUnit.DAYS)).json().get("totalItems").asLong()).isEqualTo(4);
		assertProblem(admin.get(AUDIT + "?from=yesterday"), 400, "");

		// pages of two, newest first
		Api.Response page0 = admin.get(AUDIT + "?" + actor + "&size=2&page=0");
		Api.Response page1 = admin.get(AUDIT + "?" + actor + "&size=2&page=1");
		Api.Response page2 = admin.get(AUDIT + "?" + actor + "&size=2&page=2");
		assertThat(page0.json().get("totalItems").asLong()).isEqualTo(4);
		assertThat(page0.json().get("totalPages").asInt()).isEqualTo(2);
		assertThat(page0.json().get("size").asInt()).isEqualTo(2);
		assertThat(page1.json().get("page").asInt()).isEqualTo(1);
		List<Long> ids = new ArrayList<>();
		ids.addAll(entryIds(page0));
		ids.addAll(entryIds(page1));
		assertThat(ids).hasSize(4).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(ids).containsExactlyElementsOf(entryIds(all));
		assertThat(entryIds(page2)).isEmpty();
		assertInvalidField(admin.get(AUDIT + "?size=0"), "size");
		assertInvalidField(admin.get(AUDIT + "?size=201"), "size");
		assertInvalidField(admin.get(AUDIT + "?page=-1"), "page");
	}

	@Test
	void clusterEntriesNameChangedSecretsButHoldNoValues() {
		TestAccount operator = Fixtures.account(api, "operator");
		Api client = operator.client();
		long cloudId = Fixtures.createCloud(client, unique("secrets"));
		String kubeSecret = "kube-" + unique("secret");
		String tokenSecret = "token-" + unique("secret");
		String keystoneSecret = "keystone-" + unique("secret");
		String name = unique("secretive");
		Map<String, Object> body = Fixtures.clusterWithKeystone(name, cloudId, keystoneSecret);
		section(body, "kubernetes").put("kubeconfig", Fixtures.kubeconfig(kubeSecret));
		long id = Fixtures.createCluster(client, body);

		// an update that leaves the secrets out changes none
		Map<String, Object> plain = Fixtures.clusterWithKeystone(name, cloudId, null);
		section(plain, "kubernetes").remove("kubeconfig");
		plain.put("bgpAsn", 65123);
		plain.put("version", 0);
		assertThat(client.put("/api/v1/clusters/" + id, plain).status()).isEqualTo(200);

		// switching to token auth replaces the kubeconfig with the token
		Map<String, Object> switched = Fixtures.clusterWithToken(name, cloudId, tokenSecret);
		switched.put("version", 1);
		assertThat(client.put("/api/v1/clusters/" + id, switched).status()).isEqualTo(200);
		assertThat(client.delete("/api/v1/clusters/" + id).status()).isEqualTo(204);

		Api.Response response = api.asAdmin().get(AUDIT + "?objectType=cluster&objectId=" + id);
		assertThat(response.body()).doesNotContain(kubeSecret).doesNotContain(tokenSecret).doesNotContain(keystoneSecret);
		List<JsonNode> entries = items(response);
		assertThat(entries).extracting(entry -> entry.get("action").asString())
			.containsExactly("delete", "update", "update", "create");
		JsonNode create = entries.get(3);
		assertThat(strings(create.at("/after/changedSecrets"))).containsExactlyInAnyOrder("kubernetes.kubeconfig",
				"tungstenFabric.keystone.password");
		assertThat(create.at("/after/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(create.at("/after/tungstenFabric/keystone/passwordSet").asBoolean()).isTrue();

		JsonNode unchanged = entries.get(2);
		assertThat(unchanged.at("/after/changedSecrets").isMissingNode()).as(unchanged.toString()).isTrue();
		assertThat(unchanged.at("/after/bgpAsn").asLong()).isEqualTo(65123);

		JsonNode switch_ = entries.get(1);
		assertThat(strings(switch_.at("/after/changedSecrets"))).containsExactlyInAnyOrder("kubernetes.token",
				"kubernetes.kubeconfig", "tungstenFabric.keystone.password");
		assertThat(switch_.at("/before/kubernetes/kubeconfigSet").asBoolean()).isTrue();
		assertThat(switch_.at("/after/kubernetes/kubeconfigSet").asBoolean()).isFalse();
		assertThat(switch_.at("/after/kubernetes/tokenSet").asBoolean()).isTrue();
		assertThat(switch_.at("/before/changedSecrets").isMissingNode()).isTrue();

		assertThat(entries.get(0).at("/before/name").asString()).isEqualTo(name);
		assertThat(isAbsent(entries.get(0).path("after"))).isTrue();
	}

	@Test
	void userWritesAreRecordedWithoutPasswords() {
		Api admin = api.asAdmin();
		String username = unique("recorded");
		String password = "first-" + unique("pw");
		Api.Response created = admin.post("/api/v1/users", Map.of("username", username, "password", password, "role", "viewer"));
		long id = created.json().get("id").asLong();
		assertThat(admin.put("/api/v1/users/" + id, Map.of("role", "operator", "enabled", true, "version", 0)).status())
			.isEqualTo(200);
		String newPassword = "second-" + unique("pw");
		assertThat(admin.put("/api/v1/users/" + id,
				Map.of("role", "operator", "enabled", true, "password", newPassword, "version", 1)).status())
			.isEqualTo(200);
		assertThat(admin.delete("/api/v1/users/" + id).status()).isEqualTo(204);

		Api.Response response = admin.get(AUDIT + "?objectType=user&objectId=" + id);
		assertThat(response.body()).doesNotContain(password).doesNotContain(newPassword).doesNotContain("$2a$");
		List<JsonNode> entries = items(response);
		assertThat(entries).extracting(entry -> entry.get("action").asString())
			.containsExactly("delete", "update", "update", "create");
		assertThat(entries).allSatisfy(entry -> {
			assertThat(entry.get("actor").asString()).isEqualTo(ADMIN);
			assertThat(entry.get("objectName").asString()).isEqualTo(username);
		});
		assertThat(entries.get(3).at("/after/role").asString()).isEqualTo("viewer");
		assertThat(entries.get(2).at("/before/role").asString()).isEqualTo("viewer");
		assertThat(entries.get(2).at("/after/role").asString()).isEqualTo("operator");
		assertThat(entries.get(2).at("/after/changedSecrets").isMissingNode()).isTrue();
		assertThat(strings(entries.get(1).at("/after/changedSecrets"))).containsExactly("password");
		assertThat(entries.get(0).at("/before/username").asString()).isEqualTo(username);
	}

	@Test
	void theFirstAdminWasCreatedBySystem() {
		JsonNode admins = api.asAdmin().get("/api/v1/users?q=" + ADMIN + "&size=200").json();
		long adminId = -1;
		for (JsonNode user : admins.get("items")) {
			if (user.get("username").asString().equals(ADMIN)) {
				adminId = user.get("id").asLong();
			}
		}
		assertThat(adminId).isPositive();
		List<JsonNode> entries = items(api.asAdmin().get(AUDIT + "?objectType=user&action=create&objectId=" + adminId));
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).get("actor").asString()).isEqualTo("system");
		assertThat(entries.get(0).at("/after/role").asString()).isEqualTo("admin");
	}

	@Test
	void refusedWritesLeaveNoEntry() {
		Api admin = api.asAdmin();
		String takenName = unique("taken");
		long cloudId = Fixtures.createCloud(admin, takenName);
		String clusterName = unique("occupant");
		long clusterId = Fixtures.createCluster(admin, clusterName, cloudId);
		TestAccount operator = Fixtures.account(api, "operator");
		Api client = operator.client();

		Map<String, Object> invalidCloud = Fixtures.cloud(unique("refused"));
		invalidCloud.put("underlayCidrs", List.of("10.1.2.3/8"));
		assertThat(client.post("/api/v1/clouds", invalidCloud).status()).isEqualTo(400);
		assertThat(client.post("/api/v1/clouds", Fixtures.cloud(takenName)).status()).isEqualTo(409);
		Map<String, Object> stale = Fixtures.cloud(takenName);
		stale.put("region", "eu-west-3");
		stale.put("version", 7);
		assertThat(client.put("/api/v1/clouds/" + cloudId, stale).status()).isEqualTo(409);
		stale.remove("version");
		assertThat(client.put("/api/v1/clouds/" + cloudId, stale).status()).isEqualTo(428);
		Map<String, Object> invalidUpdate = Fixtures.cloud(takenName);
		invalidUpdate.put("underlayGateway", "10.9.9.9");
		invalidUpdate.put("version", 0);
		assertThat(client.put("/api/v1/clouds/" + cloudId, invalidUpdate).status()).isEqualTo(400);
		assertThat(client.delete("/api/v1/clouds/" + cloudId).status()).isEqualTo(409);
		assertThat(client.header("If-Match", "\"5\"").delete("/api/v1/clouds/" + cloudId).status()).isEqualTo(409);

		Map<String, Object> invalidCluster = Fixtures.cluster(unique("refused"), cloudId);
		invalidCluster.put("bgpAsn", 0);
		assertThat(client.post("/api/v1/clusters", invalidCluster).status()).isEqualTo(400);
		assertThat(client.post("/api/v1/clusters", Fixtures.cluster(clusterName, cloudId)).status()).isEqualTo(409);
		Map<String, Object> staleCluster = Fixtures.cluster(clusterName, cloudId);
		staleCluster.put("version", 3);
		assertThat(client.put("/api/v1/clusters/" + clusterId, staleCluster).status()).isEqualTo(409);
		assertThat(client.header("If-Match", "\"3\"").delete("/api/v1/clusters/" + clusterId).status()).isEqualTo(409);
		assertThat(client.post("/api/v1/users", Map.of("username", unique("nope"), "password", "password-1", "role",
				"admin")).status()).isEqualTo(403);
		assertThat(client.post("/api/v1/tokens", Map.of("name", "")).status()).isEqualTo(400);

		assertThat(admin.get(AUDIT + "?actor=" + operator.username()).json().get("totalItems").asLong()).isZero();
		assertThat(actions(admin.get(AUDIT + "?objectType=cloud&objectId=" + cloudId))).containsExactly("create");
		assertThat(actions(admin.get(AUDIT + "?objectType=cluster&objectId=" + clusterId))).containsExactly("create");

		// and the same for an admin's refused user changes
		TestAccount user = Fixtures.account(api, "viewer");
		assertThat(admin.post("/api/v1/users", Map.of("username", user.username(), "password", "password-1", "role",
				"viewer")).status()).isEqualTo(409);
		assertThat(admin.put("/api/v1/users/" + user.id(), Map.of("role", "admin", "enabled", true, "version", 4))
			.status()).isEqualTo(409);
		assertThat(admin.put("/api/v1/users/" + user.id(), Map.of("role", "admin", "enabled", true, "password", "short",
				"version", 0)).status()).isEqualTo(400);
		assertThat(actions(admin.get(AUDIT + "?objectType=user&objectId=" + user.id()))).containsExactly("create");
	}

	@Test
	void everyObjectTypeIsFilteredAndEachEntryLinksToItsObject() {
		Api admin = api.asAdmin();
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("audited-mesh"))).json().get("id").asLong();
		Api.Response reserved = admin.post("/api/v1/meshes/" + meshId + "/reservations",
				Map.of("cidr", "100.70.0.0/16", "note", "audited"));
		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
		long reservationId = reserved.json().get("id").asLong();
		long cloudId = Fixtures.createCloud(admin, unique("audited-gone"));
		assertThat(admin.delete("/api/v1/clouds/" + cloudId).status()).isEqualTo(204);

		assertThat(actions(admin.get(AUDIT + "?objectType=mesh&objectId=" + meshId))).containsExactly("create");
		assertThat(types(admin.get(AUDIT + "?objectType=allocation&objectId=" + reservationId)))
			.containsExactly("allocation");
		assertThat(types(admin.get(AUDIT + "?objectType=reservation&objectId=" + reservationId)))
			.containsExactly("allocation");
		List<JsonNode> reservations = items(admin.get(AUDIT + "?objectType=reservation&size=200"));
		assertThat(reservations).isNotEmpty()
			.allMatch(entry -> "reserved".equals(entry.path("after").path("kind").asString())
					|| "reserved".equals(entry.path("before").path("kind").asString()));

		DashboardSession page = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		String all = page.get("/audit").body();
		assertThat(all).contains(">Clouds<", ">Clusters<", ">Meshes<", ">Allocations<", ">Reservations<", ">Intents<",
				">Plans<", ">Users<", ">API tokens<", ">Logins<");
		assertThat(all).contains("<option value=\"login-failed\"", "<option value=\"approve\"");

		String ofReservation = page.get("/audit?objectType=reservation&objectId=" + reservationId).body();
		assertThat(ofReservation).contains("<option value=\"reservation\" selected=\"selected\">Reservations</option>")
			.contains("href=\"/meshes/" + meshId + "\"")
			.contains("1 entries");
		String ofMesh = page.get("/audit?objectType=mesh&objectId=" + meshId).body();
		assertThat(ofMesh).contains("class=\"object-link\" href=\"/meshes/" + meshId + "\"");

		// a deleted object has no page, but its entries stay one click away
		String ofCloud = page.get("/audit?objectType=cloud&objectId=" + cloudId).body();
		assertThat(ofCloud).doesNotContain("href=\"/clouds/" + cloudId + "\"")
			.contains("href=\"/audit?objectType=cloud&amp;objectId=" + cloudId + "\"");
	}

	@Test
	void beyondTheCountLimitTotalsAreEstimatesAndPagingStillReachesEveryEntry() {
		TestAccount operator = Fixtures.account(api, "operator");
		for (int i = 0; i < 5; i++) {
			Fixtures.createCloud(operator.client(), unique("counted"));
		}
		AuditFilter mine = new AuditFilter(operator.username(), null, null, null, null, null);
		AuditQueries countingThree = new AuditQueries(jdbc, json, 3);

		AuditPage first = countingThree.find(mine, PageQuery.of(0, 2));
		assertThat(first.totalExact()).isFalse();
		assertThat(first.totalItems()).isGreaterThanOrEqualTo(4);
		assertThat(first.items()).hasSize(2);
		assertThat(first.hasNext()).isTrue();
		AuditPage second = countingThree.find(mine, PageQuery.of(1, 2));
		assertThat(second.hasNext()).isTrue();
		AuditPage last = countingThree.find(mine, PageQuery.of(2, 2));
		assertThat(last.items()).hasSize(1);
		assertThat(last.hasNext()).isFalse();
		assertThat(last.totalExact()).isTrue();
		assertThat(last.totalItems()).isEqualTo(5);
		List<Long> ids = new ArrayList<>();
		for (AuditPage page : List.of(first, second, last)) {
			page.items().forEach(entry -> ids.add(entry.id()));
		}
		assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));

		AuditPage counted = new AuditQueries(jdbc, json, 10).find(mine, PageQuery.of(0, 2));
		assertThat(counted.totalExact()).isTrue();
		assertThat(counted.totalItems()).isEqualTo(5);
		assertThat(counted.totalPages()).isEqualTo(3);
	}

	@Test
	void oldestFirstPagesThroughEveryEntryOnceAndEstimatesBeyondTheCountLimit() {
		TestAccount operator = Fixtures.account(api, "operator");
		for (int i = 0; i < 5; i++) {
			Fixtures.createCloud(operator.client(), unique("aged"));
		}
		AuditFilter mine = new AuditFilter(operator.username(), null, null, null, null, null);
		AuditQueries countingThree = new AuditQueries(jdbc, json, 3);
		ListSort oldestFirst = ListSort.of("time", AuditQueries.SORT_COLUMNS, AuditQueries.DEFAULT_SORT);

		AuditPage first = countingThree.find(mine, PageQuery.of(0, 2), oldestFirst);
		assertThat(first.totalExact()).isFalse();
		assertThat(first.hasNext()).isTrue();
		AuditPage second = countingThree.find(mine, PageQuery.of(1, 2), oldestFirst);
		AuditPage last = countingThree.find(mine, PageQuery.of(2, 2), oldestFirst);
		assertThat(last.hasNext()).isFalse();
		assertThat(last.totalExact()).isTrue();
		assertThat(last.totalItems()).isEqualTo(5);
		List<AuditEntry> entries = new ArrayList<>();
		for (AuditPage page : List.of(first, second, last)) {
			entries.addAll(page.items());
		}
		assertThat(entries).extracting(AuditEntry::id).hasSize(5).doesNotHaveDuplicates();
		assertThat(entries).isSortedAccordingTo(Comparator.comparing(AuditEntry::at).thenComparingLong(AuditEntry::id));

		Api admin = api.asAdmin();
		String actor = AUDIT + "?actor=" + operator.username() + "&size=5";
		List<Long> newest = new ArrayList<>(entryIds(admin.get(actor)));
		List<Long> oldest = entryIds(admin.get(actor + "&sort=time"));
		assertThat(oldest).containsExactlyElementsOf(entries.stream().map(AuditEntry::id).toList());
		Collections.reverse(newest);
		assertThat(oldest).containsExactlyElementsOf(newest);
		assertThat(entryIds(admin.get(actor + "&sort=-time"))).containsExactlyElementsOf(entryIds(admin.get(actor)));
		assertInvalidField(admin.get(AUDIT + "?sort=actor"), "sort");
	}

	@Test
	void theAuditPageSortsByTimeFromItsHeaderAndSaysWhenItIgnoresAnOrder() {
		TestAccount operator = Fixtures.account(api, "operator");
		String older = unique("older");
		String newer = unique("newer");
		Fixtures.createCloud(operator.client(), older);
		Fixtures.createCloud(operator.client(), newer);
		DashboardSession page = DashboardSession.logIn("http://localhost:" + port, ADMIN, ADMIN_PASSWORD);
		String newestFirst = page.get("/audit?actor=" + operator.username()).body();
		assertThat(newestFirst).contains("aria-sort=\"descending\"")
			.contains("href=\"/audit?actor=" + operator.username() + "&amp;sort=time\"");
		assertThat(newestFirst.indexOf(newer)).isLessThan(newestFirst.indexOf(older));
		String oldestFirst = page.get("/audit?actor=" + operator.username() + "&sort=time").body();
		assertThat(oldestFirst).contains("aria-sort=\"ascending\"");
		assertThat(oldestFirst.indexOf(older)).isLessThan(oldestFirst.indexOf(newer));
		String ignored = page.get("/audit?actor=" + operator.username() + "&sort=actor").body();
		assertThat(ignored).contains("cannot be sorted by “actor”", "aria-sort=\"descending\"");
	}

	@Test
	void viewerMayReadTheAuditLog() {
		Api.Response response = Fixtures.userWithRole(api, "viewer").get(AUDIT + "?size=5");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("items").size()).isBetween(1, 5);
	}

	private static boolean isAbsent(JsonNode node) {
		return node.isMissingNode() || node.isNull();
	}

	private static List<JsonNode> items(Api.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<JsonNode> items = new ArrayList<>();
		response.json().get("items").forEach(items::add);
		assertThat(response.json().get("totalItems").asLong()).isGreaterThanOrEqualTo(items.size());
		return items;
	}

	private static List<String> actions(Api.Response response) {
		return items(response).stream().map(entry -> entry.get("action").asString()).toList();
	}

	private static List<String> types(Api.Response response) {
		return items(response).stream().map(entry -> entry.get("objectType").asString()).toList();
	}

	private static List<Long> entryIds(Api.Response response) {
		return items(response).stream().map(entry -> entry.get("id").asLong()).toList();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(item -> values.add(item.asString()));
		return values;
	}

}

package io.tfmesh.user;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Concurrently;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertConflictOnField;
import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The users resource: accounts, roles, and the guard that keeps one admin able to log in. */
class UserApiIT extends IntegrationTestSupport {

	private static final String USERS = "/api/v1/users";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void adminCreatesReadsUpdatesAndDeletesAUser() {
		Api admin = api.asAdmin();
		String username = unique("alice");
		String password = "first-password-1";
		Api.Response created = admin.post(USERS, Map.of("username", username, "password", password, "role", "viewer"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode user = created.json();
		long id = user.get("id").asLong();
		assertThat(created.header("Location")).endsWith(USERS + "/" + id);
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(user.get("username").asString()).isEqualTo(username);
		assertThat(user.get("role").asString()).isEqualTo("viewer");
		assertThat(user.get("enabled").asBoolean()).isTrue();
		assertThat(user.get("version").asLong()).isZero();
		assertThat(created.body()).doesNotContain(password).doesNotContainIgnoringCase("passwordHash")
			.doesNotContain("$2a$");

		Api alice = api.basic(username, password);
		assertThat(alice.get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(alice.post("/api/v1/clouds", Fixtures.cloud(unique("alice-cloud"))).status()).isEqualTo(403);

		Api.Response read = admin.get(USERS + "/" + id);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");
		assertThat(read.body()).doesNotContain(password).doesNotContain("$2a$");
		Api.Response listed = admin.get(USERS + "?q=" + username);
		assertThat(listed.json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(listed.json().get("items").get(0).get("username").asString()).isEqualTo(username);
		assertThat(listed.body()).doesNotContain("$2a$");

		// promote, with the version in the body: the new role takes effect on the next call
		Api.Response promoted = admin.put(USERS + "/" + id, Map.of("role", "operator", "enabled", true, "version", 0));
		assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
		assertThat(promoted.header("ETag")).isEqualTo("\"1\"");
		assertThat(promoted.json().get("role").asString()).isEqualTo("operator");
		assertThat(promoted.json().get("version").asLong()).isEqualTo(1);
		assertThat(alice.post("/api/v1/clouds", Fixtures.cloud(unique("alice-cloud"))).status()).isEqualTo(201);

		// new password, with If-Match
		String newPassword = "second-password-2";
		Api.Response repassworded = admin.header("If-Match", "\"1\"")
			.put(USERS + "/" + id, Map.of("role", "operator", "enabled", true, "password", newPassword));
		assertThat(repassworded.status()).as(repassworded.toString()).isEqualTo(200);
		assertThat(repassworded.json().get("version").asLong()).isEqualTo(2);
		assertProblem(alice.get("/api/v1/clouds"), 401, "unauthenticated");
		Api aliceAgain = api.basic(username, newPassword);
		assertThat(aliceAgain.get("/api/v1/clouds").status()).isEqualTo(200);

		assertThat(admin.delete(USERS + "/" + id).status()).isEqualTo(204);
		assertProblem(admin.get(USERS + "/" + id), 404, "not-found");
		assertProblem(admin.delete(USERS + "/" + id), 404, "not-found");
		assertProblem(aliceAgain.get("/api/v1/clouds"), 401, "unauthenticated");
		assertThat(admin.get(USERS + "?q=" + username).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void listSearchesAndPaginates() {
		Api admin = api.asAdmin();
		String prefix = unique("pg");
		for (String suffix : List.of("c", "a", "b")) {
			Api.Response created = admin.post(USERS,
					Map.of("username", prefix + "-" + suffix, "password", "password-123", "role", "viewer"));
			assertThat(created.status()).isEqualTo(201);
		}
		Api.Response first = admin.get(USERS + "?q=" + prefix + "&size=2");
		assertThat(usernames(first)).containsExactly(prefix + "-a", prefix + "-b");
		assertThat(first.json().get("totalItems").asLong()).isEqualTo(3);
		assertThat(first.json().get("totalPages").asInt()).isEqualTo(2);
		assertThat(usernames(admin.get(USERS + "?q=" + prefix + "&size=2&page=1"))).containsExactly(prefix + "-c");
		assertInvalidField(admin.get(USERS + "?size=0"), "size");
		assertInvalidField(admin.get(USERS + "?size=201"), "size");
	}

	@Test
	void duplicateUsernameIsAConflictOnUsername() {
		Api admin = api.asAdmin();
		TestAccount existing = Fixtures.account(api, "viewer");
		JsonNode problem = assertConflictOnField(
				admin.post(USERS, Map.of("username", existing.username(), "password", "other-password", "role", "admin")),
				"username");
		assertThat(problem.get("detail").asString()).contains(existing.username());
		JsonNode stored = admin.get(USERS + "/" + existing.id()).json();
		assertThat(stored.get("role").asString()).isEqualTo("viewer");
		// the old password still works, the one of the refused request does not
		assertThat(existing.client().get("/api/v1/clouds").status()).isEqualTo(200);
		assertProblem(api.basic(existing.username(), "other-password").get("/api/v1/clouds"), 401, "unauthenticated");
		assertConflictOnField(admin.post(USERS, Map.of("username", ADMIN, "password", "other-password", "role", "viewer")),
				"username");
	}

	@Test
	void concurrentCreatesOfOneUsernameLetExactlyOneWin() {
		Api admin = api.asAdmin();
		String username = unique("rush");
		List<Api.Response> responses = Concurrently.run(6,
				i -> admin.post(USERS, Map.of("username", username, "password", "password-" + i, "role", "viewer")));
		assertThat(responses.stream().filter(response -> response.status() == 201).count()).as(responses.toString())
			.isEqualTo(1);
		for (Api.Response response : responses) {
			if (response.status() != 201) {
				assertConflictOnField(response, "username");
			}
		}
		assertThat(admin.get(USERS + "?q=" + username).json().get("totalItems").asLong()).isEqualTo(1);
	}

	@Test
	void invalidUsersAreRefusedNamingTheField() {
		Api admin = api.asAdmin();
		String name = unique("bad");
		assertInvalidField(admin.post(USERS, Map.of("username", "Upper-" + name, "password", "password-1", "role", "viewer")),
				"username");
		assertInvalidField(admin.post(USERS, Map.of("username", name + " x", "password", "password-1", "role", "viewer")),
				"username");
		assertInvalidField(admin.post(USERS, Map.of("username", "", "password", "password-1", "role", "viewer")),
				"username");
		assertInvalidField(admin.post(USERS, Map.of("password", "password-1", "role", "viewer")), "username");
		assertInvalidField(admin.post(USERS, Map.of("username", name, "password", "short", "role", "viewer")), "password");
		assertInvalidField(admin.post(USERS, Map.of("username", name, "role", "viewer")), "password");
		assertInvalidField(admin.post(USERS, Map.of("username", name, "password", " ".repeat(12), "role", "viewer")),
				"password");
		// 40 characters but 80 bytes: bcrypt would silently cut it
		assertInvalidField(admin.post(USERS, Map.of("username", name, "password", "é".repeat(40), "role", "viewer")),
				"password");
		String roleMessage = assertInvalidField(
				admin.post(USERS, Map.of("username", name, "password", "password-1", "role", "superuser")), "role");
		assertThat(roleMessage).contains("superuser");
		assertInvalidField(admin.post(USERS, Map.of("username", name, "password", "password-1")), "role");
		assertProblem(admin.post(USERS, "{\"username\": "), 400, "unreadable-body");
		assertThat(admin.get(USERS + "?q=" + name).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void invalidUpdatesAreRefusedAndChangeNothing() {
		Api admin = api.asAdmin();
		TestAccount user = Fixtures.account(api, "viewer");
		String path = USERS + "/" + user.id();
		assertInvalidField(admin.put(path, Map.of("role", "root", "enabled", true, "version", 0)), "role");
		assertInvalidField(admin.put(path, Map.of("enabled", true, "version", 0)), "role");
		assertInvalidField(admin.put(path, Map.of("role", "admin", "version", 0)), "enabled");
		assertInvalidField(admin.put(path, Map.of("role", "admin", "enabled", true, "password", "short", "version", 0)),
				"password");
		assertInvalidField(
				admin.put(path, Map.of("role", "admin", "enabled", true, "password", "ü".repeat(50), "version", 0)),
				"password");
		JsonNode stored = admin.get(path).json();
		assertThat(stored.get("role").asString()).isEqualTo("viewer");
		assertThat(stored.get("version").asLong()).isZero();
		assertThat(user.client().get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void staleAndUnversionedUpdatesAreRefused() {
		Api admin = api.asAdmin();
		TestAccount user = Fixtures.account(api, "viewer");
		String path = USERS + "/" + user.id();
		assertThat(admin.put(path, Map.of("role", "operator", "enabled", true, "version", 0)).status()).isEqualTo(200);

		JsonNode stale = assertProblem(admin.put(path, Map.of("role", "admin", "enabled", true, "version", 0)), 409,
				"stale-version");
		assertThat(stale.get("currentVersion").asLong()).isEqualTo(1);
		assertProblem(admin.header("If-Match", "\"0\"").put(path, Map.of("role", "admin", "enabled", true)), 409,
				"stale-version");
		assertProblem(admin.put(path, Map.of("role", "admin", "enabled", true)), 428, "precondition-required");

		JsonNode stored = admin.get(path).json();
		assertThat(stored.get("role").asString()).isEqualTo("operator");
		assertThat(stored.get("version").asLong()).isEqualTo(1);
		assertProblem(admin.put(USERS + "/987654321", Map.of("role", "admin", "enabled", true, "version", 0)), 404,
				"not-found");
	}

	@Test
	void disabledUserIsUnauthenticatedUntilEnabledAgain() {
		Api admin = api.asAdmin();
		TestAccount user = Fixtures.account(api, "operator");
		String path = USERS + "/" + user.id();
		assertThat(user.client().get("/api/v1/clouds").status()).isEqualTo(200);

		Api.Response disabled = admin.put(path, Map.of("role", "operator", "enabled", false, "version", 0));
		assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
		assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
		assertProblem(user.client().get("/api/v1/clouds"), 401, "unauthenticated");
		String name = unique("disabled-write");
		assertProblem(user.client().post("/api/v1/clouds", Fixtures.cloud(name)), 401, "unauthenticated");
		assertThat(admin.get("/api/v1/clouds?q=" + name).json().get("totalItems").asLong()).isZero();

		assertThat(admin.put(path, Map.of("role", "operator", "enabled", true, "version", 1)).status()).isEqualTo(200);
		assertThat(user.client().get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void adminCannotDeleteOrDisableItself() {
		TestAccount second = Fixtures.account(api, "admin");
		String path = USERS + "/" + second.id();
		assertProblem(second.client().delete(path), 409, "conflict");
		assertConflictOnField(second.client().put(path, Map.of("role", "admin", "enabled", false, "version", 0)),
				"enabled");
		JsonNode stored = api.asAdmin().get(path).json();
		assertThat(stored.get("enabled").asBoolean()).isTrue();
		assertThat(stored.get("role").asString()).isEqualTo("admin");
		assertThat(second.client().get(USERS).status()).isEqualTo(200);
	}

	@Test
	void anAdminCanBeDemotedAndDeletedWhileAnotherAdminRemains() {
		Api admin = api.asAdmin();
		TestAccount other = Fixtures.account(api, "admin");
		String path = USERS + "/" + other.id();
		Api.Response demoted = admin.put(path, Map.of("role", "viewer", "enabled", true, "version", 0));
		assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);
		assertProblem(other.client().get(USERS), 403, "forbidden");
		assertThat(admin.put(path, Map.of("role", "admin", "enabled", true, "version", 1)).status()).isEqualTo(200);
		assertThat(other.client().get(USERS).status()).isEqualTo(200);
		assertThat(admin.delete(path).status()).isEqualTo(204);
		assertProblem(other.client().get(USERS), 401, "unauthenticated");
	}

	@Test
	void theLastEnabledAdminCannotBeDemotedDisabledOrDeleted() {
		Api admin = api.asAdmin();
		long adminId = userId(ADMIN);
		// make the bootstrap admin the only enabled admin, for the length of this test
		Map<Long, Long> disabled = new LinkedHashMap<>();
		try {
			for (JsonNode user : allUsers()) {
				if (user.get("role").asString().equals("admin") && user.get("enabled").asBoolean()
						&& user.get("id").asLong() != adminId) {
					Api.Response off = admin.put(USERS + "/" + user.get("id").asLong(),
							Map.of("role", "admin", "enabled", false, "version", user.get("version").asLong()));
					assertThat(off.status()).as(off.toString()).isEqualTo(200);
					disabled.put(user.get("id").asLong(), off.json().get("version").asLong());
				}
			}
			long enabledAdmins = allUsers().stream()
				.filter(user -> user.get("role").asString().equals("admin") && user.get("enabled").asBoolean())
				.count();
			assertThat(enabledAdmins).isEqualTo(1);

			long version = admin.get(USERS + "/" + adminId).json().get("version").asLong();
			JsonNode demote = assertConflictOnField(
					admin.put(USERS + "/" + adminId, Map.of("role", "operator", "enabled", true, "version", version)),
					"role");
			assertThat(demote.get("detail").asString()).contains("last enabled admin");
			assertConflictOnField(
					admin.put(USERS + "/" + adminId, Map.of("role", "viewer", "enabled", true, "version", version)),
					"role");
			assertProblem(admin.put(USERS + "/" + adminId, Map.of("role", "admin", "enabled", false, "version", version)),
					409, "conflict");
			assertProblem(admin.delete(USERS + "/" + adminId), 409, "conflict");

			JsonNode stored = admin.get(USERS + "/" + adminId).json();
			assertThat(stored.get("role").asString()).isEqualTo("admin");
			assertThat(stored.get("enabled").asBoolean()).isTrue();
			assertThat(stored.get("version").asLong()).isEqualTo(version);

			// changing only the password of the last admin is fine
			Api.Response samePassword = admin.put(USERS + "/" + adminId,
					Map.of("role", "admin", "enabled", true, "password", ADMIN_PASSWORD, "version", version));
			assertThat(samePassword.status()).as(samePassword.toString()).isEqualTo(200);
		}
		finally {
			// whatever happened above, leave an enabled admin with the known password for the other tests
			jdbc.update("UPDATE app_user SET role = 'ADMIN', enabled = true WHERE id = ?", adminId);
			disabled.forEach((id, version) -> admin.put(USERS + "/" + id,
					Map.of("role", "admin", "enabled", true, "version", version)));
		}
		assertThat(admin.get(USERS).status()).isEqualTo(200);
	}

	private long userId(String username) {
		return allUsers().stream()
			.filter(user -> user.get("username").asString().equals(username))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asLong();
	}

	private List<JsonNode> allUsers() {
		List<JsonNode> users = new ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode list = api.asAdmin().get(USERS + "?size=200&page=" + page).json();
			list.get("items").forEach(users::add);
			if (page + 1 >= list.get("totalPages").asInt()) {
				return users;
			}
		}
	}

	private static List<String> usernames(Api.Response list) {
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		list.json().get("items").forEach(item -> names.add(item.get("username").asString()));
		return names;
	}

}

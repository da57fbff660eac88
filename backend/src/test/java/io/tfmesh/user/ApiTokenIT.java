package io.tfmesh.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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

/** Personal API tokens: shown once, stored as a hash, usable as Bearer, revocable by their owner only. */
class ApiTokenIT extends IntegrationTestSupport {

	private static final String TOKENS = "/api/v1/tokens";

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void tokenIsShownOnceAndWorksAsBearerUntilRevoked() throws Exception {
		TestAccount operator = Fixtures.account(api, "operator");
		String name = unique("ci");
		Api.Response created = operator.client().post(TOKENS, Map.of("name", name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String token = created.json().get("token").asString();
		JsonNode details = created.json().get("details");
		long id = details.get("id").asLong();
		assertThat(token).startsWith("tfm_").hasSizeGreaterThan(40);
		assertThat(created.header("Location")).endsWith(TOKENS + "/" + id);
		assertThat(details.get("name").asString()).isEqualTo(name);
		assertThat(details.get("prefix").asString()).startsWith("tfm_");
		assertThat(token).startsWith(details.get("prefix").asString());
		assertThat(details.get("prefix").asString()).hasSizeLessThan(token.length() / 2);
		assertThat(details.get("createdAt").asString()).isNotBlank();
		assertThat(details.path("expiresAt").isNull() || details.path("expiresAt").isMissingNode()).isTrue();

		// the token authenticates as its owner, with the owner's role
		Api bearer = api.bearer(token);
		assertThat(bearer.get("/api/v1/clouds").status()).isEqualTo(200);
		String cloudName = unique("via-token");
		Api.Response cloud = bearer.post("/api/v1/clouds", Fixtures.cloud(cloudName));
		assertThat(cloud.status()).as(cloud.toString()).isEqualTo(201);
		JsonNode audit = api.asAdmin()
			.get("/api/v1/audit?objectType=cloud&objectId=" + cloud.json().get("id").asLong())
			.json()
			.get("items")
			.get(0);
		assertThat(audit.get("actor").asString()).isEqualTo(operator.username());
		assertProblem(bearer.get("/api/v1/users"), 403, "forbidden");

		// the listing never holds the value, but shows that the token was used
		for (Api lister : List.of(operator.client(), bearer)) {
			Api.Response list = lister.get(TOKENS);
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.body()).doesNotContain(token);
			JsonNode mine = find(list.json(), id);
			assertThat(mine.get("name").asString()).isEqualTo(name);
			assertThat(mine.get("prefix").asString()).isEqualTo(details.get("prefix").asString());
			assertThat(mine.has("token")).isFalse();
			assertThat(mine.get("lastUsedAt").asString()).isNotBlank();
		}

		// the database holds a hash, not the value
		Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", id);
		byte[] value = token.getBytes(StandardCharsets.UTF_8);
		for (Map.Entry<String, Object> column : row.entrySet()) {
			byte[] stored = column.getValue() instanceof byte[] bytes ? bytes
					: String.valueOf(column.getValue()).getBytes(StandardCharsets.UTF_8);
			assertThat(indexOf(stored, value)).as("column " + column.getKey()).isEqualTo(-1);
			assertThat(new String(stored, StandardCharsets.UTF_8)).as("column " + column.getKey())
				.doesNotContain(token.substring(4));
		}
		byte[] hash = (byte[]) row.get("token_hash");
		assertThat(hash).hasSize(32);
		assertThat(hash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(value));
		Integer holding = jdbc.queryForObject(
				"SELECT count(*) FROM api_token WHERE position(convert_to(?, 'UTF8') in token_hash) > 0 OR token_prefix = ? OR name = ?",
				Integer.class, token, token, token);
		assertThat(holding).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE before_state::text LIKE ? OR after_state::text LIKE ?",
				Integer.class, "%" + token + "%", "%" + token + "%")).isZero();

		// revoke: the token stops working at once
		assertThat(operator.client().delete(TOKENS + "/" + id).status()).isEqualTo(204);
		assertUnauthenticated(bearer.get("/api/v1/clouds"));
		assertUnauthenticated(bearer.post("/api/v1/clouds", Fixtures.cloud(unique("after-revoke"))));
		assertThat(operator.client().get(TOKENS).body()).doesNotContain("\"" + name + "\"");
		assertProblem(operator.client().delete(TOKENS + "/" + id), 404, "not-found");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE id = ?", Integer.class, id)).isZero();
		// the owner's password still works
		assertThat(operator.client().get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void invalidBearerTokensAreUnauthenticated() {
		assertUnauthenticated(api.bearer("tfm_" + "A".repeat(43)).get("/api/v1/clouds"));
		assertUnauthenticated(api.bearer("not-a-tfmesh-token").get("/api/v1/clouds"));
		assertUnauthenticated(api.bearer("").get("/api/v1/clouds"));
		String name = unique("forged");
		assertUnauthenticated(api.bearer("tfm_forged").post("/api/v1/clouds", Fixtures.cloud(name)));
		assertThat(api.asAdmin().get("/api/v1/clouds?q=" + name).json().get("totalItems").asLong()).isZero();

		// a real token with one character changed
		TestAccount viewer = Fixtures.account(api, "viewer");
		String token = create(viewer.client(), unique("real"));
		char last = token.charAt(token.length() - 1);
		String altered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
		assertUnauthenticated(api.bearer(altered).get("/api/v1/clouds"));
		assertThat(api.bearer(token).get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void viewerTokenCannotWrite() {
		TestAccount viewer = Fixtures.account(api, "viewer");
		String token = create(viewer.client(), unique("read-only"));
		Api bearer = api.bearer(token);
		assertThat(bearer.get("/api/v1/clouds").status()).isEqualTo(200);
		String name = unique("by-viewer-token");
		assertProblem(bearer.post("/api/v1/clouds", Fixtures.cloud(name)), 403, "forbidden");
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("target"));
		assertProblem(bearer.delete("/api/v1/clouds/" + cloudId), 403, "forbidden");
		assertProblem(bearer.get("/api/v1/users"), 403, "forbidden");
		assertThat(api.asAdmin().get("/api/v1/clouds?q=" + name).json().get("totalItems").asLong()).isZero();
		assertThat(api.asAdmin().get("/api/v1/clouds/" + cloudId).status()).isEqualTo(200);
	}

	@Test
	void nobodyElseCanSeeOrRevokeMyToken() {
		TestAccount owner = Fixtures.account(api, "operator");
		TestAccount other = Fixtures.account(api, "admin");
		String name = unique("mine");
		Api.Response created = owner.client().post(TOKENS, Map.of("name", name));
		long id = created.json().get("details").get("id").asLong();
		String token = created.json().get("token").asString();

		assertThat(other.client().get(TOKENS).body()).doesNotContain(name);
		assertProblem(other.client().delete(TOKENS + "/" + id), 404, "not-found");
		assertProblem(api.asAdmin().delete(TOKENS + "/" + id), 404, "not-found");
		// nor with a token of their own
		String otherToken = create(other.client(), unique("theirs"));
		assertProblem(api.bearer(otherToken).delete(TOKENS + "/" + id), 404, "not-found");

		assertThat(api.bearer(token).get("/api/v1/clouds").status()).isEqualTo(200);
		assertThat(owner.client().get(TOKENS).body()).contains(name);
		assertThat(api.asAdmin().get("/api/v1/audit?objectType=api-token&objectId=" + id + "&action=delete")
			.json()
			.get("totalItems")
			.asLong()).isZero();
	}

	@Test
	void tokenOfADisabledOrDeletedUserStopsWorking() {
		Api admin = api.asAdmin();
		TestAccount user = Fixtures.account(api, "operator");
		String token = create(user.client(), unique("short-lived"));
		Api bearer = api.bearer(token);
		assertThat(bearer.get("/api/v1/clouds").status()).isEqualTo(200);

		assertThat(admin.put("/api/v1/users/" + user.id(), Map.of("role", "operator", "enabled", false, "version", 0))
			.status()).isEqualTo(200);
		assertUnauthenticated(bearer.get("/api/v1/clouds"));
		assertThat(admin.put("/api/v1/users/" + user.id(), Map.of("role", "operator", "enabled", true, "version", 1))
			.status()).isEqualTo(200);
		assertThat(bearer.get("/api/v1/clouds").status()).isEqualTo(200);

		// a role change shows on the very next call made with the token
		assertThat(admin.put("/api/v1/users/" + user.id(), Map.of("role", "viewer", "enabled", true, "version", 2))
			.status()).isEqualTo(200);
		assertProblem(bearer.post("/api/v1/clouds", Fixtures.cloud(unique("demoted"))), 403, "forbidden");

		assertThat(admin.delete("/api/v1/users/" + user.id()).status()).isEqualTo(204);
		assertUnauthenticated(bearer.get("/api/v1/clouds"));
	}

	@Test
	void invalidAndDuplicateTokenRequestsAreRefused() {
		TestAccount user = Fixtures.account(api, "viewer");
		Api client = user.client();
		assertInvalidField(client.post(TOKENS, Map.of("name", " ")), "name");
		assertInvalidField(client.post(TOKENS, Map.of()), "name");
		assertInvalidField(client.post(TOKENS, Map.of("name", "n".repeat(101))), "name");
		assertInvalidField(client.post(TOKENS, Map.of("name", "x", "expiresInDays", 0)), "expiresInDays");
		assertInvalidField(client.post(TOKENS, Map.of("name", "x", "expiresInDays", 3651)), "expiresInDays");
		assertInvalidField(client.post(TOKENS, Map.of("name", "x", "expiresInDays", "soon")), "expiresInDays");
		assertProblem(client.post(TOKENS, "{"), 400, "unreadable-body");
		assertThat(client.get(TOKENS).json().size()).isZero();

		String name = unique("twice");
		create(client, name);
		assertConflictOnField(client.post(TOKENS, Map.of("name", name)), "name");
		assertConflictOnField(client.post(TOKENS, Map.of("name", "  " + name + " ")), "name");
		assertThat(client.get(TOKENS).json().size()).isEqualTo(1);
		// another user may use the same name
		assertThat(Fixtures.account(api, "viewer").client().post(TOKENS, Map.of("name", name)).status()).isEqualTo(201);
	}

	@Test
	void concurrentCreatesOfOneTokenNameLetExactlyOneWin() {
		TestAccount user = Fixtures.account(api, "viewer");
		String name = unique("rush");
		List<Api.Response> responses = Concurrently.run(6, i -> user.client().post(TOKENS, Map.of("name", name)));
		assertThat(responses.stream().filter(response -> response.status() == 201).count()).as(responses.toString())
			.isEqualTo(1);
		for (Api.Response response : responses) {
			if (response.status() != 201) {
				assertConflictOnField(response, "name");
			}
		}
		assertThat(user.client().get(TOKENS).json().size()).isEqualTo(1);
	}

	@Test
	void expiringTokenCarriesItsExpiry() {
		TestAccount user = Fixtures.account(api, "viewer");
		Api.Response created = user.client().post(TOKENS, Map.of("name", unique("expiring"), "expiresInDays", 30));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode details = created.json().get("details");
		java.time.Instant createdAt = java.time.Instant.parse(details.get("createdAt").asString());
		java.time.Instant expiresAt = java.time.Instant.parse(details.get("expiresAt").asString());
		assertThat(java.time.Duration.between(createdAt, expiresAt)).isEqualTo(java.time.Duration.ofDays(30));
		assertThat(api.bearer(created.json().get("token").asString()).get("/api/v1/clouds").status()).isEqualTo(200);
	}

	@Test
	void tokensAreAudited() {
		TestAccount user = Fixtures.account(api, "viewer");
		String name = unique("audited");
		Api.Response created = user.client().post(TOKENS, Map.of("name", name));
		long id = created.json().get("details").get("id").asLong();
		String token = created.json().get("token").asString();
		assertThat(user.client().delete(TOKENS + "/" + id).status()).isEqualTo(204);

		Api.Response audit = api.asAdmin().get("/api/v1/audit?objectType=api-token&objectId=" + id);
		assertThat(audit.body()).doesNotContain(token);
		JsonNode items = audit.json().get("items");
		assertThat(items.size()).isEqualTo(2);
		assertThat(items.get(0).get("action").asString()).isEqualTo("delete");
		assertThat(items.get(0).get("actor").asString()).isEqualTo(user.username());
		assertThat(items.get(0).get("objectName").asString()).isEqualTo(user.username() + "/" + name);
		assertThat(items.get(0).get("before").get("name").asString()).isEqualTo(name);
		assertThat(items.get(0).path("after").isNull() || items.get(0).path("after").isMissingNode()).isTrue();
		assertThat(items.get(1).get("action").asString()).isEqualTo("create");
		assertThat(items.get(1).get("actor").asString()).isEqualTo(user.username());
		assertThat(items.get(1).get("after").get("prefix").asString()).isEqualTo(token.substring(0, 10));
	}

	private static String create(Api client, String name) {
		Api.Response created = client.post(TOKENS, Map.of("name", name));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("token").asString();
	}

	private static JsonNode find(JsonNode list, long id) {
		for (JsonNode token : list) {
			if (token.get("id").asLong() == id) {
				return token;
			}
		}
		throw new AssertionError("no token " + id + " in " + list);
	}

	private static void assertUnauthenticated(Api.Response response) {
		assertProblem(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).as(response.toString()).contains("Bearer");
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
